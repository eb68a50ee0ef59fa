"""``python manage.py import FILE -o OUT.json``: a SAM/CloudFormation template or .drawio file becomes a document.

Pure file-in, file-out through :mod:`builder.iac` (no database). What could not be drawn is
reported on stderr, one ``file:line: status: type logical-id: message`` line each (exit 0);
a file that cannot be read or parsed is exit 2 with the reason and its line.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from builder import document, iac
from builder.render import RenderError

EXIT_FAILED = 1
EXIT_UNREADABLE = 2


def _plain(text: str) -> str:
    return text


class Command(BaseCommand):
    help = "Turn a SAM/CloudFormation template or a draw.io file into an architecture document."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help='the template (YAML or JSON) or .drawio file; "-" reads standard input')
        parser.add_argument("-o", "--output", required=True, help='where to write the document (JSON); "-" for stdout')

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        try:
            raw = sys.stdin.buffer.read(iac.MAX_TEMPLATE_BYTES + 1) if name == "-" else _read(Path(name))
        except OSError as exc:
            self.stderr.write(f"cannot read {name}: {exc.strerror or exc}", style_func=_plain)
            raise SystemExit(EXIT_UNREADABLE) from None
        label = "-" if name == "-" else Path(name).name
        try:
            imported = iac.import_file(raw, label)
        except iac.ImportFailed as exc:
            self.stderr.write(f"{name}: {exc}", style_func=_plain)
            raise SystemExit(EXIT_UNREADABLE) from None
        except RenderError as exc:
            self.stderr.write(f"{name}: the layout failed: {exc}", style_func=_plain)
            raise SystemExit(EXIT_FAILED) from None
        doc = document.validate(imported.document)
        for line in iac.report_lines(imported.report, name):
            self.stderr.write(line, style_func=_plain)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")
            counts = f"{len(doc['nodes'])} components, {len(doc['edges'])} edges, {len(imported.report)} report lines"
            self.stdout.write(f"wrote {options['output']} ({counts})")


def _read(path: Path) -> bytes:
    """At most one byte over the limit: a 10 GB file is refused without reading it all."""
    with path.open("rb") as f:
        return f.read(iac.MAX_TEMPLATE_BYTES + 1)

"""``python manage.py export FILE.json --format sam|drawio -o OUT``: a document as a template or a draw.io file.

Pure file-in, file-out through :mod:`builder.iac` (no database). Exit 2 for an invalid or
unreadable document (problems on stderr as JSON pointers) or one that cannot be written
(the reason on stderr).
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from builder import iac

from .render import EXIT_INVALID, read_document


class Command(BaseCommand):
    help = "Write an architecture document as a SAM template (YAML) or a draw.io file."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help='the document (JSON); "-" reads standard input')
        parser.add_argument("--format", choices=sorted(iac.EXPORT_FORMATS), required=True, help="sam or drawio")
        parser.add_argument("-o", "--output", required=True, help='where to write it; "-" for stdout')

    def handle(self, *args: Any, **options: Any) -> None:
        doc = read_document(self, options["file"])
        try:
            text = iac.export(doc, options["format"])
        except iac.ExportError as exc:
            self.stderr.write(f"cannot export {options['file']}: {exc}")
            raise SystemExit(EXIT_INVALID) from None
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {options['output']} ({len(text.encode()):,} bytes, {options['format']})")

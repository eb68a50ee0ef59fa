"""``python manage.py render FILE -o OUT [--format png|svg|pdf] [--layout auto|canvas] [--scale 1|2|3]
[--transparent]``: draw a document.

Pure file-in, file-out through :mod:`builder.render` (no database). The format defaults to
OUT's extension. Exit 2 for an invalid or unreadable document (problems on stderr as
JSON pointers), 1 when Graphviz fails.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings

from builder import render as renderer
from builder.cli.base import EXIT_FAILED, Failed, Outcome, load_document

from ._shell import FileCommand, finish


class Command(FileCommand):
    help = "Draw an architecture document as PNG, SVG or PDF."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help='the document (JSON); "-" reads standard input')
        parser.add_argument("-o", "--output", required=True, help="where to write the picture")
        parser.add_argument(
            "--format", choices=renderer.FORMATS, help="png, svg or pdf (default: from OUT's extension, else png)"
        )
        parser.add_argument(
            "--scale", type=int, choices=renderer.SCALES, default=1, help="PNG pixels per canvas pixel (default 1)"
        )
        parser.add_argument("--transparent", action="store_true", help="no background fill")
        parser.add_argument(
            "--layout",
            choices=renderer.LAYOUTS,
            default="auto",
            help="auto (Graphviz arranges it) or canvas (as drawn in the editor)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["output"])
        suffix = out.suffix.lstrip(".").lower()
        fmt = options["format"] or (suffix if suffix in renderer.FORMATS else "png")
        try:
            doc = load_document(options["file"])
        except Failed as failed:
            finish(self, failed.outcome)
            return
        opts = renderer.Options(
            dot_binary=str(getattr(settings, "RENDER_DOT_BINARY", "dot")),
            limits=renderer.Limits(timeout_s=float(getattr(settings, "RENDER_TIME_LIMIT_S", 60))),
            scale=options["scale"],
            transparent=options["transparent"],
        )
        try:
            data = renderer.render(doc, fmt, options["layout"], opts)
        except renderer.RenderError as exc:
            finish(self, Outcome(EXIT_FAILED, "", f"render failed: {exc}\n"))
            return
        out.write_bytes(data)
        self.stdout.write(f"wrote {out} ({len(data):,} bytes, {fmt}, {options['layout']} layout)")

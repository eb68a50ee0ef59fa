"""``python manage.py export_script FILE -o OUT``: write a runnable ``diagrams`` script for a document.

Exit 2 for an invalid or unreadable document (problems on stderr as JSON pointers).
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from builder import render as renderer

from .render import read_document


class Command(BaseCommand):
    help = "Export an architecture document as a diagrams (diagram-as-code) Python script."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help='the document (JSON); "-" reads standard input')
        parser.add_argument("-o", "--output", required=True, help='where to write the script ("-" for stdout)')

    def handle(self, *args: Any, **options: Any) -> None:
        script = renderer.export_script(read_document(self, options["file"]))
        if options["output"] == "-":
            self.stdout.write(script, ending="")
        else:
            Path(options["output"]).write_text(script, encoding="utf-8")
            self.stdout.write(f"wrote {options['output']}")

"""``python manage.py export_script FILE -o OUT``: write a runnable ``diagrams`` script for a document.

Exit 2 for an invalid or unreadable document (problems on stderr as JSON pointers).
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from builder import render as renderer
from builder.cli.base import Failed, load_document, write_output

from ._shell import FileCommand, finish


class Command(FileCommand):
    help = "Export an architecture document as a diagrams (diagram-as-code) Python script."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help='the document (JSON); "-" reads standard input')
        parser.add_argument("-o", "--output", required=True, help='where to write the script ("-" for stdout)')

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            script = renderer.export_script(load_document(options["file"]))
        except Failed as failed:
            finish(self, failed.outcome)
            return
        finish(self, write_output(options["output"], script, "a diagrams script"))

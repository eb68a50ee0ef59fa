"""``python manage.py validate FILE [--format text|json|sarif]``: check a document, print findings.

A thin shell over :mod:`builder.cli.validate` (which ``python -m builder.rules`` runs without
Django); needs no database. Exit 0 when no finding is an error, 1 when one is, 2 when the
document is invalid or cannot be read.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from builder.cli import validate

from ._shell import FileCommand, finish


class Command(FileCommand):
    help = "Check an architecture document against AWS's limits and print the findings."

    def add_arguments(self, parser: ArgumentParser) -> None:
        validate.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        finish(self, validate.execute_files(options["files"], options["format"], options["lang"]))

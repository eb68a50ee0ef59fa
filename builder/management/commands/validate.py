"""``python manage.py validate FILE [--format text|json|sarif]``: check a document, print findings.

A thin shell over :mod:`builder.cli.validate` (which ``python -m builder.rules`` runs without
Django); needs no database. Exit 0 when no finding is an error, 1 when one is, 2 when the
document is invalid or cannot be read.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from builder.cli import validate


def _plain(text: str) -> str:
    return text


class Command(BaseCommand):
    help = "Check an architecture document against AWS's limits and print the findings."
    # Pure file-in, text-out: no system checks (they would import URLconfs and touch settings
    # that a CI runner may not have) and no database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        validate.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        outcome = validate.execute_files(options["files"], options["format"])
        if outcome.stdout:
            self.stdout.write(outcome.stdout, ending="")
        if outcome.stderr:
            # Plain text: the problems may be JSON, which terminal colouring would corrupt.
            self.stderr.write(outcome.stderr, style_func=_plain, ending="")
        if outcome.code:
            # Exit codes are the contract (1: error findings, 2: invalid document);
            # CommandError would always exit 1.
            raise SystemExit(outcome.code)

"""``python manage.py export``: see :mod:`builder.cli.iac`, which this runs (``manage.py`` itself
hands the command over before Django starts unless a Django option is given)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from builder.cli import iac

from ._shell import FileCommand, finish


class Command(FileCommand):
    help = iac.HELP["export"]

    def add_arguments(self, parser: ArgumentParser) -> None:
        iac.add_arguments("export", parser)

    def handle(self, *args: Any, **options: Any) -> None:
        finish(self, iac.run("export", options))

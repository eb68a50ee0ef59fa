"""What the management commands share: they are thin shells over :mod:`builder.cli`, which
returns an outcome; this prints it and exits with its code."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from builder.cli.base import Outcome


def _plain(text: str) -> str:
    return text


def finish(cmd: BaseCommand, outcome: Outcome) -> None:
    """Print the outcome and exit with its code (CommandError would always exit 1, and the
    exit codes are the contract's)."""
    if outcome.stdout:
        cmd.stdout.write(outcome.stdout, ending="")
    if outcome.stderr:
        # Plain text: the problems may be JSON, which terminal colouring would corrupt.
        cmd.stderr.write(outcome.stderr, style_func=_plain, ending="")
    if outcome.code:
        raise SystemExit(outcome.code)


class FileCommand(BaseCommand):
    """A pure file-in, file-out command: no system checks (they would import URLconfs and
    touch settings that a CI runner may not have) and no database."""

    requires_system_checks: list[str] = []
    requires_migrations_checks = False

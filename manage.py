#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

#: Django's own options: with one of them, even ``validate`` goes through Django.
_DJANGO_OPTIONS = ("--settings", "--pythonpath", "--traceback", "--verbosity", "-v", "--no-color", "--force-color")


def main() -> None:
    args = sys.argv[1:]
    if args[:1] in (["validate"], ["import"], ["export"]) and not any(
        a.split("=", 1)[0] in _DJANGO_OPTIONS for a in args
    ):
        # A file in, a file out: no settings, apps or database. The Django-free door (for
        # validate also ``python -m builder.rules``), with the same arguments, output and exit
        # codes as the management command, without Django's start-up.
        prog = f"manage.py {args[0]}"
        if args[0] == "validate":
            from builder.cli.validate import main as validate

            raise SystemExit(validate(args[1:], prog=prog))
        from builder.cli.iac import main as iac

        raise SystemExit(iac(args[0], args[1:], prog=prog))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

"""``python -m builder.rules FILE [--format text|json|sarif]``: the validator without Django.

For CI and pre-commit: the same output and exit codes as ``manage.py validate`` (see
:mod:`builder.cli.validate`), a fraction of its start-up time.
"""

from builder.cli.validate import main

if __name__ == "__main__":
    raise SystemExit(main(prog="python -m builder.rules"))

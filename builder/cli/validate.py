"""The ``validate`` command: a file in, findings out, an exit code that CI can act on.

Two doors, one behaviour (CONTRACT §3):

- ``python -m builder.rules FILE... [--format text|json|sarif]`` (or the ``serverless-validate``
  console script that ``pip install .`` puts on the PATH): no Django, for CI and pre-commit;
- ``python manage.py validate FILE [...]``: the same, as a Django management command.

Both parse their arguments with :func:`add_arguments` and run :func:`execute_files`, so options,
output and exit codes cannot drift apart. Exit codes: 0 no error finding, 1 an error
finding, 2 an invalid document (or a file that cannot be read), problems on stderr as
pointers.

A SAM/CloudFormation template (by its name, or JSON with ``Resources``) is imported and checked
by :mod:`builder.cli.templates`, each finding located at its resource's line. To teach the
command another kind of input, extend :func:`validate_bytes`: it gets the raw bytes and the
file name, and returns an :class:`Outcome`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from builder import document, i18n
from builder.rules import run

from . import output, templates
from .base import EXIT_ERRORS, EXIT_INVALID, EXIT_OK, Failed, Outcome, emit, read_input

FORMATS = ("text", "json", "sarif")


def validate_bytes(raw: bytes | str, fmt: str = "text", filename: str = "-", lang: str = i18n.DEFAULT) -> Outcome:
    """Check a document given as JSON text and format the result; never raises for bad input.
    ``lang`` (``en`` or ``ko``) is the language of the messages, hints and rule texts."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    if templates.is_template(raw, filename):
        return Outcome(*templates.validate_template(raw, fmt, filename, lang))
    try:
        doc = document.load(raw)
    except document.InvalidDocument as exc:
        return Outcome(EXIT_INVALID, "", output.format_problems(exc.problems, fmt, filename, lang))
    findings = [f.in_language(lang) for f in run(doc)]
    code = EXIT_ERRORS if any(f.severity == "error" for f in findings) else EXIT_OK
    if fmt == "json":
        out = output.format_json(findings)
    elif fmt == "sarif":
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        out = output.format_sarif(findings, doc, text, filename, lang)
    else:
        out = output.format_text(findings, filename, lang)
    return Outcome(code, out, "")


def execute(name: str, fmt: str = "text", lang: str = i18n.DEFAULT) -> Outcome:
    """Read ``name`` and validate it; a file that cannot be read is exit 2 with the reason."""
    try:
        raw = read_input(name)
    except Failed as failed:
        return failed.outcome
    return validate_bytes(raw, fmt, name, lang)


def execute_files(names: Sequence[str], fmt: str = "text", lang: str = i18n.DEFAULT) -> Outcome:
    """Validate several files (pre-commit passes a batch): text output one after the other,
    the worst exit code. JSON and SARIF describe one document, so they take one file."""
    if len(names) != 1 and fmt != "text":
        return Outcome(EXIT_INVALID, "", f"--format {fmt} takes one file; got {len(names)}\n")
    outcomes = [execute(name, fmt, lang) for name in names]
    return Outcome(
        max(o.code for o in outcomes), "".join(o.stdout for o in outcomes), "".join(o.stderr for o in outcomes)
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (shared by both doors)."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help='the document (JSON) or a SAM/CloudFormation template; "-" reads standard input; several with text',
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=i18n.DEFAULT,
        help="language of the messages, fix hints and rule texts (default: en)",
    )


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """The Django-free entry point: parse ``argv``, validate, print, return the exit code.

    argparse's own usage errors exit 2 too, the code for "could not check this input".
    """
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check an architecture document against AWS's limits and print the findings.",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    return emit(execute_files(args.files, args.format, args.lang), sys.stdout, sys.stderr)

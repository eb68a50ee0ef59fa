"""The ``import`` and ``export`` commands (``manage.py import`` / ``manage.py export``).

- ``import FILE -o OUT.json``: a SAM/CloudFormation template (YAML or JSON) or a ``.drawio``
  file becomes a document. What could not be drawn is reported on stderr, one
  ``FILE:LINE: status: TYPE ID: message`` line each, and the command still succeeds (exit 0);
  a file that cannot be read or parsed is exit 2 with the reason and its line; a failed
  layout is exit 1.
- ``export FILE.json --format sam|drawio -o OUT``: the document as a SAM template or a draw.io
  file; exit 2 for an invalid document (its problems as JSON pointers) or one that cannot be
  written (the reason).
- ``--lang ko|en`` on both: the language of the reasons and of the report's messages (default en).

Pure: no Django. ``manage.py import|export`` run :func:`main` before Django starts (as
``validate`` does); the management commands of the same names parse the same arguments
(:func:`add_arguments`) and run the same functions, for ``call_command`` and Django's options.
The IaC packages are imported when a command runs, not before.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from builder import document, i18n
from builder.i18n import t

from .base import EXIT_FAILED, EXIT_INVALID, Failed, Outcome, emit, load_document, read_input, write_output

EXPORT_FORMATS = ("drawio", "sam")  # what builder.iac.export writes (a test keeps the two equal)
HELP = {
    "import": "Turn a SAM/CloudFormation template or a draw.io file into an architecture document.",
    "export": "Write an architecture document as a SAM template (YAML) or a draw.io file.",
}


def add_arguments(command: str, parser: argparse.ArgumentParser) -> None:
    """The arguments of ``import`` or ``export`` (shared by both doors)."""
    if command == "import":
        parser.add_argument("file", help='the template (YAML or JSON) or .drawio file; "-" reads standard input')
        parser.add_argument("-o", "--output", required=True, help='where to write the document (JSON); "-" for stdout')
    else:
        parser.add_argument("file", help='the document (JSON); "-" reads standard input')
        parser.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="sam or drawio")
        parser.add_argument("-o", "--output", required=True, help='where to write it; "-" for stdout')
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=i18n.DEFAULT,
        help="language of the reasons and the report (default: en)",
    )


def run(command: str, options: dict[str, str]) -> Outcome:
    lang = options.get("lang") or i18n.DEFAULT
    if command == "import":
        return import_command(options["file"], options["output"], lang)
    return export_command(options["file"], options["format"], options["output"], lang)


def main(command: str, argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """The Django-free door: parse ``argv``, run ``command``, print, return the exit code."""
    parser = argparse.ArgumentParser(prog=prog, description=HELP[command])
    add_arguments(command, parser)
    return emit(run(command, vars(parser.parse_args(argv))), sys.stdout, sys.stderr)


def import_command(name: str, output: str, lang: str = i18n.DEFAULT) -> Outcome:
    from builder import iac
    from builder.render import RenderError

    try:
        raw = read_input(name, iac.MAX_TEMPLATE_BYTES)
        label = "-" if name == "-" else Path(name).name
        try:
            imported = iac.import_file(raw, label)
        except iac.ImportFailed as exc:
            return Outcome(EXIT_INVALID, "", f"{name}: {i18n.said(exc, lang)}\n")
        except RenderError as exc:
            failed = t("the layout failed: {error}", error=exc.args[0] if exc.args else str(exc))
            return Outcome(EXIT_FAILED, "", f"{name}: {i18n.render(failed, lang)}\n")
    except Failed as failed:
        return failed.outcome
    doc = document.validate(imported.document)
    report = "".join(line + "\n" for line in iac.report_lines(imported.report, name, lang))
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    counts = f"{len(doc['nodes'])} components, {len(doc['edges'])} edges, {len(imported.report)} report lines"
    written = write_output(output, text, counts)
    return Outcome(written.code, written.stdout, report + written.stderr)


def export_command(name: str, fmt: str, output: str, lang: str = i18n.DEFAULT) -> Outcome:
    from builder import iac

    try:
        doc = load_document(name)
    except Failed as failed:
        return failed.outcome
    try:
        text = iac.export(doc, fmt)
    except iac.ExportError as exc:
        said = i18n.render(t("cannot export {file}: {error}", file=name, error=exc.args[0] if exc.args else ""), lang)
        return Outcome(EXIT_INVALID, "", said + "\n")
    return write_output(output, text, f"{len(text.encode()):,} bytes, {fmt}")

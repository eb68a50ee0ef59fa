"""What every command of the command line shares: reading its input, writing its output, how
it ends (an :class:`Outcome`: exit code, stdout, stderr) and the exit codes themselves.

Exit codes (the contract's, for every command): 0 done (for ``validate``: no error finding),
1 ``validate`` found an error, or the work itself failed (a layout or a render), 2 the input
could not be read, parsed or checked, with the reason on stderr.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from builder import document

EXIT_OK, EXIT_ERRORS, EXIT_INVALID = 0, 1, 2
EXIT_FAILED = 1


@dataclass(frozen=True)
class Outcome:
    """What the command prints and how it exits."""

    code: int
    stdout: str
    stderr: str


class Failed(Exception):
    """A command stops here with this outcome (an unreadable file, an invalid document)."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.outcome = Outcome(code, "", message if message.endswith("\n") else message + "\n")


def read_input(name: str, limit: int | None = None) -> bytes:
    """The bytes of ``name``, or of standard input for ``-``; at most one byte over ``limit``,
    so a 10 GB file is refused without reading it all. Raises :class:`Failed` (exit 2)."""
    size = -1 if limit is None else limit + 1
    try:
        if name == "-":
            return sys.stdin.buffer.read(size)
        with Path(name).open("rb") as f:
            return f.read(size)
    except OSError as exc:
        raise Failed(EXIT_INVALID, f"cannot read {name}: {exc.strerror or exc}") from None


def load_document(name: str) -> dict[str, Any]:
    """Read and check the document in ``name``; an invalid one is exit 2 with every problem
    on stderr, one JSON object (pointer and message) a line."""
    raw = read_input(name)
    try:
        return document.load(raw)
    except document.InvalidDocument as exc:
        lines = [f"{name}: the document is invalid ({len(exc.problems)} problems)"]
        lines += [json.dumps(p.as_json(), ensure_ascii=False) for p in exc.problems]
        raise Failed(EXIT_INVALID, "\n".join(lines)) from None


def write_output(name: str, text: str, summary: str) -> Outcome:
    """Write ``text`` to ``name`` (``-``: standard output) and say what was written."""
    if name == "-":
        return Outcome(EXIT_OK, text, "")
    try:
        Path(name).write_text(text, encoding="utf-8")
    except OSError as exc:
        return Outcome(EXIT_INVALID, "", f"cannot write {name}: {exc.strerror or exc}\n")
    return Outcome(EXIT_OK, f"wrote {name} ({summary})\n", "")


def emit(outcome: Outcome, stdout: TextIO, stderr: TextIO) -> int:
    """Write an outcome to the streams and return its exit code."""
    if outcome.stdout:
        stdout.write(outcome.stdout)
    if outcome.stderr:
        stderr.write(outcome.stderr)
    return outcome.code

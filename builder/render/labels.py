"""User text -> DOT label strings that Graphviz shows exactly as typed.

Graphviz gives meaning to a lot of label text (measured on diagrams 0.25.1 + Graphviz
2.43): ``<...>`` is an HTML-like label (new nodes, attributes, ``<IMG>`` of local files),
``\\N``/``\\G``/``\\L`` expand or align, ``&amp;`` and friends decode, a trailing backslash
breaks the file, NUL kills dot, a quoted string over 16,381 bytes is refused. So every
user string goes through :func:`dot_label`, and nothing from the user ever reaches an
attribute name, an attribute other than ``label``/``tooltip``, or a file path.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

from graphviz import nohtml

#: Same cap as the document's labels; a renderer fed an unvalidated string stays bounded.
MAX_CHARS = 200
#: Characters per line before a label wraps (at spaces only: words are never cut).
WRAP_WIDTH = 20

# C0/C1 controls (tab and newline handled separately), DEL, and the line/paragraph
# separators some fonts draw as boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: object, limit: int = MAX_CHARS) -> str:
    """Printable text: controls dropped, tabs as spaces, CRLF as LF, at most ``limit`` chars."""
    s = str(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", s)[:limit]


def _width(s: str) -> int:
    # Hangul and other wide characters take about two Latin columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Lines of at most ``width`` columns, broken at spaces only; the user's newlines kept."""
    lines: list[str] = []
    for para in text.split("\n"):
        if _width(para) <= width:
            lines.append(para)
            continue
        # textwrap counts characters; give it a width in characters that fits wide text.
        ratio = len(para) / max(_width(para), 1)
        lines.extend(
            textwrap.wrap(para, max(8, int(width * ratio)), break_long_words=False, break_on_hyphens=False) or [""]
        )
    return lines


def dot_label(text: object, *, limit: int = MAX_CHARS, width: int | None = WRAP_WIDTH) -> str:
    """A DOT escString that renders ``text`` literally (after cleaning and wrapping).

    Order matters: backslashes are doubled first (so ``\\N`` and a trailing ``\\`` are
    literal), then ``&`` becomes ``&amp;`` (Graphviz decodes entities in plain labels too),
    then our own line breaks are added as ``\\n``. ``nohtml`` makes the graphviz package
    quote the result even when it looks like ``<...>``; it escapes ``"`` itself.
    """
    s = clean(text, limit)
    lines = wrap(s, width) if width else s.split("\n")
    escaped = [line.replace("\\", "\\\\").replace("&", "&amp;") for line in lines]
    quoted: str = nohtml("\\n".join(escaped))  # a str subclass (graphviz has no types)
    return quoted


def plain(text: object, limit: int = MAX_CHARS) -> str:
    """The text as it appears in the picture, line breaks aside (for tests and tooltips)."""
    return clean(text, limit)

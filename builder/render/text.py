"""Text measured with the fonts Graphviz will draw it with, and wrapped as the editor's CSS does.

The picture is laid out before Graphviz runs (positions, label boxes, routes), so label
widths are measured here with FreeType (Pillow) on the same font files fontconfig gives
Pango and Chromium: the style's first Latin family for Latin text, the first Korean family
for wide (Hangul, CJK) characters. A missing font falls back to a width estimate.

Wrapping follows the canvas (``.aws-node-label``): whitespace collapses, lines break at
spaces (``word-break: keep-all``), a word wider than the line breaks anywhere
(``overflow-wrap: anywhere``), and after the last allowed line the text ends with an
ellipsis (``-webkit-line-clamp``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from PIL import ImageFont

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


@cache
def _font_file(family: str, bold: bool, italic: bool) -> str | None:
    fc = shutil.which("fc-match")
    if not fc:
        return None
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    try:
        out = subprocess.run([fc, "-f", "%{family}\n%{file}", pattern], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.stdout.splitlines()
    if len(lines) < 2 or family.lower() not in lines[0].lower():
        return None  # fontconfig substituted another family: not the one Pango will use
    return lines[1]


@cache
def _fonts(families: str, bold: bool, italic: bool) -> tuple[str | None, str | None]:
    """The files of the first installed Latin family and the first installed Korean one."""
    names = [f.strip() for f in families.split(",") if f.strip()]
    latin = korean = None
    for name in names:
        path = _font_file(name, bold, italic)
        if not path:
            continue
        if latin is None:
            latin = path
        if korean is None and _has_hangul(path):
            korean = path
        if latin and korean:
            break
    return latin, korean


@cache
def _has_hangul(path: str) -> bool:
    font = ImageFont.truetype(path, 20)
    # A font without the glyph draws .notdef: compare with an unassigned code point's box.
    missing = "\u0378"
    return (font.getmask("한").getbbox(), font.getlength("한")) != (
        font.getmask(missing).getbbox(),
        font.getlength(missing),
    )


@lru_cache(maxsize=64)
def _truetype(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


@lru_cache(maxsize=20000)
def width(text: str, px: int, families: str, bold: bool = False, italic: bool = False) -> float:
    """The advance width of one line of ``text`` at ``px`` pixels, in pixels."""
    latin, korean = _fonts(families, bold, italic)
    total = 0.0
    for run, wide in _runs(text):
        path = korean if wide else latin
        if path:
            total += _truetype(path, px).getlength(run)
        else:  # no font file: DejaVu-like averages
            total += len(run) * px * (1.0 if wide else 0.62)
    return total


def _runs(text: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for ch in text:
        wide = _wide(ch)
        if out and out[-1][1] == wide:
            out[-1] = (out[-1][0] + ch, wide)
        else:
            out.append((ch, wide))
    return out


def wrap(
    text: str,
    max_px: float,
    px: int,
    families: str,
    *,
    bold: bool = False,
    italic: bool = False,
    max_lines: int | None = None,
) -> list[str]:
    """Lines of ``text`` no wider than ``max_px``, the last one ellipsised past ``max_lines``."""

    def w(s: str) -> float:
        return width(s, px, families, bold, italic)

    words = _SPACE.sub(" ", text).strip().split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if w(candidate) <= max_px:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        # A word wider than a line breaks anywhere (overflow-wrap: anywhere).
        while w(word) > max_px:
            cut = _fit(word, max_px, w)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1]
        rest = " ".join(lines[max_lines - 1 :])
        cut = _fit(rest + ELLIPSIS, max_px, w) if w(rest) > max_px else len(rest)
        last = rest[: max(cut - 1, 1)].rstrip() + ELLIPSIS
        while len(last) > 1 and w(last) > max_px:
            last = last[:-2].rstrip() + ELLIPSIS
        lines = [*lines[: max_lines - 1], last]
    return lines


def _fit(s: str, max_px: float, measure: Callable[[str], float]) -> int:
    """How many leading characters of ``s`` fit in ``max_px`` (at least one)."""
    lo, hi = 1, len(s)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(s[:mid]) <= max_px:
            lo = mid
        else:
            hi = mid - 1
    return lo


def ellipsize(text: str, max_px: float, px: int, families: str, *, bold: bool = False) -> str:
    """One line, cut with an ellipsis to ``max_px`` (``text-overflow: ellipsis``)."""
    text = _SPACE.sub(" ", text).strip()
    if width(text, px, families, bold) <= max_px:
        return text
    if max_px <= width(ELLIPSIS, px, families, bold):
        return ""
    cut = _fit(text, max_px - width(ELLIPSIS, px, families, bold), lambda s: width(s, px, families, bold))
    return text[:cut].rstrip() + ELLIPSIS

"""Make Graphviz's SVG self-contained: icons inlined as ``data:`` URIs.

Graphviz links images by the path it was given (``xlink:href="/abs/.../lambda.png"``):
useless in a browser and a leak of the server's layout. Every href is rewritten; one we
did not put there ourselves (there should be none) is dropped rather than kept.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

_HREF = re.compile(r'(xlink:href|href)="([^"]*)"')


@cache
def _data_uri(path: str) -> str:
    # Icons are small (<50 KB) and few; cache them for the life of the process.
    return "data:image/png;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


def inline_images(svg: bytes, icons: set[Path]) -> bytes:
    known = {str(p) for p in icons}
    text = svg.decode("utf-8")

    def swap(m: re.Match[str]) -> str:
        attr, value = m.group(1), m.group(2)
        if value in known:
            return f'{attr}="{_data_uri(value)}"'
        if value.startswith("data:") or value.startswith("#"):
            return m.group(0)
        return f'{attr}=""'

    return _HREF.sub(swap, text).encode("utf-8")


_FONT = re.compile(r'font-family="([^"]*?)(?: (Bold|Semi-Bold|Italic|Bold Italic|Semi-Bold Italic))?"')
_WEIGHTS = {"Bold": "700", "Semi-Bold": "600"}


def _font_attrs(m: re.Match[str]) -> str:
    # Graphviz writes our Pango description ("family list Bold") as the SVG family; split the
    # style words into SVG's own attributes so browsers pick the same face as the PNG.
    family, words = m.group(1), (m.group(2) or "").split()
    out = f'font-family="{family}"'
    weight = next((_WEIGHTS[w] for w in words if w in _WEIGHTS), None)
    if weight:
        out += f' font-weight="{weight}"'
    if "Italic" in words:
        out += ' font-style="italic"'
    return out


def finish(svg: bytes, icons: set[Path]) -> bytes:
    """Icons inlined and font styles as SVG attributes: a self-contained SVG."""
    text = inline_images(svg, icons).decode("utf-8")
    return _FONT.sub(_font_attrs, text).encode("utf-8")

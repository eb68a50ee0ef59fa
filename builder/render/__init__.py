"""The renderer: architecture document -> DOT -> PNG or SVG bytes. Pure: no Django.

    from builder.render import render
    png = render(doc, "png", "auto")

Steps: validate and fill defaults (:mod:`builder.document`), build the graph
(:mod:`.graph`), run Graphviz under limits (:mod:`.dot`), inline the icons into SVG
(:mod:`.svg`). :func:`export_script` writes the same drawing as a ``diagrams`` script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from builder import document

from . import svg
from .dot import Limits, RenderError, run
from .graph import LAYOUTS, Layout, build
from .script import export_script

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "Format",
    "Layout",
    "Limits",
    "Options",
    "RenderError",
    "export_script",
    "render",
    "to_dot",
]

Format = Literal["png", "svg"]
FORMATS: tuple[Format, ...] = ("png", "svg")

#: PNG resolution: 96 dpi shows the editor's pixel sizes (fonts 11 pt = 15 px).
PNG_DPI = 96
#: Longest PNG side. Cairo refuses sides over 32,767 px, and rasterising dominates the time
#: of big diagrams (diagrams' defaults made 85 megapixels at 200 nodes); beyond this the
#: picture is scaled down (SVG never is: it is the format for huge diagrams).
PNG_MAX_SIDE_PX = 9000
#: Pixel budget for the whole PNG (about 150 MB of RGBA while Cairo draws).
PNG_MAX_PIXELS = 36_000_000


@dataclass(frozen=True)
class Options:
    dot_binary: str = "dot"
    limits: Limits = field(default_factory=Limits)


def to_dot(doc: dict[str, Any], layout: Layout = "auto", fmt: Format = "png") -> tuple[str, set[Any]]:
    """The DOT source Graphviz will get for ``doc``, and the icon files it references."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    full = document.with_defaults(document.validate(doc))
    g, icons = build(full, layout)
    if fmt == "png":
        side_in = PNG_MAX_SIDE_PX / PNG_DPI
        # size= only ever shrinks ("W,H" without "!"): small diagrams keep 96 dpi.
        g.graph_attr.update({"dpi": str(PNG_DPI), "size": f"{side_in:g},{side_in:g}"})
        _cap_area(g, full)
    return g.source, icons


def _cap_area(g: Any, doc: dict[str, Any]) -> None:
    """Lower the dpi of very big diagrams so the bitmap stays within the pixel budget.

    The laid-out size is not known before dot runs; each node and its share of the gaps
    takes about 2.2 x 1.6 inches in the auto layout (measured at 200 and 500 nodes).
    """
    n = sum(1 for node in doc["nodes"])
    est_px = n * (2.2 * PNG_DPI) * (1.6 * PNG_DPI)
    if est_px > PNG_MAX_PIXELS:
        dpi = max(36, int(PNG_DPI * (PNG_MAX_PIXELS / est_px) ** 0.5))
        g.graph_attr["dpi"] = str(dpi)


def render(doc: dict[str, Any], fmt: Format = "png", layout: Layout = "auto", options: Options | None = None) -> bytes:
    """Draw a document. Raises ``document.InvalidDocument`` or :class:`RenderError`."""
    options = options or Options()
    source, icons = to_dot(doc, layout, fmt)
    engine = ("-Kneato", "-n2") if layout == "canvas" else ("-Kdot",)
    out = run(source, fmt, engine_args=engine, binary=options.dot_binary, limits=options.limits)
    if fmt == "svg":
        out = svg.inline_images(out, icons)
    return out

"""The renderer: architecture document -> PNG, SVG or PDF bytes. Pure: no Django.

    from builder.render import Options, render
    png = render(doc, "png", "canvas", Options(scale=2))

Steps: validate and fill defaults (:mod:`builder.document`); for the auto layout let
``dot`` place the nodes (:func:`.graph.auto_dot`); lay out the picture in canvas px with
the catalog's style (:mod:`.picture`: cards, frames, labels, routes from :mod:`.route`);
refuse a PNG over the bitmap budget; draw it with ``neato -n2``, everything pinned
(:mod:`.graph`, run under limits by :mod:`.dot`); make the SVG self-contained (:mod:`.svg`).
:func:`export_script` writes the diagram as a ``diagrams`` script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from builder import document
from builder.i18n import t

from . import svg
from .dot import Limits, RenderError, run
from .graph import LAYOUTS, Layout, auto_dot, drawing, picture, scene
from .picture import Picture
from .script import export_script

__all__ = [
    "FORMATS",
    "LAYOUTS",
    "SCALES",
    "Format",
    "Layout",
    "Limits",
    "Options",
    "RenderError",
    "export_script",
    "render",
    "to_dot",
]

Format = Literal["png", "svg", "pdf"]
FORMATS: tuple[Format, ...] = ("png", "svg", "pdf")
#: PNG scales: 1 px of the canvas is 1, 2 or 3 px of the PNG.
SCALES: tuple[int, ...] = (1, 2, 3)

#: PNG resolution at scale 1: 96 dpi shows the editor's pixel sizes (1 canvas px = 1 PNG px).
PNG_DPI = 96
#: Cairo refuses a side over 32,767 px.
PNG_MAX_SIDE_PX = 32_000
#: Pixel budget of one PNG (about 200 MB of RGBA while Cairo draws). A bigger picture is
#: refused, never shrunk: shrinking made 1,000 nodes' text 1.5 px tall.
PNG_MAX_PIXELS = 50_000_000


@dataclass(frozen=True)
class Options:
    dot_binary: str = "dot"
    limits: Limits = field(default_factory=Limits)
    scale: int = 1  # PNG only
    transparent: bool = False
    lang: str = "en"  # the words the picture adds (the subnet tags): the reader's language


def _picture(doc: dict[str, Any], layout: Layout, options: Options) -> Picture:
    full = document.with_defaults(document.validate(doc))
    layout_json = None
    if layout == "auto":
        items, roots = scene(full)
        layout_json = run(
            auto_dot(full, items, roots),
            "json",
            engine_args=("-Kdot",),
            binary=options.dot_binary,
            limits=options.limits,
        )
    return picture(full, layout, layout_json, lang=options.lang)


def check_png_budget(pic: Picture, scale: int) -> None:
    """Refuse a PNG over the bitmap budget with what to use instead."""
    w, h = round(pic.bounds.w * scale), round(pic.bounds.h * scale)
    if w * h > PNG_MAX_PIXELS or max(w, h) > PNG_MAX_SIDE_PX:
        instead = (
            t("export SVG or PDF (vector, any size) or a lower scale instead")
            if scale > 1
            else t("export SVG or PDF (vector, any size) instead")
        )
        raise RenderError(
            t(
                "this diagram is {w:,} x {h:,} px as a PNG at scale {scale} ({mp:.0f} megapixels; the limit is "
                "{limit:.0f} megapixels and {side:,} px a side). A smaller PNG would be unreadable: {instead}.",
                w=w,
                h=h,
                scale=scale,
                mp=w * h / 1e6,
                limit=PNG_MAX_PIXELS / 1e6,
                side=PNG_MAX_SIDE_PX,
                instead=instead,
            )
        )


def to_dot(
    doc: dict[str, Any], layout: Layout = "auto", fmt: Format = "png", options: Options | None = None
) -> tuple[str, set[Any]]:
    """The DOT source ``neato -n2`` gets for ``doc``, and the icon files it references."""
    options = options or Options()
    if fmt not in FORMATS:
        raise ValueError(t("format must be one of {choices}", choices=", ".join(FORMATS)))
    pic = _picture(doc, layout, options)
    return drawing(pic, transparent=options.transparent)


def render(doc: dict[str, Any], fmt: Format = "png", layout: Layout = "auto", options: Options | None = None) -> bytes:
    """Draw a document. Raises ``document.InvalidDocument`` or :class:`RenderError`."""
    options = options or Options()
    if fmt not in FORMATS:
        raise ValueError(t("format must be one of {choices}", choices=", ".join(FORMATS)))
    if options.scale not in SCALES:
        raise ValueError(t("scale must be one of {choices}", choices=", ".join(map(str, SCALES))))
    pic = _picture(doc, layout, options)
    if fmt == "png":
        check_png_budget(pic, options.scale)
    source, icons = drawing(pic, transparent=options.transparent)
    engine: tuple[str, ...] = ("-Kneato", "-n2")
    if fmt == "png":
        engine += (f"-Gdpi={PNG_DPI * options.scale}",)
    out = run(source, fmt, engine_args=engine, binary=options.dot_binary, limits=options.limits)
    if fmt == "svg":
        out = svg.finish(out, icons)
    return out

"""The one geometry and style of a diagram, read by the editor and by the renderer.

Taken from what the editor draws (the canvas is what users drew): a component is a
120 x 92 px card with a 44 px icon and up to two 12 px label lines under it; a container
is a frame with a 32 px title bar; the frame colours are AWS's current architecture group
colours (Region teal and dashed, VPC purple, public subnet green, private subnet teal).

Served as the ``"style"`` key of ``GET /api/catalog/`` (the editor's CSS reads it as custom
properties) and read by :mod:`builder.render` for every export, so a canvas-layout export
is the canvas. Change a number here and both follow; never copy one elsewhere.

Colours are CSS hex (``#rrggbb`` or ``#rrggbbaa``), which Graphviz and every SVG viewer
read too; sizes are CSS px at zoom 1 (= PNG px at scale 1).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from builder import i18n

#: Latin first, with a real backslash at U+005C (NanumGothic and other Korean fonts draw a
#: won sign there), then Korean fonts for Hangul (each glyph falls back along the list, in
#: Pango as in browsers). Comma-separated without quotes: valid CSS, and the form Pango's
#: font descriptions take (Graphviz passes ``fontname`` to Pango as is).
FONT_FAMILY = (
    "DejaVu Sans,Noto Sans,Helvetica Neue,Arial,Noto Sans CJK KR,Noto Sans KR,"
    "Apple SD Gothic Neo,Malgun Gothic,NanumGothic,sans-serif"
)


@dataclass(frozen=True)
class ComponentStyle:
    """A component (non-container) node: a card with the icon on top and the label under it."""

    w: int = 120  # card width, px (frontend COMPONENT_SIZE)
    h: int = 92  # card height, px
    icon_px: int = 44  # icon side
    icon_top: int = 10  # card top -> icon top (1 px border + 9 px padding)
    label_px: int = 12  # label font size
    label_weight: int = 600
    label_line_px: int = 15  # line height
    label_top: int = 59  # card top -> first label line (icon bottom + 5 px gap)
    label_max_lines: int = 2  # lines shown; a longer label ends with an ellipsis
    label_max_width_px: int = 106  # 120 - 2 x (1 px border + 6 px padding): wrap width
    radius: int = 8
    border: str = "#d5dbe3"
    fill: str = "#ffffff"
    text: str = "#16202c"


@dataclass(frozen=True)
class ContainerStyle:
    """The frame shared by every container kind (colours per kind are in :class:`ContainerKind`)."""

    title_h: int = 32  # title bar height: children must stay below it
    title_px: int = 13  # title font size (bold)
    title_weight: int = 700
    title_line_px: int = 15  # title line height; a title too long for one line wraps
    title_max_lines: int = 2  # onto a second line (2 x 15 px fit the bar); past that it ends with "…"
    meta_px: int = 12  # the summary after the title (type, CIDR, AZ...)
    icon_px: int = 32  # the group icon in the top-left corner, on the kind's stroke colour
    icon_pad: int = 4
    tag_px: int = 10  # the Public / Private tag of a subnet
    border_px: int = 2
    radius: int = 4
    padding: int = 16  # room kept between a container's edge and its children
    min_w: int = 180  # resize limits
    min_h: int = 120
    default_w: int = 400  # size of a container whose type has no default_size
    default_h: int = 300
    text: str = "#16202c"
    meta_text: str = "#4a5666"


@dataclass(frozen=True)
class ContainerKind:
    """Colours of one container kind: AWS Architecture Icons' group colours."""

    stroke: str
    fill: str
    text: str  # title colour: the group hue, dark enough for 4.5:1 on white
    dash: bool = False
    tag: str | None = None  # short tag drawn in the title ("Public", "Private"; English: see tag_in)

    def tag_in(self, lang: str) -> str | None:
        """The tag in ``lang`` (its Korean is in ``builder/i18n/ko.py``, as the catalog's words)."""
        return i18n.gettext(self.tag, lang) if self.tag else None


@dataclass(frozen=True)
class EdgeStyle:
    stroke: str = "#5f6b7a"
    width: float = 1.6
    unsupported: str = "#d13212"  # a connection AWS does not support: red, dashed
    label_px: int = 11
    label_bg: str = "#fffffff2"
    label_border: str = "#d5dbe3"
    label_text: str = "#16202c"  # a typed label (bold)
    label_auto_text: str = "#5f6b7a"  # the catalog's verb shown when the edge has no label (italic)
    label_auto_bg: str = "#f4f6f9e6"
    label_max_width_px: int = 180  # the label's box, padding included: its text wraps inside
    label_max_lines: int = 2
    label_line_px: int = 14
    label_pad_x: int = 6
    label_pad_y: int = 1
    label_radius: int = 10


@dataclass(frozen=True)
class RouteStyle:
    """How both edge routers (the editor's ``document/routing.ts`` and the export's
    :mod:`builder.render.route`) price a route, so the canvas and a canvas-layout export
    draw the same lines. A route is the cheapest orthogonal path: its length in px, plus
    ``bend`` per bend, with a px run lengthwise inside a container's frame-border band (a
    ``border_band`` px strip centred on the frame line) or lengthwise through a title bar
    costing ``soft`` px. A line therefore crosses a frame or a title bar where it must,
    at right angles, and never runs along one."""

    clearance: int = 14  # px kept between a route and a card it passes; also the stub out of a box
    bend: int = 40  # cost of one bend, in px of length
    soft: int = 20  # cost factor of a px run along a frame border band or through a title bar
    border_band: int = 16  # width of the band centred on a container's frame line
    window: int = 80  # first search window around the two ends, px
    window_growth: int = 4  # the window grows by this factor when walled in
    window_tries: int = 3  # searches before the plain elbow


@dataclass(frozen=True)
class DarkPalette:
    """The editor's dark theme: only the colours that change on a dark canvas (the editor lays
    them over the light ones). Exports are drawn with the light colours above."""

    background: str = "#0f1620"
    text: str = "#e6ebf2"
    component_fill: str = "#1b2430"
    component_border: str = "#3a4656"
    component_text: str = "#e6ebf2"
    #: behind a component's icon: AWS's glyphs are drawn for light paper (some are near black)
    icon_backdrop: str = "#f4f6f9"
    container_text: str = "#e6ebf2"
    container_meta_text: str = "#a9b4c2"
    #: container titles by kind (``containers`` keys, ``"default"`` for any other): 4.5:1 on the background
    container_titles: dict[str, str] = field(
        default_factory=lambda: {
            "aws.region": "#2fd1d3",
            "aws.vpc": "#b994ff",
            "aws.subnet.public": "#a3cf3a",
            "aws.subnet.private": "#2fd1d3",
            "default": "#b4bfcc",
        }
    )
    edge_stroke: str = "#93a1b3"
    edge_unsupported: str = "#ff7b61"
    edge_label_bg: str = "#1b2430f2"
    edge_label_border: str = "#3a4656"
    edge_label_text: str = "#e6ebf2"
    edge_label_auto_text: str = "#a9b4c2"
    edge_label_auto_bg: str = "#0f1620e6"


@dataclass(frozen=True)
class Style:
    font_family: str = FONT_FAMILY
    text: str = "#16202c"
    background: str = "#ffffff"
    min_text_px: int = 9  # no text in an export is smaller than this at scale 1
    title_px: int = 16  # the diagram's name above an export
    component: ComponentStyle = field(default_factory=ComponentStyle)
    container: ContainerStyle = field(default_factory=ContainerStyle)
    containers: dict[str, ContainerKind] = field(
        default_factory=lambda: {
            "aws.region": ContainerKind("#00a4a6", "#00a4a608", "#007d80", dash=True),
            "aws.vpc": ContainerKind("#8c4fff", "#8c4fff09", "#7340d9"),
            "aws.subnet.public": ContainerKind("#7aa116", "#7aa11612", "#3f6d0c", tag="Public"),
            "aws.subnet.private": ContainerKind("#00a4a6", "#00a4a60f", "#007d80", tag="Private"),
        }
    )
    #: Any other container kind.
    container_default: ContainerKind = field(default_factory=lambda: ContainerKind("#7d8998", "#7d89980a", "#4a5666"))
    edge: EdgeStyle = field(default_factory=EdgeStyle)
    route: RouteStyle = field(default_factory=RouteStyle)
    dark: DarkPalette = field(default_factory=DarkPalette)

    def container_kind(self, type_key: str, props: dict[str, Any] | None = None) -> ContainerKind:
        """The colours of a container: subnets by their ``visibility`` (private unless public)."""
        if type_key == "aws.subnet":
            public = (props or {}).get("visibility") == "public"
            type_key = "aws.subnet.public" if public else "aws.subnet.private"
        return self.containers.get(type_key, self.container_default)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


#: THE style. Read it at call time (``style.STYLE``), never copy its values.
STYLE = Style()


def style_json(lang: str = i18n.DEFAULT) -> dict[str, Any]:
    """The ``"style"`` object of ``GET /api/catalog/``, its words (the subnet tags) in ``lang``."""
    body = STYLE.as_json()
    for key, kind in STYLE.containers.items():
        body["containers"][key]["tag"] = kind.tag_in(lang)
    return body

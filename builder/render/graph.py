"""Document -> Graphviz: the auto layout's graph for ``dot``, and the picture drawn by ``neato -n2``.

Graphviz draws, with diagrams' bundled AWS icons (chosen by the catalog); we never use
``with Diagram(...)`` (it writes into the CWD, renders even when the body raised and merges
clusters with equal labels, diagrams issue 91). User text only ever reaches ``label``
attributes through :func:`labels.dot_label`.

- ``auto``: :func:`auto_dot` is a layout-only graph (boxes as big as the cards, clusters
  with room for a title bar); ``dot -Tjson`` places it and :func:`apply_auto_layout` moves
  the items there. From then on it is drawn exactly like a canvas.
- :class:`Drawing` turns a :class:`~builder.render.picture.Picture` into DOT with every
  node (card, icon, label, frame title, tag, edge label) and every edge spline pinned
  (``pos``, ``bb``), for ``neato -n2``. Canvas px become 0.75 pt, so a 96 dpi PNG has the
  editor's pixel size; y is flipped (Graphviz's axis points up). Two invisible corner
  nodes fix the picture's extent. SVG ids: ``node-<id>``, ``icon-<id>``, ``label-<id>``,
  ``frame-<id>``, ``title-<id>``, ``tag-<id>``, ``edge-<id>``, ``elabel-<id>``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from graphviz import Digraph

from builder import catalog, i18n
from builder.catalog import style as catalog_style
from builder.catalog.style import ContainerKind, Style
from builder.i18n import t

from . import text
from .labels import clean, dot_label
from .picture import Builder, Card, Frame, Link, Picture, Text
from .route import Box

Layout = Literal["auto", "canvas"]
LAYOUTS: tuple[Layout, ...] = ("auto", "canvas")

PT_PER_PX = 0.75  # CSS px -> points (Graphviz works in points; a 96 dpi PNG shows 1 px per px)
ARROW = 0.8  # arrowsize: an arrowhead 8 pt (10.7 px) long


def _style() -> Style:
    # Read at call time: the one style object of the catalog (see builder/catalog/style.py).
    return catalog_style.STYLE


@dataclass
class Item:
    """One node of the document, resolved: type, icon, text, absolute canvas box."""

    id: str
    spec: catalog.ComponentType
    label: str
    parent: str | None
    props: dict[str, Any]
    x: float = 0.0  # absolute canvas position of the top-left corner, px
    y: float = 0.0
    w: float = 0.0  # set by scene(): the style's component size, or the container's size
    h: float = 0.0
    children: list[str] = field(default_factory=list)

    @property
    def container(self) -> bool:
        return self.spec.container


def icon_for(spec: catalog.ComponentType, props: dict[str, Any]) -> str:
    """The catalog icon of a node, honouring ``icon_by_prop`` variants (client kind, engine...)."""
    if spec.icon_by_prop:
        prop, icons = spec.icon_by_prop
        value = props.get(prop)
        if isinstance(value, str) and value in icons:
            return icons[value]
    return spec.icon


def icon_path(spec: catalog.ComponentType, props: dict[str, Any]) -> Path:
    return catalog.icon_file(icon_for(spec, props))


def group_style(item: Item) -> ContainerKind:
    return _style().container_kind(item.spec.key, item.props)


def group_title(item: Item, lang: str = "en") -> str:
    """A container's caption: the user's label, else the AWS group name, plus its key fact
    (the words in ``lang``)."""
    key = item.spec.key
    if key == "aws.region":
        region = clean(item.props.get("region"), 32)
        base = item.label or "Region"
        return f"{base} ({region})" if region and region != base else base
    if key == "aws.vpc":
        base = item.label or "VPC"
        cidr = clean(item.props.get("cidr"), 43)
        return f"{base}  {cidr}" if cidr else base
    kind = _style().container_kind(item.spec.key, item.props)
    base = item.label or i18n.render(t("{visibility} subnet", visibility=t(kind.tag or "Private")), lang)
    az = clean(item.props.get("az"), 32)
    return f"{base}  {az}" if az else base


def scene(doc: dict[str, Any]) -> tuple[dict[str, Item], list[str]]:
    """Items by id (with absolute canvas boxes) and the top-level ids, in document order.

    ``doc`` must be valid and have its defaults (``document.with_defaults``).
    """
    items: dict[str, Item] = {}
    for node in doc["nodes"]:
        spec = catalog.get(node["type"])
        assert spec is not None, node["type"]
        item = Item(node["id"], spec, clean(node.get("label")), node.get("parent"), dict(node.get("props") or {}))
        pos = node.get("position") or {}
        item.x, item.y = float(pos.get("x", 0)), float(pos.get("y", 0))
        style = _style()
        if spec.container:
            size = node.get("size") or {}
            dw, dh = spec.default_size or (style.container.default_w, style.container.default_h)
            item.w, item.h = float(size.get("w", dw)), float(size.get("h", dh))
        else:
            item.w, item.h = float(style.component.w), float(style.component.h)
        items[item.id] = item
    roots: list[str] = []
    for item in items.values():
        if item.parent in items and items[item.parent].container:
            items[item.parent].children.append(item.id)
        else:
            item.parent = None
            roots.append(item.id)

    # Positions are relative to the parent: resolve top-down (the schema forbids loops).
    # A loop, not recursion: containers may nest as deep as there are nodes.
    todo = [(i, 0.0, 0.0) for i in roots]
    while todo:
        i, ox, oy = todo.pop()
        it = items[i]
        it.x += ox
        it.y += oy
        todo.extend((child, it.x, it.y) for child in it.children)
    return items, roots


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


# --- auto layout: dot places the cards and frames -------------------------------------


def auto_dot(doc: dict[str, Any], items: dict[str, Item], roots: list[str]) -> str:
    """The layout-only graph ``dot`` arranges left to right: fixed-size boxes as big as the
    cards, clusters with room for a title bar, edge labels sized as ours. Nothing is drawn
    from it: positions are read back (``-Tjson``) and the picture is drawn like a canvas."""
    st = _style()
    c = st.component
    g = Digraph("layout", strict=False)
    g.graph_attr.update(
        {
            "rankdir": "LR",
            "splines": "none",  # edges only rank and space the nodes; we route them ourselves
            "nodesep": _fmt(48 / 96),
            "ranksep": _fmt(96 / 96),
            "fontname": st.font_family,
            "newrank": "true",
        }
    )
    g.node_attr.update(
        {
            "shape": "box",
            "fixedsize": "true",
            "width": _fmt(c.w * PT_PER_PX / 72),
            "height": _fmt(c.h * PT_PER_PX / 72),
            "label": "",
        }
    )
    g.edge_attr.update({"fontname": st.font_family, "fontsize": _fmt(st.edge.label_px * PT_PER_PX)})

    def cluster(it: Item) -> Digraph:
        sub = Digraph(f"cluster_{it.id}")
        # Two lines of title-size text reserve the title bar (32 px) above the children, and
        # em spaces after the title make the frame wide enough for its icon and tag too.
        title = (it.label or it.spec.label)[:80]
        kind = st.container_kind(it.spec.key, it.props)
        extra: float = st.container.icon_px + 16
        if kind.tag:
            extra += text.width(kind.tag, st.container.tag_px, st.font_family, True) + 20
        ems = "\u2003" * math.ceil(extra / st.container.title_px)
        sub.graph_attr.update(
            {
                "label": dot_label("\n" + title + ems, width=None),
                "fontsize": _fmt(st.container.title_px * PT_PER_PX),
                "labeljust": "l",
                "labelloc": "t",
                "margin": _fmt(st.container.padding * PT_PER_PX),
            }
        )
        sub.node(it.id, shape="point", width="0.01", height="0.01", fixedsize="true")
        for child in it.children:
            if not items[child].container:
                sub.node(child)
        return sub

    # Loops, not recursion: containers may nest as deep as there are nodes. A subgraph is
    # copied into its parent when attached, so the deepest are built and attached first.
    order = _containers_top_down(items, roots)
    subs = {i: cluster(items[i]) for i, _ in order}
    for i, _ in sorted(order, key=lambda entry: -entry[1]):
        parent = items[i].parent
        (subs[parent] if parent else g).subgraph(subs[i])
    for root in roots:
        if not items[root].container:
            g.node(root)
    for edge in doc.get("edges", []):
        src, dst = edge["source"], edge["target"]
        if src in items and dst in items and src != dst:
            label = clean(edge.get("label"))
            if not label and not (items[src].container or items[dst].container):
                conn = catalog.connection(items[src].spec.key, items[dst].spec.key)
                label = conn.label if conn else ""
            g.edge(src, dst, label=dot_label(label, width=26) if label else "")
    source: str = g.source  # graphviz has no types
    return source


def _containers_top_down(items: dict[str, Item], roots: list[str]) -> list[tuple[str, int]]:
    """Every container with its depth, parents before children, siblings in document order."""
    out: list[tuple[str, int]] = []
    todo = [(r, 0) for r in reversed(roots)]
    while todo:
        i, depth = todo.pop()
        it = items[i]
        if it.container:
            out.append((i, depth))
            todo.extend((c, depth + 1) for c in reversed(it.children))
    return out


def apply_auto_layout(layout_json: bytes, items: dict[str, Item]) -> None:
    """Move ``items`` to the positions of ``dot -Tjson`` output (points, y up -> px, y down)."""
    data = json.loads(layout_json)
    bb = [float(v) for v in data["bb"].split(",")]
    top = bb[3]

    def px(v: float) -> float:
        return v / PT_PER_PX

    c = _style().component
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name.startswith("cluster_") and "bb" in obj:
            key = name.removeprefix("cluster_")
            if key in items:
                x1, y1, x2, y2 = (float(v) for v in obj["bb"].split(","))
                it = items[key]
                it.x, it.y, it.w, it.h = px(x1), px(top - y2), px(x2 - x1), px(y2 - y1)
        elif name in items and "pos" in obj and not items[name].container:
            x, y = (float(v) for v in obj["pos"].split(","))
            it = items[name]
            it.x, it.y = px(x) - c.w / 2, px(top - y) - c.h / 2


# --- drawing: the picture as pinned Graphviz nodes and edges ---------------------------


def _font(bold: bool = False, italic: bool = False, weight: int = 400) -> str:
    """A Pango font description: the family list, then the style words."""
    fam = _style().font_family
    words = []
    if weight >= 700 or (bold and weight < 600):
        words.append("Bold")
    elif weight >= 600:
        words.append("Semi-Bold")
    if italic:
        words.append("Italic")
    return f"{fam} {' '.join(words)}" if words else fam


class Drawing:
    """Picture (canvas px, y down) -> DOT for ``neato -n2`` with every position pinned."""

    def __init__(self, pic: Picture, *, transparent: bool = False) -> None:
        self.pic = pic
        self.transparent = transparent
        self.icons: set[Path] = set()
        b = pic.bounds
        self.ox, self.top = b.x, b.y2

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.ox) * PT_PER_PX, (self.top - y) * PT_PER_PX

    def pos(self, x: float, y: float) -> str:
        px_, py_ = self.pt(x, y)
        return f"{_fmt(px_)},{_fmt(py_)}!"

    def size(self, box: Box) -> dict[str, str]:
        return {
            "width": _fmt(box.w * PT_PER_PX / 72),
            "height": _fmt(box.h * PT_PER_PX / 72),
            "fixedsize": "true",
            "pos": self.pos(box.cx, box.cy),
        }

    def text_node(self, g: Digraph, name: str, t: Text, **extra: str) -> None:
        # A little wider than measured so Pango never wraps or clips what FreeType measured.
        box = Box(t.box.x - 2, t.box.y, t.box.w + 4, t.box.h)
        g.node(
            name,
            label=dot_label("\n".join(t.lines), width=None, limit=2000),
            shape="plaintext",
            margin="0",
            fontname=_font(t.bold, t.italic, t.weight),
            fontsize=_fmt(t.px * PT_PER_PX),
            fontcolor=t.color,
            **self.size(box),
            **extra,
        )

    def build(self) -> Digraph:
        st = _style()
        pic = self.pic
        g = Digraph("diagram", strict=False)
        b = pic.bounds
        g.graph_attr.update(
            {
                "pad": "0",
                "outputorder": "edgesfirst",  # cards and labels over the edges
                "bgcolor": "transparent" if self.transparent else st.background,
                "fontname": st.font_family,
            }
        )
        g.node_attr.update({"label": "", "penwidth": _fmt(1 * PT_PER_PX)})
        # Two invisible corners pin the picture's extent (Graphviz sizes it from the nodes).
        for name, (x, y) in (("_corner0", (b.x, b.y)), ("_corner1", (b.x2, b.y2))):
            g.node(name, shape="point", style="invis", width="0", height="0", pos=self.pos(x, y))
        # Frames as flat clusters, parents first (drawn first, so under their children):
        # neato -n2 draws each in its bb, nesting is not needed, and no recursion is.
        todo = [r for r in reversed(pic.roots) if r in pic.frames]
        while todo:
            frame = pic.frames[todo.pop()]
            self._frame(g, frame)
            todo.extend(c for c in reversed(frame.children) if c in pic.frames)
        for f in pic.frames.values():
            self._frame_head(g, f)
        for c in pic.cards.values():
            self._card(g, c)
        for link in pic.links:
            self._link(g, link)
        if pic.name:
            self.text_node(g, "_name", pic.name, id="diagram-name")
        return g

    def _frame(self, parent: Digraph, f: Frame) -> None:
        st = _style().container
        sub = Digraph(f"cluster_{f.id}")
        x1, y1 = self.pt(f.box.x, f.box.y2)
        x2, y2 = self.pt(f.box.x2, f.box.y)
        sub.graph_attr.update(
            {
                "bb": f"{_fmt(x1)},{_fmt(y1)},{_fmt(x2)},{_fmt(y2)}",
                "style": "rounded,filled,dashed" if f.kind.dash else "rounded,filled",
                "color": f.kind.stroke,
                "fillcolor": f.kind.fill,
                "penwidth": _fmt(st.border_px * PT_PER_PX),
                "label": "",
                "id": f"frame-{f.id}",
            }
        )
        # Clusters need a node; this one is invisible and sits in the title bar.
        sub.node(
            f"_anchor_{f.id}",
            shape="point",
            style="invis",
            width="0",
            height="0",
            pos=self.pos(f.box.x + 2, f.box.y + 2),
        )
        parent.subgraph(sub)

    def _frame_head(self, g: Digraph, f: Frame) -> None:
        st = _style().container
        g.node(
            f"_ficon_bg_{f.id}",
            shape="box",
            style="filled",
            color=f.kind.stroke,
            fillcolor=f.kind.stroke,
            penwidth="0",
            **self.size(f.icon_box),
        )
        self.icons.add(f.icon)
        inner = f.icon_box.grow(-st.icon_pad)
        g.node(f"_ficon_{f.id}", shape="none", image=str(f.icon), imagescale="true", **self.size(inner))
        # One node a line: Graphviz centres the lines of a label, the canvas's title is left aligned.
        ft = f.title
        for i, line in enumerate(ft.lines):
            lw = text.width(line, ft.px, _style().font_family, ft.bold)
            one = Text(
                [line],
                ft.px,
                ft.line_px,
                Box(ft.box.x, ft.box.y + i * ft.line_px, lw, ft.line_px),
                ft.color,
                ft.bold,
                ft.weight,
            )
            suffix = f"-{i}" if i else ""
            self.text_node(g, f"_title_{f.id}{suffix}", one, id=f"title-{f.id}{suffix}")
        if f.meta:
            self.text_node(g, f"_meta_{f.id}", f.meta, id=f"meta-{f.id}")
        if f.tag and f.tag_box:
            g.node(
                f"_tag_{f.id}",
                shape="box",
                style="rounded",  # outlined in the kind's colour, as on the canvas
                color=f.kind.stroke,
                label=dot_label(f.tag.lines[0], width=None),
                fontname=_font(weight=700),
                fontsize=_fmt(f.tag.px * PT_PER_PX),
                fontcolor=f.tag.color,
                margin="0",
                id=f"tag-{f.id}",
                **self.size(f.tag_box),
            )

    def _card(self, g: Digraph, c: Card) -> None:
        st = _style().component
        g.node(
            c.id,
            shape="box",
            style="rounded,filled",
            color=st.border,
            fillcolor=st.fill,
            tooltip=dot_label(c.tooltip, width=None),
            id=f"node-{c.id}",
            **self.size(c.box),
        )
        self.icons.add(c.icon)
        g.node(
            f"_icon_{c.id}",
            shape="none",
            image=str(c.icon),
            imagescale="true",
            id=f"icon-{c.id}",
            **self.size(c.icon_box),
        )
        self.text_node(g, f"_label_{c.id}", c.label, id=f"label-{c.id}")

    def _link(self, g: Digraph, link: Link) -> None:
        st = _style().edge
        pts = [self.pt(x, y) for x, y in link.points]
        # The spline stops an arrowhead short of the tip, on the last segment.
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        seg = max(abs(bx - ax) + abs(by - ay), 1e-6)
        arrow = min(10 * ARROW, seg * 0.9)
        end = (bx - (bx - ax) / seg * arrow, by - (by - ay) / seg * arrow)
        body = [*pts[:-1], end]
        spline = [body[0]]
        for p, q in pairwise(body):
            spline += [p, q, q]
        pos = f"e,{_fmt(bx)},{_fmt(by)} " + " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in spline)
        src = link.source if link.source in self.pic.cards else f"_anchor_{link.source}"
        dst = link.target if link.target in self.pic.cards else f"_anchor_{link.target}"
        attrs = {
            "pos": pos,
            "color": st.stroke if link.supported else st.unsupported,
            "penwidth": _fmt(st.width * PT_PER_PX),
            "arrowsize": _fmt(ARROW),
            "id": f"edge-{link.id}",
        }
        if not link.supported:
            attrs["style"] = "dashed"
        g.edge(src, dst, **attrs)
        if link.label and link.label_box:
            t = link.label
            g.node(
                f"_elabel_{link.id}",
                shape="box",
                style="rounded,filled",
                color=st.label_border if not link.auto_label else st.label_auto_bg,
                fillcolor=st.label_bg if not link.auto_label else st.label_auto_bg,
                label=dot_label("\n".join(t.lines), width=None, limit=2000),
                fontname=_font(t.bold, t.italic, t.weight),
                fontsize=_fmt(t.px * PT_PER_PX),
                fontcolor=t.color,
                margin="0",
                id=f"elabel-{link.id}",
                **self.size(link.label_box),
            )


def picture(doc: dict[str, Any], layout: Layout, layout_json: bytes | None = None, lang: str = "en") -> Picture:
    """The picture of a valid document with defaults (``layout_json``: dot's, for ``auto``);
    the words it adds (subnet tags) in ``lang``."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    items, roots = scene(doc)
    if layout == "auto":
        assert layout_json is not None
        apply_auto_layout(layout_json, items)
    return Builder(doc, items, roots, saved_routes=layout == "canvas", lang=lang).build()


def drawing(pic: Picture, *, transparent: bool = False) -> tuple[str, set[Path]]:
    """The DOT source for ``neato -n2`` and the icon files it references."""
    d = Drawing(pic, transparent=transparent)
    return d.build().source, d.icons

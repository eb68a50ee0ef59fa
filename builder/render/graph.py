"""Document -> Graphviz DOT: nodes with their AWS icons, containers as AWS groups, edges.

The look is diagrams' (its default node/edge/graph attributes and its bundled AWS icons,
chosen by the catalog), but the graph is built on a plain ``graphviz.Digraph`` rather than
inside ``with Diagram(...)``: diagrams' context manager writes ``<name>.png`` into the CWD,
renders even when the body raised, leaves its context variable set when dot fails, and
names clusters ``cluster_<label>`` so two subnets called "Private subnet" merge (diagrams
issue 91). Here every cluster is ``cluster_<node id>``, ids are unique by the schema, and
user text only ever reaches ``label`` attributes through :func:`labels.dot_label`.

Two layouts:

- ``auto``: Graphviz ``dot`` ranks the graph left to right.
- ``canvas``: the positions the user drew in the editor, pinned with ``pos="x,y!"`` and a
  ``bb`` per cluster, drawn by ``neato -n2``. Canvas pixels become 0.75 pt, so a 96 dpi
  PNG has the editor's pixel size; y is flipped (Graphviz's axis points up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import diagrams
from graphviz import Digraph

from builder import catalog
from builder.catalog import style as catalog_style
from builder.catalog.style import ContainerKind, Style

from .labels import clean, dot_label, wrap

Layout = Literal["auto", "canvas"]
LAYOUTS: tuple[Layout, ...] = ("auto", "canvas")

EDGE = "#7B8894"  # diagrams' default edge grey (auto layout)

ICON_IN = 0.75  # icon side, inches (72 px at 96 dpi: AWS diagrams use 48-64 px icons)
LINE_IN = 0.19  # one line of an 11 pt label
PT_PER_PX = 0.75  # CSS px -> points


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


def group_title(item: Item) -> str:
    """A container's caption: the user's label, else the AWS group name, plus its key fact."""
    key = item.spec.key
    if key == "aws.region":
        region = clean(item.props.get("region"), 32)
        base = item.label or "Region"
        return f"{base} ({region})" if region and region != base else base
    if key == "aws.vpc":
        base = item.label or "VPC"
        cidr = clean(item.props.get("cidr"), 43)
        return f"{base}  {cidr}" if cidr else base
    visibility = "Public" if item.props.get("visibility") == "public" else "Private"
    base = item.label or f"{visibility} subnet"
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


class _Builder:
    def __init__(self, doc: dict[str, Any], layout: Layout) -> None:
        self.doc = doc
        self.layout = layout
        self.items, self.roots = scene(doc)
        self.icons: set[Path] = set()
        # Canvas layout: flip y around the bottom of everything drawn.
        self.max_y = max((it.y + self._canvas_h(it) for it in self.items.values()), default=0.0)
        self.min_x = min((it.x for it in self.items.values()), default=0.0)
        self.min_y = min((it.y for it in self.items.values()), default=0.0)

    # --- sizes ---------------------------------------------------------------------------
    def _lines(self, it: Item) -> list[str]:
        return wrap(it.label or it.spec.label)

    def _canvas_h(self, it: Item) -> float:
        if it.container:
            return it.h
        return it.h

    def _pt(self, x: float, y: float) -> tuple[float, float]:
        """Canvas px (y down) -> Graphviz points (y up), with a margin for cluster labels."""
        return ((x - self.min_x) * PT_PER_PX + 20, (self.max_y - y) * PT_PER_PX + 20)

    # --- graph ---------------------------------------------------------------------------
    def build(self) -> Digraph:
        g = Digraph("diagram", strict=False)
        graph_attr = {
            # diagrams' defaults first, so this looks like the diagrams users know...
            **diagrams.Diagram._default_graph_attrs,
            # ...then what scales: splines=ortho is super-linear and misplaces edge labels;
            # diagrams' 2-inch pad is wasted pixels.
            "pad": "0.3",
            "splines": "spline",
            "nodesep": "0.35",
            "ranksep": "1.1",
            "rankdir": "LR",
            "fontname": _style().font_family,
            "fontsize": "20",
            "fontcolor": _style().text,
            "labelloc": "t",
            "labeljust": "c",
            "compound": "true",  # lets an edge end on a container's border (lhead/ltail)
            "outputorder": "edgesfirst",  # icons and labels drawn over edges, not under
            "bgcolor": "white",
        }
        g.graph_attr.update(graph_attr)
        g.attr(label=dot_label(self.doc.get("name") or "Untitled diagram", width=80))
        node_attr = {
            **diagrams.Diagram._default_node_attrs,
            "shape": "none",
            "fixedsize": "true",
            "imagescale": "true",
            "imagepos": "tc",  # icon on top, label under it (Graphviz >= 2.40)
            "labelloc": "b",
            "fontname": _style().font_family,
            "fontsize": "11",
            "fontcolor": _style().text,
            # fixedsize=true with width = icon side and height = icon + label lines: imagescale
            # fits the icon to the width, imagepos=tc puts it on top, labelloc=b puts the
            # text under it. (fixedsize=shape centres the label on the icon.) A label wider
            # than the icon spills sideways into ranksep, which is sized for it.
        }
        g.node_attr.update(node_attr)
        g.edge_attr.update(
            {
                **diagrams.Edge._default_edge_attrs,
                "color": EDGE,
                "fontname": _style().font_family,
                "fontsize": "10",
                "fontcolor": "#545B64",
                "arrowsize": "0.7",
                "penwidth": "1.2",
            }
        )
        if self.layout == "canvas":
            # neato -n2 keeps node positions as given; straight lines read best on a
            # hand-arranged canvas and cost nothing to route.
            g.graph_attr.update({"splines": "line", "labelloc": "t", "layout": "neato"})
            bb_w = (max((it.x + it.w for it in self.items.values()), default=0) - self.min_x) * PT_PER_PX + 40
            bb_h = (self.max_y - self.min_y) * PT_PER_PX + 40
            g.graph_attr["bb"] = f"0,0,{_fmt(bb_w)},{_fmt(bb_h)}"
        for i in self.roots:
            self._add(g, self.items[i])
        for edge in self.doc.get("edges", []):
            self._edge(g, edge)
        return g

    def _add(self, parent: Digraph, it: Item) -> None:
        if it.container:
            self._cluster(parent, it)
        else:
            self._node(parent, it)

    def _node(self, g: Digraph, it: Item) -> None:
        path = icon_path(it.spec, it.props)
        self.icons.add(path)
        lines = len(self._lines(it))
        attrs = {
            "image": str(path),
            "width": _fmt(ICON_IN if self.layout == "auto" else it.w * PT_PER_PX / 72),
            "height": _fmt(ICON_IN + lines * LINE_IN + 0.06 if self.layout == "auto" else it.h * PT_PER_PX / 72),
            "tooltip": dot_label(it.spec.label, width=None),
        }
        if self.layout == "canvas":
            x, y = self._pt(it.x + it.w / 2, it.y + it.h / 2)
            attrs["pos"] = f"{_fmt(x)},{_fmt(y)}!"
        g.node(it.id, label=dot_label(it.label or it.spec.label), **attrs)

    def _cluster(self, parent: Digraph, it: Item) -> None:
        style = group_style(it)
        sub = Digraph(f"cluster_{it.id}")
        sub.graph_attr.update(
            {
                **diagrams.Cluster._default_graph_attrs,
                "style": "dashed" if style.dash else "solid",
                "pencolor": style.stroke,
                "bgcolor": style.fill,
                "fontcolor": style.text,
                "fontname": _style().font_family,
                "fontsize": "12",
                "labeljust": "l",
                "labelloc": "t",
                "penwidth": "1.5",
                "margin": "16",
            }
        )
        sub.attr(label=dot_label(group_title(it), width=None, limit=260))
        if self.layout == "canvas":
            x1, y1 = self._pt(it.x, it.y + it.h)
            x2, y2 = self._pt(it.x + it.w, it.y)
            sub.graph_attr["bb"] = f"{_fmt(x1)},{_fmt(y1)},{_fmt(x2)},{_fmt(y2)}"
        # An invisible anchor: keeps an empty container drawn and gives edges that touch
        # a container (a valid document may have them) something to attach to.
        anchor = {"shape": "point", "style": "invis", "width": "0.01", "height": "0.01", "label": ""}
        if self.layout == "canvas":
            ax, ay = self._pt(it.x + 12, it.y + 12)
            anchor["pos"] = f"{_fmt(ax)},{_fmt(ay)}!"
        sub.node(it.id, **anchor)
        for child in it.children:
            self._add(sub, self.items[child])
        parent.subgraph(sub)

    def _edge(self, g: Digraph, edge: dict[str, Any]) -> None:
        src, dst = edge["source"], edge["target"]
        if src not in self.items or dst not in self.items:
            return
        attrs: dict[str, str] = {}
        label = clean(edge.get("label"))
        if label:
            attrs["label"] = dot_label(label, width=26)
        if self.layout == "auto":
            if self.items[src].container:
                attrs["ltail"] = f"cluster_{src}"
            if self.items[dst].container and src != dst:
                attrs["lhead"] = f"cluster_{dst}"
        g.edge(src, dst, **attrs)


def build(doc: dict[str, Any], layout: Layout = "auto") -> tuple[Digraph, set[Path]]:
    """The Graphviz graph of a valid document with defaults, and the icon files it uses."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    b = _Builder(doc, layout)
    g = b.build()
    return g, b.icons

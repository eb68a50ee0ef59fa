"""The picture: every box, text, route and label of an export, laid out in canvas px.

Both layouts end here. ``canvas`` takes the positions the user drew; ``auto`` takes the
positions Graphviz ``dot`` chose (:func:`builder.render.graph.auto_positions`). Then one
code path places what the canvas places, with the one style (``builder/catalog/style.py``):

- a component is a card (``component.w`` x ``component.h``) with its icon centred at
  ``icon_top`` and its label wrapped to ``label_max_width_px`` under it, as ``.aws-node``;
- a container is a frame with its group icon in the top-left corner, its title and summary
  (the same text the canvas shows) and, for a subnet, its Public / Private tag;
- an edge follows its saved ``route`` while that still fits its ends, else a route of our
  own around every card (:mod:`.route`); its label is the typed one or the catalog's verb
  (as the canvas shows it), placed where it covers no card, label or container title.

All coordinates are absolute canvas px with y pointing down; :mod:`.graph` turns the
picture into pinned Graphviz nodes and edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder import catalog
from builder.catalog import style as catalog_style
from builder.catalog.style import ContainerKind, Style

from . import text
from .labels import clean
from .route import Box, Point, Router, Runs, fits, frame_soft, path_hits

MARGIN = 24  # empty room around the picture
TITLE_GAP = 16  # between the diagram's name and the drawing


@dataclass
class Text:
    """A block of lines drawn centred in ``box`` (``align="c"``) or from its left (``"l"``)."""

    lines: list[str]
    px: int
    line_px: float
    box: Box
    color: str
    bold: bool = False
    weight: int = 400
    italic: bool = False


@dataclass
class Card:
    id: str
    type: str
    box: Box
    icon: Path
    icon_box: Box
    label: Text
    tooltip: str


@dataclass
class Frame:
    id: str
    type: str
    box: Box
    kind: ContainerKind
    icon: Path
    icon_box: Box
    title: Text
    meta: Text | None
    tag: Text | None
    tag_box: Box | None
    children: list[str] = field(default_factory=list)

    @property
    def title_bar(self) -> Box:
        return Box(self.box.x, self.box.y, self.box.w, float(catalog_style.STYLE.container.title_h))


@dataclass
class Link:
    id: str
    source: str
    target: str
    points: list[Point]
    label: Text | None
    label_box: Box | None
    auto_label: bool
    supported: bool
    routed_by: str  # "document" (its saved route) or "router"


@dataclass
class Picture:
    name: Text | None
    cards: dict[str, Card]
    frames: dict[str, Frame]
    roots: list[str]  # top-level frame ids, drawing order
    links: list[Link]
    bounds: Box


def _style() -> Style:
    return catalog_style.STYLE


def _summary(spec: catalog.ComponentType, props: dict[str, Any], label: str) -> str:
    """What the canvas shows after a container's title: its type when labelled, then its
    string and choice props (region code, CIDR, visibility, AZ), as ContainerNode does."""
    parts = [str(props.get(p.name)) for p in spec.props if p.kind in ("string", "choice") and props.get(p.name)]
    summary = " · ".join(parts)
    head = spec.label if label else ""
    return f"{head} · {summary}" if head and summary else head or summary


class Builder:
    """Lay out one document (valid, with defaults) whose items have absolute boxes."""

    def __init__(
        self, doc: dict[str, Any], items: dict[str, Any], roots: list[str], *, saved_routes: bool, lang: str = "en"
    ) -> None:
        self.doc = doc
        self.lang = lang  # of the words the picture adds (the subnet tag)
        self.items = items
        self.roots = roots
        self.saved_routes = saved_routes
        self.s = _style()

    def build(self) -> Picture:
        cards: dict[str, Card] = {}
        frames: dict[str, Frame] = {}
        for it in self.items.values():
            if it.container:
                frames[it.id] = self._frame(it)
            else:
                cards[it.id] = self._card(it)
        boxes = {k: c.box for k, c in cards.items()}
        # Soft obstacles: each frame's border bands and title bar, which a route may cross
        # at right angles but pays dearly to run along (route.frame_soft; the editor's
        # router prices the same strips).
        soft: list[tuple[Box, Runs]] = []
        title_h = float(self.s.container.title_h)
        for f in frames.values():
            soft += frame_soft(f.box, title_h)
        titles = [Box(f.box.x, f.box.y, f.box.w, title_h) for f in frames.values()]
        router = Router(boxes, soft=soft, titles=titles, hard_titles=not self.saved_routes)
        placed = _Index()
        for c in cards.values():
            placed.add(c.box)
        for f in frames.values():
            placed.add(f.title_bar)
        links = [link for e in self.doc.get("edges", []) if (link := self._link(e, router, boxes, placed))]
        name = self._name()
        bounds = _bounds(cards, frames, links)
        if name:
            # The diagram's name above the drawing, left-aligned with it.
            h = name.box.h
            name.box = Box(bounds.x, bounds.y - TITLE_GAP - h, name.box.w, h)
            bounds = Box(bounds.x, name.box.y, max(bounds.w, name.box.w), bounds.y2 - name.box.y)
        bounds = bounds.grow(MARGIN)
        return Picture(name, cards, frames, self.roots, links, bounds)

    # --- parts -----------------------------------------------------------------------
    def _name(self) -> Text | None:
        name = clean(self.doc.get("name"))
        if not name:
            return None
        fam, px = self.s.font_family, self.s.title_px
        line = text.ellipsize(name, 1200, px, fam, bold=True)
        w = text.width(line, px, fam, True)
        return Text([line], px, px * 1.25, Box(0, 0, w, px * 1.25), self.s.text, bold=True, weight=700)

    def _card(self, it: Any) -> Card:
        c = self.s.component
        fam = self.s.font_family
        box = Box(it.x, it.y, float(c.w), float(c.h))
        icon_box = Box(it.x + (c.w - c.icon_px) / 2, it.y + c.icon_top, float(c.icon_px), float(c.icon_px))
        label = it.label or it.spec.label
        lines = text.wrap(
            label, c.label_max_width_px, c.label_px, fam, bold=c.label_weight >= 600, max_lines=c.label_max_lines
        )
        tb = Box(
            it.x + (c.w - c.label_max_width_px) / 2,
            it.y + c.label_top,
            float(c.label_max_width_px),
            len(lines) * c.label_line_px,
        )
        t = Text(lines, c.label_px, c.label_line_px, tb, c.text, bold=c.label_weight >= 600, weight=c.label_weight)
        from .graph import icon_path

        return Card(it.id, it.spec.key, box, icon_path(it.spec, it.props), icon_box, t, it.spec.label)

    def _frame(self, it: Any) -> Frame:
        s, k = self.s.container, self.s.container_kind(it.spec.key, it.props)
        fam = self.s.font_family
        box = Box(it.x, it.y, it.w, it.h)
        mid = it.y + s.border_px + s.title_h / 2  # vertical centre of the title bar's text
        icon_box = Box(it.x, it.y, float(s.icon_px), float(s.icon_px))
        # As the canvas's title bar: icon, title (the kind's colour), tag, summary; each
        # cut with an ellipsis to the room left.
        x = it.x + s.icon_px + 8
        right = it.x + it.w - 8
        tag_word = k.tag_in(self.lang)
        tag_w = text.width(tag_word.upper(), s.tag_px, fam, True) + 12 if tag_word else 0.0
        title = it.label or it.spec.label
        room = max(right - x - (tag_w + 8 if tag_word else 0), 0)
        # The title wraps onto up to ``title_max_lines`` lines (the canvas's line clamp); only
        # a title longer than that ends with an ellipsis.
        lines = text.wrap(title, room, s.title_px, fam, bold=True, max_lines=s.title_max_lines) if room > 0 else [""]
        # A wrapped title takes the whole room, as the canvas's shrunk flex item does.
        tw = max(text.width(ln, s.title_px, fam, True) for ln in lines) if len(lines) == 1 else room
        lh = s.title_line_px
        th = lh * len(lines)
        title_t = Text(lines, s.title_px, lh, Box(x, mid - th / 2, tw, th), k.text, bold=True, weight=s.title_weight)
        mx = x + tw + 8
        tag = tag_box = None
        if tag_word:
            tag_box = Box(mx, mid - 8, tag_w, 16.0)
            tag = Text([tag_word.upper()], s.tag_px, 14, tag_box, k.text, bold=True, weight=700)
            mx = tag_box.x2 + 8
        meta_t = None
        summary = _summary(it.spec, it.props, it.label)
        if summary and right - mx > 24:
            mline = text.ellipsize(summary, right - mx, s.meta_px, fam)
            if mline:
                mw = text.width(mline, s.meta_px, fam)
                mh = round(s.meta_px * 1.25)
                meta_t = Text([mline], s.meta_px, mh, Box(mx, mid - mh / 2, mw, mh), s.meta_text)
        from .graph import icon_path

        return Frame(
            it.id,
            it.spec.key,
            box,
            k,
            icon_path(it.spec, it.props),
            icon_box,
            title_t,
            meta_t,
            tag,
            tag_box,
            list(it.children),
        )

    def _box_of(self, node_id: str) -> Box:
        it = self.items[node_id]
        return Box(it.x, it.y, it.w, it.h)

    def _link(self, edge: dict[str, Any], router: Router, cards: dict[str, Box], placed: _Index) -> Link | None:
        src, dst = edge["source"], edge["target"]
        if src not in self.items or dst not in self.items:
            return None
        a, b = self.items[src], self.items[dst]
        conn = None if a.container or b.container else catalog.connection(a.spec.key, b.spec.key)
        typed = clean(edge.get("label"))
        label = typed or (conn.label if conn else "")
        sbox, dbox = self._box_of(src), self._box_of(dst)
        own = [bx for key, bx in ((src, sbox), (dst, dbox)) if key in cards]
        points: list[Point] | None = None
        routed_by = "router"
        saved = edge.get("route") if self.saved_routes else None
        if saved:
            route = [(float(p["x"]), float(p["y"])) for p in saved]
            others = [bx for key, bx in _near_boxes(router, route) if key not in (src, dst)]
            if fits(route, sbox, dbox, others):
                points, routed_by = route, "document"
        if points is None:
            points = router.route(sbox, dbox, skip={src, dst}, own=own, ends=(src, dst))
        t = tb = None
        if label:
            t, tb = self._edge_label(label, bool(typed), points, placed, edge)
        return Link(edge["id"], src, dst, points, t, tb, not typed, conn is not None, routed_by)

    def _edge_label(
        self, label: str, typed: bool, points: list[Point], placed: _Index, edge: dict[str, Any]
    ) -> tuple[Text, Box]:
        e = self.s.edge
        fam = self.s.font_family
        inner = e.label_max_width_px - 2 * e.label_pad_x - 2
        saved = edge.get("label_at") if self.saved_routes else None
        whole = " ".join(label.split())
        choice: tuple[int, list[str], float, Box] | None = None
        # The widest wrap whose box fits on the line without covering anything; in a narrow
        # gap, the same words on two shorter lines (never cut or ellipsised to fit).
        for max_px in (inner, 120.0, 96.0, 76.0, 60.0, 46.0):
            if max_px > inner:
                continue
            # Narrower wraps may also break after a slash ("reads/" "writes").
            words = label if choice is None else label.replace("/", "/ ")
            lines = text.wrap(words, max_px, e.label_px, fam, bold=typed, italic=not typed, max_lines=e.label_max_lines)
            if choice is not None and " ".join(lines).replace("/ ", "/") != whole:
                break
            tw = max(text.width(line, e.label_px, fam, typed, not typed) for line in lines)
            w = tw + 2 * e.label_pad_x + 2
            h = len(lines) * e.label_line_px + 2 * e.label_pad_y + 2
            box, hits = _place(points, w, h, placed, saved)
            if choice is None or hits < choice[0]:
                choice = (hits, lines, tw, box)
            if hits == 0:
                break
            saved = None  # a narrower box is not the one the canvas saved
        assert choice is not None
        _, lines, tw, box = choice
        placed.add(box)
        inner_box = Box(box.x + e.label_pad_x + 1, box.y + e.label_pad_y + 1, tw, len(lines) * e.label_line_px)
        color = e.label_text if typed else e.label_auto_text
        t = Text(
            lines,
            e.label_px,
            e.label_line_px,
            inner_box,
            color,
            bold=typed,
            weight=600 if typed else 400,
            italic=not typed,
        )
        return t, box


def _span(route: list[Point]) -> Box:
    xs = [p[0] for p in route]
    ys = [p[1] for p in route]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _near_boxes(router: Router, route: list[Point]) -> list[tuple[str, Box]]:
    keys = router.near(_span(route).grow(1))
    return [(k, router.cards[k]) for k in keys]


class _Index:
    """Boxes in a uniform grid, for "does this box overlap any placed one?"."""

    def __init__(self, cell: float = 200.0) -> None:
        self.cell = cell
        self.grid: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, b: Box) -> list[tuple[int, int]]:
        c = self.cell
        return [
            (i, j) for i in range(int(b.x // c), int(b.x2 // c) + 1) for j in range(int(b.y // c), int(b.y2 // c) + 1)
        ]

    def add(self, b: Box) -> None:
        for cell in self._cells(b):
            self.grid.setdefault(cell, []).append(b)

    def hits(self, b: Box) -> int:
        seen = 0
        for cell in self._cells(b):
            for o in self.grid.get(cell, ()):
                if o.overlaps(b, 0.5):
                    seen += 1
        return seen


def _along(points: list[Point], t: float) -> tuple[Point, bool]:
    """The point at fraction ``t`` of the path's length, and whether its segment is horizontal."""
    lengths = [
        abs(points[i + 1][0] - points[i][0]) + abs(points[i + 1][1] - points[i][1]) for i in range(len(points) - 1)
    ]
    total = sum(lengths) or 1.0
    goal = t * total
    for i, seg in enumerate(lengths):
        if goal <= seg or i == len(lengths) - 1:
            a, b = points[i], points[i + 1]
            f = 0.0 if seg == 0 else min(goal / seg, 1.0)
            return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f), abs(b[1] - a[1]) <= abs(b[0] - a[0])
        goal -= seg
    return points[0], True


_FRACTIONS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9, 0.05, 0.95)
#: How far a label may slide off its line's axis, as a fraction of its half size: up to
#: 0.85 it still straddles the line (a label is never set beside its own line).
_SLIDES = (0.0, 0.4, -0.4, 0.85, -0.85)


def _place(points: list[Point], w: float, h: float, placed: _Index, saved: dict[str, Any] | None) -> tuple[Box, int]:
    """Where an edge label goes: its saved spot if free and on its line, else the free spot
    on the line nearest the path's middle (sliding across the line as far as it still
    straddles it, for narrow gaps), else the least crowded spot on the line; and how many
    boxes that spot covers."""
    if saved:
        box = Box(float(saved["x"]) - w / 2, float(saved["y"]) - h / 2, w, h)
        if not placed.hits(box) and path_hits(points, box.grow(0.5)):
            return box, 0
    best: tuple[int, float, Box] | None = None
    for slide in _SLIDES:
        for t in _FRACTIONS:
            (x, y), horizontal = _along(points, t)
            dx, dy = (0.0, slide * h / 2) if horizontal else (slide * w / 2, 0.0)
            box = Box(x + dx - w / 2, y + dy - h / 2, w, h)
            n = placed.hits(box)
            if n == 0:
                return box, 0
            key = (n, abs(slide) + abs(t - 0.5))
            if best is None or key < best[:2]:
                best = (n, key[1], box)
    assert best is not None
    return best[2], best[0]


def _bounds(cards: dict[str, Card], frames: dict[str, Frame], links: list[Link]) -> Box:
    boxes: list[Box] = [c.box for c in cards.values()] + [f.box for f in frames.values()]
    boxes += [link.label_box for link in links if link.label_box]
    for link in links:
        boxes += [Box(p[0], p[1], 0, 0) for p in link.points]
    if not boxes:
        return Box(0, 0, 200, 100)
    x1 = min(b.x for b in boxes)
    y1 = min(b.y for b in boxes)
    x2 = max(b.x2 for b in boxes)
    y2 = max(b.y2 for b in boxes)
    return Box(x1, y1, x2 - x1, y2 - y1)


def crossings(pic: Picture) -> list[str]:
    """Edges passing through a card that is not one of their ends (the quality check)."""
    out = []
    for link in pic.links:
        for key, card in pic.cards.items():
            if key not in (link.source, link.target) and path_hits(link.points, card.box):
                out.append(f"edge {link.id} crosses {key}")
    return out

"""Orthogonal edge routes that go around icons, and edge-label spots that cover nothing.

A small router of our own (measured against Graphviz ``neato -n2 -Gsplines=ortho`` in
``bench/render.py``; see docs/architecture.md for why): A* over the orthogonal visibility
grid of the obstacles near an edge (each card's box grown by the clearance), from a stub
out of the middle of any side of the source box to a stub into any side of the target box
(the canvas's four handles), with a penalty per bend and per px run lengthwise along a
container's frame-border band or through its title bar (:func:`frame_soft`). Cards are
hard obstacles; when no route exists in a window around the two ends the window grows, and
past that the edge gets a plain elbow. Every price and the window come from the catalog's
``RouteStyle``, which the editor's router (``frontend/src/document/routing.ts``) reads too.

All coordinates are canvas px (y down).
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from builder.catalog import style as catalog_style
from builder.catalog.style import RouteStyle

SHARED = 60.0  # cost of leaving or entering by a side another edge already uses
PORT_STEP = 16.0  # edges sharing a side are spread this far apart
MAX_OBSTACLES = 400  # beyond this many obstacles in a window, take the elbow
MAX_GRID = 160_000  # grid points one search may build (a window of ~400 x 400 lines)
MAX_STEPS = 40_000  # states one search may settle before it gives up on that window
BUDGET_S = 10.0  # routing time of one picture; past it, the remaining edges take elbows


def _rs() -> RouteStyle:
    """The routing prices, shared with the editor's router (read at call time: tests swap STYLE)."""
    return catalog_style.STYLE.route


Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def grow(self, d: float) -> Box:
        return Box(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    def overlaps(self, o: Box, eps: float = 0.0) -> bool:
        return self.x < o.x2 - eps and o.x < self.x2 - eps and self.y < o.y2 - eps and o.y < self.y2 - eps

    def contains(self, p: Point, eps: float = 0.0) -> bool:
        return self.x + eps < p[0] < self.x2 - eps and self.y + eps < p[1] < self.y2 - eps


def segment_hits(a: Point, b: Point, box: Box, eps: float = 0.5) -> bool:
    """Does the segment a-b pass through the interior of ``box`` (shrunk by ``eps``)?"""
    x1, y1, x2, y2 = box.x + eps, box.y + eps, box.x2 - eps, box.y2 - eps
    if x1 >= x2 or y1 >= y2:
        return False
    # Liang-Barsky clipping against the open box.
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x1), (dx, x2 - a[0]), (-dy, a[1] - y1), (dy, y2 - a[1])):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 >= t1:
                return False
    return True


def path_hits(points: Sequence[Point], box: Box) -> bool:
    return any(segment_hits(points[i], points[i + 1], box) for i in range(len(points) - 1))


# Sides: (name, outward unit normal).
_SIDES = (("t", (0.0, -1.0)), ("r", (1.0, 0.0)), ("b", (0.0, 1.0)), ("l", (-1.0, 0.0)))


def _port(box: Box, side: str, offset: float = 0.0) -> Point:
    o = offset
    return {"t": (box.cx + o, box.y), "r": (box.x2, box.cy + o), "b": (box.cx + o, box.y2), "l": (box.x, box.cy + o)}[
        side
    ]


def _offset(n: int, box: Box, side: str) -> float:
    """The n-th edge on a side: 0, +16, -16, +32... px from its middle, kept on the side."""
    k = (n + 1) // 2 * (1 if n % 2 else -1)
    half = (box.w if side in "tb" else box.h) / 2 - 6
    return max(-half, min(half, k * PORT_STEP))


def on_border(p: Point, box: Box, tol: float = 3.0) -> bool:
    """Is ``p`` on the border of ``box`` (within ``tol`` px)?"""
    inside_outer = box.x - tol <= p[0] <= box.x2 + tol and box.y - tol <= p[1] <= box.y2 + tol
    inside_inner = box.x + tol < p[0] < box.x2 - tol and box.y + tol < p[1] < box.y2 - tol
    return inside_outer and not inside_inner


def fits(route: Sequence[Point], src: Box, dst: Box, obstacles: Iterable[Box]) -> bool:
    """A saved route still fits when it starts on the source's border, ends on the target's,
    and crosses no other card."""
    if len(route) < 2 or not on_border(route[0], src) or not on_border(route[-1], dst):
        return False
    return not any(path_hits(route, ob) for ob in obstacles)


def simplify(points: Sequence[Point]) -> list[Point]:
    """Drop repeated and collinear points."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 1e-6 and abs(b[0] - p[0]) < 1e-6) or (
                abs(a[1] - b[1]) < 1e-6 and abs(b[1] - p[1]) < 1e-6
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


#: Which runs a soft box prices: "h" horizontal ones, "v" vertical ones, "hv" both.
Runs = Literal["h", "v", "hv"]


def frame_soft(frame: Box, title_h: float) -> list[tuple[Box, Runs]]:
    """The soft obstacles of one container: a band ``border_band`` px wide centred on each
    side of its frame, priced both ways (a route crosses a frame only where it must: a
    crossing costs the band's width x ``soft``, a run along it far more), and its title bar,
    priced both ways too: a route struck through a title (even upright, into a card right under
    it) is worse than the detour round to a side border."""
    band = float(_rs().border_band)
    h = band / 2
    b = frame
    return [
        (Box(b.x - h, b.y - h, b.w + band, band), "hv"),  # top
        (Box(b.x - h, b.y2 - h, b.w + band, band), "hv"),  # bottom
        (Box(b.x - h, b.y - h, band, b.h + band), "hv"),  # left
        (Box(b.x2 - h, b.y - h, band, b.h + band), "hv"),  # right
        # The title bar, both ways, and half a band below it (a run along its lower edge is an underline).
        (Box(b.x, b.y, b.w, title_h + h), "hv"),
    ]


class Router:
    """Routes edges among a fixed set of cards (hard obstacles) and title bars (soft ones)."""

    def __init__(
        self,
        cards: dict[str, Box],
        soft: Sequence[tuple[Box, Runs]] = (),
        cell: float = 240.0,
        titles: Sequence[Box] = (),
        hard_titles: bool = False,
    ) -> None:
        self.cards = cards
        # Only the auto layout (nothing to match on a canvas): a route still through a title
        # bar after the last window is searched once more with the title bars as walls.
        self.hard_titles = hard_titles
        self.cell = cell
        # Title bars (also among ``soft``): a route found through one is searched again in the
        # next, larger window, where the way round to a side border may be (see route()).
        self.titles = list(titles)
        self._soft: dict[tuple[int, int], list[tuple[Box, Runs]]] = {}
        for b, runs in soft:
            self.add_soft(b, runs)
        self.used: dict[tuple[str, str], int] = {}  # (card, side) -> edges using it
        self.deadline = time.monotonic() + BUDGET_S
        self.elbows = 0  # edges that got the fallback (for tests and the benchmark)
        self._grid: dict[tuple[int, int], list[str]] = {}
        for key, box in cards.items():
            for c in self._cells(box):
                self._grid.setdefault(c, []).append(key)

    def _cells(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(int(box.x // c), int(box.x2 // c) + 1):
            for j in range(int(box.y // c), int(box.y2 // c) + 1):
                yield (i, j)

    def add_soft(self, box: Box, runs: Runs = "hv") -> None:
        entry = (box, runs)
        for c in self._cells(box):
            self._soft.setdefault(c, []).append(entry)

    def soft_near(self, window: Box) -> list[tuple[Box, Runs]]:
        seen: dict[int, tuple[Box, Runs]] = {}
        for cell in self._cells(window):
            for entry in self._soft.get(cell, ()):
                if id(entry) not in seen and entry[0].overlaps(window):
                    seen[id(entry)] = entry
        return list(seen.values())

    def near(self, window: Box) -> set[str]:
        out: set[str] = set()
        for cell in self._cells(window):
            for key in self._grid.get(cell, ()):
                if key not in out and self.cards[key].overlaps(window):
                    out.add(key)
        return out

    def route(
        self,
        src: Box,
        dst: Box,
        skip: Iterable[str] = (),
        own: Sequence[Box] = (),
        ends: tuple[str, str] = ("", ""),
    ) -> list[Point]:
        """An orthogonal path from ``src``'s border to ``dst``'s, around every card not in ``skip``.

        ``skip`` names the two ends; ``own`` are the ends that are cards, kept as obstacles
        so the path does not cross its own ends (a container end is entered, not avoided).
        """
        if time.monotonic() > self.deadline:
            self.elbows += 1
            return _elbow(src, dst)
        skip = set(skip)
        uses = (
            {side: self.used.get((ends[0], side), 0) for side, _ in _SIDES},
            {side: self.used.get((ends[1], side), 0) for side, _ in _SIDES},
        )
        span = Box(min(src.x, dst.x), min(src.y, dst.y), 0, 0)
        span = Box(span.x, span.y, max(src.x2, dst.x2) - span.x, max(src.y2, dst.y2) - span.y)
        rs = _rs()
        pad = float(rs.window)
        best: tuple[list[Point], tuple[str, str]] | None = None
        for attempt in range(rs.window_tries):
            window = span.grow(pad)
            keys = self.near(window) - skip
            if len(keys) > MAX_OBSTACLES:
                break
            obstacles = [self.cards[k].grow(rs.clearance) for k in keys] + [b.grow(rs.clearance) for b in own]
            soft = self.soft_near(window)
            found = _astar(src, dst, obstacles, soft, window, uses)
            pad *= rs.window_growth
            if not found:
                continue
            # A larger window holds every path of the smaller one, so its best is never dearer:
            # through a title bar (the way round to a side border lay outside), look once more.
            best = found
            if attempt + 1 < rs.window_tries and self.crosses_title(found[0]):
                continue
            break
        if best is not None and self.hard_titles and self.crosses_title(best[0]):
            # Not the title bars of the ends (a container end is entered through its frame).
            walls = [t for t in self.titles if not (t.overlaps(src) or t.overlaps(dst))]
            window = span.grow(pad)
            obstacles = [self.cards[k].grow(rs.clearance) for k in self.near(window) - skip]
            obstacles += [b.grow(rs.clearance) for b in own] + walls
            walled = _astar(src, dst, obstacles, self.soft_near(window), window, uses)
            if walled and not self.crosses_title(walled[0]):
                best = walled
        if best is None:
            self.elbows += 1
            return _elbow(src, dst)
        path, sides = best
        for key, side in zip(ends, sides, strict=True):
            self.used[(key, side)] = self.used.get((key, side), 0) + 1
        path = simplify(path)
        # Later edges pay to run along this one (crossing it costs little).
        for a, b in pairwise(path):
            x1, x2 = sorted((a[0], b[0]))
            y1, y2 = sorted((a[1], b[1]))
            self.add_soft(Box(x1 - 3, y1 - 3, x2 - x1 + 6, y2 - y1 + 6))
        return path

    def crosses_title(self, path: Sequence[Point]) -> bool:
        return any(path_hits(path, t.grow(-1)) for t in self.titles)


def _elbow(src: Box, dst: Box) -> list[Point]:
    """Side to facing side with one or two bends: the fallback when nothing is found."""
    if abs(dst.cx - src.cx) >= abs(dst.cy - src.cy):
        a = _port(src, "r" if dst.cx > src.cx else "l")
        b = _port(dst, "l" if dst.cx > src.cx else "r")
        mx = (a[0] + b[0]) / 2
        return simplify([a, (mx, a[1]), (mx, b[1]), b])
    a = _port(src, "b" if dst.cy > src.cy else "t")
    b = _port(dst, "t" if dst.cy > src.cy else "b")
    my = (a[1] + b[1]) / 2
    return simplify([a, (a[0], my), (b[0], my), b])


def _astar(
    src: Box,
    dst: Box,
    obstacles: list[Box],
    soft: list[tuple[Box, Runs]],
    window: Box,
    uses: tuple[dict[str, int], dict[str, int]],
) -> tuple[list[Point], tuple[str, str]] | None:
    rs = _rs()
    STUB, BEND, SOFT = float(rs.clearance), float(rs.bend), float(rs.soft)  # constants of one search
    starts = []
    for side, (nx, ny) in _SIDES:
        n = uses[0][side]
        p = _port(src, side, _offset(n, src, side))
        starts.append((p, (p[0] + nx * STUB, p[1] + ny * STUB), (nx, ny), side, SHARED * min(n, 1)))
    goals = {}
    for side, (nx, ny) in _SIDES:
        n = uses[1][side]
        p = _port(dst, side, _offset(n, dst, side))
        goals[(p[0] + nx * STUB, p[1] + ny * STUB)] = (p, (-nx, -ny), side, SHARED * min(n, 1))
    xs_set = {window.x, window.x2}
    ys_set = {window.y, window.y2}
    for b in obstacles + [sb for sb, _ in soft]:
        xs_set.update((b.x, b.x2))
        ys_set.update((b.y, b.y2))
    for _, q, *_ in starts:
        xs_set.add(q[0])
        ys_set.add(q[1])
    for q in goals:
        xs_set.add(q[0])
        ys_set.add(q[1])
    xs = sorted(x for x in xs_set if window.x <= x <= window.x2)
    ys = sorted(y for y in ys_set if window.y <= y <= window.y2)
    nx_, ny_ = len(xs), len(ys)
    if nx_ * ny_ > MAX_GRID:
        return None
    xi = {x: i for i, x in enumerate(xs)}
    yi = {y: j for j, y in enumerate(ys)}
    # Blocked grid segments: horizontal (i -> i+1 at row j) and vertical (j -> j+1 at column i).
    hblock = bytearray(nx_ * ny_)
    vblock = bytearray(nx_ * ny_)
    hpen: dict[int, float] = {}
    vpen: dict[int, float] = {}

    def spans(lo: float, hi: float, axis: list[float]) -> tuple[range, range]:
        # Grid lines strictly inside (lo, hi), and intervals [k, k+1] inside [lo, hi].
        inside = range(bisect_right(axis, lo), bisect_left(axis, hi))
        first = bisect_left(axis, lo)
        last = bisect_right(axis, hi) - 1
        return inside, range(first, max(first, last))

    def covered(b: Box) -> tuple[list[int], list[int]]:
        """The grid segments inside box ``b``: horizontal ones, vertical ones."""
        rows, vsegs = spans(b.y, b.y2, ys)
        cols, hsegs = spans(b.x, b.x2, xs)
        return [j * nx_ + i for j in rows for i in hsegs], [j * nx_ + i for i in cols for j in vsegs]

    for b in obstacles:  # never crossed
        horizontal, vertical = covered(b)
        for k in horizontal:
            hblock[k] = 1
        for k in vertical:
            vblock[k] = 1
    for b, runs in soft:  # run along at a cost
        horizontal, vertical = covered(b)
        if "h" in runs:
            hpen.update(dict.fromkeys(horizontal, SOFT))
        if "v" in runs:
            vpen.update(dict.fromkeys(vertical, SOFT))

    goal_idx = {}
    for q, goal in goals.items():
        if q[0] in xi and q[1] in yi:
            goal_idx[(xi[q[0]], yi[q[1]])] = goal
    if not goal_idx:
        return None
    gx = [q[0] for q in goals]
    gy = [q[1] for q in goals]

    def h(i: int, j: int) -> float:
        x, y = xs[i], ys[j]
        return min(abs(x - a) + abs(y - b) for a, b in zip(gx, gy, strict=True))

    heap: list[tuple[float, float, int, int, int, int]] = []
    best: dict[tuple[int, int, int], float] = {}
    came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    dirs = ((1, 0), (0, 1), (-1, 0), (0, -1))
    start_port: dict[tuple[int, int], tuple[Point, str]] = {}
    for p, q, (dx, dy), side, extra in starts:
        if q[0] not in xi or q[1] not in yi or any(b.contains(q) for b in obstacles):
            continue
        d = dirs.index((int(dx), int(dy)))
        i, j = xi[q[0]], yi[q[1]]
        start_port[(i, j)] = (p, side)
        best[(i, j, d)] = STUB + extra
        came[(i, j, d)] = None
        heapq.heappush(heap, (STUB + extra + h(i, j), STUB + extra, i, j, d, 0))
    done: set[tuple[int, int, int]] = set()
    while heap and len(done) < MAX_STEPS:
        _, g, i, j, d, final = heapq.heappop(heap)
        state = (i, j, d)
        if final:
            p, _, side, _ = goal_idx[(i, j)]
            return _unwind(came, state, xs, ys, start_port, p, side)
        if state in done or g > best.get(state, float("inf")):
            continue
        done.add(state)
        if (i, j) in goal_idx:
            _, (ex, ey), _, extra = goal_idx[(i, j)]
            turn = 0.0 if dirs.index((int(ex), int(ey))) == d else BEND
            # Into the target: its stub, maybe one bend. Settled in cost order like any state.
            total = g + turn + STUB + extra
            heapq.heappush(heap, (total, total, i, j, d, 1))
        for nd, (dx, dy) in enumerate(dirs):
            if nd == (d + 2) % 4:
                continue
            ni, nj = i + dx, j + dy
            if not (0 <= ni < nx_ and 0 <= nj < ny_):
                continue
            if dx:
                seg = j * nx_ + min(i, ni)
                if hblock[seg]:
                    continue
                length = abs(xs[ni] - xs[i]) * hpen.get(seg, 1.0)
            else:
                seg = min(j, nj) * nx_ + i
                if vblock[seg]:
                    continue
                length = abs(ys[nj] - ys[j]) * vpen.get(seg, 1.0)
            ng = g + length + (BEND if nd != d else 0.0)
            nstate = (ni, nj, nd)
            if ng < best.get(nstate, float("inf")):
                best[nstate] = ng
                came[nstate] = state
                heapq.heappush(heap, (ng + h(ni, nj), ng, ni, nj, nd, 0))
    return None


def _unwind(
    came: dict[tuple[int, int, int], tuple[int, int, int] | None],
    state: tuple[int, int, int],
    xs: list[float],
    ys: list[float],
    start_port: dict[tuple[int, int], tuple[Point, str]],
    end_port: Point,
    end_side: str,
) -> tuple[list[Point], tuple[str, str]]:
    pts: list[Point] = [end_port]
    cur: tuple[int, int, int] | None = state
    last: tuple[int, int, int] = state
    while cur is not None:
        pts.append((xs[cur[0]], ys[cur[1]]))
        last = cur
        cur = came.get(cur)
    start, start_side = start_port[(last[0], last[1])]
    pts.append(start)
    pts.reverse()
    return pts, (start_side, end_side)

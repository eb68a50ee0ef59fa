/**
 * Orthogonal edge routing with obstacle avoidance, and edge label placement (pure).
 *
 * A route leaves the middle of one side of its source box and enters the middle of one side
 * of its target box, and runs on horizontal and vertical segments that keep `margin` px away
 * from every other component box. It is the cheapest path (length plus a penalty per bend)
 * on the sparse grid of lines that run `margin` outside the boxes near the two ends (an
 * orthogonal visibility graph, as in libavoid), found with A*. Only boxes in a window around
 * the two ends count, so a route costs the same in a 20-node and a 2,000-node diagram; when
 * the window is walled in, it widens, and in the end a plain elbow is returned. A px run
 * inside a container's frame-border band, or lengthwise through its title bar (the soft
 * boxes of `frameSoft`), costs `soft` px: routes cross frames only where they must, at
 * right angles, and never run along a border or a title.
 * Every price comes from the catalog's `style.route` (builder/catalog/style.py RouteStyle),
 * which the export's router (builder/render/route.py) reads too.
 * docs/architecture.md ("Edge routing") says why this and not libavoid-js or ELK.
 */
import type { RouteStyle } from "./style";
import type { XY } from "./types";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RouteOptions {
  /** Clearance between a route and a box it passes (and the stub out of a box). */
  margin: number;
  /** Cost of a bend, in px of length. */
  bend: number;
  /** Cost factor of a px run lengthwise in a soft box (a frame's border band, a title bar). */
  soft: number;
  /** Width of the band centred on a frame's line. */
  band: number;
  /** How far around the two ends obstacles are considered, first try. */
  window: number;
  /** The window grows by this factor when walled in, `tries` times in all. */
  growth: number;
  tries: number;
}

/** The router's options from the catalog's one route style. */
export function routeOptions(r: RouteStyle): RouteOptions {
  return { margin: r.clearance, bend: r.bend, soft: r.soft, band: r.border_band, window: r.window, growth: r.window_growth, tries: r.window_tries };
}

/** A soft box: runs along it are priced `soft` x. `runs`: 1 horizontal ones, 2 vertical ones, 3 both. */
export interface SoftRect extends Rect {
  id: string;
  runs: 1 | 2 | 3;
  /** A container's title bar: a route through one is searched again in a larger window. */
  title?: boolean;
}

/**
 * The soft boxes of a container's frame (as builder/render/route.py frame_soft): its four
 * border bands, priced both ways (so a route crosses a frame only where it must: a crossing
 * costs the band's width x `soft`, a run along it far more), and its title bar, priced both
 * ways too: a route struck through a title (even upright, into a card right under it) is worse
 * than the detour round to a side border.
 */
export function frameSoft(frame: Rect, titleH: number, band: number, id = ""): SoftRect[] {
  const h = band / 2;
  const { x, y, w } = frame;
  const x2 = x + w;
  const y2 = y + frame.h;
  return [
    { id, runs: 3, x: x - h, y: y - h, w: w + band, h: band },
    { id, runs: 3, x: x - h, y: y2 - h, w: w + band, h: band },
    { id, runs: 3, x: x - h, y: y - h, w: band, h: frame.h + band },
    { id, runs: 3, x: x2 - h, y: y - h, w: band, h: frame.h + band },
    // Half a band below the bar too, so a run along its lower edge (an underline) is priced.
    { id, runs: 3, title: true, x, y, w, h: titleH + h },
  ];
}

type Side = 0 | 1 | 2 | 3; // top, right, bottom, left
const DX = [0, 1, 0, -1];
const DY = [-1, 0, 1, 0];

/** The middle of a side, moved `shift` px along it (edges between the same two boxes run apart). */
function port(r: Rect, side: Side, shift = 0): XY {
  switch (side) {
    case 0:
      return { x: r.x + r.w / 2 + shift, y: r.y };
    case 1:
      return { x: r.x + r.w, y: r.y + r.h / 2 + shift };
    case 2:
      return { x: r.x + r.w / 2 - shift, y: r.y + r.h };
    default:
      return { x: r.x, y: r.y + r.h / 2 - shift };
  }
}

/** Boxes of every component, bucketed on a coarse grid for "what is near here" queries. */
export class ObstacleIndex<T extends Rect & { id: string } = Rect & { id: string }> {
  private readonly cells = new Map<number, number[]>();
  readonly rects: T[] = [];
  constructor(
    rects: readonly T[],
    private readonly cell = 256,
  ) {
    for (const r of rects) this.add(r);
  }

  add(r: T): void {
    const i = this.rects.length;
    this.rects.push(r);
    const cell = this.cell;
    for (let cx = Math.floor(r.x / cell); cx <= Math.floor((r.x + r.w) / cell); cx++) {
      for (let cy = Math.floor(r.y / cell); cy <= Math.floor((r.y + r.h) / cell); cy++) {
        const key = cx * 100003 + cy;
        const list = this.cells.get(key);
        if (list) list.push(i);
        else this.cells.set(key, [i]);
      }
    }
  }

  /** Boxes that overlap `area` (each once). */
  query(area: Rect): T[] {
    const seen = new Set<number>();
    const out: T[] = [];
    const c = this.cell;
    for (let cx = Math.floor(area.x / c); cx <= Math.floor((area.x + area.w) / c); cx++) {
      for (let cy = Math.floor(area.y / c); cy <= Math.floor((area.y + area.h) / c); cy++) {
        for (const i of this.cells.get(cx * 100003 + cy) ?? []) {
          if (seen.has(i)) continue;
          seen.add(i);
          const r = this.rects[i];
          if (r.x < area.x + area.w && r.x + r.w > area.x && r.y < area.y + area.h && r.y + r.h > area.y) out.push(r);
        }
      }
    }
    return out;
  }
}

/** A binary min-heap of (cost, state) pairs. */
class Heap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size() {
    return this.keys.length;
  }
  push(k: number, v: number) {
    const ks = this.keys;
    const vs = this.vals;
    let i = ks.length;
    ks.push(k);
    vs.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ks[p] <= k) break;
      ks[i] = ks[p];
      vs[i] = vs[p];
      i = p;
    }
    ks[i] = k;
    vs[i] = v;
  }
  pop(): number {
    const ks = this.keys;
    const vs = this.vals;
    const top = vs[0];
    const k = ks.pop()!;
    const v = vs.pop()!;
    if (ks.length) {
      let i = 0;
      const n = ks.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && ks[l + 1] < ks[l] ? l + 1 : l;
        if (ks[c] >= k) break;
        ks[i] = ks[c];
        vs[i] = vs[c];
        i = c;
      }
      ks[i] = k;
      vs[i] = v;
    }
    return top;
  }
}

const uniqSorted = (a: number[]) => {
  a.sort((p, q) => p - q);
  const out: number[] = [];
  for (const v of a) if (!out.length || v - out[out.length - 1] > 0.5) out.push(v);
  return out;
};

/** Drop points that sit on a straight line between their neighbours. */
export function simplify(points: XY[]): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const n = out.length;
    if (n && Math.abs(out[n - 1].x - p.x) < 0.01 && Math.abs(out[n - 1].y - p.y) < 0.01) continue;
    if (n >= 2) {
      const a = out[n - 2];
      const b = out[n - 1];
      if ((Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) || (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01)) {
        out[n - 1] = p;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/** The sides facing each other (what a straight edge would use), preferred at equal cost. */
function facing(s: Rect, t: Rect): [Side, Side] {
  const dx = t.x + t.w / 2 - (s.x + s.w / 2);
  const dy = t.y + t.h / 2 - (s.y + s.h / 2);
  if (Math.abs(dx) / ((s.w + t.w) / 2 || 1) >= Math.abs(dy) / ((s.h + t.h) / 2 || 1)) return dx >= 0 ? [1, 3] : [3, 1];
  return dy >= 0 ? [2, 0] : [0, 2];
}

function search(src: Rect, dst: Rect, obstacles: Rect[], soft: readonly SoftRect[], area: Rect, o: RouteOptions, shift: number): XY[] | null {
  const m = o.margin;
  const xs: number[] = [area.x, area.x + area.w];
  const ys: number[] = [area.y, area.y + area.h];
  for (const r of [...obstacles, src, dst]) {
    xs.push(r.x - m, r.x + r.w + m);
    ys.push(r.y - m, r.y + r.h + m);
  }
  // A soft box's edges are grid lines too, so a step is wholly inside or outside it.
  for (const r of soft) {
    xs.push(r.x, r.x + r.w);
    ys.push(r.y, r.y + r.h);
  }
  const sp = [0, 1, 2, 3].map((s) => port(src, s as Side, shift));
  const tp = [0, 1, 2, 3].map((s) => port(dst, s as Side, -shift));
  for (const p of [...sp, ...tp]) {
    xs.push(p.x);
    ys.push(p.y);
  }
  // Channels half-way between neighbouring boxes keep routes off both.
  // Only lines inside the window: boxes beyond it are not known, so no line may lead there.
  const X = uniqSorted(xs.filter((v) => v >= area.x && v <= area.x + area.w));
  const Y = uniqSorted(ys.filter((v) => v >= area.y && v <= area.y + area.h));
  const nx = X.length;
  const ny = Y.length;
  const xi = new Map(X.map((v, i) => [Math.round(v * 2), i]));
  const yi = new Map(Y.map((v, i) => [Math.round(v * 2), i]));
  const idx = (x: number, y: number) => ({ i: xi.get(Math.round(x * 2))!, j: yi.get(Math.round(y * 2))! });
  // Which grid segments cross the inside of a box, marked once per box: a horizontal segment
  // (i,j)-(i+1,j) is blocked when the line Y[j] runs strictly inside a box that spans it.
  const hBlocked = new Uint8Array(nx * ny);
  const vBlocked = new Uint8Array(nx * ny);
  const lower = (a: number[], v: number) => {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const r of [...obstacles, src, dst]) {
    // Lines strictly inside the box, and the segments between lines that overlap it.
    const i0 = lower(X, r.x + 1e-6);
    const i1 = lower(X, r.x + r.w - 1e-6); // X[i1-1] < right edge
    const j0 = lower(Y, r.y + 1e-6);
    const j1 = lower(Y, r.y + r.h - 1e-6);
    const si0 = Math.max(0, i0 - 1);
    const sj0 = Math.max(0, j0 - 1);
    for (let j = j0; j < j1; j++) for (let i = si0; i < i1 && i < nx - 1; i++) hBlocked[j * nx + i] = 1;
    for (let i = i0; i < i1; i++) for (let j = sj0; j < j1 && j < ny - 1; j++) vBlocked[j * nx + i] = 1;
  }
  // Steps priced `soft` x: horizontal ones on a row strictly inside a box priced for
  // horizontal runs, vertical ones likewise (a line on the box's edge is outside it).
  const hSoft = new Uint8Array(nx * ny);
  const vSoft = new Uint8Array(nx * ny);
  for (const r of soft) {
    const i0 = lower(X, r.x - 0.5);
    const i1 = lower(X, r.x + r.w + 0.5); // X[i0..i1-1] lie in [x, x2]
    const j0 = lower(Y, r.y - 0.5);
    const j1 = lower(Y, r.y + r.h + 0.5);
    if (r.runs & 1) {
      const rj0 = lower(Y, r.y + 0.5);
      const rj1 = lower(Y, r.y + r.h - 0.5);
      for (let j = rj0; j < rj1; j++) for (let i = i0; i < i1 - 1; i++) hSoft[j * nx + i] = 1;
    }
    if (r.runs & 2) {
      const ri0 = lower(X, r.x + 0.5);
      const ri1 = lower(X, r.x + r.w - 0.5);
      for (let i = ri0; i < ri1; i++) for (let j = j0; j < j1 - 1; j++) vSoft[j * nx + i] = 1;
    }
  }
  const price = (i: number, j: number, d: number) => {
    switch (d) {
      case 1:
        return hSoft[j * nx + i] ? o.soft : 1;
      case 3:
        return hSoft[j * nx + i - 1] ? o.soft : 1;
      case 2:
        return vSoft[j * nx + i] ? o.soft : 1;
      default:
        return vSoft[(j - 1) * nx + i] ? o.soft : 1;
    }
  };
  // Is the step from (i,j) in direction d free? (d: 0 up, 1 right, 2 down, 3 left)
  const free = (i: number, j: number, d: number) => {
    switch (d) {
      case 1:
        return !hBlocked[j * nx + i];
      case 3:
        return !hBlocked[j * nx + i - 1];
      case 2:
        return !vBlocked[j * nx + i];
      default:
        return !vBlocked[(j - 1) * nx + i];
    }
  };
  const [fs, ft] = facing(src, dst);
  // States: grid point * 4 + direction of travel.
  const N = nx * ny * 4;
  const best = new Float64Array(N).fill(Infinity);
  const prev = new Int32Array(N).fill(-1);
  const heap = new Heap();
  const goal = new Map<number, number>(); // grid point -> extra cost to finish (enter side)
  const goalSide = new Map<number, Side>();
  for (let s = 0; s < 4; s++) {
    const p = tp[s];
    const stub = { x: p.x + DX[s] * m, y: p.y + DY[s] * m };
    const g = idx(stub.x, stub.y);
    if (g.i === undefined || g.j === undefined) continue;
    const key = g.j * nx + g.i;
    const extra = m + (s === ft ? 0 : o.bend / 2);
    if (!goal.has(key) || goal.get(key)! > extra) {
      goal.set(key, extra);
      goalSide.set(key, s as Side);
    }
  }
  const tcx = dst.x + dst.w / 2;
  const tcy = dst.y + dst.h / 2;
  const h = (i: number, j: number) => Math.max(0, Math.abs(X[i] - tcx) - dst.w / 2 - m) + Math.max(0, Math.abs(Y[j] - tcy) - dst.h / 2 - m);
  for (let s = 0; s < 4; s++) {
    const p = sp[s];
    const stub = { x: p.x + DX[s] * m, y: p.y + DY[s] * m };
    const g = idx(stub.x, stub.y);
    if (g.i === undefined || g.j === undefined) continue;
    const st = (g.j * nx + g.i) * 4 + s;
    const cost = m + (s === fs ? 0 : o.bend / 2);
    if (cost < best[st]) {
      best[st] = cost;
      heap.push(cost + h(g.i, g.j), st);
    }
  }
  let found = -1;
  let foundCost = Infinity;
  while (heap.size) {
    const st = heap.pop();
    const c = best[st];
    if (c + 0 >= foundCost) break;
    const dir = st & 3;
    const cell = st >> 2;
    const i = cell % nx;
    const j = (cell - i) / nx;
    const g = goal.get(cell);
    if (g !== undefined) {
      // Arriving must not enter the stub against the side's outward direction turned around.
      const side = goalSide.get(cell)!;
      const turn = (dir + 2) % 4 === side ? 0 : o.bend;
      const total = c + g + turn;
      if (total < foundCost) {
        foundCost = total;
        found = st;
      }
    }
    for (let d = 0; d < 4; d++) {
      if (d === (dir + 2) % 4) continue; // no U-turns
      const ni = i + DX[d];
      const nj = j + DY[d];
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      if (!free(i, j, d)) continue;
      const nc = c + (Math.abs(X[ni] - X[i]) + Math.abs(Y[nj] - Y[j])) * price(i, j, d) + (d === dir ? 0 : o.bend);
      const ns = (nj * nx + ni) * 4 + d;
      if (nc < best[ns]) {
        best[ns] = nc;
        prev[ns] = st;
        heap.push(nc + h(ni, nj), ns);
      }
    }
  }
  if (found < 0) return null;
  const cells: XY[] = [];
  let firstDir = 0;
  for (let st = found; st >= 0; st = prev[st]) {
    const cell = st >> 2;
    const i = cell % nx;
    cells.push({ x: X[i], y: Y[(cell - i) / nx] });
    firstDir = st & 3;
  }
  cells.reverse();
  const endSide = goalSide.get(found >> 2)!;
  const start = port(src, firstDir as Side, shift);
  const end = port(dst, endSide, -shift);
  return simplify([start, ...cells, end]);
}

/** A plain elbow between facing sides: the last resort, and what a drag shows. */
export function elbow(src: Rect, dst: Rect): XY[] {
  const [fs, ft] = facing(src, dst);
  const a = port(src, fs);
  const b = port(dst, ft);
  if (fs === 1 || fs === 3) {
    const mx = (a.x + b.x) / 2;
    return simplify([a, { x: mx, y: a.y }, { x: mx, y: b.y }, b]);
  }
  const my = (a.y + b.y) / 2;
  return simplify([a, { x: a.x, y: my }, { x: b.x, y: my }, b]);
}

/**
 * The route of one edge from `src` to `dst` around the boxes of `index` (ids in `skip` are its
 * ends), priced by `o` (`routeOptions(catalog.style.route)`), paying `o.soft` x for runs along
 * the boxes of `soft` (frame bands and title bars).
 */
export function routeEdge(
  src: Rect,
  dst: Rect,
  index: ObstacleIndex,
  skip: ReadonlySet<string>,
  o: RouteOptions,
  shift = 0,
  soft: ObstacleIndex<SoftRect> | null = null,
): XY[] {
  if (src === dst) return elbow(src, dst);
  let grow = o.window;
  let best: XY[] | null = null;
  for (let attempt = 0; attempt < o.tries; attempt++, grow *= o.growth) {
    const x1 = Math.min(src.x, dst.x) - grow;
    const y1 = Math.min(src.y, dst.y) - grow;
    const x2 = Math.max(src.x + src.w, dst.x + dst.w) + grow;
    const y2 = Math.max(src.y + src.h, dst.y + dst.h) + grow;
    const area = { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
    // Boxes overlapping an end are left out: a route cannot avoid what it starts inside.
    const near = index
      .query(area)
      .filter((r) => !skip.has(r.id) && !overlaps(r, src) && !overlaps(r, dst));
    if (near.length > 80) break; // a wall of boxes: not worth a bigger search
    const softNear = soft ? soft.query(area) : [];
    const path = search(src, dst, near, softNear, area, o, shift);
    if (!path) continue;
    // A larger window holds every path of the smaller one, so its best is never dearer: through
    // a title bar (the way round to a side border lay outside), look once more (as route.py).
    best = path;
    const throughTitle = softNear.some((r) => r.title && crosses(path, { x: r.x + 1, y: r.y + 1, w: r.w - 2, h: r.h - 2 }));
    if (!throughTitle || attempt + 1 >= o.tries) break;
  }
  return best ?? elbow(src, dst);
}

export function overlaps(a: Rect, b: Rect, pad = 0): boolean {
  return a.x < b.x + b.w + pad && a.x + a.w + pad > b.x && a.y < b.y + b.h + pad && a.y + a.h + pad > b.y;
}

/** Does the polyline cross the inside of `r`? */
export function crosses(points: readonly XY[], r: Rect): boolean {
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    const lx = Math.min(a.x, b.x);
    const hx = Math.max(a.x, b.x);
    const ly = Math.min(a.y, b.y);
    const hy = Math.max(a.y, b.y);
    if (lx < r.x + r.w && hx > r.x && ly < r.y + r.h && hy > r.y) return true;
  }
  return false;
}

/** Does the route start on the border of `src` and end on the border of `dst` (within `tol` px)? */
export function fitsEnds(points: readonly XY[] | undefined, src: Rect, dst: Rect, tol = 1): boolean {
  if (!points || points.length < 2) return false;
  const on = (p: XY, r: Rect) => {
    const inX = p.x >= r.x - tol && p.x <= r.x + r.w + tol;
    const inY = p.y >= r.y - tol && p.y <= r.y + r.h + tol;
    const edgeX = Math.abs(p.x - r.x) <= tol || Math.abs(p.x - r.x - r.w) <= tol;
    const edgeY = Math.abs(p.y - r.y) <= tol || Math.abs(p.y - r.y - r.h) <= tol;
    return inX && inY && (edgeX || edgeY);
  };
  return on(points[0], src) && on(points[points.length - 1], dst);
}

/** An SVG path through the points with rounded corners. */
export function routePath(points: readonly XY[], radius = 8): string {
  if (points.length < 2) return "";
  let d = `M${points[0].x},${points[0].y}`;
  for (let k = 1; k < points.length - 1; k++) {
    const a = points[k - 1];
    const b = points[k];
    const c = points[k + 1];
    const r = Math.min(radius, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const ux = Math.sign(b.x - a.x);
    const uy = Math.sign(b.y - a.y);
    const vx = Math.sign(c.x - b.x);
    const vy = Math.sign(c.y - b.y);
    d += ` L${b.x - ux * r},${b.y - uy * r} Q${b.x},${b.y} ${b.x + vx * r},${b.y + vy * r}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x},${last.y}`;
}

// ---- Labels ---------------------------------------------------------------------------------

export interface LabelMetrics {
  px: number;
  line: number;
  padX: number;
  padY: number;
  maxWidth: number;
}

/** How wide `text` is at `px` (an estimate: 0.58 em per Latin character, 1 em per wide one). */
function textWidth(text: string, px: number): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? px : px * 0.58;
  return width;
}

/** The box a label of `text` takes (textWidth's estimate, wrapped to the label's width). */
export function labelSize(text: string, m: LabelMetrics, extra = 0): { w: number; h: number } {
  const width = textWidth(text, m.px);
  const inner = Math.min(width + extra, m.maxWidth - 2 * m.padX);
  const lines = Math.max(1, Math.ceil((width + extra) / (m.maxWidth - 2 * m.padX)));
  return { w: Math.ceil(inner + 2 * m.padX + 2), h: lines * m.line + 2 * m.padY + 2 };
}

/**
 * Where the label goes on its route: the middle of a segment, or a point along one, whose
 * box overlaps no component box, no label placed before and no container title bar; the
 * least overlap when every spot overlaps something. Long segments are tried first.
 */
export function placeLabel(
  points: readonly XY[],
  size: { w: number; h: number },
  avoid: (r: Rect) => number,
  sizeOn: (len: number, horizontal: boolean) => { w: number; h: number } = () => size,
): XY {
  const segs: { a: XY; b: XY; len: number }[] = [];
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    segs.push({ a, b, len: Math.abs(b.x - a.x) + Math.abs(b.y - a.y) });
  }
  segs.sort((p, q) => q.len - p.len);
  let best: XY | null = null;
  let bestScore = Infinity;
  for (const s of segs) {
    const sz = sizeOn(s.len, s.a.y === s.b.y);
    for (const t of [0.5, 0.3, 0.7, 0.15, 0.85]) {
      const c = { x: s.a.x + (s.b.x - s.a.x) * t, y: s.a.y + (s.b.y - s.a.y) * t };
      const score = avoid({ x: c.x - sz.w / 2, y: c.y - sz.h / 2, w: sz.w, h: sz.h });
      if (score === 0) return { x: Math.round(c.x), y: Math.round(c.y) };
      // Prefer the middle of long segments among the imperfect spots.
      const weighted = score + Math.abs(t - 0.5) * 10;
      if (weighted < bestScore) {
        bestScore = weighted;
        best = c;
      }
    }
  }
  const c = best ?? points[0];
  return { x: Math.round(c.x), y: Math.round(c.y) };
}

/**
 * The pieces of `text` a line may not break inside: its words, each also broken after a "/"
 * ("reads/" "writes"), where the export's wrap breaks too.
 */
export function unbreakable(text: string): string[] {
  return text.split(/\s+/).flatMap((w) => w.split(/(?<=\/)/)).filter(Boolean);
}

/**
 * The width of a label box whose line holds the widest unbreakable piece of `text` (labelSize's
 * estimate), with `extra` px beside it (the sign and badge). The canvas's label is never
 * narrower than that (its CSS min-width is min-content), so placement sizes with it too.
 */
export function wordRoom(text: string, m: LabelMetrics, extra = 0): number {
  const widest = Math.max(0, ...unbreakable(text).map((piece) => textWidth(piece, m.px)));
  return Math.ceil(widest + extra + 2 * m.padX + 2);
}

/**
 * The width a label may take on a horizontal run of `len` px (the gap between two cards):
 * a little less than the run, so in a narrow gap it wraps onto shorter lines instead of
 * covering the cards; but never narrower than its widest word (`text`, with metrics `m` and
 * `extra` as wordRoom), so the words wrap whole, as the export wraps them, and never wider than
 * the catalog's label width. AwsEdge caps the label's CSS max-width at it; placement sizes with it.
 */
export function labelRoom(len: number, text = "", m?: LabelMetrics, extra = 0): number {
  const room = Math.max(48, Math.floor(len - 6));
  return m ? Math.min(m.maxWidth, Math.max(room, wordRoom(text, m, extra))) : room;
}

/** The length of the horizontal segment of `points` that `at` lies on (within 1 px), or null. */
export function horizontalRunAt(points: readonly XY[], at: XY): number | null {
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1];
    const b = points[k];
    if (Math.abs(a.y - b.y) > 0.01 || Math.abs(at.y - a.y) > 1) continue;
    if (at.x >= Math.min(a.x, b.x) - 1 && at.x <= Math.max(a.x, b.x) + 1) return Math.abs(b.x - a.x);
  }
  return null;
}

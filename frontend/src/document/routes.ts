/**
 * Edge routes and label spots kept in the document (`route`, `label_at`: absolute canvas px,
 * docs/contract-extensions.md), so that the canvas-layout export draws the very lines the
 * canvas shows. `rerouteOps` finds the edges a change touched (an end moved, a box moved onto
 * or off a route, a label's text changed) and returns the `update_edge` operations that route
 * them again; the store appends them to the change's own undo step.
 */
import { checkConnection, type Catalog } from "./catalog";
import { absolutePositions, nodeSize } from "./geometry";
import type { Op } from "./ops";
import { crosses, fitsEnds, frameSoft, horizontalRunAt, labelRoom, labelSize, ObstacleIndex, overlaps, placeLabel, routeEdge, routeOptions, type LabelMetrics, type Rect, type SoftRect } from "./routing";
import type { DocEdge, Document, XY } from "./types";

export interface Geometry {
  /** Absolute boxes of every node. */
  boxes: Map<string, Rect>;
  /** Components only (what routes avoid). */
  index: ObstacleIndex;
  /** Container title bars (what labels avoid). */
  titles: Rect[];
  /** Container frame bands and title bars (what routes pay to run along). */
  soft: ObstacleIndex<SoftRect>;
}

export function geometry(doc: Document, catalog: Catalog): Geometry {
  const abs = absolutePositions(doc);
  const boxes = new Map<string, Rect>();
  const comps: (Rect & { id: string })[] = [];
  const titles: Rect[] = [];
  const titleH = catalog.style.container.title_h;
  const band = catalog.style.route.border_band;
  const soft: SoftRect[] = [];
  for (const n of doc.nodes) {
    const p = abs.get(n.id) ?? { x: 0, y: 0 };
    const s = nodeSize(n, catalog);
    const r = { x: p.x, y: p.y, w: s.w, h: s.h };
    boxes.set(n.id, r);
    if (catalog.isContainer(n.type)) {
      titles.push({ x: r.x, y: r.y, w: r.w, h: titleH });
      soft.push(...frameSoft(r, titleH, band, n.id));
    }
    else comps.push({ ...r, id: n.id });
  }
  return { boxes, index: new ObstacleIndex(comps), titles, soft: new ObstacleIndex(soft) };
}

export function labelMetrics(catalog: Catalog): LabelMetrics {
  const e = catalog.style.edge;
  return { px: e.label_px, line: e.label_line_px, padX: e.label_pad_x, padY: e.label_pad_y, maxWidth: e.label_max_width_px };
}

/** The text an edge's label shows: its own, else the catalog's verb for the connection. */
export function labelText(doc: Document, catalog: Catalog, edge: DocEdge, types?: Map<string, string>): string {
  if (edge.label) return edge.label;
  const t = types ?? new Map(doc.nodes.map((n) => [n.id, n.type]));
  const s = t.get(edge.source);
  const d = t.get(edge.target);
  return s && d ? (checkConnection(catalog, s, d).connection?.label ?? "") : "";
}

/** How far apart edges between the same two boxes run. */
const PARALLEL_GAP = 28;

/** Room for the "not supported" sign and a badge beside the text. */
export const LABEL_EXTRA = 22;

function sameRect(a: Rect | undefined, b: Rect | undefined) {
  return !!a && !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

const grow = (r: Rect, d: number): Rect => ({ x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d });

/**
 * Which edges of `after` need a new route (or a new label spot) after the change from `before`.
 * `before` null: every edge whose saved route does not fit its ends any more. With `before`:
 * the edges the change touched (an end moved, a box moved onto or off the route, the edge itself
 * changed); one that did not fit before and was not touched is left to the background router.
 */
export function affectedEdges(before: Document | null, after: Document, catalog: Catalog, gA: Geometry, gB: Geometry | null) {
  const reroute = new Set<string>();
  const relabel = new Set<string>();
  const changed: string[] = [];
  if (gB) {
    for (const [id, r] of gA.boxes) if (!sameRect(r, gB.boxes.get(id))) changed.push(id);
  }
  const prevEdges = before ? new Map(before.edges.map((e) => [e.id, e])) : new Map<string, DocEdge>();
  const changedSet = new Set(changed);
  const m = catalog.style.route.clearance;
  const many = changed.length * after.edges.length > 400_000;
  for (const e of after.edges) {
    const s = gA.boxes.get(e.source);
    const t = gA.boxes.get(e.target);
    if (!s || !t) continue;
    const prev = prevEdges.get(e.id);
    const endMoved = changedSet.has(e.source) || changedSet.has(e.target);
    // An edge that was already without a fitting route, untouched by this change, is the
    // background router's (store/backgroundRoutes.ts): an edit routes only what it touches.
    if (prev === e && !endMoved && !many && !fitsEnds(e.route, s, t)) continue;
    if (!fitsEnds(e.route, s, t) || endMoved || many) {
      reroute.add(e.id);
      continue;
    }
    let hit = false;
    for (const id of changed) {
      const now = gA.boxes.get(id)!;
      const was = gB?.boxes.get(id);
      if (catalog.isContainer(after.nodes.find((n) => n.id === id)?.type ?? "")) {
        // A container moving or growing only moves the labels off its new title bar.
        if (e.label_at && overlaps({ x: e.label_at.x - 1, y: e.label_at.y - 1, w: 2, h: 2 }, { x: now.x, y: now.y, w: now.w, h: catalog.style.container.title_h }, 12)) relabel.add(e.id);
        continue;
      }
      if (crosses(e.route!, grow(now, m / 2)) || (was && crosses(e.route!, grow(was, m * 1.5)))) {
        hit = true;
        break;
      }
    }
    if (hit) reroute.add(e.id);
    else if (!e.label_at || (prev && prev.label !== e.label)) relabel.add(e.id);
  }
  return { reroute, relabel };
}

/**
 * `update_edge` operations giving the edges of `ids` a route around the components, and every
 * edge of `ids` ∪ `relabel` a label spot clear of components, container titles and the other
 * labels (those not moved keep theirs and are avoided).
 */
export function routeOps(doc: Document, catalog: Catalog, ids: ReadonlySet<string>, relabel: ReadonlySet<string> = new Set(), g = geometry(doc, catalog)): Op[] {
  if (!ids.size && !relabel.size) return [];
  const metrics = labelMetrics(catalog);
  const opts = routeOptions(catalog.style.route);
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const routes = new Map<string, XY[]>();
  // Edges between the same two boxes (either way) leave from ports spread along the sides.
  const pairKey = (e: DocEdge) => (e.source < e.target ? `${e.source}\n${e.target}` : `${e.target}\n${e.source}`);
  const pairs = new Map<string, DocEdge[]>();
  for (const e of doc.edges) {
    const k = pairKey(e);
    const list = pairs.get(k);
    if (list) list.push(e);
    else pairs.set(k, [e]);
  }
  for (const e of doc.edges) {
    if (!ids.has(e.id)) continue;
    const s = g.boxes.get(e.source);
    const t = g.boxes.get(e.target);
    if (!s || !t) continue;
    const group = pairs.get(pairKey(e))!;
    const k = group.indexOf(e);
    // Shifts are along each side's own direction, so a reverse edge is mirrored: flip its sign.
    const sign = e.source < e.target ? 1 : -1;
    const shift = group.length > 1 ? sign * (k - (group.length - 1) / 2) * PARALLEL_GAP : 0;
    routes.set(e.id, routeEdge(s, t, g.index, new Set([e.source, e.target]), opts, shift, g.soft));
  }
  // Labels: those that stay are obstacles; the moved ones are placed one by one.
  const placed = new ObstacleIndex<Rect & { id: string }>([], 128);
  const moving = new Set([...routes.keys(), ...relabel]);
  for (const e of doc.edges) {
    if (moving.has(e.id) || !e.label_at) continue;
    const sz = labelSize(labelText(doc, catalog, e, types), metrics, LABEL_EXTRA);
    placed.add({ id: e.id, x: e.label_at.x - sz.w / 2, y: e.label_at.y - sz.h / 2, w: sz.w, h: sz.h });
  }
  const area = (a: Rect, b: Rect) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const ops: Op[] = [];
  for (const e of doc.edges) {
    if (!moving.has(e.id)) continue;
    const route = routes.get(e.id) ?? e.route;
    if (!route || route.length < 2) continue;
    const sz = labelSize(labelText(doc, catalog, e, types), metrics, LABEL_EXTRA);
    const avoid = (r: Rect) => {
      let score = 0;
      for (const b of g.index.query(grow(r, 10))) score += area(grow(b, 10), r) * 4; // room for node badges
      for (const b of placed.query(grow(r, 3))) score += area(grow(b, 3), r) * 2;
      for (const b of g.titles) score += area(b, r);
      return score;
    };
    // On a horizontal run narrower than the label, it wraps to the run's room (AwsEdge does too).
    const text = labelText(doc, catalog, e, types);
    const sizeOn = (len: number, horizontal: boolean) => {
      const room = labelRoom(len, text, metrics, LABEL_EXTRA);
      return horizontal && room < sz.w ? labelSize(text, { ...metrics, maxWidth: room }, LABEL_EXTRA) : sz;
    };
    const at = placeLabel(route, sz, avoid, sizeOn);
    const run = horizontalRunAt(route, at);
    const psz = run === null ? sz : sizeOn(run, true);
    placed.add({ id: e.id, x: at.x - psz.w / 2, y: at.y - psz.h / 2, w: psz.w, h: psz.h });
    const set: { route?: XY[]; label_at?: XY } = { label_at: at };
    if (routes.has(e.id)) set.route = route.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }));
    const same = (!set.route || JSON.stringify(set.route) === JSON.stringify(e.route)) && e.label_at?.x === at.x && e.label_at?.y === at.y;
    if (!same) ops.push({ op: "update_edge", id: e.id, set });
  }
  return ops;
}

/**
 * After a change from `before` to `after`: the operations that keep routes and labels right.
 * `known`: geometry passes the caller already has (the store keeps the current document's).
 */
export function rerouteOps(
  before: Document | null,
  after: Document,
  catalog: Catalog,
  known: { before?: Geometry; after?: Geometry } = {},
): Op[] {
  if (!after.edges.length) return [];
  const gA = known.after ?? geometry(after, catalog);
  const gB = before ? (known.before ?? geometry(before, catalog)) : null;
  const { reroute, relabel } = affectedEdges(before, after, catalog, gA, gB);
  return routeOps(after, catalog, reroute, relabel, gA);
}

/**
 * Routes for a document opened without them (or with routes that no longer fit), computed in
 * idle time after the first paint: a few edges per idle slice on one geometry pass (reused
 * while the nodes do not change), applied silently (not an edit: no undo step, nothing to save
 * by itself, no new validation). Edges still waiting draw step paths; an edit that touches one
 * routes it at once (the store's own `rerouteOps`), and the queue skips what fits by then.
 */
import type { Catalog } from "../document/catalog";
import { geometry, routeOps, type Geometry } from "../document/routes";
import { fitsEnds } from "../document/routing";
import { applyOps, type Op } from "../document/ops";
import type { Document } from "../document/types";
import type { EditorStore } from "./editorStore";

/** Stop a slice with this much of the idle period left (ms). */
const MARGIN_MS = 2;
/** At most this much work per slice (ms), however long the idle period: a drag may start any time. */
const SLICE_MS = 8;
/** Edges routed between two clock reads (one route is well under a millisecond). */
const BATCH = 4;

type Idle = { timeRemaining(): number };
const requestIdle: (cb: (d: Idle) => void) => number =
  typeof requestIdleCallback === "function"
    ? (cb) => requestIdleCallback(cb, { timeout: 500 })
    : (cb) => setTimeout(() => cb({ timeRemaining: () => 8 }), 16) as unknown as number;
const cancelIdle: (h: number) => void = typeof cancelIdleCallback === "function" ? cancelIdleCallback : clearTimeout;

/** A button is held (a drag or a pan may be starting): no slice then, its frames come first. */
let pointerHeld = false;
if (typeof window !== "undefined") {
  window.addEventListener("pointerdown", () => (pointerHeld = true), true);
  window.addEventListener("pointerup", () => (pointerHeld = false), true);
  window.addEventListener("pointercancel", () => (pointerHeld = false), true);
  window.addEventListener("blur", () => (pointerHeld = false)); // released outside the window
}

let cache: { nodes: Document["nodes"]; catalog: Catalog; g: Geometry } | null = null;

/** The geometry of `doc`, computed once for a given nodes array (routes and labels do not change it). */
export function geometryOf(doc: Document, catalog: Catalog): Geometry {
  if (cache && cache.nodes === doc.nodes && cache.catalog === catalog) return cache.g;
  const g = geometry(doc, catalog);
  cache = { nodes: doc.nodes, catalog, g };
  return g;
}

/** Edges whose route is missing or no longer starts and ends on their boxes. */
export function unrouted(doc: Document, g: Geometry): string[] {
  const out: string[] = [];
  for (const e of doc.edges) {
    const s = g.boxes.get(e.source);
    const t = g.boxes.get(e.target);
    if (s && t && !fitsEnds(e.route, s, t)) out.push(e.id);
  }
  return out;
}

let handle: number | null = null;

/** Route the store's unrouted edges in idle time (restarts on each call: a new document). */
export function routeInBackground(store: EditorStore, onDone?: (routed: number) => void, busy: () => boolean = () => false): void {
  if (handle !== null) cancelIdle(handle);
  handle = null;
  const start = store.getState();
  if (!start.catalog || !start.doc.edges.length) return;
  const queue = unrouted(start.doc, geometryOf(start.doc, start.catalog));
  if (!queue.length) return;
  let routed = 0;
  let work = 0;
  const begun = performance.now();
  const slice = (idle: Idle) => {
    handle = null;
    const { catalog } = store.getState();
    if (!catalog) return;
    if (pointerHeld || busy()) {
      handle = requestIdle(slice); // never during a drag: its frames come first
      return;
    }
    const t0 = performance.now();
    const before = store.getState().doc;
    const g = geometryOf(before, catalog);
    // Batches apply to a local copy; the store (and React Flow's edge lookups) get one update per slice.
    let doc = before;
    const edges = new Map(doc.edges.map((e) => [e.id, e]));
    const ops: Op[] = [];
    while (queue.length && idle.timeRemaining() > MARGIN_MS && performance.now() - t0 < SLICE_MS) {
      const batch = new Set<string>();
      while (queue.length && batch.size < BATCH) {
        const e = edges.get(queue.pop()!);
        const a = e && g.boxes.get(e.source);
        const b = e && g.boxes.get(e.target);
        if (e && a && b && !fitsEnds(e.route, a, b)) batch.add(e.id);
      }
      if (!batch.size) continue;
      routed += batch.size;
      const more = routeOps(doc, catalog, batch, new Set(), g);
      doc = applyOps(doc, more).doc; // the next batch places its labels clear of these
      ops.push(...more);
    }
    store.getState().applySilent(ops);
    work += performance.now() - t0;
    if (queue.length) handle = requestIdle(slice);
    else {
      // For a person (or a benchmark) reading the page's performance timeline.
      performance.measure("background-routes", { start: begun, detail: { routed, work_ms: Math.round(work) } });
      onDone?.(routed);
    }
  };
  handle = requestIdle(slice);
}

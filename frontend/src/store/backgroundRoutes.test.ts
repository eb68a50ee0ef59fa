import { afterEach, describe, expect, it, vi } from "vitest";
import { fitsEnds } from "../document/routing";
import type { Document } from "../document/types";
import { catalog } from "../test/fixtures";
import { geometryOf, routeInBackground, unrouted } from "./backgroundRoutes";
import { createEditorStore, ROUTE_ON_LOAD_MAX_EDGES } from "./editorStore";

/** A grid of functions, each calling its right-hand neighbour: more edges than a load routes. */
function bigDoc(): Document {
  const cols = 30;
  const n = ROUTE_ON_LOAD_MAX_EDGES + 60;
  const nodes = Array.from({ length: n + 1 }, (_, i) => ({
    id: `f${i}`,
    type: "lambda.function",
    label: `f${i}`,
    parent: null,
    position: { x: (i % cols) * 240, y: Math.floor(i / cols) * 200 },
    props: {},
  }));
  const edges = Array.from({ length: n }, (_, i) => ({ id: `e${i}`, source: `f${i}`, target: `f${i + 1}`, label: "" }));
  return { schema: 1, name: "Big", region: "us-east-1", nodes, edges };
}

afterEach(() => vi.useRealTimers());

describe("routing in the background", () => {
  it("routes a document too large to route on open, silently (no undo step, same version)", () => {
    vi.useFakeTimers();
    const s = createEditorStore();
    s.getState().setCatalog(catalog);
    s.getState().load(bigDoc(), 1, 1);
    const loaded = s.getState();
    expect(unrouted(loaded.doc, geometryOf(loaded.doc, catalog))).toHaveLength(loaded.doc.edges.length);
    let done = -1;
    routeInBackground(s, (n) => (done = n));
    vi.runAllTimers();
    const after = s.getState();
    expect(done).toBe(after.doc.edges.length);
    const g = geometryOf(after.doc, catalog);
    expect(unrouted(after.doc, g)).toEqual([]);
    for (const e of after.doc.edges) expect(fitsEnds(e.route, g.boxes.get(e.source)!, g.boxes.get(e.target)!)).toBe(true);
    expect(after.doc.edges.every((e) => e.label_at)).toBe(true);
    expect(after.version).toBe(loaded.version);
    expect(after.history).toBe(loaded.history);
    // The flow edges follow (they draw the saved route).
    expect(after.edges[0].data?.edge.route).toEqual(after.doc.edges[0].route);
  });

  it("waits while the user drags, and skips an edge an edit routed meanwhile", () => {
    vi.useFakeTimers();
    const s = createEditorStore();
    s.getState().setCatalog(catalog);
    s.getState().load(bigDoc(), 1, 1);
    let dragging = true;
    let done = -1;
    routeInBackground(s, (n) => (done = n), () => dragging);
    vi.advanceTimersByTime(500);
    expect(unrouted(s.getState().doc, geometryOf(s.getState().doc, catalog))).toHaveLength(s.getState().doc.edges.length);
    // An edit moves the first function: its edge is routed by the edit itself.
    s.getState().dispatch([{ op: "move", id: "f0", position: { x: 0, y: 40 } }]);
    dragging = false;
    vi.runAllTimers();
    expect(done).toBe(s.getState().doc.edges.length - 1);
    expect(unrouted(s.getState().doc, geometryOf(s.getState().doc, catalog))).toEqual([]);
  });
});

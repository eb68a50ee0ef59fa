import { describe, expect, it } from "vitest";
import { catalog } from "../test/fixtures";
import { affectedEdges, geometry, rerouteOps } from "./routes";
import { crosses, fitsEnds, ObstacleIndex, overlaps, placeLabel, routeEdge, type Rect } from "./routing";
import { applyOps } from "./ops";
import type { Document } from "./types";

const box = (id: string, x: number, y: number, w = 120, h = 92) => ({ id, x, y, w, h });

function orthogonal(points: { x: number; y: number }[]) {
  return points.every((p, i) => i === 0 || p.x === points[i - 1].x || p.y === points[i - 1].y);
}

describe("orthogonal routing", () => {
  it("goes around a box between the two ends, from border to border", () => {
    const a = box("a", 0, 0);
    const b = box("b", 300, 0);
    const c = box("c", 600, 0);
    const route = routeEdge(a, c, new ObstacleIndex([a, b, c]), new Set(["a", "c"]));
    expect(orthogonal(route)).toBe(true);
    expect(crosses(route, b)).toBe(false);
    expect(fitsEnds(route, a, c)).toBe(true);
    expect(route.length).toBeGreaterThan(2);
  });

  it("is a straight line when nothing is in the way", () => {
    const a = box("a", 0, 0);
    const c = box("c", 600, 0);
    const route = routeEdge(a, c, new ObstacleIndex([a, c]), new Set(["a", "c"]));
    expect(route).toEqual([
      { x: 120, y: 46 },
      { x: 600, y: 46 },
    ]);
  });

  it("finds a way out of a ring of boxes through the gap", () => {
    const a = box("a", 300, 300);
    const ring = [box("n", 300, 150), box("w", 150, 300), box("s", 300, 450), box("e1", 450, 260, 120, 60), box("e2", 450, 360, 120, 60)];
    const t = box("t", 800, 320);
    const route = routeEdge(a, t, new ObstacleIndex([a, t, ...ring]), new Set(["a", "t"]));
    for (const r of ring) expect(crosses(route, r)).toBe(false);
    expect(fitsEnds(route, a, t)).toBe(true);
  });

  it("places a label off the boxes it would otherwise cover", () => {
    const route = [
      { x: 0, y: 0 },
      { x: 400, y: 0 },
    ];
    const block: Rect = { x: 150, y: -40, w: 100, h: 80 };
    const at = placeLabel(route, { w: 60, h: 18 }, (r) => (overlaps(r, block) ? 1 : 0));
    expect(overlaps({ x: at.x - 30, y: at.y - 9, w: 60, h: 18 }, block)).toBe(false);
  });
});

describe("routes kept in the document", () => {
  const doc = (): Document => ({
    schema: 1,
    nodes: [
      { id: "a", type: "lambda.function", position: { x: 0, y: 0 } },
      { id: "b", type: "dynamodb.table", position: { x: 600, y: 0 } },
      { id: "c", type: "s3.bucket", position: { x: 300, y: 400 } },
    ],
    edges: [
      { id: "e1", source: "a", target: "b", label: "" },
      { id: "e2", source: "c", target: "b", label: "reads" },
    ],
  });

  it("routes every edge without a fitting route, with a label spot", () => {
    const d = doc();
    const routed = applyOps(d, rerouteOps(null, d, catalog)).doc;
    const g = geometry(routed, catalog);
    for (const e of routed.edges) {
      expect(fitsEnds(e.route, g.boxes.get(e.source)!, g.boxes.get(e.target)!)).toBe(true);
      expect(e.label_at).toBeDefined();
    }
    expect(rerouteOps(null, routed, catalog)).toEqual([]); // nothing left to do
  });

  it("a box moved onto a route re-routes that edge only, around it", () => {
    const d = applyOps(doc(), rerouteOps(null, doc(), catalog)).doc;
    const moved = applyOps(d, [{ op: "move", id: "c", position: { x: 300, y: -10 } }]).doc;
    const { reroute } = affectedEdges(d, moved, catalog, geometry(moved, catalog), geometry(d, catalog));
    expect([...reroute].sort()).toEqual(["e1", "e2"]); // e1 is crossed, e2 ends at c
    const after = applyOps(moved, rerouteOps(d, moved, catalog)).doc;
    const c = geometry(after, catalog).boxes.get("c")!;
    expect(crosses(after.edges[0].route!, c)).toBe(false);
  });

  it("an edit that moves nothing routes nothing", () => {
    const d = applyOps(doc(), rerouteOps(null, doc(), catalog)).doc;
    const edited = applyOps(d, [{ op: "set_prop", id: "a", name: "memory_mb", value: 512 }]).doc;
    expect(rerouteOps(d, edited, catalog)).toEqual([]);
  });
});

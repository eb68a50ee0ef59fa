import { describe, expect, it } from "vitest";
import { catalog } from "../test/fixtures";
import { affectedEdges, geometry, rerouteOps } from "./routes";
import { crosses, fitsEnds, frameSoft, horizontalRunAt, labelRoom, ObstacleIndex, unbreakable, wordRoom, overlaps, placeLabel, routeEdge, routeOptions, type Rect, type SoftRect } from "./routing";
import { applyOps } from "./ops";
import type { Document } from "./types";

const box = (id: string, x: number, y: number, w = 120, h = 92) => ({ id, x, y, w, h });
const opts = routeOptions(catalog.style.route);

function orthogonal(points: { x: number; y: number }[]) {
  return points.every((p, i) => i === 0 || p.x === points[i - 1].x || p.y === points[i - 1].y);
}

describe("orthogonal routing", () => {
  it("goes around a box between the two ends, from border to border", () => {
    const a = box("a", 0, 0);
    const b = box("b", 300, 0);
    const c = box("c", 600, 0);
    const route = routeEdge(a, c, new ObstacleIndex([a, b, c]), new Set(["a", "c"]), opts);
    expect(orthogonal(route)).toBe(true);
    expect(crosses(route, b)).toBe(false);
    expect(fitsEnds(route, a, c)).toBe(true);
    expect(route.length).toBeGreaterThan(2);
  });

  it("is a straight line when nothing is in the way", () => {
    const a = box("a", 0, 0);
    const c = box("c", 600, 0);
    const route = routeEdge(a, c, new ObstacleIndex([a, c]), new Set(["a", "c"]), opts);
    expect(route).toEqual([
      { x: 120, y: 46 },
      { x: 600, y: 46 },
    ]);
  });

  it("finds a way out of a ring of boxes through the gap", () => {
    const a = box("a", 300, 300);
    const ring = [box("n", 300, 150), box("w", 150, 300), box("s", 300, 450), box("e1", 450, 260, 120, 60), box("e2", 450, 360, 120, 60)];
    const t = box("t", 800, 320);
    const route = routeEdge(a, t, new ObstacleIndex([a, t, ...ring]), new Set(["a", "t"]), opts);
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

/** The px of `route` that run lengthwise (along a box's long side) strictly inside a soft box. */
function runsAlong(route: { x: number; y: number }[], soft: SoftRect[]): number {
  let total = 0;
  for (let k = 1; k < route.length; k++) {
    const a = route[k - 1];
    const b = route[k];
    for (const r of soft) {
      const wide = r.w >= r.h;
      if (a.y === b.y && wide && a.y > r.y + 0.5 && a.y < r.y + r.h - 0.5) {
        total += Math.max(0, Math.min(Math.max(a.x, b.x), r.x + r.w) - Math.max(Math.min(a.x, b.x), r.x));
      } else if (a.x === b.x && !wide && a.x > r.x + 0.5 && a.x < r.x + r.w - 0.5) {
        total += Math.max(0, Math.min(Math.max(a.y, b.y), r.y + r.h) - Math.max(Math.min(a.y, b.y), r.y));
      }
    }
  }
  return total;
}

describe("routes stay off container frames", () => {
  const style = catalog.style;
  const a = box("a", 0, 0);
  const c = box("c", 600, 0);
  const soft = (frame: Rect) => frameSoft(frame, style.container.title_h, style.route.border_band, "f");

  it("prices the catalog's route style: clearance 14, bend 40, soft 20, band 16", () => {
    expect(opts).toMatchObject({ margin: 14, bend: 40, soft: 20, band: 16, window: 80 });
  });

  it("leaves a frame's border instead of running along it", () => {
    // The straight line a -> c (y = 46) would run along the frame's top border.
    const frame = { x: 180, y: 46, w: 300, h: 200 };
    const bands = soft(frame);
    const plain = routeEdge(a, c, new ObstacleIndex([a, c]), new Set(["a", "c"]), opts);
    expect(runsAlong(plain, bands)).toBeGreaterThan(200); // without prices, it would
    const route = routeEdge(a, c, new ObstacleIndex([a, c]), new Set(["a", "c"]), opts, 0, new ObstacleIndex(bands));
    expect(orthogonal(route)).toBe(true);
    expect(fitsEnds(route, a, c)).toBe(true);
    expect(runsAlong(route, bands)).toBe(0);
  });

  it("does not run lengthwise through a title bar", () => {
    const frame = { x: 180, y: 30, w: 300, h: 200 }; // its title bar spans y = 30..62
    const bars = soft(frame);
    const route = routeEdge(a, c, new ObstacleIndex([a, c]), new Set(["a", "c"]), opts, 0, new ObstacleIndex(bars));
    expect(runsAlong(route, bars)).toBe(0);
    expect(route.some((p) => p.y <= 30 - 8 || p.y >= 230 + 8)).toBe(true); // over or under the frame, off its band
  });

  it("crosses a frame it must leave at a right angle", () => {
    const frame = { x: -40, y: -60, w: 300, h: 220 };
    const t = box("t", 40, 400); // below the frame: the route leaves through the bottom border
    const bands = soft(frame);
    const route = routeEdge(a, t, new ObstacleIndex([a, t]), new Set(["a", "t"]), opts, 0, new ObstacleIndex(bands));
    expect(runsAlong(route, bands)).toBe(0);
    expect(route.some((p, k) => k > 0 && p.x === route[k - 1].x && Math.min(p.y, route[k - 1].y) < 160 && Math.max(p.y, route[k - 1].y) > 160)).toBe(true);
  });

  it("wraps a label to a narrow gap's room", () => {
    const route = [
      { x: 120, y: 46 },
      { x: 180, y: 46 },
    ];
    expect(labelRoom(60)).toBe(54);
    // Never narrower than the widest word (broken after a "/" as the export does), never wider
    // than the catalog's label.
    const m = { px: 11, line: 14, padX: 6, padY: 1, maxWidth: 180 };
    expect(unbreakable("reads/writes to  S3")).toEqual(["reads/", "writes", "to", "S3"]);
    expect(labelRoom(30, "reads/writes", m)).toBe(wordRoom("writes", m));
    expect(labelRoom(30, "reads/writes", m)).toBeGreaterThan(6 * 11 * 0.58 + 12);
    expect(labelRoom(30, "reads/writes", m, 22)).toBe(labelRoom(30, "reads/writes", m) + 22);
    expect(labelRoom(300, "a b", m)).toBe(180);
    expect(labelRoom(30, "x".repeat(80), m)).toBe(180);
    expect(horizontalRunAt(route, { x: 150, y: 46 })).toBe(60);
    expect(horizontalRunAt(route, { x: 150, y: 80 })).toBeNull();
  });

  it("the document's geometry carries every container's bands and title bar", () => {
    const g = geometry(
      { schema: 1, nodes: [{ id: "v", type: "aws.vpc", position: { x: 0, y: 0 }, size: { w: 400, h: 300 }, props: {} }], edges: [] } as unknown as Document,
      catalog,
    );
    expect(g.soft.rects).toHaveLength(5);
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

import { describe, expect, it } from "vitest";
import { catalog, nestedDoc } from "../test/fixtures";
import { absolutePositions } from "./geometry";
import { autoLayout, toElkGraph } from "./layout";
import { applyOps } from "./ops";

describe("auto layout", () => {
  it("nests children inside their containers in the ELK graph", () => {
    const g = toElkGraph(nestedDoc(), catalog);
    expect(g.children.map((c) => c.id)).toEqual(["region", "table"]);
    const region = g.children[0];
    expect(region.children?.[0].id).toBe("vpc");
    expect(region.children?.[0].children?.[0].children?.[0]).toMatchObject({ id: "fn", width: 120, height: 92 });
  });

  it("lays out a document so children stay inside containers that fit them", async () => {
    const doc = nestedDoc();
    const after = applyOps(doc, await autoLayout(doc, catalog)).doc;
    const abs = absolutePositions(after);
    const sub = after.nodes.find((n) => n.id === "sub")!;
    const fn = abs.get("fn")!;
    const s = abs.get("sub")!;
    expect(fn.x).toBeGreaterThanOrEqual(s.x);
    expect(fn.y).toBeGreaterThanOrEqual(s.y);
    expect(fn.x + 120).toBeLessThanOrEqual(s.x + sub.size!.w);
    expect(fn.y + 92).toBeLessThanOrEqual(s.y + sub.size!.h);
    // No overlap between the region and the table on the canvas.
    const r = abs.get("region")!;
    const region = after.nodes.find((n) => n.id === "region")!;
    const t = abs.get("table")!;
    const overlaps = t.x < r.x + region.size!.w && t.x + 120 > r.x && t.y < r.y + region.size!.h && t.y + 92 > r.y;
    expect(overlaps).toBe(false);
  });
});

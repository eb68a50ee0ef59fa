import { describe, expect, it } from "vitest";
import { catalog, nestedDoc } from "../test/fixtures";
import { childTop, fitInParents } from "./containment";
import { absolutePositions } from "./geometry";
import { applyOps } from "./ops";

const k = catalog.style.container;
const c = catalog.style.component;

describe("containers keep their children in view", () => {
  it("moves a child out from under its container's title bar", () => {
    const doc = nestedDoc();
    doc.nodes[0].position = { x: 20, y: 4 }; // fn in sub, on the title
    const ops = fitInParents(doc, catalog, ["fn"]);
    expect(ops).toEqual([{ op: "update_node", id: "fn", set: { position: { x: 20, y: childTop(catalog) } } }]);
    expect(childTop(catalog)).toBeGreaterThanOrEqual(k.title_h);
  });

  it("grows the parent, and its parents, to hold a child dragged past the edge", () => {
    const doc = nestedDoc(); // sub 300x200 at (40,50) in vpc 600x400
    doc.nodes[0].position = { x: 560, y: 400 }; // far past sub's right and bottom, and vpc's
    const after = applyOps(doc, fitInParents(doc, catalog, ["fn"])).doc;
    const sub = after.nodes.find((n) => n.id === "sub")!;
    const vpc = after.nodes.find((n) => n.id === "vpc")!;
    expect(sub.size).toEqual({ w: 560 + c.w + k.padding, h: 400 + c.h + k.padding });
    expect(vpc.size!.w).toBeGreaterThanOrEqual(40 + sub.size!.w + k.padding);
    expect(vpc.size!.h).toBeGreaterThanOrEqual(50 + sub.size!.h + k.padding);
    const region = after.nodes.find((n) => n.id === "region")!;
    expect(region.size!.w).toBeGreaterThanOrEqual(100 + vpc.size!.w + k.padding);
    expect(region.size!.h).toBeGreaterThanOrEqual(100 + vpc.size!.h + k.padding);
  });

  it("grows leftwards without moving anything else on the canvas", () => {
    const doc = nestedDoc();
    doc.nodes.push({ id: "fn2", type: "lambda.function", label: "", parent: "sub", position: { x: 100, y: 60 }, props: {} });
    doc.nodes[0].position = { x: -50, y: 60 };
    const before = absolutePositions(doc);
    const after = applyOps(doc, fitInParents(doc, catalog, ["fn"])).doc;
    const abs = absolutePositions(after);
    expect(abs.get("fn")).toEqual(before.get("fn"));
    expect(abs.get("fn2")).toEqual(before.get("fn2"));
    const sub = after.nodes.find((n) => n.id === "sub")!;
    expect(after.nodes.find((n) => n.id === "fn")!.position!.x).toBe(k.padding);
    expect(sub.size!.w).toBe(300 + 50 + k.padding);
  });

  it("leaves a child that fits alone", () => {
    const doc = nestedDoc();
    doc.nodes[0].position = { x: 20, y: childTop(catalog) };
    expect(fitInParents(doc, catalog, ["fn"])).toEqual([]);
  });
});

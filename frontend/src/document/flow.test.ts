import { describe, expect, it } from "vitest";
import { catalog, nestedDoc } from "../test/fixtures";
import { byIdMap, toFlowEdges, toFlowNodes, Z_COMPONENT } from "./flow";
import { absolutePositions, containerAt, toRelative, withDescendants } from "./geometry";
import { applyOp } from "./ops";
import type { Document } from "./types";

describe("document -> React Flow", () => {
  it("orders parents before children and containers before components", () => {
    const nodes = toFlowNodes(nestedDoc(), catalog, new Set());
    expect(nodes.map((n) => n.id)).toEqual(["region", "vpc", "sub", "fn", "table"]);
    const fn = nodes.find((n) => n.id === "fn")!;
    expect(fn).toMatchObject({ type: "component", parentId: "sub", position: { x: 20, y: 30 }, zIndex: Z_COMPONENT });
    expect(nodes.find((n) => n.id === "vpc")).toMatchObject({ type: "container", parentId: "region", width: 600, height: 400, zIndex: 1 });
  });

  it("keeps positions relative to the parent, as the document does", () => {
    const abs = absolutePositions(nestedDoc());
    expect(abs.get("region")).toEqual({ x: 10, y: 10 });
    expect(abs.get("vpc")).toEqual({ x: 110, y: 110 });
    expect(abs.get("sub")).toEqual({ x: 150, y: 160 });
    expect(abs.get("fn")).toEqual({ x: 170, y: 190 });
    expect(toRelative({ x: 170, y: 190 }, "sub", abs)).toEqual({ x: 20, y: 30 });
    expect(toRelative({ x: 170, y: 190 }, null, abs)).toEqual({ x: 170, y: 190 });
  });

  it("falls back to catalog default sizes for containers without a size", () => {
    const doc = nestedDoc();
    delete doc.nodes[3].size;
    const region = toFlowNodes(doc, catalog, new Set()).find((n) => n.id === "region")!;
    expect([region.width, region.height]).toEqual([900, 600]);
    expect(toFlowNodes(doc, catalog, new Set()).find((n) => n.id === "fn")!.width).toBe(catalog.style.component.w);
  });

  it("reuses unchanged node objects and rebuilds changed ones", () => {
    const doc = nestedDoc();
    const first = toFlowNodes(doc, catalog, new Set());
    const next = applyOp(doc, { op: "update_node", id: "table", set: { label: "X" } }).doc;
    const second = toFlowNodes(next, catalog, new Set(["fn"]), byIdMap(first));
    const a = byIdMap(first);
    const b = byIdMap(second);
    expect(b.get("region")).toBe(a.get("region"));
    expect(b.get("table")).not.toBe(a.get("table"));
    expect(b.get("fn")).not.toBe(a.get("fn"));
    expect(b.get("fn")!.selected).toBe(true);
  });

  it("maps edges with their catalog verb and support", () => {
    const doc = nestedDoc();
    doc.edges.push({ id: "bad", source: "table", target: "vpc" });
    const edges = toFlowEdges(doc, catalog, new Set());
    expect(edges[0].data).toMatchObject({ supported: true, verb: "reads/writes" });
    expect(edges[1].data?.supported).toBe(false);
    expect(edges[1].data?.reason).toMatch(/container/);
  });
});

describe("containerAt", () => {
  it("finds the innermost container under a point", () => {
    const doc = nestedDoc();
    expect(containerAt(doc, catalog, { x: 200, y: 200 })).toBe("sub");
    expect(containerAt(doc, catalog, { x: 600, y: 450 })).toBe("vpc");
    expect(containerAt(doc, catalog, { x: 20, y: 20 })).toBe("region");
    expect(containerAt(doc, catalog, { x: 2000, y: 20 })).toBeNull();
  });

  it("skips the excluded nodes (what is being dragged)", () => {
    const doc = nestedDoc();
    expect(containerAt(doc, catalog, { x: 200, y: 200 }, withDescendants(doc, ["vpc"]))).toBe("region");
  });
});

describe("toFlowEdges and conditional connections", () => {
  it("checks an edge again when its source's props change, reusing it otherwise", () => {
    const doc: Document = {
      schema: 1,
      name: "Endpoint",
      region: "us-east-1",
      nodes: [
        { id: "ep", type: "aws.vpc_endpoint", label: "", props: { service: "s3" } },
        { id: "b", type: "s3.bucket", label: "", props: {} },
      ],
      edges: [{ id: "e", source: "ep", target: "b", label: "" }],
    };
    const first = toFlowEdges(doc, catalog, new Set());
    expect(first[0].data?.supported).toBe(true);
    expect(first[0].data?.feature).toMatch(/VPC endpoint → S3 bucket: /);
    expect(toFlowEdges(doc, catalog, new Set(), byIdMap(first))[0]).toBe(first[0]);
    const changed: Document = { ...doc, nodes: [{ ...doc.nodes[0], props: { service: "sqs" } }, doc.nodes[1]] };
    const second = toFlowEdges(changed, catalog, new Set(), byIdMap(first));
    expect(second[0].data?.supported).toBe(false);
    expect(second[0].data?.reason).toMatch(/service sqs cannot reach S3/);
  });
});

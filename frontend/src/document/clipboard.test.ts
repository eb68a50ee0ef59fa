import { describe, expect, it } from "vitest";
import { nestedDoc } from "../test/fixtures";
import { copySelection, pasteOps } from "./clipboard";
import { applyOps } from "./ops";

describe("copy and paste", () => {
  it("copies a container with its contents and pastes it with fresh ids, parents first", () => {
    const doc = nestedDoc();
    const clip = copySelection(doc, ["sub"])!;
    expect(clip.nodes.map((n) => n.id)).toEqual(["sub", "fn"]);
    const { ops, nodeIds } = pasteOps(doc, clip, { x: 40, y: 40 });
    const after = applyOps(doc, ops).doc;
    expect(after.nodes).toHaveLength(7);
    const [subCopy, fnCopy] = nodeIds.map((id) => after.nodes.find((n) => n.id === id)!);
    // The subnet stays in its VPC, shifted; the function stays inside the copied subnet.
    expect(subCopy).toMatchObject({ parent: "vpc", position: { x: 80, y: 90 } });
    expect(fnCopy).toMatchObject({ parent: subCopy.id, position: { x: 20, y: 30 } });
  });

  it("copies the edges between copied nodes only", () => {
    const doc = nestedDoc();
    expect(copySelection(doc, ["fn"])!.edges).toEqual([]);
    const clip = copySelection(doc, ["fn", "table"])!;
    const { ops, edgeIds } = pasteOps(doc, clip, { x: 0, y: 0 });
    const after = applyOps(doc, ops).doc;
    const e = after.edges.find((x) => x.id === edgeIds[0])!;
    expect(e.source).not.toBe("fn");
    expect(after.nodes.find((n) => n.id === e.source)!.type).toBe("lambda.function");
  });

  it("pastes into another document at absolute positions when the container is missing", () => {
    const doc = nestedDoc();
    const clip = copySelection(doc, ["fn"])!;
    const other = { schema: 1 as const, nodes: [], edges: [] };
    const after = applyOps(other, pasteOps(other, clip, { x: 10, y: 10 }).ops).doc;
    expect(after.nodes[0]).toMatchObject({ parent: null, position: { x: 180, y: 200 } });
  });
});

import { describe, expect, it } from "vitest";
import { nestedDoc } from "../test/fixtures";
import { applyOp, applyOps, emptyHistory, OpError, record, redo, removeOps, undo, type Op } from "./ops";
import type { Document } from "./types";

function roundTrip(doc: Document, ops: Op[]) {
  const forward = applyOps(doc, ops);
  const back = applyOps(forward.doc, forward.inverse);
  expect(back.doc).toEqual(doc);
  return forward.doc;
}

describe("applyOp", () => {
  it("adds, updates and removes nodes and edges, each with an exact inverse", () => {
    const doc = nestedDoc();
    const after = roundTrip(doc, [
      { op: "add_node", node: { id: "q", type: "sqs.queue", label: "Jobs", parent: "region", position: { x: 5, y: 5 }, props: {} } },
      { op: "add_edge", edge: { id: "e2", source: "q", target: "fn", label: "" } },
      { op: "update_node", id: "fn", set: { label: "Worker" } },
      { op: "set_prop", id: "fn", name: "memory_mb", value: 2048 },
      { op: "set_prop", id: "fn", name: "timeout_s", value: undefined },
      { op: "move", id: "table", position: { x: 1, y: 2 } },
      { op: "reparent", id: "table", parent: "region", position: { x: 3, y: 4 } },
      { op: "update_edge", id: "e1", set: { label: "writes" } },
      { op: "set_meta", set: { name: "Renamed" } },
    ]);
    expect(after.nodes.find((n) => n.id === "fn")).toMatchObject({ label: "Worker", props: { memory_mb: 2048 } });
    expect(after.nodes.find((n) => n.id === "table")).toMatchObject({ parent: "region", position: { x: 3, y: 4 } });
    expect(after.edges.map((e) => e.id)).toEqual(["e1", "e2"]);
    expect(after.name).toBe("Renamed");
  });

  it("restores a removed node at its index", () => {
    const doc = nestedDoc();
    const r = applyOps(doc, [{ op: "remove_edge", id: "e1" }, { op: "remove_node", id: "table" }]);
    expect(r.doc.nodes.map((n) => n.id)).not.toContain("table");
    expect(applyOps(r.doc, r.inverse).doc).toEqual(doc);
  });

  it("does not mutate the input and shares unchanged nodes", () => {
    const doc = nestedDoc();
    const frozen = JSON.stringify(doc);
    const r = applyOp(doc, { op: "move", id: "fn", position: { x: 0, y: 0 } });
    expect(JSON.stringify(doc)).toBe(frozen);
    expect(r.doc.nodes[1]).toBe(doc.nodes[1]);
    expect(r.doc.nodes[0]).not.toBe(doc.nodes[0]);
  });

  it("refuses duplicate ids, dangling edges, removing a node with children or edges, and parent loops", () => {
    const doc = nestedDoc();
    expect(() => applyOp(doc, { op: "add_node", node: { id: "e1", type: "s3.bucket" } })).toThrow(OpError);
    expect(() => applyOp(doc, { op: "add_edge", edge: { id: "x", source: "fn", target: "ghost" } })).toThrow(OpError);
    expect(() => applyOp(doc, { op: "remove_node", id: "vpc" })).toThrow(/children/);
    expect(() => applyOp(doc, { op: "remove_node", id: "table" })).toThrow(/edges/);
    expect(() => applyOp(doc, { op: "reparent", id: "region", parent: "sub", position: { x: 0, y: 0 } })).toThrow(/inside/);
  });

  it("applies a failing batch all or nothing", () => {
    const doc = nestedDoc();
    expect(() =>
      applyOps(doc, [
        { op: "move", id: "fn", position: { x: 9, y: 9 } },
        { op: "remove_node", id: "ghost" },
      ]),
    ).toThrow(OpError);
    expect(doc.nodes[0].position).toEqual({ x: 20, y: 30 });
  });
});

describe("removeOps", () => {
  it("removes a container with everything inside it and the edges touching them, in a valid order", () => {
    const doc = nestedDoc();
    const ops = removeOps(doc, ["vpc"]);
    expect(ops[0]).toEqual({ op: "remove_edge", id: "e1" });
    const r = applyOps(doc, ops);
    expect(r.doc.nodes.map((n) => n.id).sort()).toEqual(["region", "table"]);
    expect(r.doc.edges).toEqual([]);
    expect(applyOps(r.doc, r.inverse).doc).toEqual(doc);
  });
});

describe("undo stack", () => {
  it("undoes and redoes transactions, and a new change clears redo", () => {
    let doc = nestedDoc();
    const original = doc;
    let history = emptyHistory();
    const ops: Op[] = [{ op: "update_node", id: "fn", set: { label: "A" } }];
    const r = applyOps(doc, ops);
    doc = r.doc;
    history = record(history, { ops, inverse: r.inverse, at: 0 });
    const u = undo(doc, history)!;
    expect(u.doc).toEqual(original);
    const re = redo(u.doc, u.history)!;
    expect(re.doc.nodes[0].label).toBe("A");
    expect(re.history.undo).toHaveLength(1);
    expect(re.history.redo).toHaveLength(0);
    expect(undo(original, emptyHistory())).toBeNull();
  });

  it("merges quick consecutive edits with the same key into one step", () => {
    let doc = nestedDoc();
    let history = emptyHistory();
    for (const [i, v] of [1024, 2048, 4096].entries()) {
      const ops: Op[] = [{ op: "set_prop", id: "fn", name: "memory_mb", value: v }];
      const r = applyOps(doc, ops);
      doc = r.doc;
      history = record(history, { ops, inverse: r.inverse, key: "fn.memory_mb", at: i * 100 });
    }
    expect(history.undo).toHaveLength(1);
    const u = undo(doc, history)!;
    expect(u.doc.nodes[0].props).toEqual({});
    // Later than the merge window: a new step.
    const ops: Op[] = [{ op: "set_prop", id: "fn", name: "memory_mb", value: 1 }];
    const r = applyOps(doc, ops);
    history = record(history, { ops, inverse: r.inverse, key: "fn.memory_mb", at: 5000 });
    expect(history.undo).toHaveLength(2);
  });

  it("operations are plain JSON, so they can be sent and replayed elsewhere", () => {
    const doc = nestedDoc();
    const ops: Op[] = [{ op: "set_prop", id: "fn", name: "env", value: { A: "1" } }];
    const replayed = applyOps(structuredClone(doc), JSON.parse(JSON.stringify(ops)));
    expect(replayed.doc).toEqual(applyOps(doc, ops).doc);
  });
});

import { describe, expect, it } from "vitest";
import { catalog, nestedDoc } from "../test/fixtures";
import { createEditorStore, dropOps, indexFindings, resizeOps } from "./editorStore";
import { absolutePositions } from "../document/geometry";
import { toFlowNodes } from "../document/flow";

function store() {
  const s = createEditorStore();
  s.getState().setCatalog(catalog);
  s.getState().load(nestedDoc(), 1, 3);
  return s;
}

describe("dropOps", () => {
  it("moves a node within its container (relative position)", () => {
    const doc = nestedDoc();
    const abs = absolutePositions(doc);
    abs.set("fn", { x: 180, y: 200 });
    expect(dropOps(doc, catalog, ["fn"], abs)).toEqual([{ op: "move", id: "fn", position: { x: 30, y: 40 } }]);
  });

  it("re-parents a node dropped onto another container and un-parents one dragged out", () => {
    const doc = nestedDoc();
    const abs = absolutePositions(doc);
    abs.set("table", { x: 160, y: 170 }); // into the subnet (subnet at 150,160)
    expect(dropOps(doc, catalog, ["table"], abs)).toEqual([{ op: "reparent", id: "table", parent: "sub", position: { x: 10, y: 10 } }]);
    const abs2 = absolutePositions(doc);
    abs2.set("fn", { x: 1500, y: 900 });
    expect(dropOps(doc, catalog, ["fn"], abs2)).toEqual([{ op: "reparent", id: "fn", parent: null, position: { x: 1500, y: 900 } }]);
  });

  it("moves a container with its children: only the container gets an operation", () => {
    const doc = nestedDoc();
    const abs = absolutePositions(doc);
    abs.set("vpc", { x: 120, y: 130 });
    abs.set("sub", { x: 160, y: 180 });
    abs.set("fn", { x: 180, y: 210 });
    expect(dropOps(doc, catalog, ["vpc", "sub", "fn"], abs)).toEqual([{ op: "move", id: "vpc", position: { x: 110, y: 120 } }]);
  });
});

describe("resizeOps", () => {
  it("records the new size and the compensating moves of children", () => {
    const doc = nestedDoc();
    const flow = toFlowNodes(doc, catalog, new Set()).map((n) =>
      n.id === "sub" ? { ...n, width: 340, height: 260, position: { x: 20, y: 30 } } : n.id === "fn" ? { ...n, position: { x: 40, y: 50 } } : n,
    );
    expect(resizeOps(doc, flow, ["sub"])).toEqual([
      { op: "update_node", id: "sub", set: { size: { w: 340, h: 260 }, position: { x: 20, y: 30 } } },
      { op: "move", id: "fn", position: { x: 40, y: 50 } },
    ]);
  });
});

describe("editor store", () => {
  it("dispatches ops, re-derives React Flow nodes, and undoes/redoes", () => {
    const s = store();
    const v = s.getState().version;
    s.getState().dispatch([{ op: "update_node", id: "fn", set: { label: "Worker" } }]);
    expect(s.getState().version).toBe(v + 1);
    expect(s.getState().nodes.find((n) => n.id === "fn")!.data.node.label).toBe("Worker");
    s.getState().undo();
    expect(s.getState().nodes.find((n) => n.id === "fn")!.data.node.label).toBe("함수");
    s.getState().redo();
    expect(s.getState().doc.nodes[0].label).toBe("Worker");
  });

  it("keeps a refused operation from changing anything", () => {
    const s = store();
    const before = s.getState().doc;
    expect(s.getState().dispatch([{ op: "remove_node", id: "vpc" }])).toBe(false);
    expect(s.getState().doc).toBe(before);
    expect(s.getState().history.undo).toHaveLength(0);
  });

  it("applies remote operations without recording them for undo", () => {
    const s = store();
    s.getState().dispatch([{ op: "move", id: "table", position: { x: 0, y: 0 } }], { remote: true });
    expect(s.getState().history.undo).toHaveLength(0);
    expect(s.getState().doc.nodes[4].position).toEqual({ x: 0, y: 0 });
  });

  it("tracks selection from React Flow changes and drops removed ids", () => {
    const s = store();
    s.getState().onNodesChange([{ type: "select", id: "table", selected: true }]);
    expect([...s.getState().selectedNodes]).toEqual(["table"]);
    expect(s.getState().nodes.find((n) => n.id === "table")!.selected).toBe(true);
    s.getState().dispatch([{ op: "remove_edge", id: "e1" }, { op: "remove_node", id: "table" }]);
    expect(s.getState().selectedNodes.size).toBe(0);
  });

  it("turns a drag into one undoable move", () => {
    const s = store();
    s.getState().onNodesChange([{ type: "position", id: "table", position: { x: 1100, y: 120 }, dragging: true }]);
    expect(s.getState().doc.nodes[4].position).toEqual({ x: 1000, y: 100 });
    s.getState().commitDrag(["table"]);
    expect(s.getState().doc.nodes[4].position).toEqual({ x: 1100, y: 120 });
    s.getState().undo();
    expect(s.getState().doc.nodes[4].position).toEqual({ x: 1000, y: 100 });
    expect(s.getState().nodes.find((n) => n.id === "table")!.position).toEqual({ x: 1000, y: 100 });
  });

  it("indexes findings by node and edge for the badges", () => {
    const s = store();
    s.getState().setReport({
      valid: true,
      counts: { error: 1, warning: 0, info: 0 },
      findings: [{ rule: "LAMBDA_MEMORY_RANGE", severity: "error", nodes: ["fn"], edges: ["e1"], message: "m", hint: "h" }],
    });
    expect(s.getState().findingsByNode.get("fn")).toHaveLength(1);
    expect(s.getState().findingsByEdge.get("e1")).toHaveLength(1);
  });
});

describe("findings index", () => {
  const finding = (rule: string, nodes: string[]) => ({ rule, severity: "error" as const, nodes, edges: [], message: rule, hint: "" });
  const report = (...findings: ReturnType<typeof finding>[]) => ({ valid: false, counts: { error: findings.length, warning: 0, info: 0 }, findings });

  it("keeps a node's findings array when a new report did not change them", () => {
    const first = indexFindings(report(finding("A", ["fn"]), finding("B", ["table"])));
    const second = indexFindings(report(finding("A", ["fn"]), finding("C", ["table"])), first);
    expect(second.findingsByNode.get("fn")).toBe(first.findingsByNode.get("fn"));
    expect(second.findingsByNode.get("table")).not.toBe(first.findingsByNode.get("table"));
    expect(second.findingsByNode.get("table")!.map((f) => f.rule)).toEqual(["C"]);
  });
});

describe("routes follow moves in the same undo step", () => {
  it("a move re-routes the edges it touched; one undo puts node and route back", () => {
    const store = createEditorStore();
    store.getState().setCatalog(catalog);
    store.getState().load(
      {
        schema: 1,
        nodes: [
          { id: "a", type: "lambda.function", position: { x: 0, y: 0 } },
          { id: "b", type: "dynamodb.table", position: { x: 600, y: 0 } },
          { id: "c", type: "s3.bucket", position: { x: 300, y: 400 } },
        ],
        edges: [{ id: "e", source: "a", target: "b", label: "" }],
      },
      1,
      1,
    );
    const before = store.getState().doc.edges[0];
    expect(before.route?.length).toBeGreaterThanOrEqual(2); // routed on open
    store.getState().dispatch([{ op: "move", id: "c", position: { x: 300, y: -20 } }]);
    const after = store.getState().doc.edges[0];
    expect(after.route).not.toEqual(before.route);
    expect(store.getState().history.undo.length).toBe(1);
    store.getState().undo();
    expect(store.getState().doc.edges[0].route).toEqual(before.route);
    expect(store.getState().doc.nodes[2].position).toEqual({ x: 300, y: 400 });
  });
});

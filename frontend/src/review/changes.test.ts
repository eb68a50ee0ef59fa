import { describe, expect, it } from "vitest";
import type { Changes } from "../api/sharing";
import type { Document } from "../document/types";
import { changeCount, changeList, cssString, highlightCss } from "./changes";

const doc: Document = {
  schema: 1,
  nodes: [
    { id: "fn", type: "lambda.function", label: "Resize" },
    { id: "table", type: "dynamodb.table" },
  ],
  edges: [{ id: "e2", source: "fn", target: "table" }],
};

const changes: Changes = {
  since: 3,
  nodes: { added: ["table"], removed: ["old-queue"], changed: ["fn"] },
  edges: { added: ["e2"], removed: ["e1"], changed: [] },
};

describe("changes since the last review", () => {
  it("lists every change with a name a person knows", () => {
    const list = changeList(changes, doc, (t) => (t === "dynamodb.table" ? "DynamoDB table" : t));
    expect(list.map((i) => [i.kind, i.status, i.label, i.onCanvas])).toEqual([
      ["node", "added", "DynamoDB table", true],
      ["node", "changed", "Resize", true],
      ["node", "removed", "old-queue", false],
      ["edge", "added", "Resize → DynamoDB table", true],
      ["edge", "removed", "e1", false],
    ]);
    expect(changeCount(changes)).toBe(5);
    expect(changeCount(null)).toBe(0);
  });

  it("outlines added and changed nodes and edges, not removed ones", () => {
    const css = highlightCss(changes);
    expect(css).toContain('.react-flow__node[data-id="table"]{outline:3px solid var(--change-added)');
    expect(css).toContain('.react-flow__node[data-id="fn"]::after{content:"changed"');
    expect(css).toContain('.react-flow__edge[data-id="e2"] .react-flow__edge-path{stroke:var(--change-added)');
    expect(css).toContain('.edge-label[data-edge-id="e2"]::after{content:"new"');
    expect(css).not.toContain("old-queue");
    expect(css).not.toContain('"e1"');
    expect(highlightCss(null)).toBe("");
  });

  it("quotes ids safely", () => {
    expect(cssString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { catalog, nestedDoc } from "../test/fixtures";
import type { DocEdge, DocNode, Document } from "../document/types";
import fixture from "../../../tests/collab/fixtures/ts_update.json";
import { documentToY, rawDocument, repair, roots, writeChanges, yToDocument } from "./ydoc";

const files = import.meta.glob<{ document?: Document } & Document>(["../../../builder/starters/*.json", "../../../examples/*.json"], {
  eager: true,
  import: "default",
});

/** The starters and examples: the starters wrap their document. */
const samples: [string, Document][] = Object.entries(files).map(([path, json]) => [path, (json.document ?? json) as Document]);

/** A small seeded generator (mulberry32): the same documents on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEAVES = ["lambda.function", "s3.bucket", "sqs.queue", "dynamodb.table"];

function randomDocument(seed: number): Document {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const nodes: DocNode[] = [];
  const containers: string[] = [];
  const count = 1 + Math.floor(r() * 25);
  for (let i = 0; i < count; i++) {
    const isContainer = r() < 0.25;
    const id = `n${i}`;
    const node: DocNode = {
      id,
      type: isContainer ? pick(["aws.region", "aws.vpc"]) : pick(LEAVES),
      label: r() < 0.8 ? `Node ${i} ${pick(["", "é", "함수", "→"])}` : "",
      parent: containers.length && r() < 0.5 ? pick(containers) : null,
      position: { x: Math.round(r() * 2000) - 500, y: Math.round(r() * 100000) / 100 },
      props: {},
    };
    if (isContainer) {
      node.size = { w: 200 + Math.round(r() * 800), h: 150 + Math.round(r() * 600) };
      containers.push(id);
    }
    if (node.type === "lambda.function" && r() < 0.7) node.props = { memory_mb: pick([128, 1024, 10240]), runtime: "python3.12" };
    if (node.type === "sqs.queue" && r() < 0.5) node.props = { fifo: r() < 0.5 };
    if (r() < 0.2) delete node.label;
    nodes.push(node);
  }
  const edges: DocEdge[] = [];
  const leaves = nodes.filter((n) => !containers.includes(n.id));
  for (let i = 0; i < Math.floor(r() * 30) && leaves.length > 1; i++) {
    const edge: DocEdge = { id: `e${i}`, source: pick(leaves).id, target: pick(leaves).id, label: r() < 0.3 ? "reads" : "" };
    if (r() < 0.4)
      edge.route = [
        { x: 1, y: 2 },
        { x: 1.5, y: 200 },
        { x: 300, y: 200 },
      ];
    if (r() < 0.2) edge.label_at = { x: 10, y: -3.25 };
    if (r() < 0.2) edge.source_handle = null;
    edges.push(edge);
  }
  const doc: Document = { schema: 1, name: `Random ${seed}`, region: "eu-west-1", nodes, edges };
  if (r() < 0.5) doc.viewport = { x: -10, y: 20.5, zoom: 0.8 };
  return doc;
}

/** Deliver every update of `from` that `to` lacks. */
function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function replica(doc: Document, clientID: number, seedFrom?: Y.Doc): Y.Doc {
  const y = new Y.Doc();
  y.clientID = clientID;
  if (seedFrom) Y.applyUpdate(y, Y.encodeStateAsUpdate(seedFrom));
  else documentToY(doc, y);
  return y;
}

describe("document <-> Y", () => {
  it.each(samples)("round trip is the identity: %s", (_path, doc) => {
    expect(yToDocument(documentToY(doc))).toEqual(doc);
  });

  it("round trip is the identity on random documents (with the catalog's repair)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const doc = randomDocument(seed);
      expect(yToDocument(documentToY(doc), catalog)).toEqual(doc);
    }
  });

  it("round trip survives the update encoding", () => {
    const doc = nestedDoc();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(documentToY(doc)));
    expect(yToDocument(copy, catalog)).toEqual(doc);
  });

  it("lists ids missing from the order after the ordered ones, sorted", () => {
    const y = documentToY(nestedDoc());
    const { nodeOrder } = roots(y);
    y.transact(() => nodeOrder.delete(0, 2)); // "fn" and "sub" are no longer in the order
    expect(yToDocument(y).nodes.map((n) => n.id)).toEqual(["vpc", "region", "table", "fn", "sub"]);
  });
});

describe("repair", () => {
  const base = () => rawDocument(documentToY(nestedDoc()));

  it("drops an edge whose end is gone, and moves a deleted container's children to the top", () => {
    const raw = base();
    raw.nodes = (raw.nodes as DocNode[]).filter((n) => n.id !== "sub" && n.id !== "table");
    const doc = repair(raw, catalog);
    expect(doc.edges).toEqual([]);
    expect(doc.nodes.find((n) => n.id === "fn")?.parent).toBeNull();
  });

  it("breaks a parent loop at the node the server's checker names", () => {
    const raw = base();
    const nodes = raw.nodes as DocNode[];
    nodes.find((n) => n.id === "region")!.parent = "sub"; // region -> sub -> vpc -> region
    const doc = repair(raw, catalog);
    // The checker walks from the first node with a parent (fn): fn, sub, vpc, region, then sub again.
    expect(doc.nodes.find((n) => n.id === "sub")?.parent).toBeNull();
    expect(doc.nodes.find((n) => n.id === "region")?.parent).toBe("sub");
  });

  it("drops unknown types and props, a parent that is not a container, bad fields", () => {
    const raw = base();
    const nodes = raw.nodes as DocNode[];
    nodes.push({ id: "x", type: "nope.thing", props: {} });
    nodes.find((n) => n.id === "table")!.parent = "fn";
    nodes.find((n) => n.id === "table")!.props = { nonsense: 1 };
    (nodes.find((n) => n.id === "vpc") as unknown as Record<string, unknown>).size = { w: -1, h: 3 };
    const doc = repair(raw, catalog);
    expect(doc.nodes.map((n) => n.id)).not.toContain("x");
    const table = doc.nodes.find((n) => n.id === "table")!;
    expect(table.parent).toBeNull();
    expect(table.props).toEqual({});
    expect(doc.nodes.find((n) => n.id === "vpc")).not.toHaveProperty("size");
  });
});

describe("writeChanges", () => {
  it("writes only what changed, in one transaction", () => {
    const before = nestedDoc();
    const y = documentToY(before);
    let transactions = 0;
    y.on("afterTransaction", () => transactions++);
    const after: Document = {
      ...before,
      name: "Renamed",
      nodes: before.nodes.map((n) =>
        n.id === "fn" ? { ...n, position: { x: 5, y: 6 }, props: { memory_mb: 512 } } : n.id === "table" ? { ...n, label: "T" } : n,
      ),
    };
    const fnPropsBefore = roots(y).nodes.get("fn")!.get("props");
    writeChanges(y, before, after, "me");
    expect(transactions).toBe(1);
    expect(yToDocument(y, catalog)).toEqual(after);
    expect(roots(y).nodes.get("fn")!.get("props")).toBe(fnPropsBefore); // props merged, not replaced
  });

  it("adds at the document's place and deletes from the order", () => {
    const before = nestedDoc();
    const y = documentToY(before);
    const added: DocNode = { id: "q", type: "sqs.queue", label: "Q", parent: null, position: { x: 0, y: 0 }, props: {} };
    const nodes = before.nodes.filter((n) => n.id !== "table");
    nodes.splice(1, 0, added);
    // The editor deletes a node's edges with it (e1 went with table).
    const after: Document = { ...before, nodes, edges: [{ id: "e2", source: "fn", target: "q", label: "" }] };
    writeChanges(y, before, after, "me");
    expect(yToDocument(y, catalog)).toEqual(after);
    expect(roots(y).edgeOrder.toArray()).toEqual(["e2"]);
    expect(roots(y).nodeOrder.toArray()).toEqual(["fn", "q", "sub", "vpc", "region"]);
  });

  it("random edits on random documents give exactly the new document", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const before = randomDocument(seed);
      const after = randomDocument(seed + 1000);
      const y = documentToY(before);
      writeChanges(y, before, after, "me");
      expect(yToDocument(y, catalog)).toEqual(after);
    }
  });

  it("two replicas editing at once converge, and both changes to one node stay", () => {
    const doc = nestedDoc();
    const a = replica(doc, 1);
    const b = replica(doc, 2, a);
    const base = yToDocument(a, catalog);
    // A moves fn and deletes table; B renames fn, sets a prop, and connects fn to table.
    const aDoc: Document = {
      ...base,
      nodes: base.nodes.filter((n) => n.id !== "table").map((n) => (n.id === "fn" ? { ...n, position: { x: 1, y: 2 } } : n)),
      edges: [],
    };
    const bDoc: Document = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === "fn" ? { ...n, label: "Renamed", props: { memory_mb: 256 } } : n)),
      edges: [...base.edges, { id: "e2", source: "table", target: "fn", label: "" }],
    };
    writeChanges(a, base, aDoc, "a");
    writeChanges(b, base, bDoc, "b");
    sync(a, b);
    sync(b, a);
    const da = yToDocument(a, catalog);
    expect(yToDocument(b, catalog)).toEqual(da);
    const fn = da.nodes.find((n) => n.id === "fn")!;
    expect(fn.position).toEqual({ x: 1, y: 2 });
    expect(fn.label).toBe("Renamed");
    expect(fn.props).toEqual({ memory_mb: 256 });
    expect(da.nodes.map((n) => n.id)).not.toContain("table");
    expect(da.edges).toEqual([]); // e1 deleted by A, e2 points at the deleted table: repaired away
  });

  it("random concurrent edits of three replicas converge in any delivery order", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const start = randomDocument(seed);
      const a = replica(start, 10);
      const b = replica(start, 20, a);
      const c = replica(start, 30, a);
      [a, b, c].forEach((y, i) => {
        const base = yToDocument(y, catalog);
        const target = randomDocument(seed * 7 + i + 5000);
        writeChanges(y, base, target, `r${i}`);
      });
      sync(c, a);
      sync(a, b);
      sync(b, c);
      sync(c, a);
      const doc = yToDocument(a, catalog);
      expect(yToDocument(b, catalog)).toEqual(doc);
      expect(yToDocument(c, catalog)).toEqual(doc);
    }
  });
});

/**
 * The cross-check with the server: a fixed scenario's Y update, made here, is committed as
 * tests/collab/fixtures/ts_update.json with the document this side reads from it;
 * tests/collab/test_ts_update.py decodes the same bytes with pycrdt and must read the same
 * document. After a deliberate change of the layout, the failure prints the new fixture.
 */
describe("the server reads what the editor writes", () => {
  function scenario(): { update: Uint8Array; document: Document } {
    const y = new Y.Doc();
    y.clientID = 4242;
    const start = nestedDoc();
    documentToY(start, y);
    const next: Document = {
      ...start,
      name: "Cross-check ✓",
      viewport: { x: 1.5, y: -2, zoom: 1.25 },
      nodes: [
        ...start.nodes.filter((n) => n.id !== "vpc").map((n) => (n.id === "fn" ? { ...n, position: { x: 0.5, y: 1e6 }, props: { memory_mb: 2048 } } : n)),
        { id: "bucket", type: "s3.bucket", label: "Uploads 📦", parent: "region", position: { x: -5, y: 7 }, props: { versioning: true } },
      ],
      edges: [
        ...start.edges,
        { id: "e2", source: "bucket", target: "fn", label: "s3:ObjectCreated", route: [{ x: 0, y: 0 }, { x: 0, y: 9.75 }], label_at: { x: 3, y: 4 } },
      ],
    };
    writeChanges(y, start, next, "me");
    return { update: Y.encodeStateAsUpdate(y), document: yToDocument(y, catalog) };
  }

  it("the committed fixture is what this side makes and reads", () => {
    const { update, document } = scenario();
    const fresh = { update: btoa(String.fromCharCode(...update)), document };
    const decoded = new Y.Doc();
    Y.applyUpdate(decoded, Uint8Array.from(atob(fixture.update), (c) => c.charCodeAt(0)));
    expect(yToDocument(decoded, catalog)).toEqual(fixture.document);
    expect(fresh, `tests/collab/fixtures/ts_update.json should be:\n${JSON.stringify(fresh, null, 2)}\n`).toEqual(fixture);
  });
});

/**
 * Changes to a document as small, JSON-serializable operations, applied by one reducer.
 *
 * Every operation has an inverse computed when it is applied, so the undo stack records
 * (ops, inverse ops) pairs and a collaboration layer can send and replay the same ops.
 * The reducer never mutates: it returns a new document sharing unchanged nodes and edges.
 */
import type { DocEdge, DocNode, Document, PropValue, Size, XY } from "./types";

export type NodePatch = Partial<Pick<DocNode, "label" | "position" | "size">>;
export type EdgePatch = Partial<Pick<DocEdge, "label" | "source_handle" | "target_handle" | "route" | "label_at">>;
export type MetaPatch = Partial<Pick<Document, "name" | "region">>;

export type Op =
  | { op: "add_node"; node: DocNode; index?: number }
  | { op: "remove_node"; id: string }
  | { op: "update_node"; id: string; set: NodePatch }
  /** Set one prop; `value: undefined` removes it (the default applies again). */
  | { op: "set_prop"; id: string; name: string; value: PropValue | undefined }
  | { op: "move"; id: string; position: XY }
  | { op: "reparent"; id: string; parent: string | null; position: XY }
  | { op: "add_edge"; edge: DocEdge; index?: number }
  | { op: "remove_edge"; id: string }
  | { op: "update_edge"; id: string; set: EdgePatch }
  | { op: "set_meta"; set: MetaPatch }
  | { op: "replace"; doc: Document };

export class OpError extends Error {}

function nodeIndex(doc: Document, id: string): number {
  const i = doc.nodes.findIndex((n) => n.id === id);
  if (i < 0) throw new OpError(`no node ${id}`);
  return i;
}

function edgeIndex(doc: Document, id: string): number {
  const i = doc.edges.findIndex((e) => e.id === id);
  if (i < 0) throw new OpError(`no edge ${id}`);
  return i;
}

function withAt<T>(list: T[], index: number, item: T): T[] {
  const out = list.slice();
  out[index] = item;
  return out;
}

function insertAt<T>(list: T[], index: number | undefined, item: T): T[] {
  const out = list.slice();
  const i = index === undefined || index < 0 || index > out.length ? out.length : index;
  out.splice(i, 0, item);
  return out;
}

function removeAt<T>(list: T[], index: number): T[] {
  const out = list.slice();
  out.splice(index, 1);
  return out;
}

function idTaken(doc: Document, id: string): boolean {
  return doc.nodes.some((n) => n.id === id) || doc.edges.some((e) => e.id === id);
}

/** The previous values of the patched keys, for the inverse patch. */
function previous<T extends object, K extends keyof T>(obj: T, patch: Partial<Pick<T, K>>): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of Object.keys(patch) as K[]) out[key] = obj[key];
  return out;
}

function patched<T extends object, P extends Partial<T>>(obj: T, patch: P): T {
  const out = { ...obj };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete (out as Record<string, unknown>)[k];
    else (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Apply one operation; return the new document and the operation that undoes it. */
export function applyOp(doc: Document, op: Op): { doc: Document; inverse: Op } {
  switch (op.op) {
    case "add_node": {
      if (idTaken(doc, op.node.id)) throw new OpError(`id ${op.node.id} is taken`);
      if (op.node.parent && !doc.nodes.some((n) => n.id === op.node.parent)) {
        throw new OpError(`no parent ${op.node.parent}`);
      }
      return { doc: { ...doc, nodes: insertAt(doc.nodes, op.index, op.node) }, inverse: { op: "remove_node", id: op.node.id } };
    }
    case "remove_node": {
      const i = nodeIndex(doc, op.id);
      if (doc.nodes.some((n) => n.parent === op.id)) throw new OpError(`node ${op.id} has children`);
      if (doc.edges.some((e) => e.source === op.id || e.target === op.id)) throw new OpError(`node ${op.id} has edges`);
      return { doc: { ...doc, nodes: removeAt(doc.nodes, i) }, inverse: { op: "add_node", node: doc.nodes[i], index: i } };
    }
    case "update_node": {
      const i = nodeIndex(doc, op.id);
      const node = doc.nodes[i];
      return {
        doc: { ...doc, nodes: withAt(doc.nodes, i, patched(node, op.set)) },
        inverse: { op: "update_node", id: op.id, set: previous(node, op.set) },
      };
    }
    case "set_prop": {
      const i = nodeIndex(doc, op.id);
      const node = doc.nodes[i];
      const props = { ...(node.props ?? {}) };
      const before = props[op.name];
      if (op.value === undefined) delete props[op.name];
      else props[op.name] = op.value;
      return {
        doc: { ...doc, nodes: withAt(doc.nodes, i, { ...node, props }) },
        inverse: { op: "set_prop", id: op.id, name: op.name, value: before },
      };
    }
    case "move": {
      const i = nodeIndex(doc, op.id);
      const node = doc.nodes[i];
      return {
        doc: { ...doc, nodes: withAt(doc.nodes, i, { ...node, position: op.position }) },
        inverse: { op: "move", id: op.id, position: node.position ?? { x: 0, y: 0 } },
      };
    }
    case "reparent": {
      const i = nodeIndex(doc, op.id);
      const node = doc.nodes[i];
      if (op.parent !== null) {
        nodeIndex(doc, op.parent);
        // Refuse loops: the new parent must not be the node or one of its descendants.
        for (let cur: string | null | undefined = op.parent; cur; ) {
          if (cur === op.id) throw new OpError(`${op.parent} is inside ${op.id}`);
          cur = doc.nodes.find((n) => n.id === cur)?.parent;
        }
      }
      return {
        doc: { ...doc, nodes: withAt(doc.nodes, i, { ...node, parent: op.parent, position: op.position }) },
        inverse: { op: "reparent", id: op.id, parent: node.parent ?? null, position: node.position ?? { x: 0, y: 0 } },
      };
    }
    case "add_edge": {
      if (idTaken(doc, op.edge.id)) throw new OpError(`id ${op.edge.id} is taken`);
      for (const end of [op.edge.source, op.edge.target]) nodeIndex(doc, end);
      return { doc: { ...doc, edges: insertAt(doc.edges, op.index, op.edge) }, inverse: { op: "remove_edge", id: op.edge.id } };
    }
    case "remove_edge": {
      const i = edgeIndex(doc, op.id);
      return { doc: { ...doc, edges: removeAt(doc.edges, i) }, inverse: { op: "add_edge", edge: doc.edges[i], index: i } };
    }
    case "update_edge": {
      const i = edgeIndex(doc, op.id);
      const edge = doc.edges[i];
      return {
        doc: { ...doc, edges: withAt(doc.edges, i, patched(edge, op.set)) },
        inverse: { op: "update_edge", id: op.id, set: previous(edge, op.set) },
      };
    }
    case "set_meta":
      return { doc: patched(doc, op.set), inverse: { op: "set_meta", set: previous(doc, op.set) } };
    case "replace":
      return { doc: op.doc, inverse: { op: "replace", doc } };
  }
}

/** Apply several operations in order, all or nothing; the inverse list undoes them in reverse. */
export function applyOps(doc: Document, ops: Op[]): { doc: Document; inverse: Op[] } {
  const inverse: Op[] = [];
  let cur = doc;
  for (const op of ops) {
    const r = applyOp(cur, op);
    cur = r.doc;
    inverse.push(r.inverse);
  }
  return { doc: cur, inverse: inverse.reverse() };
}

// ---------------------------------------------------------------------------------------
// The undo stack

export interface Transaction {
  ops: Op[];
  inverse: Op[];
  /** Consecutive transactions with the same key within COALESCE_MS merge (typing in a field). */
  key?: string;
  at: number;
}

export interface History {
  undo: Transaction[];
  redo: Transaction[];
}

export const COALESCE_MS = 1000;
export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ undo: [], redo: [] });

/** Record a transaction that was just applied. */
export function record(history: History, txn: Transaction): History {
  const top = history.undo[history.undo.length - 1];
  if (txn.key && top && top.key === txn.key && txn.at - top.at < COALESCE_MS) {
    const merged: Transaction = { ops: [...top.ops, ...txn.ops], inverse: [...txn.inverse, ...top.inverse], key: txn.key, at: txn.at };
    return { undo: [...history.undo.slice(0, -1), merged], redo: [] };
  }
  const undo = [...history.undo, txn];
  return { undo: undo.length > HISTORY_LIMIT ? undo.slice(undo.length - HISTORY_LIMIT) : undo, redo: [] };
}

/** Undo the last transaction: the new document, history, and the ops applied (to broadcast or save). */
export function undo(doc: Document, history: History): { doc: Document; history: History; ops: Op[] } | null {
  const txn = history.undo[history.undo.length - 1];
  if (!txn) return null;
  const r = applyOps(doc, txn.inverse);
  return {
    doc: r.doc,
    history: { undo: history.undo.slice(0, -1), redo: [...history.redo, txn] },
    ops: txn.inverse,
  };
}

export function redo(doc: Document, history: History): { doc: Document; history: History; ops: Op[] } | null {
  const txn = history.redo[history.redo.length - 1];
  if (!txn) return null;
  const r = applyOps(doc, txn.ops);
  return {
    doc: r.doc,
    history: { undo: [...history.undo, { ...txn, key: undefined }], redo: history.redo.slice(0, -1) },
    ops: txn.ops,
  };
}

// ---------------------------------------------------------------------------------------
// Compound edits built from the small operations

/** Ids of `id`'s descendants (children, grandchildren...), deepest last. */
export function descendants(doc: Document, id: string): string[] {
  const out: string[] = [];
  const queue = [id];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const n of doc.nodes) {
      if (n.parent === cur) {
        out.push(n.id);
        queue.push(n.id);
      }
    }
  }
  return out;
}

/** Ops removing nodes (with everything inside containers) and edges, edges first, children before parents. */
export function removeOps(doc: Document, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): Op[] {
  const nodes = new Set<string>();
  for (const id of nodeIds) {
    if (!doc.nodes.some((n) => n.id === id)) continue;
    nodes.add(id);
    for (const d of descendants(doc, id)) nodes.add(d);
  }
  const edges = new Set<string>(edgeIds);
  for (const e of doc.edges) if (nodes.has(e.source) || nodes.has(e.target)) edges.add(e.id);
  const ops: Op[] = [];
  for (const e of doc.edges) if (edges.has(e.id)) ops.push({ op: "remove_edge", id: e.id });
  // Remove deepest first so no node is removed while it still has children.
  const depth = (id: string) => {
    let d = 0;
    for (let cur = doc.nodes.find((n) => n.id === id)?.parent; cur; cur = doc.nodes.find((n) => n.id === cur)?.parent) d++;
    return d;
  };
  const ordered = [...nodes].sort((a, b) => depth(b) - depth(a));
  for (const id of ordered) ops.push({ op: "remove_node", id });
  return ops;
}

export type { Size, XY };

/**
 * The shared (Yjs) form of a schema-1 document, and the way back: the editor's half of
 * `builder/collab/ydoc.py`, with the same layout, ordering and repair (docs/collab.md, "The Y
 * document"), so the editor shows what the server will save.
 *
 * - `meta` (Y.Map): `schema`, and when present `name`, `region`, `viewport`, `iac` (plain JSON,
 *   each replaced whole);
 * - `nodes` (Y.Map): id -> Y.Map of `type`, `label`, `parent`, `position`, `size` and `props`
 *   (a nested Y.Map: prop name -> value);
 * - `edges` (Y.Map): id -> Y.Map of `source`, `target`, `label`, `source_handle`,
 *   `target_handle`, `route`, `label_at`;
 * - `node_order`, `edge_order` (Y.Array of ids): the order of the document's lists.
 */
import * as Y from "yjs";
import type { Catalog } from "../document/catalog";
import { ID_RE, MAX_EDGES, MAX_NODES, type DocEdge, type DocNode, type Document } from "../document/types";

export const META_KEYS = ["schema", "name", "region", "viewport", "iac"] as const;
/** Node fields kept in the node's Y.Map (`id` is the map key, `props` a nested Y.Map). */
export const NODE_FIELDS = ["type", "label", "parent", "position", "size"] as const;
export const EDGE_FIELDS = ["source", "target", "label", "source_handle", "target_handle", "route", "label_at"] as const;

type Json = unknown;
type Raw = Record<string, Json>;

export interface Roots {
  meta: Y.Map<Json>;
  nodes: Y.Map<Y.Map<Json>>;
  edges: Y.Map<Y.Map<Json>>;
  nodeOrder: Y.Array<string>;
  edgeOrder: Y.Array<string>;
}

export function roots(ydoc: Y.Doc): Roots {
  return {
    meta: ydoc.getMap("meta"),
    nodes: ydoc.getMap("nodes"),
    edges: ydoc.getMap("edges"),
    nodeOrder: ydoc.getArray("node_order"),
    edgeOrder: ydoc.getArray("edge_order"),
  };
}

const clone = <T>(value: T): T => (value === undefined ? value : (structuredClone(value) as T));

// -- document -> Y ----------------------------------------------------------------------------

function nodeMap(node: DocNode): Y.Map<Json> {
  const map = new Y.Map<Json>();
  const raw = node as unknown as Raw;
  for (const k of NODE_FIELDS) if (k in raw && raw[k] !== undefined) map.set(k, clone(raw[k]));
  const props = new Y.Map<Json>();
  for (const [name, value] of Object.entries(node.props ?? {})) if (value !== undefined) props.set(name, clone(value));
  map.set("props", props);
  return map;
}

function edgeMap(edge: DocEdge): Y.Map<Json> {
  const map = new Y.Map<Json>();
  const raw = edge as unknown as Raw;
  for (const k of EDGE_FIELDS) if (k in raw && raw[k] !== undefined) map.set(k, clone(raw[k]));
  return map;
}

/** Fill `ydoc` with `doc` (a valid schema-1 document), in one transaction. */
export function documentToY(doc: Document, ydoc: Y.Doc = new Y.Doc(), origin: unknown = "document"): Y.Doc {
  const r = roots(ydoc);
  const raw = doc as unknown as Raw;
  ydoc.transact(() => {
    for (const k of META_KEYS) if (k in raw && raw[k] !== undefined) r.meta.set(k, clone(raw[k]));
    for (const n of doc.nodes) r.nodes.set(n.id, nodeMap(n));
    r.nodeOrder.push(doc.nodes.map((n) => n.id));
    for (const e of doc.edges) r.edges.set(e.id, edgeMap(e));
    r.edgeOrder.push(doc.edges.map((e) => e.id));
  }, origin);
  return ydoc;
}

// -- Y -> document ----------------------------------------------------------------------------

/** Ids in `order` (first occurrence, only those present), then the rest sorted by id (as Python sorts: by code point). */
function ordered(order: unknown[], present: Map<string, unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of order) {
    if (typeof item === "string" && present.has(item) && !seen.has(item)) {
      seen.add(item);
      out.push(item);
    }
  }
  const rest = [...present.keys()].filter((k) => !seen.has(k));
  rest.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out.concat(rest);
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/** The document as the Y state has it, unrepaired (may be invalid). */
export function rawDocument(ydoc: Y.Doc): Raw {
  const r = roots(ydoc);
  const meta = r.meta.toJSON() as Raw;
  const doc: Raw = {};
  for (const k of META_KEYS) if (k in meta) doc[k] = meta[k];
  const nodes = new Map<string, unknown>();
  r.nodes.forEach((v, k) => nodes.set(k, v));
  const edges = new Map<string, unknown>();
  r.edges.forEach((v, k) => edges.set(k, v));
  doc.nodes = ordered(r.nodeOrder.toArray(), nodes).map((id) => {
    const fields = plain(nodes.get(id));
    return fields && typeof fields === "object" && !Array.isArray(fields) ? { id, ...(fields as Raw) } : { id, type: null };
  });
  doc.edges = ordered(r.edgeOrder.toArray(), edges).map((id) => {
    const fields = plain(edges.get(id));
    return fields && typeof fields === "object" && !Array.isArray(fields) ? { id, ...(fields as Raw) } : { id, source: null };
  });
  return doc;
}

/** The valid schema-1 document the Y state stands for (repaired if need be). */
export function yToDocument(ydoc: Y.Doc, catalog: Catalog | null = null): Document {
  return repair(rawDocument(ydoc), catalog);
}

const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isBox = (v: unknown, a: string, b: string, positive: boolean) =>
  isObject(v) &&
  Object.keys(v).length === 2 &&
  isNumber(v[a]) &&
  isNumber(v[b]) &&
  (!positive || ((v[a] as number) > 0 && (v[b] as number) > 0));
const NODE_KEYS = new Set(["id", ...NODE_FIELDS, "props"]);
const EDGE_KEYS = new Set(["id", ...EDGE_FIELDS]);

/**
 * What concurrent edits can combine into but no editor writes, removed at the smallest place,
 * as `ydoc.repair` does on the server (docs/collab.md, the repair table): a node whose type is
 * missing or unknown goes (with its edges); a parent that is missing, an edge, not a container
 * or part of a loop becomes null; an unknown prop goes; a field of the wrong shape goes; an edge
 * whose end is not a node goes; the lists are cut to their limits. Deep checks of a prop's value
 * (ranges, choices, text rules) are the server's only: an editor never writes such values, so
 * the document the server saves differs only for a client that is not this editor.
 */
export function repair(input: Raw, catalog: Catalog | null): Document {
  const rawNodes = (Array.isArray(input.nodes) ? input.nodes : []) as Raw[];
  const rawEdges = (Array.isArray(input.edges) ? input.edges : []) as Raw[];
  const doc: Raw = { schema: 1 };
  for (const k of META_KEYS.slice(1)) if (k in input) doc[k] = input[k];
  if ("name" in doc && typeof doc.name !== "string") delete doc.name;
  if ("region" in doc && typeof doc.region !== "string") delete doc.region;
  if ("viewport" in doc && !(isObject(doc.viewport) && isNumber(doc.viewport.x) && isNumber(doc.viewport.y) && isNumber(doc.viewport.zoom)))
    delete doc.viewport;
  if ("iac" in doc && !isObject(doc.iac)) delete doc.iac;

  const nodes: Raw[] = [];
  const types = new Map<string, string>();
  for (const n of rawNodes) {
    if (!isObject(n) || typeof n.id !== "string" || !ID_RE.test(n.id) || typeof n.type !== "string") continue;
    const spec = catalog?.get(n.type);
    if (catalog && !spec) continue;
    const node: Raw = {};
    for (const [k, v] of Object.entries(n)) if (NODE_KEYS.has(k)) node[k] = v;
    if ("label" in node && typeof node.label !== "string") delete node.label;
    if ("position" in node && !isBox(node.position, "x", "y", false)) delete node.position;
    if ("size" in node && !isBox(node.size, "w", "h", true)) delete node.size;
    if ("parent" in node && node.parent !== null && typeof node.parent !== "string") node.parent = null;
    if ("props" in node) {
      if (!isObject(node.props)) delete node.props;
      else if (spec) {
        const known = new Set(spec.props.map((p) => p.name));
        node.props = Object.fromEntries(Object.entries(node.props).filter(([k]) => known.has(k)));
      }
    }
    nodes.push(node);
    types.set(n.id, n.type);
  }
  nodes.splice(MAX_NODES);
  for (const id of [...types.keys()]) if (!nodes.some((n) => n.id === id)) types.delete(id);

  // Parents: missing or not a container -> null; then loops, named as the server's checker names them.
  const container = (id: string) => {
    const type = types.get(id);
    return type !== undefined && (catalog ? catalog.isContainer(type) : true);
  };
  for (;;) {
    const parents = new Map<string, string>();
    for (const node of nodes) {
      const p = node.parent;
      if (typeof p !== "string") continue;
      if (!container(p)) node.parent = null;
      else parents.set(node.id as string, p);
    }
    const done = new Set<string>();
    let broke = false;
    for (const start of parents.keys()) {
      const path: string[] = [];
      const onPath = new Set<string>();
      let cur = start;
      while (parents.has(cur) && !done.has(cur) && !onPath.has(cur)) {
        path.push(cur);
        onPath.add(cur);
        cur = parents.get(cur)!;
      }
      if (onPath.has(cur)) {
        nodes.find((n) => n.id === cur)!.parent = null;
        broke = true;
      }
      for (const p of path) done.add(p);
    }
    if (!broke) break;
  }

  const ids = new Set(types.keys());
  const edges: Raw[] = [];
  for (const e of rawEdges) {
    if (!isObject(e) || typeof e.id !== "string" || !ID_RE.test(e.id) || ids.has(e.id)) continue;
    if (typeof e.source !== "string" || typeof e.target !== "string" || !types.has(e.source) || !types.has(e.target)) continue;
    const edge: Raw = {};
    for (const [k, v] of Object.entries(e)) if (EDGE_KEYS.has(k)) edge[k] = v;
    if ("label" in edge && typeof edge.label !== "string") delete edge.label;
    for (const h of ["source_handle", "target_handle"])
      if (h in edge && edge[h] !== null && typeof edge[h] !== "string") delete edge[h];
    if ("route" in edge) {
      const route = edge.route;
      if (!Array.isArray(route) || route.length < 2 || route.length > 200 || !route.every((p) => isBox(p, "x", "y", false)))
        delete edge.route;
    }
    if ("label_at" in edge && !isBox(edge.label_at, "x", "y", false)) delete edge.label_at;
    ids.add(e.id);
    edges.push(edge);
  }
  edges.splice(MAX_EDGES);
  doc.nodes = nodes;
  doc.edges = edges;
  return doc as unknown as Document;
}

// -- an editor change as Y changes ------------------------------------------------------------

const MISSING = Symbol("missing");

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => same(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Raw)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Raw)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Raw)[k], (b as Raw)[k]));
}

function get(obj: Raw | undefined, key: string): unknown {
  return obj && key in obj && obj[key] !== undefined ? obj[key] : MISSING;
}

function mergeFields(ymap: Y.Map<Json>, before: Raw, after: Raw, fields: Iterable<string>): void {
  for (const f of fields) {
    const a = get(before, f);
    const b = get(after, f);
    if (same(a, b)) continue;
    if (b === MISSING) ymap.delete(f);
    else ymap.set(f, clone(b));
  }
}

function removeFrom(order: Y.Array<string>, id: string): void {
  const items = order.toArray();
  for (let i = items.length - 1; i >= 0; i--) if (items[i] === id) order.delete(i, 1);
}

/** Insert `id` into `order` after the nearest id that precedes it in `list` (the document's order). */
function insertInOrder(order: Y.Array<string>, id: string, list: { id: string }[], index: number): void {
  const items = order.toArray();
  if (items.includes(id)) return;
  for (let i = index - 1; i >= 0; i--) {
    const at = items.lastIndexOf(list[i].id);
    if (at >= 0) {
      order.insert(at + 1, [id]);
      return;
    }
  }
  if (index === 0) order.insert(0, [id]);
  else order.push([id]);
}

/**
 * Write the change from `before` to `after` (two documents of the editor's store) to `ydoc` as
 * the fewest Y changes, in one transaction with `origin` (the undo manager tracks it): meta keys,
 * node fields, props one by one, edges, additions (at their place in the order) and deletions.
 * Edits made meanwhile by others to anything else survive; a node changed here but deleted by
 * someone else meanwhile comes back whole (as `apply_document` on the server does).
 */
export function writeChanges(ydoc: Y.Doc, before: Document, after: Document, origin: unknown): void {
  if (before === after) return;
  const r = roots(ydoc);
  const b = before as unknown as Raw;
  const a = after as unknown as Raw;
  ydoc.transact(() => {
    for (const k of META_KEYS) {
      if (same(get(b, k), get(a, k))) continue;
      if (get(a, k) === MISSING) r.meta.delete(k);
      else r.meta.set(k, clone(a[k]));
    }
    const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
    const afterIds = new Set(after.nodes.map((n) => n.id));
    for (const id of beforeNodes.keys()) {
      if (afterIds.has(id)) continue;
      r.nodes.delete(id);
      removeFrom(r.nodeOrder, id);
    }
    after.nodes.forEach((node, i) => {
      const prev = beforeNodes.get(node.id);
      if (prev === node) return;
      const live = r.nodes.get(node.id);
      if (!prev || !(live instanceof Y.Map)) {
        insertInOrder(r.nodeOrder, node.id, after.nodes, i);
        r.nodes.set(node.id, nodeMap(node));
        return;
      }
      mergeFields(live, prev as unknown as Raw, node as unknown as Raw, NODE_FIELDS);
      const props = live.get("props");
      if (!(props instanceof Y.Map)) {
        const fresh = new Y.Map<Json>();
        for (const [k, v] of Object.entries(node.props ?? {})) if (v !== undefined) fresh.set(k, clone(v));
        live.set("props", fresh);
      } else {
        const bp = (prev.props ?? {}) as Raw;
        const ap = (node.props ?? {}) as Raw;
        mergeFields(props as Y.Map<Json>, bp, ap, new Set([...Object.keys(bp), ...Object.keys(ap)]));
      }
    });
    const beforeEdges = new Map(before.edges.map((e) => [e.id, e]));
    const afterEdgeIds = new Set(after.edges.map((e) => e.id));
    for (const id of beforeEdges.keys()) {
      if (afterEdgeIds.has(id)) continue;
      r.edges.delete(id);
      removeFrom(r.edgeOrder, id);
    }
    after.edges.forEach((edge, i) => {
      const prev = beforeEdges.get(edge.id);
      if (prev === edge) return;
      const live = r.edges.get(edge.id);
      if (!prev || !(live instanceof Y.Map)) {
        insertInOrder(r.edgeOrder, edge.id, after.edges, i);
        r.edges.set(edge.id, edgeMap(edge));
        return;
      }
      mergeFields(live, prev as unknown as Raw, edge as unknown as Raw, EDGE_FIELDS);
    });
  }, origin);
}

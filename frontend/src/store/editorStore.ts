/**
 * The editor's one store. The document changes only through `dispatch(ops)`, which applies
 * operations with the reducer (document/ops.ts), records their inverse for undo, and
 * re-derives the React Flow nodes and edges. React Flow's own per-frame changes (dragging,
 * resizing) update the derived nodes only, and become operations when the gesture ends.
 * Remote changes (the live session, collab/session.ts) come in through `dispatch(ops, {remote: true})`;
 * while a live session is on, undo and redo are its (per person: Y.UndoManager) and `history`
 * only mirrors the depth of its stacks.
 */
import { applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Report, Finding } from "../api/validate";
import type { Rule } from "../api/rules";
import type { Catalog } from "../document/catalog";
import { byIdMap, toFlowEdges, toFlowNodes, type FlowEdge, type FlowNode } from "../document/flow";
import { fitInParents } from "../document/containment";
import { rerouteOps } from "../document/routes";
import { geometryOf } from "./backgroundRoutes";
import { absolutePositions, containerAt, nodeMap, nodeSize, withDescendants } from "../document/geometry";
import { applyOps, emptyHistory, record, redo, undo, type History, type Op } from "../document/ops";
import { emptyDocument, normalizeDocument, type Document, type XY } from "../document/types";

export type SaveStatus = "saved" | "dirty" | "saving" | "error" | "conflict";

export interface EditorState {
  catalog: Catalog | null;
  rules: Map<string, Rule>;
  diagramId: number | null;
  revision: number;
  doc: Document;
  /** Bumped on every document change; the autosaver compares it with what it saved. */
  version: number;
  history: History;
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  nodes: FlowNode[];
  edges: FlowEdge[];
  report: Report | null;
  findingsByNode: Map<string, Finding[]>;
  findingsByEdge: Map<string, Finding[]>;
  readOnly: boolean;
  /** The document version to validate without the debounce (set by a drop). */
  validateNow: number;
  /** Undo and redo of the live session (collab/session.ts), when one is on. */
  liveUndo: LiveUndo | null;
}

export interface LiveUndo {
  undo(): void;
  redo(): void;
}

export interface DispatchOptions {
  /** Undo-stack merge key (typing in one field merges into one step). */
  key?: string;
  /** Not recorded for undo (remote changes, loading). */
  remote?: boolean;
  /** Select these after applying. */
  select?: { nodes?: string[]; edges?: string[] };
  /** Validate this version at once (a drop: where it landed is checked without the debounce). */
  validateNow?: boolean;
}

export interface EditorActions {
  setCatalog(catalog: Catalog): void;
  setRules(rules: Rule[]): void;
  load(doc: Document, diagramId: number | null, revision: number, opts?: { readOnly?: boolean }): void;
  setRevision(revision: number): void;
  dispatch(ops: Op[], opts?: DispatchOptions): boolean;
  undo(): void;
  redo(): void;
  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  selectAll(): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  /** A drag ended: turn the dragged nodes' positions into move / reparent operations. */
  commitDrag(ids: string[]): void;
  /** A resize ended: the container's size and position, and its children's compensating moves. */
  commitResize(ids: string[]): void;
  setReport(report: Report | null): void;
  /** Apply operations that are not an edit (routes computed in the background): no undo step, same version. */
  applySilent(ops: Op[]): void;
  /** The live session takes over (or gives back, with null) undo and redo. */
  setLiveUndo(live: LiveUndo | null): void;
  /** Set by the live session: the depth of its undo and redo stacks. */
  setHistoryDepth(undo: number, redo: number): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

/** `next`, or `prev` itself when it holds the very same objects (React Flow then skips its lookups). */
function same<T>(prev: T[], next: T[]): T[] {
  if (prev.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next;
  return prev;
}

function derive(s: EditorState, doc: Document, selNodes: ReadonlySet<string>, selEdges: ReadonlySet<string>) {
  if (!s.catalog) return { nodes: [] as FlowNode[], edges: [] as FlowEdge[] };
  // Selecting a node must not hand React Flow a new edge list: at 2,600 edges its connection
  // lookups cost a frame or two at the start of every drag.
  return {
    nodes: same(s.nodes, toFlowNodes(doc, s.catalog, selNodes, byIdMap(s.nodes))),
    edges: same(s.edges, toFlowEdges(doc, s.catalog, selEdges, byIdMap(s.edges))),
  };
}

const sameFinding = (a: Finding, b: Finding) =>
  a.rule === b.rule && a.severity === b.severity && a.message === b.message && a.hint === b.hint;

/**
 * Findings per node and per edge. A node whose findings did not change keeps the same array,
 * so that a new report (every edit) re-renders only the nodes and edges it changed.
 */
export function indexFindings(
  report: Report | null,
  prev: { findingsByNode: Map<string, Finding[]>; findingsByEdge: Map<string, Finding[]> } = {
    findingsByNode: new Map(),
    findingsByEdge: new Map(),
  },
) {
  const byNode = new Map<string, Finding[]>();
  const byEdge = new Map<string, Finding[]>();
  const add = (map: Map<string, Finding[]>, id: string, f: Finding) => {
    const list = map.get(id);
    if (list) list.push(f);
    else map.set(id, [f]);
  };
  for (const f of report?.findings ?? []) {
    for (const id of f.nodes) add(byNode, id, f);
    for (const id of f.edges) add(byEdge, id, f);
  }
  const keep = (map: Map<string, Finding[]>, old: Map<string, Finding[]>) => {
    for (const [id, list] of map) {
      const before = old.get(id);
      if (before && before.length === list.length && before.every((f, i) => sameFinding(f, list[i]))) map.set(id, before);
    }
  };
  keep(byNode, prev.findingsByNode);
  keep(byEdge, prev.findingsByEdge);
  return { findingsByNode: byNode, findingsByEdge: byEdge };
}

/** Positions of nodes from the React Flow state (which runs ahead of the document while dragging). */
function flowAbsolute(nodes: FlowNode[], doc: Document): Map<string, XY> {
  const rel = new Map(nodes.map((n) => [n.id, n.position]));
  const moved: Document = {
    ...doc,
    nodes: doc.nodes.map((n) => (rel.has(n.id) ? { ...n, position: rel.get(n.id) } : n)),
  };
  return absolutePositions(moved);
}

/** Move / reparent operations for nodes dropped at `abs` (absolute positions after the drag). */
export function dropOps(doc: Document, catalog: Catalog, ids: string[], abs: Map<string, XY>): Op[] {
  const byId = nodeMap(doc);
  const moving = new Set(ids);
  // A node whose ancestor moves too just moves along with it.
  const roots = ids.filter((id) => {
    for (let p = byId.get(id)?.parent; p; p = byId.get(p)?.parent) if (moving.has(p)) return false;
    return byId.has(id);
  });
  const exclude = withDescendants(doc, roots);
  const docAbs = absolutePositions(doc);
  const ops: Op[] = [];
  for (const id of roots) {
    const node = byId.get(id)!;
    const pos = abs.get(id)!;
    const size = nodeSize(node, catalog);
    const center = { x: pos.x + size.w / 2, y: pos.y + size.h / 2 };
    const parent = containerAt(doc, catalog, center, exclude, docAbs);
    const round = (v: number) => Math.round(v * 100) / 100;
    if (parent !== (node.parent ?? null)) {
      const base = parent ? docAbs.get(parent)! : { x: 0, y: 0 };
      ops.push({ op: "reparent", id, parent, position: { x: round(pos.x - base.x), y: round(pos.y - base.y) } });
    } else {
      const base = node.parent ? docAbs.get(node.parent) ?? { x: 0, y: 0 } : { x: 0, y: 0 };
      const rel = { x: round(pos.x - base.x), y: round(pos.y - base.y) };
      const cur = node.position ?? { x: 0, y: 0 };
      if (rel.x !== cur.x || rel.y !== cur.y) ops.push({ op: "move", id, position: rel });
    }
  }
  return ops;
}

/**
 * Resizing a container (possibly from its top-left corner, which moves it and, to keep them
 * in place on the canvas, its children) becomes one undoable step.
 */
export function resizeOps(doc: Document, flowNodes: FlowNode[], ids: string[]): Op[] {
  const flow = byIdMap(flowNodes);
  const ops: Op[] = [];
  const round = (v: number) => Math.round(v);
  for (const id of ids) {
    const fn = flow.get(id);
    const node = doc.nodes.find((n) => n.id === id);
    if (!fn || !node) continue;
    const w = round(fn.width ?? fn.measured?.width ?? 0);
    const h = round(fn.height ?? fn.measured?.height ?? 0);
    const set: { size?: { w: number; h: number }; position?: XY } = {};
    if (w > 0 && h > 0 && (w !== node.size?.w || h !== node.size?.h)) set.size = { w, h };
    const pos = { x: round(fn.position.x), y: round(fn.position.y) };
    if (pos.x !== node.position?.x || pos.y !== node.position?.y) set.position = pos;
    if (Object.keys(set).length) ops.push({ op: "update_node", id, set });
    for (const child of doc.nodes) {
      if (child.parent !== id) continue;
      const cf = flow.get(child.id);
      if (!cf) continue;
      const cp = { x: round(cf.position.x), y: round(cf.position.y) };
      if (cp.x !== child.position?.x || cp.y !== child.position?.y) ops.push({ op: "move", id: child.id, position: cp });
    }
  }
  return ops;
}

/** Up to this many edges, a document opened without routes is routed at once (silently: not an edit). */
export const ROUTE_ON_LOAD_MAX_EDGES = 400;

/** The document with a route for every edge that has none fitting its ends (small documents). */
export function withRoutes(doc: Document, catalog: Catalog | null): Document {
  if (!catalog || !doc.edges.length || doc.edges.length > ROUTE_ON_LOAD_MAX_EDGES) return doc;
  const ops = rerouteOps(null, doc, catalog);
  return ops.length ? applyOps(doc, ops).doc : doc;
}

/** Did a change move, resize, add or remove a node, or touch an edge? (Else no route can change.) */
export function geometryChanged(before: Document, after: Document): boolean {
  if (before.nodes.length !== after.nodes.length || before.edges.length !== after.edges.length) return true;
  for (let i = 0; i < after.nodes.length; i++) {
    const a = before.nodes[i];
    const b = after.nodes[i];
    if (a === b) continue;
    if (a.id !== b.id || a.parent !== b.parent || a.type !== b.type) return true;
    if (a.position?.x !== b.position?.x || a.position?.y !== b.position?.y) return true;
    if (a.size?.w !== b.size?.w || a.size?.h !== b.size?.h) return true;
  }
  for (let i = 0; i < after.edges.length; i++) {
    const a = before.edges[i];
    const b = after.edges[i];
    if (a === b) continue;
    if (a.id !== b.id || a.source !== b.source || a.target !== b.target || a.label !== b.label) return true;
  }
  return false;
}

/**
 * `ops` followed by what keeps the touched nodes' containers tidy (out of the title bar,
 * parents grown to fit: document/containment.ts), as one list: one undo step.
 */
export function withFit(doc: Document, catalog: Catalog, ops: Op[], ids: Iterable<string>): Op[] {
  if (!ops.length) return ops;
  try {
    return [...ops, ...fitInParents(applyOps(doc, ops).doc, catalog, ids)];
  } catch {
    return ops; // the reducer refuses the drop itself: dispatch reports it
  }
}

export function createEditorStore(): EditorStore {
  return createStore<EditorState & EditorActions>()((set, get) => ({
    catalog: null,
    rules: new Map(),
    diagramId: null,
    revision: 0,
    doc: emptyDocument(),
    version: 0,
    history: emptyHistory(),
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    nodes: [],
    edges: [],
    report: null,
    findingsByNode: new Map(),
    findingsByEdge: new Map(),
    readOnly: false,
    validateNow: -1,
    liveUndo: null,

    setCatalog(catalog) {
      // A document loaded before the catalog (the review page) gets its routes now.
      const doc = withRoutes(get().doc, catalog);
      const s = { ...get(), catalog, doc };
      set({ catalog, doc, ...derive(s, s.doc, s.selectedNodes, s.selectedEdges) });
    },

    setRules(rules) {
      set({ rules: new Map(rules.map((r) => [r.id, r])) });
    },

    load(raw, diagramId, revision, opts = {}) {
      const doc = withRoutes(normalizeDocument(raw), get().catalog);
      const empty = new Set<string>();
      const s = { ...get(), nodes: [], edges: [] };
      set({
        doc,
        diagramId,
        revision,
        readOnly: opts.readOnly ?? false,
        version: get().version + 1,
        history: emptyHistory(),
        selectedNodes: empty,
        selectedEdges: empty,
        ...derive(s, doc, empty, empty),
      });
    },

    setRevision(revision) {
      set({ revision });
    },

    dispatch(ops, opts = {}) {
      if (!ops.length) return true;
      const s = get();
      if (s.readOnly && !opts.remote) return false;
      let result: ReturnType<typeof applyOps>;
      try {
        result = applyOps(s.doc, ops);
        // Edges whose route the change touched are routed again, in the same undo step.
        if (!opts.remote && s.catalog && geometryChanged(s.doc, result.doc)) {
          // One geometry pass: the current document's is kept from the last change.
          const known = { before: geometryOf(s.doc, s.catalog), after: geometryOf(result.doc, s.catalog) };
          const extra = rerouteOps(s.doc, result.doc, s.catalog, known);
          if (extra.length) {
            ops = [...ops, ...extra];
            result = applyOps(s.doc, ops);
          }
        }
      } catch (err) {
        console.warn("operation refused:", err);
        // Re-derive so React Flow drops any transient state for a refused change.
        set(derive(s, s.doc, s.selectedNodes, s.selectedEdges));
        return false;
      }
      const doc = result.doc;
      const history = opts.remote || s.liveUndo ? s.history : record(s.history, { ops, inverse: result.inverse, key: opts.key, at: Date.now() });
      const ids = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
      const selectedNodes = opts.select
        ? new Set(opts.select.nodes ?? [])
        : new Set([...s.selectedNodes].filter((id) => ids.has(id)));
      const selectedEdges = opts.select
        ? new Set(opts.select.edges ?? [])
        : new Set([...s.selectedEdges].filter((id) => ids.has(id)));
      const version = s.version + 1;
      set({
        doc,
        history,
        version,
        selectedNodes,
        selectedEdges,
        ...(opts.validateNow ? { validateNow: version } : {}),
        ...derive(s, doc, selectedNodes, selectedEdges),
      });
      return true;
    },

    undo() {
      const s = get();
      if (s.readOnly) return;
      if (s.liveUndo) return s.liveUndo.undo();
      const r = undo(s.doc, s.history);
      if (!r) return;
      set({ doc: r.doc, history: r.history, version: s.version + 1, ...derive(s, r.doc, s.selectedNodes, s.selectedEdges) });
    },

    redo() {
      const s = get();
      if (s.readOnly) return;
      if (s.liveUndo) return s.liveUndo.redo();
      const r = redo(s.doc, s.history);
      if (!r) return;
      set({ doc: r.doc, history: r.history, version: s.version + 1, ...derive(s, r.doc, s.selectedNodes, s.selectedEdges) });
    },

    select(nodeIds, edgeIds = []) {
      const s = get();
      const selectedNodes = new Set(nodeIds);
      const selectedEdges = new Set(edgeIds);
      set({ selectedNodes, selectedEdges, ...derive(s, s.doc, selectedNodes, selectedEdges) });
    },

    selectAll() {
      const s = get();
      get().select(
        s.doc.nodes.map((n) => n.id),
        s.doc.edges.map((e) => e.id),
      );
    },

    onNodesChange(changes) {
      const s = get();
      let selectedNodes: Set<string> | null = null;
      const transient: NodeChange<FlowNode>[] = [];
      const resized: string[] = [];
      for (const c of changes) {
        if (c.type === "select") {
          selectedNodes ??= new Set(s.selectedNodes);
          if (c.selected) selectedNodes.add(c.id);
          else selectedNodes.delete(c.id);
        } else if (c.type === "position" || c.type === "dimensions") {
          if (s.readOnly && c.type === "position") continue;
          transient.push(c);
          if (c.type === "dimensions" && c.resizing === false) resized.push(c.id);
        }
        // "remove" is handled by the editor's own Delete shortcut (one undoable step).
      }
      if (selectedNodes) {
        const sel = selectedNodes;
        set({ selectedNodes: sel, ...derive(s, s.doc, sel, s.selectedEdges) });
      }
      if (transient.length) set({ nodes: applyNodeChanges(transient, get().nodes) });
      if (resized.length) get().commitResize(resized);
    },

    onEdgesChange(changes) {
      const s = get();
      let selectedEdges: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === "select") {
          selectedEdges ??= new Set(s.selectedEdges);
          if (c.selected) selectedEdges.add(c.id);
          else selectedEdges.delete(c.id);
        }
      }
      if (selectedEdges) set({ selectedEdges, ...derive(s, s.doc, s.selectedNodes, selectedEdges) });
    },

    commitDrag(ids) {
      const s = get();
      if (!s.catalog || s.readOnly) return;
      const abs = flowAbsolute(s.nodes, s.doc);
      const ops = withFit(s.doc, s.catalog, dropOps(s.doc, s.catalog, ids, abs), ids);
      if (ops.length) s.dispatch(ops, { validateNow: true });
      else set(derive(s, s.doc, s.selectedNodes, s.selectedEdges));
    },

    commitResize(ids) {
      const s = get();
      if (s.readOnly) return;
      const ops = resizeOps(s.doc, s.nodes, ids);
      if (ops.length) s.dispatch(ops);
    },

    applySilent(ops) {
      if (!ops.length) return;
      const s = get();
      let doc: Document;
      try {
        doc = applyOps(s.doc, ops).doc;
      } catch {
        return; // an edge went away meanwhile (an edit between two idle slices): the next slice or edit routes it
      }
      set({ doc, ...derive(s, doc, s.selectedNodes, s.selectedEdges) });
    },

    setLiveUndo(liveUndo) {
      set({ liveUndo, history: emptyHistory() });
    },

    setHistoryDepth(undo, redo) {
      const step = { ops: [], inverse: [], at: 0 };
      set({ history: { undo: Array.from({ length: undo }, () => step), redo: Array.from({ length: redo }, () => step) } });
    },

    setReport(report) {
      set({ report, ...indexFindings(report, get()) });
    },
  }));
}

/** Copy and paste: a selection (with what is inside containers) as a small document fragment. */
import { idPrefix } from "./catalog";
import { absolutePositions, withDescendants } from "./geometry";
import { newId } from "./ids";
import type { Op } from "./ops";
import type { DocEdge, DocNode, Document, XY } from "./types";

export interface Clip {
  /** Nodes in parent-first order; roots carry absolute positions in `abs`. */
  nodes: DocNode[];
  edges: DocEdge[];
  abs: Record<string, XY>;
}

/** The selected nodes, what is inside them, and the edges among them. */
export function copySelection(doc: Document, nodeIds: Iterable<string>): Clip | null {
  const ids = withDescendants(doc, nodeIds);
  if (!ids.size) return null;
  const absMap = absolutePositions(doc);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  // Parent-first order, so pasting can add them one by one.
  const ordered: DocNode[] = [];
  const placed = new Set<string>();
  while (ordered.length < nodes.length) {
    const before = ordered.length;
    for (const n of nodes) {
      if (placed.has(n.id)) continue;
      if (!n.parent || !ids.has(n.parent) || placed.has(n.parent)) {
        ordered.push(n);
        placed.add(n.id);
      }
    }
    if (ordered.length === before) break; // a loop in an invalid document
  }
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const abs: Record<string, XY> = {};
  for (const n of ordered) abs[n.id] = absMap.get(n.id) ?? { x: 0, y: 0 };
  return { nodes: structuredClone(ordered), edges: structuredClone(edges), abs };
}

/**
 * Ops that paste a clip with fresh ids, shifted by `offset`. A root whose container exists
 * in the target document (and was not copied) stays in it; others land on the canvas.
 */
export function pasteOps(doc: Document, clip: Clip, offset: XY): { ops: Op[]; nodeIds: string[]; edgeIds: string[] } {
  const taken = new Set<string>();
  const map = new Map<string, string>();
  for (const n of clip.nodes) map.set(n.id, newId(doc, idPrefix(n.type), taken));
  const absMap = absolutePositions(doc);
  const existing = new Set(doc.nodes.map((n) => n.id));
  const ops: Op[] = [];
  for (const n of clip.nodes) {
    const copiedParent = n.parent ? map.get(n.parent) : undefined;
    let parent: string | null = null;
    let position: XY;
    if (copiedParent) {
      parent = copiedParent;
      position = n.position ?? { x: 0, y: 0 };
    } else {
      const a = clip.abs[n.id] ?? { x: 0, y: 0 };
      const target = { x: a.x + offset.x, y: a.y + offset.y };
      if (n.parent && existing.has(n.parent)) {
        parent = n.parent;
        const p = absMap.get(n.parent)!;
        position = { x: target.x - p.x, y: target.y - p.y };
      } else {
        position = target;
      }
    }
    ops.push({ op: "add_node", node: { ...n, id: map.get(n.id)!, parent, position } });
  }
  const edgeIds: string[] = [];
  for (const e of clip.edges) {
    const id = newId(doc, "e", taken);
    edgeIds.push(id);
    ops.push({ op: "add_edge", edge: { ...e, id, source: map.get(e.source)!, target: map.get(e.target)! } });
  }
  return { ops, nodeIds: [...map.values()], edgeIds };
}

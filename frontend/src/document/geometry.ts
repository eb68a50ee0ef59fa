/** Positions and nesting: documents store positions relative to the parent container. */
import type { Catalog } from "./catalog";
import type { DocNode, Document, Size, XY } from "./types";

/** The size of a component (non-container) node: the catalog's style (the CSS reads the same). */
export function componentSize(catalog: Catalog): Size {
  return { w: catalog.style.component.w, h: catalog.style.component.h };
}

/** The size a container of `type` gets when it is created (its type's default, else the style's). */
export function defaultContainerSize(catalog: Catalog, type: string): Size {
  const spec = catalog.get(type);
  if (spec?.default_size) return { w: spec.default_size[0], h: spec.default_size[1] };
  return { w: catalog.style.container.default_w, h: catalog.style.container.default_h };
}

export function nodeSize(node: DocNode, catalog: Catalog): Size {
  const spec = catalog.get(node.type);
  if (spec?.container) return node.size ?? defaultContainerSize(catalog, node.type);
  // A component's size is the style's, whatever the document says (the renderer does the same).
  return componentSize(catalog);
}

export function nodeMap(doc: Document): Map<string, DocNode> {
  return new Map(doc.nodes.map((n) => [n.id, n]));
}

/** Absolute (canvas) positions of every node, summing positions up the parent chain. */
export function absolutePositions(doc: Document): Map<string, XY> {
  const byId = nodeMap(doc);
  const out = new Map<string, XY>();
  const visit = (node: DocNode, guard: number): XY => {
    const done = out.get(node.id);
    if (done) return done;
    const pos = node.position ?? { x: 0, y: 0 };
    const parent = node.parent ? byId.get(node.parent) : undefined;
    // A looping chain (invalid document) is cut after as many steps as there are nodes.
    const base = parent && guard < doc.nodes.length ? visit(parent, guard + 1) : { x: 0, y: 0 };
    const abs = { x: base.x + pos.x, y: base.y + pos.y };
    out.set(node.id, abs);
    return abs;
  };
  for (const n of doc.nodes) visit(n, 0);
  return out;
}

export function depthOf(byId: Map<string, DocNode>, id: string): number {
  let d = 0;
  for (let cur = byId.get(id)?.parent; cur && d <= byId.size; cur = byId.get(cur)?.parent) d++;
  return d;
}

/** A position relative to `parent` (null = the canvas) from an absolute one. */
export function toRelative(abs: XY, parent: string | null, absMap: Map<string, XY>): XY {
  if (!parent) return { x: abs.x, y: abs.y };
  const p = absMap.get(parent) ?? { x: 0, y: 0 };
  return { x: abs.x - p.x, y: abs.y - p.y };
}

/**
 * The innermost container whose area contains `point` (absolute), skipping `exclude`
 * (the nodes being dropped and what is inside them). Null when the point is on the bare canvas.
 */
export function containerAt(
  doc: Document,
  catalog: Catalog,
  point: XY,
  exclude: Set<string> = new Set(),
  absMap: Map<string, XY> = absolutePositions(doc),
): string | null {
  const byId = nodeMap(doc);
  let best: { id: string; depth: number; area: number } | null = null;
  for (const n of doc.nodes) {
    if (exclude.has(n.id) || !catalog.isContainer(n.type)) continue;
    const pos = absMap.get(n.id)!;
    const size = nodeSize(n, catalog);
    if (point.x < pos.x || point.y < pos.y || point.x > pos.x + size.w || point.y > pos.y + size.h) continue;
    const depth = depthOf(byId, n.id);
    const area = size.w * size.h;
    if (!best || depth > best.depth || (depth === best.depth && area < best.area)) best = { id: n.id, depth, area };
  }
  return best?.id ?? null;
}

/** `id` and everything nested in it. */
export function withDescendants(doc: Document, ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of doc.nodes) {
      if (n.parent && out.has(n.parent) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Bounding box of nodes (absolute), or null for none. */
export function boundsOf(doc: Document, catalog: Catalog, ids: Iterable<string>, absMap = absolutePositions(doc)) {
  const byId = nodeMap(doc);
  let box: { x: number; y: number; x2: number; y2: number } | null = null;
  for (const id of ids) {
    const n = byId.get(id);
    const p = absMap.get(id);
    if (!n || !p) continue;
    const s = nodeSize(n, catalog);
    box = box
      ? { x: Math.min(box.x, p.x), y: Math.min(box.y, p.y), x2: Math.max(box.x2, p.x + s.w), y2: Math.max(box.y2, p.y + s.h) }
      : { x: p.x, y: p.y, x2: p.x + s.w, y2: p.y + s.h };
  }
  return box && { x: box.x, y: box.y, width: box.x2 - box.x, height: box.y2 - box.y };
}

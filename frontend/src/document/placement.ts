/**
 * Where a component or container may sit, from the catalog's `parents` and `parent_props`: the
 * facts the server's COMPONENT_PLACEMENT, CONTAINER_NESTING and VPC_ONLY_RESOURCE rules read.
 * The editor uses it to highlight the containers a dragged type may go into and to flag a drop
 * at once; the finding itself (its words) is the server's, asked for right after the drop.
 */
import { propValue, type Catalog } from "./catalog";
import { absolutePositions, nodeSize, withDescendants } from "./geometry";
import type { Rect } from "./routing";
import type { DocNode, Document, XY } from "./types";

/**
 * May a node of `type` sit in `parent` (null: at the top level)? A container's parent must be one
 * of its `parents`; a component's too, and the parent must meet its `parent_props` (a NAT
 * gateway's subnet is public). A global service's `parents` hold no VPC or subnet, so "in a VPC"
 * is refused by the same test.
 */
export function placementAllowed(catalog: Catalog, type: string, parent: DocNode | null): boolean {
  const spec = catalog.get(type);
  if (!spec) return true; // unknown types are the schema's business, not placement's
  const parentType = parent?.type ?? null;
  if (!spec.parents.includes(parentType)) return false;
  if (spec.container || !parent) return true;
  const pspec = catalog.get(parent.type);
  for (const c of spec.parent_props ?? []) {
    if (c.parent !== parent.type) continue;
    const value = pspec ? propValue(pspec, parent, c.prop) : parent.props?.[c.prop];
    if (!c.values.includes(String(value))) return false;
  }
  return true;
}

export interface DropTarget extends Rect {
  id: string;
  depth: number;
  allowed: boolean;
}

/**
 * The containers a dragged node of `type` could be dropped into (not itself or what it holds),
 * each with its absolute box and whether the type may go there; computed once per drag, so
 * that each pointer move only looks for the deepest box under the point.
 */
export function dropTargets(doc: Document, catalog: Catalog, type: string, moving: Iterable<string> = []): DropTarget[] {
  const exclude = withDescendants(doc, moving);
  const abs = absolutePositions(doc);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out: DropTarget[] = [];
  for (const n of doc.nodes) {
    if (exclude.has(n.id) || !catalog.isContainer(n.type)) continue;
    let depth = 0;
    for (let p = n.parent; p && byId.has(p); p = byId.get(p)!.parent) depth++;
    const p = abs.get(n.id) ?? { x: 0, y: 0 };
    const s = nodeSize(n, catalog);
    out.push({ id: n.id, x: p.x, y: p.y, w: s.w, h: s.h, depth, allowed: placementAllowed(catalog, type, n) });
  }
  return out;
}

/** The deepest target under `point` (what `containerAt` would choose on the drop), or null for the top level. */
export function targetAt(targets: readonly DropTarget[], point: XY): DropTarget | null {
  let best: DropTarget | null = null;
  for (const t of targets) {
    if (point.x < t.x || point.y < t.y || point.x > t.x + t.w || point.y > t.y + t.h) continue;
    if (!best || t.depth > best.depth || (t.depth === best.depth && t.w * t.h < best.w * best.h)) best = t;
  }
  return best;
}

/** The nodes among `ids` that now sit where their type does not belong. */
export function misplaced(doc: Document, catalog: Catalog, ids: Iterable<string>): string[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  for (const id of ids) {
    const n = byId.get(id);
    if (!n) continue;
    const parent = n.parent ? (byId.get(n.parent) ?? null) : null;
    if (!placementAllowed(catalog, n.type, parent)) out.push(id);
  }
  return out;
}

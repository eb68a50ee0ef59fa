/**
 * Containers that keep their children in view: a child never covers its container's title
 * bar, and a container grows (and its own parents with it) to hold a child dragged past its
 * edge. Pure: from a document after a drop, the extra operations that make it so (they join
 * the drop's undo step). Margins are the catalog style's (`container.title_h`, `padding`).
 */
import type { Catalog } from "./catalog";
import { nodeMap, nodeSize } from "./geometry";
import type { Op } from "./ops";
import type { Document, Size, XY } from "./types";

/** The smallest `y` a child may have inside a container: below the title bar, with air. */
export function childTop(catalog: Catalog): number {
  const k = catalog.style.container;
  return k.title_h + k.padding / 2;
}

export function fitInParents(doc: Document, catalog: Catalog, ids: Iterable<string>): Op[] {
  const byId = nodeMap(doc);
  const pos = new Map<string, XY>();
  const size = new Map<string, Size>();
  const posOf = (id: string) => pos.get(id) ?? byId.get(id)?.position ?? { x: 0, y: 0 };
  const sizeOf = (id: string) => size.get(id) ?? nodeSize(byId.get(id)!, catalog);
  const children = new Map<string, string[]>();
  for (const n of doc.nodes) if (n.parent && byId.has(n.parent)) children.set(n.parent, [...(children.get(n.parent) ?? []), n.id]);
  const top = childTop(catalog);
  const pad = catalog.style.container.padding;

  for (const id of ids) {
    const node = byId.get(id);
    if (!node?.parent || !byId.has(node.parent)) continue;
    // Out from under the title bar.
    const p0 = posOf(id);
    if (p0.y < top) pos.set(id, { x: p0.x, y: top });
    // Then each container up the chain grows to hold what is inside it.
    let child = id;
    let parent: string | null | undefined = node.parent;
    for (let guard = 0; parent && byId.has(parent) && guard <= byId.size; parent = byId.get(parent)!.parent, guard++) {
      const c = posOf(child);
      const cs = sizeOf(child);
      const ps = sizeOf(parent);
      const pp = posOf(parent);
      const shiftX = c.x < 0 ? pad - c.x : 0;
      const w = Math.max(ps.w + shiftX, c.x + shiftX + cs.w + pad);
      const h = Math.max(ps.h, c.y + cs.h + pad);
      if (w === ps.w && h === ps.h && !shiftX) break;
      size.set(parent, { w: Math.round(w), h: Math.round(h) });
      if (shiftX) {
        // Growing leftwards moves the container; its children move back so none moves on the canvas.
        pos.set(parent, { x: pp.x - shiftX, y: pp.y });
        for (const k of children.get(parent) ?? []) {
          const kp = posOf(k);
          pos.set(k, { x: kp.x + shiftX, y: kp.y });
        }
      }
      child = parent;
    }
  }

  const ops: Op[] = [];
  for (const n of doc.nodes) {
    const set: { position?: XY; size?: Size } = {};
    const p = pos.get(n.id);
    const s = size.get(n.id);
    if (p && (p.x !== n.position?.x || p.y !== n.position?.y)) set.position = p;
    if (s && (s.w !== n.size?.w || s.h !== n.size?.h)) set.size = s;
    if (set.position || set.size) ops.push({ op: "update_node", id: n.id, set });
  }
  return ops;
}

/** Editor commands (palette, shortcuts, toolbar): each builds operations and dispatches them once. */
import { idPrefix } from "../document/catalog";
import { copySelection, pasteOps, type Clip } from "../document/clipboard";
import { absolutePositions, containerAt, nodeSize } from "../document/geometry";
import { newId } from "../document/ids";
import { removeOps, type Op } from "../document/ops";
import type { XY } from "../document/types";
import { readableZoom } from "../document/style";
import { withFit } from "./editorStore";
import { editorStore } from "./useEditor";

export const GRID = 16;

/**
 * How "fit view" frames the diagram: some margin, never zoomed in past 100 %, and never out
 * below the zoom where labels stay legible (it pans to the middle instead).
 */
export function fitViewOptions() {
  const catalog = editorStore.getState().catalog;
  return { padding: 0.15, duration: 300, maxZoom: 1, minZoom: catalog ? readableZoom(catalog.style) : 0.1 };
}

const snap = (v: number, on: boolean) => (on ? Math.round(v / GRID) * GRID : Math.round(v));

/** Add a component of `type` centered on `point` (canvas coordinates), inside the container under it. */
export function addNodeAt(type: string, point: XY, snapOn: boolean): string | null {
  const s = editorStore.getState();
  const spec = s.catalog?.get(type);
  if (!s.catalog || !spec) return null;
  const id = newId(s.doc, idPrefix(type));
  const parent = containerAt(s.doc, s.catalog, point);
  const abs = absolutePositions(s.doc);
  const base = parent ? abs.get(parent)! : { x: 0, y: 0 };
  let size = nodeSize({ id, type }, s.catalog);
  let corner: XY;
  if (spec.container) {
    // A container lands with its title bar under the pointer (where the palette item was held),
    // and inside a container it is no larger than the room left there (down to the minimum).
    const k = s.catalog.style.container;
    corner = { x: point.x - k.title_h, y: point.y - k.title_h / 2 };
    if (parent) {
      const room = nodeSize(s.doc.nodes.find((n) => n.id === parent)!, s.catalog);
      const rel = { x: corner.x - base.x, y: corner.y - base.y };
      size = {
        w: Math.max(k.min_w, Math.min(size.w, Math.round(room.w - rel.x - k.padding))),
        h: Math.max(k.min_h, Math.min(size.h, Math.round(room.h - rel.y - k.padding))),
      };
    }
  } else {
    corner = { x: point.x - size.w / 2, y: point.y - size.h / 2 };
  }
  const position = { x: snap(corner.x - base.x, snapOn), y: snap(corner.y - base.y, snapOn) };
  const node = {
    id,
    type,
    label: spec.label,
    parent,
    position,
    ...(spec.container ? { size } : {}),
    props: {},
  };
  const ops = withFit(s.doc, s.catalog, [{ op: "add_node", node }], [id]);
  return s.dispatch(ops, { select: { nodes: [id] }, validateNow: true }) ? id : null;
}

export function connect(source: string, target: string, sourceHandle?: string | null, targetHandle?: string | null) {
  const s = editorStore.getState();
  if (source === target) return;
  const id = newId(s.doc, "e");
  s.dispatch([
    {
      op: "add_edge",
      edge: {
        id,
        source,
        target,
        label: "",
        source_handle: sourceHandle && sourceHandle !== "body" ? sourceHandle : null,
        target_handle: targetHandle && targetHandle !== "body" ? targetHandle : null,
      },
    },
  ]);
}

export function deleteSelection() {
  const s = editorStore.getState();
  const ops = removeOps(s.doc, s.selectedNodes, s.selectedEdges);
  if (ops.length) s.dispatch(ops, { select: {} });
}

let memoryClip: Clip | null = null;
const CLIP_KEY = "awsb.clipboard";

export function copy(): boolean {
  const s = editorStore.getState();
  const clip = copySelection(s.doc, s.selectedNodes);
  if (!clip) return false;
  memoryClip = clip;
  try {
    localStorage.setItem(CLIP_KEY, JSON.stringify(clip));
  } catch {
    /* too large or private mode: the in-memory copy still works here */
  }
  return true;
}

export function cut() {
  if (copy()) deleteSelection();
}

let pasteCount = 0;

export function paste() {
  let clip = memoryClip;
  try {
    const raw = localStorage.getItem(CLIP_KEY);
    if (raw) clip = JSON.parse(raw) as Clip;
  } catch {
    /* fall back to memory */
  }
  if (!clip) return;
  const s = editorStore.getState();
  pasteCount = clip === memoryClip ? pasteCount + 1 : 1;
  const shift = GRID * 2 * pasteCount;
  const { ops, nodeIds, edgeIds } = pasteOps(s.doc, clip, { x: shift, y: shift });
  s.dispatch(ops, { select: { nodes: nodeIds, edges: edgeIds } });
}

export function duplicate() {
  if (copy()) {
    pasteCount = 0;
    paste();
  }
}

export function nudge(dx: number, dy: number) {
  const s = editorStore.getState();
  const sel = s.selectedNodes;
  const byId = new Map(s.doc.nodes.map((n) => [n.id, n]));
  const ops: Op[] = [];
  for (const id of sel) {
    const n = byId.get(id);
    if (!n) continue;
    // Children of a moved container move with it.
    let inside = false;
    for (let p = n.parent; p; p = byId.get(p)?.parent) if (sel.has(p)) inside = true;
    if (inside) continue;
    const pos = n.position ?? { x: 0, y: 0 };
    ops.push({ op: "move", id, position: { x: pos.x + dx, y: pos.y + dy } });
  }
  s.dispatch(ops, { key: `nudge:${[...sel].join(",")}` });
}

export async function runAutoLayout(): Promise<boolean> {
  const s = editorStore.getState();
  if (!s.catalog || !s.doc.nodes.length) return false;
  const { autoLayout } = await import("../document/layout");
  const ops = await autoLayout(editorStore.getState().doc, s.catalog);
  return editorStore.getState().dispatch(ops);
}

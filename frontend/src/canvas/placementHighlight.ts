/**
 * Placement while dragging (document/placement.ts): the containers a dragged type may go into
 * are outlined, the one under the pointer is green when it may go there and red when it may
 * not (the bare canvas too, for a type that needs a container); a drop into a place the type
 * does not belong outlines the node in red at once, until the server's finding (validated
 * right after the drop) takes over. All of it is one stylesheet keyed by React Flow's
 * `data-id`: no node re-renders while dragging, and nodes mounted mid-drag (virtualized
 * canvases) get it too.
 */
import type { Catalog } from "../document/catalog";
import { dropTargets, misplaced, placementAllowed, targetAt, type DropTarget } from "../document/placement";
import type { Document, XY } from "../document/types";

let sheet: HTMLStyleElement | null = null;
/** `target` undefined: the pointer has not been over the canvas yet. */
let drag: { type: string; targets: DropTarget[]; target?: DropTarget | null; top: boolean } | null = null;
let flagged: string[] = [];

const sel = (id: string) => `.react-flow__node[data-id="${CSS.escape(id)}"]`;

function write() {
  if (!sheet) {
    sheet = document.createElement("style");
    sheet.dataset.testid = "placement-styles";
    document.head.appendChild(sheet);
  }
  const rules: string[] = [];
  const allowed = drag ? drag.targets.filter((t) => t.allowed).map((t) => t.id) : [];
  if (allowed.length) rules.push(`${allowed.map((id) => `${sel(id)} > .aws-container`).join(",\n")} { outline: 2px dashed var(--ok); outline-offset: 2px; }`);
  if (drag?.target) {
    const colour = drag.target.allowed ? "var(--ok)" : "var(--error)";
    rules.push(`${sel(drag.target.id)} > .aws-container { outline: 3px solid ${colour}; outline-offset: 2px; }`);
  }
  if (drag && drag.target === null && !drag.top) rules.push(`.canvas-wrap .react-flow__pane { box-shadow: inset 0 0 0 3px var(--error); }`);
  if (flagged.length) rules.push(`${flagged.map((id) => `${sel(id)} > :is(.aws-node, .aws-container)`).join(",\n")} { outline: 3px dashed var(--error); outline-offset: 3px; }`);
  sheet.textContent = rules.join("\n");
  // What the sheet says, for tests and for a person reading the DOM.
  sheet.dataset.dragging = drag?.type ?? "";
  sheet.dataset.allowed = allowed.join(" ");
  sheet.dataset.target = drag?.target?.id ?? "";
  sheet.dataset.targetAllowed = drag && drag.target !== undefined ? String(drag.target ? drag.target.allowed : drag.top) : "";
  sheet.dataset.flagged = flagged.join(" ");
}

/** A drag of a node of `type` begins (`moving`: the nodes dragged, which cannot hold themselves). */
export function startPlacement(doc: Document, catalog: Catalog, type: string, moving: Iterable<string> = []): void {
  drag = { type, targets: dropTargets(doc, catalog, type, moving), top: placementAllowed(catalog, type, null) };
  write();
}

/** The dragged node's centre (or the pointer, from the palette) is at `point` (absolute canvas px). */
export function movePlacement(point: XY): void {
  if (!drag) return;
  const target = targetAt(drag.targets, point);
  if (drag.target !== undefined && target?.id === drag.target?.id) return;
  drag.target = target;
  write();
}

export function endPlacement(): void {
  if (!drag) return;
  drag = null;
  write();
}

/** After a drop of `ids`: those now where their type does not belong are outlined (see flagMisplaced). */
export function flagDrop(doc: Document, catalog: Catalog | null, ids: Iterable<string>): void {
  endPlacement();
  if (catalog) flagMisplaced(misplaced(doc, catalog, ids));
}

/** Nodes just dropped where their type does not belong: outlined until the next report replaces the mark. */
export function flagMisplaced(ids: string[]): void {
  if (!ids.length && !flagged.length) return;
  flagged = ids;
  write();
}

export function isDragging(): boolean {
  return drag !== null;
}

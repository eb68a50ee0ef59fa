/** Where the canvas opens when the document has no saved viewport. */
import { getViewportForBounds, type Viewport } from "@xyflow/react";
import type { Catalog } from "../document/catalog";
import { boundsOf } from "../document/geometry";
import type { Document } from "../document/types";

/** Below this zoom a component's label is unreadable (12 px text at 0.5 is 6 px). */
export const READABLE_ZOOM = 0.5;
const PADDING = 0.15;
const MAX_ZOOM = 1;

/**
 * The whole diagram when it fits at a readable zoom (as `fitView` with FIT_VIEW would), else
 * its top-left corner at READABLE_ZOOM: a 2,000-node diagram fitted at 10 % is a texture of
 * dots, and drawing all of it costs seconds. The minimap and "Fit" show the whole.
 * Computed from the document (sizes are known), so the first frame is already in place.
 */
export function initialViewport(doc: Document, catalog: Catalog, width: number, height: number): Viewport {
  const box = boundsOf(
    doc,
    catalog,
    doc.nodes.map((n) => n.id),
  );
  if (!box || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const fit = getViewportForBounds(box, width, height, 0.1, MAX_ZOOM, PADDING);
  if (fit.zoom >= READABLE_ZOOM) return fit;
  const margin = 24;
  return { x: margin - box.x * READABLE_ZOOM, y: margin - box.y * READABLE_ZOOM, zoom: READABLE_ZOOM };
}

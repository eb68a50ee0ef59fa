/** Where the canvas opens when the document has no saved viewport. */
import { getViewportForBounds, type Viewport } from "@xyflow/react";
import type { Catalog } from "../document/catalog";
import { boundsOf } from "../document/geometry";
import { fitZoomFloor, readableZoom } from "../document/style";
import type { Document } from "../document/types";
import { fitViewOptions } from "../store/commands";

const PADDING = 0.15;
const MAX_ZOOM = 1;

/**
 * The whole diagram when it fits at `fitZoomFloor` or more (50 %), else its top-left corner at
 * the readable zoom (`readableZoom`: labels at least the style's `min_text_px` tall): a 2,000-node diagram fitted at 10 % is a texture of
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
  const readable = readableZoom(catalog.style);
  const fit = getViewportForBounds(box, width, height, 0.1, MAX_ZOOM, PADDING);
  if (fit.zoom >= fitZoomFloor(catalog.style)) return fit;
  const margin = 24;
  return { x: margin - box.x * readable, y: margin - box.y * readable, zoom: readable };
}

/**
 * How the view frames the diagram after auto layout: as a diagram opens (whole, down to
 * `fitZoomFloor`), not "Fit view"'s readable floor: the user asked to see the new arrangement,
 * and a starter laid out left to right is wider than the window at the readable zoom. React
 * Flow queues a fitView called right after the nodes change until they are measured.
 */
export function layoutFitOptions(catalog: Catalog | null) {
  return { ...fitViewOptions(), minZoom: catalog ? fitZoomFloor(catalog.style) : fitViewOptions().minZoom };
}

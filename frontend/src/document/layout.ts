/**
 * Auto layout with ELK (layered, left to right), respecting containers: a container's
 * children are laid out inside it and the container is sized to fit. elkjs is large, so it
 * is imported only when the user asks for a layout.
 */
import type { Catalog } from "./catalog";
import { nodeSize } from "./geometry";
import type { Op } from "./ops";
import { labelMetrics, labelText } from "./routes";
import { labelSize } from "./routing";
import type { Document } from "./types";

interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkNode[];
  layoutOptions?: Record<string, string>;
}

const ROOT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "50",
  "elk.spacing.componentComponent": "80",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.edgeLabels.placement": "CENTER",
  "elk.spacing.edgeLabel": "6",
};

/** Spacing inside containers too (ELK's defaults, 20 px, leave no room for an edge's label). */
const SPACING = {
  "elk.layered.spacing.nodeNodeBetweenLayers": ROOT_OPTIONS["elk.layered.spacing.nodeNodeBetweenLayers"],
  "elk.spacing.nodeNode": ROOT_OPTIONS["elk.spacing.nodeNode"],
  "elk.spacing.edgeLabel": "6",
  "elk.layered.spacing.edgeNodeBetweenLayers": "24",
  "elk.edgeLabels.placement": "CENTER",
};

/** Children start below the title bar (the style's), with the style's padding around them. */
function containerOptions(catalog: Catalog) {
  const k = catalog.style.container;
  const pad = 2 * k.padding;
  return { ...SPACING, "elk.padding": `[top=${k.title_h + k.padding + 8},left=${pad},bottom=${pad},right=${pad}]` };
}

/** The ELK graph of a document: containers hold their children. */
export function toElkGraph(doc: Document, catalog: Catalog) {
  const byParent = new Map<string | null, string[]>();
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const n of doc.nodes) {
    const p = n.parent && ids.has(n.parent) ? n.parent : null;
    byParent.set(p, [...(byParent.get(p) ?? []), n.id]);
  }
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const metrics = labelMetrics(catalog);
  const build = (id: string, seen: Set<string>): ElkNode => {
    const n = byId.get(id)!;
    const kids = (byParent.get(id) ?? []).filter((k) => !seen.has(k));
    const size = nodeSize(n, catalog);
    if (kids.length) {
      const next = new Set(seen).add(id);
      return { id, layoutOptions: containerOptions(catalog), children: kids.map((k) => build(k, next)) };
    }
    return { id, width: size.w, height: size.h };
  };
  return {
    id: "__root__",
    layoutOptions: ROOT_OPTIONS,
    children: (byParent.get(null) ?? []).map((id) => build(id, new Set())),
    // Each edge's label as ELK sees it, so that layers leave room for it.
    edges: doc.edges.map((e) => {
      const text = labelText(doc, catalog, e, types);
      const size = labelSize(text, metrics, 22);
      return { id: e.id, sources: [e.source], targets: [e.target], labels: text ? [{ text, width: size.w + 12, height: size.h + 8 }] : [] };
    }),
  };
}

/** Ops that place every node where ELK put it (positions relative to the parent, as ELK gives them). */
export function layoutOps(doc: Document, catalog: Catalog, laid: ElkNode): Op[] {
  const ops: Op[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const margin = 40;
  const visit = (n: ElkNode, top: boolean) => {
    const node = byId.get(n.id);
    if (node) {
      const position = { x: Math.round((n.x ?? 0) + (top ? margin : 0)), y: Math.round((n.y ?? 0) + (top ? margin : 0)) };
      const set: { position: typeof position; size?: { w: number; h: number } } = { position };
      if (catalog.isContainer(node.type) && n.children?.length && n.width && n.height) {
        set.size = { w: Math.round(n.width), h: Math.round(n.height) };
      }
      ops.push({ op: "update_node", id: n.id, set });
    }
    for (const c of n.children ?? []) visit(c, false);
  };
  for (const c of laid.children ?? []) visit(c, true);
  return ops;
}

export async function autoLayout(doc: Document, catalog: Catalog): Promise<Op[]> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const laid = (await elk.layout(toElkGraph(doc, catalog) as never)) as unknown as ElkNode;
  return layoutOps(doc, catalog, laid);
}

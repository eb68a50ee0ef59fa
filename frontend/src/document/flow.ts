/**
 * Document -> React Flow. React Flow nests with `parentId` and positions relative to the
 * parent, like the document, so the mapping is direct; what it adds is order (parents
 * before children, containers below components), z-index, and reuse of unchanged objects
 * so that 2,000 nodes don't all re-render when one changes.
 */
import { MarkerType, Position, type Edge, type Node, type NodeHandle } from "@xyflow/react";
import { checkConnection, checkNodes, connectionFeature, type Catalog } from "./catalog";
import { depthOf, nodeMap, nodeSize } from "./geometry";
import type { DocEdge, DocNode, Document } from "./types";
import { i18next } from "../i18n";

export interface NodeData extends Record<string, unknown> {
  node: DocNode;
}

export interface EdgeData extends Record<string, unknown> {
  edge: DocEdge;
  /** AWS supports this connection (catalog `connects_to`). */
  supported: boolean;
  /** The catalog's verb ("invokes", "triggers"...), the label's placeholder. */
  verb: string;
  /** What the pair stands for in AWS ("S3 bucket → Lambda function: event notification"). */
  feature: string;
  reason?: string;
}

export type FlowNode = Node<NodeData, "component" | "container">;
export type FlowEdge = Edge<EdgeData, "aws">;

/** Containers sit under edges, edges under components. */
export const Z_EDGE = 500;
export const Z_COMPONENT = 1000;

/** Side handles are 10 px squares centred on the sides (styles.css `.aws-handle`). */
const HANDLE = 10;

function componentHandles(w: number, h: number): NodeHandle[] {
  const half = HANDLE / 2;
  const side = (id: string, position: Position, x: number, y: number): NodeHandle => ({
    id, type: "source", position, x, y, width: HANDLE, height: HANDLE,
  });
  return [
    side("t", Position.Top, w / 2 - half, -half),
    side("r", Position.Right, w - half, h / 2 - half),
    side("b", Position.Bottom, w / 2 - half, h - half),
    side("l", Position.Left, -half, h / 2 - half),
    { id: "body", type: "source", position: Position.Top, x: 0, y: 0, width: w, height: h },
  ];
}

/** One handle list per component size (all components share it: React Flow compares by identity). */
const handlesBySize = new Map<string, NodeHandle[]>();
function handlesFor(w: number, h: number): NodeHandle[] {
  const key = `${w}x${h}`;
  let list = handlesBySize.get(key);
  if (!list) handlesBySize.set(key, (list = componentHandles(w, h)));
  return list;
}

/**
 * Nodes come with their size (`measured` too) and their handles: sizes are fixed by the
 * document and the CSS, so React Flow need not mount every node to measure it before it can
 * leave the off-screen ones out (`onlyRenderVisibleElements`) and draw the edges. The nodes it
 * does mount are still observed, and a different size in the DOM wins.
 */
export function toFlowNodes(
  doc: Document,
  catalog: Catalog,
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, FlowNode> = new Map(),
): FlowNode[] {
  const byId = nodeMap(doc);
  const depth = new Map(doc.nodes.map((n) => [n.id, depthOf(byId, n.id)]));
  const containers: DocNode[] = [];
  const components: DocNode[] = [];
  for (const n of doc.nodes) (catalog.isContainer(n.type) ? containers : components).push(n);
  // Parents before children (React Flow needs it) and containers before components (drawn below).
  containers.sort((a, b) => depth.get(a.id)! - depth.get(b.id)!);
  const out: FlowNode[] = [];
  for (const n of [...containers, ...components]) {
    const isContainer = catalog.isContainer(n.type);
    const parentId = n.parent && byId.has(n.parent) ? n.parent : undefined;
    const zIndex = isContainer ? depth.get(n.id)! : Z_COMPONENT;
    const isSelected = selected.has(n.id);
    const position = n.position ?? { x: 0, y: 0 };
    const prev = previous.get(n.id);
    if (
      prev &&
      prev.data.node === n &&
      prev.selected === isSelected &&
      prev.zIndex === zIndex &&
      prev.parentId === parentId &&
      prev.position.x === position.x &&
      prev.position.y === position.y
    ) {
      out.push(prev);
      continue;
    }
    const size = nodeSize(n, catalog);
    const sameSize = prev && prev.width === size.w && prev.height === size.h;
    out.push({
      id: n.id,
      type: isContainer ? "container" : "component",
      position,
      parentId,
      data: { node: n },
      ariaLabel: nodeName(n, catalog),
      width: size.w,
      height: size.h,
      zIndex,
      selected: isSelected,
      measured: sameSize && prev?.measured ? prev.measured : { width: size.w, height: size.h },
      handles: isContainer
        ? (sameSize && prev?.handles) || [{ id: "c", type: "source", position: Position.Top, x: size.w / 2, y: 0, width: 6, height: 6 }]
        : handlesFor(size.w, size.h),
    });
  }
  return out;
}

export function toFlowEdges(
  doc: Document,
  catalog: Catalog,
  selected: ReadonlySet<string>,
  previous: ReadonlyMap<string, FlowEdge> = new Map(),
): FlowEdge[] {
  const byId = nodeMap(doc);
  const out: FlowEdge[] = [];
  for (const e of doc.edges) {
    const isSelected = selected.has(e.id);
    const prev = previous.get(e.id);
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    // A connection that holds only for some of the source's props (a VPC endpoint's service) is
    // checked again on every change: editing the source's props can flip it.
    const conditional = !!s && !!t && !!catalog.connection(s.type, t.type)?.source_props;
    const check = conditional ? checkNodes(catalog, s!, t!, doc) : null;
    if (prev && prev.data?.edge === e && prev.selected === isSelected && (!check || (check.ok === prev.data.supported && check.reason === prev.data.reason))) {
      out.push(prev);
      continue;
    }
    const result = check ?? (s && t ? checkConnection(catalog, s.type, t.type) : { ok: false, reason: i18next.t("connection.missingNode") });
    out.push({
      id: e.id,
      type: "aws",
      source: e.source,
      target: e.target,
      sourceHandle: e.source_handle ?? null,
      targetHandle: e.target_handle ?? null,
      selected: isSelected,
      zIndex: Z_EDGE,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: result.ok ? catalog.style.edge.stroke : catalog.style.edge.unsupported },
      ariaLabel: s && t ? i18next.t("canvas.edgeLabel", { source: nodeName(s, catalog), target: nodeName(t, catalog), label: e.label || result.connection?.label || "" }) : undefined,
      data: {
        edge: e,
        supported: result.ok,
        verb: result.connection?.label ?? "",
        feature: result.ok && s && t ? (connectionFeature(catalog, s.type, t.type) ?? "") : "",
        reason: result.reason,
      },
    });
  }
  return out;
}

export function byIdMap<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

/** What a screen reader calls a node: its label and its type ("주문 처리, Lambda function"). */
function nodeName(n: DocNode, catalog: Catalog): string {
  const type = catalog.get(n.type)?.label ?? n.type;
  return n.label && n.label !== type ? `${n.label}, ${type}` : type;
}

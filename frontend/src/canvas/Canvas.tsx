import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type IsValidConnection,
  type Node,
  type OnNodeDrag,
  type ReactFlowState,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent, type RefObject } from "react";
import { checkNodes } from "../document/catalog";
import type { FlowEdge, FlowNode } from "../document/flow";
import { styleVariables } from "../document/style";
import { AwsEdge } from "../edges/AwsEdge";
import { ConnectionLine } from "../edges/ConnectionLine";
import { ComponentNode } from "../nodes/ComponentNode";
import { ContainerNode } from "../nodes/ContainerNode";
import { addNodeAt, connect, GRID } from "../store/commands";
import { useUi } from "../store/uiStore";
import { editorStore, useEditor } from "../store/useEditor";
import { CanvasEnvContext, EdgeLabelLayerContext } from "./CanvasContext";
import { endPlacement, flagDrop, isDragging, movePlacement, startPlacement } from "./placementHighlight";
import { initialViewport } from "./viewport";
import { useTranslation } from "react-i18next";
import { useTheme } from "../theme";

// Module level: React Flow re-mounts every node when these objects change identity.
const nodeTypes = { component: ComponentNode, container: ContainerNode };
const edgeTypes = { aws: AwsEdge };
const SNAP_GRID: [number, number] = [GRID, GRID];
const MINIMAP_STYLE = { width: 180, height: 120 };
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
/** From this many nodes on, only what is in view is rendered. */
const VIRTUALIZE_FROM = 300;

export const DRAG_TYPE = "application/x-aws-component";

// Stable handlers: React Flow copies each changed prop into its store, one update (and a run of
// every node's, handle's and edge's selectors) per prop, on every render of the canvas.
const onConnectStart = () => document.querySelector(".canvas-wrap")?.setAttribute("data-connecting", "");
const onConnectEnd = () => document.querySelector(".canvas-wrap")?.removeAttribute("data-connecting");
const onMoveEnd = (_e: unknown, viewport: Viewport) => useUi.getState().set({ viewport });

/**
 * Under this zoom, labels, handles and shadows are unreadable specks that still cost paint on
 * every frame: the canvas root gets `data-lod="low"` and CSS hides them (styles.css, "Level of
 * detail"). Icons, frames, edges and finding/comment colours stay.
 */
export const LOW_DETAIL_ZOOM = 0.4;
const isLowDetail = (s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM;

/** Sets the level of detail on the canvas root; re-renders only when it flips, never the nodes. */
function LevelOfDetail({ root }: { root: RefObject<HTMLDivElement | null> }) {
  const low = useStore(isLowDetail);
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    if (low) el.setAttribute("data-lod", "low");
    else el.removeAttribute("data-lod");
  }, [low, root]);
  return null;
}

const minimapColor = (n: Node) => ((n as FlowNode).type === "container" ? "rgba(0, 115, 187, 0.08)" : "#7d8998");

export function Canvas() {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const readOnly = useEditor((s) => s.readOnly);
  const catalog = useEditor((s) => s.catalog);
  const env = useMemo(() => ({ catalog, readOnly }), [catalog, readOnly]);
  // The catalog's geometry and style as CSS custom properties (styles.css reads them).
  const dark = useTheme() === "dark";
  const rootStyle = useMemo(() => (catalog ? (styleVariables(catalog.style, dark) as CSSProperties) : undefined), [catalog, dark]);
  const flowRef = useRef<HTMLDivElement>(null);
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => setLabelLayer(flowRef.current?.querySelector<HTMLElement>(".react-flow__edgelabel-renderer") ?? null), []);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const commitDrag = useEditor((s) => s.commitDrag);
  const snap = useUi((s) => s.snap);
  const strict = useUi((s) => s.strict);
  const showMinimap = useUi((s) => s.showMinimap);
  const { screenToFlowPosition, getInternalNode } = useReactFlow();
  // React Flow's own words for screen readers (node and edge help, controls), in our language.
  const { t } = useTranslation();
  const ariaLabelConfig = useMemo(
    () => ({
      "node.a11yDescription.default": t("canvas.nodeHelp"),
      "node.a11yDescription.keyboardDisabled": t("canvas.nodeHelpMove"),
      "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t("canvas.moved", { direction: t(`canvas.direction.${direction}`, { defaultValue: direction }), x, y }),
      "edge.a11yDescription.default": t("canvas.edgeHelp"),
      "controls.ariaLabel": t("canvas.controls"),
      "controls.zoomIn.ariaLabel": t("canvas.zoomIn"),
      "controls.zoomOut.ariaLabel": t("canvas.zoomOut"),
      "controls.fitView.ariaLabel": t("tools.fitView"),
      "controls.interactive.ariaLabel": t("canvas.interactive"),
      "minimap.ariaLabel": t("tools.minimap"),
      "handle.ariaLabel": t("canvas.handle"),
    }),
    [t],
  );

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c: Connection | Edge) => {
      if (c.source === c.target) return false;
      const s = editorStore.getState();
      if (s.doc.edges.some((e) => e.source === c.source && e.target === c.target)) return false;
      if (!strict || !s.catalog) return true;
      const byId = new Map(s.doc.nodes.map((n) => [n.id, n]));
      const a = byId.get(c.source);
      const b = byId.get(c.target);
      return !!a && !!b && checkNodes(s.catalog, a, b, s.doc).ok;
    },
    [strict],
  );

  /** A drop ended a drag of `ids`: commit it, then mark at once what landed where it does not belong. */
  const drop = useCallback(
    (ids: string[]) => {
      commitDrag(ids);
      const s = editorStore.getState();
      flagDrop(s.doc, s.catalog, ids);
    },
    [commitDrag],
  );

  const onSelectionDragStop = useCallback((_e: unknown, dragged: FlowNode[]) => drop(dragged.map((n) => n.id)), [drop]);

  const onConnect = useCallback((c: Connection) => connect(c.source, c.target, c.sourceHandle, c.targetHandle), []);

  const onNodeDragStop: OnNodeDrag<FlowNode> = useCallback(
    (_e, node) => {
      const sel = editorStore.getState().selectedNodes;
      drop(sel.has(node.id) ? [...sel] : [node.id]);
    },
    [drop],
  );

  // Placement while dragging a node: the grabbed node's type decides which containers light up;
  // its centre (what the drop uses to choose the parent) picks the one under it.
  const onNodeDragStart: OnNodeDrag<FlowNode> = useCallback((_e, node, dragged) => {
    const s = editorStore.getState();
    if (s.catalog && !s.readOnly) startPlacement(s.doc, s.catalog, node.data.node.type, dragged.map((n) => n.id));
  }, []);
  const onNodeDrag: OnNodeDrag<FlowNode> = useCallback(
    (_e, node) => {
      const internal = getInternalNode(node.id);
      if (!internal) return;
      const p = internal.internals.positionAbsolute;
      movePlacement({ x: p.x + (node.width ?? 0) / 2, y: p.y + (node.height ?? 0) / 2 });
    },
    [getInternalNode],
  );

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (e.dataTransfer.types.includes(DRAG_TYPE)) {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        if (isDragging()) movePlacement(screenToFlowPosition({ x: e.clientX, y: e.clientY }));
      }
    },
    [screenToFlowPosition],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_TYPE);
      endPlacement();
      if (!type || readOnly) return;
      e.preventDefault();
      const id = addNodeAt(type, screenToFlowPosition({ x: e.clientX, y: e.clientY }), useUi.getState().snap);
      if (id) flagDrop(editorStore.getState().doc, editorStore.getState().catalog, [id]);
    },
    [screenToFlowPosition, readOnly],
  );

  // Once, when the canvas mounts: the saved viewport, else one computed from the document.
  const [initial] = useState(() => {
    const { doc, catalog } = editorStore.getState();
    if (doc.viewport || !catalog) return doc.viewport ?? { x: 0, y: 0, zoom: 1 };
    const wrap = document.querySelector(".canvas-wrap")?.getBoundingClientRect();
    return initialViewport(doc, catalog, wrap?.width ?? window.innerWidth, wrap?.height ?? window.innerHeight);
  });

  return (
    <CanvasEnvContext.Provider value={env}>
      <EdgeLabelLayerContext.Provider value={labelLayer}>
        <ReactFlow<FlowNode, FlowEdge>
          ref={flowRef}
          style={rootStyle}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          onConnectEnd={onConnectEnd}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onSelectionDragStop={onSelectionDragStop}
          onDrop={onDrop}
          onDragOver={onDragOver}
          onDragEnter={onDragOver}
          onMoveEnd={onMoveEnd}
          isValidConnection={isValidConnection}
          connectionMode={ConnectionMode.Loose}
          connectionLineComponent={ConnectionLine}
          connectionRadius={28}
          snapToGrid={snap}
          snapGrid={SNAP_GRID}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          elevateNodesOnSelect={false}
          elevateEdgesOnSelect={false}
          zIndexMode="manual"
          onlyRenderVisibleElements={nodes.length >= VIRTUALIZE_FROM}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          zoomOnDoubleClick={false}
          minZoom={0.1}
          maxZoom={2.5}
          defaultViewport={initial}
          attributionPosition="bottom-left"
          aria-label={t("canvas.label")}
          ariaLabelConfig={ariaLabelConfig}
          colorMode={dark ? "dark" : "light"}
        >
          <LevelOfDetail root={flowRef} />
          {nodes.length === 0 && !readOnly && (
            <div className="canvas-empty" data-testid="canvas-empty">
              <strong>An empty canvas.</strong>
              <span>Drag a component from the palette on the left (or focus one and press Enter).</span>
              <span>Start with a Region, then a VPC and subnets inside it, and drop components into them.</span>
              <span>Connect two components by dragging from a dot on one side to the other. Press ? for shortcuts.</span>
            </div>
          )}
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} color="var(--grid-dot)" />
          <Controls position="bottom-left" showInteractive={false} style={{ marginBottom: 28 }} />
          {showMinimap && <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={2} ariaLabel={t("tools.minimap")} style={MINIMAP_STYLE} />}
        </ReactFlow>
      </EdgeLabelLayerContext.Provider>
    </CanvasEnvContext.Provider>
  );
}

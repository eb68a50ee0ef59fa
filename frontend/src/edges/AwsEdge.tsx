import { BaseEdge, getSmoothStepPath, useStoreApi, type EdgeProps } from "@xyflow/react";
import { memo, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useCanvasEnv, useEdgeLabelLayer } from "../canvas/CanvasContext";
import type { FlowEdge, FlowNode } from "../document/flow";
import { FindingBadge } from "../nodes/FindingBadge";
import { LabelEditor } from "../nodes/LabelEditor";
import { CommentBadge } from "../review/CommentBadge";
import { useComments } from "../review/commentStore";
import { editorStore, useEditor } from "../store/useEditor";
import { fitsEnds, horizontalRunAt, labelRoom, routePath } from "../document/routing";
import { useFloatingEnds } from "./useFloatingEnds";
import { i18next } from "../i18n";

/** React Flow's EdgeLabelRenderer without its per-edge store lookup of the label layer. */
function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useEdgeLabelLayer();
  return layer ? createPortal(children, layer) : null;
}

type FlowStoreApi = ReturnType<typeof useStoreApi<FlowNode, FlowEdge>>;

/**
 * What a click on the edge's line does in React Flow (EdgeWrapper), for a click on its label,
 * which lives in another layer: select it (with the multi-selection key: toggle it).
 */
function selectEdge(store: FlowStoreApi, id: string, selected: boolean) {
  const { addSelectedEdges, unselectNodesAndEdges, multiSelectionActive, elementsSelectable, edgeLookup } = store.getState();
  if (!elementsSelectable) return;
  store.setState({ nodesSelectionActive: false });
  const edge = edgeLookup.get(id);
  if (selected && multiSelectionActive && edge) unselectNodesAndEdges({ nodes: [], edges: [edge] });
  else addSelectedEdges([id]);
}

/**
 * An edge between the facing sides of its nodes, with its label (the catalog's verb as a
 * placeholder), a dashed red stroke when AWS does not support the connection, and badges.
 */
export const AwsEdge = memo(function AwsEdge({ id, source, target, data, selected, markerEnd }: EdgeProps<FlowEdge>) {
  const geo = useFloatingEnds(source, target);
  const findings = useEditor((st) => st.findingsByEdge.get(id));
  // The comment store changes only with comments, never per frame: a cheap subscription.
  const commented = useComments((s) => s.byEdge.has(id));
  const { readOnly } = useCanvasEnv();
  const [editing, setEditing] = useState(false);
  const store = useStoreApi<FlowNode, FlowEdge>(); // a context read: no subscription
  if (!geo || !data) return null;
  // The saved route while it still fits the two boxes; else (an end being dragged, a document
  // too large to route on open) a step path between the facing sides, until the drop routes it.
  const route = data.edge.route;
  const routed = fitsEnds(route, geo.s, geo.t, 1.5);
  let path: string;
  let lx: number;
  let ly: number;
  if (routed) {
    path = routePath(route!);
    const mid = route![Math.floor(route!.length / 2)];
    lx = data.edge.label_at?.x ?? mid.x;
    ly = data.edge.label_at?.y ?? mid.y;
  } else {
    const ends = geo.ends;
    [path, lx, ly] = getSmoothStepPath({
      sourceX: ends.sx,
      sourceY: ends.sy,
      sourcePosition: ends.sp,
      targetX: ends.tx,
      targetY: ends.ty,
      targetPosition: ends.tp,
      borderRadius: 10,
      offset: 24,
    });
  }
  const label = data.edge.label ?? "";
  // In a narrow gap the label wraps to the run's room instead of covering the cards (routes.ts
  // placed it with the same width); whole words only: its CSS min-width (min-content) keeps it
  // as wide as its widest word.
  const run = routed ? horizontalRunAt(route!, { x: lx, y: ly }) : null;
  const room = run === null ? undefined : `min(var(--e-label-width), ${labelRoom(run)}px)`;
  const cls = ["aws-edge", data.supported ? "" : "unsupported", selected ? "selected" : ""].join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={16} data-routed={routed ? "" : undefined} />
      <EdgeLabel>
        {/* "marked": it has a badge, which stays (as a dot) when zoomed out; the others go. */}
        <div className={findings?.length || commented ? "edge-label-anchor marked" : "edge-label-anchor"} style={{ left: lx, top: ly }}>
          <div
            className={`edge-label nodrag nopan ${label ? "has-label" : "placeholder"} ${selected ? "selected" : ""} ${data.supported ? "" : "unsupported"}`}
            data-testid="edge-label"
            data-edge-id={id}
            style={room ? { maxWidth: room } : undefined}
            onClick={() => !editing && selectEdge(store, id, !!selected)}
            onDoubleClick={(e) => {
              if (readOnly) return;
              e.stopPropagation();
              setEditing(true);
            }}
            title={data.supported ? data.feature || undefined : data.reason}
            data-feature={data.feature || undefined}
          >
            {!data.supported && (
              <span className="edge-warn" aria-label={i18next.t("edge.unsupported", { reason: data.reason ?? "" })}>
                ⚠
              </span>
            )}
            {editing ? (
              <LabelEditor
                initial={label}
                placeholder={data.verb}
                onDone={(value) => {
                  setEditing(false);
                  if (value !== null && value !== label) editorStore.getState().dispatch([{ op: "update_edge", id, set: { label: value } }]);
                }}
              />
            ) : (
              (label || data.verb) && <span className="edge-text">{label || data.verb}</span>
            )}
            <FindingBadge findings={findings} />
            <CommentBadge edgeId={id} />
          </div>
        </div>
      </EdgeLabel>
    </>
  );
});

import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useInternalNode, type EdgeProps } from "@xyflow/react";
import { memo, useState } from "react";
import type { FlowEdge } from "../document/flow";
import { FindingBadge } from "../nodes/FindingBadge";
import { LabelEditor } from "../nodes/LabelEditor";
import { CommentBadge } from "../review/CommentBadge";
import { useEditor } from "../store/useEditor";
import { floatingEnds } from "./floating";

function box(n: ReturnType<typeof useInternalNode>) {
  if (!n) return null;
  return {
    x: n.internals.positionAbsolute.x,
    y: n.internals.positionAbsolute.y,
    w: n.measured?.width ?? n.width ?? 0,
    h: n.measured?.height ?? n.height ?? 0,
  };
}

/**
 * An edge between the facing sides of its nodes, with its label (the catalog's verb as a
 * placeholder), a dashed red stroke when AWS does not support the connection, and badges.
 */
export const AwsEdge = memo(function AwsEdge({ id, source, target, data, selected, markerEnd }: EdgeProps<FlowEdge>) {
  const s = box(useInternalNode(source));
  const t = box(useInternalNode(target));
  const findings = useEditor((st) => st.findingsByEdge.get(id));
  const readOnly = useEditor((st) => st.readOnly);
  const dispatch = useEditor((st) => st.dispatch);
  const [editing, setEditing] = useState(false);
  if (!s || !t || !data) return null;
  const ends = floatingEnds(s, t);
  const [path, lx, ly] = getSmoothStepPath({
    sourceX: ends.sx,
    sourceY: ends.sy,
    sourcePosition: ends.sp,
    targetX: ends.tx,
    targetY: ends.ty,
    targetPosition: ends.tp,
    borderRadius: 10,
    offset: 24,
  });
  const label = data.edge.label ?? "";
  const cls = ["aws-edge", data.supported ? "" : "unsupported", selected ? "selected" : ""].join(" ");
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={cls} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label nodrag nopan ${label ? "has-label" : "placeholder"} ${selected ? "selected" : ""} ${data.supported ? "" : "unsupported"}`}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
          data-testid="edge-label"
          data-edge-id={id}
          onDoubleClick={(e) => {
            if (readOnly) return;
            e.stopPropagation();
            setEditing(true);
          }}
          title={data.supported ? undefined : data.reason}
        >
          {!data.supported && (
            <span className="edge-warn" aria-label={`Not supported by AWS: ${data.reason ?? ""}`}>
              ⚠
            </span>
          )}
          {editing ? (
            <LabelEditor
              initial={label}
              placeholder={data.verb}
              onDone={(value) => {
                setEditing(false);
                if (value !== null && value !== label) dispatch([{ op: "update_edge", id, set: { label: value } }]);
              }}
            />
          ) : (
            (label || data.verb) && <span className="edge-text">{label || data.verb}</span>
          )}
          <FindingBadge findings={findings} />
          <CommentBadge edgeId={id} />
        </div>
      </EdgeLabelRenderer>
    </>
  );
});

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo, useState } from "react";
import { useCanvasEnv } from "../canvas/CanvasContext";
import type { FlowNode } from "../document/flow";
import { CommentBadge } from "../review/CommentBadge";
import { editorStore, useEditor } from "../store/useEditor";
import { FindingBadge } from "./FindingBadge";
import { LabelEditor } from "./LabelEditor";

const SIDES = [
  [Position.Top, "t"],
  [Position.Right, "r"],
  [Position.Bottom, "b"],
  [Position.Left, "l"],
] as const;

/** An AWS component: icon, label, a handle on each side, and its findings badge. */
export const ComponentNode = memo(function ComponentNode({ id, data, selected }: NodeProps<FlowNode>) {
  const node = data.node;
  // One store subscription per node (its findings): the rest comes by context.
  const { catalog, readOnly } = useCanvasEnv();
  const spec = catalog?.get(node.type);
  const icon = catalog?.iconFor(node) ?? "";
  const findings = useEditor((s) => s.findingsByNode.get(id));
  const [editing, setEditing] = useState(false);
  const typeLabel = spec?.label ?? node.type;
  const label = node.label || typeLabel;

  return (
    <div
      className={selected ? "aws-node nopan selected" : "aws-node nopan"}
      data-testid="node"
      data-node-id={id}
      data-type={node.type}
      title={`${label} (${typeLabel})`}
      onDoubleClick={(e) => {
        if (readOnly) return;
        e.stopPropagation();
        setEditing(true);
      }}
    >
      {SIDES.map(([pos, handleId]) => (
        <Handle key={handleId} id={handleId} type="source" position={pos} className="aws-handle" isConnectable={!readOnly} />
      ))}
      {/* The whole node is a drop target while a connection is drawn (CSS enables it then). */}
      <Handle id="body" type="source" position={Position.Top} className="body-handle" isConnectableStart={false} isConnectable={!readOnly} />
      <img className="aws-node-icon" src={icon} alt="" draggable={false} />
      {editing ? (
        <LabelEditor
          initial={node.label ?? ""}
          placeholder={typeLabel}
          multiline
          onDone={(value) => {
            setEditing(false);
            if (value !== null && value !== (node.label ?? "")) editorStore.getState().dispatch([{ op: "update_node", id, set: { label: value } }]);
          }}
        />
      ) : (
        <div className="aws-node-label" data-testid="node-label">
          {label}
        </div>
      )}
      <FindingBadge findings={findings} className="node-badge" />
      <CommentBadge nodeId={id} />
    </div>
  );
});

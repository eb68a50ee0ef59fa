import { Handle, NodeResizer, Position, type NodeProps } from "@xyflow/react";
import { memo, useState } from "react";
import { useMemo } from "react";
import { propValue } from "../document/catalog";
import { containerKind, darkTitle, frameVariables } from "../document/style";
import { useTheme } from "../theme";
import { useCanvasEnv } from "../canvas/CanvasContext";
import type { FlowNode } from "../document/flow";
import { CommentBadge } from "../review/CommentBadge";
import { editorStore, useEditor } from "../store/useEditor";
import { FindingBadge } from "./FindingBadge";
import { LabelEditor } from "./LabelEditor";

/**
 * A container (region, VPC, subnet): a titled, resizable frame. Its children are React Flow
 * child nodes, so they move with it. It has a hidden, non-connectable handle only so that
 * edges touching it (which the rules flag) can still be drawn.
 */
export const ContainerNode = memo(function ContainerNode({ id, data, selected }: NodeProps<FlowNode>) {
  const node = data.node;
  const { catalog, readOnly } = useCanvasEnv();
  const spec = catalog?.get(node.type);
  const icon = catalog?.iconFor(node) ?? "";
  const region = useEditor((s) => s.doc.region);
  const findings = useEditor((s) => s.findingsByNode.get(id));
  const [editing, setEditing] = useState(false);
  // Resize handles show on a selected container and on one under the pointer (to be found).
  const [hover, setHover] = useState(false);
  const typeLabel = spec?.label ?? node.type;
  // A short summary from the container's text props (region code, CIDR, AZ...), catalog-driven.
  const summary = (spec?.props ?? [])
    .filter((p) => p.kind === "string" || p.kind === "choice")
    .map((p) => propValue(spec!, node, p.name, { region }))
    .filter((v): v is string => typeof v === "string" && v !== "")
    .join(" · ");
  const variant = spec?.icon_by_prop ? String(propValue(spec, node, spec.icon_by_prop.prop) ?? "") : "";
  const visibility = spec?.props.some((p) => p.name === "visibility") ? propValue(spec, node, "visibility") : undefined;
  // The frame's colours and tag: the catalog's style for this kind, the renderer's too.
  const kind = catalog ? containerKind(catalog.style, node, visibility) : null;
  const dark = useTheme() === "dark";
  const title = dark && catalog ? darkTitle(catalog.style, node, visibility) : undefined;
  const frame = useMemo(() => (kind ? frameVariables(kind, title) : undefined), [kind, title]);

  return (
    <div
      className={selected ? "aws-container selected" : "aws-container"}
      data-testid="container"
      data-node-id={id}
      data-type={node.type}
      data-variant={variant}
      style={frame}
      onMouseEnter={readOnly ? undefined : () => setHover(true)}
      onMouseLeave={readOnly ? undefined : () => setHover(false)}
    >
      <NodeResizer
        isVisible={(selected || hover) && !readOnly}
        minWidth={catalog?.style.container.min_w}
        minHeight={catalog?.style.container.min_h}
        color="var(--accent)"
      />
      <Handle id="c" type="source" position={Position.Top} className="container-handle" isConnectableStart={false} isConnectableEnd={false} />
      <div
        className="aws-container-head"
        onDoubleClick={(e) => {
          if (readOnly) return;
          e.stopPropagation();
          setEditing(true);
        }}
      >
        <img src={icon} alt="" width={24} height={24} draggable={false} />
        {editing ? (
          <LabelEditor
            initial={node.label ?? ""}
            placeholder={typeLabel}
            onDone={(value) => {
              setEditing(false);
              if (value !== null && value !== (node.label ?? "")) editorStore.getState().dispatch([{ op: "update_node", id, set: { label: value } }]);
            }}
          />
        ) : (
          <span
            className="aws-container-label"
            data-testid="node-label"
            // A long title wraps onto a second line (the export's picture.py wraps it the same way).
            style={catalog ? { lineHeight: `${catalog.style.container.title_line_px}px`, WebkitLineClamp: catalog.style.container.title_max_lines } : undefined}
          >
            {node.label || typeLabel}
          </span>
        )}
        {kind?.tag && (
          <span className="aws-container-tag" data-testid="container-tag">
            {kind.tag}
          </span>
        )}
        <span className="aws-container-meta">
          {node.label ? typeLabel : ""}
          {node.label && summary ? " · " : ""}
          {summary}
        </span>
        <FindingBadge findings={findings} />
        <CommentBadge nodeId={id} />
      </div>
    </div>
  );
});

import { getStraightPath, type ConnectionLineComponentProps } from "@xyflow/react";
import { useLayoutEffect } from "react";
import { checkNodes, connectionFeature } from "../document/catalog";
import type { FlowNode } from "../document/flow";
import { editorStore, useEditor } from "../store/useEditor";
import { i18next } from "../i18n";

/**
 * The line drawn while connecting: green with the AWS feature the pair stands for over a node
 * AWS lets this one talk to (the source's props decide, as on the server), red with the reason
 * over one it does not (drawn anyway and flagged, unless
 * strict mode refuses it).
 */
export function ConnectionLine({ fromNode, toNode, fromX, fromY, toX, toY }: ConnectionLineComponentProps<FlowNode>) {
  const catalog = useEditor((s) => s.catalog);
  const [path] = getStraightPath({ sourceX: fromX, sourceY: fromY, targetX: toX, targetY: toY });
  let state = "pending";
  let text = "";
  if (catalog && toNode && toNode.id !== fromNode.id) {
    const from = fromNode.data.node;
    const to = toNode.data.node;
    const check = checkNodes(catalog, from, to, editorStore.getState().doc);
    state = check.ok ? "ok" : "bad";
    // What the pair stands for in AWS ("S3 bucket → Lambda function: event notification").
    text = check.ok ? (connectionFeature(catalog, from.type, to.type) ?? check.connection!.label) : i18next.t("edge.notSupported", { reason: check.reason });
  }
  // The target under the pointer glows in the same colour as the line and its hint
  // (styles.css: `.canvas-wrap[data-connection-state=bad] .connectingto`).
  useLayoutEffect(() => {
    const wrap = document.querySelector(".canvas-wrap");
    wrap?.setAttribute("data-connection-state", state);
    return () => wrap?.removeAttribute("data-connection-state");
  }, [state]);
  return (
    <g className={`connection-line ${state}`} data-testid="connection-line" data-state={state}>
      <path d={path} fill="none" />
      <circle cx={toX} cy={toY} r={4} />
      {text && (
        <foreignObject x={toX + 12} y={toY + 8} width={260} height={80} style={{ overflow: "visible" }}>
          <div className={`connection-hint ${state}`}>{text}</div>
        </foreignObject>
      )}
    </g>
  );
}

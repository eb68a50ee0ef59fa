/**
 * "What changed since the last review" (pure): the server's id lists -> what to highlight on
 * the canvas (a stylesheet keyed by React Flow's `data-id`, so the nodes themselves stay
 * untouched) and the list shown in the Changes panel.
 */
import type { Changes } from "../api/sharing";
import type { Document } from "../document/types";

export type ChangeStatus = "added" | "changed" | "removed";

export interface ChangeItem {
  kind: "node" | "edge";
  id: string;
  status: ChangeStatus;
  /** What a person calls it: the label, or the edge's ends; for removed items, the id. */
  label: string;
  /** Removed items are no longer on the canvas. */
  onCanvas: boolean;
}

export function changeCount(changes: Changes | null | undefined): number {
  if (!changes) return 0;
  const n = changes.nodes;
  const e = changes.edges;
  return n.added.length + n.changed.length + n.removed.length + e.added.length + e.changed.length + e.removed.length;
}

/** Every change, nodes first, in the order added, changed, removed. */
export function changeList(changes: Changes, doc: Document, typeLabel: (type: string) => string = (t) => t): ChangeItem[] {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const nodeName = (id: string) => {
    const n = nodes.get(id);
    return n ? n.label || typeLabel(n.type) : id;
  };
  const edges = new Map(doc.edges.map((e) => [e.id, e]));
  const edgeName = (id: string) => {
    const e = edges.get(id);
    if (!e) return id;
    const ends = `${nodeName(e.source)} → ${nodeName(e.target)}`;
    return e.label ? `${e.label} (${ends})` : ends;
  };
  const out: ChangeItem[] = [];
  for (const [kind, ids, name] of [
    ["node", changes.nodes, nodeName],
    ["edge", changes.edges, edgeName],
  ] as const) {
    for (const status of ["added", "changed", "removed"] as const) {
      for (const id of ids[status]) {
        out.push({ kind, id, status, label: status === "removed" ? id : name(id), onCanvas: status !== "removed" });
      }
    }
  }
  return out;
}

/** A CSS string literal for an attribute selector (ids are [A-Za-z0-9_.-], but be safe anyway). */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, " ")}"`;
}

/**
 * Rules that outline added (green) and changed (amber) nodes and edges with a small tag.
 * The look (colors, tag) is in review.css under the `change-*` variables.
 */
export function highlightCss(changes: Changes | null | undefined): string {
  if (!changes) return "";
  const rules: string[] = [];
  for (const status of ["added", "changed"] as const) {
    const tag = status === "added" ? "new" : "changed";
    const color = `var(--change-${status})`;
    for (const id of changes.nodes[status]) {
      const sel = `.react-flow__node[data-id=${cssString(id)}]`;
      rules.push(`${sel}{outline:3px solid ${color};outline-offset:3px;border-radius:10px}`);
      rules.push(`${sel}::after{content:"${tag}";background:${color}}`);
    }
    for (const id of changes.edges[status]) {
      rules.push(`.react-flow__edge[data-id=${cssString(id)}] .react-flow__edge-path{stroke:${color};stroke-width:3}`);
      rules.push(`.edge-label[data-edge-id=${cssString(id)}]{border-color:${color};box-shadow:0 0 0 1px ${color}}`);
      rules.push(`.edge-label[data-edge-id=${cssString(id)}]::after{content:"${tag}";background:${color}}`);
    }
  }
  return rules.join("\n");
}

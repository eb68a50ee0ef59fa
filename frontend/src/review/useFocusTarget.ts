import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { editorStore } from "../store/useEditor";
import type { Target } from "./threads";

/** Select what a comment (or a change) is about and bring it into view. */
export function useFocusTarget(): (t: Target) => void {
  const { fitView } = useReactFlow();
  return useCallback(
    (t: Target) => {
      const s = editorStore.getState();
      let ids: string[] = [];
      if (t.kind === "node" && t.id) {
        s.select([t.id]);
        ids = [t.id];
      } else if (t.kind === "edge" && t.id) {
        const e = s.doc.edges.find((x) => x.id === t.id);
        s.select([], [t.id]);
        if (e) ids = [e.source, e.target];
      } else if (t.kind === "finding" && t.id) {
        const all = s.report?.findings ?? [];
        const f = (t.node && all.find((x) => x.rule === t.id && x.nodes.includes(t.node!))) || all.find((x) => x.rule === t.id);
        if (f) {
          s.select(f.nodes, f.edges);
          ids = [...f.nodes, ...s.doc.edges.filter((e) => f.edges.includes(e.id)).flatMap((e) => [e.source, e.target])];
        }
      }
      const known = new Set(s.doc.nodes.map((n) => n.id));
      ids = ids.filter((id) => known.has(id));
      if (ids.length) void fitView({ nodes: ids.map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.5 });
    },
    [fitView],
  );
}

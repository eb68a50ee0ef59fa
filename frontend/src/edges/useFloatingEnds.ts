import { useStore, type ReactFlowState } from "@xyflow/react";
import { useCallback, useRef } from "react";
import { floatingEnds, type Box, type Ends } from "./floating";

/** The two boxes (absolute, as React Flow has them now: ahead of the document while dragging) and the facing ends. */
export interface EdgeGeometry {
  ends: Ends;
  s: Box;
  t: Box;
}

/**
 * The ends of a floating edge from its two nodes' boxes, in one React Flow store subscription
 * (not two `useInternalNode`s). The selector runs for every edge on every store change (each
 * frame of a drag), so it allocates nothing unless one of the two boxes moved.
 */
export function useFloatingEnds(source: string, target: string): EdgeGeometry | null {
  const last = useRef<{ key: Float64Array; ends: EdgeGeometry | null }>({ key: new Float64Array(8).fill(NaN), ends: null });
  const selector = useCallback(
    (s: ReactFlowState) => {
      const a = s.nodeLookup.get(source);
      const b = s.nodeLookup.get(target);
      if (!a || !b) return null;
      const k = last.current.key;
      const ax = a.internals.positionAbsolute.x;
      const ay = a.internals.positionAbsolute.y;
      const aw = a.measured?.width ?? a.width ?? 0;
      const ah = a.measured?.height ?? a.height ?? 0;
      const bx = b.internals.positionAbsolute.x;
      const by = b.internals.positionAbsolute.y;
      const bw = b.measured?.width ?? b.width ?? 0;
      const bh = b.measured?.height ?? b.height ?? 0;
      if (
        last.current.ends &&
        k[0] === ax && k[1] === ay && k[2] === aw && k[3] === ah &&
        k[4] === bx && k[5] === by && k[6] === bw && k[7] === bh
      ) {
        return last.current.ends;
      }
      k[0] = ax; k[1] = ay; k[2] = aw; k[3] = ah; k[4] = bx; k[5] = by; k[6] = bw; k[7] = bh;
      const sb = { x: ax, y: ay, w: aw, h: ah };
      const tb = { x: bx, y: by, w: bw, h: bh };
      last.current.ends = { ends: floatingEnds(sb, tb), s: sb, t: tb };
      return last.current.ends;
    },
    [source, target],
  );
  return useStore(selector);
}

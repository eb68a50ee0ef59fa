/** Edge geometry between two node boxes: leave and enter on the sides facing each other. */
import { Position } from "@xyflow/react";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Ends {
  sx: number;
  sy: number;
  sp: Position;
  tx: number;
  ty: number;
  tp: Position;
}

export function floatingEnds(s: Box, t: Box): Ends {
  const sc = { x: s.x + s.w / 2, y: s.y + s.h / 2 };
  const tc = { x: t.x + t.w / 2, y: t.y + t.h / 2 };
  const dx = tc.x - sc.x;
  const dy = tc.y - sc.y;
  // Compare in units of the boxes' half-sizes so wide containers prefer vertical exits sensibly.
  const horizontal = Math.abs(dx) / ((s.w + t.w) / 2 || 1) >= Math.abs(dy) / ((s.h + t.h) / 2 || 1);
  if (horizontal) {
    const right = dx >= 0;
    return {
      sx: right ? s.x + s.w : s.x,
      sy: sc.y,
      sp: right ? Position.Right : Position.Left,
      tx: right ? t.x : t.x + t.w,
      ty: tc.y,
      tp: right ? Position.Left : Position.Right,
    };
  }
  const down = dy >= 0;
  return {
    sx: sc.x,
    sy: down ? s.y + s.h : s.y,
    sp: down ? Position.Bottom : Position.Top,
    tx: tc.x,
    ty: down ? t.y : t.y + t.h,
    tp: down ? Position.Top : Position.Bottom,
  };
}

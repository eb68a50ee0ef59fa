/**
 * The diagram's one geometry and style, served as `style` by GET /api/catalog/
 * (builder/catalog/style.py). The renderer draws exports with the same numbers, so the
 * canvas reads them too: sizes here (geometry.ts), colours and metrics as CSS custom
 * properties on the canvas (`styleVariables`, read by styles.css). Nothing here has a
 * value of its own.
 */
import type { DocNode } from "./types";

export interface ComponentStyle {
  w: number;
  h: number;
  icon_px: number;
  icon_top: number;
  label_px: number;
  label_weight: number;
  label_line_px: number;
  label_top: number;
  label_max_lines: number;
  label_max_width_px: number;
  radius: number;
  border: string;
  fill: string;
  text: string;
}

export interface ContainerStyle {
  title_h: number;
  title_px: number;
  title_weight: number;
  meta_px: number;
  icon_px: number;
  icon_pad: number;
  tag_px: number;
  border_px: number;
  radius: number;
  padding: number;
  min_w: number;
  min_h: number;
  default_w: number;
  default_h: number;
  text: string;
  meta_text: string;
}

export interface ContainerKind {
  stroke: string;
  fill: string;
  text: string;
  dash: boolean;
  tag: string | null;
}

export interface EdgeStyle {
  stroke: string;
  width: number;
  unsupported: string;
  label_px: number;
  label_bg: string;
  label_border: string;
  label_text: string;
  label_auto_text: string;
  label_auto_bg: string;
  label_max_width_px: number;
  label_line_px: number;
  label_pad_x: number;
  label_pad_y: number;
  label_radius: number;
}

export interface DiagramStyle {
  font_family: string;
  text: string;
  background: string;
  min_text_px: number;
  component: ComponentStyle;
  container: ContainerStyle;
  containers: Record<string, ContainerKind>;
  container_default: ContainerKind;
  edge: EdgeStyle;
}

/** A container's colours: subnets by their `visibility` (private unless public), as the renderer does. */
export function containerKind(style: DiagramStyle, node: Pick<DocNode, "type" | "props">, visibility?: unknown): ContainerKind {
  let key = node.type;
  if (key === "aws.subnet") key = (visibility ?? node.props?.visibility) === "public" ? "aws.subnet.public" : "aws.subnet.private";
  return style.containers[key] ?? style.container_default;
}

/** CSS custom properties for the canvas root (styles.css reads them; px for lengths). */
export function styleVariables(style: DiagramStyle): Record<string, string> {
  const c = style.component;
  const k = style.container;
  const e = style.edge;
  const px = (v: number) => `${v}px`;
  return {
    "--d-font": style.font_family,
    "--d-text": style.text,
    "--c-w": px(c.w),
    "--c-h": px(c.h),
    "--c-icon": px(c.icon_px),
    "--c-icon-top": px(c.icon_top),
    "--c-label-px": px(c.label_px),
    "--c-label-weight": String(c.label_weight),
    "--c-label-line": px(c.label_line_px),
    "--c-label-gap": px(c.label_top - c.icon_top - c.icon_px),
    "--c-label-lines": String(c.label_max_lines),
    "--c-label-width": px(c.label_max_width_px),
    "--c-radius": px(c.radius),
    "--c-border": c.border,
    "--c-fill": c.fill,
    "--c-text": c.text,
    "--k-title-h": px(k.title_h),
    "--k-title-px": px(k.title_px),
    "--k-title-weight": String(k.title_weight),
    "--k-meta-px": px(k.meta_px),
    "--k-icon": px(k.icon_px),
    "--k-icon-pad": px(k.icon_pad),
    "--k-tag-px": px(k.tag_px),
    "--k-border": px(k.border_px),
    "--k-radius": px(k.radius),
    "--k-text": k.text,
    "--k-meta-text": k.meta_text,
    "--e-stroke": e.stroke,
    "--e-width": String(e.width),
    "--e-unsupported": e.unsupported,
    "--e-label-px": px(e.label_px),
    "--e-label-bg": e.label_bg,
    "--e-label-border": e.label_border,
    "--e-label-text": e.label_text,
    "--e-label-auto-text": e.label_auto_text,
    "--e-label-auto-bg": e.label_auto_bg,
    "--e-label-width": px(e.label_max_width_px),
    "--e-label-line": px(e.label_line_px),
    "--e-label-pad": `${px(e.label_pad_y)} ${px(e.label_pad_x)}`,
    "--e-label-radius": px(e.label_radius),
  };
}

/** The frame variables of one container (inline on the node: the kind depends on its props). */
export function frameVariables(kind: ContainerKind): Record<string, string> {
  return { "--frame": kind.stroke, "--frame-bg": kind.fill, "--frame-text": kind.text, "--frame-dash": kind.dash ? "dashed" : "solid" };
}

/** The lowest zoom at which a component's label is still `min_text_px` tall on screen. */
export function readableZoom(style: DiagramStyle): number {
  return style.min_text_px / style.component.label_px;
}

/**
 * A diagram that fits the view at this zoom or more is shown whole (on open and by "Fit view"):
 * a starter of a dozen components fitted at 60 % reads better than three quarters of it at 75 %.
 * Below it (hundreds of components), the view stays at the readable zoom.
 */
export const FIT_MIN_ZOOM = 0.5;

/** The lowest zoom "fit" goes to: the readable zoom, or lower down to FIT_MIN_ZOOM. */
export function fitZoomFloor(style: DiagramStyle): number {
  return Math.min(readableZoom(style), FIT_MIN_ZOOM);
}

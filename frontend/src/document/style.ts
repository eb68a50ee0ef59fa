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
  title_line_px: number;
  title_max_lines: number;
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

/** How both edge routers price a route (builder/catalog/style.py RouteStyle). */
export interface RouteStyle {
  clearance: number;
  bend: number;
  soft: number;
  border_band: number;
  window: number;
  window_growth: number;
  window_tries: number;
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
  route: RouteStyle;
  /** The editor's dark theme (absent from older catalogs: the light colours stay). */
  dark?: DarkPalette;
}

/** The colours that change on a dark canvas (builder/catalog/style.py DarkPalette). */
export interface DarkPalette {
  background: string;
  text: string;
  component_fill: string;
  component_border: string;
  component_text: string;
  icon_backdrop: string;
  container_text: string;
  container_meta_text: string;
  container_titles: Record<string, string>;
  edge_stroke: string;
  edge_unsupported: string;
  edge_label_bg: string;
  edge_label_border: string;
  edge_label_text: string;
  edge_label_auto_text: string;
  edge_label_auto_bg: string;
}

/** A container's colours: subnets by their `visibility` (private unless public), as the renderer does. */
export function containerKind(style: DiagramStyle, node: Pick<DocNode, "type" | "props">, visibility?: unknown): ContainerKind {
  return style.containers[containerKey(node, visibility)] ?? style.container_default;
}

/** The key of a container's colours in `style.containers` (subnets by visibility). */
export function containerKey(node: Pick<DocNode, "type" | "props">, visibility?: unknown): string {
  if (node.type !== "aws.subnet") return node.type;
  return (visibility ?? node.props?.visibility) === "public" ? "aws.subnet.public" : "aws.subnet.private";
}

/** A container's title colour on the dark canvas (null in the light theme). */
export function darkTitle(style: DiagramStyle, node: Pick<DocNode, "type" | "props">, visibility?: unknown): string | undefined {
  const titles = style.dark?.container_titles;
  return titles ? (titles[containerKey(node, visibility)] ?? titles.default) : undefined;
}

/** CSS custom properties for the canvas root (styles.css reads them; px for lengths). */
export function styleVariables(style: DiagramStyle, dark = false): Record<string, string> {
  const light = lightVariables(style);
  const d = dark ? style.dark : undefined;
  if (!d) return light;
  return {
    ...light,
    "--d-text": d.text,
    "--d-background": d.background,
    "--c-border": d.component_border,
    "--c-fill": d.component_fill,
    "--c-text": d.component_text,
    "--c-icon-backdrop": d.icon_backdrop,
    "--k-text": d.container_text,
    "--k-meta-text": d.container_meta_text,
    "--e-stroke": d.edge_stroke,
    "--e-unsupported": d.edge_unsupported,
    "--e-label-bg": d.edge_label_bg,
    "--e-label-border": d.edge_label_border,
    "--e-label-text": d.edge_label_text,
    "--e-label-auto-text": d.edge_label_auto_text,
    "--e-label-auto-bg": d.edge_label_auto_bg,
  };
}

function lightVariables(style: DiagramStyle): Record<string, string> {
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
export function frameVariables(kind: ContainerKind, darkTitle?: string): Record<string, string> {
  return {
    "--frame": kind.stroke,
    "--frame-bg": kind.fill,
    "--frame-text": darkTitle ?? kind.text,
    "--frame-dash": kind.dash ? "dashed" : "solid",
  };
}

/** The lowest zoom at which a component's label is still `min_text_px` tall on screen. */
export function readableZoom(style: DiagramStyle): number {
  return style.min_text_px / style.component.label_px;
}

/**
 * A diagram that fits the view at this zoom or more opens whole: a starter of a dozen
 * components fitted at 60 % reads better than three quarters of it at 75 %. Below it (hundreds
 * of components), it opens at the readable zoom. "Fit view" keeps the readable zoom as its floor.
 */
export const FIT_MIN_ZOOM = 0.5;

/** The lowest zoom a diagram opens fitted at: the readable zoom, or lower down to FIT_MIN_ZOOM. */
export function fitZoomFloor(style: DiagramStyle): number {
  return Math.min(readableZoom(style), FIT_MIN_ZOOM);
}

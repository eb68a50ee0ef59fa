/** The architecture document, schema 1 (see shared/CONTRACT.md §1 and builder/document.py). */

export interface XY {
  x: number;
  y: number;
}

export interface Size {
  w: number;
  h: number;
}

export type PropValue = string | number | boolean | null | string[] | Record<string, string>;

export interface DocNode {
  id: string;
  type: string;
  label?: string;
  parent?: string | null;
  position?: XY;
  size?: Size;
  props?: Record<string, PropValue>;
}

export interface DocEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  source_handle?: string | null;
  target_handle?: string | null;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Document {
  schema: 1;
  name?: string;
  region?: string;
  nodes: DocNode[];
  edges: DocEdge[];
  viewport?: Viewport;
  /** The template the diagram was imported from (kept so that export gives it back; see docs/contract-extensions.md). */
  iac?: IacSource;
}

export interface IacSource {
  format: "sam" | "cloudformation";
  syntax: "yaml" | "json";
  file?: string;
  template: string;
  resources: Record<string, { logical_id: string | null; line: number | null }>;
}

export const DEFAULT_REGION = "us-east-1";
export const MAX_LABEL = 200;
export const MAX_NODES = 2000;
export const MAX_EDGES = 4000;
export const ID_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export function emptyDocument(name = "Untitled diagram"): Document {
  return { schema: 1, name, region: DEFAULT_REGION, nodes: [], edges: [] };
}

/** Fill the optional keys the editor relies on, without adding props (missing props take defaults). */
export function normalizeDocument(raw: Document): Document {
  return {
    schema: 1,
    name: raw.name ?? "Untitled diagram",
    region: raw.region ?? DEFAULT_REGION,
    nodes: (raw.nodes ?? []).map((n) => ({
      ...n,
      label: n.label ?? "",
      parent: n.parent ?? null,
      position: n.position ?? { x: 0, y: 0 },
      props: n.props ?? {},
    })),
    edges: (raw.edges ?? []).map((e) => ({ ...e, label: e.label ?? "" })),
    ...(raw.viewport ? { viewport: raw.viewport } : {}),
    ...(raw.iac ? { iac: raw.iac } : {}),
  };
}

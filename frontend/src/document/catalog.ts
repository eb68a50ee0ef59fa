/**
 * The component catalog as served by GET /api/catalog/ (builder/catalog `type_json`), and the
 * questions the editor asks it. The editor never lists AWS services itself: all of it is here.
 */
import type { DiagramStyle } from "./style";
import type { DocNode, Document, PropValue } from "./types";

export type PropKind = "integer" | "number" | "string" | "boolean" | "choice" | "string_list" | "string_map";

export interface PropSpec {
  name: string;
  kind: PropKind;
  label: string;
  help: string;
  unit: string | null;
  default: PropValue;
  default_from_document: boolean;
  choices: string[];
  nullable: boolean;
  aws_min: number | null;
  aws_max: number | null;
  max_length: number;
  max_items: number;
}

export interface ConnectionSpec {
  type: string;
  kind: string;
  label: string;
}

export interface TypeSpec {
  type: string;
  label: string;
  category: string;
  description: string;
  container: boolean;
  global_service: boolean;
  parents: (string | null)[];
  icon: string;
  icon_by_prop: { prop: string; icons: Record<string, string> } | null;
  props: PropSpec[];
  connects_to: ConnectionSpec[];
  default_size: [number, number] | null;
  aws_docs: string;
}

export interface CatalogJson {
  schema: number;
  categories: { key: string; label: string }[];
  types: TypeSpec[];
  /** The one geometry and style (builder/catalog/style.py), shared with the renderer. */
  style: DiagramStyle;
}

/** The catalog with lookups built once. */
export class Catalog {
  readonly categories: { key: string; label: string }[];
  readonly types: TypeSpec[];
  readonly style: DiagramStyle;
  private readonly byKey: Map<string, TypeSpec>;
  private readonly connections: Map<string, Map<string, ConnectionSpec>>;

  constructor(json: CatalogJson) {
    this.categories = json.categories;
    this.types = json.types;
    this.style = json.style;
    this.byKey = new Map(json.types.map((t) => [t.type, t]));
    this.connections = new Map(
      json.types.map((t) => [t.type, new Map(t.connects_to.map((c) => [c.type, c]))]),
    );
  }

  get(type: string): TypeSpec | undefined {
    return this.byKey.get(type);
  }

  isContainer(type: string): boolean {
    return this.byKey.get(type)?.container ?? false;
  }

  connection(sourceType: string, targetType: string): ConnectionSpec | undefined {
    return this.connections.get(sourceType)?.get(targetType);
  }

  /** Types of a category, in catalog order. */
  typesIn(category: string): TypeSpec[] {
    return this.types.filter((t) => t.category === category);
  }

  /** The icon for a node: a variant chosen by a prop when the catalog says so. */
  iconFor(node: Pick<DocNode, "type" | "props">): string {
    const spec = this.byKey.get(node.type);
    if (!spec) return "";
    if (spec.icon_by_prop) {
      const value = propValue(spec, node, spec.icon_by_prop.prop);
      const icon = typeof value === "string" ? spec.icon_by_prop.icons[value] : undefined;
      if (icon) return icon;
    }
    return spec.icon;
  }
}

/** A prop's effective value: the node's own or the catalog default (the document's for `$document`). */
export function propValue(
  spec: TypeSpec,
  node: Pick<DocNode, "props">,
  name: string,
  doc?: Pick<Document, "region">,
): PropValue | undefined {
  const own = node.props?.[name];
  if (own !== undefined) return own;
  const p = spec.props.find((x) => x.name === name);
  if (!p) return undefined;
  if (p.default_from_document) return doc?.region ?? "us-east-1";
  return p.default;
}

export interface ConnectionCheck {
  ok: boolean;
  /** Catalog connection (kind, verb) when AWS supports it. */
  connection?: ConnectionSpec;
  /** Why AWS does not support it, for the user. */
  reason?: string;
}

/** Does AWS support an edge from a node of `sourceType` to one of `targetType`? */
export function checkConnection(catalog: Catalog, sourceType: string, targetType: string): ConnectionCheck {
  const source = catalog.get(sourceType);
  const target = catalog.get(targetType);
  if (!source || !target) return { ok: false, reason: "Unknown component type." };
  if (source.container || target.container) {
    const which = source.container ? source.label : target.label;
    return {
      ok: false,
      reason: `${which} is a container: draw edges between the components inside it, not to the container.`,
    };
  }
  const connection = catalog.connection(sourceType, targetType);
  if (connection) return { ok: true, connection };
  const reverse = catalog.connection(targetType, sourceType);
  if (reverse) {
    return {
      ok: false,
      reason: `AWS supports ${target.label} ${reverse.label} ${source.label}, not this direction: draw the edge the other way.`,
    };
  }
  return { ok: false, reason: `${source.label} cannot connect to ${target.label} in AWS.` };
}

export interface RangeMessage {
  level: "error" | "warning";
  text: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** An inline message for a number prop outside AWS's limits (the rules report it too). */
export function rangeMessage(spec: PropSpec, value: PropValue | undefined): RangeMessage | null {
  if (typeof value !== "number") return null;
  const unit = spec.unit ? ` ${spec.unit}` : "";
  if (spec.kind === "integer" && !Number.isInteger(value)) {
    return { level: "error", text: "Must be a whole number." };
  }
  if (spec.aws_min !== null && value < spec.aws_min) {
    return spec.aws_max !== null
      ? { level: "error", text: `AWS allows ${fmt(spec.aws_min)} to ${fmt(spec.aws_max)}${unit}.` }
      : { level: "error", text: `AWS needs at least ${fmt(spec.aws_min)}${unit}.` };
  }
  if (spec.aws_max !== null && value > spec.aws_max) {
    return spec.aws_min !== null
      ? { level: "error", text: `AWS allows ${fmt(spec.aws_min)} to ${fmt(spec.aws_max)}${unit}.` }
      : { level: "error", text: `AWS allows at most ${fmt(spec.aws_max)}${unit}.` };
  }
  return null;
}

/** A short id prefix from a type key: "lambda.function" -> "function", "aws.vpc" -> "vpc". */
export function idPrefix(type: string): string {
  const last = type.split(".").pop() ?? "node";
  return last.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 20) || "node";
}

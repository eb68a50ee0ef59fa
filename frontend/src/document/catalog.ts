/**
 * The component catalog as served by GET /api/catalog/ (builder/catalog `type_json`), and the
 * questions the editor asks it. The editor never lists AWS services itself: all of it is here.
 */
import type { DiagramStyle } from "./style";
import type { DocNode, Document, PropValue } from "./types";
import { i18next } from "../i18n";

export type PropKind = "integer" | "number" | "string" | "boolean" | "choice" | "string_list" | "string_map";

export type Severity = "error" | "warning" | "info";

/**
 * One of AWS's limits on a prop, with the rule that reports it on the server and that rule's
 * severity (builder/catalog/base.py `Limit`): the editor's inline message and the server's
 * finding come from this one entry.
 */
export interface LimitSpec {
  rule: string;
  severity: Severity;
  /** The limit in words, as the finding's message ends. */
  text: string;
  hint: string;
  min: number | null;
  max: number | null;
  integer: boolean;
  /** The limit holds only when another prop of the node has one of these values. */
  when: { prop: string; values: string[] } | null;
  /** What is compared: the number, the UTF-8 bytes of a map's keys and values, a list's length. */
  measure: "value" | "utf8_bytes" | "items";
  /** "region": the values of a region's nodes add up against it (the server checks the sum). */
  scope: "node" | "region";
}

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
  limits: LimitSpec[];
  max_length: number;
  max_items: number;
}

export interface ConnectionSpec {
  type: string;
  kind: string;
  label: string;
  /** The AWS feature the edge stands for ("event notification"). */
  feature: string;
  /** Allowed only when the source's prop has one of these values (a VPC endpoint's service). */
  source_props: { prop: string; values: string[] } | null;
}

export interface TypeSpec {
  type: string;
  label: string;
  category: string;
  description: string;
  container: boolean;
  global_service: boolean;
  parents: (string | null)[];
  /** Conditions on the parent: a NAT gateway's subnet must be public. */
  parent_props?: { parent: string; prop: string; values: string[] }[];
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

/**
 * The source's effective props that decide a connection from it to `targetType` (a VPC
 * endpoint's `service`), or undefined when the connection holds whatever they are.
 */
export function sourcePropsFor(
  catalog: Catalog,
  source: Pick<DocNode, "type" | "props">,
  targetType: string,
  doc?: Pick<Document, "region">,
): Record<string, PropValue | undefined> | undefined {
  const cond = catalog.connection(source.type, targetType)?.source_props;
  const spec = catalog.get(source.type);
  if (!cond || !spec) return undefined;
  return { [cond.prop]: propValue(spec, source, cond.prop, doc) };
}

/** checkConnection for two nodes of a document: the source's props decide the conditional connections. */
export function checkNodes(
  catalog: Catalog,
  source: Pick<DocNode, "type" | "props">,
  target: Pick<DocNode, "type">,
  doc?: Pick<Document, "region">,
): ConnectionCheck {
  return checkConnection(catalog, source.type, target.type, sourcePropsFor(catalog, source, target.type, doc));
}

export interface ConnectionCheck {
  ok: boolean;
  /** Catalog connection (kind, verb) when AWS supports it. */
  connection?: ConnectionSpec;
  /** Why AWS does not support it, for the user. */
  reason?: string;
}

/** "S3 bucket → Lambda function: event notification": what an allowed edge stands for in AWS. */
export function connectionFeature(catalog: Catalog, sourceType: string, targetType: string): string | null {
  const c = catalog.connection(sourceType, targetType);
  if (!c) return null;
  const label = (t: string) => catalog.get(t)?.label ?? t;
  return `${label(sourceType)} → ${label(targetType)}: ${c.feature}`;
}

/**
 * Does AWS support an edge from a node of `sourceType` to one of `targetType`? `sourceProps`
 * (the source node's effective props) decide the connections that hold only for some of them:
 * a VPC endpoint reaches only its own service, as the server's CONNECTION_UNSUPPORTED says.
 */
export function checkConnection(
  catalog: Catalog,
  sourceType: string,
  targetType: string,
  sourceProps?: Record<string, PropValue | undefined>,
): ConnectionCheck {
  const source = catalog.get(sourceType);
  const target = catalog.get(targetType);
  if (!source || !target) return { ok: false, reason: i18next.t("connection.unknownType") };
  if (source.container || target.container) {
    const which = source.container ? source.label : target.label;
    return {
      ok: false,
      reason: i18next.t("connection.container", { which }),
    };
  }
  const connection = catalog.connection(sourceType, targetType);
  if (connection?.source_props && sourceProps) {
    const { prop, values } = connection.source_props;
    if (!values.includes(String(sourceProps[prop]))) {
      return {
        ok: false,
        reason: i18next.t("connection.sourceProps", { source: source.label, prop, value: String(sourceProps[prop]), target: target.label, values: values.join(i18next.t("connection.or")) }),
      };
    }
  }
  if (connection) return { ok: true, connection };
  const reverse = catalog.connection(targetType, sourceType);
  if (reverse) {
    return {
      ok: false,
      reason: i18next.t("connection.reverse", { source: source.label, verb: reverse.label, target: target.label }),
    };
  }
  return { ok: false, reason: i18next.t("connection.none", { source: source.label, target: target.label }) };
}

export interface RangeMessage {
  level: Severity;
  text: string;
  /** The rule the server reports it under (the finding's ID). */
  rule?: string;
}

const utf8 = new TextEncoder();

/** What a limit compares for a value, or null when the value is not of its kind. */
function measure(limit: LimitSpec, value: PropValue | undefined): number | null {
  if (limit.measure === "utf8_bytes") {
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    return Object.entries(value).reduce((n, [k, v]) => n + utf8.encode(k).length + utf8.encode(String(v)).length, 0);
  }
  if (limit.measure === "items") return Array.isArray(value) ? value.length : null;
  return typeof value === "number" ? value : null;
}

function breaks(limit: LimitSpec, measured: number): boolean {
  if (limit.integer && !Number.isInteger(measured)) return true;
  return (limit.min !== null && measured < limit.min) || (limit.max !== null && measured > limit.max);
}

/**
 * The inline message for a prop value outside AWS's limits: the same severity and words as
 * the server's finding (catalog `limits`). `props` are the node's effective props, which
 * decide the limits that hold only for some nodes (a zip package, a viewer trigger); without
 * them, those limits are not checked. Several broken limits show the most severe first.
 */
export function rangeMessage(
  spec: PropSpec,
  value: PropValue | undefined,
  props?: Record<string, PropValue | undefined>,
): RangeMessage | null {
  if (spec.kind === "integer" && typeof value === "number" && !Number.isInteger(value)) {
    return { level: "error", text: i18next.t("prop.mustBeInteger") };
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  let found: RangeMessage | null = null;
  for (const limit of spec.limits ?? []) {
    if (limit.when && (!props || !limit.when.values.includes(String(props[limit.when.prop])))) continue;
    const measured = measure(limit, value);
    if (measured === null || !breaks(limit, measured)) continue;
    const text = `${limit.text[0].toUpperCase()}${limit.text.slice(1)}.`;
    if (!found || rank[limit.severity] < rank[found.level]) found = { level: limit.severity, text, rule: limit.rule };
  }
  return found;
}

/** A short id prefix from a type key: "lambda.function" -> "function", "aws.vpc" -> "vpc". */
export function idPrefix(type: string): string {
  const last = type.split(".").pop() ?? "node";
  return last.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 20) || "node";
}

import { useReactFlow } from "@xyflow/react";
import { memo, useState } from "react";
import { checkNodes, connectionFeature, propValue } from "../document/catalog";
import type { DocEdge, DocNode } from "../document/types";
import { MAX_LABEL } from "../document/types";
import { FindingBadge } from "../nodes/FindingBadge";
import { connect, deleteSelection } from "../store/commands";
import { useUi } from "../store/uiStore";
import { useEditor } from "../store/useEditor";
import { PropField } from "./PropField";
import { useTranslation } from "react-i18next";

/** Properties of the selection, generated from the catalog; the document's when nothing is selected. */
export const PropertyPanel = memo(function PropertyPanel() {
  const selNodes = useEditor((s) => s.selectedNodes);
  const selEdges = useEditor((s) => s.selectedEdges);
  const doc = useEditor((s) => s.doc);
  const count = selNodes.size + selEdges.size;
  const { t } = useTranslation();
  if (count === 0) return <DocumentProps />;
  if (count > 1) {
    return (
      <div className="panel-section">
        <h3>{t("props.selected", { count })}</h3>
        <p className="muted">
          {t("props.selectionSummary", { nodes: t("props.components", { count: selNodes.size }), edges: t("props.connections", { count: selEdges.size }) })}
        </p>
        <button type="button" className="btn btn-danger" onClick={deleteSelection}>
          {t("props.deleteSelection")}
        </button>
      </div>
    );
  }
  if (selNodes.size === 1) {
    const node = doc.nodes.find((n) => selNodes.has(n.id));
    return node ? <NodeProps node={node} /> : null;
  }
  const edge = doc.edges.find((e) => selEdges.has(e.id));
  return edge ? <EdgeProps edge={edge} /> : null;
});

function DocumentProps() {
  const doc = useEditor((s) => s.doc);
  const readOnly = useEditor((s) => s.readOnly);
  const dispatch = useEditor((s) => s.dispatch);
  const { t } = useTranslation();
  return (
    <div className="panel-section" data-testid="document-props">
      <h3>{t("props.diagram")}</h3>
      <label className="field">
        <span className="field-label">{t("props.name")}</span>
        <input
          className="input"
          value={doc.name ?? ""}
          maxLength={200}
          disabled={readOnly}
          onChange={(e) => dispatch([{ op: "set_meta", set: { name: e.target.value } }], { key: "meta.name" })}
        />
      </label>
      <label className="field">
        <span className="field-label">{t("props.region")}</span>
        <input
          className="input"
          value={doc.region ?? ""}
          maxLength={32}
          disabled={readOnly}
          onChange={(e) => dispatch([{ op: "set_meta", set: { region: e.target.value } }], { key: "meta.region" })}
        />
        <span className="prop-help">{t("props.regionHelp")}</span>
      </label>
      <p className="muted small">
        {t("props.docSummary", { nodes: t("props.components", { count: doc.nodes.length }), edges: t("props.connections", { count: doc.edges.length }) })}
      </p>
    </div>
  );
}

function NodeProps({ node }: { node: DocNode }) {
  const catalog = useEditor((s) => s.catalog);
  const region = useEditor((s) => s.doc.region);
  const readOnly = useEditor((s) => s.readOnly);
  const dispatch = useEditor((s) => s.dispatch);
  const findings = useEditor((s) => s.findingsByNode.get(node.id));
  const parent = useEditor((s) => (node.parent ? (s.doc.nodes.find((n) => n.id === node.parent) ?? null) : null));
  const spec = catalog?.get(node.type);
  const { t } = useTranslation();
  if (!catalog || !spec) return <p className="pad">{t("props.unknownType", { type: node.type })}</p>;
  return (
    <div className="panel-section" data-testid="node-props" data-node-id={node.id}>
      <div className="props-head">
        <img src={catalog.iconFor(node)} alt="" width={36} height={36} />
        <div>
          <div className="props-type">{spec.label}</div>
          <code className="props-id">{node.id}</code>
        </div>
        <FindingBadge findings={findings} />
      </div>
      <p className="props-desc">
        {spec.description}{" "}
        {spec.aws_docs && (
          <a href={spec.aws_docs} target="_blank" rel="noreferrer">
            {t("props.awsDocs")}
          </a>
        )}
      </p>
      <label className="field">
        <span className="field-label">{t("props.label")}</span>
        <input
          className="input"
          value={node.label ?? ""}
          placeholder={spec.label}
          maxLength={MAX_LABEL}
          disabled={readOnly}
          onChange={(e) => dispatch([{ op: "update_node", id: node.id, set: { label: e.target.value } }], { key: `${node.id}.label` })}
          data-testid="prop-label"
        />
      </label>
      <p className="muted small">{t("props.inside", { parent: parent ? parent.label || catalog.get(parent.type)?.label || parent.type : t("props.noContainer") })}</p>
      {spec.props.map((p) => {
        const own = node.props?.[p.name];
        return (
          <PropField
            key={p.name}
            spec={p}
            value={propValue(spec, node, p.name, { region })}
            nodeProps={Object.fromEntries(spec.props.map((q) => [q.name, propValue(spec, node, q.name, { region })]))}
            defaultValue={propValue(spec, { props: {} }, p.name, { region })}
            isDefault={own === undefined}
            readOnly={readOnly}
            onChange={(value) => dispatch([{ op: "set_prop", id: node.id, name: p.name, value }], { key: `${node.id}.${p.name}` })}
          />
        );
      })}
      {!readOnly && !spec.container && <ConnectTo node={node} />}
      {!readOnly && (
        <button type="button" className="btn btn-danger btn-sm" onClick={deleteSelection}>
          {spec.container ? t("props.deleteContainer") : t("props.deleteComponent")}
        </button>
      )}
    </div>
  );
}

function EdgeProps({ edge }: { edge: DocEdge }) {
  const catalog = useEditor((s) => s.catalog);
  const nodes = useEditor((s) => s.doc.nodes);
  const region = useEditor((s) => s.doc.region);
  const readOnly = useEditor((s) => s.readOnly);
  const dispatch = useEditor((s) => s.dispatch);
  const findings = useEditor((s) => s.findingsByEdge.get(edge.id));
  const { fitView } = useReactFlow();
  const { t } = useTranslation();
  const source = nodes.find((n) => n.id === edge.source);
  const target = nodes.find((n) => n.id === edge.target);
  if (!catalog || !source || !target) return null;
  const check = checkNodes(catalog, source, target, { region });
  const feature = check.ok ? connectionFeature(catalog, source.type, target.type) : null;
  const name = (n: DocNode) => n.label || catalog.get(n.type)?.label || n.id;
  return (
    <div className="panel-section" data-testid="edge-props">
      <div className="props-head">
        <div>
          <div className="props-type">{t("props.connection")}</div>
          <code className="props-id">{edge.id}</code>
        </div>
        <FindingBadge findings={findings} />
      </div>
      <p>
        <button type="button" className="link-btn" onClick={() => void fitView({ nodes: [{ id: source.id }], duration: 300, maxZoom: 1.2 })}>
          {name(source)}
        </button>{" "}
        → {" "}
        <button type="button" className="link-btn" onClick={() => void fitView({ nodes: [{ id: target.id }], duration: 300, maxZoom: 1.2 })}>
          {name(target)}
        </button>
      </p>
      {check.ok ? (
        <p className="ok-note" data-testid="edge-feature">
          <strong>{feature}</strong>
          <br />
          {t("props.supported", {
            source: catalog.get(source.type)?.label,
            verb: check.connection!.label,
            target: catalog.get(target.type)?.label,
            kind: check.connection!.kind.replace("_", "/"),
          })}
        </p>
      ) : (
        <p className="warn-note" role="status">
          <strong>{t("props.unsupported")}</strong> {check.reason}
        </p>
      )}
      <label className="field">
        <span className="field-label">{t("props.label")}</span>
        <input
          className="input"
          value={edge.label ?? ""}
          placeholder={check.connection?.label ?? ""}
          maxLength={MAX_LABEL}
          disabled={readOnly}
          onChange={(e) => dispatch([{ op: "update_edge", id: edge.id, set: { label: e.target.value } }], { key: `${edge.id}.label` })}
          data-testid="edge-label-input"
        />
      </label>
      {!readOnly && (
        <div className="btn-row">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() =>
              dispatch([
                { op: "remove_edge", id: edge.id },
                { op: "add_edge", edge: { ...edge, source: edge.target, target: edge.source, source_handle: edge.target_handle ?? null, target_handle: edge.source_handle ?? null } },
              ], { select: { edges: [edge.id] } })
            }
          >
            {t("props.reverse")}
          </button>
          <button type="button" className="btn btn-danger btn-sm" onClick={deleteSelection}>
            {t("props.deleteConnection")}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Connect without a mouse: pick another component and connect this one to it. The choice says
 * whether AWS supports the pair (as the line does while dragging); strict mode refuses what it
 * does not. The result is announced (the toast is a live region).
 */
function ConnectTo({ node }: { node: DocNode }) {
  const catalog = useEditor((s) => s.catalog);
  const nodes = useEditor((s) => s.doc.nodes);
  const region = useEditor((s) => s.doc.region);
  const strict = useUi((s) => s.strict);
  const { t } = useTranslation();
  const [target, setTarget] = useState("");
  const [refused, setRefused] = useState<string | null>(null);
  if (!catalog) return null;
  const name = (n: DocNode) => n.label || catalog.get(n.type)?.label || n.id;
  const others = nodes.filter((n) => n.id !== node.id && !catalog.get(n.type)?.container);
  if (!others.length) return null;
  const run = () => {
    const to = others.find((n) => n.id === target);
    if (!to) return;
    const check = checkNodes(catalog, node, to, { region });
    if (strict && !check.ok) {
      setRefused(check.reason ?? null);
      return;
    }
    setRefused(null);
    connect(node.id, to.id);
    useUi.getState().showToast(t("props.connected", { source: name(node), target: name(to) }));
    setTarget("");
  };
  return (
    <div className="field connect-to" data-testid="connect-to">
      <label className="field-label" htmlFor={`connect-${node.id}`}>
        {t("props.connectTo")}
      </label>
      <div className="btn-row">
        <select
          id={`connect-${node.id}`}
          className="input"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="connect-target"
        >
          <option value="">{t("props.connectChoose")}</option>
          {others.map((n) => {
            const ok = checkNodes(catalog, node, n, { region }).ok;
            return (
              <option key={n.id} value={n.id}>
                {ok ? name(n) : t("props.connectUnsupported", { name: name(n) })}
              </option>
            );
          })}
        </select>
        <button type="button" className="btn btn-sm" disabled={!target} onClick={run} data-testid="connect-submit">
          {t("props.connect")}
        </button>
      </div>
      {refused && (
        <p className="field-error" role="alert">
          {refused}
        </p>
      )}
    </div>
  );
}

import { useReactFlow } from "@xyflow/react";
import { memo } from "react";
import { checkNodes, connectionFeature, propValue } from "../document/catalog";
import type { DocEdge, DocNode } from "../document/types";
import { MAX_LABEL } from "../document/types";
import { FindingBadge } from "../nodes/FindingBadge";
import { deleteSelection } from "../store/commands";
import { useEditor } from "../store/useEditor";
import { PropField } from "./PropField";

/** Properties of the selection, generated from the catalog; the document's when nothing is selected. */
export const PropertyPanel = memo(function PropertyPanel() {
  const selNodes = useEditor((s) => s.selectedNodes);
  const selEdges = useEditor((s) => s.selectedEdges);
  const doc = useEditor((s) => s.doc);
  const count = selNodes.size + selEdges.size;
  if (count === 0) return <DocumentProps />;
  if (count > 1) {
    return (
      <div className="panel-section">
        <h3>{count} selected</h3>
        <p className="muted">
          {selNodes.size} component{selNodes.size === 1 ? "" : "s"}, {selEdges.size} connection{selEdges.size === 1 ? "" : "s"}.
        </p>
        <button type="button" className="btn btn-danger" onClick={deleteSelection}>
          Delete selection
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
  return (
    <div className="panel-section" data-testid="document-props">
      <h3>Diagram</h3>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          className="input"
          value={doc.name ?? ""}
          maxLength={200}
          disabled={readOnly}
          onChange={(e) => dispatch([{ op: "set_meta", set: { name: e.target.value } }], { key: "meta.name" })}
        />
      </label>
      <label className="field">
        <span className="field-label">Default region</span>
        <input
          className="input"
          value={doc.region ?? ""}
          maxLength={32}
          disabled={readOnly}
          onChange={(e) => dispatch([{ op: "set_meta", set: { region: e.target.value } }], { key: "meta.region" })}
        />
        <span className="prop-help">Components outside a Region container run here, for example ap-northeast-2.</span>
      </label>
      <p className="muted small">
        {doc.nodes.length} components, {doc.edges.length} connections. Select something to edit its properties.
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
  if (!catalog || !spec) return <p className="pad">Unknown component type {node.type}.</p>;
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
            AWS docs
          </a>
        )}
      </p>
      <label className="field">
        <span className="field-label">Label</span>
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
      <p className="muted small">Inside: {parent ? parent.label || parent.type : "the canvas (no container)"}</p>
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
      {!readOnly && (
        <button type="button" className="btn btn-danger btn-sm" onClick={deleteSelection}>
          Delete {spec.container ? "container and contents" : "component"}
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
          <div className="props-type">Connection</div>
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
          AWS supports this: {catalog.get(source.type)?.label} {check.connection!.label} {catalog.get(target.type)?.label} (
          {check.connection!.kind.replace("_", "/")}).
        </p>
      ) : (
        <p className="warn-note" role="status">
          <strong>Not supported by AWS.</strong> {check.reason}
        </p>
      )}
      <label className="field">
        <span className="field-label">Label</span>
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
            Reverse direction
          </button>
          <button type="button" className="btn btn-danger btn-sm" onClick={deleteSelection}>
            Delete connection
          </button>
        </div>
      )}
    </div>
  );
}

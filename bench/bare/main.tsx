/**
 * The baseline of bench/editor.py: a bare React Flow 12 page drawing the same diagram as the
 * editor, the way the React Flow examples do it: module-level `nodeTypes`, memoized custom nodes
 * (an icon, a label and 4 handles; containers as plain frames), smoothstep edges, a minimap,
 * controlled nodes through `applyNodeChanges`, `onlyRenderVisibleElements` from 300 nodes.
 * Query: ?data=<json file>&w=&h= (canvas size in px) &x=&y=&zoom= (initial viewport).
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  ConnectionMode,
  Handle,
  MiniMap,
  Position,
  ReactFlow,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { memo, useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import "./bare.css";

type Data = { label: string; icon: string };
type BareNode = Node<Data, "component" | "container">;

const ComponentNode = memo(function ComponentNode({ data }: NodeProps<BareNode>) {
  return (
    <div className="bare-node">
      <Handle id="t" type="source" position={Position.Top} />
      <Handle id="r" type="source" position={Position.Right} />
      <Handle id="b" type="source" position={Position.Bottom} />
      <Handle id="l" type="source" position={Position.Left} />
      <img src={data.icon} alt="" width={44} height={44} draggable={false} />
      <div className="bare-node-label">{data.label}</div>
    </div>
  );
});

const ContainerNode = memo(function ContainerNode({ data }: NodeProps<BareNode>) {
  return (
    <div className="bare-container">
      <div className="bare-container-head">
        <img src={data.icon} alt="" width={24} height={24} draggable={false} />
        {data.label}
      </div>
    </div>
  );
});

const nodeTypes = { component: ComponentNode, container: ContainerNode };
const params = new URLSearchParams(location.search);
const num = (k: string) => (params.has(k) ? Number(params.get(k)) : undefined);

function Flow({ initial }: { initial: { nodes: BareNode[]; edges: Edge[] } }) {
  const [nodes, setNodes] = useState(initial.nodes);
  const [edges, setEdges] = useState(initial.edges);
  const onNodesChange = useCallback((c: NodeChange<BareNode>[]) => setNodes((ns) => applyNodeChanges(c, ns)), []);
  const onEdgesChange = useCallback((c: EdgeChange[]) => setEdges((es) => applyEdgeChanges(c, es)), []);
  const zoom = num("zoom");
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      connectionMode={ConnectionMode.Loose}
      onlyRenderVisibleElements={nodes.length >= 300}
      minZoom={0.1}
      {...(zoom !== undefined
        ? { defaultViewport: { x: num("x") ?? 0, y: num("y") ?? 0, zoom } }
        : { fitView: true, fitViewOptions: { padding: 0.15, maxZoom: 1 } })}
    >
      <MiniMap />
    </ReactFlow>
  );
}

function App() {
  const [initial, setInitial] = useState<{ nodes: BareNode[]; edges: Edge[] } | null>(null);
  useEffect(() => {
    fetch(params.get("data") ?? "data.json")
      .then((r) => r.json())
      .then(setInitial);
  }, []);
  const style = { width: num("w") ?? "100vw", height: num("h") ?? "100vh" };
  return <div className="bare-canvas" style={style}>{initial && <Flow initial={initial} />}</div>;
}

createRoot(document.getElementById("root")!).render(<App />);

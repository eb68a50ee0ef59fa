"""The shared (Yjs) form of a schema-1 document, and the way back: pure functions, no Django.

Layout of the Y document (``docs/collab.md`` is the reference for clients):

- ``meta`` (Y.Map): ``schema`` (1), and when the document has them ``name``, ``region``,
  ``viewport`` and ``iac`` (each one plain JSON value, replaced whole).
- ``nodes`` (Y.Map): node id -> Y.Map of the node's fields, except ``id`` (the key is the id):
  ``type``, ``label``, ``parent``, ``position`` ({"x", "y"}, one value: a move replaces it
  whole, so two concurrent moves give one of the two positions, never x of one and y of the
  other), ``size`` ({"w", "h"}, likewise) and ``props`` (a nested Y.Map: prop name -> value).
- ``edges`` (Y.Map): edge id -> Y.Map of ``source``, ``target``, ``label``, ``source_handle``,
  ``target_handle``, ``route`` (a list of points, one value) and ``label_at``.
- ``node_order``, ``edge_order`` (Y.Array of ids): the order of the document's lists.

Two people editing different nodes (or different fields, or different props of one node)
touch different map entries and never overwrite each other; two setting the same entry
converge on one of the values (Yjs: the later client clock, ties by client id).

:func:`ydoc_to_document` always returns a valid document. Concurrent edits can combine into
something no single client wrote (an edge to a node deleted meanwhile, a child of a deleted
container), so it repairs deterministically, from the Y state alone (every replica repairs the
same way): see :func:`repair`.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from typing import Any

from pycrdt import Array, Doc, Map

from builder import document as doc_module

META_KEYS = ("schema", "name", "region", "viewport", "iac")
#: Node fields kept in the node's Y.Map (``id`` is the map key, ``props`` a nested Y.Map).
NODE_FIELDS = ("type", "label", "parent", "position", "size")
EDGE_FIELDS = ("source", "target", "label", "source_handle", "target_handle", "route", "label_at")


def roots(ydoc: Doc[Any]) -> tuple[Map[Any], Map[Any], Map[Any], Array[Any], Array[Any]]:
    """The five shared types: meta, nodes, edges, node_order, edge_order."""
    return (
        ydoc.get("meta", type=Map),
        ydoc.get("nodes", type=Map),
        ydoc.get("edges", type=Map),
        ydoc.get("node_order", type=Array),
        ydoc.get("edge_order", type=Array),
    )


# -- document -> Y ------------------------------------------------------------------------


def _node_map(node: dict[str, Any]) -> Map[Any]:
    fields = {k: copy.deepcopy(node[k]) for k in NODE_FIELDS if k in node}
    fields["props"] = Map(copy.deepcopy(node.get("props", {})))
    return Map(fields)


def _edge_map(edge: dict[str, Any]) -> Map[Any]:
    return Map({k: copy.deepcopy(edge[k]) for k in EDGE_FIELDS if k in edge})


def document_to_ydoc(document: dict[str, Any], ydoc: Doc[Any] | None = None) -> Doc[Any]:
    """A Y document holding ``document`` (a valid schema-1 document), in one transaction."""
    ydoc = ydoc if ydoc is not None else Doc()
    meta, nodes, edges, node_order, edge_order = roots(ydoc)
    with ydoc.transaction(origin="document"):
        for key in META_KEYS:
            if key in document:
                meta[key] = copy.deepcopy(document[key])
        for node in document.get("nodes", []):
            nodes[node["id"]] = _node_map(node)
        node_order.extend([n["id"] for n in document.get("nodes", [])])
        for edge in document.get("edges", []):
            edges[edge["id"]] = _edge_map(edge)
        edge_order.extend([e["id"] for e in document.get("edges", [])])
    return ydoc


# -- Y -> document ------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Yjs numbers are doubles: a whole number comes back as 1024.0. JSON (and the editor)
    make no difference; the document keeps whole numbers as integers, as clients wrote them."""
    if type(value) is float and math.isfinite(value) and value.is_integer() and abs(value) <= doc_module.MAX_SAFE_INT:
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _ordered(order: Iterable[Any], present: dict[str, Any]) -> list[str]:
    """Ids in ``order`` (first occurrence, only those present), then the rest sorted by id."""
    seen: set[str] = set()
    out: list[str] = []
    for item in order:
        if isinstance(item, str) and item in present and item not in seen:
            seen.add(item)
            out.append(item)
    out.extend(sorted(k for k in present if k not in seen))
    return out


def raw_document(ydoc: Doc[Any]) -> dict[str, Any]:
    """The document as the Y state has it, unrepaired (may be invalid)."""
    meta, nodes, edges, node_order, edge_order = roots(ydoc)
    meta_py = _plain(meta.to_py() or {})
    nodes_py = nodes.to_py() or {}
    edges_py = edges.to_py() or {}
    doc: dict[str, Any] = {k: meta_py[k] for k in META_KEYS if k in meta_py}
    doc["nodes"] = []
    for node_id in _ordered(node_order.to_py() or [], nodes_py):
        fields = nodes_py[node_id]
        if not isinstance(fields, dict):
            fields = {"type": None}  # not a node: repaired away below
        doc["nodes"].append({"id": node_id, **_plain(fields)})
    doc["edges"] = []
    for edge_id in _ordered(edge_order.to_py() or [], edges_py):
        fields = edges_py[edge_id]
        if not isinstance(fields, dict):
            fields = {"source": None}
        doc["edges"].append({"id": edge_id, **_plain(fields)})
    return doc


def ydoc_to_document(ydoc: Doc[Any]) -> dict[str, Any]:
    """The valid schema-1 document the Y state stands for (repaired if need be)."""
    return repair(raw_document(ydoc))


#: How many repair passes at most (each removes at least one thing; a pass fixes everything
#: the checker reports at once, so two or three passes are the most seen in practice).
MAX_REPAIR_PASSES = 50


def repair(doc: dict[str, Any]) -> dict[str, Any]:
    """Make ``doc`` valid by removing what is wrong, deterministically (same input, same output).

    Each problem :func:`builder.document.check` reports is repaired at the smallest place:

    - a node with a missing or unknown ``type``, or a bad id: the node goes (its edges go with it,
      and its children move to the top level by the parent rule below);
    - a ``parent`` that is missing, not a container, or part of a loop: ``null`` (the node moves
      to the top level, keeping its relative position);
    - a bad prop value or unknown prop: the prop goes (its default applies);
    - a bad ``label``, ``position``, ``size``, or an unknown field: that field goes;
    - an edge whose ``source`` or ``target`` is not a node (deleted concurrently): the edge goes;
      a bad ``route``, ``label_at``, handle or label: that field goes;
    - more than the document's limit of nodes or edges: the last ones in order go;
    - a bad ``name``, ``region``, ``viewport`` or ``iac``: that key goes; ``schema`` is 1.
    """
    doc = copy.deepcopy(doc)
    doc["schema"] = doc_module.SCHEMA_VERSION
    for _ in range(MAX_REPAIR_PASSES):
        problems = doc_module.check(doc)
        if not problems:
            return doc
        drop_nodes: set[int] = set()
        drop_edges: set[int] = set()
        for problem in problems:
            _repair_one(doc, problem.pointer, drop_nodes, drop_edges)
        if drop_nodes:
            doc["nodes"] = [n for i, n in enumerate(doc["nodes"]) if i not in drop_nodes]
        if drop_edges:
            doc["edges"] = [e for i, e in enumerate(doc["edges"]) if i not in drop_edges]
        ids = {n.get("id") for n in doc["nodes"]}
        doc["edges"] = [e for e in doc["edges"] if e.get("source") in ids and e.get("target") in ids]
    # Unreachable for anything check() reports today; never return an invalid document.
    return {"schema": doc_module.SCHEMA_VERSION, "nodes": [], "edges": []}


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def _repair_one(doc: dict[str, Any], ptr: str, drop_nodes: set[int], drop_edges: set[int]) -> None:
    parts = [_unescape(p) for p in ptr.split("/")[1:]]
    if not parts:
        return
    head = parts[0]
    if head in ("nodes", "edges"):
        items = doc[head]
        if len(parts) == 1:  # the list is over its limit
            limit = doc_module.MAX_NODES if head == "nodes" else doc_module.MAX_EDGES
            del items[limit:]
            return
        index = int(parts[1])
        drops = drop_nodes if head == "nodes" else drop_edges
        item = items[index]
        if len(parts) == 2 or not isinstance(item, dict):
            drops.add(index)
            return
        field = parts[2]
        if (head == "nodes" and field in ("id", "type")) or (head == "edges" and field in ("id", "source", "target")):
            drops.add(index)
        elif field == "parent":
            item["parent"] = None
        elif field == "props" and len(parts) > 3 and isinstance(item.get("props"), dict):
            item["props"].pop(parts[3], None)
        else:
            item.pop(field, None)
        return
    if head == "schema":
        doc["schema"] = doc_module.SCHEMA_VERSION
    else:
        doc.pop(head, None)


# -- changes to a Y document ----------------------------------------------------------------
# What a client does, as functions (the tests' and the benchmark's clients, and the diff below).


def add_node(ydoc: Doc[Any], node: dict[str, Any]) -> None:
    _, nodes, _, node_order, _ = roots(ydoc)
    with ydoc.transaction():
        nodes[node["id"]] = _node_map(node)
        node_order.append(node["id"])


def set_node_field(ydoc: Doc[Any], node_id: str, field: str, value: Any) -> bool:
    """Set one field (``position``, ``size``, ``label``, ``parent``...); False if the node is gone."""
    _, nodes, _, _, _ = roots(ydoc)
    with ydoc.transaction():
        node = nodes.get(node_id)
        if not isinstance(node, Map):
            return False
        if value is None and field in ("size", "label"):
            node.pop(field, None)
        else:
            node[field] = copy.deepcopy(value)
    return True


def set_prop(ydoc: Doc[Any], node_id: str, name: str, value: Any) -> bool:
    """Set one prop (``None`` removes it: the default applies); False if the node is gone."""
    _, nodes, _, _, _ = roots(ydoc)
    with ydoc.transaction():
        node = nodes.get(node_id)
        if not isinstance(node, Map):
            return False
        props = node.get("props")
        if not isinstance(props, Map):
            node["props"] = props = Map({})
        if value is None:
            props.pop(name, None)
        else:
            props[name] = copy.deepcopy(value)
    return True


def _remove_from(order: Array[Any], item_id: str) -> None:
    for i in reversed([i for i, v in enumerate(order.to_py() or []) if v == item_id]):
        del order[i]


def delete_node(ydoc: Doc[Any], node_id: str) -> None:
    """Remove a node and the edges it has (as the editor does)."""
    _, nodes, edges, node_order, edge_order = roots(ydoc)
    with ydoc.transaction():
        nodes.pop(node_id, None)
        _remove_from(node_order, node_id)
        for edge_id, edge in list((edges.to_py() or {}).items()):
            if isinstance(edge, dict) and node_id in (edge.get("source"), edge.get("target")):
                edges.pop(edge_id, None)
                _remove_from(edge_order, edge_id)


def add_edge(ydoc: Doc[Any], edge: dict[str, Any]) -> None:
    _, _, edges, _, edge_order = roots(ydoc)
    with ydoc.transaction():
        edges[edge["id"]] = _edge_map(edge)
        edge_order.append(edge["id"])


def delete_edge(ydoc: Doc[Any], edge_id: str) -> None:
    _, _, edges, _, edge_order = roots(ydoc)
    with ydoc.transaction():
        edges.pop(edge_id, None)
        _remove_from(edge_order, edge_id)


# -- a document's changes as Y changes (what a PUT through the API becomes) ---------------------


def _merge_fields(ymap: Map[Any], base: dict[str, Any] | None, new: dict[str, Any], fields: Iterable[str]) -> None:
    for field in fields:
        before = base.get(field, _MISSING) if base is not None else _MISSING
        after = new.get(field, _MISSING)
        if before == after and base is not None:
            continue
        if after is _MISSING:
            ymap.pop(field, None)
        else:
            ymap[field] = copy.deepcopy(after)


_MISSING: Any = object()


def apply_document(ydoc: Doc[Any], new: dict[str, Any], base: dict[str, Any] | None = None, origin: Any = None) -> None:
    """Apply the changes from ``base`` to ``new`` to the Y document, as a diff, in one transaction.

    ``base`` is the document ``new`` was made from (the revision a script read before its PUT);
    only what differs between the two is written, so edits made live meanwhile to anything
    else survive. Without ``base``, the Y document's current content is the base: afterwards
    it holds exactly ``new``. A node or edge changed in ``new`` but deleted live meanwhile comes
    back whole (the script's change is not lost); one deleted in ``new`` is deleted.
    """
    if base is None:
        base = raw_document(ydoc)
    meta, nodes, edges, node_order, edge_order = roots(ydoc)
    base_nodes = {n["id"]: n for n in base.get("nodes", [])}
    base_edges = {e["id"]: e for e in base.get("edges", [])}
    new_nodes = {n["id"]: n for n in new.get("nodes", [])}
    new_edges = {e["id"]: e for e in new.get("edges", [])}
    with ydoc.transaction(origin=origin):
        for key in META_KEYS:
            if base.get(key, _MISSING) != new.get(key, _MISSING):
                if key in new:
                    meta[key] = copy.deepcopy(new[key])
                else:
                    meta.pop(key, None)
        for node_id in base_nodes.keys() - new_nodes.keys():
            nodes.pop(node_id, None)
            _remove_from(node_order, node_id)
        for node_id, node in new_nodes.items():
            before = base_nodes.get(node_id)
            if before == node:
                continue
            live = nodes.get(node_id)
            if before is None or not isinstance(live, Map):
                if node_id not in set(node_order.to_py() or []):
                    node_order.append(node_id)
                nodes[node_id] = _node_map(node)
                continue
            _merge_fields(live, before, node, NODE_FIELDS)
            props = live.get("props")
            if not isinstance(props, Map):
                live["props"] = Map(copy.deepcopy(node.get("props", {})))
            else:
                before_props, after_props = before.get("props", {}), node.get("props", {})
                _merge_fields(props, before_props, after_props, set(before_props) | set(after_props))
        for edge_id in base_edges.keys() - new_edges.keys():
            edges.pop(edge_id, None)
            _remove_from(edge_order, edge_id)
        for edge_id, edge in new_edges.items():
            before = base_edges.get(edge_id)
            if before == edge:
                continue
            live = edges.get(edge_id)
            if before is None or not isinstance(live, Map):
                if edge_id not in set(edge_order.to_py() or []):
                    edge_order.append(edge_id)
                edges[edge_id] = _edge_map(edge)
                continue
            _merge_fields(live, before, edge, EDGE_FIELDS)

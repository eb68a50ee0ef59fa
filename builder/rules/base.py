"""The rule engine's building blocks: findings, rule metadata, the registry and the index.

Pure Python, no Django. :class:`Index` is built once per document and answers every
question a rule asks (props with defaults, parent, enclosing region/VPC/subnet, edges in and
out) in constant time, so that each rule is a short loop over the nodes of the types it cares
about and the whole run stays linear in nodes + edges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from builder import catalog
from builder.document import DEFAULT_REGION

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

REGION = "aws.region"
VPC = "aws.vpc"
SUBNET = "aws.subnet"
CONTAINERS = frozenset(t.key for t in catalog.all_types() if t.container)


@dataclass(frozen=True)
class Finding:
    """One problem in a document: which rule, how bad, where (node and edge ids), and how to fix it."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    nodes: tuple[str, ...]
    edges: tuple[str, ...]
    message: str
    hint: str

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "nodes": list(self.nodes),
            "edges": list(self.edges),
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class RuleInfo:
    """What a rule checks, explained for a person who wants to learn why AWS works that way."""

    id: str
    severity: str
    title: str
    explanation: str
    docs_url: str

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity,
            "title": self.title,
            "explanation": self.explanation,
            "docs_url": self.docs_url,
        }


#: What a rule's check yields: (node ids, edge ids, message, hint). The engine adds the rule's
#: id and severity, so a check cannot get them wrong.
Hit = tuple[tuple[str, ...], tuple[str, ...], str, str]
Check = Callable[["Index"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Check


REGISTRY: dict[str, Rule] = {}


def rule(id: str, severity: Severity, title: str, explanation: str, docs_url: str) -> Callable[[Check], Check]:
    """Register a check under a rule ID. One ID, one check: a duplicate is a programming error."""

    def register(check: Check) -> Check:
        assert id not in REGISTRY, f"rule {id} registered twice"
        REGISTRY[id] = Rule(RuleInfo(id, severity, title, " ".join(explanation.split()), docs_url), check)
        return check

    return register


class Node:
    """A node of the document with its props merged over the catalog defaults."""

    __slots__ = ("id", "index", "label", "parent", "props", "type")

    def __init__(self, id: str, type: str, props: dict[str, Any], parent: str | None, label: str, index: int) -> None:
        self.id = id
        self.type = type
        self.props = props
        self.parent = parent
        self.label = label
        self.index = index  # position in the document's node list (for SARIF locations)

    def __repr__(self) -> str:
        return f"Node({self.id!r}, {self.type!r})"


class Edge:
    __slots__ = ("id", "index", "source", "target")

    def __init__(self, id: str, source: Node, target: Node, index: int) -> None:
        self.id = id
        self.source = source
        self.target = target
        self.index = index

    def __repr__(self) -> str:
        return f"Edge({self.id!r}, {self.source.id!r} -> {self.target.id!r})"


def _defaults_by_type() -> dict[str, tuple[dict[str, Any], tuple[str, ...]]]:
    """Per type: the static defaults, and the props whose default is the document's value.

    Mutable defaults (lists, maps) are shared between nodes: the index never mutates props,
    and sharing is what makes applying defaults cheaper than ``document.with_defaults``'s
    deep copy.
    """
    out: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {}
    for t in catalog.all_types():
        static = {p.name: p.default for p in t.props if p.default != catalog.FROM_DOCUMENT}
        from_doc = tuple(p.name for p in t.props if p.default == catalog.FROM_DOCUMENT)
        out[t.key] = (static, from_doc)
    return out


_DEFAULTS = _defaults_by_type()
_EMPTY: tuple[Edge, ...] = ()


class Index:
    """Everything the rules need to know about one (valid) document, computed once.

    - ``nodes``: id -> :class:`Node`, props with defaults; ``by_type``: type -> nodes in
      document order.
    - ``out_edges`` / ``in_edges``: node id -> edges leaving / entering it.
    - ``region`` / ``vpc`` / ``subnet``: node id -> the region it runs in (nearest enclosing
      ``aws.region``'s ``region`` prop, else the document's), and the id of the nearest
      enclosing VPC and subnet at any depth (None when there is none).
    """

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc_region: str = doc.get("region") or DEFAULT_REGION
        self.nodes: dict[str, Node] = {}
        self.by_type: dict[str, list[Node]] = {}
        self.out_edges: dict[str, list[Edge]] = {}
        self.in_edges: dict[str, list[Edge]] = {}
        self.edges: list[Edge] = []
        nodes = self.nodes
        by_type = self.by_type
        doc_region = self.doc_region
        for i, raw in enumerate(doc["nodes"]):
            type_key = raw["type"]
            static, from_doc = _DEFAULTS[type_key]
            given = raw.get("props")
            props = {**static, **given} if given else static
            if from_doc:
                if props is static:
                    props = dict(static)
                for name in from_doc:
                    if name not in props:
                        props[name] = doc_region
            node = Node(raw["id"], type_key, props, raw.get("parent"), raw.get("label") or "", i)
            nodes[node.id] = node
            by_type.setdefault(type_key, []).append(node)
        out_edges = self.out_edges
        in_edges = self.in_edges
        for i, raw in enumerate(doc.get("edges") or ()):
            edge = Edge(raw["id"], nodes[raw["source"]], nodes[raw["target"]], i)
            self.edges.append(edge)
            out_edges.setdefault(edge.source.id, []).append(edge)
            in_edges.setdefault(edge.target.id, []).append(edge)
        self.region: dict[str, str] = {}
        self.vpc: dict[str, str | None] = {}
        self.subnet: dict[str, str | None] = {}
        self._enclose()

    def _enclose(self) -> None:
        """Fill region/vpc/subnet for every node, each parent chain walked once (memoised)."""
        region, vpc, subnet, nodes = self.region, self.vpc, self.subnet, self.nodes
        for start in nodes.values():
            if start.id in region:
                continue
            chain: list[Node] = []
            cur: Node | None = start
            # Walk up to the first node already known (or the top); a validated document has
            # no loops, but the guard keeps a bad one from hanging the engine.
            while cur is not None and cur.id not in region and len(chain) <= len(nodes):
                chain.append(cur)
                cur = nodes.get(cur.parent) if cur.parent else None
            if cur is not None and cur.id in region:
                reg, v, s = region[cur.id], vpc[cur.id], subnet[cur.id]
                reg, v, s = self._inside(cur, reg, v, s)
            else:
                reg, v, s = self.doc_region, None, None
            for node in reversed(chain):
                region[node.id], vpc[node.id], subnet[node.id] = reg, v, s
                reg, v, s = self._inside(node, reg, v, s)

    @staticmethod
    def _inside(node: Node, reg: str, v: str | None, s: str | None) -> tuple[str, str | None, str | None]:
        """What the children of ``node`` inherit: its own region/VPC/subnet if it is one."""
        t = node.type
        if t == REGION:
            return node.props.get("region") or reg, v, s
        if t == VPC:
            return reg, node.id, s
        if t == SUBNET:
            return reg, v, node.id
        return reg, v, s

    # Small questions the rules ask ------------------------------------------------------

    def of_type(self, *types: str) -> Iterator[Node]:
        for t in types:
            yield from self.by_type.get(t, ())

    def outgoing(self, node_id: str) -> list[Edge] | tuple[Edge, ...]:
        return self.out_edges.get(node_id, _EMPTY)

    def incoming(self, node_id: str) -> list[Edge] | tuple[Edge, ...]:
        return self.in_edges.get(node_id, _EMPTY)

    def out_to(self, node_id: str, *types: str) -> list[Edge]:
        """Edges from ``node_id`` to nodes of the given types."""
        return [e for e in self.out_edges.get(node_id, _EMPTY) if e.target.type in types]

    def in_from(self, node_id: str, *types: str) -> list[Edge]:
        """Edges into ``node_id`` from nodes of the given types."""
        return [e for e in self.in_edges.get(node_id, _EMPTY) if e.source.type in types]

    def connected(self, node_id: str, *types: str) -> list[Node]:
        """Neighbours of the given types, by an edge in either direction ("connected to")."""
        out = [e.target for e in self.out_edges.get(node_id, _EMPTY) if e.target.type in types]
        out += [e.source for e in self.in_edges.get(node_id, _EMPTY) if e.source.type in types]
        return out

    def in_vpc(self, node_id: str) -> bool:
        """In a VPC: a VPC or a subnet contains the node, at any depth."""
        return self.vpc[node_id] is not None or self.subnet[node_id] is not None

    def name(self, node: Node) -> str:
        """How a message names a node: its label when it has one, and always its id."""
        # Labels may hold newlines and tabs; a message is one line.
        label = " ".join(node.label.split())
        return f"{label} ({node.id})" if label and label != node.id else node.id


def number(value: Any) -> str:
    """A number as a person writes it: 128 not 128.0, 0.25 as is."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

"""The rule engine's building blocks: findings, rule metadata, the registry and the index.

Pure Python, no Django. :class:`Index` is built once per document and answers every
question a rule asks (props with defaults, parent, enclosing region/VPC/subnet, edges in and
out) in constant time, so that each rule is a short loop over the nodes of the types it cares
about and the whole run stays linear in nodes + edges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from builder import catalog, i18n
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
    #: English text; a :class:`builder.i18n.Text` that :func:`builder.i18n.render` says in
    #: another language.
    message: str
    hint: str

    def in_language(self, lang: str) -> Finding:
        """The same finding with its message and hint said in ``lang``."""
        if lang == i18n.DEFAULT:
            return self
        return Finding(
            self.rule,
            self.severity,
            self.nodes,
            self.edges,
            i18n.render(self.message, lang),
            i18n.render(self.hint, lang),
        )

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
    #: Where the rule comes from when not the seed note: "AWS serverless-rules ES1007".
    source: str = ""

    def in_language(self, lang: str) -> RuleInfo:
        """The same rule with its title and explanation in ``lang`` (``builder.i18n``)."""
        if lang == i18n.DEFAULT:
            return self
        title, explanation = i18n.rule_text(self.id, self.title, self.explanation, lang)
        return RuleInfo(self.id, self.severity, title, explanation, self.docs_url, self.source)

    def as_json(self, lang: str = "en") -> dict[str, str]:
        info = self.in_language(lang)
        return {
            "id": self.id,
            "severity": self.severity,
            "title": info.title,
            "explanation": info.explanation,
            "docs_url": self.docs_url,
            "source": self.source,
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


def rule(
    id: str, severity: Severity, title: str, explanation: str, docs_url: str, source: str = ""
) -> Callable[[Check], Check]:
    """Register a check under a rule ID. One ID, one check: a duplicate is a programming error."""

    def register(check: Check) -> Check:
        assert id not in REGISTRY, f"rule {id} registered twice"
        info = RuleInfo(id, severity, title, " ".join(explanation.split()), docs_url, source)
        REGISTRY[id] = Rule(info, check)
        return check

    return register


class Node:
    """A node of the document with its props merged over the catalog defaults, and its place.

    ``region`` is the region it runs in (nearest enclosing ``aws.region``'s ``region`` prop,
    else the document's); ``vpc`` and ``subnet`` are the ids of the nearest enclosing VPC and
    subnet at any depth, or None.

    A node holds no edges (the index does): a node -> edge -> node reference cycle would leave
    every index to the cyclic garbage collector instead of freeing it on return.

    ``named`` and ``kinded`` keep what :meth:`Index.name` and :meth:`Index.kind` said of it
    (None until asked): a node named in several findings is said once, and its findings share
    the text.
    """

    __slots__ = ("id", "kinded", "label", "named", "parent", "props", "region", "subnet", "type", "vpc")

    def __init__(
        self,
        id: str,
        type: str,
        props: dict[str, Any],
        parent: str | None,
        label: str,
        region: str = "",
        vpc: str | None = None,
        subnet: str | None = None,
    ) -> None:
        self.id = id
        self.type = type
        self.props = props
        self.parent = parent
        self.label = label
        self.region = region  # "" until the node is placed
        self.vpc = vpc
        self.subnet = subnet
        self.named: str | None = None
        self.kinded: str | None = None

    def __repr__(self) -> str:
        return f"Node({self.id!r}, {self.type!r})"


class Edge:
    __slots__ = ("id", "source", "target")

    def __init__(self, id: str, source: Node, target: Node) -> None:
        self.id = id
        self.source = source
        self.target = target

    def __repr__(self) -> str:
        return f"Edge({self.id!r}, {self.source.id!r} -> {self.target.id!r})"


_EMPTY: tuple[Edge, ...] = ()


def _defaults_by_type() -> dict[str, tuple[dict[str, Any], tuple[str, ...], bool]]:
    """Per type: the static defaults, the props whose default is the document's value, and
    whether it is a container (one lookup per node gives all three).

    Mutable defaults (lists, maps) are shared between nodes: the index never mutates props,
    and sharing is what makes applying defaults cheaper than ``document.with_defaults``'s
    deep copy.
    """
    out: dict[str, tuple[dict[str, Any], tuple[str, ...], bool]] = {}
    for t in catalog.all_types():
        static = {p.name: p.default for p in t.props if p.default != catalog.FROM_DOCUMENT}
        from_doc = tuple(p.name for p in t.props if p.default == catalog.FROM_DOCUMENT)
        out[t.key] = (static, from_doc, t.key in CONTAINERS)
    return out


_DEFAULTS = _defaults_by_type()


class Index:
    """Everything the rules need to know about one (valid) document, computed once.

    - ``nodes``: id -> :class:`Node` (props with defaults, region, VPC, subnet);
      ``by_type``: type -> nodes in document order.
    - ``out_edges`` / ``in_edges``: node id -> edges leaving / entering it (absent: none).
    """

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc_region: str = doc.get("region") or DEFAULT_REGION
        #: What several rules derive from the index, computed by the first that asks (by key).
        self.memo: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        by_type: defaultdict[str, list[Node]] = defaultdict(list)
        doc_region = self.doc_region
        defaults = _DEFAULTS
        unplaced: list[Node] = []
        top: Place = (doc_region, None, None)
        inside: dict[str, Place] = {}  # container id -> the place of what it contains
        new = object.__new__
        for raw in doc["nodes"]:
            type_key = raw["type"]
            static, from_doc, container = defaults[type_key]
            given = raw.get("props")
            props = {**static, **given} if given else static
            if from_doc:
                if props is static:
                    props = dict(static)
                for name in from_doc:
                    if name not in props:
                        props[name] = doc_region
            parent_id = raw.get("parent")
            # Built with object.__new__ and slot stores rather than Node(...): a call with eight
            # arguments costs twice as much, and this runs for every node of every validation.
            node = new(Node)
            node.id = node_id = raw["id"]
            node.type = type_key
            node.props = props
            node.parent = parent_id
            node.label = raw.get("label") or ""
            node.named = node.kinded = None
            # Parents usually come before their children: placed in this same pass.
            place = top if parent_id is None else inside.get(parent_id)
            if place is not None:
                node.region, node.vpc, node.subnet = place
                if container:
                    inside[node_id] = _inside(node)
            else:
                node.region, node.vpc, node.subnet = "", None, None  # placed by _place below
                unplaced.append(node)
            nodes[node_id] = node
            by_type[type_key].append(node)
        out_edges: defaultdict[str, list[Edge]] = defaultdict(list)
        in_edges: defaultdict[str, list[Edge]] = defaultdict(list)
        edges: list[Edge] = []
        append = edges.append
        for raw in doc.get("edges") or ():
            source_id, target_id = raw["source"], raw["target"]
            edge = new(Edge)  # as for nodes: cheaper than Edge(...)
            edge.id, edge.source, edge.target = raw["id"], nodes[source_id], nodes[target_id]
            append(edge)
            out_edges[source_id].append(edge)
            in_edges[target_id].append(edge)
        self.nodes = nodes
        # Plain dicts from here on: a lookup of a missing key must not insert it.
        self.by_type: dict[str, list[Node]] = dict(by_type)
        self.out_edges: dict[str, list[Edge]] = dict(out_edges)
        self.in_edges: dict[str, list[Edge]] = dict(in_edges)
        self.edges: list[Edge] = edges
        if unplaced:
            self._place(unplaced)

    def _place(self, unplaced: list[Node]) -> None:
        """Place the nodes listed before their parent: walk up to a placed ancestor, once per chain."""
        nodes, doc_region = self.nodes, self.doc_region
        for node in unplaced:
            if node.region:
                continue
            chain = [node]
            cur = nodes.get(node.parent) if node.parent else None
            # A validated document has no loops; the length guard keeps a bad one from hanging
            # the engine (the loop's nodes are then placed at the top).
            while cur is not None and not cur.region and len(chain) <= len(nodes):
                chain.append(cur)
                cur = nodes.get(cur.parent) if cur.parent else None
            top = chain.pop()
            if cur is not None and cur.region:
                _inherit(top, cur)
            else:
                top.region = doc_region
            for child in reversed(chain):
                _inherit(child, top)
                top = child

    # Small questions the rules ask ------------------------------------------------------

    def of_type(self, *types: str) -> Iterable[Node]:
        """The nodes of the given types, in document order (type by type)."""
        if len(types) == 1:  # the common case: the list itself, no generator to step through
            return self.by_type.get(types[0], ())
        return [node for t in types for node in self.by_type.get(t, ())]

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

    @staticmethod
    def in_vpc(node: Node) -> bool:
        """In a VPC: a VPC or a subnet contains the node, at any depth."""
        return node.vpc is not None or node.subnet is not None

    @classmethod
    def called(cls, word: str, node: Node) -> str:
        """``word`` and the node's name, without saying it twice: "API orders (api)", but
        "API Gateway (api)" for a node labelled API Gateway, not "API API Gateway (api)".
        ``word`` is one of :data:`CALLED_WORDS` (each has its template in both languages)."""
        assert word in CALLED_WORDS, word
        name = cls.name(node)
        words = node.label.lower().split()
        *before, last = word.split()
        if all(w.lower() in words for w in (*before, last)):
            return name
        if last.lower() in words:
            return i18n.t(" ".join([*before, "{name}"]), name=name) if before else name
        return i18n.t(word + " {name}", name=name)

    @classmethod
    def kind(cls, node: Node) -> str:
        """The node named with its type, saying the type once: "S3 bucket uploads (b)", but
        "S3 bucket (b)" for a bucket labelled "S3 bucket" (or "S3 버킷", the palette's Korean),
        not "S3 bucket S3 bucket (b)". The type is said in the reader's language."""
        kinded = node.kinded
        if kinded is not None:
            return kinded
        name = cls.name(node)
        key = (node.type, node.label)
        says = _SAYS_TYPE.get(key)
        if says is None:  # once per type and label (most labels are the palette's)
            if len(_SAYS_TYPE) > 50_000:
                _SAYS_TYPE.clear()
            words = set(node.label.lower().split())
            says = _SAYS_TYPE[key] = bool(words) and any(said <= words for said in _type_words(node.type))
        kinded = node.kinded = name if says else i18n.t("{kind} {name}", kind=_type_text(node.type), name=name)
        return kinded

    @staticmethod
    def name(node: Node) -> str:
        """How a message names a node: its label when it has one, and always its id."""
        named = node.named
        if named is None:
            # Labels may hold newlines and tabs; a message is one line.
            label = " ".join(node.label.split())
            named = node.named = f"{label} ({node.id})" if label and label != node.id else node.id
        return named


Place = tuple[str, "str | None", "str | None"]  # region, VPC id, subnet id

_TYPE_LABEL = {t.key: t.label for t in catalog.all_types()}
#: Per type, the words of its label in each language (lower case, "/" left out), made at the
#: first finding that names a node of that type.
_TYPE_WORDS: dict[str, list[frozenset[str]]] = {}
#: (type, label) -> does the label already say the type? (:meth:`Index.kind`)
_SAYS_TYPE: dict[tuple[str, str], bool] = {}


def _type_text(type_key: str) -> i18n.Text:
    return i18n.t(_TYPE_LABEL[type_key])


def _type_words(type_key: str) -> list[frozenset[str]]:
    said = _TYPE_WORDS.get(type_key)
    if said is None:
        label = _type_text(type_key)
        said = _TYPE_WORDS[type_key] = [
            frozenset(i18n.render(label, lang).lower().split()) - {"/"} for lang in i18n.LANGUAGES
        ]
    return said


#: The words :meth:`Index.called` puts before a node's name.
CALLED_WORDS = ("client", "API", "CloudFront distribution", "edge-optimized API")


def called_templates() -> list[str]:
    """Every template :meth:`Index.called` can make (for the completeness test)."""
    out = ["{kind} {name}"]
    for word in CALLED_WORDS:
        *before, _ = word.split()
        out.append(word + " {name}")
        if before:
            out.append(" ".join([*before, "{name}"]))
    return out


def _inside(container: Node) -> Place:
    """Where the children of a placed ``container`` are: its region, VPC and subnet."""
    t = container.type
    region = (container.props.get("region") or container.region) if t == REGION else container.region
    return (
        region,
        container.id if t == VPC else container.vpc,
        container.id if t == SUBNET else container.subnet,
    )


def _inherit(node: Node, parent: Node) -> None:
    """Place ``node`` inside ``parent`` (already placed)."""
    node.region, node.vpc, node.subnet = _inside(parent)


def number(value: Any) -> str:
    """A number as a person writes it: 128 not 128.0, 0.25 as is."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

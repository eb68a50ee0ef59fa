"""The building blocks of the component catalog: props, connections and component types.

Pure Python, no Django: the document schema, the rules, the renderer, the API and the
editor's palette all read these entries. A type is declared once, in one family module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PropKind = Literal["integer", "number", "string", "boolean", "choice", "string_list", "string_map"]
Severity = Literal["error", "warning", "info"]
#: What a limit measures: the number itself, the UTF-8 bytes of a map's keys plus values, or
#: the number of items of a list.
Measure = Literal["value", "utf8_bytes", "items"]

#: Sentinel default: the prop takes the document's value of the same name (``aws.region``'s
#: ``region`` defaults to the document's ``region``).
FROM_DOCUMENT = "$document"


@dataclass(frozen=True)
class Limit:
    """One of AWS's limits on a prop: a value outside it is a *valid* document with a finding.

    The limit is declared here once, with the rule that reports it and that rule's severity;
    ``builder.rules.limits`` turns every limit into findings, and the editor shows the same
    severity and ``text`` inline (``GET /api/catalog/``). A value breaks the limit when it is
    under ``min``, over ``max``, or (``integer``) not a whole number. ``when`` restricts the
    limit to nodes whose prop ``when[0]`` is one of ``when[1]`` (a zip package, a viewer
    trigger). ``text`` says the limit in words, ``hint`` how to fix a value outside it.
    Several limits of one rule on one node make one finding.
    """

    rule: str
    severity: Severity
    text: str
    hint: str
    min: float | None = None
    max: float | None = None
    integer: bool = False
    when: tuple[str, tuple[str, ...]] | None = None
    measure: Measure = "value"
    #: "node": each node's value is checked against the limit (by ``builder.rules.limits``);
    #: "region": the values of a region's nodes add up against it (its rule does that).
    scope: Literal["node", "region"] = "node"

    def applies(self, props: dict[str, Any]) -> bool:
        """Does the limit hold for a node with these props (defaults applied)?"""
        return self.when is None or props.get(self.when[0]) in self.when[1]

    def broken_by(self, value: Any) -> bool:
        """Is ``value`` (already measured, see :func:`measure`) outside the limit?"""
        if value is None or isinstance(value, bool):
            return False
        if self.integer and not (isinstance(value, int) or (isinstance(value, float) and value.is_integer())):
            return True
        return (self.min is not None and value < self.min) or (self.max is not None and value > self.max)

    def measure_of(self, value: Any) -> Any:
        """The number the limit compares: the value, its UTF-8 size, or its length."""
        if self.measure == "utf8_bytes":
            return sum(len(k.encode()) + len(v.encode()) for k, v in value.items()) if value else 0
        if self.measure == "items":
            return len(value) if value else 0
        return value

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "text": self.text,
            "hint": self.hint,
            "min": self.min,
            "max": self.max,
            "integer": self.integer,
            "when": {"prop": self.when[0], "values": list(self.when[1])} if self.when else None,
            "measure": self.measure,
            "scope": self.scope,
        }


#: The limit of every size, count and duration: nothing of the kind is below zero (a typo,
#: or a value no AWS API takes). One rule, ``PROP_NEGATIVE``, reports it for every such prop.
NOT_NEGATIVE = Limit(
    "PROP_NEGATIVE",
    "error",
    "it cannot be negative",
    "Enter zero or more: a size, a count or a duration is never below zero.",
    min=0,
)


@dataclass(frozen=True)
class Prop:
    """One property of a component type.

    ``kind`` and ``choices`` are enforced by the document schema (a wrong kind makes the
    document invalid), and so are ``max_length``/``max_items``: structural caps that protect
    the server, set far above any AWS limit. AWS's limits are ``limits``
    (:class:`Limit`): a value outside them is a *valid* document with a finding.
    ``aws_min``/``aws_max`` in the JSON are the widest bounds of those limits, for a number
    input's range.
    """

    name: str
    kind: PropKind
    default: Any
    label: str
    help: str = ""
    unit: str | None = None
    choices: tuple[str, ...] = ()
    nullable: bool = False
    limits: tuple[Limit, ...] = ()
    max_length: int = 256  # strings, list items and map keys/values
    max_items: int = 100  # lists and maps

    @property
    def aws_min(self) -> float | None:
        return self._widest("min")

    @property
    def aws_max(self) -> float | None:
        return self._widest("max")

    def _widest(self, end: Literal["min", "max"]) -> float | None:
        """The widest bound any node may have: limits that always hold (no ``when``) all
        apply, so the tightest of them counts; limits that hold only for some nodes (a viewer
        or an origin trigger) are alternatives, so the loosest of them counts, and one of
        them without that bound leaves it open."""
        value_limits = [limit for limit in self.limits if limit.measure == "value"]
        tight, loose = (max, min) if end == "min" else (min, max)
        always = [b for limit in value_limits if limit.when is None and (b := getattr(limit, end)) is not None]
        some = [getattr(limit, end) for limit in value_limits if limit.when is not None]
        bounds = [tight(always)] if always else []
        if some and None not in some:
            bounds.append(loose(some))
        return tight(bounds) if bounds else None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "label": self.label,
            "help": self.help,
            "unit": self.unit,
            "default": self.default,
            "default_from_document": self.default == FROM_DOCUMENT,
            "choices": list(self.choices),
            "nullable": self.nullable,
            "aws_min": self.aws_min,
            "aws_max": self.aws_max,
            "limits": [limit.as_json() for limit in self.limits],
            "max_length": self.max_length,
            "max_items": self.max_items,
        }


#: What an edge source -> target means. Shown in the editor and used by the rules.
LinkKind = Literal[
    "invoke",  # source calls target synchronously (API -> Lambda, Lambda -> Lambda)
    "trigger",  # target is invoked by events of source (S3 -> Lambda, SNS -> SQS)
    "stream",  # target consumes source's change stream (DynamoDB -> Lambda)
    "poll",  # target's event source mapping polls source (SQS -> Lambda)
    "read_write",  # source reads from or writes to target
    "cache",  # source caches target (DAX -> DynamoDB)
    "connect",  # source opens connections to target (Lambda -> RDS Proxy)
    "route",  # source routes requests to target (Route 53, ALB, CloudFront origin)
    "origin",  # CloudFront distribution -> origin
    "attach",  # an edge function or certificate is attached to target
    "authorize",  # source authenticates users against target (API -> Cognito)
    "credentials",  # source gets AWS credentials from target (client -> identity pool)
    "egress",  # through a NAT gateway or VPC endpoint
    "notify",  # alarm actions, log subscriptions, metrics
]


@dataclass(frozen=True)
class Connection:
    target: str
    kind: LinkKind
    label: str  # short verb for the editor: "invokes", "triggers", ...
    #: The AWS feature the edge stands for ("event notification"), filled in from
    #: ``builder/catalog/features.py`` when the catalog is assembled.
    feature: str = ""
    #: A condition on the source's props: (prop, allowed values). A VPC endpoint reaches only
    #: its own service.
    source_props: tuple[str, tuple[str, ...]] | None = None

    def allows(self, source_props: dict[str, Any]) -> bool:
        return self.source_props is None or source_props.get(self.source_props[0]) in self.source_props[1]


@dataclass(frozen=True)
class ComponentType:
    """One AWS component (or container) the user can place on the canvas."""

    key: str
    label: str
    category: str
    description: str
    icon: str  # "aws/compute/lambda.png" (diagrams' resources) or "builder:lambda-edge.png"
    diagrams_class: str | None  # dotted path of the diagrams node class; None for containers
    props: tuple[Prop, ...] = ()
    container: bool = False
    #: Container types this component may sit in, as AWS allows it ("" = top level).
    parents: tuple[str, ...] = ("", "aws.region")
    #: Further conditions on a parent: (parent type, its prop, allowed values); a NAT gateway
    #: sits in a subnet whose visibility is public.
    parent_props: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    #: Global services (CloudFront, Route 53, Cognito...) never belong inside a VPC.
    global_service: bool = False
    #: Outgoing edges AWS supports from this type.
    connects_to: tuple[Connection, ...] = ()
    #: Icon variants chosen by a prop: (prop name, {value: icon}).
    icon_by_prop: tuple[str, dict[str, str]] | None = None
    aws_docs: str = ""
    default_size: tuple[int, int] | None = None  # containers: width, height on the canvas

    _props_by_name: dict[str, Prop] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._props_by_name.update({p.name: p for p in self.props})

    def prop(self, name: str) -> Prop | None:
        return self._props_by_name.get(name)

    def connection_to(self, target_type: str) -> Connection | None:
        for c in self.connects_to:
            if c.target == target_type:
                return c
        return None


def links(kind: LinkKind, label: str, *targets: str) -> tuple[Connection, ...]:
    """Several connections of one kind, for compact declarations."""
    return tuple(Connection(t, kind, label) for t in targets)

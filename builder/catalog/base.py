"""The building blocks of the component catalog: props, connections and component types.

Pure Python, no Django: the document schema, the rules, the renderer, the API and the
editor's palette all read these entries. A type is declared once, in one family module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PropKind = Literal["integer", "number", "string", "boolean", "choice", "string_list", "string_map"]

#: Sentinel default: the prop takes the document's value of the same name (``aws.region``'s
#: ``region`` defaults to the document's ``region``).
FROM_DOCUMENT = "$document"


@dataclass(frozen=True)
class Prop:
    """One property of a component type.

    ``kind`` and ``choices`` are enforced by the document schema (a wrong kind makes the
    document invalid). ``aws_min``/``aws_max`` are AWS's limits: informative for the editor,
    enforced by the rules (a value outside them is a *valid* document with a finding).
    """

    name: str
    kind: PropKind
    default: Any
    label: str
    help: str = ""
    unit: str | None = None
    choices: tuple[str, ...] = ()
    nullable: bool = False
    aws_min: float | None = None
    aws_max: float | None = None
    max_length: int = 256  # strings, list items and map keys/values
    max_items: int = 100  # lists and maps

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

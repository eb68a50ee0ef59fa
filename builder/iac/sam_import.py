"""SAM/CloudFormation template -> document: components, edges, containers and a report.

Pure, no Django. Known resource types (``builder/iac/mapping.py``) become components with
their props (SAM ``Globals`` applied); references, ``Events``, event source mappings and
subscriptions become edges in the direction of the call (only those the catalog allows);
VPCs and subnets become containers. Every other resource is listed in the report with its
type, logical id and line: nothing is dropped silently. The template itself is kept in the
document (``document["iac"]``) so that an export gives it back (see ``sam_export.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from builder import catalog, document
from builder.i18n import t

from .decode import Decoded, decode, line_of
from .mapping import EDGE_FUNCTION, EDGE_TRIGGER, FOLDED, MAPPINGS, Skip, describe, props_of

SUB_REF = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
#: Property keys handled on purpose, not by the generic "a reference is a call" rule.
_OWN_KEYS = frozenset({"Events", "VpcConfig", "Role", "Layers", "CodeUri", "Code", "DeadLetterQueue", "VpcId"})


_NAME_KEYS = ("BucketName", "TableName", "QueueName", "TopicName", "FunctionName", "StateMachineName")


def _grants_event_source(policy: Any) -> bool:
    """SAM policy templates that let an event source mapping read (the edge comes from the event)."""
    return isinstance(policy, dict) and any(str(k).endswith(("PollerPolicy", "StreamReadPolicy")) for k in policy)


@dataclass
class Imported:
    document: dict[str, Any]
    report: list[dict[str, Any]]


@dataclass
class _Node:
    id: str
    type: str
    label: str
    logical_id: str | None
    line: int | None
    props: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None


def refs(value: Any) -> Iterator[str]:
    """Every name a value refers to (``Ref``, ``Fn::GetAtt``, ``${Name}`` in ``Fn::Sub``), in order."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if len(v) == 1:
                ((k, x),) = v.items()
                if k == "Ref" and isinstance(x, str):
                    yield str(x).split(".", 1)[0]  # SAM's ``!Ref Fn.Version`` / ``Fn.Alias``
                    continue
                if k == "Fn::GetAtt":
                    if isinstance(x, list) and x and isinstance(x[0], str):
                        yield str(x[0])
                    elif isinstance(x, str):
                        yield x.split(".", 1)[0]
                    continue
                if k == "Fn::Sub":
                    text = x[0] if isinstance(x, list) and x else x
                    if isinstance(text, str):
                        yield from SUB_REF.findall(text)
                    if isinstance(x, list) and len(x) > 1:
                        stack.append(x[1])
                    continue
            stack.extend(reversed(list(v.values())))
        elif isinstance(v, list):
            stack.extend(reversed(v))


def merge_globals(glob: Any, props: Any) -> Any:
    """SAM's rule: the resource's value wins, maps merge, lists add up (Globals' first)."""
    if isinstance(glob, dict) and isinstance(props, dict) and not _intrinsic(glob) and not _intrinsic(props):
        out = dict(glob)
        for k, v in props.items():
            out[k] = merge_globals(glob[k], v) if k in glob else v
        return out
    if isinstance(glob, list) and isinstance(props, list):
        return [*glob, *props]
    return props


def _intrinsic(v: Any) -> bool:
    return isinstance(v, dict) and len(v) == 1 and (next(iter(v)) == "Ref" or str(next(iter(v))).startswith("Fn::"))


def _get(props: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(props, dict) or key not in props:
            return None
        props = props[key]
    return props


def node_id(logical_id: str, taken: set[str]) -> str:
    """A document id for a logical id: itself when it fits the id rules."""
    base = logical_id if document.ID_RE.match(logical_id) else ""
    if not base:
        clean = re.sub(r"[^A-Za-z0-9_.-]", "", logical_id)[:48] or "node"
        base = f"{clean}-{hashlib.sha256(logical_id.encode()).hexdigest()[:8]}"
    out, n = base, 2
    while out in taken:
        out = f"{base[:60]}-{n}"
        n += 1
    taken.add(out)
    return out


class _Importer:
    def __init__(self, decoded: Decoded, filename: str, *, arrange: bool = True) -> None:
        self.arrange = arrange
        self.t = decoded.template
        self.decoded = decoded
        self.filename = filename
        self.resources: dict[str, Any] = self.t["Resources"]
        params = self.t.get("Parameters")
        self.params: dict[str, Any] = params if isinstance(params, dict) else {}
        glob = self.t.get("Globals")
        self.globals: dict[str, Any] = glob if isinstance(glob, dict) else {}
        transform = self.t.get("Transform")
        names = transform if isinstance(transform, list) else [transform]
        self.sam = any(isinstance(n, str) and n.startswith("AWS::Serverless") for n in names)
        self.nodes: dict[str, _Node] = {}  # by logical id (or implicit name)
        self.edges: list[tuple[str, str, str]] = []  # logical ids and a label
        self.report: list[dict[str, Any]] = []
        self.taken: set[str] = set()
        self.merged: dict[str, dict[str, Any]] = {}

    # -- helpers ---------------------------------------------------------------------------
    def note(self, logical_id: str | None, rtype: str, line: int | None, status: str, message: str) -> None:
        self.report.append(
            {"logical_id": logical_id, "type": rtype, "line": line, "status": status, "message": message}
        )

    def props(self, logical_id: str) -> dict[str, Any]:
        return self.merged.get(logical_id, {})

    def rtype(self, logical_id: str) -> str:
        res = self.resources.get(logical_id)
        return str(res.get("Type")) if isinstance(res, dict) else ""

    def literal(self, value: Any) -> Any:
        """A parameter's default stands in for ``!Ref Param``."""
        if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in self.params:
            param = self.params[value["Ref"]]
            if isinstance(param, dict) and "Default" in param:
                return param["Default"]
        return value

    def edge(self, source: str, target: str, label: str = "") -> bool:
        """An edge between two drawn resources when the catalog allows it (once)."""
        a, b = self.nodes.get(source), self.nodes.get(target)
        if not a or not b or a is b or not catalog.connection(a.type, b.type):
            return False
        if not any(s == source and d == target for s, d, _ in self.edges):
            self.edges.append((source, target, label))
        return True

    def label_edge(self, source: str, target: str, label: str) -> None:
        """Draw the edge source -> target (if the catalog has it) with this label."""
        if self.edge(source, target, label):
            self.edges = [(s, d, label if (s, d) == (source, target) else lb) for s, d, lb in self.edges]

    def implicit(
        self, name: str, type_key: str, label: str, props: dict[str, Any] | None = None, line: int | None = None
    ) -> str:
        """A component SAM creates from an event (``ServerlessRestApi``, a schedule), at the event's line."""
        if name not in self.nodes:
            self.nodes[name] = _Node(node_id(name, self.taken), type_key, label, None, line, props or {})
        return name

    def first_ref(self, value: Any, *types: str) -> str | None:
        for name in refs(value):
            node = self.nodes.get(name)
            if node and (not types or node.type in types):
                return name
        return None

    # -- passes ----------------------------------------------------------------------------
    def run(self) -> Imported:
        # A parameter that names a resource (``BucketName: !Ref BucketNameParam``) stands for it
        # wherever else it is used (``S3CrudPolicy: {BucketName: !Ref BucketNameParam}``).
        self.named: dict[str, str] = {}
        for lid, res in self.resources.items():
            props = res.get("Properties") if isinstance(res.get("Properties"), dict) else {}
            for key in _NAME_KEYS:
                value = props.get(key) if isinstance(props, dict) else None
                if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in self.params:
                    self.named.setdefault(str(value["Ref"]), str(lid))
        for key, line in self.decoded.duplicates:
            self.note(
                None,
                "",
                line,
                "note",
                t("duplicate key {key!r}: the last value counts, as in every YAML parser", key=key),
            )
        for lid, res in self.resources.items():
            self.resource(str(lid), res, line_of(lid) or line_of(res))
        for lid in list(self.resources):
            if lid in self.nodes:
                self.wire(lid)
        self.separate_wiring()
        self.containers()
        return self.result()

    def resource(self, lid: str, res: dict[str, Any], line: int | None) -> None:
        rtype = str(res["Type"])
        props = res.get("Properties")
        props = props if isinstance(props, dict) else {}
        mapping = MAPPINGS.get(rtype)
        if mapping and self.sam and mapping.globals_section and mapping.globals_section in self.globals:
            props = merge_globals(self.globals[mapping.globals_section], props)
        self.merged[lid] = props
        if mapping is None:
            if rtype in FOLDED:
                self.note(lid, rtype, line, "folded", t("drawn as {what}", what=t(FOLDED[rtype])))
            else:
                self.note(lid, rtype, line, "not_drawn", t("no component type for it: kept in the template"))
            return
        values: dict[str, Any] = dict(mapping.implied)
        for f in props_of(mapping):
            raw = _get(props, f.path)
            if raw is None:
                continue
            try:
                values[f.prop] = f.read(self.literal(raw))
            except Skip:
                self.note(
                    lid,
                    rtype,
                    line_of(raw) or line,
                    "note",
                    t(
                        "{path} is {value}: kept in the template; the diagram shows the default",
                        path=".".join(f.path),
                        value=describe(raw)[:80],
                    ),
                )
        spec = catalog.get(mapping.component)
        assert spec is not None
        values = {k: v for k, v in values.items() if spec.prop(k) is not None}
        self.nodes[lid] = _Node(node_id(lid, self.taken), mapping.component, lid[:200], lid, line, values)

    def wire(self, lid: str) -> None:
        node = self.nodes[lid]
        props = self.props(lid)
        rtype = self.rtype(lid)
        # A reference from A's properties to B is a call A -> B when the catalog has one.
        for key, value in props.items():
            if key in _OWN_KEYS:
                continue
            if key == "Policies":
                value = [p for p in (value if isinstance(value, list) else [value]) if not _grants_event_source(p)]
            for name in refs(value):
                self.edge(lid, self.named.get(name, name))
                if node.type == "cloudwatch.alarm":  # an alarm watches what it names
                    self.edge(self.named.get(name, name), lid)
        if node.type == "lambda.function":
            self.function(lid, props)
        if rtype in ("AWS::Serverless::Function", "AWS::Serverless::StateMachine"):
            self.events(lid, props.get("Events"))
        if node.type == "sqs.queue":
            dlq = _get(props, ("RedrivePolicy", "deadLetterTargetArn"))
            if dlq is not None and (target := self.first_ref(dlq, "sqs.queue")):
                self.edge(lid, target, "dead letters")
        if node.type == "apigateway.api":
            self.api_auth(lid, props)
        if node.type == "cloudfront.distribution":
            self.distribution(lid, props)
        if node.type == "aws.subnet":
            node.parent = self.first_ref(props.get("VpcId"), "aws.vpc")

    def function(self, lid: str, props: dict[str, Any]) -> None:
        dlq = _get(props, ("DeadLetterQueue", "TargetArn")) or _get(props, ("DeadLetterConfig", "TargetArn"))
        if dlq is not None and (target := self.first_ref(dlq)):
            self.edge(lid, target, "dead letters")
        vpc = props.get("VpcConfig")
        if isinstance(vpc, dict) and vpc.get("SubnetIds") is not None:
            subnet = self.first_ref(vpc["SubnetIds"], "aws.subnet")
            if subnet:
                self.nodes[lid].parent = subnet
            else:
                self.note(
                    lid,
                    self.rtype(lid),
                    line_of(vpc) or self.nodes[lid].line,
                    "note",
                    t(
                        "VpcConfig.SubnetIds is {value}: the subnets are not in the template, "
                        "so the function is drawn outside them",
                        value=describe(self.literal(vpc["SubnetIds"]))[:60],
                    ),
                )

    def events(self, lid: str, events: Any) -> None:
        if not isinstance(events, dict):
            return
        for name, event in events.items():
            if not isinstance(event, dict):
                continue
            etype = str(event.get("Type", ""))
            eline = line_of(name) or line_of(event)
            p = event.get("Properties")
            p = p if isinstance(p, dict) else {}
            source: str | None = None
            if etype == "Api":
                source = self.first_ref(p.get("RestApiId"), "apigateway.api") or self.implicit(
                    "ServerlessRestApi",
                    "apigateway.api",
                    "ServerlessRestApi",
                    {"protocol": "rest", "endpoint_type": "edge"},
                    eline,
                )
            elif etype == "HttpApi":
                source = self.first_ref(p.get("ApiId"), "apigateway.api") or self.implicit(
                    "ServerlessHttpApi", "apigateway.api", "ServerlessHttpApi", {"protocol": "http"}, eline
                )
            elif etype in ("S3", "SNS", "SQS", "DynamoDB", "Cognito"):
                key = {"S3": "Bucket", "SNS": "Topic", "SQS": "Queue", "DynamoDB": "Stream", "Cognito": "UserPool"}[
                    etype
                ]
                source = self.first_ref(p.get(key))
            elif etype in ("Schedule", "ScheduleV2", "EventBridgeRule", "CloudWatchEvent"):
                schedule = p.get("Schedule", p.get("ScheduleExpression", ""))
                schedule = self.literal(schedule)
                source = self.implicit(
                    f"{lid}{name}",
                    "eventbridge.rule",
                    f"{name}",
                    {"schedule": schedule if isinstance(schedule, str) else ""},
                    eline,
                )
            if source and self.edge(source, lid, str(name)):
                continue
            where = eline or self.nodes[lid].line
            what = t("event {name} ({type})", name=name, type=etype or t("no Type"))
            self.note(
                lid,
                self.rtype(lid),
                where,
                "note",
                t("{what}: its source is not drawn; kept in the template", what=what),
            )

    def api_auth(self, lid: str, props: dict[str, Any]) -> None:
        auth = props.get("Auth")
        kind = "none"
        if isinstance(auth, dict):
            authorizers = auth.get("Authorizers") if isinstance(auth.get("Authorizers"), dict) else {}
            default = auth.get("DefaultAuthorizer")
            chosen = authorizers.get(default) if isinstance(default, str) else None
            if default == "AWS_IAM":
                kind = "iam"
            elif chosen is None and authorizers:
                chosen = next(iter(authorizers.values()))
            if isinstance(chosen, dict):
                if "UserPoolArn" in chosen or "JwtConfiguration" in chosen:
                    kind = "cognito"
                elif "FunctionArn" in chosen:
                    kind = "lambda"
                    if fn := self.first_ref(chosen["FunctionArn"], "lambda.function"):
                        self.label_edge(lid, fn, "authorizer")  # as the exporter reads it back
        if kind != "none" and catalog.get("apigateway.api").prop("authorizer"):  # type: ignore[union-attr]
            self.nodes[lid].props["authorizer"] = kind

    def distribution(self, lid: str, props: dict[str, Any]) -> None:
        config = props.get("DistributionConfig")
        if not isinstance(config, dict):
            return
        behaviors = [config.get("DefaultCacheBehavior")]
        if isinstance(config.get("CacheBehaviors"), list):
            behaviors += config["CacheBehaviors"]
        for b in behaviors:
            if not isinstance(b, dict):
                continue
            for assoc in b.get("FunctionAssociations") or []:
                if isinstance(assoc, dict) and (fn := self.first_ref(assoc.get("FunctionARN"), "cloudfront.function")):
                    with contextlib.suppress(Skip):
                        self.nodes[fn].props["trigger"] = EDGE_TRIGGER(assoc.get("EventType"))
                    self.edge(lid, fn, str(assoc.get("EventType", "")))
            for assoc in b.get("LambdaFunctionAssociations") or []:
                if not isinstance(assoc, dict):
                    continue
                fn = self.first_ref(assoc.get("LambdaFunctionARN"), "lambda.function", EDGE_FUNCTION)
                if fn:
                    self.as_edge_function(fn, assoc.get("EventType"))
                    self.edge(lid, fn, str(assoc.get("EventType", "")))

    def as_edge_function(self, fn: str, event_type: Any) -> None:
        node = self.nodes[fn]
        spec = catalog.get(EDGE_FUNCTION)
        assert spec is not None
        node.type = EDGE_FUNCTION
        node.props = {k: v for k, v in node.props.items() if spec.prop(k) is not None}
        node.parent = None
        with contextlib.suppress(Skip):
            node.props["trigger"] = EDGE_TRIGGER(event_type)
        self.edges = [
            (s, d, label) for s, d, label in self.edges if catalog.connection(self.nodes[s].type, self.nodes[d].type)
        ]

    def separate_wiring(self) -> None:
        """Resources that are an edge between two others: mappings, subscriptions, integrations."""
        for lid, res in self.resources.items():
            rtype = str(res.get("Type"))
            p = self.props(lid)
            pairs: list[tuple[Any, Any, str]] = []
            if rtype == "AWS::Lambda::EventSourceMapping":
                pairs.append((p.get("EventSourceArn"), p.get("FunctionName"), "event source mapping"))
            elif rtype == "AWS::SNS::Subscription":
                pairs.append((p.get("TopicArn"), p.get("Endpoint"), str(p.get("Protocol", ""))))
            elif rtype == "AWS::ApiGatewayV2::Integration":
                pairs.append((p.get("ApiId"), p.get("IntegrationUri"), "integration"))
            elif rtype == "AWS::ApiGatewayV2::Authorizer":
                pairs.append((p.get("ApiId"), p.get("AuthorizerUri"), "authorizer"))
                api = self.first_ref(p.get("ApiId"), "apigateway.api")
                if api:
                    kind = "cognito" if str(p.get("AuthorizerType", "")).upper() == "JWT" else "lambda"
                    self.nodes[api].props["authorizer"] = kind
            elif rtype == "AWS::ApiGateway::Method":
                pairs.append((p.get("RestApiId"), _get(p, ("Integration", "Uri")), "integration"))
            elif rtype == "AWS::RDS::DBProxyTargetGroup":
                pairs.append(
                    (p.get("DBProxyName"), p.get("DBClusterIdentifiers") or p.get("DBInstanceIdentifiers"), "")
                )
            elif rtype == "AWS::Pipes::Pipe":
                pairs.append((p.get("Source"), p.get("Target"), "pipe"))
            for a, b, label in pairs:
                src, dst = self.first_ref(a), self.first_ref(b)
                if src and dst:
                    self.edge(src, dst, label)

    def containers(self) -> None:
        """Put VPC resources in their subnet (or VPC), through subnet groups where there are some."""
        groups: dict[str, Any] = {}
        for lid, res in self.resources.items():
            if str(res.get("Type")) in (
                "AWS::RDS::DBSubnetGroup",
                "AWS::ElastiCache::SubnetGroup",
                "AWS::DAX::SubnetGroup",
            ):
                groups[lid] = self.props(lid).get("SubnetIds")
        for lid, node in self.nodes.items():
            if node.logical_id is None or node.parent is not None:
                continue
            p = self.props(lid)
            where: Any = None
            if node.type in ("rds.database", "elasticache.cluster", "dynamodb.dax"):
                group = p.get("DBSubnetGroupName") or p.get("CacheSubnetGroupName") or p.get("SubnetGroupName")
                g = self.first_ref(group) if group is not None else None
                g = next((name for name in refs(group) if name in groups), g) if group is not None else None
                where = groups.get(g) if g else p.get("SubnetIds")
            elif node.type == "rds.proxy":
                where = p.get("VpcSubnetIds")
            elif node.type == "aws.nat_gateway":
                where = p.get("SubnetId")
            elif node.type == "elb.alb":
                where = p.get("Subnets")
            elif node.type == "aws.vpc_endpoint":
                where = p.get("SubnetIds")
                if where is None or not self.first_ref(where, "aws.subnet"):
                    node.parent = self.first_ref(p.get("VpcId"), "aws.vpc")
                    continue
            if where is not None:
                node.parent = self.first_ref(where, "aws.subnet")

    def result(self) -> Imported:
        ids = {lid: n.id for lid, n in self.nodes.items()}
        nodes = []
        for n in self.nodes.values():
            nodes.append(
                {
                    "id": n.id,
                    "type": n.type,
                    "label": n.label,
                    "parent": ids.get(n.parent) if n.parent else None,
                    "position": {"x": 0, "y": 0},
                    "props": n.props,
                }
            )
        edges = []
        taken = set(self.taken)
        for i, (s, d, label) in enumerate(self.edges, 1):
            eid = f"e{i}"
            while eid in taken:
                eid += "_"
            taken.add(eid)
            edges.append({"id": eid, "source": ids[s], "target": ids[d], "label": label[:200]})
        description = self.t.get("Description")
        name = self.filename
        if isinstance(description, str) and description.strip():
            # The first sentence or line of the description, at most 80 characters.
            first = re.split(r"(?<=[.!?])\s|\n", description.strip(), maxsplit=1)[0].rstrip(".")
            name = first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"
        doc: dict[str, Any] = {
            "schema": 1,
            "name": _clean(name, document.MAX_NAME) or "Imported template",
            "region": document.DEFAULT_REGION,
            "nodes": nodes,
            "edges": edges,
        }
        if self.arrange:
            from . import layout  # Graphviz and the renderer: not needed to validate a template

            layout.arrange(doc)
        doc["iac"] = {
            "format": "sam" if self.sam else "cloudformation",
            "syntax": self.decoded.syntax,
            "file": _clean(self.filename, 255) or "template.yaml",
            "template": self.decoded.text,
            "resources": {n.id: {"logical_id": n.logical_id, "line": n.line} for n in self.nodes.values()},
        }
        return Imported(doc, self.report)


def _clean(text: str, limit: int) -> str:
    return document.CONTROL_RE.sub(" ", str(text)).strip()[:limit]


def import_template(raw: bytes | str, filename: str = "template.yaml", *, arrange: bool = True) -> Imported:
    """A SAM/CloudFormation template as a document and a report; :class:`TemplateError` if unreadable.

    ``arrange=False`` skips the layout (the exporter re-imports a stored template to see what
    the user changed, and positions do not matter there).
    """
    return _Importer(decode(raw), filename, arrange=arrange).run()

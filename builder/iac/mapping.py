"""The CloudFormation <-> catalog mapping: which resource type is which component, which
property path is which prop. One table, read by the importer and both exporters.

Keys are the catalog's type keys and prop names (:mod:`builder.catalog` is the source of
truth; a field whose prop the catalog no longer has is ignored, and the check at the bottom
fails loudly on a type key the catalog does not know). To draw a new resource type, add a
:class:`Mapping` to ``MAPPINGS`` (and, for export, an entry in ``builder/iac/sam_export.py``'s
``_BUILDERS``). Intrinsic values (``!Ref Param``...) that are not a literal are kept in the
template and left at the prop's default in the diagram.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from builder import catalog
from builder.i18n import N_


class Skip(Exception):
    """The template's value cannot be a prop value (an intrinsic, a wrong kind)."""


def _number(v: Any) -> Any:
    if isinstance(v, bool):
        raise Skip
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, str):
        try:
            f = float(v)
        except ValueError:
            raise Skip from None
        return int(f) if f.is_integer() else f
    raise Skip


def _int(v: Any) -> Any:
    n = _number(v)
    if n != int(n):
        raise Skip
    return int(n)


def _string(v: Any) -> str:
    if isinstance(v, str) and not isinstance(v, bool):
        return str(v)
    raise Skip


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "false"):
        return v.lower() == "true"
    raise Skip


def _choice(table: dict[str, str]) -> Callable[[Any], str]:
    def read(v: Any) -> str:
        if isinstance(v, str) and v.lower() in table:
            return table[v.lower()]
        raise Skip

    return read


def _inverse(table: dict[str, str], *, upper: bool = False) -> Callable[[Any], Any]:
    back: dict[str, str] = {}
    for k, v in table.items():
        back.setdefault(v, k.upper() if upper else k)
    return lambda v: back[v]


def _env(v: Any) -> dict[str, str]:
    if not isinstance(v, dict):
        raise Skip
    out: dict[str, str] = {}
    for k, x in v.items():
        out[str(k)] = describe(x) if not isinstance(x, (str, int, float, bool)) else str(x)
    return out


def describe(value: Any) -> str:
    """A short text for an intrinsic (``!Ref Table``), for a prop that holds text."""
    if isinstance(value, dict) and len(value) == 1:
        ((k, v),) = value.items()
        name = "!" + k.removeprefix("Fn::")
        if k == "Fn::GetAtt" and isinstance(v, list):
            return f"{name} {'.'.join(str(x) for x in v)}"
        if isinstance(v, str):
            return f"{name} {v}"
        return name
    return str(value)[:200]


def _first(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def first(v: Any) -> Any:
        if isinstance(v, list) and len(v) == 1:
            return read(v[0])
        raise Skip

    return first


def _strings(v: Any) -> list[str]:
    if not isinstance(v, list):
        raise Skip
    return [describe(x) if isinstance(x, dict) else str(x) for x in v]


def _fargate_cpu(v: Any) -> Any:
    n = _number(v)
    return n / 1024 if n >= 128 else n  # "256" CPU units or "0.25 vCPU"


def _vpc_service(v: Any) -> str:
    text = v if isinstance(v, str) else describe(v)
    if isinstance(v, dict) and isinstance(v.get("Fn::Sub"), str):
        text = v["Fn::Sub"]
    tail = text.rsplit(".", 1)[-1]
    if tail in ("s3", "dynamodb", "sqs", "sns", "states", "events", "execute-api", "lambda"):
        return tail
    raise Skip


def _rds_engine(v: Any) -> str:
    if not isinstance(v, str):
        raise Skip
    v = v.lower()
    if v in ("aurora-postgresql", "aurora-mysql", "postgres", "mysql"):
        return v
    if v == "aurora":
        return "aurora-mysql"
    if v == "mariadb":
        return "mysql"
    raise Skip


def _endpoint_type(v: Any) -> str:
    if isinstance(v, dict):
        v = v.get("Types", [v.get("Type")])
        v = v[0] if isinstance(v, list) and v else v
    return _choice({"edge": "edge", "regional": "regional", "private": "private"})(v)


@dataclass(frozen=True)
class Field:
    """A prop read from (and written to) ``Properties`` at ``path``."""

    prop: str
    path: tuple[str, ...]
    read: Callable[[Any], Any]
    write: Callable[[Any], Any] = lambda v: v


@dataclass(frozen=True)
class Mapping:
    cfn_type: str
    component: str  # a catalog type key
    fields: tuple[Field, ...] = ()
    #: The SAM ``Globals`` section whose values apply to this type.
    globals_section: str | None = None
    #: Prop values when the template says nothing and CloudFormation's default is not the catalog's.
    implied: dict[str, Any] = field(default_factory=dict)


BILLING = {"pay_per_request": "on_demand", "provisioned": "provisioned"}
MFA = {"off": "off", "optional": "optional", "on": "required"}
ARCH = {"x86_64": "x86_64", "arm64": "arm64"}
PACKAGE = {"zip": "zip", "image": "image"}
WORKFLOW = {"standard": "standard", "express": "express"}
SCHEME = {"internet-facing": "internet-facing", "internal": "internal"}
CACHE_ENGINE = {"redis": "redis", "valkey": "valkey", "memcached": "memcached"}
TRIGGER = {
    "viewer-request": "viewer-request",
    "viewer-response": "viewer-response",
    "origin-request": "origin-request",
    "origin-response": "origin-response",
}

FUNCTION_FIELDS = (
    Field("memory_mb", ("MemorySize",), _number),
    Field("timeout_s", ("Timeout",), _number),
    Field("runtime", ("Runtime",), _string),
    Field("architecture", ("Architectures",), _first(_choice(ARCH)), lambda v: [v]),
    Field("package_type", ("PackageType",), _choice(PACKAGE), lambda v: v.capitalize()),
    Field("ephemeral_storage_mb", ("EphemeralStorage", "Size"), _number),
    Field("env", ("Environment", "Variables"), _env),
    Field("reserved_concurrency", ("ReservedConcurrentExecutions",), _int),
    Field("security_groups", ("VpcConfig", "SecurityGroupIds"), _strings),
)
EDGE_FUNCTION_FIELDS = (
    Field("memory_mb", ("MemorySize",), _number),
    Field("timeout_s", ("Timeout",), _number),
    Field("runtime", ("Runtime",), _string),
)
TABLE_FIELDS = (
    Field("capacity_mode", ("BillingMode",), _choice(BILLING), _inverse(BILLING, upper=True)),
    Field("stream_enabled", ("StreamSpecification",), lambda v: isinstance(v, dict), lambda v: v),
)
API_FIELDS = (Field("endpoint_type", ("EndpointConfiguration",), _endpoint_type, lambda v: v.upper()),)

MAPPINGS: dict[str, Mapping] = {
    m.cfn_type: m
    for m in (
        Mapping("AWS::Serverless::Function", "lambda.function", FUNCTION_FIELDS, "Function"),
        Mapping("AWS::Lambda::Function", "lambda.function", FUNCTION_FIELDS),
        Mapping(
            "AWS::Serverless::Api", "apigateway.api", API_FIELDS, "Api", {"protocol": "rest", "endpoint_type": "edge"}
        ),
        Mapping(
            "AWS::ApiGateway::RestApi",
            "apigateway.api",
            API_FIELDS,
            None,
            {"protocol": "rest", "endpoint_type": "edge"},
        ),
        Mapping("AWS::Serverless::HttpApi", "apigateway.api", (), "HttpApi", {"protocol": "http"}),
        Mapping(
            "AWS::ApiGatewayV2::Api",
            "apigateway.api",
            (Field("protocol", ("ProtocolType",), _choice({"http": "http", "websocket": "websocket"}), str.upper),),
            None,
            {"protocol": "http"},
        ),
        Mapping("AWS::Serverless::WebSocketApi", "apigateway.api", (), "WebSocketApi", {"protocol": "websocket"}),
        Mapping("AWS::DynamoDB::Table", "dynamodb.table", TABLE_FIELDS, None, {"capacity_mode": "provisioned"}),
        Mapping(
            "AWS::Serverless::SimpleTable",
            "dynamodb.table",
            (Field("capacity_mode", ("ProvisionedThroughput",), lambda v: "provisioned", lambda v: v),),
            "SimpleTable",
        ),
        Mapping("AWS::DAX::Cluster", "dynamodb.dax", (Field("nodes", ("ReplicationFactor",), _int),)),
        Mapping(
            "AWS::S3::Bucket",
            "s3.bucket",
            (
                Field(
                    "versioning",
                    ("VersioningConfiguration", "Status"),
                    lambda v: _string(v) == "Enabled",
                    lambda v: "Enabled" if v else "Suspended",
                ),
            ),
        ),
        Mapping("AWS::SNS::Topic", "sns.topic", (Field("fifo", ("FifoTopic",), _bool),)),
        Mapping(
            "AWS::SQS::Queue",
            "sqs.queue",
            (Field("fifo", ("FifoQueue",), _bool), Field("visibility_timeout_s", ("VisibilityTimeout",), _number)),
        ),
        Mapping(
            "AWS::Events::Rule",
            "eventbridge.rule",
            (Field("schedule", ("ScheduleExpression",), _string),),
        ),
        Mapping(
            "AWS::Scheduler::Schedule",
            "eventbridge.rule",
            (Field("schedule", ("ScheduleExpression",), _string),),
        ),
        Mapping(
            "AWS::Serverless::StateMachine",
            "stepfunctions.state_machine",
            (Field("workflow_type", ("Type",), _choice(WORKFLOW), str.upper),),
            "StateMachine",
        ),
        Mapping(
            "AWS::StepFunctions::StateMachine",
            "stepfunctions.state_machine",
            (Field("workflow_type", ("StateMachineType",), _choice(WORKFLOW), str.upper),),
        ),
        Mapping(
            "AWS::Cognito::UserPool",
            "cognito.user_pool",
            (Field("mfa", ("MfaConfiguration",), _choice(MFA), _inverse(MFA, upper=True)),),
        ),
        Mapping("AWS::Cognito::IdentityPool", "cognito.identity_pool"),
        Mapping(
            "AWS::CloudFront::Distribution",
            "cloudfront.distribution",
            (Field("price_class", ("DistributionConfig", "PriceClass"), _string),),
        ),
        Mapping(
            "AWS::CloudFront::Function",
            "cloudfront.function",
            (Field("runtime", ("FunctionConfig", "Runtime"), _string),),
        ),
        Mapping("AWS::EC2::VPC", "aws.vpc", (Field("cidr", ("CidrBlock",), _string),)),
        Mapping(
            "AWS::EC2::Subnet",
            "aws.subnet",
            (
                Field(
                    "visibility",
                    ("MapPublicIpOnLaunch",),
                    lambda v: "public" if _bool(v) else "private",
                    lambda v: v == "public",
                ),
                Field("az", ("AvailabilityZone",), _string),
            ),
        ),
        Mapping("AWS::EC2::NatGateway", "aws.nat_gateway"),
        Mapping("AWS::EC2::VPCEndpoint", "aws.vpc_endpoint", (Field("service", ("ServiceName",), _vpc_service),)),
        Mapping("AWS::RDS::DBCluster", "rds.database", (Field("engine", ("Engine",), _rds_engine),)),
        Mapping("AWS::RDS::DBInstance", "rds.database", (Field("engine", ("Engine",), _rds_engine),)),
        Mapping("AWS::RDS::DBProxy", "rds.proxy"),
        Mapping(
            "AWS::ElastiCache::CacheCluster",
            "elasticache.cluster",
            (Field("engine", ("Engine",), _choice(CACHE_ENGINE)),),
        ),
        Mapping(
            "AWS::ElastiCache::ReplicationGroup",
            "elasticache.cluster",
            (Field("engine", ("Engine",), _choice(CACHE_ENGINE)),),
        ),
        Mapping(
            "AWS::ElastiCache::ServerlessCache",
            "elasticache.cluster",
            (Field("engine", ("Engine",), _choice(CACHE_ENGINE)),),
        ),
        Mapping(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "elb.alb",
            (Field("scheme", ("Scheme",), _choice(SCHEME)),),
        ),
        Mapping(
            "AWS::ECS::TaskDefinition",
            "ecs.fargate",
            (
                Field("cpu_vcpu", ("Cpu",), _fargate_cpu, lambda v: str(int(v * 1024))),
                Field("memory_mb", ("Memory",), _number, lambda v: str(int(v))),
            ),
        ),
        Mapping("AWS::Route53::RecordSet", "route53.record"),
        Mapping("AWS::CertificateManager::Certificate", "acm.certificate"),
        Mapping("AWS::CloudWatch::Alarm", "cloudwatch.alarm"),
    )
}

#: A function that CloudFront runs at the edge is drawn as Lambda@Edge with these fields.
EDGE_FUNCTION = "lambda.edge_function"
EDGE_TRIGGER = _choice(TRIGGER)

#: Resources that become part of a drawn component or an edge (reported as such, not lost).
FOLDED: dict[str, str] = {
    "AWS::Lambda::Permission": N_("the permission of an edge"),
    "AWS::Lambda::EventSourceMapping": N_("an edge from its event source to the function"),
    "AWS::SNS::Subscription": N_("an edge from the topic to the subscriber"),
    "AWS::ApiGatewayV2::Integration": N_("an edge from the API to its integration"),
    "AWS::ApiGatewayV2::Route": N_("part of its API"),
    "AWS::ApiGatewayV2::Stage": N_("part of its API"),
    "AWS::ApiGatewayV2::Deployment": N_("part of its API"),
    "AWS::ApiGatewayV2::Authorizer": N_("the authorizer of its API"),
    "AWS::ApiGateway::Method": N_("an edge from the API to its integration"),
    "AWS::ApiGateway::Resource": N_("part of its API"),
    "AWS::ApiGateway::Stage": N_("part of its API"),
    "AWS::ApiGateway::Deployment": N_("part of its API"),
    "AWS::ApiGateway::Authorizer": N_("the authorizer of its API"),
    "AWS::RDS::DBSubnetGroup": N_("the subnet of its database"),
    "AWS::ElastiCache::SubnetGroup": N_("the subnet of its cache"),
    "AWS::DAX::SubnetGroup": N_("the subnet of its cluster"),
    "AWS::RDS::DBProxyTargetGroup": N_("an edge from the proxy to its database"),
    "AWS::ECS::Service": N_("its task definition"),
}


def props_of(mapping: Mapping) -> tuple[Field, ...]:
    """The fields whose prop the catalog still has (the catalog may change under us)."""
    t = catalog.get(mapping.component)
    return tuple(f for f in mapping.fields if t is not None and t.prop(f.prop) is not None)


def _check() -> None:
    for m in MAPPINGS.values():
        assert catalog.get(m.component) is not None, f"{m.cfn_type}: unknown component type {m.component}"
    assert catalog.get(EDGE_FUNCTION) is not None


_check()

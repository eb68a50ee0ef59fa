"""Document -> SAM template (YAML), and back into the template a diagram was imported from.

Two paths:

- **A drawn diagram** (no ``document["iac"]``): every component becomes its resource(s);
  incoming edges become the function's ``Events`` (API, S3, SQS, SNS, DynamoDB stream,
  EventBridge rule or schedule), outgoing edges its IAM policies (SAM policy templates:
  ``DynamoDBCrudPolicy``, ``SQSSendMessagePolicy``...), all wired with ``!Ref``/``!GetAtt``.
- **An imported diagram**: the stored template is re-imported to see what the diagram looked
  like then; only the differences are written into the template (ruamel.yaml's round trip),
  and the result is laid line by line over the original text, so comments, key order,
  quoting, short-form intrinsics and even trailing spaces survive where nothing changed. No
  change at all gives the original text, byte for byte.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, TaggedScalar
from ruamel.yaml.util import load_yaml_guess_indent

from builder import document
from builder.i18n import t

from .mapping import EDGE_FUNCTION, MAPPINGS, props_of
from .sam_import import import_template, refs

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
#: SAM policy templates for a function's call to a resource: (template, parameter, attribute or None for Ref).
POLICY = {
    "dynamodb.table": ("DynamoDBCrudPolicy", "TableName", None),
    "s3.bucket": ("S3CrudPolicy", "BucketName", None),
    "sqs.queue": ("SQSSendMessagePolicy", "QueueName", "QueueName"),
    "sns.topic": ("SNSPublishMessagePolicy", "TopicName", "TopicName"),
    "stepfunctions.state_machine": ("StepFunctionsExecutionPolicy", "StateMachineName", "Name"),
    "lambda.function": ("LambdaInvokePolicy", "FunctionName", None),
    "eventbridge.rule": ("EventBridgePutEventsPolicy", "EventBusName", "default"),
}
ALNUM = re.compile(r"[^A-Za-z0-9]")


class ExportError(Exception):
    """The document cannot be written as a template; the message (a :func:`builder.i18n.t`
    text) says why, in the reader's language through ``i18n.said``."""


class _Yaml:
    """Intrinsics written in short form (``!Ref X``) for YAML, long form for JSON."""

    def __init__(self, json_mode: bool = False) -> None:
        self.json = json_mode

    def ref(self, name: str) -> Any:
        return {"Ref": name} if self.json else TaggedScalar(name, tag="!Ref")

    def getatt(self, name: str, attr: str) -> Any:
        return {"Fn::GetAtt": [name, attr]} if self.json else TaggedScalar(f"{name}.{attr}", tag="!GetAtt")

    def sub(self, text: str) -> Any:
        return {"Fn::Sub": text} if self.json else TaggedScalar(text, tag="!Sub")


class _Context:
    """What a resource builder needs: logical ids, edges, parents and the intrinsic style."""

    def __init__(self, doc: dict[str, Any], fn: _Yaml, logical: dict[str, str]) -> None:
        self.doc = document.with_defaults(doc)
        self.fn = fn
        self.by_id = {n["id"]: n for n in self.doc["nodes"]}
        self.logical = logical
        self.incoming: dict[str, list[dict[str, Any]]] = {}
        self.outgoing: dict[str, list[dict[str, Any]]] = {}
        for e in self.doc["edges"]:
            self.incoming.setdefault(e["target"], []).append(e)
            self.outgoing.setdefault(e["source"], []).append(e)

    def lid(self, node_id: str) -> str:
        return self.logical[node_id]

    def kind(self, node_id: str) -> str:
        return self.by_id[node_id]["type"]

    def ancestor(self, node_id: str, type_key: str) -> dict[str, Any] | None:
        seen: set[str] = set()
        parent = self.by_id[node_id].get("parent")
        while parent and parent not in seen and parent in self.by_id:
            seen.add(parent)
            if self.by_id[parent]["type"] == type_key:
                return self.by_id[parent]
            parent = self.by_id[parent].get("parent")
        return None

    def subnets_of(self, vpc_id: str) -> list[str]:
        return [n["id"] for n in self.doc["nodes"] if n["type"] == "aws.subnet" and n.get("parent") == vpc_id]


def logical_ids(doc: dict[str, Any]) -> dict[str, str]:
    """A CloudFormation logical id (letters and digits) for every node; the template's own where known."""
    known = (doc.get("iac") or {}).get("resources", {})
    out: dict[str, str] = {}
    taken: set[str] = set()
    for n in doc["nodes"]:
        entry = known.get(n["id"])
        if entry and entry.get("logical_id"):
            out[n["id"]] = entry["logical_id"]
            taken.add(entry["logical_id"])
    for n in doc["nodes"]:
        if n["id"] in out:
            continue
        base = ALNUM.sub("", n["id"].title() if not n["id"][:1].isupper() else n["id"]) or "Resource"
        if not base[0].isalpha():
            base = "R" + base
        name, i = base, 2
        while name in taken:
            name, i = f"{base}{i}", i + 1
        taken.add(name)
        out[n["id"]] = name
    return out


# -- wiring: what an edge becomes -------------------------------------------------------------


def event_for(ctx: _Context, edge: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The ``Events`` entry of the target function or state machine for an incoming edge."""
    src, f = edge["source"], ctx.fn
    kind, lid = ctx.kind(src), ctx.lid(src)
    name = f"{lid}Event"
    if kind == "apigateway.api":
        if edge is authorizer_edge(ctx, ctx.by_id[src]):  # the API calls it before the integration
            return None
        protocol = ctx.by_id[src]["props"].get("protocol")
        if protocol == "http":
            return name, {"Type": "HttpApi", "Properties": {"ApiId": f.ref(lid), "Path": "/", "Method": "ANY"}}
        if protocol == "rest":
            return name, {"Type": "Api", "Properties": {"RestApiId": f.ref(lid), "Path": "/", "Method": "ANY"}}
        return None
    if ctx.kind(edge["target"]) != "lambda.function":
        if kind == "eventbridge.rule":
            return _rule_event(ctx, src, name)
        return None
    if kind == "s3.bucket":
        return name, {"Type": "S3", "Properties": {"Bucket": f.ref(lid), "Events": "s3:ObjectCreated:*"}}
    if kind == "sqs.queue":
        return name, {"Type": "SQS", "Properties": {"Queue": f.getatt(lid, "Arn"), "BatchSize": 10}}
    if kind == "sns.topic":
        return name, {"Type": "SNS", "Properties": {"Topic": f.ref(lid)}}
    if kind == "dynamodb.table":
        props = {"Stream": f.getatt(lid, "StreamArn"), "StartingPosition": "LATEST", "BatchSize": 100}
        return name, {"Type": "DynamoDB", "Properties": props}
    if kind == "eventbridge.rule":
        return _rule_event(ctx, src, name)
    return None


AUTHORIZER_LABEL = "authorizer"


def authorizer_edge(ctx: _Context, api: dict[str, Any]) -> dict[str, Any] | None:
    """The edge API -> function that stands for the API's Lambda authorizer: labelled
    ``authorizer`` (as the importer labels it), on an API whose ``authorizer`` is lambda."""
    if api["props"].get("authorizer") != "lambda":
        return None
    for e in ctx.outgoing.get(api["id"], []):
        if ctx.kind(e["target"]) == "lambda.function" and (e.get("label") or "").strip().lower() == AUTHORIZER_LABEL:
            return e
    return None


def _rule_event(ctx: _Context, rule_id: str, name: str) -> tuple[str, dict[str, Any]]:
    schedule = ctx.by_id[rule_id]["props"].get("schedule") or ""
    if schedule:
        return name, {"Type": "Schedule", "Properties": {"Schedule": schedule}}
    pattern = {"source": [f"custom.{ctx.lid(rule_id)}"]}
    return name, {"Type": "EventBridgeRule", "Properties": {"Pattern": pattern}}


def policy_for(ctx: _Context, edge: dict[str, Any]) -> dict[str, Any] | None:
    """The SAM policy template a function needs for an outgoing edge."""
    dst = edge["target"]
    entry = POLICY.get(ctx.kind(dst))
    if entry is None:
        return None
    template, param, attr = entry
    lid = ctx.lid(dst)
    if attr == "default":
        value: Any = "default"
    else:
        value = ctx.fn.getatt(lid, attr) if attr else ctx.fn.ref(lid)
    return {template: {param: value}}


def _is_event_target(ctx: _Context, edge: dict[str, Any]) -> bool:
    """An edge that is written as an event of its target (not as a resource of the source)."""
    tk = ctx.kind(edge["target"])
    return tk in ("lambda.function", "stepfunctions.state_machine") and event_for(ctx, edge) is not None


# -- builders: one component -> its resources ---------------------------------------------------


def _function(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    p, f = n["props"], ctx.fn
    props: dict[str, Any] = {"Handler": "index.handler", "CodeUri": "src/"}
    if p.get("package_type") == "image":
        props = {"PackageType": "Image", "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest"}
    else:
        props["Runtime"] = p["runtime"]
    props.update({"MemorySize": p["memory_mb"], "Timeout": p["timeout_s"]})
    if n["type"] == EDGE_FUNCTION:
        props["AutoPublishAlias"] = "live"
        props["AssumeRolePolicyDocument"] = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": ["lambda.amazonaws.com", "edgelambda.amazonaws.com"]},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
        return {"Type": "AWS::Serverless::Function", "Properties": props}
    props["Architectures"] = [p["architecture"]]
    if p["ephemeral_storage_mb"] != 512:
        props["EphemeralStorage"] = {"Size": p["ephemeral_storage_mb"]}
    if p["env"]:
        props["Environment"] = {"Variables": dict(p["env"])}
    if p["reserved_concurrency"] is not None:
        props["ReservedConcurrentExecutions"] = p["reserved_concurrency"]
    subnet = ctx.by_id.get(n.get("parent") or "")
    if subnet and subnet["type"] == "aws.subnet":
        groups = [g if SG_ID.match(g) else f.ref(_sg_lid(g)) for g in p["security_groups"]]
        props["VpcConfig"] = {"SubnetIds": [f.ref(ctx.lid(subnet["id"]))], "SecurityGroupIds": groups}
    events = dict(ev for e in ctx.incoming.get(n["id"], []) if (ev := event_for(ctx, e)))
    if events:
        props["Events"] = events
    policies = [pol for e in ctx.outgoing.get(n["id"], []) if (pol := policy_for(ctx, e))]
    if policies:
        props["Policies"] = policies
    return {"Type": "AWS::Serverless::Function", "Properties": props}


def _api(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    p, f = n["props"], ctx.fn
    if p["protocol"] == "websocket":
        return {
            "Type": "AWS::ApiGatewayV2::Api",
            "Properties": {
                "Name": n["label"] or n["id"],
                "ProtocolType": "WEBSOCKET",
                "RouteSelectionExpression": "$request.body.action",
            },
        }
    pools = [e["target"] for e in ctx.outgoing.get(n["id"], []) if ctx.kind(e["target"]) == "cognito.user_pool"]
    auth: dict[str, Any] | None = None
    if p["authorizer"] == "iam":
        auth = {"DefaultAuthorizer": "AWS_IAM"}
    elif p["authorizer"] == "cognito" and pools:
        pool = ctx.lid(pools[0])
        if p["protocol"] == "http":
            jwt = {
                "issuer": f.sub(f"https://cognito-idp.${{AWS::Region}}.amazonaws.com/${{{pool}}}"),
                "audience": [f.ref(f"{pool}Client")],
            }
            auth = {
                "DefaultAuthorizer": "CognitoAuthorizer",
                "Authorizers": {
                    "CognitoAuthorizer": {"JwtConfiguration": jwt, "IdentitySource": "$request.header.Authorization"}
                },
            }
        else:
            auth = {
                "DefaultAuthorizer": "CognitoAuthorizer",
                "Authorizers": {"CognitoAuthorizer": {"UserPoolArn": f.getatt(pool, "Arn")}},
            }
    elif (edge := authorizer_edge(ctx, n)) is not None:
        lambda_auth: dict[str, Any] = {"FunctionArn": f.getatt(ctx.lid(edge["target"]), "Arn")}
        if p["protocol"] == "http":  # HTTP APIs need the payload version; simple responses are the easy kind
            lambda_auth.update(
                {
                    "AuthorizerPayloadFormatVersion": "2.0",
                    "EnableSimpleResponses": True,
                    "Identity": {"Headers": ["Authorization"]},
                }
            )
        auth = {"DefaultAuthorizer": "LambdaAuthorizer", "Authorizers": {"LambdaAuthorizer": lambda_auth}}
    if p["protocol"] == "http":
        props: dict[str, Any] = {}
        if auth:
            props["Auth"] = auth
        return {"Type": "AWS::Serverless::HttpApi", "Properties": props}
    props = {"StageName": "prod", "EndpointConfiguration": {"Type": p["endpoint_type"].upper()}}
    if p["cache_enabled"]:
        props["CacheClusterEnabled"] = True
        props["CacheClusterSize"] = "0.5"
    if auth:
        props["Auth"] = auth
    if p["endpoint_type"] == "private":
        props["Auth"] = {
            **(auth or {}),
            "ResourcePolicy": {
                "CustomStatements": [
                    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"}
                ]
            },
        }
    return {"Type": "AWS::Serverless::Api", "Properties": props}


def _table(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    p = n["props"]
    props: dict[str, Any] = {
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    }
    if p["capacity_mode"] == "on_demand":
        props["BillingMode"] = "PAY_PER_REQUEST"
    else:
        props["BillingMode"] = "PROVISIONED"
        props["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    if p["stream_enabled"]:
        props["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    return {"Type": "AWS::DynamoDB::Table", "Properties": props}


def _simple(
    type_: str, props: Callable[[_Context, dict[str, Any]], dict[str, Any]]
) -> Callable[[_Context, dict[str, Any]], dict[str, Any]]:
    def build(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"Type": type_}
        values = props(ctx, n)
        if values:
            out["Properties"] = values
        return out

    return build


def _queue(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    p = n["props"]
    props: dict[str, Any] = {"VisibilityTimeout": p["visibility_timeout_s"]}
    if p["fifo"]:
        props["FifoQueue"] = True
    dlq = [e["target"] for e in ctx.outgoing.get(n["id"], []) if ctx.kind(e["target"]) == "sqs.queue"]
    if dlq:
        props["RedrivePolicy"] = {"deadLetterTargetArn": ctx.fn.getatt(ctx.lid(dlq[0]), "Arn"), "maxReceiveCount": 5}
    return {"Type": "AWS::SQS::Queue", "Properties": props}


def _rule(ctx: _Context, n: dict[str, Any]) -> dict[str, Any] | None:
    targets = []
    for e in ctx.outgoing.get(n["id"], []):
        if _is_event_target(ctx, e):
            continue
        kind = ctx.kind(e["target"])
        if kind in ("sqs.queue", "stepfunctions.state_machine", "lambda.function", "ecs.fargate"):
            arn = ctx.fn.getatt(ctx.lid(e["target"]), "Arn")
        elif kind == "sns.topic":
            arn = ctx.fn.ref(ctx.lid(e["target"]))
        else:
            continue
        targets.append({"Id": ctx.lid(e["target"]), "Arn": arn})
    incoming_fn = [e for e in ctx.outgoing.get(n["id"], []) if _is_event_target(ctx, e)]
    if incoming_fn and not targets:
        return None  # written as the functions' Schedule / EventBridgeRule events
    props: dict[str, Any] = {"State": "ENABLED"}
    if n["props"]["schedule"]:
        props["ScheduleExpression"] = n["props"]["schedule"]
    else:
        props["EventPattern"] = {"source": [f"custom.{ctx.lid(n['id'])}"]}
    if targets:
        props["Targets"] = targets
    return {"Type": "AWS::Events::Rule", "Properties": props}


def _state_machine(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    f = ctx.fn
    states: dict[str, Any] = {}
    policies: list[Any] = []
    subs: dict[str, Any] = {}
    calls = [e for e in ctx.outgoing.get(n["id"], []) if ctx.kind(e["target"]) == "lambda.function"]
    for i, e in enumerate(calls):
        lid = ctx.lid(e["target"])
        states[lid] = {"Type": "Task", "Resource": f"${{{lid}Arn}}", "End": i == len(calls) - 1}
        if i < len(calls) - 1:
            states[lid].pop("End")
            states[lid]["Next"] = ctx.lid(calls[i + 1]["target"])
        subs[f"{lid}Arn"] = f.getatt(lid, "Arn")
        policies.append({"LambdaInvokePolicy": {"FunctionName": f.ref(lid)}})
    for e in ctx.outgoing.get(n["id"], []):
        if ctx.kind(e["target"]) != "lambda.function" and (pol := policy_for(ctx, e)):
            policies.append(pol)
    if not states:
        states = {"Start": {"Type": "Pass", "End": True}}
    props: dict[str, Any] = {
        "Type": n["props"]["workflow_type"].upper(),
        "Definition": {"StartAt": next(iter(states)), "States": states},
    }
    if subs:
        props["DefinitionSubstitutions"] = subs
    if policies:
        props["Policies"] = policies
    events = dict(ev for e in ctx.incoming.get(n["id"], []) if (ev := event_for(ctx, e)))
    if events:
        props["Events"] = events
    return {"Type": "AWS::Serverless::StateMachine", "Properties": props}


def _distribution(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    f = ctx.fn
    origins = []
    for e in ctx.outgoing.get(n["id"], []):
        kind, lid = ctx.kind(e["target"]), ctx.lid(e["target"])
        if kind == "s3.bucket":
            origins.append(
                {
                    "Id": lid,
                    "DomainName": f.getatt(lid, "RegionalDomainName"),
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            )
        elif kind == "apigateway.api":
            domain = f.sub(f"${{{lid}}}.execute-api.${{AWS::Region}}.amazonaws.com")
            origins.append(
                {"Id": lid, "DomainName": domain, "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}}
            )
        elif kind == "elb.alb":
            domain = f.getatt(lid, "DNSName")
            origins.append(
                {"Id": lid, "DomainName": domain, "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}}
            )
    if not origins:
        origins.append(
            {"Id": "default", "DomainName": "example.com", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}}
        )
    behavior: dict[str, Any] = {
        "TargetOriginId": origins[0]["Id"],
        "ViewerProtocolPolicy": "redirect-to-https",
        "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",  # AWS's managed CachingOptimized
    }
    functions, lambdas = [], []
    attached = [e["source"] for e in ctx.incoming.get(n["id"], [])] + [
        e["target"] for e in ctx.outgoing.get(n["id"], [])
    ]
    for other in dict.fromkeys(attached):
        src = ctx.by_id[other]
        if src["type"] == "cloudfront.function":
            functions.append(
                {"EventType": src["props"]["trigger"], "FunctionARN": f.getatt(ctx.lid(src["id"]), "FunctionARN")}
            )
        elif src["type"] == EDGE_FUNCTION:
            lambdas.append(
                {"EventType": src["props"]["trigger"], "LambdaFunctionARN": f.ref(f"{ctx.lid(src['id'])}.Version")}
            )
    if functions:
        behavior["FunctionAssociations"] = functions
    if lambdas:
        behavior["LambdaFunctionAssociations"] = lambdas
    config = {
        "Enabled": True,
        "PriceClass": n["props"]["price_class"],
        "Origins": origins,
        "DefaultCacheBehavior": behavior,
    }
    return {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}


def _cf_function(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    code = "function handler(event) { return event.request; }"
    config = {"Comment": n["label"][:128] or n["id"], "Runtime": n["props"]["runtime"]}
    return {
        "Type": "AWS::CloudFront::Function",
        "Properties": {"Name": ctx.lid(n["id"]), "AutoPublish": True, "FunctionCode": code, "FunctionConfig": config},
    }


def _subnet(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    vpc = ctx.by_id.get(n.get("parent") or "")
    if not vpc or vpc["type"] != "aws.vpc":
        raise ExportError(t("subnet {id} is not inside a VPC", id=n["id"]))
    index = ctx.subnets_of(vpc["id"]).index(n["id"])
    props: dict[str, Any] = {
        "VpcId": ctx.fn.ref(ctx.lid(vpc["id"])),
        "CidrBlock": {"Fn::Select": [index, {"Fn::Cidr": [ctx.fn.getatt(ctx.lid(vpc["id"]), "CidrBlock"), 16, 8]}]},
    }
    props["AvailabilityZone"] = n["props"]["az"] or {"Fn::Select": [index % 2, {"Fn::GetAZs": ""}]}
    if n["props"]["visibility"] == "public":
        props["MapPublicIpOnLaunch"] = True
    return {"Type": "AWS::EC2::Subnet", "Properties": props}


def _in_subnets(ctx: _Context, n: dict[str, Any]) -> list[Any]:
    subnet = ctx.by_id.get(n.get("parent") or "")
    if not subnet or subnet["type"] != "aws.subnet":
        raise ExportError(t("{type} {id} must be inside a subnet", type=n["type"], id=n["id"]))
    vpc = subnet.get("parent")
    ids = [subnet["id"]] + [s for s in (ctx.subnets_of(vpc) if vpc else []) if s != subnet["id"]]
    return [ctx.fn.ref(ctx.lid(s)) for s in ids]


def _rds(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    engine = n["props"]["engine"]
    props: dict[str, Any] = {
        "Engine": engine,
        "MasterUsername": "dbadmin",
        "ManageMasterUserPassword": True,
        "DBSubnetGroupName": ctx.fn.ref(f"{ctx.lid(n['id'])}SubnetGroup"),
    }
    if engine.startswith("aurora"):
        props["ServerlessV2ScalingConfiguration"] = {"MinCapacity": 0.5, "MaxCapacity": 4}
        return {"Type": "AWS::RDS::DBCluster", "Properties": props}
    props.update({"DBInstanceClass": "db.t4g.micro", "AllocatedStorage": "20"})
    return {"Type": "AWS::RDS::DBInstance", "Properties": props}


SG_ID = re.compile(r"^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$")


def _sg_lid(name: str) -> str:
    return "SecurityGroup" + (ALNUM.sub("", name.title()) or "Default")


def _extra_resources(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    """Resources a component needs beside its own (a NAT gateway's address, a database's subnet group)."""
    lid = ctx.lid(n["id"])
    out: dict[str, Any] = {}
    if n["type"] == "lambda.function" and n["props"]["security_groups"]:
        subnet = ctx.by_id.get(n.get("parent") or "")
        vpc = ctx.ancestor(n["id"], "aws.vpc")
        if subnet and subnet["type"] == "aws.subnet" and vpc:
            for g in n["props"]["security_groups"]:
                if not SG_ID.match(g) and _sg_lid(g) not in ctx.logical.values():
                    props = {"GroupDescription": f"{g} (from the diagram)", "VpcId": ctx.fn.ref(ctx.lid(vpc["id"]))}
                    out[_sg_lid(g)] = {"Type": "AWS::EC2::SecurityGroup", "Properties": props}
        return out
    if n["type"] == "cognito.user_pool":
        apis = [e["source"] for e in ctx.incoming.get(n["id"], []) if ctx.kind(e["source"]) == "apigateway.api"]
        if any(ctx.by_id[a]["props"]["protocol"] == "http" for a in apis):  # the JWT authorizer's audience
            client = {"UserPoolId": ctx.fn.ref(lid), "GenerateSecret": False}
            out[f"{lid}Client"] = {"Type": "AWS::Cognito::UserPoolClient", "Properties": client}
        return out
    if n["type"] == "rds.proxy":
        for e in ctx.outgoing.get(n["id"], []):
            if ctx.kind(e["target"]) == "rds.database":
                db = ctx.by_id[e["target"]]
                key = "DBClusterIdentifiers" if db["props"]["engine"].startswith("aurora") else "DBInstanceIdentifiers"
                group = {
                    "DBProxyName": ctx.fn.ref(lid),
                    "TargetGroupName": "default",
                    key: [ctx.fn.ref(ctx.lid(db["id"]))],
                }
                out[f"{lid}Targets"] = {"Type": "AWS::RDS::DBProxyTargetGroup", "Properties": group}
                break
        return out
    if n["type"] == "aws.nat_gateway":
        return {f"{lid}Eip": {"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"}}}
    if n["type"] == "rds.database":
        group = {"DBSubnetGroupDescription": f"Subnets of {lid}", "SubnetIds": _in_subnets(ctx, n)}
        return {f"{lid}SubnetGroup": {"Type": "AWS::RDS::DBSubnetGroup", "Properties": group}}
    if n["type"] == "sns.topic":
        out = {}
        for e in ctx.outgoing.get(n["id"], []):
            if ctx.kind(e["target"]) == "sqs.queue":
                q = ctx.lid(e["target"])
                sub = {"TopicArn": ctx.fn.ref(lid), "Protocol": "sqs", "Endpoint": ctx.fn.getatt(q, "Arn")}
                out[f"{lid}To{q}"] = {"Type": "AWS::SNS::Subscription", "Properties": sub}
        return out
    return {}


def _nat(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    subnet = _in_subnets(ctx, n)[0]
    eip = ctx.fn.getatt(f"{ctx.lid(n['id'])}Eip", "AllocationId")
    return {"Type": "AWS::EC2::NatGateway", "Properties": {"SubnetId": subnet, "AllocationId": eip}}


def _endpoint(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    vpc = ctx.by_id.get(n.get("parent") or "")
    if vpc and vpc["type"] == "aws.subnet":
        vpc = ctx.by_id.get(vpc.get("parent") or "")
    if not vpc or vpc["type"] != "aws.vpc":
        raise ExportError(t("VPC endpoint {id} must be inside a VPC", id=n["id"]))
    service = n["props"]["service"]
    props: dict[str, Any] = {
        "VpcId": ctx.fn.ref(ctx.lid(vpc["id"])),
        "ServiceName": ctx.fn.sub(f"com.amazonaws.${{AWS::Region}}.{service}"),
    }
    if service in ("s3", "dynamodb"):
        props["VpcEndpointType"] = "Gateway"
    else:
        props["VpcEndpointType"] = "Interface"
        subnets = ctx.subnets_of(vpc["id"])
        if subnets:
            props["SubnetIds"] = [ctx.fn.ref(ctx.lid(s)) for s in subnets]
        props["PrivateDnsEnabled"] = True
    return {"Type": "AWS::EC2::VPCEndpoint", "Properties": props}


_BUILDERS: dict[str, Callable[[_Context, dict[str, Any]], dict[str, Any] | None]] = {
    "lambda.function": _function,
    "lambda.edge_function": _function,
    "apigateway.api": _api,
    "dynamodb.table": _table,
    "sqs.queue": _queue,
    "eventbridge.rule": _rule,
    "stepfunctions.state_machine": _state_machine,
    "cloudfront.distribution": _distribution,
    "cloudfront.function": _cf_function,
    "aws.subnet": _subnet,
    "aws.nat_gateway": _nat,
    "aws.vpc_endpoint": _endpoint,
    "rds.database": _rds,
    "s3.bucket": _simple(
        "AWS::S3::Bucket",
        lambda ctx, n: {"VersioningConfiguration": {"Status": "Enabled"}} if n["props"]["versioning"] else {},
    ),
    "sns.topic": _simple("AWS::SNS::Topic", lambda ctx, n: {"FifoTopic": True} if n["props"]["fifo"] else {}),
    "cognito.user_pool": _simple(
        "AWS::Cognito::UserPool",
        lambda ctx, n: {"MfaConfiguration": {"off": "OFF", "optional": "OPTIONAL", "required": "ON"}[n["props"]["mfa"]]}
        | ({"EnabledMfas": ["SOFTWARE_TOKEN_MFA"]} if n["props"]["mfa"] != "off" else {}),
    ),
    "cognito.identity_pool": _simple(
        "AWS::Cognito::IdentityPool", lambda ctx, n: {"AllowUnauthenticatedIdentities": False}
    ),
    "aws.vpc": _simple(
        "AWS::EC2::VPC",
        lambda ctx, n: {"CidrBlock": n["props"]["cidr"], "EnableDnsHostnames": True, "EnableDnsSupport": True},
    ),
    "rds.proxy": _simple(
        "AWS::RDS::DBProxy",
        lambda ctx, n: {
            "DBProxyName": ctx.lid(n["id"]).lower()[:60],
            "EngineFamily": "POSTGRESQL",
            "VpcSubnetIds": _in_subnets(ctx, n),
            "RoleArn": ctx.fn.sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/rds-proxy"),
            "Auth": [
                {
                    "AuthScheme": "SECRETS",
                    "IAMAuth": "DISABLED",
                    "SecretArn": ctx.fn.sub(
                        "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db"
                    ),
                }
            ],
        },
    ),
    "elasticache.cluster": _simple(
        "AWS::ElastiCache::ServerlessCache",
        lambda ctx, n: {
            "ServerlessCacheName": ctx.lid(n["id"]).lower()[:40],
            "Engine": n["props"]["engine"],
            "SubnetIds": _in_subnets(ctx, n),
        },
    ),
    "dynamodb.dax": _simple(
        "AWS::DAX::Cluster",
        lambda ctx, n: {
            "NodeType": "dax.t3.small",
            "ReplicationFactor": n["props"]["nodes"],
            "IAMRoleARN": ctx.fn.sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/dax"),
        },
    ),
    "elb.alb": _simple(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        lambda ctx, n: {"Type": "application", "Scheme": n["props"]["scheme"], "Subnets": _in_subnets(ctx, n)},
    ),
    "ecs.fargate": _simple(
        "AWS::ECS::TaskDefinition",
        lambda ctx, n: {
            "RequiresCompatibilities": ["FARGATE"],
            "NetworkMode": "awsvpc",
            "Cpu": str(int(n["props"]["cpu_vcpu"] * 1024)),
            "Memory": str(int(n["props"]["memory_mb"])),
            "ContainerDefinitions": [
                {"Name": "app", "Image": "public.ecr.aws/docker/library/busybox:latest", "Essential": True}
            ],
        },
    ),
    "route53.record": _simple(
        "AWS::Route53::RecordSet",
        lambda ctx, n: {
            "HostedZoneName": "example.com.",
            "Name": "app.example.com.",
            "Type": "CNAME",
            "TTL": "300",
            "ResourceRecords": ["example.com"],
        },
    ),
    "acm.certificate": _simple(
        "AWS::CertificateManager::Certificate", lambda ctx, n: {"DomainName": "example.com", "ValidationMethod": "DNS"}
    ),
    "cloudwatch.alarm": _simple(
        "AWS::CloudWatch::Alarm",
        lambda ctx, n: {
            "Namespace": "AWS/Lambda",
            "MetricName": "Errors",
            "Statistic": "Sum",
            "Period": 300,
            "EvaluationPeriods": 1,
            "Threshold": 1,
            "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        },
    ),
}


def resources_for(ctx: _Context, n: dict[str, Any]) -> dict[str, Any]:
    """The resources of one component, by logical id (none for a region or an outside client)."""
    build = _BUILDERS.get(n["type"])
    if build is None:
        return {}
    own = build(ctx, n)
    out = _extra_resources(ctx, n)
    if own is not None:
        out = {ctx.lid(n["id"]): own, **out}
    return out


# -- the drawn diagram -------------------------------------------------------------------------


def template_of(doc: dict[str, Any], fn: _Yaml | None = None) -> dict[str, Any]:
    ctx = _Context(doc, fn or _Yaml(), logical_ids(doc))
    resources: dict[str, Any] = {}
    for n in ctx.doc["nodes"]:
        resources.update(resources_for(ctx, n))
    if not resources:
        raise ExportError(t("the diagram has no AWS resources to write"))
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Transform": SAM_TRANSFORM,
        "Description": ctx.doc.get("name", "")[:1024],
        "Resources": resources,
    }


#: Plain words that YAML 1.1 readers (PyYAML, so cfn-lint and many tools) take for booleans.
_YAML11_BOOLS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})


def _str(representer: Any, value: str) -> Any:
    style = "'" if value.lower() in _YAML11_BOOLS else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    y = YAML()
    y.representer.add_representer(str, _str)
    y.preserve_quotes = True
    y.allow_duplicate_keys = True  # the importer reported them; the last one counts, as there
    y.width = 4096
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def dump(data: Any, y: YAML | None = None) -> str:
    out = io.StringIO()
    (y or _yaml()).dump(data, out)
    return out.getvalue()


def export_sam(doc: dict[str, Any]) -> str:
    """The document as a SAM template (YAML; JSON if it was imported from JSON)."""
    if doc.get("iac"):
        return _round_trip(doc)
    return dump(template_of(doc))


# -- the imported diagram: write only what changed ----------------------------------------------


def _diff(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, dict[str, Any]], set[str], set[str], set[tuple[str, str]], set[tuple[str, str]]]:
    b = {n["id"]: n for n in document.with_defaults(before)["nodes"]}
    a = {n["id"]: n for n in document.with_defaults(after)["nodes"]}
    changed: dict[str, dict[str, Any]] = {}
    for nid in a.keys() & b.keys():
        delta = {k: v for k, v in a[nid]["props"].items() if b[nid]["props"].get(k) != v}
        if delta:
            changed[nid] = delta
    eb = {(e["source"], e["target"]) for e in before["edges"]}
    ea = {(e["source"], e["target"]) for e in after.get("edges", [])}
    return changed, a.keys() - b.keys(), b.keys() - a.keys(), ea - eb, eb - ea


def _set_path(props: Any, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        if not isinstance(props.get(key), dict):
            props[key] = CommentedMap()
        props = props[key]
    if value is None:
        props.pop(path[-1], None)
    else:
        props[path[-1]] = value


def _apply_prop(res: Any, prop: str, value: Any, original: Any) -> None:
    mapping = MAPPINGS.get(str(res.get("Type")))
    if mapping is None:
        return
    if "Properties" not in res or not isinstance(res["Properties"], dict):
        res["Properties"] = CommentedMap()
    props = res["Properties"]
    for field in props_of(mapping):
        if field.prop != prop:
            continue
        if prop == "stream_enabled":
            _set_path(props, field.path, {"StreamViewType": "NEW_AND_OLD_IMAGES"} if value else None)
        elif prop == "capacity_mode":
            _set_path(props, field.path, field.write(value))
            if value == "on_demand":
                props.pop("ProvisionedThroughput", None)
            elif "ProvisionedThroughput" not in props:
                props["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
        elif prop == "env" and isinstance(original, dict):
            old = _get(props, field.path)
            new = CommentedMap()
            for k, v in value.items():
                keep = old.get(k) if isinstance(old, dict) else None
                new[k] = keep if keep is not None and _describe_yaml(keep) == v else v
            _set_path(props, field.path, new if new or old is not None else None)
        else:
            _set_path(props, field.path, None if value is None else field.write(value))
        return


def _get(props: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(props, dict) or key not in props:
            return None
        props = props[key]
    return props


def _describe_yaml(value: Any) -> str:
    if isinstance(value, TaggedScalar):
        return f"{value.tag} {value.value}"
    if isinstance(value, dict) and len(value) == 1:
        ((k, v),) = value.items()
        name = "!" + str(k).removeprefix("Fn::")
        if isinstance(v, list) and k == "Fn::GetAtt":
            return f"{name} {'.'.join(map(str, v))}"
        return f"{name} {v}" if isinstance(v, str) else name
    return str(value)


def _plain_refs(value: Any) -> set[str]:
    """Names referred to in a ruamel or JSON value."""
    out: set[str] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, TaggedScalar):
            text = str(v.value)
            if str(v.tag) in ("!Ref", "!GetAtt"):
                out.add(text.split(".", 1)[0])
            elif str(v.tag) == "!Sub":
                out.update(re.findall(r"\$\{([A-Za-z0-9]+)", text))
        elif isinstance(v, dict):
            out.update(refs(v))
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return out


@lru_cache(maxsize=32)
def _baseline(template: str) -> str:
    """The diagram as imported from ``template`` (JSON), to see what the user changed since.

    Cached: the editor exports the same stored template again and again.
    """
    return json.dumps(import_template(template, arrange=False).document)


def _round_trip(doc: dict[str, Any]) -> str:
    iac = doc["iac"]
    original: str = iac["template"]
    before = json.loads(_baseline(original))
    changed, added, removed, new_edges, gone_edges = _diff(before, doc)
    if not (changed or added or removed or new_edges or gone_edges):
        return original
    json_mode = iac.get("syntax") == "json"
    if json_mode:
        tree = json.loads(original)
    else:
        guess = _yaml()
        tree, indent, offset = load_yaml_guess_indent(original, yaml=guess)
        # ruamel's guess: indent is the sequence indent (dash included), offset the dash's.
        y = _yaml(2, indent, offset) if indent and offset is not None else guess
        untouched = dump(tree, y)  # before any change: the writer's view of the original
    logical = logical_ids(doc)
    ctx = _Context(doc, _Yaml(json_mode), logical)
    resources = tree["Resources"]
    before_lids = {n: e["logical_id"] for n, e in iac.get("resources", {}).items()}
    for nid, delta in changed.items():
        lid = before_lids.get(nid)
        if lid and lid in resources:
            for prop, value in delta.items():
                _apply_prop(resources[lid], prop, value, before_lids)
    for nid in removed:
        lid = before_lids.get(nid)
        if lid and lid in resources:
            del resources[lid]
            _drop_references(tree, lid)
    for nid in [n["id"] for n in doc["nodes"] if n["id"] in added]:
        for lid, res in resources_for(ctx, ctx.by_id[nid]).items():
            resources[lid] = res
    for src, dst in sorted(new_edges):
        _add_edge(ctx, resources, src, dst, added)
    for src, dst in sorted(gone_edges):
        if src in removed or dst in removed:
            continue
        _remove_edge(ctx, resources, src, dst, before_lids)
    if json_mode:
        indent = 2 if '\n  "' in original[:200] else 4
        return json.dumps(tree, indent=indent, ensure_ascii=False) + "\n"
    return _overlay(original, untouched, dump(tree, y))


def _drop_references(tree: Any, lid: str) -> None:
    """Events, policies and outputs that named a deleted resource go with it."""
    for res in tree["Resources"].values():
        props = res.get("Properties") if isinstance(res, dict) else None
        if not isinstance(props, dict):
            continue
        events = props.get("Events")
        if isinstance(events, dict):
            for name in [k for k, v in events.items() if lid in _plain_refs(v)]:
                del events[name]
        policies = props.get("Policies")
        if isinstance(policies, list):
            for p in [p for p in policies if lid in _plain_refs(p)]:
                policies.remove(p)
        env = _get(props, ("Environment", "Variables"))
        if isinstance(env, dict):
            for k in [k for k, v in env.items() if lid in _plain_refs(v)]:
                del env[k]
    outputs = tree.get("Outputs")
    if isinstance(outputs, dict):
        for k in [k for k, v in outputs.items() if lid in _plain_refs(v)]:
            del outputs[k]


def _add_edge(ctx: _Context, resources: Any, src: str, dst: str, added: set[str]) -> None:
    """Wire a new edge into the resource that carries it (a new component's resource already does)."""
    edge = {"source": src, "target": dst}
    target = resources.get(ctx.lid(dst))
    source = resources.get(ctx.lid(src))
    if ctx.kind(dst) in ("lambda.function", "stepfunctions.state_machine") and event_for(ctx, edge):
        if dst in added:
            return
    elif src in added:
        return
    if target is not None and ctx.kind(dst) in ("lambda.function", "stepfunctions.state_machine"):
        ev = event_for(ctx, edge)
        if ev:
            props = target.setdefault("Properties", CommentedMap())
            props.setdefault("Events", CommentedMap())[ev[0]] = ev[1]
            return
    if source is not None and ctx.kind(src) in ("lambda.function", "stepfunctions.state_machine"):
        pol = policy_for(ctx, edge)
        if pol:
            props = source.setdefault("Properties", CommentedMap())
            policies = props.get("Policies")
            if isinstance(policies, (str, dict)):
                props["Policies"] = policies = [policies]
            props.setdefault("Policies", []).append(pol)


def _remove_edge(ctx: _Context, resources: Any, src: str, dst: str, lids: dict[str, str | None]) -> None:
    s, d = lids.get(src), lids.get(dst)
    target = resources.get(d) if d else None
    if target is not None and isinstance(target.get("Properties"), dict):
        events = target["Properties"].get("Events")
        if isinstance(events, dict):
            for name in list(events):
                ev = events[name]
                named = _plain_refs(ev)
                etype = str(ev.get("Type", "")) if isinstance(ev, dict) else ""
                if (
                    (s and s in named)
                    or (s is None and src.startswith(str(d)) and src == f"{d}{name}")
                    or (
                        s is None
                        and not named
                        and etype in ("Api", "HttpApi")
                        and src in ("ServerlessRestApi", "ServerlessHttpApi")
                    )
                ):
                    del events[name]
    source = resources.get(s) if s else None
    if source is not None and isinstance(source.get("Properties"), dict) and d:
        policies = source["Properties"].get("Policies")
        if isinstance(policies, list):
            for p in [p for p in policies if d in _plain_refs(p)]:
                policies.remove(p)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _opcodes(x: list[str], y: list[str], *, autojunk: bool) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with the common head and tail (most of a template) matched first."""
    head = 0
    while head < len(x) and head < len(y) and x[head] == y[head]:
        head += 1
    tail = 0
    while tail < len(x) - head and tail < len(y) - head and x[-1 - tail] == y[-1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    middle = difflib.SequenceMatcher(None, x[head : len(x) - tail], y[head : len(y) - tail], autojunk=autojunk)
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", len(x) - tail, len(x), len(y) - tail, len(y)))
    return ops


def _overlay(original: str, before: str, after: str) -> str:
    """Apply the change ``before`` -> ``after`` (two dumps by the same writer) to ``original``.

    The writer normalizes what it did not change (quotes, trailing spaces, blank lines,
    indentation) the same way in both dumps, so their difference is exactly the edit; laid
    over the original text, it leaves every other line as the user wrote it. Written lines
    are shifted to the original's indentation at that place (a template may indent its
    lists in more than one way).
    """
    orig = original.splitlines(keepends=True)
    if orig and not orig[-1].endswith("\n"):
        orig[-1] += "\n"
    b, a = before.splitlines(keepends=True), after.splitlines(keepends=True)
    where: dict[int, int] = {}  # line of before -> line of original
    # Compared without indentation (the writer may indent lists its own way); common lines
    # ("Properties:") are junk to the matcher, which keeps it fast on 500-resource templates.
    keys_o, keys_b = [line.strip() for line in orig], [line.strip() for line in b]
    for tag, i1, i2, j1, j2 in _opcodes(keys_o, keys_b, autojunk=True):
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                where[j1 + k] = i1 + k

    def shift(anchor: int, line: str) -> int:
        # The nearest line above at the written line's depth or shallower: its sibling or parent.
        depth = _indent(line)
        for j in range(min(anchor, len(b) - 1), -1, -1):
            if j in where and b[j].strip() and not b[j].lstrip().startswith("#") and _indent(b[j]) <= depth:
                return _indent(orig[where[j]]) - _indent(b[j])
        return 0

    out: list[str] = []
    pos = 0
    for tag, j1, j2, k1, k2 in _opcodes(b, a, autojunk=False):
        if tag == "equal":
            continue
        if j1 < j2:
            if not all(j in where for j in range(j1, j2)):
                return after
            start, end = where[j1], where[j2 - 1] + 1
            anchor = j1
        else:
            if j1 in where and j1 - 1 not in where:
                start = where[j1]
            elif j1 - 1 in where:
                start = where[j1 - 1] + 1
            else:
                return after
            end = start
            anchor = j1 - 1
        if start < pos:
            return after
        out.extend(orig[pos:start])
        for line in a[k1:k2]:
            delta = shift(anchor, line) if line.strip() else 0
            if delta > 0 and line.strip():
                line = " " * delta + line
            elif delta < 0 and line.strip():
                line = line[min(-delta, _indent(line)) :]
            out.append(line)
        pos = end
    out.extend(orig[pos:])
    text = "".join(out)
    if not original.endswith("\n") and text.endswith(orig[-1]) and pos == len(orig) - 1 + 1 and out[-1] == orig[-1]:
        text = text[:-1]
    return text

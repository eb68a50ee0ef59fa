"""The connection table, reviewed against AWS: real integrations are allowed, made-up ones are not.

Each allowed pair carries the AWS feature it stands for (served to the editor); an edge of a
pair AWS has no integration for gets CONNECTION_UNSUPPORTED, once, and only from one rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from builder import catalog
from tests.rules.rule_docs import doc, e, fired, fn, n

REAL = [
    ("rds export to s3", "rds.database", "s3.bucket"),
    ("rds event notifications", "rds.database", "sns.topic"),
    ("elasticache event notifications", "elasticache.cluster", "sns.topic"),
    ("sqs feeds fargate workers", "sqs.queue", "ecs.fargate"),
    ("sns https subscription to an api", "sns.topic", "apigateway.api"),
    ("route 53 alias to a record", "route53.record", "route53.record"),
    ("composite alarm", "cloudwatch.alarm", "cloudwatch.alarm"),
    ("sns metrics to cloudwatch", "sns.topic", "cloudwatch.alarm"),
    ("cognito metrics to cloudwatch", "cognito.user_pool", "cloudwatch.alarm"),
    ("eventbridge cross-bus target", "eventbridge.rule", "eventbridge.rule"),
    ("eventbridge api destination", "eventbridge.rule", "external.client"),
    ("api to api http integration", "apigateway.api", "apigateway.api"),
    ("user pool sms through sns", "cognito.user_pool", "sns.topic"),
    ("lambda at edge invokes lambda", "lambda.edge_function", "lambda.function"),
    ("s3 replication", "s3.bucket", "s3.bucket"),
    ("dynamodb export to s3", "dynamodb.table", "s3.bucket"),
    ("step functions http task", "stepfunctions.state_machine", "external.client"),
]


def pair(source: str, target: str, **source_props: Any) -> dict[str, Any]:
    return doc(n("a", source, **source_props), n("b", target), e("e1", "a", "b"))


@pytest.mark.parametrize(("what", "source", "target"), REAL, ids=[r[0] for r in REAL])
def test_real_aws_integration_is_allowed(what: str, source: str, target: str) -> None:
    assert catalog.connection(source, target) is not None
    assert fired(pair(source, target), "CONNECTION_UNSUPPORTED") == []


@pytest.mark.parametrize("target", ["s3.bucket", "dynamodb.table", "apigateway.api"])
def test_identity_pool_does_not_call_services_itself(target: str) -> None:
    [f] = fired(pair("cognito.identity_pool", target), "CONNECTION_UNSUPPORTED")
    assert f.nodes == ("a", "b") and f.edges == ("e1",)


def test_vpc_endpoint_for_sns_cannot_reach_a_dynamodb_table() -> None:
    [f] = fired(pair("aws.vpc_endpoint", "dynamodb.table", service="sns"), "CONNECTION_UNSUPPORTED")
    assert "service sns" in f.message and "dynamodb" in f.message


def test_vpc_endpoint_for_dynamodb_reaches_a_dynamodb_table() -> None:
    assert fired(pair("aws.vpc_endpoint", "dynamodb.table", service="dynamodb"), "CONNECTION_UNSUPPORTED") == []


def test_cloudfront_function_calling_a_table_is_one_finding_not_two() -> None:
    d = doc(
        n("cdn", "cloudfront.distribution"),
        n("cf", "cloudfront.function"),
        n("t", "dynamodb.table"),
        e("e1", "cf", "cdn"),
        e("e2", "cf", "t"),
    )
    assert [f.rule for f in fired(d, "CF_FUNCTION_NETWORK")] == ["CF_FUNCTION_NETWORK"]
    assert fired(d, "CONNECTION_UNSUPPORTED") == []


def test_self_loop_lists_its_node_once() -> None:
    [f] = fired(doc(fn("f"), e("e1", "f", "f")), "LAMBDA_TO_LAMBDA")
    assert f.nodes == ("f",) and f.edges == ("e1",)
    [g] = fired(doc(n("t", "dynamodb.table"), e("e1", "t", "t")), "CONNECTION_UNSUPPORTED")
    assert g.nodes == ("t",)


def test_api_labelled_api_gateway_is_not_called_api_api_gateway() -> None:
    d = doc({"id": "api", "type": "apigateway.api", "label": "API Gateway", "props": {}})
    [f] = fired(d, "APIGW_NO_AUTH")
    assert f.message.startswith("API Gateway (api) has a regional endpoint")
    d = doc({"id": "orders", "type": "apigateway.api", "label": "Orders", "props": {}})
    assert fired(d, "APIGW_NO_AUTH")[0].message.startswith("API Orders (orders)")


def test_every_allowed_pair_says_which_aws_feature_it_is() -> None:
    for t in catalog.all_types():
        for c in t.connects_to:
            assert c.feature, f"{t.key} -> {c.target}"
    types = {t["type"]: t for t in catalog.catalog_json(lambda icon: icon)["types"]}
    s3_lambda = next(c for c in types["s3.bucket"]["connects_to"] if c["type"] == "lambda.function")
    assert s3_lambda["feature"] == "event notification"
    endpoint = next(c for c in types["aws.vpc_endpoint"]["connects_to"] if c["type"] == "sns.topic")
    assert endpoint["source_props"] == {"prop": "service", "values": ["sns"]}

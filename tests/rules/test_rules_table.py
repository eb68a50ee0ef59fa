"""Every rule of CONTRACT §2: it fires on its case (with the exact ids) and not on the near miss."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from builder import rules
from tests.rules.rule_docs import doc, e, fired, fn, n, vpc

Doc = dict[str, Any]


@dataclass
class Case:
    rule: str
    severity: str
    #: (name, document, node ids, edge ids) where the rule fires exactly once.
    fires: list[tuple[str, Doc, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    #: (name, document) near misses where it must stay quiet.
    quiet: list[tuple[str, Doc]] = field(default_factory=list)


def lam(**props: Any) -> Doc:
    return doc(fn("f", **props))


def edge_fn(**props: Any) -> Doc:
    return doc(n("cdn", "cloudfront.distribution"), n("x", "lambda.edge_function", **props), e("e1", "cdn", "x"))


def cf_fn(**props: Any) -> Doc:
    return doc(n("cdn", "cloudfront.distribution"), n("x", "cloudfront.function", **props), e("e1", "x", "cdn"))


def table(**props: Any) -> Doc:
    return doc(n("t", "dynamodb.table", **props))


def fargate(cpu: float, mem: float) -> Doc:
    return doc(n("task", "ecs.fargate", cpu_vcpu=cpu, memory_mb=mem))


def queue_fn(visibility: float, timeout: float) -> Doc:
    return doc(n("q", "sqs.queue", visibility_timeout_s=visibility), fn("f", timeout_s=timeout), e("e1", "q", "f"))


def consumers(k: int) -> Doc:
    return doc(
        n("t", "dynamodb.table", stream_enabled=True),
        *(fn(f"f{i}") for i in range(k)),
        *(e(f"e{i}", "t", f"f{i}") for i in range(k)),
    )


def concurrency(*values: int) -> Doc:
    return doc(*(fn(f"f{i}", reserved_concurrency=v) for i, v in enumerate(values)))


def api_fn(protocol: str, timeout: float) -> Doc:
    return doc(
        n("api", "apigateway.api", protocol=protocol, authorizer="iam"), fn("f", timeout_s=timeout), e("e1", "api", "f")
    )


def egress(*extra: Doc, visibility: str = "private", target: str = "s3.bucket") -> Doc:
    return doc(*vpc(fn("f", "sn"), n("b", target), *extra, e("e1", "f", "b"), visibility=visibility))


CASES = [
    Case(
        "LAMBDA_MEMORY_RANGE",
        "error",
        fires=[
            ("20000", lam(memory_mb=20000), ("f",), ()),
            ("127.5", lam(memory_mb=127.5), ("f",), ()),
            ("127", lam(memory_mb=127), ("f",), ()),
            ("10241", lam(memory_mb=10241), ("f",), ()),
        ],
        quiet=[("128", lam(memory_mb=128)), ("10240", lam(memory_mb=10240)), ("1769", lam(memory_mb=1769))],
    ),
    Case(
        "LAMBDA_TIMEOUT_MAX",
        "error",
        fires=[
            ("901", lam(timeout_s=901), ("f",), ()),
            ("0", lam(timeout_s=0), ("f",), ()),
            ("0.5", lam(timeout_s=0.5), ("f",), ()),
        ],
        quiet=[("900", lam(timeout_s=900)), ("1", lam(timeout_s=1))],
    ),
    Case(
        "LAMBDA_ENV_SIZE",
        "error",
        fires=[
            ("4097 ascii", lam(env={"K": "x" * 4096}), ("f",), ()),
            ("4099 utf8", lam(env={"K": "가" * 1366}), ("f",), ()),
            ("many keys", lam(env={f"K{i:03}": "x" * 36 for i in range(103)}), ("f",), ()),
        ],
        quiet=[
            ("4096 ascii", lam(env={"K": "x" * 4095})),
            ("4096 utf8", lam(env={"K": "가" * 1365})),
            ("4096 many keys", lam(env={f"K{i:02}": "x" * 61 for i in range(64)})),
        ],
    ),
    Case(
        "LAMBDA_TMP_RANGE",
        "error",
        fires=[
            ("511", lam(ephemeral_storage_mb=511), ("f",), ()),
            ("10241", lam(ephemeral_storage_mb=10241), ("f",), ()),
        ],
        quiet=[("512", lam(ephemeral_storage_mb=512)), ("10240", lam(ephemeral_storage_mb=10240))],
    ),
    Case(
        "LAMBDA_PACKAGE_ZIPPED",
        "warning",
        fires=[("50.1", lam(package_zipped_mb=50.1), ("f",), ())],
        quiet=[("50", lam(package_zipped_mb=50)), ("image", lam(package_type="image", package_zipped_mb=80))],
    ),
    Case(
        "LAMBDA_PACKAGE_UNZIPPED",
        "error",
        fires=[("251", lam(package_unzipped_mb=251), ("f",), ())],
        quiet=[("250", lam(package_unzipped_mb=250)), ("image", lam(package_type="image", package_unzipped_mb=900))],
    ),
    Case(
        "LAMBDA_IMAGE_SIZE",
        "error",
        fires=[("10241", lam(package_type="image", image_size_mb=10241), ("f",), ())],
        quiet=[("10240", lam(package_type="image", image_size_mb=10240)), ("zip", lam(image_size_mb=20000))],
    ),
    Case(
        "LAMBDA_IMAGE_RUNTIME_API",
        "error",
        fires=[("image", lam(package_type="image", implements_runtime_api=False), ("f",), ())],
        quiet=[("implements", lam(package_type="image")), ("zip", lam(implements_runtime_api=False))],
    ),
    Case(
        "LAMBDA_REGION_CONCURRENCY",
        "error",
        fires=[
            ("901", concurrency(300, 300, 301), ("f0", "f1", "f2"), ()),
            # A negative reservation (PROP_NEGATIVE's) does not lower the others' sum.
            ("901 beside a negative one", concurrency(450, 451, -500), ("f0", "f1"), ()),
            (
                "region container",
                doc(
                    n("seoul", "aws.region", region="ap-northeast-2"),
                    fn("a", "seoul", reserved_concurrency=450),
                    fn("b", "seoul", reserved_concurrency=451),
                    fn("c", reserved_concurrency=800),
                    region="ap-northeast-2",
                ),
                ("a", "b", "c"),
                (),
            ),
        ],
        quiet=[
            ("900", concurrency(300, 300, 300)),
            ("unset", concurrency(900, 0)),
            (
                "two regions",
                doc(
                    n("tokyo", "aws.region", region="ap-northeast-1"),
                    fn("a", "tokyo", reserved_concurrency=800),
                    fn("b", reserved_concurrency=800),
                ),
            ),
        ],
    ),
    Case(
        "LAMBDA_VPC_REQUIRED",
        "error",
        fires=[
            ("redis", doc(*vpc(fn("f"), n("r", "elasticache.cluster", "sn"), e("e1", "f", "r"))), ("f", "r"), ("e1",)),
            (
                "internal alb",
                doc(fn("f"), n("alb", "elb.alb", scheme="internal"), e("e1", "f", "alb")),
                ("f", "alb"),
                ("e1",),
            ),
            ("proxy", doc(*vpc(fn("f"), n("p", "rds.proxy", "sn"), e("e1", "f", "p"))), ("f", "p"), ("e1",)),
        ],
        quiet=[
            ("in subnet", doc(*vpc(fn("f", "sn"), n("r", "elasticache.cluster", "sn"), e("e1", "f", "r")))),
            ("public alb", doc(fn("f"), n("alb", "elb.alb"), e("e1", "f", "alb"))),
            ("alb invokes", doc(n("alb", "elb.alb", scheme="internal"), fn("f"), e("e1", "alb", "f"))),
        ],
    ),
    Case(
        "LAMBDA_VPC_SECURITY_GROUP",
        "error",
        fires=[("no sg", doc(*vpc(fn("f", "sn", security_groups=[]))), ("f",), ())],
        quiet=[("sg", doc(*vpc(fn("f", "sn", security_groups=["sg-1"])))), ("outside", doc(fn("f")))],
    ),
    Case(
        "VPC_EGRESS_MISSING",
        "warning",
        fires=[
            ("s3", egress(n("ep", "aws.vpc_endpoint", "vpc", service="dynamodb")), ("f", "b"), ("e1",)),
            ("public subnet", egress(visibility="public"), ("f", "b"), ("e1",)),
            ("sqs", egress(target="sqs.queue"), ("f", "b"), ("e1",)),
            ("other lambda", egress(target="lambda.function"), ("f", "b"), ("e1",)),
            (
                "nat in another vpc",
                egress(
                    n("vpc2", "aws.vpc"),
                    n("pub2", "aws.subnet", "vpc2", visibility="public"),
                    n("nat", "aws.nat_gateway", "pub2"),
                ),
                ("f", "b"),
                ("e1",),
            ),
            (
                "nat in a private subnet",
                egress(n("priv2", "aws.subnet", "vpc"), n("nat", "aws.nat_gateway", "priv2")),
                ("f", "b"),
                ("e1",),
            ),
            ("nat at the top level", egress(n("nat", "aws.nat_gateway")), ("f", "b"), ("e1",)),
            ("nat in the vpc, no subnet", egress(n("nat", "aws.nat_gateway", "vpc")), ("f", "b"), ("e1",)),
            ("s3 endpoint outside the vpc", egress(n("ep", "aws.vpc_endpoint", service="s3")), ("f", "b"), ("e1",)),
        ],
        quiet=[
            ("s3 endpoint", egress(n("ep", "aws.vpc_endpoint", "vpc", service="s3"))),
            ("endpoint in subnet", egress(n("ep", "aws.vpc_endpoint", "sn", service="s3"))),
            ("nat", egress(n("pub", "aws.subnet", "vpc", visibility="public"), n("nat", "aws.nat_gateway", "pub"))),
            (
                "apigw endpoint",
                egress(n("ep", "aws.vpc_endpoint", "vpc", service="execute-api"), target="apigateway.api"),
            ),
            ("outside vpc", doc(fn("f"), n("b", "s3.bucket"), e("e1", "f", "b"))),
            ("trigger into vpc fn", doc(*vpc(fn("f", "sn"), n("b", "s3.bucket"), e("e1", "b", "f")))),
        ],
    ),
    Case(
        "LAMBDA_RDS_PROXY",
        "warning",
        fires=[
            (
                "direct",
                doc(*vpc(fn("f", "sn"), n("db", "rds.database", "sn"), e("e1", "f", "db"))),
                ("f", "db"),
                ("e1",),
            )
        ],
        quiet=[
            (
                "proxy",
                doc(
                    *vpc(
                        fn("f", "sn"),
                        n("p", "rds.proxy", "sn"),
                        n("db", "rds.database", "sn"),
                        e("e1", "f", "p"),
                        e("e2", "p", "db"),
                    )
                ),
            ),
            ("db invokes fn", doc(*vpc(fn("f", "sn"), n("db", "rds.database", "sn"), e("e1", "db", "f")))),
        ],
    ),
    Case(
        "VPC_ONLY_RESOURCE",
        "error",
        fires=[
            ("top level", doc(n("r", "elasticache.cluster")), ("r",), ()),
            ("vpc not subnet", doc(n("vpc", "aws.vpc"), n("d", "dynamodb.dax", "vpc")), ("d",), ()),
            ("rds in region", doc(n("reg", "aws.region"), n("db", "rds.database", "reg")), ("db",), ()),
        ],
        quiet=[("subnet", doc(*vpc(n("db", "rds.database", "sn"), n("p", "rds.proxy", "sn"))))],
    ),
    Case(
        "CONTAINER_NESTING",
        "error",
        fires=[
            ("subnet at top", doc(n("sn", "aws.subnet")), ("sn",), ()),
            ("subnet in region", doc(n("reg", "aws.region"), n("sn", "aws.subnet", "reg")), ("sn",), ()),
            ("vpc in subnet", doc(*vpc(n("v2", "aws.vpc", "sn"))), ("v2",), ()),
            ("region in vpc", doc(n("vpc", "aws.vpc"), n("reg", "aws.region", "vpc")), ("reg",), ()),
            ("cloudfront in subnet", doc(*vpc(n("cdn", "cloudfront.distribution", "sn"))), ("cdn",), ()),
            ("cognito in vpc", doc(n("vpc", "aws.vpc"), n("pool", "cognito.user_pool", "vpc")), ("pool",), ()),
            ("client deep in vpc", doc(*vpc(n("c", "external.client", "sn"))), ("c",), ()),
        ],
        quiet=[
            (
                "region>vpc>subnet",
                doc(n("reg", "aws.region"), n("vpc", "aws.vpc", "reg"), n("sn", "aws.subnet", "vpc"), fn("f", "sn")),
            ),
            ("global in region", doc(n("reg", "aws.region"), n("cdn", "cloudfront.distribution", "reg"))),
        ],
    ),
    Case(
        "EDGE_FUNCTION_REGION",
        "error",
        fires=[("eu-west-1", edge_fn(region="eu-west-1"), ("x",), ())],
        quiet=[("us-east-1", edge_fn(region="us-east-1")), ("default", edge_fn())],
    ),
    Case(
        "EDGE_FUNCTION_RUNTIME",
        "error",
        fires=[("java", edge_fn(runtime="java21"), ("x",), ()), ("go", edge_fn(runtime="provided.al2023"), ("x",), ())],
        quiet=[("python", edge_fn(runtime="python3.13")), ("node", edge_fn(runtime="nodejs20.x"))],
    ),
    Case(
        "EDGE_FUNCTION_LIMITS",
        "error",
        fires=[
            ("viewer 6 s", edge_fn(trigger="viewer-request", timeout_s=6), ("x",), ()),
            ("viewer 129 MB", edge_fn(trigger="viewer-response", memory_mb=129), ("x",), ()),
            ("viewer 1.1 MB", edge_fn(trigger="viewer-request", package_zipped_mb=1.1), ("x",), ()),
            ("origin 31 s", edge_fn(trigger="origin-request", timeout_s=31), ("x",), ()),
            ("origin 51 MB", edge_fn(trigger="origin-response", package_zipped_mb=51), ("x",), ()),
        ],
        quiet=[
            ("viewer at limits", edge_fn(trigger="viewer-request", timeout_s=5, memory_mb=128, package_zipped_mb=1)),
            (
                "origin at limits",
                edge_fn(trigger="origin-request", timeout_s=30, memory_mb=10240, package_zipped_mb=50),
            ),
        ],
    ),
    Case(
        "EDGE_FUNCTION_ATTACHMENT",
        "error",
        fires=[
            ("lambda@edge", doc(n("x", "lambda.edge_function")), ("x",), ()),
            ("cf function", doc(n("x", "cloudfront.function")), ("x",), ()),
            (
                "edge fn calls s3 only",
                doc(n("x", "lambda.edge_function"), n("b", "s3.bucket"), e("e1", "x", "b")),
                ("x",),
                (),
            ),
        ],
        quiet=[("dist -> edge", edge_fn()), ("cf fn -> dist", cf_fn())],
    ),
    Case(
        "CF_FUNCTION_RUNTIME",
        "error",
        fires=[("nodejs", cf_fn(runtime="nodejs22.x"), ("x",), ())],
        quiet=[("js 1.0", cf_fn(runtime="cloudfront-js-1.0")), ("js 2.0", cf_fn())],
    ),
    Case(
        "CF_FUNCTION_TRIGGER",
        "error",
        fires=[("origin", cf_fn(trigger="origin-request"), ("x",), ())],
        quiet=[("viewer-response", cf_fn(trigger="viewer-response"))],
    ),
    Case(
        "CF_FUNCTION_NETWORK",
        "error",
        fires=[
            (
                "to s3",
                doc(
                    n("cdn", "cloudfront.distribution"),
                    n("x", "cloudfront.function"),
                    n("b", "s3.bucket"),
                    e("e1", "x", "cdn"),
                    e("e2", "x", "b"),
                ),
                ("x", "b"),
                ("e2",),
            )
        ],
        quiet=[
            ("only dist", cf_fn()),
            (
                "dist runs it",
                doc(n("cdn", "cloudfront.distribution"), n("x", "cloudfront.function"), e("e1", "cdn", "x")),
            ),
        ],
    ),
    Case(
        "CF_FUNCTION_SIZE",
        "error",
        fires=[("10.5 KB", cf_fn(code_size_kb=10.5), ("x",), ())],
        quiet=[("10 KB", cf_fn(code_size_kb=10))],
    ),
    Case(
        "DYNAMODB_ITEM_SIZE",
        "error",
        fires=[("401", table(expected_item_kb=401), ("t",), ())],
        quiet=[("400", table(expected_item_kb=400))],
    ),
    Case(
        "DYNAMODB_CAPACITY_SPIKY",
        "warning",
        fires=[("provisioned spiky", table(capacity_mode="provisioned", traffic="spiky"), ("t",), ())],
        quiet=[
            ("provisioned steady", table(capacity_mode="provisioned", traffic="steady")),
            ("on-demand spiky", table(traffic="spiky")),
        ],
    ),
    Case(
        "DYNAMODB_STREAM_DISABLED",
        "error",
        fires=[("disabled", doc(n("t", "dynamodb.table"), fn("f"), e("e1", "t", "f")), ("t", "f"), ("e1",))],
        quiet=[
            ("enabled", doc(n("t", "dynamodb.table", stream_enabled=True), fn("f"), e("e1", "t", "f"))),
            ("fn writes table", doc(n("t", "dynamodb.table"), fn("f"), e("e1", "f", "t"))),
        ],
    ),
    Case(
        "DYNAMODB_STREAM_CONSUMERS",
        "warning",
        fires=[("3", consumers(3), ("t", "f0", "f1", "f2"), ("e0", "e1", "e2"))],
        quiet=[("2", consumers(2))],
    ),
    Case(
        "DAX_TARGET",
        "error",
        fires=[
            ("alone", doc(*vpc(n("d", "dynamodb.dax", "sn"))), ("d",), ()),
            ("fn only", doc(*vpc(n("d", "dynamodb.dax", "sn"), fn("f", "sn"), e("e1", "f", "d"))), ("d",), ()),
        ],
        quiet=[("caches table", doc(*vpc(n("d", "dynamodb.dax", "sn"), n("t", "dynamodb.table"), e("e1", "d", "t"))))],
    ),
    Case(
        "CLIENT_DIRECT_LAMBDA",
        "warning",
        fires=[("direct", doc(n("c", "external.client"), fn("f"), e("e1", "c", "f")), ("c", "f"), ("e1",))],
        quiet=[
            (
                "through api",
                doc(
                    n("c", "external.client"),
                    n("api", "apigateway.api"),
                    fn("f"),
                    e("e1", "c", "api"),
                    e("e2", "api", "f"),
                ),
            )
        ],
    ),
    Case(
        "CLIENT_DIRECT_AWS",
        "error",
        fires=[
            ("s3", doc(n("c", "external.client"), n("b", "s3.bucket"), e("e1", "c", "b")), ("c", "b"), ("e1",)),
            (
                "dynamodb",
                doc(n("c", "external.client"), n("t", "dynamodb.table"), e("e1", "c", "t")),
                ("c", "t"),
                ("e1",),
            ),
        ],
        quiet=[
            (
                "identity pool",
                doc(
                    n("c", "external.client"),
                    n("b", "s3.bucket"),
                    n("ids", "cognito.identity_pool"),
                    e("e1", "c", "b"),
                    e("e2", "c", "ids"),
                ),
            )
        ],
    ),
    Case(
        "APIGW_AUTHORIZER_MISSING",
        "error",
        fires=[("no pool", doc(n("api", "apigateway.api", authorizer="cognito")), ("api",), ())],
        quiet=[
            (
                "pool",
                doc(n("api", "apigateway.api", authorizer="cognito"), n("p", "cognito.user_pool"), e("e1", "api", "p")),
            ),
            ("lambda authorizer", doc(n("api", "apigateway.api", authorizer="lambda"))),
        ],
    ),
    Case(
        "APIGW_INTEGRATION_TIMEOUT",
        "warning",
        fires=[
            ("rest 30", api_fn("rest", 30), ("api", "f"), ("e1",)),
            ("http 60", api_fn("http", 60), ("api", "f"), ("e1",)),
        ],
        quiet=[("rest 29", api_fn("rest", 29)), ("websocket 60", api_fn("websocket", 60))],
    ),
    Case(
        "APIGW_PRIVATE_REACH",
        "error",
        fires=[
            (
                "internet client",
                doc(
                    n("c", "external.client"),
                    n("api", "apigateway.api", endpoint_type="private", authorizer="iam"),
                    e("e1", "c", "api"),
                ),
                ("c", "api"),
                ("e1",),
            )
        ],
        quiet=[
            (
                "regional",
                doc(n("c", "external.client"), n("api", "apigateway.api", authorizer="iam"), e("e1", "c", "api")),
            ),
            (
                "vpc function",
                doc(*vpc(fn("f", "sn"), n("api", "apigateway.api", endpoint_type="private"), e("e1", "f", "api"))),
            ),
        ],
    ),
    Case(
        "APIGW_EDGE_CERT_REGION",
        "error",
        fires=[
            (
                "cloudfront",
                doc(
                    n("cert", "acm.certificate", region="eu-west-1"),
                    n("cdn", "cloudfront.distribution"),
                    e("e1", "cert", "cdn"),
                ),
                ("cdn", "cert"),
                ("e1",),
            ),
            (
                "edge api",
                doc(
                    n("cert", "acm.certificate", region="ap-northeast-2"),
                    n("api", "apigateway.api", endpoint_type="edge"),
                    e("e1", "api", "cert"),
                ),
                ("api", "cert"),
                ("e1",),
            ),
        ],
        quiet=[
            (
                "us-east-1",
                doc(n("cert", "acm.certificate"), n("cdn", "cloudfront.distribution"), e("e1", "cert", "cdn")),
            ),
            (
                "regional api",
                doc(
                    n("cert", "acm.certificate", region="eu-west-1"), n("api", "apigateway.api"), e("e1", "cert", "api")
                ),
            ),
        ],
    ),
    Case(
        "SQS_VISIBILITY_BELOW_TIMEOUT",
        "error",
        fires=[("59 < 60", queue_fn(59, 60), ("q", "f"), ("e1",))],
        quiet=[("60 = 60", queue_fn(60, 60)), ("default 30 / 3", queue_fn(30, 3))],
    ),
    Case(
        "SQS_VISIBILITY_TIMEOUT",
        "warning",
        fires=[("60 = 1x", queue_fn(60, 60), ("q", "f"), ("e1",)), ("359", queue_fn(359, 60), ("q", "f"), ("e1",))],
        quiet=[("360 = 6x", queue_fn(360, 60)), ("59 is the error", queue_fn(59, 60))],
    ),
    Case(
        "S3_RECURSIVE_TRIGGER",
        "warning",
        fires=[
            (
                "same bucket",
                doc(n("b", "s3.bucket"), fn("f"), e("t1", "b", "f"), e("w1", "f", "b")),
                ("b", "f"),
                ("t1", "w1"),
            ),
            (
                "two triggers, two writes",
                doc(
                    n("b", "s3.bucket"),
                    fn("f"),
                    e("t1", "b", "f"),
                    e("t2", "b", "f"),
                    e("w1", "f", "b"),
                    e("w2", "f", "b"),
                ),
                ("b", "f"),
                ("t1", "t2", "w1", "w2"),
            ),
        ],
        quiet=[
            (
                "other bucket",
                doc(n("b", "s3.bucket"), n("out", "s3.bucket"), fn("f"), e("t1", "b", "f"), e("w1", "f", "out")),
            )
        ],
    ),
    Case(
        "SFN_EXPRESS_DURATION",
        "error",
        fires=[
            (
                "301",
                doc(n("sm", "stepfunctions.state_machine", workflow_type="express", expected_duration_s=301)),
                ("sm",),
                (),
            )
        ],
        quiet=[
            ("300", doc(n("sm", "stepfunctions.state_machine", workflow_type="express", expected_duration_s=300))),
            ("standard", doc(n("sm", "stepfunctions.state_machine", expected_duration_s=86400))),
        ],
    ),
    Case(
        "LAMBDA_TO_LAMBDA",
        "warning",
        fires=[("direct", doc(fn("a"), fn("b"), e("e1", "a", "b")), ("a", "b"), ("e1",))],
        quiet=[
            (
                "step functions",
                doc(fn("a"), fn("b"), n("sm", "stepfunctions.state_machine"), e("e1", "a", "sm"), e("e2", "sm", "b")),
            )
        ],
    ),
    Case(
        "FARGATE_TASK_SIZE",
        "error",
        fires=[
            (f"{c}/{m}", fargate(c, m), ("task",), ())
            for c, m in [
                (0.25, 1536),
                (0.25, 4096),
                (0.5, 512),
                (0.5, 1536),
                (1, 9216),
                (2, 3072),
                (4, 31744),
                (8, 20000),
                (8, 18432),
                (16, 36864),
                (3, 4096),
                (32, 65536),
            ]
        ],
        quiet=[
            (f"{c}/{m}", fargate(c, m))
            for c, m in [
                (0.25, 512),
                (0.25, 1024),
                (0.25, 2048),
                (0.5, 1024),
                (0.5, 4096),
                (1, 2048),
                (1, 8192),
                (2, 16384),
                (4, 8192),
                (4, 30720),
                (8, 16384),
                (8, 20480),
                (8, 61440),
                (16, 32768),
                (16, 40960),
                (16, 122880),
            ]
        ],
    ),
    Case(
        "ALB_COGNITO_HTTPS",
        "error",
        fires=[
            (
                "http",
                doc(n("alb", "elb.alb", listener="http"), n("p", "cognito.user_pool"), e("e1", "alb", "p")),
                ("alb", "p"),
                ("e1",),
            )
        ],
        quiet=[
            ("https", doc(n("alb", "elb.alb"), n("p", "cognito.user_pool"), e("e1", "alb", "p"))),
            ("http without cognito", doc(n("alb", "elb.alb", listener="http"), fn("f"), e("e1", "alb", "f"))),
        ],
    ),
    Case(
        "APIGW_NO_AUTH",
        "info",
        fires=[
            ("regional none", doc(n("api", "apigateway.api")), ("api",), ()),
            ("edge none", doc(n("api", "apigateway.api", endpoint_type="edge")), ("api",), ()),
        ],
        quiet=[
            ("private", doc(n("api", "apigateway.api", endpoint_type="private"))),
            ("iam", doc(n("api", "apigateway.api", authorizer="iam"))),
        ],
    ),
    Case(
        "CONNECTION_UNSUPPORTED",
        "warning",
        fires=[
            (
                "s3 -> dynamodb",
                doc(n("b", "s3.bucket"), n("t", "dynamodb.table"), e("e1", "b", "t")),
                ("b", "t"),
                ("e1",),
            ),
            (
                "reversed",
                doc(
                    fn("f"),
                    n("q", "sqs.queue"),
                    e("e1", "q", "f"),
                    e("e2", "f", "q"),
                    n("c", "external.client"),
                    e("e3", "f", "c"),
                    e("e4", "c", "q"),
                    n("cdn", "cloudfront.distribution"),
                    e("e5", "f", "cdn"),
                ),
                ("f", "cdn"),
                ("e5",),
            ),
            ("to subnet", doc(*vpc(fn("f"), e("e1", "f", "sn"))), ("f", "sn"), ("e1",)),
            ("from region", doc(n("reg", "aws.region"), fn("f"), e("e1", "reg", "f")), ("reg", "f"), ("e1",)),
        ],
        quiet=[("s3 -> lambda", doc(n("b", "s3.bucket"), fn("f"), e("e1", "b", "f")))],
    ),
    Case(
        "ISOLATED_NODE",
        "info",
        fires=[("lone bucket", doc(n("b", "s3.bucket"), n("vpc", "aws.vpc")), ("b",), ())],
        quiet=[("containers only", doc(*vpc())), ("connected", doc(n("b", "s3.bucket"), fn("f"), e("e1", "b", "f")))],
    ),
    # Added after the contract's list (docs/contract-extensions.md).
    Case(
        "LAMBDA_SECURITY_GROUP_COUNT",
        "error",
        fires=[("6 groups", lam(security_groups=[f"sg-{i}" for i in range(6)]), ("f",), ())],
        quiet=[("5 groups", lam(security_groups=[f"sg-{i}" for i in range(5)])), ("none", lam())],
    ),
    Case(
        "DAX_NODE_COUNT",
        "error",
        fires=[
            ("12", doc(n("dax", "dynamodb.dax", nodes=12)), ("dax",), ()),
            ("0", doc(n("dax", "dynamodb.dax", nodes=0)), ("dax",), ()),
            ("50", doc(n("dax", "dynamodb.dax", nodes=50)), ("dax",), ()),
        ],
        quiet=[("11", doc(n("dax", "dynamodb.dax", nodes=11))), ("1", doc(n("dax", "dynamodb.dax", nodes=1)))],
    ),
    Case(
        "SQS_VISIBILITY_RANGE",
        "error",
        fires=[
            ("43201", doc(n("q", "sqs.queue", visibility_timeout_s=43201)), ("q",), ()),
            ("99999", doc(n("q", "sqs.queue", visibility_timeout_s=99999)), ("q",), ()),
            ("-1", doc(n("q", "sqs.queue", visibility_timeout_s=-1)), ("q",), ()),
        ],
        quiet=[
            ("43200", doc(n("q", "sqs.queue", visibility_timeout_s=43200))),
            ("0", doc(n("q", "sqs.queue", visibility_timeout_s=0))),
        ],
    ),
    Case(
        "COMPONENT_PLACEMENT",
        "error",
        fires=[
            ("nat at the top level", doc(n("nat", "aws.nat_gateway")), ("nat",), ()),
            ("nat in a region", doc(n("r", "aws.region"), n("nat", "aws.nat_gateway", "r")), ("nat",), ()),
            ("nat in a private subnet", doc(*vpc(n("nat", "aws.nat_gateway", "sn"))), ("nat",), ()),
            ("nat in the vpc itself", doc(*vpc(n("nat", "aws.nat_gateway", "vpc"))), ("nat",), ()),
            ("endpoint outside any vpc", doc(n("ep", "aws.vpc_endpoint")), ("ep",), ()),
            ("function in the vpc, not a subnet", doc(*vpc(fn("f", "vpc"))), ("f",), ()),
            ("bucket in a subnet", doc(*vpc(n("b", "s3.bucket", "sn"))), ("b",), ()),
            ("table in a vpc", doc(*vpc(n("t", "dynamodb.table", "vpc"))), ("t",), ()),
        ],
        quiet=[
            ("nat in a public subnet", doc(*vpc(n("nat", "aws.nat_gateway", "sn"), visibility="public"))),
            ("endpoint in the vpc", doc(*vpc(n("ep", "aws.vpc_endpoint", "vpc")))),
            ("endpoint in a subnet", doc(*vpc(n("ep", "aws.vpc_endpoint", "sn")))),
            ("function in a subnet", doc(*vpc(fn("f", "sn")))),
            ("bucket in a region", doc(n("r", "aws.region"), n("b", "s3.bucket", "r"))),
            # One problem, one finding: these are other rules' (VPC_ONLY_RESOURCE, CONTAINER_NESTING).
            ("database outside a subnet", doc(n("db", "rds.database"))),
            ("cloudfront in a vpc", doc(*vpc(n("cdn", "cloudfront.distribution", "vpc")))),
            ("subnet outside a vpc", doc(n("sn", "aws.subnet"))),
        ],
    ),
    # From AWS's serverless-rules (the rules page names each source).
    Case(
        "LAMBDA_ASYNC_FAILURE_DESTINATION",
        "warning",
        fires=[
            ("s3", doc(n("b", "s3.bucket"), fn("f"), e("e1", "b", "f")), ("f",), ("e1",)),
            ("sns", doc(n("t", "sns.topic"), fn("f"), e("e1", "t", "f")), ("f",), ("e1",)),
            ("eventbridge", doc(n("r", "eventbridge.rule"), fn("f"), e("e1", "r", "f")), ("f",), ("e1",)),
            (
                "output only to a table",
                doc(n("b", "s3.bucket"), fn("f"), n("t", "dynamodb.table"), e("e1", "b", "f"), e("e2", "f", "t")),
                ("f",),
                ("e1",),
            ),
        ],
        quiet=[
            (
                "failure queue",
                doc(n("b", "s3.bucket"), fn("f"), n("q", "sqs.queue"), e("e1", "b", "f"), e("e2", "f", "q")),
            ),
            ("invoked by an api (synchronous)", doc(n("api", "apigateway.api"), fn("f"), e("e1", "api", "f"))),
        ],
    ),
    Case(
        "STREAM_FAILURE_DESTINATION",
        "warning",
        fires=[
            (
                "stream without destination",
                doc(n("t", "dynamodb.table", stream_enabled=True), fn("f"), e("e1", "t", "f")),
                ("f",),
                ("e1",),
            )
        ],
        quiet=[
            (
                "sns destination",
                doc(
                    n("t", "dynamodb.table", stream_enabled=True),
                    fn("f"),
                    n("s", "sns.topic"),
                    e("e1", "t", "f"),
                    e("e2", "f", "s"),
                ),
            ),
            (
                "sqs feeds it (the queue's dead-letter queue instead)",
                doc(n("q", "sqs.queue"), fn("f"), e("e1", "q", "f")),
            ),
        ],
    ),
    Case(
        "SQS_DEAD_LETTER_QUEUE",
        "warning",
        fires=[("no redrive", doc(n("q", "sqs.queue")), ("q",), ())],
        quiet=[
            ("redrive to a dlq", doc(n("q", "sqs.queue"), n("dlq", "sqs.queue"), e("e1", "q", "dlq"))),
        ],
    ),
    Case(
        "LAMBDA_DEFAULT_SIZE_BEHIND_API",
        "warning",
        fires=[
            ("both defaults", doc(n("api", "apigateway.api"), fn("f"), e("e1", "api", "f")), ("f",), ("e1",)),
            (
                "default timeout",
                doc(n("api", "apigateway.api"), fn("f", memory_mb=1024), e("e1", "api", "f")),
                ("f",),
                ("e1",),
            ),
            ("behind an alb", doc(n("alb", "elb.alb"), fn("f", timeout_s=10), e("e1", "alb", "f")), ("f",), ("e1",)),
        ],
        quiet=[
            (
                "sized",
                doc(n("api", "apigateway.api"), fn("f", memory_mb=1024, timeout_s=10), e("e1", "api", "f")),
            ),
            ("defaults without an api", doc(n("q", "sqs.queue"), fn("f"), e("e1", "q", "f"))),
        ],
    ),
    Case(
        "PROP_NEGATIVE",
        "error",
        fires=[
            ("zipped package -1 MB", lam(package_zipped_mb=-1), ("f",), ()),
            ("unzipped package -0.5 MB", lam(package_unzipped_mb=-0.5), ("f",), ()),
            ("image -1 MB", lam(package_type="image", image_size_mb=-1), ("f",), ()),
            ("reserved concurrency -1", lam(reserved_concurrency=-1), ("f",), ()),
            ("edge package -1 MB", doc(n("f", "lambda.edge_function", package_zipped_mb=-1)), ("f",), ()),
            ("cf function code -1 KB", doc(n("f", "cloudfront.function", code_size_kb=-1)), ("f",), ()),
            ("item -1 KB", doc(n("t", "dynamodb.table", expected_item_kb=-1)), ("t",), ()),
            ("duration -1 s", doc(n("s", "stepfunctions.state_machine", expected_duration_s=-1)), ("s",), ()),
            ("throttle -1 req/s", doc(n("a", "apigateway.api", throttle_rps=-1)), ("a",), ()),
        ],
        quiet=[
            ("zeros", lam(package_zipped_mb=0, package_unzipped_mb=0, reserved_concurrency=0)),
            ("no throttle set", doc(n("a", "apigateway.api", throttle_rps=None))),
            ("throttle 0", doc(n("a", "apigateway.api", throttle_rps=0))),
            # A size over the AWS limit is that limit's finding, not this one.
            ("zipped package 60 MB", lam(package_zipped_mb=60)),
        ],
    ),
]

FIRES = [pytest.param(c, d, nodes, edges, id=f"{c.rule}-{name}") for c in CASES for name, d, nodes, edges in c.fires]
QUIET = [pytest.param(c, d, id=f"{c.rule}-{name}") for c in CASES for name, d in c.quiet]


def test_every_contract_rule_has_a_case_that_fires_and_a_near_miss() -> None:
    ids = [c.rule for c in CASES]
    assert ids == [r.id for r in rules.all_rules()]
    assert all(c.fires and c.quiet for c in CASES)


@pytest.mark.parametrize(("case", "d", "nodes", "edges"), FIRES)
def test_rule_fires_once_with_exact_ids(case: Case, d: Doc, nodes: tuple[str, ...], edges: tuple[str, ...]) -> None:
    found = fired(d, case.rule)
    assert len(found) == 1, [f.as_json() for f in found]
    f = found[0]
    assert (f.severity, f.nodes, f.edges) == (case.severity, nodes, edges)
    assert f.message and f.hint


@pytest.mark.parametrize(("case", "d"), QUIET)
def test_rule_quiet_on_near_miss(case: Case, d: Doc) -> None:
    assert fired(d, case.rule) == []

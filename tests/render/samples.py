"""Sample documents shared by the render tests, the benchmark and docs/samples/."""

from __future__ import annotations

from typing import Any


def realistic() -> dict[str, Any]:
    """A photo-sharing backend: edge, API, VPC data tier, streams, queue worker, workflow."""
    nodes: list[dict[str, Any]] = [
        {"id": "users", "type": "external.client", "label": "Web browser", "position": {"x": 20, "y": 260}},
        {
            "id": "app",
            "type": "external.client",
            "label": "Mobile app",
            "position": {"x": 20, "y": 460},
            "props": {"kind": "mobile"},
        },
        {"id": "dns", "type": "route53.record", "label": "photos.example.com", "position": {"x": 180, "y": 140}},
        {"id": "cdn", "type": "cloudfront.distribution", "label": "CDN", "position": {"x": 340, "y": 140}},
        {"id": "cff", "type": "cloudfront.function", "label": "URL rewrite", "position": {"x": 340, "y": 20}},
        {"id": "edge", "type": "lambda.edge_function", "label": "Image resize @Edge", "position": {"x": 500, "y": 20}},
        {"id": "cert", "type": "acm.certificate", "label": "TLS certificate", "position": {"x": 180, "y": 20}},
        {"id": "pool", "type": "cognito.user_pool", "label": "사용자 풀", "position": {"x": 180, "y": 600}},
        {"id": "ids", "type": "cognito.identity_pool", "label": "Identity pool", "position": {"x": 340, "y": 600}},
        {
            "id": "seoul",
            "type": "aws.region",
            "label": "Seoul",
            "position": {"x": 640, "y": 100},
            "size": {"w": 1180, "h": 760},
            "props": {"region": "ap-northeast-2"},
        },
        {"id": "site", "type": "s3.bucket", "label": "Static site", "parent": "seoul", "position": {"x": 40, "y": 60}},
        {
            "id": "api",
            "type": "apigateway.api",
            "label": "Photos API",
            "parent": "seoul",
            "position": {"x": 40, "y": 300},
            "props": {"authorizer": "cognito"},
        },
        {
            "id": "vpc",
            "type": "aws.vpc",
            "label": "App VPC",
            "parent": "seoul",
            "position": {"x": 200, "y": 200},
            "size": {"w": 560, "h": 520},
        },
        {
            "id": "sub-a",
            "type": "aws.subnet",
            "label": "Private subnet",
            "parent": "vpc",
            "position": {"x": 20, "y": 50},
            "size": {"w": 520, "h": 200},
            "props": {"az": "ap-northeast-2a"},
        },
        {
            "id": "sub-b",
            "type": "aws.subnet",
            "label": "Private subnet",
            "parent": "vpc",
            "position": {"x": 20, "y": 290},
            "size": {"w": 520, "h": 200},
            "props": {"az": "ap-northeast-2c"},
        },
        {
            "id": "fn",
            "type": "lambda.function",
            "label": "사진 API 핸들러",
            "parent": "sub-a",
            "position": {"x": 30, "y": 50},
            "props": {"memory_mb": 1024, "timeout_s": 20, "security_groups": ["sg-1"]},
        },
        {"id": "proxy", "type": "rds.proxy", "label": "RDS Proxy", "parent": "sub-a", "position": {"x": 220, "y": 50}},
        {
            "id": "db",
            "type": "rds.database",
            "label": "Aurora PostgreSQL",
            "parent": "sub-b",
            "position": {"x": 220, "y": 50},
        },
        {
            "id": "cache",
            "type": "elasticache.cluster",
            "label": "Session cache",
            "parent": "sub-b",
            "position": {"x": 30, "y": 50},
        },
        {
            "id": "photos",
            "type": "dynamodb.table",
            "label": "Photos table",
            "parent": "seoul",
            "position": {"x": 820, "y": 60},
            "props": {"stream_enabled": True},
        },
        {
            "id": "indexer",
            "type": "lambda.function",
            "label": "Stream indexer",
            "parent": "seoul",
            "position": {"x": 980, "y": 60},
        },
        {
            "id": "queue",
            "type": "sqs.queue",
            "label": "Thumbnail jobs",
            "parent": "seoul",
            "position": {"x": 820, "y": 300},
            "props": {"visibility_timeout_s": 360},
        },
        {
            "id": "worker",
            "type": "lambda.function",
            "label": "Thumbnail worker",
            "parent": "seoul",
            "position": {"x": 980, "y": 300},
            "props": {"timeout_s": 60},
        },
        {
            "id": "flow",
            "type": "stepfunctions.state_machine",
            "label": "Moderation workflow",
            "parent": "seoul",
            "position": {"x": 820, "y": 540},
        },
        {
            "id": "alarm",
            "type": "cloudwatch.alarm",
            "label": "Error alarm",
            "parent": "seoul",
            "position": {"x": 980, "y": 540},
        },
    ]
    edges = [
        ("e1", "users", "dns", "DNS"),
        ("e2", "dns", "cdn", ""),
        ("e3", "users", "cdn", "HTTPS"),
        ("e4", "cff", "cdn", "viewer-request"),
        ("e5", "edge", "cdn", "origin-response"),
        ("e6", "cert", "cdn", ""),
        ("e7", "cdn", "site", "origin"),
        ("e8", "app", "api", "REST"),
        ("e9", "api", "pool", "authorizes with"),
        ("e10", "app", "ids", "credentials"),
        ("e11", "ids", "site", ""),
        ("e12", "api", "fn", "invoke"),
        ("e13", "fn", "proxy", "SQL"),
        ("e14", "proxy", "db", ""),
        ("e15", "fn", "cache", "sessions"),
        ("e16", "fn", "photos", "put item"),
        ("e17", "photos", "indexer", "stream"),
        ("e18", "fn", "queue", "enqueue"),
        ("e19", "queue", "worker", ""),
        ("e20", "worker", "flow", "start"),
        ("e21", "flow", "alarm", "metrics"),
    ]
    return {
        "schema": 1,
        "name": "Photo sharing (사진 공유) backend",
        "region": "ap-northeast-2",
        "nodes": nodes,
        "edges": [{"id": i, "source": s, "target": t, "label": label} for i, s, t, label in edges],
    }


# Types that are not containers, cycled through in generated diagrams.
_CYCLE = [
    "lambda.function",
    "dynamodb.table",
    "sqs.queue",
    "s3.bucket",
    "sns.topic",
    "apigateway.api",
    "stepfunctions.state_machine",
    "eventbridge.rule",
    "cloudwatch.alarm",
    "ecs.fargate",
]


def generated(n: int, *, with_vpc: bool = True) -> dict[str, Any]:
    """``n`` components in chains of five, a fifth of them inside a VPC's two subnets."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    if with_vpc:
        nodes += [
            {
                "id": "vpc",
                "type": "aws.vpc",
                "label": "VPC",
                "position": {"x": 0, "y": 0},
                "size": {"w": 2000, "h": 900},
            },
            {
                "id": "s1",
                "type": "aws.subnet",
                "label": "Private subnet",
                "parent": "vpc",
                "position": {"x": 20, "y": 40},
                "size": {"w": 1900, "h": 400},
            },
            {
                "id": "s2",
                "type": "aws.subnet",
                "label": "Private subnet",
                "parent": "vpc",
                "position": {"x": 20, "y": 460},
                "size": {"w": 1900, "h": 400},
            },
        ]
    for i in range(n):
        node: dict[str, Any] = {
            "id": f"n{i}",
            "type": _CYCLE[i % len(_CYCLE)],
            "label": f"Component {i}",
            "position": {"x": 40 + (i % 10) * 160, "y": 1000 + (i // 10) * 140},
        }
        if with_vpc and i % 5 == 0:
            node["type"] = "lambda.function"
            node["parent"] = "s1" if i % 10 == 0 else "s2"
            node["position"] = {"x": 40 + (i // 10 % 10) * 160, "y": 60 + (i // 100) * 130}
        nodes.append(node)
        if i % 5:
            edges.append({"id": f"e{i}", "source": f"n{i - 1}", "target": f"n{i}", "label": "calls" if i % 3 else ""})
    return {"schema": 1, "name": f"Generated {n} nodes", "nodes": nodes, "edges": edges}


def forty() -> dict[str, Any]:
    """A shop backend of 40 components in a region, a VPC and four subnets, as a user lays it
    out on a 180 x 200 px grid: the picture-quality check's realistic diagram."""
    # (id, type, label, absolute x, y, parent, props)
    comps: list[tuple[str, str, str, int, int, str | None, dict[str, Any]]] = [
        ("browser", "external.client", "Shop web", 40, 140, None, {}),
        ("mobile", "external.client", "Shop app", 40, 380, None, {"kind": "mobile"}),
        ("admin", "external.client", "Back office", 40, 860, None, {}),
        ("dns", "route53.record", "shop.example.com", 220, 40, None, {}),
        ("cdn", "cloudfront.distribution", "CDN", 220, 260, None, {}),
        ("cert", "acm.certificate", "TLS certificate", 220, 500, None, {}),
        ("cff", "cloudfront.function", "URL rewrite", 220, 700, None, {}),
        ("edgefn", "lambda.edge_function", "Image resize @Edge", 220, 960, None, {}),
        ("site", "s3.bucket", "Static site", 440, 120, "region", {}),
        ("api", "apigateway.api", "Shop API", 440, 380, "region", {"authorizer": "cognito"}),
        ("pool", "cognito.user_pool", "고객 사용자 풀", 440, 600, "region", {}),
        ("idp", "cognito.identity_pool", "Identity pool", 440, 800, "region", {}),
        ("adminapi", "apigateway.api", "Admin API", 440, 1000, "region", {}),
        ("nat-a", "aws.nat_gateway", "NAT A", 700, 210, "pub-a", {}),
        ("alb", "elb.alb", "Internal ALB", 900, 210, "pub-a", {}),
        ("nat-b", "aws.nat_gateway", "NAT B", 1230, 210, "pub-b", {}),
        ("vpce", "aws.vpc_endpoint", "DynamoDB endpoint", 1430, 210, "pub-b", {}),
        ("orders", "lambda.function", "주문 처리 (orders)", 700, 450, "priv-a", {"memory_mb": 1024}),
        ("fargate", "ecs.fargate", "Catalog service", 900, 450, "priv-a", {}),
        ("proxy", "rds.proxy", "RDS Proxy", 700, 680, "priv-a", {}),
        ("cache", "elasticache.cluster", "Session cache", 900, 680, "priv-a", {}),
        ("payments", "lambda.function", "Payments", 1230, 450, "priv-b", {}),
        ("dax", "dynamodb.dax", "DAX", 1430, 450, "priv-b", {}),
        ("db", "rds.database", "Orders DB", 1230, 680, "priv-b", {}),
        ("reports", "lambda.function", "Reports C:\\exports", 1430, 680, "priv-b", {}),
        ("queue", "sqs.queue", "Order queue", 1800, 120, "region", {}),
        ("worker", "lambda.function", "Fulfilment worker", 1980, 120, "region", {}),
        ("topic", "sns.topic", "Order events", 1800, 340, "region", {}),
        ("mail", "lambda.function", "Send e-mail", 1980, 340, "region", {}),
        ("sfn", "stepfunctions.state_machine", "Checkout workflow", 1800, 560, "region", {}),
        ("stock", "lambda.function", "Reserve stock", 1980, 560, "region", {}),
        ("table", "dynamodb.table", "Carts", 1800, 780, "region", {}),
        ("stream", "lambda.function", "Cart stream", 1980, 780, "region", {}),
        ("uploads", "s3.bucket", "Uploads", 1800, 1000, "region", {}),
        ("thumbs", "lambda.function", "Thumbnails", 1980, 1000, "region", {}),
        ("alarm", "cloudwatch.alarm", "Errors alarm", 1230, 1000, "region", {}),
        ("alerts", "sns.topic", "Alerts", 1430, 1000, "region", {}),
        ("rule", "eventbridge.rule", "Nightly report", 700, 1000, "region", {}),
        ("authfn", "lambda.function", "Pre sign-up", 900, 1000, "region", {}),
        ("admin-fn", "lambda.function", "Admin handler", 440, 1190, "region", {}),
    ]
    frames: list[tuple[str, str, str, int, int, int, int, str | None, dict[str, Any]]] = [
        ("region", "aws.region", "Seoul", 400, 20, 1740, 1300, None, {"region": "ap-northeast-2"}),
        ("vpc", "aws.vpc", "Shop VPC", 660, 100, 1000, 840, "region", {"cidr": "10.0.0.0/16"}),
        ("pub-a", "aws.subnet", "Public subnet A", 680, 150, 460, 190, "vpc", {"visibility": "public"}),
        ("pub-b", "aws.subnet", "Public subnet B", 1200, 150, 440, 190, "vpc", {"visibility": "public"}),
        ("priv-a", "aws.subnet", "Private subnet A", 680, 390, 460, 520, "vpc", {"az": "ap-northeast-2a"}),
        ("priv-b", "aws.subnet", "Private subnet B", 1200, 390, 440, 520, "vpc", {"az": "ap-northeast-2c"}),
    ]
    where = {f[0]: (f[3], f[4]) for f in frames}

    def rel(x: int, y: int, parent: str | None) -> dict[str, int]:
        px, py = where[parent] if parent else (0, 0)
        return {"x": x - px, "y": y - py}

    nodes: list[dict[str, Any]] = []
    for fid, ftype, label, x, y, w, h, parent, props in frames:
        nodes.append(
            {"id": fid, "type": ftype, "label": label, "parent": parent, "position": rel(x, y, parent),
             "size": {"w": w, "h": h}, "props": props}
        )  # fmt: skip
    for cid, ctype, label, x, y, parent, props in comps:
        nodes.append(
            {"id": cid, "type": ctype, "label": label, "parent": parent, "position": rel(x, y, parent), "props": props}
        )
    links = [
        ("browser", "dns", ""), ("browser", "cdn", ""), ("mobile", "api", "HTTPS"), ("dns", "cdn", "alias"),
        ("cdn", "site", ""), ("cert", "cdn", ""), ("cff", "cdn", ""), ("edgefn", "cdn", ""), ("cdn", "api", "/api/*"),
        ("browser", "pool", "signs in"), ("pool", "authfn", ""), ("idp", "pool", ""), ("admin", "adminapi", ""),
        ("adminapi", "admin-fn", ""), ("api", "orders", ""), ("api", "fargate", ""), ("orders", "proxy", "SQL"),
        ("proxy", "db", ""), ("orders", "cache", ""), ("fargate", "cache", ""), ("orders", "queue", "enqueue"),
        ("queue", "worker", ""), ("worker", "topic", ""), ("topic", "mail", ""), ("api", "sfn", "checkout"),
        ("sfn", "stock", ""), ("stock", "table", ""), ("table", "stream", ""), ("payments", "dax", ""),
        ("dax", "table", ""), ("uploads", "thumbs", ""), ("alarm", "alerts", ""), ("rule", "reports", "02:00"),
        ("reports", "db", "reads"), ("fargate", "alb", ""), ("api", "payments", "pay"),
    ]  # fmt: skip
    edges = [{"id": f"e{i}", "source": s, "target": t, "label": lab} for i, (s, t, lab) in enumerate(links)]
    return {
        "schema": 1,
        "name": "Shop backend (40 components)",
        "region": "ap-northeast-2",
        "nodes": nodes,
        "edges": edges,
    }

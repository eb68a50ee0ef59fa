"""Edge: CloudFront, CloudFront Functions, Lambda@Edge, and the outside world's clients."""

from __future__ import annotations

from typing import Any

from .base import NOT_NEGATIVE, ComponentType, Limit, Prop, links

TRIGGERS = ("viewer-request", "viewer-response", "origin-request", "origin-response")
VIEWER = ("viewer-request", "viewer-response")
ORIGIN = ("origin-request", "origin-response")


def _edge_limit(text: str, triggers: tuple[str, ...], **bounds: Any) -> Limit:
    """A Lambda@Edge limit of one trigger family, reported by EDGE_FUNCTION_LIMITS."""
    hint = (
        "Lower the settings, or move the work to an origin trigger (30 s, 50 MB) or behind the origin."
        if triggers == VIEWER
        else "Lower the settings, or move the heavy work behind the origin (API Gateway + Lambda)."
    )
    return Limit("EDGE_FUNCTION_LIMITS", "error", text, hint, when=("trigger", triggers), **bounds)


TYPES = (
    ComponentType(
        key="external.client",
        label="Client",
        category="edge",
        description="A browser, a mobile app or a service outside AWS.",
        icon="aws/general/client.png",
        icon_by_prop=(
            "kind",
            {
                "browser": "aws/general/client.png",
                "mobile": "aws/general/mobile-client.png",
                "service": "aws/general/traditional-server.png",
            },
        ),
        diagrams_class="diagrams.aws.general.Client",
        global_service=True,
        parents=("", "aws.region"),
        props=(Prop("kind", "choice", "browser", "Kind", choices=("browser", "mobile", "service")),),
        connects_to=(
            *links("route", "requests", "cloudfront.distribution", "apigateway.api", "elb.alb", "route53.record"),
            *links("invoke", "invokes", "lambda.function"),
            *links("read_write", "reads/writes", "s3.bucket", "dynamodb.table"),
            *links("read_write", "sends to", "sqs.queue", "sns.topic", "eventbridge.rule"),
            *links("authorize", "signs in with", "cognito.user_pool"),
            *links("credentials", "gets credentials from", "cognito.identity_pool"),
        ),
        aws_docs="https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/welcome.html",
    ),
    ComponentType(
        key="cloudfront.distribution",
        label="CloudFront distribution",
        category="edge",
        description="Global CDN: caches and serves content from edge locations close to users.",
        icon="aws/network/cloudfront.png",
        diagrams_class="diagrams.aws.network.CloudFront",
        global_service=True,
        props=(
            Prop(
                "price_class",
                "choice",
                "PriceClass_All",
                "Price class",
                choices=("PriceClass_All", "PriceClass_200", "PriceClass_100"),
            ),
        ),
        connects_to=(
            *links("origin", "origin", "s3.bucket", "apigateway.api", "elb.alb", "lambda.function", "external.client"),
            *links("attach", "runs", "cloudfront.function", "lambda.edge_function"),
            *links("attach", "uses certificate", "acm.certificate"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Introduction.html",
    ),
    ComponentType(
        key="cloudfront.function",
        label="CloudFront Function",
        category="edge",
        description="Lightweight JavaScript at the edge (sub-millisecond) for viewer requests and responses: "
        "headers, redirects, cache keys, token checks. No network access.",
        icon="builder:cloudfront-function.png",
        diagrams_class=None,
        global_service=True,
        props=(
            Prop(
                "runtime",
                "string",
                "cloudfront-js-2.0",
                "Runtime",
                "cloudfront-js-1.0 or cloudfront-js-2.0.",
                max_length=64,
            ),
            Prop(
                "trigger",
                "choice",
                "viewer-request",
                "Trigger",
                "CloudFront Functions run on viewer events only.",
                choices=TRIGGERS,
            ),
            Prop(
                "code_size_kb",
                "number",
                1,
                "Code size",
                "At most 10 KB.",
                unit="KB",
                limits=(
                    NOT_NEGATIVE,
                    Limit(
                        "CF_FUNCTION_SIZE",
                        "error",
                        "CloudFront Functions allow 10 KB of code",
                        "Shrink the code (no libraries), or use Lambda@Edge for bigger logic.",
                        max=10,
                    ),
                ),
            ),
        ),
        connects_to=links("attach", "attached to", "cloudfront.distribution"),
        aws_docs="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html",
    ),
    ComponentType(
        key="lambda.edge_function",
        label="Lambda@Edge",
        category="edge",
        description="Node.js or Python functions replicated to CloudFront's edge; authored in us-east-1. "
        "More CPU, memory and network access than CloudFront Functions.",
        icon="builder:lambda-edge.png",
        diagrams_class=None,
        global_service=True,
        props=(
            Prop("runtime", "string", "nodejs22.x", "Runtime", "Node.js or Python only.", max_length=64),
            Prop(
                "region",
                "string",
                "us-east-1",
                "Authoring region",
                "Lambda@Edge functions are created in us-east-1.",
                max_length=32,
            ),
            Prop("trigger", "choice", "origin-request", "Trigger", choices=TRIGGERS),
            Prop(
                "memory_mb",
                "number",
                128,
                "Memory",
                "Viewer triggers: 128 MB. Origin triggers: up to 10,240 MB.",
                unit="MB",
                limits=(
                    _edge_limit("viewer triggers allow 128 MB", VIEWER, min=128, max=128),
                    _edge_limit("origin triggers allow 128 to 10240 MB", ORIGIN, min=128, max=10240),
                ),
            ),
            Prop(
                "timeout_s",
                "number",
                3,
                "Timeout",
                "Viewer triggers: 5 s. Origin triggers: 30 s.",
                unit="s",
                limits=(
                    _edge_limit("viewer triggers allow 1 to 5 s", VIEWER, min=1, max=5),
                    _edge_limit("origin triggers allow 1 to 30 s", ORIGIN, min=1, max=30),
                ),
            ),
            Prop(
                "package_zipped_mb",
                "number",
                1,
                "Zipped package size",
                "Viewer: 1 MB. Origin: 50 MB.",
                unit="MB",
                limits=(
                    NOT_NEGATIVE,
                    _edge_limit("viewer triggers allow a 1 MB package", VIEWER, max=1),
                    _edge_limit("origin triggers allow a 50 MB package", ORIGIN, max=50),
                ),
            ),
        ),
        connects_to=(
            *links("attach", "attached to", "cloudfront.distribution"),
            *links("read_write", "reads/writes", "s3.bucket", "dynamodb.table"),
            *links("read_write", "sends to", "sqs.queue", "sns.topic"),
            *links("invoke", "calls", "apigateway.api", "external.client"),
            *links("invoke", "invokes", "lambda.function"),
            *links("notify", "logs to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge",
    ),
)

"""API: API Gateway (REST, HTTP and WebSocket APIs)."""

from __future__ import annotations

from .base import NOT_NEGATIVE, ComponentType, Prop, links

TYPES = (
    ComponentType(
        key="apigateway.api",
        label="API Gateway",
        category="api",
        description="Managed HTTP, REST and WebSocket endpoints with auth, throttling, caching and stages.",
        icon="aws/network/api-gateway.png",
        diagrams_class="diagrams.aws.network.APIGateway",
        props=(
            Prop("protocol", "choice", "rest", "Protocol", choices=("rest", "http", "websocket")),
            Prop(
                "endpoint_type",
                "choice",
                "regional",
                "Endpoint type",
                "Edge-optimized goes through CloudFront; private is reachable only from a VPC.",
                choices=("edge", "regional", "private"),
            ),
            Prop(
                "authorizer",
                "choice",
                "none",
                "Authorizer",
                "Cognito: connect the API to a user pool. Lambda: label the API's edge to the authorizer"
                " function 'authorizer'.",
                choices=("none", "iam", "cognito", "lambda"),
            ),
            Prop("custom_domain", "string", "", "Custom domain", "With a certificate from ACM.", max_length=253),
            Prop(
                "throttle_rps",
                "number",
                None,
                "Throttle",
                "Steady-state requests per second.",
                unit="req/s",
                nullable=True,
                limits=(NOT_NEGATIVE,),
            ),
            Prop("cache_enabled", "boolean", False, "Response cache", "REST APIs only."),
        ),
        connects_to=(
            *links(
                "invoke",
                "integrates",
                "lambda.function",
                "stepfunctions.state_machine",
                "elb.alb",
                "ecs.fargate",
                "external.client",
                "apigateway.api",
            ),
            *links(
                "read_write", "integrates", "sqs.queue", "sns.topic", "dynamodb.table", "s3.bucket", "eventbridge.rule"
            ),
            *links("authorize", "authorizes with", "cognito.user_pool"),
            *links("attach", "uses certificate", "acm.certificate"),
            *links("notify", "logs to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
    ),
)

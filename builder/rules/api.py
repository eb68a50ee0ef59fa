"""Front doors: clients reaching AWS, API Gateway authorizers, timeouts, endpoints, certificates."""

from __future__ import annotations

from collections.abc import Iterator

from builder.i18n import t

from .base import Hit, Index, number, rule

API = "apigateway.api"
CLIENT = "external.client"
FN = "lambda.function"
#: API Gateway's default integration timeout for REST and HTTP APIs (HTTP APIs: 30 s at most).
INTEGRATION_TIMEOUT_S = 29


@rule(
    "CLIENT_DIRECT_LAMBDA",
    "warning",
    "Clients should not invoke functions directly",
    """Calling the Lambda Invoke API from a browser or an app needs AWS IAM credentials on
    the client, and gives no HTTP endpoint, throttling, caching or request validation. Put an
    HTTP front door between them: API Gateway (auth, usage plans, stages, throttling) or an
    Application Load Balancer; or a function URL with its own auth.""",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-with-lambda-integration.html",
)
def client_direct_lambda(idx: Index) -> Iterator[Hit]:
    for c in idx.of_type(CLIENT):
        for e in idx.outgoing(c.id):
            if e.target.type == FN:
                yield (
                    (c.id, e.target.id),
                    (e.id,),
                    t(
                        "{client} invokes {fn} directly, which needs IAM credentials on the client",
                        client=idx.called("client", c),
                        fn=idx.kind(e.target),
                    ),
                    t("Put API Gateway or an ALB in front of the function: client -> API -> function."),
                )


@rule(
    "CLIENT_DIRECT_AWS",
    "error",
    "Clients reach S3 or DynamoDB directly only with Cognito credentials",
    """A browser or mobile app may call S3 or DynamoDB directly only with temporary AWS
    credentials, which a Cognito identity pool hands out (to signed-in users, mapped to an
    IAM role scoped to their own data). Embedding long-lived access keys in a client gives
    them to everyone. Connect the client to an identity pool, or go through API Gateway, or
    use S3 presigned URLs.""",
    "https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html",
)
def client_direct_aws(idx: Index) -> Iterator[Hit]:
    for c in idx.of_type(CLIENT):
        direct = [e for e in idx.outgoing(c.id) if e.target.type in ("s3.bucket", "dynamodb.table")]
        if not direct or idx.connected(c.id, "cognito.identity_pool"):
            continue
        for e in direct:
            yield (
                (c.id, e.target.id),
                (e.id,),
                t(
                    "{client} reads/writes {target} directly without a Cognito identity pool for credentials",
                    client=idx.called("client", c),
                    target=idx.kind(e.target),
                ),
                t("Connect the client to a cognito.identity_pool, or go through API Gateway or presigned URLs."),
            )


@rule(
    "APIGW_AUTHORIZER_MISSING",
    "error",
    "A Cognito authorizer needs a user pool",
    """An API Gateway Cognito authorizer validates the JWT a user got from a Cognito user
    pool. It is configured with that user pool; without one, the API cannot verify any token
    and every request is refused (or the authorizer cannot be created). Connect the API to
    the user pool that signs its users in.""",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html",
)
def authorizer_missing(idx: Index) -> Iterator[Hit]:
    for api in idx.of_type(API):
        if api.props["authorizer"] == "cognito" and not idx.connected(api.id, "cognito.user_pool"):
            yield (
                (api.id,),
                (),
                t(
                    "{api} uses a cognito authorizer but is connected to no Cognito user pool",
                    api=idx.called("API", api),
                ),
                t("Connect the API to its cognito.user_pool (api -> user pool)."),
            )


@rule(
    "APIGW_INTEGRATION_TIMEOUT",
    "warning",
    "API Gateway stops waiting after 29 seconds",
    """REST and HTTP APIs wait at most 29 seconds (HTTP APIs 30) for an integration by
    default; then the client gets a 504 while the function keeps running and billing. A
    function behind an API with a longer timeout is a sign of work that should be
    asynchronous: return 202 at once and hand the job to SQS or Step Functions, or lower the
    function timeout to what the API waits.""",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
)
def integration_timeout(idx: Index) -> Iterator[Hit]:
    for api in idx.of_type(API):
        if api.props["protocol"] not in ("rest", "http"):
            continue
        for e in idx.outgoing(api.id):
            fn = e.target
            if fn.type == FN and fn.props["timeout_s"] > INTEGRATION_TIMEOUT_S:
                yield (
                    (api.id, fn.id),
                    (e.id,),
                    t(
                        "{api} calls {fn}, whose timeout is {timeout} s; the API gives up after {limit} s",
                        api=idx.called("API", api),
                        fn=idx.name(fn),
                        timeout=number(fn.props["timeout_s"]),
                        limit=INTEGRATION_TIMEOUT_S,
                    ),
                    t("Lower the function timeout to 29 s, or make the work asynchronous (SQS or Step Functions)."),
                )


@rule(
    "APIGW_PRIVATE_REACH",
    "error",
    "A private API is reachable only from inside a VPC",
    """A private API Gateway endpoint is reachable only through an interface VPC endpoint
    (execute-api) from inside a VPC; clients on the internet get no answer. Use a regional
    or edge-optimized endpoint for public clients, or put the caller in the VPC (or connect
    its network by VPN or Direct Connect).""",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html",
)
def private_reach(idx: Index) -> Iterator[Hit]:
    for api in idx.of_type(API):
        if api.props["endpoint_type"] != "private":
            continue
        for e in idx.incoming(api.id):
            c = e.source
            if c.type == CLIENT and not idx.in_vpc(c):
                yield (
                    (c.id, api.id),
                    (e.id,),
                    t(
                        "{client} outside every VPC calls private {api}, which only answers inside a VPC",
                        client=idx.called("client", c),
                        api=idx.called("API", api),
                    ),
                    t("Make the API regional or edge-optimized, or call it from inside the VPC."),
                )


@rule(
    "APIGW_EDGE_CERT_REGION",
    "error",
    "CloudFront and edge-optimized APIs need an ACM certificate in us-east-1",
    """CloudFront reads TLS certificates from ACM in US East (N. Virginia) only. A CloudFront
    distribution with a custom domain, and an edge-optimized API Gateway (which runs on
    CloudFront), must use a certificate requested or imported in us-east-1, wherever the
    application itself runs. Regional APIs and ALBs use a certificate in their own region.""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html",
)
def edge_cert_region(idx: Index) -> Iterator[Hit]:
    for cert in idx.of_type("acm.certificate"):
        region = cert.props["region"]
        if region == "us-east-1":
            continue
        # Edges either way: "connected to" (cert secures the distribution, or the reverse).
        for e in (*idx.outgoing(cert.id), *idx.incoming(cert.id)):
            other = e.target if e.source is cert else e.source
            if other.type == "cloudfront.distribution":
                what = "CloudFront distribution"
            elif other.type == API and other.props["endpoint_type"] == "edge":
                what = "edge-optimized API"
            else:
                continue
            yield (
                (other.id, cert.id),
                (e.id,),
                t(
                    "{what} uses {cert} from {region}; CloudFront only uses ACM certificates from us-east-1",
                    what=idx.called(what, other),
                    cert=idx.kind(cert),
                    region=region,
                ),
                t("Request (or import) the certificate in us-east-1 and use that one."),
            )


@rule(
    "APIGW_NO_AUTH",
    "info",
    "A public API without an authorizer",
    """An API with a public endpoint and no authorizer answers anyone on the internet. That
    is right for public content, but most APIs should check who calls: IAM for AWS callers, a
    Cognito user pool for your users, or a Lambda authorizer for tokens of your own. Add
    throttling and AWS WAF either way.""",
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
)
def no_auth(idx: Index) -> Iterator[Hit]:
    for api in idx.of_type(API):
        if api.props["authorizer"] == "none" and api.props["endpoint_type"] != "private":
            yield (
                (api.id,),
                (),
                t(
                    "{api} has a {endpoint} endpoint and no authorizer: anyone can call it",
                    api=idx.called("API", api),
                    endpoint=api.props["endpoint_type"],
                ),
                t("If it is not meant to be public, set authorizer to cognito, iam or lambda."),
            )

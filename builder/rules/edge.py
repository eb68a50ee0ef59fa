"""Edge computing: Lambda@Edge and CloudFront Functions, and how they attach to CloudFront."""

from __future__ import annotations

from collections.abc import Iterator

from builder.i18n import t

from .base import Hit, Index, rule
from .limits import limit_rule

EDGE_FN = "lambda.edge_function"
CF_FN = "cloudfront.function"
DISTRIBUTION = "cloudfront.distribution"
EDGE_LIMITS_DOCS = (
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-lambda-at-edge"
)
RESTRICTIONS_DOCS = (
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html"
)
# Lambda@Edge's limits by trigger family and CloudFront Functions' code size live in the
# catalog (builder/catalog/edge.py); EDGE_FUNCTION_LIMITS and CF_FUNCTION_SIZE report them.


@rule(
    "EDGE_FUNCTION_REGION",
    "error",
    "Lambda@Edge functions are created in us-east-1",
    """Lambda@Edge functions are authored in US East (N. Virginia), us-east-1, and CloudFront
    replicates them to its edge locations around the world. A function created in any other
    region cannot be associated with a distribution. Create it (and its IAM role) in
    us-east-1, wherever the rest of the application runs.""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-how-it-works-tutorial.html",
)
def edge_region(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(EDGE_FN):
        region = fn.props["region"]
        if region != "us-east-1":
            yield (
                (fn.id,),
                (),
                t(
                    "{fn} is in {region}; Lambda@Edge functions must be created in us-east-1",
                    fn=idx.kind(fn),
                    region=region or t("no region"),
                ),
                t("Set region to us-east-1: CloudFront replicates the function to every edge location from there."),
            )


@rule(
    "EDGE_FUNCTION_RUNTIME",
    "error",
    "Lambda@Edge supports Node.js and Python only",
    """Lambda@Edge runs only Node.js and Python runtimes; Java, Go, .NET, Ruby, custom
    runtimes and container images are not supported at the edge. Rewrite the function in
    Node.js or Python, or move the logic behind the origin (API Gateway + Lambda).""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html",
)
def edge_runtime(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(EDGE_FN):
        runtime = fn.props["runtime"]
        if not runtime.startswith(("nodejs", "python")):
            yield (
                (fn.id,),
                (),
                t(
                    "{fn} uses runtime {runtime}; only Node.js and Python run at the edge",
                    fn=idx.kind(fn),
                    runtime=runtime or t("(none)"),
                ),
                t("Use a nodejs* or python* runtime (e.g. nodejs22.x, python3.13)."),
            )


limit_rule(
    "EDGE_FUNCTION_LIMITS",
    "Lambda@Edge timeout, memory and package limits",
    """Lambda@Edge is tighter than regional Lambda, and tighter still on viewer triggers,
    which run on every request, cache hits included: viewer-request and viewer-response
    functions get at most 5 s, 128 MB of memory and a 1 MB package; origin-request and
    origin-response functions (run on cache misses only) get at most 30 s, 10,240 MB and a
    50 MB package. Move heavy work to an origin trigger or behind the origin.""",
    EDGE_LIMITS_DOCS,
)


@rule(
    "EDGE_FUNCTION_ATTACHMENT",
    "error",
    "Edge functions run only attached to a CloudFront distribution",
    """Lambda@Edge functions and CloudFront Functions are not called directly: CloudFront
    runs them on the viewer or origin events of a distribution's cache behaviour. An edge
    function that no distribution uses never runs. Connect it to the distribution whose
    requests or responses it should handle.""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions.html",
)
def edge_attachment(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(EDGE_FN, CF_FN):
        if not idx.connected(fn.id, DISTRIBUTION):
            yield (
                (fn.id,),
                (),
                t(
                    "{fn} is not connected to any CloudFront distribution, so it never runs",
                    fn=idx.kind(fn),
                ),
                t("Connect it to the cloudfront.distribution whose requests or responses it handles."),
            )


@rule(
    "CF_FUNCTION_RUNTIME",
    "error",
    "CloudFront Functions run cloudfront-js only",
    """CloudFront Functions run in CloudFront's own lightweight JavaScript runtime
    (cloudfront-js-1.0 or cloudfront-js-2.0), which starts in under a millisecond at every
    edge location. No other language is available; for Python or Node.js with libraries use
    Lambda@Edge.""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-features.html",
)
def cf_runtime(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(CF_FN):
        runtime = fn.props["runtime"]
        if not runtime.startswith("cloudfront-js"):
            yield (
                (fn.id,),
                (),
                t(
                    "{fn} uses runtime {runtime}; only cloudfront-js runs there",
                    fn=idx.kind(fn),
                    runtime=runtime or t("(none)"),
                ),
                t("Use cloudfront-js-2.0, or make it a Lambda@Edge function for Node.js or Python."),
            )


@rule(
    "CF_FUNCTION_TRIGGER",
    "error",
    "CloudFront Functions run on viewer events only",
    """CloudFront Functions handle viewer-request and viewer-response events only, the
    events of every request at the edge. Origin-request and origin-response events, which
    happen on cache misses, need Lambda@Edge.""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html",
)
def cf_trigger(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(CF_FN):
        if fn.props["trigger"].startswith("origin"):
            yield (
                (fn.id,),
                (),
                t(
                    "{fn} is on {trigger}; CloudFront Functions run on viewer-request and viewer-response only",
                    fn=idx.kind(fn),
                    trigger=fn.props["trigger"],
                ),
                t("Use a viewer trigger, or a Lambda@Edge function for origin events."),
            )


@rule(
    "CF_FUNCTION_NETWORK",
    "error",
    "CloudFront Functions have no network access",
    """A CloudFront Function runs for under a millisecond with no network and no file system:
    it can rewrite the request or response it is given, but cannot call S3, DynamoDB, an API
    or anything else. Logic that needs to fetch or store data belongs in Lambda@Edge (which
    has network access) or at the origin.""",
    RESTRICTIONS_DOCS,
)
def cf_network(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(CF_FN):
        for e in idx.outgoing(fn.id):
            if e.target.type != DISTRIBUTION:
                yield (
                    (fn.id, e.target.id),
                    (e.id,),
                    t(
                        "{fn} calls {target}, but CloudFront Functions have no network access",
                        fn=idx.kind(fn),
                        target=idx.kind(e.target),
                    ),
                    t("Use a Lambda@Edge function for calls to other services, or move the call to the origin."),
                )


limit_rule(
    "CF_FUNCTION_SIZE",
    "CloudFront Function code is limited to 10 KB",
    """A CloudFront Function's code may be at most 10 KB. The limit keeps functions small
    enough to start in under a millisecond on every request. Move larger logic, or logic with
    dependencies, to Lambda@Edge.""",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-functions",
)

"""Lambda function limits: memory, timeout, environment, /tmp, packages, images, concurrency."""

from __future__ import annotations

from collections.abc import Iterator

from builder.i18n import t

from .base import Hit, Index, rule
from .limits import catalog_limit, limit_rule

FN = "lambda.function"
QUOTAS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html"

#: The region-wide reservation limit (the catalog's, on ``reserved_concurrency``): the default
#: concurrency quota is 1,000 per region and AWS keeps 100 unreserved.
_RESERVABLE = catalog_limit("LAMBDA_REGION_CONCURRENCY")
assert _RESERVABLE.max is not None
REGION_RESERVABLE = int(_RESERVABLE.max)

# The limits of one function's props (memory, timeout, env, /tmp, packages, image, security
# groups) live in the catalog (builder/catalog/compute.py); these register their rules.

limit_rule(
    "LAMBDA_MEMORY_RANGE",
    "Lambda memory must be 128 MB to 10,240 MB",
    """A Lambda function gets between 128 MB and 10,240 MB of memory, set in 1 MB steps, and
    CPU and network bandwidth grow in proportion to it. AWS rejects any other value when the
    function is created. Pick a whole number of MB in that range; if the job needs more than
    10 GB of memory, run it on Fargate (up to 120 GB).""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html",
)


limit_rule(
    "LAMBDA_TIMEOUT_MAX",
    "Lambda timeout must be 1 s to 900 s",
    """A Lambda invocation runs for at most 15 minutes (900 seconds); the timeout is set from
    1 to 900 s. Work that takes longer must be split into steps or moved to a service without
    that limit: Step Functions chains several shorter invocations and waits for as long as a
    year, and Fargate runs a container for as long as it needs.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html",
)


limit_rule(
    "LAMBDA_ENV_SIZE",
    "Lambda environment variables are limited to 4 KB",
    """All the environment variables of a function together, keys plus values, may take at
    most 4 KB (4,096 bytes, counted in UTF-8, so a Korean character counts 3 bytes). AWS
    refuses a larger configuration. Keep large or secret settings in SSM Parameter Store or
    Secrets Manager and put only their names in the environment.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
)


limit_rule(
    "LAMBDA_TMP_RANGE",
    "Lambda /tmp storage must be 512 MB to 10,240 MB",
    """Every function has an ephemeral /tmp directory of 512 MB to 10,240 MB (10 GB). It is
    scratch space for one execution environment, not durable storage. AWS rejects values
    outside that range; keep files that must survive or exceed 10 GB in S3 (or mount EFS).""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-ephemeral-storage.html",
)


limit_rule(
    "LAMBDA_PACKAGE_ZIPPED",
    "Zip packages over 50 MB cannot be uploaded directly",
    """A .zip deployment package uploaded directly to Lambda (console, API, CLI) is limited to
    50 MB. A larger archive still works if it is uploaded to S3 first and the function points
    at the object, as long as it stays under 250 MB unzipped. Trimming dependencies or moving
    them to layers also keeps cold starts short.""",
    QUOTAS,
)


limit_rule(
    "LAMBDA_PACKAGE_UNZIPPED",
    "Zip packages must stay under 250 MB unzipped",
    """The unzipped contents of a .zip package, layers included, may take at most 250 MB.
    This limit holds however the package is uploaded. Remove unused dependencies, or package
    the function as a container image, which can be up to 10 GB.""",
    QUOTAS,
)


limit_rule(
    "LAMBDA_IMAGE_SIZE",
    "Lambda container images are limited to 10 GB",
    """A function packaged as a container image may use an image of at most 10,240 MB
    (uncompressed, all layers). Larger images are refused. Slim the base image and the
    dependencies, or run the container on ECS/Fargate, which has no such limit.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/images-create.html",
)


@rule(
    "LAMBDA_IMAGE_RUNTIME_API",
    "error",
    "Lambda container images must implement the Runtime API",
    """Lambda does not run arbitrary containers: the image must implement the Lambda Runtime
    API, the HTTP interface through which the function fetches events and returns results.
    The AWS base images and the runtime interface clients do this. A plain web server or batch
    container that does not should run on ECS or Fargate instead.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html",
)
def image_runtime_api(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(FN):
        if fn.props["package_type"] == "image" and not fn.props["implements_runtime_api"]:
            yield (
                (fn.id,),
                (),
                t("{fn}: its container image does not implement the Lambda Runtime API", fn=idx.name(fn)),
                t("Build on an AWS Lambda base image or add a runtime interface client; otherwise run it on Fargate."),
            )


@rule(
    "LAMBDA_REGION_CONCURRENCY",
    "error",
    "Reserved concurrency of a region is limited to 900",
    """Lambda's concurrency quota is per account and region: 1,000 executions at once by
    default, and at least 100 of them must stay unreserved for functions without a
    reservation. So reservations in one region can add up to at most 900 unless a quota
    increase is granted. Lower the reservations, keep them for the functions that really need
    a guarantee, or request a higher quota through Service Quotas.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
)
def region_concurrency(idx: Index) -> Iterator[Hit]:
    by_region: dict[str, list[tuple[str, int]]] = {}
    for fn in idx.of_type(FN):
        reserved = fn.props["reserved_concurrency"]
        # None (no reservation) and 0 (throttled) reserve nothing; a negative one is
        # PROP_NEGATIVE's and must not hide the others' sum.
        if reserved and reserved > 0:
            by_region.setdefault(fn.region, []).append((fn.id, reserved))
    for region in sorted(by_region):
        fns = by_region[region]
        total = sum(r for _, r in fns)
        if total > REGION_RESERVABLE:
            ids = tuple(sorted(fid for fid, _ in fns))
            # A message is read by a person: name ten functions, count the rest.
            shown: str = ", ".join(ids[:10])
            if len(ids) > 10:
                shown = t("{ids} and {more} more", ids=shown, more=len(ids) - 10)
            yield (
                ids,
                (),
                t(
                    "reserved concurrency in {region} adds up to {total:,} over {count} functions ({shown}); {limit}",
                    region=region,
                    total=total,
                    count=len(fns),
                    shown=shown,
                    limit=t(_RESERVABLE.text),
                ),
                t(_RESERVABLE.hint),
            )


limit_rule(
    "LAMBDA_SECURITY_GROUP_COUNT",
    "A function takes at most 5 security groups",
    """A function attached to a VPC gets one network interface per subnet, and that interface
    takes at most 5 security groups; AWS refuses a sixth. Merge the rules of several groups
    into fewer, broader ones (a security group can allow another group as a source).""",
    "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
)

"""Compute: Lambda functions and Fargate tasks."""

from __future__ import annotations

from .base import NOT_NEGATIVE, ComponentType, Connection, Limit, Prop, links

#: What a function or a task may call, and what the edge means.
WORKLOAD_CONNECTIONS: tuple[Connection, ...] = (
    *links("read_write", "reads/writes", "s3.bucket", "dynamodb.table", "dynamodb.dax", "elasticache.cluster"),
    *links("read_write", "sends to", "sqs.queue", "sns.topic", "eventbridge.rule"),
    *links("connect", "connects to", "rds.proxy", "rds.database"),
    *links(
        "invoke",
        "invokes",
        "lambda.function",
        "apigateway.api",
        "elb.alb",
        "stepfunctions.state_machine",
        "ecs.fargate",
        "external.client",
    ),
    *links("read_write", "calls", "cognito.user_pool"),
    *links("egress", "goes out through", "aws.nat_gateway", "aws.vpc_endpoint"),
    *links("notify", "logs to", "cloudwatch.alarm"),
)

WORKLOAD_PARENTS = ("", "aws.region", "aws.subnet")

TYPES = (
    ComponentType(
        key="lambda.function",
        label="Lambda function",
        category="compute",
        description="Runs code on demand for up to 15 minutes, billed only while it runs.",
        icon="aws/compute/lambda.png",
        diagrams_class="diagrams.aws.compute.Lambda",
        parents=WORKLOAD_PARENTS,
        props=(
            Prop(
                "memory_mb",
                "number",
                128,
                "Memory",
                "128 MB to 10,240 MB in 1 MB steps; CPU grows with memory.",
                unit="MB",
                limits=(
                    Limit(
                        "LAMBDA_MEMORY_RANGE",
                        "error",
                        "Lambda allows a whole number of MB from 128 to 10240",
                        "Set memory_mb to a whole number between 128 and 10240; beyond 10 GB run the job on Fargate.",
                        min=128,
                        max=10240,
                        integer=True,
                    ),
                ),
            ),
            Prop(
                "timeout_s",
                "number",
                3,
                "Timeout",
                "At most 900 s (15 minutes).",
                unit="s",
                limits=(
                    Limit(
                        "LAMBDA_TIMEOUT_MAX",
                        "error",
                        "Lambda allows 1 to 900 s (15 minutes)",
                        "Keep one invocation under 15 minutes: split long jobs into Step Functions steps, "
                        "or run them on Fargate.",
                        min=1,
                        max=900,
                    ),
                ),
            ),
            Prop(
                "runtime",
                "string",
                "python3.13",
                "Runtime",
                "For example python3.13, nodejs22.x, java21.",
                max_length=64,
            ),
            Prop("architecture", "choice", "x86_64", "Architecture", choices=("x86_64", "arm64")),
            Prop(
                "package_type",
                "choice",
                "zip",
                "Package type",
                "A .zip archive or a container image.",
                choices=("zip", "image"),
            ),
            Prop(
                "package_zipped_mb",
                "number",
                1,
                "Zipped package size",
                "50 MB by direct upload; larger through S3.",
                unit="MB",
                limits=(
                    NOT_NEGATIVE,
                    Limit(
                        "LAMBDA_PACKAGE_ZIPPED",
                        "warning",
                        "a zip package uploaded directly is limited to 50 MB",
                        "Upload the package to S3 and deploy it from there (SAM and CDK do it for you), or trim it.",
                        max=50,
                        when=("package_type", ("zip",)),
                    ),
                ),
            ),
            Prop(
                "package_unzipped_mb",
                "number",
                1,
                "Unzipped package size",
                "At most 250 MB, layers included.",
                unit="MB",
                limits=(
                    NOT_NEGATIVE,
                    Limit(
                        "LAMBDA_PACKAGE_UNZIPPED",
                        "error",
                        "Lambda allows 250 MB unzipped, layers included",
                        "Trim dependencies, or switch package_type to image (container images go up to 10 GB).",
                        max=250,
                        when=("package_type", ("zip",)),
                    ),
                ),
            ),
            Prop(
                "image_size_mb",
                "number",
                0,
                "Image size",
                "Container images up to 10,240 MB.",
                unit="MB",
                limits=(
                    NOT_NEGATIVE,
                    Limit(
                        "LAMBDA_IMAGE_SIZE",
                        "error",
                        "Lambda allows container images of up to 10,240 MB",
                        "Use a slimmer base image and fewer layers, or run the container on ECS/Fargate.",
                        max=10240,
                        when=("package_type", ("image",)),
                    ),
                ),
            ),
            Prop(
                "implements_runtime_api",
                "boolean",
                True,
                "Implements the Runtime API",
                "A container image must implement the Lambda Runtime API, or run on ECS/Fargate instead.",
            ),
            Prop(
                "ephemeral_storage_mb",
                "number",
                512,
                "/tmp storage",  # noqa: S108  (the label of Lambda's /tmp setting, not a temp file)
                "512 MB to 10,240 MB.",
                unit="MB",
                limits=(
                    Limit(
                        "LAMBDA_TMP_RANGE",
                        "error",
                        "Lambda allows 512 to 10240 MB",
                        "Set ephemeral_storage_mb between 512 and 10240; keep bigger data in S3 or on EFS.",
                        min=512,
                        max=10240,
                    ),
                ),
            ),
            Prop(
                "env",
                "string_map",
                {},
                "Environment variables",
                "Keys and values together at most 4 KB.",
                limits=(
                    Limit(
                        "LAMBDA_ENV_SIZE",
                        "error",
                        "Lambda allows 4,096 bytes of keys and values (UTF-8)",
                        "Move large values to SSM Parameter Store or Secrets Manager and keep only their names in env.",
                        max=4096,
                        measure="utf8_bytes",
                    ),
                ),
                # Structural caps (they protect the server), far above the 4 KB that AWS allows:
                # an environment too big for AWS is a finding, not an invalid document.
                max_length=65536,
                max_items=1000,
            ),
            Prop(
                "reserved_concurrency",
                "integer",
                None,
                "Reserved concurrency",
                "Reserved executions; the region's unreserved pool must keep at least 100.",
                nullable=True,
                limits=(
                    NOT_NEGATIVE,
                    # A region-wide limit: LAMBDA_REGION_CONCURRENCY adds up the functions of a
                    # region (one function over 900 alone is over it too), so it is not checked
                    # per node by the limit rules.
                    Limit(
                        "LAMBDA_REGION_CONCURRENCY",
                        "error",
                        "at most 900 can be reserved in a region (1,000 quota, 100 unreserved)",
                        "Lower the reservations or request a higher concurrency quota for the region.",
                        max=900,
                        scope="region",
                    ),
                ),
            ),
            Prop(
                "security_groups",
                "string_list",
                [],
                "Security groups",
                "Required when the function is attached to a VPC subnet; at most 5.",
                limits=(
                    Limit(
                        "LAMBDA_SECURITY_GROUP_COUNT",
                        "error",
                        "Lambda allows at most 5 security groups per function",
                        "Merge the rules into 5 security groups or fewer.",
                        max=5,
                        measure="items",
                    ),
                ),
                max_length=64,
            ),
        ),
        connects_to=WORKLOAD_CONNECTIONS,
        aws_docs="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
    ),
    ComponentType(
        key="ecs.fargate",
        label="Fargate task",
        category="compute",
        description="A container task or service on ECS Fargate: no time limit, for long or heavy jobs.",
        icon="aws/compute/fargate.png",
        diagrams_class="diagrams.aws.compute.Fargate",
        parents=WORKLOAD_PARENTS,
        props=(
            Prop("cpu_vcpu", "number", 0.25, "vCPU", "0.25, 0.5, 1, 2, 4, 8 or 16.", unit="vCPU"),
            Prop("memory_mb", "number", 512, "Memory", "Must be a valid combination with the vCPU.", unit="MB"),
        ),
        connects_to=WORKLOAD_CONNECTIONS,
        aws_docs="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
    ),
)

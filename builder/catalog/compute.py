"""Compute: Lambda functions and Fargate tasks."""

from __future__ import annotations

from .base import ComponentType, Connection, Prop, links

#: What a function or a task may call, and what the edge means.
WORKLOAD_CONNECTIONS: tuple[Connection, ...] = (
    *links("read_write", "reads/writes", "s3.bucket", "dynamodb.table", "dynamodb.dax", "elasticache.cluster"),
    *links("read_write", "sends to", "sqs.queue", "sns.topic", "eventbridge.rule"),
    *links("connect", "connects to", "rds.proxy", "rds.database"),
    *links("invoke", "invokes", "lambda.function", "apigateway.api", "elb.alb", "stepfunctions.state_machine",
           "ecs.fargate", "external.client"),
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
            Prop("memory_mb", "number", 128, "Memory", "128 MB to 10,240 MB in 1 MB steps; CPU grows with memory.",
                 unit="MB", aws_min=128, aws_max=10240),
            Prop("timeout_s", "number", 3, "Timeout", "At most 900 s (15 minutes).", unit="s", aws_min=1, aws_max=900),
            Prop("runtime", "string", "python3.13", "Runtime", "For example python3.13, nodejs22.x, java21.", max_length=64),
            Prop("architecture", "choice", "x86_64", "Architecture", choices=("x86_64", "arm64")),
            Prop("package_type", "choice", "zip", "Package type", "A .zip archive or a container image.",
                 choices=("zip", "image")),
            Prop("package_zipped_mb", "number", 1, "Zipped package size", "50 MB by direct upload; larger through S3.",
                 unit="MB", aws_min=0, aws_max=50),
            Prop("package_unzipped_mb", "number", 1, "Unzipped package size", "At most 250 MB, layers included.",
                 unit="MB", aws_min=0, aws_max=250),
            Prop("image_size_mb", "number", 0, "Image size", "Container images up to 10,240 MB.", unit="MB",
                 aws_min=0, aws_max=10240),
            Prop("implements_runtime_api", "boolean", True, "Implements the Runtime API",
                 "A container image must implement the Lambda Runtime API, or run on ECS/Fargate instead."),
            Prop("ephemeral_storage_mb", "number", 512, "/tmp storage", "512 MB to 10,240 MB.", unit="MB",
                 aws_min=512, aws_max=10240),
            Prop("env", "string_map", {}, "Environment variables", "Keys and values together at most 4 KB.",
                 max_length=4096, max_items=200),
            Prop("reserved_concurrency", "integer", None, "Reserved concurrency",
                 "Reserved executions; the region's unreserved pool must keep at least 100.", nullable=True,
                 aws_min=0, aws_max=900),
            Prop("security_groups", "string_list", [], "Security groups",
                 "Required when the function is attached to a VPC subnet.", max_length=64, max_items=5),
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

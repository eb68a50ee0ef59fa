"""Data: DynamoDB, DAX, S3, RDS/Aurora, RDS Proxy, ElastiCache."""

from __future__ import annotations

from .base import NOT_NEGATIVE, ComponentType, Limit, Prop, links

VPC_ONLY = ("aws.subnet",)

TYPES = (
    ComponentType(
        key="dynamodb.table",
        label="DynamoDB table",
        category="data",
        description="Serverless NoSQL key-value and document table, replicated across AZs; items up to 400 KB.",
        icon="aws/database/dynamodb-table.png",
        diagrams_class="diagrams.aws.database.DynamodbTable",
        props=(
            Prop(
                "capacity_mode",
                "choice",
                "on_demand",
                "Capacity mode",
                "On-demand scales with traffic; provisioned suits predictable load.",
                choices=("on_demand", "provisioned"),
            ),
            Prop("traffic", "choice", "unknown", "Traffic", choices=("steady", "spiky", "unknown")),
            Prop(
                "expected_item_kb",
                "number",
                1,
                "Largest item",
                "Items are limited to 400 KB.",
                unit="KB",
                limits=(
                    NOT_NEGATIVE,
                    Limit(
                        "DYNAMODB_ITEM_SIZE",
                        "error",
                        "DynamoDB items are limited to 400 KB",
                        "Store large objects in S3 and keep their key (and metadata) in the item.",
                        max=400,
                    ),
                ),
            ),
            Prop(
                "stream_enabled",
                "boolean",
                False,
                "Stream enabled",
                "DynamoDB Streams keep 24 hours of changes for triggers.",
            ),
        ),
        connects_to=(
            *links("stream", "streams to", "lambda.function"),
            *links("read_write", "exports to", "s3.bucket"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
    ),
    ComponentType(
        key="dynamodb.dax",
        label="DAX cluster",
        category="data",
        description="In-memory cache for DynamoDB, API-compatible: caches reads, queries and scans.",
        icon="aws/database/dynamodb-dax.png",
        diagrams_class="diagrams.aws.database.DynamodbDax",
        parents=VPC_ONLY,
        props=(
            Prop(
                "nodes",
                "integer",
                3,
                "Nodes",
                "1 to 11 nodes; 3 or more for production.",
                limits=(
                    Limit(
                        "DAX_NODE_COUNT",
                        "error",
                        "a DAX cluster has 1 to 11 nodes (a primary and up to 10 read replicas)",
                        "Use 3 or more nodes (in different Availability Zones) for production, at most 11.",
                        min=1,
                        max=11,
                    ),
                ),
            ),
        ),
        connects_to=(
            *links("cache", "caches", "dynamodb.table"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html",
    ),
    ComponentType(
        key="s3.bucket",
        label="S3 bucket",
        category="data",
        description="Object storage; event notifications can trigger Lambda, SQS, SNS or EventBridge.",
        icon="aws/storage/simple-storage-service-s3-bucket.png",
        diagrams_class="diagrams.aws.storage.SimpleStorageServiceS3Bucket",
        props=(Prop("versioning", "boolean", False, "Versioning"),),
        connects_to=(
            *links("trigger", "notifies", "lambda.function", "sqs.queue", "sns.topic", "eventbridge.rule"),
            *links("read_write", "replicates to", "s3.bucket"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html",
    ),
    ComponentType(
        key="rds.database",
        label="RDS / Aurora database",
        category="data",
        description="Relational database in a VPC. Lambda should reach it through RDS Proxy.",
        icon="aws/database/aurora.png",
        icon_by_prop=(
            "engine",
            {
                "aurora-postgresql": "aws/database/aurora.png",
                "aurora-mysql": "aws/database/aurora.png",
                "postgres": "aws/database/rds-postgresql-instance.png",
                "mysql": "aws/database/rds-mysql-instance.png",
            },
        ),
        diagrams_class="diagrams.aws.database.Aurora",
        parents=VPC_ONLY,
        props=(
            Prop(
                "engine",
                "choice",
                "aurora-postgresql",
                "Engine",
                choices=("aurora-postgresql", "aurora-mysql", "postgres", "mysql"),
            ),
        ),
        connects_to=(
            *links("invoke", "invokes", "lambda.function"),
            *links("read_write", "exports to", "s3.bucket"),
            *links("notify", "sends events to", "sns.topic"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.html",
    ),
    ComponentType(
        key="rds.proxy",
        label="RDS Proxy",
        category="data",
        description="Pools and shares database connections so that many Lambda invocations don't exhaust the database.",
        icon="builder:rds-proxy.png",
        diagrams_class=None,
        parents=VPC_ONLY,
        connects_to=(
            *links("connect", "pools connections to", "rds.database"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.html",
    ),
    ComponentType(
        key="elasticache.cluster",
        label="ElastiCache",
        category="data",
        description="Managed Redis, Valkey or Memcached in a VPC.",
        icon="aws/database/elasticache-for-redis.png",
        icon_by_prop=(
            "engine",
            {
                "redis": "aws/database/elasticache-for-redis.png",
                "valkey": "aws/database/elasticache.png",
                "memcached": "aws/database/elasticache-for-memcached.png",
            },
        ),
        diagrams_class="diagrams.aws.database.ElasticacheForRedis",
        parents=VPC_ONLY,
        props=(Prop("engine", "choice", "redis", "Engine", choices=("redis", "valkey", "memcached")),),
        connects_to=(
            *links("notify", "sends events to", "sns.topic"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    ),
)

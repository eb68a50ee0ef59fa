"""Messaging and orchestration: SQS, SNS, EventBridge, Step Functions."""

from __future__ import annotations

from .base import NOT_NEGATIVE, ComponentType, Limit, Prop, links

TYPES = (
    ComponentType(
        key="sqs.queue",
        label="SQS queue",
        category="messaging",
        description="Message queue; Lambda polls it through an event source mapping.",
        icon="aws/integration/simple-queue-service-sqs-queue.png",
        diagrams_class="diagrams.aws.integration.SimpleQueueServiceSqsQueue",
        props=(
            Prop("fifo", "boolean", False, "FIFO"),
            Prop(
                "visibility_timeout_s",
                "number",
                30,
                "Visibility timeout",
                "AWS recommends at least 6 times the consuming function's timeout.",
                unit="s",
                limits=(
                    Limit(
                        "SQS_VISIBILITY_RANGE",
                        "error",
                        "SQS allows a visibility timeout of 0 to 43200 s (12 hours)",
                        "Set visibility_timeout_s between 0 and 43200; for longer work, extend the visibility "
                        "from the consumer (ChangeMessageVisibility) or use Step Functions.",
                        min=0,
                        max=43200,
                    ),
                ),
            ),
        ),
        connects_to=(
            *links("poll", "feeds", "lambda.function", "ecs.fargate"),
            *links("read_write", "dead-letters to", "sqs.queue"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html",
    ),
    ComponentType(
        key="sns.topic",
        label="SNS topic",
        category="messaging",
        description="Pub/sub fan-out to Lambda, SQS, HTTP endpoints, email and SMS.",
        icon="aws/integration/simple-notification-service-sns-topic.png",
        diagrams_class="diagrams.aws.integration.SimpleNotificationServiceSnsTopic",
        props=(Prop("fifo", "boolean", False, "FIFO"),),
        connects_to=(
            *links("trigger", "delivers to", "lambda.function", "sqs.queue", "external.client", "apigateway.api"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/sns/latest/dg/welcome.html",
    ),
    ComponentType(
        key="eventbridge.rule",
        label="EventBridge rule",
        category="messaging",
        description="Routes events (or a schedule) to targets.",
        icon="aws/integration/eventbridge-rule.png",
        diagrams_class="diagrams.aws.integration.EventbridgeRule",
        props=(
            Prop(
                "schedule",
                "string",
                "",
                "Schedule",
                "rate(5 minutes) or cron(...); empty for an event pattern.",
                max_length=256,
            ),
        ),
        connects_to=(
            *links(
                "trigger",
                "targets",
                "lambda.function",
                "stepfunctions.state_machine",
                "sqs.queue",
                "sns.topic",
                "ecs.fargate",
                "apigateway.api",
                "eventbridge.rule",
                "external.client",
            ),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html",
    ),
    ComponentType(
        key="stepfunctions.state_machine",
        label="Step Functions",
        category="messaging",
        description="Serverless workflows that orchestrate Lambda and other services: sequence, parallel, "
        "choice, retries. Standard runs up to a year; Express up to 5 minutes.",
        icon="aws/integration/step-functions.png",
        diagrams_class="diagrams.aws.integration.StepFunctions",
        props=(
            Prop("workflow_type", "choice", "standard", "Workflow type", choices=("standard", "express")),
            Prop(
                "expected_duration_s",
                "number",
                60,
                "Expected duration",
                "Express workflows run at most 300 s.",
                unit="s",
                limits=(
                    NOT_NEGATIVE,
                    Limit(
                        "SFN_EXPRESS_DURATION",
                        "error",
                        "express workflows stop after 300 s (5 minutes)",
                        "Use a standard workflow for runs over 5 minutes (up to a year), or split the work.",
                        max=300,
                        when=("workflow_type", ("express",)),
                    ),
                ),
            ),
        ),
        connects_to=(
            *links("invoke", "runs", "lambda.function", "ecs.fargate", "stepfunctions.state_machine", "apigateway.api"),
            *links("invoke", "calls", "external.client"),
            *links("read_write", "calls", "dynamodb.table", "sqs.queue", "sns.topic", "eventbridge.rule", "s3.bucket"),
            *links("notify", "logs to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html",
    ),
)

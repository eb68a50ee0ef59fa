"""Management: CloudWatch alarms and logs."""

from __future__ import annotations

from .base import ComponentType, links

TYPES = (
    ComponentType(
        key="cloudwatch.alarm",
        label="CloudWatch alarm",
        category="management",
        description="Metrics, logs and alarms; alarm actions notify SNS or trigger a function.",
        icon="aws/management/cloudwatch-alarm.png",
        diagrams_class="diagrams.aws.management.CloudwatchAlarm",
        connects_to=(
            *links("notify", "alerts", "sns.topic", "lambda.function"),
            *links("notify", "combines", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
    ),
)

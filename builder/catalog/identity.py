"""Identity and security: Cognito user and identity pools, ACM certificates."""

from __future__ import annotations

from .base import ComponentType, Prop, links

TYPES = (
    ComponentType(
        key="cognito.user_pool",
        label="Cognito user pool",
        category="identity",
        description="Serverless user directory: sign-up, sign-in, MFA, social login; integrates with "
        "API Gateway and ALB.",
        icon="aws/security/cognito.png",
        diagrams_class="diagrams.aws.security.Cognito",
        global_service=True,
        props=(
            Prop("mfa", "choice", "off", "MFA", choices=("off", "optional", "required")),
            Prop(
                "social_providers",
                "string_list",
                [],
                "Social providers",
                "For example Google, Facebook, Apple.",
                max_length=64,
                max_items=20,
            ),
        ),
        connects_to=(
            *links("trigger", "triggers", "lambda.function"),
            *links("credentials", "federates into", "cognito.identity_pool"),
            *links("read_write", "sends SMS through", "sns.topic"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools.html",
    ),
    ComponentType(
        key="cognito.identity_pool",
        label="Cognito identity pool",
        category="identity",
        description="Gives users temporary AWS credentials to call AWS services (S3, DynamoDB) directly.",
        icon="builder:cognito-identity-pool.png",
        diagrams_class=None,
        global_service=True,
        connects_to=(
            *links("authorize", "trusts", "cognito.user_pool"),
            # No edges to S3, DynamoDB or APIs: the pool hands credentials to the client, and the
            # client makes the calls (client -> identity pool, client -> bucket).
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html",
    ),
    ComponentType(
        key="acm.certificate",
        label="ACM certificate",
        category="identity",
        description="TLS certificate. CloudFront and edge-optimized APIs need one in us-east-1.",
        icon="aws/security/certificate-manager.png",
        diagrams_class="diagrams.aws.security.CertificateManager",
        props=(
            Prop("region", "string", "us-east-1", "Region", "The region the certificate is issued in.", max_length=32),
        ),
        connects_to=(
            *links("attach", "secures", "cloudfront.distribution", "apigateway.api", "elb.alb"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html",
    ),
)

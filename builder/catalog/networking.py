"""Containers and networking: region, VPC, subnet, NAT gateway, VPC endpoint, Route 53, ALB."""

from __future__ import annotations

from .base import FROM_DOCUMENT, ComponentType, Connection, Prop, links

#: AWS services reached over their public endpoints, with the VPC endpoint service that
#: reaches them privately (the `service` choices of aws.vpc_endpoint). The rules read it from
#: the endpoint's connections.
ENDPOINT_TARGETS = {
    "s3.bucket": "s3",
    "dynamodb.table": "dynamodb",
    "sqs.queue": "sqs",
    "sns.topic": "sns",
    "stepfunctions.state_machine": "states",
    "eventbridge.rule": "events",
    "apigateway.api": "execute-api",
    "lambda.function": "lambda",
}
PUBLIC_SERVICES = tuple(ENDPOINT_TARGETS)

TYPES = (
    ComponentType(
        key="aws.region",
        label="Region",
        category="networking",
        description="An AWS Region. Nodes inside it run there; others run in the document's region.",
        icon="aws/general/general.png",
        diagrams_class=None,
        container=True,
        parents=("",),
        props=(Prop("region", "string", FROM_DOCUMENT, "Region code", "For example ap-northeast-2.", max_length=32),),
        aws_docs="https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
        default_size=(900, 600),
    ),
    ComponentType(
        key="aws.vpc",
        label="VPC",
        category="networking",
        description="A virtual private cloud: the network that VPC-only resources (RDS, ElastiCache, DAX) live in.",
        icon="aws/network/vpc.png",
        diagrams_class=None,
        container=True,
        parents=("", "aws.region"),
        props=(Prop("cidr", "string", "10.0.0.0/16", "CIDR block", max_length=43),),
        aws_docs="https://docs.aws.amazon.com/vpc/latest/userguide/what-is-amazon-vpc.html",
        default_size=(700, 450),
    ),
    ComponentType(
        key="aws.subnet",
        label="Subnet",
        category="networking",
        description="A subnet of a VPC. A Lambda function attached to a VPC runs in private subnets.",
        icon="aws/network/private-subnet.png",
        icon_by_prop=(
            "visibility",
            {"public": "aws/network/public-subnet.png", "private": "aws/network/private-subnet.png"},
        ),
        diagrams_class=None,
        container=True,
        parents=("aws.vpc",),
        props=(
            Prop(
                "visibility",
                "choice",
                "private",
                "Visibility",
                "Public subnets route to an internet gateway.",
                choices=("public", "private"),
            ),
            Prop("az", "string", "", "Availability Zone", "For example ap-northeast-2a.", max_length=32),
        ),
        aws_docs="https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
        default_size=(320, 240),
    ),
    ComponentType(
        key="aws.nat_gateway",
        label="NAT gateway",
        category="networking",
        description="Gives resources in private subnets outbound internet access. Lives in a public subnet.",
        icon="aws/network/nat-gateway.png",
        diagrams_class="diagrams.aws.network.NATGateway",
        parents=("aws.subnet",),
        parent_props=(("aws.subnet", "visibility", ("public",)),),
        connects_to=(
            *links("egress", "reaches", "external.client", *PUBLIC_SERVICES),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    ),
    ComponentType(
        key="aws.vpc_endpoint",
        label="VPC endpoint",
        category="networking",
        description="Private access from a VPC to an AWS service without a NAT gateway.",
        icon="aws/network/endpoint.png",
        diagrams_class="diagrams.aws.network.Endpoint",
        parents=("aws.vpc", "aws.subnet"),
        props=(
            Prop(
                "service",
                "choice",
                "dynamodb",
                "Service",
                "Gateway endpoints: s3, dynamodb. Interface endpoints: the others.",
                choices=("s3", "dynamodb", "sqs", "sns", "states", "events", "execute-api", "lambda"),
            ),
        ),
        # An endpoint reaches only the service it is for (its `service` prop).
        connects_to=(
            *(Connection(t, "egress", "reaches", source_props=("service", (s,))) for t, s in ENDPOINT_TARGETS.items()),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/vpc/latest/privatelink/concepts.html",
    ),
    ComponentType(
        key="route53.record",
        label="Route 53 record",
        category="networking",
        description="A DNS record pointing a domain at CloudFront, API Gateway, an ALB or an S3 website.",
        icon="aws/network/route-53.png",
        diagrams_class="diagrams.aws.network.Route53",
        global_service=True,
        props=(
            Prop(
                "record_type",
                "choice",
                "alias",
                "Record type",
                "Alias (A/AAAA) records work at the zone apex; CNAME does not.",
                choices=("alias", "cname"),
            ),
        ),
        connects_to=(
            *links("route", "points to", "cloudfront.distribution", "apigateway.api", "elb.alb", "s3.bucket"),
            *links("route", "aliases", "route53.record"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    ),
    ComponentType(
        key="elb.alb",
        label="Application Load Balancer",
        category="networking",
        description="HTTP(S) load balancer in front of Lambda functions or Fargate tasks; "
        "can authenticate with Cognito.",
        icon="aws/network/elb-application-load-balancer.png",
        diagrams_class="diagrams.aws.network.ElbApplicationLoadBalancer",
        parents=("", "aws.region", "aws.vpc", "aws.subnet"),
        props=(
            Prop(
                "scheme",
                "choice",
                "internet-facing",
                "Scheme",
                "Internal load balancers are reachable only from the VPC.",
                choices=("internet-facing", "internal"),
            ),
            Prop(
                "listener",
                "choice",
                "https",
                "Listener",
                "Cognito authentication needs an HTTPS listener.",
                choices=("https", "http"),
            ),
        ),
        connects_to=(
            *links("route", "forwards to", "lambda.function", "ecs.fargate"),
            *links("authorize", "authenticates with", "cognito.user_pool"),
            *links("attach", "uses certificate", "acm.certificate"),
            *links("notify", "reports to", "cloudwatch.alarm"),
        ),
        aws_docs="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/introduction.html",
    ),
)

"""Networking: VPC placement, security groups, egress from private subnets, RDS Proxy, nesting."""

from __future__ import annotations

from collections.abc import Iterator

from builder import catalog
from builder.i18n import N_, join_or
from builder.i18n import t as T

from .base import REGION, SUBNET, VPC, Hit, Index, Node, rule

FN = "lambda.function"
VPC_DOCS = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html"

#: Resources that only exist inside a VPC, so a caller must be in the VPC to reach them: the
#: catalog's types placed in subnets only, with no condition on the subnet (so not the NAT
#: gateway, which needs a public one and is not a destination).
VPC_ONLY = tuple(
    t.key for t in catalog.all_types() if t.parents == (SUBNET,) and not t.parent_props and not t.container
)

#: AWS services reached over their public endpoints, with the VPC endpoint service that
#: reaches them privately: read from the catalog's aws.vpc_endpoint connections.
ENDPOINT_SERVICE: dict[str, str] = {
    c.target: c.source_props[1][0]
    for c in catalog.get("aws.vpc_endpoint").connects_to  # type: ignore[union-attr]
    if c.source_props
}


@rule(
    "LAMBDA_VPC_REQUIRED",
    "error",
    "A function must be in the VPC to reach VPC-only resources",
    """A Lambda function starts outside your VPCs: it can reach the internet and public AWS
    endpoints, but not ElastiCache, DAX, RDS, RDS Proxy or an internal load balancer, which
    have only private addresses inside a VPC. Attach the function to the VPC: choose private
    subnets (in two or more AZs) and a security group that the target's security group
    allows.""",
    VPC_DOCS,
)
def vpc_required(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(FN):
        if idx.in_vpc(fn):
            continue
        for e in idx.outgoing(fn.id):
            t = e.target
            target: str
            if t.type in VPC_ONLY:
                target = idx.kind(t)
            elif t.type == "elb.alb" and t.props["scheme"] == "internal":
                target = T("internal {alb}", alb=idx.kind(t))
            else:
                continue
            yield (
                (fn.id, t.id),
                (e.id,),
                T(
                    "{fn} is outside every VPC but connects to {target}, which is reachable only from inside its VPC",
                    fn=idx.name(fn),
                    target=target,
                ),
                T("Put the function in private subnets of the VPC (with a security group the target allows)."),
            )


@rule(
    "LAMBDA_VPC_SECURITY_GROUP",
    "error",
    "A function in a VPC needs a security group",
    """To attach a function to a VPC, Lambda creates network interfaces in the chosen subnets
    and needs at least one security group for them: the VPC configuration is refused without
    one. The security group is also what the database's or cache's security group allows
    inbound traffic from.""",
    VPC_DOCS,
)
def vpc_security_group(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(FN):
        if fn.subnet is not None and not fn.props["security_groups"]:
            yield (
                (fn.id,),
                (),
                T(
                    "{fn} is in {subnet} but has no security_groups",
                    fn=idx.name(fn),
                    subnet=idx.kind(idx.nodes[fn.subnet]),
                ),
                T("Add a security group (e.g. sg-lambda) and allow it in the targets' security groups."),
            )


@rule(
    "VPC_EGRESS_MISSING",
    "warning",
    "A function in a VPC needs a NAT gateway or a VPC endpoint to reach AWS services",
    """A function attached to a VPC gets only private IP addresses, even in a public subnet,
    so it cannot reach public AWS endpoints (S3, DynamoDB, SQS, SNS, Step Functions,
    EventBridge, API Gateway, Lambda) on its own: calls time out. Give its VPC a NAT gateway
    in a public subnet (with a route from the private subnets), or a VPC endpoint for each
    service it calls: gateway endpoints for S3 and DynamoDB are free, interface endpoints for
    the others are billed per hour.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html",
)
def vpc_egress(idx: Index) -> Iterator[Hit]:
    fns = [fn for fn in idx.of_type(FN) if fn.subnet is not None]
    if not fns:
        return
    # Only a NAT gateway in a public subnet of the function's own VPC gives it a way out.
    with_nat = {
        n.vpc
        for n in idx.of_type("aws.nat_gateway")
        if n.subnet is not None and idx.nodes[n.subnet].props.get("visibility") == "public"
    }
    endpoints: dict[str | None, set[str]] = {}
    for n in idx.of_type("aws.vpc_endpoint"):
        endpoints.setdefault(n.vpc, set()).add(n.props["service"])
    for fn in fns:
        vpc = fn.vpc
        # A subnet drawn outside any VPC belongs to no VPC with a NAT (CONTAINER_NESTING says so).
        if vpc is not None and vpc in with_nat:
            continue
        services = endpoints.get(vpc, set()) if vpc is not None else set()
        for e in idx.outgoing(fn.id):
            t = e.target
            service = ENDPOINT_SERVICE.get(t.type)
            if service is None or service in services:
                continue
            if vpc is not None and t.vpc == vpc:
                continue  # inside the same VPC: reached over private addresses
            where = T("VPC {vpc}", vpc=vpc) if vpc else T("subnet {subnet} (in no VPC)", subnet=fn.subnet)
            yield (
                (fn.id, t.id),
                (e.id,),
                T(
                    "{fn} calls {target} ({service}) from {where}, which has neither a NAT gateway "
                    "nor a VPC endpoint for {service}",
                    fn=idx.name(fn),
                    target=idx.name(t),
                    service=service,
                    where=where,
                ),
                T(
                    "Add an aws.vpc_endpoint with service {service} to the VPC, or a NAT gateway in a public subnet.",
                    service=service,
                ),
            )


@rule(
    "LAMBDA_RDS_PROXY",
    "warning",
    "Functions should reach RDS through RDS Proxy",
    """Each concurrent Lambda execution opens its own database connection, so a burst of
    invocations can exhaust the database's connection limit and its memory. RDS Proxy keeps a
    pool of connections and shares it between invocations, fails over faster, and can use IAM
    authentication and Secrets Manager instead of passwords in code.""",
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy.html",
)
def rds_proxy(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(FN):
        for e in idx.outgoing(fn.id):
            if e.target.type == "rds.database":
                yield (
                    (fn.id, e.target.id),
                    (e.id,),
                    T("{fn} connects to {db} directly", fn=idx.name(fn), db=idx.kind(e.target)),
                    T("Put an rds.proxy between the function and the database: function -> proxy -> database."),
                )


@rule(
    "VPC_ONLY_RESOURCE",
    "error",
    "ElastiCache, DAX, RDS and RDS Proxy live in subnets",
    """ElastiCache clusters, DAX clusters, RDS databases and RDS Proxies are created in a
    subnet group of a VPC: they have no existence outside one. Draw them inside the (private)
    subnets they are deployed to, so that what can reach them is visible.""",
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
)
def vpc_only_resource(idx: Index) -> Iterator[Hit]:
    for node in idx.of_type(*VPC_ONLY):
        if node.subnet is None:
            yield (
                (node.id,),
                (),
                T("{node} is not inside a subnet", node=idx.kind(node)),
                T("Move it into a private subnet of its VPC."),
            )


_TYPES = {t.key: t for t in catalog.all_types()}
_NESTING_REASON = {
    REGION: N_("a region is a top-level container: it cannot sit inside another container"),
    VPC: N_("a VPC sits at the top level or in a region, never inside a subnet or another VPC"),
    SUBNET: N_("a subnet belongs directly to a VPC"),
}


@rule(
    "CONTAINER_NESTING",
    "error",
    "Containers and global services nested the way AWS allows",
    """AWS networking nests in one way: a region holds VPCs, a VPC holds subnets, a subnet
    holds network interfaces of resources. A subnet outside a VPC, a VPC inside a subnet or a
    region inside anything does not exist. Global services (CloudFront, CloudFront Functions,
    Lambda@Edge, Route 53, Cognito) and outside clients are not deployed into any VPC: they
    reach it through its public entry points (a load balancer, API Gateway, a NAT).""",
    "https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html",
)
def container_nesting(idx: Index) -> Iterator[Hit]:
    nodes = idx.nodes
    # Type by type (the engine sorts each rule's hits by node id): most types are neither.
    for type_key, of_type in idx.by_type.items():
        spec = _TYPES[type_key]
        if spec.container:
            for node in of_type:
                parent = nodes.get(node.parent) if node.parent else None
                parent_type = parent.type if parent else ""
                if parent_type not in spec.parents:
                    where = _where(parent)
                    reason = T(_NESTING_REASON.get(node.type, N_("AWS does not nest it there")))
                    yield (
                        (node.id,),
                        (),
                        T(
                            "{node} is {where}: {reason}",
                            node=idx.kind(node),
                            where=where,
                            reason=reason,
                        ),
                        T("Move it: region > VPC > subnet."),
                    )
        elif spec.global_service:
            for node in of_type:
                if idx.in_vpc(node):
                    inside = nodes[node.subnet or node.vpc or ""]
                    yield (
                        (node.id,),
                        (),
                        T(
                            "{node} is inside {inside}, but it is a global service that no VPC contains",
                            node=idx.kind(node),
                            inside=idx.kind(inside),
                        ),
                        T("Move it out of the VPC; connect it to the VPC's entry point (ALB, API Gateway) instead."),
                    )


_PLACE_WORDS = {"": N_("at the top level"), REGION: N_("in a region"), VPC: N_("in a VPC"), SUBNET: N_("in a subnet")}


def _where(parent: Node | None) -> str:
    if parent is None:
        return T("at the top level")
    return T("inside {parent}", parent=Index.kind(parent))


def _allowed(spec: catalog.ComponentType) -> str:
    words: list[str] = []
    for p in spec.parents:
        cond = next((values for parent, _, values in spec.parent_props if parent == p), None)
        if cond and p == SUBNET:
            words.append(T("in a {visibility} subnet", visibility="/".join(cond)))
        else:
            words.append(T(_PLACE_WORDS[p]))
    return join_or(words)


@rule(
    "COMPONENT_PLACEMENT",
    "error",
    "Components sit where AWS deploys them",
    """Each AWS component lives in a certain kind of place: a NAT gateway in a public subnet
    (it needs the subnet's route to an internet gateway), a VPC endpoint in a VPC (an interface
    endpoint in its subnets), a function or a Fargate task either outside any VPC or attached to
    subnets (never to a VPC as a whole), and regional services such as S3, DynamoDB, SQS or
    API Gateway outside every VPC, which they are reached from through endpoints. A component
    drawn elsewhere does not exist that way in AWS. (Containers and global services are
    CONTAINER_NESTING's, resources that need a subnet VPC_ONLY_RESOURCE's.)""",
    "https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html",
)
def component_placement(idx: Index) -> Iterator[Hit]:
    nodes = idx.nodes
    # Type by type (the engine sorts each rule's hits by node id), so a type's place is looked
    # up once and its top-level nodes pass without a lookup when the top level is allowed.
    for type_key, of_type in idx.by_type.items():
        allowed, conditions, skip, subnet_only = _PLACEMENT[type_key]
        if skip:
            continue  # a container: CONTAINER_NESTING's
        spec = _TYPES[type_key]
        top_is_fine = "" in allowed and not conditions
        for node in of_type:
            if node.parent is None:
                if top_is_fine:
                    continue  # the common case
                parent = None
            else:
                parent = nodes.get(node.parent)
            parent_type = parent.type if parent else ""
            if parent_type in allowed and not conditions:
                continue  # the common case
            if spec.global_service and idx.in_vpc(node):
                continue  # CONTAINER_NESTING's
            if subnet_only and node.subnet is None:
                continue  # VPC_ONLY_RESOURCE's
            if parent_type not in allowed:
                yield (
                    (node.id,),
                    (),
                    T(
                        "{node} is {where}; AWS places it {allowed}",
                        node=idx.kind(node),
                        where=_where(parent),
                        allowed=_allowed(spec),
                    ),
                    T("Move it {allowed}.", allowed=_allowed(spec)),
                )
                continue
            for cond_parent, prop, values in conditions:
                if parent is not None and cond_parent == parent_type and parent.props.get(prop) not in values:
                    yield (
                        (node.id,),
                        (),
                        T(
                            "{node} is in {parent}, whose {prop} is {value}; AWS places it {allowed}",
                            node=idx.kind(node),
                            parent=idx.kind(parent),
                            prop=prop,
                            value=parent.props.get(prop),
                            allowed=_allowed(spec),
                        ),
                        T("Move it {allowed}.", allowed=_allowed(spec)),
                    )


#: Per type: allowed parent types, conditions on the parent, skipped (containers), VPC-only.
_PLACEMENT = {
    t.key: (frozenset(t.parents), t.parent_props, t.container, t.key in VPC_ONLY) for t in catalog.all_types()
}

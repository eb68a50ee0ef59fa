"""Everything else: negative sizes, Fargate task sizes, ALB + Cognito, unsupported connections, isolated nodes."""

from __future__ import annotations

from collections.abc import Iterator

from builder import catalog
from builder.i18n import join_or, t
from builder.i18n import t as T

from .base import CONTAINERS, Hit, Index, number, rule
from .limits import limit_rule

# Every size, count and duration prop carries the catalog's NOT_NEGATIVE limit.
limit_rule(
    "PROP_NEGATIVE",
    "Sizes, counts and durations cannot be negative",
    """A package or image size, an item size, a code size, a reserved concurrency, a throttle
    rate or an expected duration is zero or more: AWS's APIs take no negative value for any of
    them, and a diagram that says -5 MB is a typo that hides the real figure from every other
    rule (a negative package is never over 50 MB). Enter the real value.""",
    "https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html",
)

#: Fargate task sizes: vCPU -> (lowest MB, highest MB, step MB).
FARGATE_SIZES: dict[float, tuple[int, int, int]] = {
    0.25: (512, 2048, 512),  # 512, 1024, 2048 (1536 excluded below)
    0.5: (1024, 4096, 1024),
    1: (2048, 8192, 1024),
    2: (4096, 16384, 1024),
    4: (8192, 30720, 1024),
    8: (16384, 61440, 4096),
    16: (32768, 122880, 8192),
}
FARGATE_QUARTER_VCPU_MB = (512, 1024, 2048)

#: Per source type, the target types the catalog allows: a constant-time check per edge.
ALLOWED_TARGETS: dict[str, frozenset[str]] = {
    t.key: frozenset(c.target for c in t.connects_to) for t in catalog.all_types()
}
#: Connections allowed only for some source props (a VPC endpoint reaches only its service).
_CONDITIONAL: dict[tuple[str, str], catalog.Connection] = {
    (t.key, c.target): c for t in catalog.all_types() for c in t.connects_to if c.source_props
}
#: The same without containers (as source or target): an edge to one of these is fine, in a
#: single lookup per edge (nearly every edge of a diagram).
_FINE_TARGETS: dict[str, frozenset[str]] = {
    key: frozenset() if key in CONTAINERS else targets - CONTAINERS for key, targets in ALLOWED_TARGETS.items()
}


#: The same without the conditional connections: the one lookup that settles nearly every edge.
_FINE_ALWAYS: dict[str, frozenset[str]] = {
    key: frozenset(t for t in targets if (key, t) not in _CONDITIONAL) for key, targets in _FINE_TARGETS.items()
}


def fargate_size_ok(cpu: float, memory: float) -> bool:
    """Whether ``cpu`` vCPU with ``memory`` MB is a task size Fargate offers."""
    if cpu == 0.25:
        return memory in FARGATE_QUARTER_VCPU_MB
    size = FARGATE_SIZES.get(cpu)
    if size is None:
        return False
    low, high, step = size
    return low <= memory <= high and (isinstance(memory, int) or memory.is_integer()) and (memory - low) % step == 0


def _fargate_choices(cpu: float) -> str:
    if cpu == 0.25:
        return t("512, 1024 or 2048 MB")
    low, high, step = FARGATE_SIZES[cpu]
    return t("{low} to {high} MB in {step} MB steps", low=low, high=high, step=step)


@rule(
    "FARGATE_TASK_SIZE",
    "error",
    "Fargate tasks come in fixed CPU and memory combinations",
    """A Fargate task's CPU and memory are chosen together from a fixed table: 0.25 vCPU
    with 512, 1024 or 2048 MB; 0.5 vCPU with 1-4 GB; 1 vCPU with 2-8 GB; 2 vCPU with 4-16 GB;
    4 vCPU with 8-30 GB (all in 1 GB steps); 8 vCPU with 16-60 GB in 4 GB steps; 16 vCPU with
    32-120 GB in 8 GB steps. Any other combination is refused when the task definition is
    registered.""",
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size",
)
def fargate_task_size(idx: Index) -> Iterator[Hit]:
    for task in idx.of_type("ecs.fargate"):
        cpu, memory = task.props["cpu_vcpu"], task.props["memory_mb"]
        if fargate_size_ok(cpu, memory):
            continue
        if cpu in FARGATE_SIZES:
            why = t("{cpu} vCPU takes {choices}", cpu=number(cpu), choices=_fargate_choices(cpu))
        else:
            why = t("Fargate offers 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU")
        yield (
            (task.id,),
            (),
            t(
                "{task}: {cpu} vCPU with {memory} MB is not a Fargate size; {why}",
                task=idx.kind(task),
                cpu=number(cpu),
                memory=number(memory),
                why=why,
            ),
            t("Pick a combination from the Fargate task size table (e.g. 1 vCPU with 2048 MB)."),
        )


@rule(
    "ALB_COGNITO_HTTPS",
    "error",
    "ALB authentication with Cognito needs an HTTPS listener",
    """An Application Load Balancer can sign users in with a Cognito user pool before
    forwarding requests, but the authenticate-cognito action is available on HTTPS listeners
    only: the session cookie and tokens must never travel in clear text. Use an HTTPS
    listener with an ACM certificate, and redirect HTTP to HTTPS.""",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html",
)
def alb_cognito_https(idx: Index) -> Iterator[Hit]:
    for alb in idx.of_type("elb.alb"):
        if alb.props["listener"] != "http":
            continue
        edges = [
            e
            for e in (*idx.outgoing(alb.id), *idx.incoming(alb.id))
            if (e.target if e.source is alb else e.source).type == "cognito.user_pool"
        ]
        if edges:
            pools = tuple(dict.fromkeys((e.target if e.source is alb else e.source).id for e in edges))
            yield (
                (alb.id, *pools),
                tuple(e.id for e in edges),
                t(
                    "{alb} authenticates with Cognito ({pools}) on an http listener; "
                    "Cognito authentication needs HTTPS",
                    alb=idx.kind(alb),
                    pools=", ".join(pools),
                ),
                t("Set listener to https (with an ACM certificate) and redirect HTTP to HTTPS."),
            )


@rule(
    "CONNECTION_UNSUPPORTED",
    "warning",
    "A connection AWS does not support",
    """Each edge says that its source calls, triggers, feeds or reads/writes its target.
    Some pairs of services have no such integration in AWS (an S3 bucket cannot write to an
    RDS database, an identity pool hands credentials to a client but calls nothing itself, a
    VPC endpoint reaches only the service it is for), and containers (regions,
    VPCs, subnets) are places, not things that call: draw edges between the components
    themselves. The editor's palette lists what each component can connect to.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html",
)
def connection_unsupported(idx: Index) -> Iterator[Hit]:
    fine, always = _FINE_TARGETS, _FINE_ALWAYS
    for e in idx.edges:
        s, t = e.source, e.target
        if t.type in always[s.type]:
            continue
        if t.type in fine[s.type]:
            conditional = _CONDITIONAL.get((s.type, t.type))
            if conditional is None or conditional.allows(s.props):
                continue
            assert conditional.source_props is not None
            prop, values = conditional.source_props
            yield (
                (s.id, t.id),
                (e.id,),
                T(
                    "{source} has {prop} {value}, so it cannot reach {target}; it reaches only {values} there",
                    source=idx.kind(s),
                    prop=prop,
                    value=s.props.get(prop),
                    target=idx.kind(t),
                    values=", ".join(values),
                ),
                T("Set {prop} to {values}, or add one for this service.", prop=prop, values=join_or(values)),
            )
            continue
        if s.type == "cloudfront.function" and t.type not in CONTAINERS:
            continue  # CF_FUNCTION_NETWORK's: one problem, one finding
        if s.type in CONTAINERS or t.type in CONTAINERS:
            container = s if s.type in CONTAINERS else t
            yield (
                (s.id, t.id),
                (e.id,),
                T(
                    "edge {edge} touches {container}; containers are places, not services",
                    edge=e.id,
                    container=idx.kind(container),
                ),
                T("Connect the components inside the container instead."),
            )
        elif t.type not in ALLOWED_TARGETS[s.type]:
            yield (
                (s.id, t.id),
                (e.id,),
                T(
                    "{source} -> {target}: AWS has no such integration",
                    source=idx.kind(s),
                    target=idx.kind(t),
                ),
                T(
                    "Check the direction (the source calls or sends to the target), or connect through a "
                    "service that supports both ends."
                ),
            )


@rule(
    "ISOLATED_NODE",
    "info",
    "A component with no connections",
    """A component that nothing calls and that calls nothing is usually a diagram still in
    progress or a leftover: the rules that check how services talk to each other cannot say
    anything about it either. Connect it to what uses it, or remove it.""",
    "https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/welcome.html",
)
def isolated_node(idx: Index) -> Iterator[Hit]:
    nodes = idx.nodes
    # The ids with no edge, by set operations (in C) rather than two lookups per node; the
    # engine sorts each rule's hits by node id, so the set's order does not show.
    for node_id in nodes.keys() - idx.out_edges.keys() - idx.in_edges.keys():
        node = nodes[node_id]
        if node.type not in CONTAINERS:
            yield (
                (node.id,),
                (),
                T("{node} has no connections", node=idx.kind(node)),
                T("Connect it to the components that use it, or remove it."),
            )

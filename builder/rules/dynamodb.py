"""DynamoDB: item size, capacity mode, streams and their consumers, DAX."""

from __future__ import annotations

from collections.abc import Iterator

from builder.i18n import t as T

from .base import Hit, Index, rule
from .limits import limit_rule

TABLE = "dynamodb.table"
FN = "lambda.function"
#: DynamoDB Streams: no more than two readers per shard at once, or they get throttled.
STREAM_MAX_CONSUMERS = 2


limit_rule(
    "DYNAMODB_ITEM_SIZE",
    "DynamoDB items are limited to 400 KB",
    """A DynamoDB item, attribute names and values together, may be at most 400 KB; a larger
    write is rejected. DynamoDB is not the place for large objects: store them in S3 and keep
    the object key (and any metadata you query on) in the item.""",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
)


@rule(
    "DYNAMODB_CAPACITY_SPIKY",
    "warning",
    "Spiky traffic suits on-demand capacity",
    """Provisioned capacity is cheapest for steady, predictable load, but auto scaling reacts
    in minutes: a sudden spike above the provisioned throughput is throttled. On-demand mode
    scales instantly with the requests and bills per request, which is what spiky or
    unpredictable traffic needs.""",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html",
)
def capacity_spiky(idx: Index) -> Iterator[Hit]:
    for t in idx.of_type(TABLE):
        if t.props["capacity_mode"] == "provisioned" and t.props["traffic"] == "spiky":
            yield (
                (t.id,),
                (),
                T(
                    "{table} uses provisioned capacity for spiky traffic; bursts will be throttled",
                    table=idx.kind(t),
                ),
                T("Switch capacity_mode to on_demand."),
            )


@rule(
    "DYNAMODB_STREAM_DISABLED",
    "error",
    "A stream trigger needs the table's stream enabled",
    """A function triggered by a DynamoDB table reads the table's stream (24 hours of item
    changes) through an event source mapping. Without a stream enabled on the table there is
    nothing to read and the mapping cannot be created. Enable the stream (new and old images,
    usually) on the table.""",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.Lambda.html",
)
def stream_disabled(idx: Index) -> Iterator[Hit]:
    for t in idx.of_type(TABLE):
        if t.props["stream_enabled"]:
            continue
        for e in idx.outgoing(t.id):
            if e.target.type == FN:
                yield (
                    (t.id, e.target.id),
                    (e.id,),
                    T(
                        "{table} triggers {fn} but stream_enabled is false",
                        table=idx.kind(t),
                        fn=idx.name(e.target),
                    ),
                    T("Set stream_enabled to true on the table."),
                )


@rule(
    "DYNAMODB_STREAM_CONSUMERS",
    "warning",
    "At most two functions should read one table's stream",
    """DynamoDB Streams allow no more than two simultaneous readers per shard; with more,
    the readers are throttled and fall behind. To fan out to more consumers, let one function
    publish the changes to SNS or EventBridge, or use Kinesis Data Streams for DynamoDB.""",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html",
)
def stream_consumers(idx: Index) -> Iterator[Hit]:
    for t in idx.of_type(TABLE):
        edges = [e for e in idx.outgoing(t.id) if e.target.type == FN]
        consumers = list(dict.fromkeys(e.target.id for e in edges))  # distinct, in order
        if len(consumers) > STREAM_MAX_CONSUMERS:
            yield (
                (t.id, *consumers),
                tuple(e.id for e in edges),
                T(
                    "{count} functions consume the stream of {table}; more than {max} readers per shard are throttled",
                    count=len(consumers),
                    table=idx.kind(t),
                    max=STREAM_MAX_CONSUMERS,
                ),
                T(
                    "Keep two consumers at most: fan out through one function to SNS/EventBridge, "
                    "or use Kinesis Data Streams."
                ),
            )


@rule(
    "DAX_TARGET",
    "error",
    "A DAX cluster caches a DynamoDB table",
    """DAX is an in-memory, API-compatible cache in front of DynamoDB: it serves GetItem,
    Query and Scan from memory and writes through to its tables. A DAX cluster not connected
    to a table caches nothing. Connect it to the table(s) it fronts; applications then call
    DAX instead of DynamoDB.""",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.html",
)
def dax_target(idx: Index) -> Iterator[Hit]:
    for d in idx.of_type("dynamodb.dax"):
        if not idx.connected(d.id, TABLE):
            yield (
                (d.id,),
                (),
                T("{dax} is not connected to any DynamoDB table", dax=idx.kind(d)),
                T("Connect the cluster to the dynamodb.table it caches (dax -> table)."),
            )


limit_rule(
    "DAX_NODE_COUNT",
    "A DAX cluster has 1 to 11 nodes",
    """A DAX cluster has one primary node and up to 10 read replicas: 1 to 11 nodes. AWS
    refuses other sizes. One node has no failover; for production run 3 or more, spread over
    Availability Zones, so that losing a node or a zone does not lose the cache.""",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.cluster.html",
)

"""Events and orchestration: SQS visibility, S3 trigger loops, Step Functions, function chains."""

from __future__ import annotations

from collections.abc import Iterator

from builder import catalog
from builder.i18n import N_, t

from .base import Edge, Hit, Index, Node, number, rule
from .limits import limit_rule

FN = "lambda.function"
SQS_DOCS = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html"
#: AWS recommends a queue visibility timeout of at least six times the function timeout.
VISIBILITY_FACTOR = 6


def _queue_feeds(idx: Index) -> Iterator[tuple[Node, Node, Edge, float, float]]:
    for q in idx.of_type("sqs.queue"):
        for e in idx.outgoing(q.id):
            if e.target.type == FN:
                yield q, e.target, e, q.props["visibility_timeout_s"], e.target.props["timeout_s"]


@rule(
    "SQS_VISIBILITY_BELOW_TIMEOUT",
    "error",
    "A queue's visibility timeout must cover its function's timeout",
    """While a function processes a batch, SQS hides the messages for the queue's visibility
    timeout. If that is shorter than the function timeout, messages would reappear and be
    processed twice while the first invocation still runs, so Lambda refuses to create the
    event source mapping. Set the visibility timeout to at least the function timeout
    (AWS recommends six times it).""",
    SQS_DOCS,
)
def visibility_below_timeout(idx: Index) -> Iterator[Hit]:
    for q, fn, e, visibility, timeout in _queue_feeds(idx):
        if visibility < timeout:
            yield (
                (q.id, fn.id),
                (e.id,),
                t(
                    "{queue} has a visibility timeout of {visibility} s, under the "
                    "{timeout} s timeout of {fn}; Lambda refuses the event source mapping",
                    queue=idx.kind(q),
                    visibility=number(visibility),
                    timeout=number(timeout),
                    fn=idx.name(fn),
                ),
                t(
                    "Set visibility_timeout_s to at least {timeout} s; {recommended} s "
                    "(6 x the function timeout) is recommended.",
                    timeout=number(timeout),
                    recommended=number(timeout * VISIBILITY_FACTOR),
                ),
            )


@rule(
    "SQS_VISIBILITY_TIMEOUT",
    "warning",
    "A queue's visibility timeout should be 6 times its function's timeout",
    """AWS recommends a visibility timeout of at least six times the consuming function's
    timeout. Lambda retries throttled invocations and batches wait while the poller scales;
    with less margin, messages become visible again while they are still being processed
    and are delivered twice.""",
    SQS_DOCS,
)
def visibility_timeout(idx: Index) -> Iterator[Hit]:
    for q, fn, e, visibility, timeout in _queue_feeds(idx):
        if timeout <= visibility < VISIBILITY_FACTOR * timeout:
            yield (
                (q.id, fn.id),
                (e.id,),
                t(
                    "{queue} has a visibility timeout of {visibility} s, under 6 x the "
                    "{timeout} s timeout of {fn} ({recommended} s)",
                    queue=idx.kind(q),
                    visibility=number(visibility),
                    timeout=number(timeout),
                    fn=idx.name(fn),
                    recommended=number(timeout * VISIBILITY_FACTOR),
                ),
                t(
                    "Set visibility_timeout_s to {recommended} s or more.",
                    recommended=number(timeout * VISIBILITY_FACTOR),
                ),
            )


@rule(
    "S3_RECURSIVE_TRIGGER",
    "warning",
    "A function that writes back to the bucket that triggers it can loop",
    """When a bucket's event notification invokes a function that writes objects to the same
    bucket, every write can trigger the function again: an endless loop that runs up the
    bill. Write the output to another bucket, or limit the trigger to a prefix or suffix the
    function never writes (e.g. uploads/ in, thumbnails/ out). Lambda's recursive loop
    detection only stops some of these loops.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html",
)
def s3_recursive(idx: Index) -> Iterator[Hit]:
    for b in idx.of_type("s3.bucket"):
        # Group the trigger edges by function: one finding per (bucket, function) loop.
        triggers: dict[str, list[Edge]] = {}
        for trig in idx.outgoing(b.id):
            if trig.target.type == FN:
                triggers.setdefault(trig.target.id, []).append(trig)
        for fn_id, trigs in triggers.items():
            fn = trigs[0].target
            back = [w for w in idx.outgoing(fn_id) if w.target is b]
            if back:
                yield (
                    (b.id, fn.id),
                    (*(t.id for t in trigs), *(w.id for w in back)),
                    t(
                        "{bucket} triggers {fn}, which writes back to the same bucket: each write can trigger it again",
                        bucket=idx.kind(b),
                        fn=idx.name(fn),
                    ),
                    t("Write to another bucket, or filter the trigger on a prefix/suffix the function never writes."),
                )


limit_rule(
    "SFN_EXPRESS_DURATION",
    "Express workflows run at most 5 minutes",
    """Step Functions Express workflows are built for high-volume, short event processing and
    stop after 5 minutes (300 s). Standard workflows run for up to a year, with exactly-once
    execution and a visual history of every step. Use Standard for long or human-in-the-loop
    workflows.""",
    "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html",
)


@rule(
    "LAMBDA_TO_LAMBDA",
    "warning",
    "Functions should not call functions directly",
    """A function that invokes another synchronously waits (and pays) for it, couples their
    failures and timeouts, and makes retries and error handling ad hoc. Orchestrate the steps
    with Step Functions, or decouple them with SQS, SNS or EventBridge so each function does
    one job and fails on its own.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html",
)
def lambda_to_lambda(idx: Index) -> Iterator[Hit]:
    for fn in idx.of_type(FN):
        for e in idx.outgoing(fn.id):
            if e.target.type == FN:
                yield (
                    (fn.id, e.target.id),
                    (e.id,),
                    t("{fn} calls {target} directly", fn=idx.kind(fn), target=idx.kind(e.target)),
                    t("Orchestrate with Step Functions, or pass work through SQS, SNS or EventBridge."),
                )


limit_rule(
    "SQS_VISIBILITY_RANGE",
    "An SQS visibility timeout is 0 s to 12 hours",
    """While a consumer works on a message, SQS hides it from others for the queue's
    visibility timeout: 0 to 43,200 seconds (12 hours); AWS refuses other values. Work that
    takes longer should extend the visibility as it goes (ChangeMessageVisibility) or move to
    Step Functions.""",
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html",
)


#: Where Lambda can send a record of a failed asynchronous invocation (on-failure destination
#: or dead-letter queue), and of a failed stream batch.
ASYNC_DESTINATIONS = ("sqs.queue", "sns.topic", "eventbridge.rule", "lambda.function", "s3.bucket")
STREAM_DESTINATIONS = ("sqs.queue", "sns.topic", "s3.bucket")
ASYNC_SOURCES = ("s3.bucket", "sns.topic", "eventbridge.rule")
SERVERLESS_RULES = "AWS serverless-rules"


@rule(
    "LAMBDA_ASYNC_FAILURE_DESTINATION",
    "warning",
    "Asynchronously invoked functions need a failure destination",
    """S3, SNS and EventBridge invoke functions asynchronously: Lambda queues the event, retries
    a failed invocation twice, then drops it. Without an on-failure destination (or a
    dead-letter queue) the event is lost without a trace. Draw where failures go: an edge from
    the function to an SQS queue, SNS topic, EventBridge bus, another function or an S3 bucket
    (any such edge counts, since a diagram cannot tell a destination from an output).""",
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
    source=f"{SERVERLESS_RULES} ES1007 (Async Lambda Failure Destination)",
)
def async_failure_destination(idx: Index) -> Iterator[Hit]:
    yield from _without_destination(
        idx,
        ASYNC_SOURCES,
        ASYNC_DESTINATIONS,
        N_(
            "{fn} is invoked asynchronously (by {sources}) and has no failure destination: events that fail after "
            "the retries are lost"
        ),
        N_("Add an on-failure destination: an edge from the function to an SQS queue or SNS topic."),
    )


def _without_destination(
    idx: Index, sources: tuple[str, ...], destinations: tuple[str, ...], what: str, hint: str
) -> Iterator[Hit]:
    """Functions fed by an edge from ``sources`` with no edge to ``destinations``. Walks the
    (few) source nodes' edges, not every function's."""
    fed: dict[str, list[Edge]] = {}
    for source in idx.of_type(*sources):
        for e in idx.outgoing(source.id):
            if e.target.type == FN:
                fed.setdefault(e.target.id, []).append(e)
    for fn_id, edges in fed.items():
        if any(e.target.type in destinations for e in idx.outgoing(fn_id)):
            continue
        fn = idx.nodes[fn_id]
        names = ", ".join(dict.fromkeys(e.source.id for e in edges))
        yield ((fn_id,), tuple(e.id for e in edges), t(what, fn=idx.name(fn), sources=names), t(hint))


@rule(
    "STREAM_FAILURE_DESTINATION",
    "warning",
    "Stream event source mappings need an on-failure destination",
    """A function reading a DynamoDB stream through an event source mapping retries a failing
    batch until it succeeds or its records expire (24 hours), blocking the shard meanwhile;
    with a retry limit, the failed batch is dropped. An on-failure destination (SQS, SNS or
    S3) keeps a record of each discarded batch so it can be replayed. Draw it as an edge from
    the function to the queue, topic or bucket.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html",
    source=f"{SERVERLESS_RULES} ES1001 (EventSourceMapping Failure Destination)",
)
def stream_failure_destination(idx: Index) -> Iterator[Hit]:
    yield from _without_destination(
        idx,
        ("dynamodb.table",),
        STREAM_DESTINATIONS,
        N_("{fn} reads the stream of {sources} with no on-failure destination: discarded batches leave no record"),
        N_("Add an on-failure destination: an edge from the function to an SQS queue, SNS topic or S3 bucket."),
    )


@rule(
    "SQS_DEAD_LETTER_QUEUE",
    "warning",
    "Queues need a dead-letter queue",
    """A message that its consumer keeps failing on returns to the queue after each
    visibility timeout, again and again until its retention period ends (4 days by default):
    it costs a processing attempt every time and hides the failure. A redrive policy moves it
    to a dead-letter queue after a number of receives, where it can be inspected and
    redriven. Draw the dead-letter queue as an edge from the queue to another queue (a
    dead-letter queue itself needs none).""",
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
    source=f"{SERVERLESS_RULES} ES6000 (SQS Redrive Policy)",
)
def dead_letter_queue(idx: Index) -> Iterator[Hit]:
    for q in idx.of_type("sqs.queue"):
        if not idx.out_to(q.id, "sqs.queue") and not idx.in_from(q.id, "sqs.queue"):
            yield (
                (q.id,),
                (),
                t(
                    "{queue} has no dead-letter queue: a message that keeps failing comes back until it expires",
                    queue=idx.kind(q),
                ),
                t("Add a dead-letter queue: an sqs.queue with an edge from this queue to it (redrive policy)."),
            )


@rule(
    "LAMBDA_DEFAULT_SIZE_BEHIND_API",
    "warning",
    "A function behind an API keeps Lambda's default memory or timeout",
    """Lambda's defaults, 128 MB of memory and a 3 second timeout, are rarely right for a
    function that answers API requests: memory also sets the CPU share (128 MB gets a small
    fraction of a vCPU, so cold starts and requests are slow), and 3 s is shorter than
    many downstream calls, so requests fail with a timeout. Choose both on purpose (measure
    with Lambda Power Tuning), keeping the timeout under the API's 29 s.""",
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html",
    source=f"{SERVERLESS_RULES} ES1005 (Lambda Default Memory Size), ES1006 (Lambda Default Timeout)",
)
def default_size_behind_api(idx: Index) -> Iterator[Hit]:
    fn_type = catalog.get(FN)
    assert fn_type is not None
    memory, timeout = fn_type.prop("memory_mb"), fn_type.prop("timeout_s")
    assert memory is not None and timeout is not None
    for fn in idx.of_type(FN):
        apis = idx.in_from(fn.id, "apigateway.api", "elb.alb")
        if not apis:
            continue
        left = [
            f"{p.name} {number(fn.props[p.name])}{' ' + p.unit if p.unit else ''}"
            for p in (memory, timeout)
            if fn.props[p.name] == p.default
        ]
        if left:
            yield (
                (fn.id,),
                tuple(e.id for e in apis),
                t(
                    "{fn} serves {apis} with Lambda's default {left}",
                    fn=idx.name(fn),
                    apis=", ".join(dict.fromkeys(e.source.id for e in apis)),
                    left=left[0] if len(left) == 1 else t("{a} and {b}", a=left[0], b=left[1]),
                ),
                t("Set memory_mb and timeout_s for the work the function does (e.g. 512-1024 MB, under 29 s)."),
            )

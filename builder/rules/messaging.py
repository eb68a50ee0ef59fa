"""Events and orchestration: SQS visibility, S3 trigger loops, Step Functions, function chains."""

from __future__ import annotations

from collections.abc import Iterator

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
                f"queue {idx.name(q)} has a visibility timeout of {number(visibility)} s, under the "
                f"{number(timeout)} s timeout of {idx.name(fn)}; Lambda refuses the event source mapping",
                f"Set visibility_timeout_s to at least {number(timeout)} s; {number(timeout * VISIBILITY_FACTOR)} s "
                "(6 x the function timeout) is recommended.",
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
                f"queue {idx.name(q)} has a visibility timeout of {number(visibility)} s, under 6 x the "
                f"{number(timeout)} s timeout of {idx.name(fn)} ({number(timeout * VISIBILITY_FACTOR)} s)",
                f"Set visibility_timeout_s to {number(timeout * VISIBILITY_FACTOR)} s or more.",
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
                    f"bucket {idx.name(b)} triggers {idx.name(fn)}, which writes back to the same bucket: "
                    "each write can trigger it again",
                    "Write to another bucket, or filter the trigger on a prefix/suffix the function never writes.",
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
                    f"function {idx.name(fn)} calls function {idx.name(e.target)} directly",
                    "Orchestrate with Step Functions, or pass work through SQS, SNS or EventBridge.",
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

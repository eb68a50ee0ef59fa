"""The rule engine: checks a valid architecture document against AWS's limits and behaviour.

Pure Python, no Django. :func:`run` builds one :class:`~builder.rules.base.Index` of the
document and runs every registered rule over it; each rule lives in the module of its family
(``lambdas``, ``networking``, ``edge``, ``dynamodb``, ``api``, ``messaging``, ``misc``) and
is registered with its ID, severity, title, explanation and AWS docs URL by the
:func:`~builder.rules.base.rule` decorator. To add a rule: write the check in its family's
module, give it a new ID, and add the ID to :data:`ORDER` (and to CONTRACT.md §2).
"""

from __future__ import annotations

import gc
from operator import itemgetter
from typing import Any

from . import api, dynamodb, edge, lambdas, messaging, misc, networking  # noqa: F401  (they register the rules)
from .base import REGISTRY, SEVERITY_RANK, Finding, Index, RuleInfo

__all__ = ["ORDER", "Finding", "RuleInfo", "all_rules", "get_rule", "report", "run"]

#: Every rule ID, in the order of the contract's rule table, then the rules added since
#: (what ``GET /api/rules/`` lists).
ORDER: tuple[str, ...] = (
    "LAMBDA_MEMORY_RANGE",
    "LAMBDA_TIMEOUT_MAX",
    "LAMBDA_ENV_SIZE",
    "LAMBDA_TMP_RANGE",
    "LAMBDA_PACKAGE_ZIPPED",
    "LAMBDA_PACKAGE_UNZIPPED",
    "LAMBDA_IMAGE_SIZE",
    "LAMBDA_IMAGE_RUNTIME_API",
    "LAMBDA_REGION_CONCURRENCY",
    "LAMBDA_VPC_REQUIRED",
    "LAMBDA_VPC_SECURITY_GROUP",
    "VPC_EGRESS_MISSING",
    "LAMBDA_RDS_PROXY",
    "VPC_ONLY_RESOURCE",
    "CONTAINER_NESTING",
    "EDGE_FUNCTION_REGION",
    "EDGE_FUNCTION_RUNTIME",
    "EDGE_FUNCTION_LIMITS",
    "EDGE_FUNCTION_ATTACHMENT",
    "CF_FUNCTION_RUNTIME",
    "CF_FUNCTION_TRIGGER",
    "CF_FUNCTION_NETWORK",
    "CF_FUNCTION_SIZE",
    "DYNAMODB_ITEM_SIZE",
    "DYNAMODB_CAPACITY_SPIKY",
    "DYNAMODB_STREAM_DISABLED",
    "DYNAMODB_STREAM_CONSUMERS",
    "DAX_TARGET",
    "CLIENT_DIRECT_LAMBDA",
    "CLIENT_DIRECT_AWS",
    "APIGW_AUTHORIZER_MISSING",
    "APIGW_INTEGRATION_TIMEOUT",
    "APIGW_PRIVATE_REACH",
    "APIGW_EDGE_CERT_REGION",
    "SQS_VISIBILITY_BELOW_TIMEOUT",
    "SQS_VISIBILITY_TIMEOUT",
    "S3_RECURSIVE_TRIGGER",
    "SFN_EXPRESS_DURATION",
    "LAMBDA_TO_LAMBDA",
    "FARGATE_TASK_SIZE",
    "ALB_COGNITO_HTTPS",
    "APIGW_NO_AUTH",
    "CONNECTION_UNSUPPORTED",
    "ISOLATED_NODE",
    # Added after the contract's list (docs/contract-extensions.md), in the order they came.
    "LAMBDA_SECURITY_GROUP_COUNT",
    "DAX_NODE_COUNT",
    "SQS_VISIBILITY_RANGE",
    "COMPONENT_PLACEMENT",
    "LAMBDA_ASYNC_FAILURE_DESTINATION",
    "STREAM_FAILURE_DESTINATION",
    "SQS_DEAD_LETTER_QUEUE",
    "LAMBDA_DEFAULT_SIZE_BEHIND_API",
    "PROP_NEGATIVE",
)

# A rule registered but not listed (or listed but never written) is a bug: fail at import.
assert set(ORDER) == set(REGISTRY) and len(ORDER) == len(REGISTRY), sorted(set(ORDER) ^ set(REGISTRY))

_RULES = tuple(REGISTRY[rule_id] for rule_id in ORDER)
_INFOS = [r.info for r in _RULES]


def all_rules() -> list[RuleInfo]:
    """Every rule, in contract order."""
    return list(_INFOS)


def get_rule(rule_id: str) -> RuleInfo | None:
    r = REGISTRY.get(rule_id)
    return r.info if r else None


#: The rules in the order of their findings (severity, then ID): :func:`run` sorts each
#: rule's hits by node and edge ids instead of every finding by a key function (called
#: once per finding) of severity, rule ID, node and edge ids.
_RUN_ORDER = tuple(sorted(_RULES, key=lambda r: (SEVERITY_RANK[r.info.severity], r.info.id)))
_NODES_EDGES = itemgetter(0, 1)  # of a hit: (node ids, edge ids)


def run(doc: dict[str, Any]) -> list[Finding]:
    """Every finding for ``doc``, a document already accepted by ``builder.document.validate``.

    Defaults are applied here (cheaply, without copying the document). The result is sorted
    by severity, then rule ID, then node and edge ids, so equal documents give equal lists.

    The cyclic garbage collector is paused meanwhile: the index and the findings hold no
    reference cycles (nodes hold no edges, see :class:`~builder.rules.base.Node`), so it
    would find nothing, but the few thousand objects an index makes trigger its passes,
    which walk every live object, the whole document included (a quarter of the time at
    2,000 nodes, measured). Everything made here is freed by reference counting as usual.
    """
    if not gc.isenabled():
        return _run(doc)
    gc.disable()
    try:
        return _run(doc)
    finally:
        gc.enable()


def _run(doc: dict[str, Any]) -> list[Finding]:
    idx = Index(doc)
    findings: list[Finding] = []
    append = findings.append
    new = object.__new__
    for r in _RUN_ORDER:
        hits = list(r.check(idx))
        if not hits:
            continue
        if any(len(h[0]) == 2 and h[0][0] == h[0][1] for h in hits):
            # A self-loop (an edge from a node to itself) names its node once.
            hits = [((h[0][0],), *h[1:]) if len(h[0]) == 2 and h[0][0] == h[0][1] else h for h in hits]
        # Stable, as the sort of the whole list it replaces: ties keep the rule's order.
        hits.sort(key=_NODES_EDGES)
        rule_id, severity = r.info.id, r.info.severity
        for nodes, edges, message, hint in hits:
            # Finding(...) of a frozen dataclass sets its six fields by object.__setattr__, one
            # call each; filling the new instance's __dict__ in one go makes the same, equal
            # Finding in half the time (a document can have hundreds).
            f = new(Finding)
            f.__dict__.update(rule=rule_id, severity=severity, nodes=nodes, edges=edges, message=message, hint=hint)
            append(f)
    return findings


def report(findings: list[Finding]) -> dict[str, Any]:
    """The validator's JSON (CLI ``--format json``, ``POST /api/validate/``)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return {
        "valid": counts["error"] == 0,
        "counts": counts,
        "findings": [f.as_json() for f in findings],
    }

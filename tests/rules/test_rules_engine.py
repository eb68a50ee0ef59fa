"""The engine as a whole: rule metadata, the reference architecture, examples, order, the index."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from builder import document, rules
from builder.rules.base import Index
from tests.rules.rule_docs import doc, e, fired, fixture, fn, load_json, n, vpc

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: CONTRACT.md §2, in order: the IDs and severities other code and users rely on.
CONTRACT = [
    ("LAMBDA_MEMORY_RANGE", "error"),
    ("LAMBDA_TIMEOUT_MAX", "error"),
    ("LAMBDA_ENV_SIZE", "error"),
    ("LAMBDA_TMP_RANGE", "error"),
    ("LAMBDA_PACKAGE_ZIPPED", "warning"),
    ("LAMBDA_PACKAGE_UNZIPPED", "error"),
    ("LAMBDA_IMAGE_SIZE", "error"),
    ("LAMBDA_IMAGE_RUNTIME_API", "error"),
    ("LAMBDA_REGION_CONCURRENCY", "error"),
    ("LAMBDA_VPC_REQUIRED", "error"),
    ("LAMBDA_VPC_SECURITY_GROUP", "error"),
    ("VPC_EGRESS_MISSING", "warning"),
    ("LAMBDA_RDS_PROXY", "warning"),
    ("VPC_ONLY_RESOURCE", "error"),
    ("CONTAINER_NESTING", "error"),
    ("EDGE_FUNCTION_REGION", "error"),
    ("EDGE_FUNCTION_RUNTIME", "error"),
    ("EDGE_FUNCTION_LIMITS", "error"),
    ("EDGE_FUNCTION_ATTACHMENT", "error"),
    ("CF_FUNCTION_RUNTIME", "error"),
    ("CF_FUNCTION_TRIGGER", "error"),
    ("CF_FUNCTION_NETWORK", "error"),
    ("CF_FUNCTION_SIZE", "error"),
    ("DYNAMODB_ITEM_SIZE", "error"),
    ("DYNAMODB_CAPACITY_SPIKY", "warning"),
    ("DYNAMODB_STREAM_DISABLED", "error"),
    ("DYNAMODB_STREAM_CONSUMERS", "warning"),
    ("DAX_TARGET", "error"),
    ("CLIENT_DIRECT_LAMBDA", "warning"),
    ("CLIENT_DIRECT_AWS", "error"),
    ("APIGW_AUTHORIZER_MISSING", "error"),
    ("APIGW_INTEGRATION_TIMEOUT", "warning"),
    ("APIGW_PRIVATE_REACH", "error"),
    ("APIGW_EDGE_CERT_REGION", "error"),
    ("SQS_VISIBILITY_BELOW_TIMEOUT", "error"),
    ("SQS_VISIBILITY_TIMEOUT", "warning"),
    ("S3_RECURSIVE_TRIGGER", "warning"),
    ("SFN_EXPRESS_DURATION", "error"),
    ("LAMBDA_TO_LAMBDA", "warning"),
    ("FARGATE_TASK_SIZE", "error"),
    ("ALB_COGNITO_HTTPS", "error"),
    ("APIGW_NO_AUTH", "info"),
    ("CONNECTION_UNSUPPORTED", "warning"),
    ("ISOLATED_NODE", "info"),
]


#: Added since, after the contract's list (docs/contract-extensions.md): new IDs, never renamed.
ADDED = [
    ("LAMBDA_SECURITY_GROUP_COUNT", "error"),
    ("DAX_NODE_COUNT", "error"),
    ("SQS_VISIBILITY_RANGE", "error"),
    ("COMPONENT_PLACEMENT", "error"),
    ("LAMBDA_ASYNC_FAILURE_DESTINATION", "warning"),
    ("STREAM_FAILURE_DESTINATION", "warning"),
    ("SQS_DEAD_LETTER_QUEUE", "warning"),
    ("LAMBDA_DEFAULT_SIZE_BEHIND_API", "warning"),
    ("PROP_NEGATIVE", "error"),
]


def test_all_rules_lists_the_contract_in_order_then_the_added_ones() -> None:
    assert [(r.id, r.severity) for r in rules.all_rules()] == CONTRACT + ADDED


def test_every_rule_explains_itself_and_links_aws_docs() -> None:
    for r in rules.all_rules():
        assert len(r.title) >= 15 and len(r.explanation) >= 150, r.id
        assert r.docs_url.startswith("https://docs.aws.amazon.com/"), r.id
        assert r.as_json() == {
            "id": r.id,
            "severity": r.severity,
            "title": r.title,
            "explanation": r.explanation,
            "docs_url": r.docs_url,
            "source": r.source,
        }


def test_reference_architecture_has_no_error_and_no_warning() -> None:
    findings = rules.run(fixture("reference.json"))
    assert [f.as_json() for f in findings if f.severity != "info"] == []
    assert rules.report(findings)["valid"] is True


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_are_valid_and_free_of_errors(path: Path) -> None:
    d = document.load(path.read_bytes())
    errors = [f for f in rules.run(d) if f.severity == "error"]
    if path.name.startswith("mistakes"):
        assert errors, "the mistakes example exists to show errors"
    else:
        assert errors == []


def test_thumbnails_example_is_the_contract_example() -> None:
    d = load_json(EXAMPLES / "thumbnails.json")
    assert [node["id"] for node in d["nodes"]] == ["seoul", "uploads", "thumb"]
    assert d["edges"] == [{"id": "e1", "source": "uploads", "target": "thumb", "label": "ObjectCreated"}]


def test_messages_carry_the_actual_values() -> None:
    [f] = fired(doc(fn("f", memory_mb=20000)), "LAMBDA_MEMORY_RANGE")
    assert "20000" in f.message and "128" in f.message and "10240" in f.message
    [f] = fired(doc(fn("f", env={"K": "x" * 4096})), "LAMBDA_ENV_SIZE")
    assert "4,097 bytes" in f.message
    [f] = fired(doc(n("task", "ecs.fargate", cpu_vcpu=0.5, memory_mb=512)), "FARGATE_TASK_SIZE")
    assert "0.5 vCPU with 512 MB" in f.message and "1024 to 4096 MB" in f.message


def test_label_is_used_in_messages_on_one_line() -> None:
    d = doc({"id": "f", "type": "lambda.function", "label": "썸네일\n생성", "props": {"memory_mb": 1}})
    [f] = fired(d, "LAMBDA_MEMORY_RANGE")
    assert f.message.startswith("썸네일 생성 (f):") and "\n" not in f.message


def test_findings_sorted_by_severity_then_rule_then_ids() -> None:
    d = doc(
        fn("b", memory_mb=1),
        fn("a", memory_mb=1, timeout_s=1000),
        n("t", "dynamodb.table"),
        n("c", "external.client"),
        e("e1", "c", "a"),
    )
    findings = rules.run(d)
    keys = [(f.severity, f.rule, f.nodes) for f in findings]
    assert keys == [
        ("error", "LAMBDA_MEMORY_RANGE", ("a",)),
        ("error", "LAMBDA_MEMORY_RANGE", ("b",)),
        ("error", "LAMBDA_TIMEOUT_MAX", ("a",)),
        ("warning", "CLIENT_DIRECT_LAMBDA", ("c", "a")),
        ("info", "ISOLATED_NODE", ("b",)),
        ("info", "ISOLATED_NODE", ("t",)),
    ]
    assert rules.run(d) == findings  # deterministic


def test_run_does_not_modify_the_document() -> None:
    d = fixture("reference.json")
    before = copy.deepcopy(d)
    rules.run(d)
    assert d == before


def test_report_counts_and_validity() -> None:
    d = doc(fn("f", memory_mb=1), n("c", "external.client"), e("e1", "c", "f"))
    r = rules.report(rules.run(d))
    assert r["valid"] is False
    assert r["counts"] == {"error": 1, "warning": 1, "info": 0}
    assert r["findings"][0] == {
        "rule": "LAMBDA_MEMORY_RANGE",
        "severity": "error",
        "nodes": ["f"],
        "edges": [],
        "message": r["findings"][0]["message"],
        "hint": r["findings"][0]["hint"],
    }
    assert rules.report([]) == {"valid": True, "counts": {"error": 0, "warning": 0, "info": 0}, "findings": []}


def test_warnings_alone_keep_a_document_valid() -> None:
    r = rules.report(rules.run(doc(n("c", "external.client"), fn("f"), e("e1", "c", "f"))))
    assert r["valid"] is True and r["counts"]["warning"] == 1


def test_index_resolves_region_vpc_and_subnet_at_any_depth() -> None:
    d = doc(
        n("tokyo", "aws.region", region="ap-northeast-1"),
        n("vpc", "aws.vpc", "tokyo"),
        n("sn", "aws.subnet", "vpc"),
        fn("f", "sn"),
        n("b", "s3.bucket"),
        n("home", "aws.region"),
        fn("g", "home"),
        region="eu-west-1",
    )
    idx = Index(d)
    assert {k: v.region for k, v in idx.nodes.items()} == {
        "tokyo": "eu-west-1",
        "vpc": "ap-northeast-1",
        "sn": "ap-northeast-1",
        "f": "ap-northeast-1",
        "b": "eu-west-1",
        "home": "eu-west-1",
        "g": "eu-west-1",
    }
    f, sn, b = idx.nodes["f"], idx.nodes["sn"], idx.nodes["b"]
    assert (f.vpc, f.subnet) == ("vpc", "sn")
    assert (sn.vpc, sn.subnet) == ("vpc", None)
    assert (b.vpc, b.subnet) == (None, None)
    assert f.props["memory_mb"] == 128 and idx.nodes["home"].props["region"] == "eu-west-1"


def test_index_places_children_listed_before_their_parents() -> None:
    d = doc(
        fn("f", "sn"),
        n("sn", "aws.subnet", "vpc"),
        n("vpc", "aws.vpc", "osaka"),
        n("osaka", "aws.region", region="ap-northeast-3"),
        region="us-west-2",
    )
    f = Index(d).nodes["f"]
    assert (f.region, f.vpc, f.subnet) == ("ap-northeast-3", "vpc", "sn")


def test_index_edges_by_node() -> None:
    idx = Index(
        doc(*vpc(fn("f", "sn"), n("b", "s3.bucket"), n("t", "dynamodb.table"), e("e1", "f", "b"), e("e2", "t", "f")))
    )
    assert [x.id for x in idx.outgoing("f")] == ["e1"] and [x.id for x in idx.incoming("f")] == ["e2"]
    assert [x.id for x in idx.connected("f", "dynamodb.table", "s3.bucket")] == ["b", "t"]
    assert idx.out_to("f", "dynamodb.table") == [] and idx.in_vpc(idx.nodes["f"]) and not idx.in_vpc(idx.nodes["b"])


def test_concurrency_finding_names_every_function_of_the_region() -> None:
    d = doc(*(fn(f"f{i}", reserved_concurrency=100) for i in range(12)), fn("free"))
    [f] = fired(d, "LAMBDA_REGION_CONCURRENCY")
    assert f.nodes == tuple(sorted(f"f{i}" for i in range(12)))
    assert "1,200" in f.message and "us-east-1" in f.message and "2 more" in f.message

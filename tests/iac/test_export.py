"""SAM export: a drawn diagram passes cfn-lint; an imported one comes back unchanged, or changed
only where the diagram was edited."""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path

import pytest

from builder import document
from builder.iac import ExportError, export, import_file
from builder.iac.decode import decode

from .conftest import lint_errors

ROOT = Path(__file__).resolve().parent.parent.parent
DIAGRAMS = sorted(
    [*ROOT.glob("builder/starters/*.json"), ROOT / "examples" / "shop.json", ROOT / "examples" / "vpc-rds-proxy.json"]
)


def _load(path: Path) -> dict:
    raw = json.loads(path.read_text())
    return raw.get("document", raw)


def _changed_lines(a: str, b: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", DIAGRAMS, ids=[p.stem for p in DIAGRAMS])
def test_a_drawn_diagram_exports_a_template_cfn_lint_accepts(path: Path) -> None:
    text = export(_load(path), "sam")
    assert lint_errors(text) == []
    assert "Transform: AWS::Serverless-2016-10-31" in text


def test_edges_become_events_policies_and_references() -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "api", "type": "apigateway.api", "props": {"protocol": "http"}},
            {"id": "fn", "type": "lambda.function", "props": {"timeout_s": 10}},
            {"id": "jobs", "type": "sqs.queue", "props": {"visibility_timeout_s": 60}},
            {"id": "worker", "type": "lambda.function"},
            {"id": "orders", "type": "dynamodb.table", "props": {"stream_enabled": True}},
            {"id": "uploads", "type": "s3.bucket"},
            {"id": "nightly", "type": "eventbridge.rule", "props": {"schedule": "rate(1 day)"}},
        ],
        "edges": [
            {"id": "e1", "source": "api", "target": "fn"},
            {"id": "e2", "source": "fn", "target": "jobs"},
            {"id": "e3", "source": "jobs", "target": "worker"},
            {"id": "e4", "source": "worker", "target": "orders"},
            {"id": "e5", "source": "orders", "target": "fn"},
            {"id": "e6", "source": "uploads", "target": "worker"},
            {"id": "e7", "source": "nightly", "target": "worker"},
        ],
    }
    text = export(doc, "sam")
    assert lint_errors(text) == []
    for expected in (
        "Type: HttpApi",
        "ApiId: !Ref Api",
        "SQSSendMessagePolicy:",
        "QueueName: !GetAtt Jobs.QueueName",
        "Queue: !GetAtt Jobs.Arn",
        "DynamoDBCrudPolicy:",
        "TableName: !Ref Orders",
        "Stream: !GetAtt Orders.StreamArn",
        "Bucket: !Ref Uploads",
        "Schedule: rate(1 day)",
    ):
        assert expected in text, expected
    # And back: the same components and edges.
    again = import_file(text).document
    assert {(e["source"], e["target"]) for e in again["edges"]} >= {
        ("Api", "Fn"),
        ("Fn", "Jobs"),
        ("Jobs", "Worker"),
        ("Worker", "Orders"),
        ("Orders", "Fn"),
        ("Uploads", "Worker"),
    }


def test_export_after_import_without_edit_is_the_original(sam_template: Path) -> None:
    text = sam_template.read_text()
    doc = import_file(text).document
    stored = json.loads(json.dumps(doc))  # as saved and loaded again
    assert export(stored, "sam") == text


def test_an_edit_changes_only_what_it_changed(sam_template: Path) -> None:
    text = sam_template.read_text()
    doc = import_file(text).document
    functions = [
        n for n in doc["nodes"] if n["type"] == "lambda.function" and doc["iac"]["resources"][n["id"]]["logical_id"]
    ]
    if not functions:
        pytest.skip("no function")
    edited = copy.deepcopy(doc)
    fn = next(n for n in edited["nodes"] if n["id"] == functions[0]["id"])
    fn["props"]["memory_mb"] = 1536
    out = export(edited, "sam")
    changed = _changed_lines(text, out)
    # One line: MemorySize written (from Globals or absent) or rewritten in place.
    assert [c.strip() for c in changed if c.startswith("+")] == ["+      MemorySize: 1536".replace(" ", "")] or [
        c.replace(" ", "") for c in changed if c.startswith("+")
    ] == ["+MemorySize:1536"], changed
    assert all("MemorySize" in c for c in changed) and len(changed) <= 2, changed
    again = {n["id"]: n for n in import_file(out).document["nodes"]}
    assert again[fn["id"]]["props"]["memory_mb"] == 1536


def test_an_edited_template_still_passes_cfn_lint(sam_template: Path) -> None:
    text = sam_template.read_text()
    doc = import_file(text).document
    edited = copy.deepcopy(doc)
    fn = next((n for n in edited["nodes"] if n["type"] == "lambda.function"), None)
    edited["nodes"].append(
        {
            "id": "audit",
            "type": "sqs.queue",
            "label": "audit",
            "parent": None,
            "position": {"x": 0, "y": 0},
            "props": {},
        }
    )
    if fn:
        fn["props"]["timeout_s"] = 20
        edited["edges"].append({"id": "e-audit", "source": fn["id"], "target": "audit", "label": ""})
    document.validate(edited)
    out = export(edited, "sam")
    assert "Audit:" in out
    errors = lint_errors(out)
    if errors:  # only what the original template already had (one of the 30 repeats a key)
        assert {e.split(":", 1)[1] for e in errors} <= {e.split(":", 1)[1] for e in lint_errors(text)}, errors
    if fn:
        again = import_file(out).document
        assert (fn["id"], "audit") in {(e["source"], e["target"].lower()) for e in again["edges"]}


def test_deleting_a_component_removes_its_resource_and_what_named_it() -> None:
    path = ROOT / "tests" / "data" / "sam" / "apigw-lambda-dynamodb-stream-lambda" / "template.yaml"
    text = path.read_text()
    doc = import_file(text).document
    doc["nodes"] = [n for n in doc["nodes"] if n["id"] != "ConsumerFunction"]
    doc["edges"] = [e for e in doc["edges"] if "ConsumerFunction" not in (e["source"], e["target"])]
    out = export(doc, "sam")
    assert "ConsumerFunction:" not in out
    assert "ProducerFunction:" in out and "# " not in _changed_lines(text, out)
    assert lint_errors(out) == []


def test_a_removed_edge_removes_its_event() -> None:
    path = ROOT / "tests" / "data" / "sam" / "sns-lambda-java-sam" / "template.yaml"
    text = path.read_text()
    doc = import_file(text).document
    doc["edges"] = []
    out = export(doc, "sam")
    assert "ProcessingEvent" in text and "ProcessingEvent" not in out


def test_json_templates_come_back_as_json() -> None:
    text = json.dumps(
        {"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 120}}}}, indent=2
    )
    doc = import_file(text, "t.json").document
    assert export(doc, "sam") == text
    doc["nodes"][0]["props"]["visibility_timeout_s"] = 300
    assert json.loads(export(doc, "sam"))["Resources"]["Q"]["Properties"]["VisibilityTimeout"] == 300


def test_a_component_that_cannot_be_written_says_why() -> None:
    doc = {"schema": 1, "nodes": [{"id": "cache", "type": "elasticache.cluster"}], "edges": []}
    with pytest.raises(ExportError, match="cache must be inside a subnet"):
        export(doc, "sam")


@pytest.mark.parametrize("protocol", ["rest", "http"])
def test_a_lambda_authorizer_drawn_as_an_edge_labelled_authorizer_is_exported(protocol: str) -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "api", "type": "apigateway.api", "props": {"protocol": protocol, "authorizer": "lambda"}},
            {"id": "handler", "type": "lambda.function"},
            {"id": "checker", "type": "lambda.function"},
        ],
        "edges": [
            {"id": "e1", "source": "api", "target": "handler"},
            {"id": "e2", "source": "api", "target": "checker", "label": "Authorizer"},
        ],
    }
    text = export(doc, "sam")
    assert lint_errors(text) == []
    resources = json.loads(json.dumps(decode(text).template))["Resources"]  # plain dicts, long-form intrinsics
    auth = resources["Api"]["Properties"]["Auth"]
    assert auth["DefaultAuthorizer"] == "LambdaAuthorizer"
    assert auth["Authorizers"]["LambdaAuthorizer"]["FunctionArn"] == {"Fn::GetAtt": ["Checker", "Arn"]}
    assert "Events" in resources["Handler"]["Properties"]  # the integration is an event of its function
    assert "Events" not in resources["Checker"]["Properties"]  # the authorizer is not
    # And back: the API has a Lambda authorizer, and the edge to its function says so.
    again = import_file(text).document
    api = next(n for n in again["nodes"] if n["id"] == "Api")
    assert api["props"]["authorizer"] == "lambda"
    labels = {(e["source"], e["target"]): e.get("label", "") for e in again["edges"]}
    assert labels[("Api", "Checker")] == "authorizer"
    assert labels[("Api", "Handler")] != "authorizer"


def test_a_lambda_authorizer_with_no_authorizer_edge_exports_no_auth_of_its_own_invention() -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "api", "type": "apigateway.api", "props": {"authorizer": "lambda"}},
            {"id": "handler", "type": "lambda.function"},
        ],
        "edges": [{"id": "e1", "source": "api", "target": "handler"}],
    }
    text = export(doc, "sam")
    assert lint_errors(text) == []
    assert "Authorizers" not in text  # the integration is not taken for the authorizer

"""Importing SAM/CloudFormation templates: components, props, Globals, edges, containers, report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder import catalog, document
from builder.iac import import_file
from builder.iac.decode import decode
from builder.iac.mapping import FOLDED, MAPPINGS

from .conftest import SAM_DIR, TEMPLATES


def _edges(doc: dict) -> set[tuple[str, str]]:
    return {(e["source"], e["target"]) for e in doc["edges"]}


def _node(doc: dict, node_id: str) -> dict:
    return next(n for n in doc["nodes"] if n["id"] == node_id)


def test_the_thirty_templates_are_here() -> None:
    assert len(TEMPLATES) == 30
    assert (SAM_DIR / "LICENSE").read_text().startswith("Copyright Amazon.com")


def test_every_template_gives_a_valid_document_with_every_resource_accounted_for(sam_template: Path) -> None:
    text = sam_template.read_bytes()
    imported = import_file(text, sam_template.name)
    doc = imported.document
    document.validate(doc)  # raises InvalidDocument
    resources = decode(text).template["Resources"]
    drawn = {e["logical_id"] for e in doc["iac"]["resources"].values() if e["logical_id"]}
    reported = {r["logical_id"] for r in imported.report if r["status"] in ("not_drawn", "folded")}
    for lid, res in resources.items():  # the line is the logical id's
        if res["Type"] in MAPPINGS:
            assert lid in drawn, f"{lid} ({res['Type']}) is drawable but not drawn"
        else:
            assert lid in reported, f"{lid} ({res['Type']}) is neither drawn nor reported"
            entry = next(r for r in imported.report if r["logical_id"] == lid)
            assert entry["type"] == res["Type"] and entry["line"] == lid.start_mark.line + 1
    for e in doc["edges"]:  # only edges AWS supports, between drawn components
        types = {n["id"]: n["type"] for n in doc["nodes"]}
        assert catalog.connection(types[e["source"]], types[e["target"]]), e
    assert json.dumps(doc)  # JSON-serialisable (no parser nodes leak out)
    assert len(json.dumps(doc).encode()) < document.MAX_BYTES


def test_a_function_gets_its_props_with_globals_applied() -> None:
    doc = import_file((SAM_DIR / "sqs-lambda-dynamodb-sam-java" / "template.yml").read_bytes()).document
    fn = _node(doc, "OrderConsumer")
    # Globals: Runtime java25, MemorySize 512, Timeout 25.
    assert fn["type"] == "lambda.function"
    assert fn["props"]["runtime"] == "java25"
    assert fn["props"]["memory_mb"] == 512
    assert fn["props"]["timeout_s"] == 25
    assert fn["props"]["env"]["TABLE_NAME"] == "!Ref OrdersTable"
    assert ("OrderConsumer", "OrdersTable") in _edges(doc)  # the env var names the table


def test_events_become_edges_in_the_direction_of_the_call() -> None:
    doc = import_file((SAM_DIR / "apigw-lambda-dynamodb-stream-lambda" / "template.yaml").read_bytes()).document
    edges = _edges(doc)
    assert ("ServerlessRestApi", "ProducerFunction") in edges  # implicit API of an Api event
    assert ("ProducerFunction", "DynamoDBTable") in edges  # DynamoDBCrudPolicy
    assert ("DynamoDBTable", "ConsumerFunction") in edges  # the stream event
    assert ("ConsumerFunction", "DynamoDBTable") not in edges  # the stream-read policy is the event's
    table = _node(doc, "DynamoDBTable")
    assert table["props"] == {"capacity_mode": "provisioned", "stream_enabled": True}
    assert doc["iac"]["resources"]["ServerlessRestApi"] == {"logical_id": None, "line": None}


def test_vpc_and_subnets_become_containers_and_the_report_names_what_is_not_drawn() -> None:
    path = SAM_DIR / "sqs-lambda-lmi-esm-provisioned-sam" / "template.yaml"
    imported = import_file(path.read_bytes(), "template.yaml")
    doc = imported.document
    assert _node(doc, "VPC")["type"] == "aws.vpc"
    assert _node(doc, "PublicSubnet")["parent"] == "VPC"
    assert _node(doc, "PublicSubnet")["props"]["visibility"] == "public"
    assert _node(doc, "NatGateway")["parent"] == "PublicSubnet"
    assert ("MessageQueue", "ProcessorFunction") in _edges(doc)  # AWS::Lambda::EventSourceMapping
    assert ("MessageQueue", "DeadLetterQueue") in _edges(doc)  # RedrivePolicy
    assert ("DeadLetterQueue", "DLQAlarm") in _edges(doc)  # the alarm watches the queue
    by_id = {r["logical_id"]: r for r in imported.report}
    assert by_id["InternetGateway"]["status"] == "not_drawn"
    assert by_id["InternetGateway"]["type"] == "AWS::EC2::InternetGateway"
    # Containers are laid out around their children.
    vpc, subnet, nat = _node(doc, "VPC"), _node(doc, "PublicSubnet"), _node(doc, "NatGateway")
    assert subnet["position"]["x"] >= 0 and subnet["position"]["y"] >= 0
    assert subnet["position"]["x"] + subnet["size"]["w"] <= vpc["size"]["w"]
    assert nat["position"]["x"] + 120 <= subnet["size"]["w"]


def test_laid_out_nodes_do_not_overlap(sam_template: Path) -> None:
    doc = import_file(sam_template.read_bytes()).document
    by_id = {n["id"]: n for n in doc["nodes"]}

    def absolute(n: dict) -> tuple[float, float, float, float]:
        x, y = n["position"]["x"], n["position"]["y"]
        p = by_id.get(n["parent"]) if n["parent"] else None
        while p:
            x, y = x + p["position"]["x"], y + p["position"]["y"]
            p = by_id.get(p["parent"]) if p["parent"] else None
        size = n.get("size", {"w": 120, "h": 92})
        return x, y, size["w"], size["h"]

    for parent in {n["parent"] for n in doc["nodes"]}:
        siblings = [absolute(n) for n in doc["nodes"] if n["parent"] == parent]
        for i, a in enumerate(siblings):
            for b in siblings[i + 1 :]:
                apart = a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
                assert apart, (a, b)


def test_parameter_defaults_stand_in_for_refs_and_intrinsics_are_reported() -> None:
    text = """
Parameters:
  Mem: {Type: Number, Default: 2048}
  Sg: {Type: String}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: !Ref Mem
      Timeout: !If [IsProd, 30, 10]
      Runtime: python3.12
"""
    imported = import_file(text)
    fn = imported.document["nodes"][0]
    assert fn["props"]["memory_mb"] == 2048
    assert "timeout_s" not in fn["props"]
    (note,) = [r for r in imported.report if r["status"] == "note"]
    assert note["logical_id"] == "Fn" and note["line"] == 10 and "Timeout" in note["message"]


def test_cloudfront_associations_make_edge_functions() -> None:
    text = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Site: {Type: AWS::S3::Bucket}
  Auth:
    Type: AWS::Serverless::Function
    Properties: {Runtime: nodejs22.x, Handler: i.h, CodeUri: s, AutoPublishAlias: live, MemorySize: 128}
  Rewrite:
    Type: AWS::CloudFront::Function
    Properties: {Name: r, FunctionCode: x, FunctionConfig: {Comment: c, Runtime: cloudfront-js-2.0}}
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins: [{Id: s, DomainName: !GetAtt Site.RegionalDomainName}]
        DefaultCacheBehavior:
          TargetOriginId: s
          FunctionAssociations: [{EventType: viewer-request, FunctionARN: !GetAtt Rewrite.FunctionARN}]
          LambdaFunctionAssociations: [{EventType: origin-response, LambdaFunctionARN: !Ref Auth.Version}]
"""
    doc = import_file(text).document
    assert _node(doc, "Auth")["type"] == "lambda.edge_function"
    assert _node(doc, "Auth")["props"]["trigger"] == "origin-response"
    assert _node(doc, "Rewrite")["props"]["trigger"] == "viewer-request"
    assert {("Cdn", "Site"), ("Cdn", "Auth"), ("Cdn", "Rewrite")} <= _edges(doc)


def test_json_templates_import_too() -> None:
    text = json.dumps(
        {
            "Resources": {
                "Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 120}},
                "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Timeout": 20}},
                "Map": {
                    "Type": "AWS::Lambda::EventSourceMapping",
                    "Properties": {"EventSourceArn": {"Fn::GetAtt": ["Q", "Arn"]}, "FunctionName": {"Ref": "Fn"}},
                },
            }
        },
        indent=2,
    )
    imported = import_file(text, "t.json")
    assert _edges(imported.document) == {("Q", "Fn")}
    assert imported.document["iac"]["syntax"] == "json"
    assert imported.document["iac"]["format"] == "cloudformation"
    assert [r["status"] for r in imported.report] == ["folded"]


@pytest.mark.parametrize("cfn_type", sorted(MAPPINGS))
def test_every_mapping_names_a_catalog_type_and_props(cfn_type: str) -> None:
    mapping = MAPPINGS[cfn_type]
    spec = catalog.get(mapping.component)
    assert spec is not None
    for f in mapping.fields:
        assert spec.prop(f.prop) is not None, f"{cfn_type}: {f.prop} is not a prop of {spec.key}"
    assert cfn_type not in FOLDED

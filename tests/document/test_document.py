"""The document schema: every class of invalid document names the right pointer."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from builder import catalog
from builder import document as d
from tests.conftest import minimal_document


def pointers(doc: Any) -> list[str]:
    return [p.pointer for p in d.check(doc)]


def test_contract_example_is_valid() -> None:
    assert d.check(minimal_document()) == []


def test_every_catalog_type_with_its_defaults_is_valid() -> None:
    nodes = []
    for t in catalog.all_types():
        props = {p.name: p.default for p in t.props if p.default != catalog.FROM_DOCUMENT}
        nodes.append({"id": t.key.replace(".", "_"), "type": t.key, "props": props})
    assert d.check({"schema": 1, "nodes": nodes, "edges": []}) == []


@pytest.mark.parametrize(
    ("mutate", "pointer", "words"),
    [
        (lambda doc: doc.pop("schema"), "/schema", "required"),
        (lambda doc: doc.update(schema=2), "/schema", "must be 1"),
        (lambda doc: doc["nodes"][1].update(type="lambda.functoin"), "/nodes/1/type", "unknown component type"),
        (lambda doc: doc["nodes"][1]["props"].update(memroy_mb=1), "/nodes/1/props/memroy_mb", "unknown prop"),
        (lambda doc: doc["nodes"][1]["props"].update(memory_mb="1024"), "/nodes/1/props/memory_mb", "must be a number"),
        (lambda doc: doc["nodes"][1]["props"].update(memory_mb=True), "/nodes/1/props/memory_mb", "must be a number"),
        (lambda doc: doc["nodes"][1]["props"].update(architecture="sparc"), "/nodes/1/props/architecture", "one of"),
        (lambda doc: doc["nodes"][1]["props"].update(env={"A": 1}), "/nodes/1/props/env/A", "must be a string"),
        (
            lambda doc: doc["nodes"][1]["props"].update(reserved_concurrency=1.5),
            "/nodes/1/props/reserved_concurrency",
            "whole number",
        ),
        (lambda doc: doc["edges"][0].update(target="nowhere"), "/edges/0/target", "not a node"),
        (lambda doc: doc["edges"][0].update(id="uploads"), "/edges/0/id", "duplicate id"),
        (lambda doc: doc["nodes"][1].update(id="uploads"), "/nodes/1/id", "duplicate id"),
        (lambda doc: doc["nodes"][1].update(id="has space"), "/nodes/1/id", "1-64 characters"),
        (lambda doc: doc["nodes"][1].update(id="x" * 65), "/nodes/1/id", "1-64 characters"),
        (lambda doc: doc["nodes"][1].update(parent="uploads"), "/nodes/1/parent", "not a container"),
        (lambda doc: doc["nodes"][1].update(parent="ghost"), "/nodes/1/parent", "does not exist"),
        (lambda doc: doc["nodes"][1].update(label="x" * 201), "/nodes/1/label", "limit is 200"),
        (lambda doc: doc["nodes"][1].update(label="a\x00b"), "/nodes/1/label", "control character"),
        (lambda doc: doc["nodes"][1].update(position={"x": "1", "y": 0}), "/nodes/1/position/x", "finite number"),
        (lambda doc: doc["nodes"][1].update(colour="red"), "/nodes/1/colour", "unknown field"),
        (lambda doc: doc.update(nodes={}), "/nodes", "must be a list"),
    ],
)
def test_invalid_documents_name_the_pointer(mutate: Any, pointer: str, words: str) -> None:
    doc = minimal_document()
    mutate(doc)
    problems = d.check(doc)
    assert pointer in [p.pointer for p in problems], problems
    assert words in next(p.message for p in problems if p.pointer == pointer)


def test_parent_loop_is_reported() -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "a", "type": "aws.vpc", "parent": "b"},
            {"id": "b", "type": "aws.subnet", "parent": "a"},
        ],
        "edges": [],
    }
    problems = d.check(doc)
    assert len(problems) == 1 and "loops" in problems[0].message


def test_self_parent_is_a_loop() -> None:
    doc = {"schema": 1, "nodes": [{"id": "a", "type": "aws.vpc", "parent": "a"}], "edges": []}
    assert "loops" in d.check(doc)[0].message


def test_every_problem_is_listed_at_once() -> None:
    doc = minimal_document()
    doc["nodes"][0]["type"] = "nope"
    doc["nodes"][1]["props"]["memory_mb"] = "big"
    doc["edges"][0]["source"] = "ghost"
    assert sorted(pointers(doc)) == ["/edges/0/source", "/nodes/0/type", "/nodes/1/props/memory_mb"]


def test_out_of_aws_limits_is_still_valid() -> None:
    doc = minimal_document()
    doc["nodes"][1]["props"]["memory_mb"] = 20000
    assert d.check(doc) == []


def test_node_and_edge_limits() -> None:
    nodes = [{"id": f"n{i}", "type": "sqs.queue"} for i in range(d.MAX_NODES + 1)]
    assert pointers({"schema": 1, "nodes": nodes, "edges": []}) == ["/nodes"]
    nodes = nodes[:2]
    edges = [{"id": f"e{i}", "source": "n0", "target": "n1"} for i in range(d.MAX_EDGES + 1)]
    assert pointers({"schema": 1, "nodes": nodes, "edges": edges}) == ["/edges"]


def test_size_limit_and_malformed_json() -> None:
    with pytest.raises(d.InvalidDocument) as too_big:
        d.parse(b" " * (d.MAX_BYTES + 1))
    assert too_big.value.too_large
    with pytest.raises(d.InvalidDocument) as bad:
        d.parse(b'{"schema": 1, "nodes": [')
    assert bad.value.problems[0].pointer == "" and "malformed JSON" in bad.value.problems[0].message
    with pytest.raises(d.InvalidDocument):
        d.parse(b'{"schema": 1, "nodes": [], "x": NaN}')


def test_pointer_escapes_rfc6901() -> None:
    doc = minimal_document()
    doc["nodes"][1]["props"]["a/b~c"] = 1
    assert "/nodes/1/props/a~1b~0c" in pointers(doc)


def test_defaults_and_hash() -> None:
    doc = minimal_document()
    full = d.with_defaults(doc)
    assert full["nodes"][1]["props"]["timeout_s"] == 60
    assert full["nodes"][1]["props"]["ephemeral_storage_mb"] == 512
    assert "memory_mb" not in doc["nodes"][0]["props"]  # the input is not modified
    explicit = copy.deepcopy(doc)
    explicit["nodes"][1]["props"]["ephemeral_storage_mb"] = 512
    assert d.content_hash(explicit) == d.content_hash(doc)
    explicit["nodes"][1]["props"]["ephemeral_storage_mb"] = 1024
    assert d.content_hash(explicit) != d.content_hash(doc)


def test_region_container_defaults_to_document_region() -> None:
    doc = {"schema": 1, "region": "eu-west-1", "nodes": [{"id": "r", "type": "aws.region"}], "edges": []}
    assert d.with_defaults(doc)["nodes"][0]["props"]["region"] == "eu-west-1"


def test_canonical_json_is_stable() -> None:
    a = json.loads('{"b": 1, "a": [1, 2], "c": "한"}')
    assert d.canonical_json(a) == '{"a":[1,2],"b":1,"c":"한"}'.encode()


def test_huge_numbers_are_invalid_not_a_crash() -> None:
    doc = minimal_document()
    doc["nodes"][1]["props"]["memory_mb"] = 10**400
    doc["nodes"][1]["position"] = {"x": 2**53 + 1, "y": 0}
    problems = {p.pointer: p.message for p in d.check(doc)}
    assert "±2^53" in problems["/nodes/1/props/memory_mb"]
    assert "±2^53" in problems["/nodes/1/position/x"]
    doc["nodes"][1]["props"]["memory_mb"] = 2**53
    doc["nodes"][1]["position"] = {"x": -(2**53), "y": 0}
    assert d.check(doc) == []


def test_deep_container_chains_are_checked_in_linear_time() -> None:
    import time

    nodes = [{"id": "n0", "type": "aws.vpc"}] + [
        {"id": f"n{i}", "type": "aws.subnet" if i % 2 else "aws.vpc", "parent": f"n{i - 1}"} for i in range(1, 2000)
    ]
    doc = {"schema": 1, "nodes": nodes, "edges": []}
    started = time.perf_counter()
    assert d.check(doc) == []
    # Not a speed assertion: a quadratic or cubic walk would take minutes, a linear one milliseconds.
    assert time.perf_counter() - started < 30
    nodes[0]["parent"] = "n1999"
    problems = d.check(doc)
    assert len(problems) == 1 and "loops" in problems[0].message

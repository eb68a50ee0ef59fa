"""The published JSON Schema of the document agrees with the document check.

500 documents drawn by Hypothesis (built from the catalog, then some of them broken at a
random place with a random JSON value): the schema accepts exactly those ``document.check``
accepts, except where ``document_schema.GAPS`` says JSON Schema cannot follow, and each such
disagreement is checked to be one of those gaps.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import catalog, document_schema
from builder import document as d

SCHEMA = document_schema.json_schema()


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    # JSON Schema's "$" is ECMA-262's: the end of the text, never before a final newline.
    if isinstance(instance, str) and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
VALIDATOR = Validator(SCHEMA)

#: The check's problems the schema cannot express (document_schema.GAPS), by template.
SEMANTIC = {
    "duplicate id {id} (first used at {at})",
    "parent {parent} does not exist",
    "parent {parent} is an edge, not a container",
    "parent {parent} is a {type}, not a container (region, VPC, subnet)",
    "parent chain loops: {chain}",
    "{end} {ref} is not a node of this document",
    "takes {{logical_id: string or null, line: positive integer or null}}",
}

TYPES = list(catalog.all_types())
ids = st.from_regex(r"[A-Za-z0-9_.-]{1,8}", fullmatch=True)
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8) | st.sampled_from(
    ["a\u202eb", "x\x07", "tab\tnew\nline", "a" * 201]
)
numbers = st.integers(-10, 10_000) | st.floats(allow_nan=False, allow_infinity=False, width=32)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**60), 2**60) | numbers | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


def prop_value(spec: catalog.Prop) -> st.SearchStrategy[Any]:
    by_kind: dict[str, st.SearchStrategy[Any]] = {
        "number": numbers,
        "integer": st.integers(-10, 100_000),
        "boolean": st.booleans(),
        "choice": st.sampled_from(spec.choices or ("",)),
        "string": texts,
        "string_list": st.lists(texts, max_size=3),
        "string_map": st.dictionaries(texts, texts, max_size=3),
    }
    value = by_kind[spec.kind]
    return value | st.none() if spec.nullable else value


@st.composite
def documents(draw: Any) -> Any:
    node_ids = draw(st.lists(ids, max_size=6, unique=True))
    containers: list[str] = []
    nodes = []
    for node_id in node_ids:
        t = draw(st.sampled_from(TYPES))
        node: dict[str, Any] = {"id": node_id, "type": t.key}
        if containers and draw(st.booleans()):
            node["parent"] = draw(st.sampled_from(containers))
        if draw(st.booleans()):
            node["label"] = draw(texts)
        if draw(st.booleans()):
            node["position"] = {"x": draw(numbers), "y": draw(numbers)}
        if t.props and draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(t.props), max_size=3, unique_by=lambda p: p.name))
            node["props"] = {p.name: draw(prop_value(p)) for p in chosen}
        if t.container:
            containers.append(node_id)
        nodes.append(node)
    doc: dict[str, Any] = {"schema": 1, "nodes": nodes}
    if node_ids and draw(st.booleans()):
        edge_ids = draw(st.lists(ids.filter(lambda i: i not in node_ids), max_size=3, unique=True))
        doc["edges"] = [
            {"id": e, "source": draw(st.sampled_from(node_ids)), "target": draw(st.sampled_from(node_ids))}
            for e in edge_ids
        ]
    if draw(st.booleans()):
        doc["name"] = draw(texts)
    # Break some of them: a random JSON value somewhere (or a key removed).
    for _ in range(draw(st.integers(0, 2))):
        target: Any = doc
        path = draw(st.lists(st.integers(0, 5), max_size=4))
        for step in path:
            children = list(target.items()) if isinstance(target, dict) else list(enumerate(target))
            if not children or not isinstance(children[step % len(children)][1], (dict, list)):
                break
            target = children[step % len(children)][1]
        if isinstance(target, dict):
            key = draw(st.sampled_from([*target, "extra", "id", "parent", "props", "source"]))
            if draw(st.booleans()) and key in target:
                del target[key]
            else:
                target[key] = draw(json_values)
        elif target:
            target[draw(st.integers(0, len(target) - 1))] = draw(json_values)
    return doc


def _huge_float(error: jsonschema.ValidationError) -> bool:
    return isinstance(error.instance, float) and error.validator in ("minimum", "maximum")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_schema_accepts_what_the_check_accepts(doc: Any) -> None:
    problems = d.check(doc)
    errors = list(VALIDATOR.iter_errors(doc))
    if not problems and errors:
        leaves = [leaf for e in errors for leaf in (e.context or [e])]
        assert any(_huge_float(e) for e in leaves), (doc, [e.message for e in errors])
    if problems and not errors:
        assert {getattr(p.message, "template", p.message) for p in problems} <= SEMANTIC, (doc, problems)


def test_the_schema_is_a_valid_json_schema_from_the_catalog() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    node_types = [n["properties"]["type"]["const"] for n in SCHEMA["properties"]["nodes"]["items"]["anyOf"]]
    assert node_types == [t.key for t in catalog.all_types()]
    assert SCHEMA["properties"]["nodes"]["maxItems"] == d.MAX_NODES


def test_a_trailing_newline_in_an_id_is_refused_by_both() -> None:
    doc = {"schema": 1, "nodes": [{"id": "a\n", "type": "s3.bucket"}]}
    assert d.check(doc) and list(VALIDATOR.iter_errors(doc))


def test_the_schema_is_served_at_api_schema_document_json(client: Any, db: Any) -> None:
    response = client.get("/api/schema/document.json")
    assert response.status_code == 200
    assert response.json() == SCHEMA

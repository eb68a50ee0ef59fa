"""Ids matched whole, lone surrogates and bidi controls: each input named in its test.

A trailing newline must not pass as an id (Graphviz would merge "a\\n" with "a"); a lone
surrogate cannot be stored or sent as UTF-8, so it is a problem with a pointer, never a crash;
bidi controls in what people read as names can disguise them ("\\u202egnp.exe" shows "exe.png").
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from builder import document as d
from builder import rules
from tests.conftest import minimal_document


def problems(doc: Any) -> list[tuple[str, str]]:
    return [(p.pointer, p.message) for p in d.check(doc)]


def node(**fields: Any) -> dict[str, Any]:
    return {"schema": 1, "nodes": [{"id": "a", "type": "s3.bucket", **fields}], "edges": []}


@pytest.mark.parametrize("bad_id", ["a\n", "a\r\n", "\na", "a b", "", "x" * 65, "é"])
def test_node_id_with_newline_or_other_characters_is_refused(bad_id: str) -> None:
    assert problems(node(id=bad_id)) == [("/nodes/0/id", "id must be 1-64 characters of A-Z a-z 0-9 _ . -")]


def test_node_id_a_newline_beside_node_a_is_refused_not_merged() -> None:
    doc = {"schema": 1, "nodes": [{"id": "a", "type": "s3.bucket"}, {"id": "a\n", "type": "s3.bucket"}]}
    assert [p for p, _ in problems(doc)] == ["/nodes/1/id"]


def test_edge_id_with_trailing_newline_is_refused() -> None:
    doc = node(id="a")
    doc["edges"] = [{"id": "e1\n", "source": "a", "target": "a"}]
    assert [p for p, _ in problems(doc)] == ["/edges/0/id"]


def test_id_of_64_safe_characters_is_accepted() -> None:
    assert problems(node(id="A-z_0.9" + "x" * 57)) == []


def test_lone_surrogate_in_label_is_a_problem_with_a_pointer() -> None:
    [(ptr, message)] = problems(node(label="bad \ud800 label"))
    assert ptr == "/nodes/0/label" and "lone surrogate (U+D800)" in message
    json.dumps(message, ensure_ascii=False).encode()  # the problem itself is valid UTF-8


@pytest.mark.parametrize(
    ("where", "mutate"),
    [
        ("/name", lambda doc: doc.update(name="\udfff")),
        ("/nodes/1/props/runtime", lambda doc: doc["nodes"][1]["props"].update(runtime="py\ud83d")),
        ("/nodes/1/props/env/K", lambda doc: doc["nodes"][1]["props"].update(env={"K": "\udc00"})),
        ("/nodes/1/props/security_groups/0", lambda doc: doc["nodes"][1]["props"].update(security_groups=["\ud800"])),
        ("/edges/0/label", lambda doc: doc["edges"][0].update(label="\ud800")),
    ],
)
def test_lone_surrogate_anywhere_is_refused_with_its_pointer(where: str, mutate: Any) -> None:
    doc = minimal_document()
    doc["nodes"][1]["type"] = "lambda.function"
    doc["nodes"][1]["props"] = {}
    mutate(doc)
    found = problems(doc)
    assert [p for p, _ in found] == [where]
    assert "lone surrogate" in found[0][1]


def test_lone_surrogate_in_an_env_key_gives_a_printable_pointer() -> None:
    doc = {"schema": 1, "nodes": [{"id": "f", "type": "lambda.function", "props": {"env": {"K\ud800": "v"}}}]}
    [(ptr, message)] = problems(doc)
    assert ptr == "/nodes/0/props/env/K\ufffd" and "lone surrogates" in message
    ptr.encode()


def test_surrogate_escape_in_json_text_is_an_invalid_document_not_a_crash() -> None:
    raw = b'{"schema": 1, "nodes": [{"id": "a", "type": "s3.bucket", "label": "\\ud800"}]}'
    with pytest.raises(d.InvalidDocument) as exc:
        d.load(raw)
    assert exc.value.problems[0].pointer == "/nodes/0/label"
    with pytest.raises(d.InvalidDocument):
        d.load(raw.decode())  # the same as a str (the CLI's path)


def test_json_size_counts_a_lone_surrogate_without_raising() -> None:
    assert d.json_size({"label": "\ud800"}) == len('{"label":""}') + 3


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidi_control_in_a_node_label_is_refused(char: str) -> None:
    [(ptr, message)] = problems(node(label=f"{char}gnp.exe"))
    assert ptr == "/nodes/0/label"
    assert f"bidirectional control character (U+{ord(char):04X})" in message


def test_right_to_left_override_in_the_document_name_is_refused() -> None:
    doc = minimal_document()
    doc["name"] = "\u202egnp.exe"
    assert [p for p, _ in problems(doc)] == ["/name"]


def test_right_to_left_override_in_an_edge_label_is_refused() -> None:
    doc = minimal_document()
    doc["edges"][0]["label"] = "Object\u202eCreated"
    assert [p for p, _ in problems(doc)] == ["/edges/0/label"]


def test_arabic_and_hebrew_labels_without_controls_are_accepted() -> None:
    doc = minimal_document()
    doc["nodes"][1]["label"] = "مرحبا שלום 썸네일"
    assert problems(doc) == []
    assert rules.run(d.validate(doc)) is not None


@pytest.mark.django_db
def test_api_answers_400_with_a_pointer_for_a_lone_surrogate_label(api: Any) -> None:
    body = '{"schema": 1, "nodes": [{"id": "a", "type": "s3.bucket", "label": "\\ud800"}], "edges": []}'
    for url, payload in (("/api/validate/", body), ("/api/diagrams/", '{"document": ' + body + "}")):
        response = api.generic("POST", url, payload, content_type="application/json")
        assert response.status_code == 400, (url, response.content)
        assert [p["pointer"] for p in response.json()["problems"]] == ["/nodes/0/label"]

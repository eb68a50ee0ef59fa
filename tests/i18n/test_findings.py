"""Findings in Korean: every rule's finding renders in Korean, survives storage, and English stays byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest

from builder import i18n, rules
from builder.i18n import Text, t
from tests.i18n.helpers import HANGUL
from tests.rules.test_rules_table import FIRES

Doc = dict[str, Any]


@pytest.mark.parametrize(("case", "d", "nodes", "edges"), FIRES)
def test_every_rule_finding_reads_in_korean(case: Any, d: Doc, nodes: Any, edges: Any) -> None:
    findings = [f for f in rules.run(d) if f.rule == case.rule]
    assert findings
    for f in findings:
        ko = f.in_language("ko")
        # Same finding, other words: ids and severity never change.
        assert (ko.rule, ko.severity, ko.nodes, ko.edges) == (f.rule, f.severity, f.nodes, f.edges)
        assert HANGUL.search(ko.message) and HANGUL.search(ko.hint), (f.message, ko.message)
        assert ko.message != f.message and ko.hint != f.hint
        # Every node id the English names, the Korean names too.
        for node_id in f.nodes:
            if node_id in f.message:
                assert node_id in ko.message
        # Stored as JSON and read back: the same text in both languages.
        stored = json.loads(json.dumps({"m": i18n.to_json(f.message), "h": i18n.to_json(f.hint)}))
        back_m, back_h = i18n.from_json(stored["m"]), i18n.from_json(stored["h"])
        assert (str(back_m), str(back_h)) == (f.message, f.hint)
        assert (i18n.render(back_m, "ko"), i18n.render(back_h, "ko")) == (ko.message, ko.hint)
        assert f.in_language("en") is f


def test_a_text_is_its_english_and_keeps_its_parts() -> None:
    inner = t("{a} or {b}", a="s3", b="dynamodb")
    text = t("Set {prop} to {values}.", prop="service", values=inner)
    assert text == "Set service to s3 or dynamodb." and isinstance(text, str)
    assert text.template == "Set {prop} to {values}." and text.params["values"] is inner
    assert i18n.render(inner, "ko") == "s3 또는 dynamodb"


def test_plain_string_parameters_are_data_never_translated() -> None:
    # A node labelled with an English word that the catalog knows stays as the user wrote it.
    text = t("{fn} connects to {db} directly", fn="valid", db="(none)")
    assert i18n.render(text, "ko") == "valid: (none)에 직접 연결합니다"


def test_a_node_is_named_with_its_type_once_in_either_language() -> None:
    def named(label: str, lang: str) -> str:
        doc: Doc = {
            "schema": 1,
            "nodes": [{"id": "b", "type": "s3.bucket", "label": label}],
            "edges": [],
        }
        [finding] = [f for f in rules.run(doc) if f.rule == "ISOLATED_NODE"]
        return i18n.render(finding.message, lang)

    # The palette's label, in English or Korean, is the type already: said once.
    assert named("S3 bucket", "en") == "S3 bucket (b) has no connections"
    assert named("S3 버킷", "ko") == "S3 버킷 (b): 연결이 하나도 없습니다"
    assert named("s3  Bucket", "en") == "s3 Bucket (b) has no connections"
    # Any other label gets the type before it, in the reader's language.
    assert named("uploads", "en") == "S3 bucket uploads (b) has no connections"
    assert named("uploads", "ko") == "S3 버킷 uploads (b): 연결이 하나도 없습니다"
    assert named("", "en") == "S3 bucket b has no connections"


def test_a_stored_report_answers_each_language_and_hides_its_texts() -> None:
    doc: Doc = {
        "schema": 1,
        "nodes": [{"id": "f", "type": "lambda.function", "props": {"memory_mb": 20000}}],
        "edges": [],
    }
    findings = rules.run(doc)
    stored = json.loads(json.dumps(i18n.storable_report(rules.report(findings), findings)))
    assert all(i18n.STORED in item for item in stored["findings"])
    english = i18n.localize_report(stored, "en")
    assert english == rules.report(findings)  # byte for byte what the API answered before
    korean = i18n.localize_report(stored, "ko")
    assert set(korean) == set(english) and [set(f) for f in korean["findings"]] == [set(f) for f in english["findings"]]
    memory = next(f for f in korean["findings"] if f["rule"] == "LAMBDA_MEMORY_RANGE")
    assert memory["message"] == "f: memory_mb 값이 20000 MB; 람다 메모리는 128-10240 MB의 정수여야 합니다"
    assert i18n.STORED not in memory


def test_a_malformed_stored_text_degrades_to_what_it_has() -> None:
    assert i18n.from_json({"t": "{missing} here"}) == "{missing} here"
    assert i18n.from_json({"t": "{x} here", "p": {}}) == "{x} here"
    assert i18n.from_json(5) == "5"
    assert isinstance(i18n.from_json({"t": "a {b}", "p": {"b": "c"}}), Text)


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("ko", "ko"),
        ("ko-KR,ko;q=0.9,en-US;q=0.8", "ko"),
        ("en-US,en;q=0.9,ko;q=0.8", "en"),
        ("fr-FR, ko;q=0.5", "ko"),
        ("fr-FR", None),
        ("", None),
        ("*", None),
        ("ko;q=0, en;q=0.1", "en"),
        ("ko;q=abc", None),
    ],
)
def test_accept_language(header: str, lang: str | None) -> None:
    assert i18n.from_accept_language(header) == lang

"""The API in the request's language: findings, rules and errors follow ``Accept-Language``."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from builder.models import Diagram
from tests.conftest import minimal_document
from tests.i18n.helpers import HANGUL

pytestmark = pytest.mark.django_db

KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9,en;q=0.8"}
WRONG = minimal_document(nodes=[{"id": "f", "type": "lambda.function", "props": {"memory_mb": 20000}}], edges=[])


def words(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["message"], f["hint"]) for f in report["findings"]]


def skeleton(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in f.items() if k not in ("message", "hint")} for f in report["findings"]]


def test_validate_answers_findings_in_korean_with_the_same_keys_and_ids() -> None:
    client = APIClient()
    en = client.post("/api/validate/", WRONG, format="json")
    ko = client.post("/api/validate/", WRONG, format="json", **KO)
    assert en.status_code == ko.status_code == 200
    assert set(ko.json()) == set(en.json()) and ko.json()["counts"] == en.json()["counts"]
    assert skeleton(ko.json()) == skeleton(en.json())
    memory = next(f for f in ko.json()["findings"] if f["rule"] == "LAMBDA_MEMORY_RANGE")
    assert memory["message"] == "f: memory_mb 값이 20000 MB; 람다 메모리는 128-10240 MB의 정수여야 합니다"
    assert not any(HANGUL.search(m + h) for m, h in words(en.json()))
    assert ko["Content-Language"] == "ko" and "Accept-Language" in ko["Vary"]


def test_english_stays_the_default_whatever_the_cookie() -> None:
    client = APIClient()
    client.cookies["django_language"] = "ko"
    report = client.post("/api/validate/", WRONG, format="json").json()
    assert not any(HANGUL.search(m + h) for m, h in words(report))
    unknown = client.post("/api/validate/", WRONG, format="json", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert unknown == report


def test_a_stored_diagram_is_answered_in_each_readers_language(api: APIClient) -> None:
    created = api.post("/api/diagrams/", {"document": WRONG}, format="json", **KO)
    assert created.status_code == 201
    assert all(HANGUL.search(m) for m, _ in words(created.json()["findings"]))
    pk = created.json()["id"]
    stored = Diagram.objects.get(pk=pk).findings
    en = api.get(f"/api/diagrams/{pk}/").json()
    ko = api.get(f"/api/diagrams/{pk}/", **KO).json()
    # Computed once at the save; each read says it in its own language, and the stored
    # report is left as it was (no engine run, no write on read).
    assert Diagram.objects.get(pk=pk).findings == stored
    assert skeleton(en["findings"]) == skeleton(ko["findings"])
    assert not any(HANGUL.search(m) for m, _ in words(en["findings"]))
    assert all(HANGUL.search(m) and HANGUL.search(h) for m, h in words(ko["findings"]))
    assert "texts" not in en["findings"]["findings"][0]
    put = api.put(
        f"/api/diagrams/{pk}/", {"revision": en["revision"], "document": minimal_document()}, format="json", **KO
    )
    assert put.status_code == 200
    assert all(HANGUL.search(m) for m, _ in words(put.json()["findings"]))


def test_an_invalid_document_is_a_400_in_korean_with_the_same_pointers() -> None:
    bad = minimal_document(nodes=[{"id": "f", "type": "lambda.function", "props": {"memory_mb": "1GB"}}], edges=[])
    client = APIClient()
    en = client.post("/api/validate/", bad, format="json")
    ko = client.post("/api/validate/", bad, format="json", **KO)
    assert en.status_code == ko.status_code == 400
    assert [p["pointer"] for p in ko.json()["problems"]] == [p["pointer"] for p in en.json()["problems"]]
    assert en.json()["detail"] == "the document is invalid: 1 problem"
    assert ko.json()["detail"] == "문서가 올바르지 않습니다: 문제 1개"
    assert en.json()["problems"][0]["message"] == "memory_mb must be a number, not string"
    assert ko.json()["problems"][0]["message"] == "memory_mb 값은 숫자여야 합니다(string 아님)"


def test_every_kind_of_document_problem_reads_in_korean() -> None:
    bad = {
        "schema": 2,
        "extra": 1,
        "nodes": [
            {"id": "a b", "type": "nope"},
            {"id": "f", "type": "lambda.function", "label": "x\u202ey", "props": {"runtime": 5, "colour": 1}},
            {"id": "s", "type": "s3.bucket", "parent": "missing", "position": {"x": "1"}},
        ],
        "edges": [{"id": "f", "source": "f", "target": "ghost"}],
    }
    client = APIClient()
    en = client.post("/api/validate/", bad, format="json").json()
    ko = client.post("/api/validate/", bad, format="json", **KO).json()
    assert [p["pointer"] for p in ko["problems"]] == [p["pointer"] for p in en["problems"]]
    assert len(ko["problems"]) >= 8
    for problem in ko["problems"]:
        assert HANGUL.search(problem["message"]), problem


def test_malformed_json_and_unknown_endpoints_in_korean() -> None:
    client = APIClient()
    broken = client.post("/api/validate/", data="{not json", content_type="application/json", **KO)
    assert broken.status_code == 400 and broken.json()["detail"].startswith("잘못된 JSON: ")
    missing = client.get("/api/nothing-here/", **KO)
    assert missing.status_code == 404
    assert missing.json()["detail"] == "그런 API 엔드포인트가 없습니다: /api/nothing-here/"
    assert client.get("/api/nothing-here/").json()["detail"] == "no such API endpoint: /api/nothing-here/"


def test_rules_are_listed_in_korean() -> None:
    client = APIClient()
    en = client.get("/api/rules/").json()
    ko = client.get("/api/rules/", **KO).json()
    assert [r["id"] for r in ko] == [r["id"] for r in en]
    assert all(HANGUL.search(r["title"]) and HANGUL.search(r["explanation"]) for r in ko)
    assert [r["docs_url"] for r in ko] == [r["docs_url"] for r in en]


def test_the_review_is_in_the_reviewers_language_not_the_owners(api: APIClient) -> None:
    diagram = api.post("/api/diagrams/", {"document": WRONG}, format="json").json()
    link = api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "view"}, format="json", **KO).json()
    reviewer = APIClient()
    ko = reviewer.get(f"/api/review/{link['token']}/", **KO).json()
    en = reviewer.get(f"/api/review/{link['token']}/", HTTP_ACCEPT_LANGUAGE="en-US").json()
    assert all(HANGUL.search(m) for m, _ in words(ko["findings"]))
    assert not any(HANGUL.search(m) for m, _ in words(en["findings"]))


def test_the_catalog_is_served_in_korean_with_the_same_structure() -> None:
    client = APIClient()
    en = client.get("/api/catalog/")
    ko = client.get("/api/catalog/", **KO)
    assert en.status_code == ko.status_code == 200
    en_fn = next(t for t in en.json()["types"] if t["type"] == "lambda.function")
    ko_fn = next(t for t in ko.json()["types"] if t["type"] == "lambda.function")
    assert (en_fn["label"], ko_fn["label"]) == ("Lambda function", "람다 함수")
    memory = next(p for p in ko_fn["props"] if p["name"] == "memory_mb")
    assert memory["label"] == "메모리" and HANGUL.search(memory["help"])
    assert HANGUL.search(memory["limits"][0]["text"]) and memory["limits"][0]["rule"] == "LAMBDA_MEMORY_RANGE"
    assert ko.json()["categories"][0]["label"] == "네트워킹 및 컨테이너"
    # Keys, types, choices and limits' numbers are the same in both.
    assert [t["type"] for t in ko.json()["types"]] == [t["type"] for t in en.json()["types"]]
    assert [p["choices"] for p in ko_fn["props"]] == [p["choices"] for p in en_fn["props"]]
    # Each language has its own ETag, and a cached copy is revalidated per language.
    assert en["ETag"] != ko["ETag"]
    again = client.get("/api/catalog/", HTTP_IF_NONE_MATCH=ko["ETag"], **KO)
    assert again.status_code == 304
    assert client.get("/api/catalog/", HTTP_IF_NONE_MATCH=ko["ETag"]).status_code == 200


def test_starters_are_named_in_korean() -> None:
    client = APIClient()
    en = client.get("/api/starters/").json()
    ko = client.get("/api/starters/", **KO).json()
    assert [s["key"] for s in ko] == [s["key"] for s in en]
    assert all("translations" not in s for s in [*en, *ko])
    assert ko[0]["name"] == "서버리스 썸네일" and ko[0]["document"]["name"] == "서버리스 썸네일"
    assert en[0]["name"] == "Serverless thumbnails" and en[0]["document"]["name"] == "Serverless thumbnails"
    assert [s["document"]["nodes"] for s in ko] == [s["document"]["nodes"] for s in en]


def test_me_says_who_and_which_language_and_stores_a_choice(api: APIClient, user: Any) -> None:
    assert api.get("/api/me/").json() == {"username": "ada", "language": None}
    changed = api.patch("/api/me/", {"language": "ko"}, format="json")
    assert changed.status_code == 200 and changed.json() == {"username": "ada", "language": "ko"}
    assert changed.cookies["django_language"].value == "ko"
    assert api.get("/api/me/").json()["language"] == "ko"
    # The API itself still follows Accept-Language (English without it), whatever the choice.
    report = api.post("/api/validate/", WRONG, format="json").json()
    assert not any(HANGUL.search(m) for m, _ in words(report))
    cleared = api.patch("/api/me/", {"language": None}, format="json")
    assert cleared.json()["language"] is None and cleared.cookies["django_language"].value == ""
    assert api.get("/api/me/").json()["language"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [({"language": "fr"}, "language"), ({"language": 1}, "language"), ({"language": "ko", "theme": "dark"}, None)],
)
def test_me_refuses_what_it_does_not_take_in_the_requests_language(
    api: APIClient, body: dict[str, Any], field: str | None
) -> None:
    en = api.patch("/api/me/", body, format="json")
    ko = api.patch("/api/me/", body, format="json", **KO)
    assert en.status_code == ko.status_code == 400
    assert HANGUL.search(ko.json()["detail"]) and not HANGUL.search(en.json()["detail"])
    if field:
        assert [p["pointer"] for p in en.json()["problems"]] == [f"/{field}"]
    else:
        assert "theme" in en.json()["detail"]
    assert api.get("/api/me/").json()["language"] is None  # nothing half written


def test_me_needs_an_account() -> None:
    assert APIClient().get("/api/me/").status_code in (401, 403)
    assert APIClient().patch("/api/me/", {"language": "ko"}, format="json").status_code in (401, 403)

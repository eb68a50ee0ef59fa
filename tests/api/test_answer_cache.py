"""A diagram's GET answer is kept encoded while the diagram is unchanged (builder/api/answers.py),
and never outlives a change: save, rename, restore, a newer rule engine, another language."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from builder.api import answers
from builder.api.answers import AnswerCache, Encoded
from builder.api.renderers import JSONRenderer
from builder.models import Diagram
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def lambda_document(name: str = "cached") -> dict[str, Any]:
    return minimal_document(name=name)


def create(api: APIClient, doc: dict[str, Any]) -> dict[str, Any]:
    answer = api.post("/api/diagrams/", {"document": doc}, format="json")
    assert answer.status_code == 201, answer.content
    return dict(answer.json())


def get(api: APIClient, pk: int, lang: str = "en") -> tuple[dict[str, Any], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        answer = api.get(f"/api/diagrams/{pk}/", HTTP_ACCEPT_LANGUAGE=lang)
    assert answer.status_code == 200, answer.content
    return answer.json(), [q["sql"] for q in queries.captured_queries if "builder_diagram" in q["sql"]]


def test_a_second_read_of_an_unchanged_diagram_reads_none_of_its_json(api: APIClient) -> None:
    created = create(api, lambda_document())
    first, first_sql = get(api, created["id"])
    again, again_sql = get(api, created["id"])
    assert again == first
    assert len(again_sql) == 1 and '"document"' not in again_sql[0] and '"findings"' not in again_sql[0]
    assert any('"document"' in sql for sql in first_sql)  # the first one read the row whole


def test_a_save_a_rename_and_a_restore_are_seen_at_once(api: APIClient) -> None:
    created = create(api, lambda_document("one"))
    pk = created["id"]
    get(api, pk)
    saved = api.put(f"/api/diagrams/{pk}/", {"revision": 1, "document": lambda_document("two")}, format="json")
    assert saved.status_code == 200
    assert get(api, pk)[0]["name"] == "two" and get(api, pk)[0]["revision"] == 2
    assert api.patch(f"/api/diagrams/{pk}/", {"name": "three"}, format="json").status_code == 200
    assert get(api, pk)[0]["name"] == "three"
    assert api.post(f"/api/diagrams/{pk}/revisions/1/restore/").status_code in (200, 201)
    after, _ = get(api, pk)
    assert after["name"] == "one" and after["revision"] == 4


def test_each_language_gets_its_own_words(api: APIClient) -> None:
    created = create(api, lambda_document())
    english, _ = get(api, created["id"], "en")
    korean, _ = get(api, created["id"], "ko")
    english_again, sql = get(api, created["id"], "en")
    words = [f["message"] for f in english["findings"]["findings"]]
    assert words and words != [f["message"] for f in korean["findings"]["findings"]]
    assert english_again == english and len(sql) == 1


def test_a_change_saved_through_the_model_is_seen(api: APIClient) -> None:
    created = create(api, lambda_document("before"))
    get(api, created["id"])
    diagram = Diagram.objects.get(pk=created["id"])  # as the admin saves it: updated_at moves
    diagram.name = "after"
    diagram.save()
    assert get(api, created["id"])[0]["name"] == "after"


def test_someone_elses_diagram_stays_a_404_after_its_owner_read_it(api: APIClient, other_api: APIClient) -> None:
    created = create(api, lambda_document())
    get(api, created["id"])
    assert other_api.get(f"/api/diagrams/{created['id']}/").status_code == 404


def test_the_cache_keeps_at_most_its_limit_least_recently_used_out_first() -> None:
    cache = AnswerCache(limit=10)
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # a is now the most recent
    cache.put("c", b"90ab")  # 12 bytes: the least recent (b) goes
    assert cache.get("b") is None and cache.get("a") == b"1234" and cache.get("c") == b"90ab"
    assert cache.size == 8 and len(cache) == 2
    cache.put("huge", b"x" * 11)  # larger than the whole cache: answered, not kept
    assert cache.get("huge") is None and len(cache) == 2


def test_an_answer_asked_indented_is_the_same_json_indented() -> None:
    encoded = Encoded(b'{"a":[1,2],"b":"\\u2028"}')
    renderer = JSONRenderer()
    assert renderer.render(encoded, "application/json") == bytes(encoded)
    pretty = renderer.render(encoded, "application/json; indent=2", {})
    assert b"\n  " in pretty and json.loads(pretty) == json.loads(encoded)


def test_off_when_its_limit_is_zero(api: APIClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "DIAGRAMS", AnswerCache(limit=0))
    created = create(api, lambda_document())
    get(api, created["id"])
    _, sql = get(api, created["id"])
    assert any('"document"' in s for s in sql)

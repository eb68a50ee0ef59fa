"""The diagram store: CRUD, the revision precondition, history and restore, invalid documents."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from rest_framework.test import APIClient

from builder.models import Diagram, Revision
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def create(api: APIClient, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api.post("/api/diagrams/", {"document": doc or minimal_document()}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_create_get_list_delete(api: APIClient) -> None:
    created = create(api)
    assert created["revision"] == 1 and created["name"] == "Thumbnail service"
    assert created["document"]["nodes"][1]["label"] == "썸네일 생성"
    assert set(created["findings"]) == {"valid", "counts", "findings"}

    got = api.get(f"/api/diagrams/{created['id']}/").json()
    assert got["document"] == created["document"]
    listed = api.get("/api/diagrams/").json()
    assert [d["id"] for d in listed] == [created["id"]]
    assert "document" not in listed[0] and set(listed[0]["counts"]) == {"error", "warning", "info"}

    assert api.delete(f"/api/diagrams/{created['id']}/").status_code == 204
    assert api.get(f"/api/diagrams/{created['id']}/").status_code == 404
    assert not Revision.objects.exists()


def test_findings_are_included(api: APIClient) -> None:
    doc = minimal_document()
    doc["nodes"][1]["props"]["memory_mb"] = 20000
    created = create(api, doc)
    rules = [f["rule"] for f in created["findings"]["findings"]]
    assert "LAMBDA_MEMORY_RANGE" in rules
    assert created["findings"]["valid"] is False


def test_put_saves_a_new_revision_and_keeps_the_old(api: APIClient) -> None:
    created = create(api)
    doc = copy.deepcopy(created["document"])
    doc["nodes"][1]["props"]["memory_mb"] = 2048
    response = api.put(f"/api/diagrams/{created['id']}/", {"revision": 1, "document": doc}, format="json")
    assert response.status_code == 200
    assert response.json()["revision"] == 2
    history = api.get(f"/api/diagrams/{created['id']}/revisions/").json()
    assert [r["number"] for r in history] == [2, 1]
    old = api.get(f"/api/diagrams/{created['id']}/revisions/1/").json()
    assert old["document"]["nodes"][1]["props"]["memory_mb"] == 1024


def test_stale_revision_is_refused_and_first_writer_kept(api: APIClient) -> None:
    created = create(api)
    url = f"/api/diagrams/{created['id']}/"
    first = copy.deepcopy(created["document"])
    first["name"] = "First writer"
    second = copy.deepcopy(created["document"])
    second["name"] = "Second writer"
    one = api.put(url, {"revision": 1, "document": first}, format="json")
    two = api.put(url, {"revision": 1, "document": second}, format="json")
    assert (one.status_code, two.status_code) == (200, 409)
    body = two.json()
    assert body["revision"] == 2 and body["document"]["name"] == "First writer"
    assert "conflict" in body["detail"]
    assert Diagram.objects.get().name == "First writer"
    assert Revision.objects.count() == 2


def test_restore_saves_the_old_document_as_new_revision(api: APIClient) -> None:
    created = create(api)
    url = f"/api/diagrams/{created['id']}/"
    doc = copy.deepcopy(created["document"])
    doc["nodes"] = doc["nodes"][:1]
    doc["edges"] = []
    api.put(url, {"revision": 1, "document": doc}, format="json")
    restored = api.post(f"{url}revisions/1/restore/").json()
    assert restored["revision"] == 3
    assert restored["document"] == created["document"]
    reasons = [r["reason"] for r in api.get(f"{url}revisions/").json()]
    assert reasons == ["restore of r1", "save", "create"]
    assert api.post(f"{url}revisions/99/restore/").status_code == 404


def test_rename_and_duplicate(api: APIClient) -> None:
    created = create(api)
    url = f"/api/diagrams/{created['id']}/"
    renamed = api.patch(url, {"name": "Thumbnails v2"}, format="json").json()
    assert renamed["name"] == "Thumbnails v2" and renamed["document"]["name"] == "Thumbnails v2"
    assert renamed["revision"] == 2
    copy_ = api.post(f"{url}duplicate/").json()
    assert copy_["id"] != created["id"] and copy_["name"] == "Thumbnails v2 (copy)" and copy_["revision"] == 1


def invalid_cases() -> list[tuple[str, Any, str]]:
    def doc_with(mutate: Any) -> dict[str, Any]:
        doc = minimal_document()
        mutate(doc)
        return doc

    return [
        ("unknown type", doc_with(lambda d: d["nodes"][0].update(type="aws.ec2")), "/nodes/0/type"),
        ("unknown prop", doc_with(lambda d: d["nodes"][1]["props"].update(ram=1)), "/nodes/1/props/ram"),
        ("wrong kind", doc_with(lambda d: d["nodes"][1]["props"].update(timeout_s="60")), "/nodes/1/props/timeout_s"),
        ("dangling edge", doc_with(lambda d: d["edges"][0].update(source="ghost")), "/edges/0/source"),
        ("duplicate id", doc_with(lambda d: d["edges"][0].update(id="thumb")), "/edges/0/id"),
        (
            "parent loop",
            {
                "schema": 1,
                "nodes": [
                    {"id": "v", "type": "aws.vpc", "parent": "s"},
                    {"id": "s", "type": "aws.subnet", "parent": "v"},
                ],
                "edges": [],
            },
            "/nodes/",
        ),
        ("missing schema", doc_with(lambda d: d.pop("schema")), "/schema"),
        (
            "too many nodes",
            {"schema": 1, "nodes": [{"id": f"n{i}", "type": "sqs.queue"} for i in range(2001)], "edges": []},
            "/nodes",
        ),
    ]


@pytest.mark.parametrize(("case", "doc", "pointer"), invalid_cases(), ids=[c[0] for c in invalid_cases()])
def test_invalid_document_is_rejected_whole(api: APIClient, case: str, doc: Any, pointer: str) -> None:
    response = api.post("/api/diagrams/", {"document": doc}, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert any(p["pointer"].startswith(pointer) for p in body["problems"]), body
    assert not Diagram.objects.exists() and not Revision.objects.exists()
    validate = api.post("/api/validate/", doc, format="json")
    assert validate.status_code == 400
    assert validate.json()["problems"] == body["problems"]


def test_invalid_put_changes_nothing(api: APIClient) -> None:
    created = create(api)
    bad = copy.deepcopy(created["document"])
    bad["nodes"][0]["type"] = "nope"
    response = api.put(f"/api/diagrams/{created['id']}/", {"revision": 1, "document": bad}, format="json")
    assert response.status_code == 400
    assert Diagram.objects.get().revision == 1 and Revision.objects.count() == 1


def test_malformed_json_is_a_400_with_a_message(api: APIClient) -> None:
    response = api.generic("POST", "/api/diagrams/", '{"document": {"schema": 1,', content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    response = api.generic("POST", "/api/validate/", "[1, 2", content_type="application/json")
    assert response.status_code == 400
    assert not Diagram.objects.exists()


def big_document(nodes: int) -> dict[str, Any]:
    doc = minimal_document()
    doc["nodes"] = [
        {
            "id": f"n{i}",
            "type": "lambda.function",
            "label": "x" * 200,
            "props": {"env": {f"K{j}": "v" * 200 for j in range(8)}},
        }
        for i in range(nodes)
    ]
    doc["edges"] = []
    return doc


def test_over_one_mebibyte_is_an_invalid_document(api: APIClient) -> None:
    body = json.dumps({"document": big_document(600)})
    assert 1024 * 1024 < len(body) < 2 * 1024 * 1024
    response = api.generic("POST", "/api/diagrams/", body, content_type="application/json")
    assert response.status_code == 400
    assert "1 MiB" in response.json()["detail"] and response.json()["problems"][0]["pointer"] == ""
    response = api.generic("POST", "/api/validate/", json.dumps(big_document(600)), content_type="application/json")
    assert response.status_code == 400 and "1 MiB" in response.json()["detail"]
    assert not Diagram.objects.exists()


def test_a_body_too_large_to_read_is_413(api: APIClient) -> None:
    body = json.dumps({"document": big_document(1200)})
    assert len(body) > 2 * 1024 * 1024
    response = api.generic("POST", "/api/diagrams/", body, content_type="application/json")
    assert response.status_code == 413
    assert "1 MiB" in response.json()["detail"]
    assert not Diagram.objects.exists()


def test_missing_document_field(api: APIClient) -> None:
    response = api.post("/api/diagrams/", {"doc": {}}, format="json")
    assert response.status_code == 400
    assert [p["pointer"] for p in response.json()["problems"]] == ["/document"]


def test_put_needs_a_revision(api: APIClient) -> None:
    created = create(api)
    response = api.put(f"/api/diagrams/{created['id']}/", {"document": created["document"]}, format="json")
    assert response.status_code == 400
    assert [p["pointer"] for p in response.json()["problems"]] == ["/revision"]


def test_history_says_what_each_save_changed_and_who(api: APIClient) -> None:
    doc = minimal_document()
    created = create(api, doc)
    url = f"/api/diagrams/{created['id']}/"
    moved = copy.deepcopy(doc)
    moved["nodes"][0]["position"] = {"x": 999, "y": 999}
    assert api.put(url, {"revision": 1, "document": moved}, format="json").status_code == 200
    relabeled = copy.deepcopy(moved)
    relabeled["nodes"][1]["label"] = "Thumbnailer"
    relabeled["nodes"].append({"id": "q", "type": "sqs.queue", "label": "Jobs", "position": {"x": 0, "y": 0}})
    relabeled["edges"] = []
    assert api.put(url, {"revision": 2, "document": relabeled}, format="json").status_code == 200
    history = {r["number"]: r for r in api.get(f"{url}revisions/").json()}
    assert history[1]["summary"] == "2 components, 1 connection"
    assert history[2]["summary"] == "moved 1"
    assert history[3]["summary"] == "added Jobs; changed Thumbnailer; removed 1 connection"
    assert {r["author"] for r in history.values()} == {"ada"}


def test_a_route_change_alone_is_a_move_not_a_change(api: APIClient) -> None:
    from builder.diff import diff, summary

    old = minimal_document()
    new = copy.deepcopy(old)
    new["edges"][0]["route"] = [{"x": 160, "y": 126}, {"x": 300, "y": 126}]
    new["edges"][0]["label_at"] = {"x": 230, "y": 126}
    assert diff(old, new)["edges"]["changed"] == []
    assert summary(old, new) == "no change"

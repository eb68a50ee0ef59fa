"""Saves under contention: every success is in the history, each answer is exactly the revision
it created, a stale save is refused before any other work, and findings are computed once per
revision (stored) instead of on every read."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from rest_framework.test import APIClient

from builder.i18n.web import answer
from builder.models import Diagram, Revision
from builder.services import findings
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def create(api: APIClient, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api.post("/api/diagrams/", {"document": doc or minimal_document()}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_stale_save_is_a_409_before_the_document_is_even_checked(api: APIClient) -> None:
    created = create(api)
    url = f"/api/diagrams/{created['id']}/"
    assert api.put(url, {"revision": 1, "document": created["document"]}, format="json").status_code == 200
    # An invalid document on a stale revision: the cheap check answers first.
    response = api.put(url, {"revision": 1, "document": {"schema": 1, "nodes": "nope"}}, format="json")
    assert response.status_code == 409
    assert response.json()["revision"] == 2 and response.json()["document"] == created["document"]
    # On the current revision the same document is checked (and refused) as before.
    response = api.put(url, {"revision": 2, "document": {"schema": 1, "nodes": "nope"}}, format="json")
    assert response.status_code == 400 and response.json()["problems"]


def test_findings_are_stored_once_per_revision_and_served_from_storage(api: APIClient) -> None:
    doc = minimal_document()
    doc["nodes"][1]["props"]["memory_mb"] = 20000
    created = create(api, doc)
    url = f"/api/diagrams/{created['id']}/"
    revision = Revision.objects.get(diagram_id=created["id"], number=1)
    assert revision.findings == findings.report_for(doc)  # stored with language-neutral texts
    assert answer(revision.findings, "en") == created["findings"]  # answered in the reader's language
    assert revision.findings_engine == findings.ENGINE

    fixed = copy.deepcopy(doc)
    fixed["nodes"][1]["props"]["memory_mb"] = 1024
    saved = api.put(url, {"revision": 1, "document": fixed}, format="json").json()
    assert answer(Revision.objects.get(diagram_id=created["id"], number=2).findings, "en") == saved["findings"]
    assert "LAMBDA_MEMORY_RANGE" not in {f["rule"] for f in saved["findings"]["findings"]}

    # Reads serve what is stored: a marker written in the database comes back untouched,
    # which it could not if the engine ran again.
    marker = {"valid": True, "counts": {"error": 0, "warning": 0, "info": 7}, "findings": []}
    Diagram.objects.filter(pk=created["id"]).update(findings=marker)
    assert api.get(url).json()["findings"] == marker
    assert api.get("/api/diagrams/").json()[0]["counts"] == marker["counts"]
    # So do review links: the latest revision's report, and a frozen link's own revision's.
    links = f"/api/diagrams/{created['id']}/share-links/"
    live = api.post(links, {"role": "view"}, format="json").json()
    frozen = api.post(links, {"role": "view", "freeze": True}, format="json").json()
    Revision.objects.filter(diagram_id=created["id"], number=2).update(findings={**marker, "valid": False})
    reviewer = APIClient()
    assert reviewer.get(f"/api/review/{live['token']}/").json()["findings"] == marker
    assert reviewer.get(f"/api/review/{frozen['token']}/").json()["findings"] == {**marker, "valid": False}

    # A report from another engine (an upgrade changed the rules) is recomputed and stored.
    Diagram.objects.filter(pk=created["id"]).update(findings_engine="older-engine")
    assert api.get(url).json()["findings"] == saved["findings"]
    assert Diagram.objects.get(pk=created["id"]).findings_engine == findings.ENGINE
    Diagram.objects.filter(pk=created["id"]).update(findings=None, findings_engine="")
    assert api.get("/api/diagrams/").json()[0]["counts"] == saved["findings"]["counts"]


def test_the_answer_is_the_revision_this_save_created(api: APIClient) -> None:
    created = create(api)
    url = f"/api/diagrams/{created['id']}/"
    doc = copy.deepcopy(created["document"])
    doc["name"] = "Mine"
    mine = api.put(url, {"revision": 1, "document": doc}, format="json").json()
    assert (mine["revision"], mine["name"], mine["document"]) == (2, "Mine", doc)
    stored = Revision.objects.get(diagram_id=created["id"], number=2)
    assert stored.document == mine["document"] and answer(stored.findings, "en") == mine["findings"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_concurrent_writers_lose_nothing_and_each_answer_is_its_own_revision(user: Any) -> None:
    """N threads, each a client that reads, changes, PUTs and retries on 409."""
    writers, writes_each = 8, 3
    api = APIClient()
    api.force_authenticate(user)
    diagram_id = create(api)["id"]
    url = f"/api/diagrams/{diagram_id}/"
    successes: list[tuple[str, dict[str, Any]]] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(writers)

    def writer(i: int) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            start.wait()
            for k in range(writes_each):
                for _attempt in range(200):
                    got = client.get(url)
                    if got.status_code != 200:
                        errors.append(f"GET {got.status_code}: {got.content[:200]!r}")
                        return
                    current = got.json()
                    doc = copy.deepcopy(current["document"])
                    doc["name"] = f"writer {i} write {k}"
                    doc["nodes"][0]["label"] = f"w{i}k{k}"
                    response = client.put(url, {"revision": current["revision"], "document": doc}, format="json")
                    # The test client keeps a thread's connection across requests; a server
                    # hands it back to the pool after each one, as this does.
                    connections["default"].close()
                    if response.status_code == 200:
                        with lock:
                            successes.append((doc["name"], response.json()))
                        break
                    if response.status_code != 409:
                        errors.append(f"{response.status_code}: {response.content[:200]!r}")
                        return
                else:
                    errors.append(f"writer {i} never got write {k} in")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert len(successes) == writers * writes_each

    history = {r.number: r for r in Revision.objects.filter(diagram_id=diagram_id)}
    answered = [body["revision"] for _, body in successes]
    assert sorted(answered) == list(range(2, 2 + writers * writes_each)), "each success is one new revision"
    for name, body in successes:
        stored = history[body["revision"]]
        # The answer is exactly what this PUT wrote: its number, its document, its findings.
        assert body["name"] == name and body["document"]["name"] == name
        assert stored.document == body["document"] and answer(stored.findings, "en") == body["findings"]
    assert Diagram.objects.get(pk=diagram_id).revision == 1 + writers * writes_each


def test_an_unknown_api_path_is_json(api: APIClient) -> None:
    response = Client().get("/api/no-such-thing/")
    assert response.status_code == 404 and response.json()["detail"].startswith("no such API endpoint")

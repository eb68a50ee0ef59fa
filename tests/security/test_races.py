"""Deleting a diagram while one of its links is revoked or a comment resolved: real threads,
real transactions (on PostgreSQL in the services run). The loser of the race gets a 404, never
a 500, and the deletion always wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from builder.models import Diagram
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db(transaction=True)

#: PostgreSQL runs transactions side by side, so races really interleave there; SQLite
#: serialises writers, so a few rounds only check that nothing breaks.
ROUNDS = 20 if connection.vendor == "postgresql" else 3


def race(*calls: Callable[[], Any]) -> list[int]:
    """Run the calls at the same moment, each in its own thread (its own connection)."""
    start = threading.Barrier(len(calls))
    codes: list[int] = [0] * len(calls)
    errors: list[BaseException] = []

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            codes[i] = call().status_code
        except BaseException as exc:  # a 500 raises in the test client: keep it for the assert
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return codes


def client(user: Any) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_deleting_a_diagram_while_its_link_is_revoked_is_a_404_not_a_500(user: Any) -> None:
    seen: set[tuple[int, int]] = set()
    for _ in range(ROUNDS):
        diagram = client(user).post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
        link = client(user).post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "view"}, format="json").json()
        deleted, revoked = race(
            lambda d=diagram: client(user).delete(f"/api/diagrams/{d['id']}/"),
            lambda link=link: client(user).delete(f"/api/share-links/{link['id']}/"),
        )
        assert deleted == 204 and revoked in (204, 404), (deleted, revoked)
        seen.add((deleted, revoked))
    assert not Diagram.objects.exists()


def test_deleting_a_diagram_while_a_comment_is_resolved_is_a_404_not_a_500(user: Any) -> None:
    for _ in range(ROUNDS):
        diagram = client(user).post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
        comment = client(user).post(f"/api/diagrams/{diagram['id']}/comments/", {"body": "why?"}, format="json").json()
        deleted, resolved = race(
            lambda d=diagram: client(user).delete(f"/api/diagrams/{d['id']}/"),
            lambda c=comment: client(user).patch(f"/api/comments/{c['id']}/", {"resolved": True}, format="json"),
        )
        assert deleted == 204 and resolved in (200, 404), (deleted, resolved)
    assert not Diagram.objects.exists()


def test_deleting_a_diagram_while_a_reviewer_comments_or_a_link_is_made_is_a_404_not_a_500(user: Any) -> None:
    for _ in range(ROUNDS):
        diagram = client(user).post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
        token = (
            client(user)
            .post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "comment"}, format="json")
            .json()["token"]
        )
        deleted, commented, shared = race(
            lambda d=diagram: client(user).delete(f"/api/diagrams/{d['id']}/"),
            lambda t=token: APIClient().post(
                f"/api/review/{t}/comments/", {"body": "late", "author_name": "Kim"}, format="json"
            ),
            lambda d=diagram: client(user).post(
                f"/api/diagrams/{d['id']}/share-links/", {"role": "view"}, format="json"
            ),
        )
        assert deleted == 204 and commented in (201, 404) and shared in (201, 404), (deleted, commented, shared)
    assert not Diagram.objects.exists()

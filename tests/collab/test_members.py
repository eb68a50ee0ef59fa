"""/api/diagrams/{id}/members/: the owner adds a colleague by username, lists and removes them."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from builder.collab.consumers import session_access
from builder.collab.models import Member
from builder.services import diagrams as svc
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def test_the_owner_adds_lists_changes_and_removes_a_member(
    api: APIClient, user: Any, other_user: Any, other_api: APIClient
) -> None:
    diagram = svc.create_diagram(user, minimal_document())
    url = f"/api/diagrams/{diagram.pk}/members/"
    assert session_access(other_user, diagram.pk) == 4403

    response = api.post(url, {"username": "grace"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["username"] == "grace" and response.json()["role"] == "editor"
    access = session_access(other_user, diagram.pk)
    assert not isinstance(access, int) and access.role == "editor" and access.can_edit

    assert api.post(url, {"username": "grace", "role": "viewer"}, format="json").status_code == 201
    assert [m["role"] for m in api.get(url).json()] == ["viewer"]
    access = session_access(other_user, diagram.pk)
    assert not isinstance(access, int) and not access.can_edit

    # Only the owner manages members: to anyone else the diagram is not there.
    assert other_api.get(url).status_code == 404
    assert other_api.post(url, {"username": "ada"}, format="json").status_code == 404

    assert api.delete(f"{url}grace/").status_code == 204
    assert api.get(url).json() == []
    assert session_access(other_user, diagram.pk) == 4403
    assert api.delete(f"{url}grace/").status_code == 404


@pytest.mark.parametrize(
    ("body", "pointer", "words"),
    [
        ({}, "/username", "username is required"),
        ({"username": "nobody"}, "/username", "no user named 'nobody'"),
        ({"username": "ada"}, "/username", "owns this diagram"),
        ({"username": "grace", "role": "admin"}, "/role", "role must be one of editor, viewer"),
    ],
)
def test_bad_input_is_a_400_that_says_what(
    api: APIClient, user: Any, other_user: Any, body: dict[str, Any], pointer: str, words: str
) -> None:
    diagram = svc.create_diagram(user, minimal_document())
    response = api.post(f"/api/diagrams/{diagram.pk}/members/", body, format="json")
    assert response.status_code == 400
    assert response.json()["problems"][0]["pointer"] == pointer
    assert words in response.json()["detail"]
    assert not Member.objects.exists()

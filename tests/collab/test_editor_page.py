"""The editor page opens for the owner and for members (their role in the boot data), and is
a 404 to everyone else, as the live session is (builder/views.py ``editor``)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from builder.collab import presence
from builder.collab.models import Member
from builder.services import diagrams as svc
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def _boot(response: Any) -> dict[str, Any]:
    match = re.search(r'<script id="boot" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    assert match, response.content[:500]
    return json.loads(match.group(1))


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_opens_the_editor_as_owner(user: Any) -> None:
    diagram = svc.create_diagram(user, minimal_document())
    response = _client(user).get(f"/diagrams/{diagram.pk}/")
    assert response.status_code == 200
    boot = _boot(response)
    assert (boot["page"], boot["diagram_id"], boot["role"]) == ("editor", diagram.pk, "owner")
    assert boot["me"] == presence.identity("ada", "owner", user.pk)


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_a_member_opens_the_editor_with_their_role(user: Any, other_user: Any, role: str) -> None:
    diagram = svc.create_diagram(user, minimal_document())
    Member.objects.create(diagram=diagram, user=other_user, role=role)
    response = _client(other_user).get(f"/diagrams/{diagram.pk}/")
    assert response.status_code == 200
    boot = _boot(response)
    assert (boot["diagram_id"], boot["role"]) == (diagram.pk, role)
    assert boot["me"]["initials"] == "GR" and boot["me"]["colour"] in presence.PALETTE


def test_anyone_else_gets_a_404(user: Any, other_user: Any) -> None:
    diagram = svc.create_diagram(user, minimal_document())
    assert _client(other_user).get(f"/diagrams/{diagram.pk}/").status_code == 404
    assert _client(user).get("/diagrams/999999/").status_code == 404
    assert Client().get(f"/diagrams/{diagram.pk}/").status_code == 302  # to the login page

"""Who may do what: anonymous users, other users, tokens, sessions with CSRF."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def test_anonymous_is_refused() -> None:
    client = APIClient()
    assert client.get("/api/diagrams/").status_code in (401, 403)
    assert client.post("/api/diagrams/", {"document": minimal_document()}, format="json").status_code in (401, 403)


def test_another_user_gets_404(api: APIClient, other_api: APIClient) -> None:
    diagram_id = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()["id"]
    assert other_api.get(f"/api/diagrams/{diagram_id}/").status_code == 404
    assert (
        other_api.put(
            f"/api/diagrams/{diagram_id}/", {"revision": 1, "document": minimal_document()}, format="json"
        ).status_code
        == 404
    )
    assert other_api.delete(f"/api/diagrams/{diagram_id}/").status_code == 404
    assert other_api.get(f"/api/diagrams/{diagram_id}/revisions/").status_code == 404
    assert other_api.get("/api/diagrams/").json() == []
    assert api.get(f"/api/diagrams/{diagram_id}/").status_code == 200


def test_token_auth_works(token_client: APIClient) -> None:
    response = token_client.post("/api/diagrams/", {"document": minimal_document()}, format="json")
    assert response.status_code == 201
    assert len(token_client.get("/api/diagrams/").json()) == 1


def test_session_auth_enforces_csrf(user: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="ada", password="correct horse battery")
    refused = client.post("/api/diagrams/", {"document": minimal_document()}, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get("/")  # the editor shell sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    ok = client.post("/api/diagrams/", {"document": minimal_document()}, format="json", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 201


def test_public_reference_endpoints_need_no_login() -> None:
    client = APIClient()
    assert client.get("/api/catalog/").status_code == 200
    assert client.get("/api/rules/").status_code == 200
    assert client.post("/api/validate/", minimal_document(), format="json").status_code == 200


def test_signup_login_logout_pages(client: Any, django_user_model: Any) -> None:
    page = client.get("/accounts/signup/")
    assert page.status_code == 200 and b"Create your account" in page.content
    response = client.post(
        "/accounts/signup/",
        {"username": "linus", "password1": "a long passphrase 42", "password2": "a long passphrase 42"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert django_user_model.objects.filter(username="linus").exists()
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
    assert client.post("/accounts/login/", {"username": "linus", "password": "a long passphrase 42"}).status_code == 302


def test_signup_errors_are_shown(client: Any) -> None:
    response = client.post("/accounts/signup/", {"username": "x", "password1": "abc", "password2": "abd"})
    assert response.status_code == 200
    assert b"didn" in response.content or b"match" in response.content


def test_editor_page_is_owner_only(client: Any, user: Any, other_user: Any) -> None:
    api = APIClient()
    api.force_authenticate(user)
    diagram_id = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()["id"]
    client.force_login(user)
    page = client.get(f"/diagrams/{diagram_id}/")
    assert page.status_code == 200 and b'"page": "editor"' in page.content
    client.force_login(other_user)
    assert client.get(f"/diagrams/{diagram_id}/").status_code == 404

"""Response headers: 401 with WWW-Authenticate for a missing credential, a CSP on HTML pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from builder import security
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/diagrams/"), ("post", "/api/diagrams/"), ("get", "/api/diagrams/1/"), ("get", "/api/renders/1/")],
)
def test_no_credential_is_a_401_with_www_authenticate(method: str, path: str) -> None:
    response = getattr(APIClient(), method)(path, {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_a_wrong_token_is_a_401_and_a_session_without_csrf_is_still_a_403(user: Any) -> None:
    wrong = APIClient(HTTP_AUTHORIZATION="Token not-a-real-token").get("/api/diagrams/")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Token")
    browser = APIClient(enforce_csrf_checks=True)
    browser.login(username="ada", password="correct horse battery")
    refused = browser.post("/api/diagrams/", {"document": minimal_document()}, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]


def test_the_schema_says_token_auth_first() -> None:
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/rules/", "/api/docs/", "/r/no-such-link"])
def test_every_html_page_has_the_content_security_policy(path: str, settings: Any) -> None:
    response = Client().get(path)
    assert response["Content-Type"].startswith("text/html")
    assert response["Content-Security-Policy"] == security.policy(settings.CONTENT_SECURITY_POLICY)
    assert "script-src 'self';" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_editor_and_list_pages_have_no_inline_script(api: APIClient, user: Any) -> None:
    client = Client()
    client.force_login(user)
    diagram = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    for path in ("/", f"/diagrams/{diagram['id']}/"):
        html = client.get(path).content.decode()
        assert "Content-Security-Policy" not in html
        scripts = html.split("<script")[1:]
        # The boot data is a JSON data block (not run); everything else is a file.
        for tag in scripts:
            head = tag.split(">", 1)[0]
            assert 'type="application/json"' in head or "src=" in head, head

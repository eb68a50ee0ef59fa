"""Every HTML page is served with a Content-Security-Policy and works under it in Chromium:
login, signup, the list, the editor (with its WebSocket), a review page, the rules page and
the API docs. A `securitypolicyviolation` listener and the console both must stay silent."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import new_page
from .test_editor import sign_up
from .test_review import create_link, open_review, start_diagram

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


def listening(browser: Any, url: str) -> Any:
    page = new_page(browser, url)  # its page and console errors fail the test (conftest)
    page.add_init_script(LISTEN)
    return page


def assert_clean(page: Any, what: str) -> None:
    """No violation event, and nothing on the console (Chromium logs each blocked resource)."""
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], f"{what}: {violations}"
    unexpected = [e for e in page.errors if not any(re.search(x, e) for x in page.expected_errors)]
    assert unexpected == [], f"{what}: {unexpected}"


def test_no_csp_violation_on_any_page(chromium: Any, asgi_server: Any, shots: Any) -> None:
    owner = listening(chromium, asgi_server.url)
    response = owner.goto("/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert_clean(owner, "login")
    sign_up(owner, "csp-owner")
    assert "content-security-policy" in owner.request.get("/").headers
    assert_clean(owner, "signup and list")

    start_diagram(owner, "Under a policy")
    owner.wait_for_timeout(500)  # the live socket connects
    shots(owner, "editor")
    assert_clean(owner, "editor")
    url = create_link(owner, shots, "comment")
    assert_clean(owner, "share dialog")

    owner.goto("/rules/")
    expect(owner.locator("h1")).to_be_visible()
    assert_clean(owner, "rules")

    owner.goto("/api/docs/")
    expect(owner.locator(".opblock").first).to_be_visible(timeout=20_000)
    shots(owner, "api-docs")
    assert_clean(owner, "API docs")

    reviewer = listening(chromium, asgi_server.url)
    open_review(reviewer, url)
    shots(reviewer, "review")
    assert_clean(reviewer, "review")
    reviewer.expected_errors.append(r"status of 404 \(Not Found\)")  # the missing link's page itself
    reviewer.goto("/r/not-a-real-token")
    expect(reviewer.get_by_test_id("review-missing")).to_be_visible()
    assert_clean(reviewer, "missing review link")

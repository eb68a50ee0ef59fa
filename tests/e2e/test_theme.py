"""The dark theme (issue 16): it follows prefers-color-scheme, the header switches and remembers
it, the canvas takes the catalog style's dark palette (cards, container titles, edges), axe finds
no serious contrast problem on it, and exports keep the light colours."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import WSGI_SOCKET_REFUSED, watched
from tests.e2e.test_a11y import serious_violations
from tests.e2e.test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def css_var(page: Any, selector: str, name: str) -> str:
    return page.locator(selector).first.evaluate(f"e => getComputedStyle(e).getPropertyValue('{name}').trim()")


def test_dark_theme_follows_the_system_and_the_switch(chromium: Any, live_server: Any, shots: Any) -> None:
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, color_scheme="dark", base_url=live_server.url, bypass_csp=True
    )
    page = watched(context.new_page())
    page.expected_errors.append(WSGI_SOCKET_REFUSED)
    sign_up(page, "night")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-vpc-lambda").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    for item in ("sqs.queue", "s3.bucket"):
        page.get_by_test_id(f"palette-item-{item}").focus()
        page.keyboard.press("Enter")
    page.get_by_test_id("tab-findings").click()
    expect(page.locator("[data-testid=finding]").first).to_be_visible()
    shots(page, "editor-dark")
    # The four tabs, one with three counts, fit the side panel.
    spill = page.locator(".side-panel .tabs").evaluate(
        "t => [...t.children].filter(c => c.getBoundingClientRect().right > t.getBoundingClientRect().right + 1).length"
    )
    assert spill == 0

    # The canvas in the catalog's dark palette: GET /api/catalog/ style.dark.
    dark = page.request.get("/api/catalog/").json()["style"]["dark"]
    assert css_var(page, ".react-flow", "--c-fill") == dark["component_fill"]
    assert css_var(page, ".react-flow", "--e-stroke") == dark["edge_stroke"]
    vpc = page.locator("[data-testid=container][data-node-id=vpc]")
    assert (
        css_var(page, "[data-testid=container][data-node-id=vpc]", "--frame-text")
        == dark["container_titles"]["aws.vpc"]
    )
    expect(vpc).to_be_visible()
    found = serious_violations(page, "editor (dark)")
    page.get_by_test_id("open-export").click()
    expect(page.get_by_test_id("export-dialog")).to_be_visible()
    shots(page, "export-dialog-dark")
    found += serious_violations(page, "export dialog (dark)")
    page.keyboard.press("Escape")
    assert found == [], "\n".join(found)

    # The switch: light, remembered over the system's dark.
    page.get_by_test_id("theme").select_option("light")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    page.reload()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    light = page.request.get("/api/catalog/").json()["style"]["component"]["fill"]
    assert css_var(page, ".react-flow", "--c-fill") == light
    shots(page, "editor-light-chosen")
    context.close()

"""What a newcomer hit on a first visit (issue 10, item 6), each checked as they would see it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_editor import node, sign_up, wait_saved

pytestmark = pytest.mark.django_db(transaction=True)


def new_diagram(page: Any, name: str, starter: str | None = None) -> int:
    page.get_by_test_id("new-diagram").click()
    if starter:
        page.get_by_test_id(f"starter-{starter}").click()
    page.get_by_test_id("new-diagram-name").fill(name)
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    return int(page.url.rstrip("/").split("/")[-1])


def test_new_diagram_dialog_shows_all_its_text_in_a_small_window(page: Any, shots: Any) -> None:
    sign_up(page, "nina")
    page.set_viewport_size({"width": 760, "height": 640})
    page.get_by_test_id("new-diagram").click()
    cards = page.locator(".starter-card")
    expect(cards.first).to_be_visible()
    shots(page, "new-diagram-760px")
    clipped = cards.evaluate_all(
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)"
        ".map(e => e.textContent)"
    )
    assert clipped == []
    # Nothing spills out sideways either: the grid is inside the dialog's body.
    widths = page.evaluate(
        "() => [document.querySelector('.starter-grid').scrollWidth,"
        " document.querySelector('.dialog-body').clientWidth]"
    )
    assert widths[0] <= widths[1]


def test_minimap_toggle_is_remembered(page: Any) -> None:
    sign_up(page, "omar")
    new_diagram(page, "Minimap", "thumbnails")
    expect(page.get_by_label("Minimap", exact=True).first).to_be_visible()
    page.get_by_test_id("toggle-minimap").uncheck()
    expect(page.locator(".react-flow__minimap")).to_have_count(0)
    page.reload()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("toggle-minimap")).not_to_be_checked()
    expect(page.locator(".react-flow__minimap")).to_have_count(0)
    page.get_by_test_id("toggle-minimap").check()
    page.reload()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(page.locator(".react-flow__minimap")).to_have_count(1)


def test_an_unsupported_target_glows_red_like_its_hint(page: Any, shots: Any) -> None:
    sign_up(page, "pia")
    new_diagram(page, "Glow", "rest-api")
    # A user pool triggers a Lambda function; a user pool -> DynamoDB table is not a connection.
    src = node(page, "users")
    src.hover()
    hb = src.locator(".react-flow__handle[data-handleid='b']").bounding_box()
    assert hb
    page.mouse.move(hb["x"] + 5, hb["y"] + 5)
    page.mouse.down()

    def glow_over(node_id: str) -> tuple[str | None, str]:
        box = node(page, node_id).bounding_box()
        assert box
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
        target = node(page, node_id).locator(".body-handle")
        expect(target).to_have_class(re.compile("connectingto"))
        state = page.get_by_test_id("connection-line").get_attribute("data-state")
        return state, target.evaluate("e => getComputedStyle(e).boxShadow")

    ok_state, ok_glow = glow_over("handler")
    shots(page, "over-a-supported-target")
    bad_state, bad_glow = glow_over("orders")
    expect(page.locator(".connection-hint.bad")).to_contain_text("Not supported")
    shots(page, "over-an-unsupported-target")
    page.mouse.up()
    assert (ok_state, bad_state) == ("ok", "bad")
    assert "29, 129, 2" in ok_glow, ok_glow  # --ok
    assert "209, 50, 18" in bad_glow, bad_glow  # --error


def test_history_lists_what_changed_and_who(page: Any, shots: Any) -> None:
    sign_up(page, "quinn")
    new_diagram(page, "History", "thumbnails")
    node(page, "thumbnailer").click()
    page.get_by_test_id("prop-label").fill("Thumbnailer")
    wait_saved(page)
    page.get_by_test_id("tab-history").click()
    first = page.get_by_test_id("revision").first
    expect(first.get_by_test_id("revision-summary")).to_have_text("changed Thumbnailer")
    expect(first.get_by_test_id("revision-meta")).to_contain_text("quinn")
    expect(page.get_by_test_id("revision").last.get_by_test_id("revision-summary")).to_contain_text("components")
    shots(page, "history")


def test_canvas_stays_drawn_behind_the_share_and_export_dialogs(page: Any, shots: Any) -> None:
    sign_up(page, "rita")
    new_diagram(page, "Behind", "thumbnails")
    wait_saved(page)
    for opener, dialog in (("open-share", "share-dialog"), ("open-export", "export-dialog")):
        page.get_by_test_id(opener).click()
        expect(page.get_by_test_id(dialog)).to_be_visible()
        page.wait_for_timeout(300)
        expect(node(page, "thumbnailer")).to_be_visible()
        assert page.locator(".react-flow__node").count() >= 4
        shots(page, dialog)
        page.keyboard.press("Escape")
        expect(page.get_by_test_id(dialog)).to_have_count(0)

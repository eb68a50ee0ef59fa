"""Keyboard only (issue 16): a person without a mouse creates a diagram, adds three components
from the palette, moves them apart, connects them (API → Lambda → DynamoDB) from the property
panel, edits a prop, reads the findings and comments, every control reached with Tab and
shown with a visible focus ring; additions and connections are announced (live region)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_editor import api_diagram, sign_up, wait_saved

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page: Any, selector: str, limit: int = 120, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focus is on `selector`; fail if it never gets there."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            assert_visible_focus(page)
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def assert_visible_focus(page: Any) -> None:
    """The focused control shows a ring (outline or box-shadow), not only the browser's default."""
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""
    )
    assert ring, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def add_from_palette(page: Any, query: str, type_key: str, moves: list[str]) -> str:
    tab_to(page, "[data-testid=palette-search]")
    page.keyboard.press("Control+A")
    page.keyboard.type(query)
    tab_to(page, f"[data-testid='palette-item-{type_key}']")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("toast")).to_contain_text("Added")
    props = page.get_by_test_id("node-props")
    expect(props).to_be_visible()
    node_id = props.get_attribute("data-node-id")
    for key in moves:  # the focus is still on the palette item: arrows move the selection
        page.keyboard.press(key)
    return node_id


def connect_to(page: Any, target_id: str) -> None:
    tab_to(page, "[data-testid=connect-target]")
    for _ in range(10):
        if page.get_by_test_id("connect-target").input_value() == target_id:
            break
        page.keyboard.press("ArrowDown")
    assert page.get_by_test_id("connect-target").input_value() == target_id
    tab_to(page, "[data-testid=connect-submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("toast")).to_contain_text("Connected")


def test_build_a_diagram_with_the_keyboard_alone(page: Any, shots: Any) -> None:
    sign_up(page, "keys")
    tab_to(page, "[data-testid=new-diagram]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("new-diagram-dialog")).to_be_visible()
    tab_to(page, "[data-testid=create-diagram]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    diagram_id = int(page.url.rstrip("/").split("/")[-1])

    table = add_from_palette(page, "dynamo", "dynamodb.table", ["Shift+ArrowRight"] * 2 + ["Shift+ArrowDown"])
    fn = add_from_palette(page, "lambda", "lambda.function", [])
    api = add_from_palette(page, "api gateway", "apigateway.api", ["Shift+ArrowLeft"] * 2 + ["Shift+ArrowUp"])
    shots(page, "three-added")
    boxes = {i: page.locator(f".react-flow__node[data-id='{i}']").bounding_box() for i in (table, fn, api)}
    assert (
        boxes[api]["x"] + boxes[api]["width"] < boxes[fn]["x"] < boxes[fn]["x"] + boxes[fn]["width"] < boxes[table]["x"]
    ), boxes

    # The API is selected (the last added): connect it to the function.
    connect_to(page, fn)
    # Select the function on the canvas with the keyboard (nodes are in the tab order), then connect it on.
    tab_to(page, f".react-flow__node[data-id='{fn}']", back=True)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("node-props")).to_have_attribute("data-node-id", fn)
    connect_to(page, table)
    expect(page.locator(".react-flow__edge")).to_have_count(2)

    # A prop, typed: the memory of the function.
    tab_to(page, "[data-testid=prop-memory_mb]")
    page.keyboard.press("Control+A")
    page.keyboard.type("2048")
    wait_saved(page)
    shots(page, "connected-and-edited")
    doc = api_diagram(page, diagram_id)["document"]
    assert {(e["source"], e["target"]) for e in doc["edges"]} == {(api, fn), (fn, table)}
    assert next(n for n in doc["nodes"] if n["id"] == fn)["props"]["memory_mb"] == 2048

    # Findings, read with the keyboard: the tab, then a finding's explanation.
    tab_to(page, "[data-testid=tab-findings]", back=True)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("findings-panel")).to_be_visible()
    # The counts are in a live region (role=status), in words.
    expect(page.get_by_test_id("findings-live")).to_have_attribute("role", "status")
    expect(page.get_by_test_id("findings-live")).to_contain_text(re.compile(r"\d+ (error|warning|note)|No findings"))
    if page.get_by_test_id("finding").count():
        tab_to(page, "[data-testid=explain-rule]")
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("rule-explanation")).to_be_visible()

    # A comment, written and sent from the keyboard.
    tab_to(page, "[data-testid=tab-comments]", back=True)
    page.keyboard.press("Enter")
    tab_to(page, "[data-testid=comment-body]")
    page.keyboard.type("Keyboard only: check the table's capacity.")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_test_id("comment-text")).to_have_text("Keyboard only: check the table's capacity.")
    shots(page, "commented")

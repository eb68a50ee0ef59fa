"""A small starter opens whole: the 11-component VPC starter, which fits the canvas at about 60 %,
is fitted instead of opening at the readable 75 % cut off on the right (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def test_small_starter_opens_whole(page: Any, shots: Any) -> None:
    sign_up(page, "fitter")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-vpc-lambda").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    nodes = page.locator(".react-flow__node")
    expect(nodes).to_have_count(11)
    shots(page, "starter-opened")
    pane = page.locator(".react-flow").bounding_box()
    boxes = nodes.evaluate_all(
        """ns => ns.map(n => {
          const r = n.getBoundingClientRect();
          return [n.dataset.id, r.left, r.top, r.right, r.bottom];
        })"""
    )
    outside = [
        b[0]
        for b in boxes
        if b[1] < pane["x"] - 1
        or b[2] < pane["y"] - 1
        or b[3] > pane["x"] + pane["width"] + 1
        or b[4] > pane["y"] + pane["height"] + 1
    ]
    assert outside == [], outside
    zoom = page.locator(".react-flow__viewport").evaluate("v => new DOMMatrix(getComputedStyle(v).transform).a")
    assert 0.5 <= zoom < 0.75, zoom

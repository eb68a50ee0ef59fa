"""Placement while dragging, in real Chromium: the containers a dragged type may go into light
up, the one under the pointer says yes or no, and a drop where the type does not belong is
marked at once and then carries the server's own finding (the catalog's `parents` decide both)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .test_editor import node, sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def open_starter(page: Any, starter: str) -> None:
    page.set_viewport_size({"width": 1500, "height": 900})
    sign_up(page, "ada")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id(f"starter-{starter}").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")


def centre(locator: Any, fx: float = 0.5, fy: float = 0.5) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box
    return box["x"] + box["width"] * fx, box["y"] + box["height"] * fy


def outline_colour(page: Any, node_id: str) -> str:
    return page.evaluate(
        "id => getComputedStyle(document.querySelector("
        "`.react-flow__node[data-id='${id}'] > .aws-container`)).outlineColor",
        node_id,
    )


def finding_on(page: Any, node_id: str, rule: str) -> Any:
    badge = node(page, node_id).get_by_test_id("finding-badge")
    expect(badge).to_have_attribute("data-rules", re.compile(rf"\b{rule}\b"))
    return badge


GREEN = "rgb(29, 129, 2)"  # --ok
RED = "rgb(209, 50, 18)"  # --error


def test_dragging_from_the_palette_lights_up_where_the_type_may_go(page: Any, shots: Any) -> None:
    open_starter(page, "vpc-lambda")
    styles = page.get_by_test_id("placement-styles")

    # A NAT gateway: only the public subnet may hold it. Over the private data subnet: red.
    page.get_by_test_id("palette-item-aws.nat_gateway").hover()
    page.mouse.down()
    x, y = centre(node(page, "data-a"), 0.5, 0.75)
    page.mouse.move(x, y, steps=8)
    expect(styles).to_have_attribute("data-dragging", "aws.nat_gateway")
    expect(styles).to_have_attribute("data-allowed", "public-a")
    expect(styles).to_have_attribute("data-target", "data-a")
    expect(styles).to_have_attribute("data-target-allowed", "false")
    assert outline_colour(page, "data-a") == RED
    assert outline_colour(page, "public-a") == GREEN
    shots(page, "nat-over-private-subnet")
    # Every mark the sheet makes, as it makes it (the server's answer follows within milliseconds).
    page.evaluate(
        """() => { window.__flagged = []; const s = document.querySelector('[data-testid=placement-styles]');
        new MutationObserver(() => window.__flagged.push(s.dataset.flagged)).observe(s, {attributes: true}); }"""
    )
    page.mouse.up()

    # Dropped there anyway: marked at once, then the server's COMPONENT_PLACEMENT finding.
    nat = page.get_by_test_id("node-props").get_attribute("data-node-id")
    assert nat and nat != "nat"
    expect(styles).to_have_attribute("data-dragging", "")
    badge = finding_on(page, nat, "COMPONENT_PLACEMENT")
    expect(badge).to_have_attribute("data-severity", "error")
    message = (
        f"NAT gateway ({nat}) is in Private data subnet A (data-a), whose visibility is private; "
        "AWS places it in a public subnet"
    )
    expect(badge).to_have_attribute("title", re.compile(re.escape(f"ERROR COMPONENT_PLACEMENT: {message}")))
    expect(styles).to_have_attribute("data-flagged", "")  # the server's finding replaced the mark
    assert nat in page.evaluate("window.__flagged"), "the drop was not marked at once"
    shots(page, "nat-dropped-in-private-subnet")

    # An RDS database over the bare canvas (it needs a subnet): the canvas edge goes red.
    page.get_by_test_id("palette-item-rds.database").hover()
    page.mouse.down()
    x, y = centre(page.locator(".react-flow__pane"), 0.5, 0.97)
    page.mouse.move(x, y, steps=8)
    expect(styles).to_have_attribute("data-dragging", "rds.database")
    expect(styles).to_have_attribute("data-allowed", "public-a app-a data-a")
    expect(styles).to_have_attribute("data-target", "")
    expect(styles).to_have_attribute("data-target-allowed", "false")
    shots(page, "rds-over-bare-canvas")
    page.mouse.up()
    rds = page.get_by_test_id("node-props").get_attribute("data-node-id")
    assert rds and rds != "db"
    badge = finding_on(page, rds, "VPC_ONLY_RESOURCE")
    message = f"RDS / Aurora database ({rds}) is not inside a subnet"
    expect(badge).to_have_attribute("title", re.compile(re.escape(f"ERROR VPC_ONLY_RESOURCE: {message}")))


def test_moving_a_node_on_the_canvas_lights_up_its_places_and_a_good_drop_clears_the_finding(
    page: Any, shots: Any
) -> None:
    open_starter(page, "vpc-lambda")
    styles = page.get_by_test_id("placement-styles")

    # The NAT gateway dragged into the private app subnet: marked at once, then the finding.
    nat = node(page, "nat")
    page.mouse.move(*centre(nat))
    page.mouse.down()
    page.mouse.move(*centre(node(page, "app-a"), 0.8, 0.85), steps=10)  # clear of the function there
    expect(styles).to_have_attribute("data-dragging", "aws.nat_gateway")
    expect(styles).to_have_attribute("data-target", "app-a")
    expect(styles).to_have_attribute("data-target-allowed", "false")
    shots(page, "nat-dragged-over-app-subnet")
    page.mouse.up()
    finding_on(page, "nat", "COMPONENT_PLACEMENT")

    # Back into the public subnet: green while over it, and the finding goes.
    page.mouse.move(*centre(nat, 0.8, 0.8))
    page.mouse.down()
    page.mouse.move(*centre(node(page, "public-a"), 0.5, 0.6), steps=10)
    expect(styles).to_have_attribute("data-target", "public-a")
    expect(styles).to_have_attribute("data-target-allowed", "true")
    assert outline_colour(page, "public-a") == GREEN
    shots(page, "nat-dragged-over-public-subnet")
    page.mouse.up()
    expect(nat.locator("[data-testid=finding-badge][data-rules*=COMPONENT_PLACEMENT]")).to_have_count(0)
    expect(styles).to_have_attribute("data-flagged", "")

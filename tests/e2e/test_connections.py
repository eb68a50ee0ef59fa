"""What a connection stands for in AWS, in real Chromium: while connecting two nodes the line
says the feature ("S3 bucket → Lambda function: event notification"), a selected edge says it in
the property panel, and a VPC endpoint's `service` decides which targets it may reach, as the
server's CONNECTION_UNSUPPORTED does."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from .test_editor import node, sign_up, wait_saved

pytestmark = pytest.mark.django_db(transaction=True)


def drag_connection(page: Any, source: Any, target: Any, side: str = "r") -> None:
    source.hover()
    hb = source.locator(f".react-flow__handle[data-handleid='{side}']").bounding_box()
    tb = target.bounding_box()
    assert hb and tb
    page.mouse.move(hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2)
    page.mouse.down()
    page.mouse.move(tb["x"] + tb["width"] / 2, tb["y"] + tb["height"] / 2, steps=12)


def test_connecting_shows_the_aws_feature_on_the_line_and_in_the_panel(page: Any, shots: Any) -> None:
    page.set_viewport_size({"width": 1500, "height": 900})
    sign_up(page, "ada")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-thumbnails").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")

    # The thumbnails bucket notifying the function: the line names the feature before the drop.
    drag_connection(page, node(page, "thumbnails"), node(page, "thumbnailer"), "t")
    line = page.get_by_test_id("connection-line")
    expect(line).to_have_attribute("data-state", "ok")
    expect(line.locator(".connection-hint")).to_have_text("S3 bucket → Lambda function: event notification")
    shots(page, "connecting-s3-to-lambda")
    page.mouse.up()
    expect(page.get_by_test_id("edge-label")).to_have_count(3)

    # The existing upload edge, selected: the panel says what it stands for, the label's tooltip too.
    label = page.locator("[data-testid=edge-label][data-edge-id=e-upload]")
    expect(label).to_have_attribute("data-feature", "S3 bucket → Lambda function: event notification")
    label.click()
    expect(page.get_by_test_id("edge-feature")).to_contain_text("S3 bucket → Lambda function: event notification")
    shots(page, "edge-selected-feature")
    wait_saved(page)


def endpoint_document() -> dict[str, Any]:
    return {
        "schema": 1,
        "name": "Endpoint",
        "region": "us-east-1",
        "nodes": [
            {"id": "region", "type": "aws.region", "label": "N. Virginia", "parent": None,
             "position": {"x": 40, "y": 40}, "size": {"w": 900, "h": 420}, "props": {}},
            {"id": "vpc", "type": "aws.vpc", "label": "VPC", "parent": "region",
             "position": {"x": 40, "y": 60}, "size": {"w": 420, "h": 320}, "props": {}},
            {"id": "ep", "type": "aws.vpc_endpoint", "label": "Endpoint", "parent": "vpc",
             "position": {"x": 150, "y": 120}, "props": {"service": "s3"}},
            {"id": "bucket", "type": "s3.bucket", "label": "Bucket", "parent": "region",
             "position": {"x": 620, "y": 180}, "props": {}},
            {"id": "table", "type": "dynamodb.table", "label": "Table", "parent": "region",
             "position": {"x": 620, "y": 320}, "props": {}},
        ],
        "edges": [],
    }  # fmt: skip


def test_a_vpc_endpoints_service_decides_what_it_may_reach(page: Any, shots: Any) -> None:
    page.set_viewport_size({"width": 1500, "height": 900})
    sign_up(page, "ada")
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    res = page.request.post(
        "/api/diagrams/",
        data=json.dumps({"document": endpoint_document()}),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
    )
    assert res.ok, res.text()
    page.goto(f"/diagrams/{res.json()['id']}/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    ep = node(page, "ep")

    # service s3: the table is refused on the line (before the drop), the bucket is its feature.
    drag_connection(page, ep, node(page, "table"))
    line = page.get_by_test_id("connection-line")
    expect(line).to_have_attribute("data-state", "bad")
    expect(line.locator(".connection-hint")).to_contain_text("with service s3 cannot reach DynamoDB table")
    shots(page, "endpoint-s3-to-table-refused")
    page.mouse.move(10, 10)  # away from every node: no edge
    page.mouse.up()
    drag_connection(page, ep, node(page, "bucket"))
    expect(line).to_have_attribute("data-state", "ok")
    expect(line.locator(".connection-hint")).to_have_text(re.compile(r"^VPC endpoint → S3 bucket: "))
    page.mouse.up()
    edge = page.get_by_test_id("edge-label")
    expect(edge).to_have_count(1)
    expect(edge).not_to_have_class(re.compile(r"\bunsupported\b"))

    # Set the endpoint to SQS: the edge is flagged at once in the editor, and by the server.
    ep.click()
    page.get_by_test_id("prop-service").select_option("sqs")
    expect(edge).to_have_class(re.compile(r"\bunsupported\b"))
    expect(edge.get_by_test_id("finding-badge")).to_have_attribute("data-rules", re.compile("CONNECTION_UNSUPPORTED"))
    shots(page, "endpoint-sqs-edge-flagged")
    wait_saved(page)

"""The editor as a person uses it, in real Chromium: sign up, start from a template, drag a
Lambda into a subnet, connect it, break and fix an AWS limit, reload, undo/redo, export PNG."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and good password 42"


def sign_up(page: Any, username: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    expect(page.get_by_test_id("new-diagram")).to_be_visible()


def node(page: Any, node_id: str) -> Any:
    return page.locator(f".react-flow__node[data-id='{node_id}']")


def node_by_label(page: Any, label: str) -> Any:
    return page.locator(".react-flow__node", has=page.get_by_test_id("node-label").get_by_text(label, exact=True))


def wait_saved(page: Any) -> None:
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "saved", timeout=10_000)


def api_diagram(page: Any, diagram_id: int) -> dict[str, Any]:
    res = page.request.get(f"/api/diagrams/{diagram_id}/")
    assert res.ok, res.status
    return res.json()


def test_design_check_save_and_export(page: Any, shots: Any) -> None:
    # Wide enough for the whole starter at a readable zoom (fit view never goes below it).
    page.set_viewport_size({"width": 1500, "height": 900})
    sign_up(page, "ada")
    shots(page, "list-empty")

    # Start from the VPC Lambda template.
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-vpc-lambda").click()
    page.get_by_test_id("new-diagram-name").fill("주문 시스템 (orders)")
    shots(page, "new-diagram-dialog")
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    diagram_id = int(page.url.rstrip("/").split("/")[-1])
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(node(page, "fn")).to_be_visible()
    expect(page.get_by_test_id("diagram-name")).to_have_value("주문 시스템 (orders)")
    shots(page, "editor-template")

    # Drag a Lambda function from the palette into the free corner of the private data subnet.
    subnet = node(page, "data-a")
    box = subnet.bounding_box()
    assert box
    page.get_by_test_id("palette-item-lambda.function").drag_to(
        subnet, target_position={"x": box["width"] * 0.72, "y": box["height"] * 0.74}, force=True
    )
    expect(page.get_by_test_id("node-props")).to_be_visible()
    new_id = page.get_by_test_id("node-props").get_attribute("data-node-id")
    assert new_id and new_id != "fn"
    new_fn = node(page, new_id)
    expect(new_fn).to_be_visible()
    shots(page, "lambda-dropped-in-subnet")

    # Add a DynamoDB table outside the VPC (in the region's free left column, under the API)
    # and connect the new function to it.
    region = node(page, "region")
    rbox = region.bounding_box()
    assert rbox
    page.get_by_test_id("palette-item-dynamodb.table").drag_to(
        region, target_position={"x": rbox["width"] * 0.09, "y": rbox["height"] * 0.8}, force=True
    )
    table_id = page.get_by_test_id("node-props").get_attribute("data-node-id")
    assert table_id and table_id != new_id
    table = node(page, table_id)
    expect(table).to_be_visible()

    new_fn.hover()
    handle = new_fn.locator(".react-flow__handle[data-handleid='l']")
    hb = handle.bounding_box()
    tb = table.bounding_box()
    assert hb and tb
    page.mouse.move(hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2)
    page.mouse.down()
    page.mouse.move(tb["x"] + tb["width"] / 2, tb["y"] + tb["height"] / 2, steps=12)
    expect(page.get_by_test_id("connection-line")).to_have_attribute("data-state", "ok")
    shots(page, "connecting")
    page.mouse.up()
    expect(page.get_by_test_id("edge-label")).to_have_count(6)

    # Break an AWS limit: memory 20,000 MB. The property panel says so at once, and the live
    # validation puts a LAMBDA_MEMORY_RANGE badge on the node.
    new_fn.click()
    memory = page.get_by_test_id("prop-memory_mb")
    memory.fill("20000")
    # The inline message is the catalog's limit, the words and severity the server's finding has.
    message = page.get_by_test_id("prop-msg-memory_mb")
    expect(message).to_contain_text("Lambda allows a whole number of MB from 128 to 10240.")
    expect(message).to_have_class(re.compile(r"\berror\b"))
    badge = new_fn.get_by_test_id("finding-badge")
    expect(badge).to_have_attribute("data-rules", re.compile("LAMBDA_MEMORY_RANGE"))
    expect(badge).to_have_attribute("data-severity", "error")
    page.get_by_test_id("tab-findings").click()
    finding = page.locator("[data-testid=finding][data-rule=LAMBDA_MEMORY_RANGE]")
    expect(finding).to_be_visible()
    finding.get_by_test_id("explain-rule").click()
    expect(finding.get_by_test_id("rule-explanation")).to_be_visible()
    shots(page, "memory-20000-finding")

    # Fix it: the finding goes away.
    page.get_by_test_id("tab-properties").click()
    page.get_by_test_id("prop-memory_mb").fill("2048")
    expect(page.locator("[data-testid=finding-badge][data-rules*=LAMBDA_MEMORY_RANGE]")).to_have_count(0)
    shots(page, "memory-fixed")

    # A limit the server reports as a warning (a zip over 50 MB uploads through S3) is a
    # warning in the panel too, never an error.
    page.get_by_test_id("prop-package_zipped_mb").fill("60")
    zipped = page.get_by_test_id("prop-msg-package_zipped_mb")
    expect(zipped).to_contain_text("A zip package uploaded directly is limited to 50 MB.")
    expect(zipped).to_have_class(re.compile(r"\bwarning\b"))
    page.get_by_test_id("tab-findings").click()
    expect(page.locator("[data-testid=finding][data-rule=LAMBDA_PACKAGE_ZIPPED]")).to_have_attribute(
        "data-severity", "warning"
    )
    shots(page, "zip-60-warning")
    page.get_by_test_id("tab-properties").click()
    page.get_by_test_id("prop-package_zipped_mb").fill("1")
    expect(zipped).to_have_count(0)

    # Rename it in place (double-click), then wait for the autosave.
    new_fn.dblclick()
    page.get_by_test_id("label-editor").fill("썸네일 worker")
    page.keyboard.press("Enter")
    expect(new_fn.get_by_test_id("node-label")).to_have_text("썸네일 worker")
    wait_saved(page)

    saved = api_diagram(page, diagram_id)["document"]
    by_id = {n["id"]: n for n in saved["nodes"]}
    assert by_id[new_id]["parent"] == "data-a"
    assert by_id[new_id]["props"]["memory_mb"] == 2048
    assert by_id[new_id]["label"] == "썸네일 worker"
    assert by_id[table_id]["parent"] == "region"
    assert any(e["source"] == new_id and e["target"] == table_id for e in saved["edges"])

    # Reload: everything is still there.
    page.reload()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(node(page, new_id).get_by_test_id("node-label")).to_have_text("썸네일 worker")
    expect(page.get_by_test_id("edge-label")).to_have_count(6)
    shots(page, "after-reload")

    # Undo / redo (keyboard and buttons) on a label change.
    node(page, new_id).click()
    label_input = page.get_by_test_id("prop-label")
    label_input.fill("Renamed")
    expect(node(page, new_id).get_by_test_id("node-label")).to_have_text("Renamed")
    page.locator(".react-flow__pane").click(position={"x": 40, "y": 600})
    page.keyboard.press("Control+z")
    expect(node(page, new_id).get_by_test_id("node-label")).to_have_text("썸네일 worker")
    page.keyboard.press("Control+Shift+z")
    expect(node(page, new_id).get_by_test_id("node-label")).to_have_text("Renamed")
    page.get_by_test_id("undo").click()
    expect(node(page, new_id).get_by_test_id("node-label")).to_have_text("썸네일 worker")
    shots(page, "after-undo")
    wait_saved(page)

    # Export PNG through the render API: a real PNG file downloads.
    page.get_by_test_id("open-export").click()
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_test_id("export-png").click()
    expect(page.get_by_test_id("export-status")).to_have_attribute("data-status", "done", timeout=60_000)
    shots(page, "exported")
    path = download_info.value.path()
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    assert len(data) > 1000
    (shots.dir / "export.png").write_bytes(data)


def connect(page: Any, source: Any, target: Any, handle: str = "r") -> str:
    """Drag from a handle of `source` onto `target`; return the connection line's last state."""
    source.hover()
    hb = source.locator(f".react-flow__handle[data-handleid='{handle}']").bounding_box()
    tb = target.bounding_box()
    assert hb and tb
    page.mouse.move(hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2)
    page.mouse.down()
    page.mouse.move(tb["x"] + tb["width"] / 2, tb["y"] + tb["height"] / 2, steps=12)
    state = page.get_by_test_id("connection-line").get_attribute("data-state")
    page.mouse.up()
    return state or ""


def test_unsupported_connections_layout_and_conflicts(page: Any, shots: Any) -> None:
    sign_up(page, "grace")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("new-diagram-name").fill("Scratch")
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    diagram_id = int(page.url.rstrip("/").split("/")[-1])
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")

    # The palette works from the keyboard: focus an item, press Enter.
    page.get_by_test_id("palette-search").fill("dynamo")
    expect(page.get_by_test_id("palette-item-s3.bucket")).to_have_count(0)
    page.get_by_test_id("palette-item-dynamodb.table").focus()
    page.keyboard.press("Enter")
    table_id = page.get_by_test_id("node-props").get_attribute("data-node-id")
    page.get_by_test_id("palette-search").fill("")
    canvas = page.locator(".react-flow__pane")
    page.get_by_test_id("palette-item-s3.bucket").drag_to(canvas, target_position={"x": 560, "y": 200}, force=True)
    bucket_id = page.get_by_test_id("node-props").get_attribute("data-node-id")
    table, bucket = node(page, table_id), node(page, bucket_id)

    # S3 -> DynamoDB is not a connection AWS has: drawn red while dragging, then flagged.
    assert connect(page, bucket, table, "t") == "bad"
    label = page.get_by_test_id("edge-label")
    expect(label).to_have_count(1)
    expect(label).to_have_class(re.compile("unsupported"))
    expect(label.get_by_test_id("finding-badge")).to_have_attribute("data-rules", re.compile("CONNECTION_UNSUPPORTED"))
    label.click()
    expect(page.get_by_test_id("edge-props")).to_contain_text("Not supported by AWS")
    shots(page, "unsupported-connection")

    # Strict mode refuses it instead.
    page.get_by_test_id("strict-toggle").check()
    connect(page, bucket, table, "b")
    expect(page.get_by_test_id("edge-label")).to_have_count(1)
    page.get_by_test_id("strict-toggle").uncheck()

    # Help lists the shortcuts; auto layout arranges.
    page.locator(".react-flow__pane").click(position={"x": 20, "y": 500})
    page.keyboard.press("?")
    expect(page.get_by_test_id("help-dialog")).to_be_visible()
    shots(page, "help")
    page.keyboard.press("Escape")
    page.get_by_test_id("auto-layout").click()
    page.wait_for_timeout(600)
    shots(page, "auto-layout")
    wait_saved(page)

    # Nesting by dragging: a VPC dropped on the canvas; the table dragged into it is re-parented
    # (position relative to the VPC), dragged out again it is un-parented. Resizing is saved.
    page.get_by_test_id("palette-item-aws.vpc").drag_to(canvas, target_position={"x": 420, "y": 560}, force=True)
    vpc_id = page.get_by_test_id("node-props").get_attribute("data-node-id")
    vpc = node(page, vpc_id)
    page.get_by_test_id("open-help").focus()  # out of the canvas
    page.locator(".react-flow__controls-fitview").click()
    page.wait_for_timeout(400)

    def drag_node(n: Any, dx: float, dy: float, grab_x: float | None = None) -> None:
        b = n.bounding_box()
        assert b
        x = b["x"] + (grab_x if grab_x is not None else b["width"] / 2)
        page.mouse.move(x, b["y"] + 14)
        page.mouse.down()
        page.mouse.move(x + dx, b["y"] + 14 + dy, steps=10)
        page.mouse.up()

    vb, tb = vpc.bounding_box(), table.bounding_box()
    assert vb and tb
    drag_node(
        table,
        vb["x"] + vb["width"] / 2 - (tb["x"] + tb["width"] / 2),
        vb["y"] + vb["height"] / 2 - (tb["y"] + tb["height"] / 2),
    )
    wait_saved(page)
    doc_nodes = {n["id"]: n for n in api_diagram(page, diagram_id)["document"]["nodes"]}
    assert doc_nodes[table_id]["parent"] == vpc_id
    assert 0 < doc_nodes[table_id]["position"]["x"] < doc_nodes[vpc_id]["size"]["w"]
    shots(page, "nested-in-vpc")
    # Moving the VPC moves the table with it (its relative position is unchanged).
    before = dict(doc_nodes[table_id]["position"])
    drag_node(vpc, -40, 0, grab_x=60)
    wait_saved(page)
    doc_nodes = {n["id"]: n for n in api_diagram(page, diagram_id)["document"]["nodes"]}
    assert doc_nodes[table_id]["position"] == before
    # Resize from the selected VPC's bottom-right corner (the minimap off: it covers that corner).
    page.get_by_test_id("toggle-minimap").uncheck()
    vb = vpc.bounding_box()
    assert vb
    page.mouse.click(vb["x"] + 60, vb["y"] + 14)
    corner = vpc.locator(".react-flow__resize-control.handle.bottom.right")
    cb = corner.bounding_box()
    assert cb
    page.mouse.move(cb["x"] + cb["width"] / 2, cb["y"] + cb["height"] / 2)
    page.mouse.down()
    page.mouse.move(cb["x"] + 80, cb["y"] + 60, steps=8)
    page.mouse.up()
    wait_saved(page)
    doc_nodes = {n["id"]: n for n in api_diagram(page, diagram_id)["document"]["nodes"]}
    assert doc_nodes[vpc_id]["size"]["w"] > 700
    # Out again onto the bare canvas.
    tb = table.bounding_box()
    vb = vpc.bounding_box()
    assert tb and vb
    drag_node(table, 0, vb["y"] + vb["height"] + 60 - tb["y"])
    wait_saved(page)
    doc_nodes = {n["id"]: n for n in api_diagram(page, diagram_id)["document"]["nodes"]}
    assert doc_nodes[table_id]["parent"] is None
    shots(page, "out-of-vpc")

    # Someone else saves a newer revision; our next save is refused (409) and nothing is lost.
    # (Chromium logs the refused PUT as a console error: that one is expected.)
    page.expected_errors.append(r"status of 409 \(Conflict\)")
    current = api_diagram(page, diagram_id)
    theirs = dict(current["document"], name="Theirs")
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    res = page.request.put(
        f"/api/diagrams/{diagram_id}/",
        data=json.dumps({"revision": current["revision"], "document": theirs}),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
    )
    assert res.ok, res.text()
    table.click()
    page.get_by_test_id("prop-label").fill("Mine")
    expect(page.get_by_test_id("conflict-dialog")).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id("save-status")).to_have_attribute("data-status", "conflict")
    shots(page, "conflict")
    page.get_by_test_id("conflict-keep-mine").click()
    page.wait_for_url(re.compile(rf".*/diagrams/(?!{diagram_id}/)\d+/$"))
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(node(page, table_id).get_by_test_id("node-label")).to_have_text("Mine")
    expect(page.get_by_test_id("diagram-name")).to_have_value("Scratch (my copy)")
    assert api_diagram(page, diagram_id)["document"]["name"] == "Theirs"
    shots(page, "kept-mine-as-copy")

    page.goto("/")
    expect(page.get_by_test_id("diagram-row")).to_have_count(2)
    shots(page, "list")

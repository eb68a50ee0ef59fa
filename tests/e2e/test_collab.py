"""Live collaboration in real Chromium on a real Daphne (docs/collab.md, "The editor side"): the
owner and an editor member build one diagram at the same time (add, move, set a prop, rename,
connect, delete, undo) and end with the same document, which is the revision the server writes;
each sees the other's avatar, pointer and selection; an editor that goes offline keeps its
edits and sends them when it is back; a review link holder watches live and cannot edit."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import new_page
from .test_editor import connect, node, sign_up
from .test_review import create_link, start_diagram

pytestmark = pytest.mark.django_db(transaction=True)

CANVAS_STATE = """() => ({
  nodes: [...document.querySelectorAll('.react-flow__node')]
    .map((n) => [n.dataset.id, n.querySelector('[data-testid=node-label]')?.textContent ?? '', n.style.transform])
    .sort(),
  edges: [...document.querySelectorAll('.react-flow__edge')].map((e) => e.dataset.id).sort(),
})"""


def canvas(page: Any) -> dict[str, Any]:
    return page.evaluate(CANVAS_STATE)


def api_doc(page: Any, diagram_id: int) -> dict[str, Any]:
    res = page.request.get(f"/api/diagrams/{diagram_id}/")
    assert res.ok, res.status
    return res.json()["document"]


def same_canvas(a: Any, b: Any, timeout_ms: int = 10_000) -> dict[str, Any]:
    """Wait until both pages draw the same nodes (ids, labels, places) and edges."""
    for _ in range(timeout_ms // 100):
        sa, sb = canvas(a), canvas(b)
        if sa == sb:
            return sa
        a.wait_for_timeout(100)
    assert canvas(a) == canvas(b)
    return canvas(a)


def settled(owner: Any, diagram_id: int, state: dict[str, Any], timeout_ms: int = 15_000) -> dict[str, Any]:
    """Wait until the revision the server wrote has the nodes, labels and edges the canvas shows."""
    want_nodes = sorted([n[0], n[1]] for n in state["nodes"])
    for _ in range(timeout_ms // 250):
        doc = api_doc(owner, diagram_id)
        got = sorted([n["id"], n.get("label", "")] for n in doc["nodes"])
        if got == want_nodes and sorted(e["id"] for e in doc["edges"]) == state["edges"]:
            return doc
        owner.wait_for_timeout(250)
    raise AssertionError(f"the saved revision never matched the canvas: {got} != {want_nodes}")


def add_member(owner: Any, username: str, role: str, shots: Any = None) -> None:
    """In the Share dialog's People section."""
    owner.get_by_test_id("open-share").click()
    dialog = owner.get_by_test_id("share-dialog")
    expect(dialog.get_by_test_id("members")).to_be_visible()
    dialog.get_by_test_id("member-username").fill(username)
    dialog.get_by_test_id("member-role").select_option(role)
    dialog.get_by_test_id("member-add").click()
    row = dialog.locator(f"[data-testid=member-row][data-username='{username}']")
    expect(row.get_by_test_id("member-row-role")).to_have_value(role)
    if shots:
        shots(owner, "members")
    owner.keyboard.press("Escape")
    expect(dialog).to_have_count(0)


def open_editor(page: Any, diagram_id: int) -> None:
    page.goto(f"/diagrams/{diagram_id}/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(node(page, "fn")).to_be_visible()
    expect(page.get_by_test_id("presence")).to_be_visible()


def drag_node(page: Any, n: Any, dx: float, dy: float) -> None:
    b = n.bounding_box()
    assert b
    x = b["x"] + b["width"] / 2
    page.mouse.move(x, b["y"] + 14)
    page.mouse.down()
    page.mouse.move(x + dx, b["y"] + 14 + dy, steps=10)
    page.mouse.up()


def select(page: Any, node_id: str) -> None:
    """Click a node until the property panel shows it (someone else's edit may move it under the click)."""
    props = page.locator(f"[data-testid=node-props][data-node-id='{node_id}']")
    for _ in range(5):
        node(page, node_id).click()
        try:
            expect(props).to_be_visible(timeout=1000)
            return
        except AssertionError:
            continue
    expect(props).to_be_visible()


def rename(page: Any, node_id: str, label: str) -> None:
    select(page, node_id)
    page.get_by_test_id("prop-label").fill(label)
    page.get_by_test_id("prop-label").press("Tab")


def test_two_editors_build_one_diagram_live(chromium: Any, asgi_server: Any, shots: Any) -> None:
    ada = new_page(chromium, asgi_server.url)
    sign_up(ada, "ada")
    diagram_id = start_diagram(ada, "Built together")
    expect(ada.get_by_test_id("presence")).to_be_visible()
    grace = new_page(chromium, asgi_server.url)
    sign_up(grace, "grace")
    # An unknown username is refused in the dialog (the server's 400 is expected in the console).
    ada.expected_errors.append(r"status of 400 \(Bad Request\)")
    ada.get_by_test_id("open-share").click()
    ada.get_by_test_id("member-username").fill("nobody")
    ada.get_by_test_id("member-add").click()
    expect(ada.get_by_test_id("member-error")).to_contain_text("nobody")
    expect(ada.get_by_test_id("members-none")).to_be_visible()
    ada.keyboard.press("Escape")
    add_member(ada, "grace", "editor", shots)
    open_editor(grace, diagram_id)

    # Both are there: each sees their own avatar and the other's.
    expect(ada.get_by_test_id("avatar")).to_have_attribute("data-name", "grace")
    expect(grace.get_by_test_id("avatar")).to_have_attribute("data-name", "ada")
    expect(grace.get_by_test_id("avatar-me")).to_have_text("GR")
    start = canvas(ada)
    api_before = node(ada, "api").bounding_box()

    # At the same time: Ada adds a Lambda to the data subnet and moves the API; Grace renames
    # the database, sets the function's memory and deletes the cache.
    subnet = node(ada, "data-a")
    box = subnet.bounding_box()
    assert box
    ada.get_by_test_id("palette-item-lambda.function").drag_to(
        subnet, target_position={"x": box["width"] * 0.72, "y": box["height"] * 0.74}, force=True
    )
    new_id = ada.get_by_test_id("node-props").get_attribute("data-node-id")
    assert new_id and new_id not in [n[0] for n in start["nodes"]]
    rename(grace, "db", "Orders DB")
    select(grace, "fn")
    grace.get_by_test_id("prop-memory_mb").fill("2048")
    grace.get_by_test_id("prop-memory_mb").press("Tab")
    ada.wait_for_timeout(400)  # one undo step per gesture (UNDO_CAPTURE_MS)
    drag_node(ada, node(ada, "api"), 0, 90)
    node(grace, "cache").click()
    grace.keyboard.press("Delete")
    expect(node(grace, "cache")).to_have_count(0)
    expect(node(ada, "cache")).to_have_count(0)

    # Grace connects Ada's new function to the proxy.
    new_fn = node(grace, new_id)
    expect(new_fn).to_be_visible()
    connect(grace, new_fn, node(grace, "proxy"), "l")
    expect(ada.locator(".react-flow__edge")).to_have_count(len(start["edges"]) - 1 + 1)  # e-cache went, one came
    together = same_canvas(ada, grace)
    assert any(n[0] == "db" and n[1] == "Orders DB" for n in together["nodes"])

    # Presence: Ada's pointer and Grace's selection show on the other's canvas.
    node(grace, "proxy").click()
    ada.mouse.move(700, 420)
    ada.mouse.move(720, 430)
    expect(grace.get_by_test_id("peer-pointer")).to_have_count(1)
    expect(ada.locator("[data-testid=peer-selection][data-node-id=proxy]")).to_have_count(1)
    shots(ada, "ada-sees-grace")
    shots(grace, "grace-sees-ada")

    # Ada undoes her move: the API goes back; Grace's rename and memory stay.
    ada.get_by_test_id("undo").click()
    for _ in range(50):
        b = node(ada, "api").bounding_box()
        if b and api_before and abs(b["y"] - api_before["y"]) < 2:
            break
        ada.wait_for_timeout(100)
    else:
        raise AssertionError("undo did not move the API back")
    final = same_canvas(ada, grace)
    assert any(n[0] == "db" and n[1] == "Orders DB" for n in final["nodes"])
    assert new_id in [n[0] for n in final["nodes"]]

    # What the server saved (after edits settle) is that document.
    doc = settled(ada, diagram_id, final)
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert nodes["fn"]["props"]["memory_mb"] == 2048
    assert nodes[new_id]["parent"] == "data-a"
    assert "cache" not in nodes
    assert any(e["source"] == new_id and e["target"] == "proxy" for e in doc["edges"])
    expect(ada.get_by_test_id("save-status")).to_have_attribute("data-status", "saved")
    expect(grace.get_by_test_id("save-status")).to_have_attribute("data-status", "saved", timeout=10_000)

    # Grace goes offline, edits; Ada edits too; Grace comes back: nothing is lost.
    # (While offline, the live validation's request and the reconnect attempts fail: expected.)
    grace.expected_errors.append(r"ERR_INTERNET_DISCONNECTED")
    grace.context.set_offline(True)
    expect(grace.get_by_test_id("live-offline")).to_be_visible(timeout=10_000)
    rename(grace, "proxy", "Offline edit")
    expect(grace.get_by_test_id("save-status")).to_have_attribute("data-status", "dirty")
    rename(ada, "nat", "Renamed online")
    shots(grace, "grace-offline")
    grace.context.set_offline(False)
    expect(grace.get_by_test_id("live-offline")).to_have_count(0, timeout=40_000)
    back = same_canvas(ada, grace, 20_000)
    labels = {n[0]: n[1] for n in back["nodes"]}
    assert labels["proxy"] == "Offline edit" and labels["nat"] == "Renamed online"
    doc = settled(ada, diagram_id, back)
    assert {n["id"]: n.get("label") for n in doc["nodes"]}["proxy"] == "Offline edit"

    # A review link holder sees the live diagram, with the next edit, and cannot edit.
    url = create_link(ada, shots, "view")
    carol = new_page(chromium, asgi_server.url)
    sockets: list[str] = []
    carol.on("websocket", lambda ws: sockets.append(ws.url))
    carol.goto(url)
    expect(carol.get_by_test_id("review")).to_have_attribute("data-ready", "true")
    expect(carol.get_by_test_id("node-label").get_by_text("Offline edit", exact=True)).to_be_visible()
    rename(ada, "fn", "Live for reviewers")
    expect(carol.get_by_test_id("node-label").get_by_text("Live for reviewers", exact=True)).to_be_visible(
        timeout=10_000
    )
    assert any(u.endswith("/collab/") and "/ws/review/" in u for u in sockets), sockets
    expect(carol.get_by_test_id("avatar")).to_have_count(2)  # Ada and Grace
    node(carol, "fn").click()
    carol.keyboard.press("Delete")
    carol.wait_for_timeout(500)
    expect(node(carol, "fn")).to_have_count(1)
    expect(node(ada, "fn")).to_have_count(1)
    shots(carol, "reviewer-live")
    for p in (ada, grace, carol):
        p.context.close()


def test_a_viewer_member_watches_live_and_cannot_edit(chromium: Any, asgi_server: Any, shots: Any) -> None:
    ada = new_page(chromium, asgi_server.url)
    sign_up(ada, "ada")
    diagram_id = start_diagram(ada, "Watched")
    expect(ada.get_by_test_id("presence")).to_be_visible()
    grace = new_page(chromium, asgi_server.url)
    sign_up(grace, "grace")
    add_member(ada, "grace", "viewer")
    open_editor(grace, diagram_id)
    expect(grace.get_by_test_id("view-only")).to_be_visible()
    expect(ada.get_by_test_id("avatar")).to_have_attribute("data-name", "grace")

    # Her Delete does nothing, here or for Ada; Ada's rename reaches her.
    node(grace, "fn").click()
    grace.keyboard.press("Delete")
    grace.wait_for_timeout(500)
    expect(node(grace, "fn")).to_have_count(1)
    rename(ada, "db", "Watched live")
    expect(grace.get_by_test_id("node-label").get_by_text("Watched live", exact=True)).to_be_visible()
    expect(node(ada, "fn")).to_have_count(1)
    shots(grace, "viewer")
    nodes = {n["id"]: n for n in api_doc(ada, diagram_id)["nodes"]}
    assert "fn" in nodes
    for p in (ada, grace):
        p.context.close()

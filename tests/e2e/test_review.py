"""Review links as people use them, in real Chromium against Daphne (real WebSockets): the owner
shares from the Share dialog; a reviewer without an account opens the link, cannot move
anything, comments on a node; the owner sees it on that node at once and replies; the owner
revokes and the reviewer's page stops working. A view link has no comment box; a link that
follows the latest revision shows what changed since the reviewer last commented; a link that
expires stops working; a reviewer comments on a finding from the Findings panel."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import WSGI_SOCKET_REFUSED, new_page
from .test_editor import node, sign_up, wait_saved

pytestmark = pytest.mark.django_db(transaction=True)


def start_diagram(page: Any, name: str) -> int:
    """A diagram from the VPC Lambda starter; returns its id."""
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-vpc-lambda").click()
    page.get_by_test_id("new-diagram-name").fill(name)
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(node(page, "fn")).to_be_visible()
    return int(page.url.rstrip("/").split("/")[-1])


def create_link(
    page: Any, shots: Any, role: str, *, freeze: bool = False, expiry: str = "never", shot: str = ""
) -> str:
    """Create a link in the Share dialog; returns its full URL (shown only now)."""
    page.get_by_test_id("open-share").click()
    dialog = page.get_by_test_id("share-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_test_id(f"share-role-{role}").check()
    dialog.get_by_test_id("share-freeze" if freeze else "share-follow").check()
    dialog.get_by_test_id("share-expiry").select_option(expiry)
    dialog.get_by_test_id("share-create").click()
    url_input = dialog.get_by_test_id("share-url")
    expect(url_input).to_have_value(re.compile(r"^http://(127\.0\.0\.1|localhost):\d+/r/[A-Za-z0-9_-]{40,}$"))
    expect(dialog.get_by_test_id("share-link-row")).to_have_count(1)
    dialog.get_by_test_id("share-copy").click()
    expect(dialog.get_by_test_id("share-copy")).to_have_text("✓ Copied")
    if shot:
        shots(page, shot)
    url = url_input.input_value()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    return url


def open_review(page: Any, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("review")).to_have_attribute("data-ready", "true")
    expect(node(page, "fn")).to_be_visible()
    page.wait_for_timeout(400)  # the fit-to-view after measuring


def diagram_revision(page: Any, diagram_id: int) -> int:
    res = page.request.get(f"/api/diagrams/{diagram_id}/")
    assert res.ok, res.status
    return int(res.json()["revision"])


def frames_seen(page: Any) -> list[str]:
    """Collect what the page's WebSockets receive (to check that pushes, not polls, did it)."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    return frames


def test_share_comment_live_and_revoke(chromium: Any, asgi_server: Any, shots: Any) -> None:
    owner = new_page(chromium, asgi_server.url)
    owner_frames = frames_seen(owner)
    sign_up(owner, "ada")
    diagram_id = start_diagram(owner, "Orders API")
    wait_saved(owner)
    url = create_link(owner, shots, "comment", shot="owner-share-dialog")
    token = url.rsplit("/r/", 1)[1]
    revision = diagram_revision(owner, diagram_id)

    # A reviewer without an account opens the link: the whole diagram, centered in the canvas.
    reviewer = new_page(chromium, asgi_server.url)
    reviewer_frames = frames_seen(reviewer)
    open_review(reviewer, url)
    expect(reviewer.get_by_test_id("review")).to_have_attribute("data-role", "comment")
    expect(reviewer.get_by_test_id("review-revision")).to_have_text(f"r{revision} · latest")
    shots(reviewer, "reviewer-opens-link")
    canvas = reviewer.locator(".react-flow").bounding_box()
    region = node(reviewer, "region").bounding_box()
    assert canvas and region
    assert abs((region["x"] + region["width"] / 2) - (canvas["x"] + canvas["width"] / 2)) < 0.05 * canvas["width"]
    assert abs((region["y"] + region["height"] / 2) - (canvas["y"] + canvas["height"] / 2)) < 0.08 * canvas["height"]
    assert region["x"] >= canvas["x"] and region["x"] + region["width"] <= canvas["x"] + canvas["width"]

    # Dragging a component moves nothing: not on screen, not on the server.
    fn = node(reviewer, "fn")
    before = fn.bounding_box()
    assert before
    reviewer.mouse.move(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    reviewer.mouse.down()
    reviewer.mouse.move(before["x"] + 200, before["y"] + 120, steps=12)
    reviewer.mouse.up()
    after = fn.bounding_box()
    assert after == before, (before, after)
    assert diagram_revision(owner, diagram_id) == revision
    assert reviewer.request.get(f"/api/review/{token}/").json()["revision"] == revision
    # Nor by a key: there is nothing to delete with.
    fn.click()
    reviewer.keyboard.press("Delete")
    expect(node(reviewer, "fn")).to_be_visible()

    # The reviewer comments on the selected node, with a display name it remembers.
    form = reviewer.get_by_test_id("comment-form")
    expect(form).to_have_attribute("data-target", "node:fn")
    reviewer.get_by_test_id("reviewer-name").fill("Kim Minji")
    body = "Does 주문 처리 need the NAT gateway? <b>VPC endpoints</b> could replace it."
    reviewer.get_by_test_id("comment-body").fill(body)
    reviewer.get_by_test_id("comment-submit").click()
    thread = reviewer.locator("[data-testid=thread][data-target='node:fn']")
    expect(thread.get_by_test_id("comment-text")).to_have_text(body)  # as text, not HTML
    expect(node(reviewer, "fn").get_by_test_id("comment-badge")).to_have_attribute("data-count", "1")
    expect(reviewer.get_by_test_id("reviewer-name-shown")).to_have_text("Kim Minji")
    shots(reviewer, "reviewer-commented-on-node")

    # The owner sees it on that node without reloading (pushed by the socket), and opens it.
    badge = node(owner, "fn").get_by_test_id("comment-badge")
    expect(badge).to_have_attribute("data-count", "1", timeout=10_000)
    assert any("comment.added" in f for f in owner_frames), owner_frames
    shots(owner, "owner-sees-badge-on-node")
    badge.click()
    expect(owner.get_by_test_id("comments-panel")).to_be_visible()
    owner_thread = owner.locator("[data-testid=thread][data-target='node:fn']")
    expect(owner_thread.get_by_test_id("comment-author")).to_have_text("Kim Minji")
    owner_thread.get_by_test_id("reply").click()
    owner_thread.get_by_test_id("reply-body").fill("Good point: I will try a gateway endpoint.")
    owner_thread.get_by_test_id("reply-submit").click()
    expect(owner_thread.get_by_test_id("comment")).to_have_count(2)
    shots(owner, "owner-replied")

    # The reply reaches the reviewer live too; the owner resolves the thread.
    expect(thread.get_by_test_id("comment")).to_have_count(2, timeout=10_000)
    expect(thread.get_by_test_id("comment-author").nth(1)).to_have_text("ada")
    owner_thread.get_by_test_id("thread-resolve").click()
    expect(owner.get_by_test_id("comments-count")).to_have_count(0)
    reviewer.get_by_test_id("tab-comments").click()
    expect(node(reviewer, "fn").get_by_test_id("comment-badge")).to_have_attribute("data-open", "0", timeout=10_000)
    shots(reviewer, "reviewer-sees-reply-and-resolution")
    assert any("comment.updated" in f for f in reviewer_frames)

    # The owner revokes: the open review page closes at once, and the link is the 404 page.
    owner.get_by_test_id("open-share").click()
    row = owner.get_by_test_id("share-link-row")
    expect(row).to_have_attribute("data-status", "active")
    # Revoking asks first; "Keep" keeps the link.
    row.get_by_test_id("share-revoke").click()
    expect(row.get_by_test_id("share-revoke-ask")).to_contain_text("Reviewers lose access.")
    shots(owner, "owner-asked-to-confirm-revoke")
    row.get_by_test_id("share-revoke-cancel").click()
    expect(row).to_have_attribute("data-status", "active")
    assert not any("link.revoked" in f for f in reviewer_frames)
    reviewer.expected_errors.append(r"status of 404 \(Not Found\)")  # the revoked link's 404 page and poll
    row.get_by_test_id("share-revoke").click()
    row.get_by_test_id("share-revoke-confirm").click()
    expect(row).to_have_attribute("data-status", "revoked")
    shots(owner, "owner-revoked")
    expect(reviewer.get_by_text("This review link does not work")).to_be_visible(timeout=10_000)
    assert any("link.revoked" in f for f in reviewer_frames), reviewer_frames
    response = reviewer.reload()
    assert response is not None and response.status == 404
    expect(reviewer.get_by_test_id("review-missing")).to_contain_text("This review link does not work")
    shots(reviewer, "reviewer-after-revoke")
    assert reviewer.request.get(f"/api/review/{token}/").status == 404
    owner.context.close()
    reviewer.context.close()


def test_view_link_is_read_only_and_downloads(chromium: Any, asgi_server: Any, shots: Any) -> None:
    owner = new_page(chromium, asgi_server.url)
    sign_up(owner, "grace")
    diagram_id = start_diagram(owner, "Frozen review")
    wait_saved(owner)
    revision = diagram_revision(owner, diagram_id)
    url = create_link(owner, shots, "view", freeze=True)

    reviewer = new_page(chromium, asgi_server.url)
    open_review(reviewer, url)
    expect(reviewer.get_by_test_id("review")).to_have_attribute("data-role", "view")
    expect(reviewer.get_by_test_id("review-revision")).to_have_text(f"r{revision} · frozen")
    # Findings first on a view link without comments, with the rule explanations.
    expect(reviewer.get_by_test_id("findings-panel")).to_be_visible()
    reviewer.get_by_test_id("tab-comments").click()
    expect(reviewer.get_by_test_id("view-only-note")).to_be_visible()
    expect(reviewer.get_by_test_id("comment-body")).to_have_count(0)
    expect(reviewer.get_by_test_id("verdict-form")).to_have_count(0)
    shots(reviewer, "view-link-no-comment-box")
    # The server refuses a comment whatever the client does.
    res = reviewer.request.post(
        f"/api/review/{url.rsplit('/r/', 1)[1]}/comments/",
        data=json.dumps({"body": "hi", "author_name": "x"}),
        headers={"Content-Type": "application/json"},
    )
    assert res.status == 403

    # A picture of what the link shows downloads.
    with reviewer.expect_download(timeout=90_000) as download_info:
        reviewer.get_by_test_id("review-download-png").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    owner.context.close()
    reviewer.context.close()


def test_changes_since_the_last_comment_are_highlighted(chromium: Any, asgi_server: Any, shots: Any) -> None:
    owner = new_page(chromium, asgi_server.url)
    sign_up(owner, "linus")
    start_diagram(owner, "Changing")
    wait_saved(owner)
    url = create_link(owner, shots, "comment")

    reviewer = new_page(chromium, asgi_server.url)
    open_review(reviewer, url)
    reviewer.get_by_test_id("reviewer-name").fill("Lee")
    reviewer.get_by_test_id("verdict-changes").click()
    reviewer.get_by_test_id("verdict-body").fill("Please rename the function and add a table.")
    shots(reviewer, "reviewer-requests-changes")
    reviewer.get_by_test_id("verdict-submit").click()
    expect(reviewer.get_by_test_id("verdict-summary")).to_contain_text("Changes requested")
    # Limits are the server's, and so is the message (Chromium logs the 400 answer).
    reviewer.expected_errors.append(r"status of 400 \(Bad Request\)")
    reviewer.get_by_test_id("comment-body").fill("x" * 4001)
    reviewer.get_by_test_id("comment-submit").click()
    expect(reviewer.get_by_test_id("comment-error")).to_have_text("A comment may be at most 4,000 characters.")
    shots(reviewer, "server-refuses-4001-characters")
    reviewer.get_by_test_id("comment-body").fill("")

    # The owner renames the function and adds a DynamoDB table.
    node(owner, "fn").click()
    owner.get_by_test_id("prop-label").fill("Order worker")
    region = node(owner, "region")
    rbox = region.bounding_box()
    assert rbox
    owner.get_by_test_id("palette-item-dynamodb.table").drag_to(
        region, target_position={"x": rbox["width"] * 0.09, "y": rbox["height"] * 0.8}, force=True
    )
    table_id = owner.get_by_test_id("node-props").get_attribute("data-node-id")
    assert table_id
    wait_saved(owner)

    # The reviewer's page follows the save; on reload it opens on what changed.
    expect(node(reviewer, table_id)).to_be_visible(timeout=10_000)
    reviewer.reload()
    expect(reviewer.get_by_test_id("review")).to_have_attribute("data-ready", "true")
    panel = reviewer.get_by_test_id("changes-panel")
    expect(panel).to_be_visible()
    expect(panel.locator("h3")).to_have_text(re.compile(r"Changes since r\d+"))
    expect(panel.locator(f"[data-testid=change-item][data-id='{table_id}']")).to_have_attribute("data-status", "added")
    expect(panel.locator("[data-testid=change-item][data-id='fn']")).to_have_attribute("data-status", "changed")
    outline = node(reviewer, "fn").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    reviewer.wait_for_timeout(400)
    shots(reviewer, "changes-since-last-comment")

    # A comment on a connection: click the edge's line, and the badge sits on its label.
    point = reviewer.evaluate(
        """id => {
          const p = document.querySelector(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`);
          const q = p.getPointAtLength(p.getTotalLength() / 4), m = p.getScreenCTM();
          return { x: q.x * m.a + q.y * m.c + m.e, y: q.x * m.b + q.y * m.d + m.f };
        }""",
        "e-db",
    )
    reviewer.mouse.click(point["x"], point["y"])
    reviewer.get_by_test_id("tab-comments").click()
    expect(reviewer.get_by_test_id("comment-form")).to_have_attribute("data-target", "edge:e-db")
    reviewer.get_by_test_id("comment-body").fill("Is the proxy → DB connection using IAM auth?")
    reviewer.get_by_test_id("comment-submit").click()
    edge_badge = owner.locator(".edge-label[data-edge-id='e-db'] [data-testid=comment-badge]")
    expect(edge_badge).to_have_attribute("data-count", "1", timeout=10_000)
    owner.get_by_test_id("tab-comments").click()
    expect(owner.get_by_test_id("verdict-summary")).to_contain_text("Lee")
    expect(owner.locator("[data-testid=thread][data-target='edge:e-db']")).to_be_visible()
    shots(owner, "owner-sees-verdict-and-edge-comment")
    owner.context.close()
    reviewer.context.close()


def test_without_sockets_polling_keeps_both_sides_live(chromium: Any, live_server: Any, shots: Any) -> None:
    """pytest-django's live server has no WebSockets: the pages poll, and still see it all."""
    owner = new_page(chromium, live_server.url)
    owner.expected_errors.append(WSGI_SOCKET_REFUSED)
    sign_up(owner, "barbara")
    start_diagram(owner, "No sockets")
    wait_saved(owner)
    url = create_link(owner, shots, "comment")
    reviewer = new_page(chromium, live_server.url)
    reviewer.expected_errors.append(WSGI_SOCKET_REFUSED)
    open_review(reviewer, url)
    node(reviewer, "db").click()
    reviewer.get_by_test_id("reviewer-name").fill("Ravi")
    reviewer.get_by_test_id("comment-body").fill("Multi-AZ?")
    reviewer.get_by_test_id("comment-submit").click()
    expect(node(owner, "db").get_by_test_id("comment-badge")).to_have_attribute("data-count", "1", timeout=12_000)
    owner.get_by_test_id("open-share").click()
    reviewer.expected_errors.append(r"status of 404 \(Not Found\)")  # the revoked link's poll
    owner.get_by_test_id("share-revoke").click()
    owner.get_by_test_id("share-revoke-confirm").click()
    expect(owner.get_by_test_id("share-link-row")).to_have_attribute("data-status", "revoked")
    expect(reviewer.get_by_test_id("review-missing")).to_be_visible(timeout=15_000)
    shots(reviewer, "revoked-seen-by-polling")
    owner.context.close()
    reviewer.context.close()


def test_expiring_link_and_a_comment_on_a_finding(chromium: Any, asgi_server: Any, shots: Any) -> None:
    from django.utils import timezone

    from builder.models import ShareLink

    owner = new_page(chromium, asgi_server.url)
    sign_up(owner, "hedy")
    diagram_id = start_diagram(owner, "Expiring review")
    # Something for the reviewer to comment on: 20,000 MB is over Lambda's limit.
    node(owner, "fn").click()
    owner.get_by_test_id("prop-memory_mb").fill("20000")
    expect(node(owner, "fn").get_by_test_id("finding-badge")).to_have_attribute(
        "data-rules", re.compile("LAMBDA_MEMORY_RANGE")
    )
    wait_saved(owner)
    url = create_link(owner, shots, "comment", expiry="1")
    link = ShareLink.objects.get(diagram_id=diagram_id)
    assert link.expires_at and timedelta(hours=23) < link.expires_at - timezone.now() <= timedelta(days=1)

    # Before its expiry the link works.
    reviewer = new_page(chromium, asgi_server.url)
    open_review(reviewer, url)
    expect(reviewer.get_by_test_id("review")).to_have_attribute("data-role", "comment")
    reviewer.get_by_test_id("reviewer-name").fill("Noor")

    # "Comment" on a finding: the comments tab opens on a composer about that finding, on its node.
    reviewer.get_by_test_id("tab-findings").click()
    finding = reviewer.locator("[data-testid=finding][data-rule=LAMBDA_MEMORY_RANGE]")
    expect(finding).to_be_visible()
    shots(reviewer, "findings-with-comment-buttons")
    finding.get_by_test_id("finding-comment").click()
    form = reviewer.get_by_test_id("comment-form")
    expect(form).to_have_attribute("data-target", "finding:LAMBDA_MEMORY_RANGE@fn")
    expect(reviewer.get_by_test_id("comment-target")).to_have_value("finding:LAMBDA_MEMORY_RANGE@fn")
    expect(reviewer.get_by_test_id("comment-body")).to_be_focused()
    reviewer.keyboard.type("Is 20 GB a typo? Lambda stops at 10,240 MB.")
    reviewer.get_by_test_id("comment-submit").click()
    thread = reviewer.locator("[data-testid=thread][data-target='finding:LAMBDA_MEMORY_RANGE@fn']")
    expect(thread.get_by_test_id("thread-rule")).to_have_text("LAMBDA_MEMORY_RANGE")
    expect(thread.get_by_test_id("thread-target")).to_contain_text("Finding")
    expect(thread.get_by_test_id("comment-text")).to_have_text("Is 20 GB a typo? Lambda stops at 10,240 MB.")
    # Shown on the finding's node, for both.
    expect(node(reviewer, "fn").get_by_test_id("comment-badge")).to_have_attribute("data-count", "1")
    expect(node(owner, "fn").get_by_test_id("comment-badge")).to_have_attribute("data-count", "1", timeout=10_000)
    shots(reviewer, "reviewer-commented-on-finding")

    # A click on a connection's label selects the connection (here and in the editor).
    reviewer.locator(".edge-label[data-edge-id='e-db']").click()
    expect(form).to_have_attribute("data-target", "edge:e-db")
    expect(reviewer.locator(".react-flow__edge[data-id='e-db']")).to_have_class(re.compile(r"\bselected\b"))
    owner.locator(".edge-label[data-edge-id='e-db']").click()
    expect(owner.locator(".react-flow__edge[data-id='e-db']")).to_have_class(re.compile(r"\bselected\b"))
    expect(owner.locator(".edge-label[data-edge-id='e-db']")).to_have_class(re.compile(r"\bselected\b"))
    shots(owner, "owner-selected-edge-by-label")

    # Zoomed out, the canvas drops labels and handles; badges stay, as dots.
    reviewer.locator(".react-flow").hover()
    for _ in range(20):
        if reviewer.locator(".react-flow[data-lod=low]").count():
            break
        reviewer.mouse.wheel(0, 60)
        reviewer.wait_for_timeout(80)
    expect(reviewer.locator(".react-flow")).to_have_attribute("data-lod", "low")
    expect(node(reviewer, "fn").get_by_test_id("node-label")).to_be_hidden()
    expect(node(reviewer, "fn").get_by_test_id("comment-badge")).to_be_visible()
    reviewer.wait_for_timeout(300)
    shots(reviewer, "zoomed-out-low-detail")

    # After its expiry, the reviewer's reload is the "does not work" page.
    reviewer.expected_errors.append(r"status of 404 \(Not Found\)")
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = reviewer.reload()
    assert response is not None and response.status == 404
    expect(reviewer.get_by_test_id("review-missing")).to_contain_text("This review link does not work")
    shots(reviewer, "reviewer-after-expiry")
    assert reviewer.request.get(f"/api/review/{url.rsplit('/r/', 1)[1]}/").status == 404
    owner.context.close()
    reviewer.context.close()

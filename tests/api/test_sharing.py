"""Review links: roles, expiry, revocation, frozen snapshots, hashed tokens, rate limit, comments."""

from __future__ import annotations

import copy
import logging
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from builder.models import Comment, ShareLink
from builder.services import sharing
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagram(api: APIClient) -> dict[str, Any]:
    return api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()


def share(api: APIClient, diagram: dict[str, Any], **body: Any) -> dict[str, Any]:
    response = api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "comment", **body}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_comment_link_shows_the_diagram_and_takes_comments(api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram)
    assert link["url"].endswith(f"/r/{link['token']}") and len(link["token"]) >= 43
    reviewer = APIClient()
    review = reviewer.get(f"/api/review/{link['token']}/").json()
    assert review["role"] == "comment" and review["document"] == diagram["document"]
    assert set(review["findings"]) == {"valid", "counts", "findings"}
    posted = reviewer.post(
        f"/api/review/{link['token']}/comments/",
        {"node": "thumb", "body": "<b>Why 1 GB?</b>", "author_name": "Reviewer Kim"},
        format="json",
    )
    assert posted.status_code == 201
    assert posted.json()["node"] == "thumb" and posted.json()["body"] == "<b>Why 1 GB?</b>"
    owner_view = api.get(f"/api/diagrams/{diagram['id']}/comments/").json()
    assert [c["author_name"] for c in owner_view] == ["Reviewer Kim"]
    assert reviewer.get(f"/api/review/{link['token']}/").json()["comments"][0]["body"] == "<b>Why 1 GB?</b>"


def test_view_link_cannot_comment(api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram, role="view")
    reviewer = APIClient()
    assert reviewer.get(f"/api/review/{link['token']}/").json()["role"] == "view"
    response = reviewer.post(
        f"/api/review/{link['token']}/comments/", {"body": "hi", "author_name": "x"}, format="json"
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_review_api_refuses_every_write_to_the_diagram(api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram)
    reviewer = APIClient()
    doc = copy.deepcopy(diagram["document"])
    doc["name"] = "hacked"
    for method in ("put", "patch", "delete"):
        response = getattr(reviewer, method)(f"/api/review/{link['token']}/", {"document": doc}, format="json")
        assert response.status_code == 405
    assert reviewer.put(
        f"/api/diagrams/{diagram['id']}/", {"revision": 1, "document": doc}, format="json"
    ).status_code in (401, 403)
    assert api.get(f"/api/diagrams/{diagram['id']}/").json()["name"] == "Thumbnail service"


def test_wrong_revoked_and_expired_tokens_are_the_same_404(api: APIClient, diagram: dict[str, Any]) -> None:
    revoked = share(api, diagram)
    assert api.delete(f"/api/share-links/{revoked['id']}/").status_code == 204
    expired = share(api, diagram, expires_at=(timezone.now() + timedelta(minutes=5)).isoformat())
    ShareLink.objects.filter(pk=expired["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    reviewer = APIClient()
    bodies = []
    for token in (revoked["token"], expired["token"], "not-a-real-token-at-all"):
        response = reviewer.get(f"/api/review/{token}/")
        assert response.status_code == 404
        bodies.append(response.json())
        page = reviewer.get(f"/r/{token}")
        assert page.status_code == 404 and b"does not work" in page.content
    assert bodies[0] == bodies[1] == bodies[2]


def test_expiry_in_the_past_is_refused(api: APIClient, diagram: dict[str, Any]) -> None:
    response = api.post(
        f"/api/diagrams/{diagram['id']}/share-links/",
        {"role": "view", "expires_at": "2000-01-01T00:00:00Z"},
        format="json",
    )
    assert response.status_code == 400 and response.json()["problems"][0]["pointer"] == "/expires_at"


def test_frozen_link_keeps_its_snapshot_after_later_saves(api: APIClient, diagram: dict[str, Any]) -> None:
    frozen = share(api, diagram, freeze=True)
    follows = share(api, diagram)
    doc = copy.deepcopy(diagram["document"])
    doc["nodes"].append({"id": "q", "type": "sqs.queue", "label": "jobs"})
    api.put(f"/api/diagrams/{diagram['id']}/", {"revision": 1, "document": doc}, format="json")
    reviewer = APIClient()
    old = reviewer.get(f"/api/review/{frozen['token']}/").json()
    new = reviewer.get(f"/api/review/{follows['token']}/").json()
    assert (old["revision"], old["frozen"], len(old["document"]["nodes"])) == (1, True, 2)
    assert (new["revision"], new["frozen"], len(new["document"]["nodes"])) == (2, False, 3)
    changes = reviewer.get(f"/api/review/{follows['token']}/?since=1").json()["changes"]
    assert changes["nodes"] == {"added": ["q"], "removed": [], "changed": []}


def test_token_is_stored_only_as_a_hash(api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram)
    stored = ShareLink.objects.get(pk=link["id"])
    assert link["token"] not in (stored.token_hash, stored.token_prefix)
    assert stored.token_hash == sharing.hash_token(link["token"])
    listed = api.get(f"/api/diagrams/{diagram['id']}/share-links/").json()
    assert "token" not in listed[0] and listed[0]["token_prefix"] == link["token"][:6]


def test_token_guessing_is_rate_limited(api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram)
    guesser = APIClient()
    limit = sharing.guess_windows()[0].limit
    for i in range(limit):
        assert guesser.get(f"/api/review/guess-{i}/").status_code == 404
    assert guesser.get("/api/review/one-more/").status_code == 429
    # The right token still works, from the guessing address too (tests/security has more).
    assert guesser.get(f"/api/review/{link['token']}/").status_code == 200


def test_tokens_never_reach_the_logs(api: APIClient, diagram: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    from builder.logging import RedactTokens

    handler_filter = RedactTokens()
    caplog.handler.addFilter(handler_filter)
    link = share(api, diagram)
    api.delete(f"/api/share-links/{link['id']}/")
    with caplog.at_level(logging.INFO):
        APIClient().get(f"/api/review/{link['token']}/")
        APIClient().get(f"/r/{link['token']}")
    assert caplog.records, "Django logs 404s; the filter must rewrite them, not drop them"
    assert link["token"] not in caplog.text


def test_another_user_cannot_manage_links(api: APIClient, other_api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram)
    assert other_api.get(f"/api/diagrams/{diagram['id']}/share-links/").status_code == 404
    assert (
        other_api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "view"}, format="json").status_code
        == 404
    )
    assert other_api.delete(f"/api/share-links/{link['id']}/").status_code == 404
    assert APIClient().get(f"/api/review/{link['token']}/").status_code == 200


def test_comment_threads_verdicts_and_resolution(api: APIClient, diagram: dict[str, Any]) -> None:
    link = share(api, diagram)
    reviewer = APIClient()
    url = f"/api/review/{link['token']}/comments/"
    first = reviewer.post(url, {"body": "Memory?", "author_name": "Kim", "node": "thumb"}, format="json").json()
    reply = api.post(
        f"/api/diagrams/{diagram['id']}/comments/",
        {"body": "Sized for 4K images", "parent": first["id"]},
        format="json",
    ).json()
    assert reply["parent"] == first["id"] and reply["is_owner"] is True
    verdict = reviewer.post(url, {"body": "LGTM", "author_name": "Kim", "verdict": "approved"}, format="json").json()
    assert verdict["verdict"] == "approved" and verdict["node"] is None
    resolved = api.patch(f"/api/comments/{first['id']}/", {"resolved": True}, format="json").json()
    assert resolved["resolved"] is True
    assert api.patch(f"/api/comments/{first['id']}/", {"resolved": False}, format="json").json()["resolved"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": "", "author_name": "Kim"}, "body"),
        ({"body": "x" * 4001, "author_name": "Kim"}, "body"),
        ({"body": "hi", "author_name": ""}, "author_name"),
        ({"body": "hi", "author_name": "Kim", "node": "ghost"}, "node"),
        ({"body": "hi", "author_name": "Kim", "verdict": "lgtm"}, "verdict"),
    ],
)
def test_bad_comments_say_what_is_wrong(
    api: APIClient, diagram: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    link = share(api, diagram)
    response = APIClient().post(f"/api/review/{link['token']}/comments/", body, format="json")
    assert response.status_code == 400 and response.json()["problems"][0]["pointer"] == f"/{field}"
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"body": "x" * 4001, "author_name": "Kim"}, "A comment may be at most 4,000 characters."),
        ({"body": "  ", "author_name": "Kim"}, "A comment must not be empty."),
        ({"body": "hi", "author_name": "K" * 81}, "A name may be at most 80 characters."),
        ({"body": "hi", "author_name": "Kim", "verdict": "lgtm"}, "verdict: "),
    ],
)
def test_refused_comments_have_a_detail_to_show(
    api: APIClient, diagram: dict[str, Any], body: dict[str, Any], detail: str
) -> None:
    link = share(api, diagram)
    response = APIClient().post(f"/api/review/{link['token']}/comments/", body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail), response.json()
    owner = api.post(f"/api/diagrams/{diagram['id']}/comments/", {"body": "y" * 4001}, format="json")
    assert owner.status_code == 400 and owner.json()["detail"] == "A comment may be at most 4,000 characters."


@pytest.mark.django_db(transaction=True)
def test_reviewer_downloads_a_picture_of_the_snapshot(api: APIClient) -> None:
    from builder.models import Render
    from builder.services import renders as render_svc

    diagram = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    link = share(api, diagram, role="view", freeze=True)
    reviewer = APIClient()
    started = reviewer.post(f"/api/review/{link['token']}/renders/", {"format": "svg"}, format="json")
    assert started.status_code in (200, 202), started.content
    render_id = started.json()["id"]
    render_svc.wait_inline()
    for _ in range(600):
        body = reviewer.get(f"/api/review/{link['token']}/renders/{render_id}/").json()
        if body["status"] in ("done", "failed"):
            break
        __import__("time").sleep(0.1)
    assert body["status"] == "done" and body["diagram"] is None
    assert body["url"] == f"/api/review/{link['token']}/renders/{render_id}/file/"
    picture = reviewer.get(body["url"])
    assert picture.status_code == 200 and b"<svg" in b"".join(picture.streaming_content)
    # The token opens pictures of its own snapshot only, and the owner's URL stays closed.
    other = Render.objects.create(cache_key="x", content_hash="y", format="png", document={}, status="done")
    assert reviewer.get(f"/api/review/{link['token']}/renders/{other.pk}/").status_code == 404
    assert reviewer.get(f"/api/renders/{render_id}/file/").status_code in (401, 403, 404)
    api.delete(f"/api/share-links/{link['id']}/")
    assert reviewer.get(body["url"]).status_code == 404

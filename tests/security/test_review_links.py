"""Review-link guessing is limited per address and per token prefix, never refusing a valid
token; the client address behind TRUSTED_PROXIES; bidi controls refused in comments."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from rest_framework.test import APIClient

from builder import security
from builder.services import sharing
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(api: APIClient) -> dict[str, Any]:
    diagram = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    return api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "comment"}, format="json").json()


def test_a_valid_token_from_an_address_that_guessed_wrong_20_times_still_works(link: dict[str, Any]) -> None:
    guesser = APIClient(REMOTE_ADDR="192.0.2.50")
    for i in range(20):
        assert guesser.get(f"/api/review/wrong-token-{i}/").status_code == 404
    assert guesser.get("/api/review/wrong-token-21/").status_code == 429
    # A reviewer behind the same NAT opens the real link: API, page and comments all work.
    reviewer = APIClient(REMOTE_ADDR="192.0.2.50")
    assert reviewer.get(f"/api/review/{link['token']}/").status_code == 200
    assert reviewer.get(f"/r/{link['token']}").status_code == 200
    posted = reviewer.post(
        f"/api/review/{link['token']}/comments/", {"body": "Looks fine", "author_name": "Kim"}, format="json"
    )
    assert posted.status_code == 201
    # The guesser is still refused for wrong tokens, with the limit in words.
    refused = guesser.get("/api/review/wrong-token-22/")
    assert refused.status_code == 429 and "at most 20 in 10 minutes" in refused.json()["detail"]
    assert "Retry-After" in refused
    assert guesser.get("/r/wrong-token-23").status_code == 429


def test_guessing_at_one_link_prefix_from_many_addresses_is_limited(link: dict[str, Any]) -> None:
    prefix = link["token_prefix"]
    for i in range(20):
        assert APIClient(REMOTE_ADDR=f"192.0.2.{i}").get(f"/api/review/{prefix}guess{i}/").status_code == 404
    assert APIClient(REMOTE_ADDR="192.0.2.99").get(f"/api/review/{prefix}guess-more/").status_code == 429
    # Another prefix from a fresh address is a plain 404, and the link itself still opens.
    assert APIClient(REMOTE_ADDR="192.0.2.98").get("/api/review/zzzzzz-other/").status_code == 404
    assert APIClient(REMOTE_ADDR="192.0.2.99").get(f"/api/review/{link['token']}/").status_code == 200


def test_behind_a_trusted_proxy_each_reviewer_has_its_own_bucket(settings: Any, link: dict[str, Any]) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    guesser = APIClient(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(20):
        guesser.get(f"/api/review/{secrets.token_urlsafe(32)}/")
    assert guesser.get(f"/api/review/{secrets.token_urlsafe(32)}/").status_code == 429
    # Another client through the same proxy is not the guesser.
    other = APIClient(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.67")
    assert other.get(f"/api/review/{secrets.token_urlsafe(32)}/").status_code == 404


def test_an_untrusted_peer_cannot_pick_its_address_with_x_forwarded_for(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for i in range(20):
        spoofed = APIClient(REMOTE_ADDR="192.0.2.70", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        spoofed.get(f"/api/review/{secrets.token_urlsafe(32)}/")
    spoofing = APIClient(REMOTE_ADDR="192.0.2.70", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert spoofing.get(f"/api/review/{secrets.token_urlsafe(32)}/").status_code == 429


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("192.0.2.1", "198.51.100.1", [], "192.0.2.1"),  # no trusted proxies: the header is ignored
        ("10.0.0.2", "198.51.100.1", ["10.0.0.0/8"], "198.51.100.1"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", ["10.0.0.0/8"], "198.51.100.1"),  # the client's own part is not believed
        ("10.0.0.2", "198.51.100.1, 10.0.0.3", ["10.0.0.0/8"], "198.51.100.1"),  # two proxies
        ("10.0.0.2", "not-an-address", ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
    ],
)
def test_client_address_from_x_forwarded_for(
    settings: Any, peer: str, forwarded: str, trusted: list[str], expected: str
) -> None:
    settings.TRUSTED_PROXIES = trusted
    assert security.address_from(peer, forwarded) == expected


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
@pytest.mark.parametrize("field", ["body", "author_name"])
def test_bidi_control_u202e_in_a_comment_is_refused(link: dict[str, Any], char: str, field: str) -> None:
    comment = {"body": "fine", "author_name": "Kim", field: f"{char}gnp.exe"}
    response = APIClient().post(f"/api/review/{link['token']}/comments/", comment, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert f"U+{ord(char):04X}" in body["detail"] and "bidirectional control" in body["detail"]
    assert body["problems"] == [{"pointer": f"/{field}", "message": body["detail"]}]


def test_bidi_control_in_an_owner_reply_and_a_comment_target_is_refused(api: APIClient, link: dict[str, Any]) -> None:
    diagram_id = sharing.ShareLink.objects.get(pk=link["id"]).diagram_id
    reply = api.post(f"/api/diagrams/{diagram_id}/comments/", {"body": "ok \u2067x"}, format="json")
    assert reply.status_code == 400 and "U+2067" in reply.json()["detail"]
    pinned = APIClient().post(
        f"/api/review/{link['token']}/comments/",
        {"body": "fine", "author_name": "Kim", "node": "thumb\u202e"},
        format="json",
    )
    assert pinned.status_code == 400 and "U+202E" in pinned.json()["detail"]


def test_right_to_left_text_without_controls_is_a_normal_comment(link: dict[str, Any]) -> None:
    posted = APIClient().post(
        f"/api/review/{link['token']}/comments/", {"body": "שלום مرحبا 안녕", "author_name": "רות"}, format="json"
    )
    assert posted.status_code == 201


def test_the_review_socket_uses_the_same_client_address(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    forwarded = [(b"x-forwarded-for", b"198.51.100.5")]
    assert security.scope_address({"client": ["127.0.0.1", 5000], "headers": forwarded}) == "198.51.100.5"
    assert security.scope_address({"client": ["192.0.2.9", 5000], "headers": forwarded}) == "192.0.2.9"
    assert security.scope_address({"client": None, "headers": []}) == "unknown"

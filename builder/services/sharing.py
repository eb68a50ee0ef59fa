"""Review links and comments: create, resolve (constant time, rate limited), revoke, comment.

Tokens are 256 random bits from :mod:`secrets`; only their SHA-256 is stored, so a leaked
database leaks no working link. A wrong, revoked or expired token all look the same (404).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from builder.models import Comment, Diagram, Revision, ShareLink

from .events import send_on_commit

MAX_COMMENT = 4000
MAX_AUTHOR_NAME = 80
#: Failed token lookups a client may make in GUESS_WINDOW_S before it is refused (429).
GUESS_LIMIT = 20
GUESS_WINDOW_S = 600


class TooManyGuesses(Exception):
    """A client has looked up too many wrong tokens recently."""


class NotAllowed(Exception):
    """The link's role does not allow this (a view link cannot comment)."""


class BadInput(ValueError):
    """Input that breaks a limit; the message says which field and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(
    diagram: Diagram, user: Any, role: str, *, expires_at: datetime | None = None, freeze: bool = False
) -> tuple[ShareLink, str]:
    """Create a link; returns it with the clear token, which is shown once and never stored."""
    if role not in ShareLink.Role.values:
        raise BadInput("role", f"role must be one of {', '.join(ShareLink.Role.values)}")
    if expires_at is not None and expires_at <= timezone.now():
        raise BadInput("expires_at", "expires_at must be in the future")
    token = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        diagram=diagram,
        created_by=user,
        token_hash=hash_token(token),
        token_prefix=token[:6],
        role=role,
        frozen_revision=diagram.revision if freeze else None,
        expires_at=expires_at,
    )
    return link, token


def revoke_link(link: ShareLink) -> None:
    """Revoke at once: later lookups 404, and open review sockets are closed."""
    with transaction.atomic():
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
        send_on_commit(link.diagram_id, {"type": "link.revoked", "link": link.pk})


def _guess_key(client: str) -> str:
    return "share-guess:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def resolve(token: str, client: str) -> ShareLink:
    """The live link for ``token``, or Http404; TooManyGuesses after repeated wrong tokens."""
    key = _guess_key(client)
    if (cache.get(key) or 0) >= GUESS_LIMIT:
        raise TooManyGuesses
    digest = hash_token(token)
    link = ShareLink.objects.select_related("diagram").filter(token_hash=digest).first()
    # The lookup is by a hash, so its timing says nothing about the token; compare once more
    # in constant time so a near-collision in an index scan could not matter either.
    ok = link is not None and hmac.compare_digest(link.token_hash, digest)
    if (
        ok
        and link is not None
        and link.revoked_at is None
        and (link.expires_at is None or link.expires_at > timezone.now())
    ):
        return link
    if cache.add(key, 1, GUESS_WINDOW_S) is False:
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, GUESS_WINDOW_S)
    raise Http404("no such review link")


@dataclass
class Snapshot:
    revision: int
    document: dict[str, Any]


def snapshot(link: ShareLink) -> Snapshot:
    """What the link shows: its frozen revision, or the latest."""
    diagram = link.diagram
    if link.frozen_revision is None:
        return Snapshot(diagram.revision, diagram.document)
    revision = Revision.objects.get(diagram=diagram, number=link.frozen_revision)
    return Snapshot(revision.number, revision.document)


def document_at(diagram: Diagram, number: int) -> dict[str, Any] | None:
    revision = Revision.objects.filter(diagram=diagram, number=number).only("document").first()
    return revision.document if revision else None


def _clean_text(value: Any, field: str, limit: int, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise BadInput(field, f"{field} must be text")
    value = value.strip()
    if required and not value:
        raise BadInput(field, f"{field} must not be empty")
    if len(value) > limit:
        raise BadInput(field, f"{field} is {len(value)} characters; the limit is {limit}")
    if "\x00" in value:
        raise BadInput(field, f"{field} contains a NUL character")
    return value


def add_comment(
    link: ShareLink | None,
    diagram: Diagram,
    *,
    body: Any,
    author_name: Any,
    author: Any = None,
    node: Any = None,
    edge: Any = None,
    finding_rule: Any = None,
    parent_id: Any = None,
    verdict: Any = "",
) -> Comment:
    """A comment by a reviewer (through ``link``) or by the owner (``link`` None)."""
    if link is not None and link.role != ShareLink.Role.COMMENT:
        raise NotAllowed("this review link is view-only")
    body = _clean_text(body, "body", MAX_COMMENT)
    author_name = _clean_text(author_name, "author_name", MAX_AUTHOR_NAME)
    shown = snapshot(link) if link else Snapshot(diagram.revision, diagram.document)
    node_ids = {n.get("id") for n in shown.document.get("nodes", [])}
    edge_ids = {e.get("id") for e in shown.document.get("edges", [])}
    if node not in (None, "") and node not in node_ids:
        raise BadInput("node", f"node {node!r} is not in revision {shown.revision} of this diagram")
    if edge not in (None, "") and edge not in edge_ids:
        raise BadInput("edge", f"edge {edge!r} is not in revision {shown.revision} of this diagram")
    if finding_rule not in (None, "") and (not isinstance(finding_rule, str) or len(finding_rule) > 64):
        raise BadInput("finding_rule", "finding_rule must be a rule id")
    if verdict not in (None, "", *Comment.Verdict.values):
        raise BadInput("verdict", "verdict must be approved, changes_requested or empty")
    if verdict and link is None:
        raise BadInput("verdict", "verdicts are given by reviewers")
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, diagram=diagram).first() if isinstance(parent_id, int) else None
        if parent is None:
            raise BadInput("parent", "parent must be a comment of this diagram")
        parent = parent.parent or parent  # replies thread under the first comment
    with transaction.atomic():
        comment = Comment.objects.create(
            diagram=diagram,
            share_link=link,
            author=author if getattr(author, "is_authenticated", False) else None,
            author_name=author_name,
            parent=parent,
            node=node or "",
            edge=edge or "",
            finding_rule=finding_rule or "",
            body=body,
            verdict=verdict or "",
            revision=shown.revision,
        )
        send_on_commit(diagram.pk, {"type": "comment.added", "comment": comment_json(comment)})
    return comment


def set_resolved(comment: Comment, resolved: bool) -> Comment:
    with transaction.atomic():
        comment.resolved_at = timezone.now() if resolved else None
        comment.save(update_fields=["resolved_at"])
        send_on_commit(comment.diagram_id, {"type": "comment.updated", "comment": comment_json(comment)})
    return comment


def comment_json(c: Comment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "parent": c.parent_id,
        "node": c.node or None,
        "edge": c.edge or None,
        "finding_rule": c.finding_rule or None,
        "body": c.body,
        "author_name": c.author_name,
        "is_owner": c.share_link_id is None,
        "verdict": c.verdict or None,
        "revision": c.revision,
        "resolved": c.resolved_at is not None,
        "created_at": c.created_at.isoformat(),
    }


def comments_json(diagram: Diagram) -> list[dict[str, Any]]:
    return [comment_json(c) for c in diagram.comments.all()]

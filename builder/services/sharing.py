"""Review links and comments: create, resolve (constant time, rate limited), revoke, comment.

Tokens are 256 random bits from :mod:`secrets`; only their SHA-256 is stored, so a leaked
database leaks no working link. A wrong, revoked or expired token all look the same (404).

Guessing is counted per client address and per token prefix (the first 6 characters, which
the owner's list shows): past either limit a wrong token is answered 429 instead of 404. A
valid token is always looked up and always works, so nobody sharing an address (a NAT, a
proxy) with a guesser, and nobody guessing at a link's prefix, can lock its reviewers out;
the 256 random bits, not the counter, are what make a token unguessable.

Changes race with the deletion of the diagram (and so of its links and comments): an update
that finds its row gone is a :class:`Gone` (404), never a database error.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from builder import security
from builder.models import Comment, Diagram, Revision, ShareLink

from .events import send_on_commit
from .findings import stored_report

MAX_COMMENT = 4000
MAX_AUTHOR_NAME = 80
#: How many characters of a token are stored in clear and shown to the owner.
PREFIX_LENGTH = 6


class TooManyGuesses(Exception):
    """A client has looked up too many wrong tokens recently."""


class Gone(Http404):
    """The row went away meanwhile (its diagram was deleted): a 404 like any missing thing."""


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
    try:
        with transaction.atomic():
            _lock_diagram(diagram)
            link = ShareLink.objects.create(
                diagram=diagram,
                created_by=user,
                token_hash=hash_token(token),
                token_prefix=token[:PREFIX_LENGTH],
                role=role,
                frozen_revision=diagram.revision if freeze else None,
                expires_at=expires_at,
            )
    except IntegrityError:  # the diagram was deleted meanwhile
        raise Gone("no such diagram") from None
    return link, token


def revoke_link(link: ShareLink) -> None:
    """Revoke at once: later lookups 404, and open review sockets are closed."""
    with transaction.atomic():
        now = timezone.now()
        ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now)
        # Not a save(): a link deleted meanwhile (with its diagram) updates nothing, and
        # save(update_fields=...) would make that a DatabaseError (a 500).
        if not ShareLink.objects.filter(pk=link.pk).exists():
            raise Gone("no such share link")
        link.revoked_at = link.revoked_at or now
        send_on_commit(link.diagram_id, {"type": "link.revoked", "link": link.pk})


def guess_windows() -> tuple[security.Window, security.Window]:
    """The counters of wrong tokens: per client address and per token prefix."""
    return security.window("review-guess-address"), security.window("review-guess-prefix")


def resolve(token: str, client: str) -> ShareLink:
    """The live link for ``token``, or Http404; TooManyGuesses (for a wrong token only) once its
    address or its prefix has guessed wrong too often."""
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
    by_address, by_prefix = guess_windows()
    prefix = token[:PREFIX_LENGTH]
    over = by_address.full(client) or by_prefix.full(prefix)
    by_address.hit(client)
    by_prefix.hit(prefix)
    if over:
        raise TooManyGuesses
    raise Http404("no such review link")


@dataclass
class Snapshot:
    revision: int
    document: dict[str, Any]
    #: The row it was read from (the Diagram, or the frozen Revision): its stored findings.
    row: Diagram | Revision

    @classmethod
    def latest(cls, diagram: Diagram) -> Snapshot:
        return cls(diagram.revision, diagram.document, diagram)

    def findings(self) -> dict[str, Any]:
        """The rules' report, as stored with the revision when it was saved (never recomputed
        on a read, but when the engine changed since: see builder.services.findings)."""
        return stored_report(self.row)


def snapshot(link: ShareLink) -> Snapshot:
    """What the link shows: its frozen revision, or the latest."""
    diagram = link.diagram
    if link.frozen_revision is None:
        return Snapshot.latest(diagram)
    revision = Revision.objects.filter(diagram=diagram, number=link.frozen_revision).first()
    if revision is None:  # the diagram was deleted meanwhile
        raise Gone("no such review link")
    return Snapshot(revision.number, revision.document, revision)


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
    check_bidi(value, field)
    return value


def check_bidi(value: Any, field: str) -> None:
    """Refuse bidi controls: "\u202egnp.exe" would show as "exe.png" to whoever reads it."""
    found = security.bidi_control_in(value) if isinstance(value, str) else None
    if found:
        raise BadInput(
            field,
            f"{field} contains the bidirectional control character {found}, which makes text show "
            "in another order than it is written; remove it",
        )


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
    for field, value in (("node", node), ("edge", edge), ("finding_rule", finding_rule)):
        check_bidi(value, field)
    shown = snapshot(link) if link else Snapshot.latest(diagram)
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
    try:
        with transaction.atomic():
            _lock_diagram(diagram)
            comment = _create_comment(
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
    except IntegrityError:  # the diagram (or the link, or the parent) was deleted meanwhile
        raise Gone("no such diagram") from None
    return comment


def _lock_diagram(diagram: Diagram) -> None:
    """Hold the diagram row until this transaction ends; Gone if it was deleted meanwhile.

    A deletion locks the row too before it collects what to cascade, so a new comment or
    link either lands first (and is deleted with the diagram) or waits and sees it gone.
    """
    if not Diagram.objects.select_for_update().filter(pk=diagram.pk).values_list("pk", flat=True):
        raise Gone("no such diagram")


def _create_comment(**fields: Any) -> Comment:
    comment = Comment.objects.create(**fields)
    send_on_commit(comment.diagram_id, {"type": "comment.added", "comment": comment_json(comment)})
    return comment


def set_resolved(comment: Comment, resolved: bool) -> Comment:
    with transaction.atomic():
        comment.resolved_at = timezone.now() if resolved else None
        # An update, not save(update_fields=...): a comment deleted meanwhile is a 404, not a 500.
        if not Comment.objects.filter(pk=comment.pk).update(resolved_at=comment.resolved_at):
            raise Gone("no such comment")
        send_on_commit(comment.diagram_id, {"type": "comment.updated", "comment": comment_json(comment)})
    return comment


def comment_json(c: Comment) -> dict[str, Any]:
    """A comment as the API and the socket events show it: one serializer for both."""
    from builder.api.serializers import CommentSerializer

    return dict(CommentSerializer(c).data)


def comments_json(diagram: Diagram) -> list[dict[str, Any]]:
    return [comment_json(c) for c in diagram.comments.all()]

"""Diagram members: the owner adds a colleague by username as an ``editor`` (edits live) or a
``viewer`` (watches live). Removing someone, or changing their role, closes their sockets."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404

from builder.models import Diagram
from builder.services.events import send_on_commit

from .models import Member


class BadInput(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _changed(diagram: Diagram, user_id: int) -> None:
    send_on_commit(diagram.pk, {"type": "collab.member_changed", "diagram": diagram.pk, "user": user_id})


def add_member(diagram: Diagram, by: Any, username: Any, role: Any = Member.Role.EDITOR) -> Member:
    """Add (or change the role of) a member; BadInput names the field that is wrong."""
    if not isinstance(username, str) or not username.strip():
        raise BadInput("username", "username is required")
    if role not in Member.Role.values:
        raise BadInput("role", f"role must be one of {', '.join(Member.Role.values)}")
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise BadInput("username", f"there is no user named {username.strip()!r}")
    if user.pk == diagram.owner_id:
        raise BadInput("username", f"{user.get_username()!r} owns this diagram")
    try:
        with transaction.atomic():
            if not Diagram.objects.select_for_update().filter(pk=diagram.pk).exists():
                raise Http404("no such diagram")
            member, created = Member.objects.update_or_create(
                diagram=diagram, user=user, defaults={"role": role}, create_defaults={"role": role, "added_by": by}
            )
            if not created:
                _changed(diagram, user.pk)
    except IntegrityError:  # the diagram was deleted meanwhile
        raise Http404("no such diagram") from None
    return member


def remove_member(diagram: Diagram, user: Any) -> None:
    with transaction.atomic():
        if not Member.objects.filter(diagram=diagram, user=user).delete()[0]:
            raise Http404("no such member")
        _changed(diagram, user.pk)


def member_json(member: Member) -> dict[str, Any]:
    return {
        "username": member.user.get_username(),
        "name": member.user.get_full_name() or member.user.get_username(),
        "role": member.role,
        "added_at": member.created_at.isoformat(),
    }

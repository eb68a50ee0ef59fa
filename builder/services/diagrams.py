"""Diagram services: create, save with the revision precondition, restore, rename, duplicate.

Each function checks its input (the document through :mod:`builder.document`), changes the
database in one transaction, keeps every revision, and announces the change on commit.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from builder import document as doc_module
from builder.models import Diagram, Revision

from . import findings
from .events import send_on_commit


class RevisionConflict(Exception):
    """The client's revision is stale: someone saved in between. Carries the current diagram."""

    def __init__(self, current: Diagram) -> None:
        super().__init__(f"revision conflict: the diagram is at revision {current.revision}")
        self.current = current


User = AbstractBaseUser | AnonymousUser


def _name_of(document: dict[str, Any]) -> str:
    name = document.get("name")
    return name if isinstance(name, str) and name.strip() else "Untitled diagram"


def get_owned(user: Any, diagram_id: int | str, *, defer: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> Diagram:
    """The user's diagram, or 404 (another user's diagram is indistinguishable from none).

    ``defer``: fields not to load now (a save needs only the revision to check first);
    ``only``: the fields to load, none else.
    """
    rows = Diagram.objects.only(*only) if only else Diagram.objects.defer(*defer)
    try:
        return rows.get(pk=int(diagram_id), owner=user)
    except (Diagram.DoesNotExist, ValueError, TypeError):
        raise Http404("no such diagram") from None


def create_diagram(owner: Any, document: Any, *, reason: str = "create", checked: bool = False) -> Diagram:
    """A new diagram at revision 1. ``checked``: the caller already validated ``document``."""
    if not checked:
        document = doc_module.validate(document)
    report = findings.report_for(document)
    with transaction.atomic():
        diagram = Diagram.objects.create(
            owner=owner,
            name=_name_of(document),
            document=document,
            revision=1,
            content_hash=doc_module.content_hash(document),
            findings=report,
            findings_engine=findings.ENGINE,
        )
        Revision.objects.create(
            diagram=diagram,
            number=1,
            document=document,
            content_hash=diagram.content_hash,
            findings=report,
            findings_engine=findings.ENGINE,
            author=owner,
            reason=reason,
        )
    return diagram


def current(diagram_id: int) -> Diagram:
    """The diagram as it is now (what a 409 answers)."""
    return Diagram.objects.get(pk=diagram_id)


def save_diagram(
    diagram: Diagram, user: Any, base_revision: int, document: Any, *, reason: str = "save", checked: bool = False
) -> Diagram:
    """Save ``document`` as the next revision if the diagram is still at ``base_revision``.

    The compare-and-set is one UPDATE ... WHERE revision = base, so of two writers holding
    the same revision exactly one wins; the other gets :class:`RevisionConflict`. A stale
    ``base_revision`` (as far as ``diagram`` knows) fails before any other work.

    The answer is exactly the revision this call created (its number, document and
    findings), never a later one another writer saved meanwhile: the editor adopts it as
    the base of its next save. ``checked``: the caller already validated ``document``.
    """
    if diagram.revision != base_revision:
        raise RevisionConflict(current(diagram.pk))
    if not checked:
        document = doc_module.validate(document)
    content_hash = doc_module.content_hash(document)
    report = findings.report_for(document)  # pure and the slowest step: outside the transaction
    name = _name_of(document)
    now = timezone.now()
    with transaction.atomic():
        updated = Diagram.objects.filter(pk=diagram.pk, revision=base_revision).update(
            document=document,
            name=name,
            content_hash=content_hash,
            findings=report,
            findings_engine=findings.ENGINE,
            revision=F("revision") + 1,
            updated_at=now,
        )
        if not updated:
            raise RevisionConflict(current(diagram.pk))
        Revision.objects.create(
            diagram_id=diagram.pk,
            number=base_revision + 1,
            document=document,
            content_hash=content_hash,
            findings=report,
            findings_engine=findings.ENGINE,
            author=user if getattr(user, "is_authenticated", False) else None,
            reason=reason,
        )
        send_on_commit(
            diagram.pk,
            {"type": "diagram.saved", "diagram": diagram.pk, "revision": base_revision + 1, "reason": reason},
        )
    # What this UPDATE wrote, not a re-read (another writer may already be at base + 2).
    diagram.document, diagram.name, diagram.content_hash = document, name, content_hash
    diagram.findings, diagram.findings_engine = report, findings.ENGINE
    diagram.revision, diagram.updated_at = base_revision + 1, now
    return diagram


def rename_diagram(diagram: Diagram, user: Any, name: str) -> Diagram:
    document = copy.deepcopy(diagram.document)
    document["name"] = name
    return save_diagram(diagram, user, diagram.revision, document, reason="rename")


def restore_revision(diagram: Diagram, user: Any, number: int) -> Diagram:
    """Make an old revision current again, as a new revision: history only ever grows."""
    try:
        old = diagram.revisions.get(number=number)
    except Revision.DoesNotExist:
        raise Http404("no such revision") from None
    return save_diagram(diagram, user, diagram.revision, old.document, reason=f"restore of r{number}")


def duplicate_diagram(diagram: Diagram, owner: Any) -> Diagram:
    document = copy.deepcopy(diagram.document)
    document["name"] = f"{_name_of(document)} (copy)"[: doc_module.MAX_NAME]
    return create_diagram(owner, document, reason=f"copy of diagram {diagram.pk}")


def delete_diagram(diagram: Diagram) -> None:
    diagram_id = diagram.pk
    with transaction.atomic():
        # Lock the row before the cascade collects comments and links: one being added
        # meanwhile then lands before the collection (and is deleted with the rest) or finds
        # the diagram gone (a 404), never a row left pointing at a deleted diagram (a 500).
        list(Diagram.objects.select_for_update().filter(pk=diagram_id).values_list("pk", flat=True))
        diagram.delete()
        send_on_commit(diagram_id, {"type": "diagram.deleted", "diagram": diagram_id})

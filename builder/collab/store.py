"""The shared state in the database: load it, append an update, write a revision, merge saves.

All of it is plain (sync) Django, run by the consumers in a thread. The diagram's
:class:`SharedState` row is the lock that orders everything that changes a diagram's shared
state (appending, folding into a revision, merging a save made outside the session): on
PostgreSQL ``SELECT ... FOR UPDATE``; SQLite runs one write transaction at a time anyway.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from pycrdt import Doc

from builder import document as doc_module
from builder.models import Diagram, Revision
from builder.services import diagrams as diagram_services

from . import ydoc as Y
from .groups import room_group, send_to_group
from .models import RevisionAuthor, SharedState, Update

log = logging.getLogger(__name__)

#: A revision written by the live session says so (``Revision.reason``).
REASON = "live edit"


@dataclass
class Loaded:
    """A diagram's whole shared state: one update with everything, and the last seq in it."""

    update: bytes
    seq: int


class TooLarge(Exception):
    """An update would take the shared document past a limit of the document format."""


def _doc_from(state: SharedState, updates: list[Update]) -> Doc[Any]:
    ydoc: Doc[Any] = Doc()
    ydoc.apply_update(bytes(state.state))
    for update in updates:
        ydoc.apply_update(bytes(update.data))
    return ydoc


def _locked_state(diagram_id: int) -> SharedState:
    """The diagram's state row, locked until the transaction ends (made on first use)."""
    state = SharedState.objects.select_for_update().filter(pk=diagram_id).first()
    if state is not None:
        return state
    diagram = Diagram.objects.select_for_update().get(pk=diagram_id)
    # Two processes opening the diagram's first session at once both get here; the row lock
    # on the diagram makes the second wait and then find the first one's state.
    state = SharedState.objects.select_for_update().filter(pk=diagram_id).first()
    if state is None:
        ydoc = Y.document_to_ydoc(diagram.document)
        state = SharedState.objects.create(diagram=diagram, state=ydoc.get_update(), revision=diagram.revision)
    return state


def _append(state: SharedState, data: bytes, author_id: int | None) -> int:
    state.seq += 1
    Update.objects.create(diagram_id=state.pk, seq=state.seq, data=data, author_id=author_id)
    SharedState.objects.filter(pk=state.pk).update(seq=state.seq)
    return state.seq


def _announce(diagram_id: int, seq: int, data: bytes) -> None:
    transaction.on_commit(
        lambda: send_to_group(room_group(diagram_id), {"type": "collab.update", "seq": seq, "data": data, "sender": ""})
    )


def _merge_saves(state: SharedState, ydoc: Doc[Any]) -> None:
    """Merge revisions saved outside the session (after ``state.revision``) into ``ydoc``, each
    as the diff from the revision before it, and append that as an update (announced on
    commit). A script's PUT made while people edit is merged, never lost or overwriting them."""
    current = Diagram.objects.filter(pk=state.pk).values_list("revision", flat=True).first()
    if current is None or current <= state.revision:
        return
    revisions = {
        r.number: r
        for r in Revision.objects.filter(diagram_id=state.pk, number__gte=state.revision, number__lte=current).only(
            "number", "document", "author_id", "reason"
        )
    }
    before = ydoc.get_state()
    author: int | None = None
    for number in range(state.revision + 1, current + 1):
        saved, base = revisions.get(number), revisions.get(number - 1)
        if saved is None or saved.reason == REASON:
            continue  # a revision the session wrote holds nothing the session lacks
        # Without the revision before it (never the case today: history only grows), the
        # saved document replaces the shared content whole.
        Y.apply_document(ydoc, saved.document, base.document if base is not None else None, origin="save")
        author = saved.author_id
    diff = ydoc.get_update(before)
    if diff != b"\x00\x00":
        seq = _append(state, diff, author)
        _announce(state.pk, seq, diff)
    state.revision = current
    SharedState.objects.filter(pk=state.pk).update(revision=current)


def load(diagram_id: int) -> Loaded:
    """The diagram's shared state now (made from its document the first time), with any
    revision saved outside the session merged in first."""
    with transaction.atomic():
        state = _locked_state(diagram_id)
        updates = list(Update.objects.filter(diagram_id=diagram_id, seq__gt=state.compacted_seq))
        ydoc = _doc_from(state, updates)
        _merge_saves(state, ydoc)
        return Loaded(ydoc.get_update(), state.seq)


@dataclass
class Missed:
    rows: list[tuple[int, bytes]]
    #: The compacted state, when updates after the asked seq were folded into it meanwhile
    #: (applying it again is harmless: Yjs updates are idempotent).
    state: bytes | None
    compacted_seq: int


def updates_after(diagram_id: int, seq: int) -> Missed:
    """What a process that has every update up to ``seq`` is missing."""
    with transaction.atomic():
        state = SharedState.objects.filter(pk=diagram_id).only("compacted_seq", "state").first()
        if state is None:
            return Missed([], None, 0)
        rows = [(u.seq, bytes(u.data)) for u in Update.objects.filter(diagram_id=diagram_id, seq__gt=seq)]
        folded = bytes(state.state) if state.compacted_seq > seq else None
        return Missed(rows, folded, state.compacted_seq)


def kept_connection(function: Any) -> Any:
    """``function`` run with the calling thread's connection kept open between calls.

    The consumers call :func:`append` for every keystroke; Channels' ``database_sync_to_async``
    closes the connection after each call, and reopening it (with its set-up statements, and on
    SQLite a WAL checkpoint at every close) cost 5-7 ms an update, measured, against 0.8 ms.
    A database error closes it, so the next call starts on a fresh one (a restarted server).
    """

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DatabaseError:
            connection.close()
            raise

    return run


def append(diagram_id: int, data: bytes, author_id: int | None) -> int:
    """Store one client update; its seq (see :func:`append_many`)."""
    return append_many(diagram_id, [(data, author_id)])[0]


def append_many(diagram_id: int, updates: list[tuple[bytes, int | None]]) -> list[int]:
    """Store client updates (bytes, author id) in one transaction; their seqs, in order.
    Committed when this returns: the caller announces them (``collab.update`` to
    :func:`~builder.collab.groups.room_group`) only then."""
    table = connection.ops.quote_name(SharedState._meta.db_table)
    with transaction.atomic():
        # One statement takes the next numbers and holds the row until the commit (the
        # appends of one diagram queue here, so numbers are given in commit order).
        with connection.cursor() as cursor:
            cursor.execute(
                # The table name is the model's, never input.
                f"UPDATE {table} SET seq = seq + %s WHERE diagram_id = %s RETURNING seq",  # noqa: S608
                [len(updates), diagram_id],
            )
            row = cursor.fetchone()
        if row is None:  # the diagram's first update ever: make its state first
            state = _locked_state(diagram_id)
            return [_append(state, data, author) for data, author in updates]
        first = int(row[0]) - len(updates) + 1
        Update.objects.bulk_create(
            [
                Update(diagram_id=diagram_id, seq=first + i, data=data, author_id=author)
                for i, (data, author) in enumerate(updates)
            ]
        )
    return list(range(first, first + len(updates)))


def merge_saved_revisions(diagram_id: int) -> None:
    """THE hook for saves outside the live session (the API's PUT, restore, rename): merge
    every revision saved since the shared state last caught up into it, as a diff, and tell
    every live client. Call it after the save commits; calling it again is a no-op. Nothing
    to do when the diagram never had a live session (the first one starts from the document).
    Live sessions call it themselves when they hear ``diagram.saved``."""
    with transaction.atomic():
        state = SharedState.objects.select_for_update().filter(pk=diagram_id).first()
        if state is None:
            return
        updates = list(Update.objects.filter(diagram_id=diagram_id, seq__gt=state.compacted_seq))
        _merge_saves(state, _doc_from(state, updates))


def merge_missed_saves(diagram_id: int) -> None:
    """A socket joins: merge a save the shared state has not caught up with yet. Its
    ``diagram.saved`` may never have come (sent while the channel layer was down): without this
    a reconnecting editor would not see it until the next edit settles. Cheap when there is
    nothing to merge (one query, no lock)."""
    row = SharedState.objects.filter(pk=diagram_id).values_list("revision", "diagram__revision").first()
    if row is not None and row[1] > row[0]:
        merge_saved_revisions(diagram_id)


def write_revision(diagram_id: int) -> int | None:
    """Write the shared state as a revision (when the document changed) and fold the updates
    it includes into the compacted state. The revision's author is whoever made most of the
    changes; every author is a :class:`RevisionAuthor`. Returns the revision written, or None.

    The slow part (the document, its rules and findings) runs without the state row's lock, so
    updates keep being stored meanwhile: ``save_diagram``'s compare-and-set is what orders it
    against other saves. A save that comes in between makes it raise
    :class:`~builder.services.diagrams.RevisionConflict`: nothing is written and the caller
    tries again (the retry merges that save first).
    """
    merge_saved_revisions(diagram_id)
    state = SharedState.objects.filter(pk=diagram_id).first()
    if state is None:
        return None
    updates = list(Update.objects.filter(diagram_id=diagram_id, seq__gt=state.compacted_seq))
    if not updates:
        return None
    last, base = updates[-1].seq, state.revision
    ydoc = _doc_from(state, updates)
    document = Y.ydoc_to_document(ydoc)
    diagram = Diagram.objects.get(pk=diagram_id)
    if diagram.revision != base:  # saved elsewhere since the merge above: merge it first
        raise diagram_services.RevisionConflict(diagram)
    written: int | None = None
    if doc_module.canonical_json(document) != doc_module.canonical_json(diagram.document):
        counts = Counter(u.author_id for u in updates if u.author_id is not None)
        authors = [a for a, _ in counts.most_common()]
        users = {u.pk: u for u in get_user_model().objects.filter(pk__in=authors)}
        main = users.get(authors[0]) if authors else None
        with transaction.atomic():
            saved = diagram_services.save_diagram(diagram, main, base, document, reason=REASON, checked=True)
            written = saved.revision
            revision = Revision.objects.get(diagram_id=diagram_id, number=written)
            RevisionAuthor.objects.bulk_create(
                [RevisionAuthor(revision=revision, user=users[a]) for a in authors if a in users]
            )
    with transaction.atomic():
        locked = SharedState.objects.select_for_update().filter(pk=diagram_id).first()
        if locked is None:
            return written
        if locked.compacted_seq < last:  # (another process may have folded them already)
            Update.objects.filter(diagram_id=diagram_id, seq__lte=last).delete()
            SharedState.objects.filter(pk=diagram_id).update(state=ydoc.get_update(), compacted_seq=last)
        if written is not None:  # unless a save made meanwhile was merged already (it is later)
            SharedState.objects.filter(pk=diagram_id, revision=base).update(revision=written)
    return written


def pending(diagram_id: int) -> bool:
    """Whether updates are waiting to be folded into a revision."""
    state = SharedState.objects.filter(pk=diagram_id).only("compacted_seq", "seq").first()
    return state is not None and state.seq > state.compacted_seq


def authors_of(revision: Revision) -> list[Any]:
    return [a.user for a in RevisionAuthor.objects.filter(revision=revision).select_related("user")]

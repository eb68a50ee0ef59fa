"""The live-editing socket: who may join, what is stored before it is relayed, revisions once
edits settle, presence, merging saves made outside the session. Runs on the embedded default
and on PostgreSQL + Redis (the real-services run)."""

from __future__ import annotations

import asyncio
import copy
from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from pycrdt import Doc

from builder.collab import store
from builder.collab import ydoc as Y
from builder.collab.models import Member, RevisionAuthor, SharedState, Update
from builder.models import Diagram, Revision, ShareLink
from builder.services import diagrams as svc
from builder.services import sharing
from tests.collab.client import YClient
from tests.conftest import minimal_document

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def _quick(settings: Any) -> None:
    settings.COLLAB_SETTLE_S = 0.3
    settings.COLLAB_MAX_WAIT_S = 5.0


@sync_to_async
def world() -> tuple[Any, Any, Any, Diagram]:
    users = get_user_model().objects
    owner = users.create_user("ada", password="correct horse battery", first_name="Ada", last_name="Lovelace")
    colleague = users.create_user("grace", password="another good password")
    stranger = users.create_user("eve", password="yet another password")
    diagram = svc.create_diagram(owner, minimal_document())
    Member.objects.create(diagram=diagram, user=colleague, role="editor", added_by=owner)
    return owner, colleague, stranger, diagram


async def joined(path: str, user: Any = None, **kwargs: Any) -> YClient:
    client = YClient(path, user, **kwargs)
    connected, code = await client.connect()
    assert connected, code
    await client.pump(timeout=0.3)
    return client


def move(node_id: str, x: float, y: float) -> Any:
    return lambda doc: Y.set_node_field(doc, node_id, "position", {"x": x, "y": y})


@sync_to_async
def stored_updates(diagram: Diagram) -> int:
    return Update.objects.filter(diagram=diagram).count()


@sync_to_async
def fresh(diagram: Diagram) -> Diagram:
    return Diagram.objects.get(pk=diagram.pk)


async def settle(diagram: Diagram, revision: int, timeout: float = 10.0) -> Diagram:
    end = asyncio.get_running_loop().time() + timeout
    while True:
        current = await fresh(diagram)
        if current.revision >= revision:
            return current
        assert asyncio.get_running_loop().time() < end, f"no revision {revision} was written"
        await asyncio.sleep(0.1)


async def test_who_may_join() -> None:
    owner, colleague, stranger, diagram = await world()
    path = f"/ws/collab/{diagram.pk}/"
    assert await YClient(path).connect() == (False, 4401)  # anonymous
    assert await YClient(path, stranger).connect() == (False, 4403)
    assert await YClient(f"/ws/collab/{diagram.pk + 1000}/", owner).connect() == (False, 4404)
    assert await YClient("/ws/review/no-such-token/collab/").connect() == (False, 4404)
    _, token = await sync_to_async(sharing.create_link)(diagram, owner, "view", freeze=True)
    assert await YClient(f"/ws/review/{token}/collab/").connect() == (False, 4409)

    for user in (owner, colleague):
        client = await joined(path, user)
        # The sync handshake gives the client the diagram's document.
        assert client.document() == diagram.document
        await client.close()


async def test_an_update_is_stored_before_anyone_hears_of_it_and_the_sender_gets_it_back() -> None:
    owner, colleague, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    b = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    assert await stored_updates(diagram) == 0
    await a.edit(move("thumb", 500, 600))
    # b hears of it only once it is a row; a gets its own update back: the acknowledgement.
    await b.until(lambda: len(b.received_updates) >= 1)
    assert await stored_updates(diagram) == 1
    await a.until(lambda: len(a.received_updates) >= 1)
    positions = {n["id"]: n["position"] for n in b.document()["nodes"]}
    assert positions["thumb"] == {"x": 500, "y": 600}
    row = await sync_to_async(lambda: Update.objects.get(diagram=diagram))()
    assert row.author_id == owner.pk and row.seq == 1
    await a.close()
    await b.close()


async def test_two_editors_converge_and_a_revision_is_written_once_edits_settle() -> None:
    owner, colleague, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    b = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    # At the same time: different nodes, and the same field of one node.
    await asyncio.gather(
        a.edit(move("uploads", 1, 2)),
        b.edit(lambda doc: Y.set_prop(doc, "thumb", "memory_mb", 2048)),
        a.edit(lambda doc: Y.set_node_field(doc, "thumb", "label", "from a")),
        b.edit(lambda doc: Y.set_node_field(doc, "thumb", "label", "from b")),
    )
    await a.until(lambda: len(a.received_updates) >= 4)
    await b.until(lambda: len(b.received_updates) >= 4)
    assert a.document() == b.document()
    nodes = {n["id"]: n for n in a.document()["nodes"]}
    assert nodes["uploads"]["position"] == {"x": 1, "y": 2}
    assert nodes["thumb"]["props"]["memory_mb"] == 2048
    assert nodes["thumb"]["label"] in ("from a", "from b")

    saved = await settle(diagram, 2)
    assert saved.document == a.document()
    revision = await sync_to_async(Revision.objects.get)(diagram=diagram, number=2)
    assert revision.reason == "live edit"
    authors = await sync_to_async(
        lambda: sorted(r.user.username for r in RevisionAuthor.objects.filter(revision=revision))
    )()
    assert authors == ["ada", "grace"]
    # The updates were folded into the stored state: a newcomer gets the same document.
    await asyncio.sleep(0.2)
    assert await stored_updates(diagram) == 0
    state = await sync_to_async(SharedState.objects.get)(pk=diagram.pk)
    assert state.compacted_seq == 4 and state.revision == 2
    c = await joined(f"/ws/collab/{diagram.pk}/", owner)
    assert c.document() == a.document()
    for client in (a, b, c):
        await client.close()


async def test_a_view_link_is_read_only_and_hears_edits() -> None:
    owner, _, _, diagram = await world()
    _, token = await sync_to_async(sharing.create_link)(diagram, owner, "comment")
    editor = await joined(f"/ws/collab/{diagram.pk}/", owner)
    reviewer = await joined(f"/ws/review/{token}/collab/")
    assert reviewer.document() == diagram.document
    await reviewer.edit(move("thumb", -50, -50))  # ignored: never stored or relayed
    assert await editor.pump(timeout=0.5) == 0
    assert await stored_updates(diagram) == 0
    await editor.edit(move("uploads", 7, 8))
    await reviewer.until(lambda: len(reviewer.received_updates) >= 1)
    nodes = {n["id"]: n for n in reviewer.document()["nodes"]}
    assert nodes["uploads"]["position"] == {"x": 7, "y": 8}
    await editor.close()
    await reviewer.close()


async def test_revoking_a_link_and_its_expiry_close_the_socket_at_once() -> None:
    owner, _, _, diagram = await world()
    link, token = await sync_to_async(sharing.create_link)(diagram, owner, "view")
    reviewer = await joined(f"/ws/review/{token}/collab/")
    await sync_to_async(sharing.revoke_link)(link)
    await reviewer.pump(timeout=3)
    assert reviewer.closed == 4410

    soon = timezone.now() + timedelta(seconds=1.5)
    _, token = await sync_to_async(sharing.create_link)(diagram, owner, "view", expires_at=soon)
    reviewer = await joined(f"/ws/review/{token}/collab/")
    await reviewer.pump(timeout=3)
    assert reviewer.closed == 4410
    assert timezone.now() >= soon


async def test_logging_out_closes_the_sessions_socket() -> None:
    _, _, _, diagram = await world()
    browser = Client()
    assert await sync_to_async(browser.login)(username="ada", password="correct horse battery")
    cookie = f"sessionid={browser.cookies['sessionid'].value}".encode()
    client = await joined(f"/ws/collab/{diagram.pk}/", headers=[(b"cookie", cookie)])
    assert client.closed is None
    response = await sync_to_async(browser.post)("/accounts/logout/")
    assert response.status_code == 302
    await client.pump(timeout=3)
    assert client.closed == 4401


async def test_removing_a_member_closes_their_socket() -> None:
    _, colleague, _, diagram = await world()
    client = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    from builder.collab import members

    await sync_to_async(members.remove_member)(diagram, colleague)
    await client.pump(timeout=3)
    assert client.closed == 4403


async def test_presence_carries_the_servers_identity_and_no_one_speaks_for_another() -> None:
    owner, colleague, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    b = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    await a.say_presence({"user": {"name": "Not Ada"}, "pointer": {"x": 10, "y": 20}, "selection": ["thumb"], "x": 1})
    await b.until(lambda: a.doc.client_id in b.presence)
    seen = b.presence[a.doc.client_id]
    assert seen is not None
    assert seen["user"]["name"] == "Ada Lovelace" and seen["user"]["initials"] == "AL"
    assert seen["user"]["role"] == "owner" and seen["user"]["colour"].startswith("#")
    assert seen["pointer"] == {"x": 10, "y": 20} and seen["selection"] == ["thumb"] and "x" not in seen
    # b claims a's client id: dropped.
    await b.say_presence({"pointer": {"x": 0, "y": 0}}, client_id=a.doc.client_id)
    assert await a.pump(timeout=0.5) == 0
    # A newcomer hears who is here; when a leaves, everyone hears it.
    c = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    assert c.presence[a.doc.client_id]["user"]["name"] == "Ada Lovelace"
    await a.close()
    await b.until(lambda: b.presence.get(a.doc.client_id, {}) is None)
    await b.close()
    await c.close()


async def test_a_save_made_outside_the_session_is_merged_into_it() -> None:
    owner, _, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    await a.edit(move("uploads", 111, 222))
    await a.until(lambda: len(a.received_updates) >= 1)
    # A script reads the diagram and PUTs a change (the API saves it, the session merges it).
    # It reads revision 1, or 2 if the live edit has settled into a revision already (a busy
    # machine): either way the live move must survive.
    current = await fresh(diagram)
    scripted = copy.deepcopy(current.document)
    scripted["name"] = "Scripted"
    scripted["nodes"][1]["props"]["timeout_s"] = 30
    await sync_to_async(svc.save_diagram)(current, owner, current.revision, scripted)
    await a.until(lambda: a.document().get("name") == "Scripted")
    nodes = {n["id"]: n for n in a.document()["nodes"]}
    assert nodes["thumb"]["props"]["timeout_s"] == 30
    assert nodes["uploads"]["position"] == {"x": 111, "y": 222}  # the live edit is kept
    end = asyncio.get_running_loop().time() + 10
    while (await fresh(diagram)).document != a.document():  # the session's revision follows
        assert asyncio.get_running_loop().time() < end, "the merged document was never saved"
        await asyncio.sleep(0.1)
    await a.close()


async def test_an_update_that_is_not_yjs_closes_the_socket_and_stores_nothing() -> None:
    owner, _, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    await a.comm.send_to(bytes_data=bytes([0, 2, 5, 1, 2, 3, 4, 5]))
    await a.pump(timeout=2)
    assert a.closed == 4400
    assert await stored_updates(diagram) == 0


async def test_an_update_whose_announcement_was_lost_is_read_back_from_the_database() -> None:
    owner, colleague, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    b = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    # Another process stored an update, and the channel layer dropped its announcement.
    other = Doc()
    other.apply_update((await sync_to_async(store.load)(diagram.pk)).update)
    before = other.get_state()
    Y.set_node_field(other, "uploads", "label", "from the other process")
    assert await sync_to_async(store.append)(diagram.pk, other.get_update(before), colleague.pk) == 1
    assert await b.pump(timeout=0.5) == 0  # nobody heard of it
    # The next update (seq 2) shows the gap: the rooms read seq 1 back and send both, in order.
    await a.edit(move("thumb", 1, 1))
    await b.until(lambda: len(b.received_updates) >= 2)
    await a.until(lambda: len(a.received_updates) >= 2)
    for client in (a, b):
        nodes = {n["id"]: n for n in client.document()["nodes"]}
        assert nodes["uploads"]["label"] == "from the other process"
        assert nodes["thumb"]["position"] == {"x": 1, "y": 1}
        await client.close()


async def test_deleting_the_diagram_closes_every_socket_and_a_viewer_member_is_read_only() -> None:
    owner, colleague, _, diagram = await world()
    await sync_to_async(Member.objects.filter(user=colleague).update)(role="viewer")
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    viewer = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    await viewer.edit(move("thumb", 9, 9))  # ignored
    assert await a.pump(timeout=0.5) == 0
    assert await stored_updates(diagram) == 0
    await sync_to_async(svc.delete_diagram)(diagram)
    await a.pump(timeout=3)
    await viewer.pump(timeout=3)
    assert a.closed == 4410 and viewer.closed == 4410


async def test_the_periodic_recheck_closes_a_socket_whose_link_was_revoked_unannounced(settings: Any) -> None:
    settings.COLLAB_RECHECK_S = 0.5
    owner, _, _, diagram = await world()
    link, token = await sync_to_async(sharing.create_link)(diagram, owner, "view")
    reviewer = await joined(f"/ws/review/{token}/collab/")
    # Revoked behind the socket's back (no link.revoked event): the re-check finds it.
    await sync_to_async(ShareLink.objects.filter(pk=link.pk).update)(revoked_at=timezone.now())
    await reviewer.pump(timeout=3)
    assert reviewer.closed == 4410


async def test_a_save_whose_announcement_was_lost_is_merged_when_someone_joins() -> None:
    owner, colleague, _, diagram = await world()
    a = await joined(f"/ws/collab/{diagram.pk}/", owner)
    # Another process saved a revision while the channel layer was down: nobody heard of it.
    current = await fresh(diagram)
    saved = copy.deepcopy(current.document)
    saved["name"] = "Saved while nobody listened"

    def save_unannounced() -> None:
        Diagram.objects.filter(pk=diagram.pk).update(document=saved, revision=current.revision + 1)
        Revision.objects.create(
            diagram_id=diagram.pk,
            number=current.revision + 1,
            document=saved,
            content_hash="x",
            author=owner,
            reason="save",
        )

    await sync_to_async(save_unannounced)()
    assert await a.pump(timeout=0.5) == 0
    # Someone (re)joins: the save is merged and reaches everyone in the session.
    b = await joined(f"/ws/collab/{diagram.pk}/", colleague)
    await a.until(lambda: a.document().get("name") == "Saved while nobody listened")
    await b.until(lambda: b.document().get("name") == "Saved while nobody listened")
    await a.close()
    await b.close()

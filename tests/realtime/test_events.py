"""Live updates over WebSockets: who may listen, what they hear, and that events are JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model

from builder.services import diagrams as svc
from builder.services import sharing
from config.asgi import application
from tests.conftest import minimal_document

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def communicator(path: str, user: Any = None) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(application, path, headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")])
    if user is not None:
        comm.scope["user"] = user
    return comm


@sync_to_async
def make_world() -> tuple[Any, Any, Any]:
    users = get_user_model().objects
    owner = users.create_user("ada", password="x" * 12)
    stranger = users.create_user("eve", password="y" * 12)
    return owner, stranger, svc.create_diagram(owner, minimal_document())


async def test_owner_hears_saves_as_json_and_others_are_refused() -> None:
    owner, stranger, diagram = await make_world()
    refused = communicator(f"/ws/diagrams/{diagram.pk}/", stranger)
    connected, code = await refused.connect()
    assert not connected and code == 4403

    comm = communicator(f"/ws/diagrams/{diagram.pk}/", owner)
    connected, _ = await comm.connect()
    assert connected
    # Every (re)connect first tells the current revision, so a client resyncs what it missed.
    assert await comm.receive_json_from(timeout=5) == {"type": "diagram.state", "diagram": diagram.pk, "revision": 1}
    doc = minimal_document(name="Renamed")
    await sync_to_async(svc.save_diagram)(diagram, owner, 1, doc)
    event = await comm.receive_json_from(timeout=5)
    assert json.loads(json.dumps(event)) == event
    assert event == {"type": "diagram.saved", "diagram": diagram.pk, "revision": 2, "reason": "save"}
    await comm.disconnect()


async def test_stale_save_sends_nothing() -> None:
    owner, _, diagram = await make_world()
    comm = communicator(f"/ws/diagrams/{diagram.pk}/", owner)
    await comm.connect()
    assert (await comm.receive_json_from(timeout=5))["type"] == "diagram.state"
    await sync_to_async(svc.save_diagram)(diagram, owner, 1, minimal_document(name="one"))
    assert (await comm.receive_json_from(timeout=5))["revision"] == 2
    with pytest.raises(svc.RevisionConflict):
        await sync_to_async(svc.save_diagram)(diagram, owner, 1, minimal_document(name="two"))
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


async def test_reviewer_hears_comments_and_is_closed_on_revoke() -> None:
    owner, _, diagram = await make_world()
    link, token = await sync_to_async(sharing.create_link)(diagram, owner, "comment")
    bad = communicator("/ws/review/wrong-token/")
    assert (await bad.connect()) == (False, 4404)

    comm = communicator(f"/ws/review/{token}/")
    connected, _ = await comm.connect()
    assert connected
    await sync_to_async(sharing.add_comment)(link, diagram, body="Why?", author_name="Kim", node="thumb")
    event = await comm.receive_json_from(timeout=5)
    assert event["type"] == "comment.added" and event["comment"]["node"] == "thumb"
    await sync_to_async(sharing.revoke_link)(link)
    assert (await comm.receive_json_from(timeout=5)) == {"type": "link.revoked"}
    closed = await comm.receive_output(timeout=5)
    assert closed["type"] == "websocket.close" and closed["code"] == 4410

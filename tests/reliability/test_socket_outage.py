"""A channel-layer (Redis) outage: saves go on, a WebSocket handshake is refused cleanly with
close code 1013 (try again later) instead of a 500, and a socket opened after Redis is back
first hears the current revision, so the editor resyncs what it missed. Against a
redis-server of the test's own, stopped and started again on the same port."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model

from builder.services import diagrams as svc
from config.asgi import application
from tests.conftest import minimal_document

from .services import RedisServer

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


@pytest.fixture
def own_redis(settings: Any) -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [server.url], "prefix": "outage-test"},
        }
    }
    try:
        yield server
    finally:
        server.stop()


def socket_for(diagram_id: int, user: Any) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(
        application, f"/ws/diagrams/{diagram_id}/", headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    )
    comm.scope["user"] = user
    return comm


async def test_handshake_during_a_redis_outage_is_refused_cleanly_and_reconnect_resyncs(
    own_redis: RedisServer,
) -> None:
    owner = await sync_to_async(get_user_model().objects.create_user)("ada", password="x" * 12)
    diagram = await sync_to_async(svc.create_diagram)(owner, minimal_document())

    before = socket_for(diagram.pk, owner)
    assert (await before.connect())[0]
    assert await before.receive_json_from(timeout=5) == {"type": "diagram.state", "diagram": diagram.pk, "revision": 1}
    await before.disconnect()

    own_redis.stop()
    during = socket_for(diagram.pk, owner)
    await during.connect(timeout=10)
    closed = await during.receive_output(timeout=10)
    assert closed == {"type": "websocket.close", "code": 1013}
    # Saves do not depend on Redis: this one's event is lost, but not the save.
    saved = await sync_to_async(svc.save_diagram)(diagram, owner, 1, minimal_document(name="saved in the outage"))
    assert saved.revision == 2

    own_redis.start()
    after = socket_for(diagram.pk, owner)
    assert (await after.connect(timeout=10))[0]
    # The first thing a reconnecting editor hears is where the diagram is now.
    assert await after.receive_json_from(timeout=5) == {"type": "diagram.state", "diagram": diagram.pk, "revision": 2}
    await sync_to_async(svc.save_diagram)(saved, owner, 2, minimal_document(name="after"))
    assert (await after.receive_json_from(timeout=5))["revision"] == 3
    await after.disconnect()

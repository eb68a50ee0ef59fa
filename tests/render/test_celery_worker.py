"""The distributed path: a render goes through Redis to a real `celery worker` process, and
its progress comes back over the Redis channel layer to the owner's WebSocket."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import get_user_model

from builder.models import Render
from builder.services import diagrams as diagram_svc
from builder.services import renders as svc
from config.asgi import application
from tests.conftest import minimal_document

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.skipif(not settings.REDIS_URL, reason="the real-services run (REDIS_URL) has a Celery worker"),
]


@sync_to_async
def make_diagram() -> tuple[Any, Any]:
    owner = get_user_model().objects.create_user("ada", password="x" * 12)
    return owner, diagram_svc.create_diagram(owner, minimal_document())


async def test_celery_worker_renders_and_pushes_progress(celery_worker_process: Any) -> None:
    assert celery_worker_process is not None and celery_worker_process.poll() is None
    owner, diagram = await make_diagram()
    comm = WebsocketCommunicator(
        application, f"/ws/diagrams/{diagram.pk}/", headers=[(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    )
    comm.scope["user"] = owner
    connected, _ = await comm.connect()
    assert connected
    assert (await comm.receive_json_from(timeout=5))["type"] == "diagram.state"

    render = await sync_to_async(svc.request_render)(diagram, "svg")
    statuses = []
    while not statuses or statuses[-1] not in ("done", "failed"):
        event = await comm.receive_json_from(timeout=60)
        assert event["type"] == "render.progress" and event["render"]["id"] == render.pk
        statuses.append(event["render"]["status"])
    assert statuses[-2:] == ["running", "done"]

    done = await sync_to_async(Render.objects.get)(pk=render.pk)
    assert done.status == "done" and done.size_bytes and done.size_bytes > 1000
    with done.file.open("rb") as fh:
        svg = fh.read()
    assert b"<svg" in svg and "썸네일 생성".encode() in svg
    await comm.disconnect()

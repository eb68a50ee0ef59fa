"""What a client sends over a socket is read with the REST API's limits: an error frame, never a crash."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model

from builder.api.parsers import MAX_DEPTH
from builder.realtime.consumers import MAX_FRAME_CHARS
from builder.services import diagrams as svc
from builder.services import sharing
from tests.conftest import minimal_document
from tests.realtime.test_events import communicator

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@sync_to_async
def owner_with_diagram() -> tuple[Any, Any]:
    owner = get_user_model().objects.create_user("ada", password="x" * 12)
    return owner, svc.create_diagram(owner, minimal_document())


async def owner_socket() -> Any:
    owner, diagram = await owner_with_diagram()
    comm = communicator(f"/ws/diagrams/{diagram.pk}/", owner)
    assert (await comm.connect())[0]
    assert (await comm.receive_json_from(timeout=5))["type"] == "diagram.state"
    return comm


async def test_a_message_nested_1000_deep_is_an_error_frame_and_the_socket_lives() -> None:
    comm = await owner_socket()
    await comm.send_to(text_data="[" * 1000 + "]" * 1000)
    error = await comm.receive_json_from(timeout=5)
    assert error == {"type": "error", "detail": f"malformed JSON: arrays and objects may nest at most {MAX_DEPTH} deep"}
    # Still open and still answering.
    await comm.send_json_to({"type": "ping"})
    assert await comm.receive_json_from(timeout=5) == {"type": "pong"}
    await comm.disconnect()


async def test_objects_nested_33_deep_are_refused_and_32_deep_read() -> None:
    comm = await owner_socket()
    nested: Any = "x"
    for _ in range(MAX_DEPTH + 1):
        nested = {"a": nested}
    await comm.send_json_to(nested)
    assert (await comm.receive_json_from(timeout=5))["type"] == "error"
    await comm.send_json_to(nested["a"])  # 32 deep: read (and ignored: not a ping)
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


async def test_text_that_is_not_json_is_an_error_frame() -> None:
    comm = await owner_socket()
    await comm.send_to(text_data="{ping")
    error = await comm.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["detail"].startswith("malformed JSON: ")
    await comm.disconnect()


async def test_a_binary_frame_is_an_error_frame() -> None:
    comm = await owner_socket()
    await comm.send_to(bytes_data=b"\x00\x01")
    error = await comm.receive_json_from(timeout=5)
    assert error == {"type": "error", "detail": "frames must be JSON text, not binary"}
    await comm.disconnect()


async def test_a_frame_over_the_size_limit_is_an_error_frame() -> None:
    comm = await owner_socket()
    await comm.send_json_to({"type": "ping", "pad": "x" * MAX_FRAME_CHARS})
    error = await comm.receive_json_from(timeout=5)
    assert error == {"type": "error", "detail": f"a frame may be at most {MAX_FRAME_CHARS:,} characters"}
    await comm.disconnect()


async def test_a_reviewer_hears_a_save_without_the_diagram_id() -> None:
    owner, diagram = await owner_with_diagram()
    _, token = await sync_to_async(sharing.create_link)(diagram, owner, "view")
    comm = communicator(f"/ws/review/{token}/")
    assert (await comm.connect())[0]
    await sync_to_async(svc.save_diagram)(diagram, owner, 1, minimal_document(name="Renamed"))
    assert await comm.receive_json_from(timeout=5) == {"type": "diagram.saved", "revision": 2, "reason": "save"}
    await comm.disconnect()

"""config/http.py: Django's HTTP requests under ASGI, each in one call on a pooled thread.

Driven through the ASGI application itself (channels' HttpCommunicator: the scope and messages
an ASGI server sends), with the real middleware, views and database.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.core import signals
from django.db import connection
from rest_framework.authtoken.models import Token

from config.http import HTTPHandler, http_application
from tests.conftest import minimal_document


@pytest.fixture
def handler() -> HTTPHandler:
    app = http_application()
    assert isinstance(app, HTTPHandler)
    return app


@pytest.fixture
def threads_seen() -> Iterator[dict[str, set[str]]]:
    """The threads the request signals ran on, and whether each thread still held a connection."""
    seen: dict[str, set[str]] = {"started": set(), "finished": set(), "open_after": set()}

    def started(**_: Any) -> None:
        seen["started"].add(threading.current_thread().name)

    def finished(**_: Any) -> None:
        seen["finished"].add(threading.current_thread().name)

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    yield seen
    signals.request_started.disconnect(started)
    signals.request_finished.disconnect(finished)


async def call(app: Any, method: str, path: str, token: str = "", body: Any = None) -> dict[str, Any]:
    headers = [(b"host", b"testserver"), (b"content-type", b"application/json")]
    if token:
        headers.append((b"authorization", f"Token {token}".encode()))
    raw = json.dumps(body).encode() if body is not None else b""
    headers.append((b"content-length", str(len(raw)).encode()))
    return await exchange(app, method, path, headers, raw)


async def exchange(
    app: Any, method: str, path: str, headers: list[tuple[bytes, bytes]], raw: bytes = b""
) -> dict[str, Any]:
    """One request and its whole answer (a streamed one ends with a body message without a
    body, which channels' HttpCommunicator does not take)."""
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "path": path,
        "query_string": b"",
        "headers": headers,
    }
    communicator = ApplicationCommunicator(app, scope)
    await communicator.send_input({"type": "http.request", "body": raw})
    start = await communicator.receive_output(20)
    assert start["type"] == "http.response.start"
    body = b""
    while True:
        part = await communicator.receive_output(20)
        assert part["type"] == "http.response.body"
        body += part.get("body", b"")
        if not part.get("more_body", False):
            break
    await communicator.wait(5)
    return {"status": start["status"], "headers": start["headers"], "body": body}


def token_for(django_user_model: Any) -> str:
    user = django_user_model.objects.create_user(username="ada", password="correct horse battery")
    return str(Token.objects.create(user=user).key)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_request_runs_its_middleware_view_and_signals_on_one_pooled_thread(
    handler: HTTPHandler, threads_seen: dict[str, set[str]], django_user_model: Any
) -> None:
    from asgiref.sync import sync_to_async

    token = await sync_to_async(token_for)(django_user_model)
    created = await call(handler, "POST", "/api/diagrams/", token, {"document": minimal_document(name="one hop")})
    assert created["status"] == 201, created["body"][:300]
    diagram = json.loads(created["body"])
    answer = await call(handler, "GET", f"/api/diagrams/{diagram['id']}/", token)
    assert answer["status"] == 200
    assert json.loads(answer["body"])["name"] == "one hop"
    # Both signals on the handler's own threads (Django's handler sends request_started from the
    # event loop's side and runs each view on a thread made for that request).
    assert threads_seen["started"] and threads_seen["started"] <= threads_seen["finished"]
    assert all(name.startswith("http") for name in threads_seen["started"] | threads_seen["finished"])


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_each_request_gives_its_database_connection_back_before_the_answer_is_sent(
    handler: HTTPHandler, django_user_model: Any
) -> None:
    from asgiref.sync import sync_to_async

    token = await sync_to_async(token_for)(django_user_model)
    held: list[bool] = []
    original = handler.serve

    def serve(scope: dict[str, Any], body_file: Any) -> Any:
        response = original(scope, body_file)
        held.append(connection.connection is not None)  # this thread's connection, after the call
        return response

    handler.serve_in_thread = sync_to_async(serve, thread_sensitive=False, executor=handler.executor)
    for _ in range(3):
        assert (await call(handler, "GET", "/api/diagrams/", token))["status"] == 200
    assert held == [False, False, False]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_streamed_answer_is_sent_whole(handler: HTTPHandler) -> None:
    # The editor's own files are streamed (WhiteNoise's file answers).
    page = await call(handler, "GET", "/api/catalog/")
    assert page["status"] == 200
    catalog = json.loads(page["body"])
    icon = catalog["types"][0]["icon"]
    streamed = await call(handler, "GET", icon)
    assert streamed["status"] == 200
    assert streamed["body"].lstrip().startswith((b"<svg", b"<?xml", b"\x89PNG"))


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_bad_request_is_answered_without_reaching_a_view(handler: HTTPHandler) -> None:
    answer = await exchange(handler, "GET", "/api/catalog/", [(b"host", b"evil.example")])
    assert answer["status"] == 400


@pytest.mark.django_db
def test_the_stock_handler_stays_available_for_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.handlers.asgi import ASGIHandler

    monkeypatch.setenv("BUILDER_HTTP", "django")
    app = http_application()
    assert type(app) is ASGIHandler

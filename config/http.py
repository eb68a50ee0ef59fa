"""Django's HTTP requests under ASGI with one thread hop each (issue 13, bench/README.md "load").

Django's own ``ASGIHandler`` runs every view in a thread made for that request (its
``ThreadSensitiveContext``) and, because the middleware here are synchronous, hops between the
event loop and that thread about six times per request: into the thread for the middleware,
back to the loop (``AsyncToSync``) for ``_get_response_async``, into the thread again for the
view, back, and once more each for the ``request_started`` and ``request_finished`` signals.
Profiled under load (py-spy), the hops and the thread made and joined per request cost about
as much CPU as the view itself.

``HTTPHandler`` is the same handler with the synchronous path of ``BaseHandler``, the one
Django uses under WSGI: the middleware chain, the view and both signals run in **one** call on a
worker thread, taken from a pool that lives as long as the process (``HTTP_THREADS`` threads,
by default as many as the database pool has connections, so no request waits for a
connection it could not get). The event loop only reads the request body, sends the answer
and watches for a client that goes away, as Django's handler does.

Database connections are per thread in Django, so each request gives its connection back
(``request_finished``) on the thread that used it, before the answer is sent: the answer is
already bytes. A streaming answer (a file download) is sent after the call; its connection is
given back at the end of the call too, so a streaming answer must not read the database while
it streams (none does: they stream files).

``BUILDER_HTTP=django`` serves with Django's stock handler instead (for comparing the two in
bench/load.py; nothing else needs it).
"""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core import signals
from django.core.exceptions import RequestAborted
from django.core.handlers import base
from django.core.handlers.asgi import ASGIHandler, get_script_prefix
from django.db import close_old_connections
from django.http import FileResponse, HttpResponseBase
from django.urls import set_script_prefix


class HTTPHandler(ASGIHandler):
    """Django over ASGI: body read and answer sent on the loop, everything else in one thread call."""

    def __init__(self, threads: int) -> None:
        base.BaseHandler.__init__(self)
        self.load_middleware(is_async=False)
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="http")
        self.serve_in_thread = sync_to_async(self.serve, thread_sensitive=False, executor=self.executor)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        await self.handle(scope, receive, send)

    def serve(self, scope: dict[str, Any], body_file: Any) -> HttpResponseBase:
        """The synchronous part of one request: signals, middleware, view (WSGI's path)."""
        set_script_prefix(get_script_prefix(scope))
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        response = error_response if request is None else self.get_response(request)
        response._handler_class = self.__class__  # type: ignore[attr-defined]  # as Django's handler marks it
        if isinstance(response, FileResponse):
            response.block_size = self.chunk_size
        if response.streaming:
            close_old_connections()  # this thread's connection back to the pool (CONN_MAX_AGE 0)
        else:
            response.close()  # request_finished: on the thread that used the database
        return response

    async def handle(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return

        async def process() -> HttpResponseBase:
            response = await self.serve_in_thread(scope, body_file)
            try:
                await self.send_response(response, send)
            except asyncio.CancelledError:
                pass  # the client went away while the answer was being sent
            finally:
                if response.streaming:  # its file is closed, and request_finished sent
                    await sync_to_async(response.close, thread_sensitive=False, executor=self.executor)()
            return response

        # As Django's handler: a client that disconnects cancels the request's task.
        listen = asyncio.create_task(self.listen_for_disconnect(receive))
        work = asyncio.create_task(process())
        await asyncio.wait([listen, work], return_when=asyncio.FIRST_COMPLETED)
        for task in (listen, work):
            if task.done():
                try:
                    task.result()
                except RequestAborted:
                    pass
                except AssertionError:
                    body_file.close()
                    raise
            else:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        body_file.close()


def http_application() -> Any:
    """The HTTP side of config.asgi: ``HTTPHandler``, or Django's own with ``BUILDER_HTTP=django``."""
    import os

    import django

    django.setup(set_prefix=False)
    if os.environ.get("BUILDER_HTTP", "") == "django":
        return ASGIHandler()
    return HTTPHandler(threads=settings.HTTP_THREADS)

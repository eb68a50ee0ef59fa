"""A Yjs client for the tests: a pycrdt replica speaking the sync and awareness protocols
through a Channels WebsocketCommunicator (the same messages a browser's Yjs provider sends)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from channels.testing import WebsocketCommunicator
from pycrdt import (
    Decoder,
    Doc,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
)

from builder.collab import presence
from builder.collab import ydoc as Y
from config.asgi import application

HEADERS = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]


class YClient:
    def __init__(self, path: str, user: Any = None, headers: list[tuple[bytes, bytes]] | None = None) -> None:
        self.comm = WebsocketCommunicator(application, path, headers=HEADERS + (headers or []))
        if user is not None:
            self.comm.scope["user"] = user
        self.doc = Doc()
        self.outbox: list[bytes] = []
        self.received_updates: list[bytes] = []
        self.presence: dict[int, dict[str, Any] | None] = {}
        self.closed: int | None = None
        self.clock = 0
        self.doc.observe(self._collect)
        self._applying = False

    def _collect(self, event: Any) -> None:
        if not self._applying:
            self.outbox.append(event.update)

    async def connect(self) -> tuple[bool, int | None]:
        connected, code = await self.comm.connect(timeout=10)
        if connected:
            await self.comm.send_to(bytes_data=create_sync_message(self.doc))
        return connected, code

    async def pump(self, timeout: float = 0.5) -> int:
        """Handle every message that comes within ``timeout`` of the last one; how many came."""
        count = 0
        while True:
            # Not receive_output(): its timeout cancels the application.
            try:
                message = await asyncio.wait_for(self.comm.output_queue.get(), timeout)
            except TimeoutError:
                if self.comm.future.done():
                    self.comm.future.result()  # the consumer raised: show it
                return count
            count += 1
            if message["type"] == "websocket.close":
                self.closed = message.get("code", 1000)
                return count
            data = message.get("bytes")
            if data is None:
                continue
            reply = self.handle(data)
            if reply is not None:
                await self.comm.send_to(bytes_data=reply)

    def handle(self, data: bytes) -> bytes | None:
        """Apply a message from the server; the reply to send, if any."""
        if data[0] == YMessageType.SYNC:
            if data[1] == YSyncMessageType.SYNC_UPDATE:  # (not the handshake's step 2)
                self.received_updates.append(data)
            self._applying = True
            try:
                reply = handle_sync_message(data[1:], self.doc)
            finally:
                self._applying = False
            return reply
        elif data[0] == YMessageType.AWARENESS:
            payload = Decoder(data[1:]).read_message()
            assert payload is not None
            for client_id, _clock, text in presence.decode(payload):
                self.presence[client_id] = json.loads(text)
        return None

    async def until(self, predicate: Any, timeout: float = 10.0) -> None:
        """Pump until ``predicate()`` holds (or fail after ``timeout`` seconds)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not predicate():
            if loop.time() > end:
                raise AssertionError("timed out waiting for the condition")
            await self.pump(timeout=0.05)
            if self.closed is not None and not predicate():
                raise AssertionError(f"socket closed with {self.closed}")

    async def edit(self, change: Any) -> None:
        """Make a change to the replica and send it as one update."""
        change(self.doc)
        for update in self.outbox:
            await self.comm.send_to(bytes_data=create_update_message(update))
        self.outbox.clear()

    async def say_presence(self, state: dict[str, Any] | None, client_id: int | None = None) -> None:
        self.clock += 1
        entry = (client_id if client_id is not None else self.doc.client_id, self.clock, state)
        await self.comm.send_to(bytes_data=create_awareness_message(presence.encode([entry])))

    def document(self) -> dict[str, Any]:
        return Y.ydoc_to_document(self.doc)

    async def close(self) -> None:
        if not self.comm.future.done():
            await self.comm.disconnect()

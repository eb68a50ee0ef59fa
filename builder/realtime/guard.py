"""An ASGI wrapper for the WebSocket side: a failure before the handshake is answered (the
session store, the database or the channel layer is down) closes the socket with 1013
("try again later") instead of an HTTP 500, so the editor's reconnect loop simply retries."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

TRY_AGAIN_LATER = 1013

Scope = dict[str, Any]
Message = dict[str, Any]


class RefuseCleanly:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        state = {"connect_seen": False, "answered": False}

        async def tracked_receive() -> Message:
            message = await receive()
            if message["type"] == "websocket.connect":
                state["connect_seen"] = True
            return message  # type: ignore[no-any-return]

        async def tracked_send(message: Message) -> None:
            if message["type"] in ("websocket.accept", "websocket.close", "websocket.http.response.start"):
                state["answered"] = True
            await send(message)

        try:
            await self.app(scope, tracked_receive, tracked_send)
        except Exception as exc:
            if state["answered"]:
                raise
            log.warning("refusing a socket to %s: %s: %s", scope.get("path"), type(exc).__name__, exc)
            if not state["connect_seen"]:
                await receive()
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})

"""WebSocket consumers. A socket joins one diagram's group; services send events to it.

On every (re)connect the owner's socket first hears ``{"type": "diagram.state", "revision"}``,
the diagram's current revision, so an editor that missed events while it was away resyncs.
A handshake while the channel layer (Redis) or the database is down is accepted and closed
at once with code 1013 ("try again later"): the client sees a close code and retries.
"""

from __future__ import annotations

import logging
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from builder import security
from builder.api.parsers import MAX_DEPTH, depth_of
from builder.models import Diagram
from builder.services.events import group_name

log = logging.getLogger(__name__)

#: Close code for "the server cannot serve this socket right now; reconnect later" (RFC 6455 1013).
TRY_AGAIN_LATER = 1013
#: The largest frame a client may send. Clients only send `{"type": "ping"}`; writes go
#: through the REST API.
MAX_FRAME_CHARS = 4096


@database_sync_to_async
def _revision_if_owner(user: Any, diagram_id: int) -> int | None:
    if not (user and user.is_authenticated):
        return None
    return Diagram.objects.filter(pk=diagram_id, owner=user).values_list("revision", flat=True).first()


class DiagramGroupConsumer(AsyncJsonWebsocketConsumer):
    """A socket in one diagram's group, forwarding the events services send to it.

    Channels calls the handler named after the event type ("comment.added" -> comment_added).
    """

    group: str | None = None

    async def join(self, diagram_id: int) -> bool:
        """Join the diagram's group and accept; during a channel-layer outage, close with 1013."""
        try:
            await self.channel_layer.group_add(group_name(diagram_id), self.channel_name)
        except Exception as exc:
            log.warning("refusing a socket for diagram %s: the channel layer is down (%s)", diagram_id, exc)
            await self.unavailable()
            return False
        self.group = group_name(diagram_id)
        await self.accept()
        return True

    async def unavailable(self) -> None:
        await self.accept()
        await self.close(code=TRY_AGAIN_LATER)

    async def disconnect(self, code: int) -> None:
        if self.group:
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except Exception:  # the layer is down: its group entries expire by themselves
                log.warning("could not leave %s", self.group, exc_info=True)

    async def forward(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    async def refuse_frame(self, detail: str) -> None:
        """Answer a frame the server will not read with an error frame; the socket stays open."""
        await self.send_json({"type": "error", "detail": detail})

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        """Read a client frame: JSON text, at most MAX_FRAME_CHARS, nested at most MAX_DEPTH deep.

        Anything else is answered with ``{"type": "error", "detail"}``, never a crash (the JSON
        decoder would hit Python's recursion limit on a frame nested 1,000 deep).
        """
        if text_data is None:
            await self.refuse_frame("frames must be JSON text, not binary")
            return
        if len(text_data) > MAX_FRAME_CHARS:
            await self.refuse_frame(f"a frame may be at most {MAX_FRAME_CHARS:,} characters")
            return
        try:
            content = await self.decode_json(text_data)
        except RecursionError:
            content, too_deep = None, True
        except ValueError as exc:
            await self.refuse_frame(f"malformed JSON: {exc}")
            return
        else:
            too_deep = depth_of(content) > MAX_DEPTH
        if too_deep:
            await self.refuse_frame(f"malformed JSON: arrays and objects may nest at most {MAX_DEPTH} deep")
            return
        await self.receive_json(content, **kwargs)

    diagram_saved = comment_added = comment_updated = forward


class DiagramConsumer(DiagramGroupConsumer):
    """``/ws/diagrams/<id>/``: the owner's editor hears saves, renders and comments."""

    async def connect(self) -> None:
        diagram_id = int(self.scope["url_route"]["kwargs"]["diagram_id"])
        user = self.scope.get("user")
        if await _revision_if_owner(user, diagram_id) is None:
            await self.close(code=4403)
            return
        if await self.join(diagram_id):
            # Read after joining: a save from now on is both in this number or announced.
            revision = await _revision_if_owner(user, diagram_id)
            await self.send_json({"type": "diagram.state", "diagram": diagram_id, "revision": revision})

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        # Clients only listen for now; writes go through the REST API (one validated path).
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    render_progress = link_revoked = DiagramGroupConsumer.forward

    async def diagram_deleted(self, event: dict[str, Any]) -> None:
        await self.send_json(event)
        await self.close()


@database_sync_to_async
def _link_for(token: str, client: str) -> tuple[int, int, str] | None:
    from django.http import Http404

    from builder.services import sharing

    try:
        link = sharing.resolve(token, client)
    except (Http404, sharing.TooManyGuesses):
        return None
    return link.pk, link.diagram_id, link.role


class ReviewConsumer(DiagramGroupConsumer):
    """``/ws/review/<token>/``: a reviewer hears new comments and saves; closed when revoked."""

    link_id: int | None = None

    async def connect(self) -> None:
        client = security.scope_address(self.scope)  # X-Forwarded-For from TRUSTED_PROXIES only
        found = await _link_for(self.scope["url_route"]["kwargs"]["token"], client)
        if found is None:
            await self.close(code=4404)
            return
        self.link_id, diagram_id, _role = found
        await self.join(diagram_id)

    async def render_progress(self, event: dict[str, Any]) -> None:
        pass  # the owner's exports are none of the reviewer's business

    async def diagram_saved(self, event: dict[str, Any]) -> None:
        # The review API never shows the diagram's database id; neither does its socket.
        await self.send_json({k: v for k, v in event.items() if k != "diagram"})

    async def link_revoked(self, event: dict[str, Any]) -> None:
        if event.get("link") == self.link_id:
            await self.send_json({"type": "link.revoked"})
            await self.close(code=4410)

    async def diagram_deleted(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "link.revoked"})
        await self.close(code=4410)

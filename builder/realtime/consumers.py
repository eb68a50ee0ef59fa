"""WebSocket consumers. A socket joins one diagram's group; services send events to it."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from builder.models import Diagram
from builder.services.events import group_name


@database_sync_to_async
def _owns(user: Any, diagram_id: int) -> bool:
    return bool(user and user.is_authenticated and Diagram.objects.filter(pk=diagram_id, owner=user).exists())


class DiagramGroupConsumer(AsyncJsonWebsocketConsumer):
    """A socket in one diagram's group, forwarding the events services send to it.

    Channels calls the handler named after the event type ("comment.added" -> comment_added).
    """

    group: str | None = None

    async def join(self, diagram_id: int) -> None:
        self.group = group_name(diagram_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def forward(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    diagram_saved = comment_added = comment_updated = forward


class DiagramConsumer(DiagramGroupConsumer):
    """``/ws/diagrams/<id>/``: the owner's editor hears saves, renders and comments."""

    async def connect(self) -> None:
        diagram_id = int(self.scope["url_route"]["kwargs"]["diagram_id"])
        if not await _owns(self.scope.get("user"), diagram_id):
            await self.close(code=4403)
            return
        await self.join(diagram_id)

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
        client = (self.scope.get("client") or ["unknown"])[0]
        found = await _link_for(self.scope["url_route"]["kwargs"]["token"], client)
        if found is None:
            await self.close(code=4404)
            return
        self.link_id, diagram_id, _role = found
        await self.join(diagram_id)

    async def render_progress(self, event: dict[str, Any]) -> None:
        pass  # the owner's exports are none of the reviewer's business

    async def link_revoked(self, event: dict[str, Any]) -> None:
        if event.get("link") == self.link_id:
            await self.send_json({"type": "link.revoked"})
            await self.close(code=4410)

    async def diagram_deleted(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "link.revoked"})
        await self.close(code=4410)

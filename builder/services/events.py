"""Live events to a diagram's WebSocket group, sent only after the transaction commits."""

from __future__ import annotations

import json
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def group_name(diagram_id: int) -> str:
    return f"diagram.{diagram_id}"


def send_now(diagram_id: int, event: dict[str, Any]) -> None:
    """Send an event to everyone watching the diagram. Events must survive a JSON round trip."""
    json.dumps(event)  # fail loudly here rather than in a consumer
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(diagram_id), event)
    except Exception:  # a live update is best effort: never fail the save for it
        log.exception("could not send %s to diagram %s", event.get("type"), diagram_id)


def send_on_commit(diagram_id: int, event: dict[str, Any]) -> None:
    """Send after the current transaction commits, so no socket hears of a rolled-back change."""
    transaction.on_commit(lambda: send_now(diagram_id, event))

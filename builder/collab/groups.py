"""Channel-layer group names of live collaboration, and sending to them from sync code."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

log = logging.getLogger(__name__)


def room_group(diagram_id: int) -> str:
    """Every collab socket of one diagram, on every server process: updates and presence."""
    return f"collab.{diagram_id}"


def session_group(session_key: str) -> str:
    """Every collab socket opened with one login session (closed when it logs out)."""
    return "collab.session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


def send_to_group(group: str, event: dict[str, Any]) -> None:
    """Best effort from sync code (a lost message is made up for: see consumers.Room.catch_up)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        log.exception("could not send %s to %s", event.get("type"), group)

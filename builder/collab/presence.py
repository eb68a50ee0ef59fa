"""Presence (the Yjs awareness protocol): who is here, pointer, selection, node being edited.

The server relays awareness updates, but it decides who someone is: each entry's ``user`` is
replaced by the identity the server knows (name, initials, colour, role), and an entry may
only be sent by the socket that first used its client id. The colours are here, once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from pycrdt import Decoder, Encoder

from builder import document as doc_module
from builder.i18n import t

#: The presence colours, one per person (by user id; a reviewer by their Yjs client id).
PALETTE = ("#d6336c", "#1c7ed6", "#2f9e44", "#f08c00", "#7048e8", "#0c8599", "#e8590c", "#5c940d")
#: Largest awareness state accepted from a client, as JSON (bytes).
MAX_STATE_BYTES = 4096
#: At most this many ids in a selection.
MAX_SELECTION = 500


def colour_for(number: int) -> str:
    return PALETTE[number % len(PALETTE)]


def initials_of(name: str) -> str:
    words = [w for w in name.replace("_", " ").replace(".", " ").split() if w]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def identity(name: str, role: str, number: int) -> dict[str, Any]:
    return {"name": name, "initials": initials_of(name), "colour": colour_for(number), "role": role}


def decode(update: bytes) -> list[tuple[int, int, str]]:
    """An awareness update's entries: (client id, clock, state JSON). ValueError if malformed."""
    try:
        decoder = Decoder(update)
        entries = []
        for _ in range(decoder.read_var_uint()):
            client_id = decoder.read_var_uint()
            clock = decoder.read_var_uint()
            entries.append((client_id, clock, decoder.read_var_string()))
        return entries
    except (IndexError, RuntimeError, UnicodeDecodeError) as exc:
        raise ValueError(t("malformed awareness update")) from exc


def encode(entries: Sequence[tuple[int, int, dict[str, Any] | None]]) -> bytes:
    encoder = Encoder()
    encoder.write_var_uint(len(entries))
    for client_id, clock, state in entries:
        encoder.write_var_uint(client_id)
        encoder.write_var_uint(clock)
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        raw = text.encode()
        encoder.write_var_uint(len(raw))
        encoder.stream.append(raw)
    return encoder.to_bytes()


def _point(value: Any) -> dict[str, float] | None:
    if not isinstance(value, dict) or set(value) != {"x", "y"}:
        return None
    x, y = value["x"], value["y"]
    if not all(type(v) in (int, float) and math.isfinite(v) for v in (x, y)):
        return None
    return {"x": x, "y": y}


def _node_id(value: Any) -> str | None:
    return value if isinstance(value, str) and doc_module.ID_RE.fullmatch(value) else None


def clean_state(text: str, who: dict[str, Any]) -> dict[str, Any] | None:
    """The state to relay for a client's JSON: only the presence fields, well formed, with the
    server's ``user``. ``None`` (the client left) stays ``None``. ValueError if unusable."""
    if len(text.encode()) > MAX_STATE_BYTES:
        raise ValueError(t("an awareness state is over {limit} bytes", limit=MAX_STATE_BYTES))
    try:
        state = json.loads(text)
    except ValueError as exc:
        raise ValueError(t("an awareness state is not JSON")) from exc
    if state is None:
        return None
    if not isinstance(state, dict):
        raise ValueError(t("an awareness state must be an object or null"))
    selection = state.get("selection")
    clean: dict[str, Any] = {
        "user": who,
        "pointer": _point(state.get("pointer")),
        "selection": [s for s in selection[:MAX_SELECTION] if _node_id(s)] if isinstance(selection, list) else [],
        "editing": _node_id(state.get("editing")),
    }
    return clean

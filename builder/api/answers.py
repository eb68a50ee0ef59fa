"""The diagram's GET answer kept per process, as JSON bytes, for as long as the diagram does not change.

``GET /api/diagrams/{id}/`` answers the current document and its stored findings (55 KB and
80 KB of JSON for 200 nodes): read from two JSON columns, decoded, the findings said in the
reader's language, serialized and encoded again, for every read of the same revision. Here the
encoded answer is kept under a key made of everything it depends on, read by a query that
loads none of the JSON:

    (diagram id, revision, updated_at, findings engine, language)

Every write of a diagram moves ``revision`` or ``updated_at`` (saves, renames and restores go
through ``save_diagram``, which sets both; ``Model.save`` sets ``updated_at``), and a report
recomputed for a newer rule engine changes ``findings_engine``, so a changed diagram never
matches an old key: nothing is invalidated, old entries only age out. A request on a miss reads
the whole row and keys the answer by what that row says (a save in between is not mixed in).
Each server process has its own cache (no shared state to keep coherent): at most
``ANSWER_CACHE_BYTES`` of answers (default 32 MiB, 0 turns it off), least recently used out first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from django.conf import settings

#: The diagram's fields an answer's key is made of (the first query of a GET reads only these).
KEY_FIELDS = ("id", "revision", "updated_at", "findings_engine")


def key_of(diagram: Any, lang: str) -> tuple[Any, ...]:
    return (diagram.pk, diagram.revision, diagram.updated_at, diagram.findings_engine, lang)


class Encoded(bytes):
    """An answer already encoded as JSON: the API's renderer sends it as it is."""


class AnswerCache:
    """Encoded answers by key, at most ``limit`` bytes of them, least recently used out first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[Hashable, Encoded] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # one per process, shared by the request threads

    def get(self, key: Hashable) -> Encoded | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, answer: bytes) -> Encoded:
        encoded = Encoded(answer)
        if len(encoded) > self.limit:
            return encoded
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._entries[key] = encoded
            self._size += len(encoded)
            while self._size > self.limit:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped)
        return encoded

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        return self._size


DIAGRAMS = AnswerCache(settings.ANSWER_CACHE_BYTES)

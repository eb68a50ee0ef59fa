"""The live-editing socket: the Yjs sync and awareness protocols, relayed and persisted.

``/ws/collab/<diagram id>/`` (the owner and members, by their session) and
``/ws/review/<token>/collab/`` (a review link: read-only). Protocol: ``docs/collab.md``.

Each server process keeps one :class:`Room` per diagram it serves: a pycrdt replica of the
shared state, the presence of everyone in the session, and one channel-layer channel in the
diagram's group. An update from a client is checked against the room's replica, stored (a
row, committed), then announced to the group; every process's room applies it in ``seq``
order and sends it to its clients, the sender included: getting one's update back is the
acknowledgement that it is stored. A room that sees a gap in ``seq`` (a message the channel
layer dropped) reads what it missed from the database.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.http import Http404
from django.utils import timezone
from pycrdt import (
    Doc,
    Map,
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    create_update_message,
    handle_sync_message,
    read_message,
)

from builder import document as doc_module
from builder import security
from builder.models import Diagram
from builder.services.diagrams import RevisionConflict
from builder.services.events import group_name

from . import presence, store
from .groups import room_group, session_group
from .models import Member

log = logging.getLogger(__name__)

#: Close codes (RFC 6455 private range), also in docs/collab.md.
NOT_LOGGED_IN = 4401
FORBIDDEN = 4403
NOT_FOUND = 4404
FROZEN = 4409
GONE = 4410
TOO_LARGE = 4413
BAD_MESSAGE = 4400
ROLE_CHANGED = 4000
SERVER_ERROR = 1011
TRY_AGAIN_LATER = 1013

#: Largest WebSocket message accepted (bytes): one Yjs update or awareness update.
MAX_MESSAGE_BYTES = 256 * 1024
#: Largest shared state (bytes, Yjs-encoded), a little over the document's 1 MiB of JSON.
MAX_STATE_BYTES = 4 * 1024 * 1024
#: The shared state's size is measured again after this many bytes of updates.
STATE_CHECK_BYTES = 256 * 1024
#: Updates stored in one transaction at most.
STORE_BATCH = 200
#: Messages queued for one client before it counts as too slow and is closed.
MAX_BACKLOG = 5000
#: Sockets one process serves for one diagram.
MAX_PEERS = 64

EMPTY_UPDATE = b"\x00\x00"
#: Storing updates: in the one thread for sync code, its connection kept (see store).
APPEND_MANY = sync_to_async(store.kept_connection(store.append_many), thread_sensitive=True)


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


# -- who may connect ------------------------------------------------------------------------


@dataclass
class Access:
    diagram_id: int
    role: str  # "owner", "editor", "viewer", "reviewer"
    user_id: int | None
    name: str
    link_id: int | None = None
    expires_at: datetime | None = None

    @property
    def can_edit(self) -> bool:
        return self.role in ("owner", "editor")


def session_access(user: Any, diagram_id: int) -> Access | int:
    """The access of a logged-in user to a diagram, or the close code that refuses it."""
    if not (user and user.is_authenticated):
        return NOT_LOGGED_IN
    owner = Diagram.objects.filter(pk=diagram_id).values_list("owner_id", flat=True).first()
    if owner is None:
        return NOT_FOUND
    name = user.get_full_name() or user.get_username()
    if owner == user.pk:
        return Access(diagram_id, "owner", user.pk, name)
    role = Member.objects.filter(diagram_id=diagram_id, user=user).values_list("role", flat=True).first()
    if role is None:
        return FORBIDDEN
    return Access(diagram_id, role, user.pk, name)


def link_access(token: str, client: str) -> Access | int:
    from builder.services import sharing

    try:
        link = sharing.resolve(token, client)
    except (Http404, sharing.TooManyGuesses):
        return NOT_FOUND
    if link.frozen_revision is not None:
        return FROZEN  # a frozen link shows its revision, not the live diagram
    return Access(link.diagram_id, "reviewer", None, "Reviewer", link.pk, link.expires_at)


def _link_live(link_id: int) -> bool:
    """The link is still there, not revoked, not expired (by id: a re-check is no token guess)."""
    from django.db.models import Q

    from builder.models import ShareLink

    now = timezone.now()
    alive = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    return ShareLink.objects.filter(alive, pk=link_id, revoked_at__isnull=True).exists()


def _session_alive(session: Any, key: str) -> bool:
    """The socket's login session still exists (not logged out, not expired)."""
    return bool(session.exists(key))


# -- one diagram's session in this process ----------------------------------------------------


class Room:
    """One diagram's live session in this process (see the module's docstring)."""

    def __init__(self, diagram_id: int) -> None:
        self.diagram_id = diagram_id
        self.doc: Doc[Any] = Doc()
        self.seq = 0
        self.consumers: set[CollabConsumer] = set()
        self.early: dict[int, bytes] = {}  # updates that came before the ones in between
        #: Presence: client id -> (clock, state or None, the channel name that owns the id)
        self.awareness: dict[int, tuple[int, dict[str, Any] | None, str]] = {}
        self.layer = get_channel_layer()
        self.channel = ""
        self.loop = asyncio.get_running_loop()
        self.loaded = self.loop.create_future()
        self.listener: asyncio.Task[None] | None = None
        self.catch_up_task: asyncio.Task[None] | None = None
        self.flush_task: asyncio.Task[None] | None = None
        self.flush_at = 0.0
        self.flush_deadline = 0.0
        self.closed = False
        self.unmeasured = 0  # update bytes since the state's size was last measured
        self.to_store: list[tuple[bytes, int | None, asyncio.Future[int]]] = []
        self.storer: asyncio.Task[None] | None = None

    # life cycle

    async def open(self) -> None:
        try:
            self.channel = await self.layer.new_channel()
            await self.layer.group_add(room_group(self.diagram_id), self.channel)
            await self.layer.group_add(group_name(self.diagram_id), self.channel)
            self.listener = asyncio.ensure_future(self._listen())
            loaded = await database_sync_to_async(store.load)(self.diagram_id)
            self.doc.apply_update(loaded.update)
            self.seq = loaded.seq
            if await database_sync_to_async(store.pending)(self.diagram_id):
                self.touch()
            self.loaded.set_result(True)
        except BaseException as exc:
            self.loaded.set_exception(exc)
            await self.close()
            raise

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        ROOMS.pop(self.diagram_id, None)
        for task in (self.listener, self.catch_up_task):
            if task is not None:
                task.cancel()
        if self.channel:
            for group in (room_group(self.diagram_id), group_name(self.diagram_id)):
                try:
                    await self.layer.group_discard(group, self.channel)
                except Exception:
                    log.warning("could not leave %s", group, exc_info=True)
        # A revision still to write is written: the flush task outlives the room.

    async def leave(self, consumer: CollabConsumer) -> None:
        self.consumers.discard(consumer)
        gone = [(cid, clock + 1) for cid, (clock, _, owner) in self.awareness.items() if owner == consumer.channel_name]
        if gone:
            update = presence.encode([(cid, clock, None) for cid, clock in gone])
            await self._group_send({"type": "collab.awareness", "data": update, "sender": consumer.channel_name})
        if not self.consumers:
            await self.close()

    async def _group_send(self, event: dict[str, Any]) -> None:
        try:
            await self.layer.group_send(room_group(self.diagram_id), event)
        except Exception:
            log.exception("could not send %s for diagram %s", event.get("type"), self.diagram_id)

    async def _listen(self) -> None:
        while True:
            message = await self.layer.receive(self.channel)
            try:
                await self.dispatch(message)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("room %s: could not handle %s", self.diagram_id, message.get("type"))

    async def dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        await self.loaded
        if kind == "collab.update":
            await self.receive_update(int(message["seq"]), bytes(message["data"]))
        elif kind == "collab.awareness":
            await self.receive_awareness(bytes(message["data"]), str(message.get("sender", "")))
        elif kind == "diagram.saved" and message.get("reason") != store.REASON:
            await database_sync_to_async(store.merge_saved_revisions)(self.diagram_id)
        elif kind == "link.revoked":
            for consumer in list(self.consumers):
                if consumer.access is not None and consumer.access.link_id == message.get("link"):
                    await consumer.close(code=GONE)
        elif kind == "diagram.deleted":
            for consumer in list(self.consumers):
                await consumer.close(code=GONE)
        elif kind == "collab.member_changed":
            for consumer in list(self.consumers):
                if consumer.access is not None and consumer.access.user_id == message.get("user"):
                    await consumer.recheck()
        # Other events of the diagram's group (renders, comments) are not this socket's business.

    # updates

    async def receive_update(self, seq: int, data: bytes) -> None:
        if seq > self.seq:  # else a duplicate (a catch-up and the late message itself)
            self.early[seq] = data
        await self._drain()
        if self.early and (self.catch_up_task is None or self.catch_up_task.done()):
            self.catch_up_task = asyncio.ensure_future(self.catch_up())

    async def _drain(self) -> None:
        """Apply and send on, in seq order, every update that is next."""
        while self.seq + 1 in self.early:
            self.seq += 1
            await self._deliver(self.early.pop(self.seq))
        for seq in [s for s in self.early if s <= self.seq]:
            del self.early[seq]

    async def _deliver(self, update: bytes) -> None:
        self.doc.apply_update(update)
        message = create_update_message(update)
        for consumer in list(self.consumers):
            consumer.enqueue(message)
        self.touch()

    async def catch_up(self) -> None:
        """Some seq never came (dropped by the channel layer): read what is missing back."""
        for _ in range(50):
            await asyncio.sleep(_setting("COLLAB_CATCH_UP_S", 0.2))
            if not self.early:
                return
            missed = await database_sync_to_async(store.updates_after)(self.diagram_id, self.seq)
            if missed.state is not None:  # some were folded into the state meanwhile: all of it
                await self._deliver(missed.state)
                self.seq = max(self.seq, missed.compacted_seq)
            for seq, data in missed.rows:
                self.early.setdefault(seq, data)
            await self._drain()
        log.warning("room %s: updates after %s never came", self.diagram_id, self.seq)

    async def store(self, update: bytes, author_id: int | None) -> int:
        """Store an update (committed on return); its seq. The updates of every socket of the
        room in this process that come while a transaction runs go together in the next one:
        one commit (one disk flush) for many updates, so a busy diagram is not a queue of them."""
        done: asyncio.Future[int] = self.loop.create_future()
        self.to_store.append((update, author_id, done))
        if self.storer is None or self.storer.done():
            self.storer = asyncio.ensure_future(self._store_batches())
        return await done

    async def _store_batches(self) -> None:
        while self.to_store:
            batch, self.to_store = self.to_store[:STORE_BATCH], self.to_store[STORE_BATCH:]
            try:
                seqs = await APPEND_MANY(self.diagram_id, [(u, a) for u, a, _ in batch])
            except Exception as exc:
                for _, _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                continue
            for (_, _, done), seq in zip(batch, seqs, strict=True):
                if not done.done():
                    done.set_result(seq)

    def touch(self) -> None:
        """Write a revision once edits settle (and at least every COLLAB_MAX_WAIT_S)."""
        now = time.monotonic()
        if self.flush_task is None or self.flush_task.done():
            self.flush_deadline = now + _setting("COLLAB_MAX_WAIT_S", 20.0)
            self.flush_at = now + _setting("COLLAB_SETTLE_S", 1.5)
            self.flush_task = asyncio.ensure_future(self._flush_later())
        else:
            self.flush_at = min(now + _setting("COLLAB_SETTLE_S", 1.5), self.flush_deadline)

    async def _flush_later(self) -> None:
        while True:
            wait = self.flush_at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            try:
                # Not in the thread that stores updates: the rules and the findings of a big
                # diagram take a while, and updates keep coming meanwhile.
                await database_sync_to_async(store.write_revision, thread_sensitive=False)(self.diagram_id)
                return
            except RevisionConflict:  # a save came in between: merge it, then try again
                self.flush_at = time.monotonic() + 0.2
            except Diagram.DoesNotExist:
                return
            except Exception:
                log.exception("could not write the live revision of diagram %s", self.diagram_id)
                self.flush_at = time.monotonic() + _setting("COLLAB_SETTLE_S", 1.5)

    def over_limits(self, update: bytes) -> str | None:
        """What limit the replica is past now that ``update`` is in it, if any."""
        self.unmeasured += len(update)
        nodes, edges = self.doc.get("nodes", type=Map), self.doc.get("edges", type=Map)
        if len(nodes) > doc_module.MAX_NODES:
            return f"the diagram would have more than {doc_module.MAX_NODES:,} nodes"
        if len(edges) > doc_module.MAX_EDGES:
            return f"the diagram would have more than {doc_module.MAX_EDGES:,} edges"
        # Encoding the whole state costs as much as the state is big: measure it once updates
        # worth STATE_CHECK_BYTES came in since the last time (a bound, not a guess).
        if self.unmeasured >= STATE_CHECK_BYTES:
            self.unmeasured = 0
            if len(self.doc.get_update()) > MAX_STATE_BYTES:
                return f"the shared state would be over {MAX_STATE_BYTES // (1024 * 1024)} MiB"
        return None

    async def reload(self) -> None:
        """Start again from the database (after a change the server refused or failed to store)."""
        loaded = await database_sync_to_async(store.load)(self.diagram_id)
        self.doc = Doc()
        self.doc.apply_update(loaded.update)
        self.seq = max(self.seq, loaded.seq)

    # presence

    async def receive_awareness(self, data: bytes, sender: str) -> None:
        """Presence cleaned by the sending socket's consumer (any process): keep and send on."""
        entries: list[tuple[int, int, dict[str, Any] | None]] = []
        for client_id, clock, text in presence.decode(data):
            known = self.awareness.get(client_id)
            if known is not None and (known[2] != sender or clock < known[0]):
                continue  # another socket's client id, or older news
            state = json.loads(text)
            if state is None:
                self.awareness.pop(client_id, None)
            else:
                self.awareness[client_id] = (clock, state, sender)
            entries.append((client_id, clock, state))
        if entries:
            message = create_awareness_message(presence.encode(entries))
            for consumer in list(self.consumers):
                if consumer.channel_name != sender:
                    consumer.enqueue(message)

    def awareness_message(self) -> bytes | None:
        entries = [(cid, clock, state) for cid, (clock, state, _) in self.awareness.items() if state is not None]
        return create_awareness_message(presence.encode(entries)) if entries else None


ROOMS: dict[int, Room] = {}


async def room_for(diagram_id: int) -> Room:
    room = ROOMS.get(diagram_id)
    if room is None or room.closed or room.loop is not asyncio.get_running_loop():
        room = ROOMS[diagram_id] = Room(diagram_id)
        await room.open()
    else:
        await asyncio.shield(room.loaded)
    return room


# -- the socket -----------------------------------------------------------------------------


class CollabConsumer(AsyncWebsocketConsumer):  # type: ignore[misc]
    """One client in a diagram's live session."""

    access: Access | None = None
    room: Room | None = None
    session_group_name: str | None = None
    #: The login session the socket was opened with (none: the user came another way).
    session_key: str | None = None
    watchers: tuple[asyncio.Task[None], ...] = ()
    outbox: asyncio.Queue[bytes]
    writer: asyncio.Task[None] | None = None
    lagging: asyncio.Future[None] | None = None

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        if kwargs.get("token"):
            client = security.scope_address(self.scope)
            access = await database_sync_to_async(link_access)(kwargs["token"], client)
        else:
            access = await database_sync_to_async(session_access)(self.scope.get("user"), int(kwargs["diagram_id"]))
        if isinstance(access, int):
            await self.close(code=access)
            return
        room = ROOMS.get(access.diagram_id)
        if room is not None and len(room.consumers) >= MAX_PEERS:
            await self.close(code=TRY_AGAIN_LATER)
            return
        self.access = access
        try:
            self.room = await room_for(access.diagram_id)
            await database_sync_to_async(store.merge_missed_saves)(access.diagram_id)
            self.session_key = getattr(self.scope.get("session"), "session_key", None)
            if access.user_id is not None and self.session_key:
                self.session_group_name = session_group(self.session_key)
                await self.channel_layer.group_add(self.session_group_name, self.channel_name)
        except Exception as exc:
            log.warning("refusing a collab socket for diagram %s: %s", access.diagram_id, exc)
            self.room = None
            await self.accept()
            await self.close(code=TRY_AGAIN_LATER)
            return
        self.outbox = asyncio.Queue()
        self.writer = asyncio.ensure_future(self._write())
        self.room.consumers.add(self)
        await self.accept()
        if access.can_edit:
            self.enqueue(create_sync_message(self.room.doc))  # "what do you have that I lack?"
        others = self.room.awareness_message()
        if others is not None:
            self.enqueue(others)
        self.watchers = (asyncio.ensure_future(self._watch()),)

    async def _watch(self) -> None:
        """Close when the link expires, and re-check access every COLLAB_RECHECK_S."""
        assert self.access is not None
        while True:
            wait = _setting("COLLAB_RECHECK_S", 30.0)
            if self.access.expires_at is not None:
                wait = min(wait, max(0.0, (self.access.expires_at - timezone.now()).total_seconds()))
            await asyncio.sleep(wait)
            if self.access.expires_at is not None and self.access.expires_at <= timezone.now():
                await self.close(code=GONE)
                return
            if not await self.recheck():
                return

    async def recheck(self) -> bool:
        """Whether this socket may stay; closes it (with the reason's code) if not."""
        assert self.access is not None
        if self.access.link_id is not None:
            live = await database_sync_to_async(_link_live)(self.access.link_id)
            refused = None if live else GONE
        else:
            session, key = self.scope.get("session"), self.session_key
            alive = await database_sync_to_async(_session_alive)(session, key) if key else True
            access = await database_sync_to_async(session_access)(self.scope.get("user"), self.access.diagram_id)
            refused = NOT_LOGGED_IN if not alive else (access if isinstance(access, int) else None)
            if refused is None and isinstance(access, Access) and access.role != self.access.role:
                refused = ROLE_CHANGED
        if refused is not None:
            await self.close(code=refused)
            return False
        return True

    async def disconnect(self, code: int) -> None:
        for task in (*self.watchers, self.writer):
            if task is not None:
                task.cancel()
        if self.session_group_name:
            try:
                await self.channel_layer.group_discard(self.session_group_name, self.channel_name)
            except Exception:
                log.warning("could not leave %s", self.session_group_name, exc_info=True)
        if self.room is not None:
            await self.room.leave(self)
            self.room = None

    def enqueue(self, data: bytes) -> None:
        """Queue a message for this client. Each socket has its own queue and writer, so a slow
        client never holds up the others; one more than MAX_BACKLOG messages behind is closed
        (1013: it reconnects and the sync handshake gives it what it missed)."""
        if self.outbox.qsize() >= MAX_BACKLOG:
            if self.writer is not None and not self.writer.done():
                self.writer.cancel()
                self.lagging = asyncio.ensure_future(self.close(code=TRY_AGAIN_LATER))
            return
        self.outbox.put_nowait(data)

    async def _write(self) -> None:
        while True:
            data = await self.outbox.get()
            try:
                await self.send(bytes_data=data)
            except Exception:  # the socket is closing; its disconnect cleans up
                log.debug("could not send to %s", self.channel_name, exc_info=True)
                return

    async def dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type", "")
        if kind == "websocket.receive":
            # Straight to the handler: Channels' dispatch first closes the sync thread's database
            # connection (a thread hop, and a reconnect, for every keystroke), which is the
            # connection store.append keeps open on purpose.
            await self.websocket_receive(message)
        elif kind.startswith("websocket.") or kind == "collab.logged_out":
            # This channel is in its session's group only; anything else sent to it is ignored.
            await super().dispatch(message)

    async def collab_logged_out(self, event: dict[str, Any]) -> None:
        await self.close(code=NOT_LOGGED_IN)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if bytes_data is None or self.room is None or self.access is None or not bytes_data:
            return  # text frames are not part of the protocol
        if len(bytes_data) > MAX_MESSAGE_BYTES:
            await self.close(code=TOO_LARGE)
            return
        try:
            if bytes_data[0] == YMessageType.SYNC:
                await self.receive_sync(bytes_data[1:])
            elif bytes_data[0] == YMessageType.AWARENESS:
                await self.receive_awareness(read_message(bytes_data[1:]))
            elif bytes_data[0] == 3:  # y-websocket's "query awareness"
                others = self.room.awareness_message()
                if others is not None:
                    self.enqueue(others)
        except (ValueError, IndexError, AssertionError, RuntimeError) as exc:
            log.info("closing collab socket on diagram %s: %s", self.access.diagram_id, exc)
            await self.close(code=BAD_MESSAGE)

    async def receive_sync(self, message: bytes) -> None:
        assert self.room is not None and self.access is not None
        kind = message[0]
        if kind == YSyncMessageType.SYNC_STEP1:
            reply = handle_sync_message(message, self.room.doc)
            if reply is not None:
                self.enqueue(reply)
            return
        if kind not in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
            raise ValueError(f"unknown sync message {kind}")
        if not self.access.can_edit:
            return  # read-only: ignored, never stored or relayed
        update = read_message(message[1:])
        if update == EMPTY_UPDATE:
            return
        room = self.room
        try:
            room.doc.apply_update(update)
        except Exception as exc:
            raise ValueError(f"not a Yjs update: {exc}") from exc
        problem = room.over_limits(update)
        if problem is not None:
            log.info("refusing an update to diagram %s: %s", self.access.diagram_id, problem)
            await room.reload()
            await self.close(code=TOO_LARGE)
            return
        try:
            seq = await room.store(update, self.access.user_id)
        except Exception:
            log.exception("could not store an update to diagram %s", self.access.diagram_id)
            await room.reload()
            await self.close(code=TRY_AGAIN_LATER)
            return
        # Stored and committed: now everyone may hear of it (the sender too: its acknowledgement).
        await room._group_send({"type": "collab.update", "seq": seq, "data": update, "sender": self.channel_name})

    async def receive_awareness(self, update: bytes) -> None:
        assert self.room is not None and self.access is not None
        who = presence.identity(self.access.name, self.access.role, self.access.user_id or 0)
        entries: list[tuple[int, int, dict[str, Any] | None]] = []
        for client_id, clock, text in presence.decode(update):
            known = self.room.awareness.get(client_id)
            if known is not None and known[2] != self.channel_name:
                continue  # someone else's client id: not yours to speak for
            if self.access.user_id is None:  # a reviewer: a colour of their own
                who = presence.identity(self.access.name, self.access.role, client_id)
            entries.append((client_id, clock, presence.clean_state(text, who)))
        if entries:
            await self.room._group_send(
                {"type": "collab.awareness", "data": presence.encode(entries), "sender": self.channel_name}
            )

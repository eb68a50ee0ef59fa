"""Celery tasks: thin shells over the services (``celery -A config worker`` runs them).

A render worker also says it is alive every few seconds (so a render with no worker to take
it fails at once with that reason, see ``renders.expire_if_stale``) and settles renders
whose drawing process died (``renders.sweep``), so no render waits on a client to look, and
hands back the messages of a worker killed whole (``restore_unacknowledged``).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery import shared_task
from celery.signals import worker_ready, worker_shutdown

from builder.services import renders
from config.celery import app as _app  # the configured app: config/ no longer loads it eagerly

log = logging.getLogger(__name__)
_stop = threading.Event()


@shared_task(name="builder.render", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def render_task(render_id: int) -> None:
    """Draw one render. The soft time limit (settings) ends it as failed, never running.

    The message is acknowledged only when this returns; a worker lost mid-render hands it
    back to the queue (``reject_on_worker_lost``) for one more try (``renders.MAX_ATTEMPTS``).
    """
    renders.perform(render_id)


def restore_unacknowledged() -> None:
    """Put back on their queues the messages a worker killed whole took and never
    acknowledged, once their visibility timeout has passed.

    kombu's Redis transport does this itself only when a worker starts and then on every
    tenth of its 10-second polls (so up to 100 s late); the heartbeat does it every beat. A
    mutex in Redis keeps two workers from restoring at once, and the visibility timeout is
    longer than any render may run, so a message still being worked on is never handed out.
    """
    with _app.pool.acquire(block=True) as conn:
        qos = getattr(conn.default_channel, "qos", None)
        if qos is not None and hasattr(qos, "restore_visible"):  # the Redis transport
            qos.restore_visible(num=100, interval=1)


def _keep_alive() -> None:
    from django.db import close_old_connections

    while not _stop.is_set():
        try:
            renders.mark_worker_alive()
            close_old_connections()
            renders.sweep()
            restore_unacknowledged()
        except Exception:  # a broker or database outage: say so, try again next beat
            log.warning("render worker heartbeat failed", exc_info=True)
        _stop.wait(renders.ALIVE_EVERY_S)


@worker_ready.connect
def _start_heartbeat(**_: Any) -> None:
    _stop.clear()
    threading.Thread(target=_keep_alive, name="render-worker-alive", daemon=True).start()


@worker_shutdown.connect
def _stop_heartbeat(**_: Any) -> None:
    _stop.set()

"""Renders: check, then act. Cached by content, drawn off the request, never stuck.

- :func:`request_render` computes the cache key (document with defaults + format + layout
  + renderer version). A finished render with that key is returned at once; one still
  pending or running is reused; otherwise a pending ``Render`` is created and, after the
  transaction commits, handed to Celery (``REDIS_URL`` set) or to a thread of this
  process (embedded mode) so the ASGI event loop never waits for Graphviz.
- :func:`perform` (the task body) claims the render, draws it with :mod:`builder.render`
  and marks it done (file in the default storage) or failed with a message a user can
  read. A render still ``running`` after the time limit (its worker died) counts as
  failed when looked up, so nothing stays "running" forever.
- Each status change is pushed to ``diagram.<id>`` as ``render.progress``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, close_old_connections, connection, connections, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from builder import document as doc_module
from builder import i18n
from builder import render as renderer
from builder.i18n import N_, t
from builder.models import Diagram, Render
from builder.services import events

log = logging.getLogger(__name__)

#: Bump when the picture changes for the same document (styles, icons): old cache entries
#: then miss instead of serving the old look.
RENDERER_VERSION = "2"  # 2: the canvas's geometry and style, routed edges

CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

# Embedded mode only: two threads, as many as the machine's dot processes should share.
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="render")
_inflight: set[Future[None]] = set()


class RenderRequestError(ValueError):
    """A bad format or layout: the caller's mistake, shown as a 400 (its message is a
    :class:`builder.i18n.Text`, said in the request's language)."""


def time_limit_s() -> float:
    return float(getattr(settings, "RENDER_TIME_LIMIT_S", 60))


def _limits() -> renderer.Limits:
    return renderer.Limits(
        timeout_s=time_limit_s(),
        memory_mb=int(getattr(settings, "RENDER_MEMORY_MB", 2048)),
    )


def _options(scale: int = 1, transparent: bool = False, lang: str = i18n.DEFAULT) -> renderer.Options:
    return renderer.Options(
        dot_binary=str(getattr(settings, "RENDER_DOT_BINARY", "dot")),
        limits=_limits(),
        scale=scale,
        transparent=transparent,
        lang=lang,
    )


def cache_key(
    doc: dict[str, Any], fmt: str, layout: str, scale: int = 1, transparent: bool = False, lang: str = i18n.DEFAULT
) -> str:
    """sha256 of the canonical document with defaults, the options, the renderer version.

    ``lang`` (the words the picture adds: subnet tags) is keyed when it is not English, so the
    English keys, and the renders already cached under them, stay what they were."""
    scale = scale if fmt == "png" else 1  # one file for every scale of a vector picture
    h = hashlib.sha256(doc_module.canonical_json(doc_module.defaults_view(doc)))
    h.update(f"\0{fmt}\0{layout}\0{scale}\0{int(transparent)}\0{RENDERER_VERSION}".encode())
    if lang != i18n.DEFAULT:
        h.update(f"\0{lang}".encode())
    return h.hexdigest()


def file_url(render: Render) -> str | None:
    if render.status != Render.Status.DONE or not render.pk:
        return None
    return reverse("api-render-file", args=[render.pk])


def as_event(render: Render) -> dict[str, Any]:
    return {
        "type": "render.progress",
        "render": {"id": render.pk, "status": render.status, "url": file_url(render), "format": render.format},
    }


def _announce(render: Render) -> None:
    if render.diagram_id:
        events.send_now(render.diagram_id, as_event(render))


# --- check -----------------------------------------------------------------------------


def no_worker_after_s() -> float:
    """A pending render with no live render worker for this long fails with a message saying so."""
    return float(getattr(settings, "RENDER_NO_WORKER_AFTER_S", 10))


#: How often the drawing process refreshes its "still drawing" mark, and how long the mark lives.
ALIVE_EVERY_S = 3.0
ALIVE_TTL_S = 10.0
#: A worker lost mid-render hands the render to one more worker; after that it fails.
MAX_ATTEMPTS = 2


def _alive_key(render_id: int) -> str:
    return f"render-alive:{render_id}"


def _queue_key() -> str:
    return f"render-workers:{settings.CELERY_TASK_DEFAULT_QUEUE}"


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_alive() -> bool:
    """A Celery worker for this queue has said it is alive in the last few seconds."""
    return bool(settings.RENDER_INLINE or cache.get(_queue_key()))


def mark_worker_alive() -> None:
    """Called by each render worker every few seconds (see builder.tasks)."""
    cache.set(_queue_key(), _me(), timeout=ALIVE_TTL_S)


def _drawer_lost(render: Render) -> bool:
    """The process that claimed this running render is gone (died, killed, out of memory).

    Embedded mode draws in this process's threads: a lost drawer there means a restarted
    server, settled by the time limit instead (other processes cannot see its marks).
    """
    if settings.RENDER_INLINE:
        return False
    holder = cache.get(_alive_key(render.pk))
    if holder is None:
        return bool(render.started_at and timezone.now() - render.started_at > timedelta(seconds=ALIVE_TTL_S))
    host, _, pid = str(holder).rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False  # another machine's process: its mark expires if it dies
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True  # a pool process on this machine that died mid-render
    except PermissionError:
        return False
    return False


def _fail(render: Render, status: str, why: str) -> bool:
    updated = Render.objects.filter(pk=render.pk, status=status).update(
        status=Render.Status.FAILED, error=why, finished_at=timezone.now()
    )
    return bool(updated)


def expire_if_stale(render: Render) -> Render:
    """Settle a render whose drawing cannot finish any more, so nothing waits forever.

    - running past the time limit: failed (its drawing was stopped or its worker hung);
    - running, but the process drawing it is gone: handed to one more worker
      (:data:`MAX_ATTEMPTS`), else failed saying the worker was lost;
    - pending with no render worker alive: failed, "no render worker is running";
    - pending far longer than any queue wait: failed.
    """
    now = timezone.now()
    grace = timedelta(seconds=time_limit_s() + 30)
    changed = False
    if render.status == Render.Status.RUNNING and render.started_at and now - render.started_at > grace:
        changed = _fail(
            render, render.status, f"drawing did not finish within {time_limit_s():g} s (the worker stopped)"
        )
    elif render.status == Render.Status.RUNNING and _drawer_lost(render):
        changed = _retry_or_fail_lost(render)
    elif render.status == Render.Status.PENDING and not settings.RENDER_INLINE:
        waited = now - render.created_at
        if waited > timedelta(seconds=no_worker_after_s()) and not worker_alive():
            changed = _fail(
                render,
                render.status,
                "no render worker is running: start one with `celery -A config worker`, then try again",
            )
        elif waited > max(grace * 10, timedelta(minutes=10)):
            changed = _fail(render, render.status, "no render worker picked this render up; try again")
    if changed:
        render.refresh_from_db()
        _announce(render)
    return render


def _retry_or_fail_lost(render: Render) -> bool:
    if render.attempts < MAX_ATTEMPTS:
        retried = Render.objects.filter(pk=render.pk, status=Render.Status.RUNNING, attempts=render.attempts).update(
            status=Render.Status.PENDING, worker=""
        )
        if retried:
            log.warning("render %s lost its worker (attempt %s); handing it to another", render.pk, render.attempts)
            _dispatch(render.pk, render.queue)
        return bool(retried)
    return _fail(
        render,
        Render.Status.RUNNING,
        f"the render worker stopped while drawing this picture ({render.attempts} times); "
        "it may need more memory or time than the worker has",
    )


def sweep() -> int:
    """Settle every render that lost its worker (render workers call this every few seconds)."""
    settled = 0
    horizon = timezone.now() - timedelta(seconds=ALIVE_TTL_S)
    mine = Render.objects.filter(queue=settings.CELERY_TASK_DEFAULT_QUEUE)  # other queues have their own workers
    for render in mine.filter(status=Render.Status.RUNNING, started_at__lt=horizon).defer("document"):
        before = render.status, render.attempts
        if (expire_if_stale(render).status, render.attempts) != before:
            settled += 1
    return settled


def get_render(user: Any, render_id: int | str) -> Render:
    """The user's render (404 for anyone else's), stale ones already marked failed."""
    from django.http import Http404

    try:
        render = Render.objects.select_related("diagram").get(pk=int(render_id), diagram__owner=user)
    except (Render.DoesNotExist, ValueError, TypeError):
        raise Http404("no such render") from None
    return expire_if_stale(render)


# --- act -------------------------------------------------------------------------------


def request_render(
    source: Diagram | dict[str, Any],
    fmt: str = "png",
    layout: str = "auto",
    *,
    scale: int = 1,
    transparent: bool = False,
    lang: str = i18n.DEFAULT,
    owner: Any = None,
    limited: bool = False,
) -> Render:
    """A render of a diagram's current document (or of a bare document), cached or scheduled.

    ``scale`` (1, 2, 3) multiplies a PNG's pixels; SVG and PDF are vector and ignore it.
    ``lang`` is the reader's: the picture's own words (subnet tags) and its error are in it.
    ``owner`` is whose render it is (default: the diagram's owner; a review link's render
    passes the diagram's owner). ``limited``: a new render that would give ``owner`` more than
    :func:`active_limit` renders waiting or drawing raises :class:`TooManyRenders`, decided
    exactly under concurrency (see :func:`_lock_owner`). A request answered from the cache, or
    joining a render already under way, draws nothing new and is always served.
    """
    lang = i18n.supported(lang)
    if fmt not in renderer.FORMATS:
        raise RenderRequestError(t("format must be one of {choices}", choices=", ".join(renderer.FORMATS)))
    if layout not in renderer.LAYOUTS:
        raise RenderRequestError(t("layout must be one of {choices}", choices=", ".join(renderer.LAYOUTS)))
    if scale not in renderer.SCALES:
        raise RenderRequestError(t("scale must be one of {choices}", choices=", ".join(map(str, renderer.SCALES))))
    scale = scale if fmt == "png" else 1  # one file for every scale of a vector picture
    diagram = source if isinstance(source, Diagram) else None
    owner_id = owner.pk if owner is not None else (diagram.owner_id if diagram else None)
    doc = doc_module.validate(diagram.document if diagram else source)
    key = cache_key(doc, fmt, layout, scale, transparent, lang)

    candidates = Render.objects.filter(cache_key=key).exclude(status=Render.Status.FAILED).order_by("-created_at")
    found = _live(candidates, diagram)
    if found is not None:
        return found
    # The same picture drawn for another diagram: share the file, don't draw it again.
    twin = candidates.filter(status=Render.Status.DONE).exclude(file="").first()
    new = {"scale": scale, "transparent": transparent, "owner_id": owner_id, "lang": lang}
    if twin is not None or not limited or owner_id is None:
        return _create_or_join(candidates, diagram, key, doc, fmt, layout, twin, **new)
    # Count and create in one transaction that holds the owner's lock: two requests of one
    # account are decided one after the other, so the limit is exact.
    with transaction.atomic():
        _lock_owner(owner_id)
        found = _live(candidates, diagram)  # created by a request that held the lock before us
        if found is not None:
            return found
        limit = active_limit()
        if len(active_renders(owner_id)) >= limit:
            raise TooManyRenders(limit)
        return _create_or_join(candidates, diagram, key, doc, fmt, layout, None, **new)


def _live(candidates: Any, diagram: Diagram | None) -> Render | None:
    """A render of this picture for this diagram that is waiting, drawing or done."""
    for found in candidates.filter(diagram=diagram)[:3]:
        found = expire_if_stale(found)
        if found.status != Render.Status.FAILED:
            return found  # type: ignore[no-any-return]
    return None


def _create_or_join(candidates: Any, diagram: Diagram | None, *args: Any, **kwargs: Any) -> Render:
    try:
        return _create(diagram, *args, **kwargs)
    except IntegrityError:
        # Another request created this render meanwhile (one live render per key and
        # diagram, enforced by the database): join it instead of drawing it twice.
        joined = candidates.filter(diagram=diagram).first()
        if joined is None:
            raise
        return joined  # type: ignore[no-any-return]


def _lock_owner(owner_id: int) -> None:
    """Hold the owner's user row until the transaction ends (another request of theirs waits).

    PostgreSQL: ``SELECT ... FOR UPDATE``. SQLite has no row locks (Django ignores
    ``select_for_update`` there) but one writer at a time: our transactions begin ``IMMEDIATE``
    (config/settings.py), which takes the write lock at once; otherwise a first statement that
    writes takes it. A second writer waits for it (the busy timeout), so the count and the
    insert are just as alone.
    """
    users = get_user_model().objects.filter(pk=owner_id)
    if connection.vendor != "sqlite":
        list(users.select_for_update().values_list("pk", flat=True))
    elif connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") not in ("IMMEDIATE", "EXCLUSIVE"):
        users.update(is_active=F("is_active"))


def _create(
    diagram: Diagram | None,
    key: str,
    doc: dict[str, Any],
    fmt: str,
    layout: str,
    twin: Render | None,
    *,
    scale: int = 1,
    transparent: bool = False,
    lang: str = i18n.DEFAULT,
    owner_id: int | None = None,
) -> Render:
    with transaction.atomic():
        render = Render.objects.create(
            diagram=diagram,
            owner_id=owner_id,
            revision=diagram.revision if diagram else None,
            cache_key=key,
            content_hash=doc_module.content_hash(doc),
            format=fmt,
            layout=layout,
            scale=scale,
            transparent=transparent,
            lang=lang,
            document=doc,
            status=Render.Status.DONE if twin else Render.Status.PENDING,
            file=twin.file.name if twin else "",
            size_bytes=twin.size_bytes if twin else None,
            started_at=timezone.now() if twin else None,
            finished_at=timezone.now() if twin else None,
            duration_ms=0 if twin else None,
            queue="" if settings.RENDER_INLINE else settings.CELERY_TASK_DEFAULT_QUEUE,
        )
        if not twin:
            transaction.on_commit(lambda: _dispatch(render.pk, render.queue))
    return render


def _dispatch(render_id: int, queue: str = "") -> None:
    if settings.RENDER_INLINE:
        future = _executor.submit(_perform_in_thread, render_id)
        _inflight.add(future)
        future.add_done_callback(_inflight.discard)
    else:
        from builder.tasks import render_task

        # The queue named in settings now (tests and workers pick theirs at run time).
        render_task.apply_async(args=[render_id], queue=queue or settings.CELERY_TASK_DEFAULT_QUEUE)


def wait_inline(timeout: float = 120) -> None:
    """Embedded mode: wait for the renders this process is drawing (tests, benchmarks, shutdown)."""
    wait_futures(list(_inflight), timeout=timeout)


def _retry_locked(op: Callable[[], Any], attempts: int = 100) -> Any:
    """Run a DB write, retrying while SQLite reports a locked table.

    SQLite's shared-cache in-memory database (the test database) fails at once with
    "table is locked" instead of waiting for the busy timeout; a file database in WAL
    mode and PostgreSQL never get here.
    """
    for attempt in range(attempts):
        try:
            return op()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02)
    return None


def _perform_in_thread(render_id: int) -> None:
    try:
        perform(render_id)
    except Exception:  # the thread pool would swallow it silently
        log.exception("render %s crashed", render_id)
    finally:
        # This thread's DB connection is not closed by any request cycle.
        connections.close_all()


def perform(render_id: int) -> Render | None:
    """Draw one render. Safe to call twice (only the first claim draws)."""
    close_old_connections()
    claimed = _claim(render_id)
    if not claimed:  # done, failed, or another worker has it
        current = Render.objects.filter(pk=render_id).values_list("status", flat=True).first()
        log.info("render %s not claimed: it is %s", render_id, current or "gone")
        return None
    render = _retry_locked(lambda: Render.objects.get(pk=render_id))
    with _alive(render_id):
        return _draw(render)


def _claim(render_id: int) -> bool:
    """Take a pending render, or a running one whose drawing process died (one more try)."""
    now = timezone.now()
    me = _me() if not settings.RENDER_INLINE else ""
    claimed = _retry_locked(
        lambda: Render.objects.filter(pk=render_id, status=Render.Status.PENDING).update(
            status=Render.Status.RUNNING, started_at=now, attempts=F("attempts") + 1, worker=me
        )
    )
    if claimed:
        return True
    # A message handed back because its worker was lost (acks_late, reject_on_worker_lost).
    render = Render.objects.filter(pk=render_id, status=Render.Status.RUNNING).defer("document").first()
    if render is None or not _drawer_lost(render):
        return False
    if render.attempts >= MAX_ATTEMPTS:
        _retry_or_fail_lost(render)
        return False
    return bool(
        Render.objects.filter(pk=render_id, status=Render.Status.RUNNING, attempts=render.attempts).update(
            started_at=now, attempts=F("attempts") + 1, worker=me
        )
    )


@contextlib.contextmanager
def _alive(render_id: int) -> Iterator[None]:
    """While drawing, keep a short-lived mark saying which process draws this render."""
    stop = threading.Event()
    key = _alive_key(render_id)

    def beat() -> None:
        while True:
            try:
                cache.set(key, _me(), timeout=ALIVE_TTL_S)
            except Exception:  # the mark is advisory: a cache outage must not fail the render
                log.warning("could not mark render %s alive", render_id, exc_info=True)
            if stop.wait(ALIVE_EVERY_S):
                return

    thread = threading.Thread(target=beat, name=f"render-alive-{render_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        try:
            cache.delete(key)
        except Exception:
            log.warning("could not clear render %s's mark", render_id, exc_info=True)


def _draw(render: Render) -> Render:
    render_id = render.pk
    _announce(render)
    started = time.perf_counter()
    error = ""
    data = b""
    try:
        options = _options(render.scale, render.transparent, render.lang)
        data = renderer.render(render.document, render.format, render.layout, options)  # type: ignore[arg-type]
    except doc_module.InvalidDocument as exc:
        error = f"the document is invalid: {exc}"
    except renderer.RenderError as exc:
        error = i18n.said(exc, render.lang)  # the render is keyed by its language: one reader's
    except Exception as exc:
        # Celery's SoftTimeLimitExceeded lands here too.
        if type(exc).__name__ == "SoftTimeLimitExceeded":
            error = f"drawing took longer than {time_limit_s():g} s and was stopped"
        else:
            log.exception("render %s failed", render_id)
            error = f"internal error while drawing ({type(exc).__name__})"
    try:
        if not error:
            name = f"{render.cache_key[:24]}.{render.format}"
            render.file.save(name, ContentFile(data), save=False)
            render.size_bytes = len(data)
            render.status = Render.Status.DONE
        else:
            render.status = Render.Status.FAILED
            render.error = error[:2000]
    except Exception as exc:  # storage full, permissions...
        log.exception("render %s could not be stored", render_id)
        render.status = Render.Status.FAILED
        render.error = f"could not store the picture ({type(exc).__name__})"
    finally:
        render.finished_at = timezone.now()
        render.duration_ms = int((time.perf_counter() - started) * 1000)
        _retry_locked(
            lambda: render.save(update_fields=["status", "error", "file", "size_bytes", "finished_at", "duration_ms"])
        )
    _announce(render)
    return render


def export_script(diagram: Diagram) -> str:
    return renderer.export_script(diagram.document)


# --- fair share: how many renders one account may have waiting or drawing ---------------
# Counted by Render.owner (a review link's renders belong to the diagram's owner), inside the
# transaction that creates the render, under the owner's lock (request_render, limited=True).


class TooManyRenders(Exception):
    """The account already has its limit of renders queued or drawing (a 429)."""

    def __init__(self, limit: int) -> None:
        one = N_(
            "you already have {limit} render waiting or drawing, and an account may have at most {limit} at a "
            "time; wait until it finishes (it takes seconds), then try again"
        )
        more = N_(
            "you already have {limit} renders waiting or drawing, and an account may have at most {limit} at "
            "a time; wait until one finishes (it takes seconds), then try again"
        )
        template = one if limit == 1 else more
        self.text = t(template, limit=limit)  # said in the request's language (builder.api.errors)
        super().__init__(self.text)
        self.limit = limit


def active_limit() -> int:
    return int(getattr(settings, "RENDER_ACTIVE_PER_USER", 2))


def active_renders(owner_id: int) -> list[Render]:
    """The owner's renders that are waiting or drawing (their diagrams', and their review links')."""
    waiting = [Render.Status.PENDING, Render.Status.RUNNING]
    limit = active_limit() + 8  # enough to know the limit is reached, never a whole table
    renders = Render.objects.filter(owner_id=owner_id, status__in=waiting).defer("document")[:limit]
    # expire_if_stale first: a render whose worker died must not hold the account's slot.
    return [r for r in map(expire_if_stale, renders) if r.status in (Render.Status.PENDING, Render.Status.RUNNING)]

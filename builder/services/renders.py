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

import hashlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import OperationalError, close_old_connections, connections, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from builder import document as doc_module
from builder import render as renderer
from builder.models import Diagram, Render
from builder.services import events

log = logging.getLogger(__name__)

#: Bump when the picture changes for the same document (styles, icons): old cache entries
#: then miss instead of serving the old look.
RENDERER_VERSION = "1"

CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}

# Embedded mode only: two threads, as many as the machine's dot processes should share.
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="render")
_inflight: set[Future[None]] = set()


class RenderRequestError(ValueError):
    """A bad format or layout: the caller's mistake, shown as a 400."""


def time_limit_s() -> float:
    return float(getattr(settings, "RENDER_TIME_LIMIT_S", 60))


def _limits() -> renderer.Limits:
    return renderer.Limits(
        timeout_s=time_limit_s(),
        memory_mb=int(getattr(settings, "RENDER_MEMORY_MB", 2048)),
    )


def _options() -> renderer.Options:
    return renderer.Options(dot_binary=str(getattr(settings, "RENDER_DOT_BINARY", "dot")), limits=_limits())


def cache_key(doc: dict[str, Any], fmt: str, layout: str) -> str:
    """sha256 of the canonical document with defaults, the format, the layout, the renderer."""
    h = hashlib.sha256(doc_module.canonical_json(doc_module.with_defaults(doc)))
    h.update(f"\0{fmt}\0{layout}\0{RENDERER_VERSION}".encode())
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


def expire_if_stale(render: Render) -> Render:
    """A running render past the time limit lost its worker: mark it failed, once."""
    now = timezone.now()
    grace = timedelta(seconds=time_limit_s() + 30)
    stale = False
    if render.status == Render.Status.RUNNING and render.started_at and now - render.started_at > grace:
        stale, why = True, f"drawing did not finish within {time_limit_s():g} s (the worker stopped)"
    elif render.status == Render.Status.PENDING and now - render.created_at > max(grace * 10, timedelta(minutes=10)):
        stale, why = True, "no render worker picked this render up; try again"
    if stale:
        updated = Render.objects.filter(pk=render.pk, status=render.status).update(
            status=Render.Status.FAILED, error=why, finished_at=now
        )
        render.refresh_from_db()
        if updated:
            _announce(render)
    return render


def get_render(user: Any, render_id: int | str) -> Render:
    """The user's render (404 for anyone else's), stale ones already marked failed."""
    from django.http import Http404

    try:
        render = Render.objects.select_related("diagram").get(pk=int(render_id), diagram__owner=user)
    except (Render.DoesNotExist, ValueError, TypeError):
        raise Http404("no such render") from None
    return expire_if_stale(render)


# --- act -------------------------------------------------------------------------------


def request_render(source: Diagram | dict[str, Any], fmt: str = "png", layout: str = "auto") -> Render:
    """A render of a diagram's current document (or of a bare document), cached or scheduled."""
    if fmt not in renderer.FORMATS:
        raise RenderRequestError(f"format must be one of {', '.join(renderer.FORMATS)}")
    if layout not in renderer.LAYOUTS:
        raise RenderRequestError(f"layout must be one of {', '.join(renderer.LAYOUTS)}")
    diagram = source if isinstance(source, Diagram) else None
    doc = doc_module.validate(diagram.document if diagram else source)
    key = cache_key(doc, fmt, layout)

    candidates = Render.objects.filter(cache_key=key).exclude(status=Render.Status.FAILED).order_by("-created_at")
    for found in candidates.filter(diagram=diagram)[:3]:
        found = expire_if_stale(found)
        if found.status != Render.Status.FAILED:
            return found
    # The same picture drawn for another diagram: share the file, don't draw it again.
    twin = candidates.filter(status=Render.Status.DONE).exclude(file="").first()
    with transaction.atomic():
        render = Render.objects.create(
            diagram=diagram,
            revision=diagram.revision if diagram else None,
            cache_key=key,
            content_hash=doc_module.content_hash(doc),
            format=fmt,
            layout=layout,
            document=doc,
            status=Render.Status.DONE if twin else Render.Status.PENDING,
            file=twin.file.name if twin else "",
            size_bytes=twin.size_bytes if twin else None,
            started_at=timezone.now() if twin else None,
            finished_at=timezone.now() if twin else None,
            duration_ms=0 if twin else None,
        )
        if not twin:
            transaction.on_commit(lambda: _dispatch(render.pk))
    return render


def _dispatch(render_id: int) -> None:
    if settings.RENDER_INLINE:
        future = _executor.submit(_perform_in_thread, render_id)
        _inflight.add(future)
        future.add_done_callback(_inflight.discard)
    else:
        from builder.tasks import render_task

        render_task.delay(render_id)


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
    now = timezone.now()
    claimed = _retry_locked(
        lambda: Render.objects.filter(pk=render_id, status=Render.Status.PENDING).update(
            status=Render.Status.RUNNING, started_at=now
        )
    )
    if not claimed:  # done, failed, or another worker has it
        current = Render.objects.filter(pk=render_id).values_list("status", flat=True).first()
        log.info("render %s not claimed: it is %s", render_id, current or "gone")
        return None
    render = _retry_locked(lambda: Render.objects.get(pk=render_id))
    _announce(render)
    started = time.perf_counter()
    error = ""
    data = b""
    try:
        data = renderer.render(render.document, render.format, render.layout, _options())  # type: ignore[arg-type]
    except doc_module.InvalidDocument as exc:
        error = f"the document is invalid: {exc}"
    except renderer.RenderError as exc:
        error = str(exc)
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
# Checked at the start of a render request, before anything is created. Renders through a
# review link belong to the diagram's owner: they have no diagram row to count by (a review
# picture is of a bare document), so their ids are kept per owner in the cache.


class TooManyRenders(Exception):
    """The account already has its limit of renders queued or drawing (a 429)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"you already have {limit} render{'s' if limit != 1 else ''} waiting or drawing, the most one account "
            f"may have at a time; wait until one finishes (it takes seconds), then ask again"
        )
        self.limit = limit


def active_limit() -> int:
    return int(getattr(settings, "RENDER_ACTIVE_PER_USER", 2))


def _review_key(owner_id: int) -> str:
    return f"renders-for-reviewers:{owner_id}"


def _still_active(renders: list[Render]) -> list[Render]:
    # expire_if_stale first: a render whose worker died must not hold the account's slot.
    return [r for r in map(expire_if_stale, renders) if r.status in (Render.Status.PENDING, Render.Status.RUNNING)]


def active_renders(owner: Any) -> list[Render]:
    """The owner's renders that are waiting or drawing (their diagrams', and their review links')."""
    waiting = [Render.Status.PENDING, Render.Status.RUNNING]
    limit = active_limit() + 8  # enough to know the limit is reached, never a whole table
    owned = list(Render.objects.filter(diagram__owner=owner, status__in=waiting)[:limit])
    ids = [int(i) for i in (cache.get(_review_key(owner.pk)) or [])]
    for_reviewers = list(Render.objects.filter(pk__in=ids, diagram=None, status__in=waiting)[:limit]) if ids else []
    return _still_active(owned + for_reviewers)


def check_fair_share(owner: Any, diagram: Diagram | None, document: dict[str, Any], fmt: str, layout: str) -> None:
    """Raise TooManyRenders if this request would start one more render than the owner may have.

    A request answered from the cache, or joining a render already under way, draws nothing
    new and is always let through.
    """
    limit = active_limit()
    if len(active_renders(owner)) < limit:
        return
    try:
        key = cache_key(doc_module.validate(document), fmt, layout)
    except doc_module.InvalidDocument:
        return  # request_render reports it
    same = Render.objects.filter(cache_key=key).exclude(status=Render.Status.FAILED)
    if same.filter(Q(diagram=diagram) | Q(status=Render.Status.DONE)).exists():
        return
    raise TooManyRenders(limit)


def count_for_owner(owner: Any, render: Render) -> None:
    """Count a review link's render against the diagram's owner until it finishes."""
    if render.diagram_id is not None or render.status not in (Render.Status.PENDING, Render.Status.RUNNING):
        return
    key = _review_key(owner.pk)
    waiting = {Render.Status.PENDING, Render.Status.RUNNING}
    ids = set(cache.get(key) or [])
    alive = set(Render.objects.filter(pk__in=ids, status__in=waiting).values_list("pk", flat=True)) if ids else set()
    cache.set(key, sorted(alive | {render.pk}), timeout=int(time_limit_s() * 20) + 600)

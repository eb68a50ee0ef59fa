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
import re
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, close_old_connections, connections, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename

from builder import document as doc_module
from builder import render as renderer
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
    """A bad format or layout: the caller's mistake, shown as a 400."""


def time_limit_s() -> float:
    return float(getattr(settings, "RENDER_TIME_LIMIT_S", 60))


def _limits() -> renderer.Limits:
    return renderer.Limits(
        timeout_s=time_limit_s(),
        memory_mb=int(getattr(settings, "RENDER_MEMORY_MB", 2048)),
    )


def _options(scale: int = 1, transparent: bool = False) -> renderer.Options:
    return renderer.Options(
        dot_binary=str(getattr(settings, "RENDER_DOT_BINARY", "dot")),
        limits=_limits(),
        scale=scale,
        transparent=transparent,
    )


def cache_key(doc: dict[str, Any], fmt: str, layout: str, scale: int = 1, transparent: bool = False) -> str:
    """sha256 of the canonical document with defaults, the options, the renderer version."""
    h = hashlib.sha256(doc_module.canonical_json(doc_module.with_defaults(doc)))
    h.update(f"\0{fmt}\0{layout}\0{scale}\0{int(transparent)}\0{RENDERER_VERSION}".encode())
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


def download_name(render: Render) -> str:
    """A file name safe in a Content-Disposition header and on any disk: from the diagram name."""
    name = (render.document or {}).get("name") if isinstance(render.document, dict) else None
    base = get_valid_filename(re.sub(r"\s+", "-", str(name or "").strip()))[:80] if name else ""
    base = base.strip(".-_") or "diagram"
    suffix = f"-r{render.revision}" if render.revision else ""
    return f"{base}{suffix}.{render.format}"


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


def request_render(
    source: Diagram | dict[str, Any],
    fmt: str = "png",
    layout: str = "auto",
    *,
    scale: int = 1,
    transparent: bool = False,
) -> Render:
    """A render of a diagram's current document (or of a bare document), cached or scheduled.

    ``scale`` (1, 2, 3) multiplies a PNG's pixels; SVG and PDF are vector and ignore it.
    """
    if fmt not in renderer.FORMATS:
        raise RenderRequestError(f"format must be one of {', '.join(renderer.FORMATS)}")
    if layout not in renderer.LAYOUTS:
        raise RenderRequestError(f"layout must be one of {', '.join(renderer.LAYOUTS)}")
    if scale not in renderer.SCALES:
        raise RenderRequestError(f"scale must be one of {', '.join(map(str, renderer.SCALES))}")
    scale = scale if fmt == "png" else 1  # one file for every scale of a vector picture
    diagram = source if isinstance(source, Diagram) else None
    doc = doc_module.validate(diagram.document if diagram else source)
    key = cache_key(doc, fmt, layout, scale, transparent)

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
            scale=scale,
            transparent=transparent,
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
        options = _options(render.scale, render.transparent)
        data = renderer.render(render.document, render.format, render.layout, options)  # type: ignore[arg-type]
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

"""A render's life under faults: a second request joins the render already being drawn (one
live row per picture, enforced by the database); with no worker it fails within seconds saying
so; a worker lost mid-render is retried once, else failed with that reason; no broker message
is left unacknowledged. The fault tests start (and kill) Celery workers of their own, on a
queue of their own, never the suite's worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from rest_framework.test import APIClient

from builder.models import Diagram, Render
from builder.services import diagrams as diagram_svc
from builder.services import renders as svc
from tests.conftest import minimal_document

from .services import ROOT

real_services = pytest.mark.skipif(not settings.REDIS_URL, reason="the real-services run has Celery and Redis")


@pytest.fixture
def diagram(user: Any) -> Diagram:
    return diagram_svc.create_diagram(user, minimal_document())


@pytest.mark.django_db
def test_a_second_request_joins_the_live_render(diagram: Diagram) -> None:
    first = svc.request_render(diagram, "svg")
    again = svc.request_render(diagram, "svg")
    assert again.pk == first.pk
    assert Render.objects.filter(cache_key=first.cache_key).count() == 1


@pytest.mark.django_db
def test_the_database_allows_one_live_render_per_picture_and_diagram(diagram: Diagram) -> None:
    render = svc.request_render(diagram, "svg")
    twin = {f: getattr(render, f) for f in ("cache_key", "content_hash", "format", "layout", "document")}
    with pytest.raises(IntegrityError), transaction.atomic():
        Render.objects.create(diagram=diagram, status="pending", **twin)
    Render.objects.filter(pk=render.pk).update(status="failed")
    assert Render.objects.create(diagram=diagram, status="pending", **twin).pk  # a failed one frees the slot


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="racing requests need PostgreSQL")
def test_racing_requests_for_new_content_draw_it_once(diagram: Diagram) -> None:
    ids: list[int] = []
    start = threading.Barrier(6)

    def ask() -> None:
        try:
            start.wait()
            ids.append(svc.request_render(Diagram.objects.get(pk=diagram.pk), "png").pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(ids) == 6 and len(set(ids)) == 1
    assert Render.objects.filter(diagram=diagram).count() == 1


def wait_status(render_id: int, statuses: set[str], timeout: float) -> Render:
    deadline = time.monotonic() + timeout
    while True:
        render = Render.objects.get(pk=render_id)
        if render.status in statuses or time.monotonic() > deadline:
            return render
        time.sleep(0.2)


@real_services
@pytest.mark.django_db(transaction=True)
def test_no_worker_says_so_within_30_s(diagram: Diagram, api: APIClient, settings: Any) -> None:
    settings.CELERY_TASK_DEFAULT_QUEUE = f"nobody-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    render = svc.request_render(diagram, "png")
    try:
        while (body := api.get(f"/api/renders/{render.pk}/").json())["status"] == "pending":
            assert time.monotonic() - started < 30, "still pending after 30 s"
            time.sleep(0.5)
        assert body["status"] == "failed" and "no render worker is running" in body["error"]
    finally:
        from celery import current_app

        with current_app.connection_for_write() as conn:
            conn.default_channel.client.delete(settings.CELERY_TASK_DEFAULT_QUEUE)  # the message nobody took


@pytest.fixture
def slow_dot(tmp_path: Path) -> str:
    """Graphviz that takes 4 s to start: time enough to kill the worker drawing."""
    script = tmp_path / "slow-dot"
    script.write_text('#!/bin/sh\nsleep 4\nexec dot "$@"\n')
    script.chmod(0o755)
    return str(script)


def start_worker(queue: str, env_extra: dict[str, str], log: Path, pool: str = "prefork") -> subprocess.Popen[bytes]:
    """A Celery worker (one pool process or thread) of this test's own, on a queue of its own."""
    from django.conf import settings as django_settings

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_QUEUE": queue,
        "REDIS_PREFIX": django_settings.REDIS_PREFIX,
        "BUILDER_TESTING": "0",
        **env_extra,
    }
    return subprocess.Popen(
        [
            *[sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", pool, "--concurrency", "1"],
            *["-Q", queue, "-n", f"{queue}-{uuid.uuid4().hex[:4]}@%h", "--without-mingle", "--without-gossip"],
            *["--loglevel", "INFO"],
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def stop_worker(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def own_worker(media_root: Path, slow_dot: str, tmp_path: Path, settings: Any) -> Iterator[Any]:
    """A prefork worker of this test's own; yields (queue, its pid, the env it was started with)."""
    queue = f"renders-fault-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    # A message of a worker killed whole comes back after 15 s (not the default 105 s).
    extra = {"MEDIA_ROOT": str(media_root), "RENDER_DOT_BINARY": slow_dot, "CELERY_VISIBILITY_TIMEOUT_S": "15"}
    proc = start_worker(queue, extra, tmp_path / "worker.log")
    deadline = time.monotonic() + 90  # a Celery start-up takes seconds, more on a busy machine
    while not svc.worker_alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert svc.worker_alive(), (tmp_path / "worker.log").read_text()[-2000:]
    yield queue, proc.pid, extra
    stop_worker(proc)


def kill_drawer(render_id: int, worker_pid: int) -> None:
    """SIGKILL the pool process drawing the render: only ever a child of this test's worker."""
    running = wait_status(render_id, {"running", "done", "failed"}, timeout=30)
    assert running.status == "running" and running.worker, running.status
    pid = int(running.worker.rsplit(":", 1)[1])
    parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    assert parent == worker_pid, f"render {render_id} is drawn by {pid}, not by this test's worker"
    os.kill(pid, signal.SIGKILL)


def left_unacknowledged(queue: str) -> list[Any]:
    from celery import current_app

    with current_app.connection_for_write() as conn:
        client = conn.default_channel.client
        waiting = client.llen(queue)
        unacked = [json.loads(v) for v in client.hvals("unacked")]
    return [waiting] * bool(waiting) + [u for u in unacked if u[2] == queue]


@real_services
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs the shared test database")
@pytest.mark.django_db(transaction=True)
def test_a_worker_lost_mid_render_is_retried_once_then_fails_with_the_reason(
    diagram: Diagram, own_worker: tuple[str, int, dict[str, str]]
) -> None:
    queue, worker_pid, _ = own_worker
    render = svc.request_render(diagram, "png")
    assert render.queue == queue
    kill_drawer(render.pk, worker_pid)
    done = wait_status(render.pk, {"done", "failed"}, timeout=60)
    assert (done.status, done.attempts) == ("done", 2), done.error

    other = svc.request_render(diagram_svc.save_diagram(diagram, None, 1, minimal_document(name="again")), "png")
    kill_drawer(other.pk, worker_pid)
    # The retry runs on the pool's next process: kill that one too.
    deadline = time.monotonic() + 30
    while Render.objects.get(pk=other.pk).attempts < 2:
        assert time.monotonic() < deadline, "not retried"
        time.sleep(0.1)
    kill_drawer(other.pk, worker_pid)
    failed = wait_status(other.pk, {"done", "failed"}, timeout=60)
    assert failed.status == "failed" and "the render worker stopped while drawing" in failed.error
    assert failed.attempts == 2
    # Every message was acknowledged or handed back and taken again: nothing left behind.
    deadline = time.monotonic() + 10
    while (left := left_unacknowledged(queue)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left


@real_services
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker process needs the shared test database")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_whole_is_replaced_and_its_message_comes_back(
    diagram: Diagram, own_worker: tuple[str, int, dict[str, str]], tmp_path: Path
) -> None:
    queue, worker_pid, extra = own_worker
    render = svc.request_render(diagram, "png")
    running = wait_status(render.pk, {"running", "done", "failed"}, timeout=30)
    assert running.status == "running"
    drawer = int(running.worker.rsplit(":", 1)[1])
    os.kill(worker_pid, signal.SIGKILL)  # the whole worker: main process and its pool process
    os.kill(drawer, signal.SIGKILL)
    # Another worker on the queue notices the lost drawer (its sweep) and draws it again.
    other = start_worker(queue, extra, tmp_path / "worker-2.log", pool="threads")
    try:
        done = wait_status(render.pk, {"done", "failed"}, timeout=60)
        assert (done.status, done.attempts) == ("done", 2), done.error
        # The killed worker's message never got acknowledged: once its visibility timeout
        # (15 s here) has passed, the other worker's heartbeat puts it back on the queue, the
        # worker takes it, finds the render done, and acknowledges it. Nothing is left behind.
        deadline = time.monotonic() + 15 + 30
        while (left := left_unacknowledged(queue)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not left, f"still unacknowledged after the visibility timeout: {left}"
        assert Render.objects.get(pk=render.pk).status == "done"
    finally:
        stop_worker(other)

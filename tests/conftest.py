"""Shared fixtures: users and API clients, media in a temporary folder, and, on the real
services run (REDIS_URL set), a real `celery worker` process bound to this test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rendered files go to a temporary folder for the whole session (the Celery worker too)."""
    path = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = str(path)
    return path


@pytest.fixture(autouse=True)
def _fresh_throttle_counters(settings: Any) -> None:
    """Each test counts logins, signups and wrong review tokens from zero (a new key salt:
    never cache.clear(), which on Redis would flush other test processes' broker queues)."""
    settings.THROTTLE_KEY_SALT = uuid.uuid4().hex


@pytest.fixture
def user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(username="ada", password="correct horse battery")


@pytest.fixture
def other_user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(username="grace", password="another good password")


@pytest.fixture
def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def other_api(other_user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(other_user)
    return client


@pytest.fixture
def token_client(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def minimal_document(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": 1,
        "name": "Thumbnail service",
        "region": "ap-northeast-2",
        "nodes": [
            {
                "id": "uploads",
                "type": "s3.bucket",
                "label": "Uploads",
                "parent": None,
                "position": {"x": 40, "y": 80},
                "props": {},
            },
            {
                "id": "thumb",
                "type": "lambda.function",
                "label": "썸네일 생성",
                "parent": None,
                "position": {"x": 300, "y": 80},
                "props": {"memory_mb": 1024, "timeout_s": 60},
            },
        ],
        "edges": [{"id": "e1", "source": "uploads", "target": "thumb", "label": "ObjectCreated"}],
    }
    doc.update(overrides)
    return doc


@pytest.fixture
def document() -> dict[str, Any]:
    return minimal_document()


@pytest.fixture(scope="session", autouse=True)
def celery_worker_process(
    django_db_setup: Any, django_db_blocker: Any, media_root: Path
) -> Iterator[subprocess.Popen[bytes] | None]:
    """On the real-services run, renders go through Redis to a real Celery worker process.

    The worker is started against the *test* database (pytest-django's name for it) and its own
    queue, so parallel test workers never take each other's renders.
    """
    if not settings.REDIS_URL:
        yield None
        return
    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "REDIS_PREFIX": settings.REDIS_PREFIX,
        "MEDIA_ROOT": str(media_root),
        "BUILDER_TESTING": "0",
    }
    (ROOT / "var").mkdir(exist_ok=True)
    log = open(ROOT / "var" / f"celery-{settings.CELERY_TASK_DEFAULT_QUEUE}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "threads",
            "--concurrency",
            "2",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"test-{settings.CELERY_TASK_DEFAULT_QUEUE}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    time.sleep(0.5)
    if proc.poll() is not None:
        raise RuntimeError(f"the celery worker exited at once; see {log.name}")
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections_at_teardown(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Before the test database is dropped, end connections other threads left open.

    Channels runs ORM calls of async tests in worker threads, whose connections no request
    cycle closes; on PostgreSQL they would keep the test database from being dropped.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


# -- what the real-services run leaves out ------------------------------------------------------

#: Tests of the pure core (document, rules, IaC, renderer): they import no Django and touch no
#: database, cache, channel layer or broker, so on PostgreSQL + Redis they would run the same
#: code with the same result a second time. The real-services run leaves them out, except any
#: test in them that uses the database (a `django_db` mark, or a fixture that needs it).
PURE_CORE = (
    "tests/document/",
    "tests/rules/",
    "tests/iac/",
    "tests/render/test_quality.py",
    "tests/render/test_renderer.py",
    "tests/render/test_routes.py",
    "tests/render/test_style.py",
    "tests/i18n/test_completeness.py",
    "tests/i18n/test_findings.py",
    "tests/i18n/test_cli.py",
)
#: End-to-end tests of the editor's and pages' own behaviour in the browser (accessibility,
#: keyboard, theme, fit, placement, connections, routing, Korean chrome, CSP, the API docs page):
#: the server does nothing in them that differs between SQLite and PostgreSQL or between the
#: in-process layer and Redis, so the real-services run leaves them out too (about a minute of
#: Chromium). Kept there: every e2e test that saves, exports, renders through Celery, imports,
#: reviews over sockets, limits through the cache, or reconnects.
UI_ONLY_E2E = tuple(
    f"tests/e2e/test_{name}.py"
    for name in (
        "a11y",
        "api_docs",
        "connections",
        "csp",
        "editor_picture",
        "fit",
        "i18n",
        "keyboard",
        "placement",
        "review_routes",
        "theme",
    )
)
_NEEDS_SERVICES = {
    *("db", "transactional_db", "django_user_model", "live_server"),
    *("client", "admin_client", "async_client"),
}


def _needs_services(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    info = item._fixtureinfo  # type: ignore[attr-defined]
    seen: set[str] = set()
    todo = list(info.argnames)
    while todo:  # the fixtures the test asks for, and the ones they ask for in turn
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for fixturedef in info.name2fixturedefs.get(name, ()):
            todo.extend(fixturedef.argnames)
    return bool(seen & _NEEDS_SERVICES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A renamed or moved file would silently drop out of (or back into) a run: say so instead.
    gone = [path for path in (*PURE_CORE, *UI_ONLY_E2E) if not (ROOT / path).exists()]
    if gone:
        raise pytest.UsageError(f"tests/conftest.py names test files that do not exist: {', '.join(gone)}")
    if not settings.REDIS_URL:
        return
    pure = [
        i
        for i in items
        if (i.nodeid.startswith(PURE_CORE) and not _needs_services(i)) or i.nodeid.startswith(UI_ONLY_E2E)
    ]
    if pure:
        config.hook.pytest_deselected(items=pure)
        chosen = set(map(id, pure))
        items[:] = [i for i in items if id(i) not in chosen]

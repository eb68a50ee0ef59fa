"""End-to-end fixtures: Debian's Chromium driven by Playwright against pytest-django's live server,
or against a Daphne process (`asgi_server`) where a test needs the real WebSockets.

The editor must be built (`cd frontend && npm ci && npm run build`); the tests are skipped with
a reason when it is not, or when Chromium is missing. Screenshots of each step go to
tests/e2e/artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
MANIFEST = ROOT / "frontend" / "dist" / ".vite" / "manifest.json"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser per test module. Not per session: Playwright's sync API keeps an event loop
    running in this thread while it is open, and the asyncio tests of other modules (run in
    the same process, `--dist loadfile`) need the thread to themselves."""
    if not MANIFEST.exists():
        pytest.skip("the editor is not built: run `npm ci && npm run build` in frontend/")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django must still allow its ORM here.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


_WATCHED: list[Any] = []
#: What Chromium logs when a socket is refused by pytest-django's WSGI live server.
WSGI_SOCKET_REFUSED = (
    r"WebSocket connection to .* failed: Error during WebSocket handshake: Unexpected response code: 404"
)


#: Chromium's log line for the 404 of GET/PATCH /api/me/ while the server has no such endpoint.
API_ME_NOT_YET = r"status of 404 .* @ \S*/api/me/$"


def watched(page: Any) -> Any:
    """A page whose uncaught errors and console errors fail the test that opened it.

    `page.errors` collects both; a test that provokes an error on purpose (a 409 answer the
    browser logs as "Failed to load resource") lists a pattern for it in `page.expected_errors`.
    """
    page.errors = []
    page.expected_errors = []
    page.on("pageerror", lambda e: page.errors.append(f"pageerror: {e}"))
    page.on(
        "console",
        lambda m: m.type == "error" and page.errors.append(f"console.error: {m.text} @ {m.location.get('url', '')}"),
    )
    # The editor reads the user's language from GET /api/me/ and treats a 404 as "the server does
    # not remember languages yet" (the browser's choice stays): that one 404 is by design.
    page.expected_errors.append(API_ME_NOT_YET)
    page.set_default_timeout(15_000)
    _WATCHED.append(page)
    return page


def by_design(message: Any) -> bool:
    """A console message the editor causes on purpose (the 404 of /api/me/, see API_ME_NOT_YET)."""
    return bool(re.search(API_ME_NOT_YET, f"{message.text} @ {message.location.get('url', '')}"))


def unexpected_errors(page: Any) -> list[str]:
    """The page's errors so far, less those it expects (`page.expected_errors`)."""
    return [e for e in page.errors if not any(re.search(pattern, e) for pattern in page.expected_errors)]


@pytest.fixture(autouse=True)
def no_page_errors() -> Iterator[None]:
    """Every e2e test fails on a page error or a console error in any page it opened."""
    _WATCHED.clear()
    yield
    unexpected = [
        f"{p.url}: {e}"
        for p in _WATCHED
        for e in p.errors
        if not any(re.search(pattern, e) for pattern in p.expected_errors)
    ]
    _WATCHED.clear()
    if unexpected:
        pytest.fail("errors in the page:\n" + "\n".join(unexpected), pytrace=False)


@pytest.fixture
def page(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, accept_downloads=True, base_url=live_server.url
    )
    page = watched(context.new_page())
    # pytest-django's live server is WSGI: the editor's socket cannot connect there (it polls
    # instead, by design), and Chromium logs each refused handshake. Daphne pages get no pass.
    page.expected_errors.append(WSGI_SOCKET_REFUSED)
    yield page
    context.close()


class AsgiServer:
    """A Daphne process serving config.asgi (HTTP and WebSockets) on the test database."""

    def __init__(self, url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.url = url
        self.proc = proc
        self.log = log


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"  # the test database is a file (settings: TEST NAME)
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def asgi_server(django_db_setup: Any, media_root: Path) -> Iterator[AsgiServer]:
    """Like pytest-django's live_server, but Daphne in a process of its own, so WebSockets work.

    pytest-django's live server is WSGI (no sockets); channels' ChannelsLiveServerTestCase does
    this with a forked daphne.testing.DaphneProcess, which would inherit this process's open
    database connections and Playwright's loop, so a clean `python -m daphne` is started
    instead, pointed at the test database (SQLite file or PostgreSQL) and, on the services
    run, at this worker's Redis prefix and Celery queue. Events sent while serving a request
    (a comment, a revoke) reach the sockets it holds, with either channel layer.
    """
    from django.conf import settings

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_XDIST_WORKER", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DATABASE_URL=_database_url(),
        BUILDER_TESTING="1",  # static files from the finders (the editor's dist/), plain storage
        REDIS_PREFIX=settings.REDIS_PREFIX,
        CELERY_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
        MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    (ROOT / "var").mkdir(exist_ok=True)
    log = ROOT / "var" / f"daphne-e2e-{settings.CELERY_TASK_DEFAULT_QUEUE}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"daphne exited at once:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=2) as res:  # noqa: S310 (our http URL)
                if res.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"daphne did not answer in 30 s:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    yield AsgiServer(url, proc, log)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def new_page(browser: Any, base_url: str) -> Any:
    """A page in a fresh context (its own cookies and storage: another person)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, base_url=base_url)
    return watched(context.new_page())


class Shots:
    """Numbered screenshots of a test's steps in tests/e2e/artifacts/<test>/."""

    def __init__(self, name: str) -> None:
        self.dir = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.n = 0

    def __call__(self, page: Any, step: str) -> Path:
        self.n += 1
        path = self.dir / f"{self.n:02d}-{step}.png"
        page.screenshot(path=str(path))
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name)

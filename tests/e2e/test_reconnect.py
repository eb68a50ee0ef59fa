"""Redis restarts under an open editor (real Chromium, a real server, a redis-server of the
test's own): the socket is refused cleanly while Redis is down, the editor keeps trying, and
when Redis is back it reconnects, hears the diagram's current revision, and shows that a save
it missed was made elsewhere, with the button that loads it."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import by_design, unexpected_errors
from tests.reliability.services import RedisServer, call, served

from .conftest import _database_url, new_page
from .test_editor import sign_up, wait_saved
from .test_review import start_diagram

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


@pytest.fixture
def redis_and_server(django_db_setup: Any, media_root: Path, tmp_path: Path) -> Iterator[tuple[RedisServer, int]]:
    redis = RedisServer()
    redis.start()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_XDIST_WORKER", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DATABASE_URL=_database_url(),
        REDIS_URL=redis.url,
        REDIS_PREFIX="reconnect-e2e",
        CELERY_QUEUE="reconnect-e2e",
        BUILDER_TESTING="1",
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="WARNING",
    )
    try:
        with served(env, tmp_path / "serve.log") as port:
            yield redis, port
    finally:
        redis.stop()


def test_editor_reconnects_after_a_redis_restart_and_resyncs(
    chromium: Any, redis_and_server: tuple[RedisServer, int], shots: Any
) -> None:
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    redis, port = redis_and_server
    page = new_page(chromium, f"http://127.0.0.1:{port}")
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and not by_design(m) and console_errors.append(m.text))
    closes: list[Any] = []
    page.on("websocket", lambda ws: ws.on("close", lambda _: closes.append(time.monotonic())))

    sign_up(page, "ada")
    diagram_id = start_diagram(page, "Orders API")
    wait_saved(page)
    token = Token.objects.create(user=get_user_model().objects.get(username="ada")).key
    shots(page, "editor-connected")

    redis.stop()
    page.wait_for_timeout(1500)  # the open socket notices; reconnects are refused (1013)
    current = json.loads(page.request.get(f"/api/diagrams/{diagram_id}/").text())
    doc = dict(current["document"], name="Renamed in another tab")
    body = {"revision": current["revision"], "document": doc}
    status, _, saved = call(port, "PUT", f"/api/diagrams/{diagram_id}/", token, body)  # saves go on without Redis
    missed = saved["revision"]
    assert (status, missed) == (200, current["revision"] + 1)
    expect(page.get_by_text(f"Revision {missed} of this diagram was saved elsewhere")).to_have_count(0)

    redis.start()
    # Within the backoff (at most 30 s apart), the editor is back and knows what it missed.
    banner = page.get_by_text(f"Revision {missed} of this diagram was saved elsewhere")
    expect(banner).to_be_visible(timeout=40_000)
    assert closes, "the socket was closed during the outage"
    shots(page, "resynced-after-redis-restart")
    assert not unexpected_errors(page), page.errors  # type: ignore[attr-defined]
    assert not console_errors, console_errors
    page.context.close()

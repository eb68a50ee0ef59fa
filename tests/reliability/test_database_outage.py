"""The database stops, is busy, comes back: the served app answers a JSON 503 with Retry-After
saying which, never an HTML 500, keeps its connections within the pool under a burst, and
recovers by itself. Against a PostgreSQL cluster of the test's own (never the shared one)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import minimal_document

from .services import PG_BIN, PgCluster, app_env, call, make_token, manage, served

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not PG_BIN,
    reason="the real-services run (PostgreSQL server binaries to start a cluster of the test's own)",
)


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    pg = PgCluster()
    pg.start()
    try:
        yield pg
    finally:
        pg.remove()


@pytest.fixture(scope="module")
def app(cluster: PgCluster) -> tuple[dict[str, str], str]:
    env = app_env(DATABASE_URL=cluster.url, DATABASE_POOL_MAX_SIZE="3", DATABASE_POOL_TIMEOUT_S="1")
    manage(env, "migrate", "-v0")
    return env, make_token(env)


def test_database_down_is_a_json_503_and_the_server_recovers_by_itself(
    cluster: PgCluster, app: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, token = app
    with served(env, tmp_path / "serve.log") as port:
        status, _, created = call(port, "POST", "/api/diagrams/", token, {"document": minimal_document()})
        assert status == 201
        cluster.stop()
        try:
            for method, path, body in [
                ("GET", "/api/diagrams/", None),
                ("PUT", f"/api/diagrams/{created['id']}/", {"revision": 1, "document": minimal_document()}),
            ]:
                status, headers, answer = call(port, method, path, token, body)
                assert status == 503, answer
                assert isinstance(answer, dict) and "database is unreachable" in answer["detail"]
                assert headers["Retry-After"] == "5"
        finally:
            cluster.start()
        # No restart: the next requests find the database again.
        deadline = time.monotonic() + 15
        while (status := call(port, "GET", f"/api/diagrams/{created['id']}/", token)[0]) != 200:
            assert status == 503 and time.monotonic() < deadline
            time.sleep(0.3)
        status, _, saved = call(
            port, "PUT", f"/api/diagrams/{created['id']}/", token, {"revision": 1, "document": minimal_document()}
        )
        assert status == 200 and saved["revision"] == 2


def test_a_burst_stays_within_the_pool_and_an_exhausted_pool_is_a_503(
    cluster: PgCluster, app: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, token = app
    with served(env, tmp_path / "serve.log") as port:
        status, _, created = call(port, "POST", "/api/diagrams/", token, {"document": minimal_document(name="burst")})
        assert status == 201
        peak = 0
        stop = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not stop.is_set():
                n = int(cluster.sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"))
                peak = max(peak, n - 1)  # not this watcher's own connection
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            with ThreadPoolExecutor(max_workers=24) as pool:
                statuses = list(pool.map(lambda _: call(port, "GET", "/api/diagrams/", token)[0], range(120)))
        finally:
            stop.set()
            watcher.join()
        # Nothing but answers and, past a 1 s wait for a connection on a loaded machine, 503s.
        assert set(statuses) <= {200, 503} and statuses.count(200) >= len(statuses) // 2, statuses
        assert 1 <= peak <= 3, f"{peak} connections for a pool of 3"

        # Every pooled connection stuck behind a lock: the next request waits 1 s, then 503 "busy".
        import psycopg

        with psycopg.connect(cluster.url) as locker:
            locker.execute("LOCK TABLE builder_diagram IN ACCESS EXCLUSIVE MODE")
            with ThreadPoolExecutor(max_workers=3) as stuck:
                blocked = [stuck.submit(call, port, "GET", "/api/diagrams/", token) for _ in range(3)]
                time.sleep(0.5)
                status, headers, answer = call(port, "GET", f"/api/diagrams/{created['id']}/", token)
                assert status == 503 and "every database connection is in use" in answer["detail"]
                assert headers["Retry-After"] == "5"
                locker.rollback()
                assert all(f.result()[0] in (200, 503) for f in blocked)
        assert call(port, "GET", f"/api/diagrams/{created['id']}/", token)[0] == 200

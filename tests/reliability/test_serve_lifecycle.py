"""The server's start and stop: it refuses to start, saying why, when the static files were
never collected; asked to stop (SIGTERM) with requests in flight, it finishes them and exits
within 10 s."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.conftest import minimal_document

from .services import ROOT, app_env, call, free_port, make_token, manage, wait_port


def test_a_server_without_collected_static_files_refuses_to_start(tmp_path: Path) -> None:
    env = app_env(BUILDER_VAR_DIR=str(tmp_path), BUILDER_TESTING="0")
    done = subprocess.run(
        [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "static files are not collected" in done.stderr and "collectstatic" in done.stderr


def test_sigterm_finishes_the_requests_in_flight_and_exits_within_10_s(tmp_path: Path) -> None:
    env = app_env(BUILDER_VAR_DIR=str(tmp_path))
    manage(env, "migrate", "-v0")
    token = make_token(env)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port, timeout=60)
        assert call(port, "POST", "/api/diagrams/", token, {"document": minimal_document()})[0] == 201
        # Hold the database's write lock: the next saves are accepted and then wait inside
        # the server, in flight for certain, when SIGTERM arrives.
        lock = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        body = {"document": minimal_document(name="in flight")}
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(call, port, "POST", "/api/diagrams/", token, body) for _ in range(4)]
            time.sleep(2)
            assert not any(f.done() for f in futures), "the saves should be waiting on the lock"
            proc.send_signal(signal.SIGTERM)
            asked = time.monotonic()
            time.sleep(1)
            assert proc.poll() is None, "the server left before finishing its requests"
            lock.execute("COMMIT")
            lock.close()
            results = [f.result(timeout=30) for f in futures]
        proc.wait(timeout=15)
        assert time.monotonic() - asked < 10
    finally:
        if proc.poll() is None:
            proc.kill()
    # Every request in flight was answered in full.
    assert [status for status, _, _ in results] == [201] * 4, results
    # uvicorn re-raises the SIGTERM it handled once it is done: "ended by SIGTERM", on purpose.
    assert proc.returncode in (0, -signal.SIGTERM)

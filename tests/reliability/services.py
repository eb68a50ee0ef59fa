"""Real services of a fault test's own: a PostgreSQL cluster, a redis-server, the app served by
`config.serve`, a Celery worker. Each on a free loopback port of its own, started and stopped
by the test, so stopping one never touches the shared PostgreSQL or Redis of the suite."""

from __future__ import annotations

import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1] if glob.glob("/usr/lib/postgresql/*/bin") else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def _as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


class PgCluster:
    """A throw-away PostgreSQL cluster in a temporary folder (trust auth, loopback only)."""

    def __init__(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="builder-pg-")
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        data = os.path.join(self.dir, "data")
        subprocess.run(
            _as_postgres(f"{PG_BIN}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"),
            check=True,
            capture_output=True,
            timeout=120,
        )
        self.data = data

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40"
        subprocess.run(
            _as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.data, "-o", options, "-l", f"{self.dir}/log", "-w", "start"),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def stop(self) -> None:
        subprocess.run(
            _as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"),
            capture_output=True,
            timeout=60,
        )

    def sql(self, query: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute(query).fetchone()  # type: ignore[arg-type]
            return str(row[0]) if row else ""

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    """A redis-server of the test's own (no persistence), to stop and start at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_port(self.port)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None


def app_env(**extra: str) -> dict[str, str]:
    """The environment of a process of the app: nothing inherited from the suite's services."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "CELERY_", "PYTEST_", "RENDER_"))
    }
    env.update({"BUILDER_TESTING": "1", **extra})
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300
    )
    return done.stdout


def make_token(env: dict[str, str], username: str = "ada") -> str:
    code = (
        "from django.contrib.auth import get_user_model;"
        "from rest_framework.authtoken.models import Token;"
        f"u=get_user_model().objects.create_user({username!r}, password='x'*12);"
        "print(Token.objects.create(user=u).key)"
    )
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


@contextmanager
def served(env: dict[str, str], log: Path) -> Iterator[int]:
    """The app served by `python -m config.serve` (what `make run` runs) on a free port."""
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_port(port, timeout=60)
            yield port
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def call(
    port: int, method: str, path: str, token: str, body: Any = None, timeout: float = 20
) -> tuple[int, dict[str, str], Any]:
    """One HTTP request: (status, headers, JSON body or text).

    598: the connection was refused (no server listening); 599: the server cut it off.
    """
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    request.add_header("Authorization", f"Token {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  (http://127.0.0.1 only)
            status, headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        status, headers, raw = exc.code, dict(exc.headers), exc.read()
    except urllib.error.URLError as exc:
        refused = isinstance(exc.reason, ConnectionRefusedError)
        return (598 if refused else 599), {}, str(exc.reason)
    except (ConnectionError, http.client.HTTPException) as exc:
        return 599, {}, str(exc)
    try:
        return status, headers, json.loads(raw)
    except ValueError:
        return status, headers, raw.decode(errors="replace")

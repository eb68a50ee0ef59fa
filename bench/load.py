"""Load benchmark of the served app: throughput, p50/p99 and 5xx under concurrent clients.

    .venv/bin/python bench/load.py [--shape embedded|services] [--server uvicorn|serve|daphne]
                                   [--processes 2] [--clients 20] [--writers 50] [--seconds 8]
                                   [--root DIR]

Loopback only, bounded in time: every phase runs ``--seconds`` (closed loop: each client
sends its next request when the last one is answered), then stops.

- ``embedded``: SQLite in a temporary folder, the in-process channel layer, renders in a thread.
- ``services``: PostgreSQL (database ``builder_reliability_bench``, made anew each run), Redis
  DB 13 with its own prefix, and a Celery worker on a queue of its own.

Each of ``--clients`` clients has a user and a 200-node diagram of its own (bench/validate.py's
generator); the server runs as ``--processes`` processes on ports of their own (client i uses
process i mod N, as a load balancer would). Phases: GET the diagram; POST /api/validate/;
request a render whose picture is already drawn (a cache hit); PUT the diagram (each client
its own: no conflicts); then ``--writers`` clients on ONE diagram, each reading it, changing it,
PUTting it and retrying on 409. After that phase every successful answer is checked against
the history: its revision exists and holds exactly the document that writer sent.

Beside each phase's figures: the CPU time per request of the server processes, of this load
generator (it shares the machine's cores, so its cost is part of what bounds the throughput)
and of PostgreSQL's backends for the benchmark's database. CPU time counts what a request
costs whoever else uses the cores; req/s and latencies do not.

``--server``: ``uvicorn`` (plain uvicorn, no access log), ``serve`` (``config.serve``, what
``make run`` starts) or ``daphne``.

``--root`` serves another checkout (e.g. ``git archive`` of an older commit, for "before").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson  # the generator's own JSON work is not what is measured: keep it cheap

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.validate import make_document  # noqa: E402

PG_URL = "postgres://postgres@127.0.0.1:5432/builder_reliability_bench"
REDIS_URL = "redis://127.0.0.1:6379/13"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing on port {port}")


# --- a minimal keep-alive HTTP/1.1 client (asyncio streams: cheap next to the servers) ---------


class Conn:
    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: Any = None, parse: bool = True) -> tuple[int, Any]:
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                return await self._once(method, path, body, parse)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.writer = None
                if attempt:
                    return 599, None
        return 599, None

    async def _once(self, method: str, path: str, body: Any, parse: bool) -> tuple[int, Any]:
        assert self.reader and self.writer
        data = orjson.dumps(body) if body is not None else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token {self.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\nConnection: keep-alive\r\n\r\n"
        )
        self.writer.write(head.encode() + data)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value.lower() == "close":
                close = True
        if chunked:
            raw = b""
            while (size := int((await self.reader.readline()).strip(), 16)) > 0:
                raw += await self.reader.readexactly(size + 2)
            await self.reader.readline()
        else:
            raw = await self.reader.readexactly(length)
        if close:
            self.writer.close()
            self.writer = None
        try:
            return status, orjson.loads(raw) if raw and parse else None
        except ValueError:
            return status, raw[:200]


# --- where the CPU goes: the servers, the load generator (this process), the database ---------

TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def database_pids(name: str) -> list[int]:
    """PostgreSQL's backends serving database ``name`` (their command line names it)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    line = f.read()
            except OSError:
                continue
            if line.startswith(b"postgres: ") and f" {name} ".encode() in line:
                pids.append(int(entry))
    return pids


class CpuMeter:
    """CPU seconds spent by the server processes, this process and the database's backends."""

    def __init__(self, server_pids: list[int], database: str | None) -> None:
        self.server_pids, self.database = server_pids, database

    def sample(self) -> dict[str, Any]:
        db = {pid: process_cpu(pid) for pid in database_pids(self.database)} if self.database else {}
        return {
            "server": sum(process_cpu(p) for p in self.server_pids),
            "client": time.process_time(),
            "db": db,
        }

    @staticmethod
    def spent(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float]:
        db = sum(cpu - before["db"].get(pid, 0.0) for pid, cpu in after["db"].items())
        return {"server": after["server"] - before["server"], "client": after["client"] - before["client"], "db": db}


METER: CpuMeter | None = None


class Phase:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cpu: dict[str, float] = {}
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.started = self.ended = 0.0
        self.successes = 0

    def record(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def row(self) -> dict[str, Any]:
        lat = sorted(self.latencies) or [0.0]
        wall = max(self.ended - self.started, 1e-9)
        return {
            "phase": self.name,
            "requests": len(self.latencies),
            "rps": len(self.latencies) / wall,
            "p50_ms": 1000 * statistics.median(lat),
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))],
            "5xx": sum(n for s, n in self.statuses.items() if s >= 500),
            "statuses": dict(sorted(self.statuses.items())),
            "ok_per_s": self.successes / wall,
            **{f"{k}_cpu_ms": 1000 * v / max(len(self.latencies), 1) for k, v in self.cpu.items()},
        }


async def timed(
    conn: Conn, phase: Phase, method: str, path: str, body: Any = None, parse: bool = True
) -> tuple[int, Any]:
    t0 = time.perf_counter()
    status, answer = await conn.request(method, path, body, parse)
    phase.record(status, time.perf_counter() - t0)
    return status, answer


async def closed_loop(phase: Phase, clients: list[Any], seconds: float, step: Any) -> None:
    deadline = time.monotonic() + seconds
    before = METER.sample() if METER else None
    phase.started = time.monotonic()

    async def run(client: Any) -> None:
        while time.monotonic() < deadline:
            await step(client)

    await asyncio.gather(*(run(c) for c in clients))
    phase.ended = time.monotonic()
    if METER and before:
        phase.cpu = CpuMeter.spent(before, METER.sample())


# --- the server and its data -------------------------------------------------------------------


def app_env(shape: str, var_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "CELERY_"))}
    env.update(BUILDER_VAR_DIR=var_dir, BUILDER_TESTING="0", LOG_LEVEL="WARNING", DJANGO_DEBUG="0")
    if shape == "services":
        env.update(DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL, REDIS_PREFIX="builder-reliability-bench")
        env.update(CELERY_QUEUE="bench-renders")
    return env


def fresh_pg_database() -> None:
    """The benchmark's own database, made anew for each run (never another one)."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        name = PG_URL.rsplit("/", 1)[1]
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


SETUP = """
import json, sys
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from builder.models import Diagram
Diagram.objects.all().delete()
get_user_model().objects.filter(username__startswith="bench").delete()
out = []
for i in range({n}):
    user = get_user_model().objects.create_user(f"bench{{i}}", password="x" * 12)
    out.append(Token.objects.create(user=user).key)
print("TOKENS" + json.dumps(out))
"""


def start_servers(root: Path, env: dict[str, str], server: str, processes: int) -> list[tuple[int, Any]]:
    procs = []
    for _ in range(processes):
        port = free_port()
        has_serve = (root / "config" / "serve.py").exists()
        if server == "daphne":
            serve = ["config.serve", "--server", "daphne"] if has_serve else ["daphne"]
            cmd = [sys.executable, "-m", *serve, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"]
        elif server == "serve":  # what `make run` starts (config.serve, uvicorn with our options)
            cmd = [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port)]
        else:
            cmd = [sys.executable, "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port)]
            cmd += ["--no-access-log", "--log-level", "warning", "config.asgi:application"]
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr)
        procs.append((port, proc))
    for port, proc in procs:
        wait_port(port, proc)
    return procs


def stop(procs: list[tuple[int, Any]]) -> None:
    for _, proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for _, proc in procs:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


async def bench(args: argparse.Namespace, ports: list[int], tokens: list[str]) -> list[dict[str, Any]]:
    doc = make_document(200)
    conns = [Conn(ports[i % len(ports)], tokens[i]) for i in range(args.clients)]
    diagrams: dict[int, dict[str, Any]] = {}
    for i, conn in enumerate(conns):
        status, created = await conn.request("POST", "/api/diagrams/", {"document": doc})
        assert status == 201, (status, created)
        diagrams[i] = created
    rows = []

    get = Phase("GET /api/diagrams/{id}/")
    await closed_loop(
        get,
        list(range(args.clients)),
        args.seconds,
        lambda i: timed(conns[i], get, "GET", f"/api/diagrams/{diagrams[i]['id']}/", parse=False),
    )
    rows.append(get.row())

    validate = Phase("POST /api/validate/")
    await closed_loop(
        validate,
        list(range(args.clients)),
        args.seconds,
        lambda i: timed(conns[i], validate, "POST", "/api/validate/", doc, parse=False),
    )
    rows.append(validate.row())

    # Render cache hit: draw once (every diagram has the same content), then ask again and again.
    first = diagrams[0]["id"]
    status, render = await conns[0].request("POST", f"/api/diagrams/{first}/renders/", {"format": "svg"})
    deadline = time.monotonic() + 120
    while render.get("status") in ("pending", "running") and time.monotonic() < deadline:
        await asyncio.sleep(0.3)
        status, render = await conns[0].request("GET", f"/api/renders/{render['id']}/")
    if render.get("status") != "done":
        print(f"render did not finish: {render}", file=sys.stderr)
    hit = Phase("POST renders/ (cache hit)")
    await closed_loop(
        hit,
        list(range(args.clients)),
        args.seconds,
        lambda i: timed(
            conns[i], hit, "POST", f"/api/diagrams/{diagrams[i]['id']}/renders/", {"format": "svg"}, parse=False
        ),
    )
    rows.append(hit.row())

    put = Phase("PUT /api/diagrams/{id}/")

    async def put_step(i: int) -> None:
        d = diagrams[i]
        body = dict(d["document"], name=f"bench {i} r{d['revision']}")
        status, answer = await timed(
            conns[i], put, "PUT", f"/api/diagrams/{d['id']}/", {"revision": d["revision"], "document": body}
        )
        if status == 200:
            diagrams[i] = answer

    await closed_loop(put, list(range(args.clients)), args.seconds, put_step)
    rows.append(put.row())

    # Writers on one diagram: read, change, PUT, retry on 409.
    target = diagrams[0]["id"]
    writers = [Conn(ports[i % len(ports)], tokens[0]) for i in range(args.writers)]
    many = Phase(f"{args.writers} writers, one diagram")
    wins: list[tuple[str, int]] = []
    counter = iter(range(10**9))

    async def write_step(w: int) -> None:
        status, current = await timed(writers[w], many, "GET", f"/api/diagrams/{target}/")
        if status != 200:
            return
        name = f"writer {w} #{next(counter)}"
        body = dict(current["document"], name=name)
        status, answer = await timed(
            writers[w], many, "PUT", f"/api/diagrams/{target}/", {"revision": current["revision"], "document": body}
        )
        if status == 200:
            many.successes += 1
            wins.append((name, answer["revision"]))

    await closed_loop(many, list(range(args.writers)), args.seconds, write_step)
    row = many.row()
    # Every success is in the history, holding exactly what that writer sent.
    lost = 0
    for name, number in wins:
        status, revision = await conns[0].request("GET", f"/api/diagrams/{target}/revisions/{number}/")
        if status != 200 or revision["document"]["name"] != name:
            lost += 1
    row["lost_or_wrong"] = lost
    row["distinct_revisions"] = len({n for _, n in wins}) == len(wins)
    rows.append(row)
    for c in conns + writers:
        if c.writer:
            c.writer.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=["embedded", "services"], default="embedded")
    parser.add_argument("--server", choices=["uvicorn", "serve", "daphne"], default="uvicorn")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--root", type=Path, default=HERE.parent)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server processes")
    args = parser.parse_args()
    root = args.root.resolve()

    with tempfile.TemporaryDirectory(prefix="builder-load-") as var_dir:
        env = app_env(args.shape, var_dir)
        env.update(dict(e.split("=", 1) for e in args.env))
        if args.shape == "services":
            fresh_pg_database()
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=root, env=env, check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=root, env=env, check=True)
        out = subprocess.run(
            [*manage, "shell", "-c", SETUP.format(n=args.clients)],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        tokens = json.loads(out.split("TOKENS", 1)[1])
        worker = None
        if args.shape == "services":
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-Q",
                    "bench-renders",
                    "--pool",
                    "threads",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "WARNING",
                    "-n",
                    "bench@%h",
                    "--without-mingle",
                    "--without-gossip",
                ],
                cwd=root,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        procs = start_servers(root, env, args.server, args.processes)
        global METER
        METER = CpuMeter([p.pid for _, p in procs], PG_URL.rsplit("/", 1)[1] if args.shape == "services" else None)
        try:
            rows = asyncio.run(bench(args, [p for p, _ in procs], tokens))
        finally:
            stop(procs)
            if worker:
                worker.terminate()
                worker.wait(timeout=20)

    label = f"{args.shape}, {args.server} x{args.processes}, {args.clients} clients"
    print(f"\n{label} ({root.name}, {args.seconds:g} s per phase)\n")
    print(f"load average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    cpu_head = "CPU ms per request: servers / generator / database"
    print(f"| phase | requests | req/s | p50 ms | p99 ms | 5xx | {cpu_head} | statuses |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        figures = f"{r['requests']} | {r['rps']:.0f} | {r['p50_ms']:.0f} | {r['p99_ms']:.0f} | {r['5xx']}"
        cpu = " / ".join(f"{r.get(k + '_cpu_ms', 0):.2f}" for k in ("server", "client", "db"))
        print(f"| {r['phase']} | {figures} | {cpu} | {r['statuses']} |")
    last = rows[-1]
    print(
        f"\nwriters: {last['ok_per_s']:.1f} successful writes/s; "
        f"lost or wrong answers: {last['lost_or_wrong']}; each answer its own revision: {last['distinct_revisions']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

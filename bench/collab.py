"""Live collaboration benchmark: many pycrdt clients moving nodes of one diagram at once.

    .venv/bin/python bench/collab.py [--shape embedded|services] [--processes N]
                                     [--clients 20] [--nodes 200] [--interval 0.1] [--seconds 20]

Served for real (``config.serve``, uvicorn) on loopback; clients are pycrdt replicas over real
WebSockets (the ``websockets`` package), each logged in with a session of its own user (a
member of the diagram), client i on server process i mod N.

- ``embedded``: SQLite in a temporary folder and the in-process channel layer (one process).
- ``services``: PostgreSQL (database ``builder_collab_bench``, made anew each run) and Redis
  DB 10 (prefix ``builder-collab-bench``), normally with ``--processes 2``: clients on
  different processes edit together.

Each client moves a node of its own every ``--interval`` s for ``--seconds`` s (a move is one
Yjs update: the node's ``position``). Figures:

- delivery latency: from a client sending a move to another client having applied it (both
  clocks are this process's), p50/p99 over every (move, receiver) pair;
- acknowledgement latency: from sending a move to getting it back from the server (it is
  stored by then);
- lost: (move, receiver) pairs not seen by 3 s after the last move (a backlog still draining
  counts here; "identical" then says whether it arrived in the end); duplicated: update
  messages a client got twice;
- identical: every client's document, and the revision the server wrote once edits settled,
  are the same document;
- server CPU: user + system seconds of the server processes during the run (from /proc).

Targets: p99 < 50 ms, zero lost, identical documents. The clients share one Python process:
on a busy machine their own scheduling adds to the latency they measure.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from pycrdt import (  # noqa: E402
    Doc,
    Map,
    YMessageType,
    YSyncMessageType,
    create_sync_message,
    create_update_message,
    handle_sync_message,
)

from bench.load import free_port, stop, wait_port  # noqa: E402

PG_URL = "postgres://postgres@127.0.0.1:5432/builder_collab_bench"
REDIS_URL = "redis://127.0.0.1:6379/10"
#: A move to number n puts the node at x = MOVE_BASE + n (further right than any generated node).
MOVE_BASE = 100_000
#: Offer permessage-deflate as browsers do (--no-deflate: plain frames).
DEFLATE = True
#: The digest of every move's message -> (client, move number).
MOVES: dict[bytes, tuple[int, int]] = {}

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from bench.validate import make_document
from builder.collab.models import Member
from builder.services import diagrams as svc
users = get_user_model().objects
owner = users.create_user("collab-owner", password="x" * 12)
diagram = svc.create_diagram(owner, make_document({nodes}))
cookies = []
for i in range({clients}):
    user = owner if i == 0 else users.create_user(f"collab{{i}}", password="x" * 12)
    if i:
        Member.objects.create(diagram=diagram, user=user, role="editor", added_by=owner)
    browser = Client()
    browser.force_login(user)
    cookies.append(browser.cookies["sessionid"].value)
movable = [n["id"] for n in diagram.document["nodes"] if n["type"] not in ("aws.region", "aws.vpc", "aws.subnet")]
print("SETUP" + json.dumps({{"diagram": diagram.pk, "cookies": cookies, "movable": movable}}))
"""

FINAL = """
import json
from builder.models import Diagram
from builder.collab.models import SharedState
d = Diagram.objects.get(pk={diagram})
s = SharedState.objects.get(pk={diagram})
print("FINAL" + json.dumps({{"revision": d.revision, "document": d.document, "pending": s.seq - s.compacted_seq}}))
"""


def app_env(shape: str, var_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "CELERY_"))}
    env.update(BUILDER_VAR_DIR=var_dir, BUILDER_TESTING="0", LOG_LEVEL="WARNING", DJANGO_DEBUG="0")
    if shape == "services":
        env.update(DATABASE_URL=PG_URL, REDIS_URL=REDIS_URL, REDIS_PREFIX="builder-collab-bench")
    return env


def fresh_pg_database() -> None:
    """The benchmark's own database, made anew for each run (never another one)."""
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        name = PG_URL.rsplit("/", 1)[1]
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its reaped children, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class BenchClient:
    def __init__(self, index: int, url: str, cookie: str, node: str, nodes: dict[int, str]) -> None:
        self.index, self.url, self.cookie, self.node = index, url, cookie, node
        self.nodes = nodes  # client index -> the node it moves
        self.doc: Doc[Any] = Doc()
        self.arrivals: dict[tuple[int, int], float] = {}  # (client, move) -> when seen
        self.hashes: set[bytes] = set()
        self.duplicates = 0
        self.synced = asyncio.Event()
        self.ws: Any = None

    async def open(self) -> None:
        self.ws = await websockets.connect(
            self.url,
            additional_headers=[("Cookie", f"sessionid={self.cookie}"), ("Origin", "http://127.0.0.1")],
            max_size=None,
            compression="deflate" if DEFLATE else None,
        )
        await self.ws.send(create_sync_message(self.doc))
        self.reader = asyncio.ensure_future(self.read())

    async def read(self) -> None:
        async for data in self.ws:
            if not isinstance(data, bytes) or data[0] != YMessageType.SYNC:
                continue
            now = time.perf_counter()
            reply = handle_sync_message(data[1:], self.doc)
            if reply is not None:
                await self.ws.send(reply)
            if data[1] == YSyncMessageType.SYNC_STEP2:
                self.synced.set()
            elif data[1] == YSyncMessageType.SYNC_UPDATE:
                # The server relays the bytes a client sent: they say whose move it is.
                digest = hashlib.blake2b(data, digest_size=16).digest()
                if digest in self.hashes:
                    self.duplicates += 1
                self.hashes.add(digest)
                move = MOVES.get(digest)
                if move is not None:
                    self.arrivals[move] = now

    async def move(self, number: int) -> None:
        nodes_map = self.doc.get("nodes", type=Map)
        updates: list[bytes] = []
        subscription = self.doc.observe(lambda event: updates.append(event.update))
        with self.doc.transaction():
            # x carries the move's number: a receiver knows which move it has.
            nodes_map[self.node]["position"] = {"x": MOVE_BASE + number, "y": self.index * 100}
        self.doc.unobserve(subscription)
        for update in updates:
            message = create_update_message(update)
            MOVES[hashlib.blake2b(message, digest_size=16).digest()] = (self.index, number)
            await self.ws.send(message)


async def run(
    args: argparse.Namespace, ports: list[int], setup: dict[str, Any], server_pids: list[int]
) -> dict[str, Any]:
    nodes = {i: setup["movable"][i % len(setup["movable"])] for i in range(args.clients)}
    clients = [
        BenchClient(
            i,
            f"ws://127.0.0.1:{ports[i % len(ports)]}/ws/collab/{setup['diagram']}/",
            setup["cookies"][i],
            nodes[i],
            nodes,
        )
        for i in range(args.clients)
    ]
    for client in clients:
        await client.open()
    await asyncio.wait_for(asyncio.gather(*(c.synced.wait() for c in clients)), 30)
    # Every move is numbered per client, the number put in the position (see move()); the
    # receivers tell the moves apart by it (each client moves a node of its own).
    sent: dict[tuple[int, int], float] = {}
    moves = int(args.seconds / args.interval)
    cpu_before = sum(cpu_seconds(p) for p in server_pids)
    client_cpu_before = time.process_time()

    async def mover(client: BenchClient) -> None:
        start = time.perf_counter() + client.index * args.interval / args.clients  # spread out
        for number in range(moves):
            delay = start + number * args.interval - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent[(client.index, number)] = time.perf_counter()
            await client.move(number)

    await asyncio.gather(*(mover(c) for c in clients))
    await asyncio.sleep(3.0)  # let the last moves arrive
    cpu = sum(cpu_seconds(p) for p in server_pids) - cpu_before
    client_cpu = time.process_time() - client_cpu_before
    delivery, acks, lost = [], [], 0
    for (sender, number), at in sent.items():
        for receiver in clients:
            arrived = receiver.arrivals.get((sender, number))
            if arrived is None:
                lost += 1
            elif receiver.index == sender:
                acks.append(arrived - at)
            else:
                delivery.append(arrived - at)
    from builder.collab import ydoc as Y

    documents = [json.dumps(Y.ydoc_to_document(c.doc), sort_keys=True) for c in clients]
    for client in clients:
        await client.ws.close()
    return {
        "moves": len(sent),
        "pairs": len(sent) * len(clients),
        "delivery_p50_ms": statistics.median(delivery) * 1000 if delivery else float("nan"),
        "delivery_p99_ms": percentile(delivery, 0.99) * 1000,
        "delivery_max_ms": max(delivery) * 1000 if delivery else float("nan"),
        "ack_p50_ms": statistics.median(acks) * 1000 if acks else float("nan"),
        "ack_p99_ms": percentile(acks, 0.99) * 1000,
        "lost": lost,
        "duplicated": sum(c.duplicates for c in clients),
        "clients_identical": len(set(documents)) == 1,
        "document": documents[0],
        "server_cpu_s": cpu,
        "client_cpu_s": client_cpu,
        "seconds": args.seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=["embedded", "services"], default="embedded")
    parser.add_argument("--processes", type=int, default=None, help="server processes (services: 2)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--nodes", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--no-deflate", action="store_true", help="clients do not offer permessage-deflate")
    parser.add_argument("--profile", help="record the servers with py-spy, writing PATH.<port>")
    args = parser.parse_args()
    global DEFLATE
    DEFLATE = not args.no_deflate
    processes = args.processes or (2 if args.shape == "services" else 1)
    if args.shape == "embedded" and processes != 1:
        parser.error("the in-process channel layer serves one process: use --shape services for more")

    with tempfile.TemporaryDirectory(prefix="builder-collab-") as var_dir:
        env = app_env(args.shape, var_dir)
        if args.shape == "services":
            fresh_pg_database()
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run(
            [*manage, "shell", "-c", SETUP.format(nodes=args.nodes, clients=args.clients)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        setup = json.loads(out.split("SETUP", 1)[1])
        procs = []
        log = open(Path(var_dir) / "server.log", "wb")  # noqa: SIM115
        for _ in range(processes):
            port = free_port()
            cmd = [sys.executable, "-m", "config.serve", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"]
            if args.profile:  # the server under py-spy (not a requirement: pip install py-spy)
                cmd = ["py-spy", "record", "-r", "200", "-f", "speedscope", "-o", f"{args.profile}.{port}", "--", *cmd]
            procs.append((port, subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)))
        for port, proc in procs:
            wait_port(port, proc)
        print("server processes:", " ".join(str(proc.pid) for _, proc in procs), flush=True)
        try:
            result = asyncio.run(run(args, [p for p, _ in procs], setup, [proc.pid for _, proc in procs]))
            time.sleep(3.0)  # the revision is written once edits settle (1.5 s)
            final = json.loads(
                subprocess.run(
                    [*manage, "shell", "-c", FINAL.format(diagram=setup["diagram"])],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split("FINAL", 1)[1]
            )
        finally:
            stop(procs)
            log.close()
            problems = [
                line
                for line in (Path(var_dir) / "server.log").read_text().splitlines()
                if "Error" in line or "Traceback" in line
            ]
            print("\n".join(["server errors:", *problems[:20]]) if problems else "server log: no errors")

    saved_same = json.dumps(final["document"], sort_keys=True) == result["document"]
    label = f"{args.shape}, {processes} server process(es), {args.clients} clients, {args.nodes} nodes"
    label += ", permessage-deflate" if DEFLATE else ", no compression"
    print(f"\n{label}: a move every {args.interval * 1000:.0f} ms each for {args.seconds:g} s\n")
    print("| moves | delivery p50 ms | p99 ms | max ms | ack p50 ms | ack p99 ms | lost | duplicated | server CPU s |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {result['moves']} | {result['delivery_p50_ms']:.1f} | {result['delivery_p99_ms']:.1f} "
        f"| {result['delivery_max_ms']:.1f} | {result['ack_p50_ms']:.1f} | {result['ack_p99_ms']:.1f} "
        f"| {result['lost']} of {result['pairs']} | {result['duplicated']} | {result['server_cpu_s']:.1f} "
        f"({result['server_cpu_s'] / result['seconds'] * 100:.0f}% of a core) |"
    )
    print(
        f"\nevery client's document identical: {result['clients_identical']}; the revision the server "
        f"wrote (r{final['revision']}, {final['pending']} updates not yet folded) is that document: {saved_same}"
    )
    print(f"the clients' own CPU (one process, all of them): {result['client_cpu_s']:.1f} s")
    ok = result["lost"] == 0 and result["clients_identical"] and saved_same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Server CPU per request, in process: what each kind of request costs the server, load aside.

    .venv/bin/python bench/requests.py [--db sqlite|postgres|both] [--repeat 40] [--root DIR]

The load generator of bench/load.py shares the machine's two cores with the server, so its
req/s say little about the server's own cost. This script sends requests through Django's
test client (the whole middleware, authentication, DRF and database path, one process, one
request at a time) and measures the CPU time (``time.process_time``) of each, for a 200-node
document (bench/validate.py's generator, about 55 KB of JSON, as bench/load.py uses):

- ``GET /api/diagrams/{id}/``
- ``PUT /api/diagrams/{id}/`` (a new name each time, so every save is a real new revision)
- ``PUT`` with a stale revision (the 409 answer)
- ``POST /api/validate/``
- ``POST /api/diagrams/{id}/renders/`` for a picture already drawn (the cache hit)

and, for the pieces of a save, ``document.validate``, ``rules.run``, ``document.content_hash``
and JSON encoding and decoding of the document (the stdlib ``json`` and, when installed,
``orjson``), in the same process, so their ratios are fair whatever the load.

Medians (and the lowest) of ``--repeat`` requests of each kind, interleaved round by round.
SQLite in a temporary folder; PostgreSQL in the database ``builder_speed_bench`` (made anew each
run, on ``--pg`` or 127.0.0.1). No Redis: renders draw in a thread (one, before the hits).
``--root`` measures another checkout (``git archive`` of an older commit, for "before"): it runs
this same script there, in a child process.
"""

from __future__ import annotations

import argparse
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
# This file's name would shadow the requests library for everything imported after it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_NAME = "builder_speed_bench"


def cpu_ms(fn: Any) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def fresh_pg_database(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    return admin_url.rsplit("/", 1)[0] + "/" + PG_NAME


def measure(root: Path, db: str, repeat: int, profile: str = "") -> dict[str, dict[str, float]]:
    """Run in a fresh process per database (Django's settings are read once)."""
    sys.path.insert(0, str(root))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.authtoken.models import Token

    from bench.validate import make_document
    from builder import document, rules
    from builder.models import Render

    setup_test_environment()  # the test client's hosts; nothing else changes
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench")  # token auth: no password needed
    token = Token.objects.create(user=user)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    doc = make_document(200)
    body = json.dumps({"document": doc})
    created = client.post("/api/diagrams/", body, content_type="application/json")
    assert created.status_code == 201, created.content[:300]
    diagram = created.json()
    url = f"/api/diagrams/{diagram['id']}/"
    # Another diagram for the renders (the saves below change the first one's content): drawn
    # once, so that the render requests below are cache hits.
    drawn = client.post("/api/diagrams/", body, content_type="application/json").json()
    render_url = f"/api/diagrams/{drawn['id']}/renders/"
    first = client.post(render_url, json.dumps({"format": "svg"}), content_type="application/json").json()
    deadline = time.monotonic() + 300
    while Render.objects.get(pk=first["id"]).status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert Render.objects.get(pk=first["id"]).status == "done", "the first render did not finish"

    state = {"revision": diagram["revision"], "n": 0}

    def get() -> None:
        r = client.get(url)
        assert r.status_code == 200

    def put() -> None:
        state["n"] += 1
        payload = json.dumps({"revision": state["revision"], "document": dict(doc, name=f"bench r{state['n']}")})
        r = client.put(url, payload, content_type="application/json")
        assert r.status_code == 200, r.content[:300]
        state["revision"] = r.json()["revision"]

    stale = json.dumps({"revision": 1, "document": doc})

    def conflict() -> None:
        r = client.put(url, stale, content_type="application/json")
        assert r.status_code == 409

    validate_body = json.dumps(doc)

    def validate() -> None:
        r = client.post("/api/validate/", validate_body, content_type="application/json")
        assert r.status_code == 200

    render_body = json.dumps({"format": "svg"})

    def render_hit() -> None:
        r = client.post(render_url, render_body, content_type="application/json")
        assert r.status_code in (200, 201) and r.json()["status"] == "done", r.content[:300]

    text = json.dumps(doc).encode()
    pieces: dict[str, Any] = {
        "document.validate": lambda: document.validate(doc),
        "rules.run": lambda: rules.run(doc),
        "document.content_hash": lambda: document.content_hash(doc),
        "json.dumps (document)": lambda: json.dumps(doc),
        "json.loads (document)": lambda: json.loads(text),
    }
    try:
        import orjson

        pieces["orjson.dumps (document)"] = lambda: orjson.dumps(doc)
        pieces["orjson.loads (document)"] = lambda: orjson.loads(text)
    except ImportError:
        pass
    kinds = {"GET": get, "PUT": put, "PUT 409": conflict, "validate": validate, "render hit": render_hit, **pieces}
    for fn in kinds.values():  # warm up: imports, caches, the first query of each kind
        fn()
    if profile:  # where one kind of request spends its time (stderr), instead of the figures
        import cProfile
        import pstats

        prof = cProfile.Profile(time.process_time)  # CPU time: a wait on the database is not cost
        prof.enable()
        for _ in range(repeat):
            kinds[profile]()
        prof.disable()
        stats = pstats.Stats(prof, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        return {}
    samples: dict[str, list[float]] = {k: [] for k in kinds}
    for _ in range(repeat):
        for name, fn in kinds.items():
            samples[name].append(cpu_ms(fn))
    return {k: {"median": statistics.median(v), "min": min(v)} for k, v in samples.items()}


def child(root: Path, db: str, repeat: int, pg_admin: str, profile: str = "") -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as var_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "DJANGO_", "CELERY_"))}
        env.update(BUILDER_VAR_DIR=var_dir, LOG_LEVEL="WARNING", DJANGO_DEBUG="0", PYTHONPATH=str(root))
        if db == "postgres":
            env["DATABASE_URL"] = fresh_pg_database(pg_admin)
        out = subprocess.run(
            [
                *(sys.executable, str(HERE / "requests.py"), "--child", db, "--repeat", str(repeat)),
                *("--root", str(root), "--profile", profile),
            ],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        if profile:
            print(out.stderr[out.stderr.find("function calls") - 12 :])
        result: dict[str, dict[str, float]] = json.loads(out.stdout.rsplit("RESULT", 1)[1])
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=40, help="requests of each kind (median)")
    parser.add_argument("--root", default=str(HERE.parent), help="the checkout to measure")
    parser.add_argument("--pg", default=PG_ADMIN, help="PostgreSQL server (its postgres database)")
    parser.add_argument("--profile", default="", help="print cProfile's table for one kind (e.g. PUT) instead")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = Path(args.root).resolve()
    if args.child:
        result = measure(root, args.child, args.repeat, args.profile)
        print("RESULT" + json.dumps(result))
        return 0
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = {db: child(root, db, args.repeat, args.pg, args.profile) for db in dbs}
    if args.profile:
        return 0
    print(f"CPU ms per request, 200 nodes, {args.repeat} of each, median (lowest); root {root}")
    names = list(next(iter(results.values())))
    print(f"| request | {' | '.join(dbs)} |")
    print(f"| --- | {' | '.join('---:' for _ in dbs)} |")
    for name in names:
        cells = [f"{results[db][name]['median']:.2f} ({results[db][name]['min']:.2f})" for db in dbs]
        print(f"| {name} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

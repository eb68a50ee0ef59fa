"""Render benchmark: our service path (document -> file, cache missed) vs plain diagrams.

For 10, 50 and 200 nodes, draws the same graph (tests/render/samples.generated) both ways
in the same run, prints medians and the ratio (target <= 1.0 at 200 nodes), then the
cache-hit time of request_render (target < 20 ms).

    .venv/bin/python bench/render.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def diagrams_baseline(doc: dict[str, Any], workdir: Path) -> None:
    """What a user writes by hand: ``with Diagram(...)``, default settings, PNG."""
    import importlib

    from diagrams import Cluster, Diagram, Edge

    from builder import catalog

    cwd = os.getcwd()
    os.chdir(workdir)  # Diagram writes <name>.png into the CWD
    try:
        with Diagram(doc["name"], show=False, filename="baseline"):
            made: dict[str, Any] = {}
            clusters: dict[str, Any] = {}
            by_parent: dict[str | None, list[dict[str, Any]]] = {}
            for node in doc["nodes"]:
                by_parent.setdefault(node.get("parent"), []).append(node)

            def add(parent: str | None) -> None:
                for node in by_parent.get(parent, []):
                    spec = catalog.get(node["type"])
                    assert spec
                    if spec.container:
                        with Cluster(node.get("label") or spec.label) as c:
                            clusters[node["id"]] = c
                            add(node["id"])
                    else:
                        module, name = (spec.diagrams_class or "diagrams.aws.compute.Lambda").rsplit(".", 1)
                        made[node["id"]] = getattr(importlib.import_module(module), name)(node.get("label", ""))

            add(None)
            for e in doc["edges"]:
                made[e["source"]] >> Edge(label=e.get("label", "")) >> made[e["target"]]
    finally:
        os.chdir(cwd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from builder.models import Render
    from builder.services import renders as svc
    from tests.render.samples import generated

    setup_test_environment()
    # A throwaway database and media folder: the benchmark touches nothing of yours.
    tmp = Path(tempfile.mkdtemp(prefix="bench-render-"))
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp / "media")
    svc._dispatch = lambda render_id: None  # draw in this thread (below), not in the pool
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("migrate", verbosity=0)
        print(f"{'nodes':>5} {'ours (ms)':>10} {'diagrams (ms)':>14} {'ratio':>6}")
        for n in (10, 50, 200):
            ours: list[float] = []
            base: list[float] = []
            for i in range(args.repeat):
                doc = generated(n)
                doc["name"] = f"Bench {n} run {i}"  # a new document each time: always a cache miss
                t = time.perf_counter()
                render = svc.request_render(doc, "png")
                svc.perform(render.pk)  # in this thread: time the drawing, not a thread hop
                ours.append(time.perf_counter() - t)
                assert Render.objects.get(pk=render.pk).status == "done"
                t = time.perf_counter()
                diagrams_baseline(doc, tmp)
                base.append(time.perf_counter() - t)
            mo, mb = statistics.median(ours) * 1000, statistics.median(base) * 1000
            print(f"{n:>5} {mo:>10.0f} {mb:>14.0f} {mo / mb:>6.2f}")
        doc = generated(200)
        svc.perform(svc.request_render(doc, "png").pk)
        hits = []
        for _ in range(50):
            t = time.perf_counter()
            hit = svc.request_render(doc, "png")
            hits.append(time.perf_counter() - t)
            assert hit.status == "done"
        print(
            f"cache hit, 200 nodes: median {statistics.median(hits) * 1000:.1f} ms, "
            f"max {max(hits) * 1000:.1f} ms (target < 20 ms)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

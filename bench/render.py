"""Render benchmark: our service path (document -> file, cache missed) vs plain diagrams.

1. For 10, 50, 200, 500 and 1,000 nodes, draws the same graph (tests/render/samples.generated)
   both ways in the same run: median time, the PNG's size and its smallest text height in px
   (font size in px at the PNG's resolution), and the time ratio.
2. Edge routing in the canvas layout (the starters and the 40-component diagram): our router
   against Graphviz ``neato -n2 -Gsplines=ortho`` on the same pinned cards: edges through a
   card that is not their end, bends, time.
3. The cache-hit time of request_render (target < 20 ms).

    .venv/bin/python bench/render.py [--repeat 3] [--sizes 10,50,200,500,1000]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
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
        with Diagram(doc["name"], show=False, filename="baseline") as diagram:
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
            # diagrams deletes its DOT file after drawing: keep a copy to measure its text.
            (workdir / "baseline.gv").write_text(diagram.dot.source)
    finally:
        os.chdir(cwd)


BASELINE_TIMEOUT_S = 300


def baseline_in_child(n: int, workdir: Path) -> tuple[float | None, Path]:
    """Time diagrams in a child process (killed past BASELINE_TIMEOUT_S: ortho is slow)."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
        "from bench.render import diagrams_baseline; from tests.render.samples import generated; "
        f"diagrams_baseline(generated({n}), Path({str(workdir)!r}))"
    )
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True)
    try:
        proc.wait(timeout=BASELINE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the child and the dot it started, nothing else
        proc.wait()
        return None, workdir / "baseline.png"
    return time.perf_counter() - t, workdir / "baseline.png"


def png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def diagrams_text_px(png: Path) -> float:
    """Smallest text of diagrams' PNG: its smallest font (pt) at the PNG's real resolution."""
    src = png.with_suffix(".gv")  # the source diagrams_baseline kept
    text = src.read_text()
    smallest_pt = min(float(v) for v in re.findall(r'fontsize="?([\d.]+)', text))
    w, _ = png_size(png.read_bytes())
    out = subprocess.run(["dot", "-Tjson"], input=src.read_bytes(), capture_output=True, check=False)
    width_pt = float(json.loads(out.stdout)["bb"].split(",")[2])
    pad_pt = 2 * 72 * float((re.search(r'pad="?([\d.]+)', text) or [0, 0])[1])  # type: ignore[index]
    return smallest_pt * w / (width_pt + pad_pt)


def bends_of(points: list[tuple[float, float]]) -> int:
    """Direction changes along a path (repeated points, as in Bezier control points, skipped)."""
    dirs: list[tuple[int, int]] = []
    for (ax, ay), (bx, by) in pairwise(points):
        d = ((bx > ax + 0.5) - (bx < ax - 0.5), (by > ay + 0.5) - (by < ay - 0.5))
        if d != (0, 0) and (not dirs or dirs[-1] != d):
            dirs.append(d)
    return max(len(dirs) - 1, 0)


def routing_comparison() -> None:
    """Our router vs neato -n2 -Gsplines=ortho on the same pinned cards (canvas layout)."""
    from graphviz import Digraph

    from builder import document
    from builder import render as renderer
    from builder.render.dot import run
    from builder.render.picture import crossings
    from builder.render.route import Box, path_hits
    from tests.render.samples import forty

    docs = [("forty", forty())]
    for f in sorted((ROOT / "builder" / "starters").glob("*.json")):
        docs.append((f.stem, json.loads(f.read_text())["document"]))
    print()
    print(f"{'diagram':<18} {'edges':>5} | {'ours: through cards':>19} {'bends':>5} {'ms':>6} | "
          f"{'ortho: through cards':>20} {'bends':>5} {'ms':>6}")  # fmt: skip
    for name, doc in docs:
        for e in doc.get("edges", []):
            e.pop("route", None)
        t = time.perf_counter()
        pic = renderer._picture(doc, "canvas", renderer.Options())
        ours_ms = (time.perf_counter() - t) * 1000
        ours_bad = len(crossings(pic))
        ours_bends = sum(bends_of(link.points) for link in pic.links)
        # The same cards, pinned, for neato -n2 with splines=ortho (Graphviz routes the edges).
        g = Digraph("ortho")
        g.graph_attr.update({"splines": "ortho"})
        g.node_attr.update({"shape": "box", "fixedsize": "true", "label": ""})
        top = pic.bounds.y2
        for c in pic.cards.values():
            b = c.box
            g.node(c.id, width=str(b.w * 0.75 / 72), height=str(b.h * 0.75 / 72),
                   pos=f"{b.cx * 0.75},{(top - b.cy) * 0.75}!")  # fmt: skip
        full = document.with_defaults(document.validate(doc))
        edges = [e for e in full["edges"] if e["source"] in pic.cards and e["target"] in pic.cards]
        for e in edges:
            g.edge(e["source"], e["target"])
        t = time.perf_counter()
        out = json.loads(run(g.source, "json", engine_args=("-Kneato", "-n2")))
        ortho_ms = (time.perf_counter() - t) * 1000
        bad = bends = 0
        by_gvid = {o["_gvid"]: o["name"] for o in out.get("objects", [])}
        for e in out.get("edges", []):
            pts: list[tuple[float, float]] = []
            for op in e.get("_draw_", []):
                if op.get("op") == "b":
                    pts += [(x / 0.75, top - y / 0.75) for x, y in op["points"]]
            src, dst = by_gvid[e["tail"]], by_gvid[e["head"]]
            bends += bends_of(pts)
            for key, c in pic.cards.items():
                if key not in (src, dst) and path_hits(pts, Box(c.box.x, c.box.y, c.box.w, c.box.h)):
                    bad += 1
        print(f"{name:<18} {len(edges):>5} | {ours_bad:>19} {ours_bends:>5} {ours_ms:>6.0f} | "
              f"{bad:>20} {bends:>5} {ortho_ms:>6.0f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="10,50,200,500,1000")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from builder import render as renderer
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
        print(f"{'nodes':>5} | {'ours (ms)':>9} {'PNG px':>13} {'text px':>7} | "
              f"{'diagrams (ms)':>13} {'PNG px':>13} {'text px':>7} | {'ratio':>5}")  # fmt: skip
        for n in (int(v) for v in args.sizes.split(",") if v):
            ours: list[float] = []
            base: list[float] = []
            size = "refused"
            text_px = "-"
            repeat = args.repeat if n <= 200 else 1
            for i in range(repeat):
                doc = generated(n)
                doc["name"] = f"Bench {n} run {i}"  # a new document each time: always a cache miss
                t = time.perf_counter()
                render = svc.request_render(doc, "png")
                svc.perform(render.pk)  # in this thread: time the drawing, not a thread hop
                ours.append(time.perf_counter() - t)
                render.refresh_from_db()
                if render.status == Render.Status.DONE:
                    data = render.file.read()
                    w, h = png_size(data)
                    size = f"{w:,}x{h:,}"
                    pic = renderer._picture(doc, "auto", renderer.Options())
                    smallest = min(
                        t.px
                        for t in [c.label for c in pic.cards.values()]
                        + [f.title for f in pic.frames.values()]
                        + [lk.label for lk in pic.links if lk.label]
                    )
                    text_px = f"{smallest * w / pic.bounds.w:.1f}"
                else:
                    size = "refused"
                elapsed, png = baseline_in_child(n, tmp)
                if elapsed is not None:
                    base.append(elapsed)
            mo = statistics.median(ours) * 1000
            if base:
                mb = statistics.median(base) * 1000
                bw, bh = png_size(png.read_bytes())
                btext = f"{diagrams_text_px(png):.1f}"
                print(f"{n:>5} | {mo:>9.0f} {size:>13} {text_px:>7} | {mb:>13.0f} {f'{bw:,}x{bh:,}':>13} {btext:>7} | "
                      f"{mo / mb:>5.2f}")  # fmt: skip
            else:
                print(f"{n:>5} | {mo:>9.0f} {size:>13} {text_px:>7} | {f'> {BASELINE_TIMEOUT_S} s':>13} {'-':>13} "
                      f"{'-':>7} | {'-':>5}")  # fmt: skip
        routing_comparison()
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

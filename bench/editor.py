"""Editor benchmark: open big diagrams in headless Chromium, drag a node, edit a prop.

Self-contained: a throwaway SQLite database (BUILDER_VAR_DIR in a temporary folder), a Daphne
server on a free port serving the built editor (frontend/dist), one user with a session, and
diagrams of N nodes created through the API from the catalog (GET /api/catalog/): regions >
VPCs > public and private subnets with components in a grid, serverless components beside the
VPCs, about 1.3 edges per node, mostly between neighbours and mostly connections AWS supports.

The baseline, in the same run: a bare React Flow 12 page (bench/bare/, built here with the
editor's node_modules) drawing the same nodes and edges (memoized custom nodes with an icon and
4 handles, smoothstep edges, a minimap, `onlyRenderVisibleElements` from 300 nodes), in a canvas
of the editor's canvas size and at the viewport the editor opened at.

What is measured, in the page:
- ready: from navigation start (and from the end of the diagram's download) to the first
  animation frame at which the DOM holds every node and edge React Flow renders for the final
  viewport. React Flow draws an edge only once both its nodes are measured (it needs their
  handle bounds), so a complete edge count means measured nodes. "Final" is the state the page
  settles in (counts unchanged for 1.5 s); with `onlyRenderVisibleElements` that is the nodes
  and edges in view, printed beside the figure.
- drag: requestAnimationFrame intervals while the mouse drags a node 300 px in 60 steps, one
  step per frame (snap to grid off in the editor, as the bare page has none).
- edit -> finding (editor only): from the `input` event of memory_mb = 20000 in the property
  panel to the frame that shows the LAMBDA_MEMORY_RANGE badge on the node, minus the
  validator's debounce (VALIDATE_DEBOUNCE_MS, read from frontend/src/store/validator.ts).
- JS before any click: the scripts the editor page loads until ready, gzip -9 of each body.

    .venv/bin/python bench/editor.py [--sizes 500 2000] [--runs 5] [--write]
"""

from __future__ import annotations

# JavaScript run in the page and Markdown table rows read better unwrapped.
# ruff: noqa: E501
import argparse
import contextlib
import gzip
import http.server
import itertools
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one browser setup for tests and bench)

VIEWPORT = {"width": 1280, "height": 800}
DRAG_PX = 300
DRAG_STEPS = 60
SETTLE_S = 1.5

# Sampled every animation frame from document start: counts of rendered nodes and edges, and
# frame timestamps while `frames` is an array. Live collections make each sample cheap.
INIT_SCRIPT = """
(() => {
  const b = (window.__bench = { samples: [], sampling: true, frames: null });
  const nodes = document.getElementsByClassName('react-flow__node');
  const edges = document.getElementsByClassName('react-flow__edge');
  const tick = (t) => {
    if (b.sampling) {
      const last = b.samples[b.samples.length - 1];
      const n = nodes.length, e = edges.length;
      if (!last || last[1] !== n || last[2] !== e) b.samples.push([t, n, e]);
      b.lastFrame = t;
    }
    if (b.frames) b.frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""

# Kept in the README under the figures (the section is rewritten by --write).
NOTES = """Before the work on speed (commit 434609e, same script, 3 runs): opened at fit (zoom 0.10),
500 nodes ready in 1.28 s (bare 0.61 s), 2,000 in 2.66 s (bare 1.56 s); drag p95 50 ms at 500 and
283 ms at 2,000 (bare 17 and 33 ms); edit → finding 171 ms at 2,000.

What mattered:
- Per-edge `EdgeLabelRenderer`: it finds its layer with a `querySelector` in a store selector, run by
  every edge on every React Flow store change: 6.3 s of CPU in a 1 s drag at 2,000 nodes. The label
  layer is now found once and handed down by context.
- Nodes carry `width`/`height`/`measured` and `handles` (their sizes are known): React Flow otherwise
  mounts *every* node once to measure it, even with `onlyRenderVisibleElements`, and draws no edge
  before both ends are measured. Now only the nodes in view mount, and edges come in the same frame.
- The initial view: a diagram that does not fit at 50 % opens at 50 % on its top-left corner instead
  of fitted at 10 % (an unreadable texture of 1,200 nodes and 2,000 edges). "Fit" still shows all.
- The catalog, the diagram and the rules are requested when the entry runs, not after the editor's
  chunk has loaded (data arrived ~550 ms after navigation, now ~250 ms).
- Inline callbacks on `<ReactFlow>` (each new one is a store update per render, so per drag frame),
  one store subscription per node and per edge (catalog and read-only by context), one selector for
  a floating edge's two boxes instead of two `useInternalNode`.
- Paint: handles and edge labels placed without CSS transforms (a paint chunk each; "Layerize" took
  19 ms a frame at 2,000 nodes).

Level of detail (commit after d69ebe9, same script, 3 runs): under 40 % zoom the canvas root gets
`data-lod="low"` and CSS drops node label text, handles, shadows and every edge label without a
badge (badges become dots). With the whole 2,000-node diagram in view (zoom 0.1), drag p95 went
from 67 ms to 50 ms (bare page: 33 ms); frames are 16.7 ms apart, so p95 is 33 or 50 depending on
the run (per run: 50, 67, 50, 33 ms ours; 50, 50, 33, 33 ms bare, on 2 cores shared with another
benchmark). In a side test on the same machine, also hiding the finding dots and squaring the cards
reached 33 ms: what is left is painting 1,200 cards with a border, radius and icon, and their badges.
"""


# --- documents ---------------------------------------------------------------------------

CELL_W, CELL_H = 180, 150  # grid cell of a component (the node is 120 x 92)
PAD, HEAD = 40, 56  # container padding and title band

SUBNET_TYPES = [
    "lambda.function",
    "lambda.function",
    "lambda.function",
    "ecs.fargate",
    "rds.database",
    "rds.proxy",
    "elasticache.cluster",
    "dynamodb.dax",
]
PUBLIC_SUBNET_TYPES = ["aws.nat_gateway", "elb.alb", "lambda.function", "ecs.fargate"]
REGION_TYPES = [
    "lambda.function",
    "lambda.function",
    "lambda.function",
    "apigateway.api",
    "dynamodb.table",
    "s3.bucket",
    "sqs.queue",
    "sns.topic",
    "eventbridge.rule",
    "stepfunctions.state_machine",
    "cloudwatch.alarm",
    "cognito.user_pool",
]
GLOBAL_TYPES = ["external.client", "cloudfront.distribution", "route53.record", "acm.certificate"]


def make_document(n: int, catalog: dict[str, Any], seed: int = 7) -> dict[str, Any]:
    """A realistic diagram of exactly `n` nodes (containers included) and ~1.3 edges per node."""
    rnd = random.Random(seed)
    types = {t["type"]: t for t in catalog["types"]}
    nodes: list[dict[str, Any]] = []
    components: list[dict[str, Any]] = []  # in layout order (neighbours are near each other)
    counter = {"i": 0}

    def nid(prefix: str) -> str:
        counter["i"] += 1
        return f"{prefix}-{counter['i']}"

    def component(type_: str, parent: str | None, x: float, y: float) -> dict[str, Any]:
        short = types[type_]["label"].split(" ")[-1]
        node: dict[str, Any] = {
            "id": nid(type_.split(".")[-1]),
            "type": type_,
            "label": f"{short} {counter['i']}",
            "parent": parent,
            "position": {"x": x, "y": y},
            "props": {},
        }
        if type_ == "lambda.function":
            node["props"] = {"memory_mb": rnd.choice([256, 512, 1024]), "timeout_s": rnd.choice([10, 30, 60])}
        nodes.append(node)
        components.append(node)
        return node

    def grid(parent: str | None, kinds: list[str], count: int, cols: int, x0: float, y0: float) -> tuple[int, int]:
        for i in range(count):
            component(rnd.choice(kinds), parent, x0 + (i % cols) * CELL_W, y0 + (i // cols) * CELL_H)
        rows = math.ceil(count / cols) if count else 0
        return cols * CELL_W, rows * CELL_H

    regions = max(1, round(n / 1000))
    budget = [n // regions + (1 if r < n % regions else 0) for r in range(regions)]
    # A few global things at the top level, left of the regions.
    n_global = min(8, n // 60)
    budget[0] -= n_global
    grid(None, GLOBAL_TYPES, n_global, 1, 0, 0)
    rx = CELL_W * 1.5
    for r in range(regions):
        b = budget[r]
        vpcs = max(1, b // 250)
        b_left = b - 1 - vpcs * 5  # the region, the VPCs and 4 subnets each
        in_subnets = int(b_left * 0.4)
        per_subnet = [in_subnets // (vpcs * 4) + (1 if i < in_subnets % (vpcs * 4) else 0) for i in range(vpcs * 4)]
        region = {
            "id": nid("region"),
            "type": "aws.region",
            "label": f"Region {r + 1}",
            "parent": None,
            "position": {"x": rx, "y": 0},
            "props": {"region": ["us-east-1", "eu-west-1", "ap-northeast-2"][r % 3]},
        }
        nodes.append(region)
        vx = PAD
        vpc_h = 0.0
        k = 0
        for v in range(vpcs):
            vpc = {
                "id": nid("vpc"),
                "type": "aws.vpc",
                "label": f"VPC {v + 1}",
                "parent": region["id"],
                "position": {"x": vx, "y": HEAD},
                "props": {"cidr": f"10.{v}.0.0/16"},
            }
            nodes.append(vpc)
            sx, sy, row_h, vpc_w = PAD, HEAD, 0.0, 0.0
            for s in range(4):
                public = s < 2
                count = per_subnet[k]
                k += 1
                subnet = {
                    "id": nid("subnet"),
                    "type": "aws.subnet",
                    "label": f"{'Public' if public else 'Private'} {s % 2 + 1}",
                    "parent": vpc["id"],
                    "position": {"x": sx, "y": sy},
                    "props": {"visibility": "public" if public else "private", "az": f"az{s % 2 + 1}"},
                }
                nodes.append(subnet)
                w, h = grid(subnet["id"], PUBLIC_SUBNET_TYPES if public else SUBNET_TYPES, count, 4, PAD, HEAD)
                subnet["size"] = {
                    "w": max(w, CELL_W) + 2 * PAD - (CELL_W - 120),
                    "h": max(h, CELL_H) + HEAD + PAD - (CELL_H - 92),
                }
                row_h = max(row_h, subnet["size"]["h"])
                if s % 2 == 0:
                    sx += subnet["size"]["w"] + PAD
                else:
                    vpc_w = max(vpc_w, sx + subnet["size"]["w"] + PAD)
                    sx, sy, row_h = PAD, sy + row_h + PAD, 0.0
            vpc["size"] = {"w": vpc_w, "h": sy}
            vx += vpc_w + PAD
            vpc_h = max(vpc_h, sy)
        outside = b - 1 - vpcs * 5 - in_subnets
        cols = max(8, int((vx - PAD) // CELL_W))
        w, h = grid(region["id"], REGION_TYPES, outside, cols, PAD, HEAD + vpc_h + PAD)
        region["size"] = {"w": max(vx, w + 2 * PAD), "h": HEAD + vpc_h + PAD + h + PAD}
        rx += region["size"]["w"] + 2 * CELL_W
    assert len(nodes) == n, (len(nodes), n)

    # Edges: ~1.3 per node, each from a component to a near one, AWS-supported when possible.
    target_edges = min(4000, round(n * 1.3))
    edges: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    tries = 0
    while len(edges) < target_edges and tries < target_edges * 20:
        tries += 1
        i = rnd.randrange(len(components))
        s = components[i]
        allowed = {c["type"]: c["label"] for c in types[s["type"]]["connects_to"]}
        window = components[max(0, i - 24) : i + 24]
        near = [c for c in window if c is not s and c["type"] in allowed] or ([] if rnd.random() < 0.8 else window)
        if not near:
            continue
        t = rnd.choice(near)
        if t is s or (s["id"], t["id"]) in seen:
            continue
        seen.add((s["id"], t["id"]))
        edge = {"id": f"e{len(edges) + 1}", "source": s["id"], "target": t["id"]}
        if rnd.random() < 0.3:
            edge["label"] = allowed.get(t["type"], "calls")
        edges.append(edge)
    return {"schema": 1, "name": f"Bench {n} nodes", "region": "us-east-1", "nodes": nodes, "edges": edges}


def bare_data(doc: dict[str, Any], catalog: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The same diagram as React Flow nodes for the bare page (parents first, containers sized)."""
    types = {t["type"]: t for t in catalog["types"]}
    by_id = {n["id"]: n for n in doc["nodes"]}

    def depth(n: dict[str, Any]) -> int:
        d = 0
        while n.get("parent"):
            n = by_id[n["parent"]]
            d += 1
        return d

    containers = sorted((n for n in doc["nodes"] if types[n["type"]]["container"]), key=depth)
    comps = [n for n in doc["nodes"] if not types[n["type"]]["container"]]
    out = []
    for n in containers + comps:
        spec = types[n["type"]]
        node: dict[str, Any] = {
            "id": n["id"],
            "type": "container" if spec["container"] else "component",
            "position": n["position"],
            "data": {"label": n.get("label") or spec["label"], "icon": base_url + spec["icon"]},
        }
        if n.get("parent"):
            node["parentId"] = n["parent"]
        if spec["container"]:
            node["width"], node["height"] = n["size"]["w"], n["size"]["h"]
            node["zIndex"] = depth(n)
        out.append(node)
    edges = [
        {
            "id": e["id"],
            "source": e["source"],
            "target": e["target"],
            "type": "smoothstep",
            **({"label": e["label"]} if e.get("label") else {}),
        }
        for e in doc["edges"]
    ]
    return {"nodes": out, "edges": edges}


# --- the app and the bare page --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class App:
    """Django (Daphne) on a throwaway database, one user with a token and a session."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG")}
        env.update(
            BUILDER_VAR_DIR=str(tmp / "var"),
            DJANGO_SETTINGS_MODULE="config.settings",
            # Plain static storage and WhiteNoise serving frontend/dist through the finders (no collectstatic).
            BUILDER_TESTING="1",
            MEDIA_ROOT=str(tmp / "media"),
        )
        self.env = env
        os.environ.update(env)
        for k in ("DATABASE_URL", "REDIS_URL"):
            os.environ.pop(k, None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from rest_framework.authtoken.models import Token

        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create_user("bench", password="a long bench password 42")  # noqa: S106 (a throwaway user in a temporary database)
        self.token = Token.objects.create(user=user).key
        client = Client()
        client.force_login(user)
        self.session = client.cookies["sessionid"].value
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        daphne = Path(sys.executable).parent / "daphne"
        self.proc = subprocess.Popen(
            [str(daphne), "-b", "127.0.0.1", "-p", str(self.port), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp / "daphne.log", "w"),  # noqa: SIM115 (open as long as the server runs)
        )
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + "/api/rules/", timeout=2).read()  # noqa: S310 (http://127.0.0.1, ours)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not start: see {tmp / 'daphne.log'}")

    def api(self, method: str, path: str, body: Any = None) -> Any:
        req = urllib.request.Request(  # noqa: S310 (http://127.0.0.1, ours)
            self.url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as res:  # noqa: S310 (http://127.0.0.1, ours)
            return json.loads(res.read())

    def create(self, doc: dict[str, Any]) -> int:
        return int(self.api("POST", "/api/diagrams/", {"document": doc})["id"])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Bare:
    """bench/bare/ built with Vite into a temporary folder and served over HTTP."""

    def __init__(self, tmp: Path) -> None:
        src = tmp / "bare"
        shutil.copytree(
            Path(__file__).resolve().parent / "bare", src, ignore=shutil.ignore_patterns("dist", "node_modules")
        )
        (src / "node_modules").symlink_to(FRONTEND / "node_modules")
        subprocess.run([str(FRONTEND / "node_modules" / ".bin" / "vite"), "build"], cwd=src, check=True)
        self.dir = src / "dist"
        handler = lambda *a, **k: _QuietHandler(*a, directory=str(self.dir), **k)  # noqa: E731
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, name: str, data: dict[str, Any]) -> None:
        (self.dir / name).write_text(json.dumps(data))

    def stop(self) -> None:
        self.server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


# --- measurements ---------------------------------------------------------------------------


def wait_settled(page: Any, timeout_s: float = 60) -> None:
    """Until the rendered counts have not changed for SETTLE_S (and something is rendered)."""
    end = time.time() + timeout_s
    while time.time() < end:
        s = page.evaluate(
            "() => { const b = window.__bench, l = b.samples[b.samples.length - 1]; return [l ? l[0] : 0, l ? l[1] : 0, b.lastFrame || 0]; }"
        )
        if s[1] > 0 and s[2] - s[0] >= SETTLE_S * 1000:
            return
        time.sleep(0.2)
    raise TimeoutError("the page did not settle")


def ready_times(page: Any, data_url_part: str) -> dict[str, Any]:
    r = page.evaluate(
        """(part) => {
          const b = window.__bench; b.sampling = false;
          const last = b.samples[b.samples.length - 1];
          const first = b.samples.find((s) => s[1] >= last[1] && s[2] >= last[2]);
          const res = performance.getEntriesByType('resource').find((e) => e.name.includes(part));
          return { t: first[0], nodes: last[1], edges: last[2], data: res ? res.responseEnd : null };
        }""",
        data_url_part,
    )
    return {
        "nav": r["t"],
        "data": r["t"] - r["data"] if r["data"] is not None else None,
        "nodes": r["nodes"],
        "edges": r["edges"],
    }


def drag(page: Any, selector: str) -> list[float]:
    """Frame intervals (ms) while dragging the component nearest the canvas centre by DRAG_PX."""
    box = page.evaluate(
        """(sel) => {
          const pane = document.querySelector('.react-flow').getBoundingClientRect();
          const cx = pane.left + pane.width / 2 - 150, cy = pane.top + pane.height / 2;
          // The nearest node that the mouse can grab (not under an edge or a label).
          const found = [...document.querySelectorAll(sel)].map((el) => {
            const r = el.getBoundingClientRect();
            return { el, x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width };
          }).filter((c) => c.w > 0).sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))
            .find((c) => document.elementFromPoint(c.x, c.y)?.closest('.react-flow__node') === c.el);
          return found && { x: found.x, y: found.y, id: found.el.dataset.id };
        }""",
        selector,
    )
    assert box, "no node to drag"
    page.mouse.move(box["x"], box["y"])
    page.mouse.down()
    page.evaluate("() => { window.__bench.frames = []; }")
    step = DRAG_PX / DRAG_STEPS
    t0 = time.perf_counter()
    for i in range(1, DRAG_STEPS + 1):
        page.mouse.move(box["x"] + step * i, box["y"] + (i % 2))
        # One step per frame: sleep until the next 1/60 s tick.
        pause = t0 + i / 60 - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
    frames = page.evaluate("() => { const f = window.__bench.frames; window.__bench.frames = null; return f; }")
    page.mouse.up()
    moved = page.evaluate(
        '(id) => { const r = document.querySelector(`.react-flow__node[data-id="${id}"]`)?.getBoundingClientRect(); return r && r.left + r.width / 2; }',
        box["id"],
    )
    assert moved is not None and moved - box["x"] > DRAG_PX / 2, f"the node did not move ({box}, now at x={moved})"
    return [b - a for a, b in itertools.pairwise(frames)]


def edit_to_finding(page: Any, debounce_ms: float) -> dict[str, float]:
    """Select the lambda nearest the centre, set memory_mb = 20000, wait for its badge."""
    node_id = page.evaluate(
        """() => {
          const pane = document.querySelector('.react-flow').getBoundingClientRect();
          const cx = pane.left + pane.width / 2, cy = pane.top + pane.height / 2;
          let best = null, bd = Infinity;
          for (const el of document.querySelectorAll('[data-testid=node][data-type="lambda.function"]')) {
            if ((el.querySelector('[data-testid=finding-badge]')?.dataset.rules || '').includes('LAMBDA_MEMORY_RANGE')) continue;
            const r = el.getBoundingClientRect();
            const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
            if (r.width > 0 && d < bd) { bd = d; best = el.dataset.nodeId; }
          }
          return best;
        }"""
    )
    assert node_id, "no lambda in view"
    page.locator(f".react-flow__node[data-id='{node_id}']").click()
    field = page.get_by_test_id("prop-memory_mb")
    field.wait_for()
    page.evaluate(
        """(id) => new Promise((ok) => {
          const b = window.__bench; b.edit = {};
          document.addEventListener('input', (e) => { b.edit.input = performance.now(); }, { capture: true, once: true });
          const done = () => {
            const el = document.querySelector(`.react-flow__node[data-id="${id}"] [data-testid=finding-badge]`);
            return el && (el.dataset.rules || '').includes('LAMBDA_MEMORY_RANGE');
          };
          const obs = new MutationObserver(() => {
            if (b.edit.input && !b.edit.commit && done()) {
              b.edit.commit = performance.now();
              obs.disconnect();
              requestAnimationFrame(() => { b.edit.frame = performance.now(); });
            }
          });
          obs.observe(document.querySelector('.react-flow'), { subtree: true, childList: true, attributes: true });
          ok();
        })""",
        node_id,
    )
    field.fill("20000")
    page.wait_for_function("() => window.__bench.edit.frame", timeout=30_000)
    e = page.evaluate(
        """() => {
          const b = window.__bench.edit;
          const v = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/validate/') && r.startTime >= b.input).pop();
          return { total: b.frame - b.input, validate: v ? v.responseEnd - v.startTime : null, after: v ? b.frame - v.responseEnd : null };
        }"""
    )
    return {"ms": e["total"] - debounce_ms, "validate_ms": e["validate"], "after_response_ms": e["after"]}


def js_gzip_kb(bodies: dict[str, bytes]) -> float:
    return sum(len(gzip.compress(b, 9)) for b in bodies.values()) / 1024


def open_page(
    browser: Any, url: str, cookies: list[dict[str, Any]], local: dict[str, str]
) -> tuple[Any, Any, dict[str, bytes]]:
    context = browser.new_context(viewport=VIEWPORT)
    if cookies:
        context.add_cookies(cookies)
    script = INIT_SCRIPT + "".join(
        f"try {{ localStorage.setItem({json.dumps(k)}, {json.dumps(v)}); }} catch (e) {{}}\n" for k, v in local.items()
    )
    context.add_init_script(script)
    page = context.new_page()
    page.set_default_timeout(60_000)
    scripts: dict[str, bytes] = {}

    def on_response(res: Any) -> None:
        if res.url.split("?")[0].endswith(".js"):
            # A body that went away (navigation) is not counted.
            with contextlib.suppress(Exception):
                scripts[res.url] = res.body()

    page.on("response", on_response)
    page.goto(url)
    return context, page, scripts


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, max(0, math.ceil(p / 100 * len(v)) - 1))]


def med(values: list[float | None]) -> float | None:
    v = [x for x in values if x is not None]
    return statistics.median(v) if v else None


def fit_viewport(doc: dict[str, Any], catalog: dict[str, Any], w: float, h: float) -> dict[str, float]:
    """The whole diagram in a w x h canvas, as React Flow's fitView (padding 0.15, zoom 0.1..1)."""
    types = {t["type"]: t for t in catalog["types"]}
    by_id = {n["id"]: n for n in doc["nodes"]}

    def absolute(n: dict[str, Any]) -> tuple[float, float]:
        x, y = n["position"]["x"], n["position"]["y"]
        while n.get("parent"):
            n = by_id[n["parent"]]
            x, y = x + n["position"]["x"], y + n["position"]["y"]
        return x, y

    boxes = []
    for n in doc["nodes"]:
        x, y = absolute(n)
        size = n.get("size") or (
            {"w": types[n["type"]]["default_size"][0], "h": types[n["type"]]["default_size"][1]}
            if types[n["type"]]["container"]
            else {"w": 120, "h": 92}
        )
        boxes.append((x, y, x + size["w"], y + size["h"]))
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    zoom = max(0.1, min(1.0, w / ((x1 - x0) * 1.15), h / ((y1 - y0) * 1.15)))
    return {"x": w / 2 - (x0 + x1) / 2 * zoom, "y": h / 2 - (y0 + y1) / 2 * zoom, "zoom": zoom}


def scenario(
    app: App,
    bare: Bare,
    browser: Any,
    cookies: list[dict[str, Any]],
    doc: dict[str, Any],
    n: int,
    fixed_view: dict[str, float] | None,
    runs: int,
    debounce_ms: float,
) -> dict[str, Any]:
    """Ours and bare, interleaved, `runs` times after a warm-up run."""
    ours: dict[str, list[Any]] = {
        "nav": [],
        "data": [],
        "frames": [],
        "edit": [],
        "validate": [],
        "after": [],
        "js": [],
    }
    base: dict[str, list[Any]] = {"nav": [], "data": [], "frames": [], "js": []}
    view: dict[str, Any] | None = None
    counts: dict[str, Any] = {}
    for run in range(runs + 1):  # run 0 warms caches and finds the editor's viewport
        diagram_id = app.create(doc)
        context, page, scripts = open_page(browser, f"{app.url}/diagrams/{diagram_id}/", cookies, {"awsb.snap": "0"})
        page.wait_for_selector("[data-testid=editor][data-ready=true]")
        wait_settled(page)
        r = ready_times(page, f"/api/diagrams/{diagram_id}/")
        if view is None:
            view = page.evaluate(
                """() => {
                  const pane = document.querySelector('.react-flow').getBoundingClientRect();
                  const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
                  return { w: Math.round(pane.width), h: Math.round(pane.height), x: m.e, y: m.f, zoom: m.a };
                }"""
            )
        js = js_gzip_kb(scripts)
        frames = drag(page, ".react-flow__node-component")
        time.sleep(1.5)
        edit = edit_to_finding(page, debounce_ms)
        context.close()
        counts["ours"] = (r["nodes"], r["edges"])
        if run:
            ours["nav"].append(r["nav"])
            ours["data"].append(r["data"])
            ours["frames"].extend(frames[1:])
            ours["edit"].append(edit["ms"])
            ours["validate"].append(edit["validate_ms"])
            ours["after"].append(edit["after_response_ms"])
            ours["js"].append(js)
        assert view
        v = fixed_view or view
        q = f"?data=data-{n}.json&w={view['w']}&h={view['h']}&x={v['x']}&y={v['y']}&zoom={v['zoom']}"
        context, page, scripts = open_page(browser, bare.url + "/index.html" + q, [], {})
        wait_settled(page)
        rb = ready_times(page, f"data-{n}.json")
        jsb = js_gzip_kb(scripts)
        fb = drag(page, ".react-flow__node-component")
        context.close()
        counts["bare"] = (rb["nodes"], rb["edges"])
        if run:
            base["nav"].append(rb["nav"])
            base["data"].append(rb["data"])
            base["frames"].extend(fb[1:])
            base["js"].append(jsb)
        print(
            f"  run {run}{' (warm-up)' if not run else ''}: ours ready {r['nav']:.0f} ms ({r['data']:.0f} after data), "
            f"drag p95 {pct(frames[1:], 95):.1f} ms, edit->finding {edit['ms']:.0f} ms | "
            f"bare ready {rb['nav']:.0f} ms ({rb['data']:.0f} after data), drag p95 {pct(fb[1:], 95):.1f} ms",
            flush=True,
        )
    return {
        "ours": ours,
        "bare": base,
        "view": view,
        "counts": counts,
        "edges": len(doc["edges"]),
        "zoom": (fixed_view or view)["zoom"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write the figures into bench/README.md (## editor)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--open-only", action="store_true", help="skip the whole-diagram-in-view scenario")
    args = parser.parse_args()

    if not (FRONTEND / "dist" / ".vite" / "manifest.json").exists():
        sys.exit("build the editor first: cd frontend && npm run build")
    src = (FRONTEND / "src" / "store" / "validator.ts").read_text()
    m = re.search(r"VALIDATE_DEBOUNCE_MS\s*=\s*(\d+)", src)
    debounce_ms = float(m.group(1)) if m else 300.0

    tmp = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    app = bare = None
    results: dict[tuple[int, str], dict[str, Any]] = {}
    try:
        app = App(tmp)
        bare = Bare(tmp)
        catalog = app.api("GET", "/api/catalog/")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            cookies = [{"name": "sessionid", "value": app.session, "url": app.url}]
            for n in args.sizes:
                doc = make_document(n, catalog)
                size_kb = len(json.dumps(doc)) / 1024
                bare.add(f"data-{n}.json", bare_data(doc, catalog, app.url))
                print(f"\n{n} nodes, {len(doc['edges'])} edges ({size_kb:.0f} KB of JSON)", flush=True)
                results[(n, "open")] = scenario(app, bare, browser, cookies, doc, n, None, args.runs, debounce_ms)
                if not args.open_only:
                    view = results[(n, "open")]["view"]
                    fit = fit_viewport(doc, catalog, view["w"], view["h"])
                    print(f"  whole diagram in view (saved viewport, zoom {fit['zoom']:.2f}):", flush=True)
                    results[(n, "fit")] = scenario(
                        app, bare, browser, cookies, {**doc, "viewport": fit}, n, fit, args.runs, debounce_ms
                    )
            browser.close()
    finally:
        if app:
            app.stop()
        if bare:
            bare.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    table = report(results, args.runs, debounce_ms)
    print("\n" + table)
    if args.write:
        write_readme(table)


def report(results: dict[tuple[int, str], dict[str, Any]], runs: int, debounce_ms: float) -> str:
    targets = {500: 800.0, 2000: 1500.0}
    names = {"open": "opened (no saved viewport)", "fit": "whole diagram in view"}
    lines = [
        "| nodes | edges | view (zoom) | rendered: ours / bare | ready from navigation: ours / bare (ratio) | ready after data: ours / bare | drag frames median, p95: ours / bare | edit → finding |",
        "| ---: | ---: | --- | --- | --- | --- | --- | ---: |",
    ]
    notes = []
    largest = max(n for n, _ in results)
    for (n, kind), r in results.items():
        o, b = r["ours"], r["bare"]
        on, bn = med(o["nav"]), med(b["nav"])
        assert on is not None and bn is not None
        lines.append(
            f"| {n:,} | {r['edges']:,} | {names[kind]} ({r['zoom']:.2f}) "
            f"| {r['counts']['ours'][0]:,} + {r['counts']['ours'][1]:,} / {r['counts']['bare'][0]:,} + {r['counts']['bare'][1]:,} "
            f"| {on / 1000:.2f} s / {bn / 1000:.2f} s ({on / bn:.2f}) "
            f"| {med(o['data']) / 1000:.2f} s / {med(b['data']) / 1000:.2f} s "
            f"| {statistics.median(o['frames']):.1f}, {pct(o['frames'], 95):.1f} / {statistics.median(b['frames']):.1f}, {pct(b['frames'], 95):.1f} ms "
            f"| {med(o['edit']):.0f} ms |"
        )
        if kind != "open":
            continue
        if n in targets:
            t = targets[n]
            notes.append(
                f"- {n:,} nodes ready: **{on / 1000:.2f} s** (target < {t / 1000:.1f} s: {'met' if on < t else 'MISSED'})"
            )
        if n == largest:
            p95 = pct(o["frames"], 95)
            notes.append(
                f"- drag p95 at {n:,} nodes: **{p95:.1f} ms** (target < 17 ms: {'met' if p95 < 17 else 'MISSED'})"
            )
        e = med(o["edit"])
        assert e is not None
        notes.append(
            f"- edit → finding at {n:,} nodes: **{e:.0f} ms** without the {debounce_ms:.0f} ms debounce (target < 150 ms: {'met' if e < 150 else 'MISSED'}); "
            f"of it, POST /api/validate/ {med(o['validate']):.0f} ms, then {med(o['after']):.0f} ms to the frame showing the badge"
        )
    first = results[min(results)]
    js, jsb = med(first["ours"]["js"]), med(first["bare"]["js"])
    assert js is not None and jsb is not None
    notes.append(
        f"- JS loaded before any click: **{js:.0f} KB** gzipped (bare page {jsb:.0f} KB; target < 250 KB: {'met' if js < 250 else 'MISSED'})"
    )
    head = (
        f"Medians of {runs} runs (after a warm-up run), ours and bare interleaved; drag frames pooled over the runs. "
        '"rendered" is nodes + edges in the DOM once settled (`onlyRenderVisibleElements` from 300 nodes: those in view). '
        "Targets are for the diagram as it opens."
    )
    return head + "\n\n" + "\n".join(lines) + "\n\n" + "\n".join(notes)


def write_readme(table: str) -> None:
    path = ROOT / "bench" / "README.md"
    text = path.read_text()
    section = (
        "## editor\n\n"
        "`.venv/bin/python bench/editor.py --runs 5` (2 shared cores, headless Chromium "
        f'{_chromium_version()}, viewport 1280 x 800). "ours" opens /diagrams/<id>/ of the built editor '
        'from a Daphne server; "bare" is bench/bare/ (React Flow 12, memoized custom nodes with an icon and '
        "4 handles, smoothstep edges, minimap) with the same nodes and edges, the editor's canvas size and viewport. "
        "Ready = first frame with every node and edge React Flow renders for the settled viewport in the DOM "
        "(edges are drawn only between measured nodes), from navigation start or from the end of the diagram's download.\n\n"
        + table
        + "\n\n"
        + NOTES
    )
    pattern = re.compile(r"## editor\n.*?(?=\n## |\Z)", re.S)
    text = (
        pattern.sub(section.rstrip("\n") + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    )
    path.write_text(text)
    print(f"\nwritten to {path}")


def _chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return "?"
    m = re.search(r"\d+(\.\d+)+", out)
    return m.group(0) if m else "?"


if __name__ == "__main__":
    main()

"""Picture quality on the canvas (issue 10): after auto layout, on each starter and on a
realistic 40-component diagram with containers, read the DOM and check what a reviewer sees:
no edge runs through a component that is not one of its ends, no edge label overlaps another
label or a component, every edge leaves its own source's border, and labels are legible at the
fit-view zoom, and no edge runs along a container's frame border or through its title bar
(it crosses them at right angles, the router's frame prices). The routes are saved with the
document."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

import pytest
from playwright.sync_api import expect

from builder.catalog.style import STYLE
from tests.e2e.test_editor import sign_up, wait_saved
from tests.render.samples import forty

pytestmark = pytest.mark.django_db(transaction=True)

# In the page: node boxes, label boxes, and points sampled along each edge path, all in
# screen px, plus the zoom.
READ_PICTURE = """() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const nodes = {};
  for (const n of document.querySelectorAll('.react-flow__node-component')) nodes[n.dataset.id] = box(n);
  const frames = {};
  for (const n of document.querySelectorAll('.react-flow__node-container')) {
    const head = n.querySelector('.aws-container-head');
    frames[n.dataset.id] = {box: box(n), head: head ? box(head) : null};
  }
  const labels = {};
  const lines = {};
  for (const l of document.querySelectorAll('[data-testid=edge-label]')) {
    labels[l.dataset.edgeId] = box(l);
    // The lines the browser drew the label's text on: its characters grouped by their rect's top.
    const t = l.querySelector('.edge-text');
    const node = t && t.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const out = [];
    let top = null;
    const range = document.createRange();
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = [...range.getClientRects()].find((q) => q.width > 0);
      if (!r) { if (out.length) out[out.length - 1] += node.data[i]; continue; }
      if (top === null || r.top > top + 2) { out.push(''); top = r.top; }
      out[out.length - 1] += node.data[i];
    }
    lines[l.dataset.edgeId] = out;
  }
  const edges = {};
  for (const g of document.querySelectorAll('.react-flow__edge')) {
    const p = g.querySelector('path.react-flow__edge-path');
    const m = p.getScreenCTM();
    const len = p.getTotalLength();
    const pts = [];
    for (let d = 0; d <= len; d += 4) {
      const q = p.getPointAtLength(d);
      pts.push({x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f});
    }
    edges[g.dataset.id] = {pts, routed: p.hasAttribute('data-routed')};
  }
  const t = document.querySelector('.react-flow__viewport').style.transform;
  const zoom = parseFloat(/scale\\(([^)]+)\\)/.exec(t)[1]);
  const labelPx = Math.min(...[...document.querySelectorAll('[data-testid=node-label]')].map(
    (e) => parseFloat(getComputedStyle(e).fontSize)));
  return {nodes, frames, labels, lines, edges, zoom, labelPx};
}"""


CONTAINERS = {"aws.region", "aws.vpc", "aws.subnet"}


def inside(p: dict[str, float], b: dict[str, float], shrink: float) -> bool:
    return b["x"] + shrink < p["x"] < b["x"] + b["w"] - shrink and b["y"] + shrink < p["y"] < b["y"] + b["h"] - shrink


def overlap(a: dict[str, float], b: dict[str, float], slack: float = 1.0) -> bool:
    return (
        a["x"] + slack < b["x"] + b["w"]
        and b["x"] + slack < a["x"] + a["w"]
        and a["y"] + slack < b["y"] + b["h"]
        and b["y"] + slack < a["y"] + a["h"]
    )


#: A run along a frame shorter than this (canvas px) is a route's way round a frame's corner.
BORDER_RUN_PX = 24.0


def _strips(frame: dict[str, Any], zoom: float) -> list[tuple[str, dict[str, float], bool]]:
    """The border bands (half the catalog's band each side of the frame line, less 1 px for
    the rounded corners of a path) and the title bar of one frame, in screen px: (name, box,
    lengthwise is horizontal)."""
    b = frame["box"]
    half = (STYLE.route.border_band / 2 - 1) * zoom
    x2, y2 = b["x"] + b["w"], b["y"] + b["h"]
    out = [
        ("top border", {"x": b["x"], "y": b["y"] - half, "w": b["w"], "h": 2 * half}, True),
        ("bottom border", {"x": b["x"], "y": y2 - half, "w": b["w"], "h": 2 * half}, True),
        ("left border", {"x": b["x"] - half, "y": b["y"], "w": 2 * half, "h": b["h"]}, False),
        ("right border", {"x": x2 - half, "y": b["y"], "w": 2 * half, "h": b["h"]}, False),
    ]
    if frame["head"]:
        h = frame["head"]
        out.append(("title bar", {"x": h["x"], "y": h["y"] + zoom, "w": h["w"], "h": h["h"] - 2 * zoom}, True))
    return out


def frame_runs(pic: dict[str, Any]) -> list[str]:
    """Edges whose drawn path runs lengthwise inside a frame's border band or title bar for
    more than BORDER_RUN_PX (from the path's sampled points: the longest stretch of
    consecutive points inside the strip, measured along it)."""
    problems: list[str] = []
    limit = BORDER_RUN_PX * pic["zoom"]
    for eid, edge in pic["edges"].items():
        pts = edge["pts"]
        for fid, frame in pic["frames"].items():
            for what, strip, horizontal in _strips(frame, pic["zoom"]):
                axis = "x" if horizontal else "y"
                start: float | None = None
                longest = 0.0
                for p in pts:
                    if inside(p, strip, 0):
                        start = p[axis] if start is None else start
                        longest = max(longest, abs(p[axis] - start))
                    else:
                        start = None
                if longest > limit:
                    problems.append(f"edge {eid} runs {longest / pic['zoom']:.0f} px along the {what} of {fid}")
    return problems


def split_words(pic: dict[str, Any]) -> list[str]:
    """Edge labels the browser broke inside a word: every line must end at a space or after a
    "/" (where the export breaks too), never in the middle of "reads/writes"."""
    problems: list[str] = []
    for eid, lines in pic["lines"].items():
        for a, b in pairwise(lines):
            if not (a.endswith((" ", "/")) or b.startswith(" ")):
                problems.append(f"label of {eid} breaks a word: {' | '.join(line.strip() for line in lines)}")
                break
    return problems


def check_picture(page: Any, doc: dict[str, Any]) -> list[str]:
    pic = page.evaluate(READ_PICTURE)
    problems: list[str] = []
    ends = {e["id"]: (e["source"], e["target"]) for e in doc["edges"]}
    for eid, edge in pic["edges"].items():
        src, dst = ends[eid]
        if not edge["routed"]:
            problems.append(f"{eid} is not routed")
        for nid, b in pic["nodes"].items():
            if nid in (src, dst):
                continue
            if any(inside(p, b, 2) for p in edge["pts"]):
                problems.append(f"edge {eid} ({src}->{dst}) runs through {nid}")
        if src in pic["nodes"]:
            first = edge["pts"][0]
            sb = pic["nodes"][src]
            on_border = (
                sb["x"] - 2 <= first["x"] <= sb["x"] + sb["w"] + 2
                and sb["y"] - 2 <= first["y"] <= sb["y"] + sb["h"] + 2
            )
            if not on_border:
                problems.append(f"edge {eid} does not leave from {src}")
    labels = list(pic["labels"].items())
    for i, (a, ab) in enumerate(labels):
        for b, bb in labels[i + 1 :]:
            if overlap(ab, bb):
                problems.append(f"label of {a} overlaps label of {b}")
        for nid, nb in pic["nodes"].items():
            if overlap(ab, nb):
                problems.append(f"label of {a} overlaps {nid}")
    problems += frame_runs(pic)
    problems += split_words(pic)
    # No route strikes through a title bar, even upright (the routers go round to a side).
    for eid, edge in pic["edges"].items():
        for fid, frame in pic["frames"].items():
            if frame["head"] and any(inside(p, frame["head"], 2 * pic["zoom"]) for p in edge["pts"]):
                problems.append(f"edge {eid} crosses the title bar of {fid}")
    if pic["zoom"] * pic["labelPx"] < 9 - 0.01:
        problems.append(f"labels are {pic['zoom'] * pic['labelPx']:.1f} px at the fit-view zoom")
    return problems


def open_new(page: Any, document: dict[str, Any]) -> int:
    """Create a diagram of ``document`` through the API and open it in the editor; its id."""
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    res = page.request.post(
        "/api/diagrams/",
        data=json.dumps({"document": document}),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
    )
    assert res.ok, res.text()
    diagram_id: int = res.json()["id"]
    page.goto(f"/diagrams/{diagram_id}/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    return diagram_id


def open_laid_out(page: Any, document: dict[str, Any], shots: Any = None, step: str = "") -> tuple[int, dict[str, Any]]:
    """Open ``document``, auto lay it out (the view fits the new arrangement: a screenshot of
    that if ``shots``, and the boxes out of sight in ``page.laid_out_outside``), then "Fit
    view" (never below the readable zoom), where the picture is checked."""
    diagram_id = open_new(page, document)
    page.get_by_test_id("auto-layout").click()
    expect(page.get_by_test_id("auto-layout")).to_have_text("Auto layout", timeout=30_000)
    page.wait_for_timeout(700)  # the fit-view animation
    if shots:
        shots(page, f"{step}-laid-out")
    page.laid_out_outside = outside_view(page)
    page.locator(".canvas-tools").get_by_role("button", name="Fit view", exact=True).click()
    page.wait_for_timeout(500)
    wait_saved(page)
    saved = page.request.get(f"/api/diagrams/{diagram_id}/").json()["document"]
    return diagram_id, saved


def outside_view(page: Any) -> list[str]:
    """The component and container boxes not wholly inside the canvas pane (screen px)."""
    found: list[str] = page.evaluate(
        """() => {
      const p = document.querySelector('.react-flow').getBoundingClientRect();
      const at = (r) => [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
      const out = [];
      for (const n of document.querySelectorAll('.react-flow__node')) {
        const r = n.getBoundingClientRect();
        const off = r.left < p.left - 1 || r.top < p.top - 1 || r.right > p.right + 1 || r.bottom > p.bottom + 1;
        if (off) out.push(`${n.dataset.id} at ${at(r)} outside ${at(p)}`);
      }
      return out;
    }"""
    )
    return found


def test_starters_after_auto_layout_read_cleanly(page: Any, shots: Any) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    sign_up(page, "vera")
    starters = page.request.get("/api/starters/").json()
    assert len(starters) == 5
    for starter in starters:
        _, saved = open_laid_out(page, starter["document"], shots, f"starter-{starter['key']}")
        # Auto layout fits the view: every box is in sight, the region's title included.
        assert page.laid_out_outside == [], starter["key"]
        shots(page, f"starter-{starter['key']}")
        assert check_picture(page, saved) == [], starter["key"]
        # The routes the canvas drew are in the saved document, for the export to draw.
        for e in saved["edges"]:
            assert len(e["route"]) >= 2 and "label_at" in e, (starter["key"], e)


def realistic_document() -> dict[str, Any]:
    """~40 components: a web app with an API, workers, data in private subnets of two AZs."""
    nodes: list[dict[str, Any]] = [
        {"id": "region", "type": "aws.region", "label": "Seoul", "props": {"region": "ap-northeast-2"}},
        {"id": "vpc", "type": "aws.vpc", "label": "App VPC", "parent": "region"},
    ]
    edges: list[dict[str, Any]] = []
    for az in ("a", "c"):
        nodes.append(
            {
                "id": f"pub-{az}",
                "type": "aws.subnet",
                "label": f"Public {az}",
                "parent": "vpc",
                "props": {"visibility": "public"},
            }
        )
        nodes.append(
            {
                "id": f"app-{az}",
                "type": "aws.subnet",
                "label": f"App {az}",
                "parent": "vpc",
                "props": {"visibility": "private"},
            }
        )
        nodes.append({"id": f"nat-{az}", "type": "aws.nat_gateway", "label": f"NAT {az}", "parent": f"pub-{az}"})
        for k in range(6):
            nodes.append(
                {"id": f"fn-{az}{k}", "type": "lambda.function", "label": f"Worker {az}{k}", "parent": f"app-{az}"}
            )
            edges.append({"id": f"e-nat-{az}{k}", "source": f"fn-{az}{k}", "target": f"nat-{az}", "label": ""})
        nodes.append(
            {"id": f"cache-{az}", "type": "elasticache.cluster", "label": f"Cache {az}", "parent": f"app-{az}"}
        )
    outside = [
        ("users", "external.client", "Users"),
        ("cdn", "cloudfront.distribution", "CDN"),
        ("site", "s3.bucket", "Site bucket"),
        ("auth", "cognito.user_pool", "Users pool"),
        ("api", "apigateway.api", "Public API"),
        ("jobs", "sqs.queue", "Jobs"),
        ("dlq", "sqs.queue", "Dead letters"),
        ("topic", "sns.topic", "Events"),
        ("orders", "dynamodb.table", "Orders"),
        ("carts", "dynamodb.table", "Carts"),
        ("uploads", "s3.bucket", "Uploads"),
        ("thumbs", "lambda.function", "Thumbnails"),
        ("flow", "stepfunctions.state_machine", "Checkout flow"),
        ("bus", "eventbridge.rule", "Nightly"),
        ("report", "lambda.function", "Reports"),
        ("alarm", "cloudwatch.alarm", "Errors alarm"),
        ("front", "lambda.function", "API handler"),
        ("auth-fn", "lambda.function", "Authorizer"),
        ("archive", "s3.bucket", "Archive"),
        ("audit", "dynamodb.table", "Audit log"),
        ("cert", "acm.certificate", "Certificate"),
        ("dns", "route53.record", "shop.example.com"),
        ("ids", "cognito.identity_pool", "Identity pool"),
        ("edge-fn", "lambda.edge_function", "Edge auth"),
        ("cf-fn", "cloudfront.function", "Rewrites"),
        ("latency", "cloudwatch.alarm", "Latency alarm"),
    ]
    for nid, typ, label in outside:
        nodes.append({"id": nid, "type": typ, "label": label, "parent": "region"})
    pairs = [
        ("users", "cdn"),
        ("cdn", "site"),
        ("users", "auth"),
        ("users", "api"),
        ("api", "front"),
        ("api", "auth-fn"),
        ("front", "orders"),
        ("front", "carts"),
        ("front", "jobs"),
        ("jobs", "fn-a0"),
        ("jobs", "fn-c0"),
        ("fn-a0", "orders"),
        ("fn-c0", "orders"),
        ("fn-a1", "cache-a"),
        ("fn-c1", "cache-c"),
        ("uploads", "thumbs"),
        ("thumbs", "uploads"),
        ("front", "flow"),
        ("flow", "fn-a2"),
        ("bus", "report"),
        ("report", "archive"),
        ("fn-a3", "topic"),
        ("topic", "fn-c3"),
        ("front", "audit"),
        ("fn-c2", "audit"),
    ]
    for i, (a, b) in enumerate(pairs):
        edges.append({"id": f"e{i}", "source": a, "target": b, "label": "a long typed label" if i % 7 == 0 else ""})
    return {"schema": 1, "name": "Realistic 40", "region": "ap-northeast-2", "nodes": nodes, "edges": edges}


def test_a_realistic_40_component_diagram_reads_cleanly(page: Any, shots: Any) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    sign_up(page, "walt")
    doc = realistic_document()
    assert sum(1 for n in doc["nodes"] if n["type"] not in CONTAINERS) >= 40
    _, saved = open_laid_out(page, doc)
    shots(page, "realistic-40")
    # The picture is larger than the window at a readable zoom; under 300 nodes React Flow keeps
    # every node and edge in the DOM, so the boxes read include those out of view.
    components = [n for n in doc["nodes"] if n["type"] not in CONTAINERS]
    assert page.locator(".react-flow__node-component").count() == len(components)
    assert check_picture(page, saved) == []


def test_the_40_component_test_diagram_as_drawn_reads_cleanly(page: Any, shots: Any) -> None:
    """The renderer's 40-component diagram (tests/render/samples.py forty), as drawn (no auto
    layout): the editor routes it around the cards and off the frames, as the export does."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    sign_up(page, "xena")
    doc = forty()
    open_new(page, doc)
    # The background router gives every edge its route (and the document saves them).
    expect(page.locator(".react-flow__edge path[data-routed]")).to_have_count(len(doc["edges"]), timeout=20_000)
    pic = page.evaluate(READ_PICTURE)
    assert len(pic["frames"]) >= 5 and len(pic["nodes"]) >= 40
    shots(page, "forty-as-drawn")
    problems = check_picture(page, doc)
    # The right part too (the narrow gaps of private subnet B and the column beside it), for a
    # person to look at: a wider window shows more of the canvas at the same zoom.
    page.set_viewport_size({"width": 2600, "height": 1300})
    page.wait_for_timeout(200)
    shots(page, "forty-as-drawn-wide")
    assert problems == [], "\n".join(problems)


def test_a_long_container_title_wraps_on_the_canvas(page: Any, shots: Any) -> None:
    """A container title too long for one line wraps onto a second line of the title bar (as
    the export does, tests/render/test_style.py): the label is not cut, and stays in the bar."""
    sign_up(page, "wren")
    title = "Subnet · private · ap-northeast-2a · application tier"
    doc = {
        "schema": 1,
        "name": "Long title",
        "nodes": [
            {
                "id": "s",
                "type": "aws.subnet",
                "label": title,
                "position": {"x": 40, "y": 40},
                "size": {"w": 400, "h": 200},
                "props": {"visibility": "private"},
            },
            {"id": "f", "type": "lambda.function", "parent": "s", "position": {"x": 40, "y": 60}},
        ],
        "edges": [],
    }
    open_new(page, doc)
    label = page.locator("[data-testid=container][data-node-id=s] [data-testid=node-label]")
    expect(label).to_have_text(title)
    m = label.evaluate(
        """el => {
          const r = el.getBoundingClientRect(), h = el.closest('.aws-container-head').getBoundingClientRect();
          return {sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight,
                  lines: Math.round(r.height / parseFloat(getComputedStyle(el).lineHeight)),
                  top: r.top - h.top, bottom: h.bottom - r.bottom};
        }"""
    )
    shots(page, "long-container-title")
    assert m["sw"] <= m["cw"] and m["sh"] <= m["ch"], m  # nothing clipped
    assert m["lines"] == STYLE.container.title_max_lines, m
    assert m["top"] >= 0 and m["bottom"] >= 0, m  # inside the title bar

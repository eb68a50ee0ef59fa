"""The canvas and its export draw the same picture: open a diagram in the editor, read node
boxes, label positions, container colours, edge ends and edge labels from the DOM, export
the canvas-layout SVG of the same diagram, and compare them (within 2 px at scale 1)."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import by_design, new_page, unexpected_errors
from tests.e2e.test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)

SVG = "{http://www.w3.org/2000/svg}"
NUM = re.compile(r"-?\d+(?:\.\d+)?")
TOL = 2.0  # px


def _rgb(css: str) -> str:
    r, g, b = (int(float(v)) for v in NUM.findall(css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def dom_picture(page: Any) -> dict[str, Any]:
    """Boxes in canvas (flow) px, read from the rendered editor."""
    return page.evaluate(
        """() => {
        const vp = document.querySelector('.react-flow__viewport');
        const m = new DOMMatrixReadOnly(getComputedStyle(vp).transform);
        const origin = vp.getBoundingClientRect();  // the flow's (0, 0) on screen
        const z = m.a;
        const box = (el) => {
          const r = el.getBoundingClientRect();
          return {x: (r.left - origin.left) / z, y: (r.top - origin.top) / z, w: r.width / z, h: r.height / z};
        };
        const out = {zoom: z, nodes: {}, icons: {}, labels: {}, frames: {}, edges: {}, edgeLabels: {}};
        for (const el of document.querySelectorAll('.react-flow__node[data-id]')) {
          const id = el.dataset.id;
          const inner = el.querySelector('.aws-node, .aws-container');
          out.nodes[id] = box(inner || el);
          const icon = el.querySelector('.aws-node-icon');
          if (icon) out.icons[id] = box(icon);
          const lab = el.querySelector('.aws-node-label');
          if (lab) out.labels[id] = {box: box(lab), text: lab.textContent};
          const frame = el.querySelector('.aws-container');
          if (frame) out.frames[id] = getComputedStyle(frame).borderTopColor;
        }
        for (const el of document.querySelectorAll('.react-flow__edge[data-id]')) {
          const path = el.querySelector('path.react-flow__edge-path');
          if (path) out.edges[el.dataset.id] = path.getAttribute('d');
        }
        for (const el of document.querySelectorAll('[data-testid=edge-label]')) {
          const t = el.querySelector('.edge-text');
          out.edgeLabels[el.dataset.edgeId] = t ? t.textContent : '';
        }
        return out;
    }"""
    )


def svg_picture(svg: bytes) -> dict[str, Any]:
    """The same facts from our SVG, in canvas px up to one translation (y down)."""
    root = ET.fromstring(svg)  # noqa: S314 -- our own renderer's output
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    tx, ty = (float(v) for v in NUM.findall(graph.get("transform", "").split("translate")[1])[:2])

    def px(x: float, y: float) -> tuple[float, float]:
        return (x + tx) / 0.75, (y + ty) / 0.75

    def bbox(d: str) -> dict[str, float]:
        nums = [float(n) for n in NUM.findall(d)]
        pts = [px(x, y) for x, y in zip(nums[::2], nums[1::2], strict=False)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return {"x": min(xs), "y": min(ys), "w": max(xs) - min(xs), "h": max(ys) - min(ys)}

    out: dict[str, Any] = {"nodes": {}, "icons": {}, "labels": {}, "frames": {}, "edges": {}, "edgeLabels": {}}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        shape = next((s for s in g.iter() if s.tag in (f"{SVG}path", f"{SVG}polygon")), None)
        if gid.startswith("node-") and shape is not None:
            out["nodes"][gid[5:]] = bbox(shape.get("d") or shape.get("points") or "")
        elif gid.startswith("frame-") and shape is not None:
            out["nodes"][gid[6:]] = bbox(shape.get("d") or shape.get("points") or "")
            out["frames"][gid[6:]] = shape.get("stroke")
        elif gid.startswith("icon-"):
            im = next(iter(g.iter(f"{SVG}image")))
            x, y = px(float(im.get("x", 0)), float(im.get("y", 0)))
            w, h = (float(im.get(k, "0").removesuffix("px")) / 0.75 for k in ("width", "height"))
            out["icons"][gid[5:]] = {"x": x, "y": y, "w": w, "h": h}
        elif gid.startswith("label-"):
            texts = list(g.iter(f"{SVG}text"))
            lines = [
                (px(float(t.get("x", 0)), float(t.get("y", 0))), float(t.get("font-size", 0)) / 0.75) for t in texts
            ]
            out["labels"][gid[6:]] = {"lines": lines, "text": " ".join(t.text or "" for t in texts)}
        elif gid.startswith("edge-") and shape is not None:
            nums = [float(n) for n in NUM.findall(shape.get("d") or "")]
            pts = [px(x, y) for x, y in zip(nums[::2], nums[1::2], strict=False)]
            arrow = next(iter(g.iter(f"{SVG}polygon")))
            anums = [float(n) for n in NUM.findall(arrow.get("points") or "")]
            tip = px(anums[2], anums[3])  # Graphviz's arrowhead: base, tip, base
            out["edges"][gid[5:]] = (pts[0], tip)
        elif gid.startswith("elabel-"):
            out["edgeLabels"][gid[7:]] = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
    return out


def on_border(p: tuple[float, float], b: dict[str, float]) -> bool:
    x, y = p
    outer = b["x"] - TOL <= x <= b["x"] + b["w"] + TOL and b["y"] - TOL <= y <= b["y"] + b["h"] + TOL
    inner = b["x"] + TOL < x < b["x"] + b["w"] - TOL and b["y"] + TOL < y < b["y"] + b["h"] - TOL
    return outer and not inner


def export_svg(page: Any, diagram_id: int) -> bytes:
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    res = page.request.post(
        f"/api/diagrams/{diagram_id}/renders/",
        data='{"format": "svg", "layout": "canvas"}',
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
    )
    assert res.ok, res.text()
    body = res.json()
    deadline = time.monotonic() + 60
    while body["status"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
        body = page.request.get(f"/api/renders/{body['id']}/").json()
    assert body["status"] == "done", body
    return page.request.get(body["url"]).body()


def test_canvas_and_canvas_layout_svg_draw_the_same_picture(chromium: Any, asgi_server: Any, shots: Any) -> None:
    page = new_page(chromium, asgi_server.url)  # Daphne: the editor's WebSocket connects
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" and not by_design(m) else None)
    sign_up(page, "ada")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-vpc-lambda").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    diagram_id = int(page.url.rstrip("/").split("/")[-1])
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(page.locator(".react-flow__node[data-id='fn']")).to_be_visible()
    page.wait_for_timeout(300)  # let React Flow settle its measured sizes
    shots(page, "canvas")
    dom = dom_picture(page)
    svg = export_svg(page, diagram_id)
    (shots.dir / "export.svg").write_bytes(svg)
    out = svg_picture(svg)

    # One translation maps the export onto the canvas: take it from the outermost frame.
    assert set(out["nodes"]) == set(dom["nodes"])
    dx = dom["nodes"]["region"]["x"] - out["nodes"]["region"]["x"]
    dy = dom["nodes"]["region"]["y"] - out["nodes"]["region"]["y"]
    problems: list[str] = []
    boxes = [(key, d, out["nodes"][key]) for key, d in dom["nodes"].items()]
    boxes += [(f"icon of {key}", d, out["icons"][key]) for key, d in dom["icons"].items()]
    for key, d, o in boxes:
        for k, shift in (("x", dx), ("y", dy), ("w", 0.0), ("h", 0.0)):
            if abs(d[k] - (o[k] + shift)) > TOL:
                problems.append(f"{key}.{k}: canvas {d[k]:.1f}, export {o[k] + shift:.1f}")
    # Labels under the icons: same text, same centre (the SVG's baseline sits 0.35 em below it).
    for key, d in dom["labels"].items():
        o = out["labels"][key]
        if d["text"] != o["text"].replace(" ", " ") and d["text"].replace(" ", "") != o["text"].replace(" ", ""):
            problems.append(f"label of {key}: canvas {d['text']!r}, export {o['text']!r}")
        (x0, y0), size = o["lines"][0]
        (_, y1), _ = o["lines"][-1]
        cx, cy = x0 + dx, (y0 + y1) / 2 - 0.35 * size + dy
        bx, by = d["box"]["x"] + d["box"]["w"] / 2, d["box"]["y"] + d["box"]["h"] / 2
        if abs(cx - bx) > TOL or abs(cy - by) > TOL:
            problems.append(f"label of {key}: canvas centre ({bx:.1f}, {by:.1f}), export ({cx:.1f}, {cy:.1f})")
    # Container colours.
    for key, css in dom["frames"].items():
        if _rgb(css) != (out["frames"][key] or "").lower():
            problems.append(f"frame {key}: canvas {_rgb(css)}, export {out['frames'][key]}")
    # Edge labels, automatic ones included.
    for key, text in dom["edgeLabels"].items():
        if text and out["edgeLabels"].get(key) != text:
            problems.append(f"edge {key} label: canvas {text!r}, export {out['edgeLabels'].get(key)!r}")
    # Every exported edge leaves its source's box and ends on its target's, as drawn.
    doc = page.request.get(f"/api/diagrams/{diagram_id}/").json()["document"]
    for e in doc["edges"]:
        start, tip = out["edges"][e["id"]]
        start, tip = (start[0] + dx, start[1] + dy), (tip[0] + dx, tip[1] + dy)
        if not on_border(start, dom["nodes"][e["source"]]) or not on_border(tip, dom["nodes"][e["target"]]):
            problems.append(f"edge {e['id']}: export ends {start}, {tip} are not on its nodes' borders")
        if e.get("route"):
            first = e["route"][0]
            if abs(first["x"] - start[0]) > TOL or abs(first["y"] - start[1]) > TOL:
                problems.append(f"edge {e['id']}: export does not follow the saved route")
    assert not problems, "\n".join(problems)
    assert not unexpected_errors(page), page.errors  # type: ignore[attr-defined]
    assert not console, console

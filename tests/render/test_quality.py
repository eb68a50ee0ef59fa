"""Picture quality, checked on the exported SVG itself (what a reviewer gets): on the five
starters and on a realistic 40-component diagram, in both layouts, no edge passes through
an icon's card that is not one of its ends and no label overlaps another label or icon.
Text renders with the right glyphs (a backslash, Hangul) and is never too small to read."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from builder import render as renderer
from builder.catalog import style
from builder.render import Options, RenderError, render
from builder.render import text as text_metrics
from builder.render.picture import crossings
from builder.render.route import Box, path_hits
from tests.render.samples import forty, generated

SVG = "{http://www.w3.org/2000/svg}"
STARTERS = sorted(Path(__file__).resolve().parents[2].joinpath("builder", "starters").glob("*.json"))
NUM = re.compile(r"-?\d+(?:\.\d+)?")


def starter(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())["document"]


CASES = [pytest.param(starter(p), id=p.stem) for p in STARTERS] + [pytest.param(forty(), id="forty")]


@dataclasses.dataclass
class Parsed:
    cards: dict[str, Box]
    icons: list[tuple[str, Box]]
    edges: dict[str, list[tuple[float, float]]]
    texts: list[tuple[str, Box]]  # (owner group id, box of one text line)
    label_boxes: dict[str, Box]  # edge label backgrounds


def _points(attr: str) -> list[tuple[float, float]]:
    nums = [float(n) for n in NUM.findall(attr)]
    return list(zip(nums[::2], nums[1::2], strict=False))


def _shape(g: ET.Element) -> ET.Element:
    # Elements without children are falsy: no `or` between find results.
    for tag in ("path", "polygon"):
        found = next(iter(g.iter(f"{SVG}{tag}")), None)
        if found is not None:
            return found
    raise AssertionError(f"no shape in {g.get('id')}")


def _bbox(pts: list[tuple[float, float]]) -> Box:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def parse(svg: bytes) -> Parsed:
    """Boxes, paths and text lines of our SVG, in its own units (pt), y down."""
    root = ET.fromstring(svg)  # noqa: S314 -- our own renderer's output
    fam = style.STYLE.font_family
    out = Parsed({}, [], {}, [], {})
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        if gid.startswith("node-"):
            shape = _shape(g)
            out.cards[gid.removeprefix("node-")] = _bbox(_points(shape.get("d") or shape.get("points") or ""))
        elif gid.startswith("edge-"):
            path = next(iter(g.iter(f"{SVG}path")))
            out.edges[gid.removeprefix("edge-")] = _points(path.get("d") or "")
        elif gid.startswith("elabel-"):
            shape = _shape(g)
            out.label_boxes[gid.removeprefix("elabel-")] = _bbox(_points(shape.get("d") or shape.get("points") or ""))
        for im in g.findall(f"{SVG}image"):
            b = Box(float(im.get("x", 0)), float(im.get("y", 0)), float(im.get("width", "0").removesuffix("px")), 0)
            b = dataclasses.replace(b, h=float(im.get("height", "0").removesuffix("px")))
            out.icons.append((gid, b))
        for t in g.findall(f"{SVG}text"):
            size_pt = float(t.get("font-size", "0"))
            px = round(size_pt / 0.75)
            bold = t.get("font-weight") in ("600", "700")
            w = text_metrics.width(t.text or "", px, fam, bold, t.get("font-style") == "italic") * 0.75
            x, y = float(t.get("x", 0)), float(t.get("y", 0))
            left = {"middle": x - w / 2, "end": x - w}.get(t.get("text-anchor") or "start", x)
            # Ascent to descent of a line: about 0.8 and 0.2 of the size above and below the baseline.
            out.texts.append((gid, Box(left, y - 0.8 * size_pt, w, size_pt)))
    return out


def ends(doc: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {e["id"]: (e["source"], e["target"]) for e in doc.get("edges", [])}


@pytest.mark.parametrize("layout", ["canvas", "auto"])
@pytest.mark.parametrize("doc", CASES)
def test_no_edge_crosses_an_icon_and_no_label_overlaps(doc: dict[str, Any], layout: str) -> None:
    svg = render(doc, "svg", layout)  # type: ignore[arg-type]
    p = parse(svg)
    assert p.cards and len(p.edges) == len(doc.get("edges", []))
    problems: list[str] = []
    for eid, pts in p.edges.items():
        src, dst = ends(doc)[eid]
        for key, box in p.cards.items():
            if key not in (src, dst) and path_hits(pts, box.grow(-1)):
                problems.append(f"edge {eid} ({src} -> {dst}) crosses {key}")
    # Labels: every text line against every other group's text lines and every icon.
    texts = [(gid, b.grow(-0.5)) for gid, b in p.texts]
    for i, (ga, a) in enumerate(texts):
        for gb, b in texts[i + 1 :]:
            if ga != gb and a.overlaps(b):
                problems.append(f"text of {ga} overlaps text of {gb}")
        for gb, b in p.icons:
            if a.overlaps(b):
                problems.append(f"text of {ga} overlaps icon {gb}")
    # Edge labels (their backgrounds): not on another label, card or container title.
    boxes = list(p.label_boxes.items())
    for i, (ea, a) in enumerate(boxes):
        for eb, b in boxes[i + 1 :]:
            if a.overlaps(b, 0.5):
                problems.append(f"label of edge {ea} overlaps label of edge {eb}")
        for key, card in p.cards.items():
            if a.overlaps(card, 0.5):
                problems.append(f"label of edge {ea} overlaps card {key}")
        for gid, t in p.texts:
            if gid.startswith(("title-", "meta-", "tag-", "label-")) and a.overlaps(t, 0.5):
                problems.append(f"label of edge {ea} overlaps {gid}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layout", ["canvas", "auto"])
def test_every_edge_label_the_canvas_shows_is_exported(layout: str) -> None:
    """Typed labels, and the catalog's verb for edges without one (as the editor shows them)."""
    doc = starter(STARTERS[3])  # VPC Lambda with RDS Proxy
    svg = render(doc, "svg", layout).decode()  # type: ignore[arg-type]
    root = ET.fromstring(svg)  # noqa: S314
    labels = {}
    for g in root.iter(f"{SVG}g"):
        if (g.get("id") or "").startswith("elabel-"):
            labels[g.get("id", "").removeprefix("elabel-")] = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
    from builder import catalog

    types = {n["id"]: n["type"] for n in doc["nodes"]}
    for e in doc["edges"]:
        conn = catalog.connection(types[e["source"]], types[e["target"]])
        want = e.get("label") or (conn.label if conn else "")
        if want:
            assert labels.get(e["id"]) == want, e["id"]


def test_a_saved_route_is_drawn_and_a_stale_one_is_rerouted() -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "a", "type": "lambda.function", "position": {"x": 0, "y": 0}},
            {"id": "b", "type": "s3.bucket", "position": {"x": 400, "y": 0}},
            {"id": "c", "type": "sqs.queue", "position": {"x": 200, "y": 0}},
        ],
        "edges": [
            {
                "id": "e",
                "source": "a",
                "target": "b",
                "route": [{"x": 60, "y": 92}, {"x": 60, "y": 160}, {"x": 460, "y": 160}, {"x": 460, "y": 92}],
                "label_at": {"x": 260, "y": 160},
            }
        ],
    }
    pic = renderer._picture(doc, "canvas", Options())
    (link,) = pic.links
    assert link.routed_by == "document" and link.points[1] == (60.0, 160.0)
    assert link.label_box and (link.label_box.cx, link.label_box.cy) == (260.0, 160.0)
    # The same route through c (straight across) is refused and routed around c instead.
    doc["edges"][0]["route"] = [{"x": 120, "y": 46}, {"x": 400, "y": 46}]
    pic = renderer._picture(doc, "canvas", Options())
    (link,) = pic.links
    assert link.routed_by == "router" and not crossings(pic)
    # A route whose ends no longer touch its nodes (b moved) is rerouted too.
    doc["edges"][0]["route"] = [{"x": 60, "y": 92}, {"x": 60, "y": 160}, {"x": 460, "y": 160}, {"x": 460, "y": 92}]
    doc["nodes"][1]["position"] = {"x": 400, "y": 300}
    pic = renderer._picture(doc, "canvas", Options())
    assert pic.links[0].routed_by == "router"


def _png(doc: dict[str, Any]) -> bytes:
    """The pixels of the card of node "a" (the diagram's name above it is left out)."""
    img = Image.open(io.BytesIO(render(doc, "png", "canvas"))).convert("RGB")
    pic = renderer._picture(doc, "canvas", Options())
    card = pic.cards["a"].box
    x, y = card.x - pic.bounds.x, card.y - pic.bounds.y
    return img.crop((round(x), round(y), round(x + card.w), round(y + card.h))).tobytes()


def _one(label: str) -> dict[str, Any]:
    return {"schema": 1, "nodes": [{"id": "a", "type": "s3.bucket", "label": label, "position": {"x": 0, "y": 0}}]}


def _with_font(monkeypatch: pytest.MonkeyPatch, family: str) -> None:
    monkeypatch.setattr(style, "STYLE", dataclasses.replace(style.STYLE, font_family=family))


def test_a_backslash_is_drawn_as_a_backslash_and_hangul_as_hangul(monkeypatch: pytest.MonkeyPatch) -> None:
    """The glyphs used: ours are the Latin font's backslash (NanumGothic alone draws ₩) and
    the Korean font's Hangul."""
    ours_bs, ours_ko = _png(_one("C:\\data\\x")), _png(_one("주문처리"))
    _with_font(monkeypatch, "DejaVu Sans")
    latin_bs = _png(_one("C:\\data\\x"))
    _with_font(monkeypatch, "NanumGothic")
    nanum_bs, nanum_ko = _png(_one("C:\\data\\x")), _png(_one("주문처리"))
    assert ours_bs == latin_bs
    assert ours_bs != nanum_bs  # NanumGothic's U+005C is a won sign
    assert ours_ko == nanum_ko
    # And the text is in the SVG as text.
    svg = render(_one("C:\\data 주문"), "svg", "canvas").decode()
    assert "C:\\data 주문" in svg


def test_long_labels_wrap_inside_the_card_and_the_picture() -> None:
    label = "A very long component label that would run off the edge of the picture"
    doc = _one(label)
    p = parse(render(doc, "svg", "canvas"))
    lines = [b for gid, b in p.texts if gid == "label-a"]
    card = p.cards["a"]
    assert len(lines) == style.STYLE.component.label_max_lines
    for b in lines:
        assert card.x <= b.x and b.x2 <= card.x2 + 0.5


def test_smallest_text_is_readable() -> None:
    p = parse(render(forty(), "svg", "canvas"))
    smallest_px = min(b.h for _, b in p.texts) / 0.75
    assert smallest_px >= 9


def test_a_huge_png_is_refused_with_a_pointer_to_svg() -> None:
    doc = generated(1000)
    pic = renderer._picture(doc, "auto", Options())
    # At scale 3 the 1,000-node picture is far over the bitmap budget: refused, never shrunk
    # (render() refuses before drawing; the API test sees the message in a failed render).
    with pytest.raises(RenderError, match="export SVG or PDF"):
        renderer.check_png_budget(pic, 3)
    # At scale 1 it fits: drawn at full size, so its text is as tall as the style says.
    renderer.check_png_budget(pic, 1)
    png = render(doc, "png", "auto")
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (w, h) == (round(pic.bounds.w), round(pic.bounds.h))
    assert min(t.px for t in _texts(pic)) >= 9


def _texts(pic: Any) -> list[Any]:
    out = [c.label for c in pic.cards.values()] + [f.title for f in pic.frames.values()]
    return out + [link.label for link in pic.links if link.label]


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_png_scale_multiplies_the_pixels(scale: int) -> None:
    doc = starter(STARTERS[0])
    pic = renderer._picture(doc, "canvas", Options())
    png = render(doc, "png", "canvas", Options(scale=scale))
    w = int.from_bytes(png[16:20], "big")
    assert abs(w - pic.bounds.w * scale) <= scale


def test_transparent_background_and_pdf() -> None:
    doc = starter(STARTERS[0])
    img = Image.open(io.BytesIO(render(doc, "png", "canvas", Options(transparent=True))))
    assert img.mode == "RGBA" and img.getpixel((1, 1))[3] == 0
    opaque = Image.open(io.BytesIO(render(doc, "png", "canvas"))).convert("RGBA")
    assert opaque.getpixel((1, 1)) == (255, 255, 255, 255)
    pdf = render(doc, "pdf", "canvas")
    assert pdf.startswith(b"%PDF-")
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf  # icons embedded, vector otherwise
    with pytest.raises(ValueError, match="scale"):
        render(doc, "png", "canvas", Options(scale=4))


def _runs_inside(a: tuple[float, float], b: tuple[float, float], box: Box, horizontal: bool) -> float:
    """The length of segment a-b that runs lengthwise (horizontal or vertical) inside ``box``
    (on its edge, within 0.5 px, is outside: the router's band ends there)."""
    if horizontal != (abs(a[1] - b[1]) < 1e-6) or (a == b):
        return 0.0
    if horizontal:
        if not box.y + 0.5 < a[1] < box.y2 - 0.5:
            return 0.0
        lo, hi = sorted((a[0], b[0]))
        return max(0.0, min(hi, box.x2) - max(lo, box.x))
    if not box.x + 0.5 < a[0] < box.x2 - 0.5:
        return 0.0
    lo, hi = sorted((a[1], b[1]))
    return max(0.0, min(hi, box.y2) - max(lo, box.y))


@pytest.mark.parametrize("layout", ["canvas", "auto"])
@pytest.mark.parametrize("doc", CASES)
def test_every_edge_label_touches_its_own_line(doc: dict[str, Any], layout: str) -> None:
    """An export's edge label straddles its own route (never set beside it, below a card or
    under a title bar), also where the gap is narrow."""
    pic = renderer._picture(doc, layout, Options())  # type: ignore[arg-type]
    labelled = [link for link in pic.links if link.label_box]
    assert labelled
    off = [
        f"label of edge {link.id} is off its line"
        for link in labelled
        if link.label_box and not path_hits(link.points, link.label_box.grow(-1))
    ]
    assert not off, "\n".join(off)


#: A run shorter than this along a border is a route's way into or out of a frame's corner.
BORDER_RUN_PX = 24.0


@pytest.mark.parametrize("layout", ["canvas", "auto"])
@pytest.mark.parametrize("doc", CASES)
def test_no_route_runs_along_a_frame_border(doc: dict[str, Any], layout: str) -> None:
    """Routes cross a container's frame and title bar at right angles: none runs lengthwise
    inside a frame's border band, or through a title bar, for more than BORDER_RUN_PX."""
    pic = renderer._picture(doc, layout, Options())  # type: ignore[arg-type]
    assert pic.frames or not any(n["type"].startswith("aws.") for n in doc["nodes"])
    half = style.STYLE.route.border_band / 2
    title_h = style.STYLE.container.title_h
    problems: list[str] = []
    for link in pic.links:
        for fid, f in pic.frames.items():
            b = f.box
            strips = [
                (f"top border of {fid}", Box(b.x, b.y - half, b.w, 2 * half), True),
                (f"bottom border of {fid}", Box(b.x, b.y2 - half, b.w, 2 * half), True),
                (f"left border of {fid}", Box(b.x - half, b.y, 2 * half, b.h), False),
                (f"right border of {fid}", Box(b.x2 - half, b.y, 2 * half, b.h), False),
                (f"title bar of {fid}", Box(b.x, b.y, b.w, title_h), True),
            ]
            for a, c in pairwise(link.points):
                for what, strip, horizontal in strips:
                    run = _runs_inside(a, c, strip, horizontal)
                    if run > BORDER_RUN_PX:
                        problems.append(f"edge {link.id} runs {run:.0f} px along the {what}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("doc", "layout"),
    [pytest.param(c.values[0], layout, id=f"{c.id}-{layout}") for layout in ("canvas", "auto") for c in CASES],
)
def test_no_route_crosses_a_title_bar(doc: dict[str, Any], layout: str) -> None:
    """No route strikes through a container's title bar, even upright (entering a subnet from
    above to a card right under its title): the router prices a title bar both ways, so it
    comes in through a side instead."""
    pic = renderer._picture(doc, layout, Options())  # type: ignore[arg-type]
    title_h = style.STYLE.container.title_h
    problems = [
        f"edge {link.id} crosses the title bar of {fid}"
        for link in pic.links
        for fid, f in pic.frames.items()
        if path_hits(link.points, Box(f.box.x, f.box.y, f.box.w, title_h).grow(-1))
    ]
    assert not problems, "\n".join(problems)

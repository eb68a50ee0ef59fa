"""One geometry and style: the editor (through ``GET /api/catalog/``) and the renderer read
the same object, ``builder.catalog.style.STYLE``."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from rest_framework.test import APIClient

from builder.catalog import style
from builder.render import render

REQUIRED = {
    "component": {"w", "h", "icon_px", "label_px", "label_line_px", "label_max_lines", "label_max_width_px"},
    "container": {"title_h", "title_px", "padding", "min_w", "min_h"},
    "edge": {"stroke", "width", "label_px", "label_bg"},
}
KINDS = ("aws.region", "aws.vpc", "aws.subnet.public", "aws.subnet.private")


def vpc_doc() -> dict:
    return {
        "schema": 1,
        "name": "One VPC",
        "nodes": [
            {"id": "v", "type": "aws.vpc", "label": "VPC", "position": {"x": 0, "y": 0}, "size": {"w": 400, "h": 300}},
            {"id": "f", "type": "lambda.function", "parent": "v", "position": {"x": 40, "y": 60}},
        ],
        "edges": [],
    }


@pytest.mark.django_db
def test_catalog_serves_the_style_with_the_agreed_keys() -> None:
    body = APIClient().get("/api/catalog/").json()["style"]
    assert body == style.style_json()
    assert body["component"]["w"] == 120 and body["component"]["h"] == 92  # what the canvas draws
    for group, keys in REQUIRED.items():
        assert keys <= set(body[group]), group
    for kind in KINDS:
        assert {"stroke", "fill", "text", "dash"} <= set(body["containers"][kind]), kind
    assert body["containers"]["aws.vpc"]["stroke"] == "#8c4fff"
    assert body["containers"]["aws.subnet.private"]["stroke"] == "#00a4a6"
    assert body["containers"]["aws.subnet.public"]["stroke"] == "#7aa116"
    assert body["containers"]["aws.region"]["dash"] is True
    # Latin with a real backslash comes before any Korean font (NanumGothic draws a won sign).
    fonts = body["font_family"].split(",")
    assert fonts.index("DejaVu Sans") < fonts.index("NanumGothic")


@pytest.mark.django_db
def test_renderer_and_catalog_read_one_style_object(monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = dict(style.STYLE.containers)
    kinds["aws.vpc"] = dataclasses.replace(kinds["aws.vpc"], stroke="#123456")
    changed = dataclasses.replace(style.STYLE, containers=kinds)
    monkeypatch.setattr(style, "STYLE", changed)
    api = APIClient().get("/api/catalog/").json()["style"]
    assert api["containers"]["aws.vpc"]["stroke"] == "#123456"
    for layout in ("canvas", "auto"):
        svg = render(vpc_doc(), "svg", layout).decode()
        assert "#123456" in svg, layout
        assert 'stroke="#8c4fff"' not in svg, layout


def test_every_text_size_is_readable() -> None:
    s = style.STYLE
    sizes = [s.component.label_px, s.container.title_px, s.container.meta_px, s.container.tag_px, s.edge.label_px]
    assert min(sizes) >= s.min_text_px >= 9


def _titled(label: str, w: int) -> dict:
    return {
        "schema": 1,
        "name": "Long title",
        "nodes": [
            {
                "id": "s",
                "type": "aws.subnet",
                "label": label,
                "position": {"x": 0, "y": 0},
                "size": {"w": w, "h": 200},
                "props": {"visibility": "private"},
            },
            {"id": "f", "type": "lambda.function", "parent": "s", "position": {"x": 40, "y": 60}},
        ],
        "edges": [],
    }


def _title_lines(svg: str, node_id: str) -> list[str]:
    ns = "{http://www.w3.org/2000/svg}"
    out = []
    for g in ET.fromstring(svg).iter(f"{ns}g"):  # noqa: S314 -- our own renderer's output
        gid = g.get("id") or ""
        if gid == f"title-{node_id}" or gid.startswith(f"title-{node_id}-"):
            out.append(" ".join(t.text or "" for t in g.iter(f"{ns}text")))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("layout", ["canvas", "auto"])
def test_a_long_container_title_wraps_instead_of_ending_with_an_ellipsis(layout: str) -> None:
    title = "Subnet · private · ap-northeast-2a · application tier"
    lines = _title_lines(render(_titled(title, 400), "svg", layout).decode(), "s")
    assert len(lines) == style.STYLE.container.title_max_lines, lines
    assert "…" not in "".join(lines), lines
    assert " ".join(lines) == title
    # Only a title longer than the bar's lines still ends with an ellipsis.
    long = _title_lines(render(_titled(title * 3, 300), "svg", layout).decode(), "s")
    assert len(long) == style.STYLE.container.title_max_lines and long[-1].endswith("…"), long

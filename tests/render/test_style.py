"""One geometry and style: the editor (through ``GET /api/catalog/``) and the renderer read
the same object, ``builder.catalog.style.STYLE``."""

from __future__ import annotations

import dataclasses

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

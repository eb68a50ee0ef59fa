"""draw.io export (AWS 4 shapes, containers as groups, canvas positions) and import (unknown shapes reported)."""

from __future__ import annotations

import base64
import json
import urllib.parse
import xml.etree.ElementTree as ET  # our own output
import zlib
from pathlib import Path

import pytest

from builder import document
from builder.iac import ImportFailed, export, import_file

ROOT = Path(__file__).resolve().parent.parent.parent
DIAGRAMS = sorted([*ROOT.glob("builder/starters/*.json"), *ROOT.glob("examples/*.json")])

# A file as draw.io writes it (uncompressed), with one shape we have no type for.
HAND_DRAWN = (ROOT / "tests" / "data" / "drawio" / "hand-drawn.drawio").read_text()


@pytest.mark.parametrize("path", DIAGRAMS, ids=[p.stem for p in DIAGRAMS])
def test_export_then_import_gives_the_same_diagram(path: Path) -> None:
    raw = json.loads(path.read_text())
    doc = document.validate(raw.get("document", raw))
    text = export(doc, "drawio")
    root = ET.fromstring(  # noqa: S314  (our own export)
        text
    )
    assert root.tag == "mxfile"
    styles = [c.get("style", "") for c in root.iter("mxCell")]
    assert any("shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4." in s for s in styles)
    back = import_file(text, "x.drawio")
    assert back.report == []

    def key(d: dict) -> list:
        full = document.with_defaults(d)
        nodes = sorted(
            (
                n["id"],
                n["type"],
                n["label"],
                n["parent"],
                n["position"]["x"],
                n["position"]["y"],
                json.dumps(n["props"], sort_keys=True),
            )
            for n in full["nodes"]
        )
        edges = sorted((e["source"], e["target"], e["label"]) for e in full["edges"])
        return [nodes, edges]

    assert key(back.document) == key(doc)


def test_containers_are_groups_holding_their_children() -> None:
    raw = json.loads((ROOT / "builder" / "starters" / "04-vpc-lambda.json").read_text())
    doc = raw.get("document", raw)
    root = ET.fromstring(  # noqa: S314  (our own export)
        export(doc, "drawio")
    )
    cells = {o.get("id"): o.find("mxCell") for o in root.iter("object")}
    subnet = next(n for n in doc["nodes"] if n["type"] == "aws.subnet")
    child = next(n for n in doc["nodes"] if n.get("parent") == subnet["id"])
    assert "grIcon=mxgraph.aws4.group_security_group" in cells[f"n-{subnet['id']}"].get("style")
    assert cells[f"n-{child['id']}"].get("parent") == f"n-{subnet['id']}"
    geo = cells[f"n-{child['id']}"].find("mxGeometry")
    assert (float(geo.get("x")), float(geo.get("y"))) == (child["position"]["x"], child["position"]["y"])


def test_a_hand_drawn_file_is_read_by_its_shapes_and_unknown_shapes_are_reported() -> None:
    imported = import_file(HAND_DRAWN, "hand.drawio")
    doc = document.validate(imported.document)
    by_id = {n["id"]: n for n in doc["nodes"]}
    assert by_id["vpc"]["type"] == "aws.vpc"
    assert by_id["sub"] == {**by_id["sub"], "type": "aws.subnet", "parent": "vpc", "label": "App subnet"}
    assert by_id["sub"]["props"] == {"visibility": "public"}
    assert by_id["fn"]["type"] == "lambda.function" and by_id["fn"]["parent"] == "sub"
    assert [(e["source"], e["target"]) for e in doc["edges"]] == [("q", "fn")]
    assert {(r["logical_id"], r["type"]) for r in imported.report} == {("kin", "mxgraph.aws4.kinesis"), ("a2", "edge")}


def test_a_compressed_page_is_read() -> None:
    model = HAND_DRAWN
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(urllib.parse.quote(model).encode()) + deflate.flush()
    text = f'<mxfile><diagram name="Packed">{base64.b64encode(packed).decode()}</diagram></mxfile>'
    doc = import_file(text, "packed.drawio").document
    assert doc["name"] == "Packed" and len(doc["nodes"]) == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><mxfile>&a;</mxfile>', "entities are not allowed"),
        ("<mxfile><diagram>", "malformed XML"),
        ("<mxfile><diagram>!!!not base64!!!</diagram></mxfile>", "neither XML nor a compressed page"),
        ("<svg></svg>.drawio", "malformed XML"),
    ],
)
def test_bad_drawio_files_get_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        import_file(text, "bad.drawio")


def test_a_zip_bomb_page_is_refused() -> None:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(b"A" * (64 * 1024 * 1024)) + deflate.flush()
    text = f"<mxfile><diagram>{base64.b64encode(packed).decode()}</diagram></mxfile>"
    with pytest.raises(ImportFailed, match="inflates to more than"):
        import_file(text, "bomb.drawio")


def test_labels_are_text_not_markup() -> None:
    doc = {
        "schema": 1,
        "nodes": [{"id": "t", "type": "sns.topic", "label": "<img src=x onerror=alert(1)> & co"}],
        "edges": [],
    }
    text = export(doc, "drawio")
    assert "<img" not in text
    assert import_file(text, "x.drawio").document["nodes"][0]["label"] == "<img src=x onerror=alert(1)> & co"


# What draw.io's own AWS 4 palette (src/main/webapp/js/diagramly/sidebar/Sidebar-AWS4.js in
# jgraph/drawio) offers, read off it for the names we use: service tiles
# (shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.X), plain shapes (shape=mxgraph.aws4.X)
# and group icons (grIcon=mxgraph.aws4.X) with their colours.
DRAWIO_TILES = {
    *("lambda", "fargate", "api_gateway", "sqs", "sns", "eventbridge", "step_functions", "dynamodb"),
    *("aurora", "elasticache", "s3", "cloudfront", "route_53", "cognito", "certificate_manager_3"),
    "cloudwatch_2",
}
DRAWIO_PLAIN = {
    *("lambda_function", "dynamodb_dax", "rds_proxy", "cloudfront_functions", "application_load_balancer"),
    *("nat_gateway", "endpoints", "client"),
}
DRAWIO_GROUPS = {  # grIcon, strokeColor, fillColor, fontColor of the palette's groups
    "Region": ("group_region", "#00A4A6", "none", "#147EBA"),
    "VPC": ("group_vpc2", "#8C4FFF", "none", "#AAB7B8"),
    "Private subnet": ("group_security_group", "#00A4A6", "#E6F6F7", "#147EBA"),
    "Public subnet": ("group_security_group", "#7AA116", "#F2F6E8", "#248814"),
}


def test_every_cell_uses_a_shape_drawio_s_aws_palette_offers() -> None:
    from builder import catalog
    from builder.iac.drawio import _style

    for t in catalog.all_types():
        visibilities = ("private", "public") if t.key == "aws.subnet" else (None,)
        for visibility in visibilities:
            style = dict(
                part.split("=", 1)
                for part in _style({"type": t.key, "props": {"visibility": visibility}}).split(";")
                if "=" in part
            )
            if t.container:
                name = {"aws.region": "Region", "aws.vpc": "VPC"}.get(t.key) or f"{visibility.title()} subnet"
                gr, stroke, fill, font = DRAWIO_GROUPS[name]
                assert (style["shape"], style["grIcon"]) == ("mxgraph.aws4.group", f"mxgraph.aws4.{gr}"), t.key
                assert (style["strokeColor"], style["fillColor"], style["fontColor"]) == (stroke, fill, font), t.key
            elif style["shape"] == "mxgraph.aws4.resourceIcon":
                assert style["resIcon"].removeprefix("mxgraph.aws4.") in DRAWIO_TILES, t.key
                assert style["strokeColor"] == "#ffffff", t.key  # the glyph is drawn in the stroke colour
            else:
                assert style["shape"].removeprefix("mxgraph.aws4.") in DRAWIO_PLAIN, t.key
                assert style["strokeColor"] == "none", t.key

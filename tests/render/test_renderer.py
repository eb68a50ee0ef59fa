"""The pure renderer: every type drawn with its icon, groups kept apart, both layouts and
formats, hostile labels shown literally, SVG self-contained, Graphviz failures reported."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from builder import catalog, document
from builder.catalog.style import STYLE
from builder.render import Limits, Options, RenderError, export_script, render, to_dot
from builder.render.graph import icon_for
from builder.render.labels import dot_label
from tests.render.samples import generated, realistic

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def one_of_each() -> dict[str, Any]:
    """Every component type once; VPC-only ones inside a subnet, which is inside a VPC."""
    nodes: list[dict[str, Any]] = [
        {"id": "r", "type": "aws.region", "label": "Region", "props": {"region": "eu-west-1"}},
        {"id": "v", "type": "aws.vpc", "label": "VPC", "parent": "r"},
        {"id": "s", "type": "aws.subnet", "label": "Subnet", "parent": "v", "props": {"visibility": "public"}},
    ]
    for t in catalog.all_types():
        if not t.container:
            nodes.append(
                {
                    "id": "t-" + t.key.replace(".", "-"),
                    "type": t.key,
                    "label": t.label,
                    "parent": "s" if "aws.subnet" in t.parents else None,
                }
            )
    return {"schema": 1, "name": "All types", "nodes": nodes, "edges": []}


def svg_tree(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 -- our own renderer's output, not untrusted input


def node_texts(root: ET.Element) -> dict[str, str]:
    """Document node id -> the label drawn under its icon, lines joined by spaces."""
    out: dict[str, str] = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        if g.get("class") == "node" and gid.startswith("label-"):
            out[gid.removeprefix("label-")] = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
    return out


def test_every_component_type_is_drawn_with_its_catalog_icon() -> None:
    doc = one_of_each()
    source, _ = to_dot(doc)
    for node in doc["nodes"]:
        spec = catalog.get(node["type"])
        assert spec
        if spec.container:
            assert f'"cluster_{node["id"]}"' in source or f"cluster_{node['id']}" in source
            continue
        path = catalog.icon_file(icon_for(spec, {}))
        assert path.is_file(), path
        assert f'image="{path}"' in source
    for fmt in ("png", "svg"):
        for layout in ("auto", "canvas"):
            assert render(doc, fmt, layout)  # type: ignore[arg-type]


def test_catalog_classes_draw_the_catalog_icons() -> None:
    """The catalog's diagrams class and its icon agree, so the exported script looks the same."""
    import importlib

    for t in catalog.all_types():
        if t.diagrams_class:
            module, name = t.diagrams_class.rsplit(".", 1)
            cls = getattr(importlib.import_module(module), name)
            assert f"{cls._icon_dir}/{cls._icon}" == "resources/" + t.icon, t.key
        else:
            assert catalog.icon_file(t.icon).is_file(), t.key


@pytest.mark.parametrize(
    ("type_key", "props", "icon"),
    [
        ("external.client", {"kind": "mobile"}, "aws/general/mobile-client.png"),
        ("external.client", {"kind": "service"}, "aws/general/traditional-server.png"),
        ("rds.database", {"engine": "mysql"}, "aws/database/rds-mysql-instance.png"),
        ("elasticache.cluster", {"engine": "memcached"}, "aws/database/elasticache-for-memcached.png"),
    ],
)
def test_icon_variants_follow_props(type_key: str, props: dict[str, Any], icon: str) -> None:
    doc = {"schema": 1, "nodes": [{"id": "a", "type": type_key, "props": props}]}
    source, _ = to_dot(doc)
    assert f'image="{catalog.icon_file(icon)}"' in source


def test_variant_icons_are_committed_pngs() -> None:
    for name in ("lambda-edge.png", "cloudfront-function.png", "rds-proxy.png", "cognito-identity-pool.png"):
        data = (catalog.BUILDER_ICONS / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_sibling_and_nested_groups_with_equal_labels_stay_apart() -> None:
    doc = realistic()  # two sibling subnets both labelled "Private subnet"
    doc["nodes"].append(
        {"id": "vpc2", "type": "aws.vpc", "label": "App VPC", "parent": "seoul", "position": {"x": 0, "y": 0}}
    )
    doc["nodes"].append({"id": "sub-c", "type": "aws.subnet", "label": "Private subnet", "parent": "vpc2"})
    for layout in ("auto", "canvas"):
        source, _ = to_dot(doc, layout)  # type: ignore[arg-type]
        names = re.findall(r'subgraph "?(cluster_[^" {]+)', source)
        assert sorted(names) == sorted(
            ["cluster_seoul", "cluster_vpc", "cluster_vpc2", "cluster_sub-a", "cluster_sub-b", "cluster_sub-c"]
        )
        root = svg_tree(render(doc, "svg", layout))  # type: ignore[arg-type]
        clusters = [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == "cluster"]
        assert len(clusters) == 6 and len(set(clusters)) == 6


def test_public_and_private_subnets_are_styled_differently() -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "v", "type": "aws.vpc"},
            {"id": "pub", "type": "aws.subnet", "parent": "v", "props": {"visibility": "public"}},
            {"id": "priv", "type": "aws.subnet", "parent": "v"},
        ],
    }
    source, _ = to_dot(doc)
    pub = source[source.index("cluster_pub") : source.index("cluster_priv")]
    priv = source[source.index("cluster_priv") :]
    kinds = STYLE.containers
    assert kinds["aws.subnet.public"].stroke in pub and kinds["aws.subnet.private"].stroke in priv
    assert kinds["aws.subnet.public"].stroke != kinds["aws.subnet.private"].stroke


def test_png_and_svg_in_both_layouts() -> None:
    doc = realistic()
    for layout in ("auto", "canvas"):
        png = render(doc, "png", layout)  # type: ignore[arg-type]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        data = render(doc, "svg", layout)  # type: ignore[arg-type]
        root = svg_tree(data)
        images = [im.get(XLINK) or im.get("href") or "" for im in root.iter(f"{SVG}image")]
        assert len(images) == len(doc["nodes"])  # every card's icon and every container's group icon
        assert all(h.startswith("data:image/png;base64,") for h in images)
        text = data.decode()
        assert "file://" not in text and '="/' not in text and str(Path.cwd()) not in text
        assert "사진 API 핸들러" in node_texts(root)["fn"]


def test_canvas_layout_keeps_the_drawn_positions() -> None:
    doc = {
        "schema": 1,
        "nodes": [
            {"id": "left", "type": "s3.bucket", "position": {"x": 0, "y": 0}},
            {"id": "right", "type": "sqs.queue", "position": {"x": 600, "y": 0}},
            {"id": "below", "type": "sns.topic", "position": {"x": 0, "y": 400}},
        ],
    }
    root = svg_tree(render(doc, "svg", "canvas"))
    where: dict[str, tuple[float, float]] = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        if gid.startswith("icon-"):
            im = next(g.iter(f"{SVG}image"), None)
            assert im is not None
            where[gid.removeprefix("icon-")] = (float(im.get("x", 0)), float(im.get("y", 0)))
    assert where["right"][0] - where["left"][0] == pytest.approx(600 * 0.75, abs=1)
    assert where["below"][1] - where["left"][1] == pytest.approx(400 * 0.75, abs=1)  # SVG y points down


HOSTILE = [
    "<<B>bold</B>>",
    '<<TABLE><TR><TD><IMG SRC="/etc/passwd"/></TD></TR></TABLE>>',
    '<<FONT POINT-SIZE="60">big</FONT>>',
    '"] fontsize=60 [label="x',
    'a"; evil [label="pwned" fontsize=60]; "b',
    "\\N \\G \\E \\L",
    "Tom &amp; Jerry &lt;3 &#60;",
    "ends with a backslash \\",
    "\\",
    '\\"quoted\\"',
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_labels_are_shown_literally(label: str) -> None:
    doc = {
        "schema": 1,
        "name": label,
        "nodes": [
            {"id": "a", "type": "lambda.function", "label": label},
            {"id": "v", "type": "aws.vpc", "label": label},
            {"id": "b", "type": "s3.bucket", "label": "plain", "parent": "v"},
        ],
        "edges": [{"id": "e", "source": "a", "target": "b", "label": label}],
    }
    for layout in ("auto", "canvas"):
        source, _ = to_dot(doc, layout)  # type: ignore[arg-type]
        assert "label=<" not in source  # nothing became an HTML-like label
        data = render(doc, "svg", layout)  # type: ignore[arg-type]
        root = svg_tree(data)
        texts = node_texts(root)
        assert set(texts) == {"a", "b"}  # no injected node (the group anchor is invisible)
        # Wrapped to the card's width (and cut with an ellipsis after two lines), never rewritten.
        drawn = texts["a"].removesuffix("…").replace(" ", "")
        assert drawn and label.replace(" ", "").startswith(drawn)
        all_text = [t.text or "" for t in root.iter(f"{SVG}text")]
        joined = " ".join(all_text)
        assert joined.replace(" ", "").count(label.replace(" ", "")[:6]) >= 3  # node, edge, group (and title)
        assert 'font-size="60' not in data.decode()
        assert len(list(root.iter(f"{SVG}image"))) == 3  # our two icons and the VPC's, nothing embedded
        assert not list(root.iter(f"{SVG}script"))
        assert {t.get("font-weight") for t in root.iter(f"{SVG}text")} <= {None, "600", "700"}


def test_control_characters_and_lengths_are_bounded() -> None:
    assert dot_label("a\x00b\x1bc\x7f") == "abc"
    assert len(dot_label("x" * 20000)) == 200
    # Strings that expand when escaped still stay far below Graphviz's 16,381-byte limit.
    worst = dot_label("&\\" * 10000, width=None)
    assert len(worst.encode()) < 16381 // 4


def test_invalid_documents_are_refused() -> None:
    with pytest.raises(document.InvalidDocument):
        render({"schema": 1, "nodes": [{"id": "a", "type": "lambda.function", "label": "a\x00b"}]})
    with pytest.raises(ValueError, match="layout"):
        render({"schema": 1, "nodes": []}, "png", "spiral")  # type: ignore[arg-type]


def test_korean_text_is_in_the_svg() -> None:
    data = render(realistic(), "svg").decode()
    assert "사용자 풀" in data and "사진 공유" in data
    assert "NanumGothic" in data


def test_a_failing_graphviz_binary_is_reported() -> None:
    doc = realistic()
    with pytest.raises(RenderError, match="Graphviz failed"):
        render(doc, "png", "auto", Options(dot_binary="/bin/false"))
    with pytest.raises(RenderError, match="not installed"):
        render(doc, "png", "auto", Options(dot_binary="no-such-dot-binary"))


def test_a_slow_render_is_stopped_at_the_time_limit() -> None:
    with pytest.raises(RenderError, match="longer than"):
        render(generated(200), "png", "auto", Options(limits=Limits(timeout_s=0.05)))


def test_the_memory_limit_applies_to_graphviz() -> None:
    with pytest.raises(RenderError):
        render(realistic(), "png", "auto", Options(limits=Limits(memory_mb=8)))


def test_exported_script_is_python_and_escapes_labels(tmp_path: Path) -> None:
    doc = realistic()
    doc["nodes"][0]["label"] = '<<B>x</B>> """ \\N \'; import os'
    script = export_script(doc)
    tree = ast.parse(script)
    assert not any(
        isinstance(n, (ast.Import, ast.ImportFrom)) and any(a.name == "os" for a in n.names) for n in ast.walk(tree)
    )
    assert "cluster_sub-a" not in script or "group('sub-a'" in script
    (tmp_path / "diagram.py").write_text(script)
    done = subprocess.run([sys.executable, "diagram.py"], cwd=tmp_path, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert (tmp_path / "diagram.png").read_bytes()[:4] == b"\x89PNG"

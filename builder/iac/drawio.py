"""draw.io (diagrams.net) files: export with draw.io's AWS 4 shapes, import of files drawn with them.

Export writes an uncompressed ``.drawio`` file (mxGraph XML): one vertex per component with
the AWS 4 shape of its type, containers (region, VPC, subnet) as draw.io's AWS groups holding
their children, geometry as on the canvas (mxGraph positions are relative to the parent, as
ours are), and one edge per edge. Each cell is wrapped in an ``<object>`` carrying our type
and props, so a file we wrote comes back exactly; a file drawn by hand in draw.io is read
through its shapes, and shapes we do not know are reported (never silently dropped).

Reading is bounded: 512 KiB of file, 4 MiB once a compressed page is inflated, no DTDs or
entities (so no entity expansion and nothing fetched).
"""

from __future__ import annotations

import base64
import html
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET  # DTDs and entities are refused before parsing
import zlib
from typing import Any

from builder import catalog, document
from builder.i18n import t

from .decode import MAX_TEMPLATE_BYTES, TemplateError, not_utf8, too_large
from .sam_import import Imported, node_id

MAX_INFLATED = 4 * 1024 * 1024
ICON = 78  # draw.io's AWS 4 icon size
GROUP = (
    "outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;fontSize=12;fontStyle=0;container=1;"
    "pointerEvents=0;collapsible=0;recursiveResize=0;shape=mxgraph.aws4.group;verticalAlign=top;align=left;"
    "spacingLeft=30;dashed=0;"
)
ICON_STYLE = (
    "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=#ffffff;dashed=0;"
    "verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;"
)
EDGE_STYLE = "edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=block;endFill=1;strokeColor=#545B64;"

#: Catalog type -> (draw.io AWS 4 icon, fill colour of its AWS category), as draw.io's own AWS 4
#: palette (Sidebar-AWS4.js) offers them: a service tile (``shape=mxgraph.aws4.resourceIcon;
#: resIcon=mxgraph.aws4.X``) where the palette has one, else the plain shape (``shape=mxgraph.aws4.X``,
#: :data:`PLAIN`). Containers: group icon and colours, as the palette's Region/VPC/subnet groups.
SHAPES: dict[str, tuple[str, str]] = {
    "lambda.function": ("lambda", "#ED7100"),
    "lambda.edge_function": ("lambda_function", "#ED7100"),
    "ecs.fargate": ("fargate", "#ED7100"),
    "apigateway.api": ("api_gateway", "#E7157B"),
    "sqs.queue": ("sqs", "#E7157B"),
    "sns.topic": ("sns", "#E7157B"),
    "eventbridge.rule": ("eventbridge", "#E7157B"),
    "stepfunctions.state_machine": ("step_functions", "#E7157B"),
    "dynamodb.table": ("dynamodb", "#C925D1"),
    "dynamodb.dax": ("dynamodb_dax", "#C925D1"),
    "rds.database": ("aurora", "#C925D1"),
    "rds.proxy": ("rds_proxy", "#C925D1"),
    "elasticache.cluster": ("elasticache", "#C925D1"),
    "s3.bucket": ("s3", "#7AA116"),
    "cloudfront.distribution": ("cloudfront", "#8C4FFF"),
    "cloudfront.function": ("cloudfront_functions", "#8C4FFF"),
    "route53.record": ("route_53", "#8C4FFF"),
    "elb.alb": ("application_load_balancer", "#8C4FFF"),
    "aws.nat_gateway": ("nat_gateway", "#8C4FFF"),
    "aws.vpc_endpoint": ("endpoints", "#8C4FFF"),
    "cognito.user_pool": ("cognito", "#DD344C"),
    "cognito.identity_pool": ("cognito", "#DD344C"),
    "acm.certificate": ("certificate_manager_3", "#DD344C"),
    "cloudwatch.alarm": ("cloudwatch_2", "#E7157B"),
    "external.client": ("client", "#232F3D"),
}
#: Types whose icon the palette offers only as a plain shape (no service tile).
PLAIN = {
    "lambda.edge_function",  # "Lambda Function"
    "dynamodb.dax",  # "DAX"
    "rds.proxy",  # "RDS Proxy"
    "cloudfront.function",  # "CloudFront Functions"
    "elb.alb",  # "Application Load Balancer"
    "aws.nat_gateway",  # "NAT Gateway"
    "aws.vpc_endpoint",  # "Endpoints"
    "external.client",  # "Client" (General Resources)
}
#: Icons of AWS 4 resource shapes (``shape=mxgraph.aws4.X``, no resIcon) that are one of ours.
RESOURCE_SHAPES = {
    "lambda_function": "lambda.function",
    "bucket": "s3.bucket",
    "bucket_with_objects": "s3.bucket",
    "table": "dynamodb.table",
    "queue": "sqs.queue",
    "topic": "sns.topic",
    "rule_2": "eventbridge.rule",
    "rule_3": "eventbridge.rule",
    "users": "external.client",
    "mobile_client": "external.client",
    "traditional_server": "external.client",
    "alarm": "cloudwatch.alarm",
    "endpoint": "aws.vpc_endpoint",
    "aurora_instance": "rds.database",
    "rds_instance": "rds.database",
}
GROUPS: dict[str, tuple[str, str, str, str]] = {  # grIcon, stroke, fill, font colour
    "aws.region": ("group_region", "#00A4A6", "none", "#147EBA"),
    "aws.vpc": ("group_vpc2", "#8C4FFF", "none", "#AAB7B8"),
    "aws.subnet": ("group_security_group", "#00A4A6", "#E6F6F7", "#147EBA"),  # "Private subnet"; public below
}
PUBLIC_SUBNET = ("group_security_group", "#7AA116", "#F2F6E8", "#248814")  # "Public subnet"
_BY_ICON = {
    icon: key for key, (icon, _) in SHAPES.items() if key not in ("lambda.edge_function", "cognito.identity_pool")
}
_BY_GROUP = {"group_region": "aws.region", "group_vpc": "aws.vpc", "group_vpc2": "aws.vpc"}
TAG = re.compile(r"<[^>]*>")


def _check() -> None:
    for key in (*SHAPES, *GROUPS, *PLAIN, *RESOURCE_SHAPES.values()):
        assert catalog.get(key) is not None, f"draw.io mapping names unknown type {key}"
    for spec in catalog.all_types():
        assert spec.key in SHAPES or spec.key in GROUPS, f"no draw.io shape for {spec.key}"


_check()


# -- export ------------------------------------------------------------------------------------


def _style(node: dict[str, Any]) -> str:
    t = node["type"]
    if t in GROUPS:
        gr, stroke, fill, font = GROUPS[t]
        if t == "aws.subnet" and node["props"].get("visibility") == "public":
            gr, stroke, fill, font = PUBLIC_SUBNET
        return f"{GROUP}grIcon=mxgraph.aws4.{gr};strokeColor={stroke};fillColor={fill};fontColor={font};"
    icon, colour = SHAPES[t]
    if t in PLAIN:
        plain = ICON_STYLE.replace("strokeColor=#ffffff;", "strokeColor=none;")  # the glyph is the shape
        return f"{plain}fillColor={colour};shape=mxgraph.aws4.{icon};"
    return f"{ICON_STYLE}fillColor={colour};shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{icon};"


def export_drawio(doc: dict[str, Any]) -> str:
    """The document as a ``.drawio`` file (XML text)."""
    full = document.with_defaults(doc)
    mxfile = ET.Element("mxfile", host="serverless-builder", type="device")
    page = ET.SubElement(mxfile, "diagram", id="page-1", name=full.get("name", "")[:200] or "Diagram")
    model = ET.SubElement(page, "mxGraphModel", grid="1", gridSize="10", guides="1", page="0", math="0", shadow="0")
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", id="1", parent="0")
    ids = {n["id"] for n in full["nodes"]}
    # Parents before children: draw.io needs a container to exist before its cells.
    order, placed = [], set()
    pending = list(full["nodes"])
    while pending:
        rest = []
        for n in pending:
            if not n["parent"] or n["parent"] not in ids or n["parent"] in placed:
                order.append(n)
                placed.add(n["id"])
            else:
                rest.append(n)
        if len(rest) == len(pending):  # a loop (invalid anyway): put them at the top
            order.extend(rest)
            break
        pending = rest
    for n in order:
        spec = catalog.get(n["type"])
        container = bool(spec and spec.container)
        obj = ET.SubElement(
            root,
            "object",
            id=f"n-{n['id']}",
            label=html.escape(n["label"], quote=False),  # draw.io reads html=1 labels as HTML; ours are text
            builder_type=n["type"],
            builder_props=json.dumps(n["props"], ensure_ascii=False, sort_keys=True),
        )
        parent = f"n-{n['parent']}" if n["parent"] in ids else "1"
        cell = ET.SubElement(obj, "mxCell", style=_style(n), vertex="1", parent=parent)
        if container:
            size = n.get("size") or dict(zip(("w", "h"), spec.default_size or (320, 240), strict=True))  # type: ignore[union-attr]
            w, h = size["w"], size["h"]
        else:
            w, h = ICON, ICON
        geo = {"x": n["position"]["x"], "y": n["position"]["y"], "width": w, "height": h}
        ET.SubElement(cell, "mxGeometry", {k: f"{v:g}" for k, v in geo.items()}, **{"as": "geometry"})
    for e in full["edges"]:
        obj = ET.SubElement(root, "object", id=f"e-{e['id']}", label=e.get("label", ""), builder_edge="1")
        cell = ET.SubElement(
            obj, "mxCell", style=EDGE_STYLE, edge="1", parent="1", source=f"n-{e['source']}", target=f"n-{e['target']}"
        )
        ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})
    ET.indent(mxfile)
    return ET.tostring(mxfile, encoding="unicode") + "\n"


# -- import ------------------------------------------------------------------------------------


def looks_like_drawio(raw: bytes | str, filename: str) -> bool:
    head = (raw[:200].decode("utf-8", "replace") if isinstance(raw, bytes) else raw[:200]).lstrip("\ufeff \t\r\n")
    return filename.lower().endswith((".drawio", ".xml")) or head.startswith(("<mxfile", "<mxGraphModel", "<?xml"))


def _parse_xml(text: str, what: str) -> ET.Element:
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise TemplateError(t("{file}: DTDs and entities are not allowed in a draw.io file", file=what))
    try:
        return ET.fromstring(text)  # noqa: S314  (no DTD: nothing to expand or fetch)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise TemplateError(t("{file}: malformed XML ({error})", file=what, error=str(exc)), line) from None


def _inflate(data: str) -> str:
    """A compressed draw.io page: base64 of raw deflate of the URL-encoded XML, bounded."""
    try:
        packed = base64.b64decode(data.strip(), validate=True)
        inflater = zlib.decompressobj(-15)
        out = inflater.decompress(packed, MAX_INFLATED + 1)
    except (ValueError, zlib.error):
        raise TemplateError(t("the draw.io page is neither XML nor a compressed page")) from None
    if len(out) > MAX_INFLATED or inflater.unconsumed_tail:
        raise TemplateError(t("the compressed draw.io page inflates to more than {limit:,} bytes", limit=MAX_INFLATED))
    return urllib.parse.unquote(out.decode("utf-8", "replace"))


def _styles(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
        elif part.strip():
            out[part.strip()] = ""
    return out


def _text(value: str | None, limit: int) -> str:
    plain = html.unescape(TAG.sub(" ", value or ""))
    return " ".join(document.CONTROL_RE.sub(" ", plain).split())[:limit]


def _type_of(style: dict[str, str], attrs: dict[str, str]) -> tuple[str | None, str]:
    """Our type for a cell, and the shape name to report when it has none."""
    if attrs.get("builder_type") and catalog.get(attrs["builder_type"]):
        return attrs["builder_type"], attrs["builder_type"]
    shape = style.get("shape", "")
    icon = style.get("resIcon", "").removeprefix("mxgraph.aws4.") if shape == "mxgraph.aws4.resourceIcon" else ""
    if icon:
        return _BY_ICON.get(icon), f"mxgraph.aws4.{icon}"
    if shape in ("mxgraph.aws4.group", "mxgraph.aws4.groupCenter"):
        gr = style.get("grIcon", "").removeprefix("mxgraph.aws4.")
        if gr in _BY_GROUP:
            return _BY_GROUP[gr], f"group {gr}"
        if gr in ("group_security_group", "group_subnet") or "subnet" in gr:
            return "aws.subnet", f"group {gr}"
        return None, f"group {gr or '(no icon)'}"
    if shape.startswith("mxgraph.aws4."):
        name = shape.removeprefix("mxgraph.aws4.")
        return RESOURCE_SHAPES.get(name) or _BY_ICON.get(name), shape
    return None, shape or t("(a shape without a name)")


def _number(v: str | None) -> float:
    try:
        f = float(v or 0)
    except ValueError:
        return 0.0
    return f if abs(f) < 1e7 else 0.0


def import_drawio(raw: bytes | str, filename: str = "diagram.drawio") -> Imported:
    """A ``.drawio`` file as a document and a report (the first page)."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(too_large(len(data)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(not_utf8(exc.start)) from None
    top = _parse_xml(text, filename)
    name = ""
    if top.tag == "mxfile":
        page = top.find("diagram")
        if page is None:
            raise TemplateError(t("the draw.io file has no page"))
        name = page.get("name", "")
        model = page.find("mxGraphModel")
        if model is None:
            model = _parse_xml(_inflate(page.text or ""), t("the compressed page"))
    elif top.tag == "mxGraphModel":
        model = top
    else:
        raise TemplateError(t("not a draw.io file (the root element is <{tag}>)", tag=str(top.tag)))
    root = model.find("root")
    if root is None:
        raise TemplateError(t("the draw.io page has no <root>"))

    cells: list[tuple[dict[str, str], ET.Element]] = []  # (attributes incl. the wrapper's, mxCell)
    for el in root:
        if el.tag == "mxCell":
            cells.append((dict(el.attrib), el))
        elif el.tag in ("object", "UserObject"):
            inner = el.find("mxCell")
            if inner is not None:
                attrs = {**inner.attrib, **el.attrib}
                attrs.setdefault("value", el.get("label", ""))
                cells.append((attrs, inner))
    if len(cells) > document.MAX_NODES + document.MAX_EDGES + 2:
        raise TemplateError(
            t(
                "the page has {count:,} cells; a diagram holds at most {limit:,} components",
                count=len(cells),
                limit=document.MAX_NODES,
            )
        )

    report: list[dict[str, Any]] = []
    taken: set[str] = set()
    kept: dict[str, dict[str, Any]] = {}  # cell id -> node
    parent_of: dict[str, str] = {}
    offset: dict[str, tuple[float, float]] = {}  # cell id -> its position in its parent
    for attrs, cell in cells:
        cid = attrs.get("id", "")
        parent_of[cid] = attrs.get("parent", "")
        geo = cell.find("mxGeometry")
        x, y = (_number(geo.get("x")), _number(geo.get("y"))) if geo is not None else (0.0, 0.0)
        offset[cid] = (x, y)
        if attrs.get("vertex") != "1":
            continue
        style = _styles(attrs.get("style", ""))
        type_key, shape = _type_of(style, attrs)
        label = _text(attrs.get("value") or attrs.get("label"), document.MAX_LABEL)
        if type_key is None:
            what = t("a text box") if shape.startswith("text") or "text" in style else shape
            report.append(
                {
                    "logical_id": cid,
                    "type": what,
                    "line": None,
                    "status": "not_drawn",
                    "message": (
                        t("no component type for {label!r}", label=label)
                        if label
                        else t("no component type for this shape")
                    ),
                }
            )
            continue
        spec = catalog.get(type_key)
        assert spec is not None
        props: dict[str, Any] = {}
        if attrs.get("builder_props"):
            try:
                loaded = json.loads(attrs["builder_props"])
            except ValueError:
                loaded = {}
            props = {k: v for k, v in loaded.items() if spec.prop(k) is not None} if isinstance(loaded, dict) else {}
        elif type_key == "aws.subnet" and style.get("strokeColor", "").upper() == "#7AA116":
            props["visibility"] = "public"
        node: dict[str, Any] = {
            "id": node_id(cid.removeprefix("n-") or "node", taken),
            "type": type_key,
            "label": label,
            "parent": None,
            "position": {"x": round(x), "y": round(y)},
            "props": props,
        }
        if spec.container and geo is not None:
            node["size"] = {
                "w": max(1, round(_number(geo.get("width")))),
                "h": max(1, round(_number(geo.get("height")))),
            }
        kept[cid] = node

    # A child of a shape we dropped moves up to the nearest kept container, keeping its place.
    for cid, node in kept.items():
        x, y = node["position"]["x"], node["position"]["y"]
        p, seen = parent_of.get(cid, ""), {cid}
        while p and p not in seen and p not in kept and p in parent_of:
            seen.add(p)
            dx, dy = offset.get(p, (0, 0))
            x, y = x + dx, y + dy
            p = parent_of.get(p, "")
        if p in kept and catalog.is_container(kept[p]["type"]):
            node["parent"] = kept[p]["id"]
        node["position"] = {"x": round(x), "y": round(y)}

    edges = []
    for attrs, _cell in cells:
        if attrs.get("edge") != "1":
            continue
        src, dst = attrs.get("source", ""), attrs.get("target", "")
        if src in kept and dst in kept:
            edges.append(
                {
                    "id": node_id(attrs.get("id", "").removeprefix("e-") or "edge", taken),
                    "source": kept[src]["id"],
                    "target": kept[dst]["id"],
                    "label": _text(attrs.get("value") or attrs.get("label"), document.MAX_LABEL),
                }
            )
        else:
            report.append(
                {
                    "logical_id": attrs.get("id"),
                    "type": "edge",
                    "line": None,
                    "status": "not_drawn",
                    "message": t("an arrow whose ends are not both components"),
                }
            )
    doc = {
        "schema": 1,
        "name": _text(name, document.MAX_NAME) or filename[:200],
        "region": document.DEFAULT_REGION,
        "nodes": list(kept.values()),
        "edges": edges,
    }
    return Imported(doc, report)

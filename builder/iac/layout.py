"""Automatic layout of an imported document with Graphviz (``dot``), containers respected.

Each container with children is a cluster; components are boxes of the editor's node size;
edges pull callers left of what they call. Positions come back relative to the parent, as
the document wants them, and containers get the size of their cluster. Graphviz runs through
:func:`builder.render.dot.run` (bounded in time and memory, no files).
"""

from __future__ import annotations

import json
from typing import Any

from builder import catalog
from builder.render import dot

#: The editor's component box (``frontend/src/document/geometry.ts``), in canvas pixels = points.
NODE_W, NODE_H = 120, 92
#: Padding inside a container: room for its title at the top.
PAD, PAD_TOP = 32, 56
MARGIN = 40
LIMITS = dot.Limits(timeout_s=20.0, memory_mb=1024, output_mb=64)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _source(doc: dict[str, Any]) -> str:
    nodes = doc["nodes"]
    ids = {n["id"] for n in nodes}
    kids: dict[str | None, list[dict[str, Any]]] = {}
    for n in nodes:
        parent = n.get("parent") if n.get("parent") in ids else None
        kids.setdefault(parent, []).append(n)
    lines = [
        "digraph G {",
        "graph [rankdir=LR, nodesep=0.6, ranksep=1.1, newrank=true, margin=0, pad=0, fontsize=1, labeljust=l];",
        f'node [shape=box, fixedsize=true, width={NODE_W / 72:.4f}, height={NODE_H / 72:.4f}, label=""];',
        "edge [arrowsize=0.6];",
    ]

    def emit(n: dict[str, Any], depth: int, seen: set[str]) -> None:
        children = [c for c in kids.get(n["id"], []) if c["id"] not in seen]
        if catalog.is_container(n["type"]) and children:
            lines.append(f"subgraph {_q('cluster_' + n['id'])} {{")
            # The label only reserves the title's height above the children.
            lines.append(f'graph [margin={PAD}, label=" ", fontsize={PAD_TOP - PAD}, labelloc=t];')
            for c in children:
                emit(c, depth + 1, seen | {n["id"]})
            lines.append("}")
        elif catalog.is_container(n["type"]):
            size = catalog.get(n["type"]).default_size or (NODE_W, NODE_H)  # type: ignore[union-attr]
            w, h = min(size[0], 320), min(size[1], 200)
            lines.append(f"{_q(n['id'])} [width={w / 72:.4f}, height={h / 72:.4f}];")
        else:
            lines.append(f"{_q(n['id'])};")

    for n in kids.get(None, []):
        emit(n, 0, set())
    for e in doc["edges"]:
        if e["source"] in ids and e["target"] in ids:
            lines.append(f"{_q(e['source'])} -> {_q(e['target'])};")
    lines.append("}")
    return "\n".join(lines)


def arrange(doc: dict[str, Any]) -> None:
    """Set every node's ``position`` (and containers' ``size``) in place."""
    if not doc["nodes"]:
        return
    out = json.loads(dot.run(_source(doc), "json", limits=LIMITS))
    height = float(out["bb"].split(",")[3])
    boxes: dict[str, tuple[float, float, float, float]] = {}  # absolute x, y (top left), w, h
    for obj in out.get("objects", []):
        name = obj.get("name", "")
        if "bb" in obj and name.startswith("cluster_"):
            llx, lly, urx, ury = (float(v) for v in obj["bb"].split(","))
            boxes[name.removeprefix("cluster_")] = (llx, height - ury, urx - llx, ury - lly)
        elif "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(",")[:2])
            w, h = float(obj["width"]) * 72, float(obj["height"]) * 72
            boxes[name] = (x - w / 2, height - y - h / 2, w, h)
    by_id = {n["id"]: n for n in doc["nodes"]}
    for n in doc["nodes"]:
        box = boxes.get(n["id"])
        if box is None:
            continue
        parent = by_id.get(n.get("parent") or "")
        origin = boxes.get(parent["id"]) if parent else None
        ox, oy = (origin[0], origin[1]) if origin else (-MARGIN, -MARGIN)
        n["position"] = {"x": round(box[0] - ox), "y": round(box[1] - oy)}
        if catalog.is_container(n["type"]):
            n["size"] = {"w": round(box[2]), "h": round(box[3])}

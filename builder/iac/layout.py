"""Automatic layout of an imported document: the renderer's own automatic layout.

The picture an imported template gets on the canvas is the one the Graphviz layout of an
export gets (:func:`builder.render.graph.auto_dot`: cards as big as the style's, clusters
that reserve a container's title bar, icon and tag, edge labels sized as drawn), so the
picture-quality checks of the renderer hold for it too. Positions come back relative to the
parent, as the document wants them, and containers get the size of their cluster. Graphviz
runs through :func:`builder.render.dot.run` (bounded in time and memory, no files).
"""

from __future__ import annotations

from typing import Any

from builder import document
from builder.render import dot, graph

#: Room left of and above the diagram, in canvas px.
MARGIN = 40
LIMITS = dot.Limits(timeout_s=20.0, memory_mb=1024, output_mb=64)


def arrange(doc: dict[str, Any]) -> None:
    """Set every node's ``position`` (and containers' ``size``) in place."""
    if not doc["nodes"]:
        return
    full = document.with_defaults(doc)
    items, roots = graph.scene(full)
    out = dot.run(graph.auto_dot(full, items, roots), "json", engine_args=("-Kdot",), limits=LIMITS)
    graph.apply_auto_layout(out, items)
    for n in doc["nodes"]:
        it = items.get(n["id"])
        if it is None:
            continue
        parent = items.get(it.parent) if it.parent else None
        ox, oy = (parent.x, parent.y) if parent else (-MARGIN, -MARGIN)
        n["position"] = {"x": round(it.x - ox), "y": round(it.y - oy)}
        if it.container:
            n["size"] = {"w": round(it.w), "h": round(it.h)}

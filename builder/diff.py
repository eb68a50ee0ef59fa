"""What changed between two documents: nodes and edges added, removed or changed (pure)."""

from __future__ import annotations

from typing import Any


def _index(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _meaning(item: dict[str, Any], ignore: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ignore}


#: Where an edge is drawn (its handles, its route and label spot: re-computed on every move),
#: not what it means.
EDGE_LAYOUT = ("source_handle", "target_handle", "route", "label_at")


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Ids of nodes and edges added, removed and changed from ``old`` to ``new``.

    Moving a node on the canvas (position, size, and so the routes of its edges) is not a
    change a reviewer cares about; a new label, type, parent, prop or endpoint is.
    """
    out: dict[str, dict[str, list[str]]] = {}
    for key, ignore in (("nodes", ("position", "size")), ("edges", EDGE_LAYOUT)):
        before, after = _index(old.get(key, [])), _index(new.get(key, []))
        out[key] = {
            "added": sorted(set(after) - set(before)),
            "removed": sorted(set(before) - set(after)),
            "changed": sorted(
                i for i in set(before) & set(after) if _meaning(before[i], ignore) != _meaning(after[i], ignore)
            ),
        }
    return out


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _names(ids: list[str], items: dict[str, dict[str, Any]], limit: int = 2) -> str:
    names = [str(items[i].get("label") or i) for i in ids[:limit]]
    more = len(ids) - len(names)
    return ", ".join(names) + (f" +{more}" if more > 0 else "")


def summary(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """A short line saying what a save changed, for the History panel.

    ``"added Orders table, Worker; removed 1 edge; changed Order API; moved 3"``; a first
    revision (``old`` is None) says what it holds. Moves and resizes, which :func:`diff`
    ignores, are counted here: they are what most saves do.
    """
    nodes_after = _index(new.get("nodes", []))
    if old is None:
        return f"{_count(len(nodes_after), 'component')}, {_count(len(new.get('edges', [])), 'connection')}"
    nodes_before = _index(old.get("nodes", []))
    d = diff(old, new)
    parts: list[str] = []
    if d["nodes"]["added"]:
        parts.append("added " + _names(d["nodes"]["added"], nodes_after))
    if d["nodes"]["removed"]:
        parts.append("removed " + _names(d["nodes"]["removed"], nodes_before))
    if d["nodes"]["changed"]:
        parts.append("changed " + _names(d["nodes"]["changed"], nodes_after))
    edges = {k: len(v) for k, v in d["edges"].items()}
    for verb in ("added", "removed", "changed"):
        if edges[verb]:
            parts.append(f"{verb} {_count(edges[verb], 'connection')}")
    moved = sum(
        1
        for i in set(nodes_before) & set(nodes_after)
        if (nodes_before[i].get("position"), nodes_before[i].get("size"))
        != (nodes_after[i].get("position"), nodes_after[i].get("size"))
    )
    if moved:
        parts.append(f"moved {moved}")
    if old.get("name") != new.get("name"):
        parts.append("renamed the diagram")
    if old.get("region") != new.get("region"):
        parts.append(f"region {new.get('region')}")
    return "; ".join(parts) or "no change"

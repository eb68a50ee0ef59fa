"""What changed between two documents: nodes and edges added, removed or changed (pure)."""

from __future__ import annotations

from typing import Any


def _index(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _meaning(item: dict[str, Any], ignore: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ignore}


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """Ids of nodes and edges added, removed and changed from ``old`` to ``new``.

    Moving a node on the canvas (position, size) is not a change a reviewer cares about;
    a new label, type, parent, prop or endpoint is.
    """
    out: dict[str, dict[str, list[str]]] = {}
    for key, ignore in (("nodes", ("position", "size")), ("edges", ("source_handle", "target_handle"))):
        before, after = _index(old.get(key, [])), _index(new.get(key, []))
        out[key] = {
            "added": sorted(set(after) - set(before)),
            "removed": sorted(set(before) - set(after)),
            "changed": sorted(
                i for i in set(before) & set(after) if _meaning(before[i], ignore) != _meaning(after[i], ignore)
            ),
        }
    return out

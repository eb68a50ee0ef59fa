"""The component catalog: every AWS component type, declared once.

Families live in their own modules (``networking``, ``compute``, ``edge``, ``api``, ``data``,
``messaging``, ``identity``, ``management``); this module assembles them into one registry
and checks it is consistent at import time. To add a component type, add an entry to the
right family's ``TYPES`` (and rules for it under ``builder/rules/``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from builder import i18n

from . import api, compute, data, edge, identity, management, messaging, networking, style
from .base import FROM_DOCUMENT, ComponentType, Connection, Limit, Prop
from .features import FEATURES

__all__ = [
    "CATEGORIES",
    "FROM_DOCUMENT",
    "ComponentType",
    "Connection",
    "Limit",
    "Prop",
    "all_types",
    "catalog_json",
    "connection",
    "get",
    "icon_file",
    "is_container",
]

#: Palette order, with the label the editor shows.
CATEGORIES: dict[str, str] = {
    "networking": "Networking & containers",
    "edge": "Edge & clients",
    "api": "API",
    "compute": "Compute",
    "data": "Data",
    "messaging": "Messaging & orchestration",
    "identity": "Identity & security",
    "management": "Management",
}

_FAMILIES = (networking, edge, api, compute, data, messaging, identity, management)


def _with_features(t: ComponentType) -> ComponentType:
    """``t`` with the AWS feature of each of its connections (``features.FEATURES``)."""
    missing = [c.target for c in t.connects_to if (t.key, c.target) not in FEATURES]
    assert not missing, f"{t.key}: connections without an AWS feature in features.py: {missing}"
    conns = tuple(dataclasses.replace(c, feature=FEATURES[(t.key, c.target)]) for c in t.connects_to)
    return dataclasses.replace(t, connects_to=conns)


_TYPES: dict[str, ComponentType] = {t.key: _with_features(t) for family in _FAMILIES for t in family.TYPES}
_stale = set(FEATURES) - {(t.key, c.target) for t in _TYPES.values() for c in t.connects_to}
assert not _stale, f"features.py lists pairs the catalog does not allow: {sorted(_stale)}"


def _diagrams_resources() -> Path:
    """diagrams' bundled icons, found without importing diagrams (it imports graphviz: slow
    for a command that only validates). The validator alone (``pip install`` of this
    repository for pre-commit) runs without diagrams; then no icon file exists."""
    spec = importlib.util.find_spec("diagrams")
    if spec is None or not spec.origin:
        return Path(__file__).resolve().parent / "diagrams-not-installed"
    return Path(spec.origin).resolve().parent.parent / "resources"


#: Where icons are: diagrams' bundled resources and our own variants.
DIAGRAMS_RESOURCES = _diagrams_resources()
BUILDER_ICONS = Path(__file__).resolve().parent.parent / "static" / "builder" / "icons"


def _check_registry() -> None:
    assert len(_TYPES) == sum(len(f.TYPES) for f in _FAMILIES), "duplicate component type key"
    for t in _TYPES.values():
        assert t.category in CATEGORIES, f"{t.key}: unknown category {t.category}"
        for p in t.parents:
            assert p == "" or (p in _TYPES and _TYPES[p].container), f"{t.key}: bad parent {p}"
        for parent, name, values in t.parent_props:
            cond = _TYPES[parent].prop(name) if parent in t.parents else None
            assert cond is not None and set(values) <= set(cond.choices), f"{t.key}: bad condition {parent}.{name}"
        for c in t.connects_to:
            assert c.target in _TYPES, f"{t.key}: connection to unknown type {c.target}"
        for prop in t.props:
            assert prop.kind != "choice" or prop.default in prop.choices, f"{t.key}.{prop.name}: default not a choice"


_check_registry()


def get(type_key: str) -> ComponentType | None:
    return _TYPES.get(type_key)


def all_types() -> Iterator[ComponentType]:
    return iter(_TYPES.values())


def is_container(type_key: str) -> bool:
    t = _TYPES.get(type_key)
    return bool(t and t.container)


def connection(source_type: str, target_type: str) -> Connection | None:
    """The connection AWS supports from ``source_type`` to ``target_type``, if any."""
    t = _TYPES.get(source_type)
    return t.connection_to(target_type) if t else None


def icon_file(icon: str) -> Path:
    """The PNG file of an icon reference (``aws/...`` or ``builder:...``)."""
    if icon.startswith("builder:"):
        return BUILDER_ICONS / icon.removeprefix("builder:")
    return DIAGRAMS_RESOURCES / icon


def icon_static_path(icon: str) -> str:
    """The path of an icon under Django's static files (see ``builder/static_icons.py``)."""
    if icon.startswith("builder:"):
        return "builder/icons/" + icon.removeprefix("builder:")
    return "diagrams/" + icon


def _prop_json(p: Prop, lang: str) -> dict[str, Any]:
    out = p.as_json()
    if lang != i18n.DEFAULT:
        out["label"], out["help"] = i18n.gettext(p.label, lang), i18n.gettext(p.help, lang)
        for limit in out["limits"]:
            limit["text"], limit["hint"] = i18n.gettext(limit["text"], lang), i18n.gettext(limit["hint"], lang)
    return out


def type_json(t: ComponentType, icon_url: Callable[[str], str], lang: str = i18n.DEFAULT) -> dict[str, Any]:
    """One type as ``GET /api/catalog/`` serves it; its words (label, description, prop labels
    and help, limits, connection verbs) in ``lang``, its keys and values never."""
    return {
        "type": t.key,
        "label": i18n.gettext(t.label, lang),
        "category": t.category,
        "description": i18n.gettext(t.description, lang),
        "container": t.container,
        "global_service": t.global_service,
        "parents": [p or None for p in t.parents],
        "parent_props": [{"parent": p, "prop": prop, "values": list(values)} for p, prop, values in t.parent_props],
        "icon": icon_url(t.icon),
        "icon_by_prop": (
            {"prop": t.icon_by_prop[0], "icons": {v: icon_url(i) for v, i in t.icon_by_prop[1].items()}}
            if t.icon_by_prop
            else None
        ),
        "props": [_prop_json(p, lang) for p in t.props],
        "connects_to": [
            {
                "type": c.target,
                "kind": c.kind,
                "label": i18n.gettext(c.label, lang),
                "feature": i18n.gettext(c.feature, lang),
                "source_props": {"prop": c.source_props[0], "values": list(c.source_props[1])}
                if c.source_props
                else None,
            }
            for c in t.connects_to
        ],
        "default_size": list(t.default_size) if t.default_size else None,
        "aws_docs": t.aws_docs,
    }


def catalog_json(icon_url: Callable[[str], str], lang: str = i18n.DEFAULT) -> dict[str, Any]:
    """The whole catalog as served by ``GET /api/catalog/``, its words in ``lang``."""
    return {
        "schema": 1,
        "categories": [{"key": k, "label": i18n.gettext(v, lang)} for k, v in CATEGORIES.items()],
        "types": [type_json(t, icon_url, lang) for t in _TYPES.values()],
        # The one geometry and style the editor and the renderer draw with (catalog/style.py).
        "style": style.style_json(lang),
    }


@cache
def catalog_etag(lang: str = i18n.DEFAULT) -> str:
    """A stable hash of the catalog in ``lang`` (icon URLs excluded), for HTTP caching."""
    body = json.dumps(catalog_json(lambda icon: icon, lang), sort_keys=True).encode()
    return hashlib.sha256(body).hexdigest()[:32]

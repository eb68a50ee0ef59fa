"""The document (schema 1) as a JSON Schema, generated from what :mod:`builder.document` checks.

Pure Python, no Django. Every fact comes from the checker's own constants and the catalog
(types, props and their kinds, choices, caps, containers); nothing is written here twice.
``GET /api/schema/document.json`` serves :func:`json_schema` (JSON Schema 2020-12).

What JSON Schema cannot say (:data:`GAPS`): the check refuses these although the schema
accepts them, or (the last one) accepts them although the schema refuses them.
"""

from __future__ import annotations

from typing import Any

from . import catalog
from . import document as d

#: What the document check enforces that this schema cannot express.
GAPS = (
    "ids are unique among all nodes and edges",
    "a parent names a node of the document that is a container, and parent chains do not loop",
    "an edge's source and target name nodes of the document",
    "no lone surrogate (U+D800-U+DFFF) in any string (regular expressions cannot name them)",
    "the whole document is at most 1 MiB of JSON",
    "an iac resource's line is a JSON integer (1.0 is refused by the check, an integer to JSON Schema)",
    "a position, size, route point or number prop written as a float beyond ±2^53 (1e300) is accepted "
    "by the check; the schema bounds every number to ±2^53",
)

_CONTROL = d.CONTROL_RE.pattern[1:-1].replace("\\ud800-\\udfff", "")
_NAME_BAD = d._NAME_BAD_RE.pattern[1:-1].replace("\\ud800-\\udfff", "")


def _text(limit: int, names: bool = False) -> dict[str, Any]:
    return {"type": "string", "maxLength": limit, "pattern": f"^[^{_NAME_BAD if names else _CONTROL}]*$"}


_NUMBER = {"type": "number", "minimum": -d.MAX_SAFE_INT, "maximum": d.MAX_SAFE_INT}
_ID = {"type": "string", "pattern": "^" + d.ID_RE.pattern + "$"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _box(keys: tuple[str, str], positive: bool) -> dict[str, Any]:
    value = {**_NUMBER, "exclusiveMinimum": 0} if positive else _NUMBER
    return {
        "type": "object",
        "properties": {k: value for k in keys},
        "required": list(keys),
        "additionalProperties": False,
    }


def _prop(spec: catalog.Prop) -> dict[str, Any]:
    kind = spec.kind
    schema: dict[str, Any]
    if kind == "number":
        schema = dict(_NUMBER)
    elif kind == "integer":
        schema = {**_NUMBER, "type": "integer"}
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "choice":
        schema = {"type": "string", "enum": list(spec.choices)}
    elif kind == "string":
        schema = _text(spec.max_length)
    elif kind == "string_list":
        schema = {"type": "array", "maxItems": spec.max_items, "items": _text(spec.max_length)}
    else:  # string_map
        schema = {
            "type": "object",
            "maxProperties": spec.max_items,
            "propertyNames": {**_text(spec.max_length), "minLength": 1},
            "additionalProperties": _text(spec.max_length),
        }
    return _nullable(schema) if spec.nullable else schema


def _node(t: catalog.ComponentType) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "id": _ID,
            "type": {"const": t.key},
            "label": _text(d.MAX_LABEL, names=True),
            "parent": _nullable({**_ID, "description": "the id of a container node"}),
            "position": _box(("x", "y"), False),
            "size": _box(("w", "h"), True),
            "props": {
                "type": "object",
                "properties": {p.name: _prop(p) for p in t.props},
                "additionalProperties": False,
            },
        },
        "required": ["id", "type"],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The architecture document (schema 1) as a JSON Schema (draft 2020-12)."""
    point = _box(("x", "y"), False)
    edge = {
        "type": "object",
        "properties": {
            "id": _ID,
            "source": _ID,
            "target": _ID,
            "label": _text(d.MAX_LABEL, names=True),
            "source_handle": _nullable(_text(d.MAX_HANDLE)),
            "target_handle": _nullable(_text(d.MAX_HANDLE)),
            "route": {
                "type": "array",
                "minItems": d.MIN_ROUTE_POINTS,
                "maxItems": d.MAX_ROUTE_POINTS,
                "items": point,
            },
            "label_at": point,
        },
        "required": ["id", "source", "target"],
        "additionalProperties": False,
    }
    iac = {
        "type": "object",
        "properties": {
            "format": {"enum": ["sam", "cloudformation"]},
            "syntax": {"enum": ["yaml", "json"]},
            "file": _text(d.MAX_IAC_TEXT),
            "template": {"type": "string"},
            "resources": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "logical_id": _nullable({"type": "string", "maxLength": d.MAX_IAC_TEXT}),
                        "line": _nullable({"type": "integer", "minimum": 1}),
                    },
                    "additionalProperties": False,
                },
            },
        },
        "required": ["format", "syntax", "template"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "/api/schema/document.json",
        "title": "Architecture document (schema 1)",
        "description": "Generated from builder.document and builder.catalog. Not expressed: " + "; ".join(GAPS),
        "type": "object",
        "properties": {
            "schema": {"const": d.SCHEMA_VERSION},
            "name": _text(d.MAX_NAME, names=True),
            "region": _text(d.MAX_REGION),
            "nodes": {
                "type": "array",
                "maxItems": d.MAX_NODES,
                "items": {"anyOf": [_node(t) for t in catalog.all_types()]},
            },
            "edges": {"type": "array", "maxItems": d.MAX_EDGES, "items": edge},
            "viewport": {
                "type": "object",
                "properties": {k: _NUMBER for k in ("x", "y", "zoom")},
                "additionalProperties": False,
            },
            "iac": iac,
        },
        "required": ["schema", "nodes"],
        "additionalProperties": False,
    }

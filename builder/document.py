"""The architecture document (schema 1): its shape, limits, defaults, canonical form and hash.

Pure Python, no Django. Every consumer (API, CLI, rules, renderer, editor via the API)
goes through :func:`parse` / :func:`validate`, which report *every* problem with a JSON
Pointer (RFC 6901) so a user can find it. Which types and props exist comes from
:mod:`builder.catalog`; nothing here lists them again.

A value of the right kind but outside AWS's limits is valid: the rules report it, so a
user can save a diagram that is still wrong.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from . import catalog, i18n

SCHEMA_VERSION = 1
MAX_NODES = 2000
MAX_EDGES = 4000
MAX_BYTES = 1024 * 1024  # 1 MiB of JSON
MAX_LABEL = 200
MAX_NAME = 200
MAX_REGION = 32  # a region code ("ap-northeast-2" and the like)
MAX_HANDLE = 64  # an edge's source_handle / target_handle
MAX_IAC_TEXT = 255  # an imported template's file name and each resource's logical_id
MAX_PROBLEMS = 500  # a document can be wrong in a million ways; list the first 500
DEFAULT_REGION = "us-east-1"
MAX_SAFE_INT = 2**53  # JavaScript's Number.MAX_SAFE_INTEGER + 1

# Matched whole (``fullmatch``): ``$`` after ``re.match`` would also accept "a\n", which
# Graphviz then merges with the node "a".
ID_RE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# Control characters other than tab and newline have no place in a label (and break DOT), and
# a lone surrogate (from a JSON escape such as "\ud800") is not text: it cannot be encoded as
# UTF-8, so it could not be stored, drawn or sent back. Any string of the document.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
# Bidirectional controls reorder what is shown ("\u202egnp.exe" shows as "exe.png"): refused
# in what people read as names (the document's name, node and edge labels).
BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Both, for the fast path of labels and names.
_NAME_BAD_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")

TOP_KEYS = {"schema", "name", "region", "nodes", "edges", "viewport", "iac"}
NODE_KEYS = {"id", "type", "label", "parent", "position", "size", "props"}
EDGE_KEYS = {"id", "source", "target", "label", "source_handle", "target_handle", "route", "label_at"}
#: An edge's saved route (``route``: absolute canvas points, the editor's orthogonal path).
MIN_ROUTE_POINTS = 2
MAX_ROUTE_POINTS = 200


@dataclass(frozen=True)
class Problem:
    pointer: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"pointer": self.pointer, "message": self.message}


class InvalidDocument(Exception):
    """The document breaks the schema; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem], *, too_large: bool = False) -> None:
        super().__init__("; ".join(f"{p.pointer or '/'}: {p.message}" for p in problems[:5]))
        self.problems = problems
        self.too_large = too_large

    def as_json(self) -> list[dict[str, str]]:
        return [p.as_json() for p in self.problems]


def pointer(*parts: str | int) -> str:
    """A JSON Pointer from path parts, escaping ``~`` and ``/`` as RFC 6901 says."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse(raw: bytes | str) -> Any:
    """Parse JSON text into a document, enforcing the size limit. Does not validate it."""
    # surrogatepass: a str holding a lone surrogate still has a size; json then calls it malformed.
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > MAX_BYTES:
        raise InvalidDocument(
            [
                Problem(
                    "",
                    i18n.t(
                        "the document is {size:,} bytes; the limit is {limit:,} bytes (1 MiB)",
                        size=len(data),
                        limit=MAX_BYTES,
                    ),
                )
            ],
            too_large=True,
        )
    try:
        return json.loads(data, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidDocument([Problem("", i18n.t("malformed JSON: {error}", error=str(exc)))]) from None


def json_size(value: Any) -> int:
    """The size in bytes of ``value`` as compact UTF-8 JSON (a lone surrogate counts, never raises)."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


_BOX_KEYS = {("x", "y"): frozenset(("x", "y")), ("w", "h"): frozenset(("w", "h"))}


def _is_number(value: Any) -> bool:
    t = type(value)
    if t is float:
        return math.isfinite(value)
    # JSON ints can be any size; beyond 2**53 they stop being exact in JavaScript (the editor)
    # and float() of them overflows (the renderer). Compare, never convert.
    return t is int and -MAX_SAFE_INT <= value <= MAX_SAFE_INT


_TYPES = {t.key: t for t in catalog.all_types()}
_CONTAINER_TYPES = frozenset(t.key for t in catalog.all_types() if t.container)
_PROPS = {t.key: {p.name: p for p in t.props} for t in catalog.all_types()}


_search_control = CONTROL_RE.search


def _clean_text(value: Any, limit: int) -> bool:
    # The common case, without a pointer or a message. isprintable() (in C) is False for
    # every control character, so when it holds there is nothing to search for; tabs,
    # newlines and some Unicode fall back to the regex.
    return type(value) is str and len(value) <= limit and (value.isprintable() or not _search_control(value))


def _printable(text: str) -> str:
    """``text`` with lone surrogates replaced (U+FFFD), so that a problem can be sent as UTF-8."""
    # A text without lone surrogates is returned itself (a builder.i18n.Text stays translatable).
    return text if text.isascii() or not _SURROGATE_RE.search(text) else _SURROGATE_RE.sub("\ufffd", text)


def _text_problem(value: str, what: str, names: bool = False) -> str | None:
    """What is wrong with the characters of ``value``, or None. ``names``: refuse bidi controls too."""
    bad = (_NAME_BAD_RE if names else CONTROL_RE).search(value)
    if bad is None:
        return None
    char = bad.group()
    if "\ud800" <= char <= "\udfff":
        return i18n.t(
            "{what} contains a lone surrogate (U+{code:04X}), which is not valid Unicode text",
            what=what,
            code=ord(char),
        )
    if BIDI_RE.match(char):
        return i18n.t(
            "{what} contains a bidirectional control character (U+{code:04X}), which can make text "
            "display in a misleading order; remove it",
            what=what,
            code=ord(char),
        )
    return i18n.t("{what} contains a control character", what=what)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, ptr: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(_printable(ptr), _printable(message)))

    def text(self, ptr: str, value: Any, limit: int, what: str, names: bool = False) -> None:
        if not isinstance(value, str):
            self.add(ptr, i18n.t("{what} must be a string, not {kind}", what=what, kind=_kind(value)))
        elif len(value) > limit:
            self.add(
                ptr,
                i18n.t(
                    "{what} is {length} characters; the limit is {limit}", what=what, length=len(value), limit=limit
                ),
            )
        else:
            problem = _text_problem(value, what, names)
            if problem:
                self.add(ptr, problem)

    def unknown_keys(self, ptr: str, obj: dict[str, Any], allowed: set[str] | frozenset[str], what: str) -> None:
        if obj.keys() <= allowed:  # the common case, in C
            return
        for key in obj:
            if key not in allowed:
                self.add(ptr + pointer(key), i18n.t("unknown field {key} in {what}", key=repr(key), what=what))

    def box(self, ptr: str, value: Any, keys: tuple[str, str], positive: bool) -> None:
        if not isinstance(value, dict):
            self.add(
                ptr, i18n.t("must be an object with {a} and {b}, not {kind}", a=keys[0], b=keys[1], kind=_kind(value))
            )
            return
        self.unknown_keys(ptr, value, _BOX_KEYS[keys], i18n.t("this object"))
        for k in keys:  # x, y, w, h: nothing to escape, and the pointer is built only for a problem
            if k not in value:
                self.add(f"{ptr}/{k}", i18n.t("{name} is required", name=k))
            elif not _is_number(value[k]):
                self.add(
                    f"{ptr}/{k}",
                    i18n.t(
                        "{name} must be a finite number within ±2^53, not {value}",
                        name=k,
                        value=json.dumps(value[k])[:40],
                    ),
                )
            elif positive and value[k] <= 0:
                self.add(f"{ptr}/{k}", i18n.t("{name} must be greater than 0", name=k))

    def prop(self, ptr: str, spec: catalog.Prop, value: Any) -> None:
        kind = spec.kind
        t = type(value)
        if (
            (t is int and kind in ("number", "integer") and -MAX_SAFE_INT <= value <= MAX_SAFE_INT)
            or (t is bool and kind == "boolean")
            or (t is str and kind == "choice" and value in spec.choices)
        ):
            return  # the common case, no message to build
        if value is None:
            if not spec.nullable:
                self.add(ptr, i18n.t("{name} cannot be null", name=spec.name))
            return
        kind = spec.kind
        if kind in ("number", "integer"):
            if not _is_number(value):
                if _kind(value) == "number":
                    self.add(ptr, i18n.t("{name} must be a number within ±2^53", name=spec.name))
                else:
                    self.add(ptr, i18n.t("{name} must be a number, not {kind}", name=spec.name, kind=_kind(value)))
            elif kind == "integer" and value != int(value):
                self.add(ptr, i18n.t("{name} must be a whole number, not {value}", name=spec.name, value=value))
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.add(ptr, i18n.t("{name} must be true or false, not {kind}", name=spec.name, kind=_kind(value)))
        elif kind == "string":
            self.text(ptr, value, spec.max_length, spec.name)
        elif kind == "choice":
            if value not in spec.choices:
                self.add(
                    ptr,
                    i18n.t(
                        "{name} must be one of {choices}; got {value}",
                        name=spec.name,
                        choices=", ".join(spec.choices),
                        value=json.dumps(value)[:80],
                    ),
                )
        elif kind == "string_list":
            if not isinstance(value, list):
                self.add(ptr, i18n.t("{name} must be a list of strings, not {kind}", name=spec.name, kind=_kind(value)))
                return
            if len(value) > spec.max_items:
                self.add(
                    ptr,
                    i18n.t(
                        "{name} has {count} items; the limit is {limit}",
                        name=spec.name,
                        count=len(value),
                        limit=spec.max_items,
                    ),
                )
            for i, item in enumerate(value):
                if not _clean_text(item, spec.max_length):
                    self.text(f"{ptr}/{i}", item, spec.max_length, i18n.t("{name} item", name=spec.name))
        elif kind == "string_map":
            if not isinstance(value, dict):
                self.add(
                    ptr, i18n.t("{name} must be an object of strings, not {kind}", name=spec.name, kind=_kind(value))
                )
                return
            if len(value) > spec.max_items:
                self.add(
                    ptr,
                    i18n.t(
                        "{name} has {count} entries; the limit is {limit}",
                        name=spec.name,
                        count=len(value),
                        limit=spec.max_items,
                    ),
                )
            for k, v in value.items():
                if len(k) > spec.max_length or not k or CONTROL_RE.search(k):
                    self.add(
                        ptr + pointer(k),
                        i18n.t(
                            "{name} key must be 1 to {limit} characters, no control characters or lone surrogates",
                            name=spec.name,
                            limit=spec.max_length,
                        ),
                    )
                if not _clean_text(v, spec.max_length):
                    self.text(ptr + pointer(k), v, spec.max_length, i18n.t("{name} value", name=spec.name))


_match_id = ID_RE.fullmatch
_search_name_bad = _NAME_BAD_RE.search


def _clean_box(value: Any, keys: frozenset[str], positive: bool) -> bool:
    if type(value) is not dict or value.keys() != keys:
        return False
    return all(_is_number(v) and not (positive and v <= 0) for v in value.values())


_WH = _BOX_KEYS[("w", "h")]


_NUMBER, _INTEGER, _CHOICE, _BOOLEAN, _STRING, _LIST, _MAP = range(7)
_KIND_CODE = {
    "number": _NUMBER, "integer": _INTEGER, "choice": _CHOICE, "boolean": _BOOLEAN,
    "string": _STRING, "string_list": _LIST, "string_map": _MAP,
}  # fmt: skip
#: Per type, per prop: (kind code, spec), so the fast path does one lookup per prop.
_FAST_PROPS = {
    key: {name: (_KIND_CODE[spec.kind], spec) for name, spec in props.items()} for key, props in _PROPS.items()
}
_isfinite = math.isfinite


def _node_is_clean(node: Any, ids: dict[str, int]) -> bool:
    """True when ``node`` has no problem of its own (a fast path: False means "look closer").

    It must accept nothing that the full check below would reject; the parent's existence
    and loops are checked afterwards for every node alike. Written for speed: one call per
    node, no call per field in the common case (this runs on every keystroke's validation).
    Strings are tested with ``isalnum``/``isprintable`` first (in C, a few times faster than
    the regexes), and the regex decides only when they say no.
    """
    if type(node) is not dict or not NODE_KEYS.issuperset(node):  # issuperset: faster than keys() <=
        return False
    node_id = node.get("id")
    if (
        type(node_id) is not str
        or node_id in ids
        or not ((node_id.isalnum() and node_id.isascii() and len(node_id) <= 64) or _match_id(node_id))
    ):
        return False
    type_key = node.get("type")
    fast_props = _FAST_PROPS.get(type_key) if type(type_key) is str else None  # a list is unhashable
    if fast_props is None:
        return False
    label = node.get("label", "")
    if type(label) is not str or len(label) > MAX_LABEL or not (label.isprintable() or not _search_name_bad(label)):
        return False
    parent = node.get("parent")
    if parent is not None and type(parent) is not str:
        return False
    if "position" in node:  # x and y, each an int within ±2^53 or a finite float
        position = node["position"]
        if type(position) is not dict or len(position) != 2:
            return False
        x, y = position.get("x"), position.get("y")
        tx, ty = type(x), type(y)
        if not (
            ((tx is int and -MAX_SAFE_INT <= x <= MAX_SAFE_INT) or (tx is float and _isfinite(x)))  # type: ignore[operator, arg-type]
            and ((ty is int and -MAX_SAFE_INT <= y <= MAX_SAFE_INT) or (ty is float and _isfinite(y)))  # type: ignore[operator, arg-type]
        ):
            return False
    if "size" in node and not _clean_box(node["size"], _WH, True):
        return False
    props = node.get("props")
    if props is None:
        return "props" not in node
    if type(props) is not dict:
        return False
    for name, value in props.items():
        entry = fast_props.get(name)
        if entry is None:
            return False
        code, spec = entry
        t = type(value)
        if code <= _INTEGER:
            if t is int:
                if not -MAX_SAFE_INT <= value <= MAX_SAFE_INT:
                    return False
            elif value is None:
                if not spec.nullable:
                    return False
            elif t is not float or code == _INTEGER or not _isfinite(value):
                return False
        elif code == _CHOICE:
            if t is not str or value not in spec.choices:
                return False
        elif code == _BOOLEAN:
            if t is not bool:
                return False
        elif code == _STRING:
            if t is not str or len(value) > spec.max_length or not (value.isprintable() or not _search_control(value)):
                return False
        elif code == _LIST:
            if t is not list or len(value) > spec.max_items:
                return False
            limit = spec.max_length
            for item in value:
                if type(item) is not str or len(item) > limit or not (item.isprintable() or not _search_control(item)):
                    return False
        else:  # _MAP
            if t is not dict or len(value) > spec.max_items:
                return False
            limit = spec.max_length
            for k, v in value.items():
                if (
                    type(k) is not str
                    or not 0 < len(k) <= limit
                    or not (k.isprintable() or not _search_control(k))
                    or type(v) is not str
                    or len(v) > limit
                    or not (v.isprintable() or not _search_control(v))
                ):
                    return False
    return True


def _edge_is_clean(edge: Any, ids: dict[str, int], node_ids: set[str]) -> bool:
    """True when ``edge`` has no problem (a fast path, like :func:`_node_is_clean`)."""
    if type(edge) is not dict or not EDGE_KEYS.issuperset(edge):
        return False
    edge_id, source, target = edge.get("id"), edge.get("source"), edge.get("target")
    if (
        type(edge_id) is not str
        or edge_id in ids
        or not ((edge_id.isalnum() and edge_id.isascii() and len(edge_id) <= 64) or _match_id(edge_id))
    ):
        return False
    if type(source) is not str or type(target) is not str or source not in node_ids or target not in node_ids:
        return False
    if len(edge) == 3:  # id, source and target (all three checked above): nothing optional to look at
        return True
    label = edge.get("label", "")
    if type(label) is not str or len(label) > MAX_LABEL or not (label.isprintable() or not _search_name_bad(label)):
        return False
    for handle in ("source_handle", "target_handle"):
        value = edge.get(handle)
        if value is not None and not _clean_text(value, MAX_HANDLE):
            return False
    if "route" in edge:
        route = edge["route"]
        if type(route) is not list or not MIN_ROUTE_POINTS <= len(route) <= MAX_ROUTE_POINTS:
            return False
        if not all(_clean_box(p, _BOX_KEYS[("x", "y")], False) for p in route):
            return False
    return "label_at" not in edge or _clean_box(edge["label_at"], _BOX_KEYS[("x", "y")], False)


def _id_pointer(at: int) -> str:
    """The pointer of the first use of an id: node ``at`` when ``at >= 0``, else edge ``~at``.

    ``check`` records where each id was first used as this one int and builds the pointer
    only for a message (almost never), not a string per node and edge.
    """
    return f"/nodes/{at}/id" if at >= 0 else f"/edges/{~at}/id"


IAC_KEYS = {"format", "syntax", "file", "template", "resources"}


def _check_iac(c: _Checker, iac: Any) -> None:
    """The template a diagram was imported from (``builder/iac``; docs/contract-extensions.md)."""
    if not isinstance(iac, dict):
        c.add("/iac", i18n.t("iac must be an object, not {kind}", kind=_kind(iac)))
        return
    c.unknown_keys("/iac", iac, IAC_KEYS, "iac")
    if iac.get("format") not in ("sam", "cloudformation"):
        c.add("/iac/format", i18n.t("format must be sam or cloudformation"))
    if iac.get("syntax") not in ("yaml", "json"):
        c.add("/iac/syntax", i18n.t("syntax must be yaml or json"))
    if "file" in iac:
        c.text("/iac/file", iac["file"], MAX_IAC_TEXT, "file")
    if not isinstance(iac.get("template"), str):
        c.add("/iac/template", i18n.t("template must be the template's text"))
    resources = iac.get("resources", {})
    if not isinstance(resources, dict):
        c.add("/iac/resources", i18n.t("resources must be an object of node id to {{logical_id, line}}"))
        return
    for key, value in resources.items():
        ptr = pointer("iac", "resources", key)
        if (
            not isinstance(value, dict)
            or value.keys() - {"logical_id", "line"}
            or not (value.get("logical_id") is None or isinstance(value.get("logical_id"), str))
            or not (value.get("line") is None or (type(value.get("line")) is int and value["line"] > 0))
        ):
            c.add(ptr, i18n.t("takes {{logical_id: string or null, line: positive integer or null}}"))
        elif isinstance(value.get("logical_id"), str) and len(value["logical_id"]) > MAX_IAC_TEXT:
            c.add(ptr, i18n.t("logical_id is longer than 255 characters"))


def check(doc: Any) -> list[Problem]:
    """Every problem that makes ``doc`` invalid; an empty list for a valid document.

    In parts: the top-level fields, the nodes, their parents, the edges. Nodes and edges are
    checked item by item (:func:`_check_nodes`, :func:`_check_edges`), a fast path first
    (:func:`_node_is_clean`, :func:`_edge_is_clean`: no message, no call per field), and the
    message-building checks run only for the items it does not accept. (Checking each field
    of every item at once with C builtins, ``map``/``set``/one regex over the joined ids, was
    measured: no faster than the per-item fast path on CPython 3.11.)
    """
    c = _Checker()
    if not isinstance(doc, dict):
        c.add("", i18n.t("the document must be a JSON object, not {kind}", kind=_kind(doc)))
        return c.problems
    _check_top(c, doc)
    nodes = doc.get("nodes")
    edges = doc.get("edges", [])
    if nodes is None:
        c.add("/nodes", i18n.t("nodes is required (a list, possibly empty)"))
        nodes = []
    elif not isinstance(nodes, list):
        c.add("/nodes", i18n.t("nodes must be a list, not {kind}", kind=_kind(nodes)))
        nodes = []
    if not isinstance(edges, list):
        c.add("/edges", i18n.t("edges must be a list, not {kind}", kind=_kind(edges)))
        edges = []
    if len(nodes) > MAX_NODES:
        c.add(
            "/nodes",
            i18n.t("the document has {count:,} nodes; the limit is {limit:,}", count=len(nodes), limit=MAX_NODES),
        )
        return c.problems
    if len(edges) > MAX_EDGES:
        c.add(
            "/edges",
            i18n.t("the document has {count:,} edges; the limit is {limit:,}", count=len(edges), limit=MAX_EDGES),
        )
        return c.problems
    ids, node_types, parents, unsettled = _check_nodes(c, nodes)
    if unsettled:
        _check_parents(c, ids, node_types, parents, unsettled)
    _check_edges(c, edges, ids)
    return c.problems


def _check_top(c: _Checker, doc: dict[str, Any]) -> None:
    """The document's own fields: keys, schema, name, region, viewport, iac."""
    c.unknown_keys("", doc, TOP_KEYS, i18n.t("the document"))
    if "schema" not in doc:
        c.add("/schema", i18n.t("schema is required (1)"))
    elif doc["schema"] != SCHEMA_VERSION or isinstance(doc["schema"], bool):
        c.add(
            "/schema",
            i18n.t(
                "schema must be {version}; got {value}", version=SCHEMA_VERSION, value=json.dumps(doc["schema"])[:40]
            ),
        )
    if "name" in doc:
        c.text("/name", doc["name"], MAX_NAME, "name", names=True)
    if "region" in doc:
        c.text("/region", doc["region"], MAX_REGION, "region")
    if "viewport" in doc and not isinstance(doc["viewport"], dict):
        c.add("/viewport", i18n.t("viewport must be an object"))
    elif isinstance(doc.get("viewport"), dict):
        for k, v in doc["viewport"].items():
            if k not in ("x", "y", "zoom") or not _is_number(v):
                c.add(pointer("viewport", k), i18n.t("viewport takes x, y and zoom as numbers"))
    if "iac" in doc:
        _check_iac(c, doc["iac"])


#: What the node pass hands on: id -> where it was first used (see _id_pointer), node id ->
#: type, node id -> parent id (the pointer is /nodes/{ids[node id]}/parent, built for a
#: problem only), and the children whose parent needs a closer look (all but those whose
#: parent is a container listed before them), in document order.
_Found = tuple[dict[str, int], dict[str, str], dict[str, str], list[str]]


def _claim_id(c: _Checker, ids: dict[str, int], ptr: str, at: int, value: Any) -> str | None:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        c.add(ptr, i18n.t("id must be 1-64 characters of A-Z a-z 0-9 _ . -"))
        return None
    if value in ids:
        c.add(ptr, i18n.t("duplicate id {id} (first used at {at})", id=repr(value), at=_id_pointer(ids[value])))
        return None
    ids[value] = at
    return value


def _check_nodes(c: _Checker, nodes: list[Any]) -> _Found:
    """The nodes one by one: the per-node fast path, else every check with its message."""
    ids: dict[str, int] = {}
    node_types: dict[str, str] = {}
    parents: dict[str, str] = {}
    unsettled: list[str] = []
    for i, node in enumerate(nodes):
        if _node_is_clean(node, ids):
            # The common case, checked without a call per field; bookkeeping only.
            node_id = node["id"]
            parent = node.get("parent")
            if parent is not None:
                parents[node_id] = parent
                if node_types.get(parent) not in _CONTAINER_TYPES:
                    unsettled.append(node_id)
            ids[node_id] = i
            node_types[node_id] = node["type"]
            continue
        base = f"/nodes/{i}"  # an index needs no escaping
        if not isinstance(node, dict):
            c.add(base, i18n.t("a node must be an object, not {kind}", kind=_kind(node)))
            continue
        c.unknown_keys(base, node, NODE_KEYS, i18n.t("a node"))
        node_id = _claim_id(c, ids, base + "/id", i, node.get("id")) if "id" in node else None
        if "id" not in node:
            c.add(base + "/id", i18n.t("{name} is required", name="id"))
        type_key = node.get("type")
        spec = _TYPES.get(type_key) if isinstance(type_key, str) else None
        if "type" not in node:
            c.add(base + "/type", i18n.t("{name} is required", name="type"))
        elif spec is None:
            c.add(base + "/type", i18n.t("unknown component type {type}", type=json.dumps(type_key)[:80]))
        if node_id and spec:
            node_types[node_id] = spec.key
        if "label" in node:
            c.text(base + "/label", node["label"], MAX_LABEL, "label", names=True)
        parent = node.get("parent")
        if parent is not None:
            if not isinstance(parent, str):
                c.add(base + "/parent", i18n.t("parent must be a node id or null, not {kind}", kind=_kind(parent)))
            elif node_id:
                parents[node_id] = parent
                unsettled.append(node_id)  # rare: no shortcut (the node may be its own parent)
        if "position" in node:
            c.box(base + "/position", node["position"], ("x", "y"), positive=False)
        if "size" in node:
            c.box(base + "/size", node["size"], ("w", "h"), positive=True)
        props = node.get("props", {})
        if not isinstance(props, dict):
            c.add(base + "/props", i18n.t("props must be an object, not {kind}", kind=_kind(props)))
        elif spec:
            spec_props = _PROPS[spec.key]
            for name, value in props.items():
                prop_spec = spec_props.get(name)
                if prop_spec is None:
                    known = ", ".join(p.name for p in spec.props) or i18n.t("none")
                    c.add(
                        pointer("nodes", i, "props", name),
                        i18n.t(
                            "unknown prop {prop} for {type} (known: {known})",
                            prop=repr(name),
                            type=spec.key,
                            known=known,
                        ),
                    )
                else:
                    c.prop(f"{base}/props/{name}", prop_spec, value)  # catalog names need no escaping
    return ids, node_types, parents, unsettled


def _check_parents(
    c: _Checker, ids: dict[str, int], node_types: dict[str, str], parents: dict[str, str], unsettled: list[str]
) -> None:
    """Parents that are missing, edges or not containers, and parent loops."""
    for child in unsettled:
        parent = parents[child]
        if parent not in node_types:
            if parent in ids and ids[parent] < 0:
                c.add(
                    f"/nodes/{ids[child]}/parent",
                    i18n.t("parent {parent} is an edge, not a container", parent=repr(parent)),
                )
            elif parent not in ids:
                c.add(f"/nodes/{ids[child]}/parent", i18n.t("parent {parent} does not exist", parent=repr(parent)))
        elif node_types[parent] not in _CONTAINER_TYPES:
            c.add(
                f"/nodes/{ids[child]}/parent",
                i18n.t(
                    "parent {parent} is a {type}, not a container (region, VPC, subnet)",
                    parent=repr(parent),
                    type=node_types[parent],
                ),
            )
    # Parent loops. When every parent is listed before its child (nothing unsettled), each
    # chain goes strictly up the list and cannot loop (this is not called). Otherwise walk
    # each chain up to a node already known to be loop-free (so every node is walked once: a
    # 2,000-deep chain costs 2,000 steps, not 2,000 cubed).
    done: set[str] = set()
    for start in parents:
        path: list[str] = []
        on_path: set[str] = set()
        cur = start
        while cur in parents and cur not in done and cur not in on_path:
            path.append(cur)
            on_path.add(cur)
            cur = parents[cur]
        if cur in on_path:
            loop = path[path.index(cur) :]
            c.add(f"/nodes/{ids[cur]}/parent", i18n.t("parent chain loops: {chain}", chain=" -> ".join([*loop, cur])))
        done.update(path)


def _check_edges(c: _Checker, edges: list[Any], ids: dict[str, int]) -> None:
    """The edges one by one: the per-edge fast path, else every check with its message."""
    node_ids = set(ids)  # every id so far is a node's
    for i, edge in enumerate(edges):
        if _edge_is_clean(edge, ids, node_ids):
            ids[edge["id"]] = ~i
            continue
        base = f"/edges/{i}"
        if not isinstance(edge, dict):
            c.add(base, i18n.t("an edge must be an object, not {kind}", kind=_kind(edge)))
            continue
        c.unknown_keys(base, edge, EDGE_KEYS, i18n.t("an edge"))
        if "id" in edge:
            _claim_id(c, ids, base + "/id", ~i, edge["id"])
        else:
            c.add(base + "/id", i18n.t("{name} is required", name="id"))
        for end in ("source", "target"):
            ref = edge.get(end)
            if end not in edge:
                c.add(f"{base}/{end}", i18n.t("{name} is required", name=end))
            elif not isinstance(ref, str):
                c.add(f"{base}/{end}", i18n.t("{end} must be a node id, not {kind}", end=end, kind=_kind(ref)))
            elif ref not in node_ids:
                c.add(f"{base}/{end}", i18n.t("{end} {ref} is not a node of this document", end=end, ref=repr(ref)))
        if "label" in edge:
            c.text(base + "/label", edge["label"], MAX_LABEL, "label", names=True)
        for handle in ("source_handle", "target_handle"):
            if handle in edge and edge[handle] is not None:
                c.text(f"{base}/{handle}", edge[handle], MAX_HANDLE, handle)
        if "route" in edge:
            route = edge["route"]
            if not isinstance(route, list):
                c.add(base + "/route", i18n.t("route must be a list of points, not {kind}", kind=_kind(route)))
            elif not MIN_ROUTE_POINTS <= len(route) <= MAX_ROUTE_POINTS:
                c.add(
                    base + "/route",
                    i18n.t(
                        "route has {count} points; it needs {low} to {high}",
                        count=len(route),
                        low=MIN_ROUTE_POINTS,
                        high=MAX_ROUTE_POINTS,
                    ),
                )
            else:
                for j, point in enumerate(route):
                    c.box(f"{base}/route/{j}", point, ("x", "y"), False)
        if "label_at" in edge:
            c.box(base + "/label_at", edge["label_at"], ("x", "y"), False)


def validate(doc: Any) -> dict[str, Any]:
    """Return ``doc`` upgraded to the current schema if valid; raise :class:`InvalidDocument` if not."""
    doc = restore(doc)
    problems = check(doc)
    if problems:
        raise InvalidDocument(problems)
    valid: dict[str, Any] = doc  # check() accepts only objects
    return valid


def load(raw: bytes | str) -> dict[str, Any]:
    """Parse and validate JSON text (the CLI's and the API's entry point)."""
    return validate(parse(raw))


def restore(doc: Any) -> Any:
    """Upgrade an older document to the current schema. Schema 1 is the first: nothing to do yet.

    When schema 2 comes, its upgrade from 1 goes here, so every stored document stays readable.
    """
    return doc


def with_defaults(doc: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of a *valid* document with every default filled in (region, labels, props)."""
    out = copy.deepcopy(doc)
    region = out.setdefault("region", DEFAULT_REGION)
    out.setdefault("name", "Untitled diagram")
    out.setdefault("edges", [])
    for node in out["nodes"]:
        spec = catalog.get(node["type"])
        assert spec is not None
        node.setdefault("label", "")
        node.setdefault("parent", None)
        node.setdefault("position", {"x": 0, "y": 0})
        props = node.setdefault("props", {})
        for p in spec.props:
            if p.name not in props:
                default = region if p.default == catalog.FROM_DOCUMENT else copy.deepcopy(p.default)
                props[p.name] = default
    for edge in out["edges"]:
        edge.setdefault("label", "")
    return out


#: Per type: the static defaults and the props whose default is the document's region.
_DEFAULTS = {
    t.key: (
        {p.name: p.default for p in t.props if p.default != catalog.FROM_DOCUMENT},
        tuple(p.name for p in t.props if p.default == catalog.FROM_DOCUMENT),
    )
    for t in catalog.all_types()
}


def defaults_view(doc: dict[str, Any]) -> dict[str, Any]:
    """What :func:`with_defaults` gives, without copying what it does not change.

    The document, its nodes, their props and its edges are new dicts; everything else
    (positions, lists and maps in props, the catalog's default values) is shared with
    ``doc`` and the catalog, so the result is for reading only (hashing, encoding). A deep
    copy of a 200-node document was most of the cost of its hash.
    """
    out = dict(doc)
    region = out.setdefault("region", DEFAULT_REGION)
    out.setdefault("name", "Untitled diagram")
    nodes = []
    for node in doc["nodes"]:
        static, from_doc = _DEFAULTS[node["type"]]
        n = {"label": "", "parent": None, "position": _ORIGIN, **node}
        given = node.get("props")
        props = {**static, **given} if given else dict(static)
        for name in from_doc:
            if name not in props:
                props[name] = region
        n["props"] = props
        nodes.append(n)
    out["nodes"] = nodes
    out["edges"] = [{"label": "", **edge} for edge in doc.get("edges") or ()]
    return out


_ORIGIN = {"x": 0, "y": 0}


def canonical_json(doc: Any) -> bytes:
    """One byte string per document content: sorted keys, no spaces, UTF-8."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(doc: Any) -> str:
    """SHA-256 of the canonical form *with defaults*, so equal meaning gives an equal hash."""
    return hashlib.sha256(canonical_json(defaults_view(doc))).hexdigest()

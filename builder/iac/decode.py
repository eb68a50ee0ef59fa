"""Read a SAM/CloudFormation template safely: bounded size, depth, keys and resources.

We use cfn-lint's decoder (it keeps short-form intrinsics as ``{"Fn::Sub": ...}`` dicts and the
line of every mapping), with three changes made for hostile input:

- unknown ``!Tags`` (``!Include``, ``!Env``...) are an error, not a made-up ``Fn::Include``;
- duplicate keys are found with a set: cfn-lint's own check compares every key with every
  earlier key of its mapping (20 s for a 20,000-key mapping);
- size, nesting, keys per mapping and resources are limited before anything is built on them.

Nothing is fetched or executed: the decoder only builds dicts, lists and strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cfnlint.decode import cfn_json, cfn_yaml
from cfnlint.decode.node import dict_node
from yaml import MappingNode
from yaml.constructor import SafeConstructor
from yaml.error import MarkedYAMLError, YAMLError

from builder.i18n import t

#: A template is stored inside its diagram (``document["iac"]``), whose limit is 1 MiB.
MAX_TEMPLATE_BYTES = 512 * 1024
#: CloudFormation's quota of resources in one template.
MAX_RESOURCES = 500
#: No mapping in a real template comes near this (resources 500, parameters 200, outputs 200).
MAX_KEYS = 2000
#: Nesting depth of any value (libyaml stops at 1,000 on its own; JSON has no limit).
MAX_DEPTH = 100

#: The intrinsic functions CloudFormation knows in short form (``!Ref``, ``!GetAtt``...).
SHORT_FORMS = frozenset(
    {
        "Ref",
        "Condition",
        "Base64",
        "Cidr",
        "FindInMap",
        "GetAtt",
        "GetAZs",
        "ImportValue",
        "Join",
        "Select",
        "Split",
        "Sub",
        "Transform",
        "And",
        "Equals",
        "If",
        "Not",
        "Or",
        "Length",
        "ToJsonString",
        "ForEach",
    }
)


class TemplateError(Exception):
    """The file is not a template we can read; the message says what and where.

    ``text`` is the message as a :func:`builder.i18n.t` text (``str(error)`` is its English):
    the API and the command line say it in the reader's language (``i18n.said``).
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        text = t("line {line}: {message}", line=line, message=message) if line else message
        super().__init__(text)
        self.line = line
        self.text = text


@dataclass(frozen=True)
class Decoded:
    template: dict[str, Any]  # cfn-lint nodes: dicts carry ``start_mark.line`` (0-based)
    text: str
    syntax: str  # "yaml" or "json"
    #: Repeated keys inside a resource (the last one counts, as in every YAML parser): key, line.
    duplicates: list[tuple[str, int]] = field(default_factory=list)


class _Loader(cfn_yaml.CfnFullLoader):
    duplicates: list[tuple[str, int, int]]  # key, its line, the line its mapping starts on

    def construct_yaml_map(self, node: MappingNode) -> Any:  # linear duplicate check
        self.flatten_mapping(node)
        if len(node.value) > MAX_KEYS:
            raise TemplateError(
                t("a mapping has {count:,} keys; the limit is {limit:,}", count=len(node.value), limit=MAX_KEYS),
                _line(node),
            )
        seen: set[Any] = set()
        if not getattr(node, "using_merge", False):
            for key_node, _ in node.value:
                key = self.construct_object(key_node, False)
                if key is None:
                    raise TemplateError(t("empty key {key!r}", key=key_node.value), _line(key_node))
                try:
                    hashable = key in seen
                except TypeError:
                    raise TemplateError(t("a key must be a plain value"), _line(key_node)) from None
                if hashable:
                    # YAML parsers keep the last value; a repeated property is reported, but a
                    # repeated section or logical id would lose a resource, which is an error.
                    self.duplicates.append((str(key), _line(key_node), node.start_mark.line))
                seen.add(key)
        (obj,) = SafeConstructor.construct_yaml_map(self, node)
        return dict_node(obj, node.start_mark, node.end_mark, getattr(node, "using_merge", False))


def too_large(size: int) -> str:
    """The message for a file over :data:`MAX_TEMPLATE_BYTES` (templates and draw.io files)."""
    return t("the file is {size:,} bytes; the limit is {limit:,} bytes (512 KiB)", size=size, limit=MAX_TEMPLATE_BYTES)


def not_utf8(byte: int) -> str:
    return t("the file is not UTF-8 text (byte {byte:,})", byte=byte)


def too_deep() -> str:
    return t("the template is nested too deeply (the limit is {limit} levels)", limit=MAX_DEPTH)


def _line(node: Any) -> int:
    return node.start_mark.line + 1


def _tag(loader: _Loader, suffix: str, node: Any) -> Any:
    if suffix not in SHORT_FORMS:
        raise TemplateError(t("unknown tag !{tag} (not a CloudFormation intrinsic function)", tag=suffix), _line(node))
    return cfn_yaml.multi_constructor(loader, suffix, node)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_multi_constructor("!", _tag)
# A tag like !!python/object is not CloudFormation either (and SafeConstructor refuses it).
_Loader.add_multi_constructor("tag:yaml.org,2002:", lambda loader, suffix, node: _unknown_yaml_tag(suffix, node))


def _unknown_yaml_tag(suffix: str, node: Any) -> Any:
    raise TemplateError(t("unsupported YAML tag !!{tag}", tag=suffix), _line(node))


def _text(raw: bytes | str) -> str:
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(too_large(len(data)))
    if isinstance(raw, str):
        return raw
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateError(not_utf8(exc.start), line) from None


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len(pairs) > MAX_KEYS:
        raise TemplateError(t("an object has {count:,} keys; the limit is {limit:,}", count=len(pairs), limit=MAX_KEYS))
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise TemplateError(t("duplicate key {key!r}", key=key))
        out[key] = value
    return out


def _depth(value: Any) -> int:
    """The nesting depth, iteratively (a recursive walk is what hostile input wants)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > deepest:
            deepest = d
            if d > MAX_DEPTH:
                return d
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return deepest


def decode(raw: bytes | str) -> Decoded:
    """The template in ``raw`` (YAML or JSON), or :class:`TemplateError`."""
    text = _text(raw)
    if not text.strip():
        raise TemplateError(t("the file is empty"))
    syntax = "json" if text.lstrip().startswith("{") else "yaml"
    try:
        if syntax == "json":
            # Python's json first: fast, and it bounds keys and finds duplicates without
            # cfn-lint's quadratic check; then cfn-lint's decoder for the line numbers.
            try:
                json.loads(text, object_pairs_hook=_json_pairs)
            except json.JSONDecodeError as exc:
                raise TemplateError(t("malformed JSON: {error}", error=exc.msg), exc.lineno) from None
            template = cfn_json.loads(text)
        else:
            loader = _Loader(text, None)
            loader.duplicates = []
            try:
                template = loader.get_single_data()
            finally:
                loader.dispose()
            if "&" in text:
                cfn_yaml._guard_alias_expansion(template, None)  # the billion-laughs guard
    except TemplateError:
        raise
    except RecursionError:
        raise TemplateError(too_deep()) from None
    except cfn_yaml.CfnParseError as exc:  # cfn-lint's own checks (the alias guard): its message
        matches = getattr(exc, "matches", [])
        message = matches[0].message if matches else str(exc)
        raise TemplateError(message[:300]) from None  # cfn-lint's English: its words, not ours
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "malformed YAML").strip()
        raise TemplateError(t("malformed YAML: {error}", error=what), mark.line + 1 if mark else None) from None
    except (YAMLError, ValueError) as exc:
        raise TemplateError(t("malformed template: {error}", error=str(exc).splitlines()[0][:200])) from None
    decoded = _checked(template, text, syntax)
    if syntax == "yaml" and loader.duplicates:
        structural = {getattr(template, "start_mark", None), getattr(template.get("Resources"), "start_mark", None)}
        lines = {m.line for m in structural if m is not None}
        for key, line, mapping_line in loader.duplicates:
            if mapping_line in lines:
                raise TemplateError(
                    t("duplicate key {key!r}: a second section or resource of that name", key=key), line
                )
            decoded.duplicates.append((key, line))
    return decoded


def _checked(template: Any, text: str, syntax: str) -> Decoded:
    if not isinstance(template, dict):
        raise TemplateError(t("a template is a mapping with a Resources section"))
    if _depth(template) > MAX_DEPTH:
        raise TemplateError(too_deep())
    resources = template.get("Resources")
    if not isinstance(resources, dict) or not resources:
        raise TemplateError(t("the template has no Resources section (is it a SAM or CloudFormation template?)"))
    if len(resources) > MAX_RESOURCES:
        raise TemplateError(
            t(
                "the template has {count:,} resources; CloudFormation allows {limit} in one template",
                count=len(resources),
                limit=MAX_RESOURCES,
            )
        )
    for logical_id, resource in resources.items():
        line = resource.start_mark.line + 1 if hasattr(resource, "start_mark") else None
        if not isinstance(resource, dict) or not isinstance(resource.get("Type"), str):
            raise TemplateError(t("resource {id} has no Type", id=logical_id), line)
    return Decoded(template, text, syntax)


def line_of(value: Any) -> int | None:
    """The 1-based line where a decoded value starts, when the decoder recorded it."""
    mark = getattr(value, "start_mark", None)
    return mark.line + 1 if mark is not None else None

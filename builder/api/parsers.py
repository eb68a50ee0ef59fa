"""The API's request parser: JSON only, never more than a bounded number of bytes, never
nested deeper than :data:`MAX_DEPTH`.

DRF reads the request stream itself, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not guard
it: without this, a 100 MB body would be read and parsed into memory before any check.
Deep nesting would otherwise reach Python's recursion limit in the decoder or in any later
recursive walk (validation, hashing, the database's JSON encoder): a 500 instead of a 400.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

from builder import fastjson
from builder.i18n import Text, t

#: Arrays and objects inside each other. A document is 4 deep (document > nodes > node >
#: props > a list of values); everything else the API takes is shallower still.
MAX_DEPTH = 32


def depth_of(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (iteratively: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


_NOT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_INNERMOST = re.compile(rb"\{\}|\[\]")


def depth_of_text(text: bytes) -> int:
    """:func:`depth_of` the value ``text`` holds, read off the text of valid JSON (about twice as
    fast: no Python step per value). Strings go first (escaped backslashes and quotes, then
    every other quote pair), then everything but brackets; each pass then takes away the
    innermost pairs, so the number of passes is the depth. Counts at most ``MAX_DEPTH + 1``."""
    text = text.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = b"".join(text.split(b'"')[::2]).translate(None, _NOT_BRACKETS)
    depth = 0
    while brackets and depth <= MAX_DEPTH:
        inner = _INNERMOST.sub(b"", brackets)
        if inner == brackets:  # not JSON after all: let the tree walk decide
            raise ValueError("unbalanced brackets")
        brackets, depth = inner, depth + 1
    return depth if not brackets else MAX_DEPTH + 1


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text  # said in the request's language (builder.api.errors)


class Malformed(ParseError):
    """Malformed JSON, with a reason of ours (a :class:`Text`) that can be said in Korean too."""

    def __init__(self, reason: Text) -> None:
        super().__init__(f"malformed JSON: {reason}")
        self.reason = reason


def _reject_constant(name: str) -> Any:
    raise ValueError(t("{name} is not valid JSON", name=name))


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        too_large = BodyTooLarge(
            t(
                "the request body is over {mib} MiB; a document may be at most 1 MiB of JSON",
                mib=limit // (1024 * 1024),
            )
        )
        if declared and declared.isdigit() and int(declared) > limit:
            raise too_large
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise too_large
        too_deep = Malformed(t("arrays and objects may nest at most {depth} deep", depth=MAX_DEPTH))
        # orjson when it reads exactly what json would (builder.fastjson); json otherwise, which
        # also gives every error its usual message.
        if fastjson.exact_for_orjson(data):
            try:
                parsed = orjson.loads(data)
                depth = depth_of_text(data)
            except ValueError:  # orjson.JSONDecodeError too
                pass
            else:
                if depth > MAX_DEPTH:
                    raise too_deep
                return parsed
        try:
            parsed = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
        except RecursionError:
            raise too_deep from None
        except (ValueError, UnicodeDecodeError) as exc:
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else None
            if reason is not None:  # ours (NaN, Infinity): translatable
                raise Malformed(reason) from None
            raise ParseError(f"malformed JSON: {exc}") from None  # Python's own words stay as they are
        if depth_of(parsed) > MAX_DEPTH:
            raise too_deep
        return parsed

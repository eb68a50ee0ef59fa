"""The API's request parser: JSON only, never more than a bounded number of bytes, never
nested deeper than :data:`MAX_DEPTH`.

DRF reads the request stream itself, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not guard
it: without this, a 100 MB body would be read and parsed into memory before any check.
Deep nesting would otherwise reach Python's recursion limit in the decoder or in any later
recursive walk (validation, hashing, the database's JSON encoder): a 500 instead of a 400.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

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


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        too_large = BodyTooLarge(
            f"the request body is over {limit // (1024 * 1024)} MiB; a document may be at most 1 MiB of JSON"
        )
        if declared and declared.isdigit() and int(declared) > limit:
            raise too_large
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise too_large
        too_deep = ParseError(f"malformed JSON: arrays and objects may nest at most {MAX_DEPTH} deep")
        try:
            parsed = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
        except RecursionError:
            raise too_deep from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"malformed JSON: {exc}") from None
        if depth_of(parsed) > MAX_DEPTH:
            raise too_deep
        return parsed

"""One error shape for the whole API: ``{"detail": ..., "problems": [{"pointer", "message"}]}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from builder.document import MAX_BYTES, InvalidDocument


def invalid_document_response(exc: InvalidDocument, prefix: str = "") -> Response:
    problems = [{"pointer": prefix + p.pointer, "message": p.message} for p in exc.problems]
    # An over-size document is an invalid document (CONTRACT §1: 400, with the limit named);
    # 413 is kept for request bodies too large to read at all (see exception_handler).
    code = status.HTTP_400_BAD_REQUEST
    summary = f"the document is invalid: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
    if exc.too_large:
        summary = problems[0]["message"]
    return Response({"detail": summary, "problems": problems}, status=code)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, InvalidDocument):
        return invalid_document_response(exc, context.get("pointer_prefix", ""))
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": f"the request body is too large; a document may be at most {MAX_BYTES:,} bytes (1 MiB)"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, ParseError):
        message = str(exc.detail)
        if not message.startswith("malformed JSON"):
            message = f"malformed JSON: {message}"
        return Response(
            {"detail": message, "problems": [{"pointer": "", "message": message}]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)

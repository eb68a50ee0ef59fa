"""One error shape for the whole API: ``{"detail": ..., "problems": [{"pointer", "message"}]}``.

Every error under ``/api/`` is JSON, including those raised outside a view (404 for an
unknown path, a 500, a failure in a middleware). The database being down, or every pooled
connection being in use, is a 503 with ``Retry-After`` and a message saying which; the next
request that finds the database back simply works (nothing to restart).
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from builder import i18n
from builder.document import MAX_BYTES, InvalidDocument
from builder.i18n import t
from builder.i18n.web import current


def invalid_document_response(exc: InvalidDocument, prefix: str = "") -> Response:
    """400 with every problem; the messages in the request's language (pointers never change)."""
    lang = current()
    problems = [{"pointer": prefix + p.pointer, "message": i18n.render(p.message, lang)} for p in exc.problems]
    # An over-size document is an invalid document (CONTRACT §1: 400, with the limit named);
    # 413 is kept for request bodies too large to read at all (see exception_handler).
    code = status.HTTP_400_BAD_REQUEST
    n = len(problems)
    summary = i18n.render(
        t("the document is invalid: {n} problem", n=n) if n == 1 else t("the document is invalid: {n} problems", n=n),
        lang,
    )
    if exc.too_large:
        summary = problems[0]["message"]
    return Response({"detail": summary, "problems": problems}, status=code)


log = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _pool_exhausted(exc: BaseException) -> bool:
    """Every pooled connection is open and in use (rather than the database refusing new ones)."""
    try:
        from psycopg_pool import PoolTimeout, TooManyRequests
    except ImportError:  # no pool installed: only "unreachable" is possible
        return False
    seen: BaseException | None = exc
    while seen is not None and not isinstance(seen, PoolTimeout | TooManyRequests):
        seen = seen.__cause__ or seen.__context__
    if seen is None:
        return False
    if isinstance(seen, TooManyRequests):
        return True
    # A timeout also happens when the pool cannot open connections: is the server there at all?
    return _database_listening()


def _database_listening() -> bool:
    db = connection.settings_dict
    try:
        with socket.create_connection((db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432)), timeout=0.5):
            return True
    except OSError:
        return False


def unavailable(exc: BaseException) -> tuple[dict[str, Any], dict[str, str]]:
    """The body and headers of a 503 for a database error: what happened, when to retry."""
    retry = str(getattr(settings, "RETRY_AFTER_S", 5))
    if _pool_exhausted(exc):
        text = t("the server is busy: every database connection is in use; try again in {retry} s", retry=retry)
    else:
        text = t("the database is unreachable; nothing was changed; try again in {retry} s", retry=retry)
    detail = i18n.render(text, current())
    log.warning("answering 503: %s (%s: %s)", detail, type(exc).__name__, exc)
    return {"detail": detail}, {"Retry-After": retry}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DATABASE_ERRORS):
        body, headers = unavailable(exc)
        return Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers=headers)
    if isinstance(exc, InvalidDocument):
        return invalid_document_response(exc, context.get("pointer_prefix", ""))
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {
                "detail": i18n.render(
                    t(
                        "the request body is too large; a document may be at most {limit:,} bytes (1 MiB)",
                        limit=MAX_BYTES,
                    ),
                    current(),
                )
            },
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, ParseError):
        # The parser's reason (Python's json message) stays as it is; our words around it follow
        # the request's language.
        reason = str(exc.detail).removeprefix("malformed JSON: ")
        message = i18n.render(t("malformed JSON: {error}", error=reason), current())
        return Response(
            {"detail": message, "problems": [{"pointer": "", "message": message}]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)


# --- Outside DRF views (config.urls' handler404 / handler500) ---------------------------


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        detail = i18n.render(t("no such API endpoint: {path}", path=request.path), current())
        return JsonResponse({"detail": detail}, status=404)
    return defaults.page_not_found(request, exception)  # type: ignore[arg-type]


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 (or a 503 when the database is the cause), JSON under /api/, a short page elsewhere."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_ERRORS):
        body, headers = unavailable(exc)
        if _is_api(request):
            response: HttpResponse = JsonResponse(body, status=503)
        else:
            response = HttpResponse(
                "<!doctype html><title>Service unavailable</title>"
                f"<h1>Service unavailable</h1><p>{body['detail']}.</p>",
                status=503,
                content_type="text/html; charset=utf-8",
            )
        for name, value in headers.items():
            response[name] = value
        return response
    if _is_api(request):
        return JsonResponse(
            {"detail": i18n.render(t("internal server error; it has been logged"), current())}, status=500
        )
    return defaults.server_error(request)

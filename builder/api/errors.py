"""One error envelope for the whole API: ``{"detail": ..., "problems": [{"pointer", "message"}]}``.

Every 4xx and 5xx answer under ``/api/`` has this shape (a 409 adds the current diagram beside
it): ``detail`` is one sentence a person can read; ``problems`` lists each thing wrong with the
request, ``pointer`` a JSON Pointer (RFC 6901) into the request body (for a document: into the
document, as CONTRACT §1 says) and, for a query parameter, ``parameter`` its name (``pointer``
is then ""). ``problems`` is empty when nothing in the request is to blame (404, 429, 503).

The domain's exceptions (services, import/export, the document validator, DRF's own) are
mapped to a status here, once: views raise and never build an error body themselves.

Every error under ``/api/`` is JSON, including those raised outside a view (404 for an
unknown path, a 500, a failure in a middleware). The database being down, or every pooled
connection being in use, is a 503 with ``Retry-After`` and a message saying which; the next
request that finds the database back simply works (nothing to restart).
"""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response

from builder import i18n, iac
from builder.collab import members
from builder.document import MAX_BYTES, InvalidDocument
from builder.i18n import t
from builder.i18n.web import current
from builder.render import RenderError
from builder.services import diagrams as diagram_svc
from builder.services import renders as render_svc
from builder.services import sharing as sharing_svc

log = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def envelope(detail: str, problems: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The body of every error answer."""
    return {"detail": detail, "problems": problems or []}


def problem(pointer: str, message: str, parameter: str | None = None) -> dict[str, str]:
    found = {"pointer": pointer, "message": message}
    if parameter is not None:
        found["parameter"] = parameter
    return found


def pointer_to(*parts: Any) -> str:
    """``("nodes", 3, "id")`` -> ``/nodes/3/id`` (``~`` and ``/`` escaped as RFC 6901 says)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


class BadParameter(exceptions.APIException):
    """A query parameter that is not what the schema says (a 400 naming the parameter)."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def invalid_document_response(exc: InvalidDocument, prefix: str = "") -> Response:
    """400 with every problem; the messages in the request's language (pointers never change)."""
    lang = current()
    problems = [problem(prefix + p.pointer, i18n.render(p.message, lang)) for p in exc.problems]
    # An over-size document is an invalid document (CONTRACT §1: 400, with the limit named);
    # 413 is kept for request bodies too large to read at all (see exception_handler).
    n = len(problems)
    summary = i18n.render(
        t("the document is invalid: {n} problem", n=n) if n == 1 else t("the document is invalid: {n} problems", n=n),
        lang,
    )
    if exc.too_large:
        summary = problems[0]["message"]
    return Response(envelope(summary, problems), status=status.HTTP_400_BAD_REQUEST)


def _field_problems(errors: Any, path: tuple[Any, ...] = ()) -> Iterator[dict[str, str]]:
    """DRF's nested ``{"field": ["message"]}`` as pointers: ``{"pointer": "/field", ...}``."""
    if isinstance(errors, dict):
        for key, value in errors.items():
            inner = path if key in ("non_field_errors", "__all__") else (*path, key)
            yield from _field_problems(value, inner)
    elif isinstance(errors, list):
        if all(isinstance(e, str) for e in errors):
            for message in errors:
                yield problem(pointer_to(*path), str(message))
        else:  # a list serializer: one entry per item
            for i, value in enumerate(errors):
                yield from _field_problems(value, (*path, i))
    else:
        yield problem(pointer_to(*path), str(errors))


def validation_response(errors: Any) -> Response:
    """A serializer's field errors in the envelope; ``detail`` names the first problem."""
    problems = list(_field_problems(errors)) or [problem("", "the request is invalid")]
    first = problems[0]
    message, where = first["message"], first["pointer"].lstrip("/").replace("/", ".")
    readable = message[:1].isupper() and not message.startswith("This field")
    detail = message if readable or not where else f"{where}: {message}"
    return Response(envelope(detail, problems), status=status.HTTP_400_BAD_REQUEST)


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
    return envelope(detail), {"Retry-After": retry}


def _too_many_guesses() -> exceptions.Throttled:
    by_address, _ = sharing_svc.guess_windows()
    return exceptions.Throttled(
        wait=by_address.seconds,
        detail=(
            f"too many wrong review links: at most {by_address.limit} in {by_address.minutes} minutes "
            "from one address or for one link prefix; a valid link still works, try again later"
        ),
    )


def _as_api_exception(exc: Exception) -> Exception:
    """Domain exceptions as the DRF exception of their status (one table, here)."""
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) if exc.args else "not found")
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) if exc.args else None)
    if isinstance(exc, sharing_svc.NotAllowed):
        return exceptions.PermissionDenied(str(exc))
    if isinstance(exc, render_svc.TooManyRenders):
        return exceptions.Throttled(detail=i18n.render(exc.text, current()))
    if isinstance(exc, sharing_svc.TooManyGuesses):
        return _too_many_guesses()
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DATABASE_ERRORS):
        body, headers = unavailable(exc)
        return Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers=headers)
    if isinstance(exc, InvalidDocument):
        return invalid_document_response(exc, context.get("pointer_prefix", ""))
    if isinstance(exc, diagram_svc.RevisionConflict):
        from .serializers import ConflictSerializer

        return Response(ConflictSerializer(exc.current).data, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RequestDataTooBig):
        detail = i18n.render(
            t("the request body is too large; a document may be at most {limit:,} bytes (1 MiB)", limit=MAX_BYTES),
            current(),
        )
        return Response(envelope(detail), status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, exceptions.ParseError):
        # The parser's reason (Python's json message) stays as it is; our words around it follow
        # the request's language.
        reason = getattr(exc, "reason", None) or str(exc.detail).removeprefix("malformed JSON: ")
        message = i18n.render(t("malformed JSON: {error}", error=reason), current())
        return Response(envelope(message, [problem("", message)]), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ValidationError):
        return validation_response(exc.detail)
    if isinstance(exc, BadParameter):
        message = str(exc.detail)
        return Response(envelope(message, [problem("", message, exc.name)]), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, sharing_svc.BadInput | members.BadInput):
        message = str(exc)
        return Response(envelope(message, [problem(pointer_to(exc.field), message)]), status=400)
    if isinstance(exc, iac.ImportFailed | iac.ExportError):
        message = i18n.said(exc, current())
        return Response(envelope(message, [problem("", message)]), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, render_svc.RenderRequestError):
        message = i18n.render(exc.args[0], current())
        return Response(envelope(message, [problem("", message)]), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RenderError):
        detail = i18n.render(t("the layout failed: {error}", error=exc.args[0] if exc.args else str(exc)), current())
        return Response(envelope(detail), status=status.HTTP_503_SERVICE_UNAVAILABLE)
    exc = _as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: Django's 500 handler answers (server_error below)
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    detail = exc.detail
    if isinstance(detail, dict | list):  # an APIException raised with field errors
        return validation_response(detail)
    text = getattr(exc, "text", None)  # ours, translatable (parsers.BodyTooLarge)
    message = i18n.render(text, current()) if text else str(detail)
    return Response(envelope(message), status=exc.status_code, headers=headers)


# --- Outside DRF views (config.urls' handler404 / handler500) ---------------------------


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        detail = i18n.render(t("no such API endpoint: {path}", path=request.path), current())
        return JsonResponse(envelope(detail), status=404)
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
            envelope(i18n.render(t("internal server error; it has been logged"), current())), status=500
        )
    return defaults.server_error(request)

"""The OpenAPI schema's error answers, generated from one table (:data:`ERROR_STATUSES`).

Each operation documents every status it can answer: its own success codes (from the view's
``extend_schema``) and, from the table below, each error status whose condition holds for it,
every one with the error envelope (``ErrorSerializer``; a 409 with ``ConflictSerializer``) as
its schema. The conditions read the view itself (authentication, throttles, request body, path
and query parameters), so a new view is documented without anyone listing its codes; only the
statuses that come from what an operation does (a revision conflict, a view-only link, the
render queue) are named per operation, in :data:`DOMAIN_STATUSES`.
docs/contract-extensions.md ("Errors") explains the table to API users.

The document itself (every request and response body that holds one) is the component
``Document``: :func:`builder.document_schema.json_schema`, put in by :func:`add_document_schema`
as it is. The schema is OpenAPI 3.1, whose schema objects are JSON Schema 2020-12, so the
generated schema needs no translation (see docs/architecture.md, "An API that is its schema").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import uritemplate
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from builder import document_schema

#: Where a field or body that holds a document points (see :func:`add_document_schema`).
DOCUMENT = {"$ref": "#/components/schemas/Document"}

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
WITH_BODY = {"POST", "PUT", "PATCH"}


@dataclass(frozen=True)
class Operation:
    """What the table's conditions may look at."""

    operation_id: str
    method: str
    path: str
    authenticated: bool  # the view reads credentials (a wrong token is a 401 even where none is needed)
    throttled: bool
    has_body: bool
    has_query: bool

    @property
    def path_parameters(self) -> set[str]:
        return set(uritemplate.variables(self.path))


#: Statuses that come from what an operation does, by operationId.
DOMAIN_STATUSES: dict[str, set[int]] = {
    "diagrams_update": {409},  # a stale revision
    "diagrams_partial_update": {409},  # renamed while someone saved
    "diagrams_revisions_restore_create": {409},
    "diagrams_renders_create": {429},  # the account's renders are all in use
    "review_renders_create": {429},  # the owner's renders are all in use
    "review_comments_create": {403},  # a view-only link
}

#: (status, when an operation can answer it, what it means). The schema's error answers, and
#: the table in docs/contract-extensions.md, come from this list.
ERROR_STATUSES: list[tuple[int, Callable[[Operation], bool], str]] = [
    (
        400,
        lambda op: op.has_body or op.has_query,
        "the request breaks the schema or a rule; `problems` points at each fault",
    ),
    (401, lambda op: op.authenticated, "no credentials where they are needed, or a wrong token"),
    (
        403,
        lambda op: op.authenticated and op.method in UNSAFE,
        "a browser session that failed the CSRF check, or a signed-in user without the permission",
    ),
    (
        404,
        lambda op: bool(op.path_parameters),
        "no such object, or not yours; a wrong, revoked or expired review link",
    ),
    (409, lambda op: False, "a revision conflict: the body is the envelope beside the current diagram"),
    (413, lambda op: op.has_body, "the request body is larger than the server reads"),
    (415, lambda op: op.has_body, "a content type the operation does not take"),
    (
        429,
        lambda op: op.throttled or "token" in op.path_parameters,
        "too many requests (with `Retry-After` when a wait is known)",
    ),
    (503, lambda op: True, "the database is unreachable or busy (with `Retry-After`)"),
]


def error_statuses(op: Operation) -> list[int]:
    extra = DOMAIN_STATUSES.get(op.operation_id, set())
    return [code for code, applies, _ in ERROR_STATUSES if applies(op) or code in extra]


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error answers of :data:`ERROR_STATUSES`."""

    def _operation(self) -> Operation:
        method = self.method.upper()
        parameters = [p for p in self.get_override_parameters() if getattr(p, "location", "query") == "query"]
        return Operation(
            operation_id=self.get_operation_id(),
            method=method,
            path=self.path,
            authenticated=bool(self.view.get_authenticators()),
            throttled=bool(self.view.get_throttles()),
            has_body=method in WITH_BODY and self.get_request_serializer() is not None,
            has_query=bool(parameters),
        )

    def _get_request_for_media_type(self, serializer: Any, direction: Any = "request") -> tuple[Any, bool]:
        # drf-spectacular calls a body given as a plain schema optional; it is required when the
        # schema cannot be met by no body: the document, an object with required fields, text
        # of at least one character. (An empty body is then refused, and the schema says so.)
        schema, required = super()._get_request_for_media_type(serializer, direction)
        if isinstance(serializer, dict):
            required = serializer == DOCUMENT or bool(serializer.get("required")) or serializer.get("minLength", 0) > 0
        return schema, required

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        from .serializers import ConflictSerializer, ErrorSerializer

        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code in error_statuses(self._operation()):
            if str(code) in responses:
                continue
            body = ConflictSerializer if code == 409 else ErrorSerializer
            responses[str(code)] = self._get_response_for_code(body, str(code), ("application/json",), direction)
        return responses


def add_document_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the ``Document`` component, from document_schema.

    ``$schema`` and ``$id`` are left out: the OpenAPI document sets the dialect (2020-12), and an
    ``$id`` would move the base of every reference inside it.
    """
    body = {k: v for k, v in document_schema.json_schema().items() if k not in ("$schema", "$id")}
    result.setdefault("components", {}).setdefault("schemas", {})["Document"] = body
    return result

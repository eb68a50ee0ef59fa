"""Schemathesis against the API's own OpenAPI schema: every operation, all checks, nothing found.

The schema is the one ``/api/schema/`` serves (drf-spectacular); the requests go to the WSGI
application in this process, inside the test's database transaction. Each operation runs with
a token of a user who owns a diagram (with a revision, a comment, a finished render and a
review link), and its path parameters are those real objects, so the operations do their work
rather than answer 401 or 404. Review-link operations use the link's real token.

Bounded: the examples phase (the schema's example documents, so that creating, saving and
validating succeed too, not only fail), the coverage phase (every boundary and type mutation
of every parameter and field, positive and negative) and the fuzzing phase (``MAX_EXAMPLES``
generated requests per operation), from a fixed seed. The README gives the CPU time it takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.files.base import ContentFile
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.core.parameters import ParameterLocation

from builder import document_schema
from builder import render as renderer
from builder.models import Render
from builder.services import diagrams as diagram_svc
from builder.services import renders as render_svc
from builder.services import sharing as sharing_svc
from config.wsgi import application
from tests.conftest import minimal_document

MAX_EXAMPLES = 12

#: What JSON Schema cannot say about a document (builder.document_schema.GAPS): ids unique,
#: parents and edge ends naming the document's own nodes, no lone surrogate, the 1 MiB cap.
#: The OpenAPI schema holds the document's JSON Schema itself (the Document component), so a
#: schema-valid document is refused only for one of these.
_DOCUMENT_GAPS = "; ".join(document_schema.GAPS[:5])

#: Operations whose schema cannot say everything they check, so a schema-valid request may
#: still be refused with a 400 naming the fault: each with what JSON Schema cannot express.
#: Every other operation must accept whatever its schema accepts. (Tried with none listed:
#: each of these still answers such a 400 to a generated request, PUT and share links only
#: for some seeds.)
SEMANTIC_400 = {
    "POST /api/validate/": _DOCUMENT_GAPS,
    "POST /api/diagrams/": _DOCUMENT_GAPS,
    "PUT /api/diagrams/{id}/": _DOCUMENT_GAPS,
    "POST /api/diagrams/{id}/comments/": "a comment's node/edge must be in the diagram, its parent a comment of it",
    "POST /api/review/{token}/comments/": "a comment's node/edge must be in the diagram, its parent a comment of it",
    "POST /api/diagrams/{id}/share-links/": "expires_at must lie in the future",
    "POST /api/import/": "the text must be a template or a .drawio file that can be read",
    "POST /api/diagrams/{id}/members/": "the username must name an existing user other than the owner",
}
#: Schemathesis's default statuses for schema-valid requests, plus that 400.
ACCEPTED_WITH_400 = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 14,
        "phases": {
            "examples": {"enabled": True},  # a real document for the document operations
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},  # not run by the pytest integration
        },
        # No example database: the same seed gives the same requests on every machine.
        "generation": {"max-examples": MAX_EXAMPLES, "mode": "all", "database": "none"},
        "checks": {"enabled": True},
        "operations": [
            {"include-name": name, "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED_WITH_400}}}
            for name in SEMANTIC_400
        ],
    }
)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)


@schema.auth(refresh_interval=None)
class OwnersToken:
    """The diagram owner's real token (the one ``world`` made), as Schemathesis's explicit auth.

    Explicit, so the ignored_auth check also sends each authenticated request without it and
    with a wrong one, and expects 401 for both.
    """

    token = ""  # the world fixture sets it for each operation's test

    def get(self, case: Any, ctx: Any) -> str:
        return OwnersToken.token

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@dataclass
class World:
    diagram: int
    comment: int
    render: int
    link: int
    link_token: str

    def path_parameters(self, path: str) -> dict[str, Any]:
        """The real objects for the operation's path parameters."""
        if path.startswith("/api/review/"):
            return {"token": self.link_token, "id": self.render}
        ids = {"/api/renders/": self.render, "/api/share-links/": self.link, "/api/comments/": self.comment}
        found = next((v for prefix, v in ids.items() if path.startswith(prefix)), self.diagram)
        return {"id": found, "number": 1, "fmt": "sam"}


@pytest.fixture
def world(db: Any, user: Any) -> Iterator[World]:
    # The WSGI handler closes "old" connections around each request, as a server must; here the
    # test's transaction is the connection, so keep it (Django's test client does the same).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        diagram = diagram_svc.create_diagram(user, minimal_document())
        link, link_token = sharing_svc.create_link(diagram, user, "comment")
        comment = sharing_svc.add_comment(link, diagram, body="Why 1 GB?", author_name="Lin", node="thumb")
        render = render_svc.request_render(diagram, "svg")
        picture = renderer.render(diagram.document, "svg")
        render.file.save(f"schemathesis-{render.pk}.svg", ContentFile(picture), save=False)
        render.status, render.size_bytes = Render.Status.DONE, len(picture)
        render.save()
        OwnersToken.token = Token.objects.create(user=user).key
        yield World(
            diagram=diagram.pk,
            comment=comment.pk,
            render=render.pk,
            link=link.pk,
            link_token=link_token,
        )
    finally:
        OwnersToken.token = ""
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
def test_every_operation_answers_what_its_schema_says(case: Any, world: World) -> None:
    path = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
    if path is None or path.mode.is_positive:  # a path made invalid on purpose stays as generated
        for name, value in world.path_parameters(case.operation.path).items():
            if name in (case.path_parameters or {}):
                case.path_parameters[name] = value
    # Calls the operation and runs every check (status documented, response as its schema,
    # schema-valid requests accepted, invalid ones refused, auth honoured); each failed
    # check raises, with the request that reproduces it.
    response = case.call_and_validate()
    assert response.status_code < 500 or response.status_code == 503, response.text  # never a crash

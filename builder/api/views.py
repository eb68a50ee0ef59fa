"""Thin API views: parse, call a service, serialize. Logic lives in builder.services."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models.fields.json import KeyTransform
from django.http import Http404
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from builder import catalog, document_schema, i18n, rules
from builder import document as doc_module
from builder.diff import summary as diff_summary
from builder.i18n.web import answer, current, remember_language, user_language
from builder.models import Diagram
from builder.services import diagrams as svc
from builder.services.findings import report_for

from . import answers
from . import serializers as s
from .renderers import JSONRenderer
from .schema import DOCUMENT

STARTERS_DIR = Path(__file__).resolve().parent.parent / "starters"


@cache
def load_starters() -> tuple[dict[str, Any], ...]:
    """Starter templates shipped in builder/starters/*.json, each checked against the schema.

    Each file holds its name and description in English and, under ``translations``, in every
    other language (``{"ko": {"name", "description"}}``): one file per starter, both languages.
    """
    starters = []
    for path in sorted(STARTERS_DIR.glob("*.json")):
        starter = json.loads(path.read_text(encoding="utf-8"))
        doc_module.validate(starter["document"])
        starters.append(starter)
    return tuple(starters)


def _example_document() -> dict[str, Any]:
    """The first starter: a real, valid document for the schema's examples (Swagger UI, Schemathesis)."""
    return dict(load_starters()[0]["document"])


EXAMPLE_DOCUMENT = OpenApiExample("thumbnail service", value=_example_document(), request_only=True)
EXAMPLE_CREATE = OpenApiExample("thumbnail service", value={"document": _example_document()}, request_only=True)
EXAMPLE_SAVE = OpenApiExample(
    "save on revision 1", value={"revision": 1, "document": _example_document()}, request_only=True
)


def checked_document(value: Any) -> dict[str, Any]:
    """Enforce the 1 MiB limit on a document that came inside a JSON envelope, then validate it."""
    size = doc_module.json_size(value)
    if size > doc_module.MAX_BYTES:
        raise doc_module.InvalidDocument(
            [
                doc_module.Problem(
                    "",
                    i18n.t(
                        "the document is {size:,} bytes; the limit is {limit:,} bytes (1 MiB)",
                        size=size,
                        limit=doc_module.MAX_BYTES,
                    ),
                )
            ],
            too_large=True,
        )
    return doc_module.validate(value)


def icon_url(icon: str) -> str:
    return static(catalog.icon_static_path(icon))


class ValidateThrottle(AnonRateThrottle):
    rate = "120/min"


def _object(required: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": required, "required": list(required)}


#: The shape of builder.catalog.catalog_json (what each key holds is the catalog's; here only
#: which keys an answer always has, and their JSON types).
CATALOG_SCHEMA = _object(
    {
        "schema": {"type": "integer"},
        "categories": {"type": "array", "items": {"type": "object"}},
        "types": {
            "type": "array",
            "items": _object(
                {
                    "type": {"type": "string"},
                    "label": {"type": "string"},
                    "category": {"type": "string"},
                    "container": {"type": "boolean"},
                    "parents": {"type": "array"},
                    "icon": {"type": "string"},
                    "props": {
                        "type": "array",
                        "items": _object(
                            {
                                "name": {"type": "string"},
                                "kind": {"type": "string"},
                                "label": {"type": "string"},
                                "nullable": {"type": "boolean"},
                                "choices": {"type": "array"},
                                "limits": {"type": "array"},
                            }
                        ),
                    },
                    "connects_to": {"type": "array", "items": {"type": "object"}},
                }
            ),
        },
        "style": {"type": "object"},
    }
)


class CatalogView(APIView):
    """The component types: props, limits, choices, parents, connections, icons."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            200: OpenApiResponse(CATALOG_SCHEMA, description="the catalog (builder.catalog.catalog_json)"),
            304: OpenApiResponse(description="not modified: the If-None-Match ETag is current"),
        },
        tags=["catalog"],
    )
    def get(self, request: Request) -> Response:
        lang = current()  # labels, help and limits in the request's Accept-Language
        etag = f'"{catalog.catalog_etag(lang)}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response = Response(catalog.catalog_json(icon_url, lang), headers={"ETag": etag})
        patch_cache_control(response, public=True, max_age=300)
        return response


class DocumentSchemaView(APIView):
    """The architecture document as a JSON Schema (generated from the document check)."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: OpenApiResponse({"type": "object"}, description="a JSON Schema (draft 2020-12)")},
        tags=["catalog"],
    )
    def get(self, request: Request) -> Response:
        response = Response(document_schema.json_schema())
        patch_cache_control(response, public=True, max_age=300)
        return response


class RulesView(APIView):
    """Every rule the validator knows: id, severity, title, explanation, AWS documentation."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.RuleSerializer(many=True), tags=["rules"])
    def get(self, request: Request) -> Response:
        lang = current()
        return Response(s.RuleSerializer([r.as_json(lang) for r in rules.all_rules()], many=True).data)


class ValidateView(APIView):
    """Validate a document (the request body) and return the rules' findings. Stores nothing."""

    permission_classes = [AllowAny]
    throttle_classes = [ValidateThrottle]

    @extend_schema(
        request={"application/json": DOCUMENT},
        responses={200: s.ReportSerializer},
        examples=[EXAMPLE_DOCUMENT],
        description="400 lists every problem with a JSON Pointer; 413 when the body is over 2 MiB.",
        tags=["rules"],
    )
    def post(self, request: Request) -> Response:
        document = checked_document(request.data)
        return Response(s.ReportSerializer(answer(report_for(document))).data)


class DiagramListView(APIView):
    @extend_schema(responses=s.DiagramSummarySerializer(many=True), tags=["diagrams"])
    def get(self, request: Request) -> Response:
        # Only the stored counts of each diagram's report: no document is loaded, no rule runs.
        diagrams = (
            Diagram.objects.filter(owner=request.user)
            .only("id", "name", "revision", "findings_engine", "created_at", "updated_at")
            .annotate(stored_counts=KeyTransform("counts", "findings"))
        )
        return Response(s.DiagramSummarySerializer(diagrams, many=True).data)

    @extend_schema(
        request=s.DocumentInputSerializer,
        responses={201: s.DiagramSerializer},
        examples=[EXAMPLE_CREATE],
        tags=["diagrams"],
    )
    def post(self, request: Request) -> Response:
        data = s.DocumentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        diagram = svc.create_diagram(request.user, checked_document(data.validated_data["document"]), checked=True)
        return Response(s.DiagramSerializer(diagram).data, status=status.HTTP_201_CREATED)


class DiagramDetailView(APIView):
    @extend_schema(responses=s.DiagramSerializer, tags=["diagrams"])
    def get(self, request: Request, pk: int) -> Response:
        # The answer of an unchanged diagram is kept encoded (builder/api/answers.py): this
        # first query reads only what the answer depends on, none of the JSON.
        cache = answers.DIAGRAMS
        if cache.limit:
            head = svc.get_owned(request.user, pk, only=answers.KEY_FIELDS)
            if (kept := cache.get(answers.key_of(head, current()))) is not None:
                return Response(kept)
        diagram = svc.get_owned(request.user, pk)
        data = s.DiagramSerializer(diagram).data
        if not cache.limit:
            return Response(data)
        return Response(cache.put(answers.key_of(diagram, current()), JSONRenderer().render(data)))

    @extend_schema(
        request=s.DiagramUpdateSerializer,
        responses={200: s.DiagramSerializer},
        examples=[EXAMPLE_SAVE],
        tags=["diagrams"],
    )
    def put(self, request: Request, pk: int) -> Response:
        # The revision is checked before any other work (a 409 costs one query), and the
        # document is validated once: here, not again in the service.
        diagram = svc.get_owned(request.user, pk, defer=("document", "findings"))
        data = s.DiagramUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        base = data.validated_data["revision"]
        if diagram.revision != base:
            raise svc.RevisionConflict(svc.current(diagram.pk))
        document = checked_document(data.validated_data["document"])
        diagram = svc.save_diagram(diagram, request.user, base, document, checked=True)
        return Response(s.DiagramSerializer(diagram).data)

    @extend_schema(request=s.DiagramRenameSerializer, responses=s.DiagramSerializer, tags=["diagrams"])
    def patch(self, request: Request, pk: int) -> Response:
        diagram = svc.get_owned(request.user, pk)
        data = s.DiagramRenameSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        diagram = svc.rename_diagram(diagram, request.user, data.validated_data["name"])
        return Response(s.DiagramSerializer(diagram).data)

    @extend_schema(responses={204: None}, tags=["diagrams"])
    def delete(self, request: Request, pk: int) -> Response:
        svc.delete_diagram(svc.get_owned(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DiagramDuplicateView(APIView):
    @extend_schema(request=None, responses={201: s.DiagramSerializer}, tags=["diagrams"])
    def post(self, request: Request, pk: int) -> Response:
        copy = svc.duplicate_diagram(svc.get_owned(request.user, pk), request.user)
        return Response(s.DiagramSerializer(copy).data, status=status.HTTP_201_CREATED)


class RevisionListView(APIView):
    @extend_schema(responses=s.RevisionSummarySerializer(many=True), tags=["revisions"])
    def get(self, request: Request, pk: int) -> Response:
        diagram = svc.get_owned(request.user, pk)
        revisions = diagram.revisions.select_related("author").defer("document")
        return Response(
            s.RevisionSummarySerializer(revisions, many=True, context={"summaries": revision_summaries(diagram)}).data
        )


#: How many of the newest revisions get a summary (each needs its document and the one before).
SUMMARIZED_REVISIONS = 50


def revision_summaries(diagram: Diagram) -> dict[int, str]:
    """``{number: what changed}`` for the newest revisions, each against the one before it."""
    newest = list(diagram.revisions.order_by("-number").values_list("number", "document")[: SUMMARIZED_REVISIONS + 1])
    out: dict[int, str] = {}
    for i, (number, document) in enumerate(newest[:SUMMARIZED_REVISIONS]):
        before = newest[i + 1] if i + 1 < len(newest) else None
        # The oldest one loaded is a first revision only if it really is number 1.
        if before is None and number != 1:
            break
        out[number] = diff_summary(before[1] if before else None, document)
    return out


class RevisionDetailView(APIView):
    @extend_schema(responses=s.RevisionSerializer, tags=["revisions"])
    def get(self, request: Request, pk: int, number: int) -> Response:
        diagram = svc.get_owned(request.user, pk)
        revision = diagram.revisions.filter(number=number).select_related("author").first()
        if revision is None:
            raise Http404(f"diagram {pk} has no revision {number}")
        return Response(s.RevisionSerializer(revision).data)


class RevisionRestoreView(APIView):
    @extend_schema(request=None, responses={200: s.DiagramSerializer}, tags=["revisions"])
    def post(self, request: Request, pk: int, number: int) -> Response:
        diagram = svc.restore_revision(svc.get_owned(request.user, pk), request.user, number)
        return Response(s.DiagramSerializer(diagram).data)


def starter_in(starter: dict[str, Any], lang: str) -> dict[str, Any]:
    """A starter as answered in ``lang``: its name and description (and the name of the diagram
    it makes) in that language; ``translations`` left out."""
    out = {k: v for k, v in starter.items() if k != "translations"}
    words = starter.get("translations", {}).get(lang)
    if words:
        out["name"], out["description"] = words["name"], words["description"]
        if starter["document"].get("name") == starter["name"]:
            out["document"] = {**starter["document"], "name": words["name"]}
    return out


class MeView(APIView):
    """The signed-in user and their language (``null``: none chosen, the browser's is used)."""

    @extend_schema(responses=s.MeSerializer, tags=["account"])
    def get(self, request: Request) -> Response:
        return Response(s.MeSerializer(me_json(request)).data)

    @extend_schema(
        # Only ``language``: any other field is refused (400 naming it), so the schema says so.
        request={
            "application/json": {
                "type": "object",
                "properties": {"language": {"type": ["string", "null"], "enum": ["ko", "en", None]}},
                "additionalProperties": False,
            }
        },
        responses={200: s.MeSerializer, 400: s.ErrorSerializer},
        tags=["account"],
    )
    def patch(self, request: Request) -> Response:
        body = request.data
        if not isinstance(body, dict):
            raise ValidationError(_('the body must be a JSON object such as {"language": "ko"}'))
        extra = sorted(set(body) - {"language"})
        if extra:
            message = _("the body takes only language; unknown fields: %(fields)s") % {"fields": ", ".join(extra)}
            raise ValidationError({field: [message] for field in extra})
        if "language" in body:
            lang = body["language"]
            if lang is not None and lang not in i18n.LANGUAGES:
                value = json.dumps(lang)[:40]
                raise ValidationError(
                    {"language": [_("language must be ko, en or null, not %(value)s") % {"value": value}]}
                )
            response = Response()
            remember_language(request, response, lang)
            response.data = s.MeSerializer(me_json(request)).data
            return response
        return Response(s.MeSerializer(me_json(request)).data)


def me_json(request: Request) -> dict[str, Any]:
    """``{"username", "language"}``: the stored choice, null when there is none."""
    return {"username": request.user.get_username(), "language": user_language(request)}


class StarterListView(APIView):
    """Starter templates for new diagrams."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.StarterSerializer(many=True), tags=["diagrams"])
    def get(self, request: Request) -> Response:
        lang = current()
        return Response(s.StarterSerializer([starter_in(st, lang) for st in load_starters()], many=True).data)

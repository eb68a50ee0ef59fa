"""Infrastructure-as-code endpoints (thin: the work is in :mod:`builder.iac`).

    POST /api/import/                          a template or .drawio file -> {"document", "report"}
    GET  /api/diagrams/{id}/export/sam         the diagram as a SAM template (YAML)
    GET  /api/diagrams/{id}/export/drawio      the diagram as a draw.io file

Import stores nothing: the editor opens the document, and saving it creates the diagram.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from builder import document, i18n, iac
from builder.i18n import t
from builder.i18n.web import current
from builder.services import diagrams as diagram_svc

from .fields import StrictCharField
from .parsers import LimitedJSONParser
from .serializers import ImportResultSerializer

#: The request may carry the file plus its multipart framing, never much more.
MAX_BODY = iac.MAX_TEMPLATE_BYTES + 64 * 1024


class TextParser(BaseParser):
    """A template sent as the body itself (``text/plain``, ``application/yaml``), bounded."""

    media_type = "*/*"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict[str, Any] | None = None) -> Any:
        data = stream.read(MAX_BODY + 1) if stream is not None else b""
        return {"text": data}


class ImportThrottle(UserRateThrottle):
    rate = "60/min"


class TemplateTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


class ImportTextInput(serializers.Serializer):
    """The template sent inside JSON instead of as a file."""

    text = StrictCharField(
        trim_whitespace=False,
        help_text="the template (YAML or JSON) or the .drawio XML",
        error_messages={"blank": 'send the template as a multipart "file", as {{"text": ...}} or as the request body'},
    )
    filename = StrictCharField(
        required=False, allow_blank=True, default="template.yaml", max_length=255, help_text="the name it came from"
    )


class ImportView(APIView):
    """Read a SAM/CloudFormation template or a .drawio file; answer the document and the report."""

    parser_classes = [MultiPartParser, LimitedJSONParser, TextParser]
    throttle_classes = [ImportThrottle]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            },
            "application/json": ImportTextInput,
            "text/plain": {"type": "string", "minLength": 1},
        },
        responses={200: ImportResultSerializer},
        description=(
            "400 for a file it cannot read (the reason and its line); 413 when the request is larger "
            "than a template may be."
        ),
        tags=["iac"],
    )
    def post(self, request: Request) -> Response:
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared.isdigit() and int(declared) > MAX_BODY:
            raise TemplateTooLarge(
                i18n.render(
                    t(
                        "the file is over {limit:,} bytes (512 KiB), the limit for a template",
                        limit=iac.MAX_TEMPLATE_BYTES,
                    ),
                    current(),
                )
            )
        upload = request.FILES.get("file") if hasattr(request, "FILES") else None
        if upload is not None:
            if upload.size > iac.MAX_TEMPLATE_BYTES:
                raise iac.ImportFailed(iac.decode.too_large(upload.size))
            raw: bytes | str = upload.read(iac.MAX_TEMPLATE_BYTES + 1)
            filename = upload.name or "template.yaml"
        elif request.content_type.startswith("application/json"):
            data = ImportTextInput(data=request.data)
            data.is_valid(raise_exception=True)
            raw, filename = data.validated_data["text"], data.validated_data["filename"] or "template.yaml"
        else:
            raw = request.data.get("text", b"") if isinstance(request.data, dict) else b""
            filename = "template.yaml"
        if not raw:
            raise iac.ImportFailed(
                t('send the template as a multipart "file", as {{"text": ...}} or as the request body')
            )
        filename = filename[:255]
        try:
            imported = iac.import_file(raw, filename)
            doc = document.validate(imported.document)
        except iac.ImportFailed as exc:
            raise iac.ImportFailed(t("{file}: {error}", file=filename, error=exc.text)) from None
        except document.InvalidDocument as exc:  # too big to keep beside its diagram, say
            raise iac.ImportFailed(
                t("{file}: the imported diagram is invalid: {error}", file=filename, error=str(exc))
            ) from None
        report = iac.report_in(imported.report, current())
        return Response(ImportResultSerializer({"document": doc, "report": report}).data)


class ExportView(APIView):
    """The diagram's current revision as a SAM template or a draw.io file (a download)."""

    @extend_schema(
        responses={
            (200, "application/yaml"): OpenApiResponse(description="the SAM template, or the .drawio file"),
        },
        description="400 when the diagram cannot be written (the reason).",
        tags=["iac"],
    )
    def get(self, request: Request, pk: int, fmt: str) -> Any:
        diagram = diagram_svc.get_owned(request.user, pk)
        text = iac.export(diagram.document, fmt)
        content_type, filename = iac.EXPORT_FORMATS[fmt]
        if fmt == "sam":
            source = (diagram.document.get("iac") or {}).get("file") or filename
            filename = source.rsplit("/", 1)[-1] if source.endswith((".yaml", ".yml", ".json")) else filename
            if source.endswith(".json"):
                content_type = "application/json"
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_safe(filename)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _safe(name: str) -> str:
    return "".join(c for c in name if c.isalnum() or c in "._-")[:100] or "export"

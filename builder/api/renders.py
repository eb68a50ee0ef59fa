"""Render and export endpoints: start a PNG/SVG/PDF render, poll it, download it, get the script.

    POST /api/diagrams/{id}/renders/          {"format": "png"|"svg"|"pdf", "layout": "auto"|"canvas",
                                               "scale": 1|2|3, "transparent": false}
    GET  /api/renders/{id}/                   status; "url" downloads the file when done
    GET  /api/renders/{id}/file/              the picture, as an attachment
    GET  /api/diagrams/{id}/export/diagrams.py   a runnable diagrams script

Only the diagram's owner sees any of it; everyone else gets 404.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import FileResponse, Http404, HttpResponse
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from builder import render as renderer
from builder.i18n.web import current
from builder.models import Render
from builder.services import diagrams as diagram_svc
from builder.services import renders as svc

from .fields import StrictBooleanField, StrictChoiceField


class RenderRequestSerializer(serializers.Serializer):
    format = StrictChoiceField(choices=renderer.FORMATS, default="png")
    layout = StrictChoiceField(choices=renderer.LAYOUTS, default="auto")
    scale = StrictChoiceField(
        choices=renderer.SCALES, default=1, help_text="PNG pixels per canvas pixel; SVG and PDF ignore it"
    )
    transparent = StrictBooleanField(default=False, help_text="no background fill")

    def options(self) -> dict[str, Any]:
        """The validated options as ``services.renders.request_render`` keywords."""
        data = self.validated_data
        return {
            "fmt": data["format"],
            "layout": data["layout"],
            "scale": data["scale"],
            "transparent": data["transparent"],
            "lang": current(),  # the request's Accept-Language: the picture's words and error
        }


class RenderSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    format = serializers.ChoiceField(choices=renderer.FORMATS)  # the renderer's, as the request's
    layout = serializers.ChoiceField(choices=renderer.LAYOUTS)
    diagram = serializers.IntegerField(source="diagram_id", read_only=True)

    class Meta:
        model = Render
        fields = [
            "id",
            "status",
            "url",
            "format",
            "layout",
            "scale",
            "transparent",
            "diagram",
            "revision",
            "error",
            "size_bytes",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
        ]

    def get_url(self, obj: Render) -> str | None:
        return svc.file_url(obj)


class DiagramRendersView(APIView):
    @extend_schema(
        request=RenderRequestSerializer,
        responses={200: RenderSerializer, 202: RenderSerializer},
        tags=["renders"],
        description=(
            "Render the diagram's current revision; 200 when a cached picture is ready, else 202. "
            "429 when the account already has RENDER_ACTIVE_PER_USER renders waiting or drawing."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        body = RenderRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # 429 (TooManyRenders) when the account already has its limit waiting or drawing.
        render = svc.request_render(diagram, **body.options(), owner=request.user, limited=True)
        code = status.HTTP_200_OK if render.status == Render.Status.DONE else status.HTTP_202_ACCEPTED
        return Response(RenderSerializer(render).data, status=code)


class RenderDetailView(APIView):
    @extend_schema(responses=RenderSerializer, tags=["renders"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(RenderSerializer(svc.get_render(request.user, pk)).data)


def download_name(render: Render) -> str:
    """The download's file name, from the diagram name: ``Thumbnail-service-r3.png``.

    Only letters, digits, ``_``, ``.`` and ``-`` are kept, so the name is safe in a
    Content-Disposition header and on any disk; a name with nothing left (``???``, ``..``,
    ``<>``) falls back to ``diagram-rN.png``.
    """
    name = render.document.get("name") if isinstance(render.document, dict) else None
    base = re.sub(r"\s+", "-", name.strip()) if isinstance(name, str) else ""
    base = re.sub(r"[^\w.-]", "", base)[:80].strip(".-_")
    suffix = f"-r{render.revision}" if render.revision else ""
    return f"{base or 'diagram'}{suffix}.{render.format}"


def render_file_response(render: Render) -> FileResponse:
    """The picture of a finished render as a download (owner and review links alike)."""
    if render.status != Render.Status.DONE or not render.file:
        raise Http404("this render has no file (yet)")
    try:
        handle = render.file.open("rb")
    except OSError:
        raise Http404("the file of this render is gone") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(render),
        content_type=svc.CONTENT_TYPES[render.format],
    )
    # An SVG opened directly must not run anything or fetch anything.
    response["Content-Security-Policy"] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"  # a render's bytes never change
    return response


class RenderFileView(APIView):
    @extend_schema(
        responses={(200, "image/png"): OpenApiResponse(description="the picture (PNG, SVG or PDF)")}, tags=["renders"]
    )
    def get(self, request: Request, pk: int) -> Any:
        return render_file_response(svc.get_render(request.user, pk))


class ExportScriptView(APIView):
    @extend_schema(responses={(200, "text/x-python"): OpenApiResponse(description="diagrams script")}, tags=["renders"])
    def get(self, request: Request, pk: int) -> HttpResponse:
        diagram = diagram_svc.get_owned(request.user, pk)
        script = svc.export_script(diagram)
        response = HttpResponse(script, content_type="text/x-python; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="diagram.py"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


urlpatterns = [
    path("diagrams/<int:pk>/renders/", DiagramRendersView.as_view(), name="api-diagram-renders"),
    path("diagrams/<int:pk>/export/diagrams.py", ExportScriptView.as_view(), name="api-diagram-export-script"),
    path("renders/<int:pk>/", RenderDetailView.as_view(), name="api-render"),
    path("renders/<int:pk>/file/", RenderFileView.as_view(), name="api-render-file"),
]

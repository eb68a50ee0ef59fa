"""Review links, the review API for people without an account, and comments."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from builder import security
from builder.diff import diff
from builder.document import content_hash
from builder.i18n.web import answer
from builder.models import Comment, Render, ShareLink
from builder.services import diagrams as diagram_svc
from builder.services import renders as render_svc
from builder.services import sharing as svc

from .errors import BadParameter
from .fields import StrictBooleanField, StrictCharField, StrictChoiceField, StrictIntegerField
from .renders import RenderRequestSerializer, RenderSerializer, render_file_response
from .serializers import CommentSerializer, NewShareLinkSerializer, ReviewSerializer, ShareLinkSerializer


def client_id(request: Any) -> str:
    """Who is guessing: the client address (X-Forwarded-For only from TRUSTED_PROXIES)."""
    return security.client_address(request)


#: A revision number in a query string: ASCII digits only ("²".isdigit() is true, int() fails).
REVISION_NUMBER = re.compile(r"[0-9]{1,9}")
SINCE = OpenApiParameter(
    "since",
    {"type": "integer", "minimum": 0, "maximum": 999_999_999},
    description="show what changed since this revision (ASCII digits)",
)


class ShareLinkInput(serializers.Serializer):
    role = StrictChoiceField(choices=ShareLink.Role.choices)
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="null: never; else a time in the future"
    )
    freeze = StrictBooleanField(
        required=False, default=False, help_text="true: the link always shows the current revision, even after edits"
    )


class OwnerCommentInput(serializers.Serializer):
    """A comment or reply by the diagram's owner (signed with the account's name)."""

    body = StrictCharField(
        max_length=svc.MAX_COMMENT,
        trim_whitespace=True,
        error_messages={
            "max_length": f"A comment may be at most {svc.MAX_COMMENT:,} characters.",
            "blank": "A comment must not be empty.",
        },
    )
    node = StrictCharField(required=False, allow_null=True, allow_blank=True, max_length=64)
    edge = StrictCharField(required=False, allow_null=True, allow_blank=True, max_length=64)
    finding_rule = StrictCharField(required=False, allow_null=True, allow_blank=True, max_length=64)
    parent = StrictIntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)


class CommentInput(OwnerCommentInput):
    """A reviewer's comment: signed with the name the reviewer gives, with an optional verdict."""

    author_name = StrictCharField(
        max_length=svc.MAX_AUTHOR_NAME,
        trim_whitespace=True,
        error_messages={
            "max_length": f"A name may be at most {svc.MAX_AUTHOR_NAME} characters.",
            "blank": "Give a name to comment under.",
        },
    )
    verdict = StrictChoiceField(
        choices=["", "approved", "changes_requested"], required=False, allow_null=True, allow_blank=True
    )


class ShareLinkListView(APIView):
    @extend_schema(responses=ShareLinkSerializer(many=True), tags=["sharing"])
    def get(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        return Response(ShareLinkSerializer(diagram.share_links.all(), many=True).data)

    @extend_schema(request=ShareLinkInput, responses={201: NewShareLinkSerializer}, tags=["sharing"])
    def post(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        data = ShareLinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        link, token = svc.create_link(
            diagram,
            request.user,
            data.validated_data["role"],
            expires_at=data.validated_data["expires_at"],
            freeze=data.validated_data["freeze"],
        )
        context = {"token": token, "request": request}
        return Response(NewShareLinkSerializer(link, context=context).data, status=status.HTTP_201_CREATED)


class ShareLinkDetailView(APIView):
    @extend_schema(responses={204: None}, tags=["sharing"])
    def delete(self, request: Request, pk: int) -> Response:
        link = ShareLink.objects.filter(pk=pk, diagram__owner=request.user).first()
        if link is None:
            raise Http404("no such share link")
        svc.revoke_link(link)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _resolve(request: Request, token: str) -> ShareLink:
    """The live link (404 for a wrong one, 429 once too many were wrong: see builder.api.errors)."""
    return svc.resolve(token, client_id(request))


class ReviewView(APIView):
    """The diagram as a review link shows it. No account needed; the token is the key."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(parameters=[SINCE], responses={200: ReviewSerializer}, tags=["review"])
    def get(self, request: Request, token: str) -> Response:
        since = request.query_params.get("since", "")
        if since and not REVISION_NUMBER.fullmatch(since):
            raise BadParameter("since", f"since must be a revision number such as 1, not {since[:20]!r}")
        link = _resolve(request, token)
        shown = svc.snapshot(link)
        changes = None
        if since and link.frozen_revision is None and int(since) < shown.revision:
            old = svc.document_at(link.diagram, int(since))
            if old is not None:
                changes = {"since": int(since), **diff(old, shown.document)}
        review = {
            "name": shown.document.get("name") or link.diagram.name,
            "role": link.role,
            "revision": shown.revision,
            "latest_revision": link.diagram.revision,
            "frozen": link.frozen_revision is not None,
            "document": shown.document,
            "findings": answer(shown.findings()),  # stored with the revision: a read never runs the engine
            "comments": link.diagram.comments.all(),
            "changes": changes,
        }
        return Response(ReviewSerializer(review).data)


class ReviewCommentsView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(request=CommentInput, responses={201: CommentSerializer}, tags=["review"])
    def post(self, request: Request, token: str) -> Response:
        link = _resolve(request, token)
        if link.role != ShareLink.Role.COMMENT:
            raise svc.NotAllowed("this review link is view-only")
        data = CommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        comment = svc.add_comment(
            link,
            link.diagram,
            body=v["body"],
            author_name=v["author_name"],
            node=v.get("node"),
            edge=v.get("edge"),
            finding_rule=v.get("finding_rule"),
            parent_id=v.get("parent"),
            verdict=v.get("verdict") or "",
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class DiagramCommentsView(APIView):
    """The owner's view of the comments, and the owner's replies."""

    @extend_schema(responses=CommentSerializer(many=True), tags=["review"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(CommentSerializer(diagram_svc.get_owned(request.user, pk).comments.all(), many=True).data)

    @extend_schema(request=OwnerCommentInput, responses={201: CommentSerializer}, tags=["review"])
    def post(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        data = OwnerCommentInput(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        comment = svc.add_comment(
            None,
            diagram,
            body=v["body"],
            author_name=request.user.get_username(),
            author=request.user,
            node=v.get("node"),
            edge=v.get("edge"),
            finding_rule=v.get("finding_rule"),
            parent_id=v.get("parent"),
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class ResolveInput(serializers.Serializer):
    resolved = StrictBooleanField()


class CommentDetailView(APIView):
    @extend_schema(request=ResolveInput, responses=CommentSerializer, tags=["review"])
    def patch(self, request: Request, pk: int) -> Response:
        comment = Comment.objects.filter(pk=pk, diagram__owner=request.user).first()
        if comment is None:
            raise Http404("no such comment")
        data = ResolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(CommentSerializer(svc.set_resolved(comment, data.validated_data["resolved"])).data)


# --- Pictures for reviewers: renders of the link's snapshot, through the same cache ---------


def _review_render(link: ShareLink, render_id: int) -> Render:
    """A render the link may see: one of the exact document the link shows."""
    expected = content_hash(svc.snapshot(link).document)
    render = Render.objects.filter(pk=render_id, content_hash=expected).first()
    if render is None:
        raise Http404("no such render for this review link")
    return render_svc.expire_if_stale(render)


class ReviewRenderSerializer(RenderSerializer):
    """A render as a reviewer sees it: the file under the link's URL, no diagram id."""

    diagram = serializers.SerializerMethodField(help_text="always null: a reviewer is not told the diagram's id")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_diagram(self, obj: Render) -> None:
        return None

    def get_url(self, obj: Render) -> str | None:
        if obj.status != Render.Status.DONE or not obj.file:
            return None
        return reverse("api-review-render-file", args=[self.context["token"], obj.pk])


class ReviewRendersView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        request=RenderRequestSerializer,
        responses={200: ReviewRenderSerializer, 202: ReviewRenderSerializer},
        tags=["review"],
    )
    def post(self, request: Request, token: str) -> Response:
        link = _resolve(request, token)
        body = RenderRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = svc.snapshot(link).document
        # A reviewer's renders count for the diagram's owner (429 past the owner's limit).
        render = render_svc.request_render(document, **body.options(), owner=link.diagram.owner, limited=True)
        code = status.HTTP_200_OK if render.status == Render.Status.DONE else status.HTTP_202_ACCEPTED
        return Response(ReviewRenderSerializer(render, context={"token": token}).data, status=code)


class ReviewRenderDetailView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses=ReviewRenderSerializer, tags=["review"])
    def get(self, request: Request, token: str, pk: int) -> Response:
        render = _review_render(_resolve(request, token), pk)
        return Response(ReviewRenderSerializer(render, context={"token": token}).data)


class ReviewRenderFileView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses={(200, "image/png"): OpenApiResponse(description="the picture")}, tags=["review"])
    def get(self, request: Request, token: str, pk: int) -> Any:
        return render_file_response(_review_render(_resolve(request, token), pk))

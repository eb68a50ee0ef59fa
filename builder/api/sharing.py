"""Review links, the review API for people without an account, and comments."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
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
from builder.services.findings import report_for

from .renders import RenderRequestSerializer, RenderSerializer, fair_share, render_file_response
from .serializers import DocumentField, ReportSerializer


def client_id(request: Any) -> str:
    """Who is guessing: the client address (X-Forwarded-For only from TRUSTED_PROXIES)."""
    return security.client_address(request)


#: A revision number in a query string: ASCII digits only ("²".isdigit() is true, int() fails).
REVISION_NUMBER = re.compile(r"[0-9]{1,9}")


def link_json(link: ShareLink, request: Request, token: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": link.pk,
        "role": link.role,
        "token_prefix": link.token_prefix,
        "frozen_revision": link.frozen_revision,
        "expires_at": link.expires_at.isoformat() if link.expires_at else None,
        "revoked": link.revoked_at is not None,
        "created_at": link.created_at.isoformat(),
    }
    if token is not None:  # the clear token exists only in the creation response
        data["token"] = token
        data["url"] = request.build_absolute_uri(reverse("review", args=[token]))
    return data


class ShareLinkInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=ShareLink.Role.choices)
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    freeze = serializers.BooleanField(
        required=False, default=False, help_text="true: the link always shows the current revision, even after edits"
    )


class ShareLinkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.CharField()
    token = serializers.CharField(required=False, help_text="only in the response that created the link")
    url = serializers.CharField(required=False)
    token_prefix = serializers.CharField()
    frozen_revision = serializers.IntegerField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    revoked = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class CommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(allow_null=True)
    node = serializers.CharField(allow_null=True)
    edge = serializers.CharField(allow_null=True)
    finding_rule = serializers.CharField(allow_null=True)
    body = serializers.CharField()
    author_name = serializers.CharField()
    is_owner = serializers.BooleanField()
    verdict = serializers.CharField(allow_null=True)
    revision = serializers.IntegerField()
    resolved = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class CommentInput(serializers.Serializer):
    body = serializers.CharField(
        max_length=svc.MAX_COMMENT,
        trim_whitespace=True,
        error_messages={
            "max_length": f"A comment may be at most {svc.MAX_COMMENT:,} characters.",
            "blank": "A comment must not be empty.",
        },
    )
    author_name = serializers.CharField(
        max_length=svc.MAX_AUTHOR_NAME,
        trim_whitespace=True,
        error_messages={
            "max_length": f"A name may be at most {svc.MAX_AUTHOR_NAME} characters.",
            "blank": "Give a name to comment under.",
        },
    )
    node = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=64)
    edge = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=64)
    finding_rule = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=64)
    parent = serializers.IntegerField(required=False, allow_null=True)
    verdict = serializers.ChoiceField(
        choices=["", "approved", "changes_requested"], required=False, allow_null=True, allow_blank=True
    )


class ReviewOutput(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    revision = serializers.IntegerField()
    latest_revision = serializers.IntegerField()
    frozen = serializers.BooleanField()
    document = DocumentField()
    findings = ReportSerializer()
    comments = CommentOutput(many=True)
    changes = serializers.JSONField(allow_null=True)


def _bad_input(exc: svc.BadInput) -> Response:
    return Response({"detail": str(exc), exc.field: [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)


def _invalid(errors: dict[str, Any]) -> Response:
    """DRF's field errors plus a `detail` a person can read (the first problem), like _bad_input."""
    field, messages = next(iter(errors.items()))
    message = str(messages[0] if isinstance(messages, list) and messages else messages)
    detail = message if message[:1].isupper() and not message.startswith("This field") else f"{field}: {message}"
    return Response({"detail": detail, **errors}, status=status.HTTP_400_BAD_REQUEST)


class ShareLinkListView(APIView):
    @extend_schema(responses=ShareLinkOutput(many=True), tags=["sharing"])
    def get(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        return Response([link_json(link, request) for link in diagram.share_links.all()])

    @extend_schema(request=ShareLinkInput, responses={201: ShareLinkOutput}, tags=["sharing"])
    def post(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        data = ShareLinkInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            link, token = svc.create_link(
                diagram,
                request.user,
                data.validated_data["role"],
                expires_at=data.validated_data["expires_at"],
                freeze=data.validated_data["freeze"],
            )
        except svc.BadInput as exc:
            return _bad_input(exc)
        return Response(link_json(link, request, token), status=status.HTTP_201_CREATED)


class ShareLinkDetailView(APIView):
    @extend_schema(responses={204: None}, tags=["sharing"])
    def delete(self, request: Request, pk: int) -> Response:
        link = ShareLink.objects.filter(pk=pk, diagram__owner=request.user).first()
        if link is None:
            raise Http404("no such share link")
        svc.revoke_link(link)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _resolve(request: Request, token: str) -> ShareLink:
    try:
        return svc.resolve(token, client_id(request))
    except svc.TooManyGuesses:
        by_address, _ = svc.guess_windows()
        raise Throttled(
            wait=by_address.seconds,
            detail=(
                f"too many wrong review links: at most {by_address.limit} in {by_address.minutes} minutes "
                "from one address or for one link prefix; a valid link still works, try again later"
            ),
        ) from None


class ReviewView(APIView):
    """The diagram as a review link shows it. No account needed; the token is the key."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        parameters=[OpenApiParameter("since", int, description="show what changed since this revision")],
        responses={200: ReviewOutput},
        tags=["review"],
    )
    def get(self, request: Request, token: str) -> Response:
        link = _resolve(request, token)
        shown = svc.snapshot(link)
        changes = None
        since = request.query_params.get("since", "")
        if since and not REVISION_NUMBER.fullmatch(since):
            return _bad_input(svc.BadInput("since", f"since must be a revision number such as 1, not {since[:20]!r}"))
        if since and link.frozen_revision is None and int(since) < shown.revision:
            old = svc.document_at(link.diagram, int(since))
            if old is not None:
                changes = {"since": int(since), **diff(old, shown.document)}
        return Response(
            {
                "name": shown.document.get("name") or link.diagram.name,
                "role": link.role,
                "revision": shown.revision,
                "latest_revision": link.diagram.revision,
                "frozen": link.frozen_revision is not None,
                "document": shown.document,
                "findings": answer(report_for(shown.document)),
                "comments": svc.comments_json(link.diagram),
                "changes": changes,
            }
        )


class ReviewCommentsView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(request=CommentInput, responses={201: CommentOutput}, tags=["review"])
    def post(self, request: Request, token: str) -> Response:
        link = _resolve(request, token)
        if link.role != ShareLink.Role.COMMENT:
            return Response({"detail": "this review link is view-only"}, status=status.HTTP_403_FORBIDDEN)
        data = CommentInput(data=request.data)
        if not data.is_valid():
            return _invalid(data.errors)
        v = data.validated_data
        try:
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
        except svc.BadInput as exc:
            return _bad_input(exc)
        return Response(svc.comment_json(comment), status=status.HTTP_201_CREATED)


class DiagramCommentsView(APIView):
    """The owner's view of the comments, and the owner's replies."""

    @extend_schema(responses=CommentOutput(many=True), tags=["review"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(svc.comments_json(diagram_svc.get_owned(request.user, pk)))

    @extend_schema(request=CommentInput, responses={201: CommentOutput}, tags=["review"])
    def post(self, request: Request, pk: int) -> Response:
        diagram = diagram_svc.get_owned(request.user, pk)
        data = CommentInput(data={"author_name": request.user.get_username(), **request.data})
        if not data.is_valid():
            return _invalid(data.errors)
        v = data.validated_data
        try:
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
        except svc.BadInput as exc:
            return _bad_input(exc)
        return Response(svc.comment_json(comment), status=status.HTTP_201_CREATED)


class ResolveInput(serializers.Serializer):
    resolved = serializers.BooleanField()


class CommentDetailView(APIView):
    @extend_schema(request=ResolveInput, responses=CommentOutput, tags=["review"])
    def patch(self, request: Request, pk: int) -> Response:
        comment = Comment.objects.filter(pk=pk, diagram__owner=request.user).first()
        if comment is None:
            raise Http404("no such comment")
        data = ResolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(svc.comment_json(svc.set_resolved(comment, data.validated_data["resolved"])))


# --- Pictures for reviewers: renders of the link's snapshot, through the same cache ---------


def _review_render(link: ShareLink, render_id: int) -> Render:
    """A render the link may see: one of the exact document the link shows."""
    expected = content_hash(svc.snapshot(link).document)
    render = Render.objects.filter(pk=render_id, content_hash=expected).first()
    if render is None:
        raise Http404("no such render for this review link")
    return render_svc.expire_if_stale(render)


def review_render_json(render: Render, token: str) -> dict[str, Any]:
    data = dict(RenderSerializer(render).data)
    done = render.status == Render.Status.DONE and bool(render.file)
    data["url"] = reverse("api-review-render-file", args=[token, render.pk]) if done else None
    data["diagram"] = None  # a reviewer has no business with the diagram's id
    return data


class ReviewRendersView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        request=RenderRequestSerializer, responses={200: RenderSerializer, 202: RenderSerializer}, tags=["review"]
    )
    def post(self, request: Request, token: str) -> Response:
        link = _resolve(request, token)
        body = RenderRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = svc.snapshot(link).document
        owner = link.diagram.owner
        options = body.options()
        fair_share(owner, None, document, options)  # a reviewer's renders count for the owner
        render = render_svc.request_render(document, **options)
        render_svc.count_for_owner(owner, render)
        code = status.HTTP_200_OK if render.status == Render.Status.DONE else status.HTTP_202_ACCEPTED
        return Response(review_render_json(render, token), status=code)


class ReviewRenderDetailView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses=RenderSerializer, tags=["review"])
    def get(self, request: Request, token: str, pk: int) -> Response:
        return Response(review_render_json(_review_render(_resolve(request, token), pk), token))


class ReviewRenderFileView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(responses={(200, "image/png"): OpenApiResponse(description="the picture")}, tags=["review"])
    def get(self, request: Request, token: str, pk: int) -> Any:
        return render_file_response(_review_render(_resolve(request, token), pk))

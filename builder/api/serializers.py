"""Serializers: what the API's requests and responses look like, and the OpenAPI schema.

Every response body is built by one of these (views never hand-build a dict), so the schema
drf-spectacular publishes and what the server sends cannot drift apart. Request fields are the
strict ones of :mod:`.fields`: a boolean is ``true``/``false``, a number is never text.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from builder import document as doc_module
from builder import fastjson
from builder.i18n.web import answer
from builder.models import Comment, Diagram, Revision, ShareLink
from builder.services.findings import ENGINE, stored_report

from .fields import StrictCharField, StrictIntegerField
from .schema import DOCUMENT


class ProblemSerializer(serializers.Serializer):
    pointer = serializers.CharField(
        allow_blank=True,
        help_text='JSON Pointer (RFC 6901) into the request body (into the document for a document); "" for all of it',
    )
    message = serializers.CharField()
    parameter = serializers.CharField(required=False, help_text="the query parameter at fault, when it is one")


class ErrorSerializer(serializers.Serializer):
    """The envelope of every 4xx/5xx answer (see builder.api.errors)."""

    detail = serializers.CharField(help_text="what went wrong, in one sentence")
    problems = ProblemSerializer(many=True, help_text="each thing wrong with the request; empty when none is")


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    nodes = serializers.ListField(child=serializers.CharField())
    edges = serializers.ListField(child=serializers.CharField())
    message = serializers.CharField()
    hint = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    error = serializers.IntegerField()
    warning = serializers.IntegerField()
    info = serializers.IntegerField()


class ReportSerializer(serializers.Serializer):
    valid = serializers.BooleanField(help_text="true when no finding is an error")
    counts = CountsSerializer()
    findings = FindingSerializer(many=True)


class RuleSerializer(serializers.Serializer):
    id = serializers.CharField()
    severity = serializers.CharField()
    title = serializers.CharField()
    explanation = serializers.CharField()
    docs_url = serializers.CharField()
    source = serializers.CharField(allow_blank=True, help_text="the rule set it comes from; empty for our own")


@extend_schema_field(DOCUMENT)
class DocumentField(serializers.JSONField):
    """DRF checks a JSON field by encoding it once: with orjson where exact (builder.fastjson)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("encoder", fastjson.Encoder)
        super().__init__(**kwargs)


class DocumentInputSerializer(serializers.Serializer):
    document = DocumentField()


class DiagramUpdateSerializer(serializers.Serializer):
    revision = StrictIntegerField(min_value=1, max_value=2**31 - 1, help_text="the revision this change is based on")
    document = DocumentField()


#: The characters a document's name may not hold (the document validator's own set), less
#: lone surrogates, which a schema's regular expression cannot name (they are not characters to
#: ECMA-262's or Rust's regex engines; the server still refuses them).
_NAME_BAD = doc_module._NAME_BAD_RE.pattern[1:-1].replace("\\ud800-\\udfff", "")


@extend_schema_field(
    {
        "type": "string",
        "minLength": 1,
        "maxLength": doc_module.MAX_NAME,
        # Some character that is not white space; no control or bidi control characters.
        "pattern": f"^[^{_NAME_BAD}]*[^\\s{_NAME_BAD}][^{_NAME_BAD}]*$",
    }
)
class DiagramNameField(StrictCharField):
    """A diagram's name, checked as the document checks ``name`` (then trimmed)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_blank=False, trim_whitespace=True, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, str) and len(data) > doc_module.MAX_NAME:
            raise serializers.ValidationError(f"name is {len(data)} characters; the limit is {doc_module.MAX_NAME}")
        value = super().to_internal_value(data)
        problem = doc_module._text_problem(value, "name", names=True)
        if problem:
            raise serializers.ValidationError(problem)
        return value


class DiagramRenameSerializer(serializers.Serializer):
    name = DiagramNameField()


class DiagramSummarySerializer(serializers.ModelSerializer):
    counts = serializers.SerializerMethodField()

    class Meta:
        model = Diagram
        fields = ["id", "name", "revision", "counts", "created_at", "updated_at"]

    @extend_schema_field(CountsSerializer)
    def get_counts(self, obj: Diagram) -> dict[str, int]:
        # The list annotates just the stored counts (see DiagramListView); else the stored report.
        counts = getattr(obj, "stored_counts", None)
        if counts is not None and getattr(obj, "findings_engine", None) == ENGINE:
            return counts  # type: ignore[no-any-return]
        return stored_report(obj)["counts"]


class DiagramSerializer(serializers.ModelSerializer):
    document = DocumentField()
    findings = serializers.SerializerMethodField()

    class Meta:
        model = Diagram
        fields = ["id", "name", "revision", "document", "findings", "created_at", "updated_at"]

    @extend_schema_field(ReportSerializer)
    def get_findings(self, obj: Diagram) -> dict[str, Any]:
        # Computed once when saved, never again on read; said in the request's language.
        return answer(stored_report(obj))


class ConflictSerializer(DiagramSerializer):
    """A 409: the error envelope, and beside it the diagram as it now is."""

    detail = serializers.SerializerMethodField()
    problems = serializers.SerializerMethodField()

    class Meta(DiagramSerializer.Meta):
        fields = ["detail", "problems", *DiagramSerializer.Meta.fields]

    def get_detail(self, obj: Diagram) -> str:
        return f"revision conflict: the diagram is now at revision {obj.revision}; your change was not saved"

    @extend_schema_field(ProblemSerializer(many=True))
    def get_problems(self, obj: Diagram) -> list[dict[str, str]]:
        return []


class RevisionSummarySerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    #: What this save changed from the revision before it (``builder.diff.summary``), for the
    #: newest revisions the list view computes it for; null for older ones.
    summary = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = ["number", "reason", "content_hash", "author", "created_at", "summary"]

    def get_summary(self, obj: Revision) -> str | None:
        return self.context.get("summaries", {}).get(obj.number)

    def get_author(self, obj: Revision) -> str | None:
        return obj.author.get_username() if obj.author else None


class RevisionSerializer(RevisionSummarySerializer):
    document = DocumentField()

    class Meta(RevisionSummarySerializer.Meta):
        fields = [*RevisionSummarySerializer.Meta.fields, "document"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    language = serializers.ChoiceField(choices=["ko", "en"], allow_null=True, help_text="null: none chosen")


class MeUpdateSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=["ko", "en"], allow_null=True)


class StarterSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    document = DocumentField()


#: What happened to a template resource that is not simply a component (CONTRACT-EXT "Import").
IMPORT_REPORT_STATUSES = ("not_drawn", "folded", "note")


class ImportResultSerializer(serializers.Serializer):
    class ReportEntry(serializers.Serializer):
        logical_id = serializers.CharField(allow_null=True)
        type = serializers.CharField()
        line = serializers.IntegerField(allow_null=True)
        status = serializers.ChoiceField(choices=IMPORT_REPORT_STATUSES)
        message = serializers.CharField()

    document = DocumentField()
    report = ReportEntry(many=True)


# --- Review links and comments ---------------------------------------------------------


class CommentSerializer(serializers.ModelSerializer):
    """A comment, in the API and in the ``comment.added``/``comment.updated`` socket events."""

    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    node = serializers.SerializerMethodField()
    edge = serializers.SerializerMethodField()
    finding_rule = serializers.SerializerMethodField()
    is_owner = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    resolved = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "node",
            "edge",
            "finding_rule",
            "body",
            "author_name",
            "is_owner",
            "verdict",
            "revision",
            "resolved",
            "created_at",
        ]

    def get_node(self, c: Comment) -> str | None:
        return c.node or None

    def get_edge(self, c: Comment) -> str | None:
        return c.edge or None

    def get_finding_rule(self, c: Comment) -> str | None:
        return c.finding_rule or None

    def get_is_owner(self, c: Comment) -> bool:
        return c.share_link_id is None

    @extend_schema_field(serializers.ChoiceField(choices=["approved", "changes_requested"], allow_null=True))
    def get_verdict(self, c: Comment) -> str | None:
        return c.verdict or None

    def get_resolved(self, c: Comment) -> bool:
        return c.resolved_at is not None


class ShareLinkSerializer(serializers.ModelSerializer):
    """A review link as the owner's list shows it (the clear token is never stored)."""

    revoked = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = ["id", "role", "token_prefix", "frozen_revision", "expires_at", "revoked", "created_at"]

    def get_revoked(self, link: ShareLink) -> bool:
        return link.revoked_at is not None


class NewShareLinkSerializer(ShareLinkSerializer):
    """The answer that creates a link: the only one with its token (context ``token``, ``request``)."""

    token = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="the review page of the link")

    class Meta(ShareLinkSerializer.Meta):
        fields = [*ShareLinkSerializer.Meta.fields, "token", "url"]

    def get_token(self, link: ShareLink) -> str:
        return str(self.context["token"])

    def get_url(self, link: ShareLink) -> str:
        from django.urls import reverse

        return str(self.context["request"].build_absolute_uri(reverse("review", args=[self.context["token"]])))


class IdChangesSerializer(serializers.Serializer):
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())
    changed = serializers.ListField(child=serializers.CharField())


class ChangesSerializer(serializers.Serializer):
    """``builder.diff.diff`` of the revision ``since`` and the one shown: ids of each kind."""

    since = serializers.IntegerField()
    nodes = IdChangesSerializer()
    edges = IdChangesSerializer()


class ReviewSerializer(serializers.Serializer):
    """What a review link shows (``builder.api.sharing.ReviewView``)."""

    name = serializers.CharField(allow_blank=True)
    role = serializers.ChoiceField(choices=ShareLink.Role.choices)
    revision = serializers.IntegerField()
    latest_revision = serializers.IntegerField()
    frozen = serializers.BooleanField()
    document = DocumentField()
    findings = ReportSerializer()
    comments = CommentSerializer(many=True)
    changes = ChangesSerializer(
        allow_null=True, help_text="what changed since ?since=N (builder.diff), null without it"
    )

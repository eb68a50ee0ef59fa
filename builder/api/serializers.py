"""Serializers: what the API's requests and responses look like (also the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from builder.i18n.web import answer
from builder.models import Diagram, Revision
from builder.services.findings import ENGINE, stored_report


class ProblemSerializer(serializers.Serializer):
    pointer = serializers.CharField(help_text="JSON Pointer (RFC 6901) into the submitted document")
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    problems = ProblemSerializer(many=True, required=False)


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


@extend_schema_field({"type": "object", "description": "An architecture document (schema 1), see CONTRACT §1"})
class DocumentField(serializers.JSONField):
    pass


class DocumentInputSerializer(serializers.Serializer):
    document = DocumentField()


class DiagramUpdateSerializer(serializers.Serializer):
    revision = serializers.IntegerField(min_value=1, help_text="the revision this change is based on")
    document = DocumentField()


class DiagramRenameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, allow_blank=False, trim_whitespace=True)


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
    detail = serializers.SerializerMethodField()

    class Meta(DiagramSerializer.Meta):
        fields = ["detail", *DiagramSerializer.Meta.fields]

    def get_detail(self, obj: Diagram) -> str:
        return f"revision conflict: the diagram is now at revision {obj.revision}; your change was not saved"


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

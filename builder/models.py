"""Persistent state: diagrams and their revisions, renders, share links and comments.

The document itself is validated and understood by :mod:`builder.document` (pure); these
models only store it. Every save writes a :class:`Revision`, so nothing is ever lost.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce

from builder import fastjson


def json_column(**options: Any) -> models.JSONField:
    """A JSON column read and written with orjson where it is exact (builder.fastjson)."""
    return models.JSONField(encoder=fastjson.Encoder, decoder=fastjson.Decoder, **options)


class Diagram(models.Model):
    """A user's architecture diagram: the current document and its revision number."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diagrams")
    name = models.CharField(max_length=200)
    document = json_column()
    revision = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64)
    #: The rules' report for ``document``, computed once when it was saved (see services.findings).
    findings = json_column(null=True, blank=True)
    #: Which rule engine computed ``findings``; another engine's report is recomputed on read.
    findings_engine = models.CharField(max_length=16, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.name} (r{self.revision})"


class Revision(models.Model):
    """One saved state of a diagram. Revision ``n`` holds the document as it was saved as ``n``."""

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    document = json_column()
    content_hash = models.CharField(max_length=64)
    findings = json_column(null=True, blank=True)
    findings_engine = models.CharField(max_length=16, blank=True, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    #: Why this revision exists: "create", "save", "restore" (of revision N), "import".
    reason = models.CharField(max_length=64, default="save")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["diagram", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.diagram_id} r{self.number}"


class Render(models.Model):
    """A PNG, SVG or PDF picture of a document, cached by the document's content hash."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    class Format(models.TextChoices):
        PNG = "png"
        SVG = "svg"
        PDF = "pdf"

    class Layout(models.TextChoices):
        AUTO = "auto"
        CANVAS = "canvas"

    diagram = models.ForeignKey(Diagram, null=True, blank=True, on_delete=models.CASCADE, related_name="renders")
    #: Whose render it is: the diagram's owner, also for a picture asked through their review
    #: link (which has no diagram). The per-account limit counts by it (services/renders).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="renders"
    )
    revision = models.PositiveIntegerField(null=True, blank=True)
    #: sha256 of (canonical document with defaults, format, layout): the cache key.
    cache_key = models.CharField(max_length=64)
    content_hash = models.CharField(max_length=64)
    format = models.CharField(max_length=8, choices=Format.choices)
    layout = models.CharField(max_length=8, choices=Layout.choices, default=Layout.AUTO)
    #: PNG pixels per canvas px (1, 2 or 3); always 1 for the vector formats.
    scale = models.PositiveSmallIntegerField(default=1)
    transparent = models.BooleanField(default=False)  # no background fill
    #: The reader's language (en, ko): the picture's own words (subnet tags) and its error.
    lang = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    document = json_column()  # what to draw: a render never depends on later edits
    file = models.FileField(upload_to="renders/%Y/%m/", blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    #: How many workers have claimed it: a worker lost mid-render hands it to one more.
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The Celery worker drawing it (its liveness is what tells a lost worker from a slow one).
    worker = models.CharField(max_length=200, blank=True, default="")
    #: The Celery queue it was sent to: a retry goes back there (empty in embedded mode).
    queue = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["cache_key", "status"]), models.Index(fields=["owner", "status"])]
        constraints = [
            # One live render per picture and diagram: a second request joins the first.
            models.UniqueConstraint(
                Coalesce("diagram", Value(0)),
                "cache_key",
                condition=~Q(status="failed"),
                name="one_live_render_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"render {self.pk} {self.format} {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A render of a diagram is its owner's, however it was made (the limit counts by owner).
        if self.owner_id is None and self.diagram_id is not None:
            self.owner_id = Diagram.objects.filter(pk=self.diagram_id).values_list("owner_id", flat=True).first()
        super().save(*args, **kwargs)


class ShareLink(models.Model):
    """A review link. Only a hash of the token is stored: a leaked database leaks no link."""

    class Role(models.TextChoices):
        VIEW = "view"
        COMMENT = "comment"

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="share_links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    #: The first characters of the token, so the owner can tell links apart.
    token_prefix = models.CharField(max_length=8)
    role = models.CharField(max_length=16, choices=Role.choices)
    #: Frozen links show this revision forever; null follows the latest revision.
    frozen_revision = models.PositiveIntegerField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.role} link {self.token_prefix}… on {self.diagram_id}"


class Comment(models.Model):
    """A review comment pinned to a node, an edge, a finding or the whole diagram."""

    class Verdict(models.TextChoices):
        NONE = ""
        APPROVED = "approved"
        CHANGES_REQUESTED = "changes_requested"

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="comments")
    share_link = models.ForeignKey(ShareLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    author_name = models.CharField(max_length=80)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    node = models.CharField(max_length=64, blank=True)
    edge = models.CharField(max_length=64, blank=True)
    finding_rule = models.CharField(max_length=64, blank=True)
    body = models.TextField(max_length=4000)
    verdict = models.CharField(max_length=32, choices=Verdict.choices, blank=True, default="")
    revision = models.PositiveIntegerField()  # the revision the commenter was looking at
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.diagram_id}"


class UserPreference(models.Model):
    """What a user chose for themselves: the language of the pages and the editor."""

    LANGUAGES = (("en", "English"), ("ko", "한국어"))

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference")
    #: "en", "ko", or "" for no choice (the browser's language is used then).
    language = models.CharField(max_length=8, blank=True, default="", choices=LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user}: {self.language or '-'}"

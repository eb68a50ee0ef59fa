"""What live collaboration stores: diagram members, the shared (Yjs) state, every update.

The shared state of a diagram is :class:`SharedState` (every update up to some point, merged)
plus its :class:`Update` rows since (the tail). An update is a row before anyone hears of it;
writing a revision folds the tail into the state. ``seq`` numbers a diagram's updates 1, 2,
3... with no gap, so a server process that missed one (a dropped channel-layer message)
knows, and reads it back from here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from builder.models import Diagram, Revision


class Member(models.Model):
    """A colleague the owner added to a diagram: an ``editor`` edits live, a ``viewer`` watches."""

    class Role(models.TextChoices):
        EDITOR = "editor"
        VIEWER = "viewer"

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.EDITOR)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["diagram", "user"], name="one_membership_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} of {self.diagram_id}"


class SharedState(models.Model):
    """The diagram's Yjs state up to update ``compacted_seq``, merged into one update."""

    diagram = models.OneToOneField(Diagram, primary_key=True, on_delete=models.CASCADE, related_name="shared_state")
    state = models.BinaryField()
    #: The last update number given out (the next one is seq + 1).
    seq = models.PositiveBigIntegerField(default=0)
    #: Updates up to this number are merged into ``state`` (and their rows deleted).
    compacted_seq = models.PositiveBigIntegerField(default=0)
    #: The diagram revision whose content the shared state includes: a revision saved later
    #: outside the live session (a PUT, a restore) is merged in as a diff.
    revision = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"shared state of {self.diagram_id} (seq {self.seq})"


class Update(models.Model):
    """One Yjs update a client sent, stored before it is relayed to anyone."""

    diagram = models.ForeignKey(Diagram, on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveBigIntegerField()
    data = models.BinaryField()
    #: Who made it (null: a merge of a revision saved outside the session by nobody known).
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["diagram", "seq"], name="one_update_per_seq")]

    def __str__(self) -> str:
        return f"update {self.seq} of {self.diagram_id}"


class RevisionAuthor(models.Model):
    """Everyone whose live edits a revision written by the session contains (one row each)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="collab_authors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["revision", "user"], name="one_author_row_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} wrote revision {self.revision_id}"

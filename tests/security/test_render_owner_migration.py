"""Migration 0007 gives every render of a diagram the diagram's owner (the render limit counts by it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("builder", "0008_json_lz4")], [("builder", "0009_render_owner")]


def test_renders_of_a_diagram_get_its_owner_and_review_renders_none(django_user_model: Any) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    owner = old.get_model("auth", "User").objects.create(username="owner")
    Diagram, Render = old.get_model("builder", "Diagram"), old.get_model("builder", "Render")
    diagram = Diagram.objects.create(owner=owner, name="d", document={}, revision=1)
    fields = {"cache_key": "k", "content_hash": "h", "format": "png", "document": {}, "status": "pending"}
    drawn = Render.objects.create(diagram=diagram, **fields)
    for_review = Render.objects.create(diagram=None, **{**fields, "cache_key": "r"})

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("builder", "Render")
    assert new.objects.get(pk=drawn.pk).owner_id == owner.pk
    assert new.objects.get(pk=for_review.pk).owner_id is None
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

"""Migration 0002 stores the findings of every revision saved before it, and keeps one live
render per picture and diagram before the database starts enforcing it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from builder.services import findings
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("builder", "0001_initial")]
AFTER = [("builder", "0002_reliability")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_revisions_get_their_findings_and_duplicate_live_renders_are_settled(django_user_model: Any) -> None:
    old = migrate(BEFORE)
    try:
        owner = old.get_model("auth", "User").objects.create(username="ada")
        doc = minimal_document()
        doc["nodes"][1]["props"]["memory_mb"] = 20000
        diagram = old.get_model("builder", "Diagram").objects.create(
            owner_id=owner.pk, name="old", document=doc, revision=1, content_hash="x"
        )
        old.get_model("builder", "Revision").objects.create(
            diagram_id=diagram.pk, number=1, document=doc, content_hash="x"
        )
        Render = old.get_model("builder", "Render")
        common = {
            "diagram_id": diagram.pk,
            "cache_key": "k" * 64,
            "content_hash": "x",
            "format": "png",
            "document": doc,
        }
        done = Render.objects.create(status="done", **common)
        pending = Render.objects.create(status="pending", **common)
    finally:
        new = migrate(AFTER)
    try:
        check_filled(new, diagram.pk, doc, done.pk, pending.pk)
    finally:
        latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
        migrate(latest)  # the rest of the suite runs on the latest schema


def check_filled(new: Any, diagram_pk: int, doc: dict[str, Any], done_pk: int, pending_pk: int) -> None:
    expected = findings.report_for(doc)
    revision = new.get_model("builder", "Revision").objects.get(diagram_id=diagram_pk)
    assert revision.findings == expected and revision.findings_engine == findings.ENGINE
    assert new.get_model("builder", "Diagram").objects.get(pk=diagram_pk).findings == expected
    renders = new.get_model("builder", "Render").objects
    assert renders.get(pk=done_pk).status == "done"
    assert renders.get(pk=pending_pk).status == "failed"

"""PostgreSQL stores the diagrams' and revisions' JSON compressed with lz4 (migration 0008)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from bench.validate import make_document
from builder.models import Diagram, Revision
from builder.services.diagrams import create_diagram, save_diagram

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="column compression is PostgreSQL's"),
]


def test_a_saved_document_and_its_findings_are_stored_with_lz4(django_user_model: Any) -> None:
    user = django_user_model.objects.create_user(username="ada", password="correct horse battery")
    document = make_document(200)  # large enough to be compressed
    diagram = create_diagram(user, document)
    save_diagram(diagram, user, 1, dict(document, name="second"))
    with connection.cursor() as cursor:
        for model in (Diagram, Revision):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT pg_column_compression(document), pg_column_compression(findings) FROM {table}"  # noqa: S608
            )
            rows = cursor.fetchall()
            assert rows and all(row == ("lz4", "lz4") for row in rows), (table, rows)

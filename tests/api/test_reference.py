"""Catalog, rules, starters and the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from builder import catalog

pytestmark = pytest.mark.django_db


def test_catalog_lists_every_type_with_icons_that_exist() -> None:
    client = APIClient()
    response = client.get("/api/catalog/")
    body = response.json()
    types = {t["type"]: t for t in body["types"]}
    assert set(types) == {t.key for t in catalog.all_types()}
    lam = types["lambda.function"]
    memory = next(p for p in lam["props"] if p["name"] == "memory_mb")
    assert memory["unit"] == "MB" and memory["aws_min"] == 128 and memory["aws_max"] == 10240
    assert {
        "type": "dynamodb.table",
        "kind": "read_write",
        "label": "reads/writes",
        "feature": "DynamoDB API calls",
        "source_props": None,
    } in lam["connects_to"]
    for t in body["types"]:
        icon = client.get(t["icon"])
        assert icon.status_code == 200, t["icon"]
        assert b"".join(icon.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_catalog_etag_gives_304() -> None:
    client = APIClient()
    etag = client.get("/api/catalog/")["ETag"]
    assert client.get("/api/catalog/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_rules_endpoint_and_page() -> None:
    client = APIClient()
    rules = client.get("/api/rules/").json()
    ids = [r["id"] for r in rules]
    assert "LAMBDA_MEMORY_RANGE" in ids and "ISOLATED_NODE" in ids
    assert all(r["explanation"] and r["title"] for r in rules)
    page = client.get("/rules/")
    assert page.status_code == 200
    assert b"LAMBDA_MEMORY_RANGE" in page.content


def test_starters_are_valid_documents() -> None:
    starters = APIClient().get("/api/starters/").json()
    for starter in starters:
        assert starter["key"] and starter["name"] and starter["document"]["schema"] == 1


def test_openapi_schema_generates_without_warnings(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path) + "/schema.yaml")
    client = APIClient()
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200

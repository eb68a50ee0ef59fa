"""The OpenAPI schema says what a document is: the document's JSON Schema, from one place."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from rest_framework.test import APIClient

from builder import document_schema
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db

DOCUMENT = {"$ref": "#/components/schemas/Document"}


@pytest.fixture
def schema() -> dict[str, Any]:
    return APIClient().get("/api/schema/?format=json").json()  # type: ignore[no-any-return]


def _properties(schema: dict[str, Any], component: str) -> dict[str, Any]:
    return schema["components"]["schemas"][component]["properties"]  # type: ignore[no-any-return]


def test_the_document_component_is_the_document_json_schema(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.1")
    published = {k: v for k, v in document_schema.json_schema().items() if k not in ("$schema", "$id")}
    assert schema["components"]["schemas"]["Document"] == published


def test_every_body_and_field_holding_a_document_refers_to_the_component(schema: dict[str, Any]) -> None:
    validate = schema["paths"]["/api/validate/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert validate == DOCUMENT
    # No body is no document: the schema says the body is required, as the server does.
    assert schema["paths"]["/api/validate/"]["post"]["requestBody"]["required"] is True
    for component in ("DocumentInputRequest", "DiagramUpdateRequest", "Diagram", "Revision", "Starter", "Review"):
        assert _properties(schema, component)["document"] == DOCUMENT, component
    assert _properties(schema, "ImportResult")["document"] == DOCUMENT


def test_a_document_the_component_refuses_is_refused_by_the_api(api: APIClient, schema: dict[str, Any]) -> None:
    component = schema["components"]["schemas"]["Document"]
    document = minimal_document()
    document["nodes"][1]["props"]["memory_mb"] = "1024"  # numbers are never text
    assert not jsonschema.Draft202012Validator(component).is_valid(document)
    response = api.post("/api/validate/", document, format="json")
    assert response.status_code == 400
    assert [p["pointer"] for p in response.json()["problems"]] == ["/nodes/1/props/memory_mb"]
    document["nodes"][1]["props"]["memory_mb"] = 1024
    assert jsonschema.Draft202012Validator(component).is_valid(document)
    assert api.post("/api/validate/", document, format="json").status_code == 200


def test_render_scale_2_0_is_the_integer_2_as_json_schema_says(api: APIClient, schema: dict[str, Any]) -> None:
    scale = {**schema["components"]["schemas"]["RenderRequestRequest"]["properties"]["scale"], **schema}
    assert jsonschema.Draft202012Validator(scale).is_valid(2.0)  # the whole schema, for its $refs
    diagram = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    response = api.post(f"/api/diagrams/{diagram['id']}/renders/", {"format": "png", "scale": 2.0}, format="json")
    assert response.status_code in (200, 202), response.json()
    assert response.json()["scale"] == 2


def test_the_catalog_answer_has_a_schema_and_meets_it(schema: dict[str, Any]) -> None:
    documented = schema["paths"]["/api/catalog/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert documented["required"] == ["schema", "categories", "types", "style"]
    for lang in ("en", "ko"):
        answer = APIClient().get("/api/catalog/", HTTP_ACCEPT_LANGUAGE=lang).json()
        jsonschema.Draft202012Validator(documented).validate(answer)

"""One error envelope, strict request types, and a schema that lists every status (issue 14).

Each test is named after the input it sends.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from builder.api.schema import ERROR_STATUSES
from builder.models import Comment, Diagram
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def envelope_of(response: Any) -> dict[str, Any]:
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["problems"], list)
    return body  # type: ignore[no-any-return]


def pointers(response: Any) -> list[str]:
    return [p["pointer"] for p in envelope_of(response)["problems"]]


@pytest.fixture
def diagram(api: APIClient) -> dict[str, Any]:
    return api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()  # type: ignore[no-any-return]


@pytest.fixture
def comment(api: APIClient, diagram: dict[str, Any]) -> dict[str, Any]:
    return api.post(f"/api/diagrams/{diagram['id']}/comments/", {"body": "Why 1 GB?"}, format="json").json()  # type: ignore[no-any-return]


@pytest.fixture
def schema() -> dict[str, Any]:
    return APIClient().get("/api/schema/?format=json").json()  # type: ignore[no-any-return]


def test_resolved_0_0_is_refused_and_the_comment_stays_open(api: APIClient, comment: dict[str, Any]) -> None:
    response = api.patch(f"/api/comments/{comment['id']}/", {"resolved": 0.0}, format="json")
    assert response.status_code == 400
    assert envelope_of(response)["problems"] == [
        {"pointer": "/resolved", "message": "must be true or false, not a number"}
    ]
    assert response.json()["detail"] == "resolved: must be true or false, not a number"
    assert Comment.objects.get(pk=comment["id"]).resolved_at is None


def test_resolved_true_is_accepted(api: APIClient, comment: dict[str, Any]) -> None:
    response = api.patch(f"/api/comments/{comment['id']}/", {"resolved": True}, format="json")
    assert response.status_code == 200 and response.json()["resolved"] is True


def test_name_6_6e_206_is_refused_not_stored_as_text(api: APIClient, diagram: dict[str, Any]) -> None:
    response = api.patch(f"/api/diagrams/{diagram['id']}/", {"name": 6.6e-206}, format="json")
    assert response.status_code == 400 and pointers(response) == ["/name"]
    assert Diagram.objects.get(pk=diagram["id"]).name == "Thumbnail service"


def test_empty_patch_body_is_refused_naming_name_as_the_schema_requires(
    api: APIClient, diagram: dict[str, Any], schema: dict[str, Any]
) -> None:
    response = api.patch(f"/api/diagrams/{diagram['id']}/", {}, format="json")
    assert response.status_code == 400 and pointers(response) == ["/name"]
    body = schema["paths"]["/api/diagrams/{id}/"]["patch"]["requestBody"]["content"]["application/json"]["schema"]
    component = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert component["required"] == ["name"]


def test_revision_as_the_text_2_is_refused(api: APIClient, diagram: dict[str, Any]) -> None:
    url = f"/api/diagrams/{diagram['id']}/"
    response = api.put(url, {"revision": "1", "document": minimal_document(name="New")}, format="json")
    assert response.status_code == 400 and pointers(response) == ["/revision"]
    assert "whole number" in response.json()["detail"]
    assert Diagram.objects.get(pk=diagram["id"]).revision == 1


def test_revision_1_0_and_true_are_refused(api: APIClient, diagram: dict[str, Any]) -> None:
    for revision in (1.0, True):
        response = api.put(
            f"/api/diagrams/{diagram['id']}/", {"revision": revision, "document": minimal_document()}, format="json"
        )
        assert response.status_code == 400 and pointers(response) == ["/revision"], revision


def test_render_scale_as_the_text_2_is_refused(api: APIClient, diagram: dict[str, Any]) -> None:
    response = api.post(f"/api/diagrams/{diagram['id']}/renders/", {"format": "png", "scale": "2"}, format="json")
    assert response.status_code == 400 and pointers(response) == ["/scale"]


def test_share_link_role_5_points_at_role(api: APIClient, diagram: dict[str, Any]) -> None:
    response = api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": 5, "freeze": "yes"}, format="json")
    assert response.status_code == 400 and sorted(pointers(response)) == ["/freeze", "/role"]


def test_owner_comment_without_author_name_is_accepted_and_signed_with_the_account(
    api: APIClient, diagram: dict[str, Any], schema: dict[str, Any]
) -> None:
    response = api.post(f"/api/diagrams/{diagram['id']}/comments/", {"body": "Looks good"}, format="json")
    assert response.status_code == 201 and response.json()["author_name"] == "ada"
    ref = schema["paths"]["/api/diagrams/{id}/comments/"]["post"]["requestBody"]["content"]["application/json"]
    component = schema["components"]["schemas"][ref["schema"]["$ref"].rsplit("/", 1)[-1]]
    assert "author_name" not in component["properties"] and component["required"] == ["body"]


def test_comment_body_as_the_number_5_is_refused(api: APIClient, diagram: dict[str, Any]) -> None:
    response = api.post(f"/api/diagrams/{diagram['id']}/comments/", {"body": 5}, format="json")
    assert response.status_code == 400 and pointers(response) == ["/body"]


def test_since_abc_is_400_naming_the_parameter(api: APIClient, diagram: dict[str, Any]) -> None:
    link = api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "view"}, format="json").json()
    response = APIClient().get(f"/api/review/{link['token']}/?since=abc")
    assert response.status_code == 400
    (found,) = envelope_of(response)["problems"]
    assert found == {"pointer": "", "parameter": "since", "message": response.json()["detail"]}


def test_unknown_diagram_is_404_in_the_envelope(api: APIClient) -> None:
    response = api.get("/api/diagrams/999999/")
    assert response.status_code == 404 and envelope_of(response)["problems"] == []


def test_unknown_path_is_404_in_the_envelope(api: APIClient) -> None:
    response = api.get("/api/nothing-here/")
    assert response.status_code == 404 and envelope_of(response)["problems"] == []


def test_no_credentials_is_401_in_the_envelope() -> None:
    response = APIClient().get("/api/diagrams/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert envelope_of(response)["problems"] == []


def test_xml_body_is_415_in_the_envelope(api: APIClient) -> None:
    response = api.generic("POST", "/api/diagrams/", "<document/>", content_type="application/xml")
    assert response.status_code == 415 and "application/xml" in envelope_of(response)["detail"]


def test_stale_revision_is_409_with_the_envelope_beside_the_diagram(api: APIClient, diagram: dict[str, Any]) -> None:
    url = f"/api/diagrams/{diagram['id']}/"
    assert api.put(url, {"revision": 1, "document": minimal_document(name="First")}, format="json").status_code == 200
    response = api.put(url, {"revision": 1, "document": minimal_document(name="Second")}, format="json")
    assert response.status_code == 409
    body = envelope_of(response)
    assert body["problems"] == [] and body["revision"] == 2 and body["document"]["name"] == "First"


def test_invalid_document_keeps_the_contract_pointers_into_the_document(api: APIClient) -> None:
    doc = minimal_document()
    doc["nodes"][1]["props"]["memory_mb"] = "1024"
    response = api.post("/api/diagrams/", {"document": doc}, format="json")
    assert response.status_code == 400 and pointers(response) == ["/nodes/1/props/memory_mb"]


def test_every_operation_documents_each_error_status_with_the_envelope(schema: dict[str, Any]) -> None:
    envelope = schema["components"]["schemas"]["Error"]
    assert envelope["required"] == ["detail", "problems"]
    known = {code for code, _, _ in ERROR_STATUSES}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            where = f"{method.upper()} {path}"
            assert "503" in responses, where
            if "{" in path:
                assert "404" in responses, where
            if operation.get("security") and {} not in operation["security"]:
                assert "401" in responses, where
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= set(responses), where
            for code, response in responses.items():
                if int(code) in known and int(code) != 409:
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref == "#/components/schemas/Error", where
    put = schema["paths"]["/api/diagrams/{id}/"]["put"]["responses"]["409"]
    assert put["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Conflict"


def test_the_documented_status_table_is_the_schema_table() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "contract-extensions.md").read_text()
    section = text.split("## Errors: one envelope", 1)[1].split("\n## ", 1)[0]
    documented = {int(line.split("|")[1]) for line in section.splitlines() if line[:3] in ("| 4", "| 5")}
    assert documented == {code for code, _, _ in ERROR_STATUSES}

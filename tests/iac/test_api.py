"""The IaC API: POST /api/import/ and GET /api/diagrams/{id}/export/{sam|drawio}."""

from __future__ import annotations

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from .conftest import SAM_DIR

pytestmark = pytest.mark.django_db

TEMPLATE = SAM_DIR / "apigw-lambda-dynamodb-stream-lambda" / "template.yaml"


def test_import_a_template_as_a_multipart_file(api: APIClient) -> None:
    upload = SimpleUploadedFile("template.yaml", TEMPLATE.read_bytes(), content_type="application/yaml")
    response = api.post("/api/import/", {"file": upload}, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert {n["id"] for n in body["document"]["nodes"]} >= {"ProducerFunction", "ConsumerFunction", "DynamoDBTable"}
    assert isinstance(body["report"], list)


def test_import_the_text_as_json_or_as_the_body(api: APIClient) -> None:
    text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Role:\n    Type: AWS::IAM::Role\n"
    as_json = api.post("/api/import/", {"text": text, "filename": "t.yaml"}, format="json").json()
    as_body = api.generic("POST", "/api/import/", text.encode(), content_type="text/plain").json()
    for body in (as_json, as_body):
        assert [n["type"] for n in body["document"]["nodes"]] == ["sqs.queue"]
        assert body["report"] == [
            {
                "logical_id": "Role",
                "type": "AWS::IAM::Role",
                "line": 4,
                "status": "not_drawn",
                "message": "no component type for it: kept in the template",
            }
        ]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": "Resources:\n  A: !Include x.yaml\n"}, "line 2: unknown tag !Include"),
        ({"text": "just: text\n"}, "no Resources section"),
        ({"text": ""}, "send the template"),
        ({"text": "<mxfile><diagram>"}, "malformed XML"),
    ],
)
def test_a_file_it_cannot_read_is_400_with_the_reason(api: APIClient, payload: dict, message: str) -> None:
    response = api.post("/api/import/", payload, format="json")
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_body_over_the_limit_is_refused_before_reading(api: APIClient) -> None:
    big = b"Resources:\n" + b"#" * (2 * 1024 * 1024)
    response = api.generic("POST", "/api/import/", big, content_type="text/plain")
    assert response.status_code == 413
    assert "512 KiB" in response.json()["detail"]


def test_import_needs_a_signed_in_user() -> None:
    assert APIClient().post("/api/import/", {"text": "x"}, format="json").status_code in (401, 403)


def _create(api: APIClient, doc: dict) -> int:
    response = api.post("/api/diagrams/", {"document": doc}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_export_sam_after_import_and_save_is_the_original_then_follows_edits(api: APIClient) -> None:
    text = TEMPLATE.read_text()
    doc = api.post("/api/import/", {"text": text, "filename": "template.yaml"}, format="json").json()["document"]
    pk = _create(api, doc)
    response = api.get(f"/api/diagrams/{pk}/export/sam")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert 'filename="template.yaml"' in response["Content-Disposition"]
    assert response.content.decode() == text

    diagram = api.get(f"/api/diagrams/{pk}/").json()
    edited = copy.deepcopy(diagram["document"])
    next(n for n in edited["nodes"] if n["id"] == "ProducerFunction")["props"]["timeout_s"] = 25
    saved = api.put(f"/api/diagrams/{pk}/", {"revision": diagram["revision"], "document": edited}, format="json")
    assert saved.status_code == 200, saved.content
    out = api.get(f"/api/diagrams/{pk}/export/sam").content.decode()
    assert "Timeout: 25" in out and out.replace("      Timeout: 25\n", "") == text


def test_export_drawio(api: APIClient) -> None:
    doc = {"schema": 1, "nodes": [{"id": "t", "type": "sns.topic", "label": "Alerts"}], "edges": []}
    pk = _create(api, doc)
    response = api.get(f"/api/diagrams/{pk}/export/drawio")
    assert response.status_code == 200
    assert response.content.startswith(b"<mxfile")
    assert 'filename="diagram.drawio"' in response["Content-Disposition"]


def test_export_of_a_diagram_that_cannot_be_written_is_400(api: APIClient) -> None:
    pk = _create(api, {"schema": 1, "nodes": [{"id": "cache", "type": "elasticache.cluster"}], "edges": []})
    response = api.get(f"/api/diagrams/{pk}/export/sam")
    assert response.status_code == 400
    assert "must be inside a subnet" in response.json()["detail"]


def test_another_users_diagram_is_404(api: APIClient, other_api: APIClient) -> None:
    pk = _create(api, {"schema": 1, "nodes": [{"id": "t", "type": "sns.topic"}], "edges": []})
    assert other_api.get(f"/api/diagrams/{pk}/export/sam").status_code == 404
    assert api.get(f"/api/diagrams/{pk}/export/terraform").status_code == 404

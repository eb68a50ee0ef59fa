"""Inputs that used to answer 500: each is now a 4xx with the API's error shape (`detail`)."""

from __future__ import annotations

import ast
import time
from typing import Any

import pytest
from rest_framework.test import APIClient

from builder.api.parsers import MAX_DEPTH
from builder.api.renders import download_name
from builder.models import Render
from builder.services import diagrams as diagram_svc
from builder.services import renders as render_svc
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db

DEEP_JSON = "[" * 1000 + "]" * 1000


def deep_object(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize(
    "body",
    [DEEP_JSON, deep_object(1000), deep_object(MAX_DEPTH + 1), "[" * 100_000],
    ids=["arrays-1000", "objects-1000", "objects-limit+1", "open-arrays-100000"],
)
def test_json_nested_1000_deep_is_a_400(api: APIClient, body: str) -> None:
    response = api.post("/api/validate/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "nest" in response.json()["detail"] or "malformed JSON" in response.json()["detail"]


def test_json_nested_1000_deep_without_login_is_a_4xx(api: APIClient) -> None:
    diagram = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    token = api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "comment"}, format="json").json()["token"]
    anonymous = APIClient()
    comment = anonymous.post(f"/api/review/{token}/comments/", DEEP_JSON, content_type="application/json")
    assert comment.status_code == 400 and "nest" in comment.json()["detail"]
    # An endpoint that needs an account says so before it reads the body.
    assert anonymous.post("/api/diagrams/", DEEP_JSON, content_type="application/json").status_code == 401


def test_json_nested_exactly_to_the_limit_is_parsed(api: APIClient) -> None:
    response = api.post("/api/validate/", deep_object(MAX_DEPTH - 1), content_type="application/json")
    assert response.status_code == 400 and "nest" not in response.json()["detail"]  # parsed, then not a document


@pytest.mark.parametrize("since", ["²", "\u0661", "-1", "1.5", "abc", "9" * 30, "1 ", "0x1"])
def test_since_odd_values_on_a_review_link_are_a_400(api: APIClient, since: str) -> None:
    diagram = api.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    token = api.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "view"}, format="json").json()["token"]
    response = APIClient().get(f"/api/review/{token}/", {"since": since})
    assert response.status_code == 400, response.content
    assert "since must be a revision number" in response.json()["detail"]
    assert APIClient().get(f"/api/review/{token}/", {"since": "1"}).status_code == 200
    assert APIClient().get(f"/api/review/{token}/", {"since": ""}).status_code == 200


def container_chain(depth: int) -> dict[str, Any]:
    nodes = [
        {
            "id": f"s{i}",
            "type": "aws.subnet",
            "label": f"level {i}",
            "parent": f"s{i - 1}" if i else None,
            "position": {"x": 10, "y": 10},
            "props": {},
        }
        for i in range(depth)
    ]
    nodes.append(
        {
            "id": "fn",
            "type": "lambda.function",
            "label": "deepest",
            "parent": f"s{depth - 1}",
            "position": {"x": 10, "y": 10},
            "props": {},
        }
    )
    nodes.append(
        {"id": "top", "type": "s3.bucket", "label": "top", "parent": None, "position": {"x": 0, "y": 0}, "props": {}}
    )
    return minimal_document(nodes=nodes, edges=[{"id": "e1", "source": "top", "target": "fn", "label": ""}])


@pytest.mark.parametrize("depth", [1500, 25, 3])
def test_container_chain_1500_deep_exports_a_script_python_can_compile(user: Any, api: APIClient, depth: int) -> None:
    diagram = diagram_svc.create_diagram(user, container_chain(depth))
    response = api.get(f"/api/diagrams/{diagram.pk}/export/diagrams.py")
    assert response.status_code == 200, response.content[:300]
    script = response.content.decode()
    # Python refuses more than 20 nested blocks: the script must not nest `with` that deep.
    compile(script, "diagram.py", "exec")
    tree = ast.parse(script)
    groups = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "group"]
    assert len(groups) == depth
    assert "'s1499'" in script if depth == 1500 else f"'s{depth - 1}'" in script
    assert "n0 >> Edge() >> n1" in script or ">> Edge() >>" in script


@pytest.mark.parametrize("name", ["???", "..", "<>", ".", "/", "\\", "   ", "\u202e"])
def test_render_download_for_a_diagram_named_question_marks_falls_back_to_diagram_rn(name: str) -> None:
    render = Render(document={"name": name}, revision=3, format="png")
    assert download_name(render) == "diagram-r3.png"


def test_render_download_name_keeps_a_usable_name() -> None:
    render = Render(document={"name": "Thumbnail service"}, revision=2, format="svg")
    assert download_name(render) == "Thumbnail-service-r2.svg"
    assert download_name(Render(document={"name": "a/../b"}, revision=1, format="png")) == "a..b-r1.png"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["???", "..", "<>"])
def test_render_download_for_a_diagram_named_dots_is_served_as_diagram_rn(user: Any, api: APIClient, name: str) -> None:
    diagram = diagram_svc.create_diagram(user, minimal_document(name=name))
    render = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "svg"}, format="json").json()
    render_svc.wait_inline()
    deadline = time.monotonic() + 60
    while (body := api.get(f"/api/renders/{render['id']}/").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, body
        time.sleep(0.05)
    assert body["status"] == "done", body
    download = api.get(body["url"])
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="diagram-r{diagram.revision}.svg"'

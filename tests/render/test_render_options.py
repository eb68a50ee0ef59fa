"""Export options through the API, the review link and the CLI: format png/svg/pdf,
scale 1-3 (PNG), transparent background, layout; a too-large PNG ends failed saying why."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from PIL import Image
from rest_framework.test import APIClient

from builder.models import Diagram
from builder.services import diagrams as diagram_svc
from builder.services import renders as svc
from builder.services import sharing as share_svc
from tests.conftest import minimal_document
from tests.render.samples import generated
from tests.render.test_render_api import wait

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def diagram(user: Any) -> Diagram:
    return diagram_svc.create_diagram(user, minimal_document())


def download(api: APIClient, body: dict[str, Any]) -> bytes:
    assert body["status"] == "done", body
    return b"".join(api.get(body["url"]).streaming_content)


def test_scale_transparent_and_pdf_through_the_api(api: APIClient, diagram: Diagram) -> None:
    url = f"/api/diagrams/{diagram.pk}/renders/"
    one = wait(api, api.post(url, {"format": "png", "layout": "canvas"}, format="json").json()["id"])
    two = wait(api, api.post(url, {"format": "png", "layout": "canvas", "scale": 2}, format="json").json()["id"])
    assert one["scale"] == 1 and two["scale"] == 2 and one["id"] != two["id"]
    w1 = Image.open(io.BytesIO(download(api, one))).width
    w2 = Image.open(io.BytesIO(download(api, two))).width
    assert abs(w2 - 2 * w1) <= 2
    clear = wait(api, api.post(url, {"format": "png", "transparent": True}, format="json").json()["id"])
    assert clear["transparent"] is True
    assert Image.open(io.BytesIO(download(api, clear))).getpixel((0, 0))[3] == 0
    pdf = wait(api, api.post(url, {"format": "pdf", "scale": 3}, format="json").json()["id"])
    assert pdf["scale"] == 1  # vector: one file for every scale
    response = api.get(pdf["url"])
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("body", [{"scale": 4}, {"scale": "big"}, {"format": "gif"}, {"transparent": "maybe"}])
def test_bad_options_are_a_400_naming_the_field(api: APIClient, diagram: Diagram, body: dict[str, Any]) -> None:
    response = api.post(f"/api/diagrams/{diagram.pk}/renders/", body, format="json")
    assert response.status_code == 400
    assert next(iter(body)) in json.dumps(response.json())


def test_a_png_over_the_budget_fails_and_points_to_svg(api: APIClient, user: Any) -> None:
    big = diagram_svc.create_diagram(user, generated(1000))
    url = f"/api/diagrams/{big.pk}/renders/"
    body = wait(api, api.post(url, {"format": "png", "scale": 3}, format="json").json()["id"], timeout=120)
    assert body["status"] == "failed"
    assert "export SVG or PDF" in body["error"] and "megapixels" in body["error"]


def test_review_link_renders_take_the_same_options(api: APIClient, diagram: Diagram, user: Any) -> None:
    _, token = share_svc.create_link(diagram, user, "view")
    reviewer = APIClient()
    started = reviewer.post(
        f"/api/review/{token}/renders/", {"format": "png", "scale": 2, "transparent": True}, format="json"
    )
    assert started.status_code in (200, 202), started.content
    svc.wait_inline(60)  # embedded mode; with Celery, poll as a reviewer's page does
    deadline = time.monotonic() + 60
    while True:
        body = reviewer.get(f"/api/review/{token}/renders/{started.json()['id']}/").json()
        if body["status"] in ("done", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert body["status"] == "done" and body["scale"] == 2 and body["transparent"] is True


def test_cli_takes_the_options(tmp_path: Path) -> None:
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(minimal_document()))
    call_command("render", str(src), "-o", str(tmp_path / "out.pdf"), "--layout", "canvas")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")
    call_command("render", str(src), "-o", str(tmp_path / "a.png"), "--layout", "canvas")
    call_command(
        "render", str(src), "-o", str(tmp_path / "b.png"), "--layout", "canvas", "--scale", "2", "--transparent"
    )
    a = Image.open(tmp_path / "a.png")
    b = Image.open(tmp_path / "b.png")
    assert abs(b.width - 2 * a.width) <= 2 and b.getpixel((0, 0))[3] == 0

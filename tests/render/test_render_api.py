"""Renders through the service and the API: cached, pushed, failed cleanly, owner only."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from builder import render as renderer
from builder.models import Diagram, Render
from builder.services import diagrams as diagram_svc
from builder.services import events
from builder.services import renders as svc
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db(transaction=True)


def wait(api: APIClient, render_id: int, timeout: float = 60) -> dict[str, Any]:
    """The render once it is done or failed (embedded mode: wait for the render thread)."""
    svc.wait_inline(timeout)
    deadline = time.monotonic() + timeout
    while True:
        body = api.get(f"/api/renders/{render_id}/").json()
        if body["status"] in ("done", "failed") or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


@pytest.fixture(autouse=True)
def _no_render_outlives_its_test() -> Any:
    yield
    # A render still drawing (in a thread, or in the Celery worker) would race the database
    # flush between tests, and its late writes would land in the next test's tables.
    svc.wait_inline()
    deadline = time.monotonic() + 60
    while Render.objects.filter(status__in=["pending", "running"]).exists() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def diagram(user: Any) -> Diagram:
    return diagram_svc.create_diagram(user, minimal_document())


@pytest.fixture
def pushed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, dict[str, Any]]]:
    sent: list[tuple[int, dict[str, Any]]] = []
    real = events.send_now

    def capture(diagram_id: int, event: dict[str, Any]) -> None:
        sent.append((diagram_id, json.loads(json.dumps(event))))
        real(diagram_id, event)

    monkeypatch.setattr(events, "send_now", capture)
    return sent


def test_png_render_is_drawn_cached_and_downloadable(
    api: APIClient, diagram: Diagram, pushed: list[tuple[int, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "png"}, format="json")
    assert started.status_code == 202, started.content
    assert started.json()["status"] in ("pending", "running", "done")
    body = wait(api, started.json()["id"])
    assert body["status"] == "done", body
    assert body["url"] == f"/api/renders/{body['id']}/file/"
    assert body["layout"] == "auto" and body["revision"] == 1 and body["size_bytes"] > 1000

    download = api.get(body["url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert 'filename="Thumbnail-service-r1.png"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"

    if not settings.RENDER_INLINE:
        return  # a Celery worker (another process) sent the progress: see test_celery_worker_*
    # Progress went to the diagram's group, running then done with the download URL.
    statuses = [e["render"]["status"] for d, e in pushed if d == diagram.pk and e["type"] == "render.progress"]
    assert statuses[-2:] == ["running", "done"]
    assert pushed[-1][1]["render"] == {"id": body["id"], "status": "done", "url": body["url"], "format": "png"}

    # Same document, same format: the same render at once, nothing drawn again.
    def must_not_draw(*args: Any, **kwargs: Any) -> bytes:
        raise AssertionError("a cache hit must not render")

    monkeypatch.setattr(renderer, "render", must_not_draw)
    t = time.perf_counter()
    again = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "png", "layout": "auto"}, format="json")
    elapsed = time.perf_counter() - t
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Render.objects.count() == 1
    assert elapsed < 0.5  # generous on a shared CI box; bench/render.py measures the real figure


def test_svg_canvas_render_is_self_contained(api: APIClient, diagram: Diagram) -> None:
    started = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "svg", "layout": "canvas"}, format="json")
    body = wait(api, started.json()["id"])
    assert body["status"] == "done", body
    download = api.get(body["url"])
    assert download["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in download["Content-Security-Policy"]
    text = b"".join(download.streaming_content).decode()
    assert "썸네일 생성" in text and "data:image/png;base64," in text and 'href="/' not in text


def test_a_changed_format_or_document_is_a_new_render(api: APIClient, diagram: Diagram) -> None:
    first = svc.request_render(diagram, "png")
    assert svc.request_render(diagram, "svg").pk != first.pk
    assert svc.request_render(diagram, "png", "canvas").pk != first.pk
    # Equal meaning (a default spelled out) is the same picture.
    doc = minimal_document()
    doc["nodes"][0]["props"] = {"versioning": False}
    diagram.document = doc
    assert svc.request_render(diagram, "png").pk == first.pk
    doc["nodes"][0]["label"] = "Uploads 2"
    assert svc.request_render(diagram, "png").pk != first.pk


@pytest.mark.skipif(
    not settings.RENDER_INLINE,
    reason="injects the failure through this process's settings; a Celery worker is another process",
)
def test_graphviz_failure_ends_failed_with_a_message(api: APIClient, diagram: Diagram, settings: Any) -> None:
    settings.RENDER_DOT_BINARY = "/bin/false"
    started = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "png"}, format="json")
    body = wait(api, started.json()["id"])
    assert body["status"] == "failed" and "Graphviz failed" in body["error"] and body["url"] is None
    assert api.get(f"/api/renders/{body['id']}/file/").status_code == 404
    # A failed render is not a cache entry: asking again tries again.
    settings.RENDER_DOT_BINARY = "dot"
    retry = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "png"}, format="json").json()
    assert retry["id"] != body["id"] and wait(api, retry["id"])["status"] == "done"


@pytest.mark.skipif(
    not settings.RENDER_INLINE,
    reason="injects the failure through this process's settings; a Celery worker is another process",
)
def test_timeout_ends_failed_not_running(api: APIClient, diagram: Diagram, settings: Any) -> None:
    settings.RENDER_TIME_LIMIT_S = 0.001
    started = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "png"}, format="json")
    body = wait(api, started.json()["id"])
    assert body["status"] == "failed" and "longer than" in body["error"]


def test_a_stale_running_render_counts_as_failed(api: APIClient, diagram: Diagram) -> None:
    render = svc.request_render(diagram, "png")
    assert wait(api, render.pk)["status"] == "done"
    Render.objects.filter(pk=render.pk).update(
        status="running", started_at=timezone.now() - timedelta(hours=1), file=""
    )
    body = api.get(f"/api/renders/{render.pk}/").json()
    assert body["status"] == "failed" and "did not finish" in body["error"]
    # ...and is no longer reused.
    assert svc.request_render(diagram, "png").pk != render.pk


def test_only_the_owner_sees_renders_and_scripts(api: APIClient, other_api: APIClient, diagram: Diagram) -> None:
    body = wait(api, api.post(f"/api/diagrams/{diagram.pk}/renders/", {}, format="json").json()["id"])
    assert body["status"] == "done"
    assert other_api.post(f"/api/diagrams/{diagram.pk}/renders/", {}, format="json").status_code == 404
    assert other_api.get(f"/api/renders/{body['id']}/").status_code == 404
    assert other_api.get(f"/api/renders/{body['id']}/file/").status_code == 404
    assert other_api.get(f"/api/diagrams/{diagram.pk}/export/diagrams.py").status_code == 404
    assert APIClient().get(f"/api/renders/{body['id']}/").status_code in (401, 403)


def test_bad_format_is_a_400(api: APIClient, diagram: Diagram) -> None:
    response = api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": "gif"}, format="json")
    assert response.status_code == 400
    assert not Render.objects.exists()


def test_export_script_endpoint(api: APIClient, diagram: Diagram) -> None:
    response = api.get(f"/api/diagrams/{diagram.pk}/export/diagrams.py")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/x-python")
    script = response.content.decode()
    compile(script, "diagram.py", "exec")
    assert "from diagrams.aws.compute import Lambda" in script and "'썸네일 생성'" in script


def test_cli_render_and_export(tmp_path: Any) -> None:
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(minimal_document(), ensure_ascii=False))
    call_command("render", str(src), "-o", str(tmp_path / "out.svg"), "--layout", "canvas")
    assert (tmp_path / "out.svg").read_text().startswith("<?xml")
    call_command("render", str(src), "-o", str(tmp_path / "out.png"))
    assert (tmp_path / "out.png").read_bytes()[:4] == b"\x89PNG"
    call_command("export_script", str(src), "-o", str(tmp_path / "d.py"))
    compile((tmp_path / "d.py").read_text(), "d.py", "exec")
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 1, "nodes": [{"id": "a", "type": "nope"}]}')
    with pytest.raises(SystemExit) as exit_info:
        call_command("render", str(bad), "-o", str(tmp_path / "bad.png"))
    assert exit_info.value.code == 2 and not (tmp_path / "bad.png").exists()

"""The review page draws what the editor draws: edges saved without routes are routed there with
the editor's router, small documents at once and large ones (more than 400 edges) in idle time
after the first paint, and each edge gets the same path on both pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import WSGI_SOCKET_REFUSED, new_page
from .test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)

#: Every rendered edge's path and whether it is a saved route (not a step path).
PATHS = """() => Object.fromEntries([...document.querySelectorAll('.react-flow__edge')].map((g) => {
  const p = g.querySelector('path.react-flow__edge-path');
  return [g.dataset.id, {d: p.getAttribute('d'), routed: p.hasAttribute('data-routed')}];
}))"""


def chain(n: int, cols: int) -> dict[str, Any]:
    """Functions in a grid, each calling the next: n - 1 edges, none with a saved route."""
    nodes = [
        {"id": f"f{i}", "type": "lambda.function", "label": f"f{i}", "parent": None,
         "position": {"x": (i % cols) * 240, "y": (i // cols) * 200}, "props": {}}
        for i in range(n)
    ]  # fmt: skip
    edges = [{"id": f"e{i}", "source": f"f{i}", "target": f"f{i + 1}", "label": ""} for i in range(n - 1)]
    return {"schema": 1, "name": f"Chain of {n}", "region": "us-east-1", "nodes": nodes, "edges": edges}


def share(page: Any, doc: dict[str, Any]) -> tuple[int, str]:
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    headers = {"Content-Type": "application/json", "X-CSRFToken": csrf}
    res = page.request.post("/api/diagrams/", data=json.dumps({"document": doc}), headers=headers)
    assert res.ok, res.text()
    diagram_id = res.json()["id"]
    link = page.request.post(
        f"/api/diagrams/{diagram_id}/share-links/", data=json.dumps({"role": "view"}), headers=headers
    )
    assert link.ok, link.text()
    return diagram_id, link.json()["url"]


def all_routed(page: Any, timeout: float = 60_000) -> dict[str, Any]:
    done = f"() => {{ const v = Object.values(({PATHS})()); return v.length > 0 && v.every((e) => e.routed); }}"
    page.wait_for_function(done, timeout=timeout)
    return page.evaluate(PATHS)


@pytest.mark.parametrize(("n", "cols"), [(12, 4), (430, 30)], ids=["small", "over-400-edges"])
def test_the_review_page_routes_edges_as_the_editor_does(
    page: Any, chromium: Any, live_server: Any, shots: Any, n: int, cols: int
) -> None:
    page.set_viewport_size({"width": 1500, "height": 900})
    sign_up(page, "ada")
    diagram_id, url = share(page, chain(n, cols))
    stored = page.request.get(f"/api/diagrams/{diagram_id}/").json()["document"]
    assert not any("route" in e for e in stored["edges"])  # nothing saved: both pages route

    page.goto(f"/diagrams/{diagram_id}/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    in_editor = all_routed(page)
    shots(page, "editor")

    reviewer = new_page(chromium, live_server.url)
    reviewer.expected_errors.append(WSGI_SOCKET_REFUSED)  # WSGI live server: the page polls
    reviewer.set_viewport_size({"width": 1500, "height": 900})
    reviewer.goto(url)
    expect(reviewer.locator(".react-flow__node").first).to_be_visible()
    on_review = all_routed(reviewer)
    shots(reviewer, "review")
    # The two pages open on different views (the reviewer's is fitted to the screen): the edges
    # both draw must have the same path; the small diagram is in view whole on both.
    common = in_editor.keys() & on_review.keys()
    assert len(common) >= (n - 1 if n < 50 else 3), (len(in_editor), len(on_review), len(common))
    different = [e for e in common if in_editor[e]["d"] != on_review[e]["d"]]
    assert not different, different[:5]

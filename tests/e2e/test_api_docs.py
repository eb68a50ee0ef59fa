"""A newcomer's first steps: sign up, then create a diagram from the interactive API docs."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from builder.models import Diagram
from tests.conftest import minimal_document
from tests.e2e.test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_a_diagram_through_the_api_docs(page: Any, shots: Any) -> None:
    sign_up(page, "newcomer")
    page.goto("/api/docs/")
    create = page.locator(".opblock-post", has=page.locator("[data-path='/api/diagrams/']"))
    expect(create).to_be_visible(timeout=20_000)
    shots(page, "api-docs")
    create.locator(".opblock-summary").click()
    create.get_by_role("button", name="Try it out").click()
    create.locator("textarea.body-param__text").fill(json.dumps({"document": minimal_document(name="From the docs")}))
    create.get_by_role("button", name="Execute").click()
    status = create.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("201", timeout=20_000)
    shots(page, "created")
    assert Diagram.objects.get().name == "From the docs"
    assert Diagram.objects.get().owner.username == "newcomer"

"""A newcomer's first steps: sign up, then create a diagram from the interactive API docs."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from builder import document_schema
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


def test_the_docs_show_the_document_schema(page: Any, shots: Any) -> None:
    # OpenAPI 3.1 (JSON Schema 2020-12 in the components): Swagger UI shows the document's schema.
    sign_up(page, "reader")
    page.goto("/api/docs/")
    # Swagger UI names a component by its title when it has one.
    named = document_schema.json_schema()["title"]
    title = page.locator("strong.json-schema-2020-12__title", has_text=re.compile(f"^{re.escape(named)}$"))
    model = page.locator("section.models article[data-json-schema-level='0']").filter(has=title)
    expect(model).to_be_visible(timeout=20_000)
    model.scroll_into_view_if_needed()
    model.locator(".json-schema-2020-12-accordion").first.click()
    expect(model).to_contain_text("nodes")
    expect(model).to_contain_text("edges")
    shots(page, "document-model")

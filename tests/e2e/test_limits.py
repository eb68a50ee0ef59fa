"""Limits as a person meets them, in words: too many wrong passwords pause logging in (the
right password is refused until then); an account at its render limit is told why its
export does not start."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_too_many_wrong_passwords_pause_logging_in_with_a_clear_message(
    page: Any, settings: Any, django_user_model: Any, shots: Any
) -> None:
    # The live server runs in this process: a low limit keeps the test short.
    settings.THROTTLES = {**settings.THROTTLES, "login-account-address": (3, 900)}
    django_user_model.objects.create_user(username="mia", password="the right passphrase 7")
    page.expected_errors.append(r"status of 429 \(Too Many Requests\)")  # the refusal, on purpose
    page.goto("/accounts/login/")
    for _ in range(3):
        page.fill("#id_username", "mia")
        page.fill("#id_password", "a wrong one")
        page.click("button[type=submit]")
        expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username and password")
    page.fill("#id_username", "mia")
    page.fill("#id_password", "the right passphrase 7")
    with page.expect_response(lambda r: r.url.endswith("/accounts/login/") and r.request.method == "POST") as res:
        page.click("button[type=submit]")
    assert res.value.status == 429
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Too many wrong passwords for this account: 3 in 15 minutes.")
    expect(alert).to_contain_text("try again in 15 minutes")
    shots(page, "login-paused")
    assert page.url.endswith("/accounts/login/")


def test_an_account_at_its_render_limit_is_told_why_its_export_waits(
    page: Any, settings: Any, django_user_model: Any, shots: Any
) -> None:
    from builder.models import Render
    from builder.services import diagrams as diagram_svc
    from tests.conftest import minimal_document

    from .test_editor import PASSWORD, wait_saved

    settings.RENDER_ACTIVE_PER_USER = 2
    user = django_user_model.objects.create_user(username="busy", password=PASSWORD)
    busy = diagram_svc.create_diagram(user, minimal_document(name="Dense one"))
    for fmt in ("png", "svg"):  # two renders of it waiting in the queue (no worker took them yet)
        Render.objects.create(
            diagram=busy, revision=1, cache_key=f"queued-{fmt}", content_hash="x", format=fmt, document={}
        )
    mine = diagram_svc.create_diagram(user, minimal_document(name="Small one"))
    page.expected_errors.append(r"status of 429 \(Too Many Requests\)")  # the refusal, on purpose
    page.goto("/accounts/login/")
    page.fill("#id_username", "busy")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"/diagrams/{mine.pk}/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    wait_saved(page)
    page.get_by_test_id("open-export").click()
    page.get_by_test_id("export-format-png").check(force=True)
    page.get_by_test_id("export-render").click()
    status = page.get_by_test_id("export-status")
    expect(status).to_have_attribute("data-status", "failed")
    expect(status).to_contain_text("you already have 2 renders waiting or drawing")
    shots(page, "render-limit")
    assert Render.objects.filter(diagram=mine).count() == 0

"""A fair render queue: one account's renders waiting or drawing are capped, others are served.

These tests run inside a transaction that never commits, so the renders they request stay
queued (nothing is handed to a worker until commit): exactly the state of a busy server. The
last one races real threads on PostgreSQL, each request in its own committed transaction.
"""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from builder.models import Render
from builder.services import diagrams as diagram_svc
from config.celery import app as celery_app
from tests.conftest import minimal_document

pytestmark = pytest.mark.django_db


def diagram_of(user: Any, name: str) -> Any:
    return diagram_svc.create_diagram(user, minimal_document(name=name))


def ask(api: APIClient, diagram: Any, fmt: str = "png") -> Any:
    return api.post(f"/api/diagrams/{diagram.pk}/renders/", {"format": fmt}, format="json")


def test_one_user_at_its_render_limit_is_refused_while_another_user_is_served(
    settings: Any, user: Any, other_user: Any, api: APIClient, other_api: APIClient
) -> None:
    settings.RENDER_ACTIVE_PER_USER = 2
    first, second, third = (diagram_of(user, f"dense {i}") for i in range(3))
    assert ask(api, first).status_code == 202
    assert ask(api, second).status_code == 202
    refused = ask(api, third)
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("you already have 2 renders waiting or drawing")
    assert "at a time" in refused.json()["detail"]
    # The other account is not held up by the first one's queue.
    assert ask(other_api, diagram_of(other_user, "one node")).status_code == 202
    # Asking again for a render already under way joins it: it draws nothing new.
    again = ask(api, first)
    assert again.status_code == 202 and Render.objects.filter(diagram=first).count() == 1
    assert Render.objects.filter(diagram=third).count() == 0


def test_a_finished_render_frees_its_slot(settings: Any, user: Any, api: APIClient) -> None:
    settings.RENDER_ACTIVE_PER_USER = 1
    first, second = diagram_of(user, "first"), diagram_of(user, "second")
    queued = ask(api, first).json()
    assert ask(api, second).status_code == 429
    # What a worker does when it has drawn it (drawing itself is tested in tests/render).
    Render.objects.filter(pk=queued["id"]).update(status="done", finished_at=timezone.now())
    assert ask(api, second).status_code == 202
    # A cached picture is always served: it takes no slot.
    assert ask(api, first).status_code == 200


def test_a_render_whose_worker_died_does_not_hold_a_slot(settings: Any, user: Any, api: APIClient) -> None:
    settings.RENDER_ACTIVE_PER_USER = 1
    stuck = ask(api, diagram_of(user, "stuck")).json()
    Render.objects.filter(pk=stuck["id"]).update(status="running", started_at=timezone.now() - timedelta(hours=1))
    assert ask(api, diagram_of(user, "next")).status_code == 202
    assert Render.objects.get(pk=stuck["id"]).status == "failed"


def test_review_link_renders_count_for_the_diagram_owner(
    settings: Any, user: Any, other_user: Any, api: APIClient, other_api: APIClient
) -> None:
    settings.RENDER_ACTIVE_PER_USER = 2
    shared = diagram_of(user, "shared")
    token = api.post(f"/api/diagrams/{shared.pk}/share-links/", {"role": "view"}, format="json").json()["token"]
    reviewer = APIClient()
    assert reviewer.post(f"/api/review/{token}/renders/", {"format": "png"}, format="json").status_code == 202
    assert reviewer.post(f"/api/review/{token}/renders/", {"format": "svg"}, format="json").status_code == 202
    # The owner's own renders now wait behind the two its reviewers asked for...
    assert ask(api, diagram_of(user, "own")).status_code == 429
    # ...and another review picture too, while the same one again joins the queued render.
    assert reviewer.post(f"/api/review/{token}/renders/", {"layout": "canvas"}, format="json").status_code == 429
    assert reviewer.post(f"/api/review/{token}/renders/", {"format": "svg"}, format="json").status_code == 202
    assert ask(other_api, diagram_of(other_user, "someone else")).status_code == 202


#: Simultaneous render requests of one account, and its limit.
RACERS, LIMIT = 8, 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql" or not django_settings.REDIS_URL,
    reason="needs PostgreSQL (transactions side by side) and Redis (a queue no worker reads)",
)
def test_simultaneous_renders_of_one_account_are_held_to_its_limit_exactly(settings: Any, user: Any) -> None:
    settings.RENDER_ACTIVE_PER_USER = LIMIT
    # A queue no worker reads: every accepted render stays pending, so no slot frees up while
    # the requests race (a render drawn meanwhile would rightly let one more in).
    queue = f"no-worker-{uuid.uuid4().hex}"
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    settings.RENDER_NO_WORKER_AFTER_S = 600
    diagrams = [diagram_of(user, f"race {i}") for i in range(RACERS)]
    start = threading.Barrier(RACERS)
    answers: list[Any] = [None] * RACERS
    errors: list[BaseException] = []

    def post(i: int) -> None:
        api = APIClient()
        api.force_authenticate(user)
        try:
            start.wait()
            answers[i] = ask(api, diagrams[i])
        except BaseException as exc:  # a 500 raises in the test client: keep it for the assert
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(RACERS)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        with celery_app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    assert not errors, errors
    codes = sorted(a.status_code for a in answers)
    assert codes == [202] * LIMIT + [429] * (RACERS - LIMIT), codes
    for refused in (a for a in answers if a.status_code == 429):
        assert refused.json()["detail"].startswith(f"you already have {LIMIT} renders waiting or drawing")
        assert f"at most {LIMIT} at a time" in refused.json()["detail"]
    assert Render.objects.filter(owner=user).count() == LIMIT
    assert Render.objects.filter(diagram__owner=user, status="pending").count() == LIMIT

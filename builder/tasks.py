"""Celery tasks: thin shells over the services (``celery -A config worker`` runs them)."""

from __future__ import annotations

from celery import shared_task

from builder.services import renders
from config.celery import app as _app  # noqa: F401  (the configured app: config/ no longer loads it eagerly)


@shared_task(name="builder.render", acks_late=True, ignore_result=True)
def render_task(render_id: int) -> None:
    """Draw one render. The soft time limit (settings) ends it as failed, never running."""
    renders.perform(render_id)

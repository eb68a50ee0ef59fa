"""Project configuration.

The Celery app (``config.celery``) is loaded when something asks for it, not on every import
of ``config``: a management command such as ``validate`` should not pay Celery's start-up.
``celery -A config`` finds it in ``config.celery``; ``builder.tasks`` imports it, so sending a
task always goes through the configured app.
"""

from __future__ import annotations

from typing import Any

__all__ = ("celery_app",)


def __getattr__(name: str) -> Any:
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Settings: production refuses to start without secrets, and its deploy check is clean."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "BUILDER_TESTING": "0", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_requires_a_secret_key() -> None:
    result = manage("check", DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_deploy_check_is_clean() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.com",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout

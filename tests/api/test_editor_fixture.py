"""The editor's Vitest catalog fixture carries the served style exactly (no drifted copy)."""

from __future__ import annotations

import json
from pathlib import Path

from builder.catalog.style import style_json

FIXTURE = Path(__file__).resolve().parents[2] / "frontend" / "src" / "test" / "catalog.fixture.json"


def test_fixture_style_is_the_served_style() -> None:
    assert json.loads(FIXTURE.read_text())["style"] == style_json()

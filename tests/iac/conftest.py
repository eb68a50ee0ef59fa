"""Test data for the IaC tests: the 30 SAM templates of aws-samples/serverless-patterns (MIT-0)."""

from __future__ import annotations

from pathlib import Path

import pytest

SAM_DIR = Path(__file__).resolve().parent.parent / "data" / "sam"
TEMPLATES = sorted(p for p in SAM_DIR.glob("*/template.y*ml"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "sam_template" in metafunc.fixturenames:
        metafunc.parametrize("sam_template", TEMPLATES, ids=[p.parent.name for p in TEMPLATES])


def lint_errors(text: str) -> list[str]:
    """cfn-lint's errors (E rules) on a template text, as ``rule line: message``."""
    from cfnlint.api import ManualArgs, lint

    return [
        f"{m.rule.id} {m.linenumber}: {m.message}"
        for m in lint(text, config=ManualArgs(regions=["us-east-1"]))
        if m.rule.id.startswith("E")
    ]

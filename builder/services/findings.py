"""The rules' report for a stored document (the engine itself is pure: builder.rules)."""

from __future__ import annotations

from typing import Any

from builder import rules


def report_for(document: dict[str, Any]) -> dict[str, Any]:
    return rules.report(rules.run(document))

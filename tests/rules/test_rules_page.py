"""The rules page lists every rule, with the source of those that come from AWS's serverless-rules."""

from __future__ import annotations

from typing import Any

import pytest

from builder import rules


@pytest.mark.django_db
def test_rules_page_lists_every_rule_and_names_serverless_rules_sources(client: Any) -> None:
    html = client.get("/rules/").content.decode()
    for r in rules.all_rules():
        assert f'id="{r.id}"' in html
    assert "Source: AWS serverless-rules ES1007 (Async Lambda Failure Destination)" in html
    assert "Source: AWS serverless-rules ES6000 (SQS Redrive Policy)" in html
    sourced = [r.id for r in rules.all_rules() if r.source]
    assert sourced == [
        "LAMBDA_ASYNC_FAILURE_DESTINATION",
        "STREAM_FAILURE_DESTINATION",
        "SQS_DEAD_LETTER_QUEUE",
        "LAMBDA_DEFAULT_SIZE_BEHIND_API",
    ]

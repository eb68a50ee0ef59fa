"""``defaults_view`` (the hash's and the render key's cheap defaults) equals ``with_defaults``."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings

from builder import document
from tests.rules.test_rules_property import documents


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_defaults_view_is_with_defaults_without_the_copy(d: dict[str, Any]) -> None:
    d = document.validate(d)
    before = copy.deepcopy(d)
    view = document.defaults_view(d)
    assert view == document.with_defaults(d)
    assert document.canonical_json(view) == document.canonical_json(document.with_defaults(d))
    assert d == before  # the document itself is not touched


def test_the_hash_sees_defaults_and_changes() -> None:
    bare = {"schema": 1, "nodes": [{"id": "f", "type": "lambda.function"}], "edges": []}
    spelled = document.with_defaults(bare)
    assert spelled["nodes"][0]["props"]["memory_mb"] == 128
    assert document.content_hash(bare) == document.content_hash(spelled)  # equal meaning, equal hash
    changed = copy.deepcopy(bare)
    changed["nodes"][0]["props"] = {"memory_mb": 256}
    assert document.content_hash(changed) != document.content_hash(bare)
    region = copy.deepcopy(bare)
    region["nodes"].append({"id": "r", "type": "aws.region"})  # its region prop is the document's
    other = copy.deepcopy(region)
    other["region"] = "eu-west-1"
    assert document.content_hash(region) != document.content_hash(other)

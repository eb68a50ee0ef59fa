"""The document extension for edge routes: ``route`` (2..200 absolute canvas points) and
``label_at`` (the label's centre), accepted and bounded with JSON-pointer problems."""

from __future__ import annotations

from typing import Any

import pytest

from builder import document


def doc(**edge: Any) -> dict[str, Any]:
    return {
        "schema": 1,
        "nodes": [
            {"id": "a", "type": "lambda.function"},
            {"id": "b", "type": "s3.bucket", "position": {"x": 300, "y": 0}},
        ],
        "edges": [{"id": "e", "source": "a", "target": "b", **edge}],
    }


def problems(d: dict[str, Any]) -> dict[str, str]:
    return {p.pointer: p.message for p in document.check(d)}


def test_a_route_and_a_label_spot_are_accepted() -> None:
    good = doc(route=[{"x": 120, "y": 46}, {"x": 200.5, "y": 46}, {"x": 300, "y": 46}], label_at={"x": 200, "y": 46})
    assert document.check(good) == []
    assert document.validate(good)["edges"][0]["route"][1] == {"x": 200.5, "y": 46}


@pytest.mark.parametrize(
    ("edge", "pointer", "words"),
    [
        ({"route": "M0,0"}, "/edges/0/route", "must be a list"),
        ({"route": [{"x": 1, "y": 1}]}, "/edges/0/route", "1 points; it needs 2 to 200"),
        ({"route": [{"x": 1, "y": 1}] * 201}, "/edges/0/route", "201 points"),
        ({"route": [{"x": 1, "y": 1}, {"x": "2", "y": 1}]}, "/edges/0/route/1/x", "finite number"),
        ({"route": [{"x": 1, "y": 1}, {"x": 2}]}, "/edges/0/route/1/y", "required"),
        ({"route": [{"x": 1, "y": 1}, {"x": 2, "y": 1, "z": 0}]}, "/edges/0/route/1/z", "unknown field"),
        ({"route": [{"x": 1, "y": 1}, [2, 1]]}, "/edges/0/route/1", "must be an object"),
        ({"label_at": {"x": 1e400, "y": 0}}, "/edges/0/label_at/x", "finite number"),
        ({"label_at": [1, 2]}, "/edges/0/label_at", "must be an object"),
    ],
)
def test_bad_routes_are_refused_with_a_pointer(edge: dict[str, Any], pointer: str, words: str) -> None:
    found = problems(doc(**edge))
    assert pointer in found, found
    assert words in found[pointer]

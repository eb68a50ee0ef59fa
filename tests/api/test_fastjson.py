"""orjson on the hot paths gives exactly what the standard library gave: values, errors, text."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework import renderers as drf_renderers

from builder import fastjson
from builder.api.parsers import MAX_DEPTH, depth_of, depth_of_text
from builder.api.renderers import JSONRenderer

# JSON values, with text full of what JSON escapes (quotes, backslashes, brackets, U+2028).
text = st.text(alphabet=st.sampled_from('ab"\\[]{}\u2028\u00e9\ud55c \n\t/'), max_size=8)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=40
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_text_depth_is_the_tree_depth(value: Any) -> None:
    for encoded in (json.dumps(value), json.dumps(value, ensure_ascii=False, indent=1)):
        assert depth_of_text(encoded.encode()) == min(depth_of(value), MAX_DEPTH + 1)


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 1000])
def test_text_depth_at_the_limit(depth: int) -> None:
    nested = '{"a":' * depth + '"}{]["' + "}" * depth
    assert depth_of_text(nested.encode()) == min(depth, MAX_DEPTH + 1)


@settings(max_examples=300, deadline=None)
@given(values)
def test_loads_and_dumps_keep_every_value(value: Any) -> None:
    assert fastjson.loads(json.dumps(value)) == value
    assert fastjson.loads(json.dumps(value).encode()) == value
    assert json.loads(fastjson.dumps(value)) == value


def test_integers_past_64_bits_stay_exact() -> None:
    big = [2**64, -(2**70), 10**30]
    assert fastjson.loads(json.dumps(big)) == big and all(type(v) is int for v in fastjson.loads(json.dumps(big)))
    assert json.loads(fastjson.dumps({"n": big})) == {"n": big}


@pytest.mark.parametrize("bad", ["[NaN]", '"\\ud800"', "[1,]", "", "{'a': 1}"])
def test_what_orjson_refuses_reads_as_json_reads_it(bad: str) -> None:
    try:
        expected: Any = ("value", json.loads(bad))
    except ValueError as exc:
        expected = ("error", str(exc))
    try:
        got: Any = ("value", fastjson.loads(bad))
    except ValueError as exc:
        got = ("error", str(exc))
    assert got == expected


def test_keys_that_are_not_text_are_written_as_json_writes_them() -> None:
    assert json.loads(fastjson.dumps({1: "a"})) == {"1": "a"}


def has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(has_float(v) for v in value.values())
    return isinstance(value, list) and any(has_float(v) for v in value)


@settings(max_examples=300, deadline=None)
@given(values)
def test_answers_are_what_drf_wrote(value: Any) -> None:
    """The same value always; the same bytes unless a float is in it (orjson writes 1e-07 as
    1e-7 and 1e+16 as 1e16: the same number, in a shorter spelling)."""
    ours, drfs = JSONRenderer().render(value), drf_renderers.JSONRenderer().render(value)
    if value is not None:  # None is an empty body for both
        assert json.loads(ours) == json.loads(drfs) == value
    if not has_float(value):
        assert ours == drfs


def test_answers_with_dates_decimals_and_lazy_text_read_as_before() -> None:
    value = {
        "at": datetime.datetime(2026, 12, 4, 13, 0, 5, 123456, tzinfo=datetime.UTC),
        "day": datetime.date(2026, 12, 4),
        "price": Decimal("1.50"),
        "word": gettext_lazy("Sign up"),
        "line": "a\u2028b\u2029c",
        "big": 2**80,
    }
    assert JSONRenderer().render(value) == drf_renderers.JSONRenderer().render(value)
    assert JSONRenderer().render({"a": [1]}, "application/json; indent=4") == drf_renderers.JSONRenderer().render(
        {"a": [1]}, "application/json; indent=4"
    )

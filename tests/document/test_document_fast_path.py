"""The document check's fast path and its full path agree, on any input (Hypothesis).

``check`` first tries ``_node_is_clean``/``_edge_is_clean`` (no message, no call per field) and
runs the full, message-building checks only when they say no. The fast path must never accept
what the full path would reject: with the fast path switched off, every document must get
exactly the same problems.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import catalog
from builder import document as d

TYPES = [t.key for t in catalog.all_types()]
# Strings that sit on every boundary the checks draw: ids with a newline, controls, lone
# surrogates, bidi controls, long ones.
TRICKY = st.sampled_from(
    ["a", "a\n", "\na", "é", "x" * 64, "x" * 65, "", "\t", "\x00", "\ud800", "\u202egnp", "한국", "a b", "a.b-c_d"]
)
TEXT = st.one_of(TRICKY, st.text(max_size=12), st.text(max_size=80), st.just("x" * 201))
NUMBER = st.one_of(
    st.integers(min_value=-(2**60), max_value=2**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 128, 2**53, 2**53 + 1, -(2**53) - 1, 0.5]),
)
GOOD_TEXT = st.text(alphabet="abcXYZ 0123_-.한", max_size=20)
GOOD_NUMBER = st.one_of(st.integers(-5000, 5000), st.floats(-1e6, 1e6, allow_nan=False))
JSON_SCALAR = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
VALUE = st.recursive(
    JSON_SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=8,
)


@st.composite
def props(draw: Any, type_key: str) -> dict[str, Any]:
    spec = catalog.get(type_key)
    names = [p.name for p in spec.props] if spec else []
    out: dict[str, Any] = {}
    for name in draw(
        st.lists(_mostly(st.sampled_from(names), st.just("bogus")) if names else st.just("bogus"), max_size=4)
    ):
        p = spec.prop(name) if spec else None
        good: st.SearchStrategy[Any] = st.nothing()
        if p is not None:
            if p.kind == "choice":
                good = st.sampled_from(p.choices)
            elif p.kind == "string_list":
                good = st.lists(_mostly(GOOD_TEXT, TEXT), max_size=6)
            elif p.kind == "string_map":
                good = st.dictionaries(_mostly(GOOD_TEXT.filter(bool), TEXT), _mostly(GOOD_TEXT, TEXT), max_size=4)
            elif p.kind == "boolean":
                good = st.booleans()
            elif p.kind == "string":
                good = GOOD_TEXT
            else:
                good = GOOD_NUMBER
        out[name] = draw(_mostly(good, st.one_of(NUMBER, VALUE)))
    return out


def _mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` three times in four: a document wrong in one place is the interesting case."""
    return st.integers(0, 3).flatmap(lambda roll: bad if roll == 0 else good)


@st.composite
def nodes(draw: Any) -> dict[str, Any]:
    type_key = draw(_mostly(st.sampled_from(TYPES), TEXT))
    node: dict[str, Any] = {"id": draw(_mostly(st.sampled_from(["n0", "n1", "n2"]), TRICKY)), "type": type_key}
    if draw(st.booleans()):
        node["label"] = draw(_mostly(GOOD_TEXT, st.one_of(TEXT, VALUE)))
    if draw(st.booleans()):
        node["parent"] = draw(_mostly(st.sampled_from([None, "n0", "n1", "n2"]), st.one_of(st.just("e0"), VALUE)))
    if draw(st.booleans()):
        node["position"] = draw(_mostly(st.fixed_dictionaries({"x": GOOD_NUMBER, "y": GOOD_NUMBER}), VALUE))
    if draw(st.booleans()):
        node["size"] = draw(_mostly(st.fixed_dictionaries({"w": GOOD_NUMBER, "h": NUMBER}), VALUE))
    if draw(st.booleans()):
        node["props"] = draw(_mostly(props(type_key if isinstance(type_key, str) else ""), VALUE))
    if draw(st.integers(0, 9)) == 0:
        node["extra"] = 1
    return node


@st.composite
def edges(draw: Any) -> dict[str, Any]:
    ends = _mostly(st.sampled_from(["n0", "n1", "n2"]), st.one_of(st.just("nope"), VALUE))
    edge: dict[str, Any] = {"id": draw(_mostly(st.sampled_from(["e0", "e1"]), TRICKY)), "source": draw(ends)}
    edge["target"] = draw(ends)
    for key in ("label", "source_handle", "target_handle"):
        if draw(st.booleans()):
            edge[key] = draw(_mostly(st.one_of(GOOD_TEXT, st.none()), st.one_of(TEXT, VALUE)))
    return edge


DOCS = st.fixed_dictionaries(
    {"schema": st.just(1), "nodes": st.lists(nodes(), max_size=5), "edges": st.lists(edges(), max_size=4)}
)


def _full_path(doc: Any) -> list[d.Problem]:
    with (
        mock.patch.object(d, "_node_is_clean", lambda *a: False),
        mock.patch.object(d, "_edge_is_clean", lambda *a: False),
    ):
        return d.check(doc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_fast_path_and_full_path_find_the_same_problems(doc: dict[str, Any]) -> None:
    assert d.check(doc) == _full_path(doc)


def test_the_full_path_is_really_taken_when_switched_off() -> None:
    # The comparison above must be able to fail: with the fast path off, a check that the
    # full path makes (here on a valid document) still runs and agrees.
    doc = {"schema": 1, "nodes": [{"id": "a", "type": "s3.bucket"}], "edges": []}
    calls: list[str] = []
    real_text = d._Checker.text

    def spy(self: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(args[0])
        real_text(self, *args, **kwargs)

    doc["nodes"][0]["label"] = "Uploads"
    with mock.patch.object(d._Checker, "text", spy):
        assert _full_path(doc) == [] and calls == ["/nodes/0/label"]
        assert d.check(doc) == [] and calls == ["/nodes/0/label"]  # the fast path did not call it

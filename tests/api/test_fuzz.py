"""Property-based: random well-formed and malformed documents never make the API answer 500."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from builder import catalog
from builder.models import Diagram

pytestmark = pytest.mark.django_db

TYPES = [t.key for t in catalog.all_types()]
ids = st.sampled_from(["a", "b", "c", "vpc", "sub", "e1", "e2", "", "bad id", "x" * 70])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def prop_values(type_key: str) -> st.SearchStrategy[dict[str, Any]]:
    spec = catalog.get(type_key)
    assert spec is not None
    names = [p.name for p in spec.props] + ["unknown_prop"]
    # Maps of strings with odd keys (NUL breaks PostgreSQL's jsonb if it ever got through).
    string_maps = st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=3)
    return st.dictionaries(st.sampled_from(names), json_values | string_maps, max_size=4)


node = st.sampled_from([*TYPES, "nope"]).flatmap(
    lambda t: st.fixed_dictionaries(
        {"id": ids, "type": st.just(t)},
        optional={
            "label": st.text(max_size=30),
            "parent": st.none() | ids,
            "position": st.fixed_dictionaries({"x": st.integers(-500, 500), "y": st.integers(-500, 500)}),
            "props": prop_values(t) if t in TYPES else st.just({}),
        },
    )
)
edge = st.fixed_dictionaries({"id": ids, "source": ids, "target": ids}, optional={"label": st.text(max_size=10)})
documents = st.fixed_dictionaries(
    {
        "schema": st.sampled_from([1, 1, 1, 2, "1"]),
        "nodes": st.lists(node, max_size=8),
        "edges": st.lists(edge, max_size=8),
    },
    optional={"region": st.text(max_size=12), "name": st.text(max_size=20), "extra": json_values},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents | json_values)
def test_random_documents_never_cause_a_500(api: APIClient, doc: Any) -> None:
    before = Diagram.objects.count()
    created = api.post("/api/diagrams/", {"document": doc}, format="json")
    assert created.status_code in (201, 400), created.content
    validated = api.post("/api/validate/", doc, format="json")
    assert validated.status_code in (200, 400), validated.content
    assert (created.status_code == 201) == (validated.status_code == 200)
    assert Diagram.objects.count() == before + (created.status_code == 201)

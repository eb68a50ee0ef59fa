"""Random valid documents never crash the engine, and its answer is consistent."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import catalog, document, rules
from builder.rules import limits
from builder.rules.base import Index

TYPES = [t for t in catalog.all_types()]
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
# Values the rules look at (runtimes, regions) mixed with arbitrary text.
STRINGS = st.one_of(
    st.sampled_from(["", "us-east-1", "ap-northeast-2", "nodejs22.x", "python3.13", "java21", "cloudfront-js-2.0"]),
    SAFE_TEXT,
)
NUMBERS = st.one_of(
    st.integers(-5, 130000),
    st.sampled_from([0.25, 0.5, 1, 2, 4, 8, 16, 128, 512, 900, 4096, 10240]),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
)


def prop_value(p: catalog.Prop) -> st.SearchStrategy[Any]:
    kind = p.kind
    if kind == "integer":
        base: st.SearchStrategy[Any] = st.integers(-5, 2000)
    elif kind == "number":
        base = NUMBERS
    elif kind == "boolean":
        base = st.booleans()
    elif kind == "choice":
        base = st.sampled_from(p.choices)
    elif kind == "string_list":
        base = st.lists(SAFE_TEXT, max_size=3)
    elif kind == "string_map":
        base = st.dictionaries(
            SAFE_TEXT.filter(bool), st.text(max_size=3000).filter(lambda s: s.isprintable()), max_size=3
        )
    else:
        base = STRINGS
    return st.one_of(st.none(), base) if p.nullable else base


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    containers: list[str] = []
    for i in range(draw(st.integers(0, 25))):
        t = draw(st.sampled_from(TYPES))
        # Parents come from earlier containers only, so chains cannot loop.
        parent = draw(st.one_of(st.none(), st.sampled_from(containers))) if containers else None
        props = {p.name: draw(prop_value(p)) for p in t.props if draw(st.booleans())}
        nodes.append({"id": f"n{i}", "type": t.key, "parent": parent, "props": props})
        if t.container:
            containers.append(f"n{i}")
    # Any order: children may come before their parents (the index must still place them).
    nodes = draw(st.permutations(nodes))
    ids = [node["id"] for node in nodes]
    edges = []
    if ids:
        for j in range(draw(st.integers(0, 40))):
            edges.append({"id": f"e{j}", "source": draw(st.sampled_from(ids)), "target": draw(st.sampled_from(ids))})
    d: dict[str, Any] = {"schema": 1, "nodes": nodes, "edges": edges}
    if draw(st.booleans()):
        d["region"] = draw(st.sampled_from(["us-east-1", "ap-northeast-2", "eu-west-1"]))
    return d


def naive_place(d: dict[str, Any], node_id: str) -> tuple[str, str | None, str | None]:
    """Region, nearest VPC and nearest subnet of a node, by walking its chain (the definition)."""
    by_id = {node["id"]: node for node in d["nodes"]}
    region, vpc, subnet = None, None, None
    cur = by_id[node_id]["parent"]
    while cur is not None:
        parent = by_id[cur]
        if parent["type"] == "aws.region" and region is None:
            # A missing prop takes the document's region (its default); an empty one says nothing.
            region = parent.get("props", {}).get("region", d.get("region") or "us-east-1") or None
        elif parent["type"] == "aws.vpc" and vpc is None:
            vpc = cur
        elif parent["type"] == "aws.subnet" and subnet is None:
            subnet = cur
        cur = parent["parent"]
    return region or d.get("region") or "us-east-1", vpc, subnet


SEVERITY = {r.id: r.severity for r in rules.all_rules()}
RANK = {"error": 0, "warning": 1, "info": 2}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_valid_documents_never_crash_the_engine(d: dict[str, Any]) -> None:
    d = document.validate(d)  # the generator makes valid documents only
    findings = rules.run(d)
    node_ids = {node["id"] for node in d["nodes"]}
    edge_ids = {edge["id"] for edge in d["edges"]}
    for f in findings:
        assert f.severity == SEVERITY[f.rule]
        assert set(f.nodes) <= node_ids and set(f.edges) <= edge_ids
        assert f.nodes or f.edges
        assert f.message and f.hint and "\n" not in f.message
    keys = [(RANK[f.severity], f.rule, f.nodes, f.edges) for f in findings]
    assert keys == sorted(keys)
    # The index places every node where a naive walk up its parent chain does.
    idx = Index(d)
    for node in d["nodes"]:
        assert (idx.nodes[node["id"]].region, idx.nodes[node["id"]].vpc, idx.nodes[node["id"]].subnet) == naive_place(
            d, node["id"]
        )
    # The engine's cheap defaults give the same answer as the document's deep-copying ones.
    assert rules.run(document.with_defaults(d)) == findings
    r = rules.report(findings)
    assert sum(r["counts"].values()) == len(findings)
    assert r["valid"] == all(f.severity != "error" for f in findings)


LIMIT_RULES = sorted(limits._RULES)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_single_limit_pass_finds_what_each_limit_read_from_the_catalog_finds(d: dict[str, Any]) -> None:
    # rules.limits checks every limit rule in one pass with a quick bounds test first; the
    # reference reads each limit through the catalog's own Limit.applies/measure_of/broken_by.
    d = document.validate(d)
    idx = Index(d)
    fast = limits._all_hits(idx)
    assert sorted(fast) == LIMIT_RULES
    for rule_id in LIMIT_RULES:
        assert sorted(fast[rule_id]) == sorted(limits.reference_hits(idx, rule_id)), rule_id


def test_the_limit_pass_is_compared_on_documents_that_break_limits() -> None:
    # The comparison above must see hits, not only empty lists.
    d = document.validate(
        {
            "schema": 1,
            "nodes": [
                {"id": "f", "type": "lambda.function", "props": {"memory_mb": 64, "timeout_s": 901.5}},
                {"id": "g", "type": "lambda.function", "props": {"env": {"K": "v" * 5000}}},
                {"id": "h", "type": "lambda.function", "props": {"memory_mb": 512.5}},  # not whole
            ],
            "edges": [],
        }
    )
    idx = Index(d)
    hits = limits._all_hits(idx)
    assert [h[0] for h in hits["LAMBDA_MEMORY_RANGE"]] == [("f",), ("h",)]
    assert [h[0] for h in hits["LAMBDA_TIMEOUT_MAX"]] == [("f",)]
    assert [h[0] for h in hits["LAMBDA_ENV_SIZE"]] == [("g",)]
    for rule_id in ("LAMBDA_MEMORY_RANGE", "LAMBDA_TIMEOUT_MAX", "LAMBDA_ENV_SIZE"):
        assert hits[rule_id] == limits.reference_hits(idx, rule_id)

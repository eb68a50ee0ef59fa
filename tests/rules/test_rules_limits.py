"""The catalog's limits and the rules agree: every limit has its rule, no rule keeps a bound of its own.

Each limit of each prop is tried at its bound (quiet) and just past it (its rule fires, on
that node, with the limit's severity): a limit without a rule behind it, or a rule that
checks another number than the catalog's, fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from builder import catalog, document, rules
from builder.catalog.base import Limit, Prop
from tests.rules.rule_docs import doc, fired, n

RULES_DIR = Path(rules.__file__).parent

LIMITS = [
    (t.key, p, limit) for t in catalog.all_types() for p in t.props for limit in p.limits
]  # fmt: skip


def _value(p: Prop, limit: Limit, measured: float) -> Any:
    """A prop value whose measure is ``measured``."""
    if limit.measure == "utf8_bytes":
        return {"K": "x" * int(measured - 1)} if measured >= 1 else {}
    if limit.measure == "items":
        return [f"sg-{i}" for i in range(int(measured))]
    return measured


def _node(type_key: str, p: Prop, limit: Limit, measured: float) -> dict[str, Any]:
    props = {p.name: _value(p, limit, measured)}
    if limit.when:
        props[limit.when[0]] = limit.when[1][0]
    return n("x", type_key, **props)


def _cases() -> list[Any]:
    out = []
    for type_key, p, limit in LIMITS:
        for bound, step in ((limit.max, 1), (limit.min, -1)):
            if bound is not None:
                out.append(pytest.param(type_key, p, limit, bound, step, id=f"{type_key}.{p.name}-{bound}"))
    return out


def test_every_limit_names_a_registered_rule_of_its_severity() -> None:
    assert LIMITS
    for type_key, p, limit in LIMITS:
        info = rules.get_rule(limit.rule)
        assert info is not None, f"{type_key}.{p.name}: rule {limit.rule} does not exist"
        assert info.severity == limit.severity, f"{type_key}.{p.name}: {limit.rule} is {info.severity}"
        assert limit.text and limit.hint


@pytest.mark.parametrize(("type_key", "p", "limit", "bound", "step"), _cases())
def test_limit_is_quiet_at_its_bound_and_fires_past_it(
    type_key: str, p: Prop, limit: Limit, bound: float, step: int
) -> None:
    assert fired(doc(_node(type_key, p, limit, bound)), limit.rule) == []
    [f] = fired(doc(_node(type_key, p, limit, bound + step)), limit.rule)
    assert f.nodes == ("x",) and f.severity == limit.severity
    assert limit.text in f.message
    assert p.name in f.message or limit.scope == "region"  # a region's sum names the region


def test_whole_number_limits_fire_on_a_fraction() -> None:
    whole = [(t, p, limit) for t, p, limit in LIMITS if limit.integer]
    assert whole
    for type_key, p, limit in whole:
        assert limit.min is not None
        [f] = fired(doc(n("x", type_key, **{p.name: limit.min + 0.5})), limit.rule)
        assert f.nodes == ("x",)


def test_a_limit_for_one_package_type_is_quiet_for_the_other() -> None:
    # 60 MB zipped is over the direct-upload limit for a zip, and irrelevant for an image.
    assert fired(doc(n("f", "lambda.function", package_zipped_mb=60)), "LAMBDA_PACKAGE_ZIPPED")
    assert not fired(
        doc(n("f", "lambda.function", package_zipped_mb=60, package_type="image")), "LAMBDA_PACKAGE_ZIPPED"
    )


def test_several_limits_of_one_rule_on_one_node_make_one_finding() -> None:
    d = doc(n("x", "lambda.edge_function", trigger="viewer-request", timeout_s=10, memory_mb=256))
    [f] = fired(d, "EDGE_FUNCTION_LIMITS")
    assert "timeout_s is 10 s" in f.message and "memory_mb is 256 MB" in f.message


def _module_numbers(path: Path) -> dict[str, float]:
    """Module-level names bound to a number (or a tuple of numbers) in a rules module."""
    out: dict[str, float] = {}
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.Assign | ast.AnnAssign):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            values = stmt.value.elts if isinstance(stmt.value, ast.Tuple) else [stmt.value]
            for value in values:
                if isinstance(value, ast.Constant) and type(value.value) in (int, float):
                    for target in targets:
                        out[ast.unparse(target)] = value.value
    return out


def test_no_rule_module_keeps_a_catalog_limit_as_a_constant_of_its_own() -> None:
    bounds = {b for _, _, limit in LIMITS for b in (limit.min, limit.max) if b not in (None, 0, 1)}
    own = {
        f"{path.name}:{name}={value}"
        for path in sorted(RULES_DIR.glob("*.py"))
        for name, value in _module_numbers(path).items()
        if value in bounds
    }
    assert own == set(), "read these from the catalog (builder.rules.limits.catalog_limit)"


def test_the_scan_sees_a_constant() -> None:
    # The test above must be able to fail: a module with a copied bound is caught.
    assert _module_numbers(RULES_DIR / "api.py") == {"INTEGRATION_TIMEOUT_S": 29}


def test_structural_caps_sit_far_above_aws_limits() -> None:
    # A 5,000-character env value is a valid document (savable) with the LAMBDA_ENV_SIZE finding.
    d = document.validate(
        {"schema": 1, "nodes": [{"id": "f", "type": "lambda.function", "props": {"env": {"K": "v" * 5000}}}]}
    )
    [f] = fired(d, "LAMBDA_ENV_SIZE")
    assert "5,001 bytes" in f.message
    for type_key, p, limit in LIMITS:
        if limit.measure == "utf8_bytes":
            assert p.max_length >= 8 * (limit.max or 0), f"{type_key}.{p.name}"
        if limit.measure == "items":
            assert p.max_items >= 10 * (limit.max or 0), f"{type_key}.{p.name}"


def test_catalog_json_serves_each_limit_with_its_rule_severity_and_text() -> None:
    types = {t["type"]: t for t in catalog.catalog_json(lambda icon: icon)["types"]}
    memory = next(p for p in types["lambda.function"]["props"] if p["name"] == "memory_mb")
    assert memory["limits"] == [
        {
            "rule": "LAMBDA_MEMORY_RANGE",
            "severity": "error",
            "text": "Lambda allows a whole number of MB from 128 to 10240",
            "hint": "Set memory_mb to a whole number between 128 and 10240; beyond 10 GB run the job on Fargate.",
            "min": 128,
            "max": 10240,
            "integer": True,
            "when": None,
            "measure": "value",
            "scope": "node",
        }
    ]
    assert (memory["aws_min"], memory["aws_max"]) == (128, 10240)
    zipped = next(p for p in types["lambda.function"]["props"] if p["name"] == "package_zipped_mb")
    by_rule = {limit["rule"]: limit for limit in zipped["limits"]}
    assert by_rule["LAMBDA_PACKAGE_ZIPPED"]["severity"] == "warning"
    assert by_rule["LAMBDA_PACKAGE_ZIPPED"]["when"] == {"prop": "package_type", "values": ["zip"]}
    # Below zero is its own finding, whatever the package type; the input's range is 0..50.
    assert by_rule["PROP_NEGATIVE"] == {**by_rule["PROP_NEGATIVE"], "severity": "error", "min": 0, "when": None}
    assert (zipped["aws_min"], zipped["aws_max"]) == (0, 50)

"""AWS's limits on props, as rules: one unit turns the catalog's :class:`~builder.catalog.Limit` entries into checks.

A limit is declared once, on its prop in the catalog: bounds, rule ID, severity, the limit in
words and a fix. The editor shows it inline from ``GET /api/catalog/``; :func:`limit_rule`
registers the rule that reports it here, with the explanation a person learns from (written
in the family module, beside the other rules of that family). So the editor and the server
cannot disagree on a bound or a severity, and no rule keeps a constant of its own.

Several limits of one rule broken by one node (a Lambda@Edge viewer trigger's timeout and
memory) make one finding, as every rule fires once per offending node.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from builder import catalog
from builder.catalog.base import Limit, Prop

from .base import Hit, Index, number, rule

_INF = float("inf")

#: One limit as the check reads it: (prop name, unit, low, high, whole numbers only,
#: the prop and values of ``when`` or None, measure, the limit).
_Spec = tuple[str, str, float, float, bool, "tuple[str, frozenset[str]] | None", str, Limit]


def limits_of(rule_id: str) -> list[tuple[str, Prop, Limit]]:
    """Every limit in the catalog that names ``rule_id``: (type key, prop, limit)."""
    return [
        (t.key, p, limit) for t in catalog.all_types() for p in t.props for limit in p.limits if limit.rule == rule_id
    ]


def catalog_limit(rule_id: str) -> Limit:
    """The one limit behind a rule that checks it itself (a region-wide sum, say)."""
    [(_, _, limit)] = limits_of(rule_id)
    return limit


def _specs(entries: list[tuple[str, Prop, Limit]]) -> dict[str, list[_Spec]]:
    by_type: dict[str, list[_Spec]] = {}
    for type_key, p, limit in entries:
        when = (limit.when[0], frozenset(limit.when[1])) if limit.when else None
        by_type.setdefault(type_key, []).append(
            (
                p.name,
                f" {p.unit}" if p.unit else "",
                -_INF if limit.min is None else limit.min,
                _INF if limit.max is None else limit.max,
                limit.integer,
                when,
                limit.measure,
                limit,
            )
        )
    return by_type


def _describe(name: str, unit: str, measure: str, value: Any) -> str:
    if measure == "utf8_bytes":
        return f"{name} takes {value:,} bytes of keys and values"
    if measure == "items":
        return f"{name} has {value} item{'' if value == 1 else 's'}"
    return f"{name} is {number(value)}{unit}"


def _broken(props: dict[str, Any], specs: list[_Spec]) -> list[tuple[str, Limit]]:
    """(what the value is, limit) for each limit of ``specs`` the props break."""
    out: list[tuple[str, Limit]] = []
    for name, unit, low, high, integer, when, measure, limit in specs:
        if when is not None and props.get(when[0]) not in when[1]:
            continue
        value = props[name]
        if value is None:
            continue
        if measure == "utf8_bytes":
            if not value:
                continue
            # A UTF-8 character takes at most 4 bytes: short maps need no encoding.
            if (sum(map(len, value)) + sum(map(len, value.values()))) * 4 <= high:
                continue
            value = sum(len(k.encode()) + len(v.encode()) for k, v in value.items())
        elif measure == "items":
            value = len(value)
        if low <= value <= high and (not integer or type(value) is int or value.is_integer()):
            continue
        out.append((_describe(name, unit, measure, value), limit))
    return out


def limit_rule(id: str, title: str, explanation: str, docs_url: str) -> None:
    """Register rule ``id`` as the check of the catalog limits that name it.

    Its severity is theirs (they must agree); a rule without a limit behind it is a
    programming error, caught at import.
    """
    entries = [e for e in limits_of(id) if e[2].scope == "node"]
    assert entries, f"{id}: no catalog limit names this rule"
    severities = {limit.severity for _, _, limit in entries}
    assert len(severities) == 1, f"{id}: its limits disagree on the severity ({severities})"
    by_type = _specs(entries)

    def check(idx: Index) -> Iterator[Hit]:
        for type_key, specs in by_type.items():
            for node in idx.of_type(type_key):
                broken = _broken(node.props, specs)
                if not broken:
                    continue
                if len(broken) == 1:
                    what, limit = broken[0]
                    message = f"{idx.name(node)}: {what}; {limit.text}"
                else:
                    message = f"{idx.name(node)}: " + "; ".join(f"{what} ({limit.text})" for what, limit in broken)
                hint = " ".join(dict.fromkeys(limit.hint for _, limit in broken))
                yield ((node.id,), (), message, hint)

    check.__name__ = check.__qualname__ = f"limits_{id.lower()}"
    rule(id, severities.pop(), title, explanation, docs_url)(check)

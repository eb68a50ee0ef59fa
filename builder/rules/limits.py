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

from typing import Any

from builder import catalog
from builder.catalog.base import Limit, Prop
from builder.i18n import join, t

from .base import Hit, Index, Node, number, rule

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
        return t("{name} takes {value:,} bytes of keys and values", name=name, value=value)
    if measure == "items":
        if value == 1:
            return t("{name} has {value} item", name=name, value=value)
        return t("{name} has {value} items", name=name, value=value)
    return t("{name} is {value}{unit}", name=name, value=number(value), unit=unit)


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


#: Every limit rule's specs by type, as registered by :func:`limit_rule` (rule id -> type -> specs).
_RULES: dict[str, dict[str, list[_Spec]]] = {}
#: The same by type, for the single pass: type -> (quick tests, [(bit, rule id, specs)]),
#: built at the first run after a registration. A quick test is (prop name, low, high,
#: measure, bits): the tightest bounds of that prop's limits of that measure, and a bit for
#: each rule among them.
_Quick = tuple[tuple[str, float, float, str, int], ...]
_Plan = dict[str, tuple[_Quick, list[tuple[int, str, list[_Spec]]]]]
_by_type: _Plan | None = None
_MEMO_KEY = "limits"


def _plan() -> _Plan:
    global _by_type
    if _by_type is None:
        rules: dict[str, list[tuple[int, str, list[_Spec]]]] = {}
        quick: dict[str, dict[tuple[str, str], list[float]]] = {}  # type -> (prop, measure) -> [low, high, bits]
        for rule_id, by_type in _RULES.items():
            for type_key, specs in by_type.items():
                of_type = rules.setdefault(type_key, [])
                bit = 1 << len(of_type)
                of_type.append((bit, rule_id, specs))
                for name, _, low, high, _, _, measure, _ in specs:
                    test = quick.setdefault(type_key, {}).setdefault((name, measure), [-_INF, _INF, 0])
                    test[0], test[1] = max(test[0], low), min(test[1], high)
                    test[2] = int(test[2]) | bit
        _by_type = {
            type_key: (
                tuple(
                    (name, low, high, measure, int(bits))
                    for (name, measure), (low, high, bits) in quick[type_key].items()
                ),
                of_type,
            )
            for type_key, of_type in rules.items()
        }
    return _by_type


def _suspects(props: dict[str, Any], quick: _Quick) -> int:
    """The bits of the rules whose limits ``props`` may break (0: none); :func:`_broken` decides.

    Looser than :func:`_broken` on purpose (it ignores ``when``, counts a float as whole only
    when it is an int, and holds a prop to the tightest of its limits at once), so it never
    leaves out a rule that ``_broken`` finds broken.
    """
    bits = 0
    for name, low, high, measure, rule_bits in quick:
        value = props[name]
        if value is None:
            continue
        if measure == "value":
            if value.__class__ is int and low <= value <= high:
                continue
        elif measure == "utf8_bytes":
            if not value or (sum(map(len, value)) + sum(map(len, value.values()))) * 4 <= high:
                continue
        elif low <= len(value) <= high:  # items
            continue
        bits |= rule_bits
    return bits


def _all_hits(idx: Index) -> dict[str, list[Hit]]:
    """The hits of every limit rule, in one pass over the nodes of the types that have limits.

    Computed once per index (the first limit rule that runs asks for it). Most nodes break
    no limit, which :func:`_suspects` tells without building anything; for the others, the
    rules it names go through :func:`_broken`, as each rule alone would.
    """
    memo = idx.memo.get(_MEMO_KEY)
    if memo is not None:
        hits: dict[str, list[Hit]] = memo
        return hits
    hits = {rule_id: [] for rule_id in _RULES}
    by_type = idx.by_type
    for type_key, (quick, rules) in _plan().items():
        for node in by_type.get(type_key, ()):
            props = node.props
            bits = _suspects(props, quick)
            if not bits:
                continue
            for bit, rule_id, specs in rules:
                if bits & bit:
                    broken = _broken(props, specs)
                    if broken:
                        hits[rule_id].append(_hit(idx, node, broken))
    idx.memo[_MEMO_KEY] = hits
    return hits


def _hit(idx: Index, node: Node, broken: list[tuple[str, Limit]]) -> Hit:
    message: str
    if len(broken) == 1:
        what, limit = broken[0]
        message = t("{node}: {what}; {limit}", node=idx.name(node), what=what, limit=t(limit.text))
    else:
        parts = join("; ", [t("{what} ({limit})", what=what, limit=t(limit.text)) for what, limit in broken])
        message = t("{node}: {parts}", node=idx.name(node), parts=parts)
    hints = list(dict.fromkeys(limit.hint for _, limit in broken))
    hint: str = t(hints[0]) if len(hints) == 1 else join(" ", [t(h) for h in hints])
    return ((node.id,), (), message, hint)


def reference_hits(idx: Index, rule_id: str) -> list[Hit]:
    """Rule ``rule_id``'s hits the plain way, for the tests to compare :func:`_all_hits` with:
    each of its limits read from the catalog, for each node of its types, through
    :meth:`Limit.applies`, :meth:`Limit.measure_of` and :meth:`Limit.broken_by`."""
    by_type: dict[str, list[tuple[Prop, Limit]]] = {}
    for type_key, p, limit in limits_of(rule_id):
        if limit.scope == "node":
            by_type.setdefault(type_key, []).append((p, limit))
    out: list[Hit] = []
    for type_key, limits in by_type.items():
        for node in idx.of_type(type_key):
            broken = [
                (_describe(p.name, f" {p.unit}" if p.unit else "", limit.measure, limit.measure_of(value)), limit)
                for p, limit in limits
                if (value := node.props[p.name]) is not None
                and limit.applies(node.props)
                and limit.broken_by(limit.measure_of(value))
            ]
            if broken:
                out.append(_hit(idx, node, broken))
    return out


def limit_rule(id: str, title: str, explanation: str, docs_url: str) -> None:
    """Register rule ``id`` as the check of the catalog limits that name it.

    Its severity is theirs (they must agree); a rule without a limit behind it is a
    programming error, caught at import.
    """
    global _by_type
    entries = [e for e in limits_of(id) if e[2].scope == "node"]
    assert entries, f"{id}: no catalog limit names this rule"
    severities = {limit.severity for _, _, limit in entries}
    assert len(severities) == 1, f"{id}: its limits disagree on the severity ({severities})"
    _RULES[id] = _specs(entries)
    _by_type = None

    def check(idx: Index) -> list[Hit]:
        return _all_hits(idx)[id]

    check.__name__ = check.__qualname__ = f"limits_{id.lower()}"
    rule(id, severities.pop(), title, explanation, docs_url)(check)

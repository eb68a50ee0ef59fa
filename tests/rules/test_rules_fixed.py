"""The engine's exact output is fixed: speed work on the check and the rules must not change a word.

For the benchmark's generated documents (``bench/validate.py``, 100 and 1,000 nodes), the
starters, the examples, the reference architecture and every case of the rule table, the
findings (rule, severity, node and edge ids, message and hint in English and Korean, and the
language-neutral form a save stores) are compared with ``fixtures/fixed/*.json``; for broken
copies of the 1,000-node document, so are the document check's problems (pointer and message
in both languages).

After a deliberate change of a rule or a message, write the files again and read the diff::

    .venv/bin/python -m tests.rules.test_rules_fixed --write
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from builder import document, i18n, rules
from tests.rules.rule_docs import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
FIXED = FIXTURES / "fixed"
STARTERS = ROOT / "builder" / "starters"
EXAMPLES = ROOT / "examples"
FN = "lambda.function"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_validate", ROOT / "bench" / "validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documents() -> dict[str, dict[str, Any]]:
    """Every document whose findings are fixed, by name (the fixture file's name)."""
    bench = _bench()
    docs: dict[str, dict[str, Any]] = {
        "bench-100": bench.make_document(100),
        "bench-1000": bench.make_document(1000),
        "reference": document.load((FIXTURES / "reference.json").read_bytes()),
    }
    for path in sorted(STARTERS.glob("*.json")):
        docs[f"starter-{path.stem}"] = document.validate(json.loads(path.read_text(encoding="utf-8"))["document"])
    for path in sorted(EXAMPLES.glob("*.json")):
        docs[f"example-{path.stem}"] = document.load(path.read_bytes())
    return docs


def _table_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every document of the rule table (tests/rules/test_rules_table.py), where each rule fires
    and where it keeps quiet: together they say every rule's messages."""
    from tests.rules.test_rules_table import CASES

    out = []
    for case in CASES:
        out += [(f"{case.rule} fires: {name}", d) for name, d, _, _ in case.fires]
        out += [(f"{case.rule} quiet: {name}", d) for name, d in case.quiet]
    return out


def _said(findings: list[rules.Finding]) -> list[dict[str, Any]]:
    out = []
    for f in findings:
        ko = f.in_language("ko")
        out.append(
            {
                "rule": f.rule,
                "severity": f.severity,
                "nodes": list(f.nodes),
                "edges": list(f.edges),
                "message": f.message,
                "hint": f.hint,
                "ko": {"message": ko.message, "hint": ko.hint},
                # What a save stores (builder.i18n.storable_report), read back in Korean too.
                "stored": {"message": i18n.to_json(f.message), "hint": i18n.to_json(f.hint)},
            }
        )
    return out


def _content_hash(doc: dict[str, Any]) -> str:
    return document.content_hash(doc)


def _breakages() -> list[tuple[str, Any]]:
    """Broken copies of the 1,000-node bench document: one kind of mistake each, spread over it."""
    base = _bench().make_document(1000)
    out: list[tuple[str, Any]] = []

    def broken(name: str, change: Any) -> None:
        d = copy.deepcopy(base)
        change(d)
        out.append((name, d))

    def every(d: dict[str, Any], key: str, step: int, type_key: str | None = None) -> list[Any]:
        items = [x for x in d[key] if type_key is None or x["type"] == type_key]
        return items[7::step]

    broken("memory as a string", lambda d: [x["props"].update(memory_mb="1024") for x in every(d, "nodes", 11, FN)])
    broken("unknown prop", lambda d: [x["props"].update(colour="red") for x in every(d, "nodes", 53)])
    broken("unknown node field", lambda d: [x.update(width=3) for x in every(d, "nodes", 71)])
    broken("label with a control character", lambda d: [x.update(label="a\x07b") for x in every(d, "nodes", 41)])
    broken("label with a bidi control", lambda d: [x.update(label="\u202egnp.exe") for x in every(d, "nodes", 43)])
    broken("label too long", lambda d: [x.update(label="x" * 201) for x in every(d, "nodes", 47)])
    broken("missing parent", lambda d: [x.update(parent="nowhere") for x in every(d, "nodes", 59)])
    broken("parent not a container", lambda d: [x.update(parent="n999") for x in every(d, "nodes", 61)])
    broken("duplicate id", lambda d: [x.update(id="n3") for x in every(d, "nodes", 67)])
    broken("bad id", lambda d: [x.update(id="no spaces") for x in every(d, "nodes", 73)])
    broken("unknown type", lambda d: [x.update(type="aws.mainframe") for x in every(d, "nodes", 79)])
    broken("position without y", lambda d: [x.update(position={"x": 1}) for x in every(d, "nodes", 83)])
    broken("size of zero", lambda d: [x.update(size={"w": 0, "h": 10}) for x in every(d, "nodes", 89)])
    broken("choice not listed", lambda d: [x["props"].update(architecture="sparc") for x in every(d, "nodes", 13, FN)])
    broken("edge to nowhere", lambda d: [x.update(target="ghost") for x in every(d, "edges", 97)])
    broken("edge label too long", lambda d: [x.update(label="y" * 300) for x in every(d, "edges", 101)])
    broken("edge route of one point", lambda d: [x.update(route=[{"x": 0, "y": 0}]) for x in every(d, "edges", 103)])

    def loop(d: dict[str, Any]) -> None:  # the two regions inside each other
        first, second = d["nodes"][0], d["nodes"][1]
        assert first["type"] == second["type"] == "aws.region"
        first["parent"], second["parent"] = second["id"], first["id"]

    broken("parent loop", loop)
    broken("schema 2", lambda d: d.update(schema=2))
    return out


def _problems(doc: Any) -> list[dict[str, str]]:
    return [
        {"pointer": p.pointer, "message": p.message, "ko": i18n.render(p.message, "ko")} for p in document.check(doc)
    ]


def _computed() -> dict[str, Any]:
    """Everything fixed, by fixture file name."""
    out: dict[str, Any] = {}
    for name, d in _documents().items():
        out[name] = {"content_hash": _content_hash(d), "findings": _said(rules.run(d))}
    cases = _table_cases()
    out["rule-table"] = {name: _said(rules.run(d)) for name, d in cases}
    assert len(out["rule-table"]) == len(cases), "two rule table cases share a name"
    out["check-problems"] = {name: _problems(d) for name, d in _breakages()}
    return out


def _dump(value: Any) -> str:
    """One finding (or problem) per line: a change shows as a readable diff."""

    def items(v: list[Any], indent: str) -> str:
        if not v:
            return "[]"
        return (
            "[\n"
            + ",\n".join(indent + json.dumps(x, ensure_ascii=False, sort_keys=True) for x in v)
            + "\n"
            + indent[:-2]
            + "]"
        )

    if "findings" in value:
        return (
            "{\n"
            f'  "content_hash": {json.dumps(value["content_hash"])},\n'
            f'  "findings": {items(value["findings"], "    ")}\n'
            "}\n"
        )
    parts = [f"  {json.dumps(k, ensure_ascii=False)}: {items(v, '    ')}" for k, v in value.items()]
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.fixture(scope="module")
def computed() -> dict[str, Any]:
    return _computed()


def _fixed(name: str) -> Any:
    path = FIXED / f"{name}.json"
    assert path.exists(), f"{path} is missing: python -m tests.rules.test_rules_fixed --write"
    return json.loads(path.read_text(encoding="utf-8"))


NAMES = sorted(
    ["bench-100", "bench-1000", "reference"]
    + [f"starter-{p.stem}" for p in STARTERS.glob("*.json")]
    + [f"example-{p.stem}" for p in EXAMPLES.glob("*.json")]
)


def _first_difference(got: list[Any], want: list[Any]) -> str:
    for i, (a, b) in enumerate(zip(got, want, strict=False)):
        if a != b:
            return f"first difference at {i}:\n got  {a}\n want {b}"
    return f"{len(got)} items, {len(want)} expected"


@pytest.mark.parametrize("name", NAMES)
def test_findings_of_the_document_are_unchanged(computed: dict[str, Any], name: str) -> None:
    want = _fixed(name)
    got = computed[name]
    # The generator (or the document) changed: the findings below would not be comparable.
    assert got["content_hash"] == want["content_hash"], f"{name}: the document changed; write the fixtures again"
    assert got["findings"] == want["findings"], _first_difference(got["findings"], want["findings"])


def test_findings_of_every_rule_table_case_are_unchanged(computed: dict[str, Any]) -> None:
    want, got = _fixed("rule-table"), computed["rule-table"]
    assert list(got) == list(want)
    for name in want:
        assert got[name] == want[name], f"{name}: {_first_difference(got[name], want[name])}"


def test_problems_of_broken_bench_documents_are_unchanged(computed: dict[str, Any]) -> None:
    want, got = _fixed("check-problems"), computed["check-problems"]
    assert list(got) == list(want)
    for name in want:
        assert want[name], f"{name}: a breakage that breaks nothing tests nothing"
        assert got[name] == want[name], f"{name}: {_first_difference(got[name], want[name])}"


def test_the_fixed_bench_document_has_work_for_many_rules(computed: dict[str, Any]) -> None:
    fired = {f["rule"] for f in computed["bench-1000"]["findings"]}
    assert len(fired) >= 30, sorted(fired)


def test_stored_texts_say_the_same_in_korean(computed: dict[str, Any]) -> None:
    for f in computed["bench-1000"]["findings"]:
        for key in ("message", "hint"):
            assert i18n.render(i18n.from_json(f["stored"][key]), "ko") == f["ko"][key]
            assert i18n.render(i18n.from_json(f["stored"][key]), "en") == f[key]


def _write() -> None:
    FIXED.mkdir(exist_ok=True)
    for name, value in _computed().items():
        (FIXED / f"{name}.json").write_text(_dump(value), encoding="utf-8")
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(FIXED.glob("*.json")))).hexdigest()[:12]
    print(f"wrote {len(list(FIXED.glob('*.json')))} files to {FIXED} ({digest})")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python -m tests.rules.test_rules_fixed --write")
    _write()


def _sample(spec: str) -> Any:
    return 48879 if spec else i18n.t("{a} or {b}", a="x", b="y")


def test_compiled_templates_say_what_format_map_says() -> None:
    """builder.i18n.t fills a template by a compiled f-string: the same text as format_map."""
    import string

    from builder.i18n import ko

    templates = list(ko.MESSAGES)
    hostile = [
        "{a.b}", "{0}", "{a!r}", "{a:{b}}", "{__class__}", "{_p}", "{None}", "{for}", "{a:'}", "{a:\\}",
        "it's \"quoted\" \\ {a} {{literal}} \n {a:,}", "{a}{a}{a}", "}}{{{a}", "{a:>8}",
    ]  # fmt: skip
    for template in templates + hostile:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
        params = {name.split(".")[0].split("[")[0].split("!")[0]: _sample(spec or "") for name, spec in fields}
        params.setdefault("a", "x")
        params.setdefault("b", 3)
        try:
            want: Any = template.format_map(params)
        except (KeyError, AttributeError, ValueError, IndexError) as exc:
            want = type(exc)
        try:
            got: Any = i18n._compile(template)(params)
        except (KeyError, AttributeError, ValueError, IndexError) as exc:
            got = type(exc)
        assert got == want, template
    assert len(templates) > 400

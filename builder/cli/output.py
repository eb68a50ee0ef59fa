"""How the ``validate`` command prints: findings as text, JSON or SARIF 2.1.0, problems as pointers.

- ``text``: one line per finding and a summary line;
- ``json``: the validator's report (:func:`builder.rules.report`), the same JSON the API answers;
- ``sarif``: SARIF 2.1.0, for code-scanning tools (GitHub, IDEs), with each finding located
  at the line of its node (or edge) in the file and by node/edge id.

The rule engine returns :class:`~builder.rules.Finding` objects; everything about how they
look on a terminal or in a code-scanning tool lives here.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from builder import document, i18n
from builder.i18n import t
from builder.rules import Finding, all_rules, report

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "serverless-builder-validate"


def format_json(findings: list[Finding]) -> str:
    """The report as indented JSON (UTF-8 text kept as is)."""
    return json.dumps(report(findings), ensure_ascii=False, indent=2) + "\n"


def format_sarif(
    findings: list[Finding], doc: dict[str, Any], text: str, filename: str = "-", lang: str = i18n.DEFAULT
) -> str:
    return json.dumps(sarif(findings, doc, text, filename, lang), ensure_ascii=False, indent=2) + "\n"


def format_problems(problems: list[document.Problem], fmt: str, filename: str = "-", lang: str = i18n.DEFAULT) -> str:
    """An invalid document's problems: a JSON list with ``--format json``, else ``pointer: message``
    lines and a line naming the file. Messages in ``lang``; the last line stays English (scripts
    read it)."""
    problems = [document.Problem(p.pointer, i18n.render(p.message, lang)) for p in problems]
    if fmt == "json":
        return json.dumps([p.as_json() for p in problems], ensure_ascii=False, indent=2) + "\n"
    lines = [f"{p.pointer or '/'}: {p.message}" for p in problems]
    name = "stdin" if filename == "-" else filename
    lines.append(f"{name}: invalid document: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    if word == "error":
        return t("{n} error", n=n) if n == 1 else t("{n} errors", n=n)
    if word == "warning":
        return t("{n} warning", n=n) if n == 1 else t("{n} warnings", n=n)
    return t("{n} info", n=n)


def format_line(f: Finding, where: str, lang: str = i18n.DEFAULT) -> str:
    """One finding as a line of text: severity, rule, ids, message, fix (``f`` already in ``lang``)."""
    ids = ", ".join((*f.nodes, *f.edges))
    return where + i18n.render(
        t(
            "{severity} {rule} [{where}] {message}. Fix: {hint}",
            severity=f"{f.severity:<7}",
            rule=f.rule,
            where=ids,
            message=f.message,
            hint=f.hint,
        ),
        lang,
    )


def summary_line(findings: list[Finding], filename: str = "-", lang: str = i18n.DEFAULT) -> str:
    """``NAME: 1 error, 2 warnings, 0 info (has errors)``, in ``lang``."""
    counts = report(findings)["counts"]
    name = "stdin" if filename == "-" else filename
    verdict = t("has errors") if counts["error"] else t("valid")
    return i18n.render(
        t(
            "{name}: {errors}, {warnings}, {infos} ({verdict})",
            name=name,
            errors=_plural(counts["error"], "error"),
            warnings=_plural(counts["warning"], "warning"),
            infos=_plural(counts["info"], "info"),
            verdict=verdict,
        ),
        lang,
    )


def format_text(findings: list[Finding], filename: str = "-", lang: str = i18n.DEFAULT) -> str:
    """One line per finding (severity, rule, ids, message, fix), then a summary line."""
    lines = [format_line(f, "", lang) for f in findings]
    lines.append(summary_line(findings, filename, lang))
    return "\n".join(lines) + "\n"


# SARIF -------------------------------------------------------------------------------------

# JSON tokens: strings (with escapes), punctuation, and bare literals (numbers, true, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def locate(text: str) -> dict[tuple[str, int], tuple[int, int]]:
    """Line and column (1-based) of each node and edge in the JSON text.

    Key: ("nodes" | "edges", index in the list). The position is that of the element's
    ``"id"`` key, or of its opening brace when it has none. A real scan of the JSON structure,
    not a search for the id string, which could also appear in a label or an env value.
    """
    found: dict[tuple[str, int], int] = {}
    # Each frame: [kind "o"/"a", key of the object or index in the array, expecting a key].
    stack: list[list[Any]] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        c = tok[0]
        if c == "{":
            if len(stack) == 2 and stack[1][0] == "a" and stack[0][1] in ("nodes", "edges"):
                found[(stack[0][1], stack[1][1])] = m.start()
            stack.append(["o", None, True])
        elif c == "[":
            stack.append(["a", 0, False])
        elif c in "}]":
            if stack:
                stack.pop()
        elif c == ",":
            if stack:
                top = stack[-1]
                if top[0] == "a":
                    top[1] += 1
                else:
                    top[2] = True
        elif c == ":":
            if stack:
                stack[-1][2] = False
        elif c == '"' and stack and stack[-1][0] == "o" and stack[-1][2]:
            key = tok[1:-1]
            stack[-1][1] = key
            if key == "id" and len(stack) == 3 and stack[0][1] in ("nodes", "edges") and stack[1][0] == "a":
                found[(stack[0][1], stack[1][1])] = m.start()
    newlines = [m.start() for m in re.finditer("\n", text)]
    out: dict[tuple[str, int], tuple[int, int]] = {}
    for where, pos in found.items():
        line = bisect.bisect_left(newlines, pos)
        start_of_line = newlines[line - 1] + 1 if line else 0
        out[where] = (line + 1, pos - start_of_line + 1)
    return out


def sarif(
    findings: list[Finding], doc: dict[str, Any], text: str, filename: str = "-", lang: str = i18n.DEFAULT
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the findings (already in ``lang``); the run's ``language`` says which,
    and the rules' descriptions are in it too."""
    uri = "stdin" if filename == "-" else filename
    infos = [r.in_language(lang) for r in all_rules()]
    rule_index = {r.id: i for i, r in enumerate(infos)}
    node_index = {n["id"]: i for i, n in enumerate(doc["nodes"])}
    edge_index = {e["id"]: i for i, e in enumerate(doc.get("edges") or ())}
    positions = locate(text)

    def logical(kind: str, ident: str, i: int) -> dict[str, Any]:
        return {"name": ident, "fullyQualifiedName": f"/{kind}/{i}", "kind": "object"}

    results = []
    for f in findings:
        logicals = [logical("nodes", n, node_index[n]) for n in f.nodes]
        logicals += [logical("edges", e, edge_index[e]) for e in f.edges]
        location: dict[str, Any] = {"logicalLocations": logicals}
        anchor = (
            ("nodes", node_index[f.nodes[0]]) if f.nodes else ("edges", edge_index[f.edges[0]]) if f.edges else None
        )
        position = positions.get(anchor) if anchor else None
        if position:
            line, column = position
            location["physicalLocation"] = {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": line, "startColumn": column},
            }
        results.append(
            {
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": i18n.render(t("{message}. Fix: {hint}", message=f.message, hint=f.hint), lang)},
                "locations": [location],
                "properties": {"nodes": list(f.nodes), "edges": list(f.edges), "hint": f.hint},
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "rules": [
                            {
                                "id": r.id,
                                "name": "".join(w.capitalize() for w in r.id.split("_")),
                                "shortDescription": {"text": r.title},
                                "fullDescription": {"text": r.explanation},
                                "help": {"text": r.explanation},
                                "helpUri": r.docs_url,
                                "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
                            }
                            for r in infos
                        ],
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": uri}}],
                "results": results,
            }
        ],
    }

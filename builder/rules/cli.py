"""The ``validate`` command's logic, as a pure function: document bytes in, exit code and text out.

``builder/management/commands/validate.py`` only reads the file and prints what
:func:`validate_bytes` returns, so everything here is testable without Django. Formats:

- ``text``: one line per finding and a summary line;
- ``json``: :func:`builder.rules.report`;
- ``sarif``: SARIF 2.1.0, for code-scanning tools (GitHub, IDEs), with each finding located
  at the line of its node (or edge) in the file and by node/edge id.

Exit codes (CONTRACT §3): 0 no error finding, 1 an error finding, 2 an invalid document.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any

from builder import document

from . import Finding, all_rules, report, run

FORMATS = ("text", "json", "sarif")
EXIT_OK, EXIT_ERRORS, EXIT_INVALID = 0, 1, 2
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "serverless-builder-validate"


@dataclass(frozen=True)
class Outcome:
    """What the command prints and how it exits."""

    code: int
    stdout: str
    stderr: str


def validate_bytes(raw: bytes | str, fmt: str = "text", filename: str = "-") -> Outcome:
    """Check a document given as JSON text and format the result; never raises for bad input."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        doc = document.load(raw)
    except document.InvalidDocument as exc:
        return Outcome(EXIT_INVALID, "", format_problems(exc.problems, fmt))
    findings = run(doc)
    code = EXIT_ERRORS if any(f.severity == "error" for f in findings) else EXIT_OK
    if fmt == "json":
        out = json.dumps(report(findings), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "sarif":
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        out = json.dumps(sarif(findings, doc, text, filename), ensure_ascii=False, indent=2) + "\n"
    else:
        out = format_text(findings, filename)
    return Outcome(code, out, "")


def format_problems(problems: list[document.Problem], fmt: str) -> str:
    """An invalid document's problems: a JSON list with ``--format json``, else ``pointer: message`` lines."""
    if fmt == "json":
        return json.dumps([p.as_json() for p in problems], ensure_ascii=False, indent=2) + "\n"
    lines = [f"{p.pointer or '/'}: {p.message}" for p in problems]
    lines.append(f"invalid document: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def format_text(findings: list[Finding], filename: str = "-") -> str:
    """One line per finding (severity, rule, ids, message, fix), then a summary line."""
    lines = []
    for f in findings:
        where = ", ".join((*f.nodes, *f.edges))
        lines.append(f"{f.severity:<7} {f.rule} [{where}] {f.message}. Fix: {f.hint}")
    counts = report(findings)["counts"]
    name = "stdin" if filename == "-" else filename
    verdict = "has errors" if counts["error"] else "valid"
    lines.append(
        f"{name}: {_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{_plural(counts['info'], 'info')} ({verdict})"
    )
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
    for key, pos in found.items():
        line = bisect.bisect_left(newlines, pos)
        start_of_line = newlines[line - 1] + 1 if line else 0
        out[key] = (line + 1, pos - start_of_line + 1)
    return out


def sarif(findings: list[Finding], doc: dict[str, Any], text: str, filename: str = "-") -> dict[str, Any]:
    """A SARIF 2.1.0 log of the findings."""
    uri = "stdin" if filename == "-" else filename
    infos = all_rules()
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
                "message": {"text": f"{f.message}. Fix: {f.hint}"},
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
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": uri}}],
                "results": results,
            }
        ],
    }

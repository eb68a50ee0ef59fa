"""``validate`` on a SAM/CloudFormation template: import it, run the rules, point at the template.

Every finding carries ``"source": {"file", "line", "logical_id"}`` for the resource it is
about (the first of its components that came from the template, or the source of its edge),
text lines start ``file:line:``, and SARIF puts the line in ``region.startLine`` so that CI
annotations land on the template. :mod:`builder.iac` (cfn-lint's decoder, ruamel.yaml) is
imported only when a template is checked: documents need none of it.
"""

from __future__ import annotations

import json
from typing import Any

from builder import i18n
from builder.rules import Finding, report, run

from . import output

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".cfn")


def is_template(raw: bytes | str, filename: str) -> bool:
    """A template (not one of our documents): by its name, or JSON with Resources and no schema."""
    if filename.lower().endswith(TEMPLATE_SUFFIXES):
        return True
    head = raw[:4096].decode("utf-8", "replace") if isinstance(raw, bytes) else raw[:4096]
    stripped = head.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("{"):
        return bool(stripped) and ("Resources:" in head or "AWSTemplateFormatVersion" in head)
    return '"Resources"' in head and '"schema"' not in head


def _source(f: Finding, doc: dict[str, Any], filename: str) -> dict[str, Any] | None:
    resources = doc["iac"]["resources"]
    edges = {e["id"]: e for e in doc["edges"]}
    candidates = [*f.nodes, *(edges[e]["source"] for e in f.edges if e in edges)]
    for node_id in candidates:
        entry = resources.get(node_id)
        if entry and (entry.get("logical_id") or entry.get("line")):
            return {"file": filename, "line": entry.get("line"), "logical_id": entry.get("logical_id")}
    return None


def validate_template(raw: bytes | str, fmt: str, filename: str, lang: str = i18n.DEFAULT) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) for a template; 2 with the reason when it cannot be read."""
    from builder import iac  # only here: the IaC packages are not needed for documents

    name = "stdin" if filename == "-" else filename
    try:
        imported = iac.import_template(raw, name, arrange=False)
    except iac.ImportFailed as exc:
        return 2, "", f"{name}: {exc}\n"
    doc = imported.document
    findings = [f.in_language(lang) for f in run(doc)]
    sources = [_source(f, doc, name) for f in findings]
    code = 1 if any(f.severity == "error" for f in findings) else 0
    if fmt == "json":
        body = report(findings)
        for item, src in zip(body["findings"], sources, strict=True):
            item["source"] = src
        body["source"] = {"file": name, "format": doc["iac"]["format"]}
        return code, json.dumps(body, ensure_ascii=False, indent=2) + "\n", ""
    if fmt == "sarif":
        log = output.sarif(findings, doc, "", name, lang)
        for result, src in zip(log["runs"][0]["results"], sources, strict=True):
            location = result["locations"][0]
            if src and src.get("logical_id"):
                location["logicalLocations"].insert(
                    0,
                    {
                        "name": src["logical_id"],
                        "fullyQualifiedName": f"Resources.{src['logical_id']}",
                        "kind": "resource",
                    },
                )
            if src and src.get("line"):
                location["physicalLocation"] = {"artifactLocation": {"uri": name}, "region": {"startLine": src["line"]}}
            result["properties"]["source"] = src
        return code, json.dumps(log, ensure_ascii=False, indent=2) + "\n", ""
    lines = []
    for f, src in zip(findings, sources, strict=True):
        where = f"{name}:{src['line']}: " if src and src.get("line") else f"{name}: "
        lines.append(output.format_line(f, where, lang))
    summary = output.summary_line(findings, name, lang)
    not_drawn = sum(1 for r in imported.report if r["status"] == "not_drawn")
    lines.append(
        i18n.render(
            i18n.t("{summary}; {count} resources not drawn (not checked)", summary=summary, count=not_drawn), lang
        )
    )
    return code, "\n".join(lines) + "\n", ""

"""Small builders for rule test documents: every document is checked by the real schema first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from builder import document, rules

FIXTURES = Path(__file__).parent / "fixtures"


def n(id: str, type: str, parent: str | None = None, **props: Any) -> dict[str, Any]:
    """A node; props are given as keyword arguments."""
    return {"id": id, "type": type, "parent": parent, "props": props}


def e(id: str, source: str, target: str) -> dict[str, Any]:
    return {"id": id, "source": source, "target": target}


def doc(*items: dict[str, Any], region: str | None = None) -> dict[str, Any]:
    """A document from nodes and edges (told apart by their keys), validated by the schema."""
    d: dict[str, Any] = {
        "schema": 1,
        "nodes": [i for i in items if "type" in i],
        "edges": [i for i in items if "source" in i],
    }
    if region:
        d["region"] = region
    return document.validate(d)


def vpc(*items: dict[str, Any], visibility: str = "private") -> tuple[dict[str, Any], ...]:
    """A VPC ``vpc`` with one subnet ``sn``, then ``items``."""
    return (n("vpc", "aws.vpc"), n("sn", "aws.subnet", "vpc", visibility=visibility), *items)


def fn(id: str, parent: str | None = None, **props: Any) -> dict[str, Any]:
    """A Lambda function; inside a subnet it gets a security group unless told otherwise."""
    if parent == "sn":
        props.setdefault("security_groups", ["sg-1"])
    return n(id, "lambda.function", parent, **props)


def fired(d: dict[str, Any], rule: str) -> list[rules.Finding]:
    return [f for f in rules.run(d) if f.rule == rule]


def fixture(name: str) -> dict[str, Any]:
    return document.load((FIXTURES / name).read_bytes())


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))

"""What the i18n tests share: every translatable text the code can make, found in its source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILDER = ROOT / "builder"
HANGUL = re.compile(r"[\uac00-\ud7a3]")

#: The modules whose texts are made with builder.i18n.t / N_ (and t imported as T).
SOURCES = [
    *sorted((BUILDER / "rules").glob("*.py")),
    *sorted((BUILDER / "cli").glob("*.py")),
    *sorted((BUILDER / "iac").glob("*.py")),
    BUILDER / "render" / "__init__.py",
    BUILDER / "render" / "dot.py",
    BUILDER / "render" / "graph.py",
    BUILDER / "collab" / "presence.py",
    BUILDER / "api" / "errors.py",
    BUILDER / "api" / "iac.py",
    BUILDER / "api" / "views.py",
    BUILDER / "api" / "parsers.py",
    BUILDER / "services" / "renders.py",
    BUILDER / "i18n" / "__init__.py",
    BUILDER / "document.py",
]


def literal_templates(paths: list[Path]) -> dict[str, str]:
    """Every string literal passed first to ``t(...)``, ``T(...)`` or ``N_(...)``: template -> where."""
    found: dict[str, str] = {}
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id in ("t", "T", "N_"))
                    or (isinstance(node.func, ast.Attribute) and node.func.attr == "t")
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found

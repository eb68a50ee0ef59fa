"""Infrastructure as code: SAM/CloudFormation and draw.io in and out (pure, no Django).

- :func:`import_file`: a template (YAML/JSON) or a ``.drawio`` file -> ``Imported(document, report)``;
- :func:`export`: a document -> a SAM template (``"sam"``) or a draw.io file (``"drawio"``).

Errors a user can fix come as :class:`ImportFailed` / :class:`ExportError` with a message
saying what and where, and the report's messages are texts too: both are English as strings
and said in the reader's language by ``i18n.said`` / :func:`report_in`. See
``docs/architecture.md`` ("Infrastructure as code").
"""

from __future__ import annotations

from typing import Any

from builder import i18n
from builder.i18n import t

from .decode import MAX_TEMPLATE_BYTES, TemplateError
from .drawio import export_drawio, import_drawio, looks_like_drawio
from .sam_export import ExportError, export_sam
from .sam_import import Imported, import_template

__all__ = [
    "EXPORT_FORMATS",
    "MAX_TEMPLATE_BYTES",
    "ExportError",
    "ImportFailed",
    "Imported",
    "export",
    "import_file",
    "import_template",
    "report_in",
    "report_lines",
]

EXPORT_FORMATS = {"sam": ("application/yaml", "template.yaml"), "drawio": ("application/xml", "diagram.drawio")}

ImportFailed = TemplateError


def import_file(raw: bytes | str, filename: str = "template.yaml") -> Imported:
    """A document from a SAM/CloudFormation template or a draw.io file (chosen by content)."""
    if looks_like_drawio(raw, filename):
        return import_drawio(raw, filename)
    return import_template(raw, filename)


def export(doc: dict[str, Any], fmt: str) -> str:
    """A valid document as a SAM template (``sam``) or a draw.io file (``drawio``)."""
    if fmt == "sam":
        return export_sam(doc)
    if fmt == "drawio":
        return export_drawio(doc)
    raise ExportError(
        t("unknown export format {format!r}; choose one of {formats}", format=fmt, formats=", ".join(EXPORT_FORMATS))
    )


def report_in(report: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The import report as answered to a reader of ``lang``: its messages (and the words
    among its shape names, "a text box") in that language; ids, types and lines unchanged."""
    return [{k: i18n.render(v, lang) if isinstance(v, i18n.Text) else v for k, v in r.items()} for r in report]


def report_lines(report: list[dict[str, Any]], filename: str, lang: str = i18n.DEFAULT) -> list[str]:
    """The report as ``file:line: type logical-id: message`` lines (the CLI's stderr)."""
    out = []
    for r in report_in(report, lang):
        where = f"{filename}:{r['line']}" if r.get("line") else filename
        what = " ".join(x for x in (r.get("type"), r.get("logical_id")) if x)
        out.append(f"{where}: {r['status']}: {what + ': ' if what else ''}{r['message']}")
    return out

"""The rules' report for a document: computed once per revision and stored with it.

The engine itself is pure (:mod:`builder.rules`). A save computes the report once and
stores it on the new :class:`~builder.models.Revision` and on the diagram; reads and the
diagram list serve the stored report and never run the engine again. Each stored report
carries :data:`ENGINE`, a fingerprint of the code that decides findings (the rules, the
catalog, the document module): after an upgrade changes any of it, an old report is
recomputed the first time it is read, and stored again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from builder import i18n, rules
from builder.models import Diagram

_BUILDER = Path(__file__).resolve().parent.parent


def _fingerprint() -> str:
    h = hashlib.sha256()
    sources = [*sorted((_BUILDER / "rules").glob("*.py")), *sorted((_BUILDER / "catalog").glob("*.py"))]
    for path in [*sources, _BUILDER / "document.py"]:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


#: Fingerprint of the engine that computes findings (16 hex digits).
ENGINE = _fingerprint()


def report_for(document: dict[str, Any]) -> dict[str, Any]:
    """Run the engine over a (valid) document: ``{valid, counts, findings}``, each finding also
    keeping its message and hint language-neutrally (``builder.i18n.STORED``), so that a stored
    report is answered in any reader's language (``builder.i18n.web.answer``) without running
    the engine again."""
    findings = rules.run(document)
    return i18n.storable_report(rules.report(findings), findings)


def stored_report(obj: Any) -> dict[str, Any]:
    """The report stored on a Diagram or Revision; computed and stored when missing or stale."""
    if obj.findings is not None and obj.findings_engine == ENGINE:
        return obj.findings  # type: ignore[no-any-return]
    report = report_for(obj.document)
    rows = type(obj).objects.filter(pk=obj.pk)
    if isinstance(obj, Diagram):  # only if nobody saved in between
        rows = rows.filter(revision=obj.revision)
    rows.update(findings=report, findings_engine=ENGINE)
    obj.findings, obj.findings_engine = report, ENGINE
    return report

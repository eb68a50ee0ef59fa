"""The editor's Y mapping (frontend/src/collab/ydoc.ts) and the server's (builder/collab/ydoc.py)
cannot drift: an update the editor made (committed by ydoc.test.ts, which checks it is still what
the editor makes and reads) decodes here, with pycrdt, to the document the editor read from it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from pycrdt import Doc

from builder import document as doc_module
from builder.collab import ydoc as Y

FIXTURE = Path(__file__).parent / "fixtures" / "ts_update.json"


def test_an_update_made_by_the_editor_reads_as_the_editor_reads_it() -> None:
    fixture = json.loads(FIXTURE.read_text())
    ydoc: Doc = Doc()
    ydoc.apply_update(base64.b64decode(fixture["update"]))
    document = Y.ydoc_to_document(ydoc)
    assert document == fixture["document"]
    assert doc_module.check(document) == []


def test_the_editor_update_went_through_the_repair_the_same_way() -> None:
    # The scenario deletes the VPC the subnet was in: both sides move the subnet to the top level.
    fixture = json.loads(FIXTURE.read_text())
    ydoc: Doc = Doc()
    ydoc.apply_update(base64.b64decode(fixture["update"]))
    raw = Y.raw_document(ydoc)
    assert next(n for n in raw["nodes"] if n["id"] == "sub")["parent"] == "vpc"
    assert next(n for n in Y.ydoc_to_document(ydoc)["nodes"] if n["id"] == "sub")["parent"] is None

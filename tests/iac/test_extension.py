"""The ``iac`` field of a document: the template it was imported from, checked like the rest."""

from __future__ import annotations

import pytest

from builder import document

BASE = {"schema": 1, "nodes": [{"id": "T", "type": "sns.topic"}], "edges": []}
IAC = {
    "format": "sam",
    "syntax": "yaml",
    "file": "template.yaml",
    "template": "Resources: {T: {Type: AWS::SNS::Topic}}\n",
    "resources": {"T": {"logical_id": "T", "line": 1}},
}


def test_a_document_may_carry_its_template() -> None:
    assert document.validate({**BASE, "iac": IAC})["iac"] == IAC


@pytest.mark.parametrize(
    ("iac", "pointer"),
    [
        ("text", "/iac"),
        ({**IAC, "format": "terraform"}, "/iac/format"),
        ({**IAC, "syntax": "toml"}, "/iac/syntax"),
        ({**IAC, "template": None}, "/iac/template"),
        ({**IAC, "extra": 1}, "/iac/extra"),
        ({**IAC, "resources": {"T": {"logical_id": 3}}}, "/iac/resources/T"),
        ({**IAC, "resources": {"T": {"logical_id": "T", "line": 0}}}, "/iac/resources/T"),
        ({**IAC, "resources": []}, "/iac/resources"),
    ],
)
def test_a_bad_iac_field_is_pointed_at(iac: object, pointer: str) -> None:
    with pytest.raises(document.InvalidDocument) as info:
        document.validate({**BASE, "iac": iac})
    assert pointer in [p.pointer for p in info.value.problems]

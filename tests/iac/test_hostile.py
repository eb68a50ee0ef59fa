"""Hostile templates: each gets a clear error (what and where), quickly and with bounded memory.

Timing is not asserted (see bench/iac.py); what is asserted is that the work is refused
before it grows: size first, then keys, nesting and resources.
"""

from __future__ import annotations

import json
import resource

import pytest

from builder.iac import ImportFailed, import_file


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(8):
        prev, cur = chr(97 + i), chr(98 + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\nResources:\n  T: {Type: AWS::SNS::Topic}\n"


HOSTILE = {
    "10 MB": ("Resources:\n  T:\n    Type: AWS::SNS::Topic\n" + "# padding\n" * 1_000_000, "limit is 524,288 bytes"),
    "100,000 resources": (
        json.dumps({"Resources": {f"R{i}": {"Type": "AWS::SNS::Topic"} for i in range(100_000)}}),
        "limit is 524,288 bytes",
    ),
    "2,000 resources": (
        "Resources:\n" + "".join(f"  R{i}: {{Type: AWS::SNS::Topic}}\n" for i in range(2000)),
        "CloudFormation allows 500",
    ),
    "40,000 keys in one mapping": ("Resources: {" + ",".join(f"R{i}: 1" for i in range(40_000)) + "}", "2,000"),
    "nesting 10,000 deep (YAML)": ("Resources:\n  T: " + "[" * 10_000 + "]" * 10_000, "nesting depth"),
    "nesting 10,000 deep (JSON)": ('{"Resources": ' + '{"a": ' * 10_000 + "1" + "}" * 10_001, "nested too deeply"),
    "billion laughs": (_bomb(), "aliases"),
    "non-UTF-8": (
        b"Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Description: caf\xe9\n",
        "line 4: the file is not UTF-8",
    ),
    "!Include tag": (
        "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: !Include other.yaml\n",
        "line 4: unknown tag !Include",
    ),
    "python tag": ("Resources:\n  T: !!python/object/apply:os.system [ls]\n", "unsupported YAML tag"),
    "duplicate resource": (
        "Resources:\n  T:\n    Type: AWS::SNS::Topic\n  T:\n    Type: AWS::SQS::Queue\n",
        "line 4: duplicate key 'T'",
    ),
    "duplicate JSON key": (
        '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}, "T": {"Type": "AWS::SQS::Queue"}}}',
        "duplicate key 'T'",
    ),
    "not a template": ("- just\n- a list\n", "Resources"),
    "no resources": ("AWSTemplateFormatVersion: '2010-09-09'\n", "no Resources"),
    "empty": ("", "empty"),
    "broken YAML": ("Resources:\n  T: [unclosed\n", "line"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_gets_a_clear_error(name: str) -> None:
    text, expected = HOSTILE[name]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ImportFailed) as info:
        import_file(text)
    assert expected in str(info.value)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200, f"{name}: the process grew by {grown_mb:.0f} MB"


def test_a_repeated_property_is_reported_not_fatal() -> None:
    text = "Resources:\n  T:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 10\n"
    text += "      VisibilityTimeout: 90\n"
    imported = import_file(text)
    assert imported.document["nodes"][0]["props"]["visibility_timeout_s"] == 90
    assert imported.report[0]["line"] == 6 and "duplicate key" in imported.report[0]["message"]

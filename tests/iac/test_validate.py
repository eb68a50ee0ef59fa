"""``validate`` on templates, both doors: findings carry the template file, line and logical id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from builder.cli.validate import validate_bytes

ROOT = Path(__file__).resolve().parent.parent.parent
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# Line 4 is the function with an impossible timeout; line 9 the queue feeding it too briefly.
TEMPLATE = b"""Transform: AWS::Serverless-2016-10-31
Resources:
  # A worker that runs too long for Lambda.
  Worker:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: a.h, CodeUri: s, Timeout: 1000,
                 Events: {Jobs: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}}}
  Role: {Type: AWS::IAM::Role}
  Jobs:
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 60}
"""


def free(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "-m", "builder.rules", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=60, env=env
    )


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.yaml"
    path.write_bytes(TEMPLATE)
    return path


def test_json_findings_carry_their_source(template: Path) -> None:
    out = free(str(template), "--format", "json")
    assert out.returncode == 1, out.stderr
    body = json.loads(out.stdout)
    by_rule = {f["rule"]: f for f in body["findings"]}
    assert by_rule["LAMBDA_TIMEOUT_MAX"]["source"] == {"file": str(template), "line": 4, "logical_id": "Worker"}
    # An edge finding is located at the edge's source (the queue).
    assert by_rule["SQS_VISIBILITY_BELOW_TIMEOUT"]["source"]["logical_id"] == "Jobs"
    assert by_rule["SQS_VISIBILITY_BELOW_TIMEOUT"]["source"]["line"] == 9


def test_text_lines_start_with_file_and_line(template: Path) -> None:
    out = free(str(template))
    assert out.returncode == 1
    lines = out.stdout.decode().splitlines()
    assert any(line.startswith(f"{template}:4: error   LAMBDA_TIMEOUT_MAX [Worker]") for line in lines), lines
    assert lines[-1].endswith("(has errors); 1 resources not drawn (not checked)")


def test_sarif_puts_the_template_line_in_region_start_line(template: Path) -> None:
    out = subprocess.run(
        [sys.executable, "manage.py", "validate", str(template), "--format", "sarif"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert out.returncode == 1, out.stderr
    log = json.loads(out.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "LAMBDA_TIMEOUT_MAX")
    location = result["locations"][0]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": str(template)}, "region": {"startLine": 4}}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "Resources.Worker"


def test_a_json_template_is_recognised_by_its_content() -> None:
    raw = json.dumps({"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 64}}}}).encode()
    outcome = validate_bytes(raw, "json", "-")
    assert outcome.code == 1
    (finding,) = [f for f in json.loads(outcome.stdout)["findings"] if f["rule"] == "LAMBDA_MEMORY_RANGE"]
    assert finding["source"] == {"file": "stdin", "line": 1, "logical_id": "F"}


def test_an_unreadable_template_exits_2_with_the_line() -> None:
    out = free("-", stdin=b"Resources:\n  A: !Include other.yaml\n")
    assert out.returncode == 2 and b"stdin: line 2: unknown tag !Include" in out.stderr
    outcome = validate_bytes(b"Resources:\n  A: !Include other.yaml\n", "text", "t.yaml")
    assert (
        outcome.code == 2
        and outcome.stderr == "t.yaml: line 2: unknown tag !Include (not a CloudFormation intrinsic function)\n"
    )


def test_documents_are_still_documents() -> None:
    outcome = validate_bytes((ROOT / "examples" / "thumbnails.json").read_bytes(), "text", "examples/thumbnails.json")
    assert outcome.code == 0 and "0 errors" in outcome.stdout and "not drawn" not in outcome.stdout

"""The validate command: exit codes, text/json/sarif output, problems of invalid documents.

Both doors (``python -m builder.rules``, Django-free, and ``manage.py validate``) run the same
code, and the tests below run both as a user does, as subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from builder.cli import output
from builder.cli import validate as cli
from builder.rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "examples" / "thumbnails.json").read_bytes()
BAD = (ROOT / "examples" / "mistakes.json").read_bytes()
INVALID = b'{"schema": 1, "nodes": [{"id": "f", "type": "lambda.function", "props": {"memory_mb": "1GB"}}]}'


def test_document_without_errors_exits_0_with_a_summary() -> None:
    # The contract's example has one warning (its function has no failure destination).
    out = cli.validate_bytes(GOOD, "text", "thumbnails.json")
    assert out.code == 0 and out.stderr == ""
    assert out.stdout.splitlines()[-1] == "thumbnails.json: 0 errors, 1 warning, 0 info (valid)"
    assert out.stdout.startswith("warning LAMBDA_ASYNC_FAILURE_DESTINATION [thumb, e1] ")


def test_error_findings_exit_1_one_line_each() -> None:
    out = cli.validate_bytes(BAD, "text", "mistakes.json")
    assert out.code == 1
    lines = out.stdout.splitlines()
    assert lines[-1] == "mistakes.json: 8 errors, 5 warnings, 0 info (has errors)"
    assert len(lines) == 14
    assert lines[0].startswith("error   APIGW_EDGE_CERT_REGION [cdn, cert, e8] ")
    assert any(line.startswith("warning S3_RECURSIVE_TRIGGER [bucket, resize, e3, e4] ") for line in lines)


def test_warnings_only_exit_0() -> None:
    d = {
        "schema": 1,
        "nodes": [{"id": "c", "type": "external.client"}, {"id": "f", "type": "lambda.function"}],
        "edges": [{"id": "e1", "source": "c", "target": "f"}],
    }
    out = cli.validate_bytes(json.dumps(d), "json")
    assert out.code == 0
    assert json.loads(out.stdout)["counts"] == {"error": 0, "warning": 1, "info": 0}


def test_json_output_is_the_report() -> None:
    out = cli.validate_bytes(BAD, "json")
    r = json.loads(out.stdout)
    assert set(r) == {"valid", "counts", "findings"} and r["valid"] is False
    assert r["counts"] == {"error": 8, "warning": 5, "info": 0}
    assert set(r["findings"][0]) == {"rule", "severity", "nodes", "edges", "message", "hint"}


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_invalid_document_exits_2_with_pointer_lines(fmt: str) -> None:
    out = cli.validate_bytes(INVALID, fmt)
    assert out.code == 2 and out.stdout == ""
    assert out.stderr.splitlines()[0] == "/nodes/0/props/memory_mb: memory_mb must be a number, not string"


def test_invalid_document_problems_as_json() -> None:
    out = cli.validate_bytes(INVALID, "json")
    assert out.code == 2
    assert json.loads(out.stderr) == [
        {"pointer": "/nodes/0/props/memory_mb", "message": "memory_mb must be a number, not string"}
    ]


def test_malformed_json_exits_2() -> None:
    out = cli.validate_bytes(b"{not json", "text")
    assert out.code == 2 and out.stderr.startswith("/: malformed JSON")


def test_sarif_is_2_1_0_with_rules_and_located_results() -> None:
    out = cli.validate_bytes(BAD, "sarif", "examples/mistakes.json")
    log = json.loads(out.stdout)
    assert log["version"] == "2.1.0" and out.code == 1
    run = log["runs"][0]
    rules_ = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules_] == [r.id for r in all_rules()]
    mem = next(r for r in rules_ if r["id"] == "LAMBDA_MEMORY_RANGE")
    assert mem["defaultConfiguration"] == {"level": "error"}
    assert mem["helpUri"].startswith("https://docs.aws.amazon.com/")
    assert mem["shortDescription"]["text"] and mem["fullDescription"]["text"]
    assert {r["defaultConfiguration"]["level"] for r in rules_} == {"error", "warning", "note"}
    result = next(r for r in run["results"] if r["ruleId"] == "LAMBDA_MEMORY_RANGE")
    assert rules_[result["ruleIndex"]]["id"] == "LAMBDA_MEMORY_RANGE" and result["level"] == "error"
    loc = result["locations"][0]
    assert loc["logicalLocations"] == [{"name": "app", "fullyQualifiedName": "/nodes/2", "kind": "object"}]
    region = loc["physicalLocation"]["region"]
    line = BAD.decode().splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 :].startswith('"id": "app"')
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "examples/mistakes.json"


def test_locate_finds_nodes_and_edges_not_lookalike_strings() -> None:
    text = (
        '{"schema": 1,\n "nodes": [\n  {"type": "lambda.function", "props": {"env": {"id": "g"}},\n'
        '   "id": "f"},\n  {"label": "\\"id\\": \\"f\\"",\n   "id": "g", "type": "s3.bucket"}\n ],\n'
        ' "edges": [\n  {"id": "e1", "source": "f", "target": "g"}\n ]\n}\n'
    )
    assert output.locate(text) == {("nodes", 0): (4, 4), ("nodes", 1): (6, 4), ("edges", 0): (9, 4)}


def test_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        cli.validate_bytes(GOOD, "xml")


# The management command itself, as a user runs it (a subprocess: it must not need a database).


def manage(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "manage.py", "validate", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=60
    )


def test_command_exit_codes_and_formats() -> None:
    ok = manage("examples/thumbnails.json")
    assert ok.returncode == 0
    assert ok.stdout.decode().splitlines()[-1] == "examples/thumbnails.json: 0 errors, 1 warning, 0 info (valid)"
    bad = manage("examples/mistakes.json", "--format", "json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["counts"]["error"] == 8
    sarif = manage("-", "--format", "sarif", stdin=BAD)
    assert sarif.returncode == 1 and json.loads(sarif.stdout)["version"] == "2.1.0"


def test_command_invalid_document_from_stdin_exits_2() -> None:
    text = manage("-", stdin=INVALID)
    assert text.returncode == 2 and text.stdout == b""
    assert b"/nodes/0/props/memory_mb: memory_mb must be a number, not string" in text.stderr
    as_json = manage("-", "--format", "json", stdin=INVALID)
    assert as_json.returncode == 2 and json.loads(as_json.stderr)[0]["pointer"] == "/nodes/0/props/memory_mb"


def test_command_missing_file_exits_2() -> None:
    missing = manage("no/such/file.json")
    assert missing.returncode == 2 and b"cannot read no/such/file.json" in missing.stderr


# SARIF against the OASIS schema (tests/data, with its licence).

SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", ["mistakes.json", "thumbnails.json"])
def test_sarif_output_is_valid_against_the_sarif_2_1_0_schema(example: str) -> None:
    out = cli.validate_bytes((ROOT / "examples" / example).read_bytes(), "sarif", f"examples/{example}")
    log = json.loads(out.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)  # raises on a log the schema refuses
    assert log["version"] == "2.1.0" and log["runs"][0]["tool"]["driver"]["name"]


def test_sarif_schema_check_catches_a_broken_log() -> None:
    log = json.loads(cli.validate_bytes(BAD, "sarif").stdout)
    log["runs"][0]["results"][0]["level"] = "fatal"  # not a SARIF level
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)


# The Django-free door.


def free(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    # No DJANGO_SETTINGS_MODULE: the entry point must not need one.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "-m", "builder.rules", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=60, env=env
    )


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
@pytest.mark.parametrize("example", ["mistakes.json", "thumbnails.json"])
def test_django_free_entry_point_prints_what_the_command_prints(fmt: str, example: str) -> None:
    path = f"examples/{example}"
    a, b = free(path, "--format", fmt), manage(path, "--format", fmt)
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)
    assert a.returncode == (1 if example == "mistakes.json" else 0) and a.stdout


def test_manage_py_with_django_options_goes_through_the_django_command_with_the_same_result() -> None:
    through_django = manage("examples/mistakes.json", "--format", "json", "--verbosity", "1")
    fast = manage("examples/mistakes.json", "--format", "json")
    assert (through_django.returncode, through_django.stdout) == (fast.returncode, fast.stdout) == (1, fast.stdout)
    invalid = manage("-", "--verbosity", "1", stdin=INVALID)
    assert invalid.returncode == 2 and b"/nodes/0/props/memory_mb: " in invalid.stderr


def test_django_free_entry_point_loads_no_django() -> None:
    code = (
        "import sys, runpy; sys.argv = ['x', 'examples/thumbnails.json']\n"
        "try:\n    runpy.run_module('builder.rules', run_name='__main__')\nexcept SystemExit as e:\n    code = e.code\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'celery', 'daphne', 'twisted', "
        "'channels', 'diagrams', 'graphviz'))\n"
        "print(code, bad)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60, check=True)
    assert proc.stdout.decode().splitlines()[-1] == "0 []"


def test_django_free_entry_point_exit_codes() -> None:
    assert free("examples/thumbnails.json").returncode == 0
    invalid = free("-", "--format", "json", stdin=INVALID)
    assert invalid.returncode == 2 and json.loads(invalid.stderr)[0]["pointer"] == "/nodes/0/props/memory_mb"
    missing = free("no/such/file.json")
    assert missing.returncode == 2 and b"cannot read no/such/file.json" in missing.stderr
    usage = free("--format", "xml", "examples/thumbnails.json")
    assert usage.returncode == 2 and b"invalid choice: 'xml'" in usage.stderr


def test_main_writes_to_the_streams_and_returns_the_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["examples/mistakes.json", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["counts"]["error"] == 8 and err == ""


def test_several_files_in_text_exit_with_the_worst_code() -> None:
    both = free("examples/thumbnails.json", "examples/mistakes.json")
    assert both.returncode == 1
    lines = both.stdout.decode().splitlines()
    assert lines[1] == "examples/thumbnails.json: 0 errors, 1 warning, 0 info (valid)"
    assert lines[-1] == "examples/mistakes.json: 8 errors, 5 warnings, 0 info (has errors)"
    with_invalid = free("examples/thumbnails.json", "-", stdin=INVALID)
    assert with_invalid.returncode == 2 and b"stdin: invalid document: 1 problem" in with_invalid.stderr


def test_several_files_with_json_or_sarif_is_a_usage_error() -> None:
    out = cli.execute_files(["examples/thumbnails.json", "examples/mistakes.json"], "sarif")
    assert out.code == 2 and out.stderr == "--format sarif takes one file; got 2\n"

"""``manage.py import`` and ``manage.py export``: real processes, their files, output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from builder import iac
from builder.cli import iac as cli

from .conftest import SAM_DIR

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = SAM_DIR / "apigw-lambda-dynamodb-stream-lambda" / "template.yaml"


def manage(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_then_export_on_the_command_line_gives_the_template_back(tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    done = manage("import", str(TEMPLATE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text())
    assert {n["type"] for n in doc["nodes"]} >= {"lambda.function", "dynamodb.table", "apigateway.api"}
    assert f"wrote {out} ({len(doc['nodes'])} components, {len(doc['edges'])} edges" in done.stdout
    # What could not be drawn is on stderr, one FILE:LINE line each, and the import still succeeds.
    report = iac.import_file(TEMPLATE.read_bytes(), TEMPLATE.name).report
    assert len(done.stderr.splitlines()) == len(report)
    assert all(line.startswith(f"{TEMPLATE}:") for line in done.stderr.splitlines())

    back = tmp_path / "template.yaml"
    done = manage("export", str(out), "--format", "sam", "-o", str(back))
    assert done.returncode == 0, done.stderr
    assert back.read_text() == TEMPLATE.read_text()
    drawio = manage("export", str(out), "--format", "drawio", "-o", "-")
    assert drawio.returncode == 0 and drawio.stdout.lstrip().startswith("<mxfile") and "<mxCell" in drawio.stdout


def test_a_file_that_cannot_be_read_or_parsed_is_exit_2_with_the_reason(tmp_path: Path) -> None:
    missing = manage("import", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.json"))
    assert missing.returncode == 2 and f"cannot read {tmp_path / 'nope.yaml'}: No such file" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("Resources:\n  Fn:\n    Type: [unclosed\n")
    bad = manage("import", str(broken), "-o", str(tmp_path / "x.json"))
    assert bad.returncode == 2 and str(broken) in bad.stderr and "line" in bad.stderr
    assert not (tmp_path / "x.json").exists()  # nothing half written


def test_export_of_an_invalid_document_is_exit_2_with_every_problem_as_a_pointer(tmp_path: Path) -> None:
    doc = tmp_path / "bad.json"
    doc.write_text(json.dumps({"schema": 1, "nodes": [{"id": "a", "type": "no.such"}], "edges": []}))
    done = manage("export", str(doc), "--format", "sam", "-o", str(tmp_path / "t.yaml"))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"{doc}: the document is invalid (")
    assert json.loads(lines[1])["pointer"] == "/nodes/0/type"
    assert not (tmp_path / "t.yaml").exists()


def test_the_management_commands_run_the_same_functions(tmp_path: Path) -> None:
    """``call_command`` (and Django's options) go through the management commands: same result."""
    out = tmp_path / "doc.json"
    call_command("import", str(TEMPLATE), "-o", str(out), verbosity=0)
    assert json.loads(out.read_text()) == json.loads(cli.import_command(str(TEMPLATE), "-").stdout)
    assert manage("export", str(out), "--format", "sam", "-o", "-", "--verbosity", "0").stdout == TEMPLATE.read_text()


def test_the_export_formats_are_the_exporters() -> None:
    assert set(cli.EXPORT_FORMATS) == set(iac.EXPORT_FORMATS)

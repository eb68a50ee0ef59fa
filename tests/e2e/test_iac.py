"""Infrastructure as code as a person uses it, in real Chromium: import an existing SAM project,
see it drawn and checked with the report of what was not drawn, edit a function, and get back a
template that differs from the original only where it was edited."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import by_design, unexpected_errors
from tests.iac.conftest import lint_errors

from .conftest import new_page
from .test_editor import node, sign_up, wait_saved

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE = ROOT / "tests" / "data" / "sam" / "sqs-lambda-lmi-esm-provisioned-sam" / "template.yaml"


def test_import_a_sam_project_edit_it_and_export_it_back(chromium: Any, asgi_server: Any, shots: Any) -> None:
    page = new_page(chromium, asgi_server.url)  # Daphne: the editor's live socket too
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" and not by_design(m) else None)
    sign_up(page, "ada")

    page.get_by_test_id("import-diagram").click()
    page.get_by_test_id("import-file").set_input_files(str(TEMPLATE))
    expect(page.get_by_test_id("import-summary")).to_contain_text("9 components")
    report = page.get_by_test_id("import-report")
    expect(report).to_be_visible()
    expect(report.get_by_test_id("import-note").filter(has_text="InternetGateway")).to_contain_text(
        "AWS::EC2::InternetGateway"
    )
    expect(report.get_by_test_id("import-note").filter(has_text="InternetGateway")).to_contain_text("line 116")
    shots(page, "import-report")
    page.get_by_test_id("import-new").click()
    page.wait_for_url("**/diagrams/*/")
    diagram_id = int(page.url.rstrip("/").split("/")[-1])
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    for node_id in ("VPC", "PublicSubnet", "NatGateway", "MessageQueue", "ProcessorFunction", "DeadLetterQueue"):
        expect(node(page, node_id)).to_be_visible()
    shots(page, "imported-diagram")

    # Unedited, the export is the template itself.
    original = TEMPLATE.read_text()
    res = page.request.get(f"/api/diagrams/{diagram_id}/export/sam")
    assert res.ok and res.text() == original

    # Checked: the queue's visibility timeout (90 s) is under 6 x the function's 30 s timeout
    # (the template's own comment says it must not be), and the finding says so on the queue.
    badge = node(page, "MessageQueue").get_by_test_id("finding-badge")
    expect(badge).to_have_attribute("data-rules", re.compile("SQS_VISIBILITY_TIMEOUT"))

    # Edit the function's memory, and fix the queue as the finding says, in the property panel.
    node(page, "ProcessorFunction").click()
    page.get_by_test_id("tab-properties").click()
    page.get_by_test_id("prop-memory_mb").fill("3072")
    node(page, "MessageQueue").click()
    page.get_by_test_id("prop-visibility_timeout_s").fill("180")
    expect(node(page, "MessageQueue").get_by_test_id("finding-badge")).to_have_count(0)
    wait_saved(page)
    shots(page, "edited")

    # Exported from the Export dialog: only the two edits differ, and cfn-lint finds nothing new.
    page.get_by_test_id("open-export").click()
    with page.expect_download() as dl:
        page.get_by_test_id("export-dialog").get_by_test_id("export-sam").click()
    edited = Path(dl.value.path()).read_text()
    changed = [
        line
        for line in difflib.unified_diff(original.splitlines(), edited.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    # 2048 came from the template's Globals: the function now overrides it, one added line; the
    # queue's line keeps its comment where it was.
    assert sorted(changed) == sorted(
        [
            "-      VisibilityTimeout: 90          # Must be >= 6x Lambda timeout",
            "+      VisibilityTimeout: 180         # Must be >= 6x Lambda timeout",  # the comment stays in its column
            "+      MemorySize: 3072",
        ]
    ), changed

    # cfn-lint: nothing the original did not have (its spec does not know the template's Lambda
    # capacity provider yet: the same two errors on the original, lines aside).
    def without_line(errors: list[str]) -> set[str]:
        return {e.split(" ", 1)[0] + e.split(":", 1)[1] for e in errors}

    assert without_line(lint_errors(edited)) <= without_line(lint_errors(original))
    drawio = page.request.get(f"/api/diagrams/{diagram_id}/export/drawio")
    assert drawio.ok and drawio.text().startswith("<mxfile")
    assert not unexpected_errors(page), page.errors  # type: ignore[attr-defined]
    assert not console, console


def test_export_dialog_downloads_sam_and_drawio_and_says_why_an_export_fails(page: Any, shots: Any) -> None:
    import xml.etree.ElementTree as ET

    from ruamel.yaml import YAML

    sign_up(page, "ada")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-vpc-lambda").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    page.get_by_test_id("open-export").click()
    dialog = page.get_by_test_id("export-dialog")
    expect(dialog.get_by_test_id("export-sam")).to_have_text("SAM template (YAML)")
    shots(page, "export-dialog-iac")

    with page.expect_download() as dl:
        dialog.get_by_test_id("export-sam").click()
    assert dl.value.suggested_filename == "template.yaml"
    text = Path(dl.value.path()).read_text()
    template = YAML(typ="rt").load(text)  # round-trip: keeps the short-form intrinsics (!Ref ...)
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    types = {r["Type"] for r in template["Resources"].values()}
    assert {"AWS::Serverless::Function", "AWS::EC2::VPC", "AWS::EC2::Subnet"} <= types, types

    with page.expect_download() as dl:
        dialog.get_by_test_id("export-drawio").click()
    assert dl.value.suggested_filename == "diagram.drawio"
    expect(dialog.get_by_test_id("export-iac-done")).to_have_text("✓ diagram.drawio downloaded")
    root = ET.fromstring(Path(dl.value.path()).read_text())  # noqa: S314 (our own server's file)
    assert root.tag == "mxfile"
    cells = root.findall(".//mxCell")
    shapes = [c for c in cells if "mxgraph.aws4" in (c.get("style") or "")]
    assert len(shapes) >= 5, [c.get("style") for c in cells]
    builder_types = {o.get("builder_type") for o in root.iter("object")}
    assert "lambda.function" in builder_types, builder_types
    expect(dialog.get_by_test_id("export-iac-error")).to_have_count(0)

    # An empty diagram has nothing to write: the server's 400 is shown in words, nothing downloads.
    page.expected_errors.append(r"status of 400 \(Bad Request\)")  # the refusal, on purpose
    page.goto("/")
    page.get_by_test_id("new-diagram").click()
    page.get_by_test_id("starter-blank").click()
    page.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    downloads: list[Any] = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_test_id("open-export").click()
    page.get_by_test_id("export-sam").click()
    error = page.get_by_test_id("export-iac-error")
    expect(error).to_have_text("SAM template (YAML) export failed: the diagram has no AWS resources to write")
    shots(page, "export-sam-refused")
    assert downloads == []

"""The import, export, render and presence errors in the reader's language (API and CLI),
and a scan that no user-facing error is an English-only literal any more."""

from __future__ import annotations

import ast
import base64
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from builder import i18n, iac, render
from builder.cli import iac as cli
from builder.collab import presence
from builder.render import dot
from tests.i18n.helpers import BUILDER, HANGUL, ROOT

KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}

#: One unreadable file for each way decode.py and drawio.py refuse one: (text, English, Korean).
UNREADABLE = [
    (
        "Resources:\n  A: !Include x.yaml\n",
        "t.yaml: line 2: unknown tag !Include",
        "t.yaml: 2행: 알 수 없는 태그 !Include",
    ),
    ("a: !!python/object x\n", "unsupported YAML tag !!python/object", "지원하지 않는 YAML 태그 !!python/object"),
    ("just: text\n", "the template has no Resources section", "템플릿에 Resources 섹션이 없습니다"),
    ("- a\n- b\n", "a template is a mapping with a Resources section", "템플릿은 Resources 섹션이 있는 매핑이어야"),
    ("Resources:\n  A: [1\n", "malformed YAML: ", "잘못된 YAML: "),
    ('{"Resources": {"A": 1, "A": 2}}', "duplicate key 'A'", "중복된 키 'A'"),
    ('{"Resources": ', "malformed JSON: ", "잘못된 JSON: "),
    ("Resources:\n  A:\n    Properties: {}\n", "line 3: resource A has no Type", "3행: 리소스 A: Type이 없습니다"),
    (
        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  A:\n    Type: AWS::SQS::Queue\n",
        "a second section or resource of that name",
        "같은 이름의 섹션이나 리소스가 두 번 나옵니다",
    ),
    ("<mxfile><diagram>", "malformed XML", "잘못된 XML"),
    ("<mxfile></mxfile>", "the draw.io file has no page", "draw.io 파일에 페이지가 없습니다"),
    (
        "<mxfile><diagram>!!not base64!!</diagram></mxfile>",
        "neither XML nor a compressed page",
        "압축된 페이지도 아닙니다",
    ),
    (
        "<?xml version='1.0'?><svg/>",
        "not a draw.io file (the root element is <svg>)",
        "draw.io 파일이 아닙니다(루트 요소: <svg>)",
    ),
    ("<mxGraphModel/>", "the draw.io page has no <root>", "draw.io 페이지에 <root> 요소가 없습니다"),
    ("<!DOCTYPE x><mxfile/>", "DTDs and entities are not allowed", "DTD와 엔터티를 쓸 수 없습니다"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "english", "korean"), UNREADABLE, ids=[e for _, e, _ in UNREADABLE])
def test_an_unreadable_file_is_refused_in_the_readers_language(
    api: APIClient, text: str, english: str, korean: str
) -> None:
    client = api
    body = {"text": text, "filename": "t.yaml" if not text.startswith(("<", "{")) else "t.drawio"}
    if text.startswith("{"):
        body["filename"] = "t.json"
    en = client.post("/api/import/", body, format="json", **EN)
    ko = client.post("/api/import/", body, format="json", **KO)
    assert en.status_code == ko.status_code == 400
    assert english in en.json()["detail"] and not HANGUL.search(en.json()["detail"])
    assert korean in ko.json()["detail"], ko.json()
    assert ko.json()["problems"][0]["message"] == ko.json()["detail"]


@pytest.mark.django_db
def test_an_empty_request_and_an_oversized_file_are_refused_in_korean(api: APIClient) -> None:
    client = api
    ko = client.generic("POST", "/api/import/", b"", content_type="text/plain", **KO)
    assert ko.status_code == 400 and "템플릿을 multipart" in ko.json()["detail"]
    big = b"Resources:\n" + b"#" * (iac.MAX_TEMPLATE_BYTES + 1)
    upload = client.post("/api/import/", {"text": big.decode()}, format="json", **KO)
    assert upload.status_code == 400
    assert "한도는 524,288바이트(512 KiB)입니다" in upload.json()["detail"]


@pytest.mark.django_db
def test_the_import_report_is_in_the_readers_language(api: APIClient) -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Role:\n    Type: AWS::IAM::Role\n"
        "  Perm:\n    Type: AWS::Lambda::Permission\n"
        "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: !Ref Rt\n"
        "      Events:\n        E:\n          Type: Kinesis\n"
    )
    client = api
    en = client.post("/api/import/", {"text": text}, format="json", **EN).json()["report"]
    ko = client.post("/api/import/", {"text": text}, format="json", **KO).json()["report"]
    assert [{k: v for k, v in r.items() if k != "message"} for r in ko] == [
        {k: v for k, v in r.items() if k != "message"} for r in en
    ]
    messages = {r["logical_id"]: r["message"] for r in ko}
    assert messages["Role"] == "해당하는 구성 요소 유형이 없어 템플릿에만 남겨 둡니다"
    assert messages["Perm"] == "연결의 권한(으)로 표시"
    assert all(HANGUL.search(r["message"]) for r in ko), ko
    assert not any(HANGUL.search(r["message"]) for r in en)
    assert {r["logical_id"]: r["message"] for r in en}["Perm"] == "drawn as the permission of an edge"


@pytest.mark.django_db
def test_a_drawio_report_is_in_the_readers_language(api: APIClient) -> None:
    page = (
        '<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>'
        '<mxCell id="x" value="Mystery" style="shape=cube" vertex="1" parent="1"/>'
        '<mxCell id="e" edge="1" source="x" target="y" parent="1"/></root></mxGraphModel>'
    )
    packed = base64.b64encode(zlib.compress(page.encode())[2:-4]).decode()
    for text in (f"<mxfile><diagram>{packed}</diagram></mxfile>", f"<mxfile><diagram>{page}</diagram></mxfile>"):
        ko = api.post("/api/import/", {"text": text, "filename": "d.drawio"}, format="json", **KO)
        assert ko.status_code == 200, ko.content
        assert [r["message"] for r in ko.json()["report"]] == [
            "'Mystery'에 해당하는 구성 요소 유형이 없습니다",
            "양 끝이 모두 구성 요소가 아닌 화살표입니다",
        ]


@pytest.mark.django_db
def test_an_export_that_cannot_be_written_is_refused_in_the_readers_language(api: APIClient) -> None:
    doc = {"schema": 1, "nodes": [{"id": "cache", "type": "elasticache.cluster"}], "edges": []}
    pk = api.post("/api/diagrams/", {"document": doc}, format="json").json()["id"]
    en = api.get(f"/api/diagrams/{pk}/export/sam", **EN)
    ko = api.get(f"/api/diagrams/{pk}/export/sam", **KO)
    assert en.status_code == ko.status_code == 400
    assert en.json()["detail"] == "elasticache.cluster cache must be inside a subnet"
    assert ko.json()["detail"] == "elasticache.cluster cache: 서브넷 안에 있어야 합니다"


@pytest.mark.parametrize(
    ("doc", "korean"),
    [
        ({"schema": 1, "nodes": [{"id": "s", "type": "aws.subnet"}], "edges": []}, "서브넷 s: VPC 안에 있지 않습니다"),
        (
            {"schema": 1, "nodes": [{"id": "v", "type": "aws.vpc_endpoint", "props": {"service": "s3"}}], "edges": []},
            "VPC 엔드포인트 v: VPC 안에 있어야 합니다",
        ),
        ({"schema": 1, "nodes": [], "edges": []}, "다이어그램에 템플릿으로 내보낼 AWS 리소스가 없습니다"),
    ],
)
def test_every_sam_export_error_has_its_korean(doc: dict[str, Any], korean: str) -> None:
    with pytest.raises(iac.ExportError) as raised:
        iac.export(doc, "sam")
    assert i18n.said(raised.value, "ko") == korean
    assert not HANGUL.search(str(raised.value)) and i18n.said(raised.value, "en") == str(raised.value)


def test_render_errors_have_their_korean() -> None:
    with pytest.raises(render.RenderError) as missing:
        dot.run("digraph{}", "svg", binary="no-such-dot")
    assert str(missing.value) == "Graphviz is not installed ('no-such-dot' not found)"
    assert i18n.said(missing.value, "ko") == "Graphviz가 설치되어 있지 않습니다('no-such-dot' 없음)"
    with pytest.raises(render.RenderError) as failed:
        dot.run("this is not DOT", "svg")
    assert i18n.said(failed.value, "ko").startswith("Graphviz 실행에 실패했습니다(종료 코드 1): ")
    with pytest.raises(render.RenderError) as slow:
        dot.run("digraph{a->b}", "svg", limits=dot.Limits(timeout_s=0.000001))
    assert i18n.said(slow.value, "ko") == "그리기가 1e-06초를 넘겨 중단되었습니다"


def test_the_png_budget_is_refused_in_korean_saying_what_to_use_instead() -> None:
    from builder.render.picture import Picture
    from builder.render.route import Box

    huge = Picture.__new__(Picture)
    object.__setattr__(huge, "bounds", Box(0, 0, 20_000, 10_000))
    for scale, tail in ((1, "대신 SVG나 PDF(벡터, 크기 제한 없음)로 내보내세요."), (2, "배율을 낮추세요.")):
        with pytest.raises(render.RenderError) as raised:
            render.check_png_budget(huge, scale)
        english = str(raised.value)
        assert english.startswith(
            f"this diagram is {20_000 * scale:,} x {10_000 * scale:,} px as a PNG at scale {scale}"
        )
        korean = i18n.said(raised.value, "ko")
        assert korean.startswith(f"이 다이어그램을 배율 {scale}의 PNG로 만들면") and korean.endswith(tail), korean


def test_presence_errors_have_their_korean() -> None:
    who = presence.identity("kim", "owner", 1)
    cases = ["x" * (presence.MAX_STATE_BYTES + 1), "{not json", "[1]"]
    for text in cases:
        with pytest.raises(ValueError) as raised:
            presence.clean_state(text, who)
        assert HANGUL.search(i18n.said(raised.value, "ko")) and not HANGUL.search(str(raised.value))
    with pytest.raises(ValueError) as bad:
        presence.decode(b"\x05")
    assert i18n.said(bad.value, "ko") == "잘못된 awareness 업데이트"


# --- The command line: import and export --lang ko -------------------------------------------


def test_cli_import_says_why_a_file_is_unreadable_in_korean(tmp_path: Path) -> None:
    bad = tmp_path / "t.yaml"
    bad.write_text("just: text\n", encoding="utf-8")
    en = cli.run("import", {"file": str(bad), "output": "-"})
    ko = cli.run("import", {"file": str(bad), "output": "-", "lang": "ko"})
    assert en.code == ko.code == 2
    assert "the template has no Resources section" in en.stderr
    assert ko.stderr == f"{bad}: 템플릿에 Resources 섹션이 없습니다(SAM 또는 CloudFormation 템플릿이 맞나요?)\n"


def test_cli_import_reports_in_korean_and_export_refuses_in_korean(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  R:\n    Type: AWS::IAM::Role\n", encoding="utf-8"
    )
    ko = cli.run("import", {"file": str(template), "output": "-", "lang": "ko"})
    assert ko.code == 0
    assert (
        f"{template}:4: not_drawn: AWS::IAM::Role R: 해당하는 구성 요소 유형이 없어 템플릿에만 남겨 둡니다\n"
        in ko.stderr
    )
    doc = tmp_path / "d.json"
    doc.write_text(json.dumps({"schema": 1, "nodes": [{"id": "s", "type": "aws.subnet"}], "edges": []}), "utf-8")
    out = cli.run("export", {"file": str(doc), "format": "sam", "output": "-", "lang": "ko"})
    assert out.code == 2 and out.stderr == f"{doc}: 내보낼 수 없습니다: 서브넷 s: VPC 안에 있지 않습니다\n"
    english = cli.run("export", {"file": str(doc), "format": "sam", "output": "-"})
    assert english.stderr == f"cannot export {doc}: subnet s is not inside a VPC\n"


def test_cli_lang_through_manage_py(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "t.yaml"
    bad.write_text("Resources: {A: !Include x}\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "manage.py", "import", str(bad), "-o", "-", "--lang", "ko"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )
    assert out.returncode == 2 and "1행: 알 수 없는 태그 !Include" in out.stderr, out.stderr


# --- No English-only literal left -----------------------------------------------------------

#: The errors whose message a user reads (API detail, CLI stderr, import report, render error).
USER_ERRORS = {"TemplateError", "ImportFailed", "ExportError", "RenderError", "ValueError", "TemplateTooLarge"}
SCANNED = [
    *sorted((BUILDER / "iac").glob("*.py")),
    BUILDER / "render" / "__init__.py",
    BUILDER / "render" / "dot.py",
    BUILDER / "collab" / "presence.py",
    BUILDER / "api" / "iac.py",
]


def english_literals(source: str, name: str) -> list[str]:
    """``raise E("...")`` / ``raise E(f"...")`` of a user-facing error, and report entries whose
    ``"message"`` is a literal: each is English a Korean reader would get."""
    found = []
    for node in ast.walk(ast.parse(source)):
        args: list[ast.expr] = []
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            if (
                isinstance(func, ast.Attribute | ast.Name)
                and getattr(func, "attr", getattr(func, "id", "")) in USER_ERRORS
            ):
                args = node.exc.args[:1]
        elif isinstance(node, ast.Dict):
            args = [
                v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == "message"
            ]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "note":
            args = node.args[4:5]
        for arg in args:
            translated = {
                id(inner)
                for call in ast.walk(arg)
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("t", "N_")
                for inner in ast.walk(call)
            }
            literals = [
                part
                for part in ast.walk(arg)
                if isinstance(part, ast.JoinedStr)
                or (isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value.strip(" :"))
            ]
            if any(id(part) not in translated for part in literals):
                found.append(f"{name}:{node.lineno}")
    return found


def test_the_scan_finds_an_english_literal() -> None:
    sample = "def f():\n    raise TemplateError(f'the file is {x}')\n    raise ExportError(t('fine'))\n"
    assert english_literals(sample, "sample.py") == ["sample.py:2"]
    report = "r.append({'message': 'an arrow'})\nr.append({'message': t('ok')})\nself.note(1, 2, 3, 'x', f'{y} z')\n"
    assert sorted(english_literals(report, "r.py")) == ["r.py:1", "r.py:3"]


@pytest.mark.parametrize("path", SCANNED, ids=[str(p.relative_to(ROOT)) for p in SCANNED])
def test_no_user_facing_error_is_an_english_literal(path: Path) -> None:
    assert not english_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))

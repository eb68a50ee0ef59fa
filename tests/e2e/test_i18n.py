"""The editor in Korean (issue 16): a browser whose language is Korean gets every page's chrome
in Korean (list, new-diagram dialog, editor with its panels and dialogs, review page), the API
calls say `Accept-Language: ko`, long Korean words keep the header on one line, and the header's
switch changes the language at once and remembers it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import WSGI_SOCKET_REFUSED, watched
from tests.e2e.test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)

#: Words that stay as they are in the Korean chrome: names, formats, keys.
KEEP = {
    "Serverless",
    "Builder",
    "AWS",
    "JSON",
    "PNG",
    "SVG",
    "PDF",
    "SAM",
    "YAML",
    "draw.io",
    "drawio",
    "Graphviz",
    "diagrams.net",
    "Python",
    "diagrams",
    "Ctrl",
    "Shift",
    "Enter",
    "Delete",
    "Backspace",
    "Escape",
    "CloudFormation",
    "VPC",
    "CONNECTION_UNSUPPORTED",
    "English",
    "IaC",
    "json",
    "yaml",
    "yml",
    "ap-northeast-2",
    "us-east-1",
    "px",
}


def english_words(text: str, also: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Latin words of three letters or more that are not names we keep."""
    words = re.findall(r"[A-Za-z][A-Za-z._-]{2,}", text)
    return [w for w in words if w not in KEEP and w not in also and not re.fullmatch(r"r\d+", w)]


#: The visible text of the elements and the labels, titles and placeholders inside them.
TEXT_OF = """els => els.map(e => [e.innerText,
  ...[...e.querySelectorAll('[aria-label],[title],[placeholder]')]
    .flatMap(x => ['aria-label', 'title', 'placeholder'].map(a => x.getAttribute(a)))
].filter(Boolean).join(' '))"""


def chrome_text(page: Any, selectors: list[str]) -> str:
    return "\n".join(" ".join(page.locator(sel).evaluate_all(TEXT_OF)) for sel in selectors)


def korean_page(chromium: Any, base_url: str) -> Any:
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="ko-KR", base_url=base_url)
    page = watched(context.new_page())
    page.expected_errors.append(WSGI_SOCKET_REFUSED)
    return page


def assert_one_line_header(page: Any) -> None:
    """Long Korean labels neither wrap nor spill out of the header."""
    header = page.locator(".app-header").bounding_box()
    overflow = page.locator(".app-header").evaluate(
        """h => {
          const box = h.getBoundingClientRect();
          return [...h.querySelectorAll('button, a, select, .save-status')]
            .filter(b => b.offsetParent !== null)
            .filter(b => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().height > box.height
                         || b.getBoundingClientRect().right > box.right + 1)
            .map(b => b.innerText || b.outerHTML.slice(0, 80));
        }"""
    )
    assert overflow == [], overflow
    assert header and header["height"] <= 56, header


def test_korean_chrome_everywhere(chromium: Any, live_server: Any, shots: Any) -> None:
    page = korean_page(chromium, live_server.url)
    languages: list[str] = []
    page.on("request", lambda r: "/api/" in r.url and languages.append(f"{r.headers.get('accept-language')} {r.url}"))
    sign_up(page, "jiwoo")

    # The list page, in Korean from the browser's language.
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("내 다이어그램")
    expect(page.get_by_test_id("new-diagram")).to_have_text("새 다이어그램")
    shots(page, "list-ko")
    assert english_words(chrome_text(page, [".app-header", ".list-page"]), {"jiwoo"}) == []

    page.get_by_test_id("new-diagram").click()
    dialog = page.get_by_test_id("new-diagram-dialog")
    expect(dialog.get_by_role("heading")).to_have_text("새 다이어그램")
    shots(page, "new-diagram-dialog-ko")
    assert english_words(chrome_text(page, [".dialog-head", ".dialog-foot", "legend", ".field-label"])) == []
    dialog.get_by_test_id("starter-vpc-lambda").click()
    dialog.get_by_test_id("create-diagram").click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")

    # The editor: header, toolbar, canvas tools, palette chrome, side panel.
    expect(page.get_by_test_id("save-status")).to_have_text("모든 변경 사항 저장됨", timeout=10_000)
    # The subnets' Public / Private tag is the catalog style's, served in Korean.
    tags = page.get_by_test_id("container-tag")
    expect(tags.first).to_be_visible()
    assert sorted(set(tags.all_text_contents())) == ["퍼블릭", "프라이빗"], tags.all_text_contents()
    expect(page.get_by_test_id("tab-properties")).to_have_text("속성")
    # Findings of three severities: the counts beside the findings tab's long label.
    for item in ("sqs.queue", "s3.bucket"):
        page.get_by_test_id(f"palette-item-{item}").focus()
        page.keyboard.press("Enter")
    page.get_by_test_id("tab-findings").click()
    expect(page.locator("[data-testid=finding][data-severity=warning]").first).to_be_visible()
    expect(page.get_by_test_id("findings-panel").get_by_role("heading", name=re.compile("경고"))).to_be_visible()
    shots(page, "editor-ko")
    tab_heights = page.locator(".tabs [role=tab]").evaluate_all("ts => ts.map(t => t.scrollHeight)")
    assert max(tab_heights) <= 42, tab_heights
    assert_one_line_header(page)
    chrome = [".app-header", ".canvas-tools", ".tabs", ".palette-search", ".palette-tip"]
    assert english_words(chrome_text(page, chrome), {"jiwoo"}) == []

    page.get_by_test_id("tab-history").click()
    expect(page.get_by_test_id("revision").first).to_contain_text("리비전")

    dialogs = [
        ("open-export", "export-dialog", "export"),
        ("open-share", "share-dialog", "share"),
        ("open-help", "help-dialog", "help"),
    ]
    for opener, dialog_id, step in dialogs:
        page.get_by_test_id(opener).click()
        d = page.get_by_test_id(dialog_id)
        expect(d).to_be_visible()
        shots(page, f"{step}-dialog-ko")
        text = chrome_text(page, [f"[data-testid={dialog_id}]"])
        assert english_words(text) == [], (step, english_words(text))
        page.keyboard.press("Escape")
        expect(d).to_be_hidden()

    # A review link, opened by a Korean reviewer.
    page.get_by_test_id("open-share").click()
    share = page.get_by_test_id("share-dialog")
    share.get_by_test_id("share-create").click()
    url = share.get_by_test_id("share-url").input_value()
    expect(share.get_by_test_id("share-copy")).to_have_text("링크 복사")
    page.keyboard.press("Escape")
    reviewer = korean_page(chromium, live_server.url)
    reviewer.goto(url)
    expect(reviewer.get_by_test_id("review")).to_have_attribute("data-ready", "true")
    expect(reviewer.get_by_test_id("review-revision")).to_contain_text("최신")
    expect(reviewer.get_by_test_id("comment-form")).to_be_visible()
    shots(reviewer, "review-ko")
    assert_one_line_header(reviewer)
    review_chrome = [
        ".app-header .review-meta",
        ".app-header .header-account",
        ".side-panel .tabs",
        # The comment form without its target list (rule titles: the server's words).
        ".reviewer-name-form",
        ".composer-target > span",
        "[data-testid=comment-body]",
        ".composer-foot",
        ".verdict-form",
        ".comments-empty",
    ]
    assert english_words(chrome_text(reviewer, review_chrome)) == []

    # Every API call said which language it wants.
    assert languages and all(a.startswith("ko ") for a in languages), [a for a in languages if not a.startswith("ko ")]

    # The header's switch: English at once, remembered on reload.
    page.get_by_test_id("language").select_option("en")
    expect(page.get_by_test_id("tab-properties")).to_have_text("Properties")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
    expect(page.get_by_test_id("save-status")).to_have_text("All changes saved", timeout=10_000)
    expect(page.get_by_test_id("container-tag").first).to_have_text(re.compile("^(Public|Private)$"))
    shots(page, "editor-switched-to-en")
    page.context.close()
    reviewer.context.close()


def test_korean_import_report(chromium: Any, live_server: Any, shots: Any, tmp_path: Any) -> None:
    """The import dialog's report in Korean: the server's messages and the dialog's words."""
    page = korean_page(chromium, live_server.url)
    sign_up(page, "minji")
    template = tmp_path / "template.yaml"
    template.write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
        "  Role:\n    Type: AWS::IAM::Role\n  Perm:\n    Type: AWS::Lambda::Permission\n",
        encoding="utf-8",
    )
    page.get_by_test_id("import-diagram").click()
    page.get_by_test_id("import-file").set_input_files(str(template))
    report = page.get_by_test_id("import-report")
    expect(report).to_be_visible()
    expect(report.get_by_test_id("import-note").filter(has_text="Role")).to_contain_text(
        "해당하는 구성 요소 유형이 없어 템플릿에만 남겨 둡니다"
    )
    expect(report.get_by_test_id("import-note").filter(has_text="Perm")).to_contain_text("연결의 권한(으)로 표시")
    shots(page, "import-report-ko")
    notes = report.get_by_test_id("import-note").all_inner_texts()
    also = {"Role", "Perm", "Queue", "AWS::IAM::Role", "AWS::Lambda::Permission", "IAM", "Lambda", "Permission"}
    assert english_words(" ".join(notes), also) == [], notes
    page.context.close()

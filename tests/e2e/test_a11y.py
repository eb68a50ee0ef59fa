"""Accessibility (issue 16): axe-core finds no serious or critical violation on any page (list,
list with a dialog open, editor with a diagram and each of its dialogs and tabs, review page,
rules page), in English and Korean; the list behind an open dialog is inert."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, WSGI_SOCKET_REFUSED, watched
from tests.e2e.test_editor import sign_up

pytestmark = pytest.mark.django_db(transaction=True)

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def a11y_page(chromium: Any, base_url: str, locale: str = "en-US") -> Any:
    # The pages' CSP allows no inline script: axe is injected past it (only in this test's browser).
    context = chromium.new_context(
        viewport={"width": 1280, "height": 800}, locale=locale, base_url=base_url, bypass_csp=True
    )
    page = watched(context.new_page())
    page.expected_errors.append(WSGI_SOCKET_REFUSED)
    return page


def serious_violations(page: Any, where: str) -> list[str]:
    """axe.run() on the page as it is: the serious and critical violations, one line per node."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` in frontend/")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations")
    out = []
    for v in result:
        if v["impact"] not in ("serious", "critical"):
            continue
        for n in v["nodes"]:
            out.append(f"{where}: {v['id']} ({v['impact']}) {n['target']} {n.get('failureSummary', '')[:200]}")
    return out


#: Rules checked at any impact (axe calls them moderate, issue 16 names them): one main landmark,
#: not inside another; an h1 on every page; a control's name contains its visible text.
LANDMARK_RULES = [
    "landmark-no-duplicate-main",
    "landmark-main-is-top-level",
    "page-has-heading-one",
    "label-content-name-mismatch",
]


def rule_violations(page: Any, where: str, rules: list[str]) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (rules) => (await axe.run(document, {
            runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'],
        })).violations""",
        rules,
    )
    return [f"{where}: {v['id']} {n['target']}" for v in result for n in v["nodes"]]


def check(page: Any, where: str, found: list[str]) -> None:
    found.extend(serious_violations(page, where))


def test_no_serious_violations_anywhere(chromium: Any, live_server: Any, shots: Any) -> None:
    for locale in ("en-US", "ko-KR"):
        found: list[str] = []
        page = a11y_page(chromium, live_server.url, locale)
        sign_up(page, f"axe{locale[:2]}")
        check(page, "list (empty)", found)
        page.get_by_test_id("new-diagram").click()
        expect(page.get_by_test_id("new-diagram-dialog")).to_be_visible()
        check(page, "new diagram dialog", found)
        page.get_by_test_id("starter-vpc-lambda").click()
        page.get_by_test_id("create-diagram").click()
        page.wait_for_url("**/diagrams/*/")
        expect(page.get_by_test_id("editor")).to_have_attribute("data-ready", "true")
        expect(page.locator(".react-flow__node").first).to_be_visible()
        check(page, "editor", found)
        found.extend(rule_violations(page, "editor", LANDMARK_RULES))
        # Findings of every severity on screen: a queue and a bucket on their own (added from the
        # palette with the keyboard), a Lambda function set past its limits.
        for item in ("sqs.queue", "s3.bucket"):
            page.get_by_test_id(f"palette-item-{item}").focus()
            page.keyboard.press("Enter")
        page.get_by_test_id("tab-findings").click()
        expect(page.locator("[data-testid=finding][data-severity=warning]").first).to_be_visible()
        shots(page, f"editor-findings-{locale}")
        check(page, "editor with findings", found)
        for tab in ("findings", "comments", "history"):
            page.get_by_test_id(f"tab-{tab}").click()
            check(page, f"editor {tab} tab", found)
        page.get_by_test_id("tab-properties").click()
        expect(page.get_by_test_id("node-props")).to_be_visible()
        check(page, "editor properties of a node", found)
        for opener, dialog in [
            ("open-export", "export-dialog"),
            ("open-share", "share-dialog"),
            ("open-help", "help-dialog"),
            ("open-import", "import-dialog"),
        ]:
            page.get_by_test_id(opener).click()
            expect(page.get_by_test_id(dialog)).to_be_visible()
            check(page, dialog, found)
            page.keyboard.press("Escape")
        page.get_by_test_id("open-share").click()
        share = page.get_by_test_id("share-dialog")
        share.get_by_test_id("share-create").click()
        url = share.get_by_test_id("share-url").input_value()
        check(page, "share dialog with a link", found)
        page.keyboard.press("Escape")
        page.goto("/")
        expect(page.get_by_test_id("diagram-row")).to_have_count(1)
        check(page, "list", found)
        found.extend(rule_violations(page, "list", LANDMARK_RULES))
        page.goto("/rules/")
        check(page, "rules page", found)
        reviewer = a11y_page(chromium, live_server.url, locale)
        reviewer.goto(url)
        expect(reviewer.get_by_test_id("review")).to_have_attribute("data-ready", "true")
        expect(reviewer.locator(".react-flow__node").first).to_be_visible()
        check(reviewer, "review page", found)
        found.extend(rule_violations(reviewer, "review page", LANDMARK_RULES))
        reviewer.get_by_test_id("tab-findings").click()
        check(reviewer, "review findings", found)
        assert found == [], f"{locale}:\n" + "\n".join(found)
        page.context.close()
        reviewer.context.close()


def test_the_list_behind_a_dialog_is_inert(chromium: Any, live_server: Any) -> None:
    page = a11y_page(chromium, live_server.url)
    sign_up(page, "inert")
    page.get_by_test_id("new-diagram").click()
    dialog = page.get_by_test_id("new-diagram-dialog")
    expect(dialog).to_be_visible()
    # The page behind: inert (out of the tab order and the accessibility tree), the dialog not.
    assert page.get_by_test_id("import-diagram").evaluate("b => b.closest('[inert]') !== null")
    assert page.locator(".app-header a.brand").evaluate("b => b.closest('[inert]') !== null")
    assert dialog.evaluate("d => d.closest('[inert]') === null")
    # Tab never reaches the page behind (past the dialog's last control it leaves for the browser's
    # own UI, where the document's active element is its body).
    for _ in range(15):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => document.activeElement === document.body || !!document.activeElement.closest('dialog')"
        )
        assert where, page.evaluate("() => document.activeElement.outerHTML")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.locator("[inert]").count() == 0
    expect(page.get_by_role("button", name="Import JSON…")).to_be_visible()

"""Server pages in Korean: <html lang>, the rules page, login and signup; user choice -> cookie -> browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from builder.models import UserPreference
from tests.i18n.helpers import HANGUL, ROOT

pytestmark = pytest.mark.django_db

PO = ROOT / "builder" / "locale" / "ko" / "LC_MESSAGES" / "django.po"
KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}


def html_lang(html: str) -> str:
    m = re.search(r'<html lang="([^"]+)">', html)
    assert m, html[:200]
    return m.group(1)


def test_the_compiled_catalog_is_there() -> None:
    mo = PO.with_suffix(".mo")
    assert mo.exists(), "builder/locale/ko/LC_MESSAGES/django.mo is missing: run `make messages` (or `make setup`)"
    assert mo.stat().st_mtime >= PO.stat().st_mtime, "django.mo is older than django.po: run `make messages`"


def po_entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every entry, plural forms as their first msgstr."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n")[1:]:
        head, _, tail = block.partition("msgstr")
        msgid = "".join(re.findall(r'"(.*)"', head.split("msgid", 1)[-1].split("msgid_plural")[0]))
        msgstr = "".join(re.findall(r'"(.*)"', tail))
        entries.append((msgid, msgstr))
    return entries


def test_every_page_string_has_korean_and_none_is_fuzzy() -> None:
    text = PO.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    entries = po_entries()
    assert len(entries) > 30
    assert [msgid for msgid, msgstr in entries if not HANGUL.search(msgstr)] == []


def test_every_translate_tag_in_the_templates_is_in_the_catalog() -> None:
    # makemessages must have been run after the last template change.
    text = PO.read_text(encoding="utf-8")
    for template in Path(ROOT / "builder" / "templates").rglob("*.html"):
        for msgid in re.findall(r'{% translate "([^"]+)"', template.read_text(encoding="utf-8")):
            assert f'msgid "{msgid}"' in text, (template.name, msgid)


def test_pages_are_english_by_default() -> None:
    html = Client().get("/rules/").content.decode()
    assert html_lang(html) == "en" and "<h1>Serverless rules</h1>" in html


def test_rules_page_in_korean_from_the_browser_language() -> None:
    response = Client().get("/rules/", **KO)
    html = response.content.decode()
    assert html_lang(html) == "ko" and response["Content-Language"] == "ko"
    assert "<h1>서버리스 규칙</h1>" in html
    assert "람다 메모리는 128 MB-10,240 MB여야 합니다" in html  # a rule's title, from the Python catalog
    assert "출처: AWS serverless-rules ES1007" in html
    assert 'id="LAMBDA_MEMORY_RANGE"' in html  # ids never change


def test_login_and_signup_pages_in_korean() -> None:
    client = Client()
    login = client.get("/accounts/login/", **KO).content.decode()
    assert html_lang(login) == "ko" and "<h1>로그인</h1>" in login and "비밀번호" in login
    signup = client.get("/accounts/signup/", **KO).content.decode()
    assert html_lang(signup) == "ko" and "계정 만들기" in signup


def test_a_wrong_login_says_so_in_korean(user: Any) -> None:
    response = Client().post("/accounts/login/", {"username": "ada", "password": "wrong"}, **KO)
    assert response.status_code == 200 and HANGUL.search(response.content.decode().split('role="alert"')[1][:300])


def test_cookie_beats_the_browser_and_the_user_beats_the_cookie(user: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    assert html_lang(client.get("/rules/", **KO).content.decode()) == "en"
    client.force_login(user)
    UserPreference.objects.create(user=user, language="ko")
    assert html_lang(client.get("/rules/").content.decode()) == "ko"


def test_the_language_switch_stores_the_choice_and_goes_back(user: Any) -> None:
    client = Client()
    client.force_login(user)
    response = client.post("/language/", {"language": "ko", "next": "/rules/"})
    assert response.status_code == 302 and response["Location"] == "/rules/"
    assert response.cookies["django_language"].value == "ko"
    assert UserPreference.objects.get(user=user).language == "ko"
    fresh = Client()
    fresh.force_login(user)  # another browser: no cookie, the user's choice still holds
    assert html_lang(fresh.get("/rules/", HTTP_ACCEPT_LANGUAGE="en").content.decode()) == "ko"
    # Off-site "next" is refused; a language we do not speak is a 400.
    assert client.post("/language/", {"language": "en", "next": "https://evil.example/"})["Location"] == "/"
    assert client.post("/language/", {"language": "fr"}).status_code == 400


def test_the_editor_shell_says_its_language(user: Any) -> None:
    client = Client()
    client.force_login(user)
    html = client.get("/", **KO).content.decode()
    assert html_lang(html) == "ko" and '"language": "ko"' in html


def test_the_review_page_follows_the_reviewer_not_the_owner(user: Any) -> None:
    from rest_framework.test import APIClient

    from tests.conftest import minimal_document

    UserPreference.objects.create(user=user, language="en")  # the owner reads English
    owner = APIClient()
    owner.force_authenticate(user)
    diagram = owner.post("/api/diagrams/", {"document": minimal_document()}, format="json").json()
    link = owner.post(f"/api/diagrams/{diagram['id']}/share-links/", {"role": "view"}, format="json").json()
    page = Client().get(f"/r/{link['token']}", **KO).content.decode()
    assert html_lang(page) == "ko" and "<title>리뷰: " in page and '"language": "ko"' in page
    missing = Client().get("/r/not-a-real-token-at-all-000000000000000000", **KO)
    assert missing.status_code == 404 and "이 리뷰 링크는 동작하지 않습니다" in missing.content.decode()

"""The server's side of the two languages (Django): which language a request is answered in.

Kept apart from :mod:`builder.i18n` (which is pure and Django-free, for the command line).

- API calls (``/api/...``) are answered in the request's ``Accept-Language`` (ko or en) and in
  English otherwise: what scripts and the contract tests get stays English.
- Server pages follow the signed-in user's choice (``GET/PATCH /api/me/``), then Django's
  language cookie, then the browser's ``Accept-Language``, then English.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from builder import i18n


def user_language(request: HttpRequest) -> str | None:
    """The language the signed-in user chose, or None (no choice, or nobody signed in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    from builder.models import UserPreference

    pref = UserPreference.objects.filter(user=user).only("language").first()
    return (pref.language or None) if pref else None


def page_language(request: HttpRequest) -> str:
    """User choice, then the language cookie, then ``Accept-Language``, then English."""
    chosen = user_language(request)
    if chosen in i18n.LANGUAGES:
        return chosen
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie.lower().replace("_", "-").split("-")[0] in i18n.LANGUAGES:
        return i18n.supported(cookie)
    return i18n.from_accept_language(request.headers.get("Accept-Language")) or i18n.DEFAULT


def api_language(request: HttpRequest) -> str:
    """The request's ``Accept-Language`` if it names ko or en, else English."""
    return i18n.from_accept_language(request.headers.get("Accept-Language")) or i18n.DEFAULT


class LanguageMiddleware(LocaleMiddleware):
    """Django's locale middleware with this product's order (see the module's docstring).

    Its response half is Django's: ``Content-Language`` and ``Vary: Accept-Language, Cookie``.
    Sits after the authentication middleware, which gives it the user.
    """

    def process_request(self, request: HttpRequest) -> None:
        lang = api_language(request) if request.path.startswith("/api/") else page_language(request)
        translation.activate(lang)
        request.LANGUAGE_CODE = lang

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        # Not LocaleMiddleware's: it would redirect to language-prefixed URLs (we have none).
        response.headers.setdefault("Content-Language", translation.get_language() or i18n.DEFAULT)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def remember_language(request: HttpRequest, response: HttpResponseBase, lang: str | None) -> None:
    """Keep a language choice: on the signed-in user (``UserPreference``) and in Django's
    language cookie (for visitors, and for the next page before the user is looked up).
    None forgets it: the browser's language is used again."""
    from builder.models import UserPreference

    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        UserPreference.objects.update_or_create(user=user, defaults={"language": lang or ""})
    if lang:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            lang,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
    translation.activate(lang or page_language(request))


def current() -> str:
    """The language of the request being answered (what the middleware activated)."""
    return i18n.supported(translation.get_language())


def answer(report: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    """A (stored) report as answered now: findings in the request's language."""
    return i18n.localize_report(report, lang or current())

"""HTML pages: accounts, the editor shell, the rules page. The API lives in builder.api."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods, require_POST

from builder import i18n, rules, security
from builder.collab import presence
from builder.collab.consumers import session_access
from builder.i18n.web import current, remember_language
from builder.models import Diagram
from builder.services import sharing


def _boot(request: HttpRequest, page: str, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {
        "page": page,
        "diagram_id": None,
        "token": None,
        "user": {"username": user.get_username()} if user.is_authenticated else None,
        # The page's language (user choice, cookie, browser); the editor starts in it.
        "language": current(),
        "urls": {"logout": reverse("logout"), "login": reverse("login"), "rules": reverse("rules")},
        **extra,
    }


@login_required
@ensure_csrf_cookie
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "builder/spa.html", {"boot": _boot(request, "list"), "title": _("Your diagrams")})


@login_required
@ensure_csrf_cookie
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's editor, and a member's (an editor edits, a viewer watches; docs/collab.md).

    Who may open it is what the live session lets in (one rule: ``session_access``); anyone
    else gets the 404 of a diagram that does not exist. The boot data says the role, and the
    name, initials and colour the session shows for this person.
    """
    access = session_access(request.user, pk)
    if isinstance(access, int):
        raise Http404("no such diagram")
    name = Diagram.objects.values_list("name", flat=True).get(pk=access.diagram_id)
    boot = _boot(
        request,
        "editor",
        diagram_id=access.diagram_id,
        role=access.role,
        me=presence.identity(access.name, access.role, access.user_id or 0),
    )
    return render(request, "builder/spa.html", {"boot": boot, "title": name})


# --- Login throttling --------------------------------------------------------------------
# Wrong passwords are counted per account+address, per address and per account (from all
# addresses, with a higher limit, so one address alone can never lock someone's account).
# While a count is full every attempt it covers is refused, the right password too.


def _login_windows(username: str, address: str | None) -> list[tuple[security.Window, tuple[str, ...]]]:
    account = username.strip().lower()
    found = [(security.window("login-account"), (account,))]
    if address:
        found.insert(0, (security.window("login-account-address"), (account, address)))
        found.insert(1, (security.window("login-address"), (address,)))
    return found


def login_refusal(username: str, address: str | None) -> str | None:
    """Why a login for ``username`` from ``address`` is refused right now, or None."""
    for win, parts in _login_windows(username, address):
        if win.full(*parts):
            values = {"limit": win.limit, "minutes": win.minutes}
            if win.name == "login-address":
                return (
                    _(
                        "Too many wrong passwords for this address: %(limit)s in %(minutes)s minutes. "
                        "Logging in is paused; try again in %(minutes)s minutes."
                    )
                    % values
                )
            return (
                _(
                    "Too many wrong passwords for this account: %(limit)s in %(minutes)s minutes. "
                    "Logging in is paused; try again in %(minutes)s minutes."
                )
                % values
            )
    return None


class ThrottledModelBackend(ModelBackend):
    """Django's username/password backend, refusing accounts and addresses that guessed too often.

    It is the only backend, so every password login (the login page, the admin) is counted.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        address = security.client_address(request) if request is not None else None
        refusal = login_refusal(username or "", address)
        if refusal:
            if request is not None:
                request.login_refusal = refusal  # type: ignore[attr-defined]
            raise PermissionDenied(refusal)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and username:
            for win, parts in _login_windows(username, address):
                win.hit(*parts)
        return user


class ThrottledAuthenticationForm(AuthenticationForm):
    """Says why a throttled login was refused instead of "wrong username or password"."""

    def get_invalid_login_error(self) -> ValidationError:
        refusal = getattr(self.request, "login_refusal", None)
        if refusal:
            return ValidationError(refusal, code="throttled")
        return super().get_invalid_login_error()


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(self.request, "login_refusal", None):
            response.status_code = 429
        return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    address = security.client_address(request)
    signups = security.window("signup-address")
    form = UserCreationForm(request.POST or None)
    if request.method == "POST":
        if signups.full(address):
            form.add_error(
                None,
                _("Too many accounts were made from this address: %(limit)s in %(minutes)s minutes. Try again later.")
                % {"limit": signups.limit, "minutes": signups.minutes},
            )
            return render(request, "registration/signup.html", {"form": form}, status=429)
        if form.is_valid():
            user = form.save()
            signups.hit(address)
            login(request, user, backend="builder.views.ThrottledModelBackend")
            return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


def _severity_heading(severity: str, count: int) -> str:
    if severity == "error":
        return ngettext("Error", "Errors", count)
    if severity == "warning":
        return ngettext("Warning", "Warnings", count)
    return ngettext("Info", "Infos", count)


def rules_page(request: HttpRequest) -> HttpResponse:
    """Every rule with its explanation, in the page's language."""
    lang = current()
    items = [r.in_language(lang) for r in rules.all_rules()]
    by_severity = []
    for sev in ("error", "warning", "info"):
        of = [r for r in items if r.severity == sev]
        by_severity.append((sev, _severity_heading(sev, len(of)), of))
    return render(request, "builder/rules.html", {"rules": items, "by_severity": by_severity})


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The pages' language switch (a form in the header): stores the choice for a signed-in
    user, sets the language cookie for everyone, and goes back to the page it came from."""
    chosen = request.POST.get("language", "")
    if chosen not in i18n.LANGUAGES:
        return HttpResponse(
            _("language must be one of %(choices)s") % {"choices": ", ".join(i18n.LANGUAGES)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    target = request.POST.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = redirect(target)
    remember_language(request, response, chosen)
    return response


def review(request: HttpRequest, token: str) -> HttpResponse:
    """The review page of a share link: the read-only canvas, findings and comments."""
    try:
        link = sharing.resolve(token, security.client_address(request))
    except sharing.TooManyGuesses:
        return render(request, "builder/review_missing.html", {"too_many": True}, status=429)
    except Http404:
        return render(request, "builder/review_missing.html", {"too_many": False}, status=404)
    boot = _boot(request, "review", diagram_id=None, token=token, role=link.role)
    title = _("Review: %(name)s") % {"name": link.diagram.name}
    return render(request, "builder/spa.html", {"boot": boot, "title": title})

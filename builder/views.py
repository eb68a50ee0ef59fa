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
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from builder import rules, security
from builder.services import diagrams as svc
from builder.services import sharing


def _boot(request: HttpRequest, page: str, **extra: Any) -> dict[str, Any]:
    user = request.user
    return {
        "page": page,
        "diagram_id": None,
        "token": None,
        "user": {"username": user.get_username()} if user.is_authenticated else None,
        "urls": {"logout": reverse("logout"), "login": reverse("login"), "rules": reverse("rules")},
        **extra,
    }


@login_required
@ensure_csrf_cookie
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "builder/spa.html", {"boot": _boot(request, "list"), "title": "Your diagrams"})


@login_required
@ensure_csrf_cookie
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    diagram = svc.get_owned(request.user, pk)
    return render(
        request, "builder/spa.html", {"boot": _boot(request, "editor", diagram_id=diagram.pk), "title": diagram.name}
    )


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
            who = "this address" if win.name == "login-address" else "this account"
            return (
                f"Too many wrong passwords for {who}: {win.limit} in {win.minutes} minutes. "
                f"Logging in is paused; try again in {win.minutes} minutes."
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
                f"Too many accounts were made from this address: {signups.limit} in {signups.minutes} minutes. "
                f"Try again later.",
            )
            return render(request, "registration/signup.html", {"form": form}, status=429)
        if form.is_valid():
            user = form.save()
            signups.hit(address)
            login(request, user, backend="builder.views.ThrottledModelBackend")
            return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


def rules_page(request: HttpRequest) -> HttpResponse:
    items = rules.all_rules()
    by_severity = {sev: [r for r in items if r.severity == sev] for sev in ("error", "warning", "info")}
    return render(request, "builder/rules.html", {"rules": items, "by_severity": by_severity})


def review(request: HttpRequest, token: str) -> HttpResponse:
    """The review page of a share link: the read-only canvas, findings and comments."""
    try:
        link = sharing.resolve(token, security.client_address(request))
    except sharing.TooManyGuesses:
        return render(request, "builder/review_missing.html", {"too_many": True}, status=429)
    except Http404:
        return render(request, "builder/review_missing.html", {"too_many": False}, status=404)
    boot = _boot(request, "review", diagram_id=None, token=token, role=link.role)
    return render(request, "builder/spa.html", {"boot": boot, "title": f"Review: {link.diagram.name}"})

"""HTML pages: accounts, the editor shell, the rules page. The API lives in builder.api."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from builder import rules
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


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user)
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form})


def rules_page(request: HttpRequest) -> HttpResponse:
    items = rules.all_rules()
    by_severity = {sev: [r for r in items if r.severity == sev] for sev in ("error", "warning", "info")}
    return render(request, "builder/rules.html", {"rules": items, "by_severity": by_severity})


def review(request: HttpRequest, token: str) -> HttpResponse:
    """The review page of a share link: the read-only canvas, findings and comments."""
    try:
        link = sharing.resolve(token, request.META.get("REMOTE_ADDR", "unknown"))
    except sharing.TooManyGuesses:
        return render(request, "builder/review_missing.html", {"too_many": True}, status=429)
    except Http404:
        return render(request, "builder/review_missing.html", {"too_many": False}, status=404)
    boot = _boot(request, "review", diagram_id=None, token=token, role=link.role)
    return render(request, "builder/spa.html", {"boot": boot, "title": f"Review: {link.diagram.name}"})

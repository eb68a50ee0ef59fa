"""Who is asking, and how often: the client address behind trusted proxies, counters of
failures in a time window, bidi-control checks, and the Content-Security-Policy of HTML pages.

- :func:`client_address` is the peer address, or, when the peer is one of
  ``settings.TRUSTED_PROXIES``, the right-most address in ``X-Forwarded-For`` that is not a
  trusted proxy (the left part of that header is whatever the client wrote: never trusted).
- :class:`Window` counts events per key in the cache (Redis in distributed mode, so every
  server process shares the counts) and says when a key is over its limit.
- :class:`ContentSecurityPolicyMiddleware` sets ``settings.CONTENT_SECURITY_POLICY`` on every
  HTML response that has none (render downloads set their own, stricter one).
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest, HttpResponse

# --- client address ---------------------------------------------------------------------

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def address_from(peer: str | None, forwarded_for: str | None) -> str:
    """The client's address given the peer and the X-Forwarded-For header the peer sent."""
    address = (peer or "").strip() or "unknown"
    if not forwarded_for or not _trusted(address):
        return address
    for hop in reversed([h.strip() for h in forwarded_for.split(",")]):
        if not hop:
            continue
        try:
            ipaddress.ip_address(hop)
        except ValueError:  # garbage in the header: stop at the last address we can vouch for
            return address
        address = hop
        if not _trusted(hop):
            return hop
    return address


def client_address(request: HttpRequest | Any) -> str:
    """The address of whoever sent ``request`` (a Django or DRF request)."""
    meta = request.META
    return address_from(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"))


def scope_address(scope: Mapping[str, Any]) -> str:
    """The same for an ASGI scope (the review socket)."""
    peer = (scope.get("client") or ["unknown"])[0]
    headers = dict(scope.get("headers") or [])
    forwarded = headers.get(b"x-forwarded-for")
    return address_from(peer, forwarded.decode("latin-1") if forwarded else None)


# --- counters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """At most ``limit`` events per key in ``seconds`` (a fixed window started by the first event)."""

    name: str
    limit: int
    seconds: int

    def key(self, *parts: str) -> str:
        # The salt lets each test start from empty counters without clearing a shared cache.
        raw = "\0".join([getattr(settings, "THROTTLE_KEY_SALT", ""), *(p.lower() for p in parts)])
        return f"throttle:{self.name}:" + hashlib.sha256(raw.encode()).hexdigest()[:32]

    def count(self, *parts: str) -> int:
        return int(django_cache.get(self.key(*parts)) or 0)

    def full(self, *parts: str) -> bool:
        return self.count(*parts) >= self.limit

    def hit(self, *parts: str) -> int:
        key = self.key(*parts)
        if django_cache.add(key, 1, self.seconds):
            return 1
        try:
            return int(django_cache.incr(key))
        except ValueError:  # expired between add and incr
            django_cache.add(key, 1, self.seconds)
            return 1

    def reset(self, *parts: str) -> None:
        django_cache.delete(self.key(*parts))

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


def window(name: str) -> Window:
    """The window configured in ``settings.THROTTLES[name]`` as ``(limit, seconds)``."""
    limit, seconds = settings.THROTTLES[name]
    return Window(name, int(limit), int(seconds))


# --- text -------------------------------------------------------------------------------

#: Explicit bidirectional formatting characters (embeddings, overrides, isolates): they make
#: text display in another order than it is stored ("\u202egnp.exe" shows as "exe.png").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def bidi_control_in(text: str) -> str | None:
    """The first bidi control character in ``text`` as ``U+XXXX``, or None."""
    for ch in text:
        if ch in BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


# --- Content-Security-Policy --------------------------------------------------------------


def policy(directives: Mapping[str, Iterable[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    """Every HTML page gets the site's policy; a response that sets its own keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get("Content-Type", "").startswith("text/html"):
            response["Content-Security-Policy"] = self.header
        return response

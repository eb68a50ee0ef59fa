"""ASGI entry point: HTTP through Django (config/http.py), WebSockets through Channels."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from config.http import http_application

# Django's HTTP requests, each in one call on a pooled thread (config/http.py says why).
django_asgi_app = http_application()

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from config.staticcheck import missing_manifest  # noqa: E402

# Any ASGI server (not only config.serve) refuses to start rather than answer 500 on every page.
if problem := missing_manifest():
    raise ImproperlyConfigured(problem)

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from builder.realtime.guard import RefuseCleanly  # noqa: E402
from builder.realtime.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # A handshake during an outage closes with 1013 (try again later), never a 500.
        "websocket": RefuseCleanly(AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))),
    }
)

# Everything loaded so far (Django, the URL configuration and every view, the catalog, the rules)
# lives as long as the process: moved out of the garbage collector's sight, so a full
# collection walks only what requests create (about 115 ms each otherwise, the p99 of a save;
# bench/README.md "requests").
import gc  # noqa: E402

from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018  (imports every view now, not on the first request)
gc.freeze()

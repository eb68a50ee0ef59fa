"""The live-editing sockets (included by builder/realtime/routing.py)."""

from django.urls import path

from .consumers import CollabConsumer

collab_urlpatterns = [
    path("ws/collab/<int:diagram_id>/", CollabConsumer.as_asgi()),
    # Under /ws/review/ so the token is redacted from every log line like the other review URLs.
    path("ws/review/<str:token>/collab/", CollabConsumer.as_asgi()),
]

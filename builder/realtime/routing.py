"""WebSocket URL routes."""

from django.urls import path

from builder.collab.routing import collab_urlpatterns

from .consumers import DiagramConsumer, ReviewConsumer

websocket_urlpatterns = [
    *collab_urlpatterns,
    path("ws/diagrams/<int:diagram_id>/", DiagramConsumer.as_asgi()),
    path("ws/review/<str:token>/", ReviewConsumer.as_asgi()),
]

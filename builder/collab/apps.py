from django.apps import AppConfig


class CollabConfig(AppConfig):
    """Live collaboration: shared (Yjs) editing of a diagram over WebSockets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "builder.collab"
    label = "collab"
    verbose_name = "Live collaboration"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (logging out closes that session's sockets)

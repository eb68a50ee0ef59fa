from django.apps import AppConfig


class BuilderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "builder"
    verbose_name = "Diagram builder"


class DaphneConfig(AppConfig):
    """daphne's app (it brings the ASGI ``runserver``), loaded without its server.

    daphne's own app config imports ``daphne.server`` (Twisted and autobahn, a quarter of a
    second) on every command, to install its reactor early; only ``runserver`` serves, and
    its command module imports the server itself. ``python -m config.serve`` does not go
    through Django's app loading at all.
    """

    name = "daphne"
    label = "daphne"
    verbose_name = "Daphne"

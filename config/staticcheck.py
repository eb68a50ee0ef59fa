"""Refuse to serve with a clear message when the static files were never collected.

With the manifest storage (every shape but tests), each `{% static %}` looks its file up in
STATIC_ROOT/staticfiles.json; without that file every page and the catalog answer 500
("Missing staticfiles manifest entry"). `make run` and the scale-out recipe run
`collectstatic` first; a server started any other way stops at once with this message.
"""

from __future__ import annotations

from pathlib import Path


def missing_manifest() -> str | None:
    """What is wrong, or None when the static files are ready to serve."""
    from django.conf import settings

    backend = settings.STORAGES.get("staticfiles", {}).get("BACKEND", "")
    if "Manifest" not in backend or settings.DEBUG:  # DEBUG serves unhashed names, no manifest
        return None
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        return None
    return (
        f"static files are not collected ({manifest} is missing): "
        "run `python manage.py collectstatic --noinput` first (`make run` does it)"
    )

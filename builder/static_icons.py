"""A static files finder that serves the catalog's icons from the installed ``diagrams`` package.

The editor's palette and the rendered PNGs then use the very same files. Only the icons
the catalog names are exposed (as ``static/diagrams/aws/...``), not diagrams' thousands.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from . import catalog

PREFIX = "diagrams/"


def _diagrams_icons() -> set[str]:
    icons: set[str] = set()
    for t in catalog.all_types():
        for icon in [t.icon, *(t.icon_by_prop[1].values() if t.icon_by_prop else [])]:
            if not icon.startswith("builder:"):
                icons.add(icon)
    return icons


class CatalogIconFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(catalog.DIAGRAMS_RESOURCES))
        self.storage.prefix = PREFIX.rstrip("/")  # type: ignore[attr-defined]  # read by collectstatic
        self.icons = _diagrams_icons()

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        if path.startswith(PREFIX) and path.removeprefix(PREFIX) in self.icons:
            found = str(catalog.DIAGRAMS_RESOURCES / path.removeprefix(PREFIX))
            return [found] if find_all or kwargs.get("all") else found
        return [] if find_all or kwargs.get("all") else ""

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for icon in sorted(self.icons):
            yield icon, self.storage

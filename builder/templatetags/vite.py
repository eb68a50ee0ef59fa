"""``{% vite_entry %}``: the script and style tags of the built editor, from Vite's manifest."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MANIFEST = Path(settings.BASE_DIR) / "frontend" / "dist" / ".vite" / "manifest.json"
ENTRY = "src/main.tsx"


@cache
def _manifest(mtime: float) -> dict[str, Any]:
    return json.loads(MANIFEST.read_text())


def manifest() -> dict[str, Any] | None:
    try:
        return _manifest(MANIFEST.stat().st_mtime)
    except FileNotFoundError:
        return None


def asset_url(file: str) -> str:
    """The URL of a built file, as Vite's own chunks import it: STATIC_URL + its name.

    Not ``static()``: with the hashed storage of ``make run`` that gives the entry a second,
    Django-hashed name, while the lazy chunks import it by Vite's name, so the browser ran the
    entry twice (two React roots on one element: an uncaught ``removeChild`` error and a socket
    closed before it opened on every editor load). Vite's names already carry a content hash.
    """
    return f"{settings.STATIC_URL}{file}"


@register.simple_tag
def vite_entry() -> SafeString:
    m = manifest()
    if m is None or ENTRY not in m:
        return mark_safe(
            '<p class="notice">The editor is not built. Run <code>make run</code> (it runs '
            "<code>npm ci &amp;&amp; npm run build</code> in <code>frontend/</code>).</p>"
        )
    entry = m[ENTRY]
    css = list(entry.get("css", []))
    for imported in entry.get("imports", []):
        css.extend(m.get(imported, {}).get("css", []))
    styles = format_html_join("", '<link rel="stylesheet" href="{}">', ((asset_url(c),) for c in css))
    modules = format_html_join(
        "", '<link rel="modulepreload" href="{}">', ((asset_url(m[i]["file"]),) for i in entry.get("imports", []))
    )
    script = format_html('<script type="module" src="{}"></script>', asset_url(entry["file"]))
    return styles + modules + script

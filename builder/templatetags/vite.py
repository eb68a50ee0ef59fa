"""``{% vite_entry %}``: the script and style tags of the built editor, from Vite's manifest."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django import template
from django.conf import settings
from django.templatetags.static import static
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
    styles = format_html_join("", '<link rel="stylesheet" href="{}">', ((static(c),) for c in css))
    modules = format_html_join(
        "", '<link rel="modulepreload" href="{}">', ((static(m[i]["file"]),) for i in entry.get("imports", []))
    )
    script = format_html('<script type="module" src="{}"></script>', static(entry["file"]))
    return styles + modules + script

"""The editor's script tags name the built files as Vite's own chunks import them."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from builder.templatetags import vite

HASHED = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.skipif(vite.manifest() is None, reason="the editor is not built")
@override_settings(STORAGES=HASHED)
def test_entry_is_loaded_under_the_name_its_chunks_import() -> None:
    # With the hashed storage of `make run`, a Django-hashed URL for the entry made the browser
    # evaluate it twice (once by that URL, once by the lazy chunks' `import "./index-….js"`).
    m = vite.manifest()
    assert m is not None
    entry = m[vite.ENTRY]
    html = str(vite.vite_entry())
    scripts = re.findall(r'<script type="module" src="([^"]+)"', html)
    assert scripts == [f"/static/{entry['file']}"]
    for imported in entry.get("imports", []):
        assert f'href="/static/{m[imported]["file"]}"' in html
    lazy = m["src/pages/EditorPage.tsx"]["file"]
    chunk = (vite.MANIFEST.parents[1] / lazy).read_text()
    name = entry["file"].rsplit("/", 1)[-1]
    assert f"./{name}" in chunk  # the lazy chunk imports the entry by exactly that name

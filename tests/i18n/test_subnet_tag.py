"""The subnet's Public / Private tag in the reader's language: served with the catalog's style
(the editor shows it as served), drawn in the export (SVG text), keyed in the render cache."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from rest_framework.test import APIClient

from builder import render
from builder.catalog import style
from builder.models import Diagram
from builder.render.graph import group_title, scene
from builder.services import diagrams as diagram_svc
from builder.services import renders as svc
from tests.render.test_render_api import wait

SVG = "{http://www.w3.org/2000/svg}"
KO = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}

DOC: dict[str, Any] = {
    "schema": 1,
    "name": "subnets",
    "nodes": [
        {"id": "vpc", "type": "aws.vpc", "position": {"x": 0, "y": 0}, "size": {"w": 900, "h": 400}},
        {
            "id": "pub",
            "type": "aws.subnet",
            "parent": "vpc",
            "position": {"x": 20, "y": 60},
            "size": {"w": 400, "h": 300},
            "props": {"visibility": "public"},
        },
        {
            "id": "priv",
            "type": "aws.subnet",
            "parent": "vpc",
            "position": {"x": 460, "y": 60},
            "size": {"w": 400, "h": 300},
            "props": {"visibility": "private"},
        },
    ],
    "edges": [],
}


def tags(svg: bytes) -> dict[str, str]:
    """The text of each ``tag-<id>`` group of a rendered SVG."""
    root = ET.fromstring(svg)  # noqa: S314  (our own renderer's SVG)
    out = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        if gid.startswith("tag-"):
            out[gid.removeprefix("tag-")] = "".join(t.text or "" for t in g.iter(f"{SVG}text")).strip()
    return out


def test_the_style_is_served_with_the_tags_in_the_readers_language() -> None:
    assert style.style_json("ko")["containers"]["aws.subnet.public"]["tag"] == "퍼블릭"
    assert style.style_json("ko")["containers"]["aws.subnet.private"]["tag"] == "프라이빗"
    assert style.style_json()["containers"]["aws.subnet.private"]["tag"] == "Private"
    # Only the words change: every number and colour is the same in both.
    ko_style, en_style = style.style_json("ko"), style.style_json("en")
    for key in en_style["containers"]:
        ko_style["containers"][key]["tag"] = en_style["containers"][key]["tag"]
    assert ko_style == en_style


@pytest.mark.django_db
def test_the_catalog_serves_the_korean_tags_under_its_own_etag() -> None:
    client = APIClient()
    en = client.get("/api/catalog/")
    ko_ = client.get("/api/catalog/", **KO)
    assert en.json()["style"]["containers"]["aws.subnet.public"]["tag"] == "Public"
    assert ko_.json()["style"]["containers"]["aws.subnet.public"]["tag"] == "퍼블릭"
    assert en["ETag"] != ko_["ETag"]


@pytest.mark.parametrize(("lang", "public", "private"), [("en", "PUBLIC", "PRIVATE"), ("ko", "퍼블릭", "프라이빗")])
def test_the_export_draws_the_tag_in_the_readers_language(lang: str, public: str, private: str) -> None:
    svg = render.render(DOC, "svg", "canvas", render.Options(lang=lang))
    assert tags(svg) == {"pub": public, "priv": private}


def test_the_diagrams_script_caption_is_in_the_readers_language() -> None:
    from builder import document

    items, _ = scene(document.with_defaults(document.validate(DOC)))
    assert group_title(items["pub"]) == "Public subnet"
    assert group_title(items["priv"], "ko") == "프라이빗 서브넷"


def test_the_render_cache_key_has_the_language_and_english_keys_are_unchanged() -> None:
    en = svc.cache_key(DOC, "svg", "canvas")
    assert svc.cache_key(DOC, "svg", "canvas", lang="en") == en
    assert svc.cache_key(DOC, "svg", "canvas", lang="ko") != en


@pytest.mark.django_db(transaction=True)
def test_a_render_through_the_api_is_drawn_in_the_requests_language(api: APIClient, user: Any) -> None:
    diagram: Diagram = diagram_svc.create_diagram(user, DOC)
    url = f"/api/diagrams/{diagram.pk}/renders/"
    en = wait(api, api.post(url, {"format": "svg", "layout": "canvas"}, format="json").json()["id"])
    ko_ = wait(api, api.post(url, {"format": "svg", "layout": "canvas"}, format="json", **KO).json()["id"])
    assert en["id"] != ko_["id"]
    svgs = {}
    for name, body in (("en", en), ("ko", ko_)):
        assert body["status"] == "done", body
        svgs[name] = b"".join(api.get(body["url"]).streaming_content)
    assert tags(svgs["en"])["pub"] == "PUBLIC" and tags(svgs["ko"])["pub"] == "퍼블릭"
    # The same request again is the cached render of its language.
    again = api.post(url, {"format": "svg", "layout": "canvas"}, format="json", **KO).json()
    assert again["id"] == ko_["id"]

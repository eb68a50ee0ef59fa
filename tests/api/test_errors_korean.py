"""The request parser's and the render queue's own words follow ``Accept-Language`` (ko) too."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from builder import i18n
from builder.api.parsers import MAX_DEPTH
from builder.services import diagrams as diagram_svc
from builder.services import renders as render_svc
from tests.conftest import minimal_document
from tests.i18n.helpers import HANGUL

pytestmark = pytest.mark.django_db

KO = {"HTTP_ACCEPT_LANGUAGE": "ko"}


def post(body: bytes, **headers: Any) -> Any:
    return APIClient().generic("POST", "/api/validate/", body, content_type="application/json", **headers)


def test_a_body_too_large_to_read_is_a_413_in_korean() -> None:
    body = b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    en, ko = post(body), post(body, **KO)
    assert en.status_code == ko.status_code == 413
    assert en.json()["detail"] == "the request body is over 2 MiB; a document may be at most 1 MiB of JSON"
    assert ko.json()["detail"] == "요청 본문이 2 MiB를 넘습니다. 문서는 최대 1 MiB의 JSON입니다"


def test_nesting_too_deep_is_refused_in_korean() -> None:
    body = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    en, ko = post(body), post(body, **KO)
    assert en.status_code == ko.status_code == 400
    assert en.json()["detail"] == f"malformed JSON: arrays and objects may nest at most {MAX_DEPTH} deep"
    assert ko.json()["detail"] == f"잘못된 JSON: 배열과 객체는 최대 {MAX_DEPTH}단계까지만 중첩할 수 있습니다"


def test_nan_is_refused_in_korean() -> None:
    en, ko = post(b'{"x": NaN}'), post(b'{"x": NaN}', **KO)
    assert en.status_code == ko.status_code == 400
    assert en.json()["detail"] == "malformed JSON: NaN is not valid JSON"
    assert ko.json()["detail"] == "잘못된 JSON: NaN은(는) 올바른 JSON 값이 아닙니다"


@pytest.mark.parametrize("limit", [1, 2])
def test_the_render_limit_is_said_in_korean(settings: Any, user: Any, api: APIClient, limit: int) -> None:
    settings.RENDER_ACTIVE_PER_USER = limit
    for i in range(limit):
        queued = diagram_svc.create_diagram(user, minimal_document(name=f"queued {i}"))
        assert api.post(f"/api/diagrams/{queued.pk}/renders/", {}, format="json").status_code == 202
    diagram = diagram_svc.create_diagram(user, minimal_document(name="one more"))
    ko = api.post(f"/api/diagrams/{diagram.pk}/renders/", {}, format="json", **KO)
    assert ko.status_code == 429
    assert ko.json()["detail"].startswith(f"대기 중이거나 그리는 중인 렌더링이 이미 {limit}개 있고")
    en = api.post(f"/api/diagrams/{diagram.pk}/renders/", {}, format="json")
    assert en.json()["detail"].startswith(f"you already have {limit} render{'s' if limit > 1 else ''} waiting")


@pytest.mark.parametrize(
    ("options", "korean"),
    [
        ({"fmt": "gif"}, "형식은 다음 중 하나여야 합니다: png, svg, pdf"),
        ({"layout": "grid"}, "레이아웃은 다음 중 하나여야 합니다: auto, canvas"),
        ({"scale": 4}, "배율은 다음 중 하나여야 합니다: 1, 2, 3"),
    ],
)
def test_a_bad_render_option_from_a_caller_says_so_in_korean(user: Any, options: dict[str, Any], korean: str) -> None:
    diagram = diagram_svc.create_diagram(user, minimal_document())
    with pytest.raises(render_svc.RenderRequestError) as refused:
        render_svc.request_render(diagram, **options)
    assert i18n.render(refused.value.args[0], "ko") == korean
    assert not HANGUL.search(str(refused.value))

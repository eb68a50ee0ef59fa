"""``--lang ko|en`` on validate: both doors (Django-free and manage.py), text, JSON and SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema
import pytest

from builder.cli import validate as cli
from tests.i18n.helpers import HANGUL, ROOT

BAD = ROOT / "examples" / "mistakes.json"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("door", [("-m", "builder.rules"), ("manage.py", "validate")], ids=["no-django", "manage.py"])
def test_lang_ko_gives_korean_findings_with_the_same_ids_and_exit_code(door: tuple[str, str]) -> None:
    en = run(*door, str(BAD), "--format", "json")
    ko = run(*door, str(BAD), "--format", "json", "--lang", "ko")
    assert en.returncode == ko.returncode == 1, ko.stderr
    en_report, ko_report = json.loads(en.stdout), json.loads(ko.stdout)
    # Keys, rule IDs, severities, ids and counts never change; only the words do.
    assert ko_report["counts"] == en_report["counts"]
    strip = [{k: v for k, v in f.items() if k not in ("message", "hint")} for f in ko_report["findings"]]
    assert strip == [{k: v for k, v in f.items() if k not in ("message", "hint")} for f in en_report["findings"]]
    for f in ko_report["findings"]:
        assert HANGUL.search(f["message"]) and HANGUL.search(f["hint"]), f


def test_lang_defaults_to_english_and_en_is_the_same() -> None:
    default = run("-m", "builder.rules", str(BAD))
    english = run("-m", "builder.rules", str(BAD), "--lang", "en")
    assert default.stdout == english.stdout and not HANGUL.search(default.stdout)
    assert default.stdout.splitlines()[-1].endswith("8 errors, 5 warnings, 0 info (has errors)")


def test_text_output_in_korean_has_a_korean_summary() -> None:
    out = run("manage.py", "validate", str(BAD), "--lang", "ko")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert lines[-1] == f"{BAD}: 오류 8개, 경고 5개, 정보 0개 (오류 있음)"
    assert lines[0].startswith("error   APIGW_EDGE_CERT_REGION [cdn, cert, e8] ") and ". 해결: " in lines[0]


def test_unknown_language_is_a_usage_error() -> None:
    out = run("manage.py", "validate", str(BAD), "--lang", "fr")
    assert out.returncode == 2 and "--lang" in out.stderr


def test_lang_through_the_django_management_command_too() -> None:
    # A Django option sends validate through Django's command: the same option works there.
    out = run("manage.py", "validate", str(BAD), "--lang", "ko", "--format", "json", "--verbosity", "1")
    assert out.returncode == 1, out.stderr
    assert all(HANGUL.search(f["message"]) for f in json.loads(out.stdout)["findings"])


def test_sarif_carries_the_language_and_korean_rule_texts() -> None:
    out = cli.validate_bytes(BAD.read_bytes(), "sarif", "examples/mistakes.json", "ko")
    log = json.loads(out.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run_ = log["runs"][0]
    assert run_["language"] == "ko"
    rule = next(r for r in run_["tool"]["driver"]["rules"] if r["id"] == "LAMBDA_MEMORY_RANGE")
    assert rule["shortDescription"]["text"] == "람다 메모리는 128 MB-10,240 MB여야 합니다"
    assert all(HANGUL.search(r["message"]["text"]) and HANGUL.search(r["properties"]["hint"]) for r in run_["results"])
    english = json.loads(cli.validate_bytes(BAD.read_bytes(), "sarif", "examples/mistakes.json").stdout)
    assert english["runs"][0]["language"] == "en"


def test_a_template_is_validated_in_korean_too() -> None:
    template = sorted((ROOT / "tests" / "data" / "sam").glob("*/template.yaml"))[0]
    out = cli.validate_bytes(template.read_bytes(), "text", str(template), "ko")
    assert out.code in (0, 1)
    assert "그리지 못한 리소스" in out.stdout.splitlines()[-1]

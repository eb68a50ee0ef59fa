"""No string is missing: every text the code can say in English has its Korean, with the same fields."""

from __future__ import annotations

import pytest

from builder import catalog, i18n, rules
from builder.catalog import style
from builder.i18n import ko
from builder.rules.base import called_templates
from tests.i18n.helpers import HANGUL, SOURCES, literal_templates

TEMPLATES = literal_templates(SOURCES)


def limit_texts() -> set[str]:
    return {s for t in catalog.all_types() for p in t.props for limit in p.limits for s in (limit.text, limit.hint)}


def test_the_source_scan_finds_the_rules_templates() -> None:
    # The scan itself must work, or every test below would pass on nothing.
    assert len(TEMPLATES) > 100
    assert "{fn} connects to {db} directly" in TEMPLATES
    assert "a subnet belongs directly to a VPC" in TEMPLATES  # an N_() mark


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_template_in_the_code_has_korean_with_the_same_fields(template: str) -> None:
    assert template in ko.MESSAGES, f"no Korean for {template!r} ({TEMPLATES[template]})"
    korean = ko.MESSAGES[template]
    assert i18n.placeholders(korean) == i18n.placeholders(template), template


def test_every_word_before_a_name_and_every_limit_has_korean() -> None:
    missing = [s for s in [*called_templates(), *sorted(limit_texts())] if s not in ko.MESSAGES]
    assert not missing


def test_every_rule_has_a_korean_title_and_explanation() -> None:
    assert set(ko.RULES) == set(rules.ORDER)
    for rule_id, (title, explanation) in ko.RULES.items():
        assert HANGUL.search(title) and HANGUL.search(explanation), rule_id
        english = rules.get_rule(rule_id)
        assert english is not None and (title, explanation) != (english.title, english.explanation)


def test_korean_values_are_korean() -> None:
    # Glue templates ("{a} or {b}") may have no word; everything with a word has Hangul.
    for english, korean in ko.MESSAGES.items():
        words = [w for w in english.replace("{", " {").split() if not w.startswith("{") and w.isalpha()]
        if any(w.islower() and len(w) > 3 for w in words):
            assert HANGUL.search(korean), english


def catalog_words() -> set[str]:
    words = set(catalog.CATEGORIES.values())
    for t in catalog.all_types():
        words |= {t.label, t.description}
        words |= {c.label for c in t.connects_to} | {c.feature for c in t.connects_to}
        for p in t.props:
            words |= {p.label, p.help}
    return words - {""}


def test_every_catalog_label_help_description_and_verb_has_korean() -> None:
    words = catalog_words()
    assert len(words) > 150  # the walk above really reads the catalog
    assert not sorted(w for w in words if w not in ko.MESSAGES)


def test_every_starter_has_its_name_and_description_in_korean() -> None:
    from builder.api.views import load_starters

    starters = load_starters()
    assert len(starters) >= 5
    for starter in starters:
        words = starter["translations"]["ko"]
        assert set(words) == {"name", "description"}
        assert HANGUL.search(words["name"]) and HANGUL.search(words["description"]), starter["key"]


def style_words() -> set[str]:
    """The words of the one style (the subnet tags), served with the catalog and drawn in exports."""
    return {k.tag for k in style.STYLE.containers.values() if k.tag}


def test_every_word_of_the_style_has_korean() -> None:
    assert style_words() == {"Public", "Private"}
    assert all(HANGUL.search(ko.MESSAGES[w]) for w in style_words())


def test_no_korean_entry_is_left_over() -> None:
    # Every key of the catalog is still said by the code: a changed English text leaves none behind.
    used = set(TEMPLATES) | set(called_templates()) | limit_texts() | catalog_words() | style_words()
    assert not sorted(set(ko.MESSAGES) - used)

"""Korean and English for the pure core: findings, rules, the catalog, the command line.

Pure Python, no Django, no files to compile: the Korean catalog is a Python module
(:mod:`builder.i18n.ko`) that ships with the package, so ``python -m builder.rules --lang ko``
(and the ``serverless-validate`` console script, which has no dependencies) reads it without
gettext's ``.mo`` files or Django. The server's own pages use Django's gettext
(``builder/locale/``); the texts the core makes are translated here, and the server asks
:func:`render` / :func:`localize_report` for the reader's language.

A message is language-neutral until it is read. A rule builds it with :func:`t`::

    t("{fn}: its timeout is {timeout} s", fn=name, timeout=30)

which returns a :class:`Text`: a ``str`` holding the English text (so every English output
stays exactly what it was) that also keeps its template and parameters. Findings are stored
with :func:`to_json` of their texts and rendered in the reader's language when answered
(:func:`localize_report`). Templates are keyed by their English text, as gettext does: a
changed English template has no Korean until one is written, which the completeness test
(``tests/i18n``) reports.
"""

from __future__ import annotations

import keyword
import re
import string
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

#: The languages the product speaks; English is the default everywhere.
LANGUAGES: tuple[str, ...] = ("en", "ko")
DEFAULT = "en"


@cache
def _catalog(lang: str) -> tuple[Mapping[str, str], Mapping[str, tuple[str, str]]]:
    """The messages and rule texts of ``lang``, imported the first time a text is said in it
    (an English run, the common one in CI, never loads the Korean catalog)."""
    if lang == "ko":
        from . import ko

        return ko.MESSAGES, ko.RULES
    return {}, {}


class Text(str):
    """English text that remembers how it was made, to be said again in another language.

    ``template`` is the English template (the catalog key), ``params`` the values put into it
    (plain values, or :class:`Text` themselves, rendered in the same language).
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> Text:
        # Always formatted, so a template says a literal brace as "{{" with or without fields.
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = params
        return self


_new_str = str.__new__
#: The texts without parameters (hints, labels, limits' words), made once each: a rule run
#: makes one per finding, and the same few hundred are asked for again and again.
_STATIC: dict[str, Text] = {}

Formatter = Callable[[dict[str, Any]], str]
#: Per template, the function that fills it in (see :func:`_compile`).
_FORMATTERS: dict[str, Formatter] = {}
# What a field may say after its name: a format spec of the mini-language, no nesting, no quotes.
_SPEC_RE = re.compile(r"[-+ #0-9,._a-zA-Z%<>=^]*")


def _compile(template: str) -> Formatter:
    """A function of the parameters that says ``template`` as ``template.format_map`` does.

    ``format_map`` parses the template on every call, which is most of what a short text
    costs (the rules make thousands on a large diagram); the same template as an f-string is
    parsed once, when compiled, and formats each value by the same ``format(value, spec)``,
    so the text is the same to the character. Only plain fields (a name, maybe a spec) are
    compiled, from names that are identifiers and specs of the format mini-language (the code
    holds nothing else: literals go through ``repr``); any other template keeps
    ``format_map``.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        parsed = [("", "", None, "!")]  # malformed: let format_map raise its own error
    names: list[str] = []
    body = []
    for literal, name, spec, conversion in parsed:
        body.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        if (
            not name.isidentifier()
            or name.startswith("_")
            or keyword.iskeyword(name)
            or conversion is not None
            or not _SPEC_RE.fullmatch(spec or "")
        ):
            return template.format_map
        if name not in names:
            names.append(name)
        body.append("{" + name + (":" + spec if spec else "") + "}")
    code = "".join(
        [
            "def _say(_params):\n",
            *(f"    {name} = _params[{name!r}]\n" for name in names),
            "    return f" + repr("".join(body)) + "\n",
        ]
    )
    scope: dict[str, Any] = {}
    exec(code, {"__builtins__": {}}, scope)  # noqa: S102  (identifiers, specs and repr'd literals only)
    formatter: Formatter = scope["_say"]
    return formatter


def t(template: str, /, **params: Any) -> Text:
    """A translatable text: ``template`` (English, ``str.format`` fields) with its parameters.

    Built here rather than through ``Text(...)`` (one call less per text: the rules make one
    or two per finding, thousands on a large diagram); a text without parameters is made once,
    and a template is compiled once (:func:`_compile`).
    """
    if not params:
        text = _STATIC.get(template)
        if text is None:
            text = _STATIC[template] = Text(template, params)
        return text
    say = _FORMATTERS.get(template)
    if say is None:
        if len(_FORMATTERS) > 10_000:  # templates are the source's: a bound that never bites
            _FORMATTERS.clear()
        say = _FORMATTERS[template] = _compile(template)
    self: Text = _new_str(Text, say(params))
    self.template = template
    self.params = params
    return self


def N_(template: str) -> str:
    """Mark a template that is translated later by :func:`t` (the completeness test finds it)."""
    return template


def join(separator: str, parts: Iterable[str]) -> Text:
    """``separator.join(parts)``, each part rendered in the reader's language (the separator,
    punctuation, is the same in both)."""
    items = list(parts)
    names = [f"p{i}" for i in range(len(items))]
    template = separator.replace("{", "{{").replace("}", "}}").join("{" + n + "}" for n in names)
    return Text(template, dict(zip(names, items, strict=True)))


def join_or(parts: Iterable[str]) -> str:
    """ "a or b or c", in the reader's language."""
    items = list(parts)
    out = items[0] if items else ""
    for item in items[1:]:
        out = t("{a} or {b}", a=out, b=item)
    return out


def supported(lang: str | None) -> str:
    """``lang`` if the product speaks it (``ko-KR`` is ``ko``), else English."""
    if lang:
        base = lang.strip().lower().replace("_", "-").split("-")[0]
        if base in LANGUAGES:
            return base
    return DEFAULT


_ACCEPT = re.compile(r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*")


def from_accept_language(header: str | None) -> str | None:
    """The best of :data:`LANGUAGES` for an ``Accept-Language`` header, or None when it names none."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((header or "")[:1000].split(",")):
        m = _ACCEPT.fullmatch(part)
        if not m:
            continue
        tag, q = m.group(1).lower(), m.group(2)
        try:
            weight = float(q) if q is not None else 1.0
        except ValueError:
            continue
        base = tag.split("-")[0]
        if weight <= 0 or base not in LANGUAGES:
            continue
        if best is None or weight > best[0]:
            best = (weight, i, base)
    return best[2] if best else None


def gettext(text: str, lang: str) -> str:
    """A plain string (a label, a help text) in ``lang``: the catalog's, or the English itself."""
    if lang == DEFAULT or not text:
        return text
    return _catalog(lang)[0].get(text, text)


def render(text: str, lang: str) -> str:
    """``text`` in ``lang``. A :class:`Text` is rebuilt from its template and parameters; a
    plain string is looked up as it is (or stays English)."""
    if lang == DEFAULT:
        return str(text)
    if not isinstance(text, Text):
        return gettext(text, lang)
    template = _catalog(lang)[0].get(text.template, text.template)
    # Only texts are translated: a plain string parameter (a node's name, an id) is data.
    params = {k: render(v, lang) if isinstance(v, Text) else v for k, v in text.params.items()}
    return template.format(**params)


def said(error: BaseException, lang: str) -> str:
    """An exception's message in ``lang``: its argument when that is a :class:`Text` (the
    import, export and render errors raise one), else ``str(error)`` as it is."""
    text = error.args[0] if len(error.args) == 1 else None
    return render(text, lang) if isinstance(text, Text) else str(error)


def rule_text(rule_id: str, title: str, explanation: str, lang: str) -> tuple[str, str]:
    """A rule's title and explanation in ``lang`` (English when it has none there)."""
    if lang == DEFAULT:
        return title, explanation
    return _catalog(lang)[1].get(rule_id, (title, explanation))


# Storing texts ----------------------------------------------------------------------------


def to_json(text: str) -> Any:
    """A text as JSON, language-neutral: ``{"t": template, "p": {name: value}}`` for a
    :class:`Text`, the string itself otherwise."""
    if not isinstance(text, Text):
        return str(text)
    if not text.params:
        return {"t": text.template}
    return {"t": text.template, "p": {k: to_json(v) if isinstance(v, Text) else v for k, v in text.params.items()}}


def from_json(value: Any) -> str:
    """The inverse of :func:`to_json` (a malformed value gives back what it can, never raises)."""
    if isinstance(value, dict) and isinstance(value.get("t"), str):
        raw = value.get("p") or {}
        params = {k: from_json(v) if isinstance(v, dict) else v for k, v in raw.items()}
        try:
            return Text(value["t"], params)
        except (KeyError, IndexError, ValueError):
            return str(value["t"])  # a stored text that no longer fits its template
    return value if isinstance(value, str) else str(value)


#: The key a stored report keeps each finding's language-neutral texts under (never answered).
STORED = "texts"


def storable_report(report: dict[str, Any], findings: Iterable[Any]) -> dict[str, Any]:
    """The validator's report with each finding's texts kept language-neutrally (for storage)."""
    for item, f in zip(report["findings"], findings, strict=True):
        item[STORED] = {"message": to_json(f.message), "hint": to_json(f.hint)}
    return report


def localize_report(report: dict[str, Any], lang: str) -> dict[str, Any]:
    """A (stored) report as answered to a reader of ``lang``: the same keys as
    :func:`builder.rules.report`, message and hint in ``lang``; the stored texts left out."""
    out = dict(report)
    findings = []
    for item in report.get("findings", ()):
        item = dict(item)
        texts = item.pop(STORED, None)
        if lang != DEFAULT and isinstance(texts, dict):
            for key in ("message", "hint"):
                if key in texts:
                    item[key] = render(from_json(texts[key]), lang)
        findings.append(item)
    out["findings"] = findings
    return out


def placeholders(template: str) -> set[str]:
    """The field names of a template (for the completeness test: both languages use the same)."""

    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}

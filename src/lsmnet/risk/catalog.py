"""The message catalogue of the risk flags, in English and Bahasa Indonesia.

Every explanation, caveat, label and note that the risk functions show to a user lives in
``messages.json`` next to this module: one entry per key with one text per language, so that no
user-facing string is written in code and a translation is complete when every key has both
texts. The catalogue also records, for each flag code, its category, level, possible severities
and sources; :func:`flag_reference_markdown` turns it, with :class:`RiskThresholds`, into the flag
reference ``docs/flags.md``.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources

from lsmnet._validation import check_option

__all__ = [
    "LANGS",
    "catalogue",
    "flag_codes",
    "flag_info",
    "flag_reference_markdown",
    "format_number",
    "message",
]

LANGS = ("en", "id")


@functools.cache
def catalogue() -> dict:
    """Return the whole catalogue (parsed ``messages.json``; treat it as read-only).

    Returns
    -------
    dict
        Sections ``flags``, ``categories``, ``severities``, ``levels``, ``attributes``,
        ``skipped``, ``notes``, ``labels``, ``docs``, ``stage``, ``bridges``, ``weaving``,
        ``thresholds`` (each leaf a ``{"en": ..., "id": ...}`` dict) and ``sources``
        (reference key -> full citation).

    Examples
    --------
    >>> from lsmnet.risk.catalog import catalogue
    >>> catalogue()["categories"]["trust"]["id"]
    'Kurangnya kepercayaan'
    """
    return _load_json("lsmnet.risk", "messages.json")


def _load_json(package: str, name: str) -> dict:
    # shared with lsmnet.report.labels, whose catalogue is also a packaged JSON file
    with resources.files(package).joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


def check_lang(lang, func: str) -> str:
    """Check that ``lang`` is a supported language code."""
    return check_option(lang, LANGS, "lang", func)


def source_text(key: str, lang: str) -> str:
    """The reference behind source ``key``; lsmnet's own proposals are described in ``lang``."""
    if key == "lsmnet":
        return message("docs.source_lsmnet", lang)
    return catalogue()["sources"][key]


def message(key: str, lang: str, /, **fields) -> str:
    """Return the text at dotted ``key`` in ``lang``, with ``{placeholders}`` filled.

    Parameters
    ----------
    key : str
        Dotted path into the catalogue, e.g. ``"flags.ISO-1.caveat"`` or ``"skipped.no_ratings"``.
    lang : {"en", "id"}
        Language of the text.
    **fields
        Values for the placeholders of the text.

    Returns
    -------
    str

    Raises
    ------
    InvalidParameterError
        If ``lang`` is not a supported language.
    KeyError
        If ``key`` is not in the catalogue (a programming error, not a user error).

    Examples
    --------
    >>> from lsmnet.risk.catalog import message
    >>> message("skipped.too_small", "id", n=3)
    'kurang dari 3 anggota'
    """
    # flag codes contain no dots, so a plain split is unambiguous
    return _localised(catalogue(), key.split("."), lang, "message", fields)


def _localised(root: dict, path, lang: str, func: str, fields: dict) -> str:
    # shared with lsmnet.report.labels.text: the language is checked before the key is looked up
    check_lang(lang, func)
    node = root
    for part in path:
        node = node[part]
    template = node[lang]
    return template.format(**fields) if fields else template


def flag_codes() -> tuple[str, ...]:
    """Return every flag code, in the order of the specification.

    Examples
    --------
    >>> from lsmnet.risk.catalog import flag_codes
    >>> flag_codes()[:3]
    ('ISO-1', 'ISO-2', 'ISO-3')
    >>> len(flag_codes())
    31
    """
    return tuple(catalogue()["flags"])


def flag_info(code: str) -> dict:
    """Return the catalogue entry of flag ``code``.

    Returns
    -------
    dict
        ``category``, ``level``, ``severities``, ``sources``, ``missing_data_sensitive``,
        ``title``, ``definition``, ``explanation`` (measure -> texts) and ``caveat``.

    Raises
    ------
    KeyError
        If ``code`` is not a flag code.
    """
    return catalogue()["flags"][code]


def format_number(value, lang: str, kind: str = "decimal") -> str:
    """Format a number for a sentence in ``lang``.

    Parameters
    ----------
    value : float
        The number; NaN prints as ``"–"``.
    lang : {"en", "id"}
        English uses a decimal point, Indonesian a decimal comma.
    kind : {"decimal", "percent", "integer", "ratio", "signed"}
        Two decimals, a whole percentage, a whole number, one decimal followed by ``×``, or two
        decimals with an explicit sign.

    Returns
    -------
    str

    Examples
    --------
    >>> from lsmnet.risk.catalog import format_number
    >>> format_number(0.625, "en"), format_number(0.625, "id")
    ('0.62', '0,62')
    >>> format_number(0.25, "id", "percent"), format_number(2.5, "en", "ratio")
    ('25%', '2.5×')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    patterns = {
        "decimal": "{:,.2f}",
        "percent": "{:,.0f}%",
        "integer": "{:,.0f}",
        "ratio": "{:,.1f}×",
        "signed": "{:+,.2f}",
    }
    check_option(kind, patterns, "kind", "format_number")
    number = value * 100 if kind == "percent" else value
    text = patterns[kind].format(number)
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def join_names(names, lang: str) -> str:
    """Join names as a readable list: ``a, b and c`` / ``a, b dan c``."""
    names = [str(n) for n in names]
    if not names:
        return message("labels.none", lang)
    if len(names) == 1:
        return names[0]
    return message("labels.list_and", lang, a=", ".join(names[:-1]), b=names[-1])


def flag_reference_markdown(lang: str = "en") -> str:
    """Return the flag reference (``docs/flags.md``) generated from the catalogue and thresholds.

    One section per flag code: its title, level, possible severities, definition, the
    :class:`~lsmnet.risk.RiskThresholds` fields that drive it with their defaults, whether each
    default is heuristic, the sources and the caveat; then the full references.

    Parameters
    ----------
    lang : {"en", "id"}
        Language of the page.

    Returns
    -------
    str
        Markdown text ending with a newline.

    Raises
    ------
    InvalidParameterError
        If ``lang`` is not a supported language.

    Examples
    --------
    >>> from lsmnet.risk.catalog import flag_reference_markdown
    >>> text = flag_reference_markdown()
    >>> text.splitlines()[0]
    '# Partnership-risk flags'
    >>> "### DOM-1 Hub-and-spoke" in text
    True
    """
    from lsmnet.risk.thresholds import RiskThresholds

    check_lang(lang, "flag_reference_markdown")

    def m(key, **fields):
        return message(key, lang, **fields)

    lines = [f"# {m('docs.title')}", "", m("docs.intro"), ""]
    used_sources = []
    current_category = None
    for code in flag_codes():
        info = flag_info(code)
        if info["category"] != current_category:
            current_category = info["category"]
            lines += [f"## {m(f'categories.{current_category}')}", ""]
        levels = " / ".join(m(f"levels.{lv}") for lv in info["level"].split("|"))
        severities = " / ".join(m(f"severities.{s}") for s in info["severities"])
        fields = RiskThresholds.for_code(code)
        if fields:
            thresholds = "".join(
                f"\n  - `{name}` = {RiskThresholds.info(name)['default']!r}: "
                f"{m(f'thresholds.{name}')}"
                for name in fields
            )
            heuristic = [n for n in fields if RiskThresholds.is_heuristic(n)]
            if not heuristic:
                heuristic_text = m("docs.no")
            elif len(heuristic) == len(fields):
                heuristic_text = m("docs.yes")
            else:
                heuristic_text = m("docs.partly", fields=", ".join(f"`{n}`" for n in heuristic))
        else:
            thresholds = " " + m("docs.no_threshold")
            heuristic_text = m("docs.no")
        sources = info["sources"]
        used_sources += [s for s in sources if s not in used_sources]
        lines += [
            f"### {code} {info['title'][lang]}",
            "",
            f"- **{m('docs.level')}:** {levels}",
            f"- **{m('docs.severity')}:** {severities}",
            f"- **{m('docs.definition')}:** {info['definition'][lang]}",
            f"- **{m('docs.thresholds')}:**{thresholds}",
            f"- **{m('docs.heuristic')}:** {heuristic_text}",
            f"- **{m('docs.source')}:** {', '.join(f'[{s}]' for s in sources)}",
        ]
        if info["missing_data_sensitive"]:
            lines.append(f"- **{m('docs.missing_data_sensitive')}:** {m('docs.yes')}")
        lines += [f"- **{m('docs.caveat')}:** {info['caveat'][lang]}", ""]
    lines += [f"## {m('docs.references')}", ""]
    lines += [f"- [{key}] {source_text(key, lang)}" for key in used_sources]
    return "\n".join(lines) + "\n"

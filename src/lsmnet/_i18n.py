"""Language: the text catalogues, lookups and number formatting, in English and Bahasa Indonesia.

Every sentence, label and heading that lsmnet shows to a person lives in a JSON catalogue under
``lsmnet/locale/`` (one entry per key, one text per language), so that no user-facing string is
written in code and a translation is complete when every key has both texts:

- ``flags.json``: the risk flags (titles, definitions, explanations, caveats), categories,
  severities, network stages, bridge reasons, threshold descriptions and sources;
- ``report.json``: the report's and the plots' interface strings;
- ``priorities.json``: the digest of the five conversations, network stages, bridge reasons;
- ``schema.json``: Indonesian and English names of tables, columns and values;
- ``cli.json``: the command line's messages; ``forms.json``: the template and survey form.

This module is the bottom layer for language: every other layer may import it and it imports
nothing of lsmnet except :mod:`lsmnet.exceptions`.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from importlib import resources

from lsmnet.exceptions import InvalidParameterError

__all__ = [
    "LANGS",
    "catalogue",
    "check_lang",
    "format_number",
    "has",
    "join_names",
    "label",
    "message",
    "text",
]

#: Supported languages: English and Bahasa Indonesia.
LANGS = ("en", "id")


@functools.cache
def catalogue(name: str) -> dict:
    """Return the catalogue ``lsmnet/locale/<name>.json`` (parsed once; treat it as read-only).

    Parameters
    ----------
    name : {"flags", "report", "priorities", "schema", "cli", "forms"}
        Which catalogue (a file under ``lsmnet/locale/``).

    Returns
    -------
    dict

    Examples
    --------
    >>> from lsmnet._i18n import catalogue
    >>> catalogue("flags")["categories"]["trust"]["id"]
    'Kurangnya kepercayaan'
    >>> catalogue("report")["section.methods"]["id"]
    'Metode'
    """
    with resources.files("lsmnet").joinpath("locale", f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def check_lang(lang: object, func: str) -> str:
    """Check that ``lang`` is a supported language code; return it.

    Raises
    ------
    InvalidParameterError
        If ``lang`` is not one of :data:`LANGS`.
    """
    if lang not in LANGS:
        allowed = ", ".join(repr(code) for code in LANGS)
        raise InvalidParameterError(
            f"The 'lang' parameter of {func} must be one of {allowed}. Got {lang!r}."
        )
    return lang


def _localised(root: dict, path, lang: str, func: str, fields: dict) -> str:
    # the language is checked before the key is looked up, so a bad language is a user error
    check_lang(lang, func)
    node = root
    for part in path:
        node = node[part]
    template = node[lang]
    return template.format(**fields) if fields else template


def message(key: str, lang: str, /, **fields) -> str:
    """Return the text at dotted ``key`` of the flag catalogue in ``lang``, placeholders filled.

    Parameters
    ----------
    key : str
        Dotted path into ``flags.json``, e.g. ``"flags.ISO-1.caveat"`` or
        ``"skipped.no_ratings"``.
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
    >>> from lsmnet._i18n import message
    >>> message("skipped.too_small", "id", n=3)
    'kurang dari 3 anggota'
    """
    # flag codes contain no dots, so a plain split is unambiguous
    return _localised(catalogue("flags"), key.split("."), lang, "message", fields)


def text(key: str, lang: str, /, **fields) -> str:
    """Return the interface string ``key`` (report and plots) in ``lang``, placeholders filled.

    Parameters
    ----------
    key : str
        Key of ``report.json`` such as ``"section.methods"``.
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
    >>> from lsmnet._i18n import text
    >>> text("note.map_simplified", "id", shown=300, total=2000)
    'Peta menampilkan 300 anggota dengan hubungan terbanyak dari 2000; tabel memuat semuanya.'
    """
    return _localised(catalogue("report"), (key,), lang, "lsmnet.reporting.labels.text", fields)


def has(key: str) -> bool:
    """Whether ``key`` is in the interface catalogue (``report.json``)."""
    return key in catalogue("report")


def label(prefix: str, name: object, lang: str) -> str:
    """The interface text ``<prefix>.<name>`` when there is one, else ``name`` itself.

    For names that come from data or results, such as a column (``col``), an organisation
    type (``type``), a membership role (``role``) or a tie layer (``layer``): known ones are
    translated, others (the user's own) are shown as they are.

    Examples
    --------
    >>> from lsmnet._i18n import label
    >>> label("col", "degree", "id"), label("col", "my_own_column", "id")
    ('derajat', 'my_own_column')
    """
    key = f"{prefix}.{name}"
    return text(key, lang) if has(key) else str(name)


def format_number(value: float | None, lang: str, kind: str = "decimal") -> str:
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

    Raises
    ------
    InvalidParameterError
        If ``kind`` is not one of the kinds above.

    Examples
    --------
    >>> from lsmnet._i18n import format_number
    >>> format_number(0.625, "en"), format_number(0.625, "id")
    ('0.62', '0,62')
    >>> format_number(0.25, "id", "percent"), format_number(2.5, "en", "ratio")
    ('25%', '2.5×')
    """
    patterns = {
        "decimal": "{:,.2f}",
        "percent": "{:,.0f}%",
        "integer": "{:,.0f}",
        "ratio": "{:,.1f}×",
        "signed": "{:+,.2f}",
    }
    if kind not in patterns:
        allowed = ", ".join(repr(k) for k in patterns)
        raise InvalidParameterError(
            f"The 'kind' parameter of format_number must be one of {allowed}. Got {kind!r}."
        )
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = value * 100 if kind == "percent" else value
    formatted = patterns[kind].format(number)
    if lang == "id":
        formatted = formatted.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return formatted


def join_names(names: Iterable[object], lang: str) -> str:
    """Join names as a readable list: ``a, b and c`` / ``a, b dan c``.

    Examples
    --------
    >>> from lsmnet._i18n import join_names
    >>> join_names(["A", "B", "C"], "id")
    'A, B dan C'
    """
    names = [str(n) for n in names]
    if not names:
        return message("labels.none", lang)
    if len(names) == 1:
        return names[0]
    return message("labels.list_and", lang, a=", ".join(names[:-1]), b=names[-1])

"""The risk flags' entries in the language catalogue: codes, categories, levels and sources.

The texts themselves (explanations, caveats, labels, notes) live in ``lsmnet/locale/flags.json``
and are looked up through :mod:`lsmnet._i18n`, the one language module every layer uses; this
module reads the catalogue's flag metadata. The flag reference pages ``docs/flags.md`` and
``docs/flags.id.md`` are generated beside the docs (``docs/_ext/flag_reference.py``).
"""

from __future__ import annotations

from lsmnet import _i18n
from lsmnet._i18n import LANGS, check_lang, format_number, join_names, message

__all__ = [
    "LANGS",
    "catalogue",
    "check_lang",
    "flag_codes",
    "flag_info",
    "format_number",
    "join_names",
    "message",
    "source_text",
]


def catalogue() -> dict:
    """Return the flag catalogue (parsed ``locale/flags.json``; treat it as read-only).

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
    return _i18n.catalogue("flags")


def source_text(key: str, lang: str) -> str:
    """The reference behind source ``key``; lsmnet's own proposals are described in ``lang``."""
    if key == "lsmnet":
        return message("docs.source_lsmnet", lang)
    return catalogue()["sources"][key]


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

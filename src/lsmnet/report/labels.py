"""The report's user-interface strings in English and Bahasa Indonesia.

Every label, heading and sentence the report and the plots show lives in ``labels.json`` next
to this module, one entry per key with one text per language, so that no UI string is written
twice in code and a translation is complete when every key has both texts.
"""

from __future__ import annotations

import functools

from lsmnet.risk.catalog import LANGS, _load_json, _localised

__all__ = ["LANGS", "catalogue", "has", "label", "text"]


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return the whole catalogue: key -> {language -> text}.

    Returns
    -------
    dict
        The parsed ``labels.json``; treat it as read-only.

    Examples
    --------
    >>> from lsmnet.report.labels import catalogue
    >>> catalogue()["section.methods"]["id"]
    'Metode'
    """
    return _load_json("lsmnet.report", "labels.json")


def text(key: str, lang: str, /, **fields) -> str:
    """Return the label ``key`` in ``lang``, with ``{name}`` placeholders filled from ``fields``.

    Parameters
    ----------
    key : str
        Catalogue key such as ``"section.methods"``.
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
    >>> from lsmnet.report.labels import text
    >>> text("note.map_simplified", "id", shown=300, total=2000)
    'Peta menampilkan 300 anggota dengan hubungan terbanyak dari 2000; tabel memuat semuanya.'
    """
    return _localised(catalogue(), (key,), lang, "lsmnet.report.labels.text", fields)


def has(key: str) -> bool:
    """Whether ``key`` is in the catalogue."""
    return key in catalogue()


def label(prefix: str, name, lang: str) -> str:
    """The catalogue text ``<prefix>.<name>`` when there is one, else ``name`` itself.

    For names that come from data or results, such as a column (``col``), an organisation
    type (``type``), a membership role (``role``) or a tie layer (``layer``): known ones are
    translated, others (the user's own) are shown as they are.

    Examples
    --------
    >>> from lsmnet.report.labels import label
    >>> label("col", "degree", "id"), label("col", "my_own_column", "id")
    ('derajat', 'my_own_column')
    """
    key = f"{prefix}.{name}"
    return text(key, lang) if has(key) else str(name)

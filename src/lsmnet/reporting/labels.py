"""The report's interface strings: the lookups of :mod:`lsmnet._i18n` for ``report.json``.

Every label, heading and sentence the report and the plots show lives in
``lsmnet/locale/report.json``; this module keeps the names the report's code uses.
"""

from __future__ import annotations

from lsmnet import _i18n
from lsmnet._i18n import LANGS, has, label, message, text

__all__ = ["LANGS", "catalogue", "has", "header", "label", "text"]

_SEVERITIES = ("high", "watch", "info")


def catalogue() -> dict[str, dict[str, str]]:
    """Return the interface catalogue: key -> {language -> text} (treat it as read-only).

    Examples
    --------
    >>> from lsmnet.reporting.labels import catalogue
    >>> catalogue()["section.methods"]["id"]
    'Metode'
    """
    return _i18n.catalogue("report")


def header(name: object, lang: str) -> str:
    """The heading of a result column in ``lang``: its ``col.`` label, or for the families of
    columns the health table grows (``<measure>_null_z``, ``<measure>_null_pct``,
    ``ties_<layer>``, ``flags_<severity>``) the label built from their parts; unknown names
    (the user's own columns) as they are.

    Examples
    --------
    >>> from lsmnet.reporting.labels import header
    >>> header("transitivity_null_z", "id"), header("ties_advocacy", "en")
    ('transitivitas (z terhadap model nol)', 'ties: advocacy')
    >>> header("flags_watch", "id"), header("my_column", "id")
    ('penanda: waspada', 'my_column')
    """
    name = str(name)
    if has(f"col.{name}"):
        return text(f"col.{name}", lang)
    for suffix, key in (("_null_z", "col.null_z"), ("_null_pct", "col.null_pct")):
        if name.endswith(suffix):
            return text(key, lang, name=header(name.removesuffix(suffix), lang))
    if name.startswith("ties_"):
        return text("col.ties_layer", lang, layer=label("layer", name.removeprefix("ties_"), lang))
    if name.startswith("flags_") and name.removeprefix("flags_") in _SEVERITIES:
        severity = message(f"severities.{name.removeprefix('flags_')}", lang)
        return text("col.flags_severity", lang, severity=severity)
    return name

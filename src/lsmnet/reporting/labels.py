"""The report's interface strings: the lookups of :mod:`lsmnet._i18n` for ``report.json``.

Every label, heading and sentence the report and the plots show lives in
``lsmnet/locale/report.json``; this module keeps the names the report's code uses.
"""

from __future__ import annotations

from lsmnet import _i18n
from lsmnet._i18n import LANGS, has, label, text

__all__ = ["LANGS", "catalogue", "has", "label", "text"]


def catalogue() -> dict[str, dict[str, str]]:
    """Return the interface catalogue: key -> {language -> text} (treat it as read-only).

    Examples
    --------
    >>> from lsmnet.reporting.labels import catalogue
    >>> catalogue()["section.methods"]["id"]
    'Metode'
    """
    return _i18n.catalogue("report")

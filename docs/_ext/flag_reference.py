"""Generate the flag reference pages ``docs/flags.md`` and ``docs/flags.id.md``.

The pages are made from the flag catalogue (``lsmnet/locale/flags.json``) and the defaults of
:class:`lsmnet.RiskThresholds`; ``tests/risk/test_risk_catalog.py`` checks that the committed
pages are the generated text. Regenerate them with ``python docs/_ext/flag_reference.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lsmnet._i18n import check_lang, message
from lsmnet.risk.catalog import flag_codes, flag_info, source_text
from lsmnet.risk.thresholds import RiskThresholds

PAGES = {"en": "flags.md", "id": "flags.id.md"}


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
    >>> text = flag_reference_markdown()
    >>> text.splitlines()[0]
    '# Partnership-risk flags'
    >>> "### DOM-1 Hub-and-spoke" in text
    True
    """
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


def main(argv=None) -> int:
    """Write both pages next to this folder's parent (the docs folder)."""
    docs = Path(__file__).resolve().parents[1]
    for lang, name in PAGES.items():
        docs.joinpath(name).write_text(flag_reference_markdown(lang), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

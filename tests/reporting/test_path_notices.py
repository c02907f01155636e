"""The report says when betweenness and closeness are estimated, in both languages.

``EXACT_PATHS_MAX_NODES`` and ``DEFAULT_SOURCES`` of :mod:`lsmnet.metrics.centrality` are
lowered so that coalition C03 of ``indonesia_demo`` (32 members) and its sector (250
organisations) count as large networks: 20 sampled sources. The expected sentences are built
from the catalogue with numbers computed here: the bound is Hoeffding's (see
tests/risk/test_risk_path_measures.py), rounded up to three decimals.
"""

from __future__ import annotations

import math
import re

import openpyxl
import pytest
from markupsafe import escape

import lsmnet as lsm
from lsmnet.metrics import centrality
from lsmnet.reporting.html import TIMESTAMP_ID
from lsmnet.reporting.labels import catalogue, text
from lsmnet.reporting.methods import _bound_text

LIMIT, SOURCES = 25, 20
COALITION, MEMBERS = "C03", 32
NOTICE = '<p class="notice">'


def hoeffding_bound(n: int, k: int, delta: float = 0.05) -> float:
    return n / (n - 1) * math.sqrt(math.log(4 * n / delta) / (2 * (k - 1)))


def _bound(n: int, lang: str) -> str:
    shown = f"{math.ceil(hoeffding_bound(n, SOURCES) * 1000) / 1000:.3f}"
    return shown.replace(".", ",") if lang == "id" else shown


def _sentences(lang: str, coalition: str) -> dict:
    """The notices expected in a report of C03 with 20 sampled sources."""
    members = text(
        "path.members",
        lang,
        sources="20",
        nodes=str(MEMBERS),
        confidence="95%",
        bound=_bound(MEMBERS, lang),
    )
    bridges = text(
        "path.bridges", lang, sources="20", nodes="250", confidence="95%", bound=_bound(250, lang)
    )
    estimated = text("path.estimated", lang)
    return {
        "members": f"{estimated}: {members}",
        "bridges": f"{estimated}: {bridges}",
        "limit": text("path.limit", lang, limit=str(LIMIT)),
        "methods_members": f"{text('path.members_of', lang, name=coalition)}: {members}",
        "methods_bridges": f"{text('section.bridges', lang)}: {bridges}",
    }


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def coalition_name(demo):
    coalitions = demo.coalitions.set_index("coalition_id")
    return str(coalitions.loc[COALITION, "name"])


@pytest.fixture(scope="module")
def estimated(demo, tmp_path_factory):
    """HTML and workbook of C03's report in both languages, with the lowered limit."""
    out = tmp_path_factory.mktemp("estimated")
    result = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(centrality, "EXACT_PATHS_MAX_NODES", LIMIT)
        mp.setattr(centrality, "DEFAULT_SOURCES", SOURCES)
        for lang in ("en", "id"):
            rep = lsm.report(demo, coalition=COALITION, lang=lang, progress=False)
            result[lang] = {
                "report": rep,
                "html": rep.html(),
                "xlsx": rep.to_excel(out / f"report_{lang}.xlsx"),
            }
    return result


def _notes_sheet(path, lang: str) -> list[tuple]:
    sheet = openpyxl.load_workbook(path)[text("sheet.notes", lang)]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_notice_above_the_member_and_bridge_tables(estimated, lang, coalition_name):
    page = estimated[lang]["html"]
    expected = _sentences(lang, coalition_name)
    members = page.split('<section id="members">')[1].split('id="members-0"')[0]
    assert f"{NOTICE}{escape(expected['members'])}</p>" in members
    bridges = page.split('<section id="bridges">')[1].split('id="bridges-table"')[0]
    assert f"{NOTICE}{escape(expected['bridges'])}</p>" in bridges


@pytest.mark.parametrize("lang", ["en", "id"])
def test_notice_in_the_methods_section(estimated, lang, coalition_name):
    methods = estimated[lang]["html"].split('<section id="methods">')[1]
    expected = _sentences(lang, coalition_name)
    assert f"<h3>{text('heading.path_measures', lang)}</h3>" in methods
    for key in ("limit", "methods_members", "methods_bridges"):
        assert f"{NOTICE}{escape(expected[key])}</p>" in methods, key
    assert text("path.exact", lang) not in methods


@pytest.mark.parametrize("lang", ["en", "id"])
def test_notice_in_the_workbook(estimated, lang, coalition_name):
    rows = _notes_sheet(estimated[lang]["xlsx"], lang)
    expected = _sentences(lang, coalition_name)
    topic = text("heading.path_measures", lang)
    assert rows[0] == (text("col.topic", lang), text("col.note", lang))
    assert rows[1:4] == [
        (topic, expected["limit"]),
        (topic, expected["methods_members"]),
        (topic, expected["methods_bridges"]),
    ]
    assert (text("heading.quality", lang), text("quality.min_raters", lang, n=3)) in rows


def test_indonesian_notices_have_no_english(estimated):
    page = estimated["id"]["html"]
    assert page.count(NOTICE) == 5  # two tables, the limit and two named notices in methods
    for key, texts in catalogue().items():
        if not key.startswith(("path.", "heading.path_measures", "sheet.notes", "col.topic")):
            continue
        for part in re.split(r"\{[^}]*\}", texts["en"]):
            part = part.strip(" :·,.;()–-")
            if len(part.split()) >= 2:
                assert part not in page, (key, part)


def test_estimated_report_is_reproducible(demo, estimated):
    first = estimated["en"]["report"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(centrality, "EXACT_PATHS_MAX_NODES", LIMIT)
        mp.setattr(centrality, "DEFAULT_SOURCES", SOURCES)
        again = lsm.report(demo, coalition=COALITION, progress=False)
        second = again.html()
    stamp = re.compile(rf'(<span id="{TIMESTAMP_ID}">)[^<]*(</span>)')
    assert stamp.sub("", second) == stamp.sub("", estimated["en"]["html"])
    assert again.members[COALITION]["betweenness"].equals(first.members[COALITION]["betweenness"])


def test_no_notice_when_exact(demo, tmp_path):
    rep = lsm.report(demo, coalition="C10", progress=False)
    page = rep.html()
    assert NOTICE not in page
    assert rep.members["C10"].attrs == {"path_measures": "exact"}
    # (bridge_organizations may record more in attrs, e.g. which partners it used)
    assert rep.bridges.attrs["path_measures"] == "exact"
    methods = page.split('<section id="methods">')[1]
    assert f'<p class="note">{text("path.exact", "en")}</p>' in methods
    rows = _notes_sheet(rep.to_excel(tmp_path / "r.xlsx"), "en")
    assert rows[1] == (text("heading.path_measures", "en"), text("path.exact", "en"))
    assert not any(text("path.estimated", "en") in str(row) for row in rows)


@pytest.mark.parametrize(
    ("bound", "lang", "shown"),
    [
        (0.0831, "en", "0.084"),
        (0.5, "id", "0,500"),
        (0.47892, "en", "0.479"),
        (1.2, "en", "1.200"),
    ],
)
def test_bound_is_rounded_up(bound, lang, shown):
    assert _bound_text(bound, lang) == shown
    assert float(shown.replace(",", ".")) >= bound

"""lsmnet.report(..., thresholds=): every risk computation uses them and the report says so.

References: Freeman's degree centralization of coalition C04 of indonesia_demo computed by hand
in this file (sum of the differences to the largest degree over its star maximum
(n - 1)(n - 2)) decides whether DOM-1 must fire at a watch cut-off; the trust scores are
recomputed from the ratings table by hand; the workbook is reopened with openpyxl; the
expected texts come from the label catalogue and RiskThresholds.info.
"""

from __future__ import annotations

import re

import numpy as np
import openpyxl
import pandas as pd
import pytest
from markupsafe import escape

import lsmnet as lsm
from lsmnet import InvalidParameterError, RiskThresholds
from lsmnet.reporting.html import TIMESTAMP_ID
from lsmnet.reporting.labels import catalogue, text
from lsmnet.risk.catalog import flag_codes

COALITION = "C04"
# DOM-1 watch lowered below C04's centralization (0.18; default 0.5): DOM-1 fires. MIS-3's
# Jaccard cut-off lowered below its one member's mean Jaccard (0.08; default 0.1): it stops.
# null_draws = 0: C04's centralization is not beyond random graphs of its size, so the
# size-aware test (issue 14) is switched off to test the fixed cut-off alone.
CHANGES = {"dom_centralization_watch": 0.15, "mis_issue_jaccard": 0.05, "null_draws": 0}
NOTICE = '<p class="notice">'


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def reports(demo, tmp_path_factory):
    """C04 with the default and the changed thresholds, in both languages, with workbooks."""
    out = tmp_path_factory.mktemp("thresholds")
    result = {}
    for kind, thresholds in (("default", None), ("changed", CHANGES)):
        for lang in ("en", "id"):
            rep = lsm.report(
                demo, coalition=COALITION, lang=lang, thresholds=thresholds, progress=False
            )
            result[kind, lang] = {
                "report": rep,
                "html": rep.html(),
                "xlsx": rep.to_excel(out / f"{kind}_{lang}.xlsx"),
            }
    return result


def _freeman_degree_centralization(G) -> float:
    degrees = [d for _node, d in G.degree()]
    n = len(degrees)
    return sum(max(degrees) - d for d in degrees) / ((n - 1) * (n - 2))


def _count(flags: pd.DataFrame, code: str) -> int:
    return int((flags["code"] == code).sum())


def _methods(page: str) -> str:
    return page.split('<section id="methods">')[1]


def _notes(path, lang: str) -> list[tuple]:
    sheet = openpyxl.load_workbook(path)[text("sheet.notes", lang)]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


# -- the flags follow the thresholds ---------------------------------------------------------
def test_lower_centralization_cut_off_fires_dom1(reports, demo):
    centralization = _freeman_degree_centralization(lsm.coalition_graph(demo, COALITION))
    # the hand-computed value sits between the two cut-offs, so only the changed one fires
    assert CHANGES["dom_centralization_watch"] <= centralization < 0.5
    default = reports["default", "en"]["report"].flags
    changed = reports["changed", "en"]["report"].flags
    assert _count(default, "DOM-1") == 0
    row = changed[changed["code"] == "DOM-1"].iloc[0]
    assert row["severity"] == "watch"
    assert row["value"] == pytest.approx(centralization)
    assert row["threshold"] == CHANGES["dom_centralization_watch"]


def test_lower_jaccard_cut_off_suppresses_mis3(reports):
    default = reports["default", "en"]["report"].flags
    changed = reports["changed", "en"]["report"].flags
    (value,) = default.loc[default["code"] == "MIS-3", "value"]
    assert CHANGES["mis_issue_jaccard"] <= value < RiskThresholds().mis_issue_jaccard
    assert _count(changed, "MIS-3") == 0
    # nothing else moved: only the two codes whose thresholds changed, and the size-aware
    # codes, whose random-graph test null_draws = 0 switches off
    moved = ("DOM-1", "MIS-3", "DOM-3", "DOM-5", "FRG-2")
    others = [c for c in flag_codes() if c not in moved]
    assert [_count(default, c) for c in others] == [_count(changed, c) for c in others]


def test_health_members_and_change_use_the_thresholds(reports, demo):
    default = reports["default", "en"]["report"]
    changed = reports["changed", "en"]["report"]
    counts = ["flags_high", "flags_watch", "flags_info"]
    # the scorecard counts the register computed with the same thresholds
    for result in (default, changed):
        own = result.flags[result.flags["coalition"] == COALITION]["severity"].value_counts()
        expected = [int(own.get(s, 0)) for s in ("high", "watch", "info")]
        assert result.health.loc[COALITION, counts].tolist() == expected
    assert (changed.flags["code"] == "DOM-1").any() and not (
        default.flags["code"] == "DOM-1"
    ).any()
    (entity,) = default.flags.loc[default.flags["code"] == "MIS-3", "entity"]
    assert "MIS-3" in default.members[COALITION].loc[entity, "flags"]
    assert "MIS-3" not in changed.members[COALITION].loc[entity, "flags"]
    # the change table: each period's counts are coalition_health's with these thresholds
    for period in (2020, 2024):
        direct = lsm.coalition_health(
            demo.at(period), coalition=COALITION, thresholds=CHANGES, null_samples=0
        )
        row = changed.change.loc[(period, COALITION), counts]
        assert row.tolist() == direct.loc[COALITION, counts].tolist()
    assert not changed.change[counts].equals(default.change[counts])


def test_min_raters_sets_who_gets_a_trust_score(small_data):
    # C2's members 7, 8 and 9 are rated by the two others only (see conftest.make_data)
    rep = lsm.report(small_data, coalition="C2", thresholds={"min_raters": 2}, progress=False)
    scores = rep.trust["C2"].nodes
    members = set(small_data.coalition_members("C2"))
    ratings = small_data.ratings
    inside = ratings[ratings["rater"].isin(members) & ratings["ratee"].isin(members)]
    items = ["reliability", "mission", "openness"]
    for org in members:
        rows = inside[inside["ratee"] == org]
        if rows["rater"].nunique() >= 2:
            # by hand: the mean over raters of each rater's mean trust item
            assert scores.loc[org, "trust"] == pytest.approx(rows[items].mean(axis=1).mean())
        else:
            assert np.isnan(scores.loc[org, "trust"])
    assert scores["trust"].notna().sum() == 3
    default = lsm.report(small_data, coalition="C2", progress=False).trust["C2"].nodes
    assert default["trust"].notna().sum() == 0
    quality = _methods(rep.html()).split(text("heading.quality", "en"))[1]
    assert escape(text("quality.min_raters", "en", n=2)) in quality


# -- the report says which thresholds were used ------------------------------------------------
def _threshold_rows(page: str) -> list[list[str]]:
    table = _methods(page).split('<table class="data" id="thresholds">')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in body.split("</tr>") if "<td" in row]


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        (
            "en",
            {
                "dom_centralization_watch": ("0.5", "0.15"),
                "mis_issue_jaccard": ("0.1", "0.05"),
                "null_draws": ("200", "0"),
            },
        ),
        (
            "id",
            {
                "dom_centralization_watch": ("0,5", "0,15"),
                "mis_issue_jaccard": ("0,1", "0,05"),
                "null_draws": ("200", "0"),
            },
        ),
    ],
)
def test_methods_table_lists_each_changed_threshold(reports, lang, shown):
    page = reports["changed", lang]["html"]
    methods = _methods(page)
    assert f"<h3>{text('heading.thresholds', lang)}</h3>" in methods
    note = text("thresholds.changed", lang, n=3, total=len(RiskThresholds.names()))
    assert f"{NOTICE}{escape(note)}</p>" in methods
    header = [text(f"col.{c}", lang) for c in ("threshold", "description", "default", "used")]
    table = methods.split('id="thresholds">')[1].split("</thead>")[0]
    assert all(f">{h}</th>" in table for h in [*header, text("col.flags", lang)])
    rows = _threshold_rows(page)
    expected = [
        [
            name,
            escape(RiskThresholds.info(name, lang=lang)["doc"]),
            default,
            used,
            ", ".join(RiskThresholds.info(name)["codes"]),
        ]
        for name, (default, used) in shown.items()
    ]
    assert rows == expected
    assert text("thresholds.defaults", lang) not in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_flag_definitions_and_parameters_show_the_values_used(reports, lang):
    methods = _methods(reports["changed", lang]["html"])
    comma = (lambda s: s.replace(".", ",")) if lang == "id" else (lambda s: s)  # decimal mark
    value = text(
        "thresholds.changed_value",
        lang,
        name="dom_centralization_watch",
        value=comma("0.15"),
        default=comma("0.5"),
    )
    # (DOM-1 may list more thresholds after these two: its null-model quantile and draws)
    assert f"{escape(value)}; dom_centralization_high = {comma('0.7')}" in methods
    assert f"<dd>{text('param.changed', lang, n=3)}</dd>" in methods
    risks = (
        reports["changed", lang]["html"].split('<section id="risks">')[1].split("</section>")[0]
    )
    names = "dom_centralization_watch, mis_issue_jaccard, null_draws"
    assert f"{NOTICE}{escape(text('thresholds.risks', lang, names=names))}</p>" in risks


@pytest.mark.parametrize("lang", ["en", "id"])
def test_defaults_are_one_line(reports, lang):
    page = reports["default", lang]["html"]
    methods = _methods(page)
    heading = f"<h3>{text('heading.thresholds', lang)}</h3>"
    line = f'<p class="note">{escape(text("thresholds.defaults", lang))}</p>'
    assert f"{heading}\n{line}\n<h3>" in methods
    assert 'id="thresholds"' not in page
    assert f"<dd>{text('param.defaults', lang)}</dd>" in methods
    shown = "dom_centralization_watch = 0.5; dom_centralization_high = 0.7"
    assert (shown.replace(".", ",") if lang == "id" else shown) in methods
    risks = page.split('<section id="risks">')[1].split("</section>")[0]
    assert NOTICE not in risks
    rows = _notes(reports["default", lang]["xlsx"], lang)
    assert rows[0] == (text("col.topic", lang), text("col.note", lang))
    assert rows[-1] == (text("heading.thresholds", lang), text("thresholds.defaults", lang))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_notes_sheet_lists_each_changed_threshold(reports, lang):
    path = reports["changed", lang]["xlsx"]
    rows = _notes(path, lang)
    header = ("topic", "note", "threshold", "default", "used", "flags")
    assert rows[0] == tuple(text(f"col.{c}", lang) for c in header)
    topic = text("heading.thresholds", lang)
    note = text("thresholds.changed", lang, n=3, total=len(RiskThresholds.names()))
    assert rows[-4:] == [
        (topic, note, None, None, None, None),
        (
            topic,
            RiskThresholds.info("dom_centralization_watch", lang=lang)["doc"],
            "dom_centralization_watch",
            0.5,
            0.15,
            "DOM-1",
        ),
        (
            topic,
            RiskThresholds.info("mis_issue_jaccard", lang=lang)["doc"],
            "mis_issue_jaccard",
            0.1,
            0.05,
            "MIS-3",
        ),
        (
            topic,
            RiskThresholds.info("null_draws", lang=lang)["doc"],
            "null_draws",
            200,
            0,
            "DOM-1, DOM-3, DOM-5, FRG-2",
        ),
    ]
    sheet = openpyxl.load_workbook(path)[text("sheet.notes", lang)]
    assert sheet.cell(len(rows), 5).number_format == "General"  # every digit shown


def test_integer_thresholds_stay_integers(demo, tmp_path):
    rep = lsm.report(demo, coalition="C10", thresholds={"min_raters": 5}, progress=False)
    (row,) = _threshold_rows(rep.html())
    assert row[:1] + row[2:] == ["min_raters", "3", "5", "DQ-2, MIS-1, TRU-2"]
    last = _notes(rep.to_excel(tmp_path / "r.xlsx"), "en")[-1]
    assert last[2:] == ("min_raters", 3, 5, "DQ-2, MIS-1, TRU-2")
    assert isinstance(last[3], int)


def test_a_threshold_set_to_its_default_is_not_listed(demo):
    same = RiskThresholds().replace(dom_share=0.2, min_raters=3)
    page = lsm.report(demo, coalition="C10", thresholds=same, progress=False).html()
    assert escape(text("thresholds.defaults", "en")) in page and 'id="thresholds"' not in page


def test_indonesian_thresholds_section_has_no_english(reports):
    page = reports["changed", "id"]["html"]
    section = _methods(page).split(f"<h3>{text('heading.thresholds', 'id')}</h3>")[1]
    section = section.split("<h3>")[0]
    notice = page.split('<section id="risks">')[1].split("<h3>")[0]
    params = _methods(page).split(f"<dt>{text('param.thresholds', 'id')}</dt>")[1]
    params = params.split("</dd>")[0]
    # text only: class names such as "caveat-list" are markup, not words a reader sees
    shown = re.sub(r"<[^>]+>", " ", section + notice + params)
    for key, texts in catalogue().items():
        if not key.startswith(("thresholds.", "heading.thresholds", "param.", "col.")):
            continue
        for part in re.split(r"\{[^}]*\}", texts["en"]):
            part = part.strip(" :·,.;()–-=")
            if len(part) > 3 and part.lower() not in texts["id"].lower():
                assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", shown), (key, part)
    for name in CHANGES:
        assert RiskThresholds.info(name)["doc"] not in page
        assert escape(RiskThresholds.info(name, lang="id")["doc"]) in section


def test_same_thresholds_same_bytes(demo, reports):
    again = lsm.report(demo, coalition=COALITION, thresholds=CHANGES, progress=False).html()
    stamp = re.compile(rf'(<span id="{TIMESTAMP_ID}">)[^<]*(</span>)')
    assert stamp.sub("", again) == stamp.sub("", reports["changed", "en"]["html"])
    from_object = lsm.report(
        demo, coalition=COALITION, thresholds=RiskThresholds(**CHANGES), progress=False
    )
    assert stamp.sub("", from_object.html()) == stamp.sub("", again)


@pytest.mark.parametrize(
    ("thresholds", "match"),
    [
        ({"dom_shares": 0.3}, r"no field 'dom_shares'\. Did you mean 'dom_share'\? Known fields:"),
        ({"dom_share": 2}, r"'dom_share' parameter of RiskThresholds must be <= 1\.0"),
        ("thresholds.toml", r"'thresholds' parameter of report must be None, a RiskThresholds"),
    ],
)
def test_invalid_thresholds_are_rejected_before_any_work(demo, thresholds, match):
    # checked up front: before the unknown coalition, which the first step would reject
    with pytest.raises(InvalidParameterError, match=match):
        lsm.report(demo, coalition="NOPE", thresholds=thresholds)


@pytest.mark.parametrize("thresholds", [None, {"min_raters": 2}, {"min_raters": 0}])
def test_survey_scores_equal_trust_value_scores(demo, thresholds):
    # reference: lsm.trust_value_scores called directly for each coalition (at least one
    # rater); the report reads the scores its flags computed when min_raters >= 1
    rep = lsm.report(demo, thresholds=thresholds, progress=False)
    min_raters = max((thresholds or {}).get("min_raters", RiskThresholds().min_raters), 1)
    assert len(rep.trust) == len(demo.coalitions)
    for cid, scores in rep.trust.items():
        direct = lsm.trust_value_scores(demo, coalition=cid, min_raters=min_raters)
        pd.testing.assert_frame_equal(scores.nodes, direct.nodes, check_exact=True)
        pd.testing.assert_series_equal(scores.network, direct.network, check_exact=True)
        pd.testing.assert_frame_equal(
            scores.dyads.reset_index(drop=True), direct.dyads.reset_index(drop=True)
        )

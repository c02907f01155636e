"""The report at scale (issues 16 and 18): the page made column by column, bounded where a sector
is large, with progress bars on request and every figure drawn once.

References: the register is compared with the row-by-row rendering it replaced (lsmnet commit
464b020, copied below as a brute-force reference); the members and flags a bounded table keeps
are recomputed here by sorting the member table and the register; the rows of the page's
tables are counted with Python's own html.parser.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.reporting import charts, common, figures, sections, workbook
from lsmnet.reporting.html import Cell, Column, Table, format_value
from lsmnet.reporting.labels import text
from lsmnet.risk.catalog import flag_info, message


class Rows(HTMLParser):
    """Body rows (<tr> after <tbody>) of the table with a given id."""

    def __init__(self, html: str, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.in_body, self.rows = table_id, False, False, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.inside = dict(attrs).get("id") == self.table_id
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.inside and self.in_body and tag == "tr":
            self.rows.append([])

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = self.in_body = False

    def handle_data(self, data):
        if self.inside and self.in_body and self.rows:
            self.rows[-1].append(data)


# --- the row-by-row register of commit 464b020 (brute-force reference) ----------------------


def _reference_entity(report, row, names):
    entity = str(row["entity"])
    if row["level"] == "node":
        return names.get(entity, entity)
    if row["level"] == "dyad" and "|" in entity:
        a, b = entity.split("|", 1)
        return f"{names.get(a, a)} – {names.get(b, b)}"
    if row["level"] == "network":
        if pd.isna(row["coalition"]):
            return message("labels.whole_network", report.lang)
        return common.unit_names(report).get(row["coalition"], str(row["coalition"]))
    return entity


def _reference_number(value, lang):
    kind = "decimal"
    if not (value is None or pd.isna(value)) and float(value).is_integer():
        kind = "integer"
    return Cell(format_value(value, lang, kind), css="num")


def _reference_flags_of(report, unit):
    flags = report.flags
    if unit.coalition is None:
        return flags[flags["coalition"].isna().to_numpy(bool)]
    return flags[(flags["coalition"] == unit.coalition).fillna(False).to_numpy(bool)]


def _reference_register(report):
    flags, lang = report.flags, report.lang
    if not len(flags):
        return []
    names = common.org_names(report)
    columns = [
        Column(text("col.code", lang)),
        Column(text("col.entity", lang)),
        Column(text("col.measured", lang), numeric=True),
        Column(text("col.threshold", lang), numeric=True),
        Column(text("col.explanation", lang)),
    ]
    ids = [u.coalition for u in report.units if u.coalition is not None]
    units = [(u.name, _reference_flags_of(report, u)) for u in report.units]
    if ids:
        rest = flags[~flags["coalition"].isin(ids).fillna(False).to_numpy(bool)]
        units.append((message("labels.whole_network", lang), rest))
    out = []
    for name, mine in units:
        if not len(mine):
            continue
        counts = mine["severity"].value_counts()
        more = 0
        if common.is_large(report):
            high = mine[mine["severity"] == "high"]
            mine = high.head(sections.REGISTER_ROWS_LARGE)
            more = len(high) - len(mine)
        groups = []
        for severity in common.SEVERITIES:
            part = mine[mine["severity"] == severity]
            codes = []
            for code, rows in part.groupby("code", sort=False):
                table_rows = [
                    [
                        Cell(str(row["code"])),
                        Cell(_reference_entity(report, row, names)),
                        _reference_number(row["value"], lang),
                        _reference_number(row["threshold"], lang),
                        Cell(
                            str(row["explanation"]),
                            note="" if pd.isna(row["note"]) else str(row["note"]),
                        ),
                    ]
                    for _i, row in rows.iterrows()
                ]
                codes.append(
                    {
                        "code": code,
                        "title": flag_info(code)["title"][lang],
                        "count": len(rows),
                        "open": severity == "high" or len(rows) <= sections.OPEN_UP_TO,
                        "table": Table(columns, table_rows, cards=True),
                    }
                )
            if codes:
                groups.append(
                    {"key": severity, "label": text(f"severity.{severity}", lang), "codes": codes}
                )
        out.append(
            {
                "name": name,
                "counts": [
                    (sev, f"{int(counts.get(sev, 0))} {message(f'severities.{sev}', lang)}")
                    for sev in common.SEVERITIES
                    if counts.get(sev, 0)
                ],
                "groups": groups,
                "more": text("note.register_more", lang, n=more) if more else "",
            }
        )
    return out


# --- tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("many", [False, True])
def test_register_is_the_row_by_row_register(small_data, hostile_data, lang, many, monkeypatch):
    if many:  # a report of "many" coalitions: high-severity rows only, at most one each
        monkeypatch.setattr(common, "MANY_UNITS", 1)
        monkeypatch.setattr(sections, "REGISTER_ROWS_LARGE", 1)
    for data in (small_data, hostile_data):
        rep = lsm.report(data, lang=lang, progress=False)
        assert len(rep.flags) > 10
        assert sections._risk_groups(rep) == _reference_register(rep)


def test_long_register_shows_the_most_severe_rows(small_data, monkeypatch):
    monkeypatch.setattr(sections, "REGISTER_ROWS", 3)
    rep = lsm.report(small_data, progress=False)
    order = {s: i for i, s in enumerate(common.SEVERITIES)}
    shown_by_name = {section["name"]: section for section in sections._risk_groups(rep)}
    for unit in rep.units:
        section = shown_by_name[unit.name]
        mine = rep.flags[rep.flags["coalition"] == unit.coalition]
        shown = [row for g in section["groups"] for c in g["codes"] for row in c["table"].rows]
        assert len(shown) == min(3, len(mine))
        # brute force: the three most severe flags, ties kept in register order
        ranked = sorted(range(len(mine)), key=lambda i: order[mine["severity"].iloc[i]])[:3]
        expected = mine.iloc[sorted(ranked)]
        assert sorted(r[0].text for r in shown) == sorted(expected["code"])
        if len(mine) > 3:
            assert section["more"] == text("note.register_more_all", "en", n=len(mine) - 3)
        else:
            assert section["more"] == ""


def test_large_member_table_shows_the_best_connected(small_data, monkeypatch):
    monkeypatch.setattr(sections, "MEMBER_ROWS", 4)
    rep = lsm.report(small_data, progress=False)
    html = rep.html(progress=False)
    for i, unit in enumerate(rep.units):
        members = rep.members[unit.id]
        rows = Rows(html, f"members-{i}").rows
        # brute force: the four largest degrees, first come first kept, in table order
        order = sorted(range(len(members)), key=lambda k: -members["degree"].iloc[k])[:4]
        expected = members["name"].iloc[sorted(order)].tolist()
        assert [r[0] for r in rows] == expected
        note = text("note.members_top", "en", shown=4, total=len(members))
        assert note.replace("'", "&#39;") in html
    # the workbook keeps every member
    sheets = {s.title: s.frame for s in workbook.sheets(rep)}
    assert len(sheets[text("sheet.members", "en")]) == sum(len(m) for m in rep.members.values())


def test_progress_bars_on_request(small_data, tmp_path, capsys):
    rep = lsm.report(small_data, progress=False)
    rep.to_html(tmp_path / "r.html", progress=True)
    err = capsys.readouterr().err
    for step in sections.PROGRESS.values():
        assert step in err
    rep.to_excel(tmp_path / "r.xlsx", progress=True)
    assert f"lsmnet workbook: {text('sheet.members', 'en')}" in capsys.readouterr().err
    quiet = lsm.report(small_data, progress=False)
    quiet.to_html(tmp_path / "q.html", progress=False)
    quiet.to_excel(tmp_path / "q.xlsx", progress=False)
    assert capsys.readouterr().err == ""
    for method in ("to_html", "to_excel"):
        with pytest.raises(
            InvalidParameterError, match=f"'progress' parameter of Report.{method}"
        ):
            getattr(quiet, method)(tmp_path / "x", progress="yes")


def test_files_follow_the_reports_progress_choice(small_data, tmp_path, capsys, monkeypatch):
    # the command line's --quiet reaches lsm.report only; the files it writes stay quiet too
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # None: bars on a terminal
    quiet = lsm.report(small_data, coalition="C2", progress=False)
    quiet.to_html(tmp_path / "q.html")
    quiet.to_excel(tmp_path / "q.xlsx")
    assert capsys.readouterr().err == ""
    loud = lsm.report(small_data, coalition="C2", progress=True)
    capsys.readouterr()
    loud.to_html(tmp_path / "l.html")
    loud.to_excel(tmp_path / "l.xlsx")
    err = capsys.readouterr().err
    assert sections.PROGRESS["maps"] in err and "lsmnet workbook" in err
    assert loud.progress is True and quiet.progress is False


def test_every_figure_is_drawn_once(small_data, tmp_path, monkeypatch):
    drawn = []
    original = figures.draw

    def counting(plot, **kwargs):
        drawn.append(kwargs["alt"])
        return original(plot, **kwargs)

    for module in (figures, charts):
        monkeypatch.setattr(module, "draw", counting)
    rep = lsm.report(small_data, progress=False)
    page = rep.to_html(tmp_path / "r.html", progress=False).read_text(encoding="utf-8")
    rep.to_html(tmp_path / "again.html", progress=False)
    rep.html()
    rep.to_excel(tmp_path / "r.xlsx", progress=False)
    images = re.findall(r'<img src="data:image/(?:png|svg\+xml);base64,', page)
    assert len(drawn) == len(images) > 0
    assert len(set(drawn)) == len(drawn)  # no figure twice


def test_figures_are_byte_identical_and_cropped_by_the_layout():
    # no tight bounding box: the constrained layout keeps the legend below the axes inside
    # the figure, whose size is then exactly the one asked for
    def plot(ax):
        ax.plot([0, 1], [0, 1], label="a line")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0))

    png = figures.draw(plot, figsize=(4, 3), alt="x", kind="png", dpi=100)
    assert (png.width, png.height) == (round(400 * 96 / 100), round(300 * 96 / 100))
    assert png == figures.draw(plot, figsize=(4, 3), alt="x", kind="png", dpi=100)
    svg = figures.draw(plot, figsize=(4, 3), alt="x")
    assert (svg.width, svg.height) == (round(4 * 72 * 4 / 3), round(3 * 72 * 4 / 3))
    assert svg == figures.draw(plot, figsize=(4, 3), alt="x")


def test_flags_are_split_once_per_register(small_data):
    rep = lsm.report(small_data, progress=False)
    for unit in rep.units:
        assert common.flags_of(rep, unit).equals(_reference_flags_of(rep, unit))
    # a report made from another (dataclasses.replace) splits its own register
    fewer = dataclasses.replace(rep, flags=rep.flags.iloc[:3])
    for unit in rep.units:
        assert common.flags_of(fewer, unit).equals(_reference_flags_of(fewer, unit))
    assert np.array_equal(
        common.flags_of(rep, rep.units[0]).index, _reference_flags_of(rep, rep.units[0]).index
    )

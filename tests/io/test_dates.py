"""Dates as people type them (issue 15 item 4): lsmnet._parse.date and the loaders' dayfirst=.

Reference values are the calendar dates the strings denote (worked out by hand); Excel serials
count days from 1899-12-30 (Excel's day 0, so that 43539 is 2019-03-15 as Excel shows it).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import lsmnet
from lsmnet import _parse
from lsmnet._problems import problem_report
from lsmnet.exceptions import SchemaError


def parsed(values, **kw):
    out, bad = _parse.date(pd.Series(values, dtype=object), **kw)
    return [None if pd.isna(v) else str(v.date()) for v in out], bad.tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-03-15", "2019-03-15"),
        ("15/03/2019", "2019-03-15"),
        ("15-03-2019", "2019-03-15"),
        ("15.03.2019", "2019-03-15"),
        ("5/3/2019", "2019-03-05"),
        ("2019/03/15", "2019-03-15"),
        ("2019", "2019-01-01"),
        ("15 Maret 2019", "2019-03-15"),
        ("15 Mar 2019", "2019-03-15"),
        ("15 March 2019", "2019-03-15"),
        ("1 Agustus 2020", "2020-08-01"),
        ("17 Agt 2020", "2020-08-17"),
        ("31 Desember 2023", "2023-12-31"),
        ("9 Mei 2021", "2021-05-09"),
        ("Oktober 2020", "2020-10-01"),
        ("43539", "2019-03-15"),
    ],
)
def test_typed_forms(text, expected):
    assert parsed([text]) == ([expected], [False])


def test_end_columns_run_to_the_end_of_a_year_or_month():
    assert parsed(["2020", "Maret 2019", "15/03/2019"], end=True)[0] == [
        "2020-12-31",
        "2019-03-31",
        "2019-03-15",
    ]


def test_date_cells_and_datetime_objects():
    values = [dt.datetime(2018, 1, 2), dt.date(2020, 5, 1), pd.Timestamp("2021-07-04")]
    assert parsed(values) == (["2018-01-02", "2020-05-01", "2021-07-04"], [False] * 3)


def test_day_first_is_the_default_and_month_first_can_be_chosen():
    values = ["01/02/2022", "13/02/2022"]
    assert parsed(values) == (["2022-02-01", "2022-02-13"], [False, False])
    assert parsed(["01/02/2022", "02/13/2022"], dayfirst=False) == (
        ["2022-01-02", "2022-02-13"],
        [False, False],
    )


def test_the_other_order_is_told_apart_from_nonsense():
    _, bad, order = _parse.dates(pd.Series(["02/13/2022", "31/31/2022", "kemarin", "30 Foo 2020"]))
    assert bad.tolist() == [True] * 4
    assert order.tolist() == [True, False, False, False]


def test_01_02_2022_no_longer_sets_a_row_aside(tmp_path):
    (tmp_path / "memberships.csv").write_text(
        "org_id,coalition_id,start\na,k,01/02/2022\nb,k,15 Maret 2019\n", encoding="utf-8"
    )
    data = lsmnet.read(tmp_path, errors="collect")
    assert data.set_aside.empty
    assert [str(d.date()) for d in data.memberships["start"]] == ["2022-02-01", "2019-03-15"]


def test_a_month_first_column_is_reported_once_with_the_hint(tmp_path):
    rows = "".join(f"o{i},k,02/{13 + i}/2022\n" for i in range(5))
    (tmp_path / "memberships.csv").write_text("org_id,coalition_id,start\n" + rows)
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path)
    problems = info.value.problems
    assert len(problems) == 5 and problems["problem"].str.contains("day-first").all()
    lines = problem_report(problems)
    assert len(lines) == 2  # the head and ONE line for the column
    assert "dayfirst=False" in lines[1] and "(5 row(s))" in lines[1]
    assert "--month-first" in problem_report(problems, audience="cli")[1]
    line = problem_report(problems, lang="id")[1]
    assert "bulan lebih dulu" in line and "dayfirst=False" in line
    data = lsmnet.read(tmp_path, dayfirst=False)
    assert str(data.memberships["start"].iat[0].date()) == "2022-02-13"


def test_from_frames_takes_dayfirst_and_checks_it():
    frame = pd.DataFrame({"org_id": ["a"], "coalition_id": ["k"], "start": ["03/04/2020"]})
    assert str(lsmnet.from_frames(memberships=frame).memberships["start"].iat[0].date()) == (
        "2020-04-03"
    )
    month_first = lsmnet.from_frames(memberships=frame, dayfirst=False)
    assert str(month_first.memberships["start"].iat[0].date()) == "2020-03-04"
    with pytest.raises(lsmnet.InvalidParameterError, match="'dayfirst' parameter of from_frames"):
        lsmnet.from_frames(memberships=frame, dayfirst="yes")


def test_excel_date_cells_and_typed_dates_in_one_workbook(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Keanggotaan"
    sheet.append(["Organisasi", "Koalisi", "Tanggal Mulai"])
    sheet.append(["a", "k", dt.datetime(2019, 3, 15)])
    sheet.append(["b", "k", "15/03/2019"])
    sheet.append(["c", "k", 43539])  # a date typed into a number-formatted cell
    book.save(tmp_path / "x.xlsx")
    starts = lsmnet.read(tmp_path / "x.xlsx").memberships["start"]
    assert [str(d.date()) for d in starts] == ["2019-03-15"] * 3


@pytest.mark.parametrize(
    "values",
    [
        ["9999-12-31", "0000-01-01", "31/12/9999", "1 Maret 0001", "Maret 9999"],
        pd.Series(pd.array(["1677-01-01", "2262-06-01"], dtype="datetime64[s]")),
    ],
)
def test_dates_outside_the_nanosecond_range_are_bad_cells_not_crashes(values):
    # datetime64[ns] holds 1677-09-21 .. 2262-04-11; lsmnet accepts 1678-01-01 .. 2261-12-31
    out, bad, order = _parse.dates(pd.Series(values))
    assert out.isna().all() and bad.all() and not order.any()

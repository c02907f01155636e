"""Rows set aside while loading are listed in the report (issue 15 item 3): grouped by problem
in the data-quality section of the HTML, one by one on a workbook sheet, in both languages.

Reference: the set_aside table of the loaded data itself (every row appears on the sheet).
"""

from __future__ import annotations

import warnings

import openpyxl
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.reporting.labels import text


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    pd.DataFrame(
        {"org_id": ["a", "b", "c", "d"], "name": ["Yayasan A", "LBH B", "Forum C", "Aliansi D"]}
    ).to_csv(folder / "organizations.csv", index=False)
    pd.DataFrame(
        {
            "source": ["a", "b", "c", "a", "zz"],
            "target": ["b", "c", "d", "c", "a"],
            "layer": ["operational"] * 5,
            "weight": ["1", "dua", "2", "x", "1"],
        }
    ).to_csv(folder / "ties.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lsm.read(folder, errors="collect")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_set_aside_rows_are_grouped_in_html_and_listed_in_the_workbook(collected, lang, tmp_path):
    aside = collected.set_aside
    assert len(aside) >= 3  # two weights written as words and an unknown organisation
    report = lsm.report(collected, lang=lang, progress=False)
    page = report.html()
    sheet_name = text("sheet.set_aside", lang)
    intro = text("quality.set_aside", lang, n=len(aside), sheet=sheet_name)
    assert intro.replace("'", "&#39;") in page
    assert "dua" in page  # the grouped line shows the offending values
    path = report.to_excel(tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)[sheet_name]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(aside) + 1  # header + every row set aside
    problems = {row[list(rows[0]).index(text("col.problem", lang))] for row in rows[1:]}
    expected = {"en": "not a number", "id": "bukan angka"}[lang]
    assert expected in problems  # the problems in the reader's language


def test_no_sheet_when_nothing_was_set_aside(tmp_path):
    data = lsm.datasets.load_dataset("knoke")
    path = lsm.report(data, progress=False).to_excel(tmp_path / "k.xlsx")
    assert text("sheet.set_aside", "en") not in openpyxl.load_workbook(path).sheetnames

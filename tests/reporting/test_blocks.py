"""Building blocks of the report: number formatting, tables, the workbook writer, figures."""

from __future__ import annotations

import base64
import re

import numpy as np
import openpyxl
import pandas as pd
import pytest

from lsmnet.reporting.excel import NUMBER_FORMATS, Sheet, write_workbook
from lsmnet.reporting.figures import draw
from lsmnet.reporting.html import format_value, frame_table, sort_key


@pytest.mark.parametrize(
    ("value", "lang", "kind", "expected"),
    [
        (1234.567, "en", "decimal", "1,234.57"),
        (1234.567, "id", "decimal", "1.234,57"),
        (0.256, "id", "percent", "26%"),
        (12, "en", "integer", "12"),
        (np.nan, "en", "decimal", "–"),
        (pd.NA, "id", "decimal", "–"),
        (True, "id", "decimal", "ya"),
        (np.False_, "en", "decimal", "no"),
    ],
)
def test_format_value(value, lang, kind, expected):
    assert format_value(value, lang, kind) == expected


def test_sort_key_has_twelve_digits_and_none_when_missing():
    assert sort_key(1 / 3) == "0.333333333333"
    assert sort_key(0.1 + 0.2) == sort_key(0.3)
    assert sort_key(1e-20) == "1e-20"
    assert sort_key(np.nan) is None
    assert sort_key(True) is None


def test_frame_table_formats_and_highlights_top_quartile():
    frame = pd.DataFrame(
        {
            "name": ["a", "b", "c", "d", "e"],
            "degree": pd.array([1, 2, 3, 4, 10], dtype="Int64"),
            "betweenness": [0.0, 0.1, np.nan, 0.3, 0.2],
        }
    )
    table = frame_table(frame, "id", highlight_top=True, sortable=True, table_id="t")
    assert [c.label for c in table.columns] == ["nama", "derajat", "keantaraan"]
    assert [c.numeric for c in table.columns] == [False, True, True]
    degree = [row[1] for row in table.rows]
    # 75th percentile of 1, 2, 3, 4, 10 is 4 (linear interpolation, as numpy)
    assert np.quantile([1, 2, 3, 4, 10], 0.75) == 4
    assert [c.css for c in degree] == ["num", "num", "num", "num top", "num top"]
    assert [c.text for c in degree] == ["1", "2", "3", "4", "10"]
    between = [row[2] for row in table.rows]
    assert between[2].text == "–" and between[2].sort is None
    assert between[3].text == "0,30" and between[3].css == "num top"


def test_frame_table_no_highlight_without_spread():
    frame = pd.DataFrame({"x": [1.0, 1.0, 1.0, 1.0]})
    table = frame_table(frame, "en", highlight_top=True)
    assert all(row[0].css == "num" for row in table.rows)


def test_workbook_protects_text_freezes_filters_and_formats(tmp_path):
    frame = pd.DataFrame(
        {
            "name": ["=1+1", "+SUM(A1)", "-x", "@cmd", "\tTab", "Plain", "bell\x07"],
            "rate": [0.5, 0.25, np.nan, 1.0, 0.0, 0.1, 0.2],
            "degree": pd.array([1, 2, 3, None, 5, 6, 7], dtype="Int64"),
            "issues": [("a", "b"), (), ("c",), (), (), (), ()],
        }
    )
    out = write_workbook(
        tmp_path / "sub" / "r.xlsx",
        [Sheet("scorecard", frame, {"rate": "percent"}), Sheet("a/b:c*?[x]" * 4, frame)],
        lang="en",
    )
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["scorecard", "a_b_c___x_a_b_c___x_a_b_c___x_a"]
    ws = wb["scorecard"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D8"
    assert [c.value for c in ws[1]] == ["name", "rate", "degree", "issues"]
    assert all(c.font.bold for c in ws[1])
    names = [ws.cell(row=r, column=1) for r in range(2, 9)]
    assert [c.value for c in names] == [
        "'=1+1",
        "'+SUM(A1)",
        "'-x",
        "'@cmd",
        "'\tTab",
        "Plain",
        "bell\ufffd",
    ]
    assert all(c.data_type == "s" for c in names)
    rates = [ws.cell(row=r, column=2) for r in range(2, 9)]
    assert rates[0].value == 0.5 and rates[0].number_format == NUMBER_FORMATS["percent"]
    assert rates[2].value is None
    assert ws.cell(row=2, column=3).number_format == NUMBER_FORMATS["integer"]
    assert ws.cell(row=2, column=4).value == "a, b"


def test_workbook_formula_header_is_neutralised(tmp_path):
    out = write_workbook(
        tmp_path / "r.xlsx", [Sheet("s", pd.DataFrame({"=evil()": ["x"]}))], lang="en"
    )
    ws = openpyxl.load_workbook(out)["s"]
    assert ws["A1"].value == "'=evil()"
    assert ws["A1"].data_type == "s"


def test_workbook_empty_frame(tmp_path):
    out = write_workbook(tmp_path / "r.xlsx", [Sheet("s", pd.DataFrame())], lang="id")
    assert openpyxl.load_workbook(out).sheetnames == ["s"]


def _payload(uri: str) -> bytes:
    return base64.b64decode(uri.split(",", 1)[1])


def test_figures_are_byte_identical_and_sized():
    def plot(ax):
        ax.plot([0, 1, 2], [1, 3, 2])

    svg_a = draw(plot, figsize=(4, 3), alt="a")
    svg_b = draw(plot, figsize=(4, 3), alt="a")
    assert svg_a == svg_b
    assert svg_a.img.startswith("data:image/svg+xml;base64,")
    body = _payload(svg_a.img)
    assert b"<dc:date>" not in body
    pt = re.search(rb'width="([\d.]+)pt"', body).group(1)
    assert svg_a.width == round(float(pt) * 4 / 3)
    png = draw(plot, figsize=(4, 3), alt="a", kind="png", dpi=100)
    assert png == draw(plot, figsize=(4, 3), alt="a", kind="png", dpi=100)
    raw = _payload(png.img)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Software" not in raw
    assert 300 < png.width < 420 and 200 < png.height < 320

"""Roster-survey XLSForm (write_survey_form) and the reader of its Kobo export.

Expected tables are worked out by hand from the export each test builds (the comments next to
the rows say what each submission should give).
"""

from __future__ import annotations

import csv
import re
import warnings

import numpy as np
import openpyxl
import pandas as pd
import pytest
from pyxform.xls2xform import convert

from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io.xlsform import (
    ITEMS,
    read_org_list,
    read_survey_export,
    survey_form_tables,
    write_survey_form,
)
from lsmnet.model import RowsSetAsideWarning

ROSTER = pd.DataFrame(
    {
        "org_id": ["A", "B", "C", "D"],
        "name": ["Yayasan Pelita Desa", "LBH Makassar", "Walhi Sulsel", "KontraS Sulawesi"],
    }
)
LAYERS = ("operational", "advocacy", "capacity", "network")


def _sheet(path, name):
    ws = openpyxl.load_workbook(path)[name]
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


@pytest.mark.parametrize("lang", ["en", "id"])
def test_form_converts_with_pyxform(tmp_path, lang):
    odd = pd.DataFrame(
        {
            "org_id": ["LBH-Mks", "Walhi Sulsel", "3K", "org_2"],
            "name": ["LBH Makassar", '=HYPERLINK("http://x")', "Yayasan ${x}", "Org Dua"],
        }
    )
    out = write_survey_form(odd, tmp_path / "form.xlsx", lang=lang, title="Koalisi Air")
    result = convert(xlsform=out)
    assert result.warnings == []
    assert "<h:title>" in result.xform
    # 4 members x 8 questions (relation, layers, 6 items), each bound once
    assert len(re.findall(r'<bind nodeset="/\w+/m__[^/"]+/[^/"]+"', result.xform)) == 4 * 8
    choices = _sheet(out, "choices")
    orgs = choices[choices["list_name"] == "orgs"]
    # unsafe codes get generated tokens, the original code stays in org_id
    assert orgs["name"].tolist() == ["LBH-Mks", "org_2_", "org_3", "org_2"]
    assert orgs["org_id"].tolist() == odd["org_id"].tolist()
    assert orgs["label"].iloc[1] == '\'=HYPERLINK("http://x")'  # formula neutralised


def test_form_questions_and_relevance():
    sheets = survey_form_tables(ROSTER, lang="en")
    survey = sheets["survey"].set_index("name", drop=False)
    groups = survey[survey["type"] == "begin_group"]
    assert groups["name"].tolist() == ["m__A", "m__B", "m__C", "m__D"]
    assert groups.loc["m__C", "relevant"] == "${respondent} != 'C'"
    assert groups.loc["m__C", "label"] == "Walhi Sulsel"
    assert survey.loc["lay__C", "type"] == "select_multiple layers"
    assert survey.loc["lay__C", "relevant"] == "${rel__C} = 'work'"
    for item in ITEMS:
        assert survey.loc[f"{item}__C", "type"] == "select_one scale"
        assert survey.loc[f"{item}__C", "relevant"] == "${rel__C} = 'know' or ${rel__C} = 'work'"
    choices = sheets["choices"]
    assert choices.loc[choices["list_name"] == "layers", "name"].tolist() == list(LAYERS)
    assert choices.loc[choices["list_name"] == "scale", "name"].tolist() == ["1", "2", "3", "4"]
    assert sheets["settings"]["form_id"].item() == "lsmnet_roster"
    assert groups.loc["m__C", "appearance"] == "field-list"  # one page per member


def test_form_language():
    en = survey_form_tables(ROSTER, lang="en")["survey"].set_index("name")["label"]
    id_ = survey_form_tables(ROSTER, lang="id")["survey"].set_index("name")["label"]
    assert en["rel__B"] == "How does your organisation relate to LBH Makassar?"
    assert id_["rel__B"] == "Bagaimana hubungan organisasi Anda dengan LBH Makassar?"
    assert id_["respondent"] == "Atas nama organisasi mana Anda menjawab?"


def test_form_refuses_to_overwrite(tmp_path):
    out = tmp_path / "form.xlsx"
    out.write_text("keep me")
    with pytest.raises(InvalidParameterError, match="names an existing file"):
        write_survey_form(ROSTER, out)
    assert out.read_text() == "keep me"
    write_survey_form(ROSTER, out, overwrite=True)
    assert openpyxl.load_workbook(out).sheetnames == ["survey", "choices", "settings"]
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"]  # no temporary file left


@pytest.mark.parametrize(
    ("roster", "match"),
    [
        (["A"], "at least 2 organisations"),
        (["A", "B", "A"], "'A' more than once"),
        (["A", ""], "empty org_id"),
        (pd.DataFrame({"id": ["A", "B"]}), "must have an 'org_id' column"),
        ("A,B", "must be a DataFrame"),
    ],
)
def test_form_rejects_bad_rosters(roster, match):
    with pytest.raises(InvalidParameterError, match=match):
        survey_form_tables(roster)


@pytest.mark.parametrize(
    ("option", "match"),
    [
        ({"lang": "fr"}, "'lang' parameter"),
        ({"scale": (4, 1)}, "'scale' parameter"),
        ({"layers": ("advokasi",)}, "'layers' parameter"),
        ({"form_id": "my form"}, "'form_id' parameter"),
    ],
)
def test_form_rejects_bad_options(option, match):
    with pytest.raises(InvalidParameterError, match=match):
        survey_form_tables(ROSTER, **option)


def test_read_org_list_headers(tmp_path):
    f = tmp_path / "orgs.csv"
    f.write_text("No,ID Organisasi,Nama Organisasi\n1,A,Yayasan A\n2,B,\n", encoding="utf-8")
    got = read_org_list(f)
    assert got.to_dict("list") == {"org_id": ["A", "B"], "name": ["Yayasan A", "B"]}


# -- the export ----------------------------------------------------------------------------
def _member_columns(tok):
    g = f"m__{tok}"
    cols = [f"{g}/rel__{tok}", f"{g}/lay__{tok}"]
    cols += [f"{g}/lay__{tok}/{layer}" for layer in LAYERS]
    cols += [f"{g}/{item}__{tok}" for item in ITEMS]
    return cols


HEADER = ["start", "end", "respondent"]
for _tok in "ABCD":
    HEADER += _member_columns(_tok)
HEADER += ["_id", "_uuid", "_submission_time", "_index"]


def _answers(tok, rel, layers=(), **items):
    """The cells of one member group, as Kobo exports them (both select-multiple layouts)."""
    g = f"m__{tok}"
    cells = {f"{g}/rel__{tok}": rel}
    if rel == "work":
        cells[f"{g}/lay__{tok}"] = " ".join(layers)
        for layer in LAYERS:
            cells[f"{g}/lay__{tok}/{layer}"] = int(layer in layers)
    for item, value in items.items():
        cells[f"{g}/{item}__{tok}"] = value
    return cells


def _write_export(path, submissions):
    """Kobo's layouts: CSV with semicolons, or a workbook whose first sheet is the data."""
    rows = [
        {"_id": 1000 + i, "_uuid": f"uuid-{i}", "_index": i, **sub}
        for i, sub in enumerate(submissions, start=1)
    ]
    if path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        wb.active.title = "lsmnet roster survey"
        wb.active.append(HEADER)
        for row in rows:
            wb.active.append([row.get(h) for h in HEADER])
        wb.save(path)
        return
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)


TRUST_VALUE = dict(reliability=4, mission=3, openness=3, power=2, involvement=3, resources=2)
SUBMISSIONS = [
    # row 2: A, used (its later duplicate in row 5 was submitted earlier)
    {
        "respondent": "A",
        "_submission_time": "2026-03-02T10:00:00",
        **_answers("B", "work", ("operational", "advocacy"), **TRUST_VALUE),
        **_answers("C", "know", reliability=2),
        **_answers("D", "none"),
    },
    # row 3: B, used; rates A with a 5 on a 1-4 scale (that answer set aside)
    {
        "respondent": "B",
        "_submission_time": "2026-03-02T11:00:00",
        **_answers("A", "work", ("network",), reliability=3, mission=3, openness=5),
        **_answers("C", "none"),
        **_answers("D", "work", ("capacity",)),
    },
    # row 4: blank submission (only Kobo's metadata)
    {"_submission_time": "2026-03-02T12:00:00"},
    # row 5: A again, submitted before row 2: set aside
    {
        "respondent": "A",
        "_submission_time": "2026-03-01T09:00:00",
        **_answers("B", "none"),
    },
    # row 6: a respondent not in the list
    {"respondent": "Z", "_submission_time": "2026-03-02T13:00:00", **_answers("A", "know")},
    # row 7: C, used
    {
        "respondent": "C",
        "_submission_time": "2026-03-02T14:00:00",
        **_answers("D", "work", ("operational",), power=4),
        **_answers("A", "none"),
    },
]


@pytest.fixture(params=["csv", "xlsx"])
def export(tmp_path, request):
    path = tmp_path / f"kobo_export.{request.param}"
    _write_export(path, SUBMISSIONS)
    return path


@pytest.fixture
def form(tmp_path):
    return write_survey_form(ROSTER, tmp_path / "form.xlsx")


def test_export_round_trip_with_exact_accounting(export, form):
    with pytest.warns(RowsSetAsideWarning, match="6 submissions read = 3 used \\+ 3 set aside"):
        data = read_survey_export(export, form=form)

    assert data.meta["rows"] == {
        "unit": "submissions",
        "read": 6,
        "used": 3,
        "set_aside": 3,
        "blank": 0,
    }
    aside = data.set_aside
    whole = aside[aside["table"] == "submissions"]
    assert whole["row"].tolist() == [4, 5, 6]
    assert whole["problem"].tolist() == [
        "blank submission: no respondent and no answer",
        "an earlier submission of the same respondent (row 2 is used)",
        "respondent not in the organisation list",
    ]
    assert whole["value"].tolist() == ["", "A", "Z"]
    answers = aside[aside["table"] != "submissions"]
    assert all(f.startswith(export.name) for f in aside["file"])  # names the file
    assert answers[["table", "row", "column", "value"]].values.tolist() == [
        ["ratings", 3, "m__A/openness__A", "5"]
    ]
    assert data.meta["answers_set_aside"] == 1
    assert data.meta["relations"] == {"none": 3, "know": 1, "work": 4}

    ties = data.ties[["source", "target", "layer", "reported_by"]].astype(object)
    assert ties.values.tolist() == [
        ["A", "B", "operational", "A"],
        ["A", "B", "advocacy", "A"],
        ["B", "A", "network", "B"],
        ["B", "D", "capacity", "B"],
        ["C", "D", "operational", "C"],
    ]
    assert data.ties["directed"].all()
    assert (data.ties["weight"] == 1.0).all()

    ratings = data.ratings.set_index(["rater", "ratee"])[list(ITEMS)]
    assert ratings.index.tolist() == [("A", "B"), ("A", "C"), ("B", "A"), ("C", "D")]
    assert ratings.loc[("A", "B")].tolist() == [4, 3, 3, 2, 3, 2]
    np.testing.assert_array_equal(
        ratings.loc[("A", "C")].to_numpy(), [2, np.nan, np.nan, np.nan, np.nan, np.nan]
    )
    np.testing.assert_array_equal(
        ratings.loc[("B", "A")].to_numpy(), [3, 3, np.nan, np.nan, np.nan, np.nan]
    )

    orgs = data.organizations.set_index("org_id")
    assert orgs["name"].tolist() == ROSTER["name"].tolist()
    assert orgs["respondent"].tolist() == [True, True, True, False]  # D never answered


def test_export_without_form_uses_header_codes(export):
    with pytest.warns(RowsSetAsideWarning):
        data = read_survey_export(export)
    assert data.organizations["org_id"].tolist() == ["A", "B", "C", "D"]
    assert data.organizations["name"].tolist() == ["A", "B", "C", "D"]
    assert len(data.ties) == 5 and len(data.ratings) == 4


def test_export_xlsx_without_group_prefixes_and_one_hot_only(tmp_path):
    rows = [
        ["respondent", "rel__B", "lay__B/advocacy", "lay__B/network", "power__B", "rel__A"],
        ["A", "work", 1, 0, 2, None],
        ["B", None, None, None, None, "know"],
    ]
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(tmp_path / "export.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RowsSetAsideWarning)
        data = read_survey_export(tmp_path / "export.xlsx")
    assert data.ties[["source", "target", "layer"]].values.tolist() == [["A", "B", "advocacy"]]
    assert data.ratings[["rater", "ratee", "power"]].values.tolist() == [["A", "B", 2.0]]
    assert data.meta["accounting"] == "2 submissions read = 2 used + 0 set aside"
    assert data.meta["relations"] == {"none": 0, "know": 1, "work": 1}


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"rel__B": "work", "lay__B": "advocacy", "lay__B/advocacy": "0"}, "disagree"),
        ({"rel__B": "work", "lay__B": "advokasi"}, "not a known tie layer"),
        ({"rel__B": "work"}, "'work' without any way of working together"),
        ({"rel__B": "Kami bekerja sama"}, "not one of the answers none, know, work"),
        ({"rel__B": "none", "lay__B": "advocacy"}, "given without 'work'"),
        ({"rel__B": "none", "mission__B": "3"}, "ratings given without knowing"),
        ({"rel__B": "know", "mission__B": "2.5"}, "rating outside the scale 1-4"),
        ({"rel__A": "know", "mission__A": "3"}, "a respondent answering about itself"),
    ],
)
def test_export_answer_problems_are_set_aside(tmp_path, cells, problem):
    header = ["respondent", "rel__B", "lay__B", "lay__B/advocacy", "mission__B"]
    header += ["rel__A", "mission__A"]
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerow({"respondent": "A", **cells})
    with pytest.warns(RowsSetAsideWarning, match="1 answer\\(s\\) set aside"):
        data = read_survey_export(path)
    assert data.meta["rows"]["used"] == 1
    assert len(data.set_aside) == 1
    assert problem in data.set_aside["problem"].item()
    assert data.set_aside["row"].item() == 2
    assert data.ties.empty


def test_export_without_respondent_column(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("org,rel__B\nA,work\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="has no 'respondent' column"):
        read_survey_export(path)


def test_export_rejects_a_form_that_is_not_one(tmp_path, export):
    bad = tmp_path / "not_a_form.xlsx"
    openpyxl.Workbook().save(bad)
    with pytest.raises(InvalidParameterError, match="'form' parameter of read_survey_export"):
        read_survey_export(export, form=bad)


def test_export_codes_that_are_not_question_names_come_back_through_the_form(tmp_path):
    roster = pd.DataFrame(
        {"org_id": ["LBH Makassar", "Walhi"], "name": ["LBH Makassar", "Walhi Sulsel"]}
    )
    form = write_survey_form(roster, tmp_path / "form.xlsx")
    # "LBH Makassar" has a space: the form calls it org_1 (see the orgs choice list)
    assert _sheet(form, "choices")["name"].tolist()[:2] == ["org_1", "Walhi"]
    path = tmp_path / "export.csv"
    path.write_text(
        "respondent,m__org_1/rel__org_1,m__Walhi/rel__Walhi,m__Walhi/lay__Walhi\n"
        "org_1,,work,advocacy\n"
        "Walhi,know,,\n",
        encoding="utf-8",
    )
    data = read_survey_export(path, form=form)
    assert data.ties[["source", "target", "layer"]].values.tolist() == [
        ["LBH Makassar", "Walhi", "advocacy"]
    ]
    assert data.organizations["org_id"].tolist() == ["LBH Makassar", "Walhi"]
    assert data.organizations["respondent"].tolist() == [True, True]

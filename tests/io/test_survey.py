"""Tests of lsmnet.io.survey: read_roster_survey (wide export) and read_survey_matrices.

Reference: every expected tie, rating and set-aside cell of the hand-made survey is derived
in the comments from the file's rows (row 1 = header).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_roster_survey, read_survey_matrices
from lsmnet.model import RowsSetAsideWarning

FILE = Path(__file__).parent / "data" / "survey_wide.csv"
QUESTIONS = {"Q1": "operational", "Q2": "advocacy", "reliability": "reliability"}


def load(**kw):
    kw.setdefault("questions", QUESTIONS)
    kw.setdefault("no_tie", [0, 9])
    kw.setdefault("roster", ["LBH", "KontraS", "Walhi", "ICW", "Pulih"])
    with pytest.warns(RowsSetAsideWarning):
        return read_roster_survey(FILE, **kw)


def tie_set(data):
    return set(data.ties[["source", "target", "layer", "weight"]].itertuples(index=False))


def test_directed_reports_keep_who_reported_what():
    data = load()
    assert tie_set(data) == {
        ("LBH", "KontraS", "operational", 2.0),
        ("LBH", "Pulih", "operational", 1.0),
        ("LBH", "KontraS", "advocacy", 1.0),
        ("LBH", "ICW", "advocacy", 1.0),
        ("KontraS", "LBH", "operational", 2.0),
        ("KontraS", "Walhi", "operational", 1.0),
        ("KontraS", "LBH", "advocacy", 1.0),  # "ya" means yes
        ("Walhi", "ICW", "operational", 2.0),
    }  # LBH -> Walhi 0 and LBH -> ICW 9 are "no tie" answers
    assert (data.ties["reported_by"] == data.ties["source"]).all()
    assert data.ties["directed"].all()


def test_ratings_and_scale():
    data = load()
    got = data.ratings[["rater", "ratee", "reliability"]].values.tolist()
    assert got == [["LBH", "KontraS", 4.0], ["LBH", "Pulih", 3.0], ["Walhi", "ICW", 2.0]]


def test_every_answer_cell_is_accounted_for():
    data = load()
    assert data.meta["rows"] == {
        "unit": "answer cells",
        "read": 18,
        "used": 13,
        "set_aside": 5,
        "blank": 1,
    }
    assert data.set_aside[["row", "column", "problem"]].values.tolist() == [
        [2, "Q1 [LBH]", "self-tie (the respondent named itself)"],
        [3, "reliability [LBH]", "rating 5 is outside the scale 1-4"],
        [4, "Q1 [KontraS]", "answer 'maybe' is not a number"],
        [6, "Q1 [ICW]", "'KontraS' already answered in row 3"],
        [7, "Q1 [LBH]", "no respondent on this row"],
    ]
    assert data.meta["ignored_columns"] == ["Comments"]


def test_response_rate_and_non_respondents():
    data = load()
    assert data.meta["response"] == {
        "roster": 5,
        "respondents": 4,
        "rate": 0.8,
        "non_respondents": ["Pulih"],
    }
    flags = data.organizations.set_index("org_id")["respondent"].to_dict()
    assert flags == {"LBH": True, "KontraS": True, "Walhi": True, "ICW": True, "Pulih": False}


def test_blank_as_missing_makes_empty_rows_non_respondents():
    data = load(blank="missing")
    assert data.meta["response"]["non_respondents"] == ["ICW", "Pulih"]
    # 15 question cells per row: LBH filled 9, KontraS 4, Walhi 3, ICW none
    assert data.meta["missing_answers"] == {"ICW": 15, "KontraS": 11, "LBH": 6, "Walhi": 12}


def undirected(data):
    return {
        (frozenset((s, t)), lay, w, rep)
        for s, t, lay, w, rep in data.ties[
            ["source", "target", "layer", "weight", "reported_by"]
        ].itertuples(index=False)
    }


def test_union():
    data = load(directed=False, combine="union")
    assert undirected(data) == {
        (frozenset(("LBH", "KontraS")), "operational", 2.0, "KontraS|LBH"),
        (frozenset(("LBH", "Pulih")), "operational", 1.0, "LBH"),
        (frozenset(("KontraS", "Walhi")), "operational", 1.0, "KontraS"),
        (frozenset(("Walhi", "ICW")), "operational", 2.0, "Walhi"),
        (frozenset(("LBH", "KontraS")), "advocacy", 1.0, "KontraS|LBH"),
        (frozenset(("LBH", "ICW")), "advocacy", 1.0, "LBH"),
    }
    assert not data.ties["directed"].any()


def test_union_is_the_default_for_undirected():
    assert undirected(load(directed=False)) == undirected(load(directed=False, combine="union"))


def test_reciprocated():
    data = load(directed=False, combine="reciprocated")
    assert {(p, lay) for p, lay, _w, _r in undirected(data)} == {
        (frozenset(("LBH", "KontraS")), "operational"),
        (frozenset(("LBH", "KontraS")), "advocacy"),
    }


def test_respondent_only():
    pairs = {
        (p, lay) for p, lay, _w, _r in undirected(load(directed=False, combine="respondent_only"))
    }
    # both responded: needs both reports; Pulih did not respond: LBH's report decides
    assert pairs == {
        (frozenset(("LBH", "KontraS")), "operational"),
        (frozenset(("LBH", "KontraS")), "advocacy"),
        (frozenset(("LBH", "Pulih")), "operational"),
    }
    pairs = {
        (p, lay)
        for p, lay, _w, _r in undirected(
            load(directed=False, combine="respondent_only", blank="missing")
        )
    }
    # with empty rows as non-response, ICW did not respond: the reports about ICW decide
    assert (frozenset(("Walhi", "ICW")), "operational") in pairs
    assert (frozenset(("LBH", "ICW")), "advocacy") in pairs
    assert len(pairs) == 5


def test_self_ties_can_raise():
    with pytest.raises(
        SchemaError,
        match=r"survey_wide.csv, row 2, column 'Q1 \[LBH\]': 'LBH' "
        r"reports a tie with itself",
    ):
        read_roster_survey(FILE, questions=QUESTIONS, self_ties="raise")


def test_question_prefixes_must_be_layers_or_mapped():
    with pytest.raises(SchemaError, match=r"question\(s\) 'Q1', 'Q2' are not tie layers"):
        read_roster_survey(FILE)
    with pytest.raises(SchemaError, match=r"no columns for question\(s\) 'Q9'"):
        read_roster_survey(FILE, questions={"Q9": "advocacy"})


def test_other_header_layouts_and_declared_layer(tmp_path):
    path = tmp_path / "kobo.csv"
    path.write_text("respondent,media_LBH,media_ICW,capacity: LBH\nICW,1,,2\n", encoding="utf-8")
    data = read_roster_survey(
        path, respondent="respondent", questions={"media": "media", "capacity": "capacity"}
    )
    assert tie_set(data) == {("ICW", "LBH", "media", 1.0), ("ICW", "LBH", "capacity", 2.0)}
    assert "media" in data.layers


def test_no_question_columns(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("org,comment\nA,x\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="no question columns found"):
        read_roster_survey(path)
    with pytest.raises(SchemaError, match="no respondent column 'who'"):
        read_roster_survey(path, respondent="who")


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"combine": "union"}, "'combine' parameter of read_roster_survey turns two reports"),
        ({"directed": False, "combine": "both"}, "'combine' parameter of read_roster_survey"),
        ({"blank": "zero"}, "'blank' parameter of read_roster_survey"),
        ({"self_ties": "keep"}, "'self_ties' parameter of read_roster_survey"),
        ({"no_tie": "none"}, "'no_tie' parameter of read_roster_survey"),
        ({"directed": "yes"}, "'directed' parameter of read_roster_survey"),
        ({"questions": {"Q1": ""}}, "'questions' parameter of read_roster_survey"),
    ],
)
def test_invalid_options(kw, match):
    with pytest.raises(InvalidParameterError, match=match):
        read_roster_survey(FILE, **kw)


# ---------------------------------------------------------------- matrices
def workbook(tmp_path):
    path = tmp_path / "survey.xlsx"
    operational = pd.DataFrame(
        {
            "": ["LBH", "KontraS", "Walhi"],
            "LBH": [None, 2, None],
            "KontraS": [3, None, 1],
            "Walhi": [0, 1, None],
            "ICW": [1, None, None],
        }
    )
    advocacy = pd.DataFrame(
        {"": ["LBH", "KontraS", "KontraS"], "LBH": [None, 1, 1], "KontraS": [1, None, None]}
    )
    with pd.ExcelWriter(path) as writer:
        operational.to_excel(writer, sheet_name="operational", index=False)
        advocacy.to_excel(writer, sheet_name="advocacy", index=False)
        pd.DataFrame({"note": ["x"]}).to_excel(writer, sheet_name="notes", index=False)
    return path


def test_matrices_from_workbook(tmp_path):
    with pytest.warns(RowsSetAsideWarning):
        data = read_survey_matrices(
            workbook(tmp_path), questions={"operational": "operational", "advocacy": "advocacy"}
        )
    assert tie_set(data) == {
        ("LBH", "KontraS", "operational", 3.0),
        ("LBH", "ICW", "operational", 1.0),
        ("KontraS", "LBH", "operational", 2.0),
        ("KontraS", "Walhi", "operational", 1.0),
        ("Walhi", "KontraS", "operational", 1.0),
        ("LBH", "KontraS", "advocacy", 1.0),
        ("KontraS", "LBH", "advocacy", 1.0),
    }
    assert data.set_aside[["row", "problem"]].values.tolist() == [
        [4, "'KontraS' already has a row (row 3)"]
    ]
    assert data.meta["rows"]["read"] == 9  # 6 operational + 3 advocacy cells
    assert data.meta["response"]["non_respondents"] == ["ICW"]


def test_matrices_reciprocated(tmp_path):
    with pytest.warns(RowsSetAsideWarning):
        data = read_survey_matrices(
            workbook(tmp_path),
            questions={"operational": "operational", "advocacy": "advocacy"},
            directed=False,
            combine="reciprocated",
        )
    assert undirected(data) == {
        (frozenset(("LBH", "KontraS")), "operational", 2.0, "KontraS|LBH"),
        (frozenset(("KontraS", "Walhi")), "operational", 1.0, "KontraS|Walhi"),
        (frozenset(("LBH", "KontraS")), "advocacy", 1.0, "KontraS|LBH"),
    }


def test_matrices_from_folder_and_dict(tmp_path):
    (tmp_path / "network.csv").write_text(",A,B\nA,,1\nB,1,\n", encoding="utf-8")
    data = read_survey_matrices(tmp_path)
    assert len(data.ties) == 2
    data = read_survey_matrices({"network": tmp_path / "network.csv"}, directed=False)
    assert len(data.ties) == 1


def test_matrix_errors(tmp_path):
    with pytest.raises(SchemaError, match=r"question\(s\) 'notes' are not tie layers"):
        read_survey_matrices(workbook(tmp_path))
    with pytest.raises(SchemaError, match=r"no sheet or file for question\(s\) 'trust'"):
        read_survey_matrices(workbook(tmp_path), questions={"trust": "reliability"})
    (tmp_path / "advocacy.csv").write_text(",A,A\nA,,1\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"partner column\(s\) \['A'\] appear twice"):
        read_survey_matrices({"advocacy": tmp_path / "advocacy.csv"})
    with pytest.raises(InvalidParameterError, match="'path' parameter of read_survey_matrices"):
        read_survey_matrices(tmp_path / "advocacy.csv")
    (tmp_path / "network.csv").write_text("org\nA\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"network.csv, row 1: a question matrix needs a first"):
        read_survey_matrices({"network": tmp_path / "network.csv"})
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SchemaError, match="empty: no question matrices found"):
        read_survey_matrices(empty)


def test_matrix_given_as_a_workbook_file_in_a_dict(tmp_path):
    path = tmp_path / "advocacy.xlsx"
    pd.DataFrame({"": ["A", "B"], "A": [None, 1], "B": [1, None]}).to_excel(path, index=False)
    data = read_survey_matrices({"advocacy": path}, directed=False, combine="reciprocated")
    assert undirected(data) == {(frozenset(("A", "B")), "advocacy", 1.0, "A|B")}


def test_empty_survey_file(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"s\.csv: the file is empty"):
        read_roster_survey(path)

"""One test per validation rule of lsmnet.read / from_frames.

Each test writes a small, otherwise valid CSV folder (or workbook, or DataFrame) with one kind of
mistake and checks that the SchemaError message names the file, the spreadsheet row (header =
row 1), the column and the offending value, and that ``.problems`` holds the same record.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import lsmnet
from lsmnet.exceptions import SchemaError

VALID = {
    "organizations": (
        "org_id,name,type,province,issues,founded,budget,respondent\n"
        "ylbhi,Yayasan Lembaga Bantuan Hukum Indonesia,ngo,DKI Jakarta,hukum|HAM,1970,"
        "1500000.5,ya\n"
        "kontras,KontraS,ngo,DKI Jakarta,HAM,1998,,tidak\n"
        "walhi,Wahana Lingkungan Hidup,ngo,Sulawesi Selatan,lingkungan,1980,,\n"
        "donor,Dana Mitra,funder,,,,,\n"
    ),
    "coalitions": (
        "coalition_id,name,kind,focus,founded\n"
        "ssr,Koalisi Reformasi Sektor Keamanan,coalition,keamanan|HAM,2005\n"
    ),
    "memberships": (
        "org_id,coalition_id,role,start,end,weight\n"
        "ylbhi,ssr,chair,2018-01-01,,1\n"
        "kontras,ssr,member,2019-05,2023,\n"
    ),
    "ties": (
        "source,target,layer,weight,directed,start,end,amount,reported_by\n"
        "ylbhi,kontras,advocacy,2,,2019-01-01,,,ylbhi\n"
        "donor,walhi,funding,1,,2020-01-01,2021-12-31,250000,donor\n"
    ),
    "ratings": (
        "rater,ratee,reliability,mission,openness,power,involvement,resources\n"
        "ylbhi,kontras,4,3,3,2,,1\n"
    ),
}


def write_folder(tmp_path, **changes) -> object:
    """Write the VALID folder with some tables replaced (a value of None drops the file)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for table, text in {**VALID, **changes}.items():
        if text is not None:
            (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    return folder


def add_row(table: str, row: str) -> dict:
    return {table: VALID[table] + row + "\n"}


def raised(path, **kwargs) -> SchemaError:
    with pytest.raises(SchemaError) as info:
        lsmnet.read(path, **kwargs)
    return info.value


def assert_reported(err, file, row, column, value, problem):
    """The message and .problems both name file, row, column, value and the problem."""
    message = str(err)
    expected = f"{file}, row {row}"
    line = next(
        (
            ln
            for ln in message.splitlines()
            if ln.startswith(f"- {expected}") and f"column {column!r}, value {value!r}" in ln
        ),
        None,
    )
    assert line is not None, f"no line for {expected} {column} {value!r} in:\n{message}"
    assert re.search(problem, line), line
    assert "Fix: " in line and not line.endswith("Fix: .")
    probs = err.problems
    assert list(probs.columns) == ["table", "file", "row", "column", "value", "problem", "fix"]
    hit = probs[
        (probs["file"] == file)
        & (probs["row"] == row)
        & (probs["column"] == column)
        & (probs["value"] == value)
    ]
    assert len(hit) >= 1 and hit["fix"].str.len().gt(10).all()


def test_valid_folder_loads(tmp_path):
    data = lsmnet.read(write_folder(tmp_path))
    assert len(data.organizations) == 4 and len(data.ties) == 2 and len(data.ratings) == 1
    assert data.ties["directed"].tolist() == [False, True]  # funding directed by default


def test_missing_required_column(tmp_path):
    folder = write_folder(tmp_path, ties="source,weight,layer\nylbhi,1,network\n")
    err = raised(folder)
    assert_reported(
        err,
        "ties.csv",
        1,
        "target",
        "columns found: source, weight, layer",
        "required column 'target' is missing",
    )
    assert len(err.problems) == 1  # one problem, not one per data row
    assert "row 1 (header)" in str(err)


def test_duplicate_column_header(tmp_path):
    folder = write_folder(tmp_path, ties="source,target,layer,Layer\nylbhi,kontras,network,x\n")
    err = raised(folder)
    assert_reported(
        err,
        "ties.csv",
        1,
        "layer",
        "columns found: source, target, layer, layer",
        "appears more than once",
    )


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("organizations", "kontras,Kontras lagi,ngo,,,,,", "org_id", "kontras"),
        ("coalitions", "ssr,Koalisi lain,forum,,", "coalition_id", "ssr"),
    ],
)
def test_duplicate_ids(tmp_path, table, row, column, value):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    first = 3 if table == "organizations" else 2
    assert_reported(
        err,
        f"{table}.csv",
        len(VALID[table].splitlines()) + 1,
        column,
        value,
        f"duplicate {column}: already used in row {first}",
    )


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "what"),
    [
        ("memberships", "lbh,ssr,member,,,", "org_id", "lbh", "organisation"),
        ("memberships", "walhi,climate,member,,,", "coalition_id", "climate", "coalition"),
        ("ties", "kontraz,walhi,network,,,,,,", "source", "kontraz", "organisation"),
        ("ties", "walhi,wahli,network,,,,,,", "target", "wahli", "organisation"),
        ("ratings", "nobody,kontras,1,1,1,1,1,1", "rater", "nobody", "organisation"),
        ("ratings", "kontras,ghost,1,1,1,1,1,1", "ratee", "ghost", "organisation"),
    ],
)
def test_unknown_references(tmp_path, table, row, column, value, what):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(err, f"{table}.csv", row_number, column, value, f"unknown {what} '{value}'")


def test_unknown_reference_suggests_close_id(tmp_path):
    err = raised(write_folder(tmp_path, **add_row("ties", "kontraz,walhi,network,,,,,,")))
    assert "did you mean 'kontras'?" in str(err)


def test_self_tie(tmp_path):
    err = raised(write_folder(tmp_path, **add_row("ties", "walhi,walhi,network,,,,,,")))
    assert_reported(err, "ties.csv", 4, "target", "walhi", "to itself")


def test_self_rating_and_duplicate_rating(tmp_path):
    rows = VALID["ratings"] + "walhi,walhi,1,1,1,1,1,1\nylbhi,kontras,2,2,2,2,2,2\n"
    err = raised(write_folder(tmp_path, ratings=rows))
    assert_reported(err, "ratings.csv", 3, "ratee", "walhi", "self-rating")
    assert_reported(err, "ratings.csv", 4, "ratee", "kontras", "duplicate rating .* of row 2")


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("ties", "ylbhi,walhi,network,,,15/13/2020,,,", "start", "15/13/2020"),
        ("ties", "ylbhi,walhi,network,,,,2020-02-30,,", "end", "2020-02-30"),
        ("memberships", "walhi,ssr,member,kemarin,,", "start", "kemarin"),
    ],
)
def test_unparseable_dates(tmp_path, table, row, column, value):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(err, f"{table}.csv", row_number, column, value, f"{column} is not a date")
    assert "YYYY-MM-DD" in str(err)


@pytest.mark.parametrize("table", ["ties", "memberships"])
def test_start_after_end(tmp_path, table):
    row = (
        "ylbhi,walhi,network,,,2021-06-01,2020,,"
        if table == "ties"
        else "walhi,ssr,member,2021-06-01,2020,"
    )
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(
        err, f"{table}.csv", row_number, "end", "2020", r"end is before start \(2021-06-01\)"
    )


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "problem"),
    [
        ("ties", "ylbhi,walhi,network,-1,,,,,", "weight", "-1", "weight is negative"),
        ("ties", "ylbhi,walhi,network,kuat,,,,,", "weight", "kuat", "weight is not a number"),
        ("ties", "donor,kontras,funding,,,,,-500,", "amount", "-500", "amount is negative"),
        (
            "ties",
            'donor,kontras,funding,,,,,"1.000.000",',
            "amount",
            "1.000.000",
            "amount is not a number",
        ),
        ("memberships", "walhi,ssr,member,,,-0.5", "weight", "-0.5", "weight is negative"),
        ("organizations", "lsm,LSM,ngo,,,,banyak,", "budget", "banyak", "budget is not a number"),
        ("organizations", "lsm2,LSM,ngo,,,1998.5,,", "founded", "1998.5", "not a whole number"),
    ],
)
def test_bad_numbers(tmp_path, table, row, column, value, problem):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(err, f"{table}.csv", row_number, column, value, problem)


@pytest.mark.parametrize(
    ("value", "problem"), [("5", "outside the scale 1-4"), ("0", "outside"), ("baik", "not a")]
)
def test_ratings_outside_scale(tmp_path, value, problem):
    err = raised(write_folder(tmp_path, **add_row("ratings", f"walhi,ylbhi,1,{value},,,,")))
    assert_reported(err, "ratings.csv", 3, "mission", value, problem)


def test_rating_scale_is_configurable(tmp_path):
    folder = write_folder(tmp_path, **add_row("ratings", "walhi,ylbhi,1,5,,,,"))
    assert lsmnet.read(folder, scale=(1, 5)).ratings["mission"].tolist() == [3.0, 5.0]


def test_unknown_rating_item_column(tmp_path):
    folder = write_folder(tmp_path, ratings="rater,ratee,reliabilty\nylbhi,kontras,3\n")
    err = raised(folder)
    assert_reported(
        err,
        "ratings.csv",
        1,
        "reliabilty",
        "reliabilty",
        "not a rating item .*did you mean 'reliability'",
    )


def test_unknown_layer_is_not_a_new_layer(tmp_path):
    err = raised(write_folder(tmp_path, **add_row("ties", "ylbhi,walhi,advocasy,,,,,,")))
    assert_reported(err, "ties.csv", 4, "layer", "advocasy", "unknown layer")
    assert "did you mean 'advocacy'?" in str(err) and "layers=['advocasy']" in str(err)


def test_declared_layer_is_accepted(tmp_path):
    folder = write_folder(tmp_path, **add_row("ties", "ylbhi,walhi,media,,,,,,"))
    data = lsmnet.read(folder, layers=["media"])
    assert data.ties["layer"].tolist()[-1] == "media" and "media" in data.layers


def test_layer_case_is_normalised(tmp_path):
    data = lsmnet.read(write_folder(tmp_path, **add_row("ties", "ylbhi,walhi,Advocacy,,,,,,")))
    assert data.ties["layer"].tolist()[-1] == "advocacy"


def test_exact_duplicate_ties(tmp_path):
    row = VALID["ties"].splitlines()[1]
    err = raised(write_folder(tmp_path, **add_row("ties", row)))
    assert_reported(err, "ties.csv", 4, "source", "ylbhi", "exact duplicate of row 2")


def test_exact_duplicate_memberships(tmp_path):
    row = VALID["memberships"].splitlines()[2]
    err = raised(write_folder(tmp_path, **add_row("memberships", row)))
    assert_reported(err, "memberships.csv", 4, "org_id", "kontras", "exact duplicate of row 3")


def test_ties_differing_in_one_column_are_not_duplicates(tmp_path):
    row = VALID["ties"].splitlines()[1].replace(",2,", ",3,")
    assert len(lsmnet.read(write_folder(tmp_path, **add_row("ties", row))).ties) == 3


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("organizations", "x1,X,klub,,,,,", "type", "klub"),
        ("coalitions", "c2,C,paguyuban,,", "kind", "paguyuban"),
        ("memberships", "walhi,ssr,bendahara,,,", "role", "bendahara"),
    ],
)
def test_unknown_vocabulary_values(tmp_path, table, row, column, value):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(err, f"{table}.csv", row_number, column, value, f"unknown {column} value")


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("organizations", "x1,X,ngo,,,,,mungkin", "respondent", "mungkin"),
        ("ties", "ylbhi,walhi,network,,sometimes,,,,", "directed", "sometimes"),
    ],
)
def test_non_boolean_values(tmp_path, table, row, column, value):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(err, f"{table}.csv", row_number, column, value, "not true or false")


def test_boolean_spellings(tmp_path):
    rows = "".join(
        f"o{i},O,,,,,,{word}\n"
        for i, word in enumerate(["true", "FALSE", "yes", "No", "ya", "Tidak", "1", "0", ""])
    )
    data = lsmnet.read(write_folder(tmp_path, organizations=VALID["organizations"] + rows))
    got = data.organizations["respondent"].tolist()[4:]
    assert got == [True, False, True, False, True, False, True, False, pd.NA]


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("organizations", ",Tanpa ID,ngo,,,,,", "org_id"),
        ("ties", "ylbhi,,network,,,,,,", "target"),
        ("ties", "ylbhi,walhi,,,,,,,", "layer"),
    ],
)
def test_empty_required_values(tmp_path, table, row, column):
    err = raised(write_folder(tmp_path, **add_row(table, row)))
    row_number = len(VALID[table].splitlines()) + 1
    assert_reported(err, f"{table}.csv", row_number, column, "", f"{column} is empty")


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    rows = "ylbhi,walhi,advocasy,,,,,,\nylbhi,ylbhi,network,,,,,,\nx,walhi,network,-3,,,,,\n"
    err = raised(write_folder(tmp_path, ties=VALID["ties"] + rows))
    assert err.problems["row"].tolist() == [4, 5, 6, 6]
    assert str(err).startswith("Found 4 problem(s) of 4 kind(s)")


def test_excel_messages_name_the_sheet(tmp_path):
    folder = write_folder(tmp_path)
    frames = {t: pd.read_csv(folder / f"{t}.csv", dtype=str) for t in VALID}
    frames["ties"].loc[2] = ["ylbhi", "walhi", "advocasy", *[None] * 6]
    path = tmp_path / "survey.xlsx"
    with pd.ExcelWriter(path) as writer:
        for table, frame in frames.items():
            frame.to_excel(writer, sheet_name=table, index=False)
    err = raised(path)
    assert_reported(err, "survey.xlsx, sheet 'ties'", 4, "layer", "advocasy", "unknown layer")


def test_frame_messages_name_the_frame_row_and_position():
    ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "a"], "layer": ["network"] * 2})
    with pytest.raises(SchemaError) as info:
        lsmnet.from_frames(ties=ties)
    assert_reported(info.value, "ties (DataFrame)", 3, "target", "a", "to itself")
    assert "ties (DataFrame), row 3 (position 1)" in str(info.value)


def test_blank_rows_do_not_shift_row_numbers(tmp_path):
    text = "source,target,layer\n\n,,\nylbhi,walhi,network\n   \nylbhi,ylbhi,network\n"
    folder = write_folder(tmp_path, ties=text)
    err = raised(folder)
    assert_reported(err, "ties.csv", 6, "target", "ylbhi", "to itself")


def test_long_problem_lists_are_truncated_in_the_message_only(tmp_path):
    rows = "".join(f"ylbhi,walhi,bad{i},,,,,,\n" for i in range(600))
    err = raised(write_folder(tmp_path, ties=VALID["ties"] + rows))
    assert len(err.problems) == 600
    assert "and 580 more" in str(err)

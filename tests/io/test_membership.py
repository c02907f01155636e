"""Tests of lsmnet.io.membership.read_memberships (long form and matrix).

Reference: the hand-made files' expected memberships and set-aside rows are listed in the
tests, row by row (spreadsheet numbering: header = row 1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_memberships
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"


def load(path, **kw):
    with pytest.warns(RowsSetAsideWarning):
        return read_memberships(path, **kw)


def test_long_form_with_indonesian_headers_semicolons_bom_and_bad_rows():
    data = load(DATA / "memberships_long.csv")
    got = data.memberships[["org_id", "coalition_id", "role", "weight"]]
    assert got.values.tolist() == [
        ["YLBHI", "Koalisi RSK", "chair", 1.0],
        ["KontraS", "Koalisi RSK", "member", 2.0],
        ["Imparsial", "Koalisi RSK", "secretariat", 1.0],
        ["Perkumpulan Prakarsa", "Jaringan Iklim", "chair", 1.0],
        ["KontraS", "Jaringan Iklim", "member", 1.0],
    ]
    assert data.memberships["end"].iloc[1] == pd.Timestamp("2022-12-31")
    aside = data.set_aside
    # "ketua" is a role (chair) since the bilingual schema (issue 15)
    assert aside["row"].tolist() == [6, 7, 8, 10, 11]
    assert aside["column"].tolist() == ["start", "koalisi", "koalisi", "end", "weight"]
    assert aside["problem"].str.contains("not a date").iloc[0]
    assert aside["problem"].iloc[2] == "repeats the membership of 'KontraS' in 'Koalisi RSK'"
    assert (aside["file"] == "memberships_long.csv").all()
    assert data.meta["rows"] == {"unit": "rows", "read": 10, "used": 5, "set_aside": 5, "blank": 1}
    assert data.meta["provenance"]["importer"] == "read_memberships"
    assert data.meta["provenance"]["options"]["form"] == "long"
    assert data.coalitions["coalition_id"].tolist() == ["Koalisi RSK", "Jaringan Iklim"]


def test_long_form_from_excel_with_column_mapping(tmp_path):
    frame = pd.DataFrame(
        {
            "Member NGO": ["Yayasan Pulih", "ICW"],
            "Network": ["Jaringan Iklim", "Jaringan Iklim"],
            "Full name": ["Yayasan Pulih Jakarta", None],
        }
    )
    path = tmp_path / "m.xlsx"
    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name="members", index=False)
    data = read_memberships(
        path, sheet="members", columns={"Member NGO": "org_id", "Full name": "org_name"}
    )
    assert data.memberships["org_id"].tolist() == ["Yayasan Pulih", "ICW"]
    assert data.organizations["name"].tolist() == ["Yayasan Pulih Jakarta", "ICW"]
    assert data.meta["rows"]["read"] == 2 and len(data.set_aside) == 0


def test_matrix_cells_are_members_roles_weights_or_set_aside():
    data = load(DATA / "memberships_matrix.tsv")
    got = set(
        data.memberships[["org_id", "coalition_id", "role", "weight"]].itertuples(index=False)
    )
    assert got == {
        ("Yayasan Pulih", "Koalisi RSK", "member", 1.0),
        ("Yayasan Pulih", "Forum Anak", "founder", 1.0),
        ("YAYASAN PULIH", "Jaringan Iklim", "member", 1.0),
        ("KontraS", "Koalisi RSK", "chair", 1.0),
        ("KontraS", "Jaringan Iklim", "member", 2.5),
        ("Walhi", "Jaringan Iklim", "member", 1.0),
    }
    assert data.set_aside[["row", "column", "value"]].values.tolist() == [
        [4, "Forum Anak", "maybe"],
        [5, "Koalisi RSK", "x"],
    ]
    assert data.meta["rows"] == {
        "unit": "non-empty cells",
        "read": 10,
        "used": 8,
        "set_aside": 2,
        "blank": 0,
    }
    assert data.meta["organisation_column"] == "Organisation"
    assert "Walhi" in set(data.organizations["org_id"])


def test_matrix_with_name_matching_merges_rows_and_reports_it():
    data = load(DATA / "memberships_matrix.tsv", match=True)
    assert "YAYASAN PULIH" not in set(data.organizations["org_id"])
    repeated = data.set_aside[data.set_aside["row"] == 3]
    assert repeated["problem"].tolist() == [
        "organisation 'Yayasan Pulih' already has a row (row 2)"
    ]
    report = data.meta["name_report"]
    merged = report[report["rule"] != "unchanged"]
    assert merged[["name", "canonical", "table"]].values.tolist() == [
        ["YAYASAN PULIH", "Yayasan Pulih", "organizations"]
    ]
    rows = data.meta["rows"]
    assert rows["read"] == rows["used"] + rows["set_aside"] == 10 and rows["set_aside"] == 3


def test_alias_table_without_normalisation(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "org,coalition\nICW,A\nIndonesia Corruption Watch,B\nicw,C\n", encoding="utf-8"
    )
    data = read_memberships(path, aliases={"Indonesia Corruption Watch": "ICW"})
    assert data.memberships["org_id"].tolist() == ["ICW", "ICW", "icw"]


def test_missing_coalition_column_lists_headers(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("org,group\nA,B\n", encoding="utf-8")
    with pytest.raises(
        SchemaError,
        match=r"m.csv, row 1: columns not found: coalition_id .*"
        r"Headers found: 'org', 'group'",
    ):
        read_memberships(path, form="long")


def test_wrong_delimiter_is_explained(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("org|coalition\nA|B\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="delimiter other than comma, semicolon or tab"):
        read_memberships(path, form="long")


def test_single_column_matrix_is_refused(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("org\nA\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="needs an organisation column and at least one coa"):
        read_memberships(path)


def test_columns_mapping_errors(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("org,coalition\nA,B\n", encoding="utf-8")
    with pytest.raises(InvalidParameterError, match="maps 'org' to 'organisation', which is not"):
        read_memberships(path, columns={"org": "organisation"})
    with pytest.raises(SchemaError, match="columns= names the header 'Org Name'"):
        read_memberships(path, columns={"Org Name": "org_name"})


def test_invalid_form_and_sheet(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("org,coalition\nA,B\n", encoding="utf-8")
    with pytest.raises(InvalidParameterError, match="'form' parameter of read_memberships"):
        read_memberships(path, form="wide")
    book = tmp_path / "m.xlsx"
    pd.DataFrame({"org": ["A"], "coalition": ["B"]}).to_excel(book, index=False)
    with pytest.raises(InvalidParameterError, match="'sheet' parameter of read_memberships"):
        read_memberships(book, sheet="nope")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_memberships(tmp_path / "missing.csv")

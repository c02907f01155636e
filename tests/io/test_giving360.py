"""Tests of lsmnet.io.giving360.read_360giving on a hand-made file in the 360Giving layout.

Reference: column titles from the 360Giving standard's summary-table schema
(``schema/summary-table/360-giving-schema-titles.csv/grants.csv`` and the ``Recipient Ind:*``
fields of version 1.4); expected ties and set-aside grants are worked out in the comments.
The JSON tests write the same grants out by hand in the standard's JSON form
(``{"grants": [...]}`` with ``fundingOrganization``/``recipientOrganization`` lists,
``amountAwarded``, ``awardDate``, ``recipientIndividual``; schema 1.4) and require the results
of the CSV file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_360giving
from lsmnet.model import RowsSetAsideWarning

FILE = Path(__file__).parent / "data" / "360giving_grants.csv"


def load(path=FILE, **kw):
    with pytest.warns(RowsSetAsideWarning):
        return read_360giving(path, **kw)


def test_grants_become_funder_to_recipient_ties():
    data = load()
    ties = data.ties.set_index(["source", "target"])
    # rows 2 and 3: two grants of the Example Trust to Refugee Action Kingston
    assert ties.loc[("GB-CHC-2222222", "GB-CHC-1111111"), ["weight", "amount"]].tolist() == [
        2.0,
        20000.0,
    ]
    assert ties.loc[("GB-CHC-2222222", "GB-CHC-1111111"), "end"] == pd.Timestamp("2024-04-15")
    assert ties.loc[("GB-CHC-2222222", "GB-COH-09876543"), "amount"] == 2500.0
    assert len(ties) == 2
    names = data.organizations.set_index("org_id")["name"].to_dict()
    assert names == {
        "GB-CHC-2222222": "The Example Trust",
        "GB-CHC-1111111": "Refugee Action Kingston",
        "GB-COH-09876543": "Green Streets CIC",
    }


def test_every_grant_is_accounted_for():
    data = load()
    assert data.meta["rows"] == {
        "unit": "grants",
        "read": 6,
        "used": 3,
        "set_aside": 3,
        "blank": 1,
    }
    assert data.set_aside[["row", "problem"]].values.tolist() == [
        [5, "grant to an individual, not to an organisation"],
        [7, "amount '£4,000' is not a number"],  # currency sign and thousands separator
        [8, "amount in EUR, not GBP, and no rate for EUR"],
    ]
    assert data.meta["currency"] == "GBP"


def test_rates_bring_in_other_currencies():
    data = load(rates={"EUR": 0.86})
    tie = data.ties.set_index(["source", "target"]).loc[("GB-CHC-3333333", "GB-CHC-1111111")]
    assert tie["amount"] == pytest.approx(4300.0)


def test_excel_workbook_with_grants_sheet(tmp_path):
    frame = pd.read_csv(FILE, dtype=str).head(3)
    path = tmp_path / "grants.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["read me"]}).to_excel(writer, sheet_name="readme", index=False)
        frame.to_excel(writer, sheet_name="grants", index=False)
    data = read_360giving(path, sheet="grants")
    assert data.meta["rows"]["read"] == 3 and len(data.set_aside) == 0


def test_missing_funder_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("Identifier,Amount Awarded,Recipient Org:Name\nx,1,A\n", encoding="utf-8")
    with pytest.raises(
        SchemaError,
        match=r"g.csv, row 1: 360Giving columns not found: "
        r"source_id \(e.g. 'Funding Org:Identifier'\)",
    ):
        read_360giving(path)


def test_missing_recipient_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(
        "Amount Awarded,Funding Org:Identifier,Funding Org:Name\n1,F,F\n", encoding="utf-8"
    )
    with pytest.raises(SchemaError, match="360Giving columns not found: target_id"):
        read_360giving(path)


# ---------------------------------------------------------------- the JSON form
def org(ref, name):
    return [{"id": ref, "name": name}]


TRUST, OTHER = org("GB-CHC-2222222", "The Example Trust"), org("GB-CHC-3333333", "Other Trust")
KINGSTON = org("GB-CHC-1111111", "Refugee Action Kingston")
# the grants of 360giving_grants.csv, written out by hand in the standard's JSON form
# (grants[0..5] are the CSV's rows 2, 3, 4, 5, 7 and 8; row 6 is blank)
GRANTS = [
    {
        "id": "360G-exampletrust-0001",
        "title": "Advice for refugees",
        "description": "Casework and legal advice",
        "currency": "GBP",
        "amountAwarded": 12000,
        "awardDate": "2023-04-01",
        "plannedDates": [{"startDate": "2023-05-01", "endDate": "2024-04-30"}],
        "recipientOrganization": [{**KINGSTON[0], "charityNumber": "1111111"}],
        "fundingOrganization": TRUST,
        "grantProgramme": [{"title": "Open Grants"}],
        "dataSource": "https://example.org/grants.csv",
    },
    {
        "id": "360G-exampletrust-0002",
        "title": "Advice for refugees, year 2",
        "currency": "GBP",
        "amountAwarded": 8000,
        "awardDate": "2024-04-15",
        "recipientOrganization": KINGSTON,
        "fundingOrganization": TRUST,
    },
    {
        "id": "360G-exampletrust-0003",
        "currency": "GBP",
        "amountAwarded": 2500.0,
        "awardDate": "2023-09-09T00:00:00+00:00",
        "recipientOrganization": org("GB-COH-09876543", "Green Streets CIC"),
        "fundingOrganization": TRUST,
    },
    {
        "id": "360G-exampletrust-0004",
        "currency": "GBP",
        "amountAwarded": 300,
        "awardDate": "2023-10-10",
        "recipientIndividual": {"id": "360G-exampletrust-IND-77", "name": "Individual Recipient"},
        "fundingOrganization": TRUST,
    },
    {
        "id": "360G-exampletrust-0005",
        "currency": "GBP",
        "amountAwarded": "£4,000",
        "awardDate": "2023-11-11",
        "recipientOrganization": org("GB-SC-SC012345", "Glasgow Youth Sport"),
        "fundingOrganization": TRUST,
    },
    {
        "id": "360G-othertrust-0001",
        "currency": "EUR",
        "amountAwarded": 5000,
        "awardDate": "2023-12-01",
        "recipientOrganization": KINGSTON,
        "fundingOrganization": OTHER,
    },
]


def write_json(tmp_path, document, name="grants.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("rates", [None, {"EUR": 0.86}])
def test_json_and_csv_give_identical_results(tmp_path, rates):
    from_csv = load(rates=rates)
    from_json = load(write_json(tmp_path, {"grants": GRANTS}), rates=rates)
    for table in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        pd.testing.assert_frame_equal(getattr(from_json, table), getattr(from_csv, table))
    for key in ("unit", "read", "used", "set_aside"):
        assert from_json.meta["rows"][key] == from_csv.meta["rows"][key]
    assert from_json.meta["currency"] == from_csv.meta["currency"] == "GBP"
    assert from_json.set_aside["problem"].tolist() == from_csv.set_aside["problem"].tolist()
    rows = {2: 0, 3: 1, 4: 2, 5: 3, 7: 4, 8: 5}  # CSV row -> grant index
    assert from_json.set_aside["row"].tolist() == [rows[r] for r in from_csv.set_aside["row"]]


def test_json_set_aside_names_grant_index_and_field(tmp_path):
    data = load(write_json(tmp_path, {"grants": GRANTS}))
    assert data.set_aside[["row", "column", "problem"]].values.tolist() == [
        [3, "recipientIndividual", "grant to an individual, not to an organisation"],
        [4, "amountAwarded", "amount '£4,000' is not a number"],
        [5, "currency", "amount in EUR, not GBP, and no rate for EUR"],
    ]
    assert (data.set_aside["file"] == "grants.json").all()


def grant(**changes):
    base = {
        "id": "360G-x-1",
        "currency": "GBP",
        "amountAwarded": 100,
        "awardDate": "2024-01-01",
        "recipientOrganization": org("GB-CHC-1", "Recipient"),
        "fundingOrganization": org("GB-CHC-2", "Funder"),
    }
    return {k: v for k, v in {**base, **changes}.items() if v is not None}


def test_json_missing_and_malformed_fields_are_set_aside(tmp_path):
    grants = [
        grant(),
        grant(fundingOrganization=None),
        grant(recipientOrganization=None),
        grant(amountAwarded=None),
        grant(fundingOrganization=[{"name": ""}]),
        grant(fundingOrganization=TRUST + OTHER),
        "not a grant",
        grant(recipientOrganization=[{"id": {"scheme": "GB-CHC"}, "name": "R"}]),
        grant(fundingOrganization="GB-CHC-2"),
        grant(recipientOrganization=None, recipientIndividual="Jane"),
        grant(awardDate=None, currency=None),  # optional here: used and counted
    ]
    with pytest.warns(RowsSetAsideWarning, match="11 grants read = 2 used . 9 set aside"):
        data = read_360giving(write_json(tmp_path, {"grants": grants}))
    assert data.set_aside[["row", "column"]].values.tolist() == [
        [1, "fundingOrganization"],
        [2, "recipientOrganization"],
        [3, "amountAwarded"],
        [4, "fundingOrganization"],
        [5, "fundingOrganization"],
        [6, "grants[6]"],
        [7, "recipientOrganization[0].id"],
        [8, "fundingOrganization"],
        [9, "recipientIndividual"],
    ]
    assert data.set_aside["problem"].tolist() == [
        "required field fundingOrganization is missing",
        "required field recipientOrganization is missing",
        "no amount (amountAwarded is empty or missing)",
        "required field fundingOrganization[0].id is missing (and no name)",
        "several organisations in fundingOrganization (The Example Trust; Other Trust); the "
        "standard does not say how the amount is split",
        "grant 6 is not a JSON object",
        "recipientOrganization[0].id is not text",
        "fundingOrganization is not a list of organisation objects",
        "recipientIndividual is not an object",
    ]
    assert data.ties[["source", "target", "weight", "amount"]].values.tolist() == [
        ["GB-CHC-2", "GB-CHC-1", 2.0, 200.0]
    ]
    assert data.meta["notes"] == {"flows_without_currency": 1}


def test_json_nan_amount_is_set_aside_not_counted(tmp_path):
    # Python's json reads a bare NaN; it used to pass as a grant without an amount, counted
    # in the tie's weight but not in its amount. Reference: the CSV layout sets the text
    # 'NaN' aside as not a number, and so must the JSON form
    path = tmp_path / "grants.json"
    path.write_text(json.dumps({"grants": [grant(), grant(amountAwarded=float("nan"))]}))
    assert "NaN" in path.read_text()
    with pytest.warns(RowsSetAsideWarning, match="2 grants read = 1 used . 1 set aside"):
        data = read_360giving(path)
    assert data.set_aside[["row", "column", "value", "problem"]].values.tolist() == [
        [1, "amountAwarded", "NaN", "amount 'NaN' is not a number"]
    ]
    assert data.ties[["weight", "amount"]].values.tolist() == [[1.0, 100.0]]


def test_json_single_organisation_object_and_numeric_ids(tmp_path):
    one = grant(fundingOrganization={"id": 12345, "name": "Funder"})
    data = read_360giving(write_json(tmp_path, {"grants": [one]}))
    assert data.ties[["source", "target"]].values.tolist() == [["12345", "GB-CHC-1"]]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('{"grants": [\n  {"id": "a",}\n]}', r"g.json, line 2, column 14: not valid JSON"),
        ('{"grants": [{"id": "a"}', r"g.json, line 1, column 24: not valid JSON"),
        ("", r"g.json, line 1, column 1: not valid JSON"),
        ('[{"id": "a"}]', r"g.json: no 'grants' list at the top level"),
        ('{"grants": {"id": "a"}}', r"g.json: no 'grants' list at the top level"),
    ],
)
def test_malformed_json_is_refused_with_line_and_column(tmp_path, text, match):
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=match) as info:
        read_360giving(path)
    assert info.value.problems["file"].iat[0] == "g.json"


def test_json_options_and_missing_file(tmp_path):
    path = write_json(tmp_path, {"grants": [grant()]})
    with pytest.raises(InvalidParameterError, match="'sheet' parameter of read_360giving"):
        read_360giving(path, sheet="grants")
    with pytest.raises(FileNotFoundError, match=r"read_360giving: .*nope.json does not exist"):
        read_360giving(tmp_path / "nope.json")


def test_csv_grant_without_amount_is_set_aside(tmp_path):
    frame = pd.read_csv(FILE, dtype=str).head(2)
    frame.loc[1, "Amount Awarded"] = ""
    frame.to_csv(tmp_path / "g.csv", index=False)
    with pytest.warns(RowsSetAsideWarning):
        data = read_360giving(tmp_path / "g.csv")
    assert data.set_aside[["row", "column", "problem"]].values.tolist() == [
        [3, "Amount Awarded", "no amount (Amount Awarded is empty or missing)"]
    ]

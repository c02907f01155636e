"""Tests of lsmnet.io.giving360.read_360giving on a hand-made file in the 360Giving layout.

Reference: column titles from the 360Giving standard's summary-table schema
(``schema/summary-table/360-giving-schema-titles.csv/grants.csv`` and the ``Recipient Ind:*``
fields of version 1.4); expected ties and set-aside grants are worked out in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lsmnet import SchemaError, read_360giving
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

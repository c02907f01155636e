"""Tests of lsmnet.io.irs990.read_irs990 on hand-made e-file returns.

Reference: element names of the IRS MeF schemas (Form 990 Schedule I ``RecipientTable`` with
``RecipientEIN``, ``RecipientBusinessName/BusinessNameLine1Txt``, ``CashGrantAmt``,
``NonCashAssistanceAmt``; Form 990-PF ``SupplementaryInformationGrp`` with
``GrantOrContributionPdDurYrGrp``/``GrantOrContriApprvForFutGrp`` and ``Amt``), as used by the
public 990 parsers; the expected ties are worked out by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lsmnet import SchemaError, read_irs990
from lsmnet.model import RowsSetAsideWarning

FOLDER = Path(__file__).parent / "data" / "irs990"
EIN_FILER = "US-EIN-521234567"  # Global Rights Alliance (990 filer)
EIN_FOUNDATION = "US-EIN-361234567"  # The Example Family Foundation (990-PF filer)
EIN_HRF = "US-EIN-136116131"  # Human Rights First (recipient)


def load(path=FOLDER, **kw):
    with pytest.warns(RowsSetAsideWarning):
        return read_irs990(path, **kw)


def amounts(data):
    return {
        (s, t): a for s, t, a in data.ties[["source", "target", "amount"]].itertuples(index=False)
    }


def test_folder_of_returns_with_alias_table(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text(f"alias,canonical\nHRF,{EIN_HRF}\n", encoding="utf-8")
    data = load(aliases=table)
    assert amounts(data) == {
        # Schedule I: one grant with EIN + one by name only ("Human Rights First", matched to
        # the EIN that the other grant gives for the same name)
        (EIN_FILER, EIN_HRF): 85000.0,
        (EIN_FILER, "CITY OF SPRINGFIELD"): 20000.0,
        # 990-PF: the filer of the 990 appears by name only ("... ALLIANCE", legal form dropped)
        (EIN_FOUNDATION, EIN_FILER): 120000.0,
        # "HRF" resolved through the alias table to the EIN
        (EIN_FOUNDATION, EIN_HRF): 30000.0,
    }
    ends = data.ties.set_index(["source", "target"])["end"]
    assert ends[(EIN_FOUNDATION, EIN_FILER)] == pd.Timestamp("2022-06-30")
    assert data.meta["notes"] == {"names_matched_to_another_spelling_or_id": 3}


def test_every_grant_is_accounted_for():
    data = load(aliases={"HRF": EIN_HRF})
    assert data.meta["rows"] == {
        "unit": "grants",
        "read": 8,
        "used": 5,
        "set_aside": 3,
        "blank": 0,
    }
    assert data.set_aside[["file", "row", "problem"]].values.tolist() == [
        ["example_990.xml", 58, "amount 'N/A' is not a number"],
        ["example_990pf.xml", 40, "grant to an individual"],
        ["example_990pf.xml", 47, "grant approved for future payment, not paid in this tax year"],
    ]


def test_types_and_returns():
    data = load()
    types = data.organizations.set_index("org_id")["type"].to_dict()
    assert types[EIN_FOUNDATION] == "funder"
    assert types[EIN_FILER] == "ngo"
    assert types["CITY OF SPRINGFIELD"] == "government"
    assert [r["form"] for r in data.meta["returns"]] == ["990", "990PF"]
    assert data.meta["returns"][1]["ein"] == EIN_FOUNDATION  # "36-1234567" normalised


def test_without_alias_unmatched_name_stays_a_name():
    data = load()
    assert (EIN_FOUNDATION, "HRF") in amounts(data)


def test_noncash_and_future_grants_on_request():
    data = load(include_noncash=True, include_future=True)
    got = amounts(data)
    assert got[(EIN_FILER, EIN_HRF)] == 90000.0  # 75,000 cash + 5,000 non-cash + 10,000
    assert got[(EIN_FOUNDATION, EIN_FILER)] == 180000.0  # 120,000 paid + 60,000 approved
    assert data.meta["rows"]["set_aside"] == 2


def test_without_matching_spellings_stay_apart():
    data = load(match=False)
    assert "GLOBAL RIGHTS ALLIANCE" in set(data.organizations["org_id"])


def test_single_file():
    data = load(FOLDER / "example_990pf.xml")
    assert data.meta["rows"]["read"] == 4
    assert data.meta["provenance"]["file"] == "example_990pf.xml"


def test_truncated_return(tmp_path):
    text = (FOLDER / "example_990.xml").read_text("utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[:1500], encoding="utf-8")
    with pytest.raises(SchemaError, match=r"cut.xml, line \d+, column \d+: not well-formed XML"):
        read_irs990(path)


def test_return_without_filer_ein(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text("<Return><ReturnHeader><Filer/></ReturnHeader></Return>", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"x.xml, line 1: no filer EIN"):
        read_irs990(path)


def test_empty_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"holds no \.xml file"):
        read_irs990(tmp_path)

"""Tests of lsmnet.io.iati.read_iati on a hand-made IATI 2.03 activity file.

Reference: the file follows the IATI 2.03 activity schema (transaction-type, value,
provider-org, receiver-org, participating-org with role and type codes); every expected tie
and set-aside transaction is derived by hand in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_iati
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"
FILE = DATA / "iati_activities.xml"
RATES = {"GBP": 1.25, "EUR": 1.1}


def load(path=FILE, **kw):
    with pytest.warns(RowsSetAsideWarning):
        return read_iati(path, **kw)


def test_transactions_become_funding_ties():
    data = load(rates=RATES)
    got = data.ties.set_index(["source", "target"])[["weight", "amount"]]
    assert got.to_dict("index") == {
        # activity 1: incoming funds, provider = the only Funding participant (FCDO), GBP
        ("GB-GOV-1", "XM-EXAMPLE-INGO"): {"weight": 1.0, "amount": 40000 * 1.25},
        # disbursement without receiver: the only Implementing participant
        ("XM-EXAMPLE-INGO", "Yayasan Pulih"): {"weight": 1.0, "amount": 15000.0},
        # the same organisation spelled in capitals (merged only with match=True)
        ("XM-EXAMPLE-INGO", "YAYASAN PULIH"): {"weight": 1.0, "amount": 15000.0},
        # activity 2 (EUR): incoming funds from the EC, disbursement to KontraS
        ("XI-IATI-EC_INTPA", "XM-EXAMPLE-INGO"): {"weight": 1.0, "amount": 50000 * 1.1},
        ("XM-EXAMPLE-INGO", "KontraS"): {"weight": 1.0, "amount": 20000 * 1.1},
    }
    start = data.ties.set_index(["source", "target"])["start"]
    assert start[("GB-GOV-1", "XM-EXAMPLE-INGO")] == pd.Timestamp("2023-01-10")


def test_every_transaction_is_accounted_for():
    data = load(rates=RATES)
    assert data.meta["rows"] == {
        "unit": "transactions",
        "read": 9,
        "used": 5,
        "set_aside": 4,
        "blank": 0,
    }
    assert data.set_aside[["row", "problem"]].values.tolist() == [
        [16, "transaction type 2 (Outgoing Commitment) is not in transaction_types=['1', '3']"],
        [33, "transaction type 4 (Expenditure) is not in transaction_types=['1', '3']"],
        [57, "no recipient organisation"],  # two Implementing participants: ambiguous
        [62, "amount 'lima ribu' is not a number"],
    ]
    assert (data.set_aside["table"] == "transactions").all()
    assert data.meta["notes"] == {
        "provider_from_funding_participant": 1,
        "provider_from_reporting_org": 5,
        "receiver_from_implementing_participant": 1,
        "receiver_from_reporting_org": 2,
    }


def test_types_and_participation():
    data = load(rates=RATES)
    orgs = data.organizations.set_index("org_id")
    assert orgs.loc["GB-GOV-1", "type"] == "government"
    assert orgs.loc["XM-EXAMPLE-INGO", "type"] == "ingo"
    assert orgs.loc["KontraS", ["type", "type_source"]].tolist() == ["ngo", "National NGO"]
    part = data.meta["participation"]
    assert part["role"].tolist() == [
        "Funding",
        "Accountable",
        "Implementing",
        "Funding",
        "Implementing",
        "Implementing",
    ]
    assert part.loc[0, "org_id"] == "GB-GOV-1"


def test_commitments_can_be_read_and_names_matched():
    data = load(rates=RATES, transaction_types=["1", "2", "3"], match=True)
    pulih = data.ties.set_index(["source", "target"]).loc[("XM-EXAMPLE-INGO", "Yayasan Pulih")]
    assert pulih["weight"] == 3.0 and pulih["amount"] == 60000.0  # commitment + 2 disbursements
    report = data.meta["name_report"]
    assert report.set_index("name").loc["YAYASAN PULIH", "canonical"] == "Yayasan Pulih"


def test_without_rates_other_currencies_are_set_aside():
    data = load()
    problems = data.set_aside["problem"]
    assert problems.str.contains("no rate for GBP").sum() == 1
    assert problems.str.contains("no rate for EUR").sum() == 2


def test_iati_1x_letter_codes_and_text_names(tmp_path):
    xml = """<iati-activities version="1.05">
 <iati-activity default-currency="USD">
  <reporting-org ref="US-1" type="10">USAID</reporting-org>
  <transaction>
   <transaction-type code="D"/>
   <value value-date="2014-05-01">100</value>
   <receiver-org ref="ID-1">Yayasan A</receiver-org>
  </transaction>
 </iati-activity>
</iati-activities>"""
    path = tmp_path / "v1.xml"
    path.write_text(xml, encoding="utf-8")
    data = read_iati(path, transaction_types=["D"])
    assert data.ties[["source", "target", "amount"]].values.tolist() == [["US-1", "ID-1", 100.0]]
    assert data.ties["start"].iloc[0] == pd.Timestamp("2014-05-01")
    assert data.organizations.set_index("org_id").loc["ID-1", "name"] == "Yayasan A"


def test_truncated_xml_names_line_and_column(tmp_path):
    text = FILE.read_text("utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(SchemaError, match=r"cut.xml, line \d+, column \d+: not well-formed XML"):
        read_iati(path)


def test_wrong_root_element(tmp_path):
    path = tmp_path / "org.xml"
    path.write_text("<iati-organisations/>", encoding="utf-8")
    with pytest.raises(
        SchemaError,
        match=r"org.xml, line 1: the root element is "
        r"<iati-organisations>",
    ):
        read_iati(path)


def test_transaction_without_type_or_value(tmp_path):
    xml = """<iati-activities><iati-activity>
<reporting-org ref="A"/>
<transaction><value>5</value><receiver-org ref="B"/></transaction>
<transaction><transaction-type code="3"/><receiver-org ref="B"/></transaction>
</iati-activity></iati-activities>"""
    path = tmp_path / "a.xml"
    path.write_text(xml, encoding="utf-8")
    with pytest.warns(RowsSetAsideWarning):
        data = read_iati(path)
    assert data.set_aside[["row", "problem"]].values.tolist() == [
        [3, "transaction without a transaction-type code"],
        [4, "transaction without a value"],
    ]


def test_entity_declarations_are_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><iati-activities/>', encoding="utf-8"
    )
    with pytest.raises(SchemaError, match="declares XML entities"):
        read_iati(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"read_iati: .*nope\.xml does not exist"):
        read_iati(tmp_path / "nope.xml")


def test_invalid_transaction_types():
    with pytest.raises(InvalidParameterError, match="'transaction_types' parameter of read_iati"):
        read_iati(FILE, transaction_types=["99"])

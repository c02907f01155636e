"""Tests of lsmnet.io.iati_organisations.read_iati_organizations on hand-written IATI files.

Reference: the files follow the IATI 2.03 organisation schema (``iati-organisation``,
``organisation-identifier``, ``name/narrative``, ``reporting-org/@type``, ``total-budget`` with
``@status``, ``period-start``, ``period-end`` and ``value/@currency``) and the 1.0x layout
(``iati-identifier``, text names); the OrganisationType and BudgetStatus codes are those of the
IATI codelists. Every expected organisation, budget and set-aside element is worked out by hand
in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lsmnet import InvalidParameterError, LsmnetWarning, SchemaError, read_iati
from lsmnet.io.iati import ORG_TYPES
from lsmnet.io.iati_organisations import read_iati_organisations, read_iati_organizations
from lsmnet.model import RowsSetAsideWarning

ORGS = """<?xml version="1.0" encoding="UTF-8"?>
<iati-organisations version="2.03" generated-datetime="2024-02-01T00:00:00Z">
 <iati-organisation default-currency="EUR" last-updated-datetime="2024-01-15T00:00:00Z">
  <organisation-identifier>NL-KVK-27108436</organisation-identifier>
  <name><narrative>Example INGO</narrative><narrative xml:lang="fr">ONGI exemple</narrative></name>
  <reporting-org ref="NL-KVK-27108436" type="21"><narrative>Example INGO</narrative>
  </reporting-org>
  <total-budget status="2">
   <period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/>
   <value value-date="2022-01-01">1000000</value>
  </total-budget>
  <total-budget status="1">
   <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <value value-date="2023-01-01">1200000</value>
  </total-budget>
  <total-budget status="2">
   <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <value value-date="2023-06-01">1100000</value>
  </total-budget>
  <total-budget>
   <period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
   <value value-date="2024-01-01">1500000</value>
  </total-budget>
  <recipient-org-budget status="2">
   <recipient-org ref="ID-1"><narrative>Yayasan Pulih</narrative></recipient-org>
   <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <value value-date="2023-01-01">50000</value>
  </recipient-org-budget>
 </iati-organisation>
 <iati-organisation default-currency="IDR">
  <organisation-identifier>ID-KHH-1234</organisation-identifier>
  <name><narrative>Yayasan Contoh</narrative></name>
  <reporting-org ref="ID-KHH-1234" type="22"><narrative>Yayasan Contoh</narrative></reporting-org>
  <total-budget status="2">
   <period-start iso-date="2023-01-01"/><period-end iso-date="2023-12-31"/>
   <value currency="USD" value-date="2023-01-01">80000</value>
  </total-budget>
 </iati-organisation>
 <iati-organisation>
  <organisation-identifier>XM-DAC-41114</organisation-identifier>
  <name><narrative>UNDP</narrative></name>
  <reporting-org ref="XI-AGGREGATOR-1" type="90"><narrative>Some aggregator</narrative>
  </reporting-org>
 </iati-organisation>
 <iati-organisation>
  <name><narrative>No identifier</narrative></name>
 </iati-organisation>
 <iati-organisation>
  <organisation-identifier>ID-KHH-1234</organisation-identifier>
  <name><narrative>Yayasan Contoh (again)</narrative></name>
 </iati-organisation>
</iati-organisations>
"""


@pytest.fixture
def orgs_file(tmp_path):
    path = tmp_path / "organisations.xml"
    path.write_text(ORGS, encoding="utf-8")
    return path


def load(path, **kw):
    with pytest.warns(RowsSetAsideWarning, match="5 organisations read = 3 used . 2 set aside"):
        with pytest.warns(LsmnetWarning, match=r"budgets are in 2 currencies \(EUR, USD\)"):
            return read_iati_organizations(path, **kw)


def test_organisations_types_and_latest_budgets(orgs_file):
    data = load(orgs_file)
    orgs = data.organizations.set_index("org_id")
    assert orgs.index.tolist() == ["NL-KVK-27108436", "ID-KHH-1234", "XM-DAC-41114"]
    assert orgs["name"].tolist() == ["Example INGO", "Yayasan Contoh", "UNDP"]
    # type 21 International NGO -> ingo, 22 National NGO -> ngo; UNDP's file is published by
    # an aggregator, whose type (90) is not UNDP's
    assert orgs["type"].tolist() == ["ingo", "ngo", pd.NA]
    assert orgs["type_source"].tolist() == ["International NGO", "National NGO", pd.NA]
    # latest period: 2024 (indicative, status absent) in the default EUR; 2023 in USD
    assert orgs.loc["NL-KVK-27108436", ["budget", "budget_currency"]].tolist() == [
        1500000.0,
        "EUR",
    ]
    assert orgs.loc["ID-KHH-1234", ["budget", "budget_currency"]].tolist() == [80000.0, "USD"]
    assert pd.isna(orgs.loc["XM-DAC-41114", "budget"])
    assert data.ties.empty
    assert data.meta["notes"] == {
        "organisations_without_budget": 1,
        "recipient_org_budgets_not_read": 1,
    }


def test_every_organisation_is_accounted_for(orgs_file):
    data = load(orgs_file)
    assert data.meta["rows"] == {
        "unit": "organisations",
        "read": 5,
        "used": 3,
        "set_aside": 2,
        "blank": 0,
    }
    assert data.set_aside[["row", "column", "value", "problem"]].values.tolist() == [
        [45, "organisation-identifier", "", "organisation without an organisation-identifier"],
        [
            48,
            "organisation-identifier",
            "ID-KHH-1234",
            "organisation repeated (first at line 30); the first is kept",
        ],
    ]


def test_budget_year_prefers_committed_and_records_every_budget(orgs_file):
    data = load(orgs_file, budget_year=2023)
    orgs = data.organizations.set_index("org_id")
    assert orgs.loc["NL-KVK-27108436", "budget"] == 1100000.0  # committed beats indicative
    budgets = data.meta["budgets"]
    ingo = budgets[budgets["org_id"] == "NL-KVK-27108436"]
    assert ingo["value"].tolist() == [1000000.0, 1200000.0, 1100000.0, 1500000.0]
    assert ingo["status"].tolist() == ["Committed", "Indicative", "Committed", "Indicative"]
    assert ingo["chosen"].tolist() == [False, False, True, False]
    assert ingo["note"].tolist() == [
        "its period does not start in budget_year=2023",
        "indicative; a committed budget for the same period is chosen",
        "",
        "its period does not start in budget_year=2023",
    ]
    assert ingo["period_start"].iat[2] == pd.Timestamp("2023-01-01")
    assert ingo["line"].tolist() == [8, 12, 16, 20]


def test_budget_year_without_a_budget(orgs_file):
    with pytest.warns(RowsSetAsideWarning):
        data = read_iati_organizations(orgs_file, budget_year=2019)
    assert data.organizations["budget"].isna().all()
    assert data.meta["notes"]["organisations_without_budget"] == 3


def test_ambiguous_and_unreadable_budgets_are_left_empty(tmp_path):
    xml = """<iati-organisations version="2.03">
 <iati-organisation default-currency="GBP">
  <organisation-identifier>GB-CHC-1</organisation-identifier>
  <reporting-org ref="GB-CHC-1" type="60"><narrative>Trust</narrative></reporting-org>
  <total-budget status="2"><period-start iso-date="2023-04-01"/><value>10</value></total-budget>
  <total-budget status="2"><period-start iso-date="2023-04-01"/><value>20</value></total-budget>
 </iati-organisation>
 <iati-organisation>
  <organisation-identifier>GB-CHC-2</organisation-identifier>
  <reporting-org type="99"/>
  <total-budget><period-start iso-date="2023-01-01"/><value>lots</value></total-budget>
  <total-budget><value>5</value></total-budget>
 </iati-organisation>
</iati-organisations>"""
    path = tmp_path / "o.xml"
    path.write_text(xml, encoding="utf-8")
    data = read_iati_organizations(path)
    orgs = data.organizations.set_index("org_id")
    assert orgs["budget"].isna().all()
    # no name element: the reporting organisation's name; 60 Foundation -> funder;
    # an unknown code (99) keeps the code and no type
    assert orgs.loc["GB-CHC-1", ["name", "type", "type_source"]].tolist() == [
        "Trust",
        "funder",
        "Foundation",
    ]
    assert pd.isna(orgs.loc["GB-CHC-2", "type"]) and orgs.loc["GB-CHC-2", "type_source"] == "99"
    assert data.meta["budgets"]["note"].tolist() == [
        "2 budgets for the same period and status: none chosen",
        "2 budgets for the same period and status: none chosen",
        "value 'lots' is not a number",
        "no period-start date",
    ]
    currencies = data.meta["budgets"]["currency"]
    assert currencies.tolist()[:2] == ["GBP", "GBP"] and currencies[2:].isna().all()


def test_iati_1x_organisation_file(tmp_path):
    xml = """<iati-organisations version="1.03">
 <iati-organisation default-currency="USD">
  <iati-identifier>US-USAGOV</iati-identifier>
  <name>US Agency for International Development</name>
  <reporting-org ref="US-USAGOV" type="10">USAID</reporting-org>
  <total-budget>
   <period-start iso-date="2012-10-01"/><period-end iso-date="2013-09-30"/>
   <value value-date="2012-10-01">20000000000</value>
  </total-budget>
 </iati-organisation>
</iati-organisations>"""
    path = tmp_path / "v1.xml"
    path.write_text(xml, encoding="utf-8")
    orgs = read_iati_organizations(path).organizations
    assert orgs[["org_id", "name", "type", "budget", "budget_currency"]].values.tolist() == [
        ["US-USAGOV", "US Agency for International Development", "government", 2e10, "USD"]
    ]


def test_every_organisation_type_code_is_mapped(tmp_path):
    # expected lsmnet type per IATI OrganisationType code (codelist version 2.03)
    expected = {
        "10": "government",
        "11": "government",
        "15": "government",
        "21": "ingo",
        "22": "ngo",
        "23": "ngo",
        "24": "ngo",
        "30": "other",
        "40": "other",
        "60": "funder",
        "70": "private",
        "71": "private",
        "72": "private",
        "73": "private",
        "80": "academic",
        "90": "other",
    }
    assert set(expected) == set(ORG_TYPES)
    body = "".join(
        f"<iati-organisation><organisation-identifier>X-{code}</organisation-identifier>"
        f'<reporting-org type="{code}"/></iati-organisation>'
        for code in expected
    )
    path = tmp_path / "types.xml"
    path.write_text(f"<iati-organisations>{body}</iati-organisations>", encoding="utf-8")
    orgs = read_iati_organizations(path).organizations
    assert dict(zip(orgs["org_id"], orgs["type"], strict=True)) == {
        f"X-{code}": kind for code, kind in expected.items()
    }


def test_activity_and_organisation_files_are_not_mixed_up(tmp_path, orgs_file):
    activities = tmp_path / "activities.xml"
    activities.write_text("<iati-activities/>", encoding="utf-8")
    with pytest.raises(
        SchemaError,
        match=r"activities.xml, line 1: the root element is <iati-activities>, "
        r"not <iati-organisations>. Fix: read activity files with read_iati",
    ):
        read_iati_organizations(activities)
    with pytest.raises(SchemaError, match="read organisation files with read_iati_organisations"):
        read_iati(orgs_file)
    other = tmp_path / "other.xml"
    other.write_text("<grants/>", encoding="utf-8")
    with pytest.raises(SchemaError, match="Fix: give an IATI organisation file"):
        read_iati_organizations(other)


def test_truncated_file_and_bad_options(tmp_path, orgs_file):
    cut = tmp_path / "cut.xml"
    cut.write_text(ORGS[: len(ORGS) // 2], encoding="utf-8")
    with pytest.raises(SchemaError, match=r"cut.xml, line \d+, column \d+: not well-formed XML"):
        read_iati_organizations(cut)
    with pytest.raises(InvalidParameterError, match="'budget_year' parameter of read_iati_org"):
        read_iati_organizations(orgs_file, budget_year="2023")
    with pytest.raises(FileNotFoundError, match=r"read_iati_organizations: .*nope\.xml"):
        read_iati_organizations(tmp_path / "nope.xml")


def test_negative_budget_is_left_empty_not_fatal(tmp_path):
    # a negative total-budget used to become the organisation's budget, which the data model
    # rejects: the whole file failed with advice to pass errors='collect', which this reader
    # does not take. Reference: IATI budgets are amounts >= 0; the 2023 budget is the latest
    # usable one, and the organisation keeps its name and type.
    xml = """<iati-organisations version="2.03">
 <iati-organisation default-currency="EUR">
  <organisation-identifier>NL-1</organisation-identifier>
  <reporting-org ref="NL-1" type="60"><narrative>Trust</narrative></reporting-org>
  <total-budget status="2"><period-start iso-date="2023-01-01"/><value>700</value></total-budget>
  <total-budget status="2"><period-start iso-date="2024-01-01"/><value>-5</value></total-budget>
 </iati-organisation>
</iati-organisations>"""
    path = tmp_path / "o.xml"
    path.write_text(xml, encoding="utf-8")
    data = read_iati_organizations(path)
    assert data.organizations[["org_id", "name", "type", "budget"]].values.tolist() == [
        ["NL-1", "Trust", "funder", 700.0]
    ]
    assert data.meta["budgets"]["note"].tolist() == ["", "value '-5' is negative"]
    only = read_iati_organizations(path, budget_year=2024)
    assert only.organizations["budget"].isna().all()


def test_the_isations_spelling_is_a_deprecated_alias(orgs_file):
    """lsmnet spells organization with a z in code (the organizations table, issue 13)."""
    with pytest.warns(DeprecationWarning, match="use read_iati_organizations"):
        old = read_iati_organisations(orgs_file, budget_year=2019)
    new = read_iati_organizations(orgs_file, budget_year=2019)
    pd.testing.assert_frame_equal(old.organizations, new.organizations)

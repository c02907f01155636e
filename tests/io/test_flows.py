"""Tests of lsmnet.io.flows: read_flows (generic table) and read_fts (OCHA FTS).

References: the hand-made flows are worked out row by row in the comments; the FTS 2001 file's
accounting is recomputed in the test with the csv module (independent code), and its totals
are compared with SOURCE.md.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_flows, read_fts
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"
FLOWS = DATA / "flows.csv"


def load(path=FLOWS, **kw):
    with pytest.warns(RowsSetAsideWarning):
        return read_flows(path, **kw)


def test_generic_flows_aggregate_per_pair_with_rates():
    data = load(rates={"EUR": 1.1})
    ties = data.ties.set_index(["source", "target"])
    assert sorted(ties.index) == [
        ("Ford Foundation", "Yayasan Pulih"),
        ("TIFA", "ICW"),
        ("Uni Eropa", "KontraS"),
    ]
    ford = ties.loc[("Ford Foundation", "Yayasan Pulih")]
    assert ford["weight"] == 3.0 and ford["amount"] == 17500.0  # rows 2, 3, 13
    assert ford["start"] == pd.Timestamp("2021-03-01") and ford["end"] == pd.Timestamp(
        "2022-01-15"
    )
    assert ties.loc[("Uni Eropa", "KontraS"), "amount"] == pytest.approx(22000.0)
    assert math.isnan(ties.loc[("TIFA", "ICW"), "amount"])  # row 12 has no amount
    assert data.ties["directed"].all() and (data.ties["layer"] == "funding").all()
    assert data.set_aside["row"].tolist() == [6, 7, 8, 9, 10, 11]
    assert data.set_aside["problem"].tolist() == [
        "no recipient organisation",
        "internal flow: donor and recipient are the same organisation",
        "amount 'abc' is not a number",
        "negative amount -50",
        "date '2022-13-45' is not a date",
        "amount in JPY, not USD, and no rate for JPY",
    ]
    assert data.meta["rows"] == {
        "unit": "flows",
        "read": 11,
        "used": 5,
        "set_aside": 6,
        "blank": 1,
    }
    assert data.meta["notes"] == {"flows_without_amount": 1, "flows_without_currency": 1}
    assert data.meta["currency"] == "USD"
    assert set(data.organizations["org_id"]) == {
        "Ford Foundation",
        "Yayasan Pulih",
        "Uni Eropa",
        "KontraS",
        "TIFA",
        "ICW",
    }


def test_without_rate_foreign_currency_flows_are_set_aside():
    data = load()
    assert "amount in EUR, not USD, and no rate for EUR" in set(data.set_aside["problem"])
    assert data.meta["rows"]["used"] == 4


def test_target_currency_can_be_chosen():
    data = load(currency="EUR", rates={"USD": 0.9, "JPY": 0.006})
    ties = data.ties.set_index(["source", "target"])
    # rows 2-3 in USD are converted; row 13 has no currency, so it is taken to be in EUR
    assert ties.loc[("Ford Foundation", "Yayasan Pulih"), "amount"] == pytest.approx(
        15000 * 0.9 + 2500
    )
    assert ties.loc[("JICA", "Walhi"), "amount"] == pytest.approx(5400.0)


def test_aggregate_by_year():
    data = load(rates={"EUR": 1.1}, aggregate="year")
    ford = data.ties[data.ties["source"] == "Ford Foundation"].sort_values("start")
    assert ford["amount"].tolist() == [10000.0, 5000.0, 2500.0]
    assert ford["start"].iloc[0] == pd.Timestamp("2021-01-01")
    assert ford["end"].iloc[1] == pd.Timestamp("2022-12-31")
    assert pd.isna(ford["start"].iloc[2])  # the undated flow keeps its own tie
    assert len(data.ties) == 5


def test_excel_with_ids_and_alias_to_an_id(tmp_path):
    frame = pd.DataFrame(
        {
            "Donor": ["Ford Foundation", "Ford Foundation"],
            "Donor ID": ["US-EIN-131684331", None],
            "Recipient": ["Yayasan Pulih", "Pulih"],
            "Value": [1000, 2000],
        }
    )
    path = tmp_path / "f.xlsx"
    frame.to_excel(path, index=False)
    data = read_flows(
        path,
        columns={"Value": "amount", "Donor ID": "source_id"},
        aliases={"Pulih": "Yayasan Pulih"},
    )
    assert data.ties[["source", "target", "weight", "amount"]].values.tolist() == [
        ["US-EIN-131684331", "Yayasan Pulih", 2.0, 3000.0]
    ]
    assert data.organizations.set_index("org_id").loc["US-EIN-131684331", "name"] == (
        "Ford Foundation"
    )


def test_missing_recipient_column_is_an_error(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("donor,amount\nA,1\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"f.csv, row 1: flow columns not found: target_name"):
        read_flows(path)


def test_invalid_parameters():
    with pytest.raises(InvalidParameterError, match="'aggregate' parameter of read_flows"):
        read_flows(FLOWS, aggregate="month")
    with pytest.raises(InvalidParameterError, match="'rates' parameter of read_flows"):
        read_flows(FLOWS, rates={"EUR": -1})


# ---------------------------------------------------------------- shared: FTS 2001
S, D = "sourceObjects_Organization.", "destinationObjects_Organization."


def _independent_fts(path, keep_status=None):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        flows = list(reader)
    used, aside = [], {}
    for line, f in enumerate(flows, start=2):
        src, dst = f[S + "id"], f[D + "id"]
        if keep_status is not None and f["status"] not in keep_status:
            aside[line] = "status"
        elif not src or not dst:
            aside[line] = "missing"
        elif src == dst:
            aside[line] = "internal"
        elif ";" in src or ";" in dst:
            aside[line] = "several"
        else:
            used.append((src, dst, float(f["amountUSD"])))
    return flows, used, aside


@pytest.mark.shared
def test_fts_2001_every_flow_accounted_for(shared_datasets):
    path = shared_datasets / "fts_flows_2001" / "fts_2001.csv"
    flows, used, aside = _independent_fts(path)
    assert len(flows) == 5057  # SOURCE.md
    with pytest.warns(RowsSetAsideWarning):
        data = read_fts(path)
    rows = data.meta["rows"]
    assert rows == {
        "unit": "flows",
        "read": 5057,
        "used": len(used),
        "set_aside": len(aside),
        "blank": 0,
    }
    assert rows["read"] == rows["used"] + rows["set_aside"]
    assert dict(zip(data.set_aside["row"], data.set_aside["problem"], strict=True)).keys() == (
        aside.keys()
    )
    kinds = pd.Series(aside).value_counts().to_dict()
    assert kinds == {"internal": 344, "missing": 270, "several": 7}  # 344 self-loops: SOURCE.md
    assert len(data.ties) == len({(s, d) for s, d, _a in used})
    assert len(data.organizations) == len({o for s, d, _a in used for o in (s, d)})
    assert data.ties["amount"].sum() == pytest.approx(sum(a for *_p, a in used))
    assert data.ties["weight"].sum() == len(used)
    orgs = data.organizations.set_index("org_id")
    assert orgs.loc["3049", "name"] == "World Food Programme"
    assert orgs.loc["2933", "type"] == "government"  # United States of America, Government of


@pytest.mark.shared
def test_fts_status_filter(shared_datasets):
    path = shared_datasets / "fts_flows_2001" / "fts_2001.csv"
    _flows, used, aside = _independent_fts(path, keep_status={"paid"})
    with pytest.warns(RowsSetAsideWarning):
        data = read_fts(path, status="paid")
    assert data.meta["rows"]["used"] == len(used)
    assert data.meta["rows"]["set_aside"] == len(aside)
    assert (data.set_aside["problem"].str.startswith("status")).sum() == 2372  # 2,371 + 1 pledge


def test_fts_missing_columns(tmp_path):
    path = tmp_path / "fts.csv"
    path.write_text("id,amountUSD\n1,5\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"fts.csv, row 1: FTS columns not found: source_id"):
        read_fts(path)


def test_fts_small_file(tmp_path):
    header = [
        "id",
        "amountUSD",
        "date",
        "status",
        S + "id",
        S + "name",
        S + "organizationTypes",
        D + "id",
        D + "name",
        D + "organizationTypes",
        D + "organizationSubTypes",
    ]
    rows = [
        [
            "1",
            "100",
            "2001-03-01T00:00:00Z",
            "paid",
            "10",
            "Japan, Government of",
            "Governments",
            "20",
            "WFP",
            "Multilateral Organizations",
            "UN Agencies",
        ],
        [
            "2",
            "50",
            "2001-05-01T00:00:00Z",
            "commitment",
            "10",
            "Japan, Government of",
            "Governments",
            "30",
            "Save the Children",
            "NGOs",
            "International NGOs",
        ],
        [
            "3",
            "7",
            "2001-05-01T00:00:00Z",
            "paid",
            "20",
            "WFP",
            "Multilateral Organizations",
            "20",
            "WFP",
            "Multilateral Organizations",
            "UN Agencies",
        ],
    ]
    path = tmp_path / "fts.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    with pytest.warns(RowsSetAsideWarning):
        data = read_fts(path)
    assert data.ties[["source", "target", "amount"]].values.tolist() == [
        ["10", "20", 100.0],
        ["10", "30", 50.0],
    ]
    assert data.ties["start"].tolist() == [pd.Timestamp("2001-03-01"), pd.Timestamp("2001-05-01")]
    types = data.organizations.set_index("org_id")["type"].to_dict()
    assert types == {"10": "government", "20": "other", "30": "ingo"}
    assert data.set_aside["row"].tolist() == [4]

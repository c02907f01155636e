"""risk_flags on the planted patterns of the SYNTHETIC indonesia_demo dataset.

The reference is ``planted.json``, written by the dataset generator
(:mod:`lsmnet.datasets._generate`) with the ids of the patterns it planted in coalition C01.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from _risk_fixtures import entities, rows

import lsmnet as lsm
from lsmnet.datasets import dataset_folder


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def planted():
    text = (dataset_folder("indonesia_demo") / "planted.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.fixture(scope="module")
def flags(demo, planted):
    return lsm.risk_flags(demo, coalition=planted["coalition"])


def test_dominant_hub(flags, planted):
    hub = planted["dominant_hub"]
    assert entities(flags, "DOM-2") == {hub}  # control: no other member dominates
    assert hub in entities(flags, "DOM-5")
    assert rows(flags, "DOM-1")["severity"].tolist() == ["watch"]


def test_isolated_members(flags, planted):
    assert entities(flags, "ISO-1") == set(planted["isolated_members"])


def test_gatekeeper_is_the_single_point_of_failure(flags, planted):
    gatekeeper = planted["gatekeeper"]
    dom4 = rows(flags, "DOM-4")
    assert dom4["entity"].tolist() == [gatekeeper]  # control: nobody else
    row = dom4.iloc[0]
    assert row["measure"] == "cut_off_share"
    n = len(lsm.datasets.load_dataset("indonesia_demo").coalition_members("C01"))
    assert row["value"] == pytest.approx(len(planted["gatekeeper_cluster"]) / n)
    assert gatekeeper in entities(flags, "DOM-5")


def test_low_trust_competing_pair(flags, planted):
    pair = set(planted["low_trust_pair"])
    competition = rows(flags, "CMP-3")
    by_tie = competition.loc[competition["measure"] == "competition_tie"]
    assert [set(e.split("|")) for e in by_tie["entity"]] == [pair]  # control: only the pair
    assert by_tie["value"].iloc[0] <= 2.0
    assert by_tie["severity"].iloc[0] == "high"
    overlap = [set(e.split("|")) for e in rows(flags, "CMP-1")["entity"]]
    assert pair in overlap
    funder_name = (
        lsm.datasets.load_dataset("indonesia_demo")
        .organizations.set_index("org_id")
        .at[planted["shared_funder"], "name"]
    )
    row = (
        rows(flags, "CMP-1")
        .loc[[set(e.split("|")) == pair for e in rows(flags, "CMP-1")["entity"]]]
        .iloc[0]
    )
    assert funder_name in row["explanation"]


def test_issue_mismatch(flags, planted):
    mismatch = planted["issue_mismatch"]["org_id"]
    mis3 = rows(flags, "MIS-3")
    focus = mis3.loc[mis3["measure"] == "focus_jaccard", "entity"].tolist()
    assert focus == [mismatch]  # control: every other member shares the focus
    assert mismatch in entities(flags, "MIS-1")


def test_response_rate_annotates_structural_flags(flags):
    dq1 = rows(flags, "DQ-1").iloc[0]
    assert (dq1["severity"], dq1["value"]) == ("watch", 0.75)
    assert rows(flags, "DOM-4")["note"].notna().all()
    assert rows(flags, "ISO-1")["note"].isna().all()


def test_deterministic(demo, flags):
    pd.testing.assert_frame_equal(lsm.risk_flags(demo, coalition="C01"), flags)


@pytest.mark.slow
def test_whole_demo_is_deterministic(demo):
    first = lsm.risk_flags(demo)
    pd.testing.assert_frame_equal(first, lsm.risk_flags(demo))
    assert first["coalition"].drop_duplicates().tolist() == list(demo.coalitions["coalition_id"])

"""Membership lists without partnership ties raise no structural flag (issue 14: a flag is a
claim about people). Reference: the Davis Southern Women data (memberships only), where the
register used to call 89 of 89 memberships "isolated" and every event "fragmented".
"""

from __future__ import annotations

import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.risk.flags import STRUCTURAL_CODES


@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_structural_flag_without_ties(lang):
    data = lsm.datasets.load_dataset("davis")
    assert len(data.ties) == 0
    flags = lsm.risk_flags(data, lang=lang)
    assert not flags["code"].isin(STRUCTURAL_CODES).any()
    skipped = lsm.skipped_flags(flags)
    assert set(STRUCTURAL_CODES) <= set(skipped["code"])
    word = "partnership ties" if lang == "en" else "hubungan kemitraan"
    assert skipped.loc[skipped["code"] == "ISO-1", "reason"].str.contains(word).all()


def test_ties_in_another_layer_only_count_as_no_ties():
    orgs = pd.DataFrame({"org_id": ["a", "b", "c"]})
    members = pd.DataFrame({"org_id": ["a", "b", "c"], "coalition_id": ["K"] * 3})
    ties = pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["funding"]})
    data = lsm.from_frames(orgs, memberships=members, ties=ties)
    operational = lsm.risk_flags(data, layers=["operational"])
    assert not operational["code"].isin(STRUCTURAL_CODES).any()
    # with ties in the analysed layer, c is isolated for real
    funding = lsm.risk_flags(data, layers=["funding"])
    assert "c" in set(funding.loc[funding["code"] == "ISO-1", "entity"])


def test_a_funder_tied_only_by_its_funding_is_not_isolated():
    # reference: OCHA 3W data, where 59 donors had only funding ties (ISO-1 84 -> 7)
    orgs = pd.DataFrame({"org_id": ["donor", "a", "b", "lone"]})
    ties = pd.DataFrame(
        {
            "source": ["a", "donor"],
            "target": ["b", "a"],
            "layer": ["operational", "funding"],
        }
    )
    data = lsm.from_frames(orgs, ties=ties)
    flags = lsm.risk_flags(data)
    isolated = set(flags.loc[flags["code"] == "ISO-1", "entity"])
    assert isolated == {"lone"}
    # analysing the funding layer too, the donor is simply tied
    both = lsm.risk_flags(data, layers=["operational", "funding"])
    assert set(both.loc[both["code"] == "ISO-1", "entity"]) == {"lone"}

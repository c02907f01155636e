"""bridge_organizations without partnership ties (co-membership partners) and without the
grouping attribute (the reason says so instead of "none (province)").

Reference values are read off the hand-built data: two coalitions K1 = {a, b, m} and
K2 = {m, c, d}, so that m is the only organisation sharing a coalition with all others.
"""

from __future__ import annotations

import pandas as pd
import pytest

import lsmnet as lsm


def memberships_only(provinces=True):
    orgs = pd.DataFrame(
        {"org_id": list("abmcd"), "name": ["Ana", "Budi", "Mitra", "Citra", "Dewi"]}
    )
    if provinces:
        orgs["province"] = ["Aceh", "Aceh", "Bali", "Papua", "Papua"]
    members = pd.DataFrame(
        {"org_id": list("abmmcd"), "coalition_id": ["K1", "K1", "K1", "K2", "K2", "K2"]}
    )
    return lsm.from_frames(orgs, memberships=members)


def test_comembership_partners_stand_in_without_partnership_ties():
    bridges = lsm.bridge_organizations(memberships_only())
    assert bridges.attrs["partners"] == "comembership"
    assert bridges.index[0] == "m"
    # m shares a coalition with a, b (Aceh) and c, d (Papua), and is itself in Bali
    assert bridges.loc["m", "groups_reached"] == 3
    assert bridges.loc["a", "groups_reached"] == 2  # a, b in Aceh; m in Bali
    # m cuts the co-membership network into {a, b} and {c, d}: betweenness 4 / C(4, 2) = 2/3
    assert bridges.loc["m", "betweenness"] == pytest.approx(2 / 3)
    reason = bridges.loc["m", "reason"]
    assert reason == (
        "Mitra connects partners in Aceh and Papua (province) through shared coalitions and "
        "spans 2 coalitions (K1 and K2)."
    )


def test_partnership_ties_are_used_when_present():
    data = memberships_only()
    with_ties = lsm.from_frames(
        data.organizations,
        memberships=data.memberships,
        ties=pd.DataFrame({"source": ["a"], "target": ["c"], "layer": "advocacy"}),
    )
    bridges = lsm.bridge_organizations(with_ties)
    assert bridges.attrs["partners"] == "partnership"
    assert "shared coalitions" not in " ".join(bridges["reason"])


@pytest.mark.parametrize(
    ("lang", "expected", "wrong"),
    [
        ("en", "has no recorded province for its partners", "none (province)"),
        ("id", "tidak memiliki data provinsi untuk mitranya", "(provinsi)"),
    ],
)
def test_missing_grouping_attribute_is_named_not_none(lang, expected, wrong):
    bridges = lsm.bridge_organizations(memberships_only(provinces=False), lang=lang)
    for reason in bridges["reason"]:
        assert expected in reason
        assert wrong not in reason
    assert bridges["groups_reached"].eq(0).all()

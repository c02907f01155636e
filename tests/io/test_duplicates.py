"""Near-duplicate organisation names (issue 15 item 5) and organisations' lifetimes in
``NetworkData.at`` (issue 14 item 1).

Reference pairs are worked out by hand: ``LBH Makasar`` is ``LBH Makassar`` with one ``s``
fewer (rapidfuzz ratio 2*11/23 = 95.7), ``Yayasan  Pelita Desa`` differs only in a space
(equal after normalisation: 100); ``LBH Makassar`` / ``LBH Surabaya`` share only the prefix.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import lsmnet
from lsmnet.io.names import alias_table, near_duplicates
from lsmnet.model import NearDuplicateWarning

NAMES = [
    "LBH Makassar",
    "Yayasan Pelita Desa",
    "LBH Surabaya",
    "LBH Makasar",
    "Yayasan  Pelita Desa",
    "Forum Warga 1",
    "Forum Warga 2",
    "KPA",
    "KPI",
]


def test_the_two_planted_pairs_and_nothing_else():
    found = near_duplicates(NAMES)
    assert found[["name", "duplicate_of"]].values.tolist() == [
        ["Yayasan  Pelita Desa", "Yayasan Pelita Desa"],
        ["LBH Makasar", "LBH Makassar"],
    ]
    assert found["score"].tolist() == [100.0, pytest.approx(200 * 11 / 23)]


def test_similar_places_are_not_typos():
    # full-name ratios are all >= 90; the differing words are not: 86, 89, 80, 75
    names = [
        "Iceland, Government of",
        "Ireland, Government of",
        "Australian Red Cross",
        "Austrian Red Cross",
        "Mali, Government of",
        "Malawi, Government of",
        "Slovenia, Government of",
        "Slovakia, Government of",
    ]
    assert near_duplicates(names).empty
    assert len(near_duplicates(["Koalisi Perempuan Indonesia", "Koalisi Perempuan Indonesa"]))


def test_prefixes_are_kept_and_numbers_and_short_names_must_match():
    assert near_duplicates(["Yayasan Pulih", "Perkumpulan Pulih"]).empty
    assert near_duplicates(["Forum Warga 1", "Forum Warga 2"]).empty
    assert near_duplicates(["KPA", "KPI"]).empty
    assert near_duplicates(["LBH Makassar", "LBH Surabaya"]).empty


def test_ids_are_reported_and_the_alias_table_follows():
    found = near_duplicates(["LBH Makassar", "LBH Makasar"], ids=["o1", "o2"])
    assert found[["org_id", "duplicate_of_id"]].values.tolist() == [["o2", "o1"]]
    assert alias_table(found).values.tolist() == [["LBH Makasar", "LBH Makassar"]]


def orgs_and_ties():
    orgs = pd.DataFrame({"org_id": ["a", "b", "c"], "name": ["LBH Makassar", "LBH Makasar", "X"]})
    ties = pd.DataFrame({"source": ["b", "a"], "target": ["c", "c"], "layer": ["network"] * 2})
    return orgs, ties


def test_loading_warns_and_lists_them_but_merges_nothing():
    orgs, ties = orgs_and_ties()
    with pytest.warns(NearDuplicateWarning, match="'LBH Makasar' / 'LBH Makassar'.*aliases=") as w:
        data = lsmnet.from_frames(orgs, ties=ties)
    assert w[0].filename == __file__  # points at the caller, not at lsmnet
    assert "--aliases FILE" in w[0].message.text("id", "cli")
    assert w[0].message.text("id").startswith("Kemungkinan organisasi ganda (1 pasang)")
    assert len(data.organizations) == 3 and len(data.ties) == 2
    assert data.meta["near_duplicates"] == (("LBH Makasar", "LBH Makassar"),)


@pytest.mark.parametrize(
    "aliases",
    [{"LBH Makasar": "LBH Makassar"}, pd.DataFrame({"alias": ["b"], "canonical": ["a"]})],
)
def test_aliases_merge_by_name_or_id(aliases):
    orgs, ties = orgs_and_ties()
    with warnings.catch_warnings():
        warnings.simplefilter("error", NearDuplicateWarning)
        data = lsmnet.from_frames(orgs, ties=ties, aliases=aliases)
    assert data.organizations["org_id"].tolist() == ["a", "c"]
    assert data.ties[["source", "target"]].values.tolist() == [["a", "c"]]  # one tie, not two
    assert data.meta["merged"] == (("b", "a"),)


def lifetimes():
    orgs = pd.DataFrame({"org_id": ["a", "b", "c", "d"], "founded": [1980, 1982, 2000, 2002]})
    memberships = pd.DataFrame({"org_id": ["a", "b", "c", "d"], "coalition_id": ["k"] * 4})
    ties = pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "layer": ["network"] * 2})
    return lsmnet.from_frames(orgs, memberships=memberships, ties=ties)


def test_at_drops_organisations_not_founded_yet():
    data = lifetimes()
    snap = data.at(1985)
    assert snap.organizations["org_id"].tolist() == ["a", "b"]
    assert snap.memberships["org_id"].tolist() == ["a", "b"]
    assert snap.ties[["source", "target"]].values.tolist() == [["a", "b"]]
    assert data.at(2001).organizations["org_id"].tolist() == ["a", "b", "c"]


def test_risk_flags_at_1985_have_no_row_for_organisations_founded_later():
    data = lifetimes()
    later = {"c", "d"}
    assert later & set(lsmnet.risk_flags(data)["entity"].astype(str))  # reference: they count
    flags = lsmnet.risk_flags(data, at=1985)
    assert not later & set(flags["entity"].astype(str))


def test_dissolved_and_last_membership_end_close_an_organisation():
    orgs = pd.DataFrame({"org_id": ["a", "b", "c"], "dissolved": ["2010", None, "15/06/2012"]})
    memberships = pd.DataFrame(
        {
            "org_id": ["b", "b"],
            "coalition_id": ["k", "k2"],
            "start": ["2001", "2003"],
            "end": ["2005-12-31", "2008-06-30"],
        }
    )
    data = lsmnet.from_frames(orgs, memberships=memberships)
    assert str(data.organizations["dissolved"].iat[0].date()) == "2010-12-31"  # a year: its end
    assert data.at(2010).organizations["org_id"].tolist() == ["a", "c"]  # b left in 2008
    assert data.at(2011).organizations["org_id"].tolist() == ["c"]
    assert data.at(2000).organizations["org_id"].tolist() == ["a", "c"]  # b joined in 2001
    assert data.at("2012-06-16").organizations.empty

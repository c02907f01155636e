"""trust_value_scores against a brute-force implementation of the documented formulas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet import InvalidParameterError

TRUST = ["reliability", "mission", "openness"]
VALUE = ["power", "involvement", "resources"]


def brute_force(ratings, orgs, items, min_raters, lo=1.0, hi=4.0, convention="default"):
    """Node scores by loops: rater means over answered items, then the mean over raters."""
    out = {}
    for org in orgs:
        per_rater = {}
        for rater in sorted(set(ratings["rater"])):
            if rater == org:
                continue
            rows = ratings[(ratings["rater"] == rater) & (ratings["ratee"] == org)]
            if rows.empty:
                continue
            answered = [
                np.nanmean(rows[item].to_numpy(float))
                for item in items
                if rows[item].notna().any()
            ]
            if answered:
                per_rater[rater] = np.mean(answered)
        score = np.mean(list(per_rater.values())) if len(per_rater) >= min_raters else np.nan
        if convention == "default":
            pct = 100 * (score - lo) / (hi - lo)
        else:
            pct = 100 * score / hi
        out[org] = (score, pct, len(per_rater))
    return out


@pytest.fixture(scope="module")
def random_ratings():
    rng = np.random.default_rng(7)
    orgs = [f"o{i}" for i in range(8)]
    rows = []
    for rater in orgs:
        for ratee in orgs:
            if rater != ratee and rng.random() < 0.6:
                row = {"rater": rater, "ratee": ratee}
                for item in TRUST + VALUE:
                    row[item] = np.nan if rng.random() < 0.2 else float(rng.integers(1, 5))
                rows.append(row)
    return pd.DataFrame(rows), orgs


@pytest.mark.parametrize("convention", ["default", "partner_like"])
@pytest.mark.parametrize("min_raters", [1, 3])
def test_node_scores_match_brute_force(random_ratings, convention, min_raters):
    ratings, orgs = random_ratings
    data = lsm.from_frames(pd.DataFrame({"org_id": orgs}), ratings=ratings)
    scores = lsm.trust_value_scores(data, min_raters=min_raters, convention=convention)
    clean = ratings
    for score, items in (("trust", TRUST), ("value", VALUE)):
        expected = brute_force(clean, orgs, items, min_raters, convention=convention)
        for org in orgs:
            mean, pct, raters = expected[org]
            got = scores.nodes.loc[org]
            assert got[f"{score}_raters"] == raters
            np.testing.assert_allclose(got[score], mean, equal_nan=True)
            np.testing.assert_allclose(got[f"{score}_pct"], pct, equal_nan=True)


def test_network_score_is_the_mean_over_rated_dyads(random_ratings):
    ratings, orgs = random_ratings
    data = lsm.from_frames(pd.DataFrame({"org_id": orgs}), ratings=ratings)
    network = lsm.trust_value_scores(data).network
    clean = ratings
    dyad_trust = clean[TRUST].mean(axis=1, skipna=True).dropna()
    assert network["trust"] == pytest.approx(dyad_trust.mean())
    assert network["trust_dyads"] == len(dyad_trust)
    assert network["trust_pct"] == pytest.approx(100 * (dyad_trust.mean() - 1) / 3)


def test_item_means_and_note():
    ratings = pd.DataFrame(
        {
            "rater": ["a", "b", "c", "a"],
            "ratee": ["d", "d", "d", "b"],
            "mission": [1.0, 2.0, 3.0, 4.0],
            "power": [4.0, 4.0, np.nan, 1.0],
        }
    )
    scores = lsm.trust_value_scores(lsm.from_frames(ratings=ratings), lang="id")
    assert scores.nodes.loc["d", "mission"] == pytest.approx(2.0)
    assert np.isnan(scores.nodes.loc["d", "power"])  # only 2 raters answered power
    assert scores.nodes.loc["b", "note"] == "kurang dari 3 penilai"
    assert pd.isna(scores.nodes.loc["a", "note"])  # rated by nobody: no "few raters" note


def test_scale_is_used_for_percentages():
    ratings = pd.DataFrame({"rater": list("abc"), "ratee": "d", "reliability": [5.0, 5.0, 5.0]})
    data = lsm.from_frames(ratings=ratings, scale=(0, 5))
    assert lsm.trust_value_scores(data).nodes.loc["d", "trust_pct"] == 100.0
    assert (
        lsm.trust_value_scores(data, convention="partner_like").nodes.loc["d", "trust_pct"]
        == 100.0
    )


def test_coalition_keeps_ratings_between_members():
    ratings = pd.DataFrame({"rater": ["a", "x"], "ratee": ["b", "b"], "reliability": [1.0, 4.0]})
    data = lsm.from_frames(
        memberships=pd.DataFrame({"org_id": ["a", "b"], "coalition_id": "K"}),
        organizations=pd.DataFrame({"org_id": ["a", "b", "x"]}),
        ratings=ratings,
    )
    scores = lsm.trust_value_scores(data, coalition="K", min_raters=1)
    assert list(scores.nodes.index) == ["a", "b"]
    assert scores.nodes.loc["b", "trust"] == 1.0


def test_without_ratings_everything_is_nan():
    scores = lsm.trust_value_scores(lsm.from_frames(pd.DataFrame({"org_id": ["a"]})))
    assert scores.nodes["trust"].isna().all()
    assert np.isnan(scores.network["trust"]) and scores.network["trust_dyads"] == 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"min_raters": 0}, "'min_raters' parameter of trust_value_scores"),
        ({"convention": "partner"}, "'convention' parameter of trust_value_scores"),
        ({"lang": "fr"}, "'lang' parameter of trust_value_scores"),
        ({"coalition": "nope"}, "coalition_id"),
    ],
)
def test_invalid_arguments(kwargs, match):
    data = lsm.from_frames(memberships=pd.DataFrame({"org_id": ["a"], "coalition_id": ["K"]}))
    with pytest.raises(InvalidParameterError, match=match):
        lsm.trust_value_scores(data, **kwargs)


def test_partner_like_needs_a_positive_scale_maximum():
    ratings = pd.DataFrame({"rater": ["a"], "ratee": ["b"], "reliability": [-1.0]})
    data = lsm.from_frames(ratings=ratings, scale=(-3, 0))
    with pytest.raises(InvalidParameterError, match="must be 'default' when the rating scale"):
        lsm.trust_value_scores(data, convention="partner_like")


def previous_scores(data, coalition, min_raters):
    """trust_value_scores before the ratings were selected first (lsmnet 85cf39d): every
    rating of the data scored, then the dyads among the members kept."""
    from lsmnet.risk.trust import rated_dyads, scores_for

    members = data.coalition_members(coalition)
    return scores_for(
        data, members, min_raters=min_raters, convention="default", dyads=rated_dyads(data)
    )


@pytest.mark.parametrize(("coalition", "rated"), [("C01", True), ("C02", True), ("C04", False)])
def test_coalition_scores_equal_the_whole_table_selection(coalition, rated):
    # reference: the previous computation (above), compared exactly, on the demo data with
    # items left unanswered so that NaN means are exercised
    demo = lsm.datasets.load_dataset("indonesia_demo")
    ratings = demo.ratings.copy()
    ratings.loc[1:40, "reliability"] = np.nan
    ratings.loc[30:60, ["power", "involvement", "resources"]] = np.nan
    data = lsm.from_frames(
        organizations=demo.organizations,
        coalitions=demo.coalitions,
        memberships=demo.memberships,
        ties=demo.ties,
        ratings=ratings,
    )
    new = lsm.trust_value_scores(data, coalition=coalition, min_raters=2)
    old = previous_scores(data, coalition, 2)
    assert (len(new.dyads) > 20) == rated  # C04: no rating among its members
    pd.testing.assert_frame_equal(new.dyads, old.dyads, check_exact=True)
    pd.testing.assert_frame_equal(new.nodes, old.nodes, check_exact=True)
    pd.testing.assert_series_equal(new.network, old.network, check_exact=True)

"""RiskThresholds: defaults from the specification, validation, replace, rescaling."""

from __future__ import annotations

import dataclasses

import pytest

from lsmnet import InvalidParameterError, RiskThresholds
from lsmnet.risk.catalog import flag_codes
from lsmnet.risk.thresholds import as_thresholds

# The defaults written in shared/spec/RISK_FLAGS.md, copied by hand as the reference.
SPEC_DEFAULTS = {
    "dom_centralization_watch": 0.50,
    "dom_centralization_high": 0.70,
    "dom_share": 0.20,
    "dom_runner_up_ratio": 2.0,
    "dom_hhi_watch": 0.15,
    "dom_hhi_high": 0.25,
    "dom_cut_off_watch": 0.10,
    "dom_cut_off_high": 0.25,
    "dom_cut_off_min_members": 2,
    "dom_fragmentation_centrality": 0.10,
    "dom_broker_z": 1.96,
    "dom_betweenness": 0.25,
    "frg_lcc_watch": 0.80,
    "frg_lcc_high": 0.50,
    "frg_distance": 0.50,
    "frg_ei": -0.50,
    "frg_min_average_degree": 2.0,
    "mis_low_mission": 2.5,
    "mis_misaligned_rating": 2.0,
    "mis_misaligned_share": 0.25,
    "mis_issue_jaccard": 0.10,
    "cmp_funder_jaccard": 0.50,
    "cmp_low_trust": 2.5,
    "cmp_hhi_watch": 0.15,
    "cmp_hhi_high": 0.25,
    "cmp_top_funder_share": 0.50,
    "pwr_asymmetry": 1.5,
    "pwr_dependence_share": 0.50,
    "pwr_gini": 0.5,
    "pwr_hhi": 0.25,
    "tru_network_watch": 2.5,
    "tru_network_high": 2.0,
    "tru_member": 2.5,
    "tru_strained": 2.0,
    "tru_active_weight_quantile": 0.5,
    "tru_one_sided": 2.0,
    "tru_reciprocity": 0.30,
    "dq_response_watch": 0.80,
    "dq_response_low": 0.60,
    "min_raters": 3,
    "dq_central_quantile": 0.90,
    "iso_coreness_quantile": 0.25,
    "iso_min_named": 2,
    # spec revision of issue 14 (RISK_FLAGS.md rows DOM-2, ISO-3, CMP-2 and the calibration
    # section: 95th percentile of G(n, m), with a stated Monte Carlo budget)
    "dom_min_degree": 3,
    "iso_core_fit": 0.50,
    "cmp_niche_members": 3,
    "null_quantile": 0.95,
    "null_draws": 200,
}

# Thresholds the specification itself marks "heuristic".
SPEC_HEURISTIC = [
    "dom_centralization_watch",
    "dom_share",
    "dom_runner_up_ratio",
    "frg_distance",
    "frg_ei",
    "frg_min_average_degree",
    "mis_misaligned_share",
    "mis_issue_jaccard",
    "pwr_asymmetry",
    "pwr_dependence_share",
    "pwr_gini",
    "tru_network_watch",
    "tru_one_sided",
    "tru_reciprocity",
]


def test_defaults_are_the_spec_defaults():
    t = RiskThresholds()
    assert {name: getattr(t, name) for name in RiskThresholds.names()} == SPEC_DEFAULTS


@pytest.mark.parametrize("name", SPEC_HEURISTIC)
def test_spec_heuristics_are_marked(name):
    assert RiskThresholds.is_heuristic(name)


@pytest.mark.parametrize("name", ["dom_hhi_high", "cmp_hhi_watch", "dom_broker_z"])
def test_published_cut_offs_are_not_heuristic(name):
    assert not RiskThresholds.is_heuristic(name)


def test_every_field_is_documented_in_both_languages_and_the_docstring():
    for name in RiskThresholds.names():
        info_en, info_id = RiskThresholds.info(name), RiskThresholds.info(name, lang="id")
        assert info_en["doc"] and info_id["doc"] and info_en["doc"] != info_id["doc"]
        assert set(info_en["codes"]) <= set(flag_codes())
        assert name in RiskThresholds.__doc__


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RiskThresholds().dom_share = 0.3


def test_replace_changes_only_the_given_fields():
    t = RiskThresholds()
    u = t.replace(dom_share=0.3, min_raters=5)
    assert (u.dom_share, u.min_raters) == (0.3, 5)
    assert t.dom_share == 0.2
    assert u.dom_hhi_high == t.dom_hhi_high


def test_unknown_field_is_an_error():
    with pytest.raises(InvalidParameterError, match="has no field 'dom_shares'"):
        RiskThresholds(dom_shares=0.3)
    with pytest.raises(InvalidParameterError, match="has no field 'nope'"):
        RiskThresholds().replace(nope=1)
    with pytest.raises(InvalidParameterError, match="has no field 'nope'"):
        RiskThresholds.info("nope")
    with pytest.raises(InvalidParameterError, match="has no field 'nope'"):
        as_thresholds({"nope": 1}, "risk_flags")


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"dom_share": 1.5}, "'dom_share' parameter of RiskThresholds must be <= 1.0"),
        ({"min_raters": 2.5}, "'min_raters' parameter of RiskThresholds must be an integer"),
        ({"frg_ei": -2}, "'frg_ei' parameter of RiskThresholds must be >= -1.0"),
        ({"tru_member": "low"}, "'tru_member' parameter of RiskThresholds must be a finite"),
        ({"dom_centralization_high": 0.4}, "'dom_centralization_high' .* at or above"),
        ({"frg_lcc_high": 0.9}, "'frg_lcc_high' .* at or below"),
    ],
)
def test_invalid_values(changes, match):
    with pytest.raises(InvalidParameterError, match=match):
        RiskThresholds(**changes)


def test_as_thresholds_accepts_none_mapping_and_object():
    t = RiskThresholds(dom_share=0.3)
    assert as_thresholds(None, "f") == RiskThresholds()
    assert as_thresholds(t, "f") is t
    assert as_thresholds({"dom_share": 0.3}, "f") == t
    with pytest.raises(InvalidParameterError, match="'thresholds' parameter of f must be"):
        as_thresholds([("dom_share", 0.3)], "f")


@pytest.mark.parametrize(
    ("scale", "expected_rating", "expected_difference"),
    # brute force: the linear map of [1, 4] onto the scale, by hand
    [((1, 4), 2.5, 1.5), ((1, 5), 1 + 1.5 * 4 / 3, 1.5 * 4 / 3), ((0, 10), 5.0, 5.0)],
)
def test_rating_rescaling(scale, expected_rating, expected_difference):
    t = RiskThresholds()
    assert t.rating("tru_member", scale=scale) == pytest.approx(expected_rating)
    assert t.rating("pwr_asymmetry", scale=scale) == pytest.approx(expected_difference)


def test_rating_of_a_non_rating_field_is_an_error():
    with pytest.raises(InvalidParameterError, match="must name a rating threshold"):
        RiskThresholds().rating("dom_share")


def test_for_code():
    assert RiskThresholds.for_code("DOM-1") == (
        "dom_centralization_watch",
        "dom_centralization_high",
        "null_quantile",
        "null_draws",
    )
    assert RiskThresholds.for_code("ISO-1") == ()

"""The contract every public function of lsmnet.inference keeps (STYLE.md).

Like tests/metrics/test_contract.py for the metrics: every name of ``lsmnet.inference.__all__``
that is a function is run through the same checks: inputs are not mutated; the same seed gives
the same result, whatever ``n_jobs``; relabelling the organisations relabels the result and
changes nothing else; the return type does not depend on the number of permutations; a wrong
``data`` or ``progress`` argument raises an lsmnet error naming the function. A new public
function fails ``test_every_public_function_is_covered`` until it is added to ``CASES``.
"""

from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet import inference
from lsmnet.exceptions import LsmnetError


@dataclass(frozen=True)
class Case:
    """How to call one public function on a NetworkData (keyword arguments added per check)."""

    call: object
    seeded: bool = False  # takes permutations, seed, n_jobs and progress


def _pair(d):
    return inference.dyad_layer(d, "operational"), inference.dyad_layer(d, "advocacy")


CASES = {
    "dyad_same": Case(lambda d, **k: inference.dyad_same(d, "issues", method="jaccard")),
    "dyad_difference": Case(lambda d, **k: inference.dyad_difference(d, "budget")),
    "dyad_sum": Case(lambda d, **k: inference.dyad_sum(d, "founded")),
    "dyad_layer": Case(lambda d, **k: inference.dyad_layer(d, "funding")),
    "dyad_comembership": Case(lambda d, **k: inference.dyad_comembership(d)),
    "dyad_shared_funders": Case(lambda d, **k: inference.dyad_shared_funders(d)),
    "dyad_matrix": Case(lambda d, **k: inference.dyad_matrix(inference.dyad_layer(d, "network"))),
    "qap_correlation": Case(lambda d, **k: inference.qap_correlation(*_pair(d), **k), True),
    "qap_regression": Case(
        lambda d, **k: inference.qap_regression(
            inference.dyad_layer(d, "advocacy"),
            {
                "operational": inference.dyad_layer(d, "operational"),
                "same_type": inference.dyad_same(d, "type"),
            },
            family="logistic",
            **k,
        ),
        True,
    ),
    "homophily_table": Case(
        lambda d, **k: inference.homophily_table(d, ["province", "issues"], **k), True
    ),
    "layer_overlap": Case(
        lambda d, **k: inference.layer_overlap(d, layers=["operational", "capacity"], **k), True
    ),
    "multiplexity_table": Case(lambda d, **k: inference.multiplexity_table(d)),
}


@pytest.fixture(scope="module")
def data():
    full = lsm.datasets.load_dataset("indonesia_demo")
    keep = full.organizations["org_id"].iloc[:80]
    return lsm.from_frames(
        full.organizations[full.organizations["org_id"].isin(keep)],
        full.coalitions,
        full.memberships[full.memberships["org_id"].isin(keep)],
        full.ties[full.ties["source"].isin(keep) & full.ties["target"].isin(keep)],
    )


def _relabelled(data):
    ids = list(data.organizations["org_id"])
    mapping = {old: f"org-{k:03d}" for k, old in enumerate(reversed(ids))}
    orgs = data.organizations.assign(org_id=data.organizations["org_id"].map(mapping))
    members = data.memberships.assign(org_id=data.memberships["org_id"].map(mapping))
    ties = data.ties.assign(
        source=data.ties["source"].map(mapping), target=data.ties["target"].map(mapping)
    )
    return lsm.from_frames(orgs, data.coalitions, members, ties), mapping


def _kwargs(case, **extra):
    return ({"permutations": 30, "seed": 4} | extra) if case.seeded else {}


def _same(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, lsm.QapRegressionResult):
        pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
        np.testing.assert_array_equal(a.null_distribution, b.null_distribution)
        pd.testing.assert_series_equal(a.fit_statistics(), b.fit_statistics())
    else:
        pd.testing.assert_series_equal(a.to_series(), b.to_series())
        np.testing.assert_array_equal(a.null_values, b.null_values)


def _snapshot(data):
    return copy.deepcopy({t: getattr(data, t) for t in ("organizations", "memberships", "ties")})


def test_every_public_function_is_covered():
    public = {name for name in inference.__all__ if not inspect.isclass(getattr(inference, name))}
    assert public == set(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_no_mutation_and_reproducible(data, name):
    case = CASES[name]
    before = _snapshot(data)
    first = case.call(data, **_kwargs(case))
    for table, frame in before.items():
        pd.testing.assert_frame_equal(getattr(data, table), frame)
    _same(first, case.call(data, **_kwargs(case)))
    if case.seeded:
        _same(first, case.call(data, **_kwargs(case, n_jobs=2)))


@pytest.mark.parametrize("name", list(CASES))
def test_relabelling(data, name):
    case = CASES[name]
    first = case.call(data, **_kwargs(case))
    other, mapping = _relabelled(data)
    second = case.call(other, **_kwargs(case))
    inverse = {new: old for old, new in mapping.items()}
    if isinstance(second, pd.DataFrame) and set(second.index) <= set(inverse):
        second = second.rename(index=inverse, columns=inverse)
        second.index.name = first.index.name
    _same(first, second)


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.seeded])
def test_return_type_does_not_depend_on_permutations(data, name):
    case = CASES[name]
    none = case.call(data, permutations=0)
    some = case.call(data, permutations=5, seed=1)
    assert type(none) is type(some)
    if isinstance(none, pd.DataFrame):
        assert none.columns.tolist() == some.columns.tolist()


@pytest.mark.parametrize("name", list(CASES))
def test_errors_name_the_function(data, name):
    case = CASES[name]
    bad = {
        "dyad_matrix": lambda: inference.dyad_matrix(42),
        "qap_correlation": lambda: inference.qap_correlation(42, np.eye(3)),
        "qap_regression": lambda: inference.qap_regression(42, {"x": np.eye(3)}),
    }.get(name, lambda: case.call(42, **_kwargs(case)))
    with pytest.raises(LsmnetError, match=name):
        bad()
    if case.seeded:
        with pytest.raises(LsmnetError, match=f"'progress' parameter of {name}"):
            case.call(data, **_kwargs(case, progress="always"))

"""One result contract (issue 13).

- A function's return type never depends on its arguments' values (``ei_index`` is a float,
  ``ei_table`` a DataFrame: tests/metrics/test_ei.py).
- ``DataFrame.attrs`` / ``Series.attrs`` hold only scalars and strings: pandas compares
  ``attrs`` with ``==`` when it concatenates, so a DataFrame in ``attrs`` makes ``pd.concat``
  of two results raise ``ValueError`` under pandas 3, and containers are easy to mutate by
  accident through a shallow copy.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.datasets import load_dataset
from lsmnet.metrics.ei import ei_table

SCALARS = (str, bytes, numbers.Number, np.generic, bool, type(None))


@pytest.fixture(scope="module")
def demo():
    return load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def graph(demo):
    return lsm.coalition_graph(demo, "C01")


# public functions returning a DataFrame or Series, each run on bundled data
CALLS = {
    "centrality_table": lambda d, G: lsm.centrality_table(G),
    "brokerage_roles": lambda d, G: lsm.brokerage_roles(G, "province", z=True),
    "core_periphery": lambda d, G: lsm.core_periphery(G, seed=0),
    "cohesion_summary": lambda d, G: lsm.cohesion_summary(G, seed=0),
    "constraint": lambda d, G: lsm.constraint(G),
    "fragmentation_centrality": lambda d, G: lsm.fragmentation_centrality(G),
    "lorenz_curve": lambda d, G: lsm.lorenz_curve(pd.Series(dict(G.degree()))),
    "ei_table": lambda d, G: ei_table(G, "province", permutations=20, seed=0),
    "risk_flags": lambda d, G: lsm.risk_flags(d, coalition="C01"),
    "coalition_health": lambda d, G: lsm.coalition_health(d, coalition="C01", seed=0),
    "member_table": lambda d, G: lsm.member_table(d, "C01", seed=0),
    "bridge_organizations": lambda d, G: lsm.bridge_organizations(d, group="province", top=5),
    "weaving_suggestions": lambda d, G: lsm.weaving_suggestions(d, top=3, coalition="C01"),
    "health_over_time": lambda d, G: lsm.health_over_time(d, [2022, 2024], coalition="C01"),
}
# Functions whose result still breaks the rule, in files owned by others (issue 13); each
# xfail is strict, so it must be removed once the function is fixed.
STILL_BROKEN: dict[str, str] = {}


def non_scalar_attrs(result) -> dict[str, str]:
    return {
        key: type(value).__name__
        for key, value in result.attrs.items()
        if not isinstance(value, SCALARS)
    }


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason=STILL_BROKEN[name])
            if name in STILL_BROKEN
            else (),
        )
        for name in CALLS
    ],
)
def test_attrs_hold_only_scalars(name, demo, graph):
    result = CALLS[name](demo, graph)
    assert isinstance(result, pd.DataFrame | pd.Series)
    assert non_scalar_attrs(result) == {}


def test_two_risk_registers_concatenate():
    """pandas 3 compares attrs with == in concat: a DataFrame there raises ValueError."""
    demo = load_dataset("indonesia_demo")
    first = lsm.risk_flags(demo, coalition="C01")
    second = lsm.risk_flags(demo, coalition="C02")
    both = pd.concat([first, second], ignore_index=True)
    assert len(both) == len(first) + len(second)
    assert both["coalition"].isin(["C01", "C02"]).all()


def test_the_scan_catches_a_frame_in_attrs():
    table = pd.DataFrame({"a": [1]})
    table.attrs["notes"] = pd.DataFrame({"b": [2]})
    table.attrs["source"] = "fine"
    assert non_scalar_attrs(table) == {"notes": "DataFrame"}

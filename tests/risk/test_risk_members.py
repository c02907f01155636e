"""member_table: the brokerage columns belong to their member, and the flag codes (issue 18).

References: ``lsmnet.brokerage_roles`` on the coalition's partnership graph, looked up by
org_id (its own values are checked against R sna in ``tests/metrics``); for the flag codes,
the previous computation, written out below (the register of the coalition's rows built as
a table, then read row by row).
"""

from __future__ import annotations

import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.risk import members as members_module
from lsmnet.risk.flags import _CACHE, register, scopes

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


@pytest.fixture(scope="module")
def demo() -> lsm.NetworkData:
    return lsm.datasets.load_dataset("indonesia_demo")


def coalition_graph(data, coalition):
    args = dict(layers=None, at=None, thresholds=None, lang="en", seed=0, func="test")
    (scope,) = scopes(data, coalition=coalition, **args)
    return scope


@pytest.mark.parametrize("coalition", ["C01", "C02", "C05"])
def test_brokerage_columns_are_the_members_own(demo, coalition):
    # the graph's node order differs from member order in these coalitions; before the
    # alignment, 53 of C01's 56 members showed another member's role counts
    table = lsm.member_table(demo, coalition)
    scope = coalition_graph(demo, coalition)
    inside = [o for o in scope.members if pd.notna(scope.orgs.loc[o, "type"])]
    H = induced_subgraph(scope.graph, inside)
    assert list(H) != inside  # the case the alignment is for
    expected = lsm.brokerage_roles(H, scope.orgs.loc[inside, "type"].astype(str).to_dict())
    got = table.loc[inside, [*ROLES, "brokerage"]]
    want = expected.loc[inside, [*ROLES, "total"]].set_axis([*ROLES, "brokerage"], axis=1)
    pd.testing.assert_frame_equal(got, want.astype(float), check_names=False)
    assert got["brokerage"].sum() > 0


def previous_flag_codes(scope, members):
    """_flag_codes before it read the scope's rows directly (lsmnet 85cf39d)."""
    rows = register([scope])
    codes: dict = {o: [] for o in members}
    for code, level, entity in rows[["code", "level", "entity"]].itertuples(index=False):
        if level == "node":
            ends = [entity]
        elif level == "dyad":
            ends = entity.split("|")
        else:
            continue
        for org in ends:
            if org in codes and code not in codes[org]:
                codes[org].append(code)
    return [tuple(codes[o]) for o in members]


def test_flag_codes_as_from_the_register(demo):
    _CACHE.clear()
    ids = list(demo.coalitions["coalition_id"])
    seen = 0
    for coalition in ids:
        table = lsm.member_table(demo, coalition)
        scope = coalition_graph(demo, coalition)
        expected = previous_flag_codes(scope, scope.members)
        assert list(table["flags"]) == expected
        assert members_module._flag_codes(scope, scope.members) == expected
        seen += sum(len(c) > 1 for c in expected)
    assert seen > 10  # members with several codes, whose order is checked
    _CACHE.clear()

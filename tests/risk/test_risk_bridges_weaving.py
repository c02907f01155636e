"""bridge_organizations and weaving_suggestions; weaving checked against brute force."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet import InvalidParameterError
from lsmnet.risk import weaving


def sector(ties, provinces, issues=None, memberships=(), types=None):
    orgs = sorted(provinces)
    frame = pd.DataFrame(
        {
            "org_id": orgs,
            "name": [f"Org {o.upper()}" for o in orgs],
            "province": [provinces[o] for o in orgs],
            "issues": [(issues or {}).get(o, "") for o in orgs],
            "type": [(types or {}).get(o, "ngo") for o in orgs],
        }
    )
    members = pd.DataFrame(list(memberships), columns=["org_id", "coalition_id"])
    return lsm.from_frames(
        frame,
        memberships=members if len(members) else None,
        ties=pd.DataFrame(
            {"source": [a for a, _ in ties], "target": [b for _, b in ties], "layer": "network"}
        ),
    )


# -- bridges ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_provinces():
    # two cliques (Aceh, Papua) joined only through m (Jakarta), who is in both coalitions
    ties = [
        ("a1", "a2"),
        ("a2", "a3"),
        ("a1", "a3"),
        ("p1", "p2"),
        ("p2", "p3"),
        ("p1", "p3"),
        ("m", "a1"),
        ("m", "p1"),
    ]
    provinces = {
        "a1": "Aceh",
        "a2": "Aceh",
        "a3": "Aceh",
        "p1": "Papua",
        "p2": "Papua",
        "p3": "Papua",
        "m": "Jakarta",
    }
    memberships = [("a1", "K"), ("a2", "K"), ("m", "K"), ("m", "L"), ("p1", "L")]
    return sector(ties, provinces, memberships=memberships), ties


def test_the_bridge_ranks_first_with_a_reason(two_provinces):
    data, ties = two_provinces
    table = lsm.bridge_organizations(data)
    assert table.index[0] == "m"
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    reason = table.loc["m", "reason"]
    assert reason == (
        "Org M connects partners in Aceh and Papua (province) and spans 2 coalitions (K and L)."
    )
    reference = nx.betweenness_centrality(nx.Graph(ties), normalized=True)
    for org in table.index:
        assert table.loc[org, "betweenness"] == pytest.approx(reference[org])
    assert table.loc["m", "coalitions"] == 2 and table.loc["a3", "coalitions"] == 0
    assert table.loc["m", "groups_reached"] == 3  # its own province and its partners'


def test_bridge_z_scores_match_brokerage_roles(two_provinces):
    data, ties = two_provinces
    table = lsm.bridge_organizations(data)
    provinces = data.organizations.set_index("org_id")["province"].to_dict()
    roles = lsm.brokerage_roles(nx.Graph(ties), provinces, z=True)
    for role in ("liaison", "representative", "gatekeeper"):
        np.testing.assert_allclose(
            table[f"{role}_z"], roles[f"{role}_z"].reindex(table.index), equal_nan=True
        )


def test_bridge_score_is_the_documented_mean(two_provinces):
    data, _ = two_provinces
    table = lsm.bridge_organizations(data)
    parts = (
        pd.DataFrame(
            {
                "b": table["betweenness"],
                "c": table["coalitions"].astype(float),
                "z": table[["liaison_z", "representative_z", "gatekeeper_z"]].max(axis=1),
                "o": 1 - table["constraint"],
                "f": table["fragmentation_centrality"],
            }
        )
        .clip(lower=0)
        .fillna(0)
    )
    expected = (parts / parts.max().where(parts.max() > 0, 1)).mean(axis=1)
    np.testing.assert_allclose(table["bridge_score"], expected)


def test_bridges_top_group_and_language(two_provinces):
    data, _ = two_provinces
    assert len(lsm.bridge_organizations(data, top=2)) == 2
    by_type = lsm.bridge_organizations(data, group="type", lang="id")
    assert by_type.loc["m", "reason"].startswith("Org M hanya bermitra di LSM (jenis)")
    by_issue = lsm.bridge_organizations(data, group="issues")
    assert by_issue["liaison_z"].isna().all()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"group": "colour"}, "'group' parameter of bridge_organizations"),
        ({"top": 0}, "'top' parameter of bridge_organizations"),
        ({"lang": "fr"}, "'lang' parameter of bridge_organizations"),
    ],
)
def test_bridges_errors(two_provinces, kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        lsm.bridge_organizations(two_provinces[0], **kwargs)


# -- weaving ----------------------------------------------------------------------------------
def objective_brute(G, objective):
    """Borgatti distance fragmentation, or the share of ordered pairs within two steps."""
    n = len(G)
    lengths = dict(nx.all_pairs_shortest_path_length(G))
    total = 0.0
    for i, j in itertools.permutations(G, 2):
        d = lengths[i].get(j)
        if d is not None:
            total += 1 / d if objective == "fragmentation" else float(d <= 2)
    share = total / (n * (n - 1))
    return 1 - share if objective == "fragmentation" else share


def greedy_brute(G, k, objective, issues, issue_weight, max_per_org):
    """Greedy selection by recomputing the objective for every candidate pair."""
    G = G.copy()
    used = dict.fromkeys(G, 0)
    chosen = []
    for _ in range(k):
        current = objective_brute(G, objective)
        best, best_score = None, 1e-12
        for a, b in itertools.combinations(list(G), 2):
            if G.has_edge(a, b) or used[a] >= max_per_org or used[b] >= max_per_org:
                continue
            H = G.copy()
            H.add_edge(a, b)
            after = objective_brute(H, objective)
            gain = current - after if objective == "fragmentation" else after - current
            score = gain * (1 + issue_weight * bool(issues[a] & issues[b]))
            if score > best_score * (1 + 1e-9):
                best, best_score = (a, b, gain, after), score
        if best is None:
            break
        a, b, gain, after = best
        G.add_edge(a, b)
        used[a] += 1
        used[b] += 1
        chosen.append(best)
    return chosen


@pytest.fixture(scope="module")
def random_sector():
    rng = np.random.default_rng(11)
    G = nx.gnm_random_graph(14, 12, seed=3)
    G = nx.relabel_nodes(G, {i: f"o{i:02d}" for i in G})
    issue_pool = ["x", "y", "z"]
    issues = {o: set(rng.choice(issue_pool, size=rng.integers(1, 3), replace=False)) for o in G}
    data = lsm.from_frames(
        pd.DataFrame(
            {"org_id": sorted(G), "issues": ["|".join(sorted(issues[o])) for o in sorted(G)]}
        ),
        ties=pd.DataFrame(
            {
                "source": [a for a, _ in G.edges()],
                "target": [b for _, b in G.edges()],
                "layer": "network",
            }
        ),
    )
    H = nx.Graph()
    H.add_nodes_from(sorted(G))
    H.add_edges_from(G.edges())
    return data, H, issues


@pytest.mark.parametrize("objective", ["fragmentation", "reach"])
@pytest.mark.parametrize("vector_nodes", [150, 0])  # batched and block-wise scoring
def test_weaving_matches_brute_force_greedy(random_sector, objective, vector_nodes, monkeypatch):
    monkeypatch.setattr(weaving, "VECTOR_NODES", vector_nodes)
    data, G, issues = random_sector
    table = lsm.weaving_suggestions(data, top=4, objective=objective)
    expected = greedy_brute(G, 4, objective, issues, 0.5, 2)
    assert list(zip(table["source"], table["target"], strict=True)) == [
        (a, b) for a, b, _, _ in expected
    ]
    np.testing.assert_allclose(table["gain"], [g for _, _, g, _ in expected], rtol=1e-9)
    np.testing.assert_allclose(table["objective_after"], [x for *_, x in expected], rtol=1e-9)
    assert table.attrs["objective_before"] == pytest.approx(objective_brute(G, objective))
    assert (
        table["objective_before"].iloc[1:].to_numpy()
        == table["objective_after"].iloc[:-1].to_numpy()
    ).all()


def test_weaving_without_issue_preference(random_sector):
    data, G, issues = random_sector
    table = lsm.weaving_suggestions(data, top=3, issue_weight=0)
    expected = greedy_brute(G, 3, "fragmentation", issues, 0, 2)
    assert list(zip(table["source"], table["target"], strict=True)) == [
        (a, b) for a, b, _, _ in expected
    ]


def test_weaving_respects_max_per_org_and_screening(random_sector):
    data, _, _ = random_sector
    table = lsm.weaving_suggestions(data, top=8, max_per_org=1, max_candidates=30)
    ends = list(table["source"]) + list(table["target"])
    assert len(ends) == len(set(ends))
    assert (table["gain"] > 0).all()


def test_weaving_joins_components_first_and_explains():
    data = sector(
        [("a", "b"), ("b", "c"), ("d", "e"), ("e", "f")],
        dict.fromkeys("abcdef", "P"),
        issues={"b": "x", "e": "x"},
    )
    table = lsm.weaving_suggestions(data, top=1)
    row = table.iloc[0]
    assert {row["source"], row["target"]} == {"b", "e"} and row["joins_components"]
    assert row["shared_issues"] == ("x",)
    assert row["reason"] == (
        "Introducing Org B and Org E would lower distance fragmentation "
        "from 0.67 to 0.38 and join two separate parts of the network; "
        "both work on x."
    )
    indonesian = lsm.weaving_suggestions(data, top=1, lang="id")["reason"].iloc[0]
    assert indonesian.startswith("Mempertemukan Org B dan Org E akan menurunkan")


def test_weaving_in_a_coalition_and_without_funders():
    data = sector(
        [("a", "b"), ("c", "d")],
        dict.fromkeys("abcdf", "P"),
        memberships=[("a", "K"), ("b", "K"), ("c", "K")],
        types={"f": "funder"},
    )
    inside = lsm.weaving_suggestions(data, coalition="K")
    assert set(inside["source"]) | set(inside["target"]) <= {"a", "b", "c"}
    everyone = lsm.weaving_suggestions(data)
    assert "f" not in set(everyone["source"]) | set(everyone["target"])


def test_weaving_on_an_empty_coalition():
    nobody = lsm.from_frames(coalitions=pd.DataFrame({"coalition_id": ["K"]}))
    table = lsm.weaving_suggestions(nobody, coalition="K")
    assert table.empty and np.isnan(table.attrs["objective_before"])


def test_weaving_stops_when_nothing_helps():
    data = sector([("a", "b"), ("b", "c"), ("a", "c")], dict.fromkeys("abc", "P"))
    assert lsm.weaving_suggestions(data).empty


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"top": 0}, "'top' parameter of weaving_suggestions"),
        ({"objective": "speed"}, "'objective' parameter of weaving_suggestions"),
        ({"issue_weight": -1}, "'issue_weight' parameter of weaving_suggestions"),
        ({"max_candidates": 0}, "'max_candidates' parameter of weaving_suggestions"),
        ({"max_per_org": 0}, "'max_per_org' parameter of weaving_suggestions"),
        ({"lang": "fr"}, "'lang' parameter of weaving_suggestions"),
    ],
)
def test_weaving_errors(kwargs, match):
    data = sector([("a", "b")], dict.fromkeys("abc", "P"))
    with pytest.raises(InvalidParameterError, match=match):
        lsm.weaving_suggestions(data, **kwargs)


def test_weaving_refuses_huge_networks(monkeypatch):
    monkeypatch.setattr(weaving, "MAX_NODES", 2)
    data = sector([("a", "b")], dict.fromkeys("abc", "P"))
    with pytest.raises(InvalidParameterError, match="at most 2 organisations"):
        lsm.weaving_suggestions(data)


def test_k_is_a_deprecated_spelling_of_top():
    data = lsm.datasets.load_dataset("indonesia_demo")
    with pytest.warns(DeprecationWarning, match="use top="):
        old = lsm.weaving_suggestions(data, k=2, coalition="C04")
    new = lsm.weaving_suggestions(data, top=2, coalition="C04")
    pd.testing.assert_frame_equal(old, new)
    with pytest.raises(lsm.InvalidParameterError, match="not both"):
        lsm.weaving_suggestions(data, top=3, k=2, coalition="C04")

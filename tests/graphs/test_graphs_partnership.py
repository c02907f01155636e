"""partnership_graph and coalition_graph against a brute-force merge written in this file."""

import itertools
import math
import warnings
from collections import defaultdict

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm

ORGS = [f"o{i}" for i in range(10)]


def random_ties(seed, n=60):
    """Ties in an undirected layer, a mixed layer and a directed layer, with reciprocated arcs."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        s, t = rng.choice(ORGS, 2, replace=False)
        layer = rng.choice(["operational", "advocacy", "funding"])
        directed = layer == "funding" or (layer == "advocacy" and rng.random() < 0.5)
        rows.append(
            {
                "source": s,
                "target": t,
                "layer": layer,
                "weight": float(rng.choice([0.5, 1.0, 2.0, 3.0])),
                "directed": bool(directed),
                "amount": float(rng.integers(1, 9) * 1000) if rng.random() < 0.4 else np.nan,
                "start": pd.Timestamp("2018-01-01") + pd.Timedelta(days=i),
            }
        )
    for i, row in enumerate([r for r in rows if r["directed"]][:8]):
        rows.append(
            row
            | {
                "source": row["target"],
                "target": row["source"],
                "start": pd.Timestamp("2022-01-01") + pd.Timedelta(days=i),
            }
        )
    return pd.DataFrame(rows)


def make_data(ties, memberships=None):
    orgs = pd.DataFrame({"org_id": ORGS, "name": [f"Yayasan {o.upper()}" for o in ORGS]})
    return lsm.from_frames(organizations=orgs, ties=ties, memberships=memberships)


def brute_force(ties, graph_directed, combine, symmetrize):
    """Expected {edge key: attrs}, from the rules in the docstring, one record at a time."""
    records = defaultdict(list)
    rows = list(ties.itertuples(index=False))
    for r in rows:
        if graph_directed:
            records[(r.source, r.target)].append(r)
            if not r.directed:
                records[(r.target, r.source)].append(r)
            continue
        if r.directed and symmetrize == "reciprocated":
            back = any(
                q.directed and q.layer == r.layer and (q.source, q.target) == (r.target, r.source)
                for q in rows
            )
            if not back:
                continue
        records[frozenset((r.source, r.target))].append(r)
    expected = {}
    for key, recs in records.items():
        weights = [r.weight for r in recs]
        amounts = [r.amount for r in recs if not math.isnan(r.amount)]
        layers = tuple(sorted({r.layer for r in recs}))
        expected[key] = {
            "weight": {"sum": sum(weights), "max": max(weights), "count": len(weights)}[combine],
            "layers": layers,
            "multiplexity": len(layers),
            "amount": sum(amounts) if amounts else math.nan,
        }
    return expected


def as_dict(G):
    key = (lambda u, v: (u, v)) if G.is_directed() else (lambda u, v: frozenset((u, v)))
    return {key(u, v): d for u, v, d in G.edges(data=True)}


def assert_matches(G, expected):
    got = as_dict(G)
    assert set(got) == set(expected)
    for k, want in expected.items():
        have = got[k]
        assert math.isclose(have["weight"], want["weight"]), k
        assert have["layers"] == want["layers"] and have["multiplexity"] == want["multiplexity"]
        assert (math.isnan(have["amount"]) and math.isnan(want["amount"])) or math.isclose(
            have["amount"], want["amount"]
        )


LAYER_CHOICES = [["operational"], ["funding"], ["operational", "advocacy", "funding"]]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("layers", LAYER_CHOICES)
@pytest.mark.parametrize("directed", [None, True, False])
@pytest.mark.parametrize("symmetrize", [None, "union", "reciprocated"])
@pytest.mark.parametrize("combine", ["sum", "max", "count"])
def test_against_brute_force(seed, layers, directed, symmetrize, combine):
    ties = random_ties(seed)
    data = make_data(ties)
    chosen = ties[ties["layer"].isin(layers)]
    any_directed = bool(chosen["directed"].any())
    mixed = any_directed and not chosen["directed"].all()
    kwargs = {"layers": layers, "directed": directed, "combine": combine}
    kwargs["symmetrize"] = symmetrize
    if symmetrize is not None and directed is True:
        with pytest.raises(lsm.InvalidParameterError, match="cannot be combined with directed"):
            lsm.partnership_graph(data, **kwargs)
        return
    if symmetrize is None and directed is False and any_directed:
        with pytest.raises(lsm.InvalidParameterError, match="Pass symmetrize='union'"):
            lsm.partnership_graph(data, **kwargs)
        return
    if symmetrize is None and directed is None and mixed:
        with pytest.warns(lsm.LsmnetWarning, match="entered as two opposite arcs"):
            G = lsm.partnership_graph(data, **kwargs)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            G = lsm.partnership_graph(data, **kwargs)
    graph_directed = symmetrize is None and (directed or (directed is None and any_directed))
    assert G.is_directed() == graph_directed
    assert_matches(G, brute_force(chosen, graph_directed, combine, symmetrize))
    assert G.graph["layers"] == tuple(sorted(layers))


def test_warning_points_at_the_caller():
    data = make_data(random_ties(0))
    with pytest.warns(lsm.LsmnetWarning) as record:
        lsm.partnership_graph(data, layers=["operational", "funding"])
    assert record[0].filename == __file__


def test_every_organisation_is_a_node_with_attributes():
    ties = pd.DataFrame({"source": ["o1"], "target": ["o2"], "layer": ["capacity"]})
    G = lsm.partnership_graph(make_data(ties))
    assert set(G) == set(ORGS)
    assert G.nodes["o5"]["label"] == "Yayasan O5" and G.degree("o5") == 0
    assert G["o1"]["o2"] == {"weight": 1.0, "layers": ("capacity",), "multiplexity": 1,
                             "amount": G["o1"]["o2"]["amount"]}  # fmt: skip
    assert math.isnan(G["o1"]["o2"]["amount"])


def test_default_layers_leave_out_funding_and_competition():
    ties = pd.DataFrame(
        {
            "source": ["o1", "o1", "o3", "o5"],
            "target": ["o2", "o2", "o4", "o6"],
            "layer": ["network", "advocacy", "competition", "funding"],
        }
    )
    data = make_data(ties)
    G = lsm.partnership_graph(data)
    assert not G.is_directed()
    assert G.graph["layers"] == ("advocacy", "network")
    assert list(G.edges(data="layers")) == [("o1", "o2", ("advocacy", "network"))]
    assert G["o1"]["o2"]["multiplexity"] == 2 and G["o1"]["o2"]["weight"] == 2.0
    C = lsm.partnership_graph(data, layers="competition")
    assert list(C.edges) == [("o3", "o4")]
    F = lsm.partnership_graph(data, layers=["funding"])
    assert F.is_directed() and list(F.edges) == [("o5", "o6")]


def test_snapshot_keeps_the_graph_type():
    ties = pd.DataFrame(
        {
            "source": ["o1", "o3"],
            "target": ["o2", "o4"],
            "layer": ["funding", "funding"],
            "start": ["2018-01-01", "2022-01-01"],
            "end": ["2019-12-31", None],
        }
    )
    data = make_data(ties)
    G = lsm.partnership_graph(data, layers=["funding"], at=2023)
    assert G.is_directed()  # decided on every tie, whatever its dates
    assert list(G.edges) == [("o3", "o4")]
    assert lsm.partnership_graph(data, layers=["funding"], at="2019-06-01").has_edge("o1", "o2")
    empty_layer = lsm.partnership_graph(data, layers=["advocacy"])
    assert not empty_layer.is_directed() and empty_layer.number_of_edges() == 0


def test_parameter_errors():
    data = make_data(random_ties(0))
    with pytest.raises(
        lsm.InvalidParameterError,
        match=r"Got unknown 'operatonal' \(did you mean 'operational'\?\)",
    ):
        lsm.partnership_graph(data, layers=["operatonal"])
    with pytest.raises(lsm.InvalidParameterError, match="at least one layer"):
        lsm.partnership_graph(data, layers=[])
    with pytest.raises(lsm.InvalidParameterError, match="'combine' parameter"):
        lsm.partnership_graph(data, combine="mean")
    with pytest.raises(lsm.InvalidParameterError, match="'symmetrize' parameter"):
        lsm.partnership_graph(data, symmetrize="both")
    with pytest.raises(lsm.InvalidParameterError, match=r"'directed' parameter .* Got 'yes'"):
        lsm.partnership_graph(data, directed="yes")


def test_declared_layer_is_accepted():
    ties = pd.DataFrame({"source": ["o1"], "target": ["o2"], "layer": ["mentoring"]})
    orgs = pd.DataFrame({"org_id": ORGS})
    data = lsm.from_frames(organizations=orgs, ties=ties, layers=["mentoring"])
    assert lsm.partnership_graph(data).has_edge("o1", "o2")
    assert lsm.partnership_graph(data, layers=["mentoring"]).has_edge("o2", "o1")


def test_does_not_mutate_input():
    data = make_data(random_ties(1))
    before = data.ties.copy()
    lsm.partnership_graph(data, layers=["advocacy", "funding"], symmetrize="reciprocated")
    pd.testing.assert_frame_equal(data.ties, before)


@pytest.fixture
def coalition_data():
    ties = random_ties(2)
    memberships = pd.DataFrame(
        {
            "org_id": ["o0", "o1", "o2", "o9", "o3"],
            "coalition_id": ["K", "K", "K", "K", "L"],
            "start": [None, None, "2020-01-01", None, None],
            "end": [None, None, None, "2019-12-31", None],
        }
    )
    # o9 gets no tie: it must still be a node
    ties = ties[(ties["source"] != "o9") & (ties["target"] != "o9")]
    return make_data(ties, memberships)


def test_coalition_graph_is_the_induced_subgraph(coalition_data):
    G = lsm.coalition_graph(coalition_data, "K", layers=["operational"])
    full = lsm.partnership_graph(coalition_data, layers=["operational"])
    assert set(G) == {"o0", "o1", "o2", "o9"}
    assert G.degree("o9") == 0
    expected = {frozenset(e) for e in full.edges if set(e) <= set(G)}
    assert {frozenset(e) for e in G.edges} == expected
    for u, v in G.edges:
        assert G[u][v] == full[u][v]
    assert G.graph["coalition_id"] == "K" and G.graph["layers"] == ("operational",)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"layers": ["funding"]},
        {"layers": ["funding"], "symmetrize": "reciprocated"},
        {"combine": "max", "at": 2021},
    ],
)
def test_coalition_graph_equals_the_whole_graphs_subgraph_in_order(options):
    # reference: the subgraph of the whole partnership graph (how coalition_graph was built
    # before it filtered the ties first); node order, edge order, each node's neighbour order
    # and attributes identical
    from lsmnet.graphs._subgraph import induced_subgraph

    data = lsm.datasets.load_dataset("indonesia_demo")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lsm.LsmnetWarning)
        full = lsm.partnership_graph(data, **options)
        for coalition in data.coalitions["coalition_id"]:
            G = lsm.coalition_graph(data, coalition, **options)
            H = induced_subgraph(full, data.coalition_members(coalition, at=options.get("at")))
            # repr: NaN amounts compare unequal to themselves
            assert repr(list(G.nodes(data=True))) == repr(list(H.nodes(data=True)))
            assert repr(list(G.edges(data=True))) == repr(list(H.edges(data=True)))
            assert [list(G.adj[n]) for n in G] == [list(H.adj[n]) for n in H]
            if G.is_directed():
                assert [list(G.pred[n]) for n in G] == [list(H.pred[n]) for n in H]
            assert G.graph == {**H.graph, "coalition_id": coalition}


def test_coalition_graph_snapshot(coalition_data):
    G = lsm.coalition_graph(coalition_data, "K", layers=["operational"], at=2021)
    assert set(G) == {"o0", "o1", "o2"}  # o9 left in 2019
    G2019 = lsm.coalition_graph(coalition_data, "K", layers=["operational"], at=2019)
    assert set(G2019) == {"o0", "o1", "o9"}


def test_coalition_graph_passes_options_and_warns_at_the_caller(coalition_data):
    with pytest.warns(lsm.LsmnetWarning, match="coalition_graph") as record:
        G = lsm.coalition_graph(coalition_data, "K", layers=["operational", "funding"])
    assert record[0].filename == __file__
    assert G.is_directed()
    S = lsm.coalition_graph(coalition_data, "K", layers=["funding"], symmetrize="union")
    assert not S.is_directed()


def test_coalition_graph_errors(coalition_data):
    with pytest.raises(lsm.InvalidParameterError, match=r"coalition_id.*Got 'Z'\.$"):
        lsm.coalition_graph(coalition_data, "Z")
    named = make_data(None, pd.DataFrame({"org_id": ["o1"], "coalition_id": ["Koalisi"]}))
    with pytest.raises(lsm.InvalidParameterError, match=r"'Koalsi' \(did you mean 'Koalisi'"):
        lsm.coalition_graph(named, "Koalsi")
    with pytest.raises(lsm.InvalidParameterError, match="'layers' parameter of coalition_graph"):
        lsm.coalition_graph(coalition_data, "K", layers=["nope"])


def test_reciprocated_keeps_only_two_way_arcs():
    ties = pd.DataFrame(
        {
            "source": ["o1", "o2", "o3", "o4", "o5"],
            "target": ["o2", "o1", "o4", "o3", "o6"],
            "layer": ["funding", "funding", "funding", "advocacy", "funding"],
            "weight": [1.0, 2.0, 1.0, 1.0, 1.0],
            "directed": [True, True, True, True, True],
        }
    )
    G = lsm.partnership_graph(make_data(ties), layers=["funding", "advocacy"],
                              symmetrize="reciprocated")  # fmt: skip
    # o3->o4 funding and o4->o3 advocacy are different layers: not reciprocated
    assert list(G.edges) == [("o1", "o2")]
    assert G["o1"]["o2"]["weight"] == 3.0
    U = lsm.partnership_graph(make_data(ties), layers=["funding", "advocacy"], symmetrize="union")
    assert U.number_of_edges() == 3 and U["o3"]["o4"]["layers"] == ("advocacy", "funding")


def test_empty_data():
    G = lsm.partnership_graph(lsm.from_frames())
    assert isinstance(G, nx.Graph) and not G.is_directed() and len(G) == 0


def test_large_input_is_vectorised():
    """5,000 ties on 500 organisations build well within a second (no loop over pairs)."""
    rng = np.random.default_rng(0)
    orgs = [f"n{i}" for i in range(500)]
    pairs = [p for p in itertools.combinations(range(500), 2) if rng.random() < 0.04][:5000]
    ties = pd.DataFrame(
        {
            "source": [orgs[a] for a, _ in pairs],
            "target": [orgs[b] for _, b in pairs],
            "layer": rng.choice(["network", "advocacy"], len(pairs)),
        }
    )
    data = lsm.from_frames(organizations=pd.DataFrame({"org_id": orgs}), ties=ties)
    G = lsm.partnership_graph(data)
    assert G.number_of_edges() == len(pairs)

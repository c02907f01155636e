"""The vectorised candidate screen of weaving_suggestions (issue 18, item 4).

Reference: ``loop_screen`` below, the pair-by-pair loop and sort key of lsmnet before the
screen was vectorised (commit 464b020), kept here as the brute force.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from scipy.sparse.csgraph import shortest_path

import lsmnet as lsm
from lsmnet.graphs.partnership import partnership_graph
from lsmnet.risk import weaving


def loop_screen(candidates, G, position, D, component, sizes, degree, issues, limit):
    pairs = []
    ordered = sorted(candidates, key=position.get)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if not G.has_edge(a, b):
                pairs.append((a, b))
    if len(pairs) <= limit:
        return pairs

    def key(pair):
        u, v = position[pair[0]], position[pair[1]]
        apart = component[u] != component[v]
        size = sizes[component[u]] * sizes[component[v]] if apart else 0
        distance = D[u, v] if not apart else np.inf
        return (
            -size,
            -distance,
            -bool(issues[pair[0]] & issues[pair[1]]),
            -(degree[u] + degree[v]),
            u,
            v,
        )

    return sorted(pairs, key=key)[:limit]


def screen_inputs(G, issues, candidates):
    nodes = list(G)
    position = {o: i for i, o in enumerate(nodes)}
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    D = shortest_path(A, method="D", directed=False, unweighted=True)
    component = np.full(len(nodes), -1)
    sizes = []
    for c, members in enumerate(nx.connected_components(G)):
        component[[position[o] for o in members]] = c
        sizes.append(len(members))
    degree = np.array([G.degree(o) for o in nodes], dtype=float)
    return candidates, G, position, D, component, sizes, degree, issues


@pytest.mark.parametrize("limit", [1, 50, 2000, 10**6])
def test_screen_equals_the_loop_on_the_example(limit):
    data = lsm.datasets.load_dataset("indonesia_demo")
    G = partnership_graph(data, symmetrize="union")
    orgs = data.organizations.set_index("org_id")
    issues = {o: set(orgs.at[o, "issues"]) for o in G}
    funders = set(orgs.index[orgs["type"] == "funder"])
    inputs = screen_inputs(G, issues, [o for o in G if o not in funders])
    assert weaving._screen(*inputs, limit) == loop_screen(*inputs, limit)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_screen_equals_the_loop_on_random_sectors(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    # several components, isolates, ties in distance and degree, more than 64 issues (two
    # words of bits), candidates a shuffled subset, blocks of 7 rows
    G = nx.gnm_random_graph(120, 150, seed=seed)
    G.add_nodes_from(range(120, 130))
    G = nx.relabel_nodes(G, {v: f"o{v:03d}" for v in G})
    topics = [f"i{k}" for k in range(70)]
    issues = {o: set(rng.choice(topics, rng.integers(0, 3), replace=False)) for o in G}
    candidates = list(rng.permutation(list(G))[:100])
    monkeypatch.setattr(weaving, "SCREEN_ROWS", 7)
    inputs = screen_inputs(G, issues, candidates)
    for limit in (1, 333, 5000, 10**6):
        assert weaving._screen(*inputs, limit) == loop_screen(*inputs, limit)

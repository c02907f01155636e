"""The benchmark cases: each times lsmnet, then the same computation in plain networkx.

Every case is a function ``case_<name>(n) -> dict`` run by ``run.py`` in a fresh subprocess.
It returns:

- ``seconds``: wall time of the lsmnet call(s); ``cpu_seconds``: their CPU time (on a
  loaded machine wall time includes waiting for a core, CPU time does not);
- ``peak_mb``: peak resident memory of the process right after the lsmnet call(s), which
  includes the input data; ``base_mb``: the same before the call (so the call itself added at
  most ``peak_mb - base_mb``);
- ``nx_seconds``: the same computation in plain networkx (None where networkx has none),
  ``nx_extrapolated``: True when it was timed on a sample of sources or nodes and scaled
  linearly, because the full computation would take more than a few minutes;
- ``agree``: True/False when both results were compared (exact algorithms to 1e-9, iterative
  ones to their tolerance, stated in ``note``), None when they were not;
- ``note``: what was measured.

lsmnet always runs first, so networkx's memory never counts in ``peak_mb``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import networkx as nx
import numpy as np
import pandas as pd
import sectors

TOL = 1e-9
MEASURES = ("degree", "betweenness", "closeness", "eigenvector")
#: sources/nodes networkx is timed on when the full computation would be too slow
NX_SAMPLE = {1_000: 1_000, 10_000: 100, 100_000: 20}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


class Lsmnet:
    """Times the lsmnet part of a case (wall, CPU, peak memory) across one or more calls."""

    def __init__(self):
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.base_mb = _rss_mb()

    def run(self, fn, *args, **kwargs):
        c0, t0 = _cpu(), time.perf_counter()
        out = fn(*args, **kwargs)
        self.seconds += time.perf_counter() - t0
        self.cpu_seconds += _cpu() - c0
        self.peak_mb = _rss_mb()
        return out

    def result(self, **fields) -> dict:
        out = {
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "peak_mb": self.peak_mb,
            "base_mb": self.base_mb,
            "nx_seconds": None,
            "nx_extrapolated": False,
            "agree": None,
        }
        out.update(fields)
        return out


def _ties(n: int) -> int:
    # the top size carries the 1M ties; smaller sizes have mean degree 10
    return 1_000_000 if n >= 100_000 else 5 * n


def _graph(n: int) -> nx.Graph:
    return sectors.partnership_graph(n, mean_degree=2 * _ties(n) / n, seed=n)


def _sample(G, n: int, seed: int = 0) -> list:
    k = NX_SAMPLE.get(n, min(n, 1_000))
    nodes = list(G)
    if k >= len(nodes):
        return nodes
    return [nodes[i] for i in np.random.default_rng(seed).choice(len(nodes), k, replace=False)]


def _max_diff(got, want) -> float:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    both = ~(np.isnan(got) & np.isnan(want))
    diff = np.abs(got[both] - want[both])
    return float(np.max(diff)) if diff.size else 0.0


def _groups(G, k: int = 10, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    return {v: f"P{rng.integers(0, k)}" for v in G}


# -- centrality ------------------------------------------------------------------------------
def _nx_centrality_columns(G, n: int) -> tuple[float, bool, dict]:
    """networkx time for the columns of centrality_table (path measures and Burt's measures on
    a sample of sources/nodes when the graph is large), and its exact betweenness if computed."""
    N = G.number_of_nodes()
    src = _sample(G, n)
    burt = src[:200]  # networkx's constraint takes about 50 ms a node
    full = len(src) == N
    t = {}
    _, t["degree"] = _timed(dict, G.degree())
    bc, t["betweenness"] = _timed(
        nx.betweenness_centrality, G, k=None if full else len(src), seed=0
    )
    _, t["closeness"] = _timed(lambda: {u: nx.closeness_centrality(G, u) for u in src})
    _, t["harmonic"] = _timed(nx.harmonic_centrality, G, nbunch=src)
    _, t["effective_size"] = _timed(nx.effective_size, G, nodes=burt)
    _, t["constraint"] = _timed(nx.constraint, G, nodes=burt)
    for key in ("betweenness", "closeness", "harmonic"):
        t[key] *= N / len(src)
    for key in ("effective_size", "constraint"):
        t[key] *= N / len(burt)
    # networkx refuses disconnected graphs here: it is timed on the largest component
    giant = G.subgraph(max(nx.connected_components(G), key=len))
    _, t["eigenvector"] = _timed(nx.eigenvector_centrality_numpy, giant)
    _, t["pagerank"] = _timed(nx.pagerank, G)
    _, t["core_number"] = _timed(nx.core_number, G)
    _, t["clustering"] = _timed(nx.clustering, G)
    _, t["articulation"] = _timed(lambda: set(nx.articulation_points(G)))
    return sum(t.values()), len(burt) < N, bc if full else None


def case_centrality_table(n: int, *, exact: bool = False) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.centrality_table(nx.path_graph(3))  # imports, not the computation
    run = Lsmnet()
    table = run.run(lsm.centrality_table, G, approx=n if exact else None, seed=0)
    nx_seconds, extrapolated, bc = _nx_centrality_columns(G, n)
    agree, how = None, ""
    if bc is not None and table.attrs["path_measures"] == "exact":
        worst = _max_diff(table["betweenness"], [bc[u] for u in table.index])
        agree, how = worst <= TOL, f"; max abs(betweenness - networkx) {worst:.1e}"
    paths = table.attrs["path_measures"]
    if paths == "approximate":
        bound = table.attrs["error_bound"]
        paths += f" ({table.attrs['sources']} sources, error bound {bound:.3f})"
    return run.result(
        nx_seconds=nx_seconds,
        nx_extrapolated=extrapolated,
        agree=agree,
        note=f"{G.number_of_nodes()} nodes, {G.number_of_edges()} ties; path measures {paths}; "
        "networkx: the same columns, exact" + how,
    )


def case_centrality_table_exact(n: int) -> dict:
    return case_centrality_table(n, exact=True)


def _freeman(scores: np.ndarray, maximum: float) -> float:
    return float(np.sum(scores.max() - scores) / maximum)


def case_centralization(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.centralization(nx.path_graph(3))
    measures = ["degree", "eigenvector"] if n >= 100_000 else list(MEASURES)
    run = Lsmnet()
    got = {m: run.run(lsm.centralization, G, m) for m in measures}
    N = G.number_of_nodes()
    src = _sample(G, n)
    full = len(src) == N
    t = {}
    want = {}
    deg, t["degree"] = _timed(lambda: np.array([d for _, d in G.degree()], float))
    want["degree"] = _freeman(deg, (N - 1) * (N - 2))
    if "betweenness" in measures:
        bc, t["betweenness"] = _timed(
            nx.betweenness_centrality, G, k=None if full else len(src), normalized=False, seed=0
        )
        t["betweenness"] *= N / len(src)
        if full:
            want["betweenness"] = _freeman(np.array(list(bc.values())), (N - 1) ** 2 * (N - 2) / 2)
    if "closeness" in measures:
        _, t["closeness"] = _timed(lambda: [nx.closeness_centrality(G, u) for u in src])
        t["closeness"] *= N / len(src)
    giant = G.subgraph(max(nx.connected_components(G), key=len))
    _, t["eigenvector"] = _timed(nx.eigenvector_centrality_numpy, giant)
    checked = {m: abs(got[m] - want[m]) for m in want}
    agree = all(d <= TOL for d in checked.values())
    return run.result(
        nx_seconds=sum(t.values()),
        nx_extrapolated=not full,
        agree=agree,
        note=f"Freeman centralization: {', '.join(measures)}"
        + ("" if n < 100_000 else " (exact betweenness/closeness at 100k take hours; not run)")
        + "; compared with networkx: "
        + ", ".join(f"{m} {d:.1e}" for m, d in checked.items()),
    )


def case_bonacich_power(n: int) -> dict:
    import scipy.sparse.linalg as sla

    import lsmnet as lsm

    G = _graph(n)
    lsm.bonacich_power(nx.path_graph(3), beta=0.1)
    A = nx.to_scipy_sparse_array(G, weight=None, dtype=float)
    lam = float(sla.eigsh(A, k=1, which="LA", return_eigenvectors=False)[0])
    beta = 0.5 / lam
    run = Lsmnet()
    power = run.run(lsm.bonacich_power, G, beta=beta)
    # Bonacich c = A (I - beta A)^-1 1 = (katz - 1) / beta for Katz x = (I - beta A)^-1 1,
    # which networkx computes by power iteration on its dict-of-dicts
    katz, nx_seconds = _timed(
        nx.katz_centrality, G, alpha=beta, beta=1.0, normalized=False, tol=1e-12, max_iter=10_000
    )
    ref = (np.array([katz[u] for u in power.index]) - 1.0) / beta
    ref *= np.sqrt(len(ref) / np.sum(ref**2))
    worst = _max_diff(power.to_numpy(), ref)
    return run.result(
        nx_seconds=nx_seconds,
        agree=worst <= 1e-6,
        note=f"beta = 0.5/lambda1; networkx: katz_centrality (power iteration, tol 1e-12) turned "
        f"into Bonacich power; max difference {worst:.1e} (iterative: compared to 1e-6)",
    )


def case_pagerank(n: int) -> dict:
    from lsmnet.metrics._engine import GraphEngine
    from lsmnet.metrics.centrality import _pagerank_values

    G = _graph(n)
    _pagerank_values(GraphEngine(nx.path_graph(3)))  # imports and igraph's first call
    run = Lsmnet()
    values = run.run(lambda: _pagerank_values(GraphEngine(G)))
    ref, nx_seconds = _timed(nx.pagerank, G, weight=None, tol=1e-12)
    worst = _max_diff(values, [ref[u] for u in G])
    return run.result(
        nx_seconds=nx_seconds,
        agree=worst <= 1e-8,
        note="the pagerank column of centrality_table (igraph PRPACK, unweighted; the time "
        "includes converting the networkx graph) vs "
        f"nx.pagerank(tol=1e-12); max difference {worst:.1e} (iterative: compared to 1e-8)",
    )


def case_structural_holes(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.constraint(nx.path_graph(3))
    run = Lsmnet()
    con = run.run(lsm.constraint, G)
    eff = run.run(lsm.effective_size, G)
    run.run(lsm.hierarchy, G)
    src = _sample(G, n)
    scale = G.number_of_nodes() / len(src)
    ref_con, t_con = _timed(nx.constraint, G, nodes=src)
    ref_eff, t_eff = _timed(nx.effective_size, G, nodes=src)
    worst = max(
        _max_diff(con[src].to_numpy(), [ref_con[u] for u in src]),
        _max_diff(eff[src].to_numpy(), [ref_eff[u] for u in src]),
    )
    return run.result(
        nx_seconds=(t_con + t_eff) * scale,
        nx_extrapolated=len(src) < G.number_of_nodes(),
        agree=worst <= TOL,
        note="constraint, effective_size, hierarchy (networkx has no hierarchy); networkx timed "
        f"on {len(src)} nodes, values compared on them: max difference {worst:.1e}",
    )


def case_brokerage_roles(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    groups = _groups(G)
    lsm.brokerage_roles(nx.path_graph(3), {0: "a", 1: "b", 2: "a"})
    run = Lsmnet()
    run.run(lsm.brokerage_roles, G, groups, z=True)
    return run.result(
        note="Gould-Fernandez roles with z-scores, 10 groups (networkx has no brokerage roles)"
    )


def case_ei_index(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    groups = _groups(G)
    lsm.ei_index(nx.path_graph(3), {0: "a", 1: "b", 2: "a"})
    run = Lsmnet()
    table = run.run(lsm.ei_table, G, groups, level="group")
    _, t_perm = _timed(lsm.ei_table, G, groups, level="network", permutations=1000, seed=0)

    def plain():
        internal, external = {}, {}
        for u, v in G.edges():
            if groups[u] == groups[v]:
                internal[groups[u]] = internal.get(groups[u], 0) + 1
            else:
                for g in (groups[u], groups[v]):
                    external[g] = external.get(g, 0) + 1
        return {
            g: (external.get(g, 0) - internal.get(g, 0))
            / (external.get(g, 0) + internal.get(g, 0))
            for g in set(internal) | set(external)
        }

    ref, nx_seconds = _timed(plain)
    worst = _max_diff(table["ei"].to_numpy(), [ref[g] for g in table.index])
    return run.result(
        nx_seconds=nx_seconds,
        agree=worst <= TOL,
        note="E-I index by group, 10 groups; networkx column: the same counts over G.edges() "
        f"in Python (networkx has no E-I index); max difference {worst:.1e}; a "
        f"1,000-permutation test of the network E-I took {t_perm:.1f} s more",
    )


def case_core_periphery(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.core_periphery(nx.path_graph(4))
    run = Lsmnet()
    cp = run.run(lsm.core_periphery, G, seed=0)
    return run.result(
        note=f"Borgatti-Everett, 20 restarts; core size {cp.attrs['core_size']}, fit "
        f"{cp.attrs['correlation']:.3f} (networkx has no core-periphery model)"
    )


def _nx_fragmentation(G) -> float:
    """Borgatti's fragmentation from networkx's components: share of unreachable pairs."""
    k = G.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (k * (k - 1))


def case_fragmentation(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.fragmentation(nx.path_graph(3))
    run = Lsmnet()
    frag = run.run(lsm.fragmentation, G)
    weighted = n <= 10_000
    if weighted:
        frag_d = run.run(lsm.fragmentation, G, distance_weighted=True)
    keys, t_keys = _timed(lsm.key_players, G, 5, seed=0, restarts=5 if n <= 10_000 else 1)
    N = G.number_of_nodes()
    ref, nx_seconds = _timed(_nx_fragmentation, G)
    checks = {"fragmentation": abs(frag - ref)}
    extrapolated = False
    if weighted:
        src = _sample(G, n)
        total, t_d = _timed(
            lambda: sum(
                sum(1 / d for d in nx.single_source_shortest_path_length(G, u).values() if d)
                for u in src
            )
        )
        nx_seconds += t_d * N / len(src)
        extrapolated = len(src) < N
        if not extrapolated:
            checks["distance-weighted"] = abs(frag_d - (1 - total / (N * (N - 1))))
    agree = all(v <= TOL for v in checks.values())
    return run.result(
        nx_seconds=nx_seconds,
        nx_extrapolated=extrapolated,
        agree=agree,
        note="fragmentation"
        + (", distance-weighted fragmentation" if weighted else "")
        + "; networkx: the same from its components and BFS distances; differences "
        + ", ".join(f"{k} {v:.1e}" for k, v in checks.items())
        + ("" if weighted else "; distance-weighted fragmentation (all pairs) not run at 100k")
        + f". key_players(k=5, {'5 restarts' if n <= 10_000 else '1 restart'}) took "
        f"{t_keys:.1f} s more (fragmentation {keys.score:.3f}; networkx has no key players)",
    )


def case_fragmentation_centrality(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.fragmentation_centrality(nx.path_graph(3))
    run = Lsmnet()
    scores = run.run(lsm.fragmentation_centrality, G)
    N = G.number_of_nodes()

    # networkx: recount the components without each sampled node (what the definition
    # says; a view, not a copy of the graph), timed on the sample and scaled to every node
    nodes = _sample(G, n)
    base = _nx_fragmentation(G)

    def plain():
        return {v: _nx_fragmentation(nx.restricted_view(G, [v], [])) - base for v in nodes}

    ref, t_nx = _timed(plain)
    diff = _max_diff(scores.loc[nodes].to_numpy(), [ref[v] for v in nodes])
    return run.result(
        nx_seconds=t_nx * N / len(nodes),
        nx_extrapolated=len(nodes) < N,
        agree=diff <= TOL,
        note=f"F(G - v) - F(G) for every node (largest {scores.max():.2e}); networkx: "
        f"recount components on a view without the node, timed on {len(nodes)} nodes "
        f"and compared on them: max difference {diff:.1e}",
    )


def case_inequality(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    degree = np.array([d for _, d in G.degree()], float)
    strength = np.array([d for _, d in G.degree(weight="weight")], float)
    run = Lsmnet()
    for values in (degree, strength):
        run.run(lsm.gini, values)
        run.run(lsm.hhi, values, normalized=True)
        run.run(lsm.top_share, values, 10)
        run.run(lsm.lorenz_curve, values)
    return run.result(note="gini, hhi, top_share, lorenz_curve of degree and strength")


def case_cohesion_summary(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    lsm.cohesion_summary(nx.path_graph(3))
    run = Lsmnet()
    summary = run.run(lsm.cohesion_summary, G, seed=0)
    N = G.number_of_nodes()
    giant = G.subgraph(max(nx.connected_components(G), key=len))
    src = _sample(giant, n)
    t = {}
    ref = {}
    ref["density"], t["density"] = _timed(nx.density, G)
    ref["components"], t["components"] = _timed(nx.number_connected_components, G)
    ref["transitivity"], t["transitivity"] = _timed(nx.transitivity, G)
    ref["average_clustering"], t["average_clustering"] = _timed(nx.average_clustering, G)
    _, t["assortativity"] = _timed(nx.degree_assortativity_coefficient, G)
    lengths, t["distances"] = _timed(
        lambda: [nx.single_source_shortest_path_length(giant, u) for u in src]
    )
    full = len(src) == giant.number_of_nodes()
    t["distances"] *= giant.number_of_nodes() / len(src)
    if full:
        ref["diameter"] = max(max(d.values()) for d in lengths)
        k = giant.number_of_nodes()
        ref["mean_distance"] = sum(sum(d.values()) for d in lengths) / (k * (k - 1))
    communities, t["communities"] = _timed(nx.community.louvain_communities, G, seed=0)
    _, t["modularity"] = _timed(nx.community.modularity, G, communities)
    worst = {k: abs(float(summary[k]) - float(v)) for k, v in ref.items()}
    return run.result(
        nx_seconds=sum(t.values()),
        nx_extrapolated=not full,
        agree=all(v <= TOL for v in worst.values()),
        note=f"{N} nodes; networkx: density, components, transitivity, clustering, "
        "assortativity, distances in the largest component"
        + ("" if full else f" ({len(src)} sources, extrapolated)")
        + ", Louvain and modularity; differences "
        + ", ".join(f"{k} {v:.1e}" for k, v in worst.items()),
    )


def case_cug_test(n: int) -> dict:
    import lsmnet as lsm

    G = _graph(n)
    # the built-in statistic is networkx's transitivity, minutes per draw at 1M ties
    draws = 100 if n <= 10_000 else 2
    lsm.cug_test(nx.path_graph(4), "transitivity", n=2, seed=0, progress=False)
    bare = nx.Graph(G.edges())
    bare.add_nodes_from(G)
    run = Lsmnet()
    result = run.run(lsm.cug_test, bare, "transitivity", n=draws, seed=0, progress=False)
    timed = min(draws, 10)
    N, M = bare.number_of_nodes(), bare.number_of_edges()
    _, nx_seconds = _timed(
        lambda: [nx.transitivity(nx.gnm_random_graph(N, M, seed=r)) for r in range(timed)]
    )
    return run.result(
        nx_seconds=nx_seconds * draws / timed,
        nx_extrapolated=timed < draws,
        note=f"transitivity against {draws} G(n, m) graphs (z = {result.z:.1f}); networkx: "
        "gnm_random_graph + transitivity per draw"
        + (f", timed on {timed}" if timed < draws else ""),
    )


def _membership_data(n: int):
    import lsmnet as lsm

    n_coal = max(n // 20, 10)
    members = sectors.memberships(n, n_coal, seed=n)
    data = lsm.from_frames(
        organizations=pd.DataFrame({"org_id": [f"O{i}" for i in range(n)]}),
        coalitions=pd.DataFrame({"coalition_id": [f"C{c}" for c in range(n_coal)]}),
        memberships=members,
    )
    return data, members, n_coal


def case_backbone(n: int) -> dict:
    import lsmnet as lsm

    data, members, n_coal = _membership_data(n)
    B = lsm.membership_graph(data)
    run = Lsmnet()
    # Holm-corrected: without a correction nearly every one of the millions of candidate
    # pairs of a random sector is 'significant', and the time goes into building that graph
    fixed = run.run(lsm.backbone, B, null="fixedrow", mtc="holm")
    t_fixed = run.seconds
    sdsm = run.run(lsm.backbone, B, null="sdsm", mtc="holm")
    return run.result(
        note=f"{n} organisations x {n_coal} coalitions, {len(members)} memberships; "
        f"Holm-corrected fixedrow {t_fixed:.1f} s ({fixed.number_of_edges()} ties) + sdsm "
        f"{run.seconds - t_fixed:.1f} s ({sdsm.number_of_edges()} ties) (networkx has no "
        "backbone)"
    )


def _nx_projection(members, n_orgs: int):
    B = nx.Graph()
    B.add_nodes_from(members["org_id"].unique(), bipartite=0)
    B.add_nodes_from(members["coalition_id"].unique(), bipartite=1)
    B.add_edges_from(members[["org_id", "coalition_id"]].itertuples(index=False, name=None))
    orgs = sorted(members["org_id"].unique())
    sample = orgs
    if len(orgs) > 2_000:
        sample = list(np.random.default_rng(0).choice(orgs, 2_000, replace=False))
    P, seconds = _timed(nx.bipartite.weighted_projected_graph, B, sample)
    if len(sample) < len(orgs):
        seconds *= len(orgs) / len(sample)
        return None, seconds, True
    return P, seconds, False


def case_projection(n: int) -> dict:
    """comembership_table: the projection as an edge table (the sparse product)."""
    from lsmnet.graphs import comembership_table

    data, members, n_coal = _membership_data(n)
    run = Lsmnet()
    table = run.run(comembership_table, data)
    P, nx_seconds, extrapolated = _nx_projection(members, n)
    agree = None
    if P is not None:
        want = {frozenset(e[:2]): e[2]["weight"] for e in P.edges(data=True)}
        got = {
            frozenset((s, t)): w
            for s, t, w in table[["source", "target", "weight"]].itertuples(index=False)
        }
        agree = got == want
    return run.result(
        nx_seconds=nx_seconds,
        nx_extrapolated=extrapolated,
        agree=agree,
        note=f"comembership_table (pairs as a DataFrame with categorical ids, no graph object): "
        f"{n} organisations x "
        f"{n_coal} coalitions, {len(members)} memberships, {len(table)} projected ties; "
        "networkx: bipartite.weighted_projected_graph"
        + (" on 2,000 organisations, scaled" if extrapolated else ""),
    )


def case_projection_graph(n: int) -> dict:
    """comembership_graph: the same projection as a networkx graph with node attributes."""
    import lsmnet as lsm

    data, members, _ = _membership_data(n)
    run = Lsmnet()
    G = run.run(lsm.comembership_graph, data)
    P, nx_seconds, extrapolated = _nx_projection(members, n)
    agree = None
    if P is not None:
        want = {frozenset(e[:2]): e[2]["weight"] for e in P.edges(data=True)}
        agree = want == {frozenset(e[:2]): e[2]["weight"] for e in G.edges(data=True)}
    return run.result(
        nx_seconds=nx_seconds,
        nx_extrapolated=extrapolated,
        agree=agree,
        note=f"comembership_graph (networkx graph, {G.number_of_edges()} ties: most of the "
        "time is networkx building the graph object); networkx: weighted_projected_graph"
        + (" on 2,000 organisations, scaled" if extrapolated else ""),
    )


def case_metrics_vs_networkx(n: int) -> dict:
    """Exact agreement of every path/linear-algebra column with networkx on a small sector."""
    import lsmnet as lsm

    G = sectors.partnership_graph(n, seed=7)
    run = Lsmnet()
    table = run.run(lsm.centrality_table, G)
    ref = {
        "betweenness": nx.betweenness_centrality(G),
        "closeness": nx.closeness_centrality(G),
        "harmonic": nx.harmonic_centrality(G),
        "pagerank": nx.pagerank(G, tol=1e-12, weight=None),
        "core_number": nx.core_number(G),
        "clustering": nx.clustering(G),
        "constraint": nx.constraint(G),
        "effective_size": nx.effective_size(G),
    }
    worst = {}
    for col, values in ref.items():
        if col not in table.columns:
            worst[col] = "missing"
            continue
        worst[col] = _max_diff(table[col].to_numpy(), [values[u] for u in table.index])
    # PageRank is iterative on both sides: compared at the solver tolerance, not 1e-9
    tol = {"pagerank": 1e-8}
    agree = all(isinstance(v, float) and v <= tol.get(k, TOL) for k, v in worst.items())
    return run.result(
        agree=agree,
        note="max abs(lsmnet - networkx) per column: "
        + ", ".join(
            f"{k} {v:.1e}" if isinstance(v, float) else f"{k} {v}" for k, v in worst.items()
        ),
    )


def case_risk_health(memberships: int) -> dict:
    """risk_flags + coalition_health: 300 coalitions with ``memberships`` memberships."""
    import lsmnet as lsm

    orgs = max(2 * memberships // 5, 1_000)
    data = sectors.sector_data(orgs, 300, memberships_total=memberships, seed=memberships)
    lsm.risk_flags(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")  # imports
    run = Lsmnet()
    flags = run.run(lsm.risk_flags, data)
    t_flags, c_flags = run.seconds, run.cpu_seconds
    health = run.run(lsm.coalition_health, data)
    drawn = json.loads(health.attrs["null_samples"])  # attrs hold strings only (issue 13)
    counts = pd.Series(list(drawn.values())).value_counts().sort_index(ascending=False)
    return run.result(
        note=f"{orgs} organisations, 300 coalitions, {len(data.memberships)} memberships, "
        f"{len(data.ties)} ties, {len(data.ratings)} ratings; risk_flags {t_flags:.1f} s "
        f"(CPU {c_flags:.1f} s, {len(flags)} flags), coalition_health "
        f"{run.seconds - t_flags:.1f} s (CPU {run.cpu_seconds - c_flags:.1f} s; null model "
        f"'auto': {sum(drawn.values())} null graphs in all; graphs per coalition: "
        + ", ".join(f"{r} for {c}" for r, c in counts.items())
        + ")"
    )


def case_report(n: int) -> dict:
    import tempfile
    from pathlib import Path

    import lsmnet as lsm

    if n <= 250:
        data, what = lsm.datasets.load_dataset("indonesia_demo"), "indonesia_demo"
    else:
        data = sectors.sector_data(n, 30, memberships_total=3 * n // 2, seed=n)
        what = f"synthetic sector, {n} organisations, 30 coalitions"
    run = Lsmnet()
    rep = run.run(lsm.report, data, progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        run.run(rep.to_html, Path(tmp) / "r.html")
    return run.result(note=f"{what}: lsm.report + to_html")


def case_import_time(n: int) -> dict:
    """Cold ``import lsmnet`` in a fresh interpreter, then the first use of the API."""
    code = (
        "import sys, time; t = time.perf_counter(); import lsmnet; "
        "a = time.perf_counter() - t; m = 'matplotlib' in sys.modules; "
        "t = time.perf_counter(); lsmnet.risk_flags; lsmnet.centrality_table; "
        "b = time.perf_counter() - t; print(a, b, m, 'matplotlib' in sys.modules)"
    )
    imports, first_use, mpl_import, mpl_use = [], [], [], []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        imports.append(float(out[0]))
        first_use.append(float(out[1]))
        mpl_import.append(out[2] == "True")
        mpl_use.append(out[3] == "True")
    return {
        "seconds": max(imports),
        "cpu_seconds": None,
        "peak_mb": None,
        "base_mb": None,
        "nx_seconds": None,
        "nx_extrapolated": False,
        "agree": not any(mpl_import),
        "note": f"`import lsmnet` in a new interpreter, slowest of 5: {max(imports):.3f} s "
        f"(the API is loaded lazily), matplotlib imported: {any(mpl_import)} (agree = not "
        f"imported). First use of lsmnet.risk_flags and lsmnet.centrality_table (loads "
        f"pandas, networkx, scipy, igraph): {min(first_use):.2f}-{max(first_use):.2f} s, "
        f"matplotlib imported then: {any(mpl_use)} (python-igraph imports matplotlib.pyplot "
        "when it is installed)",
    }


def load() -> float:
    return os.getloadavg()[0]

"""Reproducible synthetic 'sectors' for the benchmarks.

A sector is a set of organisations with

* memberships in coalitions whose sizes are heavy-tailed (many small coalitions, some with
  well over 50 members), and
* a partnership graph with a heavy-tailed degree distribution and mean degree close to 10
  (a Chung–Lu graph: edge (i, j) drawn with probability proportional to w_i w_j, with Pareto
  weights).

Everything is drawn from ``numpy.random.default_rng(seed)``, so a size and a seed always give
the same sector.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd


def partnership_edges(n: int, *, mean_degree: float = 10.0, seed: int = 0) -> np.ndarray:
    """Return an (m, 2) array of distinct undirected edges of a Chung–Lu graph on n nodes."""
    rng = np.random.default_rng(seed)
    w = rng.pareto(2.5, n) + 1.0
    p = w / w.sum()
    m = int(n * mean_degree / 2)
    edges = np.empty((0, 2), dtype=np.int64)
    while len(edges) < m:
        need = int((m - len(edges)) * 1.2) + 10
        u = rng.choice(n, size=need, p=p)
        v = rng.choice(n, size=need, p=p)
        new = np.column_stack([np.minimum(u, v), np.maximum(u, v)])
        new = new[new[:, 0] != new[:, 1]]
        edges = np.unique(np.vstack([edges, new]), axis=0)
        if len(edges) > m:
            edges = edges[rng.permutation(len(edges))[:m]]
    return edges[np.lexsort((edges[:, 1], edges[:, 0]))]


def partnership_graph(n: int, *, mean_degree: float = 10.0, seed: int = 0) -> nx.Graph:
    """Weighted networkx graph (weights 1..5) on nodes 0..n-1."""
    edges = partnership_edges(n, mean_degree=mean_degree, seed=seed)
    rng = np.random.default_rng(seed + 1)
    weights = rng.integers(1, 6, len(edges)).astype(float)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(
        (int(a), int(b), float(w)) for (a, b), w in zip(edges, weights, strict=True)
    )
    return G


def coalition_sizes(
    n_orgs: int, n_coalitions: int, *, total: int | None = None, cap: int = 1000, seed: int = 0
) -> np.ndarray:
    """Heavy-tailed (Pareto, Zipf-like) coalition sizes, each between 2 and ``min(n_orgs, cap)``.

    With ``total`` the sizes are rescaled (by bisection on one common factor, so the shape of
    the distribution is kept) until they add up to ``total`` within 0.5 %, or to the largest
    total the cap allows.
    """
    rng = np.random.default_rng(seed)
    raw = (rng.pareto(1.2, n_coalitions) + 1) * 4
    hi_size = min(n_orgs, cap)

    def sized(factor: float) -> np.ndarray:
        return np.clip(np.rint(raw * factor), 2, hi_size).astype(int)

    if total is None:
        return sized(1.0)
    lo, hi = 0.0, 1.0
    while sized(hi).sum() < total and hi < 1e9:
        lo, hi = hi, hi * 2
    for _ in range(100):
        mid = (lo + hi) / 2
        if sized(mid).sum() < total:
            lo = mid
        else:
            hi = mid
        if abs(sized(hi).sum() - total) <= 0.005 * total:
            break
    return sized(hi)


def _draw_members(rng, n_orgs: int, size: int, popularity: np.ndarray) -> np.ndarray:
    """``size`` distinct organisations, drawn by popularity."""
    members = np.empty(0, dtype=np.int64)
    while len(members) < size:
        # draw with replacement and keep the first distinct ids: O(size log n), not O(n)
        draw = np.concatenate([members, rng.choice(n_orgs, size=3 * size + 10, p=popularity)])
        _, first = np.unique(draw, return_index=True)
        members = draw[np.sort(first)][:size]
    return members


def memberships(
    n_orgs: int,
    n_coalitions: int,
    *,
    total: int | None = None,
    cap: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Long table org_id, coalition_id with heavy-tailed coalition sizes (Zipf-like).

    ``total`` rescales the sizes so that there are about that many memberships (see
    :func:`coalition_sizes`); ``cap`` bounds each coalition's size.
    """
    rng = np.random.default_rng(seed)
    sizes = coalition_sizes(n_orgs, n_coalitions, total=total, cap=cap, seed=seed)
    popularity = rng.pareto(2.0, n_orgs) + 1.0
    popularity /= popularity.sum()
    rows_org, rows_coal = [], []
    for c, size in enumerate(sizes):
        members = _draw_members(rng, n_orgs, int(size), popularity)
        rows_org.append(members)
        rows_coal.append(np.full(len(members), c))
    org = np.concatenate(rows_org)
    coal = np.concatenate(rows_coal)
    return pd.DataFrame(
        {"org_id": [f"O{i}" for i in org], "coalition_id": [f"C{c}" for c in coal]}
    )


LAYERS = ("operational", "advocacy", "capacity", "network")
ITEMS = ("reliability", "mission", "openness", "power", "involvement", "resources")
ISSUES = tuple(
    "health gender climate land-rights education water disability youth labour "
    "forests governance disaster".split()
)


def sector_data(
    n_orgs: int,
    n_coalitions: int,
    *,
    memberships_total: int,
    partner_degree: float = 6.0,
    cap: int = 1000,
    seed: int = 0,
):
    """A whole synthetic sector as :class:`lsmnet.NetworkData`, for the risk benchmarks.

    - organisations with type (5 % funders), province (34, skewed), one to three of twelve
      issues, a budget for 70 % and survey response (70 % responded);
    - ``n_coalitions`` coalitions with heavy-tailed sizes adding up to ``memberships_total``
      memberships (:func:`memberships`), each of at most ``cap`` members;
    - partnership ties *among co-members*: inside each coalition a Chung–Lu graph whose mean
      degree is ``partner_degree`` (or size - 1 for small coalitions), favouring popular
      organisations, each tie in one or two of the four default layers and reported by a
      respondent end; plus 5 % ties between random organisations;
    - funding ties from the funders to about a third of the organisations, with amounts;
    - roster-survey ratings: every respondent rates each partner it named, on the six items
      (1-4).
    """
    import lsmnet as lsm

    rng = np.random.default_rng(seed)
    members = memberships(n_orgs, n_coalitions, total=memberships_total, cap=cap, seed=seed)
    ids = np.array([f"O{i}" for i in range(n_orgs)], dtype=object)
    types = rng.choice(
        ["ngo", "cbo", "ingo", "funder", "government", "academic", "private"],
        n_orgs,
        p=[0.5, 0.2, 0.07, 0.05, 0.08, 0.06, 0.04],
    )
    province_p = 1.0 / np.arange(1, 35)
    province_p /= province_p.sum()
    provinces = rng.choice([f"P{i:02d}" for i in range(34)], n_orgs, p=province_p)
    issues = ["|".join(rng.choice(ISSUES, rng.integers(1, 4), replace=False)) for _ in ids]
    budget = np.where(rng.random(n_orgs) < 0.7, rng.lognormal(11, 1.2, n_orgs), np.nan)
    respondent = rng.random(n_orgs) < 0.7
    organizations = pd.DataFrame(
        {
            "org_id": ids,
            "type": types,
            "province": provinces,
            "issues": issues,
            "budget": budget,
            "respondent": respondent,
        }
    )
    weight = rng.pareto(2.5, n_orgs) + 1.0
    index = {f"O{i}": i for i in range(n_orgs)}
    codes = members["org_id"].map(index).to_numpy()
    pairs = []
    for _, block in pd.Series(codes).groupby(members["coalition_id"].to_numpy(), sort=False):
        m = block.to_numpy()
        s = len(m)
        k = int(min(partner_degree, s - 1) * s / 2)
        if k == 0:
            continue
        p = weight[m] / weight[m].sum()
        # oversample: duplicates and self-pairs are dropped below
        u = m[rng.choice(s, size=3 * k + 5, p=p)]
        v = m[rng.choice(s, size=3 * k + 5, p=p)]
        keep = u != v
        e = np.unique(np.column_stack([np.minimum(u, v), np.maximum(u, v)])[keep], axis=0)
        pairs.append(e[rng.permutation(len(e))[:k]])
    random_pairs = rng.integers(0, n_orgs, size=(int(0.05 * sum(map(len, pairs))) + 1, 2))
    random_pairs = random_pairs[random_pairs[:, 0] != random_pairs[:, 1]]
    pairs.append(np.column_stack([random_pairs.min(axis=1), random_pairs.max(axis=1)]))
    edges = np.unique(np.vstack(pairs), axis=0)
    # orient each tie from a respondent end where there is one (who reported it)
    flip = ~respondent[edges[:, 0]] & respondent[edges[:, 1]]
    src = np.where(flip, edges[:, 1], edges[:, 0])
    dst = np.where(flip, edges[:, 0], edges[:, 1])
    n_layers = rng.integers(1, 3, len(edges))
    first = rng.integers(0, 4, len(edges))
    second = (first + rng.integers(1, 4, len(edges))) % 4
    rows = [np.arange(len(edges)), np.flatnonzero(n_layers == 2)]
    layer_codes = np.concatenate([first, second[n_layers == 2]])
    tie_idx = np.concatenate(rows)
    reported = np.where(respondent[src], ids[src], None)
    ties = pd.DataFrame(
        {
            "source": ids[src][tie_idx],
            "target": ids[dst][tie_idx],
            "layer": np.array(LAYERS, dtype=object)[layer_codes],
            "weight": rng.integers(1, 4, len(tie_idx)).astype(float),
            "reported_by": reported[tie_idx],
        }
    )
    funders = np.flatnonzero(types == "funder")
    funded = np.flatnonzero((rng.random(n_orgs) < 0.33) & (types != "funder"))
    if len(funders):
        giver = funders[
            rng.choice(len(funders), len(funded), p=weight[funders] / weight[funders].sum())
        ]
        funding = pd.DataFrame(
            {
                "source": ids[giver],
                "target": ids[funded],
                "layer": "funding",
                "amount": np.round(rng.lognormal(10, 1, len(funded)), -2),
            }
        )
        ties = pd.concat([ties, funding], ignore_index=True)
    # roster survey: respondents rate each partner they named
    raters = np.concatenate([src[respondent[src]], dst[respondent[dst]]])
    ratees = np.concatenate([dst[respondent[src]], src[respondent[dst]]])
    ratings = pd.DataFrame({"rater": ids[raters], "ratee": ids[ratees]})
    for item in ITEMS:
        ratings[item] = rng.integers(1, 5, len(ratings)).astype(float)
    return lsm.from_frames(
        organizations=organizations,
        coalitions=pd.DataFrame({"coalition_id": sorted(members["coalition_id"].unique())}),
        memberships=members,
        ties=ties,
        ratings=ratings,
    )

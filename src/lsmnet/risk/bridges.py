"""Bridge organisations: who connects otherwise separate parts of the sector."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from lsmnet._i18n import label
from lsmnet._parallel import block_starts, check_n_jobs, map_pieces
from lsmnet._validation import check_number, check_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.graphs.comembership import _incidence, comembership_graph
from lsmnet.io.from_graph import check_network_data
from lsmnet.metrics import centrality
from lsmnet.metrics._engine import GraphEngine
from lsmnet.metrics.brokerage import brokerage_roles
from lsmnet.metrics.centrality import _path_attrs, _sampled_sources, start_default_betweenness
from lsmnet.metrics.keyplayer import fragmentation_centrality
from lsmnet.metrics.structural_holes import structural_holes_table
from lsmnet.risk.catalog import check_lang, join_names, message
from lsmnet.risk.flags import shared_partnership
from lsmnet.risk.stage import phrase

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from lsmnet.model import NetworkData

__all__ = ["bridge_organizations"]

#: Gould–Fernandez roles that involve more than one group.
BRIDGING_ROLES = ("liaison", "representative", "gatekeeper")


def bridge_organizations(
    data: NetworkData,
    *,
    group: str = "province",
    top: int | None = None,
    layers: str | Sequence[str] | None = None,
    at: int | str | datetime.date | None = None,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    r"""Rank organisations by how much they connect otherwise separate parts of the sector.

    Meant for funders and convenors looking for organisations that already link provinces,
    organisation types, issues or coalitions: candidates to support as connectors.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data: partnership ties, memberships and organisation attributes.
    group : str, default "province"
        Organisation attribute whose values are the "parts" to connect: ``"province"``,
        ``"type"``, ``"issues"`` or any other organisation column.
    top : int, optional
        Keep only the ``top`` best-ranked organisations. None keeps every organisation with a
        partnership tie or a coalition membership.
    layers : str or list of str, optional
        Partnership layers (default: every layer present except ``funding`` and
        ``competition``).
    at : int, str or date, optional
        Snapshot year or date (see :meth:`lsmnet.NetworkData.at`).
    lang : {"en", "id"}, default "en"
        Language of ``reason``.
    seed : int, numpy.random.Generator or None, default 0
        Seed of the sampled sources of the betweenness columns, used only for networks of
        more than ``EXACT_PATHS_MAX_NODES`` = 5,000 organisations (see
        :func:`lsmnet.centrality_table`).
    n_jobs : int, optional
        Workers for the two betweenness columns (and the other path measures of the
        partnership network) of networks with at least 2,000 organisations, as in
        scikit-learn: None is one (unless a :func:`joblib.parallel_backend` context says
        otherwise, e.g. ``"dask"`` for a cluster), -1 all cores. The sources are cut into the
        same pieces whatever ``n_jobs`` is, so the result is identical for every ``n_jobs``
        (see :func:`lsmnet.centrality_table`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``org_id``, best bridge first (ties broken by org_id). Columns:

        - ``name``, ``type``, ``province``;
        - ``bridge_score`` (float in [0, 1]) and ``rank`` (int);
        - ``betweenness``: normalized betweenness in the whole partnership network;
          ``comembership_betweenness``: the same in the co-membership network (organisations
          tied when they share a coalition);
        - ``coalitions`` (int): coalitions it belongs to; ``groups_reached`` (int): distinct
          values of ``group`` among its partners (and itself);
        - ``liaison_z``, ``representative_z``, ``gatekeeper_z``: Gould–Fernandez z-scores for
          the groups of ``group`` (NaN when ``group`` is multi-valued such as ``issues``, or
          for organisations without a value);
        - ``constraint`` (Burt; low means many non-redundant contacts);
        - ``fragmentation_centrality``: how much more fragmented the partnership network
          becomes without it (Borgatti);
        - ``reason``: one sentence naming the groups and coalitions it connects; when none
          of its partners has a value of ``group`` (e.g. no province column), it says so
          instead of naming a group.

        ``DataFrame.attrs`` records how the two betweenness columns were computed:
        ``"path_measures"`` is ``"exact"`` when both networks have at most 5,000
        organisations and the co-membership network is small enough (its organisations times
        its ties at most ``COMEMBERSHIP_WORK`` = 4e8; see Notes), else ``"approximate"``,
        which adds ``"sources"`` (organisations
        sampled, see :func:`lsmnet.centrality_table`), ``"error_bound"`` (with 95 %
        probability every value of an estimated column is within this of its exact value;
        the larger bound of the two networks) and ``"nodes"`` (organisations in the larger
        network sampled). ``"partners"`` is ``"partnership"``, or ``"comembership"`` when
        the data have no partnership ties and the organisations sharing a coalition stand in
        as partners (for every column except ``comembership_betweenness``, and the reason
        says so).

    Raises
    ------
    InvalidParameterError
        If ``group`` is not an organisation column, ``top`` is not a positive integer, a
        layer is unknown, ``lang`` is not supported, ``seed`` is invalid or ``n_jobs`` is 0
        or not an integer.

    See Also
    --------
    weaving_suggestions : new ties that would connect the sector further.
    brokerage_roles, fragmentation_centrality, constraint

    Notes
    -----
    The bridge score is the mean of five ingredients, each divided by its largest value among
    the organisations (negative and missing values count as 0): betweenness in the
    partnership network, number of coalitions spanned, the largest of the three bridging
    Gould–Fernandez z-scores (liaison, representative, gatekeeper), openness
    :math:`1 - C_i` (Burt's constraint :math:`C_i`) and fragmentation centrality,

    .. math:: S_i = \frac{1}{5} \sum_{k=1}^{5} \frac{x_{ik}}{\max_j x_{jk}}.

    Coalitions are cliques of the co-membership network, whose ties grow with the squares of
    the coalition sizes, so the network is never built: with :math:`M` the organisation x
    coalition incidence matrix, :math:`D` the number of coalitions of each organisation and
    :math:`X` the pairs sharing :math:`c \ge 2` coalitions (value :math:`c - 1`), its
    adjacency matrix is :math:`A = MM^\top - D - X`, and Brandes' algorithm [6]_ runs on
    products with :math:`A` for many sources at once, at a cost that grows with the
    memberships and the multiply-shared pairs rather than the ties.
    ``comembership_betweenness`` is exact up to the work budget and above it estimated from
    ``k`` seeded sources (at least 50, as many as the budget allows, at most 1,000), the
    estimator of Brandes & Pich [5]_ with the error bound of :func:`lsmnet.centrality_table`.
    It is not part of the score.

    It is lsmnet's own summary, a heuristic to sort the list; each ingredient is
    reported so that users can rank by the one that matters to them. The partnership network
    is undirected and unweighted (ties in either direction count).

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. Sociological Methodology 19, 89–126.
    .. [2] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [3] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational and Mathematical Organization Theory 12(1), 21–34.
    .. [4] Freeman, L. C. (1978). Centrality in social networks: conceptual clarification.
       Social Networks 1(3), 215–239.
    .. [5] Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
       International Journal of Bifurcation and Chaos 17(7), 2303–2318.
    .. [6] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
       Mathematical Sociology 25(2), 163–177.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> bridges = lsm.bridge_organizations(data, top=5)
    >>> bridges.index[0]
    'ORG232'
    >>> print(bridges["reason"].iloc[0])  # doctest: +ELLIPSIS
    Lingkar Damai Lentera connects partners in ... (province) and spans ... coalitions (...).
    >>> bridges.attrs["path_measures"]  # 250 organisations: computed exactly
    'exact'
    """
    check_network_data(data, "bridge_organizations")
    func = "bridge_organizations"
    check_lang(lang, func)
    if group not in data.organizations.columns or group == "org_id":
        raise InvalidParameterError(
            f"The 'group' parameter of {func} must be an organisation column such as "
            f"'province', 'type' or 'issues'. Got {group!r}."
        )
    if top is not None:
        check_number(top, "top", func, low=1, integer=True)
    check_seed(seed, func)
    n_jobs = check_n_jobs(n_jobs, func)
    # the graph the flags of a report built (kept by their cache), before data becomes the
    # snapshot
    bare = _unattributed(shared_partnership(data, layers, at))
    if at is not None:
        data = data.at(at)
    partners = "partnership"
    if not bare.number_of_edges() and not data.memberships.empty:
        # without partnership ties, the organisations sharing a coalition are the partners
        bare.add_edges_from(comembership_graph(data).edges())
        partners = "comembership"
    orgs = data.organizations.set_index("org_id")
    memberships = data.memberships.drop_duplicates(["org_id", "coalition_id"])
    spans = memberships.groupby("org_id", sort=False)["coalition_id"].agg(tuple)
    table = pd.DataFrame(index=pd.Index(list(bare), name="org_id"))
    table["name"] = orgs["name"].where(orgs["name"].notna(), orgs.index.to_series())
    table["type"] = orgs["type"]
    table["province"] = orgs["province"]
    # centrality_table's betweenness and constraint, bit for bit, without its other columns;
    # the betweenness searches run on the workers while this process computes the columns
    # that need no worker (about 50 s at 100,000 organisations)
    engine = GraphEngine(bare)
    pending = start_default_betweenness(engine, seed, n_jobs)
    table["coalitions"] = [len(spans.get(o, ())) for o in table.index]
    values = orgs[group].reindex(table.index)
    multi = group == "issues" or values.map(lambda v: isinstance(v, tuple)).any()
    reached = _partner_groups(engine, bare, values, multi)
    table["groups_reached"] = [reached[o][0] for o in table.index]
    table = table.join(_broker_z(bare, values, multi))
    table["constraint"] = structural_holes_table(engine)["constraint"].to_numpy()
    table["fragmentation_centrality"] = fragmentation_centrality(bare)
    betweenness = pending()
    table["betweenness"] = betweenness
    comembership = _comembership_centrality(data, seed, n_jobs)
    table["comembership_betweenness"] = (
        comembership.reindex(table.index, fill_value=0.0) if comembership is not None else 0.0
    )
    paths = _path_measures([betweenness, comembership])
    degree = dict(bare.degree())
    keep = (table.index.map(degree) > 0) | (table["coalitions"] > 0)
    table = table.loc[keep.to_numpy(bool)]
    table["bridge_score"] = _score(table)
    # (-score, org_id) pairs: the order of a sort keyed on them, without a lookup per key
    keys = zip((-table["bridge_score"]).tolist(), table.index, strict=True)
    table = table.loc[[o for _, o in sorted(keys)]]
    table["rank"] = np.arange(1, len(table) + 1)
    if top is not None:
        table = table.head(top)
    coalitions = data.coalitions
    coalition_names = dict(zip(coalitions["coalition_id"], coalitions["name"], strict=True))
    table["reason"] = [
        _reason(
            name,
            reached[o][1],
            degree[o] > 0,
            spans.get(o, ()),
            coalition_names,
            group,
            lang,
            partners,
        )
        for o, name in zip(table.index, table["name"], strict=True)
    ]
    columns = [
        "name",
        "type",
        "province",
        "bridge_score",
        "rank",
        "betweenness",
        "comembership_betweenness",
        "coalitions",
        "groups_reached",
        *(f"{r}_z" for r in BRIDGING_ROLES),
        "constraint",
        "fragmentation_centrality",
        "reason",
    ]
    table = table[columns]
    table.attrs = {**paths, "partners": partners}
    return table


def _unattributed(G: nx.Graph) -> nx.Graph:
    """The nodes and ties of ``G`` in its orders, without attributes (the ranking runs on a
    copy of about half the memory of the attributed graph, at 100,000 organisations and a
    million ties)."""
    bare = nx.Graph()
    bare.add_nodes_from(G)
    bare.add_edges_from(G.edges())
    return bare


#: Steps (sources x co-membership ties) of the exact co-membership betweenness; above it the
#: betweenness is estimated from sampled sources, as many as this budget allows ...
COMEMBERSHIP_WORK = 400_000_000
#: ... but never fewer than this many.
COMEMBERSHIP_MIN_SOURCES = 50


def _comembership_centrality(data, seed, n_jobs=None) -> pd.Series | None:
    """Normalized betweenness in the unweighted co-membership network (None without one).

    The network is never built: its ties are the pairs of organisations sharing a coalition,
    so with :math:`M` the organisation x coalition incidence matrix, :math:`D` the number of
    coalitions of each organisation and :math:`X` the pairs sharing :math:`c \\ge 2`
    coalitions (value :math:`c - 1`), its adjacency matrix is
    :math:`A = MM^\\top - D - X`, and :math:`AF = M(M^\\top F) - DF - XF` costs the
    memberships plus the multiply-shared pairs instead of the ties, which grow with the
    squares of the coalition sizes. Brandes' algorithm runs on it level by level for pieces
    of sources at once (:func:`_clique_dependencies`). Betweenness is exact while ``n``
    sources x ``m`` ties stay within :data:`COMEMBERSHIP_WORK` (and ``n`` within
    ``EXACT_PATHS_MAX_NODES``), else estimated from
    ``k = max(COMEMBERSHIP_MIN_SOURCES, COMEMBERSHIP_WORK // m)`` sources (at most
    ``DEFAULT_SOURCES``) drawn with ``seed``, scaled by ``n / k`` (Brandes & Pich 2007), with
    the attrs of :func:`lsmnet.centrality_table`. The pieces of sources are cut from ``n``
    alone and summed in order, so every ``n_jobs`` gives the same values.
    """
    if data.memberships.empty:
        return None
    chosen = list(data.coalitions["coalition_id"])
    members = data.memberships[data.memberships["coalition_id"].isin(chosen)]
    member_ids = set(members["org_id"])
    org_ids = [o for o in data.organizations["org_id"] if o in member_ids]
    n = len(org_ids)
    if not n:
        return None
    M = _incidence(members, org_ids, chosen)
    X = _shared_more_than_once(M)
    # ties: the pairs of each coalition, less the repeats of pairs sharing several
    size = np.asarray(M.sum(axis=0)).ravel()
    m = round(float((size * (size - 1)).sum() - X.sum()) / 2)
    sources = None
    # the limits read at call time, as centrality_table reads them
    if n > centrality.EXACT_PATHS_MAX_NODES or n * m > COMEMBERSHIP_WORK:
        budget = max(COMEMBERSHIP_MIN_SOURCES, COMEMBERSHIP_WORK // max(m, 1))
        sources = min(budget, centrality.DEFAULT_SOURCES, n)
        if sources >= n:
            sources = None
    rng = check_seed(seed, "bridge_organizations")
    picked = _sampled_sources(rng, n, sources)
    order = np.arange(n) if picked is None else picked
    size = max(1, min(_PIECE_SOURCES, _PIECE_CELLS // n))
    pieces = [order[i : i + size] for i in range(0, len(order), size)]
    parts = map_pieces(_clique_dependencies, pieces, n_jobs, args=(M, X))
    # Brandes' dependencies summed over the sources count each unordered pair twice
    raw = np.sum(np.vstack(parts), axis=0) / 2.0
    if picked is not None:
        raw = raw * (n / len(picked))
    values = raw * (2.0 / ((n - 1) * (n - 2))) if n > 2 else raw
    out = pd.Series(values, index=pd.Index(org_ids), name="betweenness")
    out.attrs = _path_attrs(n, sources)
    return out


#: Pairs of organisations (an upper bound of the non-zero entries of M Mᵀ) that
#: :func:`_shared_more_than_once` counts at once: the whole product of a 100,000-organisation
#: sector held hundreds of millions of pairs (about 4 GB) to keep a few million.
_SHARED_BLOCK_PAIRS = 4_000_000


def _shared_more_than_once(M: sp.csr_array) -> sp.csr_array:
    """The pairs of organisations sharing :math:`c \\ge 2` coalitions, value :math:`c - 1`
    (both orders), from the organisations with at least two memberships alone.

    The co-membership counts :math:`M M^\\top` of those organisations are computed for
    blocks of rows of at most :data:`_SHARED_BLOCK_PAIRS` pairs (a row alone may exceed it),
    keeping only the counts of at least 2 from each block: the memory is that of the result,
    not of every pair sharing a coalition. Counts are whole numbers, so the result does not
    depend on the blocks.
    """
    n = M.shape[0]
    multi = np.flatnonzero(np.diff(M.indptr) >= 2)
    sub = M[multi]
    subT = sub.T.tocsr()
    # an upper bound of each row's pairs: the multi-member sizes of its coalitions, summed
    bound = sub @ np.diff(subT.indptr).astype(np.float64)
    starts = block_starts(bound.tolist(), _SHARED_BLOCK_PAIRS)
    counts = np.zeros(n, dtype=np.int64)
    cols, data = [np.empty(0, np.int64)], [np.empty(0)]
    # blocks in row order: their kept entries, row by row, are the rows of the result
    for i, j in itertools.pairwise(starts):
        shared = (sub[i:j] @ subT).tocsr()
        row = np.repeat(np.arange(i, j), np.diff(shared.indptr))
        keep = (shared.data >= 2) & (row != shared.indices)
        counts[multi[i:j]] = np.bincount(row[keep] - i, minlength=j - i)
        cols.append(multi[shared.indices[keep]])
        data.append(shared.data[keep] - 1.0)
    indptr = np.concatenate([[0], np.cumsum(counts)])
    # 32-bit indices where they fit: half the memory of the 64-bit ones scipy keeps from COO
    index = np.int32 if max(n, indptr[-1]) < 2**31 else np.int64
    X = sp.csr_array(
        (np.concatenate(data), np.concatenate(cols).astype(index), indptr.astype(index)),
        shape=(n, n),
    )
    X.sort_indices()
    return X


#: Sources per piece of the co-membership betweenness, at most ...
_PIECE_SOURCES = 64
#: ... and at most this many cells (organisations x sources) per array of a piece.
_PIECE_CELLS = 2_000_000


def _clique_dependencies(M: sp.csr_array, X: sp.csr_array, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependencies :math:`\\sum_s \\delta_s(v)` over ``sources`` in the network of
    adjacency :math:`A = MM^\\top - D - X` (see :func:`_comembership_centrality`).

    Breadth-first levels for every source at once (one column each): the path counts of the
    next level are :math:`A` times those of the frontier (integers, exact), and the
    dependencies of a level are :math:`\\sigma (A((1 + \\delta) / \\sigma))` of the level
    below (Brandes 2001).
    """
    n, b = M.shape[0], len(sources)
    Mt = M.T.tocsr()
    degree = np.asarray(M.sum(axis=1)).ravel()[:, None]

    def adjacent(F):
        return M @ (Mt @ F) - degree * F - X @ F

    cols = np.arange(b)
    level = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    level[sources, cols], sigma[sources, cols] = 0, 1.0
    frontier, depth = sigma.copy(), 0
    while True:
        reached = adjacent(frontier)
        new = (reached > 0.5) & (level < 0)
        if not new.any():
            break
        depth += 1
        level[new], sigma[new] = depth, reached[new]
        frontier = np.where(new, sigma, 0.0)
    delta = np.zeros((n, b))
    for d in range(depth, 0, -1):
        at = level == d
        share = np.zeros((n, b))
        share[at] = (1.0 + delta[at]) / sigma[at]
        below = level == d - 1
        delta[below] += sigma[below] * adjacent(share)[below]
    delta[sources, cols] = 0.0
    return delta.sum(axis=1)


def _path_measures(tables) -> dict:
    """The attrs of the result: exact, or the sample and the larger bound of the estimates."""
    estimated = [t for t in tables if t is not None and t.attrs["path_measures"] == "approximate"]
    if not estimated:
        return {"path_measures": "exact"}
    widest = max(estimated, key=lambda t: (t.attrs["error_bound"], len(t)))
    return {
        "path_measures": "approximate",
        "sources": widest.attrs["sources"],
        "error_bound": widest.attrs["error_bound"],
        "nodes": len(widest),
    }


def _partner_groups(engine, G: nx.Graph, values: pd.Series, multi: bool) -> dict:
    """For each organisation of ``G``: how many groups (values of ``values``; each element of
    a tuple when ``multi``) it and its partners are in, and the sorted groups of its partners
    alone.

    With :math:`P` the organisation x group incidence and :math:`A` the adjacency, the
    partners' groups are the non-zero entries of the rows of :math:`AP` (one sparse product
    instead of a Python pass over two million partner lists at a million ties).
    """
    nodes = engine.nodes
    lookup = dict(zip(values.index, values, strict=True))
    rows, groups = [], []
    for i, o in enumerate(nodes):
        v = lookup.get(o)
        if multi:
            own = v if isinstance(v, tuple) else ()
        else:
            own = (str(v),) if pd.notna(v) else ()
        rows.extend([i] * len(own))
        groups.extend(own)
    names = sorted(set(groups))
    code = {g: j for j, g in enumerate(names)}
    P = sp.csr_array(
        (np.ones(len(rows)), (rows, [code[g] for g in groups])), shape=(len(nodes), len(names))
    )
    A = engine.adjacency.copy()
    # the engine drops self-loops; networkx counts a node with one as its own partner
    looped = set(nx.nodes_with_selfloops(G))
    loops = [i for i, o in enumerate(nodes) if o in looped]
    A = (A + sp.csr_array((np.ones(len(loops)), (loops, loops)), shape=A.shape)).tocsr()
    partners = (A @ P).tocsr()
    partners.sort_indices()
    counts = np.diff((partners + P).tocsr().indptr).tolist()
    out = {}
    for i, o in enumerate(nodes):
        theirs = partners.indices[partners.indptr[i] : partners.indptr[i + 1]]
        out[o] = (counts[i], [names[j] for j in theirs])
    return out


def _broker_z(G, values, multi: bool) -> pd.DataFrame:
    columns = [f"{r}_z" for r in BRIDGING_ROLES]
    out = pd.DataFrame(np.nan, index=pd.Index(list(G), name="org_id"), columns=columns)
    if multi:
        return out
    known = [o for o in G if pd.notna(values.get(o))]
    if len(known) < 3 or values.reindex(known).nunique() < 2:
        return out
    # every organisation with a value (as in a sector with a province column): the network
    # itself, not a copy of it; the roles count arcs, whatever the adjacency order
    among = G if len(known) == G.number_of_nodes() else induced_subgraph(G, known)
    roles = brokerage_roles(among, values.reindex(known).astype(str).to_dict(), z=True)
    out.loc[known, columns] = roles[columns].to_numpy()
    return out


def _score(table: pd.DataFrame) -> pd.Series:
    parts = (
        pd.DataFrame(
            {
                "betweenness": table["betweenness"],
                "coalitions": table["coalitions"].astype(float),
                "broker": table[[f"{r}_z" for r in BRIDGING_ROLES]].max(axis=1, skipna=True),
                "openness": 1.0 - table["constraint"],
                "fragmentation": table["fragmentation_centrality"],
            }
        )
        .clip(lower=0.0)
        .fillna(0.0)
    )
    top = parts.max(axis=0)
    scaled = parts / top.where(top > 0, 1.0)
    return scaled.mean(axis=1)


def _reason(name, groups, has_partners, spans, coalition_names, group, lang, partners) -> str:
    if group == "type":
        groups = [label("type", g, lang) for g in groups]  # "ngo" -> "LSM" in Indonesian
    attribute = (
        message(f"attributes.{group}", lang) if group in ("type", "province", "issues") else group
    )
    if len(groups) >= 2:
        reached = message(
            "bridges.groups", lang, groups=join_names(groups, lang), attribute=attribute
        )
    elif groups:
        reached = message("bridges.one_group", lang, group=groups[0], attribute=attribute)
    elif has_partners:
        reached = phrase("bridges.no_attribute", lang, attribute=attribute)
    else:
        reached = phrase("bridges.no_partners", lang)
    if has_partners and partners == "comembership":
        reached = f"{reached} {phrase('bridges.comembership', lang)}"
    labels = [
        str(coalition_names.get(c)) if pd.notna(coalition_names.get(c)) else str(c) for c in spans
    ]
    if len(spans) >= 2:
        coalitions = message(
            "bridges.coalitions", lang, n=len(spans), coalitions=join_names(labels, lang)
        )
    elif spans:
        coalitions = message("bridges.one_coalition", lang, coalitions=labels[0])
    else:
        coalitions = message("bridges.no_coalition", lang)
    return message("bridges.sentence", lang, name=name, groups=reached, coalitions=coalitions)

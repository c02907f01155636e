"""Network weaving: the new ties a funder or convenor could broker, chosen greedily."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import shortest_path

from lsmnet._validation import check_number, check_option
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.graphs.partnership import partnership_graph
from lsmnet.io.from_graph import check_network_data
from lsmnet.risk.catalog import check_lang, format_number, message

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from lsmnet.model import NetworkData

__all__ = ["weaving_suggestions"]

OBJECTIVES = ("fragmentation", "reach")
#: Dense distance matrices above this many organisations would not fit comfortably in memory.
MAX_NODES = 3000
#: Up to this many organisations, candidate gains are scored in batched array operations.
VECTOR_NODES = 150
#: Cells per batch of the batched scoring (about 32 MB of float64).
VECTOR_CELLS = 4_000_000
#: Candidate rows screened per block of array operations (bounded memory).
SCREEN_ROWS = 256


def weaving_suggestions(
    data: NetworkData,
    *,
    top: int = 10,
    coalition: str | None = None,
    objective: str = "fragmentation",
    layers: str | Sequence[str] | None = None,
    at: int | str | datetime.date | None = None,
    issue_weight: float = 0.5,
    max_candidates: int = 2000,
    max_per_org: int = 2,
    lang: str = "en",
    k: int | None = None,
) -> pd.DataFrame:
    r"""The ``top`` new ties that would most reduce fragmentation (or most increase reach).

    A network weaver (Krebs & Holley) deliberately introduces organisations that are not yet
    tied. This function proposes whom to introduce: pairs of organisations without a tie,
    chosen one at a time so that each new tie helps most given the ones already proposed.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data.
    top : int, default 10
        Number of ties to propose (fewer when no further tie would help); ``top=`` is how
        lsmnet spells "how many rows of a ranking".
    coalition : str, optional
        Propose ties among this coalition's members only; None (default) among all
        organisations except funders (``type == "funder"``), which still count as
        intermediaries.
    objective : {"fragmentation", "reach"}, default "fragmentation"
        ``"fragmentation"`` lowers Borgatti's distance-weighted fragmentation (shorter paths
        between everyone, and above all joining separate components); ``"reach"`` raises the
        share of pairs of organisations within two steps of each other.
    layers : str or list of str, optional
        Partnership layers (default: every layer present except ``funding`` and
        ``competition``).
    at : int, str or date, optional
        Snapshot year or date.
    issue_weight : float, default 0.5
        Preference for pairs sharing an issue: such a pair's gain counts ``1 + issue_weight``
        times when choosing (the reported ``gain`` is the plain gain). 0 ignores issues.
    max_candidates : int, default 2000
        Largest number of candidate pairs scored exactly at each step; when there are more
        unconnected pairs, the most promising by a cheap screen are kept (see Notes).
    max_per_org : int, default 2
        An organisation appears in at most this many proposed ties, so that weaving does not
        pile every new tie onto one hub (the dependence Krebs & Holley warn against).
    lang : {"en", "id"}, default "en"
        Language of ``reason``.
    k : int, optional
        Deprecated spelling of ``top`` (lsmnet 0.1); removed in 0.3.

    Returns
    -------
    pandas.DataFrame
        One row per proposed tie, in the order chosen (index ``rank`` from 1). Columns
        ``source``, ``target`` (org_ids), ``source_name``, ``target_name``, ``gain`` (drop in
        fragmentation, or rise in the share of pairs within two steps, from this tie given the
        earlier ones), ``objective_before`` and ``objective_after`` (the objective before and
        after this tie),
        ``shared_issues`` (tuple), ``joins_components`` (bool) and ``reason`` (a sentence).
        ``DataFrame.attrs["objective_before"]`` holds the starting value.

    Raises
    ------
    InvalidParameterError
        If ``top``, ``issue_weight`` or ``max_candidates`` is out of range, ``objective`` is
        unknown, the coalition is unknown, or there are more than 3,000 organisations (use
        ``coalition=``).

    See Also
    --------
    bridge_organizations : who already connects the sector.
    fragmentation, key_players

    Notes
    -----
    With :math:`d_{ij}` the shortest-path distance (:math:`\infty` between components),
    the objectives are Borgatti's distance-weighted fragmentation and the two-step reach

    .. math::

        F = 1 - \frac{\sum_{i \ne j} 1/d_{ij}}{n(n-1)}, \qquad
        R = \frac{\sum_{i \ne j} [d_{ij} \le 2]}{n(n-1)}.

    Adding the tie :math:`(u, v)` changes every distance to
    :math:`d'_{ij} = \min(d_{ij}, d_{iu} + 1 + d_{vj}, d_{iv} + 1 + d_{uj})`, so the exact
    gain of each candidate is computed exactly from the distance matrix (only the block of
    pairs :math:`i, j` with :math:`d_{iu} + 1 < d_{iv}` and :math:`d_{vj} + 1 < d_{uj}` can get
    closer, by the triangle inequality, so only that block is scored). The
    greedy step adds the candidate with the largest gain (times ``1 + issue_weight`` for a
    pair sharing an issue), updates the distances with the formula above, and repeats,
    re-scoring every candidate, with each organisation in at most ``max_per_org`` proposed
    ties. Ties go to the pair met first in node order. Greedy
    selection is not guaranteed optimal for sets of ties, but each gain it reports is exact.
    When there are more than ``max_candidates`` unconnected pairs, candidates are screened
    first: pairs in different components (largest product of component sizes first), then
    pairs farther apart, then pairs sharing an issue, then pairs with more partners between
    them. The graph is undirected and unweighted; distances use a dense :math:`n \times n`
    matrix, so the function refuses networks of more than 3,000 organisations. No existing
    library offers this procedure; it follows the weaving idea of Krebs & Holley with
    Borgatti's fragmentation as the objective.

    References
    ----------
    .. [1] Krebs, V., & Holley, J. (2006). Building Smart Communities through Network
       Weaving.
    .. [2] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational and Mathematical Organization Theory 12(1), 21–34.

    Examples
    --------
    >>> import pandas as pd
    >>> import lsmnet as lsm
    >>> data = lsm.from_frames(
    ...     organizations=pd.DataFrame({"org_id": list("abcdef"), "issues": ["x"] * 6}),
    ...     ties=pd.DataFrame({"source": list("abde"), "target": list("bcef"),
    ...                        "layer": "advocacy"}))
    >>> ties = lsm.weaving_suggestions(data, top=2)
    >>> ties[["source", "target", "joins_components"]]
         source target  joins_components
    rank
    1         b      e              True
    2         a      e             False
    >>> round(ties.attrs["objective_before"], 3), round(float(ties["objective_after"].iloc[0]), 3)
    (0.667, 0.378)
    """
    check_network_data(data, "weaving_suggestions")
    func = "weaving_suggestions"
    if k is not None:
        if top != 10:
            raise InvalidParameterError(f"{func} takes top= (or the deprecated k=), not both.")
        warnings.warn(
            f"{func}(k=) is deprecated since lsmnet 0.2 and will be removed in 0.3; use top=.",
            DeprecationWarning,
            stacklevel=2,
        )
        top = k
    check_number(top, "top", func, low=1, integer=True)
    check_option(objective, OBJECTIVES, "objective", func)
    check_number(issue_weight, "issue_weight", func, low=0)
    check_number(max_candidates, "max_candidates", func, low=1, integer=True)
    check_number(max_per_org, "max_per_org", func, low=1, integer=True)
    check_lang(lang, func)
    if at is not None:
        data = data.at(at)
    G = partnership_graph(data, layers=layers, symmetrize="union")
    if coalition is not None:
        members = data.coalition_members(coalition)
        G = induced_subgraph(G, members)
        candidates = list(G)
    else:
        funders = set(data.organizations.loc[data.organizations["type"] == "funder", "org_id"])
        candidates = [o for o in G if o not in funders]
    nodes = list(G)
    n = len(nodes)
    if n > MAX_NODES:
        raise InvalidParameterError(
            f"{func} builds a dense distance matrix and accepts at most {MAX_NODES} "
            f"organisations. Got {n}; pass coalition= to work on one coalition."
        )
    before, rows = _greedy(
        G,
        nodes,
        candidates,
        data,
        k=top,
        objective=objective,
        issue_weight=issue_weight,
        max_candidates=max_candidates,
        max_per_org=max_per_org,
    )
    table = pd.DataFrame(
        rows,
        columns=[
            "source",
            "target",
            "gain",
            "objective_before",
            "objective_after",
            "shared_issues",
            "joins_components",
        ],
    )
    table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
    orgs = data.organizations.set_index("org_id")
    names = orgs["name"].where(orgs["name"].notna(), orgs.index.to_series())
    table.insert(2, "source_name", table["source"].map(names))
    table.insert(3, "target_name", table["target"].map(names))
    table["reason"] = [_reason(row, objective, lang) for row in table.itertuples()]
    table.attrs["objective_before"] = float(before)
    return table


def _pair_values(D: np.ndarray, objective: str) -> np.ndarray:
    """Value of each pair at distance ``D``: 1/d (0 if unreachable) or [d <= 2]; 0 on the
    diagonal (d = 0 is a node with itself)."""
    if objective == "reach":
        return ((D <= 2) & (D > 0)).astype(float)
    with np.errstate(divide="ignore"):
        return np.where(np.isfinite(D) & (D > 0), 1.0 / D, 0.0)


def _objective(D: np.ndarray, objective: str) -> float:
    n = D.shape[0]
    if n < 2:
        return np.nan
    share = _pair_values(D, objective).sum() / (n * (n - 1))
    return float(1.0 - share if objective == "fragmentation" else share)


def _after(D: np.ndarray, u: int, v: int) -> np.ndarray:
    through_uv = D[:, [u]] + 1.0 + D[[v], :]
    through_vu = D[:, [v]] + 1.0 + D[[u], :]
    return np.minimum(D, np.minimum(through_uv, through_vu))


def _gains(D: np.ndarray, pairs: np.ndarray, objective: str) -> np.ndarray:
    """Increase in the summed pair values over ordered pairs when each tie (u, v) is added.

    For a pair (i, j) the new distance is ``min(d_ij, d_iu + 1 + d_vj, d_iv + 1 + d_uj)``;
    at most one of the two detours can help (if both did, ``d_iu + 2 < d_iu``), and by
    symmetry both detours gain the same in total, so the gain is twice that of u -> v.
    Small networks score all candidates sharing an endpoint u in one array operation; large
    ones score, per candidate, only the block of pairs with ``d_iu + 1 < d_iv`` and
    ``d_vj + 1 < d_uj``, the only ones the detour can shorten (triangle inequality).
    """
    gains = np.zeros(len(pairs))
    base = _pair_values(D, objective)
    n = D.shape[0]
    if n <= VECTOR_NODES:
        chunk = max(1, VECTOR_CELLS // max(n * n, 1))
        for u in np.unique(pairs[:, 0]):
            where = np.flatnonzero(pairs[:, 0] == u)
            for start in range(0, len(where), chunk):
                idx = where[start : start + chunk]
                detour = D[None, :, u, None] + 1.0 + D[pairs[idx, 1]][:, None, :]
                new = _pair_values(np.minimum(D[None], detour), objective)
                gains[idx] = 2.0 * (new - base[None]).sum(axis=(1, 2))
        return gains
    for k, (u, v) in enumerate(pairs):
        rows = np.flatnonzero(D[:, u] + 1.0 < D[:, v])
        cols = np.flatnonzero(D[v, :] + 1.0 < D[u, :])
        if len(rows) and len(cols):
            old = D[np.ix_(rows, cols)]
            new = np.minimum(old, D[rows, u][:, None] + 1.0 + D[v, cols][None, :])
            gains[k] = 2.0 * (_pair_values(new, objective) - _pair_values(old, objective)).sum()
    return gains


def _greedy(
    G, nodes, candidates, data, *, k, objective, issue_weight, max_candidates, max_per_org
):
    n = len(nodes)
    if n < 2:
        return np.nan, []
    position = {o: i for i, o in enumerate(nodes)}
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    D = shortest_path(A, method="D", directed=False, unweighted=True)
    before = _objective(D, objective)
    orgs = data.organizations.set_index("org_id")
    issues = {o: set(orgs.at[o, "issues"]) if o in orgs.index else set() for o in nodes}
    component = np.full(n, -1)
    sizes = []
    for c, members in enumerate(nx.connected_components(G)):
        component[[position[o] for o in members]] = c
        sizes.append(len(members))
    degree = np.array([G.degree(o) for o in nodes], dtype=float)
    pool = _screen(candidates, G, position, D, component, sizes, degree, issues, max_candidates)
    rows, previous = [], before
    pairs = np.array([(position[a], position[b]) for a, b in pool], dtype=np.int64).reshape(-1, 2)
    shares_issue = np.array([bool(issues[a] & issues[b]) for a, b in pool], dtype=bool)
    available = np.ones(len(pool), dtype=bool)
    used = np.zeros(n, dtype=np.int64)
    for _ in range(k):
        left = np.flatnonzero(
            available & (used[pairs[:, 0]] < max_per_org) & (used[pairs[:, 1]] < max_per_org)
        )
        if not len(left):
            break
        gains = _gains(D, pairs[left], objective)
        scores = gains * (1.0 + issue_weight * shares_issue[left])
        best = scores.max()
        if best <= 1e-12:
            break
        # the first pair (in pool order) within rounding error of the best score
        top = int(np.flatnonzero(scores >= best - 1e-9 * best)[0])
        chosen = left[top]
        available[chosen] = False
        (a, b), (u, v) = pool[chosen], pairs[chosen]
        joins = bool(np.isinf(D[u, v]))
        D = _after(D, u, v)
        used[[u, v]] += 1
        after = _objective(D, objective)
        shared = tuple(sorted(issues[a] & issues[b]))
        rows.append((a, b, float(gains[top]) / (n * (n - 1)), previous, after, shared, joins))
        previous = after
    return before, rows


def _screen(candidates, G, position, D, component, sizes, degree, issues, limit):
    """Unconnected candidate pairs, screened down to ``limit`` (most promising first).

    Pairs ``(a, b)`` of candidates with ``a`` before ``b`` in the node order and no tie
    (``D[a, b] != 1``), in that order; beyond ``limit`` of them, sorted by: the product of
    the sizes of the two components a pair would join (largest first), then distance
    (longest first), a shared issue first, degree sum (largest first), then positions. Array
    operations over blocks of :data:`SCREEN_ROWS` candidates, keeping the best ``limit`` pairs
    so far: memory grows with the block and ``limit``, not with the 4.5 million pairs of 3,000
    candidates.
    """
    ordered = np.sort(np.array([position[o] for o in candidates], dtype=np.int64))
    m = len(ordered)
    nodes = list(G)
    masks = _issue_masks(nodes, issues)
    sizes = np.asarray(sizes, dtype=np.int64)
    pool = [np.zeros(0, dtype=np.int64)] * 2
    for start in range(0, m, SCREEN_ROWS):
        rows = np.arange(start, min(start + SCREEN_ROWS, m))
        counts = m - 1 - rows
        i = np.repeat(rows, counts)
        # the columns r + 1, ..., m - 1 of each row r, row after row
        j = i + 1 + np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
        u, v = ordered[i], ordered[j]
        keep = D[u, v] != 1.0
        pool = [np.concatenate([pool[0], u[keep]]), np.concatenate([pool[1], v[keep]])]
        if len(pool[0]) > limit:
            pool = _best(pool[0], pool[1], D, component, sizes, degree, masks, limit)
    u, v = pool
    return [(nodes[a], nodes[b]) for a, b in zip(u.tolist(), v.tolist(), strict=True)]


def _best(u, v, D, component, sizes, degree, masks, limit: int) -> list[np.ndarray]:
    """The ``limit`` most promising pairs ``(u, v)``, best first (see :func:`_screen`)."""
    apart = component[u] != component[v]
    size = np.where(apart, sizes[component[u]] * sizes[component[v]], 0)
    distance = np.where(apart, np.inf, D[u, v])
    shared = (masks[u] & masks[v]).any(axis=1)
    # np.lexsort sorts by its last key first; the positions make the order total
    order = np.lexsort((v, u, -(degree[u] + degree[v]), ~shared, -distance, -size))[:limit]
    return [u[order], v[order]]


def _issue_masks(nodes, issues) -> np.ndarray:
    """One row of bits per node, a bit per issue (words of 64 bits)."""
    known = sorted({i for o in nodes for i in issues[o]})
    bit = {issue: k for k, issue in enumerate(known)}
    masks = np.zeros((len(nodes), max(1, -(-len(known) // 64))), dtype=np.uint64)
    for row, o in enumerate(nodes):
        for issue in issues[o]:
            k = bit[issue]
            masks[row, k // 64] |= np.uint64(1) << np.uint64(k % 64)
    return masks


def _reason(row, objective: str, lang: str) -> str:
    kind = "decimal" if objective == "fragmentation" else "percent"
    effect = message(
        f"weaving.effect_{objective}",
        lang,
        before=format_number(row.objective_before, lang, kind),
        after=format_number(row.objective_after, lang, kind),
    )
    if row.joins_components:
        effect += message("weaving.join", lang)
    shared = (
        message("weaving.shared", lang, issues=", ".join(row.shared_issues))
        if row.shared_issues
        else ""
    )
    return message(
        "weaving.reason", lang, a=row.source_name, b=row.target_name, effect=effect, shared=shared
    )

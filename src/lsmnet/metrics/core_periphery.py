"""Borgatti–Everett core–periphery structure: discrete partition and continuous coreness."""

from __future__ import annotations

import functools
import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import minimize
from scipy.sparse.linalg import eigsh

from lsmnet._parallel import _serial, check_n_jobs, map_pieces
from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet._validation import check_graph, check_number, check_seed, check_weight
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics.ei import edge_arrays

__all__ = ["core_periphery"]

_TOL = 1e-12


def _tie_matrix(G, nodes, weight) -> sp.csr_array:
    """Tie values without self-loops; symmetric for undirected graphs (cells = ordered pairs)."""
    r, c, w = edge_arrays(G, nodes, weight)
    if not G.is_directed():
        r, c, w = np.concatenate([r, c]), np.concatenate([c, r]), np.concatenate([w, w])
    n = len(nodes)
    W = sp.csr_array((w, (r, c)), shape=(n, n))
    W.eliminate_zeros()
    return W


class _Fit:
    """Correlation of the ties with the ideal pattern, from the core size and S_PP alone."""

    def __init__(self, W: sp.csr_array):
        n = W.shape[0]
        self.n, self.N = n, float(n * (n - 1))
        self.S = float(W.sum())
        self.Q = float((W.multiply(W)).sum())
        self.var_a = self.N * self.Q - self.S**2
        B = (W + W.T).tocsc()
        self.B = B
        #: Integer tie values (and S below 2e8): every t is an exact integer, so t values
        #: that differ differ by at least 1, more than the window of :meth:`_near_best`.
        self.integral = bool(np.all(B.data == np.round(B.data))) and self.S < 2e8
        # the terms of correlation() that depend on the core size alone, for every size, as
        # Python floats (same operations, so the same numbers); den is NaN where not allowed
        size = np.arange(n, dtype=float)
        n1 = self.N - (n - size) * (n - size - 1)
        with np.errstate(invalid="ignore"):
            den = np.sqrt(self.var_a * (self.N * n1 - n1**2))
        den[(size < 1) | (size > n - 2)] = np.nan
        self._s_n1, self._den = (self.S * n1).tolist(), den.tolist()

    def correlation(self, k, s_pp):
        """Pearson r for core size ``k`` and periphery-periphery tie total ``s_pp``."""
        k = np.asarray(k, dtype=float)
        n, N = self.n, self.N
        n1 = N - (n - k) * (n - k - 1)
        var_d = N * n1 - n1**2
        with np.errstate(invalid="ignore", divide="ignore"):
            r = (N * (self.S - s_pp) - self.S * n1) / np.sqrt(self.var_a * var_d)
        return np.where((k >= 1) & (k <= n - 2), r, -np.inf)

    def best_prefix(self, scores) -> np.ndarray:
        """Best core among the top-k nodes of ``scores`` (any k), as a boolean mask."""
        n = self.n
        rank = np.empty(n, dtype=np.intp)
        rank[np.argsort(-scores, kind="stable")] = np.arange(n)
        coo = self.B.tocoo()
        upper = coo.row < coo.col  # B = W + W^T: each unordered pair once holds both cells
        low = np.minimum(rank[coo.row[upper]], rank[coo.col[upper]])
        hist = np.bincount(low, weights=coo.data[upper], minlength=n)
        s_pp = np.cumsum(hist[::-1])[::-1]  # s_pp[k]: both ends ranked >= k
        r = self.correlation(np.arange(n), s_pp)
        k = int(np.argmax(r))
        return rank < k

    def _near_best(self, t_side, x: int, size: int, s_pp: float, leave: bool):
        """Correlation, node and :math:`S_{PP}` of the best move of one side for tie values
        that are not integers: the nodes within a relative 1e-9 of the extreme ``x``, whose
        correlations may round to the extreme's, scored as :meth:`correlation` would."""
        extreme = float(t_side[x])
        span = 1e-9 * (self.S + abs(s_pp) + abs(extreme))
        if leave:
            near = np.flatnonzero(t_side <= extreme + span)
            new = s_pp + t_side[near]
        else:
            near = np.flatnonzero(t_side >= extreme - span)
            new = s_pp - t_side[near]
        r = (self.N * (self.S - new) - self._s_n1[size]) / self._den[size]
        i = int(np.argmax(r))  # the first node of the largest correlation
        return float(r[i]), int(near[i]), float(new[i])

    def local_search(self, core: np.ndarray) -> tuple[np.ndarray, float]:
        """Best-improvement single-node moves between core and periphery until none helps.

        A core node ``x`` leaving changes :math:`S_{PP}` by :math:`+t_x` (its ties with the
        periphery, both directions) and a periphery node joining by :math:`-t_x`. The
        correlations of one side's moves share the terms of the new core size and are
        monotone in :math:`t_x` (non-increasing for leaving, non-decreasing for joining: every
        floating-point step is monotone), so the best move of a side is its first node of
        smallest (core) or largest (periphery) :math:`t_x`; only nodes whose :math:`t_x` is
        within a relative 1e-9 of that extreme could round to the same correlation, and with
        integer tie values none is that close. The move made is the one of largest
        correlation, the first node among equals, with the operations of
        :meth:`correlation`: the move that scoring every node would make, bit-identical, in
        :math:`O(n)` numpy work for the two extremes and :math:`O(\\deg x)` to update
        :math:`t`.
        """
        core = core.copy()
        periphery = (~core).astype(float)
        t = self.B @ periphery
        k = int(core.sum())
        s_pp = float(periphery @ t) / 2
        current = float(self.correlation(k, s_pp))
        n, N, S, integral = self.n, self.N, self.S, self.integral
        s_n1, den = self._s_n1, self._den
        indptr, indices, data = self.B.indptr, self.B.indices, self.B.data
        # t of the core nodes (+inf elsewhere) and of the periphery nodes (-inf elsewhere):
        # adding a tie value keeps an infinite cell infinite, so both update like t
        t_core = np.where(core, t, np.inf)
        t_per = np.where(core, -np.inf, t)
        for _ in range(10 * n):
            best, x = -math.inf, -1
            if 2 <= k <= n - 1:  # a core node may leave: size k - 1 in [1, n - 2]
                x = int(t_core.argmin())
                if integral:
                    new_s = s_pp + float(t_core[x])
                    best = (N * (S - new_s) - s_n1[k - 1]) / den[k - 1]
                else:
                    best, x, new_s = self._near_best(t_core, x, k - 1, s_pp, True)
            if 0 <= k <= n - 3:  # a periphery node may join: size k + 1 in [1, n - 2]
                y = int(t_per.argmax())
                if integral:
                    join_s = s_pp - float(t_per[y])
                    r = (N * (S - join_s) - s_n1[k + 1]) / den[k + 1]
                else:
                    r, y, join_s = self._near_best(t_per, y, k + 1, s_pp, False)
                if r > best or (r == best and y < x):
                    best, x, new_s = r, y, join_s
            if not best > current + _TOL:
                break
            current, s_pp = best, new_s
            lo, hi = indptr[x], indptr[x + 1]
            rows, vals = indices[lo:hi], data[lo:hi]
            if core[x]:
                t_core[rows] += vals
                t_per[rows] += vals
                t_core[x], t_per[x] = np.inf, t_core[x]
                k -= 1
            else:
                t_core[rows] -= vals
                t_per[rows] -= vals
                t_core[x], t_per[x] = t_per[x], -np.inf
                k += 1
            core[x] = not core[x]
        return core, current


#: Graphs with at most this many nodes get the exact optimum (every partition evaluated).
EXACT_MAX_NODES = 20
#: Partitions scored per numpy block of the exhaustive search (bounds its memory).
_BLOCK = 2**20


def _bit_table(m: int) -> np.ndarray:
    """Rows = the 2**m subsets of m items as 0/1 floats (bit j of the row index = item j)."""
    return ((np.arange(2**m)[:, None] >> np.arange(m)) & 1).astype(float)


def _exact(fit: _Fit, W: sp.csr_array, progress) -> tuple[np.ndarray, float]:
    """The best partition over all of them, by halves: bits of the low and the high nodes.

    :math:`S_{PP}` of core mask (a, b) is ``s_low[a] + s_high[b] + p_a C p_b`` with
    :math:`p = 1 -` mask and ``C`` the ties between the halves, so one block of the search
    is a matrix product; the first best partition in (high, low) order wins.
    """
    n = fit.n
    A = W.toarray()
    lo_n = n // 2
    lo, hi = np.arange(lo_n), np.arange(lo_n, n)
    bits_lo, bits_hi = _bit_table(lo_n), _bit_table(n - lo_n)
    per_lo, per_hi = 1.0 - bits_lo, 1.0 - bits_hi
    s_lo = np.einsum("ai,ij,aj->a", per_lo, A[np.ix_(lo, lo)], per_lo)
    s_hi = np.einsum("bi,ij,bj->b", per_hi, A[np.ix_(hi, hi)], per_hi)
    cross = per_lo @ (A[np.ix_(lo, hi)] + A[np.ix_(hi, lo)].T)  # (2**lo_n, n - lo_n)
    k_lo, k_hi = bits_lo.sum(axis=1), bits_hi.sum(axis=1)
    rows = max(1, _BLOCK // len(bits_lo))
    best_r, best = -np.inf, None
    for start in progress(range(0, len(bits_hi), rows)):
        b = slice(start, start + rows)
        s_pp = s_lo[:, None] + s_hi[None, b] + cross @ per_hi[b].T
        r = fit.correlation(k_lo[:, None] + k_hi[None, b], s_pp)
        # row-major argmax is the first in (low, high) order; scan blocks by high bits
        flat = int(np.argmax(r.T))
        j, i = divmod(flat, r.shape[0])
        if r[i, j] > best_r + _TOL:
            best_r, best = float(r[i, j]), (i, start + j)
    core = np.zeros(n, dtype=bool)
    core[lo] = bits_lo[best[0]].astype(bool)
    core[hi] = bits_hi[best[1]].astype(bool)
    periphery = (~core).astype(float)
    s_pp = float(periphery @ (fit.B @ periphery)) / 2
    return core, float(fit.correlation(int(core.sum()), s_pp))


def _core_numbers(A: sp.csr_array) -> np.ndarray:
    """k-core number of each node of the 0/1 symmetric matrix ``A`` without diagonal: the
    nodes of degree at most k are peeled until none is left, for k = 0, 1, ... (a node
    peeled at k is in the k-core and not in the (k + 1)-core, Seidman 1983)."""
    degree = np.diff(A.indptr).astype(np.int64)
    shells = np.zeros(A.shape[0], dtype=np.int64)
    alive = np.ones(A.shape[0], dtype=bool)
    k = 0
    while alive.any():
        k = max(k, int(degree[alive].min()))
        peel = alive & (degree <= k)
        while peel.any():
            shells[peel], alive[peel] = k, False
            degree -= (A @ peel.astype(np.int64)).astype(np.int64)
            peel = alive & (degree <= k)
    return shells


def _kcore_scores(W: sp.csr_array) -> np.ndarray:
    """k-core number of each node in the (symmetrised, unweighted) tie graph, degree as the
    tie-break inside a shell."""
    B = ((W + W.T) > 0).astype(float).tocsr()
    degree = np.asarray(B.sum(axis=0)).ravel()
    return _core_numbers(B).astype(float) + degree / (2 * degree.max() + 1)


#: Swap moves (a core and a periphery node exchange sides) need the dense tie matrix: only
#: up to this many nodes.
SWAP_MAX_NODES = 300


def _swap_search(fit: _Fit, dense, core: np.ndarray, r: float) -> tuple[np.ndarray, float]:
    """Alternate single-node moves and the best swap of a core with a periphery node (the
    core size stays, so only :math:`S_{PP}` changes) until neither improves the fit."""
    core, r = fit.local_search(core)
    if dense is None:
        return core, r
    for _ in range(10 * fit.n):
        periphery = ~core
        t = dense @ periphery.astype(float)  # ties of each node with the periphery
        k = int(core.sum())
        s_pp = float(t[periphery].sum()) / 2
        # x leaves the core, y joins it: S_PP changes by t[x] - t[y] - b[x, y]
        change = t[core][:, None] - t[periphery][None, :] - dense[np.ix_(core, periphery)]
        i, j = np.unravel_index(int(np.argmin(change)), change.shape)
        value = float(fit.correlation(k, s_pp + change[i, j]))
        if not value > r + _TOL:
            break
        x, y = np.flatnonzero(core)[i], np.flatnonzero(periphery)[j]
        core = core.copy()
        core[x], core[y] = False, True
        core, r = fit.local_search(core)
    return core, r


#: The starts of the local search are searched in pieces of this many (graphs of at least
#: ``_PIECES_MIN_NODES`` nodes; one piece below), on ``n_jobs`` workers. Below 2,000 nodes
#: all the searches take well under a second (0.2 s at 1,000 nodes), less than sending the
#: pieces to other processes is worth.
_PIECE_STARTS = 8
_PIECES_MIN_NODES = 2_000


def _search_piece(fit: _Fit, dense, starts: list) -> list[tuple[np.ndarray, float]]:
    """:func:`_swap_search` from each start of one piece, in order."""
    return [_swap_search(fit, dense, start, -np.inf) for start in starts]


def _iterated_search(fit: _Fit, dense, core, r, kicks: int, rng) -> tuple[np.ndarray, float]:
    """Iterated local search: flip a few random nodes of the best partition, search again,
    keep the result when it is better (Lourenço, Martin & Stützle 2003)."""
    n = fit.n
    for kick in range(kicks):
        start = core.copy()
        size = 2 + kick % max(1, n // 10)  # kicks of growing size, 2 to n // 10 + 1 nodes
        flip = rng.choice(n, size=min(size, n), replace=False)
        start[flip] = ~start[flip]
        if not 1 <= start.sum() <= n - 2:
            continue
        candidate, value = _swap_search(fit, dense, start, -np.inf)
        if value > r + _TOL:
            core, r = candidate, value
    return core, r


def _coreness(W: sp.csr_array) -> tuple[np.ndarray, float]:
    """Borgatti–Everett continuous model: c minimising sum_{i != j} (b_ij - c_i c_j)^2."""
    B = ((W + W.T) / 2).tocsr()
    n = B.shape[0]
    if n <= 50:
        values, vectors = np.linalg.eigh(B.toarray())
        lam, vec = values[-1], vectors[:, -1]
    else:
        values, vectors = eigsh(B, k=1, which="LA", v0=np.ones(n))
        lam, vec = values[0], vectors[:, 0]
    start = np.sqrt(max(lam, 0.0)) * vec * (1 if vec.sum() >= 0 else -1)
    const = float(B.multiply(B).sum())

    def objective(c):
        Bc = B @ c
        c2 = c @ c
        value = const - 2 * c @ Bc + c2**2 - np.sum(c**4)
        grad = -4 * Bc + 4 * c2 * c - 4 * c**3
        return value, grad

    # a star has no minimiser (hub -> infinity, leaves -> 0), hence the iteration cap
    result = minimize(
        objective,
        start,
        jac=True,
        method="L-BFGS-B",
        options={"gtol": 1e-10, "maxiter": 300, "maxfun": 600},
    )
    c = result.x * (1 if result.x.sum() >= 0 else -1)
    # correlation of the observed cells w_ij with c_i c_j over ordered pairs i != j
    N = n * (n - 1)
    S, Q = float(W.sum()), float(W.multiply(W).sum())
    s_cc = c.sum() ** 2 - c @ c
    q_cc = (c @ c) ** 2 - np.sum(c**4)
    cross = float(c @ (W @ c))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (N * cross - S * s_cc) / np.sqrt((N * Q - S**2) * (N * q_cc - s_cc**2))
    return c, float(np.clip(r, -1.0, 1.0))


def core_periphery(
    G: nx.Graph,
    *,
    weight: str | None = None,
    restarts: int = 50,
    seed: int | np.random.Generator | None = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Borgatti–Everett core–periphery partition and continuous coreness.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network, at least three nodes. Self-loops are ignored.
    weight : str, optional
        Edge attribute holding tie values (e.g. number of joint projects); None (default)
        treats every tie as 1. Absent ties are 0.
    restarts : int, default 50
        For graphs of more than ``EXACT_MAX_NODES`` = 20 nodes: random starting partitions
        for the local search, in addition to three deterministic starts (the best split of
        the nodes ranked by coreness, by k-core number and by degree), and as many
        perturbations of the best partition found (iterated local search). Unused for
        smaller graphs, whose optimum is found exactly.
    seed : None, int or numpy.random.Generator, optional
        Seed of the random starts and perturbations (same seed, same partition); unused for
        graphs of at most 20 nodes.
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal. It counts the local
        searches, one per start (``restarts + 3``), or the blocks of about a million
        partitions of the exhaustive search.
    n_jobs : int, optional
        Workers for the local searches from the starts of graphs with at least 2,000 nodes,
        as in scikit-learn: None is one (unless a :func:`joblib.parallel_backend` context
        says otherwise, e.g. ``"dask"`` for a cluster), -1 all cores. The random starts are
        drawn before the work is split, the starts are cut into the same pieces of 8
        whatever ``n_jobs`` is and the best partition is chosen in start order, so the
        result is identical for every ``n_jobs``. The perturbations of the iterated search,
        each depending on the previous best, run in the calling process.

    Returns
    -------
    pandas.DataFrame
        Indexed by node (in ``G``'s order), columns:

        - ``core`` (bool): in the core of the best discrete partition;
        - ``coreness`` (float): continuous coreness :math:`c_i`, scaled so that
          :math:`c_i c_j` approximates the tie value between :math:`i` and :math:`j`.

        ``DataFrame.attrs`` holds the fit: ``"correlation"`` (Pearson correlation of the
        ties with the ideal discrete pattern, the quantity maximised), ``"core_size"`` (int),
        ``"coreness_correlation"`` (correlation of the ties with :math:`c_i c_j`),
        ``"restarts"`` and ``"optimal"`` (bool): True when the partition is proven to be
        the best discrete partition (every partition was evaluated: at most 20 nodes),
        False when it is the best one a heuristic search found.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``G`` has fewer than three nodes, all its off-diagonal tie values are equal (no
        ties, or a complete graph with equal weights: the correlation is undefined),
        ``weight`` names a missing or negative attribute, ``restarts`` is negative, ``seed``
        is invalid, ``progress`` is not None, True or False, or ``n_jobs`` is 0 or not an
        integer.

    See Also
    --------
    centrality_table, key_players

    Notes
    -----
    **Discrete model.** The ideal pattern for core membership :math:`c` is

    .. math::

        \\delta_{ij} = \\begin{cases} 1 & \\text{if } i \\text{ or } j \\text{ is in the core}
        \\\\ 0 & \\text{if both are in the periphery,} \\end{cases}

    that is core–core 1, core–periphery 1 and periphery–periphery 0, and the partition
    maximises the Pearson correlation :math:`\\rho(a, \\delta)` over all ordered pairs
    :math:`i \\ne j` (Borgatti & Everett 1999). The core–periphery block is set to 1 rather
    than ignored because the core is expected to tie the network together, and because with
    the block ignored a hub plus any one of its leaves forms a "perfect" core, so the optimum
    of a hub-and-spoke network (a secretariat with members) is arbitrary. The core has
    between 1 and :math:`n - 2` nodes (the periphery needs a pair for the correlation to be
    defined).

    The correlation depends on the partition only through the core size :math:`k` and the
    tie total :math:`S_{PP}` among periphery members,

    .. math::

        \\rho = \\frac{N (S - S_{PP}) - S N_1}{\\sqrt{(N Q - S^2)(N N_1 - N_1^2)}}, \\quad
        N = n(n-1),\\ N_1 = N - (n-k)(n-k-1),

    with :math:`S` and :math:`Q` the sum and sum of squares of the tie values, so the
    change from moving any node is known in :math:`O(1)`. Moving a core node :math:`x` to
    the periphery adds its ties with the periphery :math:`t_x` to :math:`S_{PP}`, moving a
    periphery node subtracts them, and :math:`\\rho` is monotone in :math:`S_{PP}` for a
    given :math:`k`: the best move of a side is its node of smallest (core) or largest
    (periphery) :math:`t_x`, so each step of the local search compares two candidates
    instead of scoring every node (the same moves, the same partition). Tie values are
    first divided by the largest one (neither correlation depends on the scale, and
    :math:`Q` of values near 1e300 would overflow); coreness is multiplied back by the
    square root of that value.

    **What is guaranteed.** Up to ``EXACT_MAX_NODES`` = 20 nodes every one of the
    :math:`2^n` partitions is evaluated (vectorised: with the nodes split into two halves,
    :math:`S_{PP}` of all pairs of half-partitions is one matrix product), so the result is
    the optimum (``attrs["optimal"]`` is True; among equally good partitions the first in a
    fixed order, so the result does not depend on ``seed``). Above 20 nodes the result is a
    local optimum (no single node's move improves it) and may fall short of the optimum
    (``attrs["optimal"]`` is False): each start is improved by best-improvement
    single-node moves, alternated (up to ``SWAP_MAX_NODES`` = 300 nodes) with the best swap
    of a core and a periphery node, until no move helps, and the best of the deterministic
    and random starts is then perturbed ``restarts`` times (2, 3, ... up to n // 10 + 1
    random nodes switch sides, cyclically, and the search runs again; a better result is
    kept), an iterated local search (Lourenço et al. 2003). Ties go to the earlier
    partition; same seed, same partition.

    **Continuous model.** Coreness minimises

    .. math::

        \\sum_{i \\ne j} (b_{ij} - c_i c_j)^2, \\qquad b_{ij} = (a_{ij} + a_{ji}) / 2,

    fitted with L-BFGS from the leading eigenvector of :math:`B` (the solution when the
    diagonal is included); the diagonal is excluded as in Borgatti & Everett (1999). For
    directed graphs the model is symmetric, so it fits the mean of the two directions. Some
    graphs have no minimiser: in a star the hub's coreness grows without bound while the
    leaves' shrinks towards 0 (their products still fit the ties); the search then stops
    after 300 iterations, so only the ranking and the products are meaningful there.

    References
    ----------
    .. [1] Borgatti, S. P. and Everett, M. G. (1999). Models of core/periphery structures.
       *Social Networks*, 21(4), 375–395.
    .. [2] Lourenço, H. R., Martin, O. C. and Stützle, T. (2003). Iterated local search. In
       F. Glover and G. Kochenberger (eds.), *Handbook of Metaheuristics*, 320–353. Kluwer.
    .. [3] Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks*,
       5(3), 269–287 (k-cores).

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet
    >>> G = nx.florentine_families_graph()
    >>> cp = lsmnet.core_periphery(G, seed=0)
    >>> sorted(cp.index[cp["core"]])
    ['Guadagni', 'Medici', 'Strozzi']
    >>> round(cp.attrs["correlation"], 3), cp.attrs["core_size"], cp.attrs["optimal"]
    (0.33, 3, True)
    >>> cp["coreness"].idxmax()
    'Medici'
    """
    func = "core_periphery"
    check_progress(progress, func)
    check_graph(G, func)
    check_weight(G, weight, func)
    check_number(restarts, "restarts", func, low=0, integer=True)
    n_jobs = check_n_jobs(n_jobs, func)
    rng = check_seed(seed, func)
    n = G.number_of_nodes()
    if n < 3:
        raise InvalidParameterError(
            f"{func} needs a graph with at least 3 nodes (a core and a pair of periphery "
            f"nodes). Got {n}."
        )
    nodes = list(G.nodes)
    W = _tie_matrix(G, nodes, weight)
    # both correlations are scale free: fit on W / max(W) so that sums of squares of tie
    # values near 1e300 (or 1e-300) neither overflow nor underflow
    scale = float(W.max()) if W.nnz else 1.0
    if scale != 1.0:
        W = W.copy()
        W.data = W.data / scale  # not W / scale: scipy multiplies by 1 / scale, inf for 5e-324
        W.eliminate_zeros()
    fit = _Fit(W)
    if fit.var_a <= _TOL * max(1.0, fit.N * fit.Q):
        raise InvalidParameterError(
            f"{func}: every pair of distinct nodes has the same tie value "
            f"({fit.S / fit.N * scale:g}), so the correlation with a core-periphery pattern is "
            "undefined. The graph has no ties, or all possible ties with equal weight."
        )
    coreness, coreness_r = _coreness(W)
    coreness = coreness * np.sqrt(scale)  # c_i c_j approximates the tie values of G
    optimal = n <= EXACT_MAX_NODES
    if optimal:
        best_core, best_r = _exact(
            fit, W, lambda steps: _progress(steps, desc=func, enabled=progress)
        )
    else:
        degree = np.asarray(fit.B.sum(axis=0)).ravel()
        starts = [
            fit.best_prefix(coreness),
            fit.best_prefix(_kcore_scores(W)),
            fit.best_prefix(degree),
        ]
        for _ in range(int(restarts)):
            k = rng.integers(1, n - 1)
            mask = np.zeros(n, dtype=bool)
            mask[rng.choice(n, size=k, replace=False)] = True
            starts.append(mask)
        dense = fit.B.toarray() if n <= SWAP_MAX_NODES else None
        # pieces cut from the starts alone and searched in order: the same best partition
        # (the first of the best) whatever n_jobs is
        size = _PIECE_STARTS if n >= _PIECES_MIN_NODES else len(starts)
        pieces = [starts[i : i + size] for i in range(0, len(starts), size)]
        if _serial(n_jobs):
            found = map(functools.partial(_search_piece, fit, dense), pieces)  # lazy: live bar
        else:
            found = map_pieces(_search_piece, pieces, n_jobs, args=(fit, dense))
        best_core, best_r = None, -np.inf
        # one step per local search
        for core, r in _progress(
            itertools.chain.from_iterable(found), total=len(starts), desc=func, enabled=progress
        ):
            if r > best_r + _TOL:
                best_core, best_r = core, r
        best_core, best_r = _iterated_search(fit, dense, best_core, best_r, int(restarts), rng)
    table = pd.DataFrame({"core": best_core, "coreness": coreness}, index=pd.Index(nodes))
    table.attrs.update(
        {
            "correlation": best_r,
            "core_size": int(best_core.sum()),
            "coreness_correlation": coreness_r,
            "restarts": int(restarts),
            "optimal": bool(optimal),
        }
    )
    return table

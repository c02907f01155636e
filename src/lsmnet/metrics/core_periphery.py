"""Borgatti–Everett core–periphery structure: discrete partition and continuous coreness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import minimize
from scipy.sparse.linalg import eigsh

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

    def local_search(self, core: np.ndarray) -> tuple[np.ndarray, float]:
        """Best-improvement single-node moves between core and periphery until none helps."""
        core = core.copy()
        periphery = (~core).astype(float)
        t = self.B @ periphery  # t[x]: ties of x with the periphery (both directions)
        k = int(core.sum())
        s_pp = float(periphery @ t) / 2
        current = float(self.correlation(k, s_pp))
        n, N, S = self.n, self.N, self.S
        sign = np.where(core, 1.0, -1.0)  # a move changes s_pp by +t (core) or -t (periphery)
        with np.errstate(invalid="ignore", divide="ignore"):
            for _ in range(10 * n):
                # correlation() of every move at once: a core node leaves (k - 1), a periphery
                # node joins (k + 1); the terms that depend on k alone take two values, computed
                # with the same operations as correlation(), so every r is bit-identical
                two = np.array([k - 1, k + 1], dtype=float)
                n1 = N - (n - two) * (n - two - 1)
                den = np.sqrt(self.var_a * (N * n1 - n1**2))
                s_n1 = S * n1
                new_s = s_pp + sign * t
                r = (N * (S - new_s) - np.where(core, s_n1[0], s_n1[1])) / np.where(
                    core, den[0], den[1]
                )
                if not 1 <= two[0] <= n - 2:
                    r[core] = -np.inf
                if not 1 <= two[1] <= n - 2:
                    r[~core] = -np.inf
                x = int(np.argmax(r))
                if not r[x] > current + _TOL:
                    break
                lo, hi = self.B.indptr[x], self.B.indptr[x + 1]
                rows, vals = self.B.indices[lo:hi], self.B.data[lo:hi]
                t[rows] += vals if core[x] else -vals
                k, s_pp, current = int(two[0] if core[x] else two[1]), float(new_s[x]), float(r[x])
                core[x] = not core[x]
                sign[x] = -sign[x]
        return core, current


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
    G,
    *,
    weight: str | None = None,
    restarts: int = 20,
    seed=None,
    progress: bool | None = None,
):
    """Borgatti–Everett core–periphery partition and continuous coreness.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network, at least three nodes. Self-loops are ignored.
    weight : str, optional
        Edge attribute holding tie values (e.g. number of joint projects); None (default)
        treats every tie as 1. Absent ties are 0.
    restarts : int, default 20
        Random starting partitions for the local search, in addition to two deterministic
        starts (the best split of the nodes ranked by coreness, and by degree).
    seed : None, int or numpy.random.Generator, optional
        Seed of the random starts (same seed, same partition).
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal. It counts the local
        searches, one per start (``restarts + 2``).

    Returns
    -------
    pandas.DataFrame
        Indexed by node (in ``G``'s order), columns:

        - ``core`` (bool): in the core of the best discrete partition;
        - ``coreness`` (float): continuous coreness :math:`c_i`, scaled so that
          :math:`c_i c_j` approximates the tie value between :math:`i` and :math:`j`.

        ``DataFrame.attrs`` holds the fit: ``"correlation"`` (Pearson correlation of the
        ties with the ideal discrete pattern, the quantity maximised), ``"core_size"`` (int),
        ``"coreness_correlation"`` (correlation of the ties with :math:`c_i c_j`) and
        ``"restarts"``.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph or is a multigraph.
    InvalidParameterError
        If ``G`` has fewer than three nodes, all its off-diagonal tie values are equal (no
        ties, or a complete graph with equal weights: the correlation is undefined),
        ``weight`` names a missing or negative attribute, ``restarts`` is negative, ``seed``
        is invalid, or ``progress`` is not None, True or False.

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
    change from moving any node is known in :math:`O(1)` and the local search scores all
    moves at once. Tie values are first divided by the largest one (neither correlation
    depends on the scale, and :math:`Q` of values near 1e300 would overflow); coreness is
    multiplied back by the square root of that value. Each start is improved by
    best-improvement single-node moves until no move helps; the best of the deterministic
    starts and ``restarts`` seeded random starts is returned (ties go to the earlier start).

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

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet
    >>> G = nx.florentine_families_graph()
    >>> cp = lsmnet.core_periphery(G, seed=0)
    >>> sorted(cp.index[cp["core"]])
    ['Guadagni', 'Medici', 'Strozzi']
    >>> round(cp.attrs["correlation"], 3), cp.attrs["core_size"]
    (0.33, 3)
    >>> cp["coreness"].idxmax()
    'Medici'
    """
    func = "core_periphery"
    check_progress(progress, func)
    check_graph(G, func)
    check_weight(G, weight, func)
    check_number(restarts, "restarts", func, low=0, integer=True)
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
    # one step per local search; the bar is shown while the coreness is fitted
    searches = _progress(range(int(restarts) + 2), desc=func, enabled=progress)
    coreness, coreness_r = _coreness(W)
    coreness = coreness * np.sqrt(scale)  # c_i c_j approximates the tie values of G
    degree = np.asarray(fit.B.sum(axis=0)).ravel()
    starts = [fit.best_prefix(coreness), fit.best_prefix(degree)]
    for _ in range(int(restarts)):
        k = rng.integers(1, n - 1)
        mask = np.zeros(n, dtype=bool)
        mask[rng.choice(n, size=k, replace=False)] = True
        starts.append(mask)
    best_core, best_r = None, -np.inf
    for i in searches:
        core, r = fit.local_search(starts[i])
        if r > best_r + _TOL:
            best_core, best_r = core, r
    table = pd.DataFrame({"core": best_core, "coreness": coreness}, index=pd.Index(nodes))
    table.attrs.update(
        {
            "correlation": best_r,
            "core_size": int(best_core.sum()),
            "coreness_correlation": coreness_r,
            "restarts": int(restarts),
        }
    )
    return table

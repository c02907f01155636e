"""Conditional uniform graph (CUG) tests of graph-level statistics."""

from __future__ import annotations

import html as _html
import math
import numbers
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._parallel import check_n_jobs, map_pieces, pieces_by_work
from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet._validation import check_graph, check_number, check_option, check_seed
from lsmnet.exceptions import GraphTypeError, InvalidParameterError, LsmnetWarning
from lsmnet.metrics._engine import GraphEngine, realize_degree_sequence, triangle_count

__all__ = ["CugResult", "cug_test"]

_FUNC = "cug_test"
_NULLS = ("edges", "degree")
# Null values this close to the observed value count as ties: the same graph built in another
# node order can give a statistic that differs in the last bits.
_RTOL = 1e-9
_ATOL = 1e-12
#: cug_test scores its null graphs in pieces of about this much work (``n (n + m)`` per
#: graph, at least one graph per piece), drawn and scored a block of :data:`_BLOCK` pieces at
#: a time; both are cut from the graph alone, never from ``n_jobs``.
_PIECE_WORK = 2_000_000
_BLOCK = 16


@dataclass(frozen=True)
class CugResult:
    """Result of :func:`cug_test`.

    Parameters
    ----------
    statistic : str
        Name of the statistic (the built-in name, or the callable's ``__name__``).
    null : str
        The null model, ``"edges"`` or ``"degree"``.
    observed : float
        The statistic on the observed graph.
    null_mean, null_sd : float
        Mean and sample standard deviation (``ddof=1``) of the statistic over the null draws.
    z : float
        ``(observed - null_mean) / null_sd``; NaN when ``null_sd`` is 0 or undefined.
    p_ge : float
        Share of null draws with a value greater than or equal to ``observed``: the one-sided
        p-value for "larger than chance".
    p_le : float
        Share of null draws with a value less than or equal to ``observed``: the one-sided
        p-value for "smaller than chance".
    n : int
        Number of null draws used (draws whose statistic was NaN are left out, with a warning).
    null_values : numpy.ndarray
        The statistic on every null draw, in draw order (NaN kept).

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet import cug_test
    >>> result = cug_test(nx.karate_club_graph(), "transitivity", n=50, seed=1)
    >>> result.null, result.n
    ('edges', 50)
    """

    statistic: str
    null: str
    observed: float
    null_mean: float
    null_sd: float
    z: float
    p_ge: float
    p_le: float
    n: int
    null_values: np.ndarray = field(repr=False, compare=False)

    def _repr_html_(self) -> str:
        """The result as a small table in Jupyter (text escaped: a statistic may be named by
        the user's callable)."""
        caption = _html.escape(f"CUG test of {self.statistic} against the {self.null!r} null")
        table = self.to_series().to_frame().to_html(float_format=lambda x: f"{x:.4g}")
        return f"<div><p>{caption}</p>{table}</div>"

    def to_series(self) -> pd.Series:
        """Return the scalar fields as a ``pd.Series`` named after the statistic.

        Returns
        -------
        pandas.Series
            Index ``observed, null_mean, null_sd, z, p_ge, p_le, n``.

        Examples
        --------
        >>> import networkx as nx
        >>> from lsmnet import cug_test
        >>> row = cug_test(nx.karate_club_graph(), "transitivity", n=20, seed=1).to_series()
        >>> list(row.index)
        ['observed', 'null_mean', 'null_sd', 'z', 'p_ge', 'p_le', 'n']
        """
        return pd.Series(
            {
                "observed": self.observed,
                "null_mean": self.null_mean,
                "null_sd": self.null_sd,
                "z": self.z,
                "p_ge": self.p_ge,
                "p_le": self.p_le,
                "n": self.n,
            },
            name=self.statistic,
            dtype=float,
        )


def _transitivity(G) -> float:
    if G.is_directed():
        raise GraphTypeError(
            "The built-in statistic 'transitivity' of cug_test is defined for undirected "
            "graphs. Got a directed graph; pass a callable for a directed version."
        )
    return nx.transitivity(G)


def _transitivity_of_pairs(n: int, u: np.ndarray, v: np.ndarray) -> float:
    """``nx.transitivity`` of the simple undirected graph on ``n`` nodes with edges (u, v),
    without building it: triangles counted by the path engine, then networkx's own ratio of
    integers (six times the triangles over the sum of d(d - 1)), so the value is
    bit-identical."""
    triangles = triangle_count(GraphEngine.from_arrays(n, u, v))
    if triangles == 0:
        return 0.0
    degree = np.bincount(np.concatenate([u, v]), minlength=n).astype(np.int64)
    return (6 * triangles) / int(np.sum(degree * (degree - 1)))


def _reciprocity(G) -> float:
    if not G.is_directed():
        raise GraphTypeError(
            "The built-in statistic 'reciprocity' of cug_test is defined for directed graphs. "
            "Got an undirected graph."
        )
    return nx.overall_reciprocity(G) if G.number_of_edges() else float("nan")


def _centralization(measure: str) -> Callable:
    def statistic(G) -> float:
        from lsmnet.metrics.centralization import centralization

        return centralization(G, measure)

    statistic.__name__ = f"{measure}_centralization"
    return statistic


_BUILTINS = {
    "transitivity": _transitivity,
    "reciprocity": _reciprocity,
    "degree_centralization": _centralization("degree"),
    "betweenness_centralization": _centralization("betweenness"),
}


def _as_float(value, what: str) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise InvalidParameterError(
            f"The 'statistic' parameter of {_FUNC} must return a real number; on the {what} "
            f"graph it returned {value!r}."
        )
    return float(value)


def _gnm_pairs(n: int, m: int, directed: bool, rng: np.random.Generator):
    """Draw ``m`` distinct dyads of ``n`` nodes uniformly; return two index arrays."""
    if directed:
        k = rng.choice(n * (n - 1), size=m, replace=False)
        u, r = np.divmod(k, n - 1)
        return u, r + (r >= u)
    # Unordered pairs <-> (start b, gap d) with d = 1..floor((n-1)/2), plus, for even n, the
    # n/2 pairs at gap n/2: an exact integer bijection with range(n(n-1)/2).
    k = rng.choice(n * (n - 1) // 2, size=m, replace=False)
    full = n * ((n - 1) // 2)
    gap, start = np.divmod(k, n)
    u = np.where(k < full, start, k - full)
    v = np.where(k < full, (start + gap + 1) % n, k - full + n // 2)
    return u, v


def _degree_sequences(G, nodes: list):
    if G.is_directed():
        return [G.out_degree(v) for v in nodes], [G.in_degree(v) for v in nodes]
    return [G.degree(v) for v in nodes], None


def degree_null_edges(
    out_deg: list, in_deg: list | None, rng: np.random.Generator
) -> list[tuple[int, int]]:
    """Draw the edges of a simple graph with the given degree sequence(s) by edge switching.

    Vertex ``i`` has degree ``out_deg[i]`` (and in-degree ``in_deg[i]``). This is the draw of
    ``cug_test(..., null="degree")``; callers that score null graphs directly use it to get
    the same null graphs from the same generator.

    As igraph's ``Degree_Sequence(method="edge_switching_simple")``: a realisation of the
    sequence (deterministic: igraph's ``Realize_Degree_Sequence`` when igraph is used,
    networkx's Havel–Hakimi graph otherwise) randomised by ten switches per edge, every
    random number from ``rng`` (igraph's global random generator, which the user may have
    set, is neither used nor replaced). The two engines start from different realisations,
    so they draw different, equally valid null graphs; each engine's draws are reproducible
    from the seed.
    """
    start = realize_degree_sequence(out_deg, in_deg)
    return _switch_edges(start, in_deg is not None, rng)


def degree_null_graph(out_deg: list, in_deg: list | None, rng: np.random.Generator):
    """The draw of :func:`degree_null_edges` as an igraph graph (needs igraph installed)."""
    import igraph

    edges = degree_null_edges(out_deg, in_deg, rng)
    return igraph.Graph(n=len(out_deg), edges=edges, directed=in_deg is not None)


#: Attempted switches per edge before the first graph of a chain (and of every independent
#: draw): igraph's ``edge_switching_simple`` default.
BURN_IN = 10
#: Switches made per edge between two graphs of :func:`degree_null_chain`, chosen by
#: measurement (``tests/metrics/test_null_chain.py``): at this gap the lag-1 autocorrelation
#: of every :data:`lsmnet.risk.health.NULL_SCORES` over the chain's draws is below 0.1 on the
#: example's coalitions and within noise of zero on a heavy-tailed synthetic coalition (1.0
#: left it near 0.1 on the sparser coalitions of the example).
CHAIN_GAP = 2.0


class _SwitchChain:
    """The state of an edge-switching chain: edge ``k`` is ``u[k] -> v[k]``, ``keys[k]`` its
    integer key (``a * n + b``, ends ordered for undirected graphs) and ``present`` the set of
    keys."""

    def __init__(self, edges, n: int, directed: bool):
        self.u = [int(a) for a, _ in edges]
        self.v = [int(b) for _, b in edges]
        self.n = n
        self.directed = directed
        if directed:
            self.keys = [a * n + b for a, b in zip(self.u, self.v, strict=True)]
        else:
            self.keys = [
                a * n + b if a < b else b * n + a for a, b in zip(self.u, self.v, strict=True)
            ]
        self.present = set(self.keys)

    def edges(self) -> list[tuple[int, int]]:
        return list(zip(self.u, self.v, strict=True))

    def array(self) -> np.ndarray:
        """The edges as an ``(m, 2)`` int64 array."""
        out = np.empty((len(self.u), 2), dtype=np.int64)
        out[:, 0] = self.u
        out[:, 1] = self.v
        return out

    def run(self, rng: np.random.Generator, attempts: int) -> int:
        """Attempt ``attempts`` switches (a-b, c-d -> a-d, c-b), drawing the picks and then
        the coins from ``rng``; return how many were made. A switch that would make a loop
        or a repeated edge is skipped (the chain stays put)."""
        m = len(self.u)
        if m < 2:
            return 0
        made = 0
        picks = rng.integers(0, m, size=(attempts, 2))
        flips = rng.random(attempts) < 0.5
        moving = picks[:, 0] != picks[:, 1]  # picking one edge twice never switches
        first, second = picks[moving, 0].tolist(), picks[moving, 1].tolist()
        u, v, keys, present, n = self.u, self.v, self.keys, self.present, self.n
        # the loops are written out (integer keys, no helper calls): this is the hot path of
        # every degree-preserving null model
        if self.directed:
            for i, j in zip(first, second, strict=True):
                a, d = u[i], v[j]
                if a == d:
                    continue
                c, b = u[j], v[i]
                if c == b:
                    continue
                ad, cb = a * n + d, c * n + b
                if ad in present or cb in present:
                    continue
                present.discard(keys[i])
                present.discard(keys[j])
                present.add(ad)
                present.add(cb)
                keys[i], keys[j] = ad, cb
                v[i], v[j] = d, b
                made += 1
            return made
        for i, j, flip in zip(first, second, flips[moving].tolist(), strict=True):
            a, b = u[i], v[i]
            if flip:
                c, d = v[j], u[j]
            else:
                c, d = u[j], v[j]
            if a == d or c == b:
                continue
            ad = a * n + d if a < d else d * n + a
            cb = c * n + b if c < b else b * n + c
            if ad in present or cb in present:
                continue
            present.discard(keys[i])
            present.discard(keys[j])
            present.add(ad)
            present.add(cb)
            keys[i], keys[j] = ad, cb
            v[i], u[j], v[j] = d, c, b
            made += 1
        return made


def _switch_edges(edges: list, directed: bool, rng: np.random.Generator, rounds: int = 10):
    """Degree-preserving switches (a-b, c-d -> a-d, c-b), ``rounds`` attempts per edge.

    A switch that would make a loop or a repeated edge is skipped (the chain stays put), so
    the proposal is symmetric and, for undirected graphs, the chain's stationary law is
    uniform over the simple graphs with the degree sequence. Undirected edges are switched in
    either orientation of the second edge (a fair coin).
    """
    m = len(edges)
    if m < 2:
        return edges
    n = 1 + max(max(a, b) for a, b in edges)
    chain = _SwitchChain(edges, n, directed)
    chain.run(rng, rounds * m)
    return chain.edges()


def degree_null_chain(
    out_deg: list,
    in_deg: list | None,
    rng: np.random.Generator,
    draws: int,
    *,
    gap: float = CHAIN_GAP,
) -> Iterator[np.ndarray]:
    r"""Draw ``draws`` graphs with the given degree sequence(s) from one edge-switching chain.

    The sequence is realised once (as in :func:`degree_null_edges`) and randomised by
    :data:`BURN_IN` attempted switches per edge: the first graph is exactly the graph
    :func:`degree_null_edges` draws from the same generator state. Each further graph
    follows the previous one after about ``gap`` switches made per edge of the same chain:
    :math:`\min(B m, \lceil \mathrm{gap} \cdot m / \alpha \rceil)` more attempted
    switches, for :math:`m` edges, the burn-in's acceptance rate :math:`\alpha` (the share
    of its attempts that made a switch) and :math:`B` = :data:`BURN_IN`.

    Parameters
    ----------
    out_deg : list of int
        Degree (out-degree for a directed graph) of each vertex ``0 .. n-1``.
    in_deg : list of int or None
        In-degree of each vertex for a directed graph; None for an undirected one.
    rng : numpy.random.Generator
        Source of every random number (the chain's picks and coins, in draw order).
    draws : int
        Number of graphs to yield (at least 1).
    gap : float, default CHAIN_GAP
        Switches made per edge between two yielded graphs (positive): a dense or skewed
        degree sequence, where most attempts are refused, gets more attempts per graph.

    Yields
    ------
    numpy.ndarray
        The edges of each graph, an ``(m, 2)`` int64 array of vertex indices (a fresh array
        per graph).

    Returns
    -------
    Iterator[numpy.ndarray]
        A generator of the ``draws`` edge arrays, in chain order.

    Raises
    ------
    InvalidParameterError
        If ``draws`` is not a positive integer or ``gap`` is not a positive number.

    Notes
    -----
    Independent draws (:func:`degree_null_edges`, ``cug_test(null="degree")``) realise the
    sequence again and pay :data:`BURN_IN` switches per edge for every graph; a chain pays
    them once and then ``gap`` switches made per edge per graph (never more attempts than
    a burn-in). Successive graphs of a chain are correlated, so the gap is chosen where the lag-1
    autocorrelation of the scores compared with the null model is negligible and their null
    mean and standard deviation agree with independent draws within Monte Carlo error
    (Markov chain sampling of graphs with a sampling gap [1]_, [2]_). The chain is the
    double-edge swap chain of :func:`degree_null_edges`: a swap that would create a loop or
    a repeated edge leaves the graph as it is, so its stationary law is uniform over the
    simple graphs with the degree sequence.

    References
    ----------
    .. [1] Dutta, U., Fosdick, B. K., & Clauset, A. (2023). Sampling random graphs with
       specified degree sequences. arXiv:2105.12120.
    .. [2] Fosdick, B. K., Larremore, D. B., Nishimura, J., & Ugander, J. (2018). Configuring
       random graph models with fixed degree sequences. *SIAM Review*, 60(2), 315–355.
       https://doi.org/10.1137/16M1087175

    Examples
    --------
    >>> import numpy as np
    >>> from lsmnet.metrics.significance import degree_null_chain
    >>> degrees = [3, 2, 2, 2, 1, 1, 1]
    >>> graphs = list(degree_null_chain(degrees, None, np.random.default_rng(0), draws=3))
    >>> len(graphs), graphs[0].shape
    (3, (6, 2))
    >>> all(np.bincount(g.ravel(), minlength=7).tolist() == degrees for g in graphs)
    True
    """
    func = "degree_null_chain"
    check_number(draws, "draws", func, low=1, integer=True)
    check_number(gap, "gap", func, low=0, low_inclusive=False)
    return _chain(out_deg, in_deg, rng, draws, gap)


def _chain(out_deg, in_deg, rng, draws: int, gap: float) -> Iterator[np.ndarray]:
    start = realize_degree_sequence(out_deg, in_deg)
    chain = _SwitchChain(start, len(out_deg), in_deg is not None)
    m = len(start)
    made = chain.run(rng, BURN_IN * m)
    yield chain.array()
    # gap switches made per edge, at the burn-in's acceptance rate, and never more attempts
    # than the burn-in of an independent draw
    step = BURN_IN * m if made == 0 else min(BURN_IN * m, math.ceil(gap * m * BURN_IN * m / made))
    for _ in range(draws - 1):
        chain.run(rng, step)
        yield chain.array()


def _degree_pairs(out_deg: list, in_deg: list | None, rng: np.random.Generator):
    """Draw a simple graph with the given degree sequence(s); return two index arrays."""
    edges = degree_null_edges(out_deg, in_deg, rng)
    pairs = np.array(edges, dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def cug_test(
    G: nx.Graph,
    statistic: str | Callable[[nx.Graph], float],
    *,
    null: str = "edges",
    n: int = 1000,
    seed: int | np.random.Generator | None = None,
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> CugResult:
    r"""Conditional uniform graph test: compare a graph statistic with random graphs.

    The statistic is computed on ``G`` and on ``n`` random graphs drawn uniformly from the
    graphs that share a property of ``G`` (its number of edges, or its degree sequence). The
    share of random graphs scoring at least (at most) as high as ``G`` is the one-sided
    p-value.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A simple graph (no multigraph, no self-loops). Node attributes and ``G.graph`` are
        copied to every null graph; edge attributes are shuffled over the null graph's edges.
    statistic : callable or str
        A function ``graph -> float``, or the name of a built-in: ``"transitivity"``
        (undirected graphs), ``"reciprocity"`` (directed graphs), ``"degree_centralization"``
        or ``"betweenness_centralization"`` (Freeman centralization,
        :func:`lsmnet.centralization`).
    null : {"edges", "degree"}, default "edges"
        ``"edges"``: uniform random graphs with the same nodes, number of edges and
        directedness (the Erdős–Rényi G(n, m) model). ``"degree"``: random simple graphs with
        the same degree sequence (in- and out-degrees for directed graphs).
    n : int, default 1000
        Number of null graphs.
    seed : int, numpy.random.Generator or None
        Seed of the random draws; the same seed gives the same result.
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal.
    n_jobs : int or None, default None
        Workers computing the statistic on the null graphs (scikit-learn's convention:
        ``None`` one, unless a :func:`joblib.parallel_backend` context says otherwise; ``-1``
        all cores). The graphs are drawn in this process in order and scored in pieces cut
        independently of ``n_jobs``, so the result is the same whatever ``n_jobs`` is. With
        several workers a callable ``statistic`` must be picklable by cloudpickle (a lambda
        is) and its side effects happen in the workers.

    Returns
    -------
    CugResult
        Frozen dataclass with ``observed``, ``null_mean``, ``null_sd``, ``z``, ``p_ge``
        (P(X ≥ observed)), ``p_le`` (P(X ≤ observed)), ``n`` and the array ``null_values``;
        ``.to_series()`` gives the numbers as a ``pd.Series``. When the observed statistic is
        NaN every derived number is NaN.

    Raises
    ------
    GraphTypeError
        If ``G`` is not a networkx graph, is a multigraph, has self-loops, or a built-in
        statistic does not apply to its direction.
    InvalidParameterError
        If ``statistic`` is neither callable nor a built-in name, returns something other than
        a real number, or ``null``, ``n``, ``seed`` or ``n_jobs`` is invalid.

    See Also
    --------
    lsmnet.centralization : Freeman centralization, a common statistic to test.

    Notes
    -----
    With :math:`s_0` the observed statistic and :math:`s_1, \dots, s_R` its values on the
    null graphs (NaN values left out),

    .. math::

        p_{\ge} = \frac{1}{R} \sum_r [s_r \ge s_0], \qquad
        p_{\le} = \frac{1}{R} \sum_r [s_r \le s_0], \qquad
        z = \frac{s_0 - \bar s}{\operatorname{sd}(s)},

    as in ``sna::cug.test`` (``pgteobs``, ``plteobs``), except that values within a relative
    1e-9 of :math:`s_0` count as ties, so floating-point noise cannot flip a tie.

    ``null="edges"`` draws :math:`m` distinct dyads uniformly among the :math:`n(n-1)/2`
    (undirected) or :math:`n(n-1)` (directed) possible ones: every graph with that size and
    density is equally likely. ``null="degree"`` follows igraph's ``Degree_Sequence`` with
    ``method="edge_switching_simple"``: a realisation of the degree sequence (igraph's
    deterministic ``Realize_Degree_Sequence`` when igraph is installed, networkx's
    Havel–Hakimi graph otherwise) randomised by ten degree-preserving edge switches
    per edge, drawn from ``seed`` (igraph's global random generator is never used or replaced),
    which samples simple graphs approximately uniformly,
    handles directed graphs and, unlike ``"vl"``, does not condition on connectivity (a
    disconnected observed graph has a valid null; ``"configuration_simple"`` samples exactly
    uniformly but its rejection step can run for hours on skewed degree sequences). The two
    starting realisations differ, so with and without igraph the same seed draws different,
    equally valid null graphs (the ``"edges"`` null draws the same ones); each is
    reproducible from the seed.

    Edge attributes (such as ``weight``) are permuted at random over the null graph's edges,
    like ``sna::cug.test(..., ignore.eval=FALSE)``: a weighted statistic is compared with
    graphs carrying the same multiset of weights.

    References
    ----------
    .. [1] Anderson, B. S., Butts, C. T., & Carley, K. M. (1999). The interaction of size and
       density with graph-level indices. *Social Networks*, 21(3), 239–267.
       https://doi.org/10.1016/S0378-8733(99)00011-8
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
       Software*, 24(6). https://doi.org/10.18637/jss.v024.i06
    .. [3] Viger, F., & Latapy, M. (2005). Efficient and simple generation of random simple
       connected graphs with prescribed degree sequence. *COCOON 2005*, LNCS 3595, 440–449.

    Examples
    --------
    >>> import networkx as nx
    >>> import lsmnet
    >>> G = nx.krackhardt_kite_graph()
    >>> result = lsmnet.cug_test(G, "transitivity", n=200, seed=1)
    >>> round(result.observed, 3)
    0.579
    >>> result.p_ge < 0.05  # more clustered than random graphs of the same size
    True
    >>> result.to_series().index.tolist()
    ['observed', 'null_mean', 'null_sd', 'z', 'p_ge', 'p_le', 'n']
    """
    check_graph(G, _FUNC)
    check_progress(progress, _FUNC)
    if nx.number_of_selfloops(G):
        raise GraphTypeError(
            f"{_FUNC} does not support self-loops: its null models draw simple graphs. Remove "
            "them from a copy first, e.g. H = G.copy(); "
            "H.remove_edges_from(nx.selfloop_edges(H))."
        )
    if isinstance(statistic, str):
        check_option(statistic, _BUILTINS, "statistic", _FUNC)
        name, func = statistic, _BUILTINS[statistic]
    elif callable(statistic):
        name, func = getattr(statistic, "__name__", repr(statistic)), statistic
    else:
        raise InvalidParameterError(
            f"The 'statistic' parameter of {_FUNC} must be a callable graph -> float or one of "
            f"{', '.join(repr(k) for k in _BUILTINS)}. Got {statistic!r}."
        )
    check_option(null, _NULLS, "null", _FUNC)
    check_number(n, "n", _FUNC, low=1, integer=True)
    n_jobs = check_n_jobs(n_jobs, _FUNC)
    rng = check_seed(seed, _FUNC)

    nodes = list(G)
    # the built-in transitivity is scored on node positions directly (no networkx graph)
    pairs_statistic = statistic == "transitivity" and not G.is_directed()
    if pairs_statistic:
        position = {v: i for i, v in enumerate(nodes)}
        ends = np.array([(position[a], position[b]) for a, b in G.edges()], dtype=np.int64)
        ends = ends.reshape(-1, 2)
        observed = _transitivity_of_pairs(len(nodes), ends[:, 0], ends[:, 1])
    else:
        observed = _as_float(func(G), "observed")
    if null == "degree":
        out_deg, in_deg = _degree_sequences(G, nodes)
    edge_data = [d for _, _, d in G.edges(data=True)]
    has_edge_data = any(edge_data)
    m = len(edge_data)
    work = len(nodes) * (len(nodes) + m)
    size = max(1, _PIECE_WORK // max(1, work))
    shared = (G, nodes, edge_data if has_edge_data else None, func, pairs_statistic)
    values = np.empty(n)
    done = 0
    bar = _progress(range(n), total=n, desc=_FUNC, enabled=progress)
    steps = iter(bar)
    while done < n:
        block = []
        for _ in range(min(n - done, size * _BLOCK)):
            if null == "edges":
                u, v = _gnm_pairs(len(nodes), m, G.is_directed(), rng)
            else:
                u, v = _degree_pairs(out_deg, in_deg, rng)
            # the draw that shuffles edge attributes, kept in the stream for the pairs path
            order = rng.permutation(m) if has_edge_data else None
            block.append((u, v, order))
        pieces = pieces_by_work(block, work, _PIECE_WORK)
        parts = map_pieces(_null_values, pieces, n_jobs, args=shared)
        values[done : done + len(block)] = np.concatenate(parts)
        done += len(block)
        for _ in block:
            next(steps)
    next(steps, None)  # ends the bar
    return _summarise(name, null, observed, values)


def _null_values(G, nodes: list, edge_data: list | None, func, pairs_statistic: bool, piece):
    """The statistic on each null graph ``(u, v, order)`` of ``piece``: edges ``nodes[u[k]]
    - nodes[v[k]]`` carrying ``edge_data[order[k]]``, with ``G``'s class, nodes and graph
    attributes."""
    out = np.empty(len(piece))
    for r, (u, v, order) in enumerate(piece):
        if pairs_statistic:
            out[r] = _transitivity_of_pairs(len(nodes), u, v)
            continue
        H = G.__class__()
        H.graph.update(G.graph)
        H.add_nodes_from(G.nodes(data=True))
        if edge_data is not None:
            H.add_edges_from(
                (nodes[a], nodes[b], dict(edge_data[k]))
                for a, b, k in zip(u.tolist(), v.tolist(), order.tolist(), strict=True)
            )
        else:
            H.add_edges_from(zip([nodes[a] for a in u], [nodes[b] for b in v], strict=True))
        out[r] = _as_float(func(H), "null")
    return out


def _summarise(name: str, null: str, observed: float, values: np.ndarray) -> CugResult:
    finite = values[~np.isnan(values)]
    if finite.size < values.size:
        warnings.warn(
            f"cug_test: the statistic {name!r} was NaN on {values.size - finite.size} of "
            f"{values.size} null graphs; they are left out of the p-values and moments.",
            LsmnetWarning,
            stacklevel=3,
        )
    nan = float("nan")
    if np.isnan(observed) or finite.size == 0:
        return CugResult(name, null, observed, nan, nan, nan, nan, nan, int(finite.size), values)
    mean = float(finite.mean())
    sd = float(finite.std(ddof=1)) if finite.size > 1 else nan
    if finite.size > 1 and np.ptp(finite) <= _ATOL + _RTOL * np.abs(finite).max():
        sd = 0.0  # all draws tie; a rounding-noise sd would give a meaningless z
    z = (observed - mean) / sd if sd > 0 else nan
    tol = _ATOL + _RTOL * abs(observed)
    p_ge = float(np.mean(finite >= observed - tol))
    p_le = float(np.mean(finite <= observed + tol))
    return CugResult(name, null, observed, mean, sd, z, p_ge, p_le, int(finite.size), values)

"""Coalition health: one row of structural, survey and risk scores per coalition."""

from __future__ import annotations

import collections
import datetime
import json
import zlib
from collections.abc import Callable, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._parallel import PiecesInBackground, check_n_jobs, map_pieces
from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet._schema import DEFAULT_LAYERS
from lsmnet._validation import check_number, check_seed, is_integer_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io.from_graph import check_network_data
from lsmnet.metrics._engine import (
    GraphEngine,
    betweenness_sums,
    gnm_path_measures,
    inverse_distance_sum,
    single_threaded_blas,
    transitivity,
)
from lsmnet.metrics.centralization import centralization
from lsmnet.metrics.inequality import gini
from lsmnet.metrics.keyplayer import fragmentation
from lsmnet.metrics.significance import CHAIN_GAP, degree_null_chain
from lsmnet.model import NetworkData
from lsmnet.risk._scope import NULL_SAMPLE_ABOVE, NULL_SOURCES
from lsmnet.risk.flags import evaluate, scopes
from lsmnet.risk.fragmentation import distance_fragmentation
from lsmnet.risk.stage import classify, stage_measures
from lsmnet.risk.thresholds import RiskThresholds

__all__ = ["NULL_SCORES", "coalition_health"]

#: ``null_samples="auto"``: at most this many null graphs per coalition, ...
AUTO_SAMPLES = 100
#: ... and at most this many in all, shared equally between the coalitions of the call ...
AUTO_TOTAL = 10_000
#: ... but never fewer than this many per coalition, even for a large coalition ...
AUTO_MIN_SAMPLES = 20
#: ... whose null graphs each cost more than this (n (n + m), for n members and m ties: one
#: breadth-first search from every member for betweenness and distances) and get
#: proportionally fewer draws.
AUTO_WORK = 100_000
#: A coalition's null graphs are drawn as independent chains scoring about this much work
#: each (``n (n + m)`` per graph, or :data:`NULL_SOURCES` ``(n + m)`` above
#: :data:`NULL_SAMPLE_ABOVE` members): a small coalition is one chain, a 1,000-member one with
#: 4,500 ties and 20 graphs three chains. The chains of every coalition of a call are the
#: pieces of work of the ``n_jobs`` workers, cut from each coalition alone.
CHAIN_WORK = 50_000_000

#: Structural scores compared with the degree-preserving null model (density, average degree
#: and degree centralization are fixed by the degree sequence, so they are not compared).

NULL_SCORES = (
    "components",
    "largest_component_share",
    "transitivity",
    "betweenness_centralization",
    "distance_fragmentation",
)


def structural_scores(G, paths: pd.DataFrame | None = None) -> dict:
    """The :data:`NULL_SCORES` of an undirected graph (NaN where undefined).

    ``paths``, the graph's :func:`~lsmnet.metrics.centrality.exact_path_table` when the caller
    has it, gives the two path scores without searching the graph again: Freeman's
    betweenness centralization is :math:`\\sum_v (B^* - B_v) / (n - 1)` in normalised
    betweenness, and :math:`\\sum_{i \\ne j} 1/d_{ij}` is the sum of the harmonic centralities.
    """
    n = G.number_of_nodes()
    components = [len(c) for c in nx.connected_components(G)]
    if paths is None:
        betweenness = centralization(G, "betweenness") if n >= 3 else np.nan
        distance = fragmentation(G, distance_weighted=True)
    else:
        values = paths["betweenness"].to_numpy()
        betweenness = float(np.sum(values.max() - values) / (n - 1)) if n >= 3 else np.nan
        distance = distance_fragmentation(paths)
    return {
        "components": float(len(components)),
        "largest_component_share": max(components) / n if n else np.nan,
        "transitivity": _transitivity(G),
        "betweenness_centralization": betweenness,
        "distance_fragmentation": distance,
    }


def _transitivity(G) -> float:
    """Global clustering coefficient (equal to ``nx.transitivity``); NaN without a connected
    triple."""
    return transitivity(GraphEngine(G))


def auto_samples(n: int, m: int, coalitions: int = 1) -> int:
    """Null graphs drawn for a coalition of ``n`` members and ``m`` ties, one of
    ``coalitions`` analysed together, under ``null_samples="auto"``.

    :data:`AUTO_SAMPLES`, or an equal share of :data:`AUTO_TOTAL` when there are more than
    100 coalitions; scaled down in proportion to the cost :math:`n (n + m)` of one null graph
    above :data:`AUTO_WORK`; never below :data:`AUTO_MIN_SAMPLES`.
    """
    base = max(AUTO_MIN_SAMPLES, min(AUTO_SAMPLES, AUTO_TOTAL // max(coalitions, 1)))
    work = n * (n + m)
    if work <= AUTO_WORK:
        return base
    return max(AUTO_MIN_SAMPLES, base * AUTO_WORK // work)


def _null_scores(n: int, edges, sources: np.ndarray | None = None) -> dict:
    """:func:`structural_scores` of the undirected graph on ``0 .. n-1`` (``n >= 3``) with
    the given distinct edges.

    Each score is computed as :func:`structural_scores` computes it on the networkx graph
    with the same node order, without building that graph: Freeman betweenness
    centralization (:func:`lsmnet.centralization`), transitivity and Borgatti's
    distance-weighted fragmentation (:func:`lsmnet.fragmentation`), on the path engine.
    With ``sources`` the two path scores are estimated from the shortest paths out of them
    (:func:`~lsmnet.metrics._engine.gnm_path_measures`; exact without igraph).
    """
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    engine = GraphEngine.from_arrays(n, pairs[:, 0], pairs[:, 1])
    _, labels = engine.weak_components
    sizes = np.bincount(labels)
    if sources is None:
        betweenness = betweenness_sums(engine)
        reached = inverse_distance_sum(engine)
    else:
        reached, betweenness = gnm_path_measures(n, pairs[:, 0], pairs[:, 1], sources)
    maximum = (n - 1) ** 2 * (n - 2) / 2.0
    return {
        "components": float(len(sizes)),
        "largest_component_share": sizes.max() / n,
        "transitivity": transitivity(engine),
        "betweenness_centralization": float(np.sum(betweenness.max() - betweenness) / maximum),
        "distance_fragmentation": 1.0 - reached / (n * (n - 1)),
    }


def null_comparison(
    G, observed: dict, *, samples: int, entropy: Sequence[int], n_jobs: int | None = None
) -> dict:
    """z-score and percentile of each observed score among degree-preserving random graphs.

    The null graphs of ``G`` (:func:`null_pieces` with ``entropy``) scored by
    :func:`chain_scores` on ``n_jobs`` workers and compared with ``observed`` by
    :func:`null_summary`: what :func:`coalition_health` does for each coalition, with the
    pieces of every coalition sent to the workers at once.
    """
    pieces = null_pieces(G, samples, entropy)
    scored = map_pieces(chain_scores, pieces, n_jobs)
    return null_summary(G, scored, observed, entropy)


def workers_ready(_: object) -> bool:
    """A piece of work that only imports what the null graphs' pieces need (igraph when it is
    installed): :func:`lsmnet.report` starts its workers with it."""
    from lsmnet.metrics._engine import igraph_or_none

    igraph_or_none()
    return True


def null_entropy(root: int, coalition: str) -> list[int]:
    """Seed words of one coalition's null model: the call's ``root`` and the coalition id
    (its CRC-32), so that a coalition's null graphs do not depend on which other coalitions
    are analysed with it."""
    return [root, zlib.crc32(str(coalition).encode("utf-8"))]


def null_pieces(G, samples: int, entropy: Sequence[int]) -> list[tuple]:
    """The null graphs of ``G`` as consecutive chains, each a piece of work for
    :func:`chain_scores`.

    ``samples`` graphs are shared in order between ``k`` independent edge-switching chains
    (:func:`~lsmnet.metrics.significance.degree_null_chain`, each burnt in on its own), ``k``
    the smallest number whose chains each score at most :data:`CHAIN_WORK` steps (one
    graph: a breadth-first search from every member, or from :data:`NULL_SOURCES` members
    above :data:`NULL_SAMPLE_ABOVE`, over ``n + m`` nodes and ties). Chain ``j`` draws from
    ``numpy.random.default_rng([*entropy, 1, j + 1])``: the pieces depend on the coalition
    alone, never on ``n_jobs``. Empty when there is nothing to draw.
    """
    n, m = G.number_of_nodes(), G.number_of_edges()
    if samples == 0 or n < 3 or m == 0:
        return []
    degrees = np.array([d for _, d in G.degree()], dtype=np.int64)
    # the number of sampled sources travels with the piece (0: every member)
    sources = NULL_SOURCES if n > NULL_SAMPLE_ABOVE else 0
    work = (sources or n) * (n + m)
    chains = min(samples, -(-samples * work // CHAIN_WORK))
    sizes = np.diff(np.linspace(0, samples, chains + 1).round().astype(int))
    return [(degrees, int(size), (*entropy, 1, j + 1), sources) for j, size in enumerate(sizes)]


def chain_scores(piece: tuple) -> np.ndarray:
    """:data:`NULL_SCORES` (columns) of the successive graphs (rows) of one chain of
    :func:`null_pieces`: graphs of the degree sequence drawn by
    :func:`~lsmnet.metrics.significance.degree_null_chain` (gap
    :data:`~lsmnet.metrics.significance.CHAIN_GAP`), scored by :func:`_null_scores`, the two
    path scores from sampled sources when the piece says so (drawn from their own
    generator, ``[*entropy, 3]``)."""
    degrees, size, entropy, sampled = piece
    n = len(degrees)
    rng = np.random.default_rng(entropy)
    chain = degree_null_chain(degrees.tolist(), None, rng, size, gap=CHAIN_GAP)
    picks = np.random.default_rng([*entropy, 3])
    out = np.empty((size, len(NULL_SCORES)))
    for r, edges in enumerate(chain):
        sources = np.sort(picks.choice(n, sampled, replace=False)) if sampled else None
        scores = _null_scores(n, edges, sources)
        out[r] = [scores[name] for name in NULL_SCORES]
    return out


def null_summary(G, scored: list[np.ndarray], observed: dict, entropy: Sequence[int]) -> dict:
    """:func:`_null_summary` of the chains' scores; above :data:`NULL_SAMPLE_ABOVE` members
    the observed path scores are first estimated as the null graphs' are (sources from
    ``default_rng([*entropy, 2])``), so both sides carry the same estimation error."""
    if scored and G.number_of_nodes() > NULL_SAMPLE_ABOVE:
        observed = {**observed, **_estimated_path_scores(G, [*entropy, 2])}
    values = np.concatenate(scored) if scored else np.empty((0, len(NULL_SCORES)))
    return _null_summary(values, observed)


def _estimated_path_scores(G, entropy: Sequence[int]) -> dict:
    """The two path scores of ``G`` estimated from :data:`NULL_SOURCES` sources drawn from
    ``default_rng(entropy)``."""
    position = {v: i for i, v in enumerate(G)}
    edges = [(position[u], position[v]) for u, v in G.edges()]
    rng = np.random.default_rng(entropy)
    sources = np.sort(rng.choice(len(position), NULL_SOURCES, replace=False))
    scores = _null_scores(len(position), edges, sources)
    return {k: scores[k] for k in ("betweenness_centralization", "distance_fragmentation")}


def _null_summary(recorded: np.ndarray, observed: dict) -> dict:
    """z-score and mid-rank percentile of each observed score among the null graphs'
    (``recorded``: one row per graph, one column per score of :data:`NULL_SCORES`)."""
    out = {}
    for name in NULL_SCORES:
        out[f"{name}_null_z"] = np.nan
        out[f"{name}_null_pct"] = np.nan
    for j, name in enumerate(NULL_SCORES):
        values = recorded[:, j]
        values = values[~np.isnan(values)]
        obs = observed[name]
        if not len(values) or np.isnan(obs):
            continue
        sd = values.std(ddof=1) if len(values) > 1 else np.nan
        # a spread within the tolerance of a tie is rounding, not variation: the null graphs
        # of a small coalition can all score the same up to the last bit, and a z-score of
        # that noise would be anything (it was 1.15 or 0 for the same coalition)
        spread = sd > 1e-12 + 1e-9 * abs(values.mean())
        out[f"{name}_null_z"] = (obs - values.mean()) / sd if spread else np.nan
        tie = np.isclose(values, obs, rtol=1e-9, atol=1e-12)
        out[f"{name}_null_pct"] = 100.0 * float(
            np.mean((values < obs) & ~tie) + 0.5 * np.mean(tie)
        )
    return out


def coalition_health(
    data: NetworkData,
    *,
    coalition: str | Sequence[str] | None = None,
    at: int | str | datetime.date | None = None,
    layers: str | Sequence[str] | None = None,
    thresholds: RiskThresholds | dict | None = None,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
    null_samples: int | str = "auto",
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    r"""Health scores of every coalition: structure, survey scores, stage and risk flags.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data (coalitions, memberships, ties; ratings and budgets when available).
    coalition : str or list of str, optional
        Coalition(s) to describe; None (default) describes every coalition.
    at : int, str or date, optional
        Snapshot year or date (see :meth:`lsmnet.NetworkData.at`).
    layers : str or list of str, optional
        Partnership layers of the structural scores (default: every layer present except
        ``funding`` and ``competition``).
    thresholds : RiskThresholds or dict, optional
        Thresholds of the flags counted in ``flags_*``.
    lang : {"en", "id"}, default "en"
        Language of ``stage_label`` and ``stage_evidence``.
    seed : int, numpy.random.Generator or None, default 0
        Seed of the null model (combined with each coalition's id, see Notes) and of the
        core–periphery search.
    null_samples : int or "auto", default "auto"
        Random graphs with the same degree sequence drawn per coalition; 0 skips the null
        model (its columns are then NaN). ``"auto"`` draws 100 per coalition, or 10,000
        shared equally when more than 100 coalitions are analysed (33 each for 300), and for a
        coalition whose null graphs are costly (:math:`n (n + m) > 100\,000` for :math:`n`
        members and :math:`m` ties, e.g. more than 200 members with 300 ties) fewer in
        proportion to the cost; never fewer than 20 (see Notes).
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal. It counts the coalitions.
    n_jobs : int or None, default None
        Workers scoring the null graphs, and the random-graph reference of the flags as in
        :func:`lsmnet.risk_flags` (scikit-learn's convention: ``None`` one, unless a
        :func:`joblib.parallel_backend` context says otherwise; ``-1`` all cores). The
        null graphs of every coalition, cut into chains from each coalition alone, are drawn
        and scored on the workers while this process evaluates the flags, so the table is
        the same whatever ``n_jobs`` is.

    Returns
    -------
    pandas.DataFrame
        One row per coalition (index ``coalition``; the whole network, index ``"network"``,
        when the data has no coalitions). Columns:

        - ``name``, ``members``, ``respondents`` (Int64, <NA> when unknown),
          ``response_rate``;
        - ``density``, ``average_degree``, ``components``, ``largest_component_share``,
          ``transitivity``, ``distance_fragmentation`` (Borgatti), ``degree_centralization``,
          ``betweenness_centralization`` (Freeman), ``reciprocity`` (share of nominations
          among respondents that are returned; NaN without nominations);
        - ``trust``, ``value``, ``trust_pct``, ``value_pct``, ``rated_dyads``
          (see :func:`lsmnet.trust_value_scores`);
        - ``multiplexity``: mean number of layers per tied pair; ``ties_<layer>``: tied
          pairs in each of the four default layers;
        - ``gini_degree``; ``gini_budget`` (NaN unless at least half the members have a
          budget); ``mission_cohesion``: mean Jaccard similarity of the issue sets over pairs
          of members with issues;
        - ``stage``, ``stage_label``, ``stage_evidence``: the Krebs–Holley stage
          (:func:`~lsmnet.risk.stage.network_stage`);
        - ``flags_high``, ``flags_watch``, ``flags_info``: flag counts by severity
          (:func:`lsmnet.risk_flags`);
        - for each score ``s`` of :data:`NULL_SCORES`, ``s_null_z`` and ``s_null_pct``: its
          z-score and percentile among ``null_samples`` random graphs with the same degree
          sequence.

        ``DataFrame.attrs["null_samples"]`` is a JSON string of an object: coalition -> number
        of null graphs drawn (``json.loads`` gives the dict; ``attrs`` holds only strings, so
        that tables concatenate).

    Raises
    ------
    InvalidParameterError
        If ``null_samples`` is not "auto" or a non-negative integer, ``progress`` is not None,
        True or False, ``n_jobs`` is 0 or not an integer, or as in :func:`lsmnet.risk_flags`.

    See Also
    --------
    risk_flags, member_table, lsmnet.cug_test

    Notes
    -----
    Structural scores use the undirected, unweighted partnership graph among the members.
    The null model keeps every member's number of partners and rewires the ties at random
    by degree-preserving edge switches, as igraph's ``edge_switching_simple`` and
    :func:`lsmnet.cug_test` with ``null="degree"`` do. Rather than realising the degree
    sequence again and making ten switches per tie for every null graph, a chain is
    burnt in once (its first graph is the first one ``cug_test`` draws from the same
    generator) and each further null graph follows after two more switches made per tie
    (the sampling gap of Markov chain sampling of graphs [4]_, [5]_;
    :data:`~lsmnet.metrics.significance.CHAIN_GAP`). A large coalition's graphs come from
    several such chains, each burnt in on its own and scoring at most
    :data:`~lsmnet.risk.health.CHAIN_WORK` steps (:func:`~lsmnet.risk.health.null_pieces`;
    a small coalition is one chain), so that they can be drawn in parallel. Chain ``j`` of
    a coalition draws from ``numpy.random.default_rng([root, crc32(coalition), 1, j + 1])``,
    ``root`` being an integer ``seed`` (or one integer drawn from a Generator ``seed``): a
    coalition gets the same null columns whichever other coalitions it is analysed with.
    At this gap the lag-1 autocorrelation of every score over successive null graphs
    measured below 0.1 on the example's coalitions (1,000 graphs each) and within Monte
    Carlo noise of zero on a heavy-tailed coalition of 1,000 members (300 graphs: at most
    0.14 in absolute value, three standard errors being 0.17), with null means and standard
    deviations within Monte Carlo error of independent draws. The null graphs differ with
    and without igraph installed (another starting realisation) but are reproducible from
    ``seed`` either way. With :math:`s_r`
    the score on null graph :math:`r`,

    .. math::

        z = \frac{s_{obs} - \bar{s}}{\mathrm{sd}(s)}, \qquad
        \mathrm{pct} = \frac{100}{R} \sum_r \left([s_r < s_{obs}]
            + \tfrac{1}{2} [s_r = s_{obs}]\right)

    (the mid-rank percentile: 50 when every null graph scores the same as the observed one).

    A large positive z for transitivity, for instance, says the coalition is more clustered
    than its members' numbers of partners alone would produce. Both are Monte Carlo
    estimates: with :math:`R` null graphs the percentile's standard error is at most
    :math:`50/\sqrt{R}` points (5 at :math:`R = 100`, 11 at :math:`R = 20`), and the z-score
    is as exact as the null mean and standard deviation it divides by. Each null graph costs
    one breadth-first search from every member (betweenness, distances), so
    ``null_samples="auto"`` spends fewer draws on large coalitions, where a single draw costs
    tens of milliseconds, and caps the total for sector-wide calls
    (:func:`~lsmnet.risk.health.auto_samples`; for 300 coalitions with 20,000 memberships
    the null model then takes about a third of the time of 100 draws each); pass an integer
    for the same number everywhere. Above 1,000 members
    (:data:`~lsmnet.risk._scope.NULL_SAMPLE_ABOVE`) the two path scores, betweenness
    centralization and distance fragmentation, of each null graph are estimated from the
    shortest paths out of 200 members drawn with ``seed``
    (:data:`~lsmnet.risk._scope.NULL_SOURCES`, scaled by :math:`n/200`, as the size-aware
    flags' reference does), and so is the observed value they are compared with, so that
    both sides carry the same estimation error; the table's own columns stay exact. A null
    graph of a 5,000-member coalition then costs about 200 searches instead of 5,000.
    Density, average degree and degree centralization are fixed by the degree sequence and
    have no null columns.

    References
    ----------
    .. [1] Provan, K. G., & Milward, H. B. (2001). Do networks really work? A framework for
       evaluating public-sector organizational networks. Public Administration Review 61(4),
       414–423.
    .. [2] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
       connectivity in public health collaboratives. Journal of Public Health Management and
       Practice 14(5), E1–E7.
    .. [3] Anderson, B. S., Butts, C. T., & Carley, K. M. (1999). The interaction of size and
       density with graph-level indices. Social Networks 21(3), 239–267.
    .. [4] Dutta, U., Fosdick, B. K., & Clauset, A. (2023). Sampling random graphs with
       specified degree sequences. arXiv:2105.12120.
    .. [5] Fosdick, B. K., Larremore, D. B., Nishimura, J., & Ugander, J. (2018). Configuring
       random graph models with fixed degree sequences. SIAM Review 60(2), 315–355.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> health = lsm.coalition_health(data, null_samples=20)
    >>> int(health.loc["C01", "members"]), int(health.loc["C01", "respondents"])
    (56, 42)
    >>> health.loc["C01", "stage"]
    'unclassified'
    >>> print(health.loc["C01", "stage_evidence"])  # doctest: +ELLIPSIS
    largest component 95%; components with 2 or more members: 1; degree centralization 0.70; ...
    """
    finish = start_coalition_health(
        data,
        coalition=coalition,
        at=at,
        layers=layers,
        thresholds=thresholds,
        lang=lang,
        seed=seed,
        null_samples=null_samples,
        progress=progress,
        n_jobs=n_jobs,
    )
    return finish()


def start_coalition_health(
    data: NetworkData,
    *,
    coalition: str | Sequence[str] | None = None,
    at: int | str | datetime.date | None = None,
    layers: str | Sequence[str] | None = None,
    thresholds: RiskThresholds | dict | None = None,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
    null_samples: int | str = "auto",
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> Callable[[], pd.DataFrame]:
    """:func:`coalition_health` in two steps: the flags and observed scores now, with the null
    graphs sent to the ``n_jobs`` workers; the returned function waits for them and gives the
    table (the same table as :func:`coalition_health` with the same arguments).

    :func:`lsmnet.report` does its other steps (member tables, bridges) in between, so that this
    process works while the workers score the null graphs.
    """
    check_network_data(data, "coalition_health")
    func = "coalition_health"
    check_progress(progress, func)
    if not (isinstance(null_samples, str) and null_samples == "auto"):
        if isinstance(null_samples, str):
            raise InvalidParameterError(
                f"The 'null_samples' parameter of {func} must be 'auto' or a non-negative "
                f"integer. Got {null_samples!r}."
            )
        check_number(null_samples, "null_samples", func, low=0, integer=True)
    n_jobs = check_n_jobs(n_jobs, func)
    null_rng = check_seed(seed, func)
    units = scopes(
        data,
        coalition=coalition,
        layers=layers,
        at=at,
        thresholds=thresholds,
        lang=lang,
        seed=seed,
        func=func,
        n_jobs=n_jobs,
    )
    # the null graphs of every coalition go to the workers first, and are scored there while
    # this process evaluates the flags and the observed scores
    root = int(seed) if is_integer_seed(seed) else int(null_rng.integers(2**63))
    plans = []
    for scope in units:
        bare = _bare(scope.graph)
        samples = null_samples
        if samples == "auto":
            samples = auto_samples(
                len(scope.members), bare.number_of_edges(), coalitions=len(units)
            )
        entropy = null_entropy(root, "network" if scope.coalition is None else scope.coalition)
        plans.append((scope, bare, samples, entropy, null_pieces(bare, samples, entropy)))
    pieces = [p for plan in plans for p in plan[4]]
    with single_threaded_blas():
        scored = PiecesInBackground(chain_scores, pieces, n_jobs)
        rows, observed = [], []
        for scope, bare, *_ in _progress(plans, desc=func, enabled=progress):
            # while the workers are busy with the null graphs the flags' own parallel steps
            # would only wait behind them, so they run here, alongside; afterwards the
            # workers are theirs
            scope.n_jobs = n_jobs if scored.done else 1
            evaluate(scope)
            scope.n_jobs = n_jobs
            row, scores = _row(scope, bare)
            rows.append(row)
            observed.append(scores)
    # flag counts by coalition and severity, from the scopes' rows (the register table itself
    # is 864,000 rows on a national sector)
    counts = collections.Counter(
        (row["coalition"], row["severity"]) for scope in units for row in scope.rows
    )

    def finish() -> pd.DataFrame:
        drawn = {}
        with single_threaded_blas():
            results = iter(scored.results())
            for row, scores, (_, bare, samples, entropy, chain_pieces) in zip(
                rows, observed, plans, strict=True
            ):
                chains = [next(results) for _ in chain_pieces]
                row.update(null_summary(bare, chains, scores, entropy))
                drawn[row["coalition"]] = samples
        table = pd.DataFrame(rows).set_index("coalition")
        table["respondents"] = table["respondents"].astype("Int64")
        for severity in ("high", "watch", "info"):
            table[f"flags_{severity}"] = [
                int(counts.get((None if c == "network" else c, severity), 0)) for c in table.index
            ]
        table.attrs["null_samples"] = json.dumps(drawn)
        return table

    return finish


def _bare(G) -> nx.Graph:
    """The members and ties of ``G`` without attributes (the graph the scores describe)."""
    bare = nx.Graph()
    bare.add_nodes_from(G)
    bare.add_edges_from(G.edges())
    return bare


def _row(scope, bare: nx.Graph) -> tuple[dict, dict]:
    """The coalition's row without its null columns, and its observed :data:`NULL_SCORES`."""
    G, n = scope.graph, len(scope.members)
    m = bare.number_of_edges()
    if n:
        # cohesion_summary's density and average degree, without its community search; the
        # draw of that search's seed is kept so the core-periphery searches of the following
        # coalitions see the same random stream as before
        scope.rng.integers(2**32)
    observed = structural_scores(bare, scope.paths)
    respondents = scope.respondents
    network = scope.scores.network
    layer_sets = [set(d.get("layers", ())) for _, _, d in G.edges(data=True)]
    budgets = scope.orgs["budget"].dropna()
    issues = [set(i) for i in scope.issues if i]
    stage = classify(stage_measures(bare, partition=scope.core_periphery), scope.lang)
    row = {
        "coalition": scope.coalition if scope.coalition is not None else "network",
        "name": scope.label,
        "members": n,
        "respondents": int(respondents.sum()) if respondents is not None else pd.NA,
        "response_rate": scope.response_rate,
        "density": m / (n * (n - 1) / 2) if n > 1 else np.nan,
        "average_degree": 2 * m / n if n else np.nan,
        **{k: observed[k] for k in ("components", "largest_component_share")},
        "transitivity": observed["transitivity"],
        "distance_fragmentation": observed["distance_fragmentation"],
        "degree_centralization": centralization(bare, "degree") if n >= 3 else np.nan,
        "betweenness_centralization": observed["betweenness_centralization"],
        "reciprocity": scope.reciprocity,
        "trust": network["trust"],
        "value": network["value"],
        "trust_pct": network["trust_pct"],
        "value_pct": network["value_pct"],
        "rated_dyads": int(network["trust_dyads"]),
        "multiplexity": float(np.mean([len(s) for s in layer_sets])) if layer_sets else np.nan,
        **{f"ties_{layer}": sum(layer in s for s in layer_sets) for layer in DEFAULT_LAYERS},
        "gini_degree": gini(scope.degree.to_numpy(float)) if n else np.nan,
        "gini_budget": gini(budgets.to_numpy(float)) if 2 * len(budgets) >= max(n, 1) else np.nan,
        "mission_cohesion": _mean_pair_jaccard(issues) if len(issues) >= 2 else np.nan,
        "stage": stage.stage,
        "stage_label": stage.label,
        "stage_evidence": stage.evidence,
    }
    return row, observed


def _mean_pair_jaccard(sets: list[set]) -> float:
    """Mean Jaccard similarity over the pairs of ``sets`` (each non-empty), averaged over the
    pairs in :func:`itertools.combinations` order, as ``np.mean`` of the list would."""
    labels = {x: j for j, x in enumerate(sorted(set().union(*sets), key=str))}
    n = len(sets)
    X = np.zeros((n, len(labels)), dtype=np.int64)
    for i, items in enumerate(sets):
        X[i, [labels[x] for x in items]] = 1
    sizes = X.sum(axis=1)
    values = np.empty(n * (n - 1) // 2)
    start = 0
    for i in range(n - 1):
        shared = X[i + 1 :] @ X[i]
        values[start : start + n - 1 - i] = shared / (sizes[i] + sizes[i + 1 :] - shared)
        start += n - 1 - i
    return float(np.mean(values))

"""The risk register: :func:`risk_flags`, one row per partnership-risk flag."""

from __future__ import annotations

import contextlib
import contextvars
import json
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet._parallel import check_n_jobs
from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet._validation import check_seed, is_integer_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs.partnership import partnership_graph
from lsmnet.io.from_graph import check_network_data
from lsmnet.metrics._engine import single_threaded_blas
from lsmnet.risk import (
    competition,
    dominance,
    fragmentation,
    isolation,
    mission,
    power,
    quality,
    trust_flags,
)
from lsmnet.risk._scope import COLUMNS, Scope, Shared
from lsmnet.risk.catalog import check_lang, flag_codes
from lsmnet.risk.thresholds import as_thresholds
from lsmnet.risk.trust import rated_dyads

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterator, Mapping, Sequence

    import networkx as nx

    from lsmnet.model import NetworkData
    from lsmnet.risk.thresholds import RiskThresholds

__all__ = ["risk_flags", "skipped_flags", "unchanged_data"]

FAMILIES = (isolation, dominance, fragmentation, mission, competition, power, trust_flags, quality)


def coalition_ids(data: NetworkData, coalition: str | Sequence[str] | None, func: str) -> list:
    """The coalitions to analyse: all (table order), one or several; ``[None]`` when the data
    has no coalitions (the whole network is then one unit)."""
    known = list(data.coalitions["coalition_id"])
    if coalition is None:
        return known or [None]
    chosen = [coalition] if isinstance(coalition, str) else list(coalition)
    unknown = [c for c in chosen if c not in known]
    if unknown or not chosen:
        raise InvalidParameterError(
            f"The 'coalition' parameter of {func} must be None, a coalition_id or a list of "
            f"them (known: {', '.join(map(repr, known)) or 'none'}). Got {coalition!r}."
        )
    return list(dict.fromkeys(chosen))


def scopes(
    data: NetworkData,
    *,
    coalition: str | Sequence[str] | None,
    layers: str | Sequence[str] | None,
    at: int | str | datetime.date | None,
    thresholds: RiskThresholds | Mapping[str, float] | None,
    lang: str,
    seed: int | np.random.Generator | None,
    func: str,
    n_jobs: int | None = None,
) -> list[Scope]:
    """One :class:`~lsmnet.risk._scope.Scope` per coalition analysed, shared between calls.

    With an integer ``seed`` the scopes come from :data:`_CACHE` when the same data (the same
    object with the same table contents, see :func:`fingerprint`) was analysed with the same
    arguments before: ``risk_flags``, ``coalition_health`` and ``member_table`` then evaluate
    the rules of a coalition once (:func:`evaluate` is idempotent) and build the partnership
    graph of the sector once. Each scope draws its randomness (the core–periphery search) from
    its own ``numpy.random.default_rng(seed)``, so a coalition gets the same result whichever
    call, and whichever other coalitions, it is analysed with. With ``seed=None`` or a
    Generator nothing is cached and the scopes share one generator, in coalition order.

    ``n_jobs`` (checked here) is not part of the cache key, since no result depends on it:
    it is set on every scope returned, for the G(n, m) reference its evaluation draws.
    """
    n_jobs = check_n_jobs(n_jobs, func)
    t = as_thresholds(thresholds, func)
    check_lang(lang, func)
    rng = check_seed(seed, func)
    cacheable = is_integer_seed(seed)
    if not cacheable:
        if at is not None:
            data = data.at(at)
        chosen = coalition_ids(data, coalition, func)
        partnership = partnership_graph(data, layers=layers, symmetrize="union")
        shared = Shared(data, partnership, dyads=rated_dyads(data))
        return [
            Scope(
                data,
                cid,
                partnership,
                thresholds=t,
                lang=lang,
                seed=rng,
                shared=shared,
                n_jobs=n_jobs,
            )
            for cid in chosen
        ]
    entry = _CACHE.entry(data)
    view = (_layers_key(layers), at)
    shared = _shared(entry, data, view)
    chosen = coalition_ids(shared.data, coalition, func)
    units = []
    for cid in chosen:
        key = (*view, t, lang, int(seed), cid)
        if key not in entry.scopes:
            scope = Scope(
                shared.data,
                cid,
                shared.partnership,
                thresholds=t,
                lang=lang,
                seed=np.random.default_rng(int(seed)),
                shared=shared,
            )
            entry.remember(entry.scopes, key, scope, limit=SCOPES_KEPT)
        scope = entry.scopes[key]
        scope.n_jobs = n_jobs
        units.append(scope)
    return units


def _shared(entry: _Entry, data: NetworkData, view: tuple) -> Shared:
    """The :class:`Shared` tables of ``view`` (layers, snapshot) kept in ``entry``, made when
    the entry has none."""
    if view not in entry.shared:
        layers, at = view
        snapshot = data.at(at) if at is not None else data
        partnership = partnership_graph(snapshot, layers=layers, symmetrize="union")
        entry.remember(entry.shared, view, Shared(snapshot, partnership))
    return entry.shared[view]


def shared_partnership(
    data: NetworkData,
    layers: str | Sequence[str] | None,
    at: int | str | datetime.date | None,
) -> nx.Graph:
    """``partnership_graph(data.at(at), layers=layers, symmetrize="union")`` as the scope cache
    holds it for the flags (built and kept there when it holds none): the bridge ranking of a
    report reads the graph its flags built (about 12 s at a million ties). Read-only."""
    return _shared(_CACHE.entry(data), data, (_layers_key(layers), at)).partnership


#: Argument sets (layers, snapshot) whose partnership graph the cache keeps per data object.
SHARED_KEPT = 4
#: Scopes (one per coalition and argument set) the cache keeps per data object.
SCOPES_KEPT = 4096


def _layers_key(layers) -> tuple | None:
    if layers is None:
        return None
    return (layers,) if isinstance(layers, str) else tuple(layers)


def _column_hash(values: pd.Series) -> int:
    array = values.to_numpy()
    if array.dtype == object:
        try:
            return hash(tuple(array.tolist()))
        except TypeError:  # an unhashable cell (a list): hash its text
            return hash(tuple(map(repr, array.tolist())))
    return hash((array.dtype.str, array.tobytes()))


def fingerprint(data: NetworkData) -> tuple:
    """What identifies the contents of ``data`` for the cache: every table's index, column
    names, dtypes and values (hashed column by column), the rating scale and items and the
    layers. A table changed in place or replaced changes the fingerprint; it costs one pass
    over the tables (about 10 ms for 10,000 organisations and 75,000 ties)."""
    tables = []
    for name in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        table = getattr(data, name)
        tables.append(
            (
                name,
                tuple(map(str, table.columns)),
                tuple(map(str, table.dtypes)),
                _column_hash(table.index.to_series()),
                tuple(_column_hash(table.iloc[:, i]) for i in range(table.shape[1])),
            )
        )
    return (
        tuple(tables),
        tuple(data.scale),
        tuple(data.trust_items),
        tuple(data.value_items),
        tuple(data.layers),
    )


class _Entry:
    """What the cache keeps for one data object: :class:`Shared` per view and the scopes."""

    def __init__(self, data, stamp: tuple):
        self.data = data
        self.stamp = stamp
        self.shared: dict = {}
        self.scopes: dict = {}

    @staticmethod
    def remember(store: dict, key, value, limit: int = SHARED_KEPT) -> None:
        """Keep ``value`` under ``key``, dropping the oldest entries beyond ``limit``."""
        store[key] = value
        while len(store) > limit:
            del store[next(iter(store))]


class _ScopeCache:
    """The scopes of the most recently analysed data object.

    One data object at a time: a new object (or the same one with changed tables) replaces
    the entry, so the cache never holds more than one sector and never returns the scopes
    of other contents. The entry holds the data object itself, so a data object released by
    the caller stays in memory until the next call on other data or :meth:`clear`.
    """

    def __init__(self):
        self._entry: _Entry | None = None

    def entry(self, data) -> _Entry:
        """The entry of ``data``, emptied when its contents changed since it was made (not
        checked again inside :func:`unchanged_data` of the same object)."""
        current = self._entry
        if _UNCHANGED.get() is data and current is not None and current.data is data:
            return current
        stamp = fingerprint(data)
        if current is None or current.data is not data or current.stamp != stamp:
            self._entry = current = _Entry(data, stamp)
        return current

    def clear(self) -> None:
        """Forget every scope (and the data object they belong to)."""
        self._entry = None


#: The scopes shared between risk_flags, coalition_health and member_table.
_CACHE = _ScopeCache()
#: The data object whose tables :func:`unchanged_data` vouches for, in this context.
_UNCHANGED: contextvars.ContextVar = contextvars.ContextVar("unchanged_data", default=None)


@contextlib.contextmanager
def unchanged_data(data: NetworkData) -> Iterator[NetworkData]:
    """A block of calls on ``data`` during which its tables are not changed.

    The risk functions share their per-coalition work between calls on the same data
    object (:func:`risk_flags`, :func:`lsmnet.coalition_health`, :func:`lsmnet.member_table`)
    and check before each call, with a pass over every table, that the tables have not
    changed since. Inside this block the check is made once, on entry: a report's 300 member
    tables of a 100,000-organisation sector made it 300 times (about 0.4 s each). Changing
    ``data``'s tables inside the block is then not noticed: the results would describe the
    tables as they were on entry.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data the block analyses.

    Returns
    -------
    contextlib.AbstractContextManager
        Yields ``data``; on exit the check is made before every call again.

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet.risk.flags import unchanged_data
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> with unchanged_data(data):
    ...     tables = {c: lsm.member_table(data, c) for c in ("C01", "C02")}
    >>> len(tables["C01"])
    56
    """
    check_network_data(data, "unchanged_data")
    _CACHE.entry(data)  # the check of entry; the cache then holds this object
    token = _UNCHANGED.set(data)
    try:
        yield data
    finally:
        _UNCHANGED.reset(token)


#: Families whose flags are claims about the pattern of ties: without any recorded tie they
#: would call every member isolated and every coalition fragmented.
STRUCTURAL = (isolation, dominance, fragmentation)
STRUCTURAL_CODES = (
    *(f"ISO-{i}" for i in range(1, 5)),
    *(f"DOM-{i}" for i in range(1, 6)),
    *(f"FRG-{i}" for i in range(1, 5)),
)


def evaluate(scope: Scope) -> Scope:
    """Run every flag family on ``scope`` and annotate its rows for data quality (once: a
    scope already evaluated is returned as it is).

    When the data hold no partnership tie at all (in the selected layers), as membership lists
    alone do, the structural families are skipped with that reason instead of flagging every
    member as isolated.
    """
    if scope.evaluated:  # a scope shared by several calls is evaluated once
        return scope
    # rows of an evaluation that raised part-way are not kept
    scope.rows.clear()
    scope.skipped.clear()
    no_ties = not scope.shared.has_ties
    for family in FAMILIES:
        if no_ties and family in STRUCTURAL:
            continue
        family.evaluate(scope)
    if no_ties:
        for code in STRUCTURAL_CODES:
            scope.skip(code, "no_ties")
    quality.annotate(scope)
    scope.evaluated = True
    for name in RULES_ONLY:
        scope.__dict__.pop(name, None)
    return scope


#: Cached tables of a scope that only the flag rules read: released once the scope is
#: evaluated (a cached property is computed again if read later), since the cache keeps every
#: coalition's scope through a report (about 190 MB at 20,000 organisations, mostly the
#: coalitions' ties behind the nominations).
RULES_ONLY = (
    "_collab_ties",
    "_inside",
    "competition_ties",
    "dyad_trust",
    "funding",
    "received_value",
)


def register(evaluated: Sequence[Scope]) -> pd.DataFrame:
    """Assemble the rows and skip notes of evaluated scopes into the risk register."""
    order = {code: i for i, code in enumerate(flag_codes())}
    rows = [
        (i, order[row["code"]], j, row)
        for i, scope in enumerate(evaluated)
        for j, row in enumerate(scope.rows)
    ]
    rows.sort(key=lambda r: r[:3])
    table = pd.DataFrame([r[3] for r in rows], columns=list(COLUMNS))
    table["coalition"] = table["coalition"].astype("string")
    table["note"] = table["note"].astype("string")
    table[["value", "threshold"]] = table[["value", "threshold"]].astype(float)
    skipped: dict = {}
    for scope in evaluated:
        unit = scope.coalition if scope.coalition is not None else "network"
        for code, reason in scope.skipped:
            units = skipped.setdefault((code, reason), [])
            if unit not in units:
                units.append(unit)
    notes = pd.DataFrame(
        [(code, reason, tuple(units)) for (code, reason), units in skipped.items()],
        columns=["code", "reason", "coalitions"],
    )
    notes = notes.sort_values("code", key=lambda s: s.map(order), kind="stable")
    # a JSON string, not a DataFrame: attrs must compare with == for pd.concat (pandas 3)
    table.attrs["skipped"] = json.dumps(
        [[code, reason, list(units)] for code, reason, units in notes.itertuples(index=False)],
        ensure_ascii=False,
    )
    return table


def skipped_flags(flags: pd.DataFrame) -> pd.DataFrame:
    """The flags a register could not compute for lack of data, and why.

    Parameters
    ----------
    flags : pandas.DataFrame
        A register returned by :func:`risk_flags`; it keeps its notes as a JSON string in
        ``flags.attrs["skipped"]`` (only plain strings in ``attrs``, so that registers can be
        concatenated).

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``reason`` (in the register's language) and ``coalitions`` (a
        tuple of the coalitions concerned, ``"network"`` for data without coalitions), one
        row per code and reason, in the order of the specification. Empty when the register
        has no notes (e.g. after filtering or concatenation, which may drop ``attrs``).

    Raises
    ------
    InvalidParameterError
        If ``flags`` is not a DataFrame.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> from lsmnet.risk.flags import skipped_flags
    >>> flags = lsm.risk_flags(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")
    >>> skipped_flags(flags).columns.tolist()
    ['code', 'reason', 'coalitions']
    """
    if not isinstance(flags, pd.DataFrame):
        raise InvalidParameterError(
            "The 'flags' parameter of skipped_flags must be a register returned by "
            f"risk_flags (a DataFrame). Got {type(flags).__name__}."
        )
    rows = json.loads(flags.attrs.get("skipped") or "[]")
    return pd.DataFrame(
        [(code, reason, tuple(units)) for code, reason, units in rows],
        columns=["code", "reason", "coalitions"],
    )


def risk_flags(
    data: NetworkData,
    *,
    coalition: str | Sequence[str] | None = None,
    layers: str | Sequence[str] | None = None,
    at: int | str | datetime.date | None = None,
    thresholds: RiskThresholds | Mapping[str, float] | None = None,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """The risk register: one row per partnership-risk flag raised, for each coalition.

    The flags cover isolation (ISO), dominance and single-hub dependence (DOM), fragmentation
    (FRG), diverging missions (MIS), competition for resources (CMP), power imbalance (PWR),
    lack of trust (TRU) and data quality (DQ); ``docs/flags.md`` lists every code with its
    definition, default thresholds, sources and whether the default is heuristic. Flags are
    prompts for a conversation, not verdicts: each row says what it does not show.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data. Structural flags use the partnership ties among each coalition's members;
        survey flags use the ratings between members; funding flags use the ``funding`` ties
        received by members.
    coalition : str or list of str, optional
        Coalition(s) to analyse; None (default) analyses every coalition, in table order.
        Data without coalitions is analysed as one network (``coalition`` is then <NA>).
    layers : str or list of str, optional
        Partnership layers of the structural flags; None (default) uses every layer present
        except ``funding`` and ``competition`` (see :func:`lsmnet.partnership_graph`). Ties
        are taken regardless of direction.
    at : int, str or date, optional
        Snapshot year or date (see :meth:`lsmnet.NetworkData.at`).
    thresholds : RiskThresholds or dict, optional
        The cut-offs; a dict changes some defaults (``{"dom_share": 0.3}``). Unknown names
        raise.
    lang : {"en", "id"}, default "en"
        Language of ``explanation``, ``caveat``, ``note`` and the skip reasons.
    seed : int, numpy.random.Generator or None, default 0
        Seed of the randomised steps (core–periphery search); same data and seed, same rows
        in the same order.
    progress : bool or None, default None
        Show a progress bar; ``None`` shows one only on a terminal. It counts the coalitions.
    n_jobs : int, optional
        Number of jobs (processes, through :mod:`joblib`) that score the random graphs of the
        size-aware flags' G(n, m) reference (see Notes): ``None`` means 1 unless in a
        :func:`joblib.parallel_backend` context, ``-1`` means all cores (scikit-learn's
        convention). The graphs are drawn in one fixed order and scored in the same pieces
        whatever ``n_jobs`` is, so the register is identical for every ``n_jobs``.

    Returns
    -------
    pandas.DataFrame
        One row per flag, ordered by coalition, then code (in the order of the specification),
        then member order. Columns:

        - ``code`` (str): e.g. ``"DOM-4"``; ``category``: isolation, dominance,
          fragmentation, mission, competition, power, trust or data_quality;
        - ``level``: network, group, node or dyad;
        - ``entity`` (str): the org_id (node), ``"a|b"`` (dyad), ``"attribute=value"``
          (group) or the coalition id (network; ``"network"`` without coalitions);
        - ``coalition`` (string, <NA> for the whole network);
        - ``severity``: info, watch or high;
        - ``value`` (float): the measured value; ``threshold`` (float): the cut-off it was
          compared with (on the data's rating scale for rating flags);
        - ``explanation`` (str): a plain-language sentence; ``caveat`` (str): what the flag
          does not show;
        - ``measure`` (str): which measure ``value`` is (e.g. ``degree_share``);
        - ``note`` (string): the DQ-1 annotation when the response rate is low, else <NA>.

        :func:`skipped_flags` of the result is a DataFrame (``code``, ``reason``,
        ``coalitions``) listing once each flag that could not be computed for lack of data
        (no ratings, no funding ties, no issues, no respondent information, too few members,
        no core–periphery structure), with the coalitions concerned; it is kept as a JSON
        string in ``DataFrame.attrs["skipped"]`` (``attrs`` holds only strings, so that two
        registers concatenate). Such flags are never computed from missing values.

    Raises
    ------
    InvalidParameterError
        If ``coalition`` is unknown, a layer is not in the data, ``thresholds`` is invalid or
        has an unknown field, ``lang`` is not "en" or "id", ``seed`` is invalid,
        ``progress`` is not None, True or False, or ``n_jobs`` is 0 or not an integer.

    See Also
    --------
    RiskThresholds : every cut-off, with its provenance.
    coalition_health : one row of health scores per coalition, with flag counts.
    member_table : every member's scores and flag codes.

    Notes
    -----
    Structural flags use the undirected, unweighted partnership graph among the members
    (every member a node; a tie in any selected layer, in either direction, is an edge),
    except TRU-3, which also uses tie weights and layers. Rating thresholds are written on
    the 1–4 scale and rescaled linearly to ``data.scale``. Dyad scores are the mean of the
    items a rater answered; mutual trust (CMP-3, TRU-3) is the mean of the rated directions.
    Groups (FRG-3) are the values of ``type``, ``province`` and each issue; a group must hold
    at least two members and no more than half of them (a majority is internal by
    arithmetic), and members with an unknown value are left out. Gould–Fernandez roles (DOM-5)
    use ``type`` and ``province`` when every member has a value. Who named whom (ISO-4, TRU-5,
    DQ-3) comes from ``reported_by`` (the reporter named the other end) or, without a reporter,
    from directed ties. DQ-2 concerns members rated by at least one but fewer than
    ``min_raters`` partners (a member rated by nobody was simply not rated). When fewer than
    ``dq_response_watch`` of the members responded, centralization-, betweenness- and
    broker-based flags (DOM-1, DOM-3, DOM-4, DOM-5) get a ``note``; below
    ``dq_response_low`` DOM-4 and DOM-5 are lowered to *info* (Smith & Moody 2013).

    Calibration (``docs/calibration.md``): relative and size-aware rules keep homogeneous
    networks (cliques, regular networks) free of structural flags. DOM-2 compares shares
    with twice the equal share (``max(dom_share, 2 / n)``). DOM-1, DOM-3 (degree shares),
    FRG-2 and the betweenness rule of DOM-5 fire only when the value is also strictly above
    the ``null_quantile`` (95 %) of the same measure over ``null_draws`` G(n, m) random
    graphs with the coalition's number of members and ties (seeded from the sizes, cached
    per sizes; DOM-5 against each graph's largest betweenness); ``null_draws=0`` turns this
    off. ISO-3 is computed only where the Borgatti–Everett fit reaches ``iso_core_fit``, and
    names periphery members below every core member's coreness. CMP-2 concerns issues
    outside the coalition's focus (skipped when no focus is recorded), one row per member,
    so the register grows with members and ties, never with pairs of members.

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
       connectivity in public health collaboratives. Journal of Public Health Management and
       Practice 14(5), E1–E7; McCullough, J. M., et al. (2016). BMC Public Health 16, 528.
    .. [2] Bohnett, E., et al. (2022). Social Networks 71, 87–95.
    .. [3] Borgatti, S. P. (2006). Identifying sets of key players in a social network.
       Computational and Mathematical Organization Theory 12(1), 21–34.
    .. [4] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. Sociological Methodology 19, 89–126.
    .. [5] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises:
       an experimental simulation. Social Psychology Quarterly 51(2), 123–140.
    .. [6] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [7] Provan, K. G., & Milward, H. B. (2001). Do networks really work? Public
       Administration Review 61(4), 414–423.
    .. [8] Bunger, A. C. (2013). Administrative coordination in nonprofit human service
       delivery networks: the role of competition and trust. Nonprofit and Voluntary Sector
       Quarterly 42(6), 1155–1175.
    .. [9] Casciaro, T., & Piskorski, M. J. (2005). Power imbalance, mutual dependence, and
       constraint absorption. Administrative Science Quarterly 50(2), 167–199.
    .. [10] Smith, J. A., & Moody, J. (2013). Structural effects of network sampling
       coverage I: nodes missing at random. Social Networks 35(4), 652–668.

    Examples
    --------
    A four-member coalition where ``d`` has no partner and ``a`` holds every tie:

    >>> import pandas as pd
    >>> import lsmnet as lsm
    >>> data = lsm.from_frames(
    ...     organizations=pd.DataFrame({"org_id": list("abcd"),
    ...                                 "name": ["Ana", "Budi", "Citra", "Dewi"]}),
    ...     memberships=pd.DataFrame({"org_id": list("abcd"), "coalition_id": "K"}),
    ...     ties=pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"],
    ...                        "layer": "advocacy"}))
    >>> flags = lsm.risk_flags(data)
    >>> flags[["code", "entity", "severity"]].head(3)
        code entity severity
    0  ISO-1      d     high
    1  ISO-2      b    watch
    2  ISO-2      c    watch
    >>> print(flags.loc[0, "explanation"])
    Dewi has no tie to any other member of K in the layers analysed.
    >>> text = lsm.risk_flags(data, lang="id").loc[0, "explanation"]
    >>> print(text)  # doctest: +NORMALIZE_WHITESPACE
    Dewi tidak memiliki hubungan dengan anggota lain mana pun di K pada lapisan
    yang dianalisis.
    >>> from lsmnet.risk.flags import skipped_flags
    >>> skipped_flags(flags)["code"].tolist()[:4]
    ['ISO-4', 'FRG-3', 'MIS-1', 'MIS-2']
    """
    check_network_data(data, "risk_flags")
    func = "risk_flags"
    check_progress(progress, func)
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
    with single_threaded_blas():
        return register(
            [evaluate(scope) for scope in _progress(units, desc=func, enabled=progress)]
        )

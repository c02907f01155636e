"""The member table: every member of a coalition with its position, scores and flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lsmnet.exceptions import InvalidParameterError
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.io.from_graph import check_network_data
from lsmnet.metrics import centrality
from lsmnet.metrics._engine import GraphEngine
from lsmnet.metrics.brokerage import brokerage_roles
from lsmnet.metrics.centrality import centrality_table
from lsmnet.metrics.structural_holes import structural_holes_table
from lsmnet.risk._scope import bonacich
from lsmnet.risk.catalog import flag_codes
from lsmnet.risk.flags import evaluate, scopes

if TYPE_CHECKING:
    import datetime
    from collections.abc import Mapping, Sequence

    from lsmnet.model import NetworkData
    from lsmnet.risk.thresholds import RiskThresholds

__all__ = ["member_table"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def member_table(
    data: NetworkData,
    coalition: str,
    *,
    at: int | str | datetime.date | None = None,
    layers: str | Sequence[str] | None = None,
    group: str = "type",
    thresholds: RiskThresholds | Mapping[str, float] | None = None,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    r"""One row per member of a coalition: ties, centrality, brokerage, trust, value, flags.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data.
    coalition : str
        A ``coalition_id``.
    at : int, str or date, optional
        Snapshot year or date (see :meth:`lsmnet.NetworkData.at`).
    layers : str or list of str, optional
        Partnership layers (default: every layer present except ``funding`` and
        ``competition``).
    group : str, default "type"
        Organisation attribute whose values are the groups of the brokerage roles.
    thresholds : RiskThresholds or dict, optional
        Thresholds of the flags listed in ``flags``.
    lang : {"en", "id"}, default "en"
        Language of ``note``.
    seed : int, numpy.random.Generator or None, default 0
        Seed of the core–periphery search and, on coalitions of more than
        ``EXACT_PATHS_MAX_NODES`` = 5,000 members, of the sampled sources of ``closeness``
        and ``betweenness`` (see :func:`lsmnet.centrality_table`).
    n_jobs : int, optional
        Workers (through :mod:`joblib`) for the G(n, m) reference of the size-aware flags
        (see :func:`lsmnet.risk_flags`) and the path measures of coalitions of at least
        2,000 members (see :func:`lsmnet.centrality_table`), as in scikit-learn: None is one
        (unless a :func:`joblib.parallel_backend` context says otherwise), -1 all cores. The
        work is cut into the same pieces whatever ``n_jobs`` is, so the table is identical
        for every ``n_jobs``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``org_id`` (membership order). Columns:

        - ``name``, ``type``, ``province``, ``role`` (membership role);
        - ``in_degree``, ``out_degree``: partners naming the member and named by it
          (NaN when the data do not say who named whom); ``degree``: partners (either
          direction); ``strength``: sum of tie weights;
        - ``closeness``, ``betweenness`` (normalized), ``effective_size``, ``constraint``
          (Burt), ``bonacich_power`` (β = 0.5/λ₁), ``coreness`` and ``core``
          (Borgatti–Everett; NaN / <NA> where undefined);
        - ``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``, ``liaison``,
          ``brokerage``: Gould–Fernandez role counts by ``group`` (NaN when a member has no
          value of ``group``);
        - ``trust``, ``value``, ``trust_pct``, ``value_pct``, ``trust_raters``,
          ``value_raters`` and the mean received rating of each item (see
          :func:`lsmnet.trust_value_scores`);
        - ``relative_connectivity``: relative connectivity (lsmnet), see Notes;
        - ``flags``: tuple of the flag codes raised on the member (as a node or in a dyad);
        - ``note``: why trust/value scores are missing, if they are.

        ``DataFrame.attrs`` records how ``closeness`` and ``betweenness`` were computed, as
        :func:`lsmnet.centrality_table` does: ``"path_measures"`` is ``"exact"`` (coalitions
        of up to 5,000 members) or ``"approximate"``; an approximation adds ``"sources"``
        (members sampled), ``"error_bound"`` (with 95 % probability every ``betweenness``
        is within this of its exact value; ``closeness`` has no such bound) and ``"nodes"``
        (members in the network sampled).

    Raises
    ------
    InvalidParameterError
        If the coalition is unknown, ``group`` is not an organisation column, ``n_jobs`` is 0
        or not an integer, or as in :func:`lsmnet.risk_flags`.

    See Also
    --------
    risk_flags, coalition_health, centrality_table

    Notes
    -----
    Structural columns use the undirected, unweighted partnership graph among the members
    (``strength`` sums the weights). Relative connectivity (lsmnet) is the member's number of
    partners relative to the mean over members,

    .. math:: RC_i = d_i / \bar{d},

    1 for an average member; NaN when no member has a tie. PARTNER reports a "relative
    connectivity" whose formula is not published; lsmnet's is its own and is labelled so.

    References
    ----------
    .. [1] Varda, D. M., Chandra, A., Stern, S. A., & Lurie, N. (2008). Core dimensions of
       connectivity in public health collaboratives. Journal of Public Health Management and
       Practice 14(5), E1–E7.
    .. [2] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [3] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. Sociological Methodology 19, 89–126.
    .. [4] Bonacich, P. (1987). Power and centrality: a family of measures. American Journal
       of Sociology 92(5), 1170–1182.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> table = lsm.member_table(data, "C01")
    >>> len(table), table["degree"].idxmax()
    (56, 'ORG232')
    >>> "DOM-2" in table.loc["ORG232", "flags"]
    True
    >>> table.attrs["path_measures"]  # 56 members: computed exactly
    'exact'
    """
    check_network_data(data, "member_table")
    func = "member_table"
    if not isinstance(coalition, str):
        raise InvalidParameterError(
            f"The 'coalition' parameter of {func} must be one coalition_id (a str). "
            f"Got {coalition!r}."
        )
    if group not in data.organizations.columns or group in ("org_id", "issues"):
        raise InvalidParameterError(
            f"The 'group' parameter of {func} must be a single-valued organisation column "
            f"such as 'type' or 'province'. Got {group!r}."
        )
    (scope,) = scopes(
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
    evaluate(scope)
    members = scope.members
    G = scope.graph
    table = pd.DataFrame(index=pd.Index(members, name="org_id"))
    orgs = scope.orgs
    table["name"] = [scope.name(o) for o in members]
    table["type"] = orgs["type"]
    table["province"] = orgs["province"]
    memberships = scope.data.memberships
    roles = memberships.loc[memberships["coalition_id"] == coalition].drop_duplicates("org_id")
    table["role"] = roles.set_index("org_id")["role"].reindex(members)
    D = scope.nominations
    if D is None:
        table["in_degree"] = np.nan
        table["out_degree"] = np.nan
    else:
        table["in_degree"] = D.in_degree.astype(float)
        table["out_degree"] = D.out_degree.astype(float)
    table["degree"] = scope.degree
    table["strength"] = pd.Series(dict(G.degree(weight="weight")), dtype=float)
    paths = {"path_measures": "exact"}
    # read when called, not imported: a setting changed at run time (as the tests do) applies
    if 0 < len(members) <= centrality.EXACT_PATHS_MAX_NODES:
        # centrality_table's columns, the path ones exact and shared with the flags
        holes = structural_holes_table(GraphEngine(G))
        for column in ("closeness", "betweenness"):
            table[column] = scope.paths[column]
        for column in ("effective_size", "constraint"):
            table[column] = holes[column]
    elif len(members):
        estimated = centrality_table(G, seed=seed, n_jobs=n_jobs)
        for column in ("closeness", "betweenness", "effective_size", "constraint"):
            table[column] = estimated[column]
        # only how the path measures were computed: member_table takes no weight argument,
        # so centrality_table's notes about unused edge weights do not apply
        paths = {
            k: v
            for k, v in estimated.attrs.items()
            if k in ("path_measures", "sources", "error_bound")
        }
        if paths["path_measures"] == "approximate":
            paths["nodes"] = G.number_of_nodes()
    table["bonacich_power"] = bonacich(G) if len(members) else np.nan
    partition = scope.core_periphery
    table["coreness"] = np.nan if partition is None else partition["coreness"]
    table["core"] = pd.NA if partition is None else partition["core"]
    table["core"] = table["core"].astype("boolean")
    _brokerage(table, scope, group)
    nodes = scope.scores.nodes
    for column in nodes.columns.drop("note"):
        table[column] = nodes[column].to_numpy()
    mean_degree = scope.degree.mean()
    table["relative_connectivity"] = scope.degree / mean_degree if mean_degree > 0 else np.nan
    table["flags"] = _flag_codes(scope, members)
    table["note"] = nodes["note"].to_numpy()
    table.attrs.update(paths)
    return table


def _brokerage(table: pd.DataFrame, scope, group: str) -> None:
    known = scope.orgs[group].notna()
    columns = [*ROLES, "brokerage"]
    for column in columns:
        table[column] = np.nan
    inside = [o for o in scope.members if known[o]]
    if len(inside) < 3:
        return
    H = induced_subgraph(scope.graph, inside)
    roles = brokerage_roles(H, scope.orgs.loc[inside, group].astype(str).to_dict())
    # the roles come in the graph's node order, not in member order: aligned by org_id
    roles = roles.loc[inside]
    table.loc[inside, list(ROLES)] = roles[list(ROLES)].to_numpy()
    table.loc[inside, "brokerage"] = roles["total"].to_numpy()


def _flag_codes(scope, members) -> list[tuple]:
    # the scope's rows in register order (code order, then row order: sorted is stable),
    # without building the register's table of every row for each coalition
    order = {code: i for i, code in enumerate(flag_codes())}
    rows = sorted(scope.rows, key=lambda row: order[row["code"]])
    codes: dict = {o: [] for o in members}
    for code, level, entity in ((r["code"], r["level"], r["entity"]) for r in rows):
        if level == "node":
            ends = [entity]
        elif level == "dyad":
            ends = entity.split("|")
        else:
            continue
        for org in ends:
            if org in codes and code not in codes[org]:
                codes[org].append(code)
    return [tuple(codes[o]) for o in members]

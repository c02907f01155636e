"""The report object: every table and figure of the coalition health report, computed once."""

from __future__ import annotations

import datetime as dt
import functools
import html as _html
import json
import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lsmnet._parallel import check_n_jobs, start_workers
from lsmnet._progress import check_progress
from lsmnet._progress import progress as _progress
from lsmnet._validation import check_option, check_seed
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io._atomic import atomic_file
from lsmnet.reporting.labels import LANGS
from lsmnet.risk.thresholds import RiskThresholds, as_thresholds
from lsmnet.risk.weaving import MAX_NODES as WEAVING_MAX_NODES

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["Report", "report"]

WEAVING_K = 10
#: Conversations per coalition in the digest at the top of the report.
DIGEST_TOP = 5


#: Key of the whole network in the health table when the data has no coalitions.
NETWORK = "network"


@dataclass(frozen=True)
class Unit:
    """One coalition of the report (or the whole network when the data has none).

    ``id`` keys the health table and the per-coalition dicts; ``coalition`` is what the risk
    functions take (None for the whole network).
    """

    id: str
    coalition: str | None
    name: str
    graph: object


@dataclass(eq=False)
class Report:
    """The coalition health report for one dataset; make it with :func:`lsmnet.report`.

    Every parameter is kept as an attribute of the same name.

    Parameters
    ----------
    data : lsmnet.NetworkData
        The data the report describes (the full data; ``at`` selects the snapshot).
    lang : {"en", "id"}
        Language of every label and sentence.
    coalition : str or None
        The one coalition reported on, or None for all.
    at : int, str or None
        Snapshot year or date, or None for all dates.
    seed : int
        Seed of the null models, layouts and sampled path measures.
    thresholds : RiskThresholds
        The flag thresholds every risk computation of the report used.
    units : list of Unit
        The coalitions reported on, in the order of ``data.coalitions``.
    health : pandas.DataFrame
        :func:`lsmnet.coalition_health`, one row per coalition reported on (index: id).
    flags : pandas.DataFrame
        The risk register (:func:`lsmnet.risk_flags`).
    skipped : pandas.DataFrame
        Flags that could not be computed: ``code``, ``reason``, ``coalitions`` (tuple of ids).
    members : dict
        Coalition id -> :func:`lsmnet.member_table`.
    trust : dict
        Coalition id -> :class:`lsmnet.risk.trust.TrustValueScores`.
    bridges : pandas.DataFrame
        :func:`lsmnet.bridge_organizations`.
    weaving : pandas.DataFrame or None
        :func:`lsmnet.weaving_suggestions` (the ``WEAVING_K`` best new ties); None when the
        network is larger than that function accepts.
    priorities : pandas.DataFrame or None
        :func:`lsmnet.risk.priorities.priorities` of the register: per coalition at most
        ``DIGEST_TOP`` conversations to have first; None when that module is not available.
    change : pandas.DataFrame or None
        :func:`lsmnet.health_over_time` at every year of the data's dates (undated ratings
        count once, in the last period); None when the data carry no dates or a snapshot
        ``at`` was asked for.
    generated : str
        When the report was made (UTC, ISO 8601): the only field that differs between two
        reports of the same input.
    progress : bool or None, default None
        The ``progress`` :func:`lsmnet.report` was given: what ``html``, ``to_html`` and
        ``to_excel`` do about progress bars unless told otherwise.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> rep = lsm.report(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")
    >>> type(rep).__name__, [u.id for u in rep.units]
    ('Report', ['C01'])
    """

    data: object
    lang: str
    coalition: str | None
    at: object
    seed: int
    thresholds: RiskThresholds
    units: list
    health: pd.DataFrame
    flags: pd.DataFrame
    skipped: pd.DataFrame
    members: dict
    trust: dict
    bridges: pd.DataFrame
    weaving: pd.DataFrame | None
    change: pd.DataFrame | None
    generated: str
    priorities: pd.DataFrame | None = None
    progress: bool | None = None

    def __repr__(self) -> str:
        return (
            f"<Report: {len(self.units)} coalition(s), {len(self.flags)} flag(s), "
            f"lang={self.lang!r}, at={self.at!r}>"
        )

    @functools.cached_property
    def _html(self) -> str:
        return self._render(self.progress)

    def _render(self, progress: bool | None) -> str:
        from lsmnet.reporting.html import render
        from lsmnet.reporting.sections import context

        return render(context(self, progress=progress), lang=self.lang)

    def html(self, *, progress: bool | None = None) -> str:
        """The whole report as one self-contained HTML document (a string).

        Parameters
        ----------
        progress : bool or None, default None
            Progress bars over the coalitions while the page is made (maps, register, member
            tables). None: as :func:`lsmnet.report` was asked (``Report.progress``), whose
            own None shows them only on a terminal or in Jupyter.

        Returns
        -------
        str
            The document; made once, then kept.

        Raises
        ------
        InvalidParameterError
            If ``progress`` is not None, True or False.

        Examples
        --------
        >>> import lsmnet as lsm
        >>> rep = lsm.report(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")
        >>> rep.html(progress=False).startswith("<!DOCTYPE html>")
        True
        """
        check_progress(progress, "Report.html")
        if "_html" not in self.__dict__:
            self.__dict__["_html"] = self._render(self.progress if progress is None else progress)
        return self._html

    def to_html(self, path: str | Path, *, progress: bool | None = None) -> Path:
        """Write the report as one self-contained HTML file.

        Parameters
        ----------
        path : str or pathlib.Path
            Output file; its folder is created when missing.
        progress : bool or None, default None
            Progress bars over the coalitions while the page is made (maps, register, member
            tables). None: as :func:`lsmnet.report` was asked (``Report.progress``), whose
            own None shows them only on a terminal or in Jupyter.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        InvalidParameterError
            If ``progress`` is not None, True or False.

        Examples
        --------
        >>> import tempfile, pathlib, lsmnet as lsm
        >>> rep = lsm.report(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")
        >>> out = rep.to_html(pathlib.Path(tempfile.mkdtemp()) / "report.html", progress=False)
        >>> out.read_text(encoding="utf-8") == rep.html()
        True
        """
        check_progress(progress, "Report.to_html")
        page = self.html(progress=progress)
        path = Path(path)
        with atomic_file(path, mkdir=True) as temp:
            temp.write_text(page, encoding="utf-8")
        return path

    def to_excel(self, path: str | Path, *, progress: bool | None = None) -> Path:
        """Write the report's tables to an Excel workbook.

        Sheets: scorecard, members, risk register, bridges, dyads, definitions, notes (named
        in the report's language), each with a frozen header row, filters and number formats.
        Text cells are protected against formula injection. Every row is there, also those
        the HTML leaves out to stay small (long registers, member tables of large coalitions).

        Parameters
        ----------
        path : str or pathlib.Path
            Output ``.xlsx`` file; its folder is created when missing.
        progress : bool or None, default None
            A progress bar over the rows of each sheet. None: as :func:`lsmnet.report` was
            asked (``Report.progress``), whose own None shows it only on a terminal or in
            Jupyter.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        InvalidParameterError
            If ``progress`` is not None, True or False.

        Examples
        --------
        >>> import tempfile, pathlib, openpyxl, lsmnet as lsm
        >>> rep = lsm.report(lsm.datasets.load_dataset("indonesia_demo"), coalition="C01")
        >>> out = rep.to_excel(pathlib.Path(tempfile.mkdtemp()) / "report.xlsx", progress=False)
        >>> openpyxl.load_workbook(out, read_only=True).sheetnames[0]
        'scorecard'
        """
        from lsmnet.reporting.excel import write_workbook
        from lsmnet.reporting.workbook import sheets

        check_progress(progress, "Report.to_excel")
        shown = self.progress if progress is None else progress
        return write_workbook(path, sheets(self), lang=self.lang, progress=shown)

    def _repr_html_(self) -> str:
        # the report in an isolated frame, so that its styles and script do not touch the
        # notebook, and the notebook's do not touch it
        return (
            '<iframe style="width:100%;height:640px;border:1px solid #ccc" '
            f'sandbox="allow-scripts" srcdoc="{_html.escape(self._html, quote=True)}"></iframe>'
        )


def _check_data(data, func: str):
    from lsmnet.io.from_graph import check_network_data

    check_network_data(data, func)


def _units(data, coalition, at, lang: str, func: str) -> list[Unit]:
    from lsmnet.graphs.partnership import coalition_graphs, partnership_graph
    from lsmnet.risk.catalog import message

    ids = list(data.coalitions["coalition_id"])
    if not ids and coalition is None:
        whole = message("labels.whole_network", lang)
        return [Unit(NETWORK, None, whole, partnership_graph(data, at=at))]
    if coalition is not None and coalition not in ids:
        shown = ", ".join(repr(c) for c in ids[:10]) or "none"
        raise InvalidParameterError(
            f"The 'coalition' parameter of {func} must be a coalition_id of the data "
            f"({shown}). Got {coalition!r}."
        )
    chosen = [coalition] if coalition is not None else ids
    names = dict(zip(data.coalitions["coalition_id"], data.coalitions["name"], strict=True))
    units = []
    # the ties merged once for every coalition (one filter of the tie table per coalition
    # took about a third of a second at a million ties)
    for cid, graph in coalition_graphs(data, chosen, at=at).items():
        if graph.number_of_nodes() or cid == coalition:
            name = names.get(cid)
            units.append(Unit(cid, cid, cid if pd.isna(name) else str(name), graph))
    return units


def _survey_scores(data, units, *, at, lang, seed, thresholds) -> dict:
    """Each unit's :func:`lsmnet.trust_value_scores` (at least one rater per score).

    With ``min_raters`` of at least 1 they are the scores the flags computed on the unit's
    scope (the same members, the ratings among them, the same call), read from the scopes
    the report's flags shared instead of filtering every rating again for each coalition
    (38 s for 300 coalitions and 1.5 million ratings).
    """
    from lsmnet.risk.flags import scopes
    from lsmnet.risk.trust import trust_value_scores

    out = {}
    for u in units:
        if thresholds.min_raters >= 1:
            (scope,) = scopes(
                data,
                coalition=u.coalition,
                layers=None,
                at=at,
                thresholds=thresholds,
                lang=lang,
                seed=seed,
                func="report",
            )
            out[u.id] = scope.scores
        else:
            # 0 and 1 raters mean the same (a member nobody rated has no score), and
            # trust_value_scores takes at least 1
            out[u.id] = trust_value_scores(
                data, coalition=u.coalition, at=at, lang=lang, min_raters=1
            )
    return out


def _weaving_size(data, coalition) -> int:
    """Organisations weaving_suggestions would work on (it refuses too many)."""
    if coalition is None:
        return len(data.organizations)
    return len(data.coalition_members(coalition))


def _has_dates(data) -> bool:
    tables = (data.memberships, data.ties)
    return any(t[c].notna().any() for t in tables for c in ("start", "end") if len(t))


def report(
    data: NetworkData,
    *,
    coalition: str | None = None,
    lang: str = "en",
    at: int | str | dt.date | None = None,
    thresholds: RiskThresholds | dict | None = None,
    seed: int = 0,
    progress: bool | None = None,
    n_jobs: int | None = None,
) -> Report:
    """Compute the coalition health report of ``data``.

    Parameters
    ----------
    data : lsmnet.NetworkData
        Organisations, coalitions, memberships, ties and (optionally) survey ratings.
    coalition : str, optional
        Report on this coalition only (a ``coalition_id``); default: every coalition.
    lang : {"en", "id"}, default "en"
        Language of the report: English or Bahasa Indonesia.
    at : int, str or date, optional
        Snapshot: only memberships and ties active then (a year means any time in that year).
    thresholds : RiskThresholds or dict, optional
        Flag thresholds (a :class:`lsmnet.RiskThresholds`, e.g. from
        :meth:`~lsmnet.RiskThresholds.from_file`, or a dict of field changes); default:
        lsmnet's. Every flag, flag count, member table and the change over time use them, and
        the ``min_raters`` threshold also sets who gets a trust and value score. The report
        lists every threshold that differs from its default in the methods section and on
        the workbook's notes sheet.
    seed : int, default 0
        Seed of the null models behind the z-scores, of the map layouts and of the sampled
        sources of betweenness and closeness in networks of more than 5,000 organisations.
    progress : bool or None, default None
        Progress bar over the steps: None shows it only on a terminal or in Jupyter. The
        report keeps it as the default of ``to_html`` and ``to_excel`` (bars per coalition
        and per sheet).
    n_jobs : int, optional
        Number of jobs (processes, through :mod:`joblib`) for the costly steps: the null
        models of the health scores, the G(n, m) reference of the size-aware flags, the
        bridge ranking and the path measures of large coalitions' member tables (see
        :func:`lsmnet.coalition_health`, :func:`lsmnet.risk_flags`,
        :func:`lsmnet.bridge_organizations`, :func:`lsmnet.member_table`). As in
        scikit-learn: None is one (unless a :func:`joblib.parallel_backend` context says
        otherwise, e.g. ``"dask"`` for a cluster), -1 all cores. The report does not depend
        on it: every step cuts its work into the same pieces whatever ``n_jobs`` is.

    Returns
    -------
    Report
        Holds every table; ``to_html(path)``, ``to_excel(path)`` write the files and
        ``_repr_html_`` shows the report in Jupyter.

    Raises
    ------
    InvalidParameterError
        If ``data`` is not a NetworkData, ``coalition`` is unknown, ``lang`` is not
        ``"en"``/``"id"``, ``thresholds`` is not a valid RiskThresholds or dict of field
        changes, ``seed`` is not a non-negative integer, or ``n_jobs`` is 0 or not an
        integer.

    See Also
    --------
    lsmnet.coalition_health, lsmnet.risk_flags, lsmnet.member_table,
    lsmnet.bridge_organizations, lsmnet.weaving_suggestions, lsmnet.health_over_time

    Notes
    -----
    The same data, parameters and seed give the same report, byte for byte, apart from the
    ``generated`` timestamp.

    Betweenness and closeness (member tables, bridge ranking) are exact in networks of up to
    5,000 organisations and estimated from 1,000 sampled organisations above that (see
    :func:`lsmnet.centrality_table`); the report then says so, with the error bound, above
    the tables concerned, in the methods section and on the workbook's notes sheet.

    Examples
    --------
    >>> import lsmnet as lsm
    >>> data = lsm.datasets.load_dataset("indonesia_demo")
    >>> rep = lsm.report(data, coalition="C01", lang="id")
    >>> rep.units[0].id, rep.lang
    ('C01', 'id')
    >>> strict = lsm.report(data, coalition="C04", thresholds={"dom_centralization_watch": 0.15})
    >>> strict.thresholds.dom_centralization_watch, len(strict.units)
    (0.15, 1)
    """
    from lsmnet.risk.bridges import bridge_organizations
    from lsmnet.risk.change import health_over_time
    from lsmnet.risk.flags import risk_flags, unchanged_data
    from lsmnet.risk.health import start_coalition_health, workers_ready
    from lsmnet.risk.members import member_table
    from lsmnet.risk.weaving import weaving_suggestions

    func = "report"
    _check_data(data, func)
    check_option(lang, LANGS, "lang", func)
    check_progress(progress, func)
    check_seed(seed, func)
    n_jobs = check_n_jobs(n_jobs, func)
    if not isinstance(seed, numbers.Integral):
        raise InvalidParameterError(
            f"The 'seed' parameter of {func} must be a non-negative integer, so that the "
            f"report can be reproduced. Got {seed!r}."
        )
    thresholds = as_thresholds(thresholds, func)
    # the workers import the scientific stack while this process builds the coalitions
    start_workers(n_jobs, workers_ready)
    units = _units(data, coalition, at, lang, func)
    ids = [u.id for u in units]
    results: dict = {}
    risk = {"thresholds": thresholds}
    # the report's bar counts these steps, so the long ones inside show none (no nested bars)
    # coalition_health and risk_flags: the same arguments, so that they share their scopes
    shared = {"coalition": coalition, "at": at, "lang": lang, "seed": seed, "progress": False}
    shared.update(risk, n_jobs=n_jobs)
    # the health scorecard's null graphs go to the n_jobs workers first; the steps after it run
    # here meanwhile, and "health" waits for the workers last
    steps = {
        "scores": lambda: start_coalition_health(data, **shared),
        "flags": lambda: risk_flags(data, **shared),
        "members": lambda: {
            u.id: member_table(
                data, u.coalition, at=at, lang=lang, seed=seed, n_jobs=n_jobs, **risk
            )
            for u in units
            if u.coalition is not None
        },
        "trust": lambda: _survey_scores(
            data, units, at=at, lang=lang, seed=seed, thresholds=thresholds
        ),
        "bridges": lambda: bridge_organizations(data, at=at, lang=lang, seed=seed, n_jobs=n_jobs),
        "weaving": lambda: (
            weaving_suggestions(data, top=WEAVING_K, coalition=coalition, at=at, lang=lang)
            if _weaving_size(data, coalition) <= WEAVING_MAX_NODES
            else None
        ),
        "change": lambda: (
            health_over_time(
                data,
                None,  # every year of the data: no year in which a coalition changed is skipped
                coalition=coalition,
                seed=seed,
                lang=lang,
                progress=False,
                **risk,
            )
            if at is None and _has_dates(data)
            else None
        ),
        "health": lambda: results["scores"](),
    }
    # the risk steps share their per-coalition work through a cache that checks the data's
    # tables before each call (300 member tables: 300 passes over every table); the report
    # does not change them, so one check on entry
    with unchanged_data(data):
        for name in _progress(steps, desc="lsmnet report", enabled=progress):
            results[name] = steps[name]()
    health = results["health"]
    health = health.loc[[cid for cid in ids if cid in health.index]]
    flags = results["flags"]
    return Report(
        data=data,
        lang=lang,
        coalition=coalition,
        at=at,
        seed=seed,
        thresholds=thresholds,
        units=units,
        health=health,
        flags=flags,
        skipped=_skipped(flags),
        members=results["members"],
        trust=results["trust"],
        bridges=results["bridges"],
        weaving=results["weaving"],
        change=results["change"],
        generated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        priorities=_priorities(data, flags, coalition=coalition, lang=lang, seed=seed),
        progress=progress,
    )


def _priorities(data, flags, *, coalition, lang, seed):
    """The digest of the register (None while lsmnet.risk.priorities is not installed)."""
    try:
        from lsmnet.risk.priorities import priorities
    except ImportError:
        return None
    return priorities(data, coalition=coalition, flags=flags, top=DIGEST_TOP, lang=lang, seed=seed)


def _skipped(flags) -> pd.DataFrame:
    """The flags risk_flags could not compute (its ``attrs["skipped"]``: a frame, or the same
    rows as JSON text ``[[code, reason, [coalition, ...]], ...]``)."""
    columns = ["code", "reason", "coalitions"]
    skipped = flags.attrs.get("skipped")
    if skipped is None:
        return pd.DataFrame(columns=columns)
    if isinstance(skipped, str):
        rows = [(code, reason, tuple(where)) for code, reason, where in json.loads(skipped)]
        return pd.DataFrame(rows, columns=columns)
    return skipped

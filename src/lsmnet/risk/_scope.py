"""What the flag families share for one coalition: its graph, scores, funding and row writer.

A :class:`Scope` is built once per coalition (or once for the whole network when the data has
no coalitions). Everything a flag needs is computed lazily and cached, so a flag family only
pays for what it uses, and flags that need data the user does not have call :meth:`Scope.skip`
instead of computing anything from missing values.
"""

from __future__ import annotations

import functools
import threading
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet._parallel import map_pieces, pieces_by_work
from lsmnet.graphs._subgraph import induced_subgraph
from lsmnet.metrics._engine import GraphEngine, gnm_path_measures
from lsmnet.metrics.centrality import exact_path_table
from lsmnet.metrics.core_periphery import core_periphery
from lsmnet.metrics.power import bonacich_power, spectral_radius
from lsmnet.metrics.significance import _gnm_pairs
from lsmnet.risk.catalog import catalogue, flag_info, format_number, join_names, message
from lsmnet.risk.trust import rated_dyads, scores_for

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lsmnet.model import NetworkData
    from lsmnet.risk.thresholds import RiskThresholds

#: Structural flags need at least this many members.
MIN_MEMBERS = 3
#: Layers whose ties count as active collaboration for TRU-3, whatever their weight.
ACTIVE_LAYERS = ("operational", "advocacy")
#: Measures of the size-aware flags compared with G(n, m): DOM-1, DOM-3, FRG-2 and the
#: betweenness rule of DOM-5 (against the largest betweenness of each random graph).
NULL_MEASURES = (
    "degree_centralization",
    "degree_hhi",
    "distance_fragmentation",
    "max_betweenness",
)
#: The size-aware reference draws fewer graphs when one distance computation costs more than
#: this many steps (n (n + m) for n members and m ties) ...
NULL_WORK = 200_000
#: ... but never fewer than this many.
NULL_MIN_DRAWS = 20
#: Above this many members the path measures of the reference use sampled sources ...
NULL_SAMPLE_ABOVE = 1000
#: ... this many per random graph.
NULL_SOURCES = 200

COLUMNS = (
    "code",
    "category",
    "level",
    "entity",
    "coalition",
    "severity",
    "value",
    "threshold",
    "explanation",
    "caveat",
    "measure",
    "note",
)


class Shared:
    """What every scope of one call reads from the whole data, prepared once.

    The tables the flags filter by membership (partnership, competition and funding ties,
    rated dyads) are cut down to the rows any scope can use and given integer organisation
    codes, so that a scope selects its rows with a boolean mask instead of comparing strings
    over the whole table.

    Parameters
    ----------
    data : NetworkData
    partnership : networkx.Graph
        Undirected partnership graph of the whole data; its ``layers`` graph attribute names
        the layers analysed.
    dyads : pandas.DataFrame, optional
        :func:`~lsmnet.risk.trust.rated_dyads` of the whole data.
    """

    def __init__(
        self, data: NetworkData, partnership: nx.Graph, *, dyads: pd.DataFrame | None = None
    ) -> None:
        self.data = data
        self.partnership = partnership
        self.layers = tuple(partnership.graph.get("layers", ()))
        self._dyads = dyads

    @cached_property
    def has_ties(self) -> bool:
        """Whether the partnership graph has a tie (networkx counts its ties by summing the
        degrees: 0.1 s on a national sector, once per coalition before this was kept)."""
        return self.partnership.number_of_edges() > 0

    @cached_property
    def funders(self) -> frozenset:
        """Organisations that give funding ties, when the funding layer is not analysed.

        A funder whose only ties are the money it gives is connected, not isolated, even
        though it has no tie in the partnership layers (OCHA 3W data: 59 donors).
        """
        if "funding" in self.layers:
            return frozenset()
        ties = self.data.ties
        return frozenset(ties.loc[ties["layer"] == "funding", "source"].astype(str))

    @cached_property
    def _codes(self) -> pd.Index:
        """Every organisation id of the data, in a fixed order (its position is its code)."""
        d = self.data
        ids = pd.concat(
            [
                d.organizations["org_id"],
                d.memberships["org_id"],
                d.ties["source"],
                d.ties["target"],
                d.ratings["rater"],
                d.ratings["ratee"],
            ],
            ignore_index=True,
        )
        return pd.Index(pd.unique(ids.dropna().astype(object).to_numpy()))

    def codes(self, ids: Iterable[str]) -> np.ndarray:
        """Integer codes of ``ids`` (-1 for a missing value)."""
        return self._codes.get_indexer(pd.Index(ids, dtype=object))

    def mask(self, members: Iterable[str]) -> np.ndarray:
        """Boolean membership array over the codes, with a last False slot for code -1."""
        inside = np.zeros(len(self._codes) + 1, dtype=bool)
        codes = self.codes(members)
        inside[codes[codes >= 0]] = True
        return inside

    @cached_property
    def names(self) -> dict[str, str]:
        orgs = self.data.organizations
        names = orgs["name"].where(orgs["name"].notna(), orgs["org_id"])
        return dict(zip(orgs["org_id"], names, strict=True))

    @cached_property
    def orgs(self) -> pd.DataFrame:
        """The organisations table indexed by org_id."""
        return self.data.organizations.set_index("org_id")

    @cached_property
    def members(self) -> dict:
        """Member org_ids of each coalition, as :meth:`NetworkData.coalition_members` gives."""
        table = self.data.memberships.drop_duplicates(["coalition_id", "org_id"])
        out: dict = {}
        for cid, org in zip(table["coalition_id"], table["org_id"], strict=True):
            out.setdefault(cid, []).append(str(org))
        return out

    @cached_property
    def _position(self) -> dict:
        return {v: i for i, v in enumerate(self.partnership)}

    def subgraph(self, nodes: Iterable[str]) -> nx.Graph:
        """:func:`~lsmnet.graphs._subgraph.induced_subgraph` of the partnership graph (same
        nodes, edges and orders), visiting only the ties of ``nodes`` rather than every tie of the
        data."""
        G, position = self.partnership, self._position
        if G.is_directed() or G.is_multigraph():
            return induced_subgraph(G, nodes)
        keep = sorted({v for v in nodes if v in position}, key=position.__getitem__)
        inside = set(keep)
        H = G.__class__()
        H.graph.update(G.graph)
        H.add_nodes_from((v, dict(G.nodes[v])) for v in keep)
        done: set = set()
        edges = []
        # G.edges() yields each edge from its end that comes first in G's node order, in
        # adjacency order; walking the kept nodes in that order gives the same sequence
        for u in keep:
            for v, d in G._adj[u].items():
                if v in inside and v not in done:
                    edges.append((u, v, dict(d)))
            done.add(u)
        H.add_edges_from(edges)
        return H

    def _with_codes(self, table: pd.DataFrame, *columns: str) -> tuple:
        return table, *(self.codes(table[c]) for c in columns)

    @cached_property
    def dyads(self) -> tuple:
        """Rated dyads of the whole data with rater and ratee codes."""
        dyads = self._dyads if self._dyads is not None else rated_dyads(self.data)
        return self._with_codes(dyads, "rater", "ratee")

    @cached_property
    def collab_ties(self) -> tuple:
        """Ties of the analysed layers between two distinct organisations, with end codes."""
        ties = self.data.ties
        keep = ties["layer"].isin(self.layers) & (ties["source"] != ties["target"])
        return self._with_codes(ties.loc[keep.to_numpy(bool)], "source", "target")

    @cached_property
    def competition_ties(self) -> tuple:
        """``competition`` ties (source, target) with end codes."""
        ties = self.data.ties
        keep = (ties["layer"] == "competition").to_numpy(bool)
        return self._with_codes(ties.loc[keep, ["source", "target"]], "source", "target")

    @cached_property
    def has_funding(self) -> bool:
        return bool((self.data.ties["layer"] == "funding").any())

    @cached_property
    def funding_ties(self) -> tuple:
        """Funding ties as funder, recipient, amount (see :attr:`Scope.funding`), with the
        recipient codes."""
        ties = self.data.ties
        ties = ties.loc[(ties["layer"] == "funding").to_numpy(bool)]
        use_amount = bool(ties["amount"].notna().any())
        column = "amount" if use_amount else "weight"
        ties = ties.loc[ties[column].notna().to_numpy(bool), ["source", "target", column]]
        ties = ties.set_axis(["funder", "recipient", "amount"], axis=1)
        return self._with_codes(ties, "recipient")

    @cached_property
    def any_respondent_value(self) -> bool:
        return bool(self.data.organizations["respondent"].notna().any())

    @cached_property
    def reporters(self) -> set:
        """Organisations that reported a tie or rated someone."""
        return set(self.data.ties["reported_by"].dropna()) | set(
            self.data.ratings["rater"].dropna()
        )


class Nominations:
    """Who named whom among the members of a scope (:attr:`Scope.nominations`): the distinct
    arcs, as positions in member order, and each member's in- and out-degree.

    Arrays instead of a networkx DiGraph: building one per coalition took 16 s of a
    100,000-organisation report, to read degrees and one reciprocity.

    Parameters
    ----------
    n : int
        Number of members.
    source, target : numpy.ndarray
        Positions of the namer and the named of each nomination (repeats allowed; a pair named
        twice is one arc, as in a DiGraph).
    """

    def __init__(self, n: int, source: np.ndarray, target: np.ndarray) -> None:
        arcs = np.unique(np.asarray(source, np.int64) * n + np.asarray(target, np.int64))
        self.n = n
        self.source, self.target = arcs // n, arcs % n
        self.in_degree = np.bincount(self.target, minlength=n)
        self.out_degree = np.bincount(self.source, minlength=n)

    def named_by(self, chosen: np.ndarray) -> np.ndarray:
        """Whether each member is named by at least one member of the boolean mask
        ``chosen`` (over positions)."""
        return np.bincount(self.target[chosen[self.source]], minlength=self.n) > 0

    def reciprocity(self, among: np.ndarray) -> float:
        """:func:`networkx.overall_reciprocity` of the arcs between members of the boolean
        mask ``among``: the share of arcs whose reverse is also an arc, ``2 (a - p) / a``
        with ``a`` arcs on ``p`` distinct pairs; NaN without arcs."""
        keep = among[self.source] & among[self.target]
        source, target = self.source[keep], self.target[keep]
        arcs = len(source)
        if not arcs:
            return np.nan
        low, high = np.minimum(source, target), np.maximum(source, target)
        pairs = len(np.unique(low * self.n + high))
        return (arcs - pairs) * 2 / arcs


class Scope:
    """The members of one coalition and everything the flags compute about them.

    Parameters
    ----------
    data : NetworkData
        The (snapshot of the) data.
    coalition : str or None
        Coalition id, or None for the whole network.
    partnership : networkx.Graph
        Undirected partnership graph of the whole data (selected layers, union of directions).
    thresholds : RiskThresholds
    lang : {"en", "id"}
    seed : numpy.random.Generator
    dyads : pandas.DataFrame, optional
        :func:`~lsmnet.risk.trust.rated_dyads` of the whole data, shared between scopes.
    shared : Shared, optional
        The tables prepared once for every scope of the call (built here when None).
    n_jobs : int, optional
        Workers of the G(n, m) reference of the size-aware flags (:func:`null_family`); it
        never changes a result. :func:`lsmnet.risk.flags.scopes` sets it on each call, so a
        scope shared between calls uses the ``n_jobs`` of the call that evaluates it.
    """

    def __init__(
        self,
        data: NetworkData,
        coalition: str | None,
        partnership: nx.Graph,
        *,
        thresholds: RiskThresholds,
        lang: str,
        seed: np.random.Generator,
        dyads: pd.DataFrame | None = None,
        shared: Shared | None = None,
        n_jobs: int | None = None,
    ) -> None:
        self.data = data
        self.coalition = coalition
        self.t = thresholds
        self.lang = lang
        self.rng = seed
        self.n_jobs = n_jobs
        self.shared = shared if shared is not None else Shared(data, partnership, dyads=dyads)
        if coalition is None:
            self.members = [str(o) for o in data.organizations["org_id"]]
            self.graph = induced_subgraph(partnership, self.members)
        else:
            self.members = list(self.shared.members.get(coalition, ()))
            self.graph = self.shared.subgraph(self.members)
        self.layers = self.shared.layers
        self.rows: list[dict] = []
        self.skipped: list[tuple[str, str]] = []
        #: Set by :func:`lsmnet.risk.flags.evaluate`, which runs the rules once per scope.
        self.evaluated = False

    @cached_property
    def _inside(self) -> np.ndarray:
        return self.shared.mask(self.members)

    def _rows_inside(self, *codes: np.ndarray) -> np.ndarray:
        """Rows whose every coded column is a member."""
        keep = np.ones(len(codes[0]), dtype=bool)
        for c in codes:
            keep &= self._inside[c]
        return keep

    # -- labels ------------------------------------------------------------------------------
    @cached_property
    def _names(self) -> dict[str, str]:
        return self.shared.names

    def name(self, org_id: str) -> str:
        """Display name of an organisation (its ``name``, else its id)."""
        return str(self._names.get(org_id, org_id))

    @cached_property
    def label(self) -> str:
        """Display name of the coalition, or "the whole network"."""
        if self.coalition is None:
            return message("labels.whole_network", self.lang)
        table = self.data.coalitions
        row = table.loc[table["coalition_id"] == self.coalition, "name"]
        return str(row.iloc[0]) if len(row) and pd.notna(row.iloc[0]) else str(self.coalition)

    def names(self, org_ids: Iterable[str]) -> str:
        """A readable list of display names."""
        return join_names([self.name(o) for o in org_ids], self.lang)

    def layer_names(self, layers: Iterable[str]) -> str:
        """A readable list of layer names in this scope's language (unknown layers as is)."""
        known = catalogue()["layers"]
        return join_names([known[x][self.lang] if x in known else x for x in layers], self.lang)

    def fmt(self, value: float, kind: str = "decimal") -> str:
        """A number formatted for this scope's language."""
        return format_number(value, self.lang, kind)

    def rating(self, name: str) -> float:
        """A rating threshold of :attr:`t` on the data's rating scale."""
        return self.t.rating(name, scale=self.data.scale)

    # -- the tables, restricted to the members -----------------------------------------------
    @cached_property
    def orgs(self) -> pd.DataFrame:
        """Organisation rows of the members, indexed by org_id, in member order."""
        return self.shared.orgs.reindex(self.members)

    @cached_property
    def degree(self) -> pd.Series:
        """Number of distinct partners of each member (undirected, unweighted)."""
        return pd.Series(dict(self.graph.degree()), name="degree").reindex(self.members)

    @cached_property
    def core_periphery(self) -> pd.DataFrame | None:
        """:func:`lsmnet.core_periphery` of the members (``core``, ``coreness``; the fit in
        ``attrs["correlation"]``); None when undefined (fewer than three members, no ties, or
        every pair tied)."""
        return core_periphery_or_none(self.graph, seed=self.rng, n_jobs=self.n_jobs)

    @cached_property
    def paths(self) -> pd.DataFrame:
        """Exact ``betweenness`` (normalised, networkx's scale), ``closeness`` and
        ``harmonic`` centrality of the members on :attr:`graph`, indexed by org_id in graph
        order (:func:`~lsmnet.metrics.centrality.exact_path_table`).

        A search from every member: computed once for the gatekeeper and distance flags, the
        health scorecard and the member table (3.4 s of betweenness at 5,000 members, three
        times before).
        """
        return exact_path_table(self.graph, n_jobs=self.n_jobs)

    @cached_property
    def scores(self):
        """:class:`~lsmnet.risk.trust.TrustValueScores` of the members."""
        dyads, rater, ratee = self.shared.dyads
        return scores_for(
            self.data,
            self.members,
            min_raters=self.t.min_raters,
            convention="default",
            lang=self.lang,
            dyads=dyads.loc[self._rows_inside(rater, ratee)],
        )

    @cached_property
    def received_value(self) -> pd.Series | None:
        """Sum of the value scores each member receives; None without value ratings."""
        dyads = self.scores.dyads
        if not dyads["value"].notna().any():
            return None
        sums = dyads.groupby("ratee", sort=False)["value"].sum()
        return sums.reindex(self.members, fill_value=0.0)

    @cached_property
    def rated_members(self) -> int:
        """Members who received at least one value rating."""
        dyads = self.scores.dyads
        return int(dyads.loc[dyads["value"].notna(), "ratee"].nunique())

    @cached_property
    def has_ratings(self) -> bool:
        return len(self.scores.dyads) > 0

    def has_item(self, item: str) -> bool:
        """Whether any rating among the members answers ``item``."""
        dyads = self.scores.dyads
        return item in dyads and bool(dyads[item].notna().any())

    @cached_property
    def has_trust(self) -> bool:
        return self.has_ratings and bool(self.scores.dyads["trust"].notna().any())

    @cached_property
    def dyad_trust(self) -> dict[tuple[str, str], float]:
        """Trust score of each rated ordered pair (rater, ratee)."""
        d = self.scores.dyads.dropna(subset=["trust"])
        pairs = zip(d["rater"].to_numpy(object), d["ratee"].to_numpy(object), strict=True)
        return dict(zip(pairs, d["trust"].to_numpy(float).tolist(), strict=True))

    def mutual_trust(self, a: str, b: str) -> float:
        """Mean trust of the rated directions between ``a`` and ``b``; NaN when neither."""
        given = self.dyad_trust
        ab, ba = given.get((a, b)), given.get((b, a))
        if ab is None or ba is None:
            return np.nan if ab is None and ba is None else float(ab if ba is None else ba)
        return float((ab + ba) / 2)  # np.mean of the two, operation for operation

    @cached_property
    def issues(self) -> pd.Series:
        """Issue tuple of each member (empty tuple when unknown)."""
        return self.orgs["issues"].map(lambda v: v if isinstance(v, tuple) else ())

    @cached_property
    def has_issues(self) -> bool:
        return bool(self.issues.map(len).gt(0).any())

    # -- survey: nominations and respondents --------------------------------------------------
    @cached_property
    def _collab_ties(self) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        """Ties of the analysed layers between two members, with the positions of their ends
        in member order."""
        ties, source, target = self.shared.collab_ties
        keep = self._rows_inside(source, target)
        position = np.full(len(self._inside), -1, dtype=np.int64)
        position[self.shared.codes(self.members)] = np.arange(len(self.members))
        return ties.loc[keep], position[source[keep]], position[target[keep]]

    @cached_property
    def competition_ties(self) -> pd.DataFrame:
        """``competition`` ties (source, target) between two members."""
        ties, source, target = self.shared.competition_ties
        return ties.loc[self._rows_inside(source, target)]

    @cached_property
    def nominations(self) -> Nominations | None:
        """Who named whom: a tie reported by one of its ends was named by that end; a directed
        tie without a reporter was named by its source. None when no tie says who named whom."""
        ties, source, target = self._collab_ties
        reporter = ties["reported_by"]
        by_source = (reporter == ties["source"]).fillna(False).to_numpy(bool)
        by_target = (reporter == ties["target"]).fillna(False).to_numpy(bool)
        unreported = reporter.isna().to_numpy(bool) & ties["directed"].to_numpy(bool)
        forward = by_source | unreported
        if not forward.any() and not by_target.any():
            return None
        return Nominations(
            len(self.members),
            np.concatenate([source[forward], target[by_target]]),
            np.concatenate([target[forward], source[by_target]]),
        )

    @cached_property
    def respondents(self) -> pd.Series | None:
        """Whether each member answered the survey; None when that is unknown.

        When the ``respondent`` column is filled anywhere in the data it is used, and a member
        with no value counts as a non-respondent, provided at least half of the members have a
        value (otherwise the survey did not cover this coalition and None is returned). When
        the column is empty everywhere, an organisation that reported a tie or rated someone
        counts as a respondent (None when the data has neither).
        """
        if self.shared.any_respondent_value:
            status = self.orgs["respondent"]
            if 2 * int(status.notna().sum()) < len(self.members):
                return None
            return status.fillna(False).astype(bool)
        reporters = self.shared.reporters
        if not reporters:
            return None
        return pd.Series([m in reporters for m in self.members], index=self.orgs.index)

    def survey(self, code: str) -> tuple[pd.Series, Nominations] | None:
        """``(respondents, nominations)`` for flag ``code``; None (and a skip note) when either
        is unknown."""
        if self.respondents is None:
            self.skip(code, "no_respondents")
            return None
        if self.nominations is None:
            self.skip(code, "no_nominations")
            return None
        return self.respondents, self.nominations

    @cached_property
    def reciprocity(self) -> float:
        """Edgewise reciprocity of the nominations among respondents; NaN when unknown."""
        if self.respondents is None or self.nominations is None:
            return np.nan
        return self.nominations.reciprocity(self.respondents.to_numpy(bool))

    @cached_property
    def response_rate(self) -> float:
        """Share of members known to have answered; NaN when unknown."""
        r = self.respondents
        if r is None or not len(self.members):
            return np.nan
        return float(r.sum()) / len(self.members)

    # -- funding ------------------------------------------------------------------------------
    @cached_property
    def funding(self) -> pd.DataFrame:
        """Funding received by members: columns funder, recipient, amount.

        ``amount`` is the recorded amount when any funding tie of the data has one (ties without
        an amount are then left out), else the tie weight.
        """
        ties, recipient = self.shared.funding_ties
        out = ties.loc[self._rows_inside(recipient)]
        return out.groupby(["funder", "recipient"], sort=True, as_index=False)["amount"].sum()

    @cached_property
    def has_funding(self) -> bool:
        return self.shared.has_funding

    # -- size-aware network flags -------------------------------------------------------------
    def beyond_null(self, measure: str, value: float) -> dict | None:
        """Fields for the explanation when ``value`` of a size-aware ``measure`` is strictly
        above the :attr:`~RiskThresholds.null_quantile` of G(n, m) graphs with this scope's
        members and ties; None when it is not (the flag must then not fire).

        With ``null_draws=0`` the test is off and every value passes (empty fields).
        """
        t = self.t
        if t.null_draws == 0:
            return {"beyond_null": ""}
        n, m = self.graph.number_of_nodes(), self.graph.number_of_edges()
        family = next(f for f, measures in NULL_FAMILIES.items() if measure in measures)
        null = null_draws_of(n, m, t.null_draws, family)
        if null.below_for_sure(measure, value, t.null_quantile, self.n_jobs):
            # the complete reference could not put the value beyond its quantile
            return None
        draws, reference = null.complete(t.null_quantile, self.n_jobs)
        cut = reference[measure]
        if not value > cut + 1e-12:
            return None
        label = "beyond_null_max" if measure == "max_betweenness" else "beyond_null"
        return {
            "beyond_null": message(
                f"labels.{label}",
                self.lang,
                quantile=self.fmt(t.null_quantile, "percent"),
                null=self.fmt(cut),
                draws=self.fmt(draws, "integer"),
            )
        }

    # -- output -------------------------------------------------------------------------------
    def skip(self, code: str, reason: str, **fields: object) -> None:
        """Record that flag ``code`` could not be computed, with a catalogue reason."""
        self.skipped.append((code, message(f"skipped.{reason}", self.lang, **fields)))

    def flag(
        self,
        code: str,
        entity: str | tuple[str, str] | None,
        *,
        severity: str,
        measure: str,
        value: float,
        threshold: float,
        kind: str = "decimal",
        threshold_kind: str | None = None,
        level: str | None = None,
        **fields: object,
    ) -> None:
        """Add one flag row; the explanation is rendered from the catalogue.

        ``entity`` is an org_id (node), a pair of org_ids (dyad, shown as ``"a|b"``), a group
        label or the coalition (network). ``value`` and ``threshold`` are formatted with
        ``kind`` (and ``threshold_kind``) for the sentence; extra ``fields`` fill the other
        placeholders.
        """
        info = flag_info(code)
        level = level or info["level"]
        text = {
            "coalition": self.label,
            "value": self.fmt(value, kind),
            "threshold": self.fmt(threshold, threshold_kind or kind),
        }
        if level == "node":
            text["name"] = self.name(entity)
        elif level == "dyad":
            text["name"], text["other"] = self.name(entity[0]), self.name(entity[1])
            entity = f"{entity[0]}|{entity[1]}"
        elif level == "network":
            entity = self.coalition if self.coalition is not None else "network"
        self.rows.append(
            {
                "code": code,
                "category": info["category"],
                "level": level,
                "entity": str(entity),
                "coalition": self.coalition,
                "severity": severity,
                "value": float(value),
                "threshold": float(threshold),
                "explanation": message(
                    f"flags.{code}.explanation.{measure}", self.lang, **text, **fields
                ),
                "caveat": _caveat(code, self.lang),
                "measure": measure,
                "note": pd.NA,
            }
        )


@functools.cache
def _caveat(code: str, lang: str) -> str:
    # the same sentence for every row of a flag: rendered once per code and language
    return message(f"flags.{code}.caveat", lang)


def banded(value: float, watch: float, high: float, *, below: bool = False) -> str | None:
    """Severity of ``value`` against a watch and a high cut-off (``None`` when neither is met).

    With ``below=False`` the flag fires at or above the cut-offs; with ``below=True`` strictly
    below them.
    """
    if value is None or np.isnan(value):
        return None
    if below:
        return "high" if value < high else "watch" if value < watch else None
    return "high" if value >= high else "watch" if value >= watch else None


def bonacich(G: nx.Graph) -> pd.Series:
    """Bonacich power with :math:`\\beta = 0.5 / \\lambda_1` (half the largest allowed value).

    A positive β rewards ties to well-connected members; half the bound keeps the scores away
    from the singularity at :math:`1/\\lambda_1`. NaN for every node of a graph without ties.
    """
    if G.number_of_edges() == 0:
        return pd.Series(np.nan, index=list(G), name="bonacich_power")
    # the metrics' own λ₁: deterministic (fixed ARPACK start vector) and self-loops ignored
    radius = spectral_radius(GraphEngine(G))
    return bonacich_power(G, beta=0.5 / radius)


def _path_work(n: int, m: int) -> int:
    """Steps of the path measures of one G(n, m) graph: n (n + m), or :data:`NULL_SOURCES`
    (n + m) with sampled sources."""
    return min(n, NULL_SOURCES if n > NULL_SAMPLE_ABOVE else n) * (n + m)


def null_draws(n: int, m: int, budget: int, family: str = "path") -> int:
    """Graphs drawn for the G(n, m) reference of ``n`` members and ``m`` ties.

    Degree measures (``family="degree"``) cost one pass over the ties per graph: always
    ``budget``. Path measures cost a breadth-first search from every member (or from
    :data:`NULL_SOURCES` sampled members above :data:`NULL_SAMPLE_ABOVE`): ``budget``, or
    fewer in proportion when one graph costs more than :data:`NULL_WORK` steps, never fewer
    than :data:`NULL_MIN_DRAWS`.
    """
    if family == "degree":
        return budget
    work = _path_work(n, m)
    if work <= NULL_WORK:
        return budget
    return max(min(budget, NULL_MIN_DRAWS), budget * NULL_WORK // work)


def null_reference(
    n: int, m: int, budget: int, quantile: float, *, n_jobs: int | None = None
) -> tuple[int, dict]:
    """The ``quantile`` of each of :data:`NULL_MEASURES` over G(n, m) random graphs.

    The graphs are drawn uniformly among the simple undirected graphs with ``n`` nodes and
    ``m`` edges (the draw of ``lsmnet.cug_test(null="edges")``), from a generator seeded with
    ``(n, m)`` and the measure family: the reference is a property of the sizes, the same in
    every call, and cached (:func:`null_family`). Degree centralization is Freeman's
    (:func:`lsmnet.centralization`), the HHI of degree shares is normalized
    (:func:`lsmnet.hhi`), distance-weighted fragmentation is Borgatti's
    (:func:`lsmnet.fragmentation`), and the largest normalized betweenness of a node is
    :math:`2 b / ((n - 1)(n - 2))` (networkx's normalization). Above
    :data:`NULL_SAMPLE_ABOVE` members the two path measures are estimated from
    :data:`NULL_SOURCES` sampled sources per graph. ``n_jobs`` workers score the path
    measures; the values do not depend on it.

    Returns
    -------
    tuple
        ``(draws of the path measures, {measure: quantile value})``.
    """
    degree = null_family(n, m, budget, quantile, "degree")[1]
    path_draws, path = null_family(n, m, budget, quantile, "path", n_jobs=n_jobs)
    return path_draws, {**degree, **path}


#: Measures of each family of the G(n, m) reference.
NULL_FAMILIES = {
    "degree": ("degree_centralization", "degree_hhi"),
    "path": ("distance_fragmentation", "max_betweenness"),
}


#: The path measures of random graphs are scored in pieces of about this many steps (as
#: :data:`NULL_WORK` counts them; at least one graph a piece, 20-70 ms): cut from the sizes
#: alone, so that the pieces, and the reference, never depend on ``n_jobs``.
NULL_PIECE_WORK = 1_000_000
#: References kept (least recently used go first).
NULL_CACHED = 4096


class NullDraws:
    """The random graphs of the G(n, m) reference of one size and measure family, drawn and
    scored on demand, always in the same order.

    The random pairs (and the sampled sources) of graph ``r`` come from a generator seeded
    with ``(n, m, family)``, drawn in the order of the graphs: the first ``k`` values are the
    same however many graphs are scored in the end and however they were split into pieces,
    so a reference completed after an early look equals one drawn in a single pass.
    """

    def __init__(self, n: int, m: int, budget: int, family: str) -> None:
        self.n, self.m, self.family = n, m, family
        self.measures = NULL_FAMILIES[family]
        self.draws = null_draws(n, m, budget, family)
        self.undefined = n < 3 or m == 0 or self.draws == 0
        self.rng = np.random.default_rng([n, m, list(NULL_FAMILIES).index(family)])
        self.values = np.empty((0, len(self.measures)))
        self.cuts: dict = {}
        self.lock = threading.Lock()

    def complete(self, quantile: float, n_jobs: int | None = None) -> tuple[int, dict]:
        """``(draws, {measure: quantile})`` over every graph of the reference."""
        with self.lock:
            if quantile not in self.cuts:
                if self.undefined:
                    cuts = dict.fromkeys(self.measures, np.nan)
                else:
                    self._score_until(self.draws, n_jobs)
                    values = np.quantile(self.values, quantile, axis=0)
                    cuts = dict(zip(self.measures, values.tolist(), strict=True))
                self.cuts[quantile] = (self.draws, cuts)
            return self.cuts[quantile]

    def below_for_sure(
        self, measure: str, value: float, quantile: float, n_jobs: int | None = None
    ) -> bool:
        """Whether ``value`` is certain not to exceed the ``quantile`` of ``measure`` over
        every graph of the reference, from as few graphs as that takes.

        :func:`numpy.quantile` ("linear") of ``R`` values lies at or above the value of rank
        ``j = floor(quantile (R - 1))`` (from 0, ascending): once ``R - j`` graphs score at
        least ``value``, the complete reference cannot fall below it, whatever the remaining
        graphs score (a sequential Monte Carlo test in the spirit of Besag and Clifford, 1991,
        whose answer is exactly the fixed-size one). A coalition well inside the random
        graphs' range is then settled after a few dozen graphs instead of a few hundred; one
        beyond the quantile still needs them all, for the quantile shown in its explanation.
        """
        if self.undefined:
            return False
        column = self.measures.index(measure)
        # one below numpy's rank when float rounding could put it either side: more graphs
        # must agree, never fewer
        rank = int(np.floor(quantile * (self.draws - 1) - 1e-9))
        need = self.draws - max(rank, 0)
        with self.lock:
            size = need
            while True:
                self._score_until(size, n_jobs)
                if int(np.sum(self.values[:, column] >= value)) >= need:
                    return True
                if len(self.values) == self.draws:
                    return False
                size = min(self.draws, 2 * len(self.values))

    def _score_until(self, size: int, n_jobs: int | None) -> None:
        """Draw and score the graphs up to ``size`` (the lock is held)."""
        done = len(self.values)
        if size <= done:
            return
        n, m, count, rng = self.n, self.m, size - done, self.rng
        if self.family == "degree":
            values = np.empty((count, len(self.measures)))
            for r in range(count):
                u, v = _gnm_pairs(n, m, False, rng)
                degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
                shares = degree / degree.sum()
                hhi = float(np.sum(shares**2))
                values[r] = (
                    np.sum(degree.max() - degree) / ((n - 1) * (n - 2)),
                    (hhi - 1.0 / n) / (1.0 - 1.0 / n),
                )
        else:
            # int32 ends keep the pieces sent to workers small (8 bytes a tie)
            ends = np.empty((count, 2, m), dtype=np.int32)
            # sampled sources estimate the path measures of large graphs (exact without igraph)
            sampled = n > NULL_SAMPLE_ABOVE
            sources = np.empty((count, NULL_SOURCES if sampled else 0), dtype=np.int32)
            for r in range(count):
                ends[r] = _gnm_pairs(n, m, False, rng)
                if sampled:
                    sources[r] = rng.choice(n, size=NULL_SOURCES, replace=False)
            rows = pieces_by_work(range(count), _path_work(n, m), NULL_PIECE_WORK)
            pieces = [(ends[r.start : r.stop], sources[r] if sampled else None) for r in rows]
            values = np.concatenate(map_pieces(_path_piece, pieces, n_jobs, args=(n,)))
        self.values = np.concatenate([self.values, values])


@functools.lru_cache(maxsize=NULL_CACHED)
def null_draws_of(n: int, m: int, budget: int, family: str) -> NullDraws:
    """The :class:`NullDraws` of one size, budget and family, shared by every scope and call
    (``n_jobs`` only says how many workers score them, so it is not part of the key)."""
    return NullDraws(n, m, budget, family)


def null_family(
    n: int, m: int, budget: int, quantile: float, family: str, *, n_jobs: int | None = None
) -> tuple[int, dict]:
    """``(draws, {measure: quantile})`` of one family of :data:`NULL_FAMILIES` (see
    :func:`null_reference`); only the family a flag needs is drawn.

    The random pairs (and the sampled sources) are drawn in a fixed order; the path
    measures of consecutive graphs, :data:`NULL_PIECE_WORK` steps at a time, are the pieces
    of work of :func:`lsmnet._parallel.map_pieces` on ``n_jobs`` workers, so the reference is
    the same, bit for bit, whatever ``n_jobs`` is, and is cached on the sizes alone
    (``null_family.cache_clear()`` empties the cache).
    """
    return null_draws_of(n, m, budget, family).complete(quantile, n_jobs)


null_family.cache_clear = null_draws_of.cache_clear


def _path_piece(n: int, piece: tuple) -> np.ndarray:
    """Distance-weighted fragmentation and largest normalized betweenness of each random
    graph of one piece (``ends``: draws x 2 x m node numbers; ``sources``: draws x sampled
    sources, or None for exact measures)."""
    ends, sources = piece
    values = np.empty((len(ends), 2))
    for r in range(len(ends)):
        chosen = None if sources is None else sources[r].astype(np.int64)
        reached, between = gnm_path_measures(n, ends[r, 0], ends[r, 1], chosen)
        values[r] = (
            1.0 - reached / (n * (n - 1)),
            2.0 * between.max() / ((n - 1) * (n - 2)),
        )
    return values


def core_periphery_or_none(
    G: nx.Graph, *, seed: int | np.random.Generator | None, n_jobs: int | None = None
) -> pd.DataFrame | None:
    """:func:`lsmnet.core_periphery` of an undirected graph, or None where it is undefined
    (the same partition for every ``n_jobs``)."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    if n < 3 or m == 0 or m == n * (n - 1) // 2:
        return None
    # a step of risk_flags / coalition_health, whose own bar counts the coalitions
    return core_periphery(G, seed=seed, progress=False, n_jobs=n_jobs)

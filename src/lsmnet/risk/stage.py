"""The network stage of Krebs & Holley (fragments, single hub, multi-hub, core/periphery)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from lsmnet._i18n import catalogue, check_lang, format_number
from lsmnet._validation import check_graph, check_number
from lsmnet.metrics.centralization import centralization
from lsmnet.risk._scope import core_periphery_or_none

if TYPE_CHECKING:
    from typing import Literal

    import pandas as pd

__all__ = ["STAGES", "NetworkStage", "network_stage"]

#: Stage codes, in the order they are tested.
STAGES = ("fragments", "single_hub", "core_periphery", "multi_hub", "unclassified")


@dataclass(frozen=True)
class NetworkStage:
    """A network's Krebs–Holley stage and the evidence for it.

    Attributes
    ----------
    stage : str
        One of :data:`STAGES`.
    label : str
        The stage's name in the requested language.
    evidence : str
        One sentence with the numbers that decided the stage.
    measures : dict
        ``largest_component_share``, ``components`` (with two or more members),
        ``degree_centralization``, ``top_share`` (the top member's share of tie-ends),
        ``hub_count`` (members with at least twice the mean degree) and ``core_fit``.
    nearest : str or None
        For ``"unclassified"``: the stage the network is closest to (smallest total relative
        shortfall from that stage's cut-offs; ties go to the earlier stage of :data:`STAGES`);
        None for a classified network or when the measures are undefined (fewer than three
        members or no ties).
    gaps : tuple of (str, float, float)
        For ``"unclassified"``: what separates the network from ``nearest``, one
        ``(condition, value, needed)`` per missed condition, e.g. ``("hubs", 2.0, 3.0)``.
        Conditions: ``lcc_below``/``lcc_above`` (largest component share below/at least),
        ``components``, ``centralization_above``/``centralization_below``, ``top_share``,
        ``hubs`` and ``fit``.
    """

    stage: str
    label: str
    evidence: str
    measures: dict = field(default_factory=dict)
    nearest: str | None = None
    gaps: tuple = ()


def network_stage(
    G: nx.Graph,
    *,
    lang: str = "en",
    seed: int | np.random.Generator | None = 0,
    fragments_share: float = 0.5,
    fragments_split_share: float = 0.8,
    fragments_components: int = 3,
    hub_centralization: float = 0.5,
    hub_share: float = 0.2,
    hubs: int = 3,
    hub_ratio: float = 2.0,
    core_fit: float = 0.5,
    core_share: float = 0.8,
) -> NetworkStage:
    r"""Classify an undirected network into a Krebs & Holley network-weaving stage.

    An interpretive aid, not a measurement: the stages describe how networks of
    organisations typically grow, from scattered fragments through a single hub to a
    multi-hub small world and a core/periphery network.

    Parameters
    ----------
    G : networkx.Graph
        Undirected network (ties are taken as unweighted).
    lang : {"en", "id"}, default "en"
        Language of ``label`` and ``evidence``.
    seed : int, numpy.random.Generator or None, default 0
        Seed of the core–periphery search.
    fragments_share, fragments_split_share, fragments_components : float, float, int
        *Fragments* when the largest component holds less than ``fragments_share`` (default
        0.5) of the nodes, or less than ``fragments_split_share`` (default 0.8) with at least
        ``fragments_components`` (default 3) components of two or more nodes. A network
        with 93 % of its nodes in one component is never fragments.
    hub_centralization, hub_share : float, default 0.5, 0.2
        *Single hub* when degree centralization is at least ``hub_centralization`` and the top
        node holds at least ``hub_share`` of all tie-ends.
    hubs, hub_ratio : int, float, default 3, 2.0
        *Multi-hub* when at least ``hubs`` nodes have at least ``hub_ratio`` times the mean
        degree and degree centralization is below ``hub_centralization``.
    core_fit, core_share : float, default 0.5, 0.8
        *Core/periphery* when the Borgatti–Everett fit is at least ``core_fit`` and the largest
        component holds at least ``core_share`` of the nodes.

    Returns
    -------
    NetworkStage
        The first stage whose conditions hold, tested in the order of :data:`STAGES`
        (fragments, single hub, core/periphery, multi-hub); ``"unclassified"`` ("between
        stages") only when none does, and then ``nearest`` names the closest stage and
        ``gaps`` and ``evidence`` say what separates the network from it ("leaning to
        multi-hub: 2 hubs, 3 needed"). All defaults are lsmnet's heuristic reading of Krebs &
        Holley, who give no numbers.

    Raises
    ------
    GraphTypeError
        If ``G`` is not an undirected networkx graph.
    InvalidParameterError
        If a cut-off is out of range or ``lang`` is unknown.

    Notes
    -----
    Degree centralization is Freeman's (:func:`lsmnet.centralization`); the top share is
    :math:`\max_i d_i / \sum_i d_i`; the core/periphery fit is the correlation between the
    network and the ideal core/periphery pattern of the best partition found
    (:func:`lsmnet.core_periphery`, exact up to 20 nodes). The nearest stage minimises the
    sum over its missed conditions of the relative shortfall
    :math:`|x - t| / t` of measure :math:`x` from cut-off :math:`t`.

    References
    ----------
    .. [1] Krebs, V., & Holley, J. (2006). Building Smart Communities through Network
       Weaving.
    .. [2] Borgatti, S. P., & Everett, M. G. (2000). Models of core/periphery structures.
       Social Networks 21(4), 375–395.

    Examples
    --------
    >>> import networkx as nx
    >>> from lsmnet.risk.stage import network_stage
    >>> network_stage(nx.star_graph(9)).stage
    'single_hub'
    >>> result = network_stage(nx.empty_graph(6), lang="id")
    >>> result.stage, result.label
    ('fragments', 'Fragmen-fragmen terpisah')
    >>> ring = network_stage(nx.cycle_graph(8))
    >>> ring.stage, ring.nearest
    ('unclassified', 'core_periphery')
    >>> print(ring.evidence.split("; leaning to ")[1])
    core/periphery: core/periphery fit 0.33, 0.50 needed
    """
    func = "network_stage"
    check_graph(G, func, directed=False)
    check_lang(lang, func)
    for name, value in (
        ("fragments_share", fragments_share),
        ("fragments_split_share", fragments_split_share),
        ("hub_centralization", hub_centralization),
        ("hub_share", hub_share),
        ("core_fit", core_fit),
        ("core_share", core_share),
    ):
        check_number(value, name, func, low=0, high=1)
    check_number(fragments_components, "fragments_components", func, low=1, integer=True)
    check_number(hubs, "hubs", func, low=1, integer=True)
    check_number(hub_ratio, "hub_ratio", func, low=1)
    cutoffs = {
        "fragments_share": fragments_share,
        "fragments_split_share": fragments_split_share,
        "fragments_components": fragments_components,
        "hub_centralization": hub_centralization,
        "hub_share": hub_share,
        "hubs": hubs,
        "core_fit": core_fit,
        "core_share": core_share,
    }
    return classify(stage_measures(G, seed=seed, hub_ratio=hub_ratio), lang, **cutoffs)


def phrase(key: str, lang: str, /, **fields: object) -> str:
    """Text at dotted ``key`` of ``locale/priorities.json`` in ``lang``, placeholders filled."""
    node = catalogue("priorities")
    for part in key.split("."):
        node = node[part]
    template = node[lang]
    return template.format(**fields) if fields else template


def _shortfall(value, needed, *, below=False) -> float:
    """Relative distance of ``value`` from meeting its cut-off (0 when met, inf when NaN)."""
    if value is None or not np.isfinite(value):
        return np.inf
    if below:
        return 0.0 if value < needed else (value - needed) / needed + _TIE
    return 0.0 if value >= needed else (needed - value) / needed


#: Added to a strict inequality met with equality, so that it counts as missed.
_TIE = 1e-9


def stage_gaps(m: dict, cutoffs: dict) -> dict:
    """For each stage, the conditions it misses as ``(gap key, value, needed, shortfall)``.

    A stage fits when its list is empty; the shortfall is relative to the cut-off
    (``|value - cut-off| / cut-off``) and infinite for an undefined measure. Fragments
    fit by either of two rules, so they report the rule with the smaller total shortfall.
    """
    lcc, comps = m["largest_component_share"], m["components"]
    cent, top = m["degree_centralization"], m["top_share"]
    share, split = cutoffs["fragments_share"], cutoffs["fragments_split_share"]
    least = cutoffs["fragments_components"]
    hc, hs, hubs = cutoffs["hub_centralization"], cutoffs["hub_share"], cutoffs["hubs"]
    fit, core_share = m["core_fit"], cutoffs["core_share"]
    rules = {
        "fragments": [
            [("lcc_below", lcc, share, _shortfall(lcc, share, below=True))],
            [
                ("lcc_below", lcc, split, _shortfall(lcc, split, below=True)),
                ("components", comps, least, _shortfall(comps, least)),
            ],
        ],
        "single_hub": [
            [
                ("centralization_above", cent, hc, _shortfall(cent, hc)),
                ("top_share", top, hs, _shortfall(top, hs)),
            ]
        ],
        "core_periphery": [
            [
                ("fit", fit, cutoffs["core_fit"], _shortfall(fit, cutoffs["core_fit"])),
                ("lcc_above", lcc, core_share, _shortfall(lcc, core_share)),
            ]
        ],
        "multi_hub": [
            [
                ("hubs", m["hub_count"], hubs, _shortfall(m["hub_count"], hubs)),
                ("centralization_below", cent, hc, _shortfall(cent, hc, below=True)),
            ]
        ],
    }
    out = {}
    for stage, alternatives in rules.items():
        missed = [[c for c in rule if c[3] > 0] for rule in alternatives]
        out[stage] = min(missed, key=lambda rule: sum(c[3] for c in rule))
    return out


def classify(
    m: dict,
    lang: str,
    *,
    fragments_share: float = 0.5,
    fragments_split_share: float = 0.8,
    fragments_components: int = 3,
    hub_centralization: float = 0.5,
    hub_share: float = 0.2,
    hubs: int = 3,
    core_fit: float = 0.5,
    core_share: float = 0.8,
) -> NetworkStage:
    """The stage of a network from its :func:`stage_measures` (see :func:`network_stage`)."""
    cutoffs = {
        "fragments_share": fragments_share,
        "fragments_split_share": fragments_split_share,
        "fragments_components": fragments_components,
        "hub_centralization": hub_centralization,
        "hub_share": hub_share,
        "hubs": hubs,
        "core_fit": core_fit,
        "core_share": core_share,
    }
    gaps = stage_gaps(m, cutoffs)
    stage = next((s for s in STAGES[:-1] if not gaps[s]), "unclassified")
    text = {
        "lcc": format_number(m["largest_component_share"], lang, "percent"),
        "components": format_number(m["components"], lang, "integer"),
        "centralization": format_number(m["degree_centralization"], lang),
        "top_share": format_number(m["top_share"], lang, "percent"),
        "hubs": format_number(m["hub_count"], lang, "integer"),
        "fit": format_number(m["core_fit"], lang),
    }
    nearest, key = None, f"stage.evidence_{stage}"
    if stage == "unclassified":
        totals = {s: sum(c[3] for c in gaps[s]) for s in STAGES[:-1]}
        nearest = min(STAGES[:-1], key=lambda s: (totals[s], STAGES.index(s)))
        if np.isfinite(totals[nearest]):
            text["nearest"] = phrase(f"stage.nearest.{nearest}", lang)
            text["gaps"] = "; ".join(_gap_text(c, lang) for c in gaps[nearest])
        else:
            nearest, key = None, "stage.evidence_unclassified_undefined"
    return NetworkStage(
        stage=stage,
        label=phrase(f"stage.{stage}", lang),
        evidence=phrase(key, lang, **text),
        measures=m,
        nearest=nearest,
        gaps=tuple((c[0], float(c[1]), float(c[2])) for c in gaps[nearest]) if nearest else (),
    )


def _gap_text(condition, lang: str) -> str:
    key, value, needed, _ = condition
    kind = {"components": "integer", "hubs": "integer", "fit": "decimal"}.get(key)
    if kind is None:
        kind = "decimal" if key.startswith("centralization") else "percent"
    return phrase(
        f"stage.gap.{key}",
        lang,
        value=format_number(value, lang, kind),
        needed=format_number(needed, lang, kind),
    )


def stage_measures(
    G: nx.Graph,
    *,
    seed: int | np.random.Generator | None = 0,
    hub_ratio: float = 2.0,
    partition: pd.DataFrame | Literal[False] | None = False,
) -> dict:
    """The numbers :func:`network_stage` decides on (NaN where undefined).

    ``partition`` may pass an already computed :func:`lsmnet.core_periphery` of ``G`` (or
    None where it is undefined).
    """
    n = G.number_of_nodes()
    degrees = np.array([d for _, d in G.degree()], dtype=float)
    components = [len(c) for c in nx.connected_components(G)] if n else []
    total = degrees.sum()
    if partition is False:
        partition = core_periphery_or_none(G, seed=seed)
    fit = np.nan if partition is None else partition.attrs["correlation"]
    return {
        "largest_component_share": max(components) / n if n else np.nan,
        "components": sum(1 for c in components if c >= 2),
        "degree_centralization": centralization(G, "degree") if n >= 3 else np.nan,
        "top_share": degrees.max() / total if total else np.nan,
        "hub_count": int((degrees >= hub_ratio * degrees.mean()).sum()) if total else 0,
        "core_fit": float(fit),
    }

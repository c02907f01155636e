"""The network stage of Krebs & Holley (fragments, single hub, multi-hub, core/periphery)."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from lsmnet._validation import check_graph, check_number
from lsmnet.metrics.centralization import centralization
from lsmnet.risk._scope import core_periphery_or_none
from lsmnet.risk.catalog import check_lang, format_number, message

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
        ``hubs`` (members with at least twice the mean degree) and ``core_fit``.
    """

    stage: str
    label: str
    evidence: str
    measures: dict = field(default_factory=dict)


def network_stage(
    G,
    *,
    lang: str = "en",
    seed=0,
    fragments_share: float = 0.5,
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
    fragments_share, fragments_components : float, int, default 0.5, 3
        *Fragments* when the largest component holds less than ``fragments_share`` of the
        nodes or there are at least ``fragments_components`` components of two or more nodes.
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
        (fragments, single hub, core/periphery, multi-hub); ``"unclassified"`` when none does.
        All defaults are lsmnet's heuristic reading of Krebs & Holley, who give no numbers.

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
    network and the ideal core/periphery pattern of the best partition found.

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
    """
    func = "network_stage"
    check_graph(G, func, directed=False)
    check_lang(lang, func)
    for name, value in (
        ("fragments_share", fragments_share),
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
        "fragments_components": fragments_components,
        "hub_centralization": hub_centralization,
        "hub_share": hub_share,
        "hubs": hubs,
        "core_fit": core_fit,
        "core_share": core_share,
    }
    return classify(stage_measures(G, seed=seed, hub_ratio=hub_ratio), lang, **cutoffs)


def classify(
    m: dict,
    lang: str,
    *,
    fragments_share=0.5,
    fragments_components=3,
    hub_centralization=0.5,
    hub_share=0.2,
    hubs=3,
    core_fit=0.5,
    core_share=0.8,
) -> NetworkStage:
    """The stage of a network from its :func:`stage_measures` (see :func:`network_stage`)."""
    if m["largest_component_share"] < fragments_share or m["components"] >= fragments_components:
        stage = "fragments"
    elif m["degree_centralization"] >= hub_centralization and m["top_share"] >= hub_share:
        stage = "single_hub"
    elif m["core_fit"] >= core_fit and m["largest_component_share"] >= core_share:
        stage = "core_periphery"
    elif m["hub_count"] >= hubs and m["degree_centralization"] < hub_centralization:
        stage = "multi_hub"
    else:
        stage = "unclassified"
    text = {
        "lcc": format_number(m["largest_component_share"], lang, "percent"),
        "components": format_number(m["components"], lang, "integer"),
        "centralization": format_number(m["degree_centralization"], lang),
        "top_share": format_number(m["top_share"], lang, "percent"),
        "hubs": format_number(m["hub_count"], lang, "integer"),
        "fit": format_number(m["core_fit"], lang),
    }
    return NetworkStage(
        stage=stage,
        label=message(f"stage.{stage}", lang),
        evidence=message(f"stage.evidence_{stage}", lang, **text),
        measures=m,
    )


def stage_measures(G, *, seed=0, hub_ratio: float = 2.0, partition=False) -> dict:
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

"""lsmnet: network analysis of NGO partnerships and coalitions.

Public names are imported lazily (PEP 562) so that ``import lsmnet`` stays fast and does not
import matplotlib; ``dir(lsmnet)`` and ``from lsmnet import *`` see every public name.
"""

from __future__ import annotations

import importlib

from lsmnet._version import __version__
from lsmnet.exceptions import (
    GraphTypeError,
    InvalidParameterError,
    LsmnetError,
    LsmnetWarning,
    NotNetworkDataError,
    SchemaError,
)

# public name -> module that defines it
_LAZY = {
    # data model and loading
    "NetworkData": "lsmnet.model",
    "from_frames": "lsmnet.model",
    "RowsSetAsideWarning": "lsmnet.model",
    "NearDuplicateWarning": "lsmnet.model",
    "UnusedColumnWarning": "lsmnet.model",
    "EncodingFallbackWarning": "lsmnet.io._files",
    "read": "lsmnet.io.tables",
    "from_graph": "lsmnet.io.from_graph",
    # graph builders
    "membership_graph": "lsmnet.graphs.membership",
    "comembership_graph": "lsmnet.graphs.comembership",
    "comembership_table": "lsmnet.graphs.comembership",
    "coalition_overlap_graph": "lsmnet.graphs.comembership",
    "partnership_graph": "lsmnet.graphs.partnership",
    "coalition_graph": "lsmnet.graphs.partnership",
    # importers and exports
    "read_roster_survey": "lsmnet.io.survey",
    "read_survey_export": "lsmnet.io.xlsform",
    "write_survey_form": "lsmnet.io.xlsform",
    "write_template": "lsmnet.io.template",
    "read_survey_matrices": "lsmnet.io.survey",
    "read_memberships": "lsmnet.io.membership",
    "read_3w": "lsmnet.io.threew",
    "read_flows": "lsmnet.io.flows",
    "read_fts": "lsmnet.io.flows",
    "read_iati": "lsmnet.io.iati",
    "read_iati_organisations": "lsmnet.io.iati_organisations",
    "read_iati_organizations": "lsmnet.io.iati_organisations",
    "read_360giving": "lsmnet.io.giving360",
    "read_irs990": "lsmnet.io.irs990",
    "read_pajek": "lsmnet.io.pajek",
    "read_ucinet_dl": "lsmnet.io.ucinet",
    "read_pajek_graphs": "lsmnet.io.pajek",
    "read_ucinet_dl_graphs": "lsmnet.io.ucinet",
    "match_names": "lsmnet.io.names",
    "write_graphml": "lsmnet.io.export",
    "write_gexf": "lsmnet.io.export",
    "write_kumu": "lsmnet.io.export",
    "read_graphml": "lsmnet.io.export",
    "read_gexf": "lsmnet.io.export",
    "read_gml": "lsmnet.io.gml",
    "normalize_name": "lsmnet.io.names",
    "near_duplicates": "lsmnet.io.names",
    "alias_table": "lsmnet.io.names",
    # metrics
    "centrality_table": "lsmnet.metrics.centrality",
    "centralization": "lsmnet.metrics.centralization",
    "bonacich_power": "lsmnet.metrics.power",
    "constraint": "lsmnet.metrics.structural_holes",
    "effective_size": "lsmnet.metrics.structural_holes",
    "hierarchy": "lsmnet.metrics.structural_holes",
    "brokerage_roles": "lsmnet.metrics.brokerage",
    "ei_index": "lsmnet.metrics.ei",
    "ei_table": "lsmnet.metrics.ei",
    "core_periphery": "lsmnet.metrics.core_periphery",
    "fragmentation": "lsmnet.metrics.keyplayer",
    "fragmentation_centrality": "lsmnet.metrics.keyplayer",
    "key_players": "lsmnet.metrics.keyplayer",
    "KeyPlayers": "lsmnet.metrics.keyplayer",
    "gini": "lsmnet.metrics.inequality",
    "hhi": "lsmnet.metrics.inequality",
    "lorenz_curve": "lsmnet.metrics.inequality",
    "top_share": "lsmnet.metrics.inequality",
    "cohesion_summary": "lsmnet.metrics.cohesion",
    "cug_test": "lsmnet.metrics.significance",
    "CugResult": "lsmnet.metrics.significance",
    "backbone": "lsmnet.metrics.backbone",
    # hypothesis tests: QAP, MRQAP, homophily, multiplexity
    "dyad_same": "lsmnet.inference.dyads",
    "dyad_difference": "lsmnet.inference.dyads",
    "dyad_sum": "lsmnet.inference.dyads",
    "dyad_layer": "lsmnet.inference.dyads",
    "dyad_comembership": "lsmnet.inference.dyads",
    "dyad_shared_funders": "lsmnet.inference.dyads",
    "dyad_matrix": "lsmnet.inference.dyads",
    "qap_correlation": "lsmnet.inference.qap",
    "QapCorrelationResult": "lsmnet.inference.qap",
    "qap_regression": "lsmnet.inference.mrqap",
    "QapRegressionResult": "lsmnet.inference.mrqap",
    "homophily_table": "lsmnet.inference.homophily",
    "layer_overlap": "lsmnet.inference.multiplexity",
    "multiplexity_table": "lsmnet.inference.multiplexity",
    # risks, health, bridges
    "RiskThresholds": "lsmnet.risk.thresholds",
    "risk_flags": "lsmnet.risk.flags",
    "priorities": "lsmnet.risk.priorities",
    "skipped_flags": "lsmnet.risk.flags",
    "coalition_health": "lsmnet.risk.health",
    "network_stage": "lsmnet.risk.stage",
    "member_table": "lsmnet.risk.members",
    "trust_value_scores": "lsmnet.risk.trust",
    "bridge_organizations": "lsmnet.risk.bridges",
    "weaving_suggestions": "lsmnet.risk.weaving",
    "compare": "lsmnet.risk.change",
    "health_over_time": "lsmnet.risk.change",
    "data_periods": "lsmnet.risk.change",
    # report
    "report": "lsmnet.reporting.core",
    "Report": "lsmnet.reporting.core",
}

_SUBMODULES = {
    "datasets",
    "io",
    "plotting",
    "graphs",
    "metrics",
    "inference",
    "risk",
    "reporting",
}

__all__ = [
    "GraphTypeError",
    "NotNetworkDataError",
    "InvalidParameterError",
    "LsmnetError",
    "LsmnetWarning",
    "SchemaError",
    "__version__",
    "show_versions",
    *sorted(_LAZY),
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # cache: later lookups skip __getattr__
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"lsmnet.{name}")
    raise AttributeError(f"module 'lsmnet' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)


def show_versions() -> dict[str, str]:
    """Print and return the versions of lsmnet and of the libraries it depends on.

    Returns
    -------
    dict
        Package name to version string (``"not installed"`` when absent).

    Examples
    --------
    >>> import lsmnet
    >>> versions = lsmnet.show_versions()  # doctest: +ELLIPSIS
    lsmnet ...
    >>> "networkx" in versions
    True
    """
    import platform
    from importlib import metadata

    versions = {"lsmnet": __version__, "python": platform.python_version()}
    for pkg in ("networkx", "pandas", "numpy", "scipy", "igraph", "matplotlib", "openpyxl"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    for key, value in versions.items():
        print(f"{key} {value}")
    return versions

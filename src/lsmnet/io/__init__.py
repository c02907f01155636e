"""Readers and writers: lsmnet's own tables, the files NGOs, evaluators and funders have, and
exports for Gephi and Kumu.

Every importer returns a validated :class:`~lsmnet.NetworkData`, records where the data came
from in ``data.meta["provenance"]`` and accounts for every source row in ``data.meta["rows"]``
(rows read = rows used + rows set aside; each set-aside row, with its reason, in
``data.set_aside``). ``read_pajek_graphs`` and ``read_ucinet_dl_graphs`` return the networks
as networkx graphs instead, always as a dict from network or relation name to graph.

============================  ===================================================================
Function                      Reads / writes
============================  ===================================================================
``read``                      lsmnet's layout: a folder of CSV files or an .xlsx workbook
``read_roster_survey``        a survey export, one row per respondent (``q [partner]`` columns)
``read_survey_matrices``      one adjacency matrix per survey question
``read_memberships``          membership lists, long form or organisation x coalition matrix
``read_3w``                   OCHA 3W/4W sheets, with or without HXL hashtags
``read_flows``                a generic donor -> recipient funding table
``read_fts``                  OCHA Financial Tracking Service flows
``read_iati``                 IATI activity XML transactions
``read_iati_organizations``   IATI organisation XML: organisation types and budgets
``read_360giving``            360Giving grants (CSV, Excel or JSON)
``read_irs990``               IRS Form 990 Schedule I / 990-PF grants
``read_pajek``                Pajek ``.net``/``.paj``
``read_pajek_graphs``         Pajek ``.net``/``.paj`` as networkx graphs (a dict title -> graph)
``read_ucinet_dl``            UCINET DL and older UCINET-3 files
``read_ucinet_dl_graphs``     UCINET files as networkx graphs (a dict relation -> graph)
``match_names``               organisation-name matching with a merge report
``write_graphml``             GraphML (Gephi, yEd, Cytoscape), read back with ``read_graphml``
``write_gexf``                GEXF (Gephi), read back with ``read_gexf``
``write_kumu``                Kumu JSON blueprint or Excel workbook
``write_csv``                 lsmnet's CSV layout (also ``data.to_csv``)
``write_excel``               lsmnet's workbook layout (also ``data.to_excel``)
============================  ===================================================================
"""

from __future__ import annotations

import importlib

_LAZY = {
    "read": "lsmnet.io.tables",
    "write_csv": "lsmnet.io.tables",
    "write_excel": "lsmnet.io.tables",
    "read_roster_survey": "lsmnet.io.survey",
    "read_survey_matrices": "lsmnet.io.survey",
    "read_memberships": "lsmnet.io.membership",
    "read_3w": "lsmnet.io.threew",
    "read_flows": "lsmnet.io.flows",
    "read_fts": "lsmnet.io.flows",
    "read_iati": "lsmnet.io.iati",
    "read_iati_organisations": "lsmnet.io.iati_organisations",
    "read_iati_organizations": "lsmnet.io.iati_organisations",
    "read_survey_export": "lsmnet.io.xlsform",
    "write_survey_form": "lsmnet.io.xlsform",
    "write_template": "lsmnet.io.template",
    "from_graph": "lsmnet.io.from_graph",
    "read_gml": "lsmnet.io.gml",
    "read_360giving": "lsmnet.io.giving360",
    "read_irs990": "lsmnet.io.irs990",
    "read_pajek": "lsmnet.io.pajek",
    "read_pajek_graphs": "lsmnet.io.pajek",
    "read_ucinet_dl": "lsmnet.io.ucinet",
    "read_ucinet_dl_graphs": "lsmnet.io.ucinet",
    "match_names": "lsmnet.io.names",
    "normalize_name": "lsmnet.io.names",
    "near_duplicates": "lsmnet.io.names",
    "alias_table": "lsmnet.io.names",
    "write_graphml": "lsmnet.io.export",
    "write_gexf": "lsmnet.io.export",
    "write_kumu": "lsmnet.io.export",
    "read_graphml": "lsmnet.io.export",
    "read_gexf": "lsmnet.io.export",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    # lazy (PEP 562): importing lsmnet.io.tables must not import every reader
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lsmnet.io' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))

"""Hand-built NetworkData for the risk tests (imported by the test modules)."""

from __future__ import annotations

import contextlib

import networkx as nx
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.risk.flags import skipped_flags

#: The columns of a risk register: the ten of the specification, then measure and note.
COLUMNS = [
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
]
TRUST = ("reliability", "mission", "openness")
VALUE = ("power", "involvement", "resources")


def build(
    members,
    ties=(),
    *,
    ratings=(),
    orgs=None,
    extra_orgs=(),
    focus=(),
    coalition="K",
    layer="advocacy",
    scale=(1, 4),
):
    """A one-coalition NetworkData.

    ``members``: org ids of coalition ``coalition``; ``ties``: tuples ``(source, target)`` or
    ``(source, target, layer)`` or ``(source, target, layer, {column: value})``;
    ``ratings``: dicts with rater, ratee and items; ``orgs``: {org_id: {column: value}} for
    organisation attributes; ``extra_orgs``: organisations outside the coalition (funders).
    """
    orgs = orgs or {}
    ids = list(dict.fromkeys([*members, *extra_orgs]))
    org_rows = [{"org_id": o, "name": f"Org {o.upper()}", **orgs.get(o, {})} for o in ids]
    tie_rows = []
    for tie in ties:
        source, target = tie[0], tie[1]
        row = {"source": source, "target": target, "layer": tie[2] if len(tie) > 2 else layer}
        if len(tie) > 3:
            row.update(tie[3])
        tie_rows.append(row)
    return lsm.from_frames(
        organizations=pd.DataFrame(org_rows),
        coalitions=pd.DataFrame(
            {
                "coalition_id": [coalition],
                "name": [f"Coalition {coalition}"],
                "focus": ["|".join(focus)],
            }
        ),
        memberships=pd.DataFrame({"org_id": list(members), "coalition_id": coalition}),
        ties=pd.DataFrame(
            tie_rows,
            columns=[
                "source",
                "target",
                "layer",
                *sorted({k for t in ties if len(t) > 3 for k in t[3]}),
            ],
        ),
        ratings=pd.DataFrame(list(ratings)) if ratings else None,
        scale=scale,
    )


def scale_free_sector(*, provinces: int = 0) -> lsm.NetworkData:
    """Three overlapping coalitions on a 300-organisation scale-free partnership network.

    Organisations ``O000`` to ``O299``, named ``Org O000``...; coalitions ``K1`` (the first
    150), ``K2`` (``O100`` to ``O249``) and ``K3`` (every second one); one advocacy tie per
    edge of a Barabási–Albert graph (3 edges per new node, seed 11), whose hubs make the
    dominance flags fire. With ``provinces`` the organisations take provinces ``P0``,
    ``P1``, ... in turn.
    """
    G = nx.barabasi_albert_graph(300, 3, seed=11)
    orgs = [f"O{i:03d}" for i in range(300)]
    members = {"K1": orgs[:150], "K2": orgs[100:250], "K3": orgs[::2]}
    organizations = pd.DataFrame({"org_id": orgs, "name": [f"Org {o}" for o in orgs]})
    if provinces:
        organizations["province"] = [f"P{i % provinces}" for i in range(300)]
    return lsm.from_frames(
        organizations=organizations,
        coalitions=pd.DataFrame({"coalition_id": list(members), "name": list(members)}),
        memberships=pd.DataFrame(
            [{"org_id": o, "coalition_id": c} for c, ids in members.items() for o in ids]
        ),
        ties=pd.DataFrame(
            [{"source": orgs[u], "target": orgs[v], "layer": "advocacy"} for u, v in G.edges()]
        ),
    )


def rating(rater, ratee, *, trust=None, value=None, **items):
    """One rating row: ``trust`` / ``value`` fill every trust / value item."""
    row = {"rater": rater, "ratee": ratee}
    if trust is not None:
        row.update(dict.fromkeys(TRUST, trust))
    if value is not None:
        row.update(dict.fromkeys(VALUE, value))
    row.update(items)
    return row


def star(center, leaves):
    """Ties from ``center`` to each leaf."""
    return [(center, leaf) for leaf in leaves]


def clique(nodes):
    """Ties between every pair of ``nodes``."""
    nodes = list(nodes)
    return [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]


def rows(flags, code):
    """The rows of ``flags`` with ``code``."""
    return flags.loc[flags["code"] == code]


def entities(flags, code):
    """The entities flagged with ``code``, as a set."""
    return set(rows(flags, code)["entity"])


def skipped(flags):
    """``{code: reason}`` of the skip notes."""
    notes = skipped_flags(flags)
    return dict(zip(notes["code"], notes["reason"], strict=True))


@contextlib.contextmanager
def dask_cluster():
    """joblib's Dask backend on a ``LocalCluster`` of two single-threaded in-process workers,
    for the block (the test is skipped without dask.distributed)."""
    distributed = pytest.importorskip(
        "distributed", reason="the Dask backend of joblib needs dask.distributed"
    )
    import joblib

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
        joblib.parallel_backend("dask"),
    ):
        yield

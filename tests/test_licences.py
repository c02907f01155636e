"""A default install of lsmnet pulls in no copyleft package, and lsmnet works without igraph.

Issue 17, item 1: ``pip install lsmnet`` installs only permissively licensed distributions;
python-igraph (GPL-2.0-or-later) is the optional extra ``lsmnet[igraph]``. The reference is
the licence metadata each installed distribution declares (``License-Expression``, the
``License ::`` classifiers and the short ``License`` field), read with importlib.metadata.
"""

from __future__ import annotations

import email.message
import importlib.metadata as md
import re
import subprocess
import sys
import textwrap

import pytest
from packaging.requirements import Requirement

# GPL, LGPL and AGPL in SPDX ids ("GPL-2.0-or-later"), classifiers ("GNU General Public
# License", "GNU Lesser General Public License", "GNU Affero ...") and free text ("GPL")
COPYLEFT = re.compile(r"\b(A|L)?GPL|General Public License", re.I)
# "GPL-3.0-or-later WITH GCC-exception-3.1" (libgfortran in numpy/scipy wheels) lets any
# program link the runtime: no copyleft duty for lsmnet or its users
RUNTIME_EXCEPTION = re.compile(r"\S*GPL\S*\s+WITH\s+GCC-exception-\S+", re.I)


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_closure(root: str = "lsmnet", extras: tuple[str, ...] = ()) -> dict:
    """Installed distributions that ``pip install root[extras]`` requires, by normalised
    name: ``requires`` walked recursively, each marker evaluated for this interpreter with
    the extras asked for (only on ``root``; dependencies' own extras are never asked)."""
    found: dict = {}
    todo = [(root, extras)]
    while todo:
        name, asked = todo.pop()
        if _key(name) in found:
            continue
        dist = md.distribution(name)
        found[_key(name)] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            wanted = ["", *asked]
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in wanted):
                todo.append((req.name, ()))
    return found


def copyleft_licences(meta) -> list[str]:
    """The copyleft licence statements of a distribution's metadata (empty if none)."""
    statements = [meta.get("License-Expression") or ""]
    statements += [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    # the first line only: some wheels (scipy) paste the texts of bundled libraries below it
    short = (meta.get("License") or "").strip().splitlines()
    statements.append(short[0] if short else "")
    return [s for s in statements if COPYLEFT.search(RUNTIME_EXCEPTION.sub("", s))]


def test_default_install_has_no_copyleft_distribution():
    closure = requirement_closure()
    assert "numpy" in closure and "networkx" in closure  # the walk found the dependencies
    offenders = {name: copyleft_licences(d.metadata) for name, d in closure.items()}
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, (
        f"A default install of lsmnet pulls in copyleft-licensed distributions: {offenders}. "
        "Move them to an optional extra (as python-igraph is in lsmnet[igraph])."
    )


def test_the_igraph_extra_is_what_brings_igraph(monkeypatch):
    """The walk keeps a requirement of an extra out of the default closure and in that
    extra's (lsmnet's requirements as the lead's pyproject will declare them)."""
    pytest.importorskip("igraph", reason="the igraph extra is checked where igraph is installed")
    real = md.distribution("lsmnet")
    declared = [r for r in real.requires or [] if Requirement(r).name != "igraph"]
    declared.append('igraph>=0.11; extra == "igraph"')

    class Declared:
        metadata = real.metadata
        requires = declared

    original = md.distribution
    monkeypatch.setattr(
        md, "distribution", lambda name: Declared() if _key(name) == "lsmnet" else original(name)
    )
    assert "igraph" not in requirement_closure()
    assert copyleft_licences(requirement_closure(extras=("igraph",))["igraph"].metadata)


@pytest.mark.parametrize(
    ("statement", "copyleft"),
    [
        ("GPL-2.0-or-later", True),
        ("LGPL-3.0-only", True),
        ("AGPL-3.0", True),
        ("License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)", True),
        ("GNU General Public License (GPL)", True),
        ("BSD-3-Clause AND (GPL-3.0-or-later WITH GCC-exception-3.1)", False),
        ("BSD-3-Clause AND 0BSD AND MIT", False),
        ("Apache-2.0", False),
    ],
)
@pytest.mark.parametrize("field", ["License-Expression", "Classifier", "License"])
def test_copyleft_detection(statement, copyleft, field):
    meta = email.message.Message()
    if field == "Classifier":
        statement = statement if statement.startswith("License ::") else f"License :: {statement}"
    meta[field] = statement
    assert bool(copyleft_licences(meta)) is copyleft


SCRIPT = textwrap.dedent(
    """
    import sys
    sys.modules["igraph"] = None  # "import igraph" raises ImportError, as if not installed
    import networkx as nx
    import lsmnet as lsm
    from lsmnet.metrics import _engine

    G = nx.karate_club_graph()
    D = nx.gnm_random_graph(30, 80, seed=1, directed=True)
    groups = {v: v % 3 for v in G}
    assert not _engine.GraphEngine(G).has_igraph
    lsm.centrality_table(G, weight="weight")
    lsm.centrality_table(D, approx=10, seed=1)
    lsm.centralization(G, "betweenness"), lsm.centralization(D, "closeness", mode="in")
    lsm.bonacich_power(D, beta=0.05)
    lsm.key_players(G, 2, distance_weighted=True, seed=1, restarts=2)
    lsm.fragmentation_centrality(D, distance_weighted=True)
    lsm.cohesion_summary(D)
    lsm.cug_test(G, "transitivity", null="degree", n=20, seed=1)
    lsm.constraint(G), lsm.brokerage_roles(G, groups), lsm.ei_table(G, groups)
    lsm.core_periphery(G, seed=1, restarts=3)
    lsm.gini([1, 2, 3])
    lsm.from_graph(G)
    data = lsm.datasets.load_dataset("indonesia_demo")
    lsm.coalition_health(data, null_samples=5, seed=1, progress=False)
    lsm.risk_flags(data)
    print("ok")
    """
)


@pytest.mark.slow
def test_lsmnet_works_where_igraph_cannot_be_imported():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")

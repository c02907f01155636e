"""lsmnet leaves the user's global state alone (issue 13).

- Plotting never changes matplotlib's backend: ``matplotlib.use("Agg")`` on a headless Linux
  machine silently broke inline plots in headless Jupyter kernels (JupyterHub, Colab).
- Null-model draws never touch igraph's global random generator (which the user may have set
  and seeded) nor Python's ``random`` module: randomness comes from ``seed`` only.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap

import networkx as nx
import numpy as np
import pytest

try:  # an optional accelerator: the tests of its generator need it, the others do not
    import igraph
except ImportError:
    igraph = None

import lsmnet as lsm
from lsmnet.metrics.significance import degree_null_graph

BACKEND_SCRIPT = textwrap.dedent("""
    import matplotlib

    matplotlib.use("svg")  # a user's choice, made before pyplot is imported
    import networkx as nx

    import lsmnet as lsm

    lsm.plotting.plot_network(nx.path_graph(4), seed=0)
    lsm.plotting.plot_lorenz({"a": [1, 2, 3]})
    print(matplotlib.get_backend())
""")


def test_plotting_keeps_the_users_backend_on_a_headless_machine():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("MPLBACKEND", None)
    done = subprocess.run(
        [sys.executable, "-c", BACKEND_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "svg"


def test_the_test_session_draws_without_a_screen():
    assert os.environ["MPLBACKEND"]  # set by tests/conftest.py unless the caller chose one


@pytest.fixture
def user_igraph_generator():
    """The user seeds igraph with their own generator; put igraph's default back afterwards."""
    yield random.Random(123)
    igraph.set_random_number_generator(random)


def _igraph_draw():
    return igraph.Graph.Erdos_Renyi(n=30, m=40).get_edgelist()


@pytest.mark.parametrize(
    "run",
    [
        lambda: lsm.cug_test(nx.karate_club_graph(), "transitivity", null="degree", n=5, seed=1),
        lambda: lsm.cug_test(
            nx.gnm_random_graph(12, 20, seed=1, directed=True),
            "reciprocity",
            null="degree",
            n=5,
            seed=1,
        ),
        lambda: lsm.coalition_health(
            lsm.datasets.load_dataset("indonesia_demo"), coalition="C01", seed=0
        ),
    ],
    ids=["cug_undirected", "cug_directed", "coalition_health"],
)
@pytest.mark.skipif(igraph is None, reason="igraph (optional accelerator) is not installed")
def test_null_draws_leave_igraphs_generator_alone(run, user_igraph_generator):
    # what the user's generator gives when nothing else runs in between
    igraph.set_random_number_generator(random.Random(123))
    expected = _igraph_draw()
    igraph.set_random_number_generator(user_igraph_generator)
    python_state = random.getstate()
    run()
    assert _igraph_draw() == expected  # still the user's generator, not advanced by lsmnet
    assert random.getstate() == python_state


@pytest.mark.skipif(igraph is None, reason="igraph (optional accelerator) is not installed")
def test_degree_null_draws_depend_on_the_seed_only():
    degrees = [d for _, d in nx.karate_club_graph().degree()]
    igraph.set_random_number_generator(random.Random(1))
    a = degree_null_graph(degrees, None, np.random.default_rng(5)).get_edgelist()
    igraph.set_random_number_generator(random.Random(2))
    b = degree_null_graph(degrees, None, np.random.default_rng(5)).get_edgelist()
    igraph.set_random_number_generator(random)
    c = degree_null_graph(degrees, None, np.random.default_rng(6)).get_edgelist()
    assert a == b and a != c
    H = igraph.Graph(n=len(degrees), edges=a)
    assert H.degree() == degrees and H.is_simple()

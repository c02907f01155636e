"""core_periphery: the same partitions as before the faster search, for every ``n_jobs``.

References:

- ``BEFORE``: partitions and correlations computed with ``core_periphery`` at commit ded588b,
  before the local search moved only the extreme node of each side and before ``n_jobs``
  (the code that scored every node's move with numpy; generated with that module's
  ``core_periphery(make(), weight=w, seed=seed, progress=False)``): bit for bit.
- the plain best-improvement search written below, scoring every node's move with
  ``_Fit.correlation`` (brute force), on tie values whose sums round (0.1 + 0.2 != 0.3);
- ``networkx.core_number`` for the k-core numbers of the k-core starting partition;
- the ``n_jobs=1`` result itself for ``n_jobs=2`` and a joblib backend.
"""

from __future__ import annotations

import joblib
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics import core_periphery as cp_module
from lsmnet.metrics.core_periphery import _TOL, _core_numbers, _Fit, _tie_matrix, core_periphery


def _weighted(G: nx.Graph, value) -> nx.Graph:
    for u, v, d in G.edges(data=True):
        d["w"] = value(u, v)
    return G


#: name -> (graph maker, weight attribute)
GRAPHS = {
    "gnm60": (lambda: nx.gnm_random_graph(60, 200, seed=0), None),
    "ba150": (lambda: nx.barabasi_albert_graph(150, 3, seed=1), None),
    "gnm80_w": (
        lambda: _weighted(
            nx.gnm_random_graph(80, 300, seed=7), lambda u, v: float((u * v) % 7 + 1) / 3.0
        ),
        "w",
    ),
    "digraph50": (lambda: nx.gnp_random_graph(50, 0.1, seed=3, directed=True), None),
    "ba400": (lambda: nx.barabasi_albert_graph(400, 2, seed=4), None),
    "gnm350_w": (
        lambda: _weighted(
            nx.gnm_random_graph(350, 1500, seed=5), lambda u, v: 1.0 + ((u + 3 * v) % 11) / 10
        ),
        "w",
    ),
    "powerlaw600": (lambda: nx.powerlaw_cluster_graph(600, 3, 0.3, seed=6), None),
}

#: (graph, seed, core size, correlation, core mask as np.packbits hex), from commit ded588b
BEFORE = [
    ("gnm60", 0, 30, 0.15814179513664092, "af89860939563ee0"),
    ("gnm60", 11, 30, 0.15814179513664092, "af89860939563ee0"),
    ("ba150", 0, 9, 0.19821453013510235, "c9c40880" + "0" * 30),
    ("gnm80_w", 0, 28, 0.14487068907475892, "24f5d105401e14029063"),
    ("gnm80_w", 11, 33, 0.14445077803333928, "64a1b17460c63544986a"),
    ("digraph50", 0, 21, 0.13288912085964197, "282e4a15733300"),
    ("ba400", 0, 12, 0.1223334243715168, "da551200010" + "0" * 89),
    (
        "gnm350_w",
        0,
        158,
        0.061636326508321425,
        "5994e105ad048dbf387cb7a639224d8ca9abaa0d164e928b9d8085359083d95f00c18d9e942744ad998d8888",
    ),
    (
        "gnm350_w",
        11,
        162,
        0.06158036434292056,
        "d994eb05ad058daf387cb7a439026d0ca9abaa0d368f978b8d800535c083df1e40418dbc946744add9858888",
    ),
    ("powerlaw600", 0, 12, 0.12874189641090422, "7bacc" + "0" * 145),
]

#: graph -> (correlation, the Generator's next draw) with seed=np.random.default_rng(3),
#: from commit ded588b: the random starts and kicks consume the caller's generator as before
BEFORE_GENERATOR = {
    "gnm80_w": (0.14487068907475892, 0.25833941582403563),
    "gnm350_w": (0.0613720202449052, 0.5544989359702616),
    "powerlaw600": (0.12874189641090422, 0.6279463945220243),
}


@pytest.fixture
def calls(monkeypatch) -> list:
    """Every ``map_pieces`` call of core_periphery, as (number of pieces, n_jobs)."""
    recorded: list = []
    original = cp_module.map_pieces

    def spy(func, pieces, n_jobs=None, **kwargs):
        recorded.append((len(pieces), n_jobs))
        return original(func, pieces, n_jobs, **kwargs)

    monkeypatch.setattr(cp_module, "map_pieces", spy)
    return recorded


def _mask(bits: str, n: int) -> np.ndarray:
    return np.unpackbits(np.frombuffer(bytes.fromhex(bits), dtype=np.uint8))[:n].astype(bool)


@pytest.mark.parametrize(("name", "seed", "size", "correlation", "bits"), BEFORE)
def test_partitions_as_before_the_faster_search(name, seed, size, correlation, bits):
    make, weight = GRAPHS[name]
    G = make()
    result = core_periphery(G, weight=weight, seed=seed, progress=False)
    np.testing.assert_array_equal(result["core"].to_numpy(), _mask(bits, len(G)))
    assert result.attrs["core_size"] == size
    assert result.attrs["correlation"] == correlation  # bit for bit


@pytest.mark.parametrize("name", list(BEFORE_GENERATOR))
def test_generator_seed_consumed_as_before(name):
    make, weight = GRAPHS[name]
    rng = np.random.default_rng(3)
    result = core_periphery(make(), weight=weight, seed=rng, progress=False)
    correlation, next_draw = BEFORE_GENERATOR[name]
    assert result.attrs["correlation"] == correlation
    assert rng.random() == next_draw


@pytest.mark.parametrize("name", ["ba150", "gnm350_w", "powerlaw600"])
def test_n_jobs_two_equals_one(name, calls, monkeypatch):
    make, weight = GRAPHS[name]
    G = make()
    monkeypatch.setattr(cp_module, "_PIECES_MIN_NODES", 100)  # pieces for small graphs too
    rng_one, rng_two = np.random.default_rng(5), np.random.default_rng(5)
    one = core_periphery(G, weight=weight, seed=rng_one, restarts=20, n_jobs=1, progress=False)
    two = core_periphery(G, weight=weight, seed=rng_two, restarts=20, n_jobs=2, progress=False)
    assert calls == [(3, 2)]  # 23 starts in pieces of 8, sent to two workers
    # (n_jobs=1 runs the pieces in this process without map_pieces)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert one.attrs == two.attrs
    assert rng_one.random() == rng_two.random()


def test_n_jobs_none_follows_a_joblib_backend(monkeypatch):
    monkeypatch.setattr(cp_module, "_PIECES_MIN_NODES", 100)
    G = nx.barabasi_albert_graph(150, 3, seed=1)
    serial = core_periphery(G, seed=2, restarts=10, progress=False)
    with joblib.parallel_backend("threading", n_jobs=2):
        threaded = core_periphery(G, seed=2, restarts=10, progress=False)
    pd.testing.assert_frame_equal(serial, threaded, check_exact=True)
    assert serial.attrs == threaded.attrs


@pytest.mark.parametrize("n_jobs", [0, 1.5, True, "2"])
def test_invalid_n_jobs(n_jobs):
    with pytest.raises(InvalidParameterError, match=r"'n_jobs' parameter of core_periphery"):
        core_periphery(nx.karate_club_graph(), n_jobs=n_jobs)


def plain_local_search(fit: _Fit, core: np.ndarray) -> tuple[np.ndarray, float]:
    """Brute force: every node's move scored by _Fit.correlation, the first best moves (as in
    test_core_periphery_search.py, kept here so that this reference stays independent)."""
    core = core.copy()
    k = int(core.sum())
    periphery = (~core).astype(float)
    t = fit.B @ periphery
    s_pp = float(periphery @ t) / 2
    current = float(fit.correlation(k, s_pp))
    for _ in range(10 * fit.n):
        new_k = np.where(core, k - 1, k + 1)
        new_s = np.where(core, s_pp + t, s_pp - t)
        r = fit.correlation(new_k, new_s)
        x = int(np.argmax(r))
        if not r[x] > current + _TOL:
            break
        lo, hi = fit.B.indptr[x], fit.B.indptr[x + 1]
        t[fit.B.indices[lo:hi]] += fit.B.data[lo:hi] if core[x] else -fit.B.data[lo:hi]
        core[x] = not core[x]
        k, s_pp, current = int(new_k[x]), float(new_s[x]), float(r[x])
    return core, current


@pytest.mark.parametrize("seed", range(4))
def test_local_search_with_rounding_tie_values_matches_brute_force(seed):
    # tie values 0.1, 0.2, 0.3: sums such as 0.1 + 0.2 and 0.3 differ by one ulp, so nodes
    # near the extreme are scored one by one (the non-integer branch)
    G = nx.gnm_random_graph(70, 260, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges():
        G.edges[u, v]["w"] = float(rng.choice([0.1, 0.2, 0.3]))
    fit = _Fit(_tie_matrix(G, list(G), "w"))
    assert not fit.integral
    for _ in range(10):
        start = np.zeros(fit.n, dtype=bool)
        start[rng.choice(fit.n, rng.integers(1, fit.n - 1), replace=False)] = True
        core, r = fit.local_search(start)
        ref_core, ref_r = plain_local_search(fit, start)
        np.testing.assert_array_equal(core, ref_core)
        assert r == ref_r


def test_near_best_picks_the_first_of_the_rounded_ties():
    # t of the core nodes 0.30000000000000004 (0.1 + 0.2) and 0.3: brute force over every
    # node with the correlation's operations decides which one the full argmax takes
    G = nx.path_graph(8)
    fit = _Fit(_tie_matrix(G, list(G), None))
    t_core = np.full(8, np.inf)
    t_core[[2, 5, 6]] = [0.1 + 0.2, 0.3, 0.3 + 1e-6]
    s_pp = 1.0
    r, x, new_s = fit._near_best(t_core, int(t_core.argmin()), 3, s_pp, True)
    full = fit.correlation(np.full(8, 3), s_pp + t_core)
    assert x == int(np.argmax(full)) and r == float(full.max()) and new_s == s_pp + t_core[x]


@pytest.mark.parametrize("seed", range(5))
def test_core_numbers_match_networkx(seed):
    G = nx.powerlaw_cluster_graph(120, 2 + seed % 3, 0.4, seed=seed)
    G.add_nodes_from(range(120, 125))  # isolated nodes: core number 0
    A = sp.csr_array(nx.to_scipy_sparse_array(G, nodelist=range(125)) > 0).astype(float)
    reference = nx.core_number(G)
    np.testing.assert_array_equal(_core_numbers(A), [reference[i] for i in range(125)])


def test_pieces_from_2000_nodes_without_patching(calls):
    G = nx.barabasi_albert_graph(2000, 2, seed=3)
    one = core_periphery(G, seed=8, restarts=10, n_jobs=1, progress=False)
    two = core_periphery(G, seed=8, restarts=10, n_jobs=2, progress=False)
    assert calls == [(2, 2)]  # 13 starts: pieces of 8 and 5
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert one.attrs == two.attrs

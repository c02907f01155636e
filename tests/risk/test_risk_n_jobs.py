"""``n_jobs`` through the risk layer and the report (issue 18, item 2).

References: every result with ``n_jobs=2`` (or on a Dask cluster) is compared, exactly, with
the one-process run of the same call on a cold cache and a private copy of the data; the
G(n, m) reference of the size-aware flags is also compared, bit for bit, with a copy of the
one-graph-at-a-time loop it replaced, kept in this file (``_serial_reference``).
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from _risk_fixtures import dask_cluster, scale_free_sector
from pandas.testing import assert_frame_equal

import lsmnet as lsm
from lsmnet.cli import build_parser, main
from lsmnet.exceptions import InvalidParameterError
from lsmnet.metrics._engine import gnm_path_measures
from lsmnet.metrics.significance import _gnm_pairs
from lsmnet.risk import _scope
from lsmnet.risk.flags import _CACHE, scopes

#: Few random graphs per coalition, so that the sector's reference is drawn in seconds.
FEW_DRAWS = {"null_draws": 40}


@pytest.fixture(scope="module")
def demo() -> lsm.NetworkData:
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def sector() -> lsm.NetworkData:
    """Three overlapping coalitions of 150 organisations on a scale-free partnership network
    (Barabási–Albert hubs, so the dominance flags fire and consult the G(n, m) reference)."""
    return scale_free_sector()


def _record_calls(monkeypatch, module, name: str) -> list:
    """Replace ``module.name`` (map_pieces or imap_pieces) by a spy that records each call as
    (number of pieces, n_jobs)."""
    calls: list = []
    original = getattr(module, name)

    def recording(func, work, n_jobs=None, **kwargs):
        calls.append((len(work), n_jobs))
        return original(func, work, n_jobs, **kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls


@pytest.fixture
def pieces(monkeypatch) -> list:
    """Every ``map_pieces`` call of the reference, as (number of pieces, n_jobs); the pieces
    are made small, so that every reference is cut into several of them."""
    monkeypatch.setattr(_scope, "NULL_PIECE_WORK", 20_000)
    return _record_calls(monkeypatch, _scope, "map_pieces")


def cold(func, data, *args, **kwargs):
    """``func`` on a private copy of the data with every cache emptied (scopes, reference)."""
    _CACHE.clear()
    _scope.null_family.cache_clear()
    try:
        return func(copy.deepcopy(data), *args, **kwargs)
    finally:
        _CACHE.clear()
        _scope.null_family.cache_clear()


def _split(calls: list) -> bool:
    """Whether some reference was cut into several pieces run with two jobs."""
    return any(count > 1 and n_jobs == 2 for count, n_jobs in calls)


# -- the G(n, m) reference ------------------------------------------------------------------------
def _serial_reference(n: int, m: int, budget: int, quantile: float) -> tuple[int, dict]:
    """The path family as it was computed before n_jobs: one graph at a time, in one loop."""
    draws = _scope.null_draws(n, m, budget, "path")
    rng = np.random.default_rng([n, m, list(_scope.NULL_FAMILIES).index("path")])
    values = np.empty((draws, 2))
    for r in range(draws):
        u, v = _gnm_pairs(n, m, False, rng)
        sources = None
        if n > _scope.NULL_SAMPLE_ABOVE:
            sources = rng.choice(n, size=_scope.NULL_SOURCES, replace=False)
        reached, between = gnm_path_measures(n, u, v, sources)
        values[r] = (1.0 - reached / (n * (n - 1)), 2.0 * between.max() / ((n - 1) * (n - 2)))
    cuts = np.quantile(values, quantile, axis=0)
    return draws, dict(zip(_scope.NULL_FAMILIES["path"], cuts.tolist(), strict=True))


@pytest.mark.parametrize("sampled", [False, True], ids=["exact", "sampled-sources"])
@pytest.mark.parametrize("n_jobs", [1, 2, -1])
def test_path_reference_is_the_serial_loop_bit_for_bit(monkeypatch, pieces, sampled, n_jobs):
    if sampled:  # sampled sources above 100 members, as above NULL_SAMPLE_ABOVE
        monkeypatch.setattr(_scope, "NULL_SAMPLE_ABOVE", 100)
        monkeypatch.setattr(_scope, "NULL_SOURCES", 60)
    n, m = 150, 420
    expected = _serial_reference(n, m, 24, 0.95)
    _scope.null_family.cache_clear()
    try:
        got = _scope.null_family(n, m, 24, 0.95, "path", n_jobs=n_jobs)
    finally:
        _scope.null_family.cache_clear()
    assert got == expected
    assert pieces and pieces[-1][0] > 1  # several pieces: the split itself is exercised


def test_reference_cache_ignores_n_jobs(pieces):
    _scope.null_family.cache_clear()
    try:
        first = _scope.null_family(60, 150, 30, 0.95, "path", n_jobs=2)
        assert _scope.null_family(60, 150, 30, 0.95, "path", n_jobs=1) is first
        assert _scope.null_family(60, 150, 30, 0.95, "path") is first
    finally:
        _scope.null_family.cache_clear()
    assert len(pieces) == 1  # drawn once, whatever n_jobs the later calls asked for


# -- risk_flags, member_table, report -------------------------------------------------------------
def test_risk_flags_same_register_for_every_n_jobs(demo, sector, pieces):
    for data, thresholds in ((demo, None), (sector, FEW_DRAWS)):
        serial = cold(lsm.risk_flags, data, thresholds=thresholds, progress=False, n_jobs=1)
        parallel = cold(lsm.risk_flags, data, thresholds=thresholds, progress=False, n_jobs=2)
        assert_frame_equal(parallel, serial, check_exact=True)
        assert parallel.attrs == serial.attrs
    assert _split(pieces)
    # the size-aware flags were tested against the reference, not switched off
    assert serial["explanation"].str.contains("random networks").any()


def test_member_table_same_for_every_n_jobs(sector, pieces):
    serial = cold(lsm.member_table, sector, "K1", thresholds=FEW_DRAWS, n_jobs=1)
    parallel = cold(lsm.member_table, sector, "K1", thresholds=FEW_DRAWS, n_jobs=2)
    assert_frame_equal(parallel, serial, check_exact=True)
    assert parallel.attrs == serial.attrs
    assert _split(pieces)


def test_a_cached_scope_uses_the_n_jobs_of_the_call_that_evaluates_it(sector, pieces):
    _CACHE.clear()
    _scope.null_family.cache_clear()
    try:
        lsm.risk_flags(sector, coalition="K2", thresholds=FEW_DRAWS, n_jobs=2)
        # the same scope again: nothing is drawn, and the earlier n_jobs is not kept
        (scope,) = scopes(
            sector,
            coalition="K2",
            layers=None,
            at=None,
            thresholds=FEW_DRAWS,
            lang="en",
            seed=0,
            func="risk_flags",
        )
    finally:
        _CACHE.clear()
        _scope.null_family.cache_clear()
    assert scope.evaluated and scope.n_jobs is None
    assert {n_jobs for _, n_jobs in pieces} == {2}


def _tables(rep) -> list[tuple[str, pd.DataFrame]]:
    return [
        ("health", rep.health),
        ("flags", rep.flags),
        *((f"members {c}", table) for c, table in rep.members.items()),
    ]


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("demo", {"coalition": "C01"}),
        ("sector", {"thresholds": FEW_DRAWS}),
    ],
)
def test_report_same_tables_for_every_n_jobs(request, monkeypatch, pieces, name, kwargs):
    import lsmnet._parallel as parallel_module
    import lsmnet.risk.health as health_module

    chains = _record_calls(monkeypatch, parallel_module, "imap_pieces")
    monkeypatch.setattr(health_module, "CHAIN_WORK", 1)  # one null graph per chain
    data = request.getfixturevalue(name)
    serial = cold(lsm.report, data, progress=False, n_jobs=1, **kwargs)
    parallel = cold(lsm.report, data, progress=False, n_jobs=2, **kwargs)
    for (label, got), (_, expected) in zip(_tables(parallel), _tables(serial), strict=True):
        assert_frame_equal(got, expected, check_exact=True, obj=label)
        assert got.attrs == expected.attrs, label
    assert_frame_equal(parallel.bridges, serial.bridges, check_exact=True)
    # the null graphs of the health scorecard went to the report's two workers (the flags'
    # reference is drawn in the parent meanwhile, so that it does not queue behind them)
    assert _split(chains)


def _recording(original, name: str, seen: dict):
    def spy(*args, **kwargs):
        seen.setdefault(name, set()).add(kwargs.get("n_jobs", "not passed"))
        return original(*args, **kwargs)

    return spy


def test_report_passes_n_jobs_to_every_costly_step(demo, monkeypatch):
    from lsmnet.risk import bridges, flags, health, members

    steps = {
        "start_coalition_health": health,  # the report's coalition_health, in two steps
        "risk_flags": flags,
        "member_table": members,
        "bridge_organizations": bridges,
    }
    seen: dict = {}
    for name, module in steps.items():
        monkeypatch.setattr(module, name, _recording(getattr(module, name), name, seen))
    lsm.report(demo, coalition="C01", progress=False, n_jobs=-1)
    assert all(-1 in seen[name] for name in steps), seen
    assert seen["risk_flags"] == seen["member_table"] == seen["bridge_organizations"] == {-1}


@pytest.mark.parametrize("n_jobs", [0, 1.5, True, "2"])
@pytest.mark.parametrize(
    ("func", "call"),
    [
        ("risk_flags", lambda data, n: lsm.risk_flags(data, coalition="C01", n_jobs=n)),
        ("member_table", lambda data, n: lsm.member_table(data, "C01", n_jobs=n)),
        ("report", lambda data, n: lsm.report(data, coalition="C01", n_jobs=n)),
    ],
)
def test_invalid_n_jobs_names_the_parameter(demo, func, call, n_jobs):
    with pytest.raises(InvalidParameterError, match=rf"'n_jobs' parameter of {func} .*-1"):
        call(demo, n_jobs)


# -- a Dask cluster -------------------------------------------------------------------------------
def test_risk_flags_on_a_dask_cluster_equal_the_serial_run(sector, pieces):
    serial = cold(lsm.risk_flags, sector, thresholds=FEW_DRAWS, progress=False, n_jobs=1)
    pieces.clear()
    with dask_cluster():
        on_cluster = cold(lsm.risk_flags, sector, thresholds=FEW_DRAWS, progress=False)
    assert_frame_equal(on_cluster, serial, check_exact=True)
    assert any(count > 1 and n_jobs is None for count, n_jobs in pieces)


# -- the command line -----------------------------------------------------------------------------
def test_cli_report_jobs(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["report", "--example", "--coalition", "C01", "--quiet", "--out", str(out)]
    assert main([*args, "--jobs", "2"]) == 0
    assert (out / "report.html").is_file() and (out / "report.xlsx").is_file()
    assert main([*args, "--jobs", "0", "--force"]) == 2
    assert "argument --jobs" in capsys.readouterr().err
    # -1 (all cores) is a value, not an option; the default is one process
    assert build_parser().parse_args([*args, "--jobs", "-1"]).jobs == -1
    assert build_parser().parse_args(args).jobs == 1

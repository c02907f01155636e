"""Loader fuzzing: thousands of corrupted CSV folders and Excel workbooks through lsmnet.read.

Contract under test (issue 8): every input either loads with exact row accounting (rows in =
rows kept + rows set aside, per table, with blank rows counted in ``meta["blank_rows"]``) or
raises an :class:`lsmnet.LsmnetError` whose message says where the problem is (the file, and a
row or column); never another exception type. Both ``errors="raise"`` and ``errors="collect"``
are exercised, through :func:`lsmnet.read` (files) and :func:`lsmnet.from_frames` (DataFrames
with typed and mistyped cells).

The generator is a seeded numpy generator of corruptions (``make_case(seed)``), so every
failure names the seed that reproduces it. Interesting failures are kept as files under
``corpus/`` and replayed by ``test_corpus`` (known bugs there are strict xfails).

Reference for "exact row accounting": the generator knows every record it wrote, so the rows
in and the blank rows are counted independently of lsmnet's reader whenever the file's
structure is intact; after byte-level damage (truncation, stray bytes, a header holding
delimiters) the count of lsmnet's own reader is used and only the validator's accounting is
checked.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fuzz_cases import (
    ALIASES,
    BAD,
    ISSUES,
    LAYERS,
    NAMES,
    REQUIRED,
    SCHEMA,
    TABLES,
    Case,
    csv_bytes,
    expected_counts,
    kind_of,
    make_case,
    write_case,
)
from fuzz_contract import (
    Outcome,
    Unexpected,
    attempt,
    check_loaded,
    check_located,
    run_frames,
    run_read,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lsmnet
from lsmnet.cli import main
from lsmnet.exceptions import SchemaError

# slow as well as fuzz: the fast loop (-m "not slow and not fuzz and not browser") skips it,
# and so does anyone deselecting only slow tests
pytestmark = [pytest.mark.fuzz, pytest.mark.slow]

CORPUS = Path(__file__).parent / "corpus"

#: Deterministic hypothesis profile of the fuzz suites: same examples on every run, no example
#: database written into the tree, no deadline (a slow machine must not make the run flaky).
FUZZ_PROFILE = settings(
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("lsmnet-fuzz", FUZZ_PROFILE)

#: Number of generated file inputs (each read in both errors modes).
N_CASES = 2000


# ---------------------------------------------------------------- the harness can fail
def test_generator_is_deterministic_and_varied():
    a, b = make_case(123), make_case(123)
    assert a.records == b.records and a.notes == b.notes
    stem = next(iter(a.records))
    assert csv_bytes(a, stem) == csv_bytes(b, stem)
    cases = [make_case(s) for s in range(300)]
    assert {c.fmt for c in cases} == {"csv", "csvfile", "xlsx"}
    applied = " ".join(n for c in cases for n in c.notes)
    for needle in (
        "cell",
        "header only",
        "empty file",
        "blank rows",
        "duplicate row",
        "damage",
        "meta table",
        "ragged row",
        "unknown id",
        "renamed header",
    ):
        assert needle in applied, needle
    encodings = {e for c in cases for e in c.encoding.values()}
    assert encodings == {"utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"}


def test_oracle_counts_blank_and_data_rows():
    records = [["", ""], ["source", "target"], [" ", "\t"], ["a", "b"]]
    case = Case(0, "csv", {"ties": records}, {"ties": "ties"}, intact={"ties": True})
    assert expected_counts(case) == {"ties": (1, 2)}
    case.records["ties"] = []
    assert expected_counts(case) == {"ties": (0, 0)}


def test_checks_catch_a_lost_row(tmp_path):
    """The accounting check fails when a row silently disappears."""
    records = [["source", "target", "layer"], ["a", "b", "advocacy"], ["b", "c", "network"]]
    case = Case(0, "csv", {"ties": records}, {"ties": "ties"}, intact={"ties": True})
    path = write_case(case, tmp_path)
    data = lsmnet.read(path)
    data.ties = data.ties.iloc[:1]
    with pytest.raises(Unexpected, match="2 rows in, 1 kept"):
        check_loaded(data, case, path, "raise")


def test_checks_reject_an_unlocated_message(tmp_path):
    case = Case(0, "csv", {"ties": [["source"]]}, {"ties": "ties"})
    with pytest.raises(Unexpected, match="does not name the file"):
        check_located(SchemaError("something is wrong"), case, tmp_path)


def test_checks_reject_another_exception_type():
    out = Outcome()
    with pytest.raises(Unexpected, match="ZeroDivisionError"):
        attempt(out, "raise", lambda: 1 / 0, tolerate=True)
    error = attempt(out, "raise", lambda: lsmnet.from_frames(ties=pd.DataFrame()), tolerate=True)
    assert isinstance(error, SchemaError)


# --------------------------------------------------------------------------------- corpus
def corpus_case(folder: Path) -> tuple[Case, Path, dict]:
    """A corpus entry as a Case (row counts from case.json, else from lsmnet's reader)."""
    spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    path = (folder / spec["read"]).resolve()
    table_names = {t: t for t in TABLES} | {"meta": "meta"}
    for table, aliases in ALIASES.items():
        table_names |= {a.lower(): table for a in aliases}
    table_names |= {"organisations": "organizations", "organization": "organizations"}
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        stems = book.sheetnames
        book.close()
        fmt = "xlsx"
    else:
        stems = sorted(p.stem for p in folder.glob("*.csv"))
        fmt = "csv" if path.is_dir() else "csvfile"
    case = Case(-1, fmt, {s: [] for s in stems}, {})
    for stem in stems:
        case.table_of[stem] = table_names.get(stem.strip().lower(), "other")
        case.intact[stem] = False  # counted by the reader unless case.json gives the counts
    return case, path, spec


def _expected_from_spec(case: Case, spec: dict) -> None:
    for key, (rows, blanks) in spec.get("rows", {}).items():
        stem = key.removesuffix(".csv")
        case.records[stem] = [["h"], *[[""]] * blanks, *[["x"]] * rows]
        case.intact[stem] = True


def _corpus_params():
    params = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "case.json").is_file()):
        spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        marks = [pytest.mark.xfail(strict=True, reason=spec["xfail"])] if "xfail" in spec else []
        params.append(pytest.param(folder, id=folder.name, marks=marks))
    return params


@pytest.mark.parametrize("folder", _corpus_params())
def test_corpus(folder, tmp_path, capsys):
    """Kept inputs: the contract holds on each, with no known-bug tolerance."""
    case, _, spec = corpus_case(folder)
    _expected_from_spec(case, spec)
    work = tmp_path / "in"
    shutil.copytree(folder, work)
    run_read(case, work / spec["read"], round_trip=spec.get("round_trip", False), tolerate=False)
    # the command line reports the same input without a traceback
    assert main(["validate", str(work / spec["read"])]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_corpus_is_not_empty_and_described():
    params = _corpus_params()
    assert len(params) >= 10
    for param in params:
        spec = json.loads((param.values[0] / "case.json").read_text(encoding="utf-8"))
        assert spec["description"]


# ----------------------------------------------------------------------------- fuzz driver
def _fuzz_chunk(seeds, folder: str) -> tuple[list, dict, dict]:
    failures, known, outcomes = [], {}, {"loaded": 0, "error": 0}
    for seed in seeds:
        case = make_case(seed)
        target = Path(folder) / f"c{seed}"
        try:
            path = write_case(case, target)
            out = run_read(case, path, round_trip=seed % 10 == 0)
        except Unexpected as err:
            failures.append(f"seed {seed} ({'; '.join(case.notes)}): {err}")
            continue
        finally:
            shutil.rmtree(target, ignore_errors=True)
        for name in out.known:
            known[name] = known.get(name, 0) + 1
        outcomes["loaded" if "raise" in out.loaded else "error"] += 1
    return failures, known, outcomes


def _workers() -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def test_loader_fuzz(tmp_path):
    """N_CASES generated inputs through lsmnet.read, both modes; the contract holds for each.

    Runs in ``_workers()`` forked processes (seed ranges interleaved); the result does not
    depend on the number of workers.
    """
    started = time.perf_counter()
    n = _workers()
    chunks = [range(i, N_CASES, n) for i in range(n)]
    if n == 1:
        results = [_fuzz_chunk(chunks[0], str(tmp_path))]
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(n, mp_context=context) as pool:
            results = list(pool.map(_fuzz_chunk, chunks, [str(tmp_path)] * n))
    failures = [f for r in results for f in r[0]]
    known: dict = {}
    outcomes = {"loaded": 0, "error": 0}
    for _, k, o in results:
        for name, count in k.items():
            known[name] = known.get(name, 0) + count
        for name, count in o.items():
            outcomes[name] += count
    elapsed = time.perf_counter() - started
    failures.sort(key=lambda f: int(f.split()[1]))
    assert not failures, f"{len(failures)} inputs broke the contract:\n" + "\n".join(failures[:6])
    assert outcomes["loaded"] > N_CASES // 10 and outcomes["error"] > N_CASES // 10, outcomes
    print(f"{N_CASES} inputs in {elapsed:.1f} s with {n} workers; {outcomes}; known: {known}")


IDS = ["o0", "o1", "o2", "k0", "k1"]
ODD_CELLS = st.one_of(
    st.none(),
    st.sampled_from([np.nan, pd.NA, pd.NaT, np.inf, -0.0, True, False, b"o1", 1 + 2j]),
    st.text(max_size=12),
    st.sampled_from([v for pool in BAD.values() for v in pool]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=dt.datetime(1600, 1, 1), max_value=dt.datetime(2300, 1, 1)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.lists(st.sampled_from([*ISSUES, "", "a|b"]), max_size=3),
)


def _good_cells(table, column):
    kind = kind_of(table, column)
    if column in ("org_id", "source", "target", "rater", "ratee", "reported_by"):
        return st.sampled_from(IDS[:3])
    if column == "coalition_id":
        return st.sampled_from(IDS[3:])
    if column == "layer":
        return st.sampled_from(LAYERS)
    if kind in ("number", "rating"):
        return st.one_of(st.integers(1, 4), st.floats(1, 4), st.sampled_from(["1", "2.5"]))
    if kind == "date":
        return st.one_of(
            st.sampled_from(["2020-01-01", "2021"]),
            st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1)),
        )
    if kind == "bool":
        return st.sampled_from([True, False, "ya", "tidak", 1, 0])
    if kind == "year":
        return st.sampled_from([1990, 2001.0, "1998"])
    return st.sampled_from(NAMES)


@st.composite
def frame_sets(draw):
    """Dicts of 1-3 DataFrames with mostly plausible and sometimes odd cells of any type."""
    chosen = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=3, unique=True))
    frames = {}
    for table in chosen:
        columns = [c for c, _ in SCHEMA[table] if c in REQUIRED[table] or draw(st.booleans())]
        if draw(st.integers(0, 9)) == 0 and columns:
            columns.remove(draw(st.sampled_from(columns)))
        if draw(st.integers(0, 9)) == 0:
            columns.append(draw(st.sampled_from(["Org ID", " SOURCE ", "catatan", "=x"])))
        n = draw(st.integers(0, 5))
        data = {}
        for column in columns:
            good = _good_cells(table, column)
            cells = draw(st.lists(st.one_of(good, good, good, ODD_CELLS), min_size=n, max_size=n))
            data[column] = pd.Series(cells, dtype=object if draw(st.booleans()) else None)
        frame = (
            pd.DataFrame(data, index=pd.RangeIndex(n))
            if columns
            else pd.DataFrame(index=pd.RangeIndex(n))
        )
        if draw(st.integers(0, 9)) == 0:
            frame.index = [f"r{i % 2}" for i in range(n)]  # duplicated, non-range index
        frames[table] = frame
    return frames


@FUZZ_PROFILE
@given(frames=frame_sets())
def test_from_frames_fuzz(frames):
    """from_frames on DataFrames with cells of any type: loads with exact accounting or
    raises a located lsmnet error, in both modes; the input frames are not modified."""
    before = {t: f.copy(deep=True) for t, f in frames.items()}
    run_frames(frames)
    for table, frame in frames.items():
        pd.testing.assert_frame_equal(frame, before[table])


#: DataFrame inputs kept as regressions (a DataFrame is not a file, so they live here).
FRAME_CORPUS = {
    "multiindex_columns": (
        lambda: {
            "ties": pd.DataFrame(
                [["o0", "o1", "advocacy"]],
                columns=pd.MultiIndex.from_tuples(
                    [("source", "x"), ("target", "y"), ("layer", "z")]
                ),
            )
        },
        None,
    ),
    "aware_and_naive_datetimes": (
        lambda: {
            "ties": pd.DataFrame(
                {
                    "source": ["o0", "o1"],
                    "target": ["o1", "o2"],
                    "layer": ["advocacy", "network"],
                    "start": [dt.datetime(2020, 1, 1, tzinfo=dt.UTC), "2020-01-01"],
                }
            )
        },
        None,
    ),
    "integer_ids_and_typed_cells": (
        lambda: {
            "organizations": pd.DataFrame(
                {"org_id": [1, 2], "founded": pd.array([1990, None], "Int64")}
            ),
            "ties": pd.DataFrame(
                {
                    "source": [1],
                    "target": [2],
                    "layer": ["advocacy"],
                    "start": [pd.Timestamp("2020-01-01")],
                    "directed": [True],
                }
            ),
        },
        None,
    ),
    "duplicate_labels_and_index": (
        lambda: {
            "ties": pd.DataFrame(
                [["o0", "o1", "advocacy", "x"]],
                columns=["source", "target", "layer", "source"],
                index=["a"],
            )
        },
        None,
    ),
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(k, marks=[pytest.mark.xfail(strict=True, reason=v[1])] if v[1] else [])
        for k, v in FRAME_CORPUS.items()
    ],
)
def test_frame_corpus(name):
    run_frames(FRAME_CORPUS[name][0](), tolerate=False)

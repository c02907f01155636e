"""The loader contract checked by the fuzz suite (see test_loader_fuzz.py).

Every input either loads with exact row accounting (rows in = rows kept + rows set aside, per
table; blank rows counted in ``meta["blank_rows"]``; nothing invalid kept) or raises an
:class:`lsmnet.LsmnetError` whose message locates the problem (file, and row or column);
never another exception type. ``run_read`` checks files in both ``errors`` modes,
``run_frames`` DataFrames; a breach raises :class:`Unexpected`.
"""

from __future__ import annotations

import re
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from fuzz_cases import TABLES, Case, expected_counts

import lsmnet
from lsmnet.exceptions import LsmnetError, SchemaError


class Unexpected(AssertionError):
    """The loader broke the contract on one input."""


def _label(case, stem):
    return f"data.xlsx, sheet '{stem}'" if case.fmt == "xlsx" else f"{stem}.csv"


def check_located(err: LsmnetError, case: Case, path: Path) -> None:
    """An lsmnet error must name where: a file/sheet (or the folder), and a row or column."""
    message = str(err)
    files = [_label(case, s) for s in case.records] + [path.name, str(path)]
    if case.fmt == "xlsx":
        files.append("data.xlsx")
    if not any(f in message for f in files):
        raise Unexpected(f"{type(err).__name__} does not name the file: {message[:300]!r}")
    table_level = re.search(r"holds (two versions|none of the tables)", message)
    if not table_level and not re.search(r"\brow \d+|\bcolumn\b|\bsheet\b", message):
        raise Unexpected(f"{type(err).__name__} gives no row or column: {message[:300]!r}")
    problems = getattr(err, "problems", None)
    if problems is not None:
        # a problem with a whole file (two files for one table, no table) has no row
        rowless = problems["row"].isna() & ~problems["column"].fillna("").astype(bool)
        if problems["file"].isna().any() or (problems["row"].isna() & ~rowless).any():
            raise Unexpected("SchemaError.problems has a problem without file or row")
        if not (problems["row"].dropna() >= 1).all():
            raise Unexpected(f"row numbers below 1: {problems['row'].tolist()}")


def _reader_rows(case: Case, path: Path) -> dict[str, tuple[int, int]]:
    """(data rows, blank rows) as lsmnet's own reader sees them, for files the oracle can't."""
    from lsmnet.io._files import read_csv_raw, read_excel_raw

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if case.fmt == "xlsx":
            raws = read_excel_raw(path)
        else:
            folder = path if path.is_dir() else path.parent
            raws = {s: read_csv_raw(folder / f"{s}.csv") for s in case.records}
    return {s: (len(r.frame), r.blank_rows) for s, r in raws.items()}


def check_loaded(data, case: Case, path: Path, mode: str) -> None:
    """Exact row accounting and the schema rules on what was kept."""
    expected = expected_counts(case)
    reader = None
    aside = data.set_aside
    if mode == "raise" and len(aside):
        raise Unexpected("errors='raise' returned data with set-aside rows")
    blanks = data.meta.get("blank_rows") or {}
    for stem, table in case.table_of.items():
        if table not in TABLES:
            continue
        if stem in expected:
            rows_in, blank_in = expected[stem]
        else:
            reader = reader or _reader_rows(case, path)
            rows_in, blank_in = reader[stem]
        kept = len(getattr(data, table))
        mine = aside[aside["table"] == table]
        if rows_in != kept + len(mine):
            raise Unexpected(
                f"{stem}: {rows_in} rows in, {kept} kept + {len(mine)} set aside "
                f"(oracle: {'generator' if stem in expected else 'reader'})"
            )
        if not mine["row"].is_unique or (len(mine) and mine["row"].min() < 2):
            raise Unexpected(
                f"{stem}: set-aside rows not unique or below 2: {mine['row'].tolist()}"
            )
        if blanks.get(_label(case, stem), 0) != blank_in:
            raise Unexpected(
                f"{stem}: {blank_in} blank rows written, meta['blank_rows'] says "
                f"{blanks.get(_label(case, stem), 0)}"
            )
    for column in ("file", "problem", "fix"):
        if len(aside) and not aside[column].map(lambda v: isinstance(v, str) and v != "").all():
            raise Unexpected(f"set_aside has an empty {column!r}")
    check_rules(data)


def check_rules(data) -> None:
    """What was kept obeys the schema (nothing invalid slips through)."""
    orgs, coals = data.organizations, data.coalitions
    problems = []
    if orgs["org_id"].isna().any() or not orgs["org_id"].is_unique:
        problems.append("org_id missing or duplicated")
    if coals["coalition_id"].isna().any() or not coals["coalition_id"].is_unique:
        problems.append("coalition_id missing or duplicated")
    known = set(orgs["org_id"])
    for table, cols in (
        ("memberships", ["org_id"]),
        ("ties", ["source", "target"]),
        ("ratings", ["rater", "ratee"]),
    ):
        frame = getattr(data, table)
        for col in cols:
            if not frame[col].isin(known).all():
                problems.append(f"{table}.{col} refers to an unknown organisation")
    if not data.memberships["coalition_id"].isin(set(coals["coalition_id"])).all():
        problems.append("memberships.coalition_id refers to an unknown coalition")
    ties = data.ties
    if (ties["source"] == ties["target"]).any():
        problems.append("self-tie kept")
    if not ties["layer"].isin(data.layers).all():
        problems.append("unknown layer kept")
    for table, col in (
        ("ties", "weight"),
        ("ties", "amount"),
        ("memberships", "weight"),
        ("organizations", "budget"),
    ):
        values = getattr(data, table)[col].to_numpy(float)
        if (values[~np.isnan(values)] < 0).any() or np.isinf(values).any():
            problems.append(f"{table}.{col} negative or infinite")
    for table in ("memberships", "ties"):
        frame = getattr(data, table)
        if (frame["start"] > frame["end"]).any():
            problems.append(f"{table}: start after end kept")
    lo, hi = data.scale
    items = [*data.trust_items, *data.value_items]
    values = data.ratings[items].to_numpy(float)
    if ((values < lo) | (values > hi)).any():
        problems.append("rating outside the scale kept")
    if problems:
        raise Unexpected("; ".join(problems))


def check_collect_covers(err: SchemaError, data) -> None:
    """Every row that errors='raise' reported is among the rows errors='collect' set aside."""
    problems = err.problems
    if problems is None or data is None:
        return
    own = problems[problems["row"].fillna(0) >= 2]
    reported = set(zip(own["table"], own["row"], strict=True))
    aside = set(zip(data.set_aside["table"], data.set_aside["row"], strict=True))
    if not reported <= aside:
        raise Unexpected(f"rows reported but not set aside: {sorted(reported - aside)[:5]}")


# ----------------------------------------------------------------------- known bugs (xfail)
#: Loader bugs found by this suite and not fixed yet, by exception signature. Each one is
#: reproduced by a corpus entry run under ``xfail(strict=True)``; the fuzz run counts the
#: inputs that hit them instead of failing, so that it keeps looking for new bugs. Remove an
#: entry when its corpus test starts passing (the strict xfail then fails and says so).
KNOWN_BUGS: dict[str, tuple] = {}


def known_bug(exc: BaseException) -> str | None:
    text = f"{type(exc).__name__}: {exc}"
    for name, (kind, pattern) in KNOWN_BUGS.items():
        if isinstance(exc, kind) and re.search(pattern, text):
            return name
    return None


@dataclass
class Outcome:
    loaded: dict = field(default_factory=dict)  # mode -> NetworkData
    errors: dict = field(default_factory=dict)  # mode -> LsmnetError
    known: list = field(default_factory=list)  # names of known bugs hit


def attempt(out: Outcome, what: str, call, *, tolerate: bool):
    """Run ``call``; return its value, or the LsmnetError it raised; log known bugs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return call()
    except Exception as err:
        name = known_bug(err)
        if tolerate and name:
            out.known.append(name)
            return None
        if isinstance(err, LsmnetError):
            return err
        raise Unexpected(
            f"{what}: {type(err).__name__}: {err}\n{traceback.format_exc(limit=-4)}"
        ) from err


def run_read(case: Case, path: Path, *, round_trip=False, tolerate=True) -> Outcome:
    """Read ``path`` in both modes and check the contract; raise Unexpected on a breach."""
    out = Outcome()
    for mode in ("raise", "collect"):
        got = attempt(out, mode, lambda m=mode: lsmnet.read(path, errors=m), tolerate=tolerate)
        if isinstance(got, LsmnetError):
            check_located(got, case, path)
            out.errors[mode] = got
        elif got is not None:
            check_loaded(got, case, path, mode)
            out.loaded[mode] = got
    if isinstance(out.errors.get("raise"), SchemaError):
        check_collect_covers(out.errors["raise"], out.loaded.get("collect"))
    if "raise" in out.loaded and "collect" in out.loaded:
        for table in TABLES:
            a, b = getattr(out.loaded["raise"], table), getattr(out.loaded["collect"], table)
            if not a.equals(b):
                raise Unexpected(f"valid input: {table} differs between raise and collect")
    if round_trip and "raise" in out.loaded:
        folder = path if path.is_dir() else path.parent
        check_round_trip(out.loaded["raise"], folder / "_round_trip", out, tolerate=tolerate)
    return out


def check_round_trip(data, folder: Path, out: Outcome, *, tolerate=True) -> None:
    """to_csv and to_excel, then read back: equal tables (user text restored exactly).

    A writer may refuse data it cannot represent (Excel cannot hold control characters) with
    a located lsmnet error; what it writes must read back equal.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("csv", "xlsx"):
        target = folder / "csv" if kind == "csv" else folder / "data.xlsx"
        write = data.to_csv if kind == "csv" else data.to_excel
        refused = attempt(
            out, f"writing {kind}", lambda w=write, t=target: w(t), tolerate=tolerate
        )
        if isinstance(refused, LsmnetError):
            if not re.search(r"\brow \d+|\bcolumn\b", str(refused)):
                raise Unexpected(f"writing {kind} refused without a location: {refused}")
            continue
        back = attempt(out, f"reading {kind}", lambda t=target: lsmnet.read(t), tolerate=tolerate)
        if back is None:
            continue
        if isinstance(back, LsmnetError):
            raise Unexpected(f"round trip via {kind}: reading our own output failed: {back}")
        for table in TABLES:
            try:
                pd.testing.assert_frame_equal(getattr(back, table), getattr(data, table))
            except AssertionError as err:
                raise Unexpected(f"round trip via {kind} changed {table}: {err}") from err


# ------------------------------------------------------------------ from_frames (DataFrames)
def run_frames(frames: dict, *, tolerate=True) -> Outcome:
    """from_frames in both modes on DataFrames; the same contract as for files."""
    out = Outcome()
    for mode in ("raise", "collect"):
        got = attempt(
            out, mode, lambda m=mode: lsmnet.from_frames(**frames, errors=m), tolerate=tolerate
        )
        if isinstance(got, LsmnetError):
            message = str(got)
            whole = any(f"'{t}' parameter" in message for t in frames)  # the frame itself
            if not whole and not any(f"{t} (DataFrame)" in message for t in frames):
                raise Unexpected(f"{type(got).__name__} does not name the table: {message[:300]}")
            if not whole and not re.search(r"\brow \d+|\bcolumn\b", message):
                raise Unexpected(f"{type(got).__name__} gives no row or column: {message[:300]}")
            out.errors[mode] = got
        elif got is not None:
            for table, frame in frames.items():
                kept = len(getattr(got, table))
                aside = got.set_aside[got.set_aside["table"] == table]
                if len(frame) != kept + len(aside) or not aside["row"].is_unique:
                    raise Unexpected(
                        f"{mode}: {table}: {len(frame)} rows in, {kept} kept + {len(aside)} "
                        "set aside"
                    )
            if mode == "raise" and len(got.set_aside):
                raise Unexpected("errors='raise' returned data with set-aside rows")
            check_rules(got)
            out.loaded[mode] = got
    if isinstance(out.errors.get("raise"), SchemaError):
        check_collect_covers(out.errors["raise"], out.loaded.get("collect"))
    return out

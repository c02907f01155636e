"""Timing of the risk functions: a 60-member surveyed coalition and the whole indonesia_demo.

Usage::

    python benchmarks/bench_risk.py            # median of 3 warm runs per function
    python benchmarks/bench_risk.py --repeat 5

The targets (issue 5): results for a coalition of 60 members with survey ratings in under a
second, and the whole ``indonesia_demo`` in a few seconds. The 60-member coalition is drawn
with a fixed seed: partnership ties with probability 0.08 in one or two of the four layers,
funding from six funders, and ratings of about 60 % of the ordered pairs on the six 1-4 items.
Each function runs once to warm up imports and caches, then ``--repeat`` times, each on an
empty scope cache (:data:`lsmnet.risk.flags._CACHE`); the median wall time is printed. The
case "health + register + 13 member tables" is the report's sequence, in which the three
share one evaluation of the rules per coalition. Times depend on the machine and on its
load (on a shared machine, ``OPENBLAS_NUM_THREADS=1`` avoids BLAS thread oversubscription in
the core-periphery fit).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

import lsmnet as lsm
from lsmnet.risk.flags import _CACHE

ITEMS = ("reliability", "mission", "openness", "power", "involvement", "resources")
LAYERS = ("operational", "advocacy", "capacity", "network")


def surveyed_coalition(n: int = 60, seed: int = 1) -> lsm.NetworkData:
    """A synthetic coalition of ``n`` members with ties, funding and survey ratings."""
    rng = np.random.default_rng(seed)
    members = [f"m{i:02d}" for i in range(n)]
    funders = [f"f{i}" for i in range(6)]
    provinces = ["Aceh", "Papua", "DKI Jakarta", "Bali"]
    issues = ["health", "gender", "climate", "land-rights", "education"]
    orgs = pd.DataFrame(
        {
            "org_id": members + funders,
            "type": ["ngo"] * n + ["funder"] * len(funders),
            "province": list(rng.choice(provinces, n)) + [None] * len(funders),
            "issues": ["|".join(rng.choice(issues, 2, replace=False)) for _ in members]
            + [""] * len(funders),
            "budget": list(rng.lognormal(11, 1, n)) + [None] * len(funders),
            "respondent": list(rng.random(n) < 0.8) + [None] * len(funders),
        }
    )
    ties = []
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if rng.random() < 0.08:
                for layer in rng.choice(LAYERS, rng.integers(1, 3), replace=False):
                    ties.append((a, b, layer, 1.0, np.nan))
    for m in members:
        for f in rng.choice(funders, rng.integers(0, 3), replace=False):
            ties.append((f, m, "funding", 1.0, float(rng.integers(10, 100)) * 1000))
    ties = pd.DataFrame(ties, columns=["source", "target", "layer", "weight", "amount"])
    ratings = [
        {"rater": a, "ratee": b, **{k: float(rng.integers(1, 5)) for k in ITEMS}}
        for a in members
        for b in members
        if a != b and rng.random() < 0.6
    ]
    return lsm.from_frames(
        orgs,
        coalitions=pd.DataFrame({"coalition_id": ["K60"], "focus": ["health|gender"]}),
        memberships=pd.DataFrame({"org_id": members, "coalition_id": "K60"}),
        ties=ties,
        ratings=pd.DataFrame(ratings),
    )


def timed(func, repeat: int) -> float:
    """Median wall time of ``func`` over ``repeat`` runs, each on an empty scope cache: the
    register, health and member tables share their evaluations between calls on the same data
    (issue 18), which would otherwise time a cache hit."""
    func()
    times = []
    for _ in range(repeat):
        _CACHE.clear()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report_sequence(data) -> None:
    """The report's risk steps on one data object: health, register, every member table."""
    lsm.coalition_health(data, progress=False)
    lsm.risk_flags(data, progress=False)
    for coalition in data.coalitions["coalition_id"]:
        lsm.member_table(data, coalition)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    k60 = surveyed_coalition()
    demo = lsm.datasets.load_dataset("indonesia_demo")
    cases = [
        ("60 members", "risk_flags", lambda: lsm.risk_flags(k60)),
        ("60 members", "trust_value_scores", lambda: lsm.trust_value_scores(k60)),
        ("60 members", "member_table", lambda: lsm.member_table(k60, "K60")),
        ("60 members", "coalition_health (100 null graphs)", lambda: lsm.coalition_health(k60)),
        ("60 members", "weaving_suggestions", lambda: lsm.weaving_suggestions(k60)),
        ("indonesia_demo C01", "risk_flags", lambda: lsm.risk_flags(demo, coalition="C01")),
        ("indonesia_demo C01", "member_table", lambda: lsm.member_table(demo, "C01")),
        ("indonesia_demo", "risk_flags (13 coalitions)", lambda: lsm.risk_flags(demo)),
        (
            "indonesia_demo",
            "coalition_health (100 null graphs each)",
            lambda: lsm.coalition_health(demo),
        ),
        ("indonesia_demo", "bridge_organizations", lambda: lsm.bridge_organizations(demo)),
        (
            "indonesia_demo",
            "weaving_suggestions (250 orgs)",
            lambda: lsm.weaving_suggestions(demo),
        ),
        (
            "indonesia_demo",
            "health + register + 13 member tables",
            lambda: report_sequence(demo),
        ),
        (
            "indonesia_demo",
            "health_over_time (3 years, no null)",
            lambda: lsm.health_over_time(demo, [2019, 2021, 2023]),
        ),
    ]
    print(f"{'data':<20} {'function':<42} {'median s':>9}")
    for data_name, func_name, func in cases:
        print(f"{data_name:<20} {func_name:<42} {timed(func, args.repeat):>9.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Calibration of the risk flags: false-alarm rates on null networks, recall on planted ones.

Usage::

    python benchmarks/calibrate.py            # full suite -> benchmarks/results/calibration.json
    python benchmarks/calibrate.py --quick    # small sizes, few seeds (CI, under 2 minutes)
    python benchmarks/calibrate.py --page     # rewrite the table of docs/calibration.md
    python benchmarks/calibrate.py --check    # exit 1 if the page differs from the results

Every network is built as data (``lsmnet.from_frames``: organisations, one coalition, its
memberships, ties, ratings, funding) and goes through ``lsmnet.risk_flags`` with the default
thresholds, as a user's data would.

**Null networks** (nothing to flag): complete graphs and connected random regular graphs
(degree 3–6), 5–80 members, and G(n, m) random graphs of 5–200 members; every member has the
same type, province and issue (the coalition's focus), answered the survey, and rates each
partner alike (trust, mission, value and power 3 on 1–4). For each code the rate is the share
of members (node and dyad flags: members named by a row) or of networks (network and group
flags) flagged.

**Planted networks**: one pattern of the specification (an isolate, a dominant member, a
strained tie, ...) planted in an otherwise homogeneous coalition (a connected random 4-regular
graph with the ratings above) at several sizes; recall is the share of networks in which the
planted code names the planted member, pair, group or network.

The goals are those of the specification's calibration section (``RISK_FLAGS.md``): no
structural flag (isolation ISO, dominance DOM-1…DOM-5, fragmentation FRG) on the homogeneous
nulls, at most 5 % of G(n, m) networks flagged by each size-aware network flag (FRG-2, DOM-1,
DOM-3), and 100 % recall on every planted pattern. The script exits 1 when one is missed.
On G(n, m) graphs an isolate is a real isolate: their node flags are reported for
information, not counted as false alarms.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

import lsmnet as lsm
from lsmnet.risk.catalog import flag_codes, flag_info

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "calibration.json"
PAGE = HERE.parent / "docs" / "calibration.md"
BLOCK = re.compile(r"(<!-- calibration -->\n)(.*?)(<!-- /calibration -->)", re.S)

COALITION = "K"
FOCUS = "health"
TRUST_ITEMS = ("reliability", "mission", "openness")
VALUE_ITEMS = ("power", "involvement", "resources")
#: The flags that must never fire on a homogeneous network (spec: isolation, dominance,
#: fragmentation).
STRUCTURAL = ("ISO-1", "ISO-2", "ISO-3", "ISO-4", "DOM-1", "DOM-2", "DOM-3", "DOM-4", "DOM-5")
STRUCTURAL += ("FRG-1", "FRG-2", "FRG-3", "FRG-4")
#: Network flags whose value grows with size alone: at most 5 % of G(n, m) graphs flagged.
SIZE_AWARE = ("DOM-1", "DOM-3", "FRG-2")
GNM_GOAL = 0.05
HOMOGENEOUS = ("complete", "regular")

PLANS = {
    "full": {
        "complete": [5, 8, 12, 20, 40, 80],
        "regular": [6, 8, 12, 20, 40, 80],
        "regular_seeds": 5,
        "gnm": [5, 10, 20, 50, 100, 200],
        "gnm_degrees": [2, 4, 8],
        "gnm_seeds": 40,
        "groups_seeds": 20,
        "planted": [12, 30, 60],
        "planted_seeds": 3,
    },
    "quick": {
        "complete": [5, 12],
        "regular": [8, 20],
        "regular_seeds": 1,
        "gnm": [10, 30],
        "gnm_degrees": [2, 4],
        "gnm_seeds": 8,
        "groups_seeds": 3,
        "planted": [12, 24],
        "planted_seeds": 1,
    },
}


# -- building the data ------------------------------------------------------------------------
class Plant:
    """A coalition under construction: members, ties, ratings and funding, then NetworkData."""

    def __init__(self, n: int):
        self.members = [f"m{i:03d}" for i in range(n)]
        self.attrs = {
            m: {"type": "ngo", "province": "P", "issues": FOCUS, "respondent": True}
            for m in self.members
        }
        self.ties: list[dict] = []
        self.ratings: dict[tuple[str, str], dict] = {}
        self.extra: list[str] = []

    def add_member(self, name: str, **attrs) -> str:
        self.members.append(name)
        self.attrs[name] = {
            "type": "ngo",
            "province": "P",
            "issues": FOCUS,
            "respondent": True,
            **attrs,
        }
        return name

    def tie(self, a: str, b: str, layer: str = "advocacy", **columns) -> None:
        self.ties.append({"source": a, "target": b, "layer": layer, **columns})

    def graph_ties(self, G, nodes=None) -> None:
        """Ties of the graph ``G`` whose nodes are positions in ``nodes`` (default members)."""
        nodes = self.members if nodes is None else nodes
        for u, v in G.edges():
            self.tie(nodes[u], nodes[v])

    def rate_partners(self, **items) -> None:
        """Every tied pair rates each other, both ways, with the same items (default 3)."""
        scores = dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, 3.0) | items
        for t in self.ties:
            if t["layer"] in ("advocacy", "operational"):
                for a, b in ((t["source"], t["target"]), (t["target"], t["source"])):
                    self.ratings[(a, b)] = dict(scores)

    def rate(self, rater: str, ratee: str, **items) -> None:
        self.ratings.setdefault((rater, ratee), dict.fromkeys(TRUST_ITEMS + VALUE_ITEMS, 3.0))
        self.ratings[(rater, ratee)].update(items)

    def data(self):
        orgs = [{"org_id": m, "name": m.upper(), **self.attrs[m]} for m in self.members]
        orgs += [{"org_id": f, "name": f.upper(), "type": "funder"} for f in self.extra]
        ratings = [{"rater": a, "ratee": b, **items} for (a, b), items in self.ratings.items()]
        columns = sorted({k for t in self.ties for k in t} - {"source", "target", "layer"})
        return lsm.from_frames(
            organizations=pd.DataFrame(orgs),
            coalitions=pd.DataFrame(
                {"coalition_id": [COALITION], "name": ["Coalition K"], "focus": [FOCUS]}
            ),
            memberships=pd.DataFrame({"org_id": self.members, "coalition_id": COALITION}),
            ties=pd.DataFrame(self.ties, columns=["source", "target", "layer", *columns]),
            ratings=pd.DataFrame(ratings) if ratings else None,
        )


def regular_graph(d: int, n: int, seed: int):
    """A connected random ``d``-regular graph (the first connected draw from ``seed`` on); for
    planted groups too small for ``d``, the largest degree that fits."""
    d = min(d, n - 1)
    d -= (n * d) % 2
    for k in range(1000):
        G = nx.random_regular_graph(d, n, seed=seed * 1000 + k)
        if nx.is_connected(G):
            return G
    raise RuntimeError(f"no connected {d}-regular graph on {n} nodes")


def homogeneous(G) -> Plant:
    """The null coalition of graph ``G`` (nodes 0..n-1) with homogeneous ratings."""
    plant = Plant(G.number_of_nodes())
    plant.graph_ties(G)
    plant.rate_partners()
    return plant


def base(n: int, seed: int) -> Plant:
    """An otherwise homogeneous coalition: a connected random 4-regular graph of ``n``."""
    return homogeneous(regular_graph(4, n, seed))


# -- planted patterns: each returns (data, [(code, entity), ...]) -----------------------------
def _others(plant: Plant, member: str, k: int) -> list[str]:
    """``k`` members with no tie to ``member``, in member order."""
    tied = {t["target"] for t in plant.ties if t["source"] == member}
    tied |= {t["source"] for t in plant.ties if t["target"] == member}
    return [m for m in plant.members if m != member and m not in tied][:k]


def plant_isolate(n, seed):
    p = base(n - 1, seed)
    x = p.add_member("x")
    return p, [("ISO-1", x)]


def plant_single_tie(n, seed):
    p = base(n - 1, seed)
    x = p.add_member("x")
    p.tie(x, p.members[0])
    p.rate_partners()
    return p, [("ISO-2", x)]


def plant_peripheral(n, seed):
    """A clique core (a quarter of the members), periphery members tied to half of the core
    each, and ``x`` tied to one core member."""
    p = Plant(0)
    k = max(4, n // 4)
    core = [p.add_member(f"c{i:03d}") for i in range(k)]
    for i, a in enumerate(core):
        for b in core[i + 1 :]:
            p.tie(a, b)
    for i in range(n - k - 1):
        q = p.add_member(f"p{i:03d}")
        for j in range(max(2, k // 2)):
            p.tie(q, core[(i + j) % k])
    x = p.add_member("x")
    p.tie(x, core[0])
    p.rate_partners()
    return p, [("ISO-3", x)]


def plant_unreciprocated(n, seed):
    """Every tie named by both ends, except ``x``'s three, named by ``x`` only."""
    G = regular_graph(4, n - 1, seed)
    p = Plant(n - 1)
    for u, v in G.edges():
        a, b = p.members[u], p.members[v]
        p.tie(a, b, reported_by=a)
        p.tie(b, a, reported_by=b)
    x = p.add_member("x")
    for other in p.members[:3]:
        p.tie(x, other, reported_by=x)
    return p, [("ISO-4", x)]


def plant_hub_and_spoke(n, seed):
    """A hub tied to everyone; the others in pairs."""
    p = Plant(n - 1)
    for a, b in zip(p.members[0::2], p.members[1::2], strict=False):
        p.tie(a, b)
    hub = p.add_member("hub")
    for m in p.members[:-1]:
        p.tie(hub, m)
    p.rate_partners()
    return p, [("DOM-1", COALITION), ("DOM-2", hub)]


def plant_concentrated(n, seed):
    """Every tie through one member (a star): half of all tie-ends on it."""
    p = Plant(n - 1)
    hub = p.add_member("hub")
    for m in p.members[:-1]:
        p.tie(hub, m)
    p.rate_partners()
    return p, [("DOM-3", COALITION), ("DOM-1", COALITION)]


def plant_dominant(n, seed):
    """A member with twice the ties of anyone else in a 4-regular coalition."""
    p = base(n - 1, seed)
    x = p.add_member("x")
    for m in p.members[: max(10, n // 3)]:
        p.tie(x, m)
    p.rate_partners()
    return p, [("DOM-2", x)]


def plant_single_point_of_failure(n, seed):
    """A group of 15 % of the members reached only through ``x``."""
    k = max(2, math.ceil(0.15 * n))
    p = base(n - k, seed)
    x = p.members[0]
    group = [p.add_member(f"g{i:03d}") for i in range(k)]
    for i, g in enumerate(group):
        p.tie(g, x)
        if k > 2 or i == 0:  # a cycle through the group (one tie for a pair)
            p.tie(g, group[(i + 1) % k])
    p.rate_partners()
    return p, [("DOM-4", x)]


def plant_gatekeeper(n, seed):
    """Two provinces, each a 4-regular graph, joined only through ``x`` (province A)."""
    half = (n - 1) // 2
    p = Plant(0)
    a = [p.add_member(f"a{i:03d}", province="A") for i in range(half)]
    b = [p.add_member(f"b{i:03d}", province="B") for i in range(n - 1 - half)]
    p.graph_ties(regular_graph(4, len(a), seed), a)
    p.graph_ties(regular_graph(4, len(b), seed + 1), b)
    x = p.add_member("x", province="A")
    for m in a[:3] + b[:3]:
        p.tie(x, m)
    p.rate_partners()
    return p, [("DOM-5", x)]


def plant_fragmented(n, seed):
    """Three separate 4-regular groups."""
    p = Plant(n)
    sizes = [n // 3, n // 3, n - 2 * (n // 3)]
    start = 0
    for i, size in enumerate(sizes):
        p.graph_ties(regular_graph(4, size, seed + i), p.members[start : start + size])
        start += size
    p.rate_partners()
    return p, [("FRG-1", COALITION), ("FRG-2", COALITION)]


def plant_siloed(n, seed):
    """A quarter of the members, from province B, tied among themselves and once outside."""
    k = max(3, n // 4)
    p = base(n - k, seed)
    group = [p.add_member(f"s{i:03d}", province="B") for i in range(k)]
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            p.tie(a, b)
    p.tie(group[0], p.members[0])
    p.rate_partners()
    return p, [("FRG-3", "province=B")]


def plant_thin(n, seed):
    """A chain of members (average degree below 2)."""
    p = Plant(n)
    order = np.random.default_rng(seed).permutation(n)
    for u, v in itertools.pairwise(order):
        p.tie(p.members[u], p.members[v])
    p.rate_partners()
    return p, [("FRG-4", COALITION)]


def plant_low_trust_member(n, seed):
    p = base(n, seed)
    x = p.members[0]
    for r in _partners(p, x):
        p.rate(r, x, **dict.fromkeys(TRUST_ITEMS, 1.5))
    return p, [("TRU-2", x)]


def _partners(p: Plant, x: str) -> list[str]:
    return [
        t["target"] if t["source"] == x else t["source"]
        for t in p.ties
        if x in (t["source"], t["target"])
    ]


def plant_strained_tie(n, seed):
    p = base(n, seed)
    a = p.members[0]
    b = _partners(p, a)[0]
    p.rate(a, b, **dict.fromkeys(TRUST_ITEMS, 1.5))
    p.rate(b, a, **dict.fromkeys(TRUST_ITEMS, 1.5))
    return p, [("TRU-3", (a, b))]


def plant_one_sided_trust(n, seed):
    p = base(n, seed)
    a = p.members[0]
    b = _partners(p, a)[0]
    p.rate(a, b, **dict.fromkeys(TRUST_ITEMS, 4.0))
    p.rate(b, a, **dict.fromkeys(TRUST_ITEMS, 1.5))
    return p, [("TRU-4", (a, b))]


def plant_low_network_trust(n, seed):
    p = homogeneous(regular_graph(4, n, seed))
    p.rate_partners(**dict.fromkeys(TRUST_ITEMS, 2.2))
    return p, [("TRU-1", COALITION)]


def plant_low_reciprocity(n, seed):
    """Every tie named by one end only."""
    G = regular_graph(4, n, seed)
    p = Plant(n)
    for u, v in G.edges():
        a, b = p.members[u], p.members[v]
        p.tie(a, b, reported_by=a)
    return p, [("TRU-5", COALITION)]


def plant_competition_without_trust(n, seed):
    p = base(n, seed)
    a = p.members[0]
    b = _others(p, a, 1)[0]
    p.tie(a, b, layer="competition")
    p.rate(a, b, **dict.fromkeys(TRUST_ITEMS, 2.0))
    p.rate(b, a, **dict.fromkeys(TRUST_ITEMS, 2.0))
    return p, [("CMP-3", (a, b))]


def _fund(p: Plant, funder: str, member: str, amount: float) -> None:
    if funder not in p.extra and funder not in p.members:
        p.extra.append(funder)
    p.tie(funder, member, layer="funding", amount=amount)


def plant_funder_overlap(n, seed):
    """``a`` and ``b`` share both their funders; every other member has four of its own."""
    p = base(n, seed)
    a, b = p.members[0], p.members[1]
    for m in p.members[2:]:
        for j in range(4):
            _fund(p, f"f_{m}_{j}", m, 100.0)
    for f in ("shared1", "shared2"):
        _fund(p, f, a, 100.0)
        _fund(p, f, b, 100.0)
    return p, [("CMP-1", (a, b))]


def plant_funding_concentration(n, seed):
    p = base(n, seed)
    x = p.members[0]
    for m in p.members[1:]:
        for j in range(8):
            _fund(p, f"f_{m}_{j}", m, 100.0)
    _fund(p, "big", x, 900.0)
    _fund(p, "small", x, 100.0)
    return p, [("CMP-4", x)]


def plant_niche_crowding(n, seed):
    """``x`` and three members it has no tie with also work on water (outside the focus)."""
    p = base(n, seed)
    x = p.members[0]
    for m in [x, *_others(p, x, 3)]:
        p.attrs[m]["issues"] = f"{FOCUS}|water"
    return p, [("CMP-2", x)]


def plant_dependence(n, seed):
    """Member ``a`` funds member ``b``: all of ``b``'s recorded funding, none back."""
    p = base(n, seed)
    a, b = p.members[0], p.members[1]
    p.tie(a, b, layer="funding", amount=100.0)
    return p, [("PWR-2", (a, b))]


def plant_asymmetric(n, seed):
    p = base(n, seed)
    a = p.members[0]
    b = _partners(p, a)[0]
    p.rate(a, b, power=4.0)
    p.rate(b, a, power=1.5)
    return p, [("PWR-1", (a, b))]


def plant_low_mission(n, seed):
    p = base(n, seed)
    x = p.members[0]
    for r in _partners(p, x):
        p.rate(r, x, mission=1.5)
    return p, [("MIS-1", x)]


def plant_misaligned(n, seed):
    p = homogeneous(regular_graph(4, n, seed))
    p.rate_partners(mission=2.0)
    return p, [("MIS-2", COALITION)]


def plant_issue_outlier(n, seed):
    p = base(n, seed)
    x = p.members[0]
    p.attrs[x]["issues"] = "mining"
    return p, [("MIS-3", x)]


def plant_low_response(n, seed):
    p = base(n, seed)
    for m in p.members[::2]:
        p.attrs[m]["respondent"] = False
    return p, [("DQ-1", COALITION)]


def plant_few_raters(n, seed):
    p = base(n, seed)
    x = p.members[0]
    for r in _partners(p, x)[1:]:
        del p.ratings[(r, x)]
    return p, [("DQ-2", x)]


def plant_central_non_respondent(n, seed):
    p = base(n - 1, seed)
    x = p.add_member("x", respondent=False)
    for m in p.members[: max(8, n // 3)]:
        if m != x:
            p.tie(x, m)
    return p, [("DQ-3", x)]


PATTERNS = {
    "isolate": plant_isolate,
    "single-tie dependent": plant_single_tie,
    "peripheral member": plant_peripheral,
    "unreciprocated member": plant_unreciprocated,
    "hub-and-spoke": plant_hub_and_spoke,
    "concentrated ties": plant_concentrated,
    "dominant member": plant_dominant,
    "single point of failure": plant_single_point_of_failure,
    "gatekeeper": plant_gatekeeper,
    "fragmented": plant_fragmented,
    "siloed group": plant_siloed,
    "thin network": plant_thin,
    "low-trust member": plant_low_trust_member,
    "strained tie": plant_strained_tie,
    "one-sided trust": plant_one_sided_trust,
    "low network trust": plant_low_network_trust,
    "low reciprocity": plant_low_reciprocity,
    "competition without trust": plant_competition_without_trust,
    "funder overlap": plant_funder_overlap,
    "funding concentration": plant_funding_concentration,
    "niche crowding": plant_niche_crowding,
    "one-way dependence": plant_dependence,
    "asymmetric dyad": plant_asymmetric,
    "low mission congruence": plant_low_mission,
    "misaligned ties": plant_misaligned,
    "issue-profile outlier": plant_issue_outlier,
    "low response": plant_low_response,
    "few raters": plant_few_raters,
    "central non-respondent": plant_central_non_respondent,
}


# -- running ----------------------------------------------------------------------------------
def _named(flags: pd.DataFrame, code: str) -> tuple[set, bool]:
    """Members named by the node/dyad rows of ``code``, and whether a network/group row
    exists."""
    rows = flags.loc[flags["code"] == code]
    named: set = set()
    for level, entity in zip(rows["level"], rows["entity"], strict=True):
        if level in ("node", "dyad"):
            named.update(entity.split("|"))
    return named, bool(rows["level"].isin(["network", "group"]).any())


def null_networks(plan: dict):
    """Yield ``(family, label, graph)`` for every null network of ``plan``."""
    for n in plan["complete"]:
        yield "complete", f"K{n}", nx.complete_graph(n)
    for d in (3, 4, 5, 6):
        for n in plan["regular"]:
            if n <= d or (n * d) % 2:
                continue
            for s in range(plan["regular_seeds"]):
                yield "regular", f"{d}-regular n={n} seed={s}", regular_graph(d, n, s)
    for n in plan["gnm"]:
        for d in plan["gnm_degrees"]:
            m = min(round(d * n / 2), n * (n - 1) // 2)
            for s in range(plan["gnm_seeds"]):
                yield "gnm", f"G({n},{m}) seed={s}", nx.gnm_random_graph(n, m, seed=s)
    for n in plan["gnm"]:
        m = min(2 * n, n * (n - 1) // 2)
        for s in range(plan["groups_seeds"]):
            G = nx.gnm_random_graph(n, m, seed=s)
            yield "gnm_groups", f"G({n},{m}) random groups seed={s}", G


def random_groups(plant: Plant, seed: int) -> Plant:
    """Give each member a province (3) and a type (2) drawn at random: groups with no
    relation to the ties, for the group-based flags (FRG-3, DOM-5's brokerage roles)."""
    rng = np.random.default_rng(seed)
    for m in plant.members:
        plant.attrs[m]["province"] = str(rng.choice(["A", "B", "C"]))
        plant.attrs[m]["type"] = str(rng.choice(["ngo", "cbo"]))
    return plant


def run_nulls(plan: dict) -> dict:
    codes = flag_codes()
    out: dict = {}
    for i, (family, label, G) in enumerate(null_networks(plan)):
        plant = homogeneous(G)
        if family == "gnm_groups":
            plant = random_groups(plant, i)
        flags = lsm.risk_flags(plant.data())
        fam = out.setdefault(
            family,
            {"networks": 0, "members": 0, "sizes": set(), "counts": dict.fromkeys(codes, 0)},
        )
        n = G.number_of_nodes()
        fam["networks"] += 1
        fam["members"] += n
        fam["sizes"].add(n)
        for code in codes:
            named, network = _named(flags, code)
            fam["counts"][code] += len(named) if not network else 1
            if family in HOMOGENEOUS and code in STRUCTURAL and (named or network):
                fam.setdefault("examples", []).append(f"{code} on {label}")
    for fam in out.values():
        fam["sizes"] = sorted(fam["sizes"])
        fam["rates"] = {}
        for code in codes:
            level = flag_info(code)["level"]
            units = fam["networks"] if level in ("network", "group") else fam["members"]
            fam["rates"][code] = fam["counts"][code] / units
        del fam["counts"]
        fam["examples"] = fam.get("examples", [])[:10]
    return out


def _hit(flags: pd.DataFrame, code: str, entity) -> bool:
    rows = flags.loc[flags["code"] == code, "entity"]
    if isinstance(entity, tuple):
        return f"{entity[0]}|{entity[1]}" in set(rows) or f"{entity[1]}|{entity[0]}" in set(rows)
    return entity in set(rows)


def run_planted(plan: dict) -> dict:
    out: dict = {}
    for name, make in PATTERNS.items():
        for n in plan["planted"]:
            for s in range(plan["planted_seeds"]):
                plant, expected = make(n, s)
                flags = lsm.risk_flags(plant.data())
                for code, entity in expected:
                    row = out.setdefault(
                        f"{name}: {code}",
                        {"pattern": name, "code": code, "cases": 0, "recalled": 0, "missed": []},
                    )
                    row["cases"] += 1
                    if _hit(flags, code, entity):
                        row["recalled"] += 1
                    else:
                        row["missed"].append(f"n={n} seed={s}")
    for row in out.values():
        row["recall"] = row["recalled"] / row["cases"]
        row["missed"] = row["missed"][:10]
    return out


def failures(results: dict) -> list[str]:
    """The goals of the specification that ``results`` misses."""
    missed = []
    for family in HOMOGENEOUS:
        for code in STRUCTURAL:
            rate = results["null"][family]["rates"][code]
            if rate > 0:
                missed.append(f"{code} fires on {family} nulls ({rate:.1%})")
    for code in SIZE_AWARE:
        rate = results["null"]["gnm"]["rates"][code]
        if rate > GNM_GOAL:
            missed.append(f"{code} flags {rate:.1%} of G(n, m) networks (goal ≤ 5 %)")
    for key, row in results["planted"].items():
        if row["recall"] < 1:
            missed.append(f"recall {row['recall']:.0%} on {key} (missed {row['missed']})")
    return missed


# -- the docs page ------------------------------------------------------------------------------
def _pct(x: float) -> str:
    if x == 0:
        return "0"
    return "< 0.1 %" if x < 0.0005 else f"{100 * x:.1f} %"


def page_markdown(results: dict) -> str:
    """The generated block of ``docs/calibration.md``."""
    null = results["null"]
    families = [f for f in ("complete", "regular", "gnm", "gnm_groups") if f in null]
    titles = {
        "complete": "complete",
        "regular": "random regular (3–6)",
        "gnm": "G(n, m)",
        "gnm_groups": "G(n, 2n), random groups",
    }
    lines = [
        f"Produced by `{results['command']}` (lsmnet {results['lsmnet']}, "
        f"{results['seconds'] / 60:.1f} min). Goals: "
        + ("**all met**." if not results["failures"] else "**missed**: ")
        + "; ".join(results["failures"]),
        "",
        "#### False-alarm rates on null networks",
        "",
        "| family | networks | members | sizes |",
        "|---|---:|---:|---|",
    ]
    for f in families:
        sizes = null[f]["sizes"]
        lines.append(
            f"| {titles[f]} | {null[f]['networks']} | {null[f]['members']:,} | "
            f"{sizes[0]}–{sizes[-1]} |"
        )
    lines += [
        "",
        "| code | level | " + " | ".join(titles[f] for f in families) + " | goal |",
        "|---|---|" + "---:|" * len(families) + "---|",
    ]
    for code in flag_codes():
        level = flag_info(code)["level"].replace("|", "/")  # a "|" would split the cell
        goal = []
        if code in STRUCTURAL:
            goal.append("0 on homogeneous")
        if code in SIZE_AWARE:
            goal.append("≤ 5 % on G(n, m)")
        cells = " | ".join(_pct(null[f]["rates"][code]) for f in families)
        lines.append(f"| {code} | {level} | {cells} | {', '.join(goal)} |")
    lines += [
        "",
        "#### Recall on planted patterns",
        "",
        "| pattern | code | networks | recall |",
        "|---|---|---:|---:|",
    ]
    for row in results["planted"].values():
        lines.append(
            f"| {row['pattern']} | {row['code']} | {row['cases']} | {row['recall']:.0%} |"
        )
    return "\n".join(lines) + "\n"


def render(page: str, results: dict) -> str:
    if not BLOCK.search(page):
        raise SystemExit(f"{PAGE} has no <!-- calibration --> ... <!-- /calibration --> block")
    return BLOCK.sub(lambda m: m.group(1) + page_markdown(results) + m.group(3), page)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes, few seeds (CI)")
    mode.add_argument("--page", action="store_true", help="rewrite docs/calibration.md")
    mode.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    parser.add_argument(
        "--out",
        help="results file (default: benchmarks/results/calibration.json for the full suite; "
        "the quick suite writes none unless asked)",
    )
    args = parser.parse_args(argv)
    if args.page or args.check:
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
        page = PAGE.read_text(encoding="utf-8")
        fresh = render(page, results)
        if args.check:
            if fresh != page:
                print(f"{PAGE} is stale: run python benchmarks/calibrate.py --page")
                return 1
            return 0
        PAGE.write_text(fresh, encoding="utf-8")
        return 0
    name = "quick" if args.quick else "full"
    plan = PLANS[name]
    started = time.time()
    results = {
        "command": "python benchmarks/calibrate.py" + (" --quick" if args.quick else ""),
        "lsmnet": lsm.__version__,
        "plan": plan,
        "goals": {
            "homogeneous": f"0 for {', '.join(STRUCTURAL)} on complete and regular graphs",
            "gnm": f"≤ {GNM_GOAL:.0%} of networks for {', '.join(SIZE_AWARE)}",
            "planted": "recall 100 % for every pattern",
        },
        "null": run_nulls(plan),
        "planted": run_planted(plan),
    }
    results["seconds"] = round(time.time() - started, 1)
    results["failures"] = failures(results)
    out = Path(args.out) if args.out else (None if args.quick else RESULTS)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(page_markdown(results))
    for f in results["failures"]:
        print("MISSED:", f, file=sys.stderr)
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

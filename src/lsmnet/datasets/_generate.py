"""Generator of the SYNTHETIC ``indonesia_demo`` dataset.

Run ``python -m lsmnet.datasets._generate --out src/lsmnet/datasets/data/indonesia_demo`` to
rebuild the shipped files; with the default seed the output is byte-identical to them (a test
checks this). Everything here is invented: organisation and coalition names are fictional and
any resemblance to real organisations is coincidental.

The fictional vocabulary (provinces and their weights, issues, coalitions, name parts) is in
:mod:`lsmnet.datasets._vocabulary`.

What the generator does, in order (all draws from one ``numpy.random.Generator``):

1. 250 organisations: 5 funders, 6 international NGOs, 6 academic centres, 3 government
   units, 3 private firms, the rest local NGOs (~70 %) and community organisations (~30 %);
   provinces drawn with Jakarta-heavy weights.
2. 13 coalitions: a 56-member security-sector-reform and human-rights coalition ``C01`` (the
   surveyed one), a climate-justice network ``C02``, a child-protection alliance ``C03`` and
   ten smaller ones, four of them regional. Members are drawn at random
   (regional coalitions prefer their provinces); every member gets at least one issue from
   the focus of each coalition it belongs to, except the planted mismatch.
3. Partnership ties in the four layers among coalition members (each partner pair gets one
   to three layers), a few background ties, funding ties from the five funders (directed,
   amounts in USD) and competition ties.
4. Survey ratings for ``C01``: 75 % of members answer (``respondent``) and rate the members
   they work with plus about half of the others on six 1-4 items.
5. The planted patterns (:func:`generate` returns their ids; they are written to
   ``planted.json``): a dominant hub in ``C01``, three isolated regional members (no ties in
   any layer), a gatekeeper that is the only link between a Sumatra cluster and the rest of
   ``C01``, a low-trust pair (all trust ratings <= 2 both ways) with the same issues, the same
   funder and a ``competition`` tie, and a member whose issues miss its coalition's focus.

Dates: memberships and ties start between 2018 and 2023; some end before 2025.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lsmnet.datasets._vocabulary import (
    ACADEMIC_TOPICS,
    COALITIONS,
    FUNDERS,
    GOVERNMENT,
    INGOS,
    ISSUES,
    PREFIXES,
    PRIVATE,
    PROVINCES,
    UNIVERSITIES,
    WORDS,
)

SEED = 20240917
N_ORGS = 250

TRUST = ("reliability", "mission", "openness")
VALUE = ("power", "involvement", "resources")
LAYER_PROB = {"network": 0.7, "advocacy": 0.45, "operational": 0.35, "capacity": 0.25}

START = pd.Timestamp("2018-01-01")
LAST_START = pd.Timestamp("2023-12-31")
HORIZON = pd.Timestamp("2024-12-31")


def _date(rng, low=START, high=LAST_START) -> pd.Timestamp:
    days = (high - low).days
    return low + pd.Timedelta(days=int(rng.integers(0, days + 1)))


class _Generator:
    """Holds the random state and the rows as they are drawn."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self.orgs: list[dict] = []
        self.memberships: list[dict] = []
        self.ties: list[dict] = []
        self.tie_keys: set[tuple] = set()
        self.ratings: list[dict] = []
        self.planted: dict = {}

    # -- organisations -------------------------------------------------------------------
    def _unique_name(self, used: set, make) -> str:
        while True:
            name = make()
            if name not in used:
                used.add(name)
                return name

    def organisations(self):
        rng = self.rng
        types = (
            ["funder"] * 5 + ["ingo"] * 6 + ["academic"] * 6 + ["government"] * 3 + ["private"] * 3
        )
        rest = N_ORGS - len(types)
        n_cbo = round(rest * 0.3)
        types += ["cbo"] * n_cbo + ["ngo"] * (rest - n_cbo)
        types = [types[i] for i in rng.permutation(len(types))]
        provinces = list(PROVINCES)
        weights = np.array(list(PROVINCES.values()))
        used: set[str] = set()
        fixed = {
            "funder": iter(FUNDERS),
            "ingo": iter(INGOS),
            "government": iter(GOVERNMENT),
            "private": iter(PRIVATE),
            "academic": iter(
                f"Pusat {t} Universitas {u}"
                for t, u in zip(ACADEMIC_TOPICS, UNIVERSITIES, strict=True)
            ),
        }
        for i, kind in enumerate(types, start=1):
            if kind in ("funder", "ingo", "private"):
                province = "DKI Jakarta"
            else:
                province = provinces[int(rng.choice(len(provinces), p=weights / weights.sum()))]
            if kind in fixed:
                name = next(fixed[kind])
                used.add(name)
            else:
                prefixes = PREFIXES[kind]

                def make(prefixes=prefixes, province=province):
                    a, b = rng.choice(len(WORDS), size=2, replace=False)
                    prefix = prefixes[int(rng.integers(len(prefixes)))]
                    place = "" if province == "DKI Jakarta" else f" {province}"
                    return f"{prefix} {WORDS[a]} {WORDS[b]}{place}"

                name = self._unique_name(used, make)
            budget_scale = {"funder": 2e6, "ingo": 8e5, "ngo": 1.2e5, "cbo": 2e4}.get(kind, 3e5)
            budget = float(round(budget_scale * rng.lognormal(0, 0.6), -2))
            self.orgs.append(
                {
                    "org_id": f"ORG{i:03d}",
                    "name": name,
                    "type": kind,
                    "province": province,
                    "issues": (),
                    "founded": int(rng.integers(1975, 2020)),
                    "budget": np.nan if rng.random() < 0.1 else budget,
                    "respondent": pd.NA,
                }
            )

    def _ids(self, kind=None, province=None, exclude=()) -> list[str]:
        out = []
        for o in self.orgs:
            if kind is not None and o["type"] not in kind:
                continue
            if province is not None and o["province"] not in province:
                continue
            if o["org_id"] in exclude:
                continue
            out.append(o["org_id"])
        return out

    def _pick(self, pool: list[str], k: int) -> list[str]:
        """``k`` distinct ids of ``pool`` in random order."""
        idx = self.rng.choice(len(pool), size=k, replace=False)
        return [pool[i] for i in idx]

    def _org(self, org_id: str) -> dict:
        return self.orgs[int(org_id[3:]) - 1]

    # -- coalitions and memberships ------------------------------------------------------
    def surveyed_coalition(self) -> list[str]:
        """Pick the members of C01, with the planted roles."""
        local = ("ngo", "cbo")
        sumatra = self._ids(kind=local, province=("Aceh", "Sumatera Utara"))
        gatekeeper, *cluster = self._pick(sumatra, 8)
        remote = []
        for province in ("Papua", "Maluku", "Nusa Tenggara Timur"):
            remote += self._pick(self._ids(kind=local, province=(province,)), 1)
        taken = {gatekeeper, *cluster, *remote}
        jakarta_ngos = self._ids(kind=("ngo",), province=("DKI Jakarta",), exclude=taken)
        hub, secretariat, pair_a, pair_b = self._pick(jakarta_ngos, 4)
        taken |= {hub, secretariat, pair_a, pair_b}
        mismatch = self._pick(
            self._ids(kind=("ngo",), province=("Jawa Tengah",), exclude=taken), 1
        )[0]
        taken.add(mismatch)
        others_pool = self._ids(
            kind=("ngo", "cbo", "ingo", "academic"),
            exclude=taken | set(sumatra),
        )
        jakarta_pool = [o for o in others_pool if self._org(o)["province"] == "DKI Jakarta"]
        other_pool = [o for o in others_pool if self._org(o)["province"] != "DKI Jakarta"]
        main = self._pick(jakarta_pool, 22) + self._pick(other_pool, 18)
        self.planted = {
            "coalition": "C01",
            "hub": hub,
            "secretariat": secretariat,
            "gatekeeper": gatekeeper,
            "cluster": sorted(cluster),
            "isolates": sorted(remote),
            "low_trust_pair": sorted([pair_a, pair_b]),
            "mismatch": mismatch,
            "main": sorted(main),
        }
        return sorted([hub, secretariat, gatekeeper, *cluster, *remote, pair_a, pair_b,
                       mismatch, *main])  # fmt: skip

    @property
    def protected(self) -> set[str]:
        """Planted C01 members that must not get ties or memberships elsewhere."""
        p = self.planted
        return {p["gatekeeper"], *p["cluster"], *p["isolates"], p["mismatch"]}

    def coalitions(self) -> dict[str, list[str]]:
        rng = self.rng
        members = {"C01": self.surveyed_coalition()}
        eligible = self._ids(kind=("ngo", "cbo", "ingo", "academic", "government", "private"))
        # the low-trust pair keeps identical issues, so it stays out of other coalitions
        single = self.protected | set(self.planted["low_trust_pair"])
        eligible = [o for o in eligible if o not in single]
        for cid, _, _, _, _, size, provinces in COALITIONS[1:]:
            if provinces:
                local = [o for o in eligible if self._org(o)["province"] in provinces]
                chosen = self._pick(local, min(len(local), size - 2))
                rest = [o for o in eligible if o not in chosen]
                chosen += self._pick(rest, size - len(chosen))
            else:
                jakarta = [o for o in eligible if self._org(o)["province"] == "DKI Jakarta"]
                n_jakarta = round(size * rng.uniform(0.4, 0.6))
                chosen = self._pick(jakarta, n_jakarta)
                rest = [o for o in eligible if o not in chosen]
                chosen += self._pick(rest, size - n_jakarta)
            members[cid] = sorted(chosen)
        return members

    def add_memberships(self, members: dict[str, list[str]]):
        rng = self.rng
        planted_c01 = {
            self.planted[k] for k in ("hub", "secretariat", "gatekeeper", "mismatch")
        } | set(
            self.planted["cluster"] + self.planted["isolates"] + self.planted["low_trust_pair"]
        )
        for cid, _, _, _, founded, _, _ in COALITIONS:
            opened = max(pd.Timestamp(f"{founded}-01-01"), START)
            ids = members[cid]
            order = [ids[i] for i in rng.permutation(len(ids))]
            if cid == "C01":
                chair, secretariat = self.planted["hub"], self.planted["secretariat"]
                order = [chair, secretariat] + [o for o in order if o not in (chair, secretariat)]
            n_founders = 2 if len(ids) >= 20 else 0
            roles = ["chair", "secretariat"] + ["founder"] * n_founders
            for rank, org_id in enumerate(order):
                role = roles[rank] if rank < len(roles) else "member"
                if role != "member":
                    start = opened
                elif cid == "C01" and org_id in planted_c01:
                    start = _date(rng, opened, pd.Timestamp("2021-12-31"))
                else:
                    start = _date(rng, opened, pd.Timestamp("2023-06-30"))
                end = pd.NaT
                if role == "member" and org_id not in planted_c01 and rng.random() < 0.08:
                    end = _date(rng, start + pd.Timedelta(days=180), HORIZON)
                self.memberships.append(
                    {
                        "org_id": org_id,
                        "coalition_id": cid,
                        "role": role,
                        "start": start,
                        "end": end,
                        "weight": 1.0,
                    }
                )

    def assign_issues(self, members: dict[str, list[str]]):
        rng = self.rng
        focus = {c[0]: c[3] for c in COALITIONS}
        belongs: dict[str, list[str]] = {}
        for cid, ids in members.items():
            for o in ids:
                belongs.setdefault(o, []).append(cid)
        p = self.planted
        for org in self.orgs:
            org_id = org["org_id"]
            if org_id == p["mismatch"]:
                org["issues"] = ("disaster-response", "health")
                continue
            if org_id in p["low_trust_pair"]:
                org["issues"] = ("human-rights", "security-sector-reform")
                continue
            if org["type"] == "funder":
                k = 3
                org["issues"] = tuple(
                    sorted(ISSUES[i] for i in rng.choice(len(ISSUES), k, replace=False))
                )
                continue
            issues = set()
            for cid in belongs.get(org_id, []):
                options = focus[cid]
                issues.add(options[int(rng.integers(len(options)))])
            if org_id == p["hub"]:
                issues |= {"human-rights", "security-sector-reform", "legal-aid"}
            n_extra = (
                1 if issues and rng.random() < 0.5 else (0 if issues else int(rng.integers(1, 4)))
            )
            for i in rng.choice(len(ISSUES), n_extra, replace=False):
                issues.add(ISSUES[i])
            org["issues"] = tuple(sorted(issues))

    # -- ties ------------------------------------------------------------------------------
    def _tie(self, a, b, layer, *, start, end=pd.NaT, weight=1.0, directed=False,
             amount=np.nan, reported_by=pd.NA):  # fmt: skip
        if not directed and self.rng.random() < 0.5:
            a, b = b, a
        key = (layer, a, b) if directed else (layer, *sorted((a, b)))
        if key in self.tie_keys:
            return
        self.tie_keys.add(key)
        self.ties.append(
            {
                "source": a,
                "target": b,
                "layer": layer,
                "weight": float(weight),
                "directed": directed,
                "start": start,
                "end": end,
                "amount": amount,
                "reported_by": reported_by,
            }
        )

    def partner(self, a, b, *, stable=False, reported_by=pd.NA):
        """Tie ``a`` and ``b`` in one to three partnership layers."""
        rng = self.rng
        if {a, b} == set(self.planted["low_trust_pair"]):
            return  # the planted competitors never partner
        layers = [layer for layer, p in LAYER_PROB.items() if rng.random() < p]
        if not layers:
            layers = ["network"]
        for layer in layers:
            if stable:
                start, end = _date(rng, START, pd.Timestamp("2021-12-31")), pd.NaT
            else:
                start = _date(rng)
                end = (
                    pd.NaT
                    if rng.random() < 0.85
                    else _date(rng, start + pd.Timedelta(days=90), HORIZON)
                )
            weight = float(rng.choice([1.0, 2.0, 3.0], p=[0.5, 0.35, 0.15]))
            self._tie(a, b, layer, start=start, end=end, weight=weight, reported_by=reported_by)

    def surveyed_ties(self):
        rng = self.rng
        p = self.planted
        core = sorted(
            [p["hub"], p["secretariat"], *p["low_trust_pair"], p["mismatch"], *p["main"]]
        )
        for o in core:
            if o != p["hub"] and (o == p["secretariat"] or rng.random() < 0.85):
                self.partner(p["hub"], o, stable=True)
        others = [o for o in core if o != p["hub"]]
        for a, b in itertools.combinations(others, 2):
            if rng.random() < 0.07:
                self.partner(a, b)
        tied = {o for key in self.tie_keys for o in key[1:]}
        for o in others:
            if o not in tied:  # only the planted isolates may lack ties
                self.partner(p["hub"], o, stable=True)
        gk = p["gatekeeper"]
        self.partner(gk, p["hub"], stable=True)
        for o in self._pick(p["main"], 3):
            self.partner(gk, o, stable=True)
        cluster = p["cluster"]
        for a, b in itertools.pairwise(cluster):  # a path keeps the cluster connected
            self.partner(a, b, stable=True)
        for a, b in itertools.combinations(cluster, 2):
            if rng.random() < 0.35:
                self.partner(a, b, stable=True)
        for o in self._pick(cluster, 4):
            self.partner(gk, o, stable=True)

    def coalition_ties(self, members: dict[str, list[str]]):
        rng = self.rng
        for cid, ids in members.items():
            if cid == "C01":
                continue
            prob = min(0.3, 3.5 / len(ids))
            for a, b in itertools.combinations(ids, 2):
                if rng.random() < prob:
                    self.partner(a, b)

    def background_ties(self, n: int = 60):
        kinds = ("ngo", "cbo", "ingo", "academic", "government", "private")
        pool = [o for o in self._ids(kind=kinds) if o not in self.protected]
        for _ in range(n):
            a, b = self._pick(pool, 2)
            self.partner(a, b)

    def funding_ties(self):
        rng = self.rng
        funders = self._ids(kind=("funder",))
        pool = [o for o in self._ids(kind=("ngo", "cbo", "academic")) if o not in self.protected]
        pair = self.planted["low_trust_pair"]
        pool = [o for o in pool if o not in pair]
        self.planted["shared_funder"] = funders[0]
        for f in funders:
            grantees = self._pick(pool, int(rng.integers(8, 19)))
            if f == funders[0]:
                grantees = sorted([*grantees, *pair])
            for g in grantees:
                start = _date(rng, START, pd.Timestamp("2023-06-30"))
                if g in pair:
                    start = _date(rng, START, pd.Timestamp("2020-12-31"))
                years = int(rng.integers(1, 4))
                end = min(start + pd.DateOffset(years=years) - pd.Timedelta(days=1), HORIZON)
                amount = float(round(rng.lognormal(np.log(60000), 0.7), -3))
                self._tie(f, g, "funding", start=start, end=end, directed=True, amount=amount)

    def competition_ties(self):
        pair = self.planted["low_trust_pair"]
        self._tie(pair[0], pair[1], "competition", start=pd.Timestamp("2020-03-01"))
        c01 = set(self.planted["main"]) | {self.planted["hub"], self.planted["secretariat"]}
        pool = [
            o for o in self._ids(kind=("ngo", "cbo")) if o not in self.protected | c01 | set(pair)
        ]
        for _ in range(4):
            a, b = self._pick(pool, 2)
            self._tie(a, b, "competition", start=_date(self.rng))

    # -- survey ----------------------------------------------------------------------------
    def survey(self, members: list[str]):
        rng = self.rng
        p = self.planted
        must = {p["hub"], p["secretariat"], p["gatekeeper"], p["mismatch"], *p["low_trust_pair"]}
        optional = [o for o in members if o not in must and o not in p["isolates"]]
        n_yes = round(0.75 * len(members)) - len(must)
        yes = set(self._pick(optional, n_yes)) | must
        for o in members:
            self._org(o)["respondent"] = o in yes
        for tie in self.ties:
            ends = [o for o in (tie["source"], tie["target"]) if o in yes]
            if tie["layer"] in LAYER_PROB and ends:
                tie["reported_by"] = ends[0]
        tied = {(t["source"], t["target"]) for t in self.ties if t["layer"] in LAYER_PROB}
        tied |= {(b, a) for a, b in tied}
        rater_bias = {o: rng.normal(0, 0.2) for o in members}
        ratee_bias = {o: rng.normal(0, 0.2) for o in members}
        pair = set(p["low_trust_pair"])
        for rater in members:
            if rater not in yes:
                continue
            for ratee in members:
                if ratee == rater:
                    continue
                known = (rater, ratee) in tied or ratee == p["hub"] or {rater, ratee} == pair
                if not known and rng.random() >= 0.5:
                    continue
                row = {"rater": rater, "ratee": ratee}
                base = 3.15 + rater_bias[rater] + ratee_bias[ratee] + (0.3 if known else 0.0)
                for item in TRUST:
                    row[item] = base + rng.normal(0, 0.45)
                row["power"] = 2.3 + ratee_bias[ratee] + rng.normal(0, 0.6)
                row["involvement"] = 2.6 + rng.normal(0, 0.6)
                row["resources"] = 2.4 + rng.normal(0, 0.6)
                if ratee == p["hub"]:
                    row["power"] = 4.0
                    row["resources"] = 3.6 + rng.normal(0, 0.3)
                if ratee == p["mismatch"]:
                    row["mission"] = 1.0 + rng.random()
                if ratee in p["isolates"]:
                    row["involvement"] = 1.0 + rng.random()
                if {rater, ratee} == pair:
                    row.update(reliability=2.0, mission=2.0, openness=1.0)
                for item in (*TRUST, *VALUE):
                    value = float(np.clip(np.round(row[item]), 1, 4))
                    row[item] = np.nan if rng.random() < 0.03 and {rater, ratee} != pair else value
                self.ratings.append(row)
        self._keep_pair_unique(pair)

    def _keep_pair_unique(self, pair: set):
        """Raise the trust ratings of any other pair whose mean trust is <= 2 both ways."""
        trust = pd.DataFrame(self.ratings)
        low = trust[list(TRUST)].mean(axis=1, skipna=True) <= 2
        low_pairs = {(r, e) for r, e in trust.loc[low, ["rater", "ratee"]].itertuples(index=False)}
        for row in self.ratings:
            r, e = row["rater"], row["ratee"]
            if {r, e} != pair and (r, e) in low_pairs and (e, r) in low_pairs:
                row.update(dict.fromkeys(TRUST, 3.0))
                low_pairs.discard((r, e))

    def frames(self) -> dict[str, pd.DataFrame]:
        coalitions = pd.DataFrame(
            [
                {"coalition_id": c[0], "name": c[1], "kind": c[2], "focus": c[3], "founded": c[4]}
                for c in COALITIONS
            ]
        )
        return {
            "organizations": pd.DataFrame(self.orgs),
            "coalitions": coalitions,
            "memberships": pd.DataFrame(self.memberships),
            "ties": pd.DataFrame(self.ties),
            "ratings": pd.DataFrame(self.ratings),
        }


def generate(seed: int = SEED) -> tuple[dict[str, pd.DataFrame], dict]:
    """Draw the ``indonesia_demo`` tables.

    Parameters
    ----------
    seed : int, default :data:`SEED`
        Seed of the random generator; the shipped files use the default.

    Returns
    -------
    tables : dict of str to pandas.DataFrame
        ``organizations``, ``coalitions``, ``memberships``, ``ties``, ``ratings``, ready for
        :func:`lsmnet.model.from_frames`.
    planted : dict
        Ids of the planted patterns (the content of ``planted.json``).

    Examples
    --------
    >>> tables, planted = generate()
    >>> len(tables["organizations"]), planted["coalition"]
    (250, 'C01')
    """
    g = _Generator(seed)
    g.organisations()
    members = g.coalitions()
    g.add_memberships(members)
    g.assign_issues(members)
    g.surveyed_ties()
    g.coalition_ties(members)
    g.background_ties()
    g.funding_ties()
    g.competition_ties()
    g.survey(members["C01"])
    planted = {
        "synthetic": True,
        "seed": seed,
        "coalition": "C01",
        "dominant_hub": g.planted["hub"],
        "isolated_members": g.planted["isolates"],
        "gatekeeper": g.planted["gatekeeper"],
        "gatekeeper_cluster": g.planted["cluster"],
        "low_trust_pair": g.planted["low_trust_pair"],
        "shared_funder": g.planted["shared_funder"],
        "issue_mismatch": {"org_id": g.planted["mismatch"], "coalition_id": "C01"},
    }
    return g.frames(), planted


def write(out: str | os.PathLike[str], seed: int = SEED) -> Path:
    """Generate the dataset and write its CSV files and ``planted.json`` into ``out``."""
    from lsmnet.model import from_frames

    out = Path(out)
    tables, planted = generate(seed)
    data = from_frames(
        **tables,
        source="indonesia_demo (SYNTHETIC: fictional organisations and coalitions)",
        meta={
            "provenance": f"python -m lsmnet.datasets._generate (seed {seed})",
            "notes": "SYNTHETIC data with planted patterns; see planted.json and SOURCE.md",
        },
    )
    data.to_csv(out)
    (out / "planted.json").write_text(
        json.dumps(planted, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lsmnet.datasets._generate",
        description="Write the SYNTHETIC indonesia_demo dataset (CSV tables + planted.json).",
    )
    parser.add_argument("--out", required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    write(args.out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

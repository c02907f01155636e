"""priorities(): the whole-column digest equals the row-by-row one it replaced (issue 18).

Reference: ``reference_digest`` below is a copy of the row-by-row assembly that
``lsmnet.risk.priorities`` used before it was vectorised (a pandas ``groupby`` and
``sort_values`` per conversation, every conversation worded, then ranked). It is kept here,
unchanged, as the brute-force reference: the fast digest must give the same table (rows,
order, strings, dtypes) and the same ``attrs``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.datasets._generate import generate
from lsmnet.model import from_frames
from lsmnet.risk.catalog import flag_codes, flag_info, join_names, message
from lsmnet.risk.priorities import (
    COLUMNS,
    NAMED_MEMBERS,
    RATING_CATEGORIES,
    SEVERITY_WEIGHT,
    SHARED_MIN,
    flag_scores,
    priorities,
)
from lsmnet.risk.stage import phrase

# -- the brute-force reference: the row-by-row digest, as it was ---------------------------


def _ref_names(data) -> dict:
    def named(ids, labels):
        return {
            str(i): (str(n) if pd.notna(n) and str(n) else str(i))
            for i, n in zip(ids, labels, strict=True)
        }

    orgs, coalitions = data.organizations, data.coalitions
    return {
        "org": named(orgs["org_id"], orgs["name"]),
        "coalition": named(coalitions["coalition_id"], coalitions["name"]),
    }


def _ref_info(code):
    try:
        return flag_info(code)
    except KeyError:
        return {}


def _ref_thin(register):
    dq2 = register.loc[register["code"] == "DQ-2", ["coalition", "entity"]]
    few = set(zip(dq2["coalition"], dq2["entity"].astype(str), strict=True))
    low = set(register.loc[register["code"] == "DQ-1", "coalition"])
    noted = register["note"].notna() if "note" in register.columns else None
    why = []
    for i, (code, category, level, entity, unit) in enumerate(
        register[["code", "category", "level", "entity", "coalition"]].itertuples(
            index=False, name=None
        )
    ):
        ends = str(entity).split("|") if level == "dyad" else [str(entity)]
        if code.startswith("DQ-"):
            why.append(None)
        elif level in ("node", "dyad") and any((unit, e) in few for e in ends):
            why.append("few_raters")
        elif (noted is not None and bool(noted.iloc[i])) or (
            unit in low
            and (category in RATING_CATEGORIES or _ref_info(code).get("missing_data_sensitive"))
        ):
            why.append("low_response")
        else:
            why.append(None)
    return pd.Series(why, index=register.index, dtype=object)


def _ref_conversations(register, thin):
    register = register.assign(_score=flag_scores(register, thin), _thin=thin)
    node = register["level"] == "node"
    raised = register.loc[node].groupby(["coalition", "code"])["entity"].transform("nunique")
    shared = pd.Series(False, index=register.index)
    shared.loc[raised.index] = raised >= SHARED_MIN
    keys = [
        ("network", f"{unit}#{category}") if level == "network" or common else (level, str(entity))
        for level, entity, unit, category, common in zip(
            register["level"],
            register["entity"],
            register["coalition"],
            register["category"],
            shared,
            strict=True,
        )
    ]
    register["_key"] = keys
    for (unit, key), group in register.groupby(["coalition", "_key"], sort=True):
        yield (unit, key), group.sort_values("_score", ascending=False, kind="stable")


def _ref_subject(level, entity, unit, names, lang):
    if level == "dyad":
        ends = sorted(entity.split("|"))
        return " – ".join(ends), " – ".join(names["org"].get(e, e) for e in ends)
    if level == "node":
        return entity, names["org"].get(entity, entity)
    if level == "group" and "=" in entity:
        attribute, value = entity.split("=", 1)
        if attribute in ("type", "province", "issues"):
            attribute = message(f"attributes.{attribute}", lang)
        return entity, phrase("priorities.group", lang, value=value, attribute=attribute)
    if unit == "network":
        return "network", phrase("priorities.network", lang)
    return unit, names["coalition"].get(unit, unit)


def _ref_conversation(unit, key, group, names, lang):
    level = key[0]
    first = group.iloc[0]
    entity = str(first["entity"]) if level != "network" else str(unit)
    subject, subject_name = _ref_subject(level, entity, unit, names, lang)
    codes = list(dict.fromkeys(group["code"]))
    categories = list(dict.fromkeys(group["category"]))
    severity = max(group["severity"], key=lambda s: SEVERITY_WEIGHT.get(s, 0.0))
    titles = [_ref_info(c).get("title", {}).get(lang, c) for c in codes]
    thin = (
        phrase("priorities.thin", lang, why=phrase(f"priorities.why.{first['_thin']}", lang))
        if first["_thin"] is not None
        else ""
    )
    spoken = (
        join_names([names["org"].get(e, e) for e in subject.split(" – ")], lang)
        if level == "dyad"
        else subject_name
    )
    members = list(dict.fromkeys(group.loc[group["level"] == "node", "entity"].astype(str)))
    fields = {}
    if level == "network" and members:
        level = "shared"
        shown = members if len(members) <= NAMED_MEMBERS + 1 else members[:NAMED_MEMBERS]
        named = [names["org"].get(m, m) for m in shown]
        if len(members) > len(shown):
            named.append(phrase("priorities.others", lang, n=len(members) - NAMED_MEMBERS))
        fields["members"] = join_names(named, lang)
    explanation = phrase(
        f"priorities.sentence.{level}",
        lang,
        name=spoken,
        topics=join_names([phrase(f"priorities.topics.{c}", lang) for c in categories], lang),
        thin=thin,
        **fields,
    )
    return {
        "coalition": str(unit),
        "subject": subject,
        "subject_name": subject_name,
        "codes": ";".join(codes),
        "severity": severity,
        "score": float(group["_score"].iloc[0]),
        "title": "; ".join(titles),
        "explanation": explanation,
        "n_flags": len(group),
    }


def reference_digest(data, flags, *, top=5, lang="en", coalition=None):
    """The digest of a given register, row by row (the implementation before issue 18)."""
    if coalition is not None:
        wanted = {coalition} if isinstance(coalition, str) else set(coalition)
        flags = flags.loc[flags["coalition"].isin(wanted).fillna(False).to_numpy(bool)]
    names = _ref_names(data)
    register = flags.assign(
        coalition=flags["coalition"].astype(object).where(flags["coalition"].notna(), "network")
    )
    thin = _ref_thin(register)
    quality = register["code"].str.startswith("DQ-").to_numpy(bool)
    rows = [
        _ref_conversation(unit, key, group, names, lang)
        for (unit, key), group in _ref_conversations(register.loc[~quality], thin.loc[~quality])
    ]
    table = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"])
    if table.empty:
        dtypes = {"rank": int, "n_flags": int, "score": float}
        out = pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, object)) for c in COLUMNS})
    else:
        table["_network"] = table["coalition"] == "network"
        table = table.sort_values(
            ["_network", "coalition", "score", "n_flags", "subject"],
            ascending=[True, True, False, False, True],
            kind="stable",
        )
        table["rank"] = table.groupby("coalition", sort=False).cumcount() + 1
        out = table.loc[table["rank"] <= top, list(COLUMNS)].reset_index(drop=True)
        out["rank"] = out["rank"].astype(int)
        out["n_flags"] = out["n_flags"].astype(int)
    out.attrs = {"top": int(top), "flags": len(flags)}
    return out


def assert_same_digest(data, flags, **kwargs):
    fast = priorities(data, flags=flags, **kwargs)
    slow = reference_digest(data, flags, **kwargs)
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    assert fast.attrs == slow.attrs
    return fast


# -- data ---------------------------------------------------------------------------------

#: Keeps every conversation of these registers: the whole ranking and every sentence compared.
ALL = 10_000


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def demo_flags(demo):
    return lsm.risk_flags(demo)


@pytest.fixture(scope="module")
def sector():
    """Another draw of the example's generator: 250 organisations, other coalitions."""
    tables, _ = generate(seed=2024)
    data = from_frames(**tables)
    return data, lsm.risk_flags(data)


def small_data():
    orgs = pd.DataFrame(
        {"org_id": list("abcdef"), "name": ["Ana", "Budi", "Citra", "Dewi", "Eko", "Fajar"]}
    )
    members = pd.DataFrame({"org_id": list("abcdef"), "coalition_id": list("KKKKLL")})
    coalitions = pd.DataFrame({"coalition_id": ["K", "L"], "name": ["Koalisi K", "Koalisi L"]})
    return lsm.from_frames(orgs, memberships=members, coalitions=coalitions)


def flag(code, level, entity, severity, value, threshold, coalition="K", note=None):
    return {
        "code": code,
        "category": flag_info(code)["category"] if code in flag_codes() else "dominance",
        "level": level,
        "entity": entity,
        "coalition": coalition,
        "severity": severity,
        "value": value,
        "threshold": threshold,
        "explanation": "",
        "caveat": "",
        "measure": "",
        "note": note,
    }


def register(rows):
    frame = pd.DataFrame(list(rows))
    frame["coalition"] = frame["coalition"].astype("string")
    frame["note"] = frame["note"].astype("string")
    return frame


def random_register(seed, size):
    """A seeded register over few subjects and a coarse grid of values: many equal scores,
    shared codes, both orientations of a pair, groups, unknown ids, flags on the whole network
    (no coalition), thin data (DQ-1, DQ-2, notes) and a code the catalogue lacks."""
    rng = np.random.default_rng(seed)
    codes = [*flag_codes(), "XYZ-9"]
    orgs = [*"abcdef", "zz"]
    groups = ["province=Aceh", "type=NGO", "size=big", "ungrouped"]
    rows = []
    for _ in range(size):
        code = codes[rng.integers(len(codes))]
        info = flag_info(code) if code != "XYZ-9" else {"level": "node", "severities": ["watch"]}
        level = rng.choice(info["level"].split("|"))
        coalition = [None, "K", "L", "L"][rng.integers(4)]
        if level == "node":
            entity = orgs[rng.integers(len(orgs))]
        elif level == "dyad":
            ends = rng.choice(orgs, size=2, replace=False)
            entity = f"{ends[0]}|{ends[1]}"
        elif level == "group":
            entity = groups[rng.integers(len(groups))]
        else:
            entity = coalition or "network"
        rows.append(
            flag(
                code,
                level,
                entity,
                info["severities"][rng.integers(len(info["severities"]))],
                [0.0, 0.5, 1.0, 2.0][rng.integers(4)],
                [0.0, 0.5, 1.0][rng.integers(3)],
                coalition=coalition,
                note="Sensitive to missing data (DQ-1)." if rng.random() < 0.1 else None,
            )
        )
    return register(rows)


# -- the fast digest equals the row-by-row one ----------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("coalition", [None, "C01", ["C04", "C02"]])
@pytest.mark.parametrize("top", [5, 1, ALL])
def test_example_dataset(demo, demo_flags, lang, coalition, top):
    digest = assert_same_digest(demo, demo_flags, top=top, lang=lang, coalition=coalition)
    assert not digest.empty


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("top", [5, ALL])
def test_synthetic_sector(sector, lang, top):
    data, flags = sector
    assert_same_digest(data, flags, top=top, lang=lang)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("top", [2, ALL])
def test_random_registers_with_many_ties(seed, top):
    flags = random_register(seed, size=60 + 40 * seed)
    lang = "id" if seed % 2 else "en"
    assert_same_digest(small_data(), flags, top=top, lang=lang)


def test_equal_scores_keep_a_stable_order():
    # every flag below scores 2.4 (watch, distance capped at 1); the expected order is
    # worked out by hand from the documented keys: score, then flags, then subject, then
    # the sorted (level, subject key) of the conversation
    flags = register(
        [
            flag("PWR-1", "dyad", "b|a", "watch", 2.0, 1.0),
            flag("PWR-2", "dyad", "a|b", "watch", 2.0, 1.0),
            flag("FRG-2", "network", "K", "watch", 2.0, 1.0),
            flag("DOM-1", "network", "K", "watch", 2.0, 1.0),
            flag("ISO-2", "node", "c", "watch", 2.0, 1.0),
            flag("DOM-2", "node", "c", "watch", 2.0, 1.0),
            flag("ISO-2", "node", "d", "watch", 2.0, 1.0),
            flag("ISO-2", "node", "e", "watch", 2.0, 1.0, coalition="L"),
        ]
    )
    digest = assert_same_digest(small_data(), flags, top=ALL)
    assert digest["subject"].tolist() == ["c", "K", "K", "a – b", "a – b", "d", "e"]
    # equal flags inside a conversation keep the register's order
    assert digest["codes"].tolist()[:3] == ["ISO-2;DOM-2", "DOM-1", "FRG-2"]
    assert digest["codes"].tolist()[3:5] == ["PWR-2", "PWR-1"]
    assert digest["rank"].tolist() == [1, 2, 3, 4, 5, 6, 1]
    assert digest["score"].tolist() == pytest.approx([2.4] * 7)


def test_empty_and_quality_only_registers():
    dq = register([flag("DQ-2", "node", "a", "info", 2, 3)])
    for flags in (dq, dq.iloc[:0]):
        digest = assert_same_digest(small_data(), flags)
        assert digest.empty and list(digest.columns) == list(COLUMNS)


@pytest.mark.parametrize(
    "variant",
    [
        lambda f: f.set_axis(np.random.default_rng(0).permutation(len(f)) * 7),
        lambda f: f.assign(coalition=f["coalition"].astype(object).where(f["coalition"].notna())),
        lambda f: f.drop(columns="note"),
    ],
    ids=["shuffled-index", "object-coalition", "no-note-column"],
)
def test_registers_built_by_hand(variant):
    assert_same_digest(small_data(), variant(random_register(3, size=150)), top=3)

"""priorities(): the prioritised digest of the risk register.

References: hand-built registers whose ranking follows from the documented score
(severity 3/2/1 + 0.4 x min(1, |v - t| / |t|) - 0.5 on thin data), and the bundled example.
"""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.risk.priorities import COLUMNS, priorities


@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


@pytest.fixture(scope="module")
def demo_flags(demo):
    return lsm.risk_flags(demo)


def small_data():
    orgs = pd.DataFrame(
        {"org_id": list("abcdef"), "name": ["Ana", "Budi", "Citra", "Dewi", "Eko", "Fajar"]}
    )
    members = pd.DataFrame({"org_id": list("abcdef"), "coalition_id": "K"})
    coalitions = pd.DataFrame({"coalition_id": ["K"], "name": ["Koalisi K"]})
    return lsm.from_frames(orgs, memberships=members, coalitions=coalitions)


def flag(code, category, level, entity, severity, value, threshold, coalition="K", note=None):
    return {
        "code": code,
        "category": category,
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


def register(*rows):
    frame = pd.DataFrame(list(rows))
    frame["coalition"] = frame["coalition"].astype("string")
    frame["note"] = frame["note"].astype("string")
    return frame


def test_digest_of_the_example_is_short_and_names_members(demo, demo_flags):
    digest = priorities(demo, flags=demo_flags)
    assert list(digest.columns) == list(COLUMNS)
    assert digest.groupby("coalition").size().max() <= 5
    assert set(digest["coalition"]) <= set(demo.coalitions["coalition_id"])
    names = set(demo.organizations["name"])
    ids = set(demo.organizations["org_id"])
    for row in digest.itertuples():
        assert row.codes and row.n_flags >= len(row.codes.split(";"))
        # names, never ids, in what a reader sees
        assert not any(i in re.findall(r"ORG\d+", row.subject_name + row.explanation) for i in ids)
        if re.fullmatch(r"ORG\d+", row.subject):
            assert row.subject_name in names
            assert row.subject_name in row.explanation
    # ranks 1..k within each coalition, scores non-increasing
    for _, part in digest.groupby("coalition"):
        assert part["rank"].tolist() == list(range(1, len(part) + 1))
        assert part["score"].is_monotonic_decreasing


def test_digest_recomputes_the_register_when_not_given(demo, demo_flags):
    given = priorities(demo, flags=demo_flags, coalition="C04")
    computed = priorities(demo, coalition="C04")
    pd.testing.assert_frame_equal(given, computed)
    assert set(given["coalition"]) == {"C04"}


def test_one_member_with_four_related_flags_is_one_conversation():
    flags = register(
        flag("DOM-2", "dominance", "node", "a", "watch", 0.40, 0.20),
        flag("DOM-4", "dominance", "node", "a", "watch", 0.30, 0.10),
        flag("DOM-5", "dominance", "node", "a", "watch", 0.60, 0.25),
        flag("ISO-3", "isolation", "node", "b", "info", 0.1, 0.25),
        flag("DOM-1", "dominance", "network", "K", "high", 0.80, 0.50),
        flag("DOM-3", "dominance", "network", "K", "watch", 0.20, 0.15),
    )
    flags = pd.concat(
        [flags, register(flag("DQ-2", "data_quality", "node", "b", "info", 2, 3))],
        ignore_index=True,
    )
    digest = priorities(small_data(), flags=flags)
    assert digest["subject"].tolist() == ["K", "a", "b"]
    hub = digest.set_index("subject").loc["a"]
    # distances 1, 2 and 1.4, all capped at 1: equal scores keep the register's order
    assert hub["codes"] == "DOM-2;DOM-4;DOM-5"
    assert hub["n_flags"] == 3
    assert hub["severity"] == "watch"
    assert hub["score"] == pytest.approx(2.4)
    assert hub["subject_name"] == "Ana"
    assert hub["explanation"].startswith("Talk with Ana about how much of the work")
    whole = digest.set_index("subject").loc["K"]
    assert whole["codes"] == "DOM-1;DOM-3" and whole["subject_name"] == "Koalisi K"
    assert whole["score"] == pytest.approx(3 + 0.4 * 0.6)
    # b: info, distance 0.6, thin (DQ-2, fewer than 3 raters): 1 + 0.24 - 0.5
    thin = digest.set_index("subject").loc["b"]
    assert thin["score"] == pytest.approx(0.74)
    assert "fewer than 3 raters" in thin["explanation"]


def test_thin_data_ranks_below_well_founded_flags_of_the_same_severity():
    note = "Sensitive to missing data (DQ-1)."
    flags = register(
        flag("DOM-5", "dominance", "node", "a", "watch", 0.9, 0.25, note=note),
        flag("ISO-2", "isolation", "node", "c", "watch", 1, 1),
        flag("ISO-1", "isolation", "node", "d", "high", 0, 0),
    )
    digest = priorities(small_data(), flags=flags)
    assert digest["subject"].tolist() == ["d", "c", "a"]
    assert digest["score"].tolist() == pytest.approx([3.0, 2.0, 1.9])  # 2 + 0.4 - 0.5
    assert "low response rate" in digest.loc[2, "explanation"]


def test_dyads_groups_and_shared_codes():
    flags = register(
        flag("PWR-1", "power", "dyad", "c|b", "watch", 2.0, 1.5),
        flag("FRG-3", "fragmentation", "group", "province=Aceh", "watch", -0.8, -0.5),
        *(flag("CMP-4", "competition", "node", o, "high", 0.5, 0.25) for o in "abcde"),
    )
    digest = priorities(small_data(), flags=flags, lang="id").set_index("codes")
    pair = digest.loc["PWR-1"]
    assert pair["subject"] == "b – c" and pair["subject_name"] == "Budi – Citra"
    assert "Budi dan Citra" in pair["explanation"]
    group = digest.loc["FRG-3"]
    assert group["subject_name"] == "Aceh (provinsi)"
    # five members with the same code: one coalition-wide conversation naming them
    shared = digest.loc["CMP-4"]
    assert shared["n_flags"] == 5 and shared["subject"] == "K"
    assert "Ana, Budi, Citra dan 2 lainnya" in shared["explanation"]


def test_top_and_ordering_are_deterministic():
    flags = register(*(flag("ISO-2", "isolation", "node", o, "watch", 1, 1) for o in "fedcba"))
    digest = priorities(small_data(), flags=flags.iloc[:2], top=1)
    assert digest["subject"].tolist() == ["e"]  # tie on score and size: by subject
    assert digest.attrs == {"top": 1, "flags": 2}


def test_whole_network_without_coalitions():
    G = nx.star_graph(5)
    G.add_node(9)
    data = lsm.from_graph(G)
    digest = priorities(data)
    assert set(digest["coalition"]) == {"network"}
    assert len(digest) <= 5


def test_empty_register_gives_an_empty_table():
    flags = register(flag("ISO-2", "isolation", "node", "a", "watch", 1, 1)).iloc[:0]
    digest = priorities(small_data(), flags=flags)
    assert digest.empty and list(digest.columns) == list(COLUMNS)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"top": 0}, "'top'"),
        ({"lang": "fr"}, "'lang'"),
        ({"flags": pd.DataFrame({"code": []})}, "'flags'.*missing"),
        ({"flags": [1, 2]}, "'flags'.*list"),
        (
            {
                "flags": register(flag("ISO-2", "isolation", "node", "a", "watch", 1, 1)),
                "coalition": "X",
            },
            "'coalition'.*'X'",
        ),
    ],
)
def test_errors(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        priorities(small_data(), **kwargs)

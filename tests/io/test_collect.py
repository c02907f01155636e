"""errors="collect": the valid rows are kept and every other row is listed in .set_aside.

The invariant checked throughout: for every table, rows in = rows kept + rows set aside, and
a row that refers to a set-aside organisation or coalition is set aside too, with that reason.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import lsmnet
from lsmnet.exceptions import SchemaError
from lsmnet.model import TABLE_NAMES, RowsSetAsideWarning

BAD_ROWS = {  # spreadsheet row -> (source, target, layer, weight, start), reason matched
    17: (("o1", "o1", "network", "1", ""), "to itself"),
    250: (("o2", "o3", "netwrk", "1", ""), "unknown layer"),
    401: (("o4", "o5", "advocacy", "-2", ""), "negative"),
    777: (("o6", "o7", "advocacy", "x", ""), "not a number"),
    1200: (("o8", "zz", "advocacy", "1", ""), "unknown organisation 'zz'"),
    1500: (("o9", "o10", "capacity", "1", "31/13/2020"), "not a date"),
    2001: (("", "o10", "capacity", "1", ""), "source is empty"),
    2345: (("o11", "o12", "network", "1", "2021-02-30"), "not a date"),
    2800: (("o13", "o14", "funding", "1e400", ""), "not a number"),
    3001: (("o2", "o3", "network", "0.5", "2020-01-01"), "exact duplicate of row 2"),
}


def ties_file(tmp_path):
    rng = np.random.default_rng(7)
    n = 3000
    src = rng.integers(0, 40, n)
    tgt = (src + rng.integers(1, 40, n)) % 40
    rows = [["o2", "o3", "network", "0.5", "2020-01-01"]]  # row 2
    rows += [
        [f"o{s}", f"o{t}", str(rng.choice(["network", "advocacy"])), f"{w:.4f}", ""]
        for s, t, w in zip(src, tgt, np.arange(1, n + 1) / 10, strict=True)
    ]
    rows = rows[:2999]  # data rows 2..3000; bad ones replace some and one is appended
    for row, (cells, _) in BAD_ROWS.items():
        if row - 2 < len(rows):
            rows[row - 2] = list(cells)
        else:
            rows.append(list(cells))
    text = "source,target,layer,weight,start\n" + "".join(",".join(r) + "\n" for r in rows)
    (tmp_path / "ties.csv").write_text(text)
    (tmp_path / "organizations.csv").write_text("org_id\n" + "".join(f"o{i}\n" for i in range(40)))
    return rows


def test_collect_keeps_exactly_the_valid_rows(tmp_path):
    rows = ties_file(tmp_path)
    assert len(rows) == 3000
    with pytest.warns(RowsSetAsideWarning, match="10 row"):
        data = lsmnet.read(tmp_path, errors="collect")
    aside = data.set_aside
    assert aside["row"].tolist() == sorted(BAD_ROWS)
    assert (aside["file"] == "ties.csv").all()
    for record in aside.itertuples():
        assert BAD_ROWS[record.row][1] in record.problem
    assert len(data.ties) + len(aside) == 3000
    good = pd.DataFrame(
        [r for i, r in enumerate(rows) if i + 2 not in BAD_ROWS],
        columns=["source", "target", "layer", "weight", "start"],
    )
    expected = lsmnet.from_frames(data.organizations, ties=good).ties
    pd.testing.assert_frame_equal(data.ties, expected)


def test_collect_sets_aside_dependent_rows(tmp_path):
    (tmp_path / "organizations.csv").write_text("org_id,founded\na,1990\nb,abad ke-20\nc,\n")
    (tmp_path / "coalitions.csv").write_text("coalition_id,kind\nk,paguyuban\nk2,forum\n")
    (tmp_path / "memberships.csv").write_text("org_id,coalition_id\na,k\nb,k2\nc,k2\n")
    (tmp_path / "ties.csv").write_text("source,target,layer\na,b,network\na,c,network\n")
    (tmp_path / "ratings.csv").write_text("rater,ratee,power\nc,b,2\n")
    with pytest.warns(RowsSetAsideWarning):
        data = lsmnet.read(tmp_path, errors="collect")
    aside = data.set_aside.set_index(["table", "row"])
    assert sorted(aside.index) == sorted(
        [
            ("organizations", 3),
            ("coalitions", 2),
            ("memberships", 2),
            ("memberships", 3),
            ("ties", 2),
            ("ratings", 2),
        ]
    )
    assert (
        "refers to organisation 'b', which was set aside (row 3 of organizations.csv)"
        in (aside.loc[("ties", 2), "problem"])
    )
    assert "coalition 'k'" in aside.loc[("memberships", 2), "problem"]
    assert data.memberships[["org_id", "coalition_id"]].values.tolist() == [["c", "k2"]]
    assert data.ties[["source", "target"]].values.tolist() == [["a", "c"]]
    for table in TABLE_NAMES:  # rows in = rows kept + rows set aside
        rows_in = len(pd.read_csv(tmp_path / f"{table}.csv"))
        assert (
            rows_in == len(getattr(data, table)) + (aside.index.get_level_values(0) == table).sum()
        )


def test_collect_sets_aside_a_whole_table_without_its_required_column(tmp_path):
    (tmp_path / "organizations.csv").write_text("nomor,name\na,A\nb,B\n")
    (tmp_path / "ties.csv").write_text("source,target,layer\na,b,network\n")
    with pytest.warns(RowsSetAsideWarning, match="3 row"):
        data = lsmnet.read(tmp_path, errors="collect")
    assert data.set_aside["table"].tolist() == ["organizations", "organizations", "ties"]
    assert data.set_aside["row"].tolist() == [2, 3, 2]
    assert "whole table" in data.set_aside["problem"].iloc[0]
    assert len(data.organizations) == len(data.ties) == 0


@pytest.mark.parametrize("seed", range(5))
def test_collect_invariant_on_random_corruption(tmp_path, seed):
    rng = np.random.default_rng(seed)
    values = [
        "o1",
        "o2",
        "o3",
        "o1",
        "zz",
        "",
        "network",
        "media",
        "-1",
        "x",
        "2020-01-01",
        "2020-13-01",
        "1",
        "0.5",
        "true",
        "maybe",
    ]
    n = 200
    ties = pd.DataFrame(
        {
            c: rng.choice(values, n)
            for c in ["source", "target", "layer", "weight", "start", "end", "directed"]
        }
    )
    orgs = pd.DataFrame({"org_id": rng.choice(["o1", "o2", "o3", "o1", ""], 5)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsSetAsideWarning)
        data = lsmnet.from_frames(orgs, ties=ties, errors="collect")
    aside = data.set_aside
    for table, frame in (("organizations", orgs), ("ties", ties)):
        mine = aside[aside["table"] == table]
        assert len(frame) == len(getattr(data, table)) + len(mine)
        assert mine["row"].is_unique
    with pytest.raises(SchemaError) as info:
        lsmnet.from_frames(orgs, ties=ties)
    own = info.value.problems  # every row with a problem of its own was set aside
    assert set(zip(own["table"], own["row"], strict=True)) <= set(
        zip(aside["table"], aside["row"], strict=True)
    )


def test_collect_with_implied_organisations_and_coalitions(tmp_path):
    (tmp_path / "memberships.csv").write_text("org_id,coalition_id,weight\na,k,1\nb,k,-1\n")
    (tmp_path / "ties.csv").write_text("source,target,layer\na,b,network\na,a,network\n")
    with pytest.warns(RowsSetAsideWarning, match="2 row"):
        data = lsmnet.read(tmp_path, errors="collect")
    assert data.organizations["org_id"].tolist() == ["a", "b"]
    assert data.coalitions["coalition_id"].tolist() == ["k"]
    assert data.set_aside[["table", "row"]].values.tolist() == [["memberships", 3], ["ties", 3]]

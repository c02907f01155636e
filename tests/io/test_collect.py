"""errors="collect": the valid rows are kept and every other row is listed in .set_aside.

The invariant checked throughout: for every table, rows in = rows kept + rows set aside, and
a row that refers to a set-aside organisation or coalition is set aside too, with that reason.
"""

from __future__ import annotations

import io
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


# -- the grouped problem report (issue 15 item 2) ---------------------------------------------


def test_a_missing_required_column_is_one_line_not_one_per_row(tmp_path):
    from lsmnet._problems import problem_report

    orgs = "nomor,name\n" + "".join(f"o{i},Org {i}\n" for i in range(25))
    (tmp_path / "organizations.csv").write_text(orgs)
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path)
    assert len(info.value.problems) == 1
    with pytest.warns(RowsSetAsideWarning):
        data = lsmnet.read(tmp_path, errors="collect")
    assert len(data.set_aside) == 25  # nothing lost: each row is accounted for
    for problems, aside in ((info.value.problems, False), (data.set_aside, True)):
        lines = problem_report(problems, set_aside=aside)
        assert len(lines) == 2, lines
        assert "column 'org_id': required column is missing" in lines[1]
        assert "columns={'your header': 'column'}" in lines[1]
    assert "(the whole table was set aside: 25 rows)" in problem_report(data.set_aside)[1]
    assert "--columns FILE" in problem_report(data.set_aside, audience="cli")[1]
    assert "kolom wajib tidak ada" in problem_report(data.set_aside, lang="id")[1]


def test_column_and_rating_problems_come_in_one_pass(tmp_path):
    from lsmnet._problems import problem_report

    (tmp_path / "ties.csv").write_text("source,weight\na,1\n")  # no target column
    (tmp_path / "ratings.csv").write_text("rater,ratee,reliability\na,b,9\nb,a,x\n")
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path)
    found = set(zip(info.value.problems["table"], info.value.problems["column"], strict=True))
    assert {("ties", "target"), ("ratings", "reliability")} <= found
    lines = problem_report(info.value.problems)
    assert any("outside the scale 1-4" in line for line in lines)
    assert any("not a number" in line for line in lines)


def test_one_line_per_kind_per_column_with_count_and_first_rows():
    from lsmnet._problems import problem_report

    rows = "".join(f"o{i},o{i + 1},netwrk,{'dua' if i % 2 else 1}\n" for i in range(10))
    ties = pd.read_csv(io.StringIO("source,target,layer,weight\n" + rows), dtype=str)
    with pytest.raises(SchemaError) as info:
        lsmnet.from_frames(ties=ties)
    lines = problem_report(info.value.problems, lang="en")
    assert len(lines) == 3  # head, layer, weight
    layer = next(line for line in lines if "'layer'" in line)
    assert "(10 row(s)): row 2 'netwrk', row 3 'netwrk', row 4 'netwrk', and 7 more" in layer
    assert "did you mean 'network'?" in layer
    weight = next(line for line in lines if "'weight'" in line)
    assert "(5 row(s))" in weight and "2 instead of 'dua'" in weight
    assert len(problem_report(info.value.problems, max_kinds=1)) == 3  # head, one, "and 1 more"
    indonesian = problem_report(info.value.problems, lang="id")
    assert "jenis kemitraan tidak dikenal" in "\n".join(indonesian)
    assert "2, bukan 'dua'" in "\n".join(indonesian)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lang": "fr"}, "'lang' parameter of problem_report"),
        ({"audience": "shell"}, "'audience' parameter of problem_report"),
        ({"max_kinds": 0}, "'max_kinds' parameter of problem_report"),
    ],
)
def test_problem_report_checks_its_arguments(kwargs, match):
    from lsmnet._problems import problem_report
    from lsmnet.exceptions import InvalidParameterError

    with pytest.raises(InvalidParameterError, match=match):
        problem_report(pd.DataFrame(columns=["table", "file", "row", "column"]), **kwargs)


@pytest.mark.parametrize(("lang", "text"), [("en", "No problems found."), ("id", "Tidak ada")])
def test_no_problems_is_one_line(lang, text):
    from lsmnet._problems import problem_report

    empty = lsmnet.from_frames().set_aside
    assert problem_report(empty, lang=lang)[0].startswith(text)


def test_a_misnamed_rating_column_does_not_hide_the_other_rating_problems(tmp_path):
    (tmp_path / "ratings.csv").write_text("rater,ratee,reliability,trustworthy\na,b,9,1\n")
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path)
    problems = info.value.problems
    assert problems["column"].tolist() == ["trustworthy", "reliability"]
    assert problems["row"].tolist() == [1, 2]
    assert "outside the scale 1-4" in problems["problem"].iat[1]

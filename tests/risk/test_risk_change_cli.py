"""compare, health_over_time and the ``lsmnet flags`` command."""

from __future__ import annotations

import argparse
import sys

import pandas as pd
import pytest
from _risk_fixtures import COLUMNS, build

import lsmnet as lsm
from lsmnet import InvalidParameterError
from lsmnet.cli import flags as cli


@pytest.fixture(scope="module")
def waves():
    """Wave a: a-b, b-c; wave b: a-b, c-d and member d joined, c left coalition L."""
    a = build(list("abc"), [("a", "b"), ("b", "c")])
    b = build(list("abd"), [("a", "b"), ("a", "d"), ("c", "d", "operational")], extra_orgs="c")
    return a, b


def test_compare_counts_members_and_ties(waves):
    result = lsm.compare(*waves)
    k = result.summary.loc["K"]
    assert k[["members_a", "members_b", "members_added", "members_lost"]].tolist() == [3, 3, 1, 1]
    # ties among members: a {a|b, b|c}; b {a|b, a|d} -> one stable of three: Jaccard 1/3
    assert k[["ties_a", "ties_b", "ties_added", "ties_lost"]].tolist() == [2, 2, 1, 1]
    assert k["tie_jaccard"] == pytest.approx(1 / 3)
    network = result.summary.loc["network"]
    assert network["ties_added"] == 2 and network["ties_lost"] == 1
    members = result.members.set_index("org_id")["change"].to_dict()
    assert members == {"d": "added", "c": "lost"}
    ties = result.ties[["source", "target", "layer", "change"]].values.tolist()
    assert ties == [
        ["a", "d", "advocacy", "added"],
        ["c", "d", "operational", "added"],
        ["b", "c", "advocacy", "lost"],
    ]


def test_compare_health_changes(waves):
    a, b = waves
    result = lsm.compare(a, b)
    health = result.health.set_index(["coalition", "score"])
    ha, hb = lsm.coalition_health(a, null_samples=0), lsm.coalition_health(b, null_samples=0)
    for score in ("density", "average_degree", "members"):
        row = health.loc[("K", score)]
        assert row["a"] == pytest.approx(ha.loc["K", score])
        assert row["change"] == pytest.approx(hb.loc["K", score] - ha.loc["K", score])


def test_compare_rejects_non_data():
    with pytest.raises(InvalidParameterError, match="'b' parameter of compare"):
        lsm.compare(build(list("ab"), [("a", "b")]), "wave2")


def test_health_over_time():
    ties = [
        ("a", "b", "advocacy", {"start": "2019-01-01"}),
        ("b", "c", "advocacy", {"start": "2021-01-01"}),
    ]
    data = build(list("abc"), ties)
    table = lsm.health_over_time(data, [2019, 2021])
    assert list(table.index) == [(2019, "K"), (2021, "K")]
    assert table.loc[(2019, "K"), "average_degree"] == pytest.approx(2 / 3)
    assert table.loc[(2021, "K"), "ties_added"] == 1
    assert table.loc[(2021, "K"), "tie_jaccard"] == pytest.approx(1 / 2)
    assert pd.isna(table.loc[(2019, "K"), "tie_jaccard"])


def test_health_over_time_needs_periods():
    with pytest.raises(InvalidParameterError, match="'periods' parameter of health_over_time"):
        lsm.health_over_time(build(list("ab"), [("a", "b")]), [])


def test_health_over_time_progress_bar_only_on_request(capsys, monkeypatch):
    ties = [
        ("a", "b", "advocacy", {"start": "2019-01-01"}),
        ("b", "c", "advocacy", {"start": "2021-01-01"}),
        ("c", "d", "advocacy", {"start": "2021-01-01"}),
    ]
    data = build(list("abcd"), ties)
    kwargs = {"periods": [2019, 2020, 2021], "null_samples": 3, "seed": 1}
    quiet = lsm.health_over_time(data, progress=False, **kwargs)
    assert capsys.readouterr().err == ""
    shown = lsm.health_over_time(data, progress=True, **kwargs)
    err = capsys.readouterr().err
    assert "health_over_time:" in err and "0/3" in err  # one step per period
    assert "coalition_health" not in err  # no nested bars
    pd.testing.assert_frame_equal(shown, quiet, check_exact=True)
    with pytest.raises(InvalidParameterError, match=r"'progress' parameter .*must be None"):
        lsm.health_over_time(data, progress="yes", **kwargs)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress=None: bar on a terminal
    lsm.health_over_time(data, **kwargs)
    err = capsys.readouterr().err
    assert "health_over_time:" in err
    assert "coalition_health" not in err and "core_periphery" not in err


# -- lsmnet flags -----------------------------------------------------------------------------
def run(argv):
    parser = argparse.ArgumentParser(prog="lsmnet")
    cli.register(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(["flags", *argv]))


def test_flags_command_prints_the_register(capsys):
    assert run(["--example", "--coalition", "C04", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Daftar risiko\n\nC04\n  [tinggi]")
    assert "Penanda yang tidak dihitung" in out


def test_flags_command_reads_a_folder(tmp_path, capsys):
    build(list("abc"), [("a", "b")]).to_csv(tmp_path)
    assert run([str(tmp_path)]) == 0
    assert "[high] ISO-1 c:" in capsys.readouterr().out


def test_flags_command_writes_a_safe_csv(tmp_path, capsys):
    data = build(list("abc"), [("a", "b")])
    data.to_csv(tmp_path / "in")
    names = pd.read_csv(tmp_path / "in" / "organizations.csv")
    names.loc[names["org_id"] == "c", "name"] = "=HYPERLINK(1)"
    names.to_csv(tmp_path / "in" / "organizations.csv", index=False)
    out = tmp_path / "flags.csv"
    assert run([str(tmp_path / "in"), "--csv", str(out)]) == 0
    assert "Risk register written to" in capsys.readouterr().out
    table = pd.read_csv(out)
    assert list(table.columns) == COLUMNS
    explanation = table.loc[table["code"] == "ISO-1", "explanation"].iloc[0]
    assert explanation.startswith("'=HYPERLINK(1)")


@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["somewhere", "--example"], "either PATH or --example.*Got 'somewhere' and --example"),
        ([], "either PATH or --example.*Got neither"),
    ],
)
def test_flags_command_errors(argv, match):
    with pytest.raises(InvalidParameterError, match=match):
        run(argv)


def test_register_text_without_flags():
    empty = lsm.risk_flags(build(list("ab"), [("a", "b")]))
    text = cli.register_text(empty.iloc[0:0].copy(), "en")
    assert "No flags raised." in text

"""``lsmnet flags --thresholds FILE`` and ``--thresholds-template FILE``; health_over_time and
compare with thresholds.

References: the template is read back with RiskThresholds.from_file and Python's tomllib and
compared with the defaults; the flags printed with a thresholds file are those of
:func:`lsmnet.risk_flags` called with the same thresholds; the exit statuses are those of
``lsmnet.cli.main`` (2 for a usage error).
"""

from __future__ import annotations

import argparse
import dataclasses
import tomllib

import pytest
from _risk_fixtures import build

import lsmnet as lsm
from lsmnet import InvalidParameterError, RiskThresholds
from lsmnet.cli import flags as cli
from lsmnet.cli import main
from lsmnet.risk.catalog import message


def run(argv):
    parser = argparse.ArgumentParser(prog="lsmnet")
    cli.register(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(["flags", *argv]))


def status(argv) -> int:
    """The exit status of ``lsmnet flags ARGV``, as the shell sees it."""
    try:
        return main(["flags", *argv])
    except SystemExit as exit_:  # a usage error found after parsing
        return exit_.code


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """A path a-b-c-d-e: degree centralization 1/6 (by hand: (2-1)*2 / (4*3)), no DOM-1."""
    folder = tmp_path_factory.mktemp("chain")
    build(list("abcde"), [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]).to_csv(folder)
    return folder


@pytest.mark.parametrize("lang", ["en", "id"])
def test_template_writes_the_defaults(tmp_path, capsys, lang):
    path = tmp_path / "thresholds.toml"
    assert run(["--thresholds-template", str(path), "--lang", lang]) == 0
    assert (
        capsys.readouterr().out
        == message("labels.thresholds_written", lang, path=str(path)) + "\n"
    )
    assert RiskThresholds.from_file(path) == RiskThresholds()
    text = path.read_text(encoding="utf-8")
    assert tomllib.loads(text) == dataclasses.asdict(RiskThresholds())
    assert RiskThresholds.info("dom_share", lang=lang)["doc"].split()[0] in text


def test_template_as_json(tmp_path, capsys):
    path = tmp_path / "thresholds.json"
    assert run(["--thresholds-template", str(path)]) == 0
    assert RiskThresholds.from_file(path) == RiskThresholds()


def test_template_never_overwrites_an_edited_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.toml").write_text("dom_share = 0.3\n", encoding="utf-8")
    assert status(["--thresholds-template", "t.toml"]) == 2
    assert "t.toml already exists; it is not overwritten" in capsys.readouterr().err
    assert (tmp_path / "t.toml").read_text(encoding="utf-8") == "dom_share = 0.3\n"


def test_edited_template_changes_the_flags(chain, tmp_path, capsys):
    path = tmp_path / "thresholds.toml"
    run(["--thresholds-template", str(path)])
    text = path.read_text(encoding="utf-8")
    edited = text.replace("dom_centralization_watch = 0.5", "dom_centralization_watch = 0.1")
    # the 5-member chain is not beyond random graphs: test the fixed cut-off alone
    path.write_text(edited.replace("null_draws = 200", "null_draws = 0"), "utf-8")
    capsys.readouterr()
    assert run([str(chain)]) == 0
    assert "DOM-1" not in capsys.readouterr().out
    assert run([str(chain), "--thresholds", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[watch] DOM-1 K:" in out
    expected = lsm.risk_flags(
        lsm.read(chain), thresholds=RiskThresholds(dom_centralization_watch=0.1, null_draws=0)
    )
    assert out.count("\n  [") == len(expected)


def test_thresholds_file_with_the_csv_register(chain, tmp_path, capsys):
    path = tmp_path / "t.json"
    path.write_text('{"dom_centralization_watch": 0.1, "null_draws": 0}', encoding="utf-8")
    out = tmp_path / "flags.csv"
    assert run([str(chain), "--thresholds", str(path), "--csv", str(out)]) == 0
    assert "DOM-1" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--thresholds-template", "t.yaml"], "argument --thresholds-template: FILE must end in"),
        (["--example", "--thresholds-template", "t.toml"], "writes a file and stops"),
        (["x", "--thresholds-template", "t.toml"], "give no PATH, --example or --thresholds"),
    ],
)
def test_template_usage_errors(tmp_path, monkeypatch, capsys, argv, expected):
    monkeypatch.chdir(tmp_path)
    assert status(argv) == 2
    assert expected in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "[thresholds]\ndom_centralisation_watch = 0.1\n",
            "no field 'dom_centralisation_watch'. Did you mean 'dom_centralization_watch'?",
        ),
        ("dom_centralization_watch = 'low'\n", "must be a finite number. Got 'low'."),
        ("dom_centralization_watch = \n", "not valid TOML"),
        (None, "cannot read"),
    ],
)
def test_bad_thresholds_file_exits_2_with_the_file_and_field(
    chain, tmp_path, capsys, content, expected
):
    path = tmp_path / "t.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert status([str(chain), "--thresholds", str(path)]) == 2
    err = capsys.readouterr().err
    assert "lsmnet flags: error: argument --thresholds: " in err and str(path) in err
    assert expected in err and "Traceback" not in err


# -- health over time and compare ------------------------------------------------------------
@pytest.fixture(scope="module")
def demo():
    return lsm.datasets.load_dataset("indonesia_demo")


def test_health_over_time_uses_the_thresholds(demo):
    periods = [2020, 2024]
    changed = {"dom_centralization_watch": 0.15, "null_draws": 0}
    table = lsm.health_over_time(demo, periods, coalition="C04", thresholds=changed)
    default = lsm.health_over_time(demo, periods, coalition="C04")
    for period in periods:
        direct = lsm.coalition_health(
            demo.at(period), coalition="C04", thresholds=changed, null_samples=0
        )
        assert table.loc[(period, "C04"), "flags_watch"] == direct.loc["C04", "flags_watch"]
    assert (table["flags_watch"] >= default["flags_watch"]).all()
    assert not table["flags_watch"].equals(default["flags_watch"])


def test_compare_uses_the_thresholds(demo):
    a, b = demo.at(2020), demo.at(2024)
    changed = RiskThresholds(dom_centralization_watch=0.15)
    result = lsm.compare(a, b, coalition="C04", thresholds=changed)
    health = result.health.set_index("score")
    direct = lsm.coalition_health(b, coalition="C04", thresholds=changed, null_samples=0)
    assert health.loc["flags_watch", "b"] == direct.loc["C04", "flags_watch"]


@pytest.mark.parametrize("func", ["health_over_time", "compare"])
def test_invalid_thresholds_are_rejected(demo, func):
    call = {
        "health_over_time": lambda t: lsm.health_over_time(demo, [2020], thresholds=t),
        "compare": lambda t: lsm.compare(demo, demo, thresholds=t),
    }[func]
    with pytest.raises(InvalidParameterError, match="RiskThresholds has no field 'nope'"):
        call({"nope": 1})
    with pytest.raises(InvalidParameterError, match=f"'thresholds' parameter of {func} must"):
        call("thresholds.toml")

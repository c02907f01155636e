"""RiskThresholds.from_file / to_file: JSON and TOML, round trips, partial files, every error.

References: Python's own ``json`` and ``tomllib`` parsers read the files ``to_file`` writes
(the written values must be exactly the fields, with integer fields as integers); the error
messages are those of :class:`RiskThresholds`' own validation, prefixed with the file.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lsmnet as lsm
from lsmnet import InvalidParameterError, RiskThresholds
from lsmnet.risk.thresholds import as_thresholds

# changes of every kind: integer fields, a negative value, tiny and huge floats, 1/3
CHANGED = RiskThresholds(
    iso_min_named=4,
    min_raters=2,
    frg_ei=-0.125,
    dom_cut_off_watch=1e-05,
    dom_runner_up_ratio=1e20,
    dom_share=1 / 3,
    tru_member=3.0,
)


def _all_fields(t: RiskThresholds) -> dict:
    return dataclasses.asdict(t)


@pytest.mark.parametrize("suffix", [".json", ".toml", ".TOML"])
@pytest.mark.parametrize("thresholds", [RiskThresholds(), CHANGED], ids=["defaults", "changed"])
def test_round_trip_is_exact(tmp_path, suffix, thresholds):
    path = thresholds.to_file(tmp_path / f"t{suffix}")
    assert path == tmp_path / f"t{suffix}"
    back = RiskThresholds.from_file(path)
    assert back == thresholds
    for name in RiskThresholds.names():  # same types too: integer fields stay integers
        assert type(getattr(back, name)) is type(getattr(thresholds, name)), name


def test_written_files_hold_every_field_for_the_stdlib_parsers(tmp_path):
    expected = _all_fields(CHANGED)
    as_json = json.loads(CHANGED.to_file(tmp_path / "t.json").read_text(encoding="utf-8"))
    as_toml = tomllib.loads(CHANGED.to_file(tmp_path / "t.toml").read_text(encoding="utf-8"))
    for parsed in (as_json, as_toml):
        assert list(parsed) == list(RiskThresholds.names())
        assert parsed == expected
        assert isinstance(parsed["min_raters"], int) and isinstance(parsed["frg_ei"], float)


@settings(max_examples=60, deadline=None)
@given(
    share=st.floats(0, 1),
    ratio=st.floats(1, 1e300),
    ei=st.floats(-1, 1),
    raters=st.integers(0, 10**12),
    fmt=st.sampled_from(["json", "toml"]),
)
def test_round_trip_of_any_valid_value(tmp_path_factory, share, ratio, ei, raters, fmt):
    t = RiskThresholds(dom_share=share, dom_runner_up_ratio=ratio, frg_ei=ei, min_raters=raters)
    folder = tmp_path_factory.mktemp("rt")
    assert RiskThresholds.from_file(t.to_file(folder / f"t.{fmt}")) == t


def test_numpy_values_are_written_as_plain_numbers(tmp_path):
    t = RiskThresholds(dom_share=np.float64(0.3), min_raters=np.int64(4))
    text = t.to_file(tmp_path / "t.toml").read_text(encoding="utf-8")
    assert "\ndom_share = 0.3\n" in text and "\nmin_raters = 4\n" in text
    assert RiskThresholds.from_file(t.to_file(tmp_path / "t.json")) == t


@pytest.mark.parametrize("lang", ["en", "id"])
def test_toml_comments_describe_each_field_in_the_language(tmp_path, lang):
    text = RiskThresholds(dom_share=0.3).to_file(tmp_path / "t.toml", lang=lang).read_text("utf-8")
    block = next(b for b in text.split("\n\n") if b.endswith("\ndom_share = 0.3"))
    comment = " ".join(line[2:] for line in block.splitlines()[:-1])
    info = RiskThresholds.info("dom_share", lang=lang)
    assert comment.startswith("DOM-2: " + info["doc"])
    assert ("Default: 0.2" if lang == "en" else "Bawaan: 0.2") in comment
    assert ("(heuristic)" if lang == "en" else "(heuristik)") in comment
    header = text.split("\n\n")[0]
    assert ("--thresholds FILE" if lang == "en" else "--thresholds BERKAS") in header
    assert all(len(line) <= 95 for line in text.splitlines())


def test_json_has_no_comments(tmp_path):
    text = RiskThresholds().to_file(tmp_path / "t.json", lang="id").read_text(encoding="utf-8")
    assert text.startswith('{\n  "iso_coreness_quantile": 0.25,') and "#" not in text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("t.json", '{"dom_centralization_watch": 0.4, "min_raters": 2}'),
        ("t.json", '{"thresholds": {"dom_centralization_watch": 0.4, "min_raters": 2}}'),
        ("t.toml", "dom_centralization_watch = 0.4\nmin_raters = 2\n"),
        ("t.toml", "# ours\n[thresholds]\ndom_centralization_watch = 0.4\nmin_raters = 2\n"),
        ("t.json", '\ufeff{"dom_centralization_watch": 0.4, "min_raters": 2}'),  # a BOM
    ],
)
def test_partial_files_keep_the_other_defaults(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    expected = RiskThresholds().replace(dom_centralization_watch=0.4, min_raters=2)
    assert RiskThresholds.from_file(str(path)) == expected


def test_empty_toml_is_all_defaults(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("# nothing changed\n", encoding="utf-8")
    assert RiskThresholds.from_file(path) == RiskThresholds()


# (file name, content, pattern after the file name)
BAD_FILES = [
    (
        "unknown.json",
        '{"dom_shares": 0.3}',
        r"RiskThresholds has no field 'dom_shares'\. Did you mean 'dom_share'\? "
        r"Known fields: iso_coreness_quantile, "
        r"iso_min_named, .*null_draws\.",
    ),
    (
        "unknown.toml",
        "[thresholds]\ndom_share = 0.3\nmin_rater = 2\n",
        r"RiskThresholds has no field 'min_rater'\. Did you mean 'min_raters'\? Known fields: ",
    ),
    (
        "string.json",
        '{"dom_share": "0.3"}',
        r"The 'dom_share' parameter of RiskThresholds must be a finite number\. Got '0\.3'\.",
    ),
    (
        "null.json",
        '{"tru_member": null}',
        r"The 'tru_member' parameter of RiskThresholds must be a finite number\. Got None\.",
    ),
    (
        "float_count.toml",
        "min_raters = 3.0\n",
        r"The 'min_raters' parameter of RiskThresholds must be an integer\. Got 3\.0\.",
    ),
    (
        "bool.toml",
        "min_raters = true\n",
        r"The 'min_raters' parameter of RiskThresholds must be an integer\. Got True\.",
    ),
    (
        "array.toml",
        "dom_share = [0.3]\n",
        r"The 'dom_share' parameter of RiskThresholds must be a finite number\. Got \[0\.3\]\.",
    ),
    (
        "range.json",
        '{"dom_share": 1.5}',
        r"The 'dom_share' parameter of RiskThresholds must be <= 1\.0\. Got 1\.5\.",
    ),
    (
        "order.toml",
        "dom_centralization_watch = 0.8\n",
        r"The 'dom_centralization_high' parameter of RiskThresholds must be at or above "
        r"dom_centralization_watch = 0\.8\. Got 0\.7\.",
    ),
    (
        "nested.toml",
        "[dom]\nshare = 0.3\n",
        r"RiskThresholds has no field 'dom'\. Known fields:",  # nothing close
    ),
    (
        "malformed.json",
        '{\n  "dom_share": 0.3,\n}',
        r"not valid JSON: Expecting property name enclosed in double quotes at line 3, column 1\.",
    ),
    ("malformed.toml", "dom_share = \n", r"not valid TOML: .*\(at line 1, column 13\)\."),
    ("empty.json", "", r"not valid JSON: Expecting value at line 1, column 1\."),
    (
        "twice.json",
        '{"dom_share": 0.3, "dom_share": 0.4}',
        r"not valid thresholds: the key 'dom_share' is given twice\.",
    ),
    (
        "list.json",
        '[["dom_share", 0.3]]',
        r"a thresholds file must hold field = value pairs \(a JSON object\)\. Got a list\.",
    ),
    (
        "table.json",
        '{"thresholds": 0.3}',
        r"'thresholds' must be a table of field = value pairs\. Got 0\.3\.",
    ),
    (
        "outside.toml",
        "min_raters = 2\n[thresholds]\ndom_share = 0.3\n",
        r"with a 'thresholds' table, every field must be inside it\. Got 'min_raters' outside",
    ),
]


@pytest.mark.parametrize(("name", "content", "match"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_name_the_file_and_the_problem(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidParameterError, match=f"^{re.escape(str(path))}: {match}"):
        RiskThresholds.from_file(path)


def test_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes("# ambang bawaan \xe9\ndom_share = 0.3\n".encode("latin-1"))
    match = rf"^{re.escape(str(path))}: a thresholds file must be UTF-8 text\. Got the byte 0xe9"
    with pytest.raises(InvalidParameterError, match=match):
        RiskThresholds.from_file(path)


def test_the_error_chains_the_cause(tmp_path):
    path = tmp_path / "unknown.json"
    path.write_text('{"nope": 1}', encoding="utf-8")
    with pytest.raises(InvalidParameterError) as info:
        RiskThresholds.from_file(path)
    assert isinstance(info.value.__cause__, InvalidParameterError)
    assert isinstance(info.value, lsm.LsmnetError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("name", ["t.yaml", "t", "t.json.bak"])
def test_unknown_suffix_is_an_error_both_ways(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(InvalidParameterError, match=r"'path' parameter of RiskThresholds\.to_fi"):
        RiskThresholds().to_file(path)
    path.write_text("{}", encoding="utf-8")
    match = r"'path' parameter of RiskThresholds\.from_file must name a \.json or \.toml file\. "
    with pytest.raises(InvalidParameterError, match=match + re.escape(f"Got {str(path)!r}.")):
        RiskThresholds.from_file(path)


def test_missing_file_and_folder_are_os_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        RiskThresholds.from_file(tmp_path / "absent.toml")
    with pytest.raises(FileNotFoundError):
        RiskThresholds().to_file(tmp_path / "no" / "such" / "folder.toml")


def test_to_file_checks_the_language(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"'lang' parameter of RiskThresholds\.to_f"):
        RiskThresholds().to_file(tmp_path / "t.toml", lang="fr")
    assert not (tmp_path / "t.toml").exists()


def test_as_thresholds_points_a_path_to_from_file(tmp_path):
    match = r"'thresholds' parameter of report must be .* \(read a file with RiskThresholds\."
    with pytest.raises(InvalidParameterError, match=match + r"from_file\)\. Got str\."):
        as_thresholds(str(tmp_path / "t.toml"), "report")

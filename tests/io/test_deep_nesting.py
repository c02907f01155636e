"""Deeply nested JSON or TOML (a thresholds file, a column mapping) is a located lsmnet error,
not a RecursionError (issue 19). Reference: Python's own parsers raise RecursionError on these
inputs (checked in the first test), so the tests fail if lsmnet stops catching it."""

from __future__ import annotations

import json
import tomllib

import pytest

import lsmnet as lsm

DEPTH = 100_000


def test_the_parsers_themselves_recurse():
    with pytest.raises(RecursionError):
        json.loads("[" * DEPTH + "]" * DEPTH)
    with pytest.raises(RecursionError):
        tomllib.loads("a = " + "[" * DEPTH + "]" * DEPTH)


@pytest.mark.parametrize(
    ("name", "text"),
    [("t.json", "[" * DEPTH + "]" * DEPTH), ("t.toml", "a = " + "[" * DEPTH + "]" * DEPTH)],
)
def test_a_deep_thresholds_file_is_an_error_naming_it(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lsm.InvalidParameterError, match=rf"{name}: nested too deeply"):
        lsm.RiskThresholds.from_file(path)


def test_a_deep_column_mapping_is_an_error_naming_it(tmp_path):
    (tmp_path / "organizations.csv").write_text("org_id,name\nA,Alpha\n", encoding="utf-8")
    mapping = tmp_path / "cols.toml"
    mapping.write_text("a = " + "[" * DEPTH + "]" * DEPTH, encoding="utf-8")
    with pytest.raises(lsm.SchemaError, match=r"cols\.toml: nested too deeply"):
        lsm.read(tmp_path, columns=mapping)

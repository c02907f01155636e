"""The alias file goes through the loaders' CSV reader (issue 19): the same limits and located
errors as every other table, not pandas' unbounded reader."""

from __future__ import annotations

import pytest

import lsmnet as lsm
from lsmnet.io._limits import MAX_COLUMNS
from lsmnet.io.names import read_aliases


def test_an_alias_file_wider_than_the_limit_is_refused_naming_the_row(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text(",".join(["alias", "canonical"] + ["x"] * MAX_COLUMNS) + "\n")
    with pytest.raises(lsm.SchemaError, match=r"aliases\.csv.*row 1"):
        read_aliases(path)


def test_an_empty_alias_file_is_a_schema_error(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("")
    with pytest.raises(lsm.SchemaError, match="alias,canonical"):
        read_aliases(path)


def test_rows_are_named_by_their_line_in_the_file(tmp_path):
    # the blank line 3 is skipped; the blank canonical is on line 4 of the file
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical\nLBH Makasar,LBH Makassar\n\nYayasan  Pelita,\n")
    with pytest.raises(lsm.SchemaError, match="row 4: blank alias or canonical"):
        read_aliases(path)


def test_a_good_file_still_reads(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias;canonical\nLBH Makasar;LBH Makassar\n", encoding="utf-8-sig")
    assert read_aliases(path) == {"LBH Makasar": "LBH Makassar"}

"""Tiny files that used to hang or exhaust memory (issue 19, item 1): every reader is linear in
its input and bounded by the content, never by a size the file declares.

Each case was measured before the fix (a 97-byte UCINET-3 header: 74 s at 18 repeated groups,
years at 30; a 60 KB survey or DL header: 29 s; a 31-byte Pajek file or a DL header declaring a
billion vertices: gigabytes, then MemoryError). The tests bound the time with a wall-clock
budget far above the fixed cost (milliseconds) and far below the old one.
"""

from __future__ import annotations

import time

import pytest

import lsmnet as lsm
from lsmnet.exceptions import SchemaError
from lsmnet.io import _ucinet3, survey, ucinet

BUDGET = 2.0  # seconds; the fixed readers take milliseconds on these inputs


def _fast(func, *args):
    start = time.perf_counter()
    result = func(*args)
    assert time.perf_counter() - start < BUDGET
    return result


@pytest.mark.parametrize("groups", [18, 30, 5_000])
def test_ucinet3_header_is_linear(groups):
    line = "1,2,3" + ",    " * groups + "!"
    assert _fast(_ucinet3.header_numbers, line) is None
    assert _ucinet3.header_numbers(" 1 , 10 , 10 ,N,NB") == (1, 10, 10)
    assert _ucinet3.header_numbers("4,10,10") == (4, 10, 10)
    assert _ucinet3.header_numbers("4,10") is None


def test_ucinet3_file_with_a_hostile_header_is_read_quickly(tmp_path):
    path = tmp_path / "evil.dat"
    path.write_text("title\n1,2,3" + ",    " * 30 + "!\n", encoding="ascii")
    with pytest.raises(SchemaError):
        _fast(lsm.read_ucinet_dl, path)


@pytest.mark.parametrize(
    "header",
    ["a" + " " * 60_000 + "[x", "a" + " " * 30_000 + "-x", "a" + " " * 60_000 + ":x"],
)
def test_survey_headers_are_bounded(header):
    assert _fast(survey._split, header) is None
    assert survey._split("advocacy [KontraS]") == ("advocacy", "KontraS")


def test_dl_header_options_are_linear(tmp_path):
    long_word = tmp_path / "word.dl"
    long_word.write_text("DL " + "a" * 60_000 + "\nDATA:\n", encoding="ascii")
    with pytest.raises(SchemaError, match="no N="):
        _fast(lsm.read_ucinet_dl, long_word)
    blanks = tmp_path / "blanks.dl"
    blanks.write_text("DL N=2 diagonal" + " " * 60_000 + "x\nDATA:\n0 1\n1 0\n", encoding="ascii")
    assert len(_fast(lsm.read_ucinet_dl, blanks).ties) >= 1


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("DL N=1000000000\nDATA:\n0 1\n", "N=1000000000 is outside what lsmnet reads"),
        ("DL N=3 NM=99999999\nDATA:\n0\n", "NM=99999999 is outside"),
        ("DL N=60000\nDATA:\n0 1 1\n", "the data end early: the header declares NM=1 of"),
    ],
)
def test_dl_declared_sizes_are_checked_before_allocation(tmp_path, text, match):
    path = tmp_path / "big.dl"
    path.write_text(text, encoding="ascii")
    with pytest.raises(SchemaError, match=match):
        _fast(lsm.read_ucinet_dl, path)


def test_pajek_declaring_a_billion_vertices(tmp_path):
    path = tmp_path / "big.net"
    path.write_text("*Vertices 1000000000\n*Edges\n1 2\n", encoding="ascii")
    assert len(path.read_bytes()) < 40
    with pytest.raises(SchemaError, match="outside what lsmnet reads"):
        _fast(lsm.read_pajek, path)


def test_limits_are_stated_in_security_md():
    from pathlib import Path

    from lsmnet.io._limits import MAX_DECLARED_MATRICES, MAX_DECLARED_NODES

    text = (Path(__file__).resolve().parents[2] / "SECURITY.md").read_text(encoding="utf-8")
    assert f"{MAX_DECLARED_NODES:,}" in text and f"{MAX_DECLARED_MATRICES:,}" in text
    assert f"{survey.MAX_SPLIT_HEADER:,}" in text
    assert ucinet  # the module whose header parsing these limits protect


def test_deeply_nested_360giving_json_is_a_located_error(tmp_path):
    path = tmp_path / "grants.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="ascii")
    with pytest.raises(SchemaError, match=r"grants\.json: the JSON is nested too deeply"):
        _fast(lsm.read_360giving, path)

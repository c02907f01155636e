"""Writers leave nothing half-written (issue 19, item 3).

Every writer of lsmnet writes under a temporary name beside its target and renames it when
complete (:mod:`lsmnet.io._atomic`). Each test forces a failure midway, after part of the
output has been written (a sheet, a table, some bytes), and checks against the state of the
folder taken before the call (the reference): the target is absent, or byte-identical to what
it was, and no temporary file or folder is left behind.
"""

from __future__ import annotations

import os
import pathlib
import stat

import networkx as nx
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io import _atomic, _write, gephi, tables, template, xlsform


class Midway(Exception):
    """The failure the tests force."""


def snapshot(folder) -> dict:
    """Every file under ``folder`` (hidden ones included) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data():
    return lsm.from_frames(
        organizations=pd.DataFrame({"org_id": ["a", "b", "c"], "name": ["A", "B", "=C"]}),
        ties=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "layer": ["advocacy"] * 2}),
    )


def fail_on_call(monkeypatch, owner, name, on_call: int, *, write_first=True):
    """Replace ``owner.name`` so that its ``on_call``-th call writes part of its output (the
    real call, when ``write_first``) and then raises :class:`Midway`."""
    real = getattr(owner, name)
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(args)
        if len(calls) < on_call:
            return real(*args, **kwargs)
        if write_first:
            real(*args, **kwargs)
        raise Midway(f"{name} failed on call {on_call}")

    monkeypatch.setattr(owner, name, wrapper)
    return calls


# -- the helper itself --------------------------------------------------------------------


def test_atomic_file_replaces_on_success_and_keeps_mode(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o640)
    with _atomic.atomic_file(target) as temp:
        assert temp.parent == tmp_path and temp.suffix == ".csv" and temp.name.startswith(".")
        temp.write_text("new")
        assert target.read_text() == "old"  # nothing visible until the rename
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert snapshot(tmp_path) == {"out.csv": b"new"}


def test_atomic_file_new_file_gets_the_mode_of_a_plain_open(tmp_path):
    plain = tmp_path / "plain"
    plain.write_text("x")  # reference: what open() gives under this process's umask
    with _atomic.atomic_file(tmp_path / "new.txt") as temp:
        temp.write_text("x")
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == stat.S_IMODE(
        plain.stat().st_mode
    )


def test_atomic_file_failure_leaves_target_and_folder_as_they_were(tmp_path):
    (tmp_path / "out.csv").write_text("old")
    before = snapshot(tmp_path)
    with pytest.raises(Midway), _atomic.atomic_file(tmp_path / "out.csv") as temp:
        temp.write_text("half")
        raise Midway
    assert snapshot(tmp_path) == before


def test_atomic_folder_new_and_existing(tmp_path):
    out = tmp_path / "deep" / "export"
    with _atomic.atomic_folder(out) as temp:
        (temp / "a.csv").write_text("1")
    assert snapshot(out) == {"a.csv": b"1"}
    (out / "keep.txt").write_text("mine")
    with _atomic.atomic_folder(out) as temp:
        (temp / "a.csv").write_text("2")
        (temp / "b.csv").write_text("3")
    assert snapshot(out) == {"a.csv": b"2", "b.csv": b"3", "keep.txt": b"mine"}
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["export"]


def test_atomic_folder_failure_midway(tmp_path):
    out = tmp_path / "export"
    with pytest.raises(Midway), _atomic.atomic_folder(out) as temp:
        (temp / "a.csv").write_text("1")
        raise Midway
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_atomic_folder_failed_move_removes_what_it_added(tmp_path, monkeypatch):
    out = tmp_path / "export"
    out.mkdir()
    (out / "a.csv").write_text("old")
    before = snapshot(tmp_path)
    real = os.replace

    def replace(src, dst):
        if str(dst).endswith("b.csv"):
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace)
    with pytest.raises(OSError, match="disk full"), _atomic.atomic_folder(out) as temp:
        (temp / "0new.csv").write_text("added, then removed")
        (temp / "b.csv").write_text("fails")
    # a.csv was not written this time; the file added before the failure is gone again
    assert snapshot(tmp_path) == before


# -- every writer -------------------------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_write_excel_failing_after_the_first_sheet(tmp_path, monkeypatch, data, existing):
    path = tmp_path / "network.xlsx"
    if existing:
        lsm.from_frames(organizations=pd.DataFrame({"org_id": ["z"]})).to_excel(path)
    before = snapshot(tmp_path)
    from openpyxl.workbook import Workbook

    # the workbook is saved with its first sheets' XML written into the zip, then fails
    real = Workbook.save

    def save(self, filename):
        real(self, filename)
        with open(filename, "r+b") as handle:
            handle.truncate(os.path.getsize(filename) // 2)
        raise Midway("disk full after the first sheet")

    monkeypatch.setattr(Workbook, "save", save)
    with pytest.raises(Midway):
        data.to_excel(path)
    with pytest.raises(Midway):
        tables.write_excel(data, path)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_write_csv_failing_after_two_tables(tmp_path, monkeypatch, data, existing):
    folder = tmp_path / "export"
    if existing:
        other = lsm.from_frames(organizations=pd.DataFrame({"org_id": ["z"], "name": ["Z"]}))
        other.to_csv(folder)
        (folder / "notes.txt").write_text("the user's own file")
    before = snapshot(tmp_path)
    calls = fail_on_call(monkeypatch, _write, "_write_rows", on_call=3)
    with pytest.raises(Midway):
        tables.write_csv(data, folder)
    assert len(calls) == 3  # two tables were complete, the third was written, then it failed
    assert snapshot(tmp_path) == before
    assert folder.exists() is existing
    monkeypatch.undo()
    data.to_csv(folder)
    assert lsm.read(folder).ties.equals(data.ties)


@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_write_kumu_failing_midway(tmp_path, monkeypatch, data, suffix):
    path = tmp_path / f"map{suffix}"
    if suffix == ".xlsx":
        # the second sheet fails after the first was written into the workbook
        fail_on_call(monkeypatch, pd.DataFrame, "to_excel", on_call=2)
    else:
        real = pathlib.Path.write_text

        def write_half(self, text, *args, **kwargs):
            real(self, text[: len(text) // 2], *args, **kwargs)
            raise Midway("disk full halfway through the blueprint")

        monkeypatch.setattr(pathlib.Path, "write_text", write_half)
    with pytest.raises(Midway):
        lsm.write_kumu(data, path)
    assert snapshot(tmp_path) == {}


def test_write_kumu_control_character_is_refused_before_writing(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b\x01c")
    path = tmp_path / "map.xlsx"
    with pytest.raises(SchemaError, match=r"sheet 'Elements', row 3, column 'Label'.*U\+0001"):
        lsm.write_kumu(G, path)
    assert snapshot(tmp_path) == {}
    lsm.write_kumu(G, tmp_path / "map.json")  # JSON keeps the character
    assert "b\\u0001c" in (tmp_path / "map.json").read_text()


@pytest.mark.parametrize("writer", ["write_graphml", "write_gexf"])
def test_gephi_writers_failing_midway(tmp_path, monkeypatch, writer):
    G = nx.path_graph(5)
    path = tmp_path / f"g.{writer.split('_')[1]}"
    getattr(lsm, writer)(G, path)
    before = snapshot(tmp_path)
    target = (nx, "write_graphml") if writer == "write_graphml" else (gephi.ElementTree, "write")
    fail_on_call(monkeypatch, *target, on_call=1)
    with pytest.raises(Midway):
        getattr(lsm, writer)(nx.complete_graph(4), path)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_template_and_survey_form_failing_midway(tmp_path, monkeypatch, existing):
    from openpyxl.workbook import Workbook

    form, blank = tmp_path / "form.xlsx", tmp_path / "template.xlsx"
    if existing:
        lsm.write_survey_form(["LBH", "Walhi"], form)
        lsm.write_template(blank)
    before = snapshot(tmp_path)
    real = Workbook.save

    def save(self, filename):
        real(self, filename)
        raise Midway("after the workbook was saved, before the rename")

    monkeypatch.setattr(Workbook, "save", save)
    with pytest.raises(Midway):
        xlsform.write_survey_form(["LBH", "Walhi", "KontraS"], form, overwrite=True)
    with pytest.raises(Midway):
        template.write_template(blank, overwrite=True)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("roster", [["LBH", "Wal\x01hi"], ["LBH", "Walhi\x1b[31m"]])
def test_survey_form_refuses_control_characters_before_writing(tmp_path, roster):
    # openpyxl raised IllegalCharacterError here, after building the workbook
    path = tmp_path / "form.xlsx"
    with pytest.raises(InvalidParameterError, match=r"position 1\), which holds the control"):
        lsm.write_survey_form(roster, path)
    assert snapshot(tmp_path) == {}


@pytest.mark.parametrize("writer", ["write_graphml", "write_gexf"])
@pytest.mark.parametrize(
    ("place", "match"),
    [("node", r"the node 'b\\x01c'"), ("edge", r"the attribute 'note' of edge \('a', 'b'\)")],
)
def test_gephi_writers_refuse_what_xml_cannot_store(tmp_path, writer, place, match):
    # XML 1.0 (section 2.2, Char) excludes U+0001-U+0008, U+000B, U+000C, U+000E-U+001F: the
    # XML writer wrote them and the file could not be read back ("not well-formed")
    G = nx.Graph()
    if place == "node":
        G.add_edge("a", "b\x01c")
    else:
        G.add_edge("a", "b", note="x\x1b[31my")
    with pytest.raises(SchemaError, match=match + r" holds the control character U\+00"):
        getattr(lsm, writer)(G, tmp_path / "g.xml")
    assert snapshot(tmp_path) == {}
    H = nx.Graph()
    H.add_edge("a", "b", note="tab\tand\nline")  # characters XML allows round-trip
    reader = getattr(lsm, writer.replace("write", "read"))
    assert reader(getattr(lsm, writer)(H, tmp_path / "h.xml")).edges["a", "b"]["note"] == (
        "tab\tand\nline"
    )


def test_write_kumu_control_character_in_an_attribute_name(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b", **{"no\x07te": "x"})
    with pytest.raises(SchemaError, match=r"sheet 'Connections', row 1, column 'no\\x07te'"):
        lsm.write_kumu(G, tmp_path / "map.xlsx")
    assert snapshot(tmp_path) == {}


def test_atomic_file_replaces_a_symlink_instead_of_writing_through_it(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours")
    link = tmp_path / "out.txt"
    link.symlink_to(elsewhere)
    with _atomic.atomic_file(link) as temp:
        temp.write_text("new")
    assert not link.is_symlink() and link.read_text() == "new"
    assert elsewhere.read_text() == "not yours"

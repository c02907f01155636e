"""Tests of lsmnet.io.ucinet.read_ucinet_dl.

References: the small files' expected edges are written out by hand; Knoke's DL file is checked
against the counts in its SOURCE.md and against the same matrices in the older UCINET-3 file
KnokBur.DAT, parsed independently in this test.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_ucinet_dl
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"


def write(tmp_path, text, name="f.dl"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_mode_full_matrix_with_row_and_column_labels():
    G = read_ucinet_dl(DATA / "ucinet_two_mode.dl")
    assert type(G) is nx.Graph and G.graph["two_mode"]
    assert sorted(G.edges(data="weight")) == sorted(
        [
            (("row", "Yayasan Pulih"), ("col", "Koalisi RSK"), 1.0),
            (("row", "ICW"), ("col", "Koalisi RSK"), 2.0),
            (("row", "ICW"), ("col", "Jaringan Iklim"), 1.0),
            (("row", "KontraS"), ("col", "Jaringan Iklim"), 1.0),
        ]
    )
    assert G.nodes["row", "ICW"]["bipartite"] == 0
    assert G.nodes["col", "Jaringan Iklim"]["bipartite"] == 1


@pytest.mark.parametrize("org_mode", ["rows", "columns"])
def test_two_mode_as_data(org_mode):
    data = read_ucinet_dl(DATA / "ucinet_two_mode.dl", output="data", org_mode=org_mode)
    rows = ["Yayasan Pulih", "ICW", "KontraS"]
    cols = ["Koalisi RSK", "Jaringan Iklim"]
    assert data.organizations["org_id"].tolist() == (rows if org_mode == "rows" else cols)
    assert data.coalitions["coalition_id"].tolist() == (cols if org_mode == "rows" else rows)
    assert len(data.memberships) == 4
    assert data.meta["rows"]["read"] == 4 and data.meta["rows"]["set_aside"] == 0


def test_edgelist_with_embedded_labels_and_two_relations():
    G = read_ucinet_dl(DATA / "ucinet_edgelist.dl")
    assert type(G) is nx.MultiDiGraph
    got = sorted((u, v, k, w) for u, v, k, w in G.edges(keys=True, data="weight"))
    assert got == [
        ("ICW", "Yayasan Pulih", "1", 1.0),
        ("LBH", "ICW", "2", 1.0),
        ("LBH", "WALHI", "1", 2.0),
        ("WALHI", "LBH", "1", 1.0),
    ]


def test_full_matrix_diagonal_absent(tmp_path):
    text = "DL N=3\nFORMAT = FULLMATRIX DIAGONAL ABSENT\nLABELS:\na,b,c\nDATA:\n1 0\n0 1\n1 1\n"
    G = read_ucinet_dl(write(tmp_path, text))
    # rows without the diagonal: a->(b, c), b->(a, c), c->(a, b)
    assert sorted(G.edges) == [("a", "b"), ("b", "c"), ("c", "a"), ("c", "b")]


@pytest.mark.parametrize(
    ("fmt", "values"),
    [("UPPERHALF", "0 1 2\n0 3\n0\n"), ("LOWERHALF", "0\n1 0\n2 3 0\n")],
)
def test_half_matrices_are_undirected(tmp_path, fmt, values):
    text = f"DL N=3 FORMAT={fmt}\nLABELS:\na b c\nDATA:\n{values}"
    G = read_ucinet_dl(write(tmp_path, text))
    assert type(G) is nx.Graph
    assert sorted((*sorted((u, v)), w) for u, v, w in G.edges(data="weight")) == [
        ("a", "b", 1.0),
        ("a", "c", 2.0),
        ("b", "c", 3.0),
    ]


def test_nodelist_with_numbers(tmp_path):
    G = read_ucinet_dl(write(tmp_path, "DL N=4 FORMAT=NODELIST1\nDATA:\n1 2 3\n4 1\n"))
    assert sorted(G.edges) == [("1", "2"), ("1", "3"), ("4", "1")]


def test_two_mode_edgelist(tmp_path):
    text = "DL NR=2 NC=2 FORMAT=EDGELIST2\nROW LABELS:\np q\nCOL LABELS:\nx y\nDATA:\n1 2\n2 1 3\n"
    G = read_ucinet_dl(write(tmp_path, text))
    assert sorted(G.edges(data="weight")) == [
        (("row", "p"), ("col", "y"), 1.0),
        (("row", "q"), ("col", "x"), 3.0),
    ]


def test_symmetric_matrix_is_read_undirected_unless_asked(tmp_path):
    path = write(tmp_path, "DL N=2\nDATA:\n0 1\n1 0\n")
    G = read_ucinet_dl(path)
    assert not G.is_directed() and G.graph["directed_reason"] == "all matrices symmetric"
    D = read_ucinet_dl(path, directed=True)
    assert D.is_directed() and D.number_of_edges() == 2


def test_undirected_asked_of_an_asymmetric_matrix_is_refused(tmp_path):
    path = write(tmp_path, "DL N=2\nDATA:\n0 1\n0 0\n")
    with pytest.raises(InvalidParameterError, match="'directed' parameter of read_ucinet_dl"):
        read_ucinet_dl(path, directed=False)


def test_data_sets_aside_diagonal_and_negative_cells(tmp_path):
    text = "DL N=3\nLABELS:\na,b,c\nDATA:\n1 2 0\n0 0 -1\n4 0 0\n"
    with pytest.warns(RowsSetAsideWarning, match="4 non-zero cells read = 2 used . 2 set aside"):
        data = read_ucinet_dl(write(tmp_path, text), output="data")
    assert data.ties[["source", "target", "weight"]].values.tolist() == [
        ["a", "b", 2.0],
        ["c", "a", 4.0],
    ]
    assert data.set_aside["problem"].tolist() == [
        "diagonal cell (a node tied to itself)",
        "negative value -1.0",
    ]
    assert data.set_aside["row"].tolist() == [5, 6]
    assert data.meta["rows"] == {
        "unit": "non-zero cells",
        "read": 4,
        "used": 2,
        "set_aside": 2,
        "blank": 0,
    }


def test_undirected_data_counts_mirror_cells_as_used(tmp_path):
    data = read_ucinet_dl(write(tmp_path, "DL N=2\nDATA:\n0 1\n1 0\n"), output="data")
    assert len(data.ties) == 1 and not data.ties["directed"].any()
    assert data.meta["rows"]["read"] == 2 and data.meta["rows"]["used"] == 2


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("N=2\n", r"f.dl, line 1: this is not a UCINET DL file"),
        ("", r"f.dl, line 1: this is not a UCINET DL file"),
        ("DL N=2\nLABELS:\na b\n", r"no 'DATA:' line found"),
        ("DL N=2\nDATA:\n0 1\n1\n", r"f.dl, line 4: the data end early: matrix 1, row 2"),
        ("DL N=2\nDATA:\n0 1\n1 0\n5\n", r"f.dl, line 5: 1 values left over"),
        ("DL N=2\nLABELS:\na b c\nDATA:\n", r"line 1: 3 row labels for 2 rows"),
        ("DL N=2 FORMAT=BLOCKMATRIX\nDATA:\n", r"line 1: FORMAT=BLOCKMATRIX is not supported"),
        ("DL N=2\nDATA:\n0 x\n1 0\n", r"line 3: value 'x' is not a number"),
        ("DL\nDATA:\n", r"line 1: the header gives no N="),
        ("DL N=two\nDATA:\n", r"line 1: N='two' is not a whole number"),
        ("DL N=2 FORMAT=EDGELIST1\nDATA:\n1 3\n", r"line 3: node number '3' is outside 1..2"),
        ("DL N=2 FORMAT=EDGELIST1\nDATA:\na b\nc a\n", r"line 4: node 'c' is one more than"),
        ("DL N=2 FORMAT=EDGELIST1\nDATA:\n1\n", r"line 3: an edge-list line needs two nodes"),
        ("DL N=2 NM=2 FORMAT=EDGELIST1\nDATA:\n1 2\n", r"1 edge lists separated by '!' but NM=2"),
        ("DL N=2 NM=2\nLEVEL LABELS:\nx\nDATA:\n", r"line 1: 1 level labels for NM=2"),
        ("DL N=2\nhello\nDATA:\n", r"line 2: unexpected text 'hello' in the header"),
        ("DL NR=2 FORMAT=EDGELIST2\nDATA:\n", r"FORMAT=EDGELIST2 needs NR= and NC="),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, text, match):
    with pytest.raises(SchemaError, match=match):
        read_ucinet_dl(write(tmp_path, text))


def test_two_mode_data_with_several_relations_is_refused(tmp_path):
    path = write(tmp_path, "DL NR=1 NC=2 NM=2\nDATA:\n1 0\n0 1\n")
    assert len(read_ucinet_dl(path, output="graphs")) == 2
    with pytest.raises(SchemaError, match=r"several relations \(NM=2\) a two-mode file cannot"):
        read_ucinet_dl(path, output="data")


def test_two_mode_negative_cell_is_set_aside(tmp_path):
    with pytest.warns(RowsSetAsideWarning):
        data = read_ucinet_dl(write(tmp_path, "DL NR=1 NC=2\nDATA:\n-1 1\n"), output="data")
    assert len(data.memberships) == 1
    assert data.set_aside["problem"].tolist() == ["negative value -1.0"]


def test_invalid_options():
    with pytest.raises(InvalidParameterError, match="'output' parameter of read_ucinet_dl"):
        read_ucinet_dl(DATA / "ucinet_two_mode.dl", output="matrix")
    with pytest.raises(InvalidParameterError, match="'org_mode' parameter of read_ucinet_dl"):
        read_ucinet_dl(DATA / "ucinet_two_mode.dl", org_mode=1)


# ---------------------------------------------------------------- shared: Knoke bureaucracies
def _knokbur_blocks(path: Path) -> list[np.ndarray]:
    """Independent parse of the UCINET-3 file: blocks end at a Ctrl-Z line."""
    blocks, rows = [], []
    for line in path.read_bytes().decode("ascii").splitlines():
        if line.startswith("\x1a"):
            blocks.append(np.array(rows)) if rows else None
            rows = []
            continue
        parts = line.split()
        if len(parts) == 10 and all(p.isdigit() for p in parts):
            rows.append([int(p) for p in parts])
    return blocks


@pytest.mark.shared
def test_knoke_dl_matches_counts_and_the_older_knokbur_file(shared_datasets):
    folder = shared_datasets / "knoke_bureaucracies"
    graphs = read_ucinet_dl(folder / "Knok.dat", output="graphs")
    assert list(graphs) == ["KNOKI", "KNOKM"]
    labels = ["COUN", "COMM", "EDUC", "INDU", "MAYR", "WRO", "NEWS", "UWAY", "WELF", "WEST"]
    info, money = _knokbur_blocks(folder / "KnokBur.DAT")
    for name, reference, arcs in (("KNOKI", info, 49), ("KNOKM", money, 22)):
        G = graphs[name]
        assert G.is_directed() and G.number_of_edges() == arcs == reference.sum()
        got = nx.to_numpy_array(G, nodelist=labels, weight="weight")
        np.testing.assert_array_equal(got, reference)


@pytest.mark.shared
def test_knoke_as_data_has_two_declared_layers(shared_datasets):
    data = read_ucinet_dl(shared_datasets / "knoke_bureaucracies" / "Knok.dat", output="data")
    assert len(data.organizations) == 10 and "WRO" in set(data.organizations["org_id"])
    assert data.ties.groupby("layer").size().to_dict() == {"KNOKI": 49, "KNOKM": 22}
    assert data.meta["rows"]["read"] == 71 and len(data.set_aside) == 0

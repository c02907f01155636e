"""Tests of lsmnet.io.ucinet (read_ucinet_dl, read_ucinet_dl_graphs).

References: the small files' expected edges are written out by hand; Knoke's DL file is checked
against the counts in its SOURCE.md and against the same matrices in the older UCINET-3 file
KnokBur.DAT, parsed independently in this test; KnokBur.DAT read by read_ucinet_dl (UCINET-3)
is checked against Knok.dat read as DL, that independent parse, and the SECTOR/RATING values
typed by hand from the file. The small UCINET-3 files are written out in the tests.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from lsmnet import (
    InvalidParameterError,
    LsmnetWarning,
    NetworkData,
    SchemaError,
    read_pajek,
    read_ucinet_dl,
)
from lsmnet.io.ucinet import read_ucinet_dl_graphs
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"


def write(tmp_path, text, name="f.dl"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def same_graph(a, b):
    """Equal type, nodes, edges and graph attributes (DataFrames compared as frames)."""
    if type(a) is not type(b) or dict(a.nodes(data=True)) != dict(b.nodes(data=True)):
        return False
    if (
        sorted(a.edges(data=True)) != sorted(b.edges(data=True))
        or a.graph.keys() != b.graph.keys()
    ):
        return False
    return all(
        a.graph[k].equals(b.graph[k])
        if isinstance(a.graph[k], pd.DataFrame)
        else a.graph[k] == b.graph[k]
        for k in a.graph
    )


def graph(path, **kw):
    """The graph of a file holding one relation."""
    graphs = read_ucinet_dl_graphs(path, **kw)
    assert len(graphs) == 1
    return next(iter(graphs.values()))


def test_two_mode_full_matrix_with_row_and_column_labels():
    G = graph(DATA / "ucinet_two_mode.dl")
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


@pytest.mark.parametrize("org_mode", [1, 2])
def test_two_mode_as_data(org_mode):
    data = read_ucinet_dl(DATA / "ucinet_two_mode.dl", org_mode=org_mode)
    rows = ["Yayasan Pulih", "ICW", "KontraS"]
    cols = ["Koalisi RSK", "Jaringan Iklim"]
    assert data.organizations["org_id"].tolist() == (rows if org_mode == 1 else cols)
    assert data.coalitions["coalition_id"].tolist() == (cols if org_mode == 1 else rows)
    assert len(data.memberships) == 4
    assert data.meta["rows"]["read"] == 4 and data.meta["rows"]["set_aside"] == 0


def test_edgelist_with_embedded_labels_and_two_relations():
    graphs = read_ucinet_dl_graphs(DATA / "ucinet_edgelist.dl")
    assert list(graphs) == ["1", "2"]
    assert all(type(G) is nx.DiGraph for G in graphs.values())
    assert sorted(graphs["1"].edges(data="weight")) == [
        ("ICW", "Yayasan Pulih", 1.0),
        ("LBH", "WALHI", 2.0),
        ("WALHI", "LBH", 1.0),
    ]
    assert sorted(graphs["2"].edges(data="weight")) == [("LBH", "ICW", 1.0)]


def test_full_matrix_diagonal_absent(tmp_path):
    text = "DL N=3\nFORMAT = FULLMATRIX DIAGONAL ABSENT\nLABELS:\na,b,c\nDATA:\n1 0\n0 1\n1 1\n"
    G = graph(write(tmp_path, text))
    # rows without the diagonal: a->(b, c), b->(a, c), c->(a, b)
    assert sorted(G.edges) == [("a", "b"), ("b", "c"), ("c", "a"), ("c", "b")]


@pytest.mark.parametrize(
    ("fmt", "values"),
    [("UPPERHALF", "0 1 2\n0 3\n0\n"), ("LOWERHALF", "0\n1 0\n2 3 0\n")],
)
def test_half_matrices_are_undirected(tmp_path, fmt, values):
    text = f"DL N=3 FORMAT={fmt}\nLABELS:\na b c\nDATA:\n{values}"
    G = graph(write(tmp_path, text))
    assert type(G) is nx.Graph
    assert sorted((*sorted((u, v)), w) for u, v, w in G.edges(data="weight")) == [
        ("a", "b", 1.0),
        ("a", "c", 2.0),
        ("b", "c", 3.0),
    ]


def test_nodelist_with_numbers(tmp_path):
    G = graph(write(tmp_path, "DL N=4 FORMAT=NODELIST1\nDATA:\n1 2 3\n4 1\n"))
    assert sorted(G.edges) == [("1", "2"), ("1", "3"), ("4", "1")]


def test_two_mode_edgelist(tmp_path):
    text = "DL NR=2 NC=2 FORMAT=EDGELIST2\nROW LABELS:\np q\nCOL LABELS:\nx y\nDATA:\n1 2\n2 1 3\n"
    G = graph(write(tmp_path, text))
    assert sorted(G.edges(data="weight")) == [
        (("row", "p"), ("col", "y"), 1.0),
        (("row", "q"), ("col", "x"), 3.0),
    ]


def test_symmetric_matrix_is_read_undirected_unless_asked(tmp_path):
    path = write(tmp_path, "DL N=2\nDATA:\n0 1\n1 0\n")
    G = graph(path)
    assert not G.is_directed() and G.graph["directed_reason"] == "all matrices symmetric"
    D = graph(path, directed=True)
    assert D.is_directed() and D.number_of_edges() == 2


def test_undirected_asked_of_an_asymmetric_matrix_is_refused(tmp_path):
    path = write(tmp_path, "DL N=2\nDATA:\n0 1\n0 0\n")
    with pytest.raises(InvalidParameterError, match="'directed' parameter of read_ucinet_dl"):
        read_ucinet_dl(path, directed=False)


def test_data_sets_aside_diagonal_and_negative_cells(tmp_path):
    text = "DL N=3\nLABELS:\na,b,c\nDATA:\n1 2 0\n0 0 -1\n4 0 0\n"
    with pytest.warns(RowsSetAsideWarning, match="4 non-zero cells read = 2 used . 2 set aside"):
        data = read_ucinet_dl(write(tmp_path, text))
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
    data = read_ucinet_dl(write(tmp_path, "DL N=2\nDATA:\n0 1\n1 0\n"))
    assert len(data.ties) == 1 and not data.ties["directed"].any()
    assert data.meta["rows"]["read"] == 2 and data.meta["rows"]["used"] == 2


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("N=2\n", r"f.dl, line 1: this is neither a UCINET DL file"),
        ("", r"f.dl, line 1: this is neither a UCINET DL file"),
        ("DL N=2\nLABELS:\na b\n", r"no 'DATA:' line found"),
        (
            "DL N=2\nDATA:\n0 1\n1\n",
            r"f.dl, line 4: the data end early: the header declares NM=1 of 2 x 2 \(4 values",
        ),
        ("DL N=2\nDATA:\n0 1\n1 0\n5\n", r"f.dl, line 5: 1 values left over"),
        ("DL N=2\nLABELS:\na b c\nDATA:\n", r"line 1: 3 row labels for 2 rows"),
        ("DL N=2 FORMAT=BLOCKMATRIX\nDATA:\n", r"line 1: FORMAT=BLOCKMATRIX is not supported"),
        ("DL N=2\nDATA:\n0 x\n1 0\n", r"line 3 \(matrix 1, row 1, column 2\): value 'x' is not"),
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
    assert len(read_ucinet_dl_graphs(path)) == 2
    with pytest.raises(SchemaError, match=r"several relations \(NM=2\) a two-mode file cannot"):
        read_ucinet_dl(path)


def test_two_mode_negative_cell_is_set_aside(tmp_path):
    with pytest.warns(RowsSetAsideWarning):
        data = read_ucinet_dl(write(tmp_path, "DL NR=1 NC=2\nDATA:\n-1 1\n"))
    assert len(data.memberships) == 1
    assert data.set_aside["problem"].tolist() == ["negative value -1.0"]


def test_invalid_options():
    with pytest.raises(InvalidParameterError, match="'output' parameter of read_ucinet_dl"):
        read_ucinet_dl(DATA / "ucinet_two_mode.dl", output="matrix")
    with pytest.raises(InvalidParameterError, match="'org_mode' parameter of read_ucinet_dl"):
        read_ucinet_dl(DATA / "ucinet_two_mode.dl", org_mode="row")
    with pytest.raises(TypeError, match="unexpected keyword argument 'outptu'"):
        read_ucinet_dl(DATA / "ucinet_two_mode.dl", outptu="graph")


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
    graphs = read_ucinet_dl_graphs(folder / "Knok.dat")
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
    data = read_ucinet_dl(shared_datasets / "knoke_bureaucracies" / "Knok.dat")
    assert len(data.organizations) == 10 and "WRO" in set(data.organizations["org_id"])
    assert data.ties.groupby("layer").size().to_dict() == {"KNOKI": 49, "KNOKM": 22}
    assert data.meta["rows"]["read"] == 71 and len(data.set_aside) == 0


# ---------------------------------------------------------------- UCINET-3 (pre-DL) files
Z = "\x1a"  # Ctrl-Z, the end of a UCINET-3 block
ADVICE = f"advice\n 4 , 3 , 3 ,N,NB\nPulih,ICW,KontraS\n0 1 0 \n0 0 1\n1 0 0\n{Z}\n"
TRUST = f"trust\n 4 , 3 , 3 ,N,NB\nPulih,ICW,KontraS\n0 1 1\n0 0 0\n0 0 0\n{Z}\n"
ATTRS = f" 4 , 3 , 3 ,N,LM\nID,TYPE,SCORE\n 1\tngo \t2.50\n 2\tngo\t4\n 3\tcbo\t6.40\n{Z}\n"


def test_ucinet3_matrices_and_attributes(tmp_path):
    path = write(tmp_path, "comment line\n" + ADVICE + TRUST + ATTRS, "old.dat")
    graphs = read_ucinet_dl_graphs(path)
    assert list(graphs) == ["advice", "trust"]
    assert sorted(graphs["advice"].edges) == [
        ("ICW", "KontraS"),
        ("KontraS", "Pulih"),
        ("Pulih", "ICW"),
    ]
    assert sorted(graphs["trust"].edges) == [("Pulih", "ICW"), ("Pulih", "KontraS")]
    for G in graphs.values():
        assert type(G) is nx.DiGraph
        # trailing spaces around a value are not part of it
        assert dict(G.nodes(data=True))["Pulih"] == {"label": "Pulih", "TYPE": "ngo", "SCORE": 2.5}
        assert G.nodes["KontraS"]["SCORE"] == 6.4
        assert G.graph["file_format"] == "ucinet3" and G.graph["comments"] == ("comment line",)
        assert G.graph["headers"] == ("4 , 3 , 3 ,N,NB", "4 , 3 , 3 ,N,NB", "4 , 3 , 3 ,N,LM")
        assert G.graph["set_aside"].empty and G.graph["label_mismatches"].empty


def test_ucinet3_as_data(tmp_path):
    path = write(tmp_path, ADVICE + ATTRS + TRUST, "old.dat")  # attribute block in between
    data = read_ucinet_dl(path)
    assert data.organizations["org_id"].tolist() == ["Pulih", "ICW", "KontraS"]
    assert data.ties.groupby("layer").size().to_dict() == {"advice": 3, "trust": 2}
    attrs = data.meta["vertex_attributes"]
    assert attrs.index.name == "org_id" and attrs.index.tolist() == ["Pulih", "ICW", "KontraS"]
    assert attrs["TYPE"].tolist() == ["ngo", "ngo", "cbo"]
    assert attrs["SCORE"].tolist() == [2.5, 4.0, 6.4] and attrs["SCORE"].dtype == "float64"
    assert data.meta["rows"]["read"] == 5 and data.meta["file_format"] == "ucinet3"


def test_ucinet3_attribute_ids_by_label_whole_numbers_and_missing_rows(tmp_path):
    attrs = f" 4 , 2 , 2 ,N,LM\nID,SIZE\nKontraS,12\n1,3\n{Z}\n"
    G = graph(write(tmp_path, ADVICE + attrs, "old.dat"))
    assert G.nodes["KontraS"]["SIZE"] == 12 and G.nodes["Pulih"]["SIZE"] == 3
    assert "SIZE" not in G.nodes["ICW"]  # no row for ICW: no attribute, not a made-up value
    data = read_ucinet_dl(write(tmp_path, ADVICE + attrs, "old.dat"))
    assert str(data.meta["vertex_attributes"]["SIZE"].dtype) == "Int64"


def test_ucinet3_without_labels_or_titles(tmp_path):
    G = graph(write(tmp_path, f" 4 , 2 , 2 ,N,NB\n0 1\n0 0\n{Z}\n", "old.dat"))
    assert list(G.nodes) == ["1", "2"] and list(G.edges) == [("1", "2")]
    assert G.graph["relation"] == "network"


def test_ucinet3_label_mismatch_is_read_by_position_and_warned(tmp_path):
    path = write(tmp_path, ADVICE + TRUST.replace("KontraS", "Kontras"), "old.dat")
    with pytest.warns(LsmnetWarning, match=r"'Kontras' \(line 10\). The matrices are matched"):
        data = read_ucinet_dl(path)
    assert set(data.ties["target"]) == {"ICW", "KontraS", "Pulih"}  # no 'Kontras' node
    mismatch = data.meta["label_mismatches"]
    assert mismatch[["row", "column", "value"]].values.tolist() == [[10, "3", "Kontras"]]
    assert "read as 'KontraS'" in mismatch["problem"].iat[0]


def ucinet3_error(tmp_path, text, match, **kw):
    with pytest.raises(SchemaError, match=match) as info:
        read_ucinet_dl(write(tmp_path, text, "bad.dat"), **kw)
    return info.value


@pytest.mark.parametrize(
    ("text", "match"),
    [
        # wrong row count: too few rows before the Ctrl-Z, or more than declared
        (ADVICE.replace("1 0 0\n", ""), r"bad.dat, line 5: block 1 \('advice'\) has 2 rows, its"),
        (ADVICE.replace(Z, f"0 0 0\n{Z}"), r"line 7: block 1 \('advice'\) declares 3 rows but"),
        # label count mismatch
        (ADVICE.replace("Pulih,ICW,", "ICW,"), r"line 3: 2 labels in block 1 \('advice'\), whose"),
        # missing Ctrl-Z: before the next block's title, before a header, at the end
        (ADVICE.replace(f"{Z}\n", "") + TRUST, r"line 7: block 1 \('advice'\) declares 3 rows"),
        (
            ADVICE.replace(f"{Z}\n", "") + ATTRS,
            r"line 7: a header line inside block 1 \('advice'\): no Ctrl-Z",
        ),
        (ADVICE + TRUST.replace(Z, ""), r"line 13: the file ends without the Ctrl-Z \(0x1A\)"),
        (ADVICE + "trust\n" + Z + "\n", r"line 9: block 2 \('trust'\) ends before its header"),
        (ADVICE + "notes\n", r"line 8: text after the last block \('notes'\) has no header"),
        (ADVICE.replace("3 , 3", "3 , 2"), r"line 3: 3 labels in block 1 .* declares 2 columns"),
        (
            ADVICE
            + TRUST.replace("3 , 3 ,", "2 , 2 ,")
            .replace("0 0 0\n0 0 0", "0 0")
            .replace("Pulih,ICW,KontraS", "Pulih,ICW"),
            r"line 9: block 2 \('trust'\) is a 2 x 2 matrix; every matrix of the file must be 3",
        ),
        (ADVICE.replace("ICW,", "Pulih,"), r"line 3: label 'Pulih' is repeated in block 1"),
        (ADVICE.replace("ICW,", ","), r"line 3: label 2 is empty in block 1"),
        (ADVICE + ADVICE, r"line 9: two matrices have the title 'advice'"),
        (ATTRS, r"line 1: the file holds no matrix block"),
        (ADVICE + ATTRS + ATTRS, r"line 9: the attribute 'SCORE' is given in two attribute"),
    ],
)
def test_ucinet3_malformed_layout_always_raises(tmp_path, text, match):
    for errors in ("raise", "collect"):
        error = ucinet3_error(tmp_path, text, match, errors=errors)
        assert error.problems["file"].iat[0].endswith("bad.dat")


def test_ucinet3_non_numeric_cell_names_file_row_and_column(tmp_path):
    text = ADVICE.replace("0 0 1", "0 0 x")
    error = ucinet3_error(
        tmp_path,
        text,
        r"bad.dat, line 5 \(block 1 \('advice'\), row 2 \(ICW\), column 3 \(KontraS\)\): "
        r"value 'x' is not a number. Fix: write a number \(0 for no tie\), or pass "
        r"errors='collect'",
    )
    assert error.problems[["row", "column", "value"]].values.tolist() == [[5, "KontraS", "x"]]


def test_ucinet3_collect_sets_bad_cells_and_rows_aside(tmp_path):
    text = ADVICE.replace("0 0 1", "0 0 x").replace("1 0 0", "1 0") + ATTRS.replace(" 2\t", "9\t")
    with pytest.warns(RowsSetAsideWarning, match="4 non-zero cells read = 1 used . 3 set aside"):
        data = read_ucinet_dl(write(tmp_path, text, "bad.dat"), errors="collect")
    assert data.ties[["source", "target"]].values.tolist() == [["Pulih", "ICW"]]
    aside = data.set_aside
    assert aside[["table", "row", "column", "value"]].values.tolist() == [
        ["ties", 5, "KontraS", "x"],
        ["ties", 6, "", "1 0"],
        ["organizations", 11, "ID", "9"],
    ]
    assert aside["problem"].tolist() == [
        "block 1 ('advice'), row 2 (ICW), column 3 (KontraS): value 'x' is not a number",
        "block 1 ('advice'), row 3 (KontraS): 2 values where the header declares 3 columns",
        "block 2, row of ID '9': ID '9' is neither a node number 1..3 nor a node label",
    ]
    assert data.meta["vertex_attributes"]["TYPE"].isna().tolist() == [False, True, False]


def test_ucinet3_collect_in_graph_output(tmp_path):
    path = write(tmp_path, ADVICE.replace("0 0 1", "0 0 x"), "bad.dat")
    with pytest.warns(RowsSetAsideWarning, match=r"1 cell\(s\) or line\(s\) set aside"):
        G = graph(path, errors="collect")
    assert G.number_of_edges() == 2
    assert G.graph["set_aside"][["row", "column"]].values.tolist() == [[5, "KontraS"]]


def test_ucinet3_repeated_attribute_row_and_short_attribute_row(tmp_path):
    text = ADVICE + ATTRS.replace(" 2\t", " 1\t")
    ucinet3_error(tmp_path, text, r"line 11 .*: node Pulih already has attributes \(line 10\)")
    text = ADVICE + ATTRS.replace("\t4\n", "\n")
    ucinet3_error(tmp_path, text, r"line 11 .*: 2 values where the header declares 3 columns")


def test_dl_collect_sets_bad_values_and_node_numbers_aside(tmp_path):
    with pytest.warns(RowsSetAsideWarning):
        data = read_ucinet_dl(write(tmp_path, "DL N=2\nDATA:\n0 x\n1 0\n"), errors="collect")
    assert data.set_aside[["row", "column", "value"]].values.tolist() == [[3, "2", "x"]]
    assert data.meta["rows"] == {
        "unit": "non-zero cells",
        "read": 2,
        "used": 1,
        "set_aside": 1,
        "blank": 0,
    }
    text = "DL N=2 FORMAT=EDGELIST1\nLABELS:\na,b\nDATA:\n1 3\n1 2 y\n2 1\n"
    with pytest.warns(RowsSetAsideWarning):
        G = graph(write(tmp_path, text), errors="collect")
    assert list(G.edges) == [("b", "a")]
    assert G.graph["set_aside"]["problem"].tolist() == [
        "node number '3' is outside 1..2",
        "value 'y' is not a number",
    ]


def test_invalid_errors_option(tmp_path):
    with pytest.raises(InvalidParameterError, match="'errors' parameter of read_ucinet_dl"):
        read_ucinet_dl(DATA / "ucinet_two_mode.dl", errors="ignore")


@pytest.mark.shared
def test_knokbur_ucinet3_equals_the_dl_file(shared_datasets):
    """KnokBur.DAT (UCINET-3) and Knok.dat (DL) hold the same two relations."""
    folder = shared_datasets / "knoke_bureaucracies"
    with pytest.warns(LsmnetWarning, match=r"'MAYO' \(line 18\)"):
        old = read_ucinet_dl_graphs(folder / "KnokBur.DAT")
    dl = read_ucinet_dl_graphs(folder / "Knok.dat")
    assert list(old) == ["information", "money"]
    info, money = _knokbur_blocks(folder / "KnokBur.DAT")
    labels = list(dl["KNOKI"].nodes)
    for name, dl_name, reference, arcs in (
        ("information", "KNOKI", info, 49),
        ("money", "KNOKM", money, 22),
    ):
        assert list(old[name].nodes) == labels
        assert sorted(old[name].edges(data="weight")) == sorted(dl[dl_name].edges(data="weight"))
        got = nx.to_numpy_array(old[name], nodelist=labels)
        np.testing.assert_array_equal(got, reference)
        assert old[name].number_of_edges() == arcs
    # the money block labels the mayor MAYO: read by position as MAYR, and reported
    mismatch = old["money"].graph["label_mismatches"]
    assert mismatch[["row", "column", "value"]].values.tolist() == [[18, "5", "MAYO"]]


@pytest.mark.shared
def test_knokbur_attributes_are_those_of_the_file(shared_datasets):
    folder = shared_datasets / "knoke_bureaucracies"
    with pytest.warns(LsmnetWarning, match="MAYO"):
        data = read_ucinet_dl(folder / "KnokBur.DAT")
    dl = read_ucinet_dl(folder / "Knok.dat")
    renamed = data.ties.replace({"layer": {"information": "KNOKI", "money": "KNOKM"}})
    pd.testing.assert_frame_equal(renamed, dl.ties)
    attrs = data.meta["vertex_attributes"]
    # values typed from the attribute block of KnokBur.DAT (ID 1..10 in the order of labels)
    assert attrs.index.tolist() == list(dl.organizations["org_id"])
    assert attrs["SECTOR"].tolist() == [
        "GOV", "VOL", "GOV", "PVT", "GOV", "VOL", "PVT", "VOL", "GOV", "VOL"
    ]  # fmt: skip
    assert attrs["RATING"].tolist() == [5.80, 5.80, 4.75, 5.38, 5.86, 2.50, 6.40, 5.94, 4.60, 3.50]
    assert attrs["SECTOR"].value_counts().to_dict() == {"GOV": 4, "VOL": 4, "PVT": 2}
    assert (attrs["RATING"].min(), attrs["RATING"].max()) == (2.50, 6.40)


# ---------------------------------------------------------------- one return type (issue 13)
def test_return_types_do_not_depend_on_the_file_or_the_arguments(tmp_path):
    files = [DATA / "ucinet_two_mode.dl", DATA / "ucinet_edgelist.dl"]
    files.append(write(tmp_path, "comment line\n" + ADVICE + TRUST + ATTRS, "old.dat"))
    for path in files:
        graphs = read_ucinet_dl_graphs(path)
        assert type(graphs) is dict and all(isinstance(g, nx.Graph) for g in graphs.values())
        assert type(read_ucinet_dl(path)) is NetworkData


@pytest.mark.parametrize("output", ["graph", "graphs", "data"])
def test_output_is_a_deprecated_path_to_the_01_results(output):
    path = DATA / "ucinet_edgelist.dl"
    with pytest.warns(DeprecationWarning, match="read_ucinet_dl_graphs") as rec:
        old = read_ucinet_dl(path, output=output)
    assert rec[0].filename == __file__  # the warning points at the caller
    if output == "graph":
        # reference: the 0.1 result, written out by hand from the file (two relations "1", "2")
        assert type(old) is nx.MultiDiGraph and old.graph["relations"] == ("1", "2")
        assert sorted(old.edges(keys=True, data="weight")) == [
            ("ICW", "Yayasan Pulih", "1", 1.0),
            ("LBH", "ICW", "2", 1.0),
            ("LBH", "WALHI", "1", 2.0),
            ("WALHI", "LBH", "1", 1.0),
        ]
    elif output == "graphs":
        new = read_ucinet_dl_graphs(path)
        assert list(old) == list(new) == ["1", "2"]
        assert all(same_graph(old[k], new[k]) for k in new)
    else:
        pd.testing.assert_frame_equal(old.ties, read_ucinet_dl(path).ties)


def test_deprecated_single_relation_graph_is_the_graph_itself():
    with pytest.warns(DeprecationWarning, match="deprecated since lsmnet 0.2.0"):
        old = read_ucinet_dl(DATA / "ucinet_two_mode.dl", output="graph")
    assert same_graph(old, graph(DATA / "ucinet_two_mode.dl"))


@pytest.mark.parametrize(("old", "new"), [("rows", 1), ("columns", 2)])
def test_org_mode_words_are_deprecated_aliases_of_mode_numbers(old, new):
    """One convention with read_pajek: org_mode is the mode number (issue 13)."""
    path = DATA / "ucinet_two_mode.dl"
    with pytest.warns(DeprecationWarning, match=f"use org_mode={new}"):
        before = read_ucinet_dl(path, org_mode=old)
    after = read_ucinet_dl(path, org_mode=new)
    pd.testing.assert_frame_equal(before.memberships, after.memberships)
    assert after.meta["provenance"]["options"]["org_mode"] == new


def test_read_pajek_and_read_ucinet_dl_share_the_org_mode_convention():
    for reader in (read_ucinet_dl, read_pajek):
        assert inspect.signature(reader).parameters["org_mode"].default == 1

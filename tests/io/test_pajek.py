"""Tests of lsmnet.io.pajek (read_pajek, read_pajek_graphs) on hand-made files and the classic
shared datasets.

References: expected edges are written out by hand from the small files; the shared files are
checked against the counts in their SOURCE.md, against networkx's own Pajek reader (where it
can read the file) and against networkx's bundled Florentine families marriage graph.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from lsmnet import (
    InvalidParameterError,
    NetworkData,
    SchemaError,
    comembership_graph,
    read_pajek,
)
from lsmnet.io._files import EncodingFallbackWarning
from lsmnet.io.pajek import read_pajek_graphs
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"


def write(tmp_path, text, name="f.net", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def graph(path, **kw):
    """The graph of a file holding one network."""
    graphs = read_pajek_graphs(path, **kw)
    assert len(graphs) == 1
    return next(iter(graphs.values()))


# ---------------------------------------------------------------- hand-made files
def test_two_mode_graph_has_bipartite_attribute_and_partition():
    G = graph(DATA / "pajek_two_mode.net")
    assert type(G) is nx.Graph
    assert G.graph["two_mode"] is True and G.graph["name"] == "members"
    assert {n: d["bipartite"] for n, d in G.nodes(data=True)} == {
        "Yayasan Pulih": 0,
        "ICW": 0,
        "KontraS": 0,
        "Koalisi Reformasi Sektor Keamanan": 1,
        "Jaringan Iklim": 1,
    }
    assert G.nodes["ICW"]["Province"] == 2
    assert sorted(G.edges(data="weight")) == sorted(
        [
            ("Yayasan Pulih", "Koalisi Reformasi Sektor Keamanan", 1.0),
            ("ICW", "Koalisi Reformasi Sektor Keamanan", 2.0),
            ("ICW", "Jaringan Iklim", 1.0),
            ("KontraS", "Jaringan Iklim", 1.0),
        ]
    )


@pytest.mark.parametrize("org_mode", [1, 2])
def test_two_mode_as_data(org_mode):
    data = read_pajek(DATA / "pajek_two_mode.net", org_mode=org_mode)
    people = ["Yayasan Pulih", "ICW", "KontraS"]
    groups = ["Koalisi Reformasi Sektor Keamanan", "Jaringan Iklim"]
    orgs, coals = (people, groups) if org_mode == 1 else (groups, people)
    assert data.organizations["org_id"].tolist() == orgs
    assert data.coalitions["coalition_id"].tolist() == coals
    pairs = [
        ("Yayasan Pulih", "Koalisi Reformasi Sektor Keamanan", 1.0),
        ("ICW", "Koalisi Reformasi Sektor Keamanan", 2.0),
        ("ICW", "Jaringan Iklim", 1.0),
        ("KontraS", "Jaringan Iklim", 1.0),
    ]
    expected = {(a, b, w) if org_mode == 1 else (b, a, w) for a, b, w in pairs}
    got = set(data.memberships[["org_id", "coalition_id", "weight"]].itertuples(index=False))
    assert got == expected
    assert data.meta["rows"] == {"unit": "lines", "read": 4, "used": 4, "set_aside": 0, "blank": 0}
    assert data.meta["provenance"]["importer"] == "read_pajek"
    assert data.meta["vertex_attributes"].loc["ICW", "Province"] == 2


def test_mixed_arcs_edges_and_arcslist():
    G = graph(DATA / "pajek_mixed.net")
    assert type(G) is nx.MultiDiGraph
    edges = sorted(
        (u, v, d["weight"], d.get("undirected", False)) for u, v, d in G.edges(data=True)
    )
    assert edges == [
        ("A", "B", 1.0, False),
        ("B", "C", 2.5, True),
        ("C", "B", 2.5, True),
        ("D", "A", 1.0, False),
        ("D", "B", 1.0, False),
        ("D", "C", 1.0, False),
    ]


def test_one_mode_matrix_is_directed(tmp_path):
    path = write(tmp_path, "*Vertices 3\n1 a\n2 b\n3 c\n*Matrix\n0 1 0\n0 0 3\n1 0 0\n")
    G = graph(path)
    assert type(G) is nx.DiGraph
    assert sorted(G.edges(data="weight")) == [("a", "b", 1.0), ("b", "c", 3.0), ("c", "a", 1.0)]


def test_vertices_without_lines_get_their_number_as_label(tmp_path):
    G = graph(write(tmp_path, "*Vertices 3\n*Edges\n1 2\n2 3\n"))
    assert sorted(G.nodes) == ["1", "2", "3"]
    assert G.edges["1", "2"]["weight"] == 1.0


def test_duplicate_labels_fall_back_to_vertex_numbers(tmp_path):
    G = graph(write(tmp_path, '*Vertices 2\n1 "X"\n2 "X"\n*Edges\n1 2\n'))
    assert sorted(G.nodes) == [1, 2]
    assert G.nodes[1]["label"] == "X"


def test_edgeslist_and_repeated_lines_make_a_multigraph(tmp_path):
    G = graph(write(tmp_path, "*Vertices 3\n*Edgeslist\n1 2 3\n*Edges\n1 2\n"))
    assert type(G) is nx.MultiGraph
    assert G.number_of_edges("1", "2") == 2


def test_windows_1252_file_is_decoded_with_a_warning(tmp_path):
    path = write(
        tmp_path, '*Vertices 2\n1 "AÉROSPATIALE"\n2 "Université"\n*Edges\n1 2\n', encoding="cp1252"
    )
    with pytest.warns(EncodingFallbackWarning, match="not valid UTF-8"):
        G = graph(path)
    assert sorted(G.nodes) == ["AÉROSPATIALE", "Université"]
    assert sorted(graph(path, encoding="cp1252").nodes) == ["AÉROSPATIALE", "Université"]
    data = read_pajek(path, encoding="cp1252")
    assert data.organizations["name"].tolist() == ["AÉROSPATIALE", "Université"]


def test_data_sets_aside_loops_negative_and_repeated_lines(tmp_path):
    text = "*Vertices 3\n1 a\n2 b\n3 c\n*Arcs\n1 2 1\n2 2 1\n2 3 -1\n1 2 4\n3 1 2\n"
    with pytest.warns(RowsSetAsideWarning, match="5 lines read = 2 used . 3 set aside") as rec:
        data = read_pajek(write(tmp_path, text))
    assert rec[0].filename == __file__  # the warning points at the caller
    assert data.ties[["source", "target", "weight"]].values.tolist() == [
        ["a", "b", 1.0],
        ["c", "a", 2.0],
    ]
    assert (data.ties["layer"] == "network").all() and data.ties["directed"].all()
    aside = data.set_aside
    assert aside["row"].tolist() == [7, 8, 9]
    assert aside["problem"].tolist() == [
        "loop (a vertex tied to itself)",
        "negative value -1.0",
        "repeated line",
    ]
    rows = data.meta["rows"]
    assert rows["read"] == rows["used"] + rows["set_aside"] == 5


def test_named_relations_become_declared_layers(tmp_path):
    text = '*Vertices 2\n1 a\n2 b\n*Edges :1 "media work"\n1 2\n*Arcs :2 "funding"\n1 2 9\n'
    data = read_pajek(write(tmp_path, text))
    assert "media work" in data.layers
    ties = data.ties.set_index("layer")
    assert not ties.loc["media work", "directed"] and ties.loc["funding", "directed"]


def test_network_selection_by_title_and_position(tmp_path):
    text = "*Network one\n*Vertices 2\n*Edges\n1 2\n*Network two\n*Vertices 3\n*Arcs\n1 3\n"
    path = write(tmp_path, text, "p.paj")
    assert len(read_pajek(path, network="two").organizations) == 3
    assert len(read_pajek(path).organizations) == 2
    assert read_pajek(path, network=1).meta["provenance"]["options"]["network"] == "two"
    assert list(read_pajek_graphs(path)) == ["one", "two"]
    with pytest.raises(InvalidParameterError, match="'network' parameter of read_pajek"):
        read_pajek(path, network="three")


def test_unknown_sections_are_skipped_and_listed(tmp_path):
    text = "*Vertices 2\n*Edges\n1 2\n*Permutation p\n*Vertices 2\n2\n1\n"
    G = graph(write(tmp_path, text))
    assert G.graph["skipped_sections"] == ("line 4: *Permutation",)
    assert len(read_pajek(write(tmp_path, text)).ties) == 1


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("*Vertices 2\n*Edges\n1 3\n", r"f.net, line 3: vertex number 3 is outside 1..2"),
        (
            "*Vertices 2\n*Matrix\n0 1\n1\n",
            r"f.net, line 4: matrix row 2 has 1 values, expected",
        ),
        ("*Vertices 2\n*Matrix\n0 1\n1 0\n1 1\n", r"line 5: matrix has more than 2 rows"),
        ("*Vertices 2\n*Edges\n1 x\n", r"line 3: vertex number 'x' is not a number"),
        ("*Vertices 2\n*Edges\n1\n", r"line 3: line '1' names only one vertex"),
        ("*Edges\n1 2\n", r"line 1: \*Edges before any \*Vertices"),
        ("1 2\n*Vertices 2\n", r"line 1: data line '1 2' outside any section"),
        ("hello\n", r"line 1: data line 'hello' outside any section"),
        ("", r"no \*Vertices section found"),
        ("*Vertices 3 5\n", r"line 1: two-mode header \*Vertices 3 5"),
        (
            "*Vertices 2\n*Partition p\n*Vertices 2\n1\n",
            r"line 2: partition 'p' declares 2",
        ),
        ("*Vertices\n", r"line 1: \*Vertices without a count"),
        ("*Vertices 2.5\n", r"line 1: vertex count '2.5' is not a whole number"),
        (
            "*Vertices 2\n*Vector v\n*Vertices 2\n1\nabc\n",
            r"line 5: vector value 'abc' is not",
        ),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, text, match):
    with pytest.raises(SchemaError, match=match):
        read_pajek(write(tmp_path, text))


def test_invalid_options():
    with pytest.raises(InvalidParameterError, match="'output' parameter of read_pajek"):
        read_pajek(DATA / "pajek_two_mode.net", output="table")
    with pytest.raises(TypeError, match="unexpected keyword argument 'outptu'"):
        read_pajek(DATA / "pajek_two_mode.net", outptu="graph")
    with pytest.raises(InvalidParameterError, match="'org_mode' parameter of read_pajek"):
        read_pajek(DATA / "pajek_two_mode.net", org_mode=3)


# ---------------------------------------------------------------- one return type (issue 13)
TWO_NETWORKS = "*Network one\n*Vertices 2\n*Edges\n1 2\n*Network two\n*Vertices 3\n*Arcs\n1 3\n"


def test_return_types_do_not_depend_on_the_file_or_the_arguments(tmp_path):
    one = write(tmp_path, "*Vertices 2\n*Edges\n1 2\n")
    two = write(tmp_path, TWO_NETWORKS, "p.paj")
    for path in (one, two):
        graphs = read_pajek_graphs(path)
        assert type(graphs) is dict and all(isinstance(g, nx.Graph) for g in graphs.values())
        assert type(read_pajek(path)) is NetworkData
    assert type(read_pajek(two, network="two")) is NetworkData


def test_repeated_titles_are_numbered_not_dropped(tmp_path):
    text = "*Network n\n*Vertices 2\n*Edges\n1 2\n*Network n\n*Vertices 3\n*Arcs\n1 3\n"
    graphs = read_pajek_graphs(write(tmp_path, text, "p.paj"))
    assert {k: g.number_of_nodes() for k, g in graphs.items()} == {"n": 2, "n (2)": 3}


@pytest.mark.parametrize("output", ["graph", "graphs", "data"])
def test_output_is_a_deprecated_path_to_the_01_results(tmp_path, output):
    path = write(tmp_path, TWO_NETWORKS, "p.paj")
    with pytest.warns(DeprecationWarning, match="read_pajek_graphs") as rec:
        old = read_pajek(path, output=output, network="two")
    assert rec[0].filename == __file__  # the warning points at the caller
    # reference: the new functions, which the 0.1 outputs must equal
    if output == "graph":
        new = read_pajek_graphs(path)["two"]
        assert type(old) is type(new) is nx.DiGraph
        assert nx.utils.graphs_equal(old, new)
    elif output == "graphs":
        assert list(old) == list(read_pajek_graphs(path)) == ["one", "two"]
    else:
        for table in ("organizations", "ties"):
            expected = getattr(read_pajek(path, network="two"), table)
            assert getattr(old, table).equals(expected)


# ---------------------------------------------------------------- shared classic datasets
def _no_encoding_warning(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingFallbackWarning)
        return fn(*args, **kw)


@pytest.mark.shared
def test_ceos_two_mode_matrix_equals_the_incidence_matrix_in_the_file(shared_datasets):
    path = shared_datasets / "wasserman_faust" / "CEOs.net"
    # independent parse: the 26 matrix lines after *Matrix
    lines = path.read_text("ascii").splitlines()
    start = next(i for i, s in enumerate(lines) if s.startswith("*Matrix"))
    matrix = np.array([[int(x) for x in s.split()] for s in lines[start + 1 : start + 27]])
    assert matrix.shape == (26, 15) and matrix.sum() == 98
    data = read_pajek(path)
    assert len(data.organizations) == 26 and len(data.coalitions) == 15
    got = np.zeros((26, 15), dtype=int)
    for org, club in data.memberships[["org_id", "coalition_id"]].itertuples(index=False):
        got[int(org.split("-")[1]) - 1, int(club.split("-")[1]) - 1] = 1
    np.testing.assert_array_equal(got, matrix)


@pytest.mark.shared
def test_hightech_relations_and_attributes(shared_datasets):
    G = graph(shared_datasets / "wasserman_faust" / "HighTech.paj")
    assert G.number_of_nodes() == 21  # networkx's reader returns 31 (SOURCE.md)
    counts = {}
    for *_e, rel in G.edges(data="relation"):
        counts[rel] = counts.get(rel, 0) + 1
    assert counts == {"gives_advice_to": 190, "is_friend_of": 102, "reports_to": 20}
    assert set(G.nodes["v1"]) >= {"Department", "Level", "Age", "Tenure"}
    data = read_pajek(shared_datasets / "wasserman_faust" / "HighTech.paj")
    assert data.meta["rows"]["read"] == 312
    assert len(data.ties) + len(data.set_aside) == 312


@pytest.mark.shared
def test_padgett_marriages_equal_networkx_florentine_families(shared_datasets):
    G = graph(shared_datasets / "wasserman_faust" / "Padgett.paj")
    marital = nx.Graph((u, v) for u, v, r in G.edges(data="relation") if r == "Marital")
    reference = nx.florentine_families_graph()  # Padgett & Ansell marriages, Pucci left out
    assert {frozenset(e) for e in marital.edges} == {frozenset(e) for e in reference.edges}
    assert G.nodes["Medici"]["Wealth"] == 103.0


@pytest.mark.shared
def test_eies_project_holds_two_networks_with_their_attributes(shared_datasets):
    graphs = read_pajek_graphs(shared_datasets / "wasserman_faust" / "EIES.paj")
    first, messages = graphs.values()
    assert (first.number_of_nodes(), first.number_of_edges()) == (48, 695 + 830)
    assert (messages.number_of_nodes(), messages.number_of_edges()) == (32, 460)
    assert "Discipline" in messages.nodes["v1"] and "Discipline" not in first.nodes["v1"]
    assert "Select 32 from 48" in first.nodes["v1"]


@pytest.mark.shared
def test_institutions_net_equals_networkx_reader(shared_datasets):
    path = shared_datasets / "eu_simpro" / "Institutions.net"
    ours = _no_encoding_warning(graph, path)
    theirs = nx.read_pajek(path, encoding="latin-1")
    assert type(ours) is nx.Graph  # no repeated lines in this file
    ref = {frozenset((u.strip(), v.strip())): w for u, v, w in theirs.edges(data="weight")}
    got = {frozenset((u, v)): w for u, v, w in ours.edges(data="weight")}
    assert len(got) == theirs.number_of_edges() == 50411
    assert got == ref


@pytest.mark.shared
def test_projinst_projection_reproduces_institutions_weight_for_weight(shared_datasets):
    folder = shared_datasets / "eu_simpro"
    data = _no_encoding_warning(read_pajek, folder / "ProjInst.net", org_mode=2)
    assert (len(data.organizations), len(data.coalitions), len(data.memberships)) == (
        3438,
        933,
        7030,
    )
    projected = comembership_graph(data, weight="count")
    published = _no_encoding_warning(graph, folder / "Institutions.net")
    got = {frozenset((u, v)): w for u, v, w in projected.edges(data="weight")}
    expected = {frozenset((u, v)): w for u, v, w in published.edges(data="weight")}
    assert len(expected) == 50411
    assert got == expected
    # organisations absent from the projection have no co-members in the published file either
    for org in set(published) - set(projected):
        assert published.degree(org) == 0

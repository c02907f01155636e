"""from_graph, check_network_data and read_gml (issue 17: any graph in).

References: the round trip is checked against the input graph itself (nodes, edges and
attributes equal after from_graph → partnership_graph); igraph's Zachary graph against
networkx's karate club (same 78 ties).
"""

from __future__ import annotations

import networkx as nx
import pytest

import lsmnet as lsm
from lsmnet.exceptions import GraphTypeError, SchemaError
from lsmnet.io.from_graph import check_network_data


def _attributed(directed=False):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_node("A", name="Yayasan A", type="ngo", province="Aceh", founded=2001, club="x")
    G.add_node("B", name="LBH B", type="cbo", province="Bali", founded=1999, club="y")
    G.add_node("C", name="Forum C", type="ngo", province="Aceh", founded=2010, club="x")
    G.add_edge("A", "B", weight=2.0, since="2019")
    G.add_edge("B", "C", weight=0.5, since="2021")
    return G


@pytest.mark.parametrize("directed", [False, True])
def test_round_trip_keeps_nodes_edges_and_attributes(directed):
    G = _attributed(directed)
    data = lsm.from_graph(G)
    H = lsm.partnership_graph(data)
    assert H.is_directed() == directed
    assert list(H) == list(G)
    assert sorted(H.edges) == sorted(G.edges)
    for node, attrs in G.nodes(data=True):
        for key, value in attrs.items():
            assert H.nodes[node][key] == value, (node, key)
    for u, v, attrs in G.edges(data=True):
        assert H[u][v]["weight"] == attrs["weight"]
    assert data.ties.set_index(["source", "target"]).loc[("A", "B"), "since"] == "2019"


def test_non_string_nodes_become_text_ids_and_weights_are_kept():
    data = lsm.from_graph(nx.karate_club_graph())
    assert data.organizations["org_id"].tolist() == [str(i) for i in range(34)]
    K = nx.karate_club_graph()
    want = {(str(u), str(v)): w for u, v, w in K.edges(data="weight")}
    got = {(s, t): w for s, t, w in data.ties[["source", "target", "weight"]].itertuples(False)}
    assert got == want
    assert set(data.ties["layer"]) == {"network"}


def test_layer_attribute_and_custom_layer():
    G = nx.MultiGraph()
    G.add_edge("a", "b", layer="advocacy")
    G.add_edge("a", "b", layer="operational")
    G.add_edge("b", "c", layer="sharing")
    data = lsm.from_graph(G)
    assert sorted(data.ties["layer"]) == ["advocacy", "operational", "sharing"]
    assert set(lsm.from_graph(nx.path_graph(3), layer="advocacy").ties["layer"]) == {"advocacy"}


@pytest.mark.parametrize(
    ("graph", "match"),
    [
        (nx.Graph([(1, 1), (1, 2)]), "self-loop"),
        (nx.Graph([(1, 2), ("1", 3)]), "same text form"),
        (nx.MultiGraph([(1, 2), (2, 1)]), "parallel edges"),
    ],
)
def test_graphs_that_cannot_be_tables_are_located_errors(graph, match):
    with pytest.raises(SchemaError, match=match):
        lsm.from_graph(graph)


def test_bad_arguments():
    with pytest.raises(GraphTypeError, match="from_frames"):
        lsm.from_graph({"a": "b"})
    with pytest.raises(lsm.InvalidParameterError, match="'layer' parameter of from_graph"):
        lsm.from_graph(nx.path_graph(2), layer="")


def test_igraph_graph_is_accepted():
    ig = pytest.importorskip("igraph")
    data = lsm.from_graph(ig.Graph.Famous("Zachary"))
    assert len(data.organizations) == 34
    assert len(data.ties) == nx.karate_club_graph().number_of_edges()


def test_check_network_data_names_from_graph():
    with pytest.raises(GraphTypeError, match=r"lsmnet\.from_graph\(G\)"):
        check_network_data(nx.path_graph(3), "risk_flags")
    with pytest.raises(GraphTypeError, match="Got list"):
        check_network_data([], "risk_flags")
    data = lsm.from_graph(nx.path_graph(3))
    assert check_network_data(data, "risk_flags") is data


def test_report_of_the_karate_club(tmp_path):
    report = lsm.report(lsm.from_graph(nx.karate_club_graph()))
    report.to_html(tmp_path / "karate.html")
    report.to_excel(tmp_path / "karate.xlsx")
    page = (tmp_path / "karate.html").read_text(encoding="utf-8")
    assert "networkx Graph" in page  # the data's source line
    assert (tmp_path / "karate.xlsx").stat().st_size > 5_000


def test_read_gml_round_trip_and_errors(tmp_path):
    G = nx.relabel_nodes(nx.krackhardt_kite_graph(), lambda i: f"org{i}")
    nx.set_node_attributes(G, "ngo", "type")
    path = tmp_path / "kite.gml"
    nx.write_gml(G, path)
    H = lsm.read_gml(path)
    assert sorted(H.edges) == sorted(G.edges) and H.nodes["org3"]["type"] == "ngo"
    bad = tmp_path / "bad.gml"
    bad.write_text("graph [ node [ id 0 label", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"bad\.gml: not readable as GML"):
        lsm.read_gml(bad)
    twice = tmp_path / "twice.gml"
    twice.write_text(
        'graph [ node [ id 0 label "x" ] node [ id 1 label "x" ] edge [ source 0 target 1 ] ]',
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match="label=None"):
        lsm.read_gml(twice)
    assert lsm.read_gml(twice, label=None).number_of_edges() == 1
    with pytest.raises(FileNotFoundError):
        lsm.read_gml(tmp_path / "missing.gml")

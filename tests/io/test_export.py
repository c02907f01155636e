"""Tests of lsmnet.io.export: GraphML/GEXF round trips and Kumu blueprints/workbooks.

References: networkx's own GraphML and GEXF readers read what we write (so the files are valid
for other tools); the round trip through our readers must give back the exact graph.
"""

from __future__ import annotations

import json
import math

import networkx as nx
import openpyxl
import pandas as pd
import pytest

from lsmnet import (
    GraphTypeError,
    InvalidParameterError,
    SchemaError,
    write_gexf,
    write_graphml,
    write_kumu,
)
from lsmnet.io.export import read_gexf, read_graphml
from lsmnet.model import from_frames


def rich_graph(cls=nx.Graph):
    G = cls(name="demo", built_by="test", at=pd.Timestamp("2023-05-01"))
    G.add_node(
        "lbh",
        name="LBH Jakarta",
        type="ngo",
        issues=("hukum", "HAM"),
        founded=1970,
        budget=float("nan"),
        respondent=True,
        province=None,
    )
    G.add_node(
        "walhi",
        name="Walhi ñ",
        type="ngo",
        issues=(),
        founded=1980,
        budget=2.5e6,
        respondent=False,
        province="DKI Jakarta",
    )
    G.add_node(
        "kontras",
        name="=KontraS",
        type=None,
        issues=("HAM",),
        founded=1998,
        budget=1.0,
        respondent=None,
        province="Jawa Barat",
    )
    G.add_edge(
        "lbh",
        "walhi",
        weight=2.0,
        layers=("advocacy", "network"),
        multiplexity=2,
        amount=float("nan"),
        start=pd.Timestamp("2020-01-01"),
        end=None,
        label="x",
        id="e-1",
        type="partnership",
    )
    G.add_edge(
        "walhi",
        "kontras",
        weight=1.0,
        layers=("capacity",),
        multiplexity=1,
        amount=5000.0,
        start=None,
        end=pd.Timestamp("2022-12-31"),
        label="y",
        id="e-2",
        type="partnership",
    )
    return G


def assert_same_graph(G, H):
    assert type(H) is type(G)
    assert set(H.nodes) == set(G.nodes)
    for n, d in G.nodes(data=True):
        assert_same_attrs(d, H.nodes[n])
    edges_g = sorted(G.edges(keys=True) if G.is_multigraph() else G.edges, key=repr)
    edges_h = sorted(H.edges(keys=True) if H.is_multigraph() else H.edges, key=repr)
    if not G.is_directed():
        edges_g = sorted(
            (tuple(sorted(e[:2], key=repr)) + tuple(e[2:]) for e in edges_g), key=repr
        )
        edges_h = sorted(
            (tuple(sorted(e[:2], key=repr)) + tuple(e[2:]) for e in edges_h), key=repr
        )
    assert edges_g == edges_h
    for e in G.edges(keys=True) if G.is_multigraph() else G.edges:
        assert_same_attrs(G.edges[e], H.edges[e])
    assert_same_attrs(G.graph, H.graph)


def assert_same_attrs(a, b):
    assert set(a) == set(b), (a, b)
    for k, v in a.items():
        w = b[k]
        if isinstance(v, float) and math.isnan(v):
            assert isinstance(w, float) and math.isnan(w), (k, v, w)
        else:
            assert w == v and type(w) is type(v), (k, v, w)


@pytest.mark.parametrize(
    ("write", "read"), [(write_graphml, read_graphml), (write_gexf, read_gexf)]
)
@pytest.mark.parametrize("cls", [nx.Graph, nx.DiGraph])
def test_round_trip_restores_every_attribute(tmp_path, write, read, cls):
    G = rich_graph(cls)
    H = read(write(G, tmp_path / "g.xml"))
    assert_same_graph(G, H)


@pytest.mark.parametrize(
    ("write", "read"), [(write_graphml, read_graphml), (write_gexf, read_gexf)]
)
def test_round_trip_tuple_node_keys_and_multigraph_keys(tmp_path, write, read):
    G = nx.MultiDiGraph()
    G.add_node(("org", "a"), bipartite=0, label="A")
    G.add_node(("coalition", "a"), bipartite=1, label="Coalition A")
    G.add_edge(("org", "a"), ("coalition", "a"), key="member", weight=1.0)
    G.add_edge(("org", "a"), ("coalition", "a"), key="chair", weight=2.0)
    G.add_edge(("coalition", "a"), ("org", "a"), key=0, weight=3.0)
    H = read(write(G, tmp_path / "g.xml"))
    assert_same_graph(G, H)


def test_graphml_is_readable_by_networkx_with_json_text(tmp_path):
    G = rich_graph()
    plain = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert json.loads(plain.nodes["lbh"]["issues"]) == ["hukum", "HAM"]
    assert plain.edges["lbh", "walhi"]["start"] == "2020-01-01T00:00:00"
    assert plain.nodes["lbh"]["founded"] == 1970
    assert "province" not in plain.nodes["lbh"]  # missing values are left out


def test_gexf_is_readable_by_networkx_and_stays_static(tmp_path):
    path = write_gexf(rich_graph(), tmp_path / "g.gexf")
    text = path.read_text("utf-8")
    assert 'mode="static"' in text and "timeformat" not in text
    plain = nx.read_gexf(path)
    assert plain.nodes["walhi"]["name"] == "Walhi ñ"
    assert plain.edges["lbh", "walhi"]["lsmnet_start"] == "2020-01-01T00:00:00"


def test_foreign_graphml_is_returned_as_networkx_reads_it(tmp_path):
    G = nx.path_graph(3)
    nx.write_graphml(G, tmp_path / "p.graphml")
    H = read_graphml(tmp_path / "p.graphml")
    assert sorted(H.edges) == [("0", "1"), ("1", "2")]


def test_truncated_files_raise_schema_error_with_location(tmp_path):
    for write, read, name in (
        (write_graphml, read_graphml, "g.graphml"),
        (write_gexf, read_gexf, "g.gexf"),
    ):
        path = write(rich_graph(), tmp_path / name)
        text = path.read_text("utf-8")
        path.write_text(text[: len(text) // 2], encoding="utf-8")
        with pytest.raises(SchemaError, match=rf"{name}.*line \d+"):
            read(path)


def test_writers_refuse_non_graphs(tmp_path):
    with pytest.raises(GraphTypeError, match="write_graphml takes a networkx graph"):
        write_graphml({"a": 1}, tmp_path / "x.graphml")
    with pytest.raises(GraphTypeError, match="write_gexf takes a networkx graph"):
        write_gexf([], tmp_path / "x.gexf")
    with pytest.raises(GraphTypeError, match="write_kumu takes a networkx graph or a NetworkData"):
        write_kumu("graph", tmp_path / "x.json")


def test_writers_do_not_mutate_the_graph(tmp_path):
    G = rich_graph()
    before = nx.node_link_data(G, edges="edges")
    write_graphml(G, tmp_path / "g.graphml")
    write_gexf(G, tmp_path / "g.gexf")
    write_kumu(G, tmp_path / "g.json")
    assert repr(nx.node_link_data(G, edges="edges")) == repr(before)


# ---------------------------------------------------------------- Kumu
def test_kumu_json_from_graph_has_elements_and_connections(tmp_path):
    blueprint = json.loads(write_kumu(rich_graph(), tmp_path / "m.json").read_text("utf-8"))
    assert set(blueprint) == {"elements", "connections"}
    elements = {e["id"]: e for e in blueprint["elements"]}
    assert elements["lbh"]["label"] == "LBH Jakarta"  # no 'label' attribute: the name
    assert elements["lbh"]["issues"] == ["hukum", "HAM"]
    assert "province" not in elements["lbh"] and "budget" not in elements["lbh"]
    assert elements["lbh"]["type"] == "ngo"
    first = blueprint["connections"][0]
    assert (first["from"], first["to"], first["direction"]) == (
        "LBH Jakarta",
        "Walhi ñ",
        "undirected",
    )
    assert first["layers"] == ["advocacy", "network"]
    assert first["type"] == "partnership"  # the edge's own type attribute wins over its layers
    assert first["label (attribute)"] == "x" and first["id (attribute)"] == "e-1"
    assert len(blueprint["connections"]) == 2


def test_kumu_labels_are_made_unique(tmp_path):
    G = nx.DiGraph()
    G.add_node("a", label="Same")
    G.add_node("b", label="Same")
    G.add_edge("a", "b")
    blueprint = json.loads(write_kumu(G, tmp_path / "m.json").read_text("utf-8"))
    labels = [e["label"] for e in blueprint["elements"]]
    assert labels == ["Same", "Same (b)"]
    assert blueprint["connections"][0] == {
        "from": "Same",
        "to": "Same (b)",
        "direction": "directed",
    }


def small_data():
    orgs = pd.DataFrame(
        {
            "org_id": ["lbh", "walhi", "icw"],
            "name": ["LBH Jakarta", '=HYPERLINK("http://x")', "ICW"],
            "type": ["ngo", "ngo", "ngo"],
            "issues": ["hukum|HAM", "lingkungan", ""],
        }
    )
    coalitions = pd.DataFrame(
        {"coalition_id": ["ksr"], "name": ["Koalisi RSK"], "kind": ["coalition"]}
    )
    members = pd.DataFrame({"org_id": ["lbh", "walhi"], "coalition_id": ["ksr", "ksr"]})
    ties = pd.DataFrame(
        {
            "source": ["lbh", "icw"],
            "target": ["walhi", "lbh"],
            "layer": ["advocacy", "funding"],
            "amount": [None, 1000.0],
        }
    )
    return from_frames(orgs, coalitions, members, ties)


def test_kumu_json_from_network_data(tmp_path):
    blueprint = json.loads(write_kumu(small_data(), tmp_path / "d.json").read_text("utf-8"))
    types = {e["id"]: e["type"] for e in blueprint["elements"]}
    assert types == {"lbh": "ngo", "walhi": "ngo", "icw": "ngo", "ksr": "coalition"}
    conns = {(c["from"], c["to"], c["type"], c["direction"]) for c in blueprint["connections"]}
    assert conns == {
        ("LBH Jakarta", '=HYPERLINK("http://x")', "advocacy", "undirected"),
        ("ICW", "LBH Jakarta", "funding", "directed"),
        ("LBH Jakarta", "Koalisi RSK", "membership", "directed"),
        ('=HYPERLINK("http://x")', "Koalisi RSK", "membership", "directed"),
    }


def test_kumu_excel_neutralises_formulas_and_joins_tuples(tmp_path):
    path = write_kumu(small_data(), tmp_path / "d.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections"]
    elements = list(book["Elements"].values)
    header = list(elements[0])
    assert header[:3] == ["Label", "ID", "Type"]
    rows = {r[1]: dict(zip(header, r, strict=True)) for r in elements[1:]}
    assert rows["walhi"]["Label"] == '\'=HYPERLINK("http://x")'
    assert rows["lbh"]["issues"] == "hukum | HAM"
    # no cell of either sheet is a live formula
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value[:1] in "=+-@")
    connections = list(book["Connections"].values)
    assert connections[0][:4] == ("From", "To", "Type", "Direction")
    assert len(connections) == 1 + 4


def test_kumu_invalid_format(tmp_path):
    with pytest.raises(InvalidParameterError, match="'format' parameter of write_kumu"):
        write_kumu(nx.Graph(), tmp_path / "x.json", format="csv")

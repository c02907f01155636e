"""GraphML and GEXF files as untrusted input (issue 19): content never selects code, XML
entities and external references are refused, damaged lsmnet records are located errors.

Reference: the files are written by lsmnet itself (``write_graphml``/``write_gexf``) and then
edited the way an attacker would, so each test fails if the protection is removed.
"""

from __future__ import annotations

import json
import time

import networkx as nx
import pytest

import lsmnet as lsm
from lsmnet.exceptions import SchemaError


def _written(tmp_path, kind="graphml"):
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=2.0)
    path = tmp_path / f"g.{kind}"
    (lsm.write_graphml if kind == "graphml" else lsm.write_gexf)(G, path)
    return path


def _swap_class(path, new_class):
    text = path.read_text(encoding="utf-8")
    assert "&quot;class&quot;: &quot;DiGraph&quot;" in text or '"class": "DiGraph"' in text
    text = text.replace(
        "&quot;class&quot;: &quot;DiGraph&quot;", f"&quot;class&quot;: &quot;{new_class}&quot;"
    )
    text = text.replace('"class": "DiGraph"', f'"class": "{new_class}"')
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_round_trip_still_restores_the_class(tmp_path, kind):
    path = _written(tmp_path, kind)
    G = (lsm.read_graphml if kind == "graphml" else lsm.read_gexf)(path)
    assert type(G) is nx.DiGraph
    assert G["a"]["b"]["weight"] == 2.0


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
@pytest.mark.parametrize("name", ["freeze", "__class__", "OrderedGraph", "read_graphml"])
def test_file_cannot_choose_which_networkx_attribute_is_called(tmp_path, kind, name):
    path = _written(tmp_path, kind)
    _swap_class(path, name)
    reader = lsm.read_graphml if kind == "graphml" else lsm.read_gexf
    with pytest.raises(SchemaError, match="not one of Graph, DiGraph, MultiGraph, MultiDiGraph"):
        reader(path)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <graph edgedefault="undirected"><node id="&lol6;"/></graph>
</graphml>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <graph edgedefault="undirected"><node id="&ext;"/></graph>
</graphml>
"""


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL], ids=["entities", "external"])
def test_entities_and_external_references_are_refused(tmp_path, kind, payload):
    path = tmp_path / f"evil.{kind}"
    path.write_text(payload, encoding="utf-8")
    reader = lsm.read_graphml if kind == "graphml" else lsm.read_gexf
    start = time.perf_counter()
    with pytest.raises(SchemaError, match="entities or external references"):
        reader(path)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("record", ["{not json", "[1, 2]", json.dumps({"class": "Graph"})])
def test_damaged_record_is_a_located_error(tmp_path, record):
    G = nx.Graph([("a", "b")])
    G.graph["lsmnet_record"] = "placeholder"
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    from lsmnet.io import gephi

    text = path.read_text(encoding="utf-8")
    escaped = record.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    text = text.replace("lsmnet_record", gephi._MARK).replace("placeholder", escaped)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError, match=str(path.name)):
        lsm.read_graphml(path)

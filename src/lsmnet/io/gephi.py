"""GraphML and GEXF files (Gephi, yEd, Cytoscape, igraph, R) that keep every attribute.

GraphML and GEXF only hold strings, numbers and booleans. Tuples, lists, dicts and dates are
written as JSON or ISO text and their kinds recorded in the file (a graph attribute
``lsmnet_types`` in GraphML, the ``<description>`` of GEXF's ``<meta>``), so that
:func:`read_graphml` and :func:`read_gexf` restore the graph exactly while Gephi still shows
readable text.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
from pathlib import Path
from xml.etree.ElementTree import ElementTree, SubElement

import networkx as nx
import numpy as np
import pandas as pd

from lsmnet.exceptions import GraphTypeError, SchemaError
from lsmnet.io._atomic import atomic_file
from lsmnet.io._cells import _CONTROL

__all__ = ["read_gexf", "read_graphml", "write_gexf", "write_graphml"]
_MARK = "lsmnet_types"
# keys networkx's GEXF writer treats as GEXF syntax rather than data
_GEXF_RESERVED = {
    "node": ("id", "pid", "start", "end", "viz", "parents", "slices", "spells"),
    "edge": ("id", "label", "type", "start", "end", "slices", "spells", "networkx_key"),
}
_GEXF_PREFIX = "lsmnet_"


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, np.datetime64) and np.isnat(value)


def _kind(value) -> str:
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict | set | frozenset):
        return "json"
    if isinstance(value, pd.Timestamp | _dt.datetime | _dt.date | np.datetime64):
        return "datetime"
    return "plain"


def _jsonable(value):
    if isinstance(value, tuple | list | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    if _kind(value) == "datetime":
        return pd.Timestamp(value).isoformat()
    if _missing(value):
        return None
    return value


def _encode(value, kind):
    if kind in ("tuple", "list", "json"):
        return json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=kind == "json")
    if kind == "datetime":
        return pd.Timestamp(value).isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _tuples(value):
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def _decode(value, kind):
    if kind == "tuple":
        return _tuples(json.loads(value))
    if kind in ("list", "json"):
        return json.loads(value)
    if kind == "datetime":
        return pd.Timestamp(value)
    return value


def _plan(items) -> tuple[dict, list]:
    """Per attribute: the kind used to encode it, and the keys that are sometimes missing."""
    kinds: dict[str, set] = {}
    holes: set = set()
    count = 0
    for attrs in items:
        count += 1
        for key, value in attrs.items():
            if _missing(value):
                holes.add(key)
                kinds.setdefault(key, set())
                continue
            kinds.setdefault(key, set()).add(_kind(value))
    plan = {}
    for key, found in kinds.items():
        found = found or {"plain"}
        if len(found) == 1:
            plan[key] = found.pop()
        else:
            plan[key] = "json"  # mixed kinds: JSON keeps each value's own type
    return plan, sorted(holes)


def _encoded(attrs, plan, rename=None):
    rename = rename or {}
    out = {}
    for key, value in attrs.items():
        if _missing(value):
            continue
        kind = plan[key]
        if kind == "plain" and isinstance(value, float) and math.isnan(value):
            out[rename.get(key, key)] = value
            continue
        out[rename.get(key, key)] = _encode(value, kind)
    return out


def _prepare(G, fmt):
    """A copy of G with encoded attributes and JSON node keys, plus the type record."""
    if not isinstance(G, nx.Graph):
        raise GraphTypeError(
            f"write_{fmt} takes a networkx graph. Got {type(G).__name__}; build one first, e.g. "
            "lsmnet.partnership_graph(data)."
        )
    node_plan, node_holes = _plan(d for _n, d in G.nodes(data=True))
    edge_plan, edge_holes = _plan(d for *_e, d in G.edges(data=True))
    graph_plan, _ = _plan([G.graph])
    str_nodes = all(isinstance(n, str) for n in G)
    multi = G.is_multigraph()
    str_keys = not multi or all(isinstance(k, str) for *_e, k in G.edges(keys=True))
    record = {
        "node": node_plan,
        "edge": edge_plan,
        "graph": graph_plan,
        "node_missing": node_holes,
        "edge_missing": edge_holes,
        "node_keys": "str" if str_nodes else "json",
        "edge_keys": "str" if str_keys else "json",
        "format": fmt,
        "class": type(G).__name__,
    }
    rename = {}
    if fmt == "gexf":
        rename = {
            scope: {k: _GEXF_PREFIX + k for k in keys} for scope, keys in _GEXF_RESERVED.items()
        }
        record["renamed"] = {s: sorted(set(r) & set(record[s])) for s, r in rename.items()}
        record["graph_values"] = _encoded(G.graph, graph_plan)  # GEXF has no graph attributes

    def key(n):
        return n if str_nodes else json.dumps(_jsonable(n), ensure_ascii=False)

    H = G.__class__()
    H.graph.update(_encoded(G.graph, graph_plan))
    H.add_nodes_from(
        (key(n), _encoded(d, node_plan, rename.get("node"))) for n, d in G.nodes(data=True)
    )
    if multi:
        for u, v, k, d in G.edges(keys=True, data=True):
            ek = k if str_keys else json.dumps(_jsonable(k), ensure_ascii=False)
            H.add_edge(key(u), key(v), key=ek, **_encoded(d, edge_plan, rename.get("edge")))
    else:
        H.add_edges_from(
            (key(u), key(v), _encoded(d, edge_plan, rename.get("edge")))
            for u, v, d in G.edges(data=True)
        )
    _refuse_control_characters(H, fmt)
    return H, record


def _refuse_control_characters(H, fmt):
    """XML 1.0 cannot hold most control characters: refuse them before anything is written
    (the XML writer would write them, and no parser could read the file back)."""

    def check(value, where):
        found = _CONTROL.search(value) if isinstance(value, str) else None
        if found is not None:
            raise SchemaError(
                f"write_{fmt}: {where} holds the control character U+{ord(found.group()):04X}, "
                f"which a {fmt.upper()} file (XML) cannot store. Fix: remove the character; "
                "write_kumu to a .json path keeps it."
            )

    for k, v in H.graph.items():
        check(k, "a graph attribute name")
        check(v, f"the graph attribute {k!r}")
    for n, d in H.nodes(data=True):
        check(n, f"the node {n!r}")
        for k, v in d.items():
            check(k, f"an attribute name of node {n!r}")
            check(v, f"the attribute {k!r} of node {n!r}")
    for u, v, d in H.edges(data=True):
        for k, value in d.items():
            check(k, f"an attribute name of edge ({u!r}, {v!r})")
            check(value, f"the attribute {k!r} of edge ({u!r}, {v!r})")


def write_graphml(G: nx.Graph, path: str | os.PathLike, *, encoding: str = "utf-8") -> Path:
    """Write a graph to GraphML (Gephi, yEd, Cytoscape, igraph, R), keeping every attribute.

    Parameters
    ----------
    G : networkx graph
        Any graph (directed or not, multigraph or not); typically from :mod:`lsmnet.graphs`.
    path : str or path-like
        The ``.graphml`` file to write.
    encoding : str, default "utf-8"
        Text encoding of the file.

    Returns
    -------
    pathlib.Path
        The file written: under a temporary name in its folder first, renamed when complete,
        so that a failure leaves no partial file (an existing file is then unchanged).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph.
    SchemaError
        If a node, an attribute name or a text value holds a control character XML cannot
        store (the message names the node or edge and the attribute); nothing is written.

    See Also
    --------
    read_graphml : reads the file back, restoring tuples, lists, dates and node keys.
    write_gexf, write_kumu

    Notes
    -----
    Tuples (e.g. ``issues``, ``layers``), lists and dicts are written as JSON text, dates as
    ISO 8601 text, non-string node keys (e.g. ``("org", "A")`` from ``membership_graph``) as
    JSON text; missing values (None, NA, NaT) are left out. The kinds are recorded in the graph
    attribute ``lsmnet_types`` so that :func:`read_graphml` restores the graph exactly.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("A", issues=("climate", "gender"), founded=2001)
    >>> G.add_edge("A", "B", weight=2.0, layers=("advocacy",))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H = read_graphml(write_graphml(G, f"{tmp}/g.graphml"))
    >>> H.nodes["A"]["issues"], H.edges["A", "B"]["layers"]
    (('climate', 'gender'), ('advocacy',))
    """
    H, record = _prepare(G, "graphml")
    H.graph[_MARK] = json.dumps(record, sort_keys=True)
    path = Path(path)
    with atomic_file(path) as temp:
        nx.write_graphml(H, temp, encoding=encoding)
    return path


def write_gexf(G: nx.Graph, path: str | os.PathLike, *, encoding: str = "utf-8") -> Path:
    """Write a graph to GEXF (Gephi's own format), keeping every attribute.

    Parameters
    ----------
    G : networkx graph
        Any graph; typically from :mod:`lsmnet.graphs`.
    path : str or path-like
        The ``.gexf`` file to write.
    encoding : str, default "utf-8"
        Text encoding of the file.

    Returns
    -------
    pathlib.Path
        The file written: under a temporary name in its folder first, renamed when complete,
        so that a failure leaves no partial file (an existing file is then unchanged).

    Raises
    ------
    GraphTypeError
        If `G` is not a networkx graph.
    SchemaError
        If a node, an attribute name or a text value holds a control character XML cannot
        store (the message names the node or edge and the attribute); nothing is written.

    See Also
    --------
    read_gexf : reads the file back, restoring every attribute.
    write_graphml

    Notes
    -----
    Encoding as in :func:`write_graphml`. Attributes whose names GEXF reserves (``start``,
    ``end``, ``id`` on nodes and edges; ``label`` and ``type`` on edges) are written as
    ``lsmnet_start`` etc., so that dates of ties do not turn the graph into a dynamic one; a
    node's ``label`` attribute is the label Gephi shows. The type record is stored in the
    ``<meta><description>`` element.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_edge("Donor", "NGO", layer="funding", amount=5000.0, start="2020-01-01")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H = read_gexf(write_gexf(G, f"{tmp}/g.gexf"))
    >>> dict(H.edges["Donor", "NGO"]) == dict(G.edges["Donor", "NGO"])
    True
    """
    H, record = _prepare(G, "gexf")
    writer = nx.readwrite.gexf.GEXFWriter(encoding=encoding, prettyprint=True)
    writer.add_graph(H)
    meta = writer.xml.find("meta")
    SubElement(meta, "description").text = _MARK + json.dumps(record, sort_keys=True)
    path = Path(path)
    writer.indent(writer.xml)
    with atomic_file(path) as temp:
        ElementTree(writer.xml).write(temp, encoding=encoding, xml_declaration=True)
    return path


def _restored(H, record, path):
    """:func:`_restore`, with a damaged record reported as a located error."""
    try:
        return _restore(H, record, path)
    except SchemaError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as err:
        raise SchemaError(
            f"{path}: the lsmnet record in the file is damaged ({type(err).__name__}). Fix: "
            "re-export the file with lsmnet, or remove the record to read it as a plain file."
        ) from None


def _restore(H, record, path):
    node_keys = record.get("node_keys") == "json"
    edge_keys = record.get("edge_keys") == "json"
    renamed = {
        scope: {_GEXF_PREFIX + k: k for k in keys}
        for scope, keys in record.get("renamed", {}).items()
    }

    def attrs(d, scope):
        plan = record[scope]
        back = renamed.get(scope, {})
        out = {}
        for k, v in d.items():
            if k in back.values():
                continue  # GEXF syntax (e.g. the edge id), not our attribute
            k = back.get(k, k)
            if k in plan:
                out[k] = _decode(v, plan[k]) if isinstance(v, str) else v
        for k in record.get(f"{scope}_missing", []):
            out.setdefault(k, None)
        return {k: out[k] for k in plan if k in out}

    def key(n):
        return _tuples(json.loads(n)) if node_keys else n

    G = _graph_class(record.get("class", type(H).__name__), path)()
    values = record.get("graph_values", H.graph)
    G.graph.update(
        {
            k: _decode(v, record["graph"][k]) if isinstance(v, str) else v
            for k, v in values.items()
            if k in record["graph"]
        }
    )
    G.add_nodes_from((key(n), attrs(d, "node")) for n, d in H.nodes(data=True))
    if H.is_multigraph():
        for u, v, k, d in H.edges(keys=True, data=True):
            k = _tuples(json.loads(k)) if edge_keys else k
            G.add_edge(key(u), key(v), key=k, **attrs(d, "edge"))
    else:
        G.add_edges_from((key(u), key(v), attrs(d, "edge")) for u, v, d in H.edges(data=True))
    return G


# The graph classes a file may ask for: file content never selects other code.
_GRAPH_CLASSES = {
    "Graph": nx.Graph,
    "DiGraph": nx.DiGraph,
    "MultiGraph": nx.MultiGraph,
    "MultiDiGraph": nx.MultiDiGraph,
}


def _graph_class(name, path):
    if name not in _GRAPH_CLASSES:
        allowed = ", ".join(_GRAPH_CLASSES)
        raise SchemaError(
            f"{path}: the lsmnet record asks for graph class {str(name)[:80]!r}, which is not "
            f"one of {allowed}. Fix: re-export the file with lsmnet, or remove the lsmnet "
            "record to read it as a plain file."
        )
    return _GRAPH_CLASSES[name]


def _record(path, text: str) -> dict:
    """The lsmnet record embedded in a file, checked to be a JSON object."""
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise SchemaError(
            f"{path}: the lsmnet record in the file is not valid JSON ({type(err).__name__}). "
            "Fix: re-export the file with lsmnet, or remove the record to read it as a plain file."
        ) from None
    if not isinstance(record, dict):
        raise SchemaError(f"{path}: the lsmnet record in the file is not a JSON object.")
    return record


def _safe_tree(path):
    """Parse ``path`` with entity declarations and external references refused.

    ``xml.etree`` expands internal entities (the "billion laughs" attack) and networkx parses
    with it; defusedxml parses the same document but refuses entities and external references,
    so a file that passes here is safe to hand to networkx.
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        return safe_et.parse(path)
    except DefusedXmlException as err:
        raise SchemaError(
            f"{path}: the XML declares entities or external references ({type(err).__name__}), "
            "which lsmnet refuses to expand. Fix: re-export the file without a DOCTYPE section."
        ) from None
    except ParseError as err:
        raise _not_well_formed(path, err) from err


def _not_well_formed(path, err) -> SchemaError:
    """The error for a GraphML or GEXF file that ``xml.etree`` cannot parse."""
    line, column = err.position
    return SchemaError(
        f"{path}, line {line}, column {column}: not well-formed XML ({err}). "
        "Fix: re-export the file; it may be truncated."
    )


def read_graphml(path: str | os.PathLike) -> nx.Graph:
    """Read a GraphML file; restore the attributes of files written by :func:`write_graphml`.

    Parameters
    ----------
    path : str or path-like
        The GraphML file.

    Returns
    -------
    networkx graph
        For a file from :func:`write_graphml`: the graph that was written (same class, node
        keys, attributes and attribute types). Other files are returned as networkx reads them.

    Raises
    ------
    SchemaError
        If the file is not well-formed GraphML (e.g. truncated); the message names the file and
        the line and column of the error.

    Examples
    --------
    See :func:`write_graphml`.
    """
    from xml.etree.ElementTree import ParseError

    _safe_tree(path)
    try:
        H = nx.read_graphml(path, edge_key_type=str)
    except ParseError as err:
        raise _not_well_formed(path, err) from err
    except (nx.NetworkXError, KeyError, ValueError, TypeError) as err:
        raise SchemaError(
            f"{path}: not a GraphML file networkx can read ({type(err).__name__}: "
            f"{str(err)[:200]}). Fix: re-export the file as GraphML."
        ) from None
    if _MARK not in H.graph:
        return H
    record = _record(path, H.graph.pop(_MARK))
    if record.get("class", "").startswith("Multi") and not H.is_multigraph():
        H = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
        H.graph.pop(_MARK)
    return _restored(H, record, path)


def read_gexf(path: str | os.PathLike) -> nx.Graph:
    """Read a GEXF file; restore the attributes of files written by :func:`write_gexf`.

    Parameters
    ----------
    path : str or path-like
        The GEXF file.

    Returns
    -------
    networkx graph
        For a file from :func:`write_gexf`: the graph that was written. Other files are
        returned as networkx reads them.

    Raises
    ------
    SchemaError
        If the file is not well-formed GEXF (e.g. truncated); the message names the file and
        the line and column of the error.

    Examples
    --------
    See :func:`write_gexf`.
    """
    from xml.etree.ElementTree import ParseError

    tree = _safe_tree(path)
    try:
        H = nx.read_gexf(path)
    except ParseError as err:
        raise _not_well_formed(path, err) from err
    except (nx.NetworkXError, KeyError, ValueError, TypeError) as err:
        raise SchemaError(
            f"{path}: not a GEXF file networkx can read ({type(err).__name__}: "
            f"{str(err)[:200]}). Fix: re-export the file as GEXF."
        ) from None
    description = None
    for element in tree.getroot().iter():
        if element.tag.endswith("description") and (element.text or "").startswith(_MARK):
            description = element.text[len(_MARK) :]
    if description is None:
        return H
    return _restored(H, _record(path, description), path)

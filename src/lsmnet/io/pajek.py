"""Pajek network (``.net``) and project (``.paj``) files.

A Pajek file holds one or more networks (``*Network``, ``*Vertices``, then ``*Arcs``,
``*Edges``, ``*Arcslist``, ``*Edgeslist`` or ``*Matrix`` sections, possibly several relations
``*Arcs :2 "name"``), and project files add ``*Partition`` (integer) and ``*Vector`` (real)
vertex attributes. Two-mode networks declare ``*Vertices n n1``: vertices ``1..n1`` are the
first mode (rows), ``n1+1..n`` the second (columns).
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import pandas as pd

from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io._common import aside, decode_text, finish, org_frame
from lsmnet.io._limits import MAX_DECLARED_NODES

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_pajek", "read_pajek_graphs"]

_VERTEX = re.compile(r'^\s*(\d+)(?:\s+(?:"([^"]*)"?|(\S+)))?')
_RELATION = re.compile(r'^\*(\w+)\s*(?::\s*(\d+))?\s*(?:"([^"]*)"|(\S.*))?$')


@dataclass
class _Network:
    title: str
    line: int
    n: int = 0
    n1: int | None = None
    labels: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)  # (i, j, weight, directed, relation, file line)
    relations: dict = field(default_factory=dict)  # number -> name
    sections: list = field(default_factory=list)


@dataclass
class _Attribute:
    name: str
    kind: str  # "partition" or "vector"
    line: int
    n: int | None = None
    values: list = field(default_factory=list)


def _error(file, line, problem, fix):
    return SchemaError(f"{file}, line {line}: {problem} Fix: {fix}")


def _number(token, file, line, what, *, integer=False):
    try:
        value = float(token)
    except ValueError:
        raise _error(
            file, line, f"{what} {token!r} is not a number.", "write a number there."
        ) from None
    if integer:
        if value != int(value):
            raise _error(file, line, f"{what} {token!r} is not a whole number.", "use 1, 2, ...")
        return int(value)
    return value


def _parse(text: str, file: str):
    networks: list[_Network] = []
    attributes: list[_Attribute] = []
    skipped: list[str] = []
    net: _Network | None = None
    attr: _Attribute | None = None
    mode = None  # what the following data lines are
    relation = None
    matrix_row = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\x1a", "").strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            head = line.split(None, 1)
            word = head[0][1:].lower()
            rest = head[1].strip() if len(head) > 1 else ""
            if word == "network":
                net = _Network(rest.strip('"') or Path(file).stem, lineno)
                networks.append(net)
                attr, mode = None, None
            elif word in ("partition", "vector"):
                attr = _Attribute(rest.strip('"') or word, word, lineno)
                attributes.append(attr)
                mode = "attribute"
            elif word == "vertices" and mode == "skip":
                continue  # the size line of a skipped section
            elif word == "vertices":
                counts = rest.split()
                if not counts:
                    raise _error(file, lineno, "*Vertices without a count.", "write *Vertices n.")
                n = _number(counts[0], file, lineno, "vertex count", integer=True)
                if not 0 <= n <= MAX_DECLARED_NODES:
                    raise _error(
                        file,
                        lineno,
                        f"*Vertices {counts[0]} is outside what lsmnet reads "
                        f"(0 to {MAX_DECLARED_NODES:,}).",
                        "check the vertex count.",
                    )
                if mode == "attribute" and attr is not None and attr.n is None:
                    attr.n = n
                    continue
                if net is None or net.n:
                    net = _Network(Path(file).stem, lineno)
                    networks.append(net)
                net.n = n
                if len(counts) > 1:
                    net.n1 = _number(counts[1], file, lineno, "first-mode size", integer=True)
                    if not 0 < net.n1 < n:
                        raise _error(
                            file,
                            lineno,
                            f"two-mode header *Vertices {n} {net.n1}: the first mode must have "
                            f"between 1 and {n - 1} vertices.",
                            "write *Vertices total rows.",
                        )
                mode, attr = "vertices", None
            elif word in ("arcs", "edges", "arcslist", "edgeslist", "matrix"):
                if net is None or not net.n:
                    raise _error(
                        file, lineno, f"*{head[0][1:]} before any *Vertices.", "add *Vertices n."
                    )
                match = _RELATION.match(line)
                number = int(match.group(2)) if match and match.group(2) else None
                name = match.group(3) if match and match.group(2) else None
                if number is not None:
                    net.relations[number] = name or str(number)
                relation = net.relations.get(number) if number is not None else None
                mode, attr, matrix_row = word, None, 0
                net.sections.append(word)
            else:
                skipped.append(f"line {lineno}: *{head[0][1:]}")
                mode = "skip"
            continue
        if mode == "skip":
            continue
        if mode == "attribute":
            value = line.split()[0]
            attr.values.append(
                _number(
                    value, file, lineno, f"{attr.kind} value", integer=attr.kind == "partition"
                )
            )
            continue
        if mode is None or net is None:
            raise _error(
                file,
                lineno,
                f"data line {line[:40]!r} outside any section.",
                "start with *Vertices n.",
            )
        if mode == "vertices":
            match = _VERTEX.match(line)
            if not match:
                raise _error(
                    file,
                    lineno,
                    f"vertex line {line[:40]!r} does not start with a number.",
                    'write: number "label".',
                )
            number = int(match.group(1))
            _check_vertex(number, net, file, lineno)
            label = match.group(2) if match.group(2) is not None else match.group(3)
            net.labels[number] = label if label is not None else str(number)
            continue
        tokens = line.split()
        if mode == "matrix":
            matrix_row += 1
            width = net.n - net.n1 if net.n1 else net.n
            height = net.n1 if net.n1 else net.n
            if matrix_row > height:
                raise _error(
                    file, lineno, f"matrix has more than {height} rows.", "remove the extra rows."
                )
            if len(tokens) != width:
                raise _error(
                    file,
                    lineno,
                    f"matrix row {matrix_row} has {len(tokens)} values, expected {width}.",
                    "give one value per column.",
                )
            for col, token in enumerate(tokens, start=1):
                value = _number(token, file, lineno, "matrix value")
                if value != 0:
                    j = net.n1 + col if net.n1 else col
                    net.lines.append((matrix_row, j, value, not net.n1, relation, lineno))
            continue
        ends = [_number(t, file, lineno, "vertex number", integer=True) for t in tokens[:2]]
        if mode in ("arcslist", "edgeslist"):
            ends = [_number(t, file, lineno, "vertex number", integer=True) for t in tokens]
            for j in ends[1:]:
                _check_vertex(ends[0], net, file, lineno)
                _check_vertex(j, net, file, lineno)
                net.lines.append((ends[0], j, 1.0, mode == "arcslist", relation, lineno))
            continue
        if len(ends) < 2:
            raise _error(
                file,
                lineno,
                f"line {line[:40]!r} names only one vertex.",
                "write: from to [value].",
            )
        for v in ends:
            _check_vertex(v, net, file, lineno)
        weight = 1.0
        if len(tokens) > 2 and not tokens[2].isalpha():
            weight = _number(tokens[2], file, lineno, "line value")
        net.lines.append((ends[0], ends[1], weight, mode == "arcs", relation, lineno))
    if not networks or not any(n.n for n in networks):
        raise SchemaError(f"{file}: no *Vertices section found; this is not a Pajek network file.")
    for a in attributes:
        if a.n is not None and len(a.values) != a.n:
            raise _error(
                file,
                a.line,
                f"{a.kind} {a.name!r} declares {a.n} vertices but gives {len(a.values)} values.",
                "give one value per vertex.",
            )
    return networks, attributes, skipped


def _check_vertex(number, net, file, lineno):
    if not 1 <= number <= net.n:
        raise _error(
            file,
            lineno,
            f"vertex number {number} is outside 1..{net.n} (*Vertices {net.n}).",
            "use a vertex number from the *Vertices section.",
        )


def _node_keys(net: _Network) -> dict[int, object]:
    labels = {v: net.labels.get(v, str(v)).strip() for v in range(1, net.n + 1)}
    if all(labels.values()) and len(set(labels.values())) == net.n:
        return labels
    return {v: v for v in range(1, net.n + 1)}


def _graph(net: _Network, attributes: list[_Attribute], file: str, skipped: list[str]) -> nx.Graph:
    directed = {d for *_, d, _r, _l in net.lines}
    pairs = [(i, j, r) if d else (min(i, j), max(i, j), r) for i, j, _w, d, r, _l in net.lines]
    multi = len(set(pairs)) < len(pairs) or len(net.relations) > 1
    if directed == {True, False}:
        graph = nx.MultiDiGraph()
    elif True in directed:
        graph = nx.MultiDiGraph() if multi else nx.DiGraph()
    else:
        graph = nx.MultiGraph() if multi else nx.Graph()
    keys = _node_keys(net)
    graph.graph.update(name=net.title, source=str(file), two_mode=net.n1 is not None)
    if skipped:
        graph.graph["skipped_sections"] = tuple(skipped)
    if net.relations:
        graph.graph["relations"] = tuple(net.relations[k] for k in sorted(net.relations))
    for v in range(1, net.n + 1):
        attrs = {"label": net.labels.get(v, str(v)), "number": v}
        if net.n1 is not None:
            attrs["bipartite"] = 0 if v <= net.n1 else 1
        graph.add_node(keys[v], **attrs)
    for a in attributes:
        if a.n == net.n:
            for v, value in enumerate(a.values, start=1):
                graph.nodes[keys[v]][a.name] = value
    mixed = directed == {True, False}
    for i, j, w, d, r, _l in net.lines:
        attrs = {"weight": w}
        if r is not None:
            attrs["relation"] = r
        if mixed and not d:
            graph.add_edge(keys[i], keys[j], undirected=True, **attrs)
            graph.add_edge(keys[j], keys[i], undirected=True, **attrs)
        else:
            graph.add_edge(keys[i], keys[j], **attrs)
    return graph


def read_pajek(
    path: str | os.PathLike[str],
    *,
    network: int | str = 0,
    org_mode: Literal[1, 2] = 1,
    layer: str = "network",
    encoding: str | None = None,
    **deprecated: Any,
) -> NetworkData:
    """Read one network of a Pajek ``.net`` or ``.paj`` file as :class:`NetworkData`.

    Parameters
    ----------
    path : str or path-like
        The Pajek file.
    network : int or str, default 0
        Which network of a project file to read: its position (0 = first) or its
        ``*Network`` title.
    org_mode : {1, 2}, default 1
        For a two-mode network: which mode holds the organisations (1 = the first ``n1``
        vertices, 2 = the others); the other mode becomes the coalitions.
    layer : str, default "network"
        Tie layer of lines without a named relation (one-mode). Named relations
        (``*Arcs :1 "advice"``) become layers of their own name, declared for you.
    encoding : str, optional
        Text encoding. By default UTF-8 (with or without byte-order mark), falling back to
        Windows-1252 (the encoding of most Pajek files) with an :class:`LsmnetWarning`.
    **deprecated
        ``output``: deprecated since 0.2.0, removal in 0.3. ``read_pajek`` always returns
        :class:`NetworkData`; for networkx graphs use :func:`read_pajek_graphs`. With
        ``output=`` it warns (``DeprecationWarning``) and returns what it returned in 0.1:
        ``"graph"`` the selected network as a graph, ``"graphs"`` the dict of
        :func:`read_pajek_graphs`, ``"data"`` the :class:`NetworkData`.

    Returns
    -------
    NetworkData
        A one-mode network gives organisations (``org_id`` = vertex label, stripped, when the
        labels are unique and non-empty, else the vertex number, as a string; ``name`` =
        label) and ties (one per line; ``weight`` = line value, 1.0 when absent; ``directed``
        from arcs/edges; ``layer`` = the relation name or `layer`). A two-mode network gives
        organisations, coalitions and memberships (``weight`` = line value). Lines that cannot
        be ties (loops, negative values, repeated lines) are set aside in ``data.set_aside``
        with the reason. Partitions and vectors are in ``data.meta["vertex_attributes"]`` (a
        DataFrame indexed by the vertex key).

    Raises
    ------
    SchemaError
        If the file is not a Pajek network, or a line is malformed (vertex number outside the
        ``*Vertices`` range, a matrix row of the wrong length, a partition with too few values);
        the message names the file and line.
    InvalidParameterError
        If `org_mode`, `network` or the deprecated `output` is not valid.
    TypeError
        If a keyword argument is not a parameter of ``read_pajek``.

    See Also
    --------
    read_pajek_graphs : every network of the file as a networkx graph.
    networkx.read_pajek : reads simple one-mode ``.net`` files only.
    read_ucinet_dl : UCINET DL files.

    Notes
    -----
    Pajek's format is described in the Pajek manual [1]_. Vertex coordinates and drawing
    options on vertex and line lines are ignored; unknown sections (``*Permutation``,
    ``*Hierarchy``, ...) are skipped.

    References
    ----------
    .. [1] Batagelj, V., & Mrvar, A. (1998). Pajek: program for large network analysis.
       *Connections*, 21(2), 47-57. Manual: http://mrvar.fdv.uni-lj.si/pajek/

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = '''*Network small
    ... *Vertices 3
    ... 1 "Yayasan Pulih"
    ... 2 "ICW"
    ... 3 "KontraS"
    ... *Arcs :1 "advice"
    ... 1 2 1
    ... 2 3 2
    ... *Arcs :2 "trust"
    ... 1 2 1
    ... 3 1 1
    ... '''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "small.net")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_pajek(path)
    >>> data.ties[["source", "target", "layer", "weight"]]
              source   target   layer  weight
    0  Yayasan Pulih      ICW  advice     1.0
    1            ICW  KontraS  advice     2.0
    2  Yayasan Pulih      ICW   trust     1.0
    3        KontraS  Yayasan Pulih   trust     1.0
    """
    if deprecated:
        return _deprecated_call(path, network, org_mode, layer, encoding, deprecated)
    check_option(org_mode, (1, 2), "org_mode", "read_pajek")
    file = str(path)
    networks, attributes, _skipped = _parse(decode_text(Path(path), encoding=encoding), file)
    net = _select(networks, network)
    return _to_data(net, attributes, file, org_mode=org_mode, layer=layer)


def read_pajek_graphs(
    path: str | os.PathLike[str], *, encoding: str | None = None
) -> dict[str, nx.Graph]:
    """Read every network of a Pajek ``.net`` or ``.paj`` file as a networkx graph.

    Parameters
    ----------
    path : str or path-like
        The Pajek file.
    encoding : str, optional
        Text encoding. By default UTF-8 (with or without byte-order mark), falling back to
        Windows-1252 (the encoding of most Pajek files) with an :class:`LsmnetWarning`.

    Returns
    -------
    dict of str to networkx.Graph
        Always a dict, even for a file with one network: from the ``*Network`` title (the file
        name without extension when there is none; a repeated title gets `` (2)``, `` (3)``
        ...) to the graph, in file order. The graph type follows the file: ``*Edges`` give a
        ``Graph``, ``*Arcs`` and one-mode ``*Matrix`` a ``DiGraph``, a file with both a
        ``MultiDiGraph`` in which each edge is stored in both directions with
        ``undirected=True``; several relations or repeated lines give a multigraph
        (``MultiGraph``/``MultiDiGraph``), each edge carrying its ``relation``. Nodes are the
        vertex labels (stripped) when these are unique and non-empty, else the vertex numbers;
        node attributes ``label``, ``number``, ``bipartite`` (two-mode: 0 first mode, 1 second
        mode) and one attribute per ``*Partition``/``*Vector`` whose vertex count equals the
        network's. Edge attribute ``weight`` (the line value, 1.0 when absent).
        ``graph.graph`` holds ``name``, ``source``, ``two_mode``, ``relations`` (when the file
        names them) and ``skipped_sections`` (when sections were skipped).

    Raises
    ------
    SchemaError
        If the file is not a Pajek network, or a line is malformed; the message names the file
        and line.

    See Also
    --------
    read_pajek : one network as :class:`NetworkData`.
    networkx.read_pajek : reads simple one-mode ``.net`` files only.

    Notes
    -----
    Pajek's format is described in the Pajek manual [1]_. Vertex coordinates and drawing
    options are ignored; unknown sections (``*Permutation``, ``*Hierarchy``, ...) are skipped
    and listed in ``graph.graph["skipped_sections"]``.

    References
    ----------
    .. [1] Batagelj, V., & Mrvar, A. (1998). Pajek: program for large network analysis.
       *Connections*, 21(2), 47-57. Manual: http://mrvar.fdv.uni-lj.si/pajek/

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = '''*Network small
    ... *Vertices 3
    ... 1 "Yayasan Pulih"
    ... 2 "ICW"
    ... 3 "KontraS"
    ... *Arcs :1 "advice"
    ... 1 2 1
    ... 2 3 2
    ... *Arcs :2 "trust"
    ... 1 2 1
    ... 3 1 1
    ... *Partition Region
    ... *Vertices 3
    ... 1
    ... 1
    ... 2
    ... '''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "small.paj")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     graphs = read_pajek_graphs(path)
    >>> G = graphs["small"]
    >>> type(G).__name__, G.number_of_nodes(), G.number_of_edges()
    ('MultiDiGraph', 3, 4)
    >>> G.nodes["Yayasan Pulih"]["Region"], G.graph["relations"]
    (1, ('advice', 'trust'))
    """
    file = str(path)
    networks, attributes, skipped = _parse(decode_text(Path(path), encoding=encoding), file)
    graphs: dict[str, nx.Graph] = {}
    for net in networks:
        title, copy = net.title, 1
        while title in graphs:
            copy += 1
            title = f"{net.title} ({copy})"
        graphs[title] = _graph(net, attributes, file, skipped)
    return graphs


def _deprecated_call(path, network, org_mode, layer, encoding, kwargs):
    unknown = sorted(set(kwargs) - {"output"})
    if unknown:
        raise TypeError(f"read_pajek() got an unexpected keyword argument {unknown[0]!r}")
    output = kwargs["output"]
    check_option(output, ("graph", "graphs", "data"), "output", "read_pajek")
    warnings.warn(
        f"read_pajek(..., output={output!r}) is deprecated since lsmnet 0.2.0 and will be "
        "removed in 0.3: read_pajek always returns NetworkData (drop output=); use "
        "read_pajek_graphs(path) for the networkx graphs (a dict from network title to graph, "
        "always).",
        DeprecationWarning,
        stacklevel=3,
    )
    if output == "data":
        return read_pajek(path, network=network, org_mode=org_mode, layer=layer, encoding=encoding)
    check_option(org_mode, (1, 2), "org_mode", "read_pajek")
    file = str(path)
    networks, attributes, skipped = _parse(decode_text(Path(path), encoding=encoding), file)
    if output == "graphs":
        return {net.title: _graph(net, attributes, file, skipped) for net in networks}
    return _graph(_select(networks, network), attributes, file, skipped)


def _select(networks, network):
    titles = [n.title for n in networks]
    if isinstance(network, int) and not isinstance(network, bool):
        if -len(networks) <= network < len(networks):
            return networks[network]
    elif network in titles:
        return networks[titles.index(network)]
    raise InvalidParameterError(
        f"The 'network' parameter of read_pajek must be a position 0..{len(networks) - 1} or one "
        f"of the titles {titles}. Got {network!r}."
    )


def _to_data(net: _Network, attributes, file, *, org_mode, layer):
    keys = {v: str(k) for v, k in _node_keys(net).items()}
    labels = {v: net.labels.get(v, str(v)).strip() for v in keys}
    vertex_attrs = pd.DataFrame(
        {a.name: a.values for a in attributes if a.n == net.n},
        index=pd.Index([keys[v] for v in range(1, net.n + 1)], name="vertex"),
    )
    build = _one_mode if net.n1 is None else _two_mode
    tables, set_aside = build(net, keys, labels, file, org_mode=org_mode, layer=layer)
    return finish(
        file=file,
        importer="read_pajek",
        options={"network": net.title, "org_mode": org_mode, "layer": layer},
        rows_read=len(net.lines),
        set_aside=set_aside,
        extra_meta={"vertex_attributes": vertex_attrs},
        unit="lines",
        **tables,
    )


def _one_mode(net, keys, labels, file, *, org_mode, layer):
    ties, seen, set_aside = [], set(), []
    for i, j, w, d, r, lineno in net.lines:
        lay = r if r is not None else layer
        pair = (keys[i], keys[j], lay) if d else (*sorted((keys[i], keys[j])), lay)
        if i == j:
            problem = ("source", "loop (a vertex tied to itself)", "ties need two organisations")
        elif w < 0:
            problem = ("weight", f"negative value {w}", "lsmnet weights are >= 0")
        elif pair in seen:
            problem = ("source", "repeated line", "the first line between this pair is kept")
        else:
            seen.add(pair)
            ties.append((keys[i], keys[j], lay, w, d))
            continue
        set_aside.append(aside("ties", file, lineno, problem[0], w, *problem[1:]))
    ties = pd.DataFrame(ties, columns=["source", "target", "layer", "weight", "directed"])
    orgs = org_frame([keys[v] for v in keys], [labels[v] for v in keys])
    return {"organizations": orgs, "ties": ties, "layers": sorted(set(ties["layer"]))}, set_aside


def _two_mode(net, keys, labels, file, *, org_mode, layer):
    first = [v for v in keys if v <= net.n1]
    second = [v for v in keys if v > net.n1]
    org_v, coal_v = (first, second) if org_mode == 1 else (second, first)
    members, seen, set_aside = [], set(), []
    org_set = set(org_v)
    for i, j, w, _d, _r, lineno in net.lines:
        o, c = (i, j) if i in org_set else (j, i)
        if (i in org_set) == (j in org_set):
            problem = (
                "line joins two vertices of the same mode",
                "two-mode lines join a first-mode and a second-mode vertex",
            )
        elif w < 0:
            problem = (f"negative value {w}", "lsmnet weights are >= 0")
        elif (o, c) in seen:
            problem = ("repeated line", "the first line between this pair is kept")
        else:
            seen.add((o, c))
            members.append((keys[o], keys[c], w))
            continue
        set_aside.append(aside("memberships", file, lineno, "org_id", f"{i} {j} {w}", *problem))
    tables = {
        "organizations": org_frame([keys[v] for v in org_v], [labels[v] for v in org_v]),
        "coalitions": pd.DataFrame(
            {"coalition_id": [keys[v] for v in coal_v], "name": [labels[v] for v in coal_v]}
        ),
        "memberships": pd.DataFrame(members, columns=["org_id", "coalition_id", "weight"]),
    }
    return tables, set_aside

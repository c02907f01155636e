"""GML, the graph format of igraph, networkx, Pajek's exports and UserNetR-style teaching data."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from lsmnet.exceptions import SchemaError

__all__ = ["read_gml"]


def read_gml(path: str | os.PathLike[str], *, label: str | None = "label") -> nx.Graph:
    """Read a GML file as a networkx graph.

    A thin, checked wrapper of :func:`networkx.read_gml`: a file networkx cannot parse is an
    :class:`~lsmnet.SchemaError` naming the file and the problem, not a raw parser error. Turn
    the graph into lsmnet's tables with :func:`lsmnet.from_graph`.

    Parameters
    ----------
    path : str or path-like
        The ``.gml`` file (``.gml.gz`` and ``.gml.bz2`` too, as networkx reads them).
    label : str or None, default "label"
        Node attribute used as the node key (igraph and Gephi write ``label``); ``None`` keeps
        the numeric ``id``. A file whose labels repeat needs ``label=None`` or ``label="id"``.

    Returns
    -------
    networkx.Graph, DiGraph, MultiGraph or MultiDiGraph
        As declared by the file (``directed 1``, ``multigraph 1``), with its attributes.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    SchemaError
        If the file is not valid GML or its labels are not unique (with the fix).

    References
    ----------
    .. [1] Himsolt, M. (1997). GML: A portable graph file format. Universität Passau.

    Examples
    --------
    >>> import networkx as nx, tempfile, os
    >>> import lsmnet as lsm
    >>> path = os.path.join(tempfile.mkdtemp(), "k.gml")
    >>> nx.write_gml(nx.relabel_nodes(nx.krackhardt_kite_graph(), str), path)
    >>> G = lsm.read_gml(path)
    >>> G.number_of_nodes(), G.number_of_edges()
    (10, 18)
    >>> lsm.from_graph(G).ties.shape[0]
    18
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file.")
    try:
        return nx.read_gml(path, label=label)
    except nx.NetworkXError as err:
        hint = (
            " Fix: the labels repeat; read with label=None (numeric ids) or label='id'."
            if "duplicate" in str(err).lower() or "not unique" in str(err).lower()
            else " Fix: check the file is GML (graph [ node [ id ... ] edge [ source ... ] ])."
        )
        raise SchemaError(f"{path}: not readable as GML ({str(err)[:200]}).{hint}") from None
    except (ValueError, KeyError, UnicodeDecodeError, RecursionError) as err:
        raise SchemaError(
            f"{path}: not readable as GML ({type(err).__name__}: {str(err)[:200]}). "
            "Fix: check the file is GML (graph [ node [ id ... ] edge [ source ... ] ])."
        ) from None

"""Exports for Gephi (GraphML, GEXF) and Kumu (JSON blueprint, Excel), with their readers.

One import path for both: the GraphML and GEXF round trip lives in :mod:`lsmnet.io.gephi`, the
Kumu writer in :mod:`lsmnet.io.kumu`.
"""

from lsmnet.io.gephi import read_gexf, read_graphml, write_gexf, write_graphml
from lsmnet.io.kumu import write_kumu

__all__ = ["read_gexf", "read_graphml", "write_gexf", "write_graphml", "write_kumu"]

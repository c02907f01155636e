"""Social network analysis metrics, one concept per module.

- ``centrality``: :func:`~lsmnet.centrality_table`, the standard node centralities in one table.
- ``centralization``: :func:`~lsmnet.centralization`, Freeman centralization (sna conventions).
- ``power``: :func:`~lsmnet.bonacich_power`, Bonacich power centrality (sna ``bonpow``).
- ``structural_holes``: :func:`~lsmnet.constraint`, :func:`~lsmnet.effective_size`,
  :func:`~lsmnet.hierarchy` (Burt).
- ``cohesion``: :func:`~lsmnet.cohesion_summary`, whole-network cohesion measures.
- ``brokerage``, ``ei``, ``core_periphery``, ``keyplayer``, ``inequality``, ``significance``,
  ``backbone``: the other metrics of the package.
- ``_engine``: the shared graph conversion, built once per call, and the one place that
  chooses the path engine: igraph when installed (``lsmnet[igraph]``), else scipy,
  rustworkx and networkx.

Nothing is imported here, so that ``import lsmnet.metrics`` stays cheap; use the top-level
names (``lsmnet.centrality_table``) or import the module.
"""

"""Reference values for lsmnet.backbone(null="sdsm") from the `bicm` package.

`bicm` (Saracco, Straka et al.; PyPI `bicm`, version 3.4.0 used) is the BiCM implementation of
the model's authors. It solves the BiCM and computes the Poisson-binomial p-values of the
projection's co-occurrences ("V-motifs") with Hong's (2013) DFT-CF method (`poibin`), which is
exact to about 1e-15 absolute. The output, backbone_bicm_reference.json, is read by
tests/metrics/test_backbone.py.

Run (bicm needs numba, so use a throwaway environment, not the project's):

    python -m venv --system-site-packages /tmp/refenv
    /tmp/refenv/bin/pip install bicm==3.4.0
    /tmp/refenv/bin/python tests/reference/backbone_bicm_reference.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import numpy as np
from bicm import BipartiteGraph


def reference(matrix: np.ndarray) -> dict:
    graph = BipartiteGraph(biadjacency=matrix)
    graph.solve_tool()
    probabilities = graph.get_bicm_matrix()
    graph.compute_projection(rows=True, approx_method="poibin", progress_bar=True)
    pvalues = graph.get_projected_pvals_mat(layer="rows")
    cooccurrence = matrix @ matrix.T
    i, j = np.nonzero(np.triu(cooccurrence, k=1))
    return {
        "matrix": matrix.astype(int).tolist(),
        "bicm": probabilities.tolist(),
        "pairs": [[int(a), int(b), float(pvalues[a, b])] for a, b in zip(i, j, strict=True)],
    }


def main() -> None:
    davis = nx.davis_southern_women_graph()
    women = [v for v, side in davis.nodes(data="bipartite") if side == 0]
    events = [v for v, side in davis.nodes(data="bipartite") if side == 1]
    davis_matrix = nx.bipartite.biadjacency_matrix(davis, women, events).toarray()

    # Blocks of dense membership plus noise, with distinct degrees, so classes differ.
    rng = np.random.default_rng(20240601)
    blocks = np.kron(np.eye(3), np.ones((10, 8)))
    random_matrix = (rng.random((30, 24)) < 0.12 + 0.5 * blocks).astype(int)
    keep_rows = random_matrix.sum(axis=1) > 0
    keep_cols = random_matrix.sum(axis=0) > 0
    random_matrix = random_matrix[keep_rows][:, keep_cols]

    out = {
        "source": "bicm 3.4.0, BipartiteGraph.solve_tool(); compute_projection(poibin)",
        "davis": {"rows": women, **reference(davis_matrix)},
        "blocks": reference(random_matrix),
    }
    path = Path(__file__).with_name("backbone_bicm_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()

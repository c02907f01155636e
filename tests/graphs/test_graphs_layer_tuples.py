"""partnership_graph's layer tuples (one sort) equal the per-pair groupby they replace.

Reference: ``arcs.groupby(["u", "v"], sort=True)["layer"].agg(lambda s: tuple(sorted(set(s))))``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lsmnet.graphs.partnership import _layer_tuples


@pytest.mark.parametrize("seed", range(5))
def test_layer_tuples_match_groupby(seed):
    rng = np.random.default_rng(seed)
    m = 300
    arcs = pd.DataFrame(
        {
            "u": rng.choice([f"o{i}" for i in range(15)], m),
            "v": rng.choice([f"o{i}" for i in range(15, 30)], m),
            "layer": pd.array(rng.choice(["network", "advocacy", "capacity", "x-y"], m), "string"),
        }
    )
    want = arcs.groupby(["u", "v"], sort=True)["layer"].agg(lambda s: tuple(sorted(set(s))))
    got = _layer_tuples(arcs)
    assert list(got.index) == list(want.index)
    assert list(got) == list(want)

"""Statistical inference on networks: QAP and MRQAP tests, homophily and multiplexity.

One module per concept: :mod:`~lsmnet.inference.dyads` (node attributes and tie layers as
dyad matrices), :mod:`~lsmnet.inference.qap` (QAP correlation),
:mod:`~lsmnet.inference.mrqap` (MRQAP regression), :mod:`~lsmnet.inference.homophily` and
:mod:`~lsmnet.inference.multiplexity`. The public names are also available from ``lsmnet``.
"""

from lsmnet.inference.dyads import (
    dyad_comembership,
    dyad_difference,
    dyad_layer,
    dyad_matrix,
    dyad_same,
    dyad_shared_funders,
    dyad_sum,
)
from lsmnet.inference.homophily import homophily_table
from lsmnet.inference.mrqap import QapRegressionResult, qap_regression
from lsmnet.inference.multiplexity import layer_overlap, multiplexity_table
from lsmnet.inference.qap import QapCorrelationResult, qap_correlation

__all__ = [
    "QapCorrelationResult",
    "QapRegressionResult",
    "dyad_comembership",
    "dyad_difference",
    "dyad_layer",
    "dyad_matrix",
    "dyad_same",
    "dyad_shared_funders",
    "dyad_sum",
    "homophily_table",
    "layer_overlap",
    "multiplexity_table",
    "qap_correlation",
    "qap_regression",
]

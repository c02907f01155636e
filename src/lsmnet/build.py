"""Deprecated alias of :mod:`lsmnet.graphs`, the graph builders' package since lsmnet 0.2.

``import lsmnet.build`` keeps working with a :class:`DeprecationWarning`; import
:mod:`lsmnet.graphs` (or the top-level names such as :func:`lsmnet.partnership_graph`) instead.
"""

from __future__ import annotations

import warnings

from lsmnet.graphs import *  # noqa: F403
from lsmnet.graphs import __all__  # noqa: F401

warnings.warn(
    "lsmnet.build was renamed lsmnet.graphs in lsmnet 0.2; import lsmnet.graphs instead.",
    DeprecationWarning,
    stacklevel=2,
)

"""Plots of partnership networks, coalition memberships, inequality, trust and change.

Network maps live in :mod:`lsmnet.plotting.network`, charts in :mod:`lsmnet.plotting.charts`;
both import matplotlib only inside their functions, so ``import lsmnet`` stays fast and works
without a display. Every function draws on ``ax`` when
given one, otherwise on a new figure, and returns the Axes; none calls ``plt.show()``. Layouts
are seeded, so the same graph and seed give the same picture. Texts the plots add (axis labels,
legends, quadrant names) come from the report's label catalogue in English (``lang="en"``) or
Bahasa Indonesia (``lang="id"``); organisation names are drawn literally (a ``$`` never starts
mathtext).
"""

from lsmnet.plotting._common import SEVERITY_COLORS as SEVERITY_COLORS
from lsmnet.plotting._common import TYPE_COLORS
from lsmnet.plotting.charts import (
    plot_centrality,
    plot_health_over_time,
    plot_layers,
    plot_lorenz,
    plot_trust_value,
)
from lsmnet.plotting.network import plot_membership, plot_network

__all__ = [
    "TYPE_COLORS",
    "plot_centrality",
    "plot_health_over_time",
    "plot_layers",
    "plot_lorenz",
    "plot_membership",
    "plot_network",
    "plot_trust_value",
]

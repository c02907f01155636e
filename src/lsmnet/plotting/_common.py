"""What the network maps and the charts share: colours, new axes, literal texts, node labels."""

from __future__ import annotations

from lsmnet.exceptions import InvalidParameterError

# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), fixed per
# organisation type so that every map of a report uses the same colour for the same type.
TYPE_COLORS = {
    "ngo": "#0072B2",
    "cbo": "#009E73",
    "ingo": "#56B4E9",
    "funder": "#E69F00",
    "government": "#CC79A7",
    "academic": "#D55E00",
    "private": "#F0E442",
    "other": "#999999",
}
_UNKNOWN_COLOR = "#DDDDDD"
_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#882255",
    "#44AA99",
    "#117733",
)
SEVERITY_COLORS = {"high": "#C00000", "watch": "#E07000", "info": "#5A5A5A"}
_LABEL_CHARS = 28


def _new_axes(figsize):
    """A fresh Axes on a pyplot figure, with whatever backend the user has.

    The backend is never changed here: matplotlib itself falls back to Agg when no display is
    available, and switching it would break inline plots in a headless Jupyter kernel.
    """
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def _literal(value, limit: int = _LABEL_CHARS, *, escape_math: bool = True) -> str:
    """User text made safe for matplotlib: on one line, shortened, and (for texts that parse
    mathtext, such as tick and legend labels) with ``$`` escaped so it never starts mathtext."""
    s = " ".join(str(value).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return s.replace("$", r"\$") if escape_math else s


def _check_pandas(value, types, name, func):
    """Raise unless ``value`` is a pandas object of ``types`` (Series and/or DataFrame)."""
    if not isinstance(value, types):
        kinds = types if isinstance(types, tuple) else (types,)
        what = " or ".join(t.__name__ for t in kinds)
        raise InvalidParameterError(
            f"The {name!r} parameter of {func} must be a pandas {what}. "
            f"Got {type(value).__name__}."
        )


def _label_nodes(ax, pos, names, *, fontsize=7, ha="center", dx=0.0, dy=0.0):
    import matplotlib.patheffects as pe

    halo = [pe.withStroke(linewidth=2.5, foreground="white")]
    for n, shown in names.items():
        x, y = pos[n]
        ax.text(
            x + dx,
            y + dy,
            _literal(shown, escape_math=False),
            fontsize=fontsize,
            ha=ha,
            va="bottom" if dy else "center",
            parse_math=False,
            path_effects=halo,
            zorder=5,
        )

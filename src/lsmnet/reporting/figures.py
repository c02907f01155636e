"""Draw the report's figures into inline images, byte-identical for identical input.

Charts become SVG (sharp on phones and in print, small); network maps and labelled scatter
plots become PNG (hundreds of nodes, lines and haloed labels would make a heavy SVG). Figures
are made with ``matplotlib.figure.Figure``, not pyplot, so the report changes no global state
and leaks no open figure. SVG ids are salted with a fixed string and no date is written, so
the same input gives the same bytes.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from dataclasses import dataclass

from lsmnet.reporting.html import image_uri

_RC = {
    "svg.hashsalt": "lsmnet",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


@dataclass(frozen=True)
class Image:
    """An inline image for the template: ``img`` (data URI), size in CSS pixels, alt text."""

    img: str
    width: int
    height: int
    alt: str
    caption: str = ""


def draw(plot, *, figsize, alt: str, caption: str = "", kind: str = "svg", dpi: int = 110):
    """Call ``plot(ax)`` on a fresh figure and return the result as an :class:`Image`.

    Parameters
    ----------
    plot : callable
        Draws on the Axes it is given.
    figsize : (float, float)
        Figure size in inches.
    alt, caption : str
        Text alternative and caption of the image.
    kind : {"svg", "png"}
        Output format.
    dpi : int
        Resolution of PNG output.

    Returns
    -------
    Image
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC), warnings.catch_warnings():
        # names in scripts DejaVu Sans lacks are drawn as boxes; that is not worth a warning
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        fig = Figure(figsize=figsize, dpi=dpi if kind == "png" else None, layout="constrained")
        plot(fig.add_subplot())
        buf = io.BytesIO()
        # the constrained layout already fits everything (legends below the axes included)
        # into the figure: no "tight" bounding box, which would draw the figure twice
        if kind == "svg":
            FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None})
        else:
            FigureCanvasAgg(fig).print_png(buf, metadata={"Software": None})
    data = buf.getvalue()
    if kind == "svg":
        w_pt, h_pt = (float(v) for v in _SVG_SIZE.search(data).groups())
        width, height = round(w_pt * 4 / 3), round(h_pt * 4 / 3)
        mime = "image/svg+xml"
    else:
        width, height = struct.unpack(">II", data[16:24])
        width, height = round(width * 96 / dpi), round(height * 96 / dpi)
        mime = "image/png"
    return Image(image_uri(data, mime), width, height, alt, caption)

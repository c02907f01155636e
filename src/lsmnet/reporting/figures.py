"""Draw the report's figures into inline images, byte-identical for identical input.

Charts become SVG (sharp on phones and in print, small); network maps and labelled scatter
plots become PNG (hundreds of nodes, lines and haloed labels would make a heavy SVG) with a
palette of 256 colours. Figures
are made with ``matplotlib.figure.Figure``, not pyplot, so the report changes no global state
and leaks no open figure. SVG ids are salted with a fixed string and no date is written, so
the same input gives the same bytes.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsmnet.reporting.html import image_uri

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_RC = {
    "svg.hashsalt": "lsmnet",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
#: Colours of the palette of PNG figures.
PNG_COLORS = 256
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


@dataclass(frozen=True)
class Image:
    """An inline image for the template: ``img`` (data URI), size in CSS pixels, alt text."""

    img: str
    width: int
    height: int
    alt: str
    caption: str = ""


def _palette_png(canvas) -> bytes:
    """The drawn canvas as a PNG of at most ``PNG_COLORS`` colours.

    A map of a few hundred members and thousands of anti-aliased, translucent ties has tens
    of thousands of colours, which PNG compresses poorly; a palette (Pillow's fast octree,
    deterministic) of 256 colours looks the same and is about a quarter of the size.
    """
    from PIL import Image as PILImage

    width, height = canvas.get_width_height()
    rgba = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image = rgba.convert("RGB").quantize(
        colors=PNG_COLORS, method=PILImage.Quantize.FASTOCTREE, dither=PILImage.Dither.NONE
    )
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def draw(
    plot: Callable[[Axes], object],
    *,
    figsize: tuple[float, float],
    alt: str,
    caption: str = "",
    kind: str = "svg",
    dpi: int = 110,
) -> Image:
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
        # the constrained layout already fits everything (legends below the axes included)
        # into the figure: no "tight" bounding box, which would draw the figure twice
        if kind == "svg":
            buf = io.BytesIO()
            FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None})
            data = buf.getvalue()
        else:
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            data = _palette_png(canvas)
    if kind == "svg":
        w_pt, h_pt = (float(v) for v in _SVG_SIZE.search(data).groups())
        width, height = round(w_pt * 4 / 3), round(h_pt * 4 / 3)
        mime = "image/svg+xml"
    else:
        width, height = struct.unpack(">II", data[16:24])
        width, height = round(width * 96 / dpi), round(height * 96 / dpi)
        mime = "image/png"
    return Image(image_uri(data, mime), width, height, alt, caption)

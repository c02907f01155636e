"""Sphinx configuration for the lsmnet documentation (built with warnings as errors)."""

from __future__ import annotations

import sys
from pathlib import Path

import lsmnet

# docs/_ext/lsmnet_docs.py generates the data-format tables and template downloads at build time
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "lsmnet"
author = "lsmnet developers"
copyright = "2026, lsmnet developers"
version = release = lsmnet.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.intersphinx",
    "numpydoc",
    "myst_parser",
    "lsmnet_docs",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_generated"]
autosummary_generate = True
autodoc_default_options = {"members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
# numpydoc validates every docstring the build renders; with -W a violation fails the build.
# The same checks as tests/test_public_api.py: PR01 undocumented parameter, PR02 unknown
# parameter, PR07 parameter without description, RT01 no Returns, EX01 no Examples, GL08 no
# docstring. Private names (a last component starting with "_", dunders included) are exempt.
numpydoc_validation_checks = {"PR01", "PR02", "PR07", "RT01", "EX01", "GL08"}
numpydoc_validation_exclude = {r"\._\w*$"}
# mathjax is loaded from a CDN by default; the site still builds and reads offline
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3
html_theme = "pydata_sphinx_theme"
html_title = "lsmnet"
html_theme_options = {"navigation_with_keys": False}
intersphinx_mapping = {}
suppress_warnings = ["myst.header"]

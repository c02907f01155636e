"""The installed version of lsmnet (a leaf module: the CLI and the package read it)."""

__version__ = "0.1.0"

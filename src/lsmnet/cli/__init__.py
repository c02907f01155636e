"""The ``lsmnet`` command line: one module per command, shared helpers in
:mod:`lsmnet.cli._common`, the parser and the error contract in :mod:`lsmnet.cli.app`.

``main(argv=None) -> int`` is the console entry point; exit codes are 0 (done, no problem
found), 1 (problems found in the data, or a data file that cannot be read) and 2 (usage
error), for every command.
"""

from __future__ import annotations

from lsmnet.cli.app import build_parser, main

__all__ = ["build_parser", "main"]

"""The ``lsmnet`` parser and :func:`main`: one error contract for every command.

Each module named in :data:`_COMMAND_MODULES` exposes ``register(subparsers)``, which adds its
subparser with ``subparsers.add_parser(...)`` and sets ``func`` (a callable taking the parsed
arguments and returning an exit code) with ``parser.set_defaults(func=...)``.

Exit codes, the same for every command:

- **0**: done; for ``validate``, no problem found. Commands that analyse data with
  ``--errors collect`` also exit 0 when they set rows aside (they list those rows on stderr):
  the user asked them to keep going.
- **1**: problems found in the data, or a data file that cannot be read: a
  :class:`~lsmnet.LsmnetError` raised while running (a problem table from the loader is
  printed grouped, one line per kind of problem per column), an ``OSError`` (a missing or
  unreadable file), or a standard exception from deep inside a reader (``ValueError``,
  ``KeyError``, ``UnicodeError``, ``OverflowError``, ``zipfile.BadZipFile``, ``MemoryError``,
  ``RecursionError``, ...), printed as "cannot read the data (KIND: ...)". Any other exception
  (``TypeError``, ``AttributeError``, ...) is a bug in lsmnet: it is printed as one line
  "internal error (KIND: ...) ... please report it" and also exits 1, because from the user's
  side the run failed on this data, and a script should treat it like bad data, not like a
  mistyped command.
- **2**: the command line itself is wrong, found before any data is read: an unknown command or
  option, a bad option value (``--at ²``, a thresholds file that does not parse), a missing
  or contradictory PATH/``--example``, an output path that is an input or that already exists
  (without ``--force``).

Whatever happens, a command prints no traceback: errors are one line
``lsmnet COMMAND: error: ...`` on stderr (followed, for a problem table, by one indented line
per kind of problem), warnings ``lsmnet COMMAND: warning: ...``, and every text that comes from
data is escaped for the terminal (:func:`lsmnet.cli._common.safe`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings

import pandas as pd

from lsmnet._version import __version__
from lsmnet.cli._common import (
    UsageError,
    cli_hint,
    cli_text,
    complain,
    echo,
    problem_lines,
)
from lsmnet.exceptions import LsmnetError, SchemaError

__all__ = ["build_parser", "main"]

#: Modules that add subcommands; each defines ``register(subparsers)``.
_COMMAND_MODULES: tuple[str, ...] = (
    "lsmnet.cli.validate",
    "lsmnet.cli.summary",
    "lsmnet.cli.example",
    "lsmnet.cli.import_data",
    "lsmnet.cli.flags",
    "lsmnet.cli.report",
    "lsmnet.cli.template",
    "lsmnet.cli.survey_form",
)

#: Exceptions that standard and third-party readers raise on malformed input.
_DATA_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    KeyError,
    IndexError,
    LookupError,
    ArithmeticError,
    EOFError,
    SyntaxError,  # xml.etree's ParseError
)


def _data_errors() -> tuple[type[BaseException], ...]:
    import csv
    import struct
    import zipfile

    extra = [zipfile.BadZipFile, zipfile.LargeZipFile, csv.Error, struct.error]
    for module, name in (
        ("openpyxl.utils.exceptions", "InvalidFileException"),
        ("networkx", "NetworkXException"),
    ):
        try:
            extra.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            pass
    return (*_DATA_ERRORS, *extra)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one escaped line (exit 2)."""

    def error(self, message):
        lang = getattr(self, "_lsmnet_lang", "en")
        command = self.prog.removeprefix("lsmnet").strip()
        hint = cli_text("error.see_help", lang, command=command).replace("  ", " ")
        if command:
            complain(command, "error", f"{message} {hint}")
        else:
            echo(f"lsmnet: error: {message} {hint}", err=True)
        self.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The ``lsmnet`` argument parser, with the subcommands of :data:`_COMMAND_MODULES`.

    Examples
    --------
    >>> sorted(build_parser()._subparsers._group_actions[0].choices)  # doctest: +ELLIPSIS
    ['example', 'flags', 'import', 'report', 'summary', 'survey-form', 'template', 'validate']
    """
    parser = _Parser(
        prog="lsmnet",
        description="Network analysis of NGO partnerships and coalitions. Exit codes: 0 done, "
        "1 problems found in the data, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"lsmnet {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMAND_MODULES:
        importlib.import_module(module).register(subparsers)
    return parser


def _problem_table(err) -> pd.DataFrame | None:
    # a one-line message (a problem with a whole file) is printed as it is; a message listing
    # problems is replaced by the grouped lines, which name command-line options
    problems = getattr(err, "problems", None)
    if isinstance(problems, pd.DataFrame) and len(problems) and "\n" in str(err):
        if {"table", "file", "row", "column", "problem"} <= set(problems.columns):
            return problems
    return None


def _warning_text(warning, lang: str) -> str:
    """A warning in ``lang`` with command-line hints, when the warning can say it (lsmnet's
    loader warnings have ``.text(lang[, audience])``), else its message."""
    text = getattr(warning, "text", None)
    if not callable(text):
        return str(warning)
    try:
        return str(text(lang, audience="cli"))
    except TypeError:  # no audience: the text has no hint; keep the English hint when in English
        return str(warning) if lang == "en" else str(text(lang))


def _detail(err: BaseException) -> str:
    text = str(err) or err.__class__.__name__
    return text if len(text) <= 500 else text[:500] + "..."


def _report(command: str, err: BaseException, lang: str) -> int:
    """Print ``err`` as the error contract says; return the exit code."""
    if isinstance(err, UsageError):
        complain(command, "error", cli_hint(str(err)))
        return 2
    if isinstance(err, SchemaError) and (problems := _problem_table(err)) is not None:
        head, lines = problem_lines(problems, lang, set_aside=False)
        complain(command, "error", head, lines)
        return 1
    if isinstance(err, LsmnetError):
        complain(command, "error", cli_hint(str(err)))
    elif isinstance(err, OSError):
        complain(command, "error", _detail(err))
    elif isinstance(err, MemoryError):
        complain(command, "error", cli_text("error.memory", lang))
    elif isinstance(err, RecursionError):
        complain(command, "error", cli_text("error.recursion", lang))
    elif isinstance(err, _data_errors()):
        kind = type(err).__name__
        complain(command, "error", cli_text("error.data", lang, kind=kind, detail=_detail(err)))
    else:
        kind = type(err).__name__
        complain(
            command, "error", cli_text("error.internal", lang, kind=kind, detail=_detail(err))
        )
    return 1


def main(argv=None) -> int:
    """Run the ``lsmnet`` command line; return the exit code.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 when the data has problems or cannot be read, 2 on a usage error (see
        the module notes).

    Examples
    --------
    >>> main(["summary", "--example", "davis"])  # doctest: +ELLIPSIS
    davis: Davis's Southern Women...
    Organisations: 18
    ...
    0
    >>> main(["report", "--example", "--at", "-1"])
    2
    """
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # reported by the command's own parser, so the message names the command
            commands = parser._subparsers._group_actions[0].choices
            commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exit_:  # --help, --version and usage errors
        code = exit_.code
        return 0 if code is None else code if isinstance(code, int) else 2
    except Exception as err:  # an option's type= check failed in an unexpected way
        echo(f"lsmnet: error: {_detail(err)}", err=True)
        return 2
    command = args.command
    lang = getattr(args, "lang", "en")
    if hasattr(args, "_parser"):
        args._parser._lsmnet_lang = lang

    def show(message, category, *_args, **_kwargs):
        complain(command, "warning", cli_hint(_warning_text(message, lang)))

    with warnings.catch_warnings():
        warnings.showwarning = show
        try:
            return int(args.func(args))
        except SystemExit as exit_:  # a usage error found by the command (parser.error)
            code = exit_.code
            return code if isinstance(code, int) else 2
        except BrokenPipeError:  # the reader (e.g. `| head`) stopped reading: stop quietly
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            return 1
        except KeyboardInterrupt:
            return 130
        except Exception as err:  # the one place where every error becomes a message
            return _report(command, err, lang)


if __name__ == "__main__":
    raise SystemExit(main())

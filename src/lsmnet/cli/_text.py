"""The command line's text: its catalogue (``lsmnet/locale/cli.json``), terminal-safe printing
and the usage error.

:func:`safe` escapes control characters and terminal escape sequences in any text that comes
from data; :func:`echo` and :func:`complain` are the only ways a command prints, and they pass
every line through :func:`safe`.
"""

from __future__ import annotations

import re
import sys

from lsmnet._i18n import _localised, catalogue
from lsmnet.exceptions import InvalidParameterError

__all__ = ["UsageError", "cli_text", "complain", "echo", "safe"]


class UsageError(InvalidParameterError):
    """The command line itself is wrong (an option, a combination, an output path): exit 2."""


def cli_text(key: str, lang: str, /, **fields) -> str:
    """The command line's own text ``key`` (``lsmnet/locale/cli.json``) in ``lang``.

    Parameters
    ----------
    key : str
        Key of the ``cli`` catalogue, e.g. ``"validate.clean"``.
    lang : {"en", "id"}
        Language of the text.
    **fields
        Values for the placeholders of the text.

    Returns
    -------
    str

    Raises
    ------
    InvalidParameterError
        If ``lang`` is not a supported language.
    KeyError
        If ``key`` is not in the catalogue (a programming error, not a user error).

    Examples
    --------
    >>> cli_text("table.ties", "id")
    'hubungan'
    >>> cli_text("problems.one_row", "en", row=3)
    'row 3'
    """
    return _localised(catalogue("cli"), (key,), lang, "cli_text", fields)


# -- terminal safety -----------------------------------------------------------------------
# C0 and C1 controls (ESC, BEL, CR, LF, CSI U+009B ...), DEL, line/paragraph separators,
# bidirectional overrides and isolates (which reorder what the reader sees) and lone surrogates
# (which cannot be encoded and would crash the print).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value) -> str:
    """``value`` as one line of text with control characters and escapes made visible.

    Every text that the command line prints and that comes from data (names, headers, meta
    values, file names, problem values, exception messages) goes through this function, so
    that a file cannot retitle or recolour the terminal or forge extra output lines.

    Parameters
    ----------
    value : object
        Anything; converted with ``str``.

    Returns
    -------
    str
        The text with C0/C1 control characters, DEL, bidirectional controls, line separators
        and lone surrogates replaced by backslash escapes (``\\x1b``, ``\\n``, ``\\u202e``).
        Applying it twice changes nothing more.

    Examples
    --------
    >>> print(safe("LSM\\x1b]0;pwned\\x07 A\\r\\nB\\x9b"))
    LSM\\x1b]0;pwned\\x07 A\\r\\nB\\x9b
    >>> safe(safe("a\\nb")) == safe("a\\nb")
    True
    """
    return _UNSAFE.sub(_escape, str(value))


def _write(stream, lines) -> None:
    text = "".join(safe(line) + "\n" for line in lines)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    # a terminal that cannot show a character gets its escape rather than a UnicodeEncodeError
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def echo(lines, *, err: bool = False) -> None:
    """Print ``lines`` (a string is one line) to stdout (or stderr), each through :func:`safe`.

    Examples
    --------
    >>> echo(["first", "name\\nforged line"])
    first
    name\\nforged line
    """
    _write(sys.stderr if err else sys.stdout, [lines] if isinstance(lines, str) else lines)


def complain(command: str, kind: str, message, details=()) -> None:
    """Print ``lsmnet COMMAND: KIND: MESSAGE`` (kind ``error`` or ``warning``) to stderr,
    followed by optional indented detail lines; every line through :func:`safe`."""
    echo([f"lsmnet {command}: {kind}: {message}", *details], err=True)

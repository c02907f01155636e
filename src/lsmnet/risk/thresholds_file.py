"""Reading and writing :class:`~lsmnet.risk.thresholds.RiskThresholds` as JSON or TOML files.

A thresholds file holds ``{field: value}`` pairs, at the top level or under a ``thresholds``
table (``[thresholds]`` in TOML, ``{"thresholds": {...}}`` in JSON); fields it leaves out keep
their defaults. Values are checked by :class:`RiskThresholds` itself, and every error names the
file. TOML is written by hand (the standard library only reads it): bare keys, numbers in their
shortest round-tripping form, and a comment per field with the flag codes it drives, its
description and its default.
"""

from __future__ import annotations

import json
import numbers
import textwrap
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from lsmnet._i18n import check_lang, message
from lsmnet.exceptions import InvalidParameterError
from lsmnet.io._atomic import atomic_file

if TYPE_CHECKING:
    import os


class Thresholds(Protocol):
    """What this module reads of :class:`~lsmnet.risk.thresholds.RiskThresholds` (not imported:
    that module imports this one when a file is read or written)."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The field names, in order."""
        ...


#: The class read_thresholds builds (RiskThresholds or a subclass).
T = TypeVar("T", bound=Thresholds)

__all__ = ["SUFFIXES", "number_text", "read_thresholds", "write_thresholds"]

SUFFIXES = (".json", ".toml")
TABLE = "thresholds"
_WIDTH = 95


def _format(path: Path, func: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidParameterError(
            f"The 'path' parameter of {func} must name a .json or .toml file. Got {str(path)!r}."
        )
    return suffix[1:]


def _unique_keys(pairs: list) -> dict:
    """``object_pairs_hook`` of json: a key given twice is an error, not a silent overwrite."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {key!r} is given twice")
        seen[key] = value
    return seen


def _parse(path: Path, kind: str) -> object:
    try:
        source = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InvalidParameterError(
            f"{path}: a thresholds file must be UTF-8 text. Got the byte "
            f"{err.object[err.start]:#04x} at position {err.start}."
        ) from err
    try:
        if kind == "json":
            return json.loads(source, object_pairs_hook=_unique_keys)
        return tomllib.loads(source)
    except json.JSONDecodeError as err:
        raise InvalidParameterError(
            f"{path}: not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}."
        ) from err
    except tomllib.TOMLDecodeError as err:
        raise InvalidParameterError(f"{path}: not valid TOML: {err}.") from err
    except ValueError as err:  # a duplicate JSON key
        raise InvalidParameterError(f"{path}: not valid thresholds: {err}.") from err
    except RecursionError:  # a hostile file nested thousands of levels deep
        raise InvalidParameterError(
            f"{path}: nested too deeply to be a thresholds file (a thresholds file is one "
            "table of field = value pairs)."
        ) from None


def _fields(path: Path, document) -> dict:
    """The ``{field: value}`` pairs of a parsed document (top level or ``thresholds`` table)."""
    if not isinstance(document, dict):
        raise InvalidParameterError(
            f"{path}: a thresholds file must hold field = value pairs (a JSON object). "
            f"Got a {type(document).__name__}."
        )
    if TABLE not in document:
        return document
    table = document[TABLE]
    if not isinstance(table, dict):
        raise InvalidParameterError(
            f"{path}: {TABLE!r} must be a table of field = value pairs. Got {table!r}."
        )
    others = [key for key in document if key != TABLE]
    if others:
        raise InvalidParameterError(
            f"{path}: with a {TABLE!r} table, every field must be inside it. Got {others[0]!r} "
            f"outside it."
        )
    return table


def read_thresholds(cls: type[T], path: str | os.PathLike[str]) -> T:
    """Read a thresholds file; see :meth:`RiskThresholds.from_file`."""
    func = f"{cls.__name__}.from_file"
    path = Path(path)
    kind = _format(path, func)
    values = _fields(path, _parse(path, kind))
    try:
        return cls(**values)
    except InvalidParameterError as err:
        raise InvalidParameterError(f"{path}: {err}") from err


def _number(value) -> int | float:
    """A plain Python number (a numpy scalar would not serialise)."""
    return int(value) if isinstance(value, numbers.Integral) else float(value)


def number_text(value: float) -> str:
    """A threshold as TOML (and Python) writes it: ``repr`` round-trips every finite float
    exactly, and its forms (``0.5``, ``-0.5``, ``1e-05``, ``2.0``) are all TOML floats.

    Examples
    --------
    >>> from lsmnet.risk.thresholds_file import number_text
    >>> import numpy as np
    >>> number_text(np.float64(0.1)), number_text(np.int64(3)), number_text(1e-05)
    ('0.1', '3', '1e-05')
    """
    return repr(_number(value))


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH - 2, initial_indent="# ", subsequent_indent="# ")


def _toml(thresholds, lang: str) -> str:
    lines = _comment(message("docs.thresholds_file_header", lang))
    for name in thresholds.names():
        info = type(thresholds).info(name, lang=lang)
        heuristic = message("docs.thresholds_file_heuristic", lang) if info["heuristic"] else ""
        comment = message(
            "docs.thresholds_file_field",
            lang,
            codes=", ".join(info["codes"]),
            doc=info["doc"],
            default=number_text(info["default"]),
            heuristic=heuristic,
        )
        lines += ["", *_comment(comment), f"{name} = {number_text(getattr(thresholds, name))}"]
    return "\n".join(lines) + "\n"


def _json(thresholds) -> str:
    values = {name: _number(getattr(thresholds, name)) for name in thresholds.names()}
    return json.dumps(values, indent=2) + "\n"


def write_thresholds(
    thresholds: Thresholds, path: str | os.PathLike[str], *, lang: str = "en"
) -> Path:
    """Write every field of ``thresholds``; see :meth:`RiskThresholds.to_file`."""
    func = f"{type(thresholds).__name__}.to_file"
    check_lang(lang, func)
    path = Path(path)
    kind = _format(path, func)
    text = _json(thresholds) if kind == "json" else _toml(thresholds, lang)
    with atomic_file(path) as temp:
        temp.write_text(text, encoding="utf-8")
    return path

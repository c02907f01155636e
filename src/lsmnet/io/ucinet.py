"""UCINET DL files: full matrices (one- and two-mode, several relations), half matrices,
edge lists and node lists, with labels given apart or embedded; and the older UCINET-3 files
(blocks ended by Ctrl-Z, see :mod:`lsmnet.io._ucinet3`)."""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import pandas as pd

from lsmnet._validation import check_option
from lsmnet.exceptions import InvalidParameterError, SchemaError
from lsmnet.io import _ucinet3
from lsmnet.io._common import (
    CellProblems,
    _caller_level,
    aside,
    aside_frame,
    decode_text,
    finish,
    finite_number,
    org_frame,
)
from lsmnet.io._limits import MAX_DECLARED_MATRICES, MAX_DECLARED_NODES

if TYPE_CHECKING:
    from lsmnet.model import NetworkData

__all__ = ["read_ucinet_dl", "read_ucinet_dl_graphs"]

_FORMATS = (
    "fullmatrix",
    "upperhalf",
    "lowerhalf",
    "edgelist1",
    "nodelist1",
    "edgelist2",
    "nodelist2",
)
_LABEL_KEYS = {
    "labels": "both",
    "row labels": "row",
    "col labels": "col",
    "column labels": "col",
    "level labels": "level",
    "matrix labels": "level",
}
_KEYWORD = re.compile(
    r"^\s*(row labels embedded|col labels embedded|column labels embedded|labels embedded|"
    r"row labels|col labels|column labels|level labels|matrix labels|labels|data)\s*:?(.*)$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r'"([^"]*)"|([^\s,"]+)')


@dataclass
class _Header:
    n: int | None = None
    nr: int | None = None
    nc: int | None = None
    nm: int = 1
    fmt: str = "fullmatrix"
    diagonal: bool = True
    labels: dict = field(default_factory=lambda: {"row": [], "col": [], "level": []})
    embedded: set = field(default_factory=set)


def _err(file, line, problem, fix):
    return SchemaError(f"{file}, line {line}: {problem} Fix: {fix}")


def _int(value, file, line, what):
    try:
        number = int(value)
    except ValueError:
        raise _err(
            file, line, f"{what}={value!r} is not a whole number.", f"write {what}=10."
        ) from None
    limit = MAX_DECLARED_MATRICES if what == "NM" else MAX_DECLARED_NODES
    if not 0 <= number <= limit:
        raise _err(
            file,
            line,
            f"{what}={value} is outside what lsmnet reads (0 to {limit:,}).",
            f"check {what}=; a network this large is not a UCINET file lsmnet can hold.",
        )
    return number


def _parse_header(lines, file):
    head = _Header()
    mode = None
    for index, (lineno, line) in enumerate(lines):
        keyword = _KEYWORD.match(line)
        if keyword:
            word = " ".join(keyword.group(1).lower().split())
            rest = keyword.group(2)
            if word == "data":
                data = [(lineno, rest)] if rest.strip() else []
                return head, data + lines[index + 1 :]
            if word.endswith("embedded"):
                head.embedded |= (
                    {"row", "col"} if word == "labels embedded" else {word.split()[0][:3]}
                )
                mode = None
                continue
            mode = _LABEL_KEYS[word]
            line = rest
            if not line.strip():
                continue
        if "=" in line or re.match(r"^\s*dl\b", line, re.IGNORECASE):
            mode = None
            _parse_options(line, head, file, lineno)
            continue
        if mode is None:
            raise _err(
                file,
                lineno,
                f"unexpected text {line.strip()[:40]!r} in the header.",
                "the header holds DL, N=, FORMAT=, label blocks, then DATA:.",
            )
        tokens = [a if a else b for a, b in _TOKEN.findall(line)]
        for key in ("row", "col") if mode == "both" else (mode,):
            head.labels[key].extend(t.strip() for t in tokens)
    raise SchemaError(f"{file}: no 'DATA:' line found. Fix: put DATA: before the values.")


def _parse_options(line, head, file, lineno):
    text = re.sub(r"^\s*dl\b", "", line, flags=re.IGNORECASE)
    # \b: a key starts at a word boundary, so a long word without "=" is tried once, not
    # from each of its characters (quadratic: a 60 KB header took 29 s)
    for key, value in re.findall(r"\b(\w+)\s*=\s*([^\s,]+)", text):
        key = key.lower()
        if key in ("n", "nr", "nc", "nm"):
            setattr(head, key, _int(value, file, lineno, key.upper()))
        elif key == "format":
            fmt = value.lower()
            if fmt not in _FORMATS:
                raise _err(
                    file,
                    lineno,
                    f"FORMAT={value} is not supported.",
                    f"use one of {', '.join(f.upper() for f in _FORMATS)}.",
                )
            head.fmt = fmt
    # one way to spend the spaces (\s*=?\s* backtracked quadratically on long blank runs)
    diag = re.search(r"diagonal\s*(?:=\s*)?(present|absent)", text, re.IGNORECASE)
    if diag:
        head.diagonal = diag.group(1).lower() == "present"


def _tokens(lines):
    for lineno, line in lines:
        for quoted, bare in _TOKEN.findall(line.replace("\x1a", " ")):
            yield lineno, (quoted if quoted else bare)


def _parse(lines, file, cells):
    lines = [(i, raw) for i, raw in lines if raw.replace("\x1a", "").strip()]
    if not lines or not re.match(r"^\s*dl\b", lines[0][1], re.IGNORECASE):
        where = lines[0][0] if lines else 1
        raise _err(
            file,
            where,
            "this is neither a UCINET DL file (the first line must start with DL) nor a "
            "UCINET-3 file (a header line such as ' 4 , 10 , 10 ,N,NB' after a title).",
            "export the network from UCINET as a DL text file.",
        )
    head, data = _parse_header(lines, file)
    two_mode = head.fmt in ("edgelist2", "nodelist2") or (
        head.n is None and head.nr is not None and head.nc is not None
    )
    if two_mode:
        if head.nr is None or head.nc is None:
            raise _err(
                file,
                lines[0][0],
                f"FORMAT={head.fmt.upper()} needs NR= and NC=.",
                "write DL NR=rows NC=columns.",
            )
        nr, nc = head.nr, head.nc
    else:
        if head.n is None:
            raise _err(
                file, lines[0][0], "the header gives no N= (number of nodes).", "write DL N=10."
            )
        nr = nc = head.n
    row_labels, col_labels = head.labels["row"], head.labels["col"]
    if not two_mode and col_labels and not row_labels:
        row_labels = col_labels
    if not two_mode and row_labels and not col_labels:
        col_labels = row_labels
    for what, labels, size in (("row", row_labels, nr), ("column", col_labels, nc)):
        if labels and len(labels) != size:
            raise _err(
                file,
                lines[0][0],
                f"{len(labels)} {what} labels for {size} {what}s.",
                f"give exactly {size} {what} labels.",
            )
    levels = head.labels["level"] or [None] * head.nm
    if len(levels) != head.nm:
        raise _err(
            file,
            lines[0][0],
            f"{len(levels)} level labels for NM={head.nm} matrices.",
            f"give {head.nm} level labels.",
        )
    entries = []  # (level index, row index, col index, value, line)
    if head.fmt in ("fullmatrix", "upperhalf", "lowerhalf"):
        row_labels, col_labels = _read_matrices(
            head, data, file, nr, nc, two_mode, entries, row_labels, col_labels, cells
        )
    else:
        row_labels, col_labels = _read_lists(
            head, data, file, nr, nc, two_mode, entries, row_labels, col_labels, cells
        )
    row_labels = row_labels or [str(i) for i in range(1, nr + 1)]
    col_labels = col_labels or (row_labels if not two_mode else [str(i) for i in range(1, nc + 1)])
    return head, two_mode, row_labels, col_labels, levels, entries


def _check_enough_values(head, tokens, file, nr, nc, two_mode) -> None:
    """Refuse, before any loop over the declared sizes, data shorter than they require."""
    if head.fmt == "fullmatrix":
        per_matrix = nr * nc - (0 if head.diagonal or two_mode else nr)
    else:
        per_matrix = nr * (nr + 1) // 2 if head.diagonal else nr * (nr - 1) // 2
    needed = head.nm * per_matrix
    needed += (nc if "col" in head.embedded else 0) + (
        head.nm * nr if "row" in head.embedded else 0
    )
    if len(tokens) < needed:
        last = tokens[-1][0] if tokens else "end"
        raise _err(
            file,
            last,
            f"the data end early: the header declares NM={head.nm} of {nr} x {nc} "
            f"({needed:,} values and labels); the file holds {len(tokens):,}.",
            "check N=, NM= and DIAGONAL against the data.",
        )


def _read_matrices(head, data, file, nr, nc, two_mode, entries, row_labels, col_labels, cells):
    if head.fmt != "fullmatrix" and two_mode:
        raise SchemaError(f"{file}: FORMAT={head.fmt.upper()} needs a one-mode (N=) network.")
    tokens = list(_tokens(data))
    _check_enough_values(head, tokens, file, nr, nc, two_mode)
    pos = 0
    if "col" in head.embedded:
        col_labels = [t for _l, t in tokens[:nc]]
        pos = nc
    emb_rows = []
    for level in range(head.nm):
        for r in range(nr):
            if "row" in head.embedded:
                if pos >= len(tokens):
                    break
                emb_rows.append(tokens[pos][1])
                pos += 1
            if head.fmt == "fullmatrix":
                cols = [c for c in range(nc) if head.diagonal or two_mode or c != r]
            elif head.fmt == "upperhalf":
                cols = list(range(r if head.diagonal else r + 1, nc))
            else:
                cols = list(range(0, r + 1 if head.diagonal else r))
            for c in cols:
                if pos >= len(tokens):
                    last = tokens[-1][0] if tokens else "end"
                    raise _err(
                        file,
                        last,
                        f"the data end early: matrix {level + 1}, row {r + 1} is incomplete "
                        f"(expected {head.nm} matrices of {nr} x {nc}).",
                        "check N=, NM= and DIAGONAL against the data.",
                    )
                lineno, token = tokens[pos]
                pos += 1
                value = finite_number(token)
                if value is None:
                    cells.not_a_number(
                        lineno,
                        str(c + 1),
                        token,
                        where=f"matrix {level + 1}, row {r + 1}, column {c + 1}",
                    )
                elif value != 0:
                    entries.append((level, r, c, value, lineno))
                    if head.fmt != "fullmatrix" and r != c:
                        entries.append((level, c, r, value, lineno))
    if pos < len(tokens):
        raise _err(
            file,
            tokens[pos][0],
            f"{len(tokens) - pos} values left over after {head.nm} matrices of {nr} x {nc}.",
            "check N=/NR=/NC=, NM= and DIAGONAL against the data.",
        )
    if emb_rows:
        row_labels = emb_rows[:nr]
        if not two_mode and not col_labels:
            col_labels = row_labels
    return row_labels, col_labels


def _read_lists(head, data, file, nr, nc, two_mode, entries, row_labels, col_labels, cells):
    embedded = bool(head.embedded) or (not row_labels and _has_names(data))
    row_index = {lab: i for i, lab in enumerate(row_labels)}
    col_index = {lab: i for i, lab in enumerate(col_labels)} if two_mode else row_index
    if embedded and not row_labels:
        row_labels, col_labels = [], ([] if two_mode else None)
    level = 0

    def locate(token, lineno, index, labels, size):
        if embedded:
            if token not in index:
                if len(labels) >= size:
                    raise _err(
                        file,
                        lineno,
                        f"node {token!r} is one more than the {size} declared.",
                        "check N= (or NR=/NC=) and the spelling of the labels.",
                    )
                index[token] = len(labels)
                labels.append(token)
            return index[token]
        number = finite_number(token)
        if number is None or number != int(number) or not 1 <= number <= size:
            cells.report(
                lineno,
                "",
                token,
                f"node number {token!r} is outside 1..{size}",
                "use node numbers from 1 to N, or LABELS EMBEDDED",
            )
            return None
        return int(number) - 1

    col_store = col_labels if two_mode else row_labels
    for lineno, line in data:
        if line.strip() == "!":
            level += 1
            continue
        tokens = [a if a else b for a, b in _TOKEN.findall(line.replace("\x1a", " "))]
        if not tokens:
            continue
        r = locate(tokens[0], lineno, row_index, row_labels, nr)
        if r is None:
            continue
        if head.fmt.startswith("edgelist"):
            if len(tokens) < 2:
                raise _err(
                    file, lineno, "an edge-list line needs two nodes.", "write: from to [value]."
                )
            c = locate(tokens[1], lineno, col_index, col_store, nc)
            value = finite_number(tokens[2]) if len(tokens) > 2 else 1.0
            if value is None:
                cells.not_a_number(lineno, "", tokens[2], fix="write a number after the two nodes")
            elif value != 0 and c is not None:
                entries.append((level, r, c, value, lineno))
        else:
            for token in tokens[1:]:
                c = locate(token, lineno, col_index, col_store, nc)
                if c is not None:
                    entries.append((level, r, c, 1.0, lineno))
    if level + 1 != head.nm:
        raise SchemaError(
            f"{file}: {level + 1} edge lists separated by '!' but NM={head.nm}. "
            "Fix: separate the relations with a line holding only '!'."
        )
    return row_labels, col_labels if two_mode else row_labels


def _has_names(data):
    for _lineno, line in data:
        for quoted, bare in _TOKEN.findall(line):
            token = quoted or bare
            try:
                float(token)
            except ValueError:
                if token != "!":
                    return True
    return False


#: The 0.1 spellings of ``org_mode`` (deprecated): the mode numbers of read_pajek instead.
_OLD_ORG_MODES = {"rows": 1, "columns": 2}


def _org_mode(org_mode, func: str) -> int:
    """``org_mode`` as a mode number (1 = rows, 2 = columns), warning on the old spellings."""
    if isinstance(org_mode, str) and org_mode in _OLD_ORG_MODES:
        warnings.warn(
            f"org_mode={org_mode!r} is deprecated since lsmnet 0.2.0 and will be removed in "
            f"0.3; use org_mode={_OLD_ORG_MODES[org_mode]} (mode numbers, as in read_pajek: "
            f"1 = rows, 2 = columns).",
            DeprecationWarning,
            stacklevel=3,
        )
        return _OLD_ORG_MODES[org_mode]
    check_option(org_mode, (1, 2), "org_mode", func)
    return org_mode


@dataclass
class _File:
    """A DL or UCINET-3 file as parsed: what both public readers start from."""

    file: str
    head: _Header
    two_mode: bool
    rows: list
    cols: list
    names: list
    entries: list
    is_directed: bool
    reason: str
    cells: CellProblems
    old: _ucinet3.Parsed | None


def _read(path, directed, layer, errors, encoding, func) -> _File:
    file = str(path)
    cells = CellProblems(errors, file, "ties", func=func)
    text = decode_text(Path(path), encoding=encoding)
    lines = [(i, raw) for i, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    old = None
    if _ucinet3.looks_like(lines):
        old = _ucinet3.parse(lines, file, cells)
        head, two_mode = _Header(n=len(old.labels), nm=len(old.names)), False
        rows = cols = old.labels
        levels, entries = old.names, old.entries
    else:
        head, two_mode, rows, cols, levels, entries = _parse(lines, file, cells)
    names = [
        lab if lab is not None else (layer if head.nm == 1 else str(i + 1))
        for i, lab in enumerate(levels)
    ]
    is_directed, reason = _direction(head, two_mode, entries, directed)
    return _File(file, head, two_mode, rows, cols, names, entries, is_directed, reason, cells, old)


def read_ucinet_dl(
    path: str | os.PathLike[str],
    *,
    directed: bool | None = None,
    org_mode: Literal[1, 2] = 1,
    layer: str = "network",
    errors: Literal["raise", "collect"] = "raise",
    encoding: str | None = None,
    **deprecated: Any,
) -> NetworkData:
    """Read a UCINET DL or UCINET-3 file as :class:`NetworkData`.

    Parameters
    ----------
    path : str or path-like
        The DL file, or an older UCINET-3 file (recognised by its header line, see Notes).
    directed : bool, optional
        Whether one-mode ties are directed. By default a one-mode network is directed unless
        every matrix is symmetric. ``directed=False`` with an asymmetric matrix raises (it
        would drop information).
    org_mode : {1, 2}, default 1
        Two-mode data: which mode holds the organisations (1 = the rows, 2 = the columns); the
        other holds the coalitions. The same convention as :func:`~lsmnet.io.pajek.read_pajek`.
        The spellings ``"rows"`` and ``"columns"`` still work but are deprecated since 0.2.0
        (``DeprecationWarning``; removal in 0.3).
    layer : str, default "network"
        Tie layer of a single unlabelled relation. Level labels become layers of their own
        name, declared for you (UCINET-3: the block titles).
    errors : {"raise", "collect"}, default "raise"
        What to do with a cell or line that cannot be read (a value that is not a number, a
        node number out of range, a UCINET-3 row with too few values, an attribute row whose
        ID is not a node): raise, or set it aside in ``data.set_aside`` and read the rest, one
        row each with ``file``, ``row`` (the line of the file), ``column``, ``value``,
        ``problem`` (which names the matrix, row and column) and ``fix``; a
        ``RowsSetAsideWarning`` says how many. Problems with the layout itself (wrong row or
        label counts, a missing Ctrl-Z line) always raise.
    encoding : str, optional
        Text encoding; by default UTF-8 with a Windows-1252 fallback (with a warning).
    **deprecated
        ``output``: deprecated since 0.2.0, removal in 0.3. ``read_ucinet_dl`` always returns
        :class:`NetworkData`; for networkx graphs use :func:`read_ucinet_dl_graphs`. With
        ``output=`` it warns (``DeprecationWarning``) and returns what it returned in 0.1:
        ``"graph"`` one graph holding every relation (a multigraph for several),
        ``"graphs"`` the dict of :func:`read_ucinet_dl_graphs`, ``"data"`` the
        :class:`NetworkData`.

    Returns
    -------
    NetworkData
        One-mode: organisations and ties (diagonal cells are set aside as self-ties, negative
        values as invalid weights; ``weight`` = the cell value). Two-mode: organisations,
        coalitions and memberships. Zero cells are "no tie". ``meta["rows"]`` counts non-zero
        cells (and set-aside cells): read = used + set aside. ``meta["file_format"]`` is
        ``"dl"`` or ``"ucinet3"``. A UCINET-3 file adds its attribute tables as
        ``meta["vertex_attributes"]`` (a DataFrame indexed by ``org_id``; whole numbers
        ``Int64``, other numbers ``float``, text stripped of surrounding spaces, missing values
        for nodes without a row), and records ``label_mismatches``, ``headers`` and
        ``comments`` (title lines other than the block names) in ``meta``.

    Raises
    ------
    SchemaError
        If the file is neither DL nor UCINET-3, or its data do not match its header (too few
        or too many values or rows, a wrong number of labels, a block not ended by Ctrl-Z, a
        non-numeric value with ``errors="raise"``), or a two-mode file holds several relations
        (read it with :func:`read_ucinet_dl_graphs`); the message names the file and line, and
        for a cell the matrix, row and column. ``.problems`` holds the same as a table.
    InvalidParameterError
        If an option is invalid, or ``directed=False`` is asked of an asymmetric matrix.
    TypeError
        If a keyword argument is not a parameter of ``read_ucinet_dl``.

    Warns
    -----
    LsmnetWarning
        When a later block of a UCINET-3 file labels a node differently from the first block
        (e.g. ``MAYO`` for ``MAYR`` in Knoke's file): blocks are matched by position, the first
        block's label is used, and each difference is listed in ``label_mismatches``.
    RowsSetAsideWarning
        When cells were set aside (``errors="collect"``, diagonal and negative cells).

    See Also
    --------
    read_ucinet_dl_graphs : every relation of the file as a networkx graph.
    read_pajek : Pajek files.

    Notes
    -----
    Supported formats [1]_: ``FULLMATRIX`` (``DIAGONAL PRESENT``/``ABSENT``, ``NM`` stacked
    matrices), ``UPPERHALF`` and ``LOWERHALF`` (symmetric, undirected), ``EDGELIST1``,
    ``NODELIST1``, ``EDGELIST2`` and ``NODELIST2`` (two-mode), with labels in ``LABELS:``,
    ``ROW LABELS:``, ``COLUMN LABELS:`` blocks or ``LABELS EMBEDDED``; ``LEVEL LABELS:`` (or
    ``MATRIX LABELS:``) name the relations. Edge-list relations are separated by ``!`` lines.

    UCINET-3 files, the format before DL, are recognised when a line such as
    `` 4 , 10 , 10 ,N,NB`` comes among the first lines and the file does not start with ``DL``.
    The file is a series of blocks, each ended by a line holding only Ctrl-Z (byte 0x1A):
    title lines (the last names the relation), the header line (its second and third fields
    are the row and column counts; the others are kept in ``headers``, not interpreted), an
    optional comma-separated label line, then one line per row. A block whose first label is
    ``ID`` is a table of node attributes: one row per node, first the node's number (its
    position in the matrices) or label, then one value per attribute, separated by tabs,
    commas or spaces. Every other block is a square matrix with one row and column per node.
    The first matrix's labels name the nodes. This layout is documented here from the files
    of the UCINET IV example collection [2]_, such as Knoke's bureaucracies [3]_.

    References
    ----------
    .. [1] Borgatti, S. P., Everett, M. G., & Freeman, L. C. (2002). *UCINET for Windows:
       Software for Social Network Analysis*. Analytic Technologies. (DL file format, help
       topic "DL".)
    .. [2] Batagelj, V., & Mrvar, A. Pajek datasets, UCINET collection:
       https://github.com/bavla/Nets, folder ``data/Pajek/ucinet`` (file ``KnokBur.DAT``).
    .. [3] Knoke, D., & Kuklinski, J. H. (1982). *Network Analysis*. Sage.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> text = '''DL N=3
    ... FORMAT = FULLMATRIX
    ... LABELS:
    ... Pulih, ICW, KontraS
    ... DATA:
    ... 0 2 0
    ... 0 0 1
    ... 0 1 0
    ... '''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "small.dl")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     data = read_ucinet_dl(path)
    >>> data.ties[["source", "target", "weight", "directed"]]
      source   target  weight  directed
    0  Pulih      ICW     2.0      True
    1    ICW  KontraS     1.0      True
    2  KontraS      ICW     1.0      True
    """
    func = "read_ucinet_dl"
    if deprecated:
        return _deprecated_call(path, directed, org_mode, layer, errors, encoding, deprecated)
    mode = _org_mode(org_mode, func)
    f = _read(path, directed, layer, errors, encoding, func)
    return _to_data(
        f.file,
        f.head,
        f.two_mode,
        f.rows,
        f.cols,
        f.names,
        f.entries,
        f.is_directed,
        org_mode=mode,
        cells=f.cells.records,
        old=f.old,
        options={
            "directed": directed,
            "org_mode": mode,
            "layer": layer,
            "format": "ucinet3" if f.old else f.head.fmt,
            "errors": errors,
        },
    )


def read_ucinet_dl_graphs(
    path: str | os.PathLike[str],
    *,
    directed: bool | None = None,
    layer: str = "network",
    errors: Literal["raise", "collect"] = "raise",
    encoding: str | None = None,
) -> dict[str, nx.Graph]:
    """Read every relation of a UCINET DL or UCINET-3 file as a networkx graph.

    Parameters
    ----------
    path : str or path-like
        The DL file, or an older UCINET-3 file (see :func:`read_ucinet_dl`, Notes).
    directed : bool, optional
        Whether one-mode ties are directed. By default a one-mode network is directed unless
        every matrix is symmetric; the choice is recorded in ``graph.graph["directed_reason"]``.
        ``directed=False`` with an asymmetric matrix raises (it would drop information).
    layer : str, default "network"
        Key (and ``graph.graph["relation"]``) of a single unlabelled relation. Several
        unlabelled relations are keyed ``"1"``, ``"2"``, ...; labelled ones by their level
        label (UCINET-3: the block title).
    errors : {"raise", "collect"}, default "raise"
        What to do with a cell or line that cannot be read: raise, or set it aside in
        ``graph.graph["set_aside"]`` (the columns of :attr:`NetworkData.set_aside`) and read
        the rest, with a ``RowsSetAsideWarning``. Problems with the layout itself always raise.
    encoding : str, optional
        Text encoding; by default UTF-8 with a Windows-1252 fallback (with a warning).

    Returns
    -------
    dict of str to networkx.Graph
        Always a dict, even for one relation: from the relation (level) label to its graph,
        in file order. One-mode: a ``DiGraph``, or a ``Graph`` when the ties are undirected;
        nodes are the labels. Two-mode: an undirected bipartite ``Graph`` whose nodes are
        ``("row", label)`` and ``("col", label)`` tuples (so the two modes never collide) with
        node attribute ``bipartite`` (0 rows, 1 columns). Every node has ``label``; every edge
        ``weight`` (the cell value); zero cells are no edge. ``graph.graph`` holds ``source``,
        ``relation``, ``two_mode``, ``directed_reason``, ``file_format`` (``"dl"`` or
        ``"ucinet3"``) and ``set_aside`` (a DataFrame, empty when nothing was set aside). A
        UCINET-3 file adds its attribute tables as node attributes and records
        ``label_mismatches``, ``headers`` and ``comments`` in ``graph.graph``.

    Raises
    ------
    SchemaError
        If the file is neither DL nor UCINET-3, or its data do not match its header; the
        message names the file and line, and for a cell the matrix, row and column.
    InvalidParameterError
        If an option is invalid, or ``directed=False`` is asked of an asymmetric matrix.

    Warns
    -----
    LsmnetWarning
        When a later block of a UCINET-3 file labels a node differently from the first block.
    RowsSetAsideWarning
        When cells were set aside (``errors="collect"``).

    See Also
    --------
    read_ucinet_dl : the file as :class:`NetworkData`.

    Notes
    -----
    The formats read are those of :func:`read_ucinet_dl` [1]_.

    References
    ----------
    .. [1] Borgatti, S. P., Everett, M. G., & Freeman, L. C. (2002). *UCINET for Windows:
       Software for Social Network Analysis*. Analytic Technologies. (DL file format, help
       topic "DL".)

    Examples
    --------
    A UCINET-3 file with two relations and an attribute table (``\\x1a`` is Ctrl-Z); the
    second block spells ``KontraS`` differently, which is read by position and warned about:

    >>> import pathlib, tempfile, warnings
    >>> old = (
    ...     "advice\\n 4 , 3 , 3 ,N,NB\\nPulih,ICW,KontraS\\n0 1 0\\n0 0 1\\n1 0 0\\n\\x1a\\n"
    ...     "trust\\n 4 , 3 , 3 ,N,NB\\nPulih,ICW,Kontras\\n0 1 1\\n0 0 0\\n0 0 0\\n\\x1a\\n"
    ...     " 4 , 3 , 2 ,N,LM\\nID,TYPE\\n1\\tngo\\n2\\tngo\\n3\\tcbo\\n\\x1a\\n"
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "small.dat")
    ...     _ = path.write_text(old, encoding="ascii")
    ...     with warnings.catch_warnings(record=True) as caught:
    ...         warnings.simplefilter("always")
    ...         graphs = read_ucinet_dl_graphs(path)
    >>> sorted(graphs), sorted(graphs["trust"].edges)
    (['advice', 'trust'], [('Pulih', 'ICW'), ('Pulih', 'KontraS')])
    >>> graphs["advice"].is_directed(), graphs["advice"].graph["directed_reason"]
    (True, 'a matrix is asymmetric')
    >>> graphs["advice"].nodes["KontraS"]["TYPE"]
    'cbo'
    >>> graphs["trust"].graph["label_mismatches"][["row", "value"]].values.tolist()
    [[10, 'Kontras']]
    >>> [str(w.message).split(": ", 1)[1].split(". ")[0] for w in caught]
    ["1 label(s) differ from those of block 1 ('advice'): 'Kontras' (line 10)"]
    """
    return _graphs(_read(path, directed, layer, errors, encoding, "read_ucinet_dl_graphs"))


def _graphs(f: _File) -> dict[str, nx.Graph]:
    set_aside = aside_frame(f.cells.records)
    if len(set_aside):
        from lsmnet.model import RowsSetAsideWarning

        warnings.warn(
            f"{Path(f.file).name}: {len(set_aside)} cell(s) or line(s) set aside; see "
            "graph.graph['set_aside'] for each and why.",
            RowsSetAsideWarning,
            stacklevel=_caller_level(),
        )
    graphs = {}
    for index, name in enumerate(f.names):
        chosen = [e for e in f.entries if e[0] == index]
        g = _graph(chosen, f.rows, f.cols, f.two_mode, f.is_directed, f.file, name, f.reason)
        _describe(g, f.old, set_aside)
        graphs[name] = g
    return graphs


def _deprecated_call(path, directed, org_mode, layer, errors, encoding, kwargs):
    func = "read_ucinet_dl"
    unknown = sorted(set(kwargs) - {"output"})
    if unknown:
        raise TypeError(f"{func}() got an unexpected keyword argument {unknown[0]!r}")
    output = kwargs["output"]
    check_option(output, ("graph", "graphs", "data"), "output", func)
    warnings.warn(
        f"read_ucinet_dl(..., output={output!r}) is deprecated since lsmnet 0.2.0 and will be "
        "removed in 0.3: read_ucinet_dl always returns NetworkData (drop output=); use "
        "read_ucinet_dl_graphs(path) for the networkx graphs (a dict from relation label to "
        "graph, always).",
        DeprecationWarning,
        stacklevel=3,
    )
    if output == "data":
        return read_ucinet_dl(
            path,
            directed=directed,
            org_mode=org_mode,
            layer=layer,
            errors=errors,
            encoding=encoding,
        )
    _org_mode(org_mode, func)
    f = _read(path, directed, layer, errors, encoding, func)
    graphs = _graphs(f)
    if output == "graphs":
        return graphs
    if len(f.names) == 1:
        return graphs[f.names[0]]
    multi = nx.MultiDiGraph() if f.is_directed else nx.MultiGraph()
    first = next(iter(graphs.values()))
    multi.graph.update(first.graph, relations=tuple(f.names))
    multi.graph.pop("relation", None)
    multi.add_nodes_from(first.nodes(data=True))
    for name, g in graphs.items():
        for u, v, w in g.edges(data="weight"):
            multi.add_edge(u, v, key=name, weight=w, relation=name)
    return multi


def _direction(head, two_mode, entries, directed):
    """Whether the ties are directed, and why (recorded in ``graph.graph``)."""
    if two_mode:
        return False, "two-mode"
    if head.fmt in ("upperhalf", "lowerhalf"):
        return False, f"FORMAT={head.fmt.upper()}"
    values = {(lv, r, c): v for lv, r, c, v, _l in entries}
    symmetric = all(values.get((lv, c, r)) == v for (lv, r, c), v in values.items())
    if directed is None:
        return not symmetric, ("all matrices symmetric" if symmetric else "a matrix is asymmetric")
    if directed is False and not symmetric:
        raise InvalidParameterError(
            "The 'directed' parameter of read_ucinet_dl cannot be False for this file: a "
            "matrix is not symmetric, so reading it as undirected would lose ties. Got False."
        )
    return bool(directed), "directed= given"


def _describe(g, old, set_aside):
    """Add the file format, set-aside cells and UCINET-3 attributes to a graph."""
    g.graph.update(file_format="ucinet3" if old else "dl", set_aside=set_aside)
    if old is None:
        return
    g.graph.update(label_mismatches=old.mismatches, headers=old.headers, comments=old.comments)
    if old.attributes is not None:
        for node, row in old.attributes.iterrows():
            g.nodes[node].update({k: _scalar(v) for k, v in row.items() if pd.notna(v)})


def _scalar(value):
    return value.item() if hasattr(value, "item") else value


def _graph(entries, rows, cols, two_mode, is_directed, file, name, reason):
    g = nx.DiGraph() if is_directed else nx.Graph()
    g.graph.update(source=file, relation=name, two_mode=two_mode, directed_reason=reason)
    if two_mode:
        g.add_nodes_from((("row", r), {"label": r, "bipartite": 0}) for r in rows)
        g.add_nodes_from((("col", c), {"label": c, "bipartite": 1}) for c in cols)
        for _lv, r, c, v, _l in entries:
            g.add_edge(("row", rows[r]), ("col", cols[c]), weight=v)
        return g
    g.add_nodes_from((r, {"label": r}) for r in rows)
    for _lv, r, c, v, _l in entries:
        g.add_edge(rows[r], rows[c], weight=v)
    return g


_NEGATIVE = ("weight", "negative value {v}", "lsmnet weights are >= 0")
_DIAGONAL = ("source", "diagonal cell (a node tied to itself)", "ties need two organisations")


def _to_data(
    file, head, two_mode, rows, cols, names, entries, is_directed, *, org_mode, cells, old, options
):
    build = _two_mode_tables if two_mode else _one_mode_tables
    tables, set_aside = build(file, head, rows, cols, names, entries, is_directed, org_mode)
    meta = {"file_format": "dl" if old is None else "ucinet3"}
    if old is not None:
        meta.update(label_mismatches=old.mismatches, headers=old.headers, comments=old.comments)
        if old.attributes is not None:
            meta["vertex_attributes"] = old.attributes
    return finish(
        file=file,
        importer="read_ucinet_dl",
        options=options,
        rows_read=len(entries) + len(cells),
        set_aside=[*set_aside, *cells],
        unit="non-zero cells",
        extra_meta=meta,
        **tables,
    )


def _one_mode_tables(file, head, rows, cols, names, entries, is_directed, org_mode):
    ties, seen, set_aside = [], set(), []
    for lv, r, c, v, lineno in entries:
        pair = (rows[r], rows[c], names[lv])
        if not is_directed:
            pair = (*sorted(pair[:2]), names[lv])
            if pair in seen:
                continue  # the mirror cell of an undirected tie already read
        problem = _DIAGONAL if r == c else _NEGATIVE if v < 0 else None
        if problem:
            column, why, fix = problem
            set_aside.append(aside("ties", file, lineno, column, v, why.format(v=v), fix))
            continue
        seen.add(pair)
        ties.append((*pair, v, is_directed))
    ties = pd.DataFrame(ties, columns=["source", "target", "layer", "weight", "directed"])
    tables = {"organizations": org_frame(rows, rows), "ties": ties, "layers": sorted(set(names))}
    return tables, set_aside


def _two_mode_tables(file, head, rows, cols, names, entries, is_directed, org_mode):
    if head.nm > 1:
        raise SchemaError(
            f"{file}: with several relations (NM={head.nm}) a two-mode file cannot "
            "become one membership table. Fix: read it with read_ucinet_dl_graphs (one graph "
            "per relation)."
        )
    org_labels, coal_labels = (rows, cols) if org_mode == 1 else (cols, rows)
    members, set_aside = [], []
    for _lv, r, c, v, lineno in entries:
        if v < 0:
            column, why, fix = _NEGATIVE
            set_aside.append(aside("memberships", file, lineno, column, v, why.format(v=v), fix))
            continue
        members.append((rows[r], cols[c], v) if org_mode == 1 else (cols[c], rows[r], v))
    tables = {
        "organizations": org_frame(org_labels, org_labels),
        "coalitions": pd.DataFrame({"coalition_id": coal_labels, "name": coal_labels}),
        "memberships": pd.DataFrame(members, columns=["org_id", "coalition_id", "weight"]),
    }
    return tables, set_aside

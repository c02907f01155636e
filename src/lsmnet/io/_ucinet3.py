"""UCINET-3 text files, the format UCINET used before DL (read by :func:`read_ucinet_dl`).

A file is a sequence of blocks, each ended by a line holding only Ctrl-Z (byte 0x1A)::

    information                          title line(s), optional
     4 , 10 , 10 ,N,NB                   header: code, rows, columns, two letter codes
    COUN,COMM,EDUC,...                   comma-separated labels (optional)
    0 1 0 0 1 0 1 0 1 0                  one line per row
    ...
    ^Z

A block whose first label is ``ID`` is a table of node attributes (first column the node
number or label, one column per attribute); every other block is a square matrix, one relation.
Only the row and column counts of the header are used: the other fields are kept, not
interpreted (their meaning is not documented with the files).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from lsmnet._problems import schema_error
from lsmnet.exceptions import LsmnetWarning
from lsmnet.io._common import CellProblems, _caller_level, aside, aside_frame, finite_number

CTRL_Z = "\x1a"


def header_numbers(text: str) -> tuple[int, int, int] | None:
    r"""The three numbers of a UCINET-3 header line (``k, rows, columns[, word, ...]``), or None.

    Parsed by splitting at commas, in time linear in the line: the former regular expression
    (``(?:,\s*\w*\s*)*$``) backtracked exponentially on a 97-byte line of repeated
    ``",    "`` groups that did not end the way it expected.
    """
    parts = text.split(",")
    if len(parts) < 3:
        return None
    numbers = [part.strip() for part in parts[:3]]
    if not all(n.isascii() and n.isdigit() for n in numbers):
        return None
    # each further field is one word (letters, digits, underscores) or empty, as \w* was
    if not all(all(c.isalnum() or c == "_" for c in rest.strip()) for rest in parts[3:]):
        return None
    return int(numbers[0]), int(numbers[1]), int(numbers[2])


_LOOK_AHEAD = 6  # a UCINET-3 header comes after at most a few title lines


def looks_like(lines: Sequence[tuple[int, str]]) -> bool:
    """Whether non-blank ``(lineno, text)`` lines start like a UCINET-3 file (not DL)."""
    head = [text for _n, text in lines[:_LOOK_AHEAD]]
    if not head or re.match(r"^\s*dl\b", head[0], re.IGNORECASE):
        return False
    return any(header_numbers(text.replace(CTRL_Z, "")) for text in head)


@dataclass
class Block:
    number: int
    titles: list = field(default_factory=list)
    header: str = ""
    header_line: int = 0
    nr: int = 0
    nc: int = 0
    labels: list | None = None
    label_line: int | None = None
    rows: list = field(default_factory=list)  # (line number, text)

    @property
    def name(self) -> str | None:
        return self.titles[-1] if self.titles else None

    def described(self) -> str:
        return f"block {self.number}" + (f" ({self.name!r})" if self.name else "")

    @property
    def is_attributes(self) -> bool:
        return bool(self.labels) and self.labels[0].upper() == "ID"


@dataclass
class Parsed:
    """What :func:`parse` found, in the shape :mod:`lsmnet.io.ucinet` builds graphs from."""

    labels: list
    names: list  # one per matrix: its title, or None
    entries: list  # (matrix, row, column, value, line)
    attributes: pd.DataFrame | None
    mismatches: pd.DataFrame
    headers: tuple
    comments: tuple


def _error(file, line, problem, fix):
    return schema_error(
        f"{file}, line {line}: {problem}. Fix: {fix}.",
        file=file,
        row=line,
        problem=problem,
        fix=fix,
    )


def _is_label_line(text: str) -> bool:
    if "," in text:
        return True
    try:
        [float(t) for t in text.split()]
    except ValueError:
        return True
    return False


def split_blocks(lines: Sequence[tuple[int, str]], file: str) -> list[Block]:
    """Cut the non-blank ``(lineno, text)`` lines into blocks at the Ctrl-Z lines."""
    blocks, block, state = [], Block(1), "titles"
    last = lines[-1][0] if lines else 1
    for lineno, raw in lines:
        text, ends = raw.split(CTRL_Z, 1)[0], CTRL_Z in raw
        header = header_numbers(text)
        if state == "rows" and text.strip():
            if header:
                raise _error(
                    file,
                    lineno,
                    f"a header line inside {block.described()}: no Ctrl-Z (0x1A) line ends the "
                    "block before it",
                    "end each block with a line holding only Ctrl-Z (byte 0x1A)",
                )
            if len(block.rows) == block.nr:
                raise _error(
                    file,
                    lineno,
                    f"{block.described()} declares {block.nr} rows but goes on: this line is "
                    f"row {block.nr + 1} or the start of the next block without the Ctrl-Z "
                    "(0x1A) line between them",
                    "check the row count in the header, and end each block with a line "
                    "holding only Ctrl-Z",
                )
            block.rows.append((lineno, text))
        elif state == "labels" and text.strip():
            if _is_label_line(text):
                block.labels = [t.strip() for t in text.split(",")]
                block.label_line = lineno
            else:
                block.rows.append((lineno, text))
            state = "rows"
        elif state == "titles" and header:
            block.header, block.header_line = text.strip(), lineno
            block.nr, block.nc = header[1], header[2]
            state = "labels"
        elif state == "titles" and text.strip():
            block.titles.append(text.strip())
        if ends:
            if state == "titles":
                if block.titles:
                    raise _error(
                        file,
                        lineno,
                        f"{block.described()} ends before its header line",
                        "give each block a header line such as ' 4 , 10 , 10 ,N,NB'",
                    )
                continue  # a stray Ctrl-Z between blocks ends nothing
            blocks.append(block)
            block, state = Block(len(blocks) + 1), "titles"
    if state != "titles":
        raise _error(
            file,
            last,
            f"the file ends without the Ctrl-Z (0x1A) line that closes {block.described()}",
            "end the block with a line holding only Ctrl-Z; if the file was cut short, get it "
            "again",
        )
    if block.titles:
        raise _error(
            file,
            last,
            f"text after the last block ({block.titles[0][:40]!r}) has no header line",
            "remove the text or complete the block",
        )
    return blocks


def _check_shape(block: Block, file, n: int | None):
    where = block.described()
    if block.labels is not None and len(block.labels) != block.nc:
        raise _error(
            file,
            block.label_line,
            f"{len(block.labels)} labels in {where}, whose header declares {block.nc} columns",
            f"give exactly {block.nc} comma-separated labels, or fix the header",
        )
    if len(block.rows) != block.nr:
        line = block.rows[-1][0] if block.rows else block.header_line
        raise _error(
            file,
            line,
            f"{where} has {len(block.rows)} rows, its header declares {block.nr}",
            "give one line per row, or fix the row count in the header",
        )
    if block.is_attributes:
        return
    size = block.nr if n is None else n
    if block.nr != block.nc or block.nr != size:
        raise _error(
            file,
            block.header_line,
            f"{where} is a {block.nr} x {block.nc} matrix; every matrix of the file must be "
            f"{size} x {size} (one row and one column per node)",
            "fix the header; an attribute table starts its labels with ID",
        )
    labels = block.labels or []
    empty = [i + 1 for i, lab in enumerate(labels) if not lab]
    repeated = sorted({lab for lab in labels if labels.count(lab) > 1})
    if empty or repeated:
        what = f"label {empty[0]} is empty" if empty else f"label {repeated[0]!r} is repeated"
        raise _error(file, block.label_line, f"{what} in {where}", "give every node its own label")


def _short_or_long(block, lineno, text, tokens, cells, where, table="ties") -> bool:
    """Whether a row has the wrong number of values (then raised or set aside)."""
    if len(tokens) == block.nc:
        return False
    cells.report(
        lineno,
        "",
        text.strip(),
        f"{len(tokens)} values where the header declares {block.nc} columns",
        f"give {block.nc} values on this line",
        where=where,
        table=table,
    )
    return True


def _matrix(block, index, labels, entries, cells):
    for r, (lineno, text) in enumerate(block.rows):
        tokens = text.replace(",", " ").split()
        where = f"{block.described()}, row {r + 1} ({labels[r]})"
        if _short_or_long(block, lineno, text, tokens, cells, where):
            continue
        for c, token in enumerate(tokens):
            value = finite_number(token)
            if value is None:
                cells.not_a_number(
                    lineno, labels[c], token, where=f"{where}, column {c + 1} ({labels[c]})"
                )
            elif value != 0:
                entries.append((index, r, c, value, lineno))


def _attributes(block, labels, cells):
    names = block.labels[1:]
    position = {lab: i for i, lab in enumerate(labels)}
    values, seen = {}, {}
    for lineno, text in block.rows:
        sep = "\t" if "\t" in text else "," if "," in text else None
        tokens = [t.strip() for t in text.split(sep)] if sep else text.split()
        where = f"{block.described()}, row of ID {tokens[0] if tokens else ''!r}"
        if _short_or_long(block, lineno, text, tokens, cells, where, "organizations"):
            continue
        node = _node(tokens[0], position, len(labels))
        problem = None
        if node is None:
            problem = (
                f"ID {tokens[0]!r} is neither a node number 1..{len(labels)} nor a node label",
                "give the node's number (its position in the matrices) or its label",
            )
        elif node in seen:
            problem = (
                f"node {labels[node]} already has attributes (line {seen[node]})",
                "give each node one row",
            )
        if problem:
            cells.report(lineno, "ID", tokens[0], *problem, where=where, table="organizations")
            continue
        seen[node] = lineno
        values[labels[node]] = tokens[1:]
    frame = pd.DataFrame.from_dict(values, orient="index", columns=names, dtype=object)
    frame = frame.reindex(labels)
    frame.index.name = "org_id"
    return frame.apply(_typed)


def _node(token, position, n):
    """The node of an ID cell: its number 1..n (its position), else its label."""
    if re.fullmatch(r"\d+", token) and 1 <= int(token) <= n:
        return int(token) - 1
    return position.get(token)


def _typed(column: pd.Series) -> pd.Series:
    """Whole numbers as Int64, other numbers as float, anything else as stripped text."""
    text = column.map(lambda v: v if isinstance(v, str) and v else None)
    present = text.dropna()
    numbers = pd.to_numeric(present, errors="coerce")
    if len(present) and numbers.notna().all():
        as_float = pd.to_numeric(text, errors="coerce").astype("float64")
        whole = present.str.fullmatch(r"[+-]?\d+").all()
        return as_float.astype("Int64") if whole else as_float
    return text.astype("string")


def parse(lines: Sequence[tuple[int, str]], file: str, cells: CellProblems) -> Parsed:
    """Read the blocks of a UCINET-3 file (``lines``: its non-blank ``(lineno, text)``)."""
    blocks = split_blocks(lines, file)
    matrices = [b for b in blocks if not b.is_attributes]
    if not matrices:
        raise _error(
            file,
            lines[0][0] if lines else 1,
            "the file holds no matrix block (only attribute tables, or nothing)",
            "give at least one block of rows x columns values",
        )
    n = matrices[0].nr
    for block in blocks:
        _check_shape(block, file, n)
    first = matrices[0]
    labels = first.labels or [str(i) for i in range(1, n + 1)]
    names = [b.name for b in matrices]
    repeated = sorted({x for x in names if x is not None and names.count(x) > 1})
    if repeated:
        second = [b for b in matrices if b.name == repeated[0]][1]
        raise _error(
            file,
            second.header_line,
            f"two matrices have the title {repeated[0]!r}",
            "give each matrix its own title line",
        )
    mismatches = []
    for block in matrices[1:]:
        for c, (label, own) in enumerate(zip(labels, block.labels or labels, strict=True)):
            if own != label:
                mismatches.append(
                    aside(
                        "organizations",
                        file,
                        block.label_line,
                        str(c + 1),
                        own,
                        f"{block.described()} labels node {c + 1} {own!r} where "
                        f"{first.described()} labels it {label!r}; read as {label!r} "
                        "(matrices are matched by position)",
                        f"spell the label {label!r} in every block if they are the same node",
                    )
                )
    if mismatches:
        found = ", ".join(f"{m['value']!r} (line {m['row']})" for m in mismatches[:5])
        warnings.warn(
            f"{file}: {len(mismatches)} label(s) differ from those of {first.described()}: "
            f"{found}. The matrices are matched by position, so each is read as the first "
            "block's label; see graph.graph['label_mismatches'] or data.meta['label_mismatches'].",
            LsmnetWarning,
            stacklevel=_caller_level(),
        )
    entries = []
    for index, block in enumerate(matrices):
        _matrix(block, index, labels, entries, cells)
    tables = [_attributes(b, labels, cells) for b in blocks if b.is_attributes]
    attributes = None
    if tables:
        columns = [c for t in tables for c in t.columns]
        twice = sorted({c for c in columns if columns.count(c) > 1})
        if twice:
            raise _error(
                file,
                blocks[[b.is_attributes for b in blocks].index(True)].label_line,
                f"the attribute {twice[0]!r} is given in two attribute tables",
                "give each attribute once",
            )
        attributes = pd.concat(tables, axis=1)
    return Parsed(
        labels=labels,
        names=names,
        entries=entries,
        attributes=attributes,
        mismatches=aside_frame(mismatches),
        headers=tuple(b.header for b in blocks),
        comments=tuple(t for b in blocks for t in b.titles[:-1]),
    )

"""Generator of corrupted loader inputs for the fuzz suite (see test_loader_fuzz.py).

``make_case(seed)`` builds valid tables for a random subset of lsmnet's five tables from a
seeded numpy generator, applies 0-4 named corruptions (bad cells, formulas, unknown ids,
missing/duplicated/renamed headers, duplicate and blank rows, ragged rows, header-only and
empty files, huge fields, NULs, quotes and line breaks) and file-level changes (encodings
UTF-8/BOM/cp1252/Latin-1/UTF-16, delimiters, line endings, truncation, stray bytes, an
unterminated quote; a meta table, a stray file, two files for one table). ``write_case``
writes it as a CSV folder, one CSV file or an .xlsx workbook, and ``expected_counts`` gives
the data and blank rows of each intact file, counted from the records written (independently
of lsmnet's reader).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

TABLES = ("organizations", "coalitions", "memberships", "ties", "ratings")
ITEMS = ("reliability", "mission", "openness", "power", "involvement", "resources")

# ------------------------------------------------------------------------------ vocabularies
NAMES = [
    "Yayasan Lembaga Bantuan Hukum Indonesia",
    "Perkumpulan Prakarsa Désa – Sulawesi",
    "Komisi untuk Orang Hilang dan Korban Tindak Kekerasan",
    "ꦥꦏꦸꦮꦺꦴꦤ꧀ ꦗꦮ",
    "جمعية المجتمع المدني",
    "🌿 Jaringan Hijau 🌏",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "'=sudah dikutip",
    'Koma, "kutip" dan\nbaris baru',
    "Åsa Ñandú Œuvre",
]
PROVINCES = ["DKI Jakarta", "Papua Barat", "Aceh", "Sulawesi Selatan", "Nusa Tenggara Timur"]
ISSUES = ["HAM", "hukum", "lingkungan", "iklim", "gender", "anak", "keamanan"]
ORG_TYPES = ["ngo", "cbo", "ingo", "funder", "government", "academic", "private", "other"]
KINDS = ["coalition", "alliance", "network", "forum"]
ROLES = ["member", "chair", "secretariat", "founder"]
LAYERS = ["operational", "advocacy", "capacity", "network", "funding", "competition"]

BAD = {
    "id": ["", "   ", "zz-unknown", "=1+1", 'a"b', "x\ny", "\u00a0", "o1 ", "O1"],
    "number": [
        "abc",
        "1,5",
        "1e400",
        "-1",
        "inf",
        "-inf",
        "nan",
        "NaN",
        "1_000",
        "١٢",
        "0x10",
        "  2 ",
        "1e-400",
        "++1",
        "=1+1",
        "@SUM(A1)",
        "TRUE",
        "1.5.2",
        "Rp 1.000.000",
    ],
    "year": ["1998.5", "abc", "99999999999999999999", "1e20", "-5", "2e3", "１９９８", "MCMXC"],
    "date": [
        "2021-02-30",
        "31/12/2020",
        "2020-13",
        "0000-01-01",
        "2262-04-12",
        "1677-12-31",
        "2020-01-01T00:00:00+07:00",
        "2020-01-01T00:00:00Z",
        "2020-W01",
        "20200101",
        "2020/01/01",
        "besok",
        "2020-01-01T25:00",
        "2020-1-1",
        "9999-12-31",
    ],
    "bool": ["maybe", "2", "yes please", "Y", "benar", "-1"],
    "choice": ["club", "NGO ", "n g o", "=ngo", "lsm", "Koalisi"],
    "layer": ["advokasi", "Advocacy", "media", "network|advocacy", " ", "=network"],
    "rating": ["0", "5", "4.0001", "-1", "abc", "inf", "2,5", "tiga"],
}
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "=cmd|' /C calc'!A0",
]
BLANKISH = ["", " ", "\t", "\u00a0", "\u3000"]

SCHEMA = {
    "organizations": [
        ("org_id", "id"),
        ("name", "text"),
        ("type", "choice"),
        ("province", "text"),
        ("issues", "multi"),
        ("founded", "year"),
        ("budget", "number"),
        ("respondent", "bool"),
    ],
    "coalitions": [
        ("coalition_id", "id"),
        ("name", "text"),
        ("kind", "choice"),
        ("focus", "multi"),
        ("founded", "year"),
    ],
    "memberships": [
        ("org_id", "id"),
        ("coalition_id", "id"),
        ("role", "choice"),
        ("start", "date"),
        ("end", "date"),
        ("weight", "number"),
    ],
    "ties": [
        ("source", "id"),
        ("target", "id"),
        ("layer", "layer"),
        ("weight", "number"),
        ("directed", "bool"),
        ("start", "date"),
        ("end", "date"),
        ("amount", "number"),
        ("reported_by", "text"),
    ],
    "ratings": [("rater", "id"), ("ratee", "id"), *((item, "rating") for item in ITEMS)],
}
REQUIRED = {
    "organizations": ("org_id",),
    "coalitions": ("coalition_id",),
    "memberships": ("org_id", "coalition_id"),
    "ties": ("source", "target", "layer"),
    "ratings": ("rater", "ratee"),
}
ALIASES = {"organizations": ["organisations", "Organization"], "ties": ["tie", "Ties"]}


# ---------------------------------------------------------------------------------- cases
@dataclass
class Case:
    """One generated input: tables as records (header first) and how to write them."""

    seed: int
    fmt: str  # "csv" (a folder), "csvfile" (one .csv path) or "xlsx"
    records: dict[str, list[list]]  # file stem / sheet name -> records
    table_of: dict[str, str]  # file stem / sheet name -> table name (or "meta"/"other")
    encoding: dict[str, str] = field(default_factory=dict)
    delimiter: dict[str, str] = field(default_factory=dict)
    newline: dict[str, str] = field(default_factory=dict)
    damage: dict[str, tuple] = field(default_factory=dict)  # byte-level damage per file
    intact: dict[str, bool] = field(default_factory=dict)  # structure known to the oracle
    notes: list[str] = field(default_factory=list)


def _pick(rng, values):
    return values[int(rng.integers(len(values)))]


def _valid_cell(rng, kind, *, ids=None):
    if kind == "id":
        return _pick(rng, ids)
    if kind == "text":
        return _pick(rng, NAMES) if rng.random() < 0.8 else ""
    if kind == "multi":
        k = int(rng.integers(0, 4))
        return "|".join(rng.choice(ISSUES, size=k, replace=False).tolist())
    if kind == "year":
        return str(int(rng.integers(1950, 2024))) if rng.random() < 0.7 else ""
    if kind == "number":
        return _pick(rng, ["1", "0.5", "2", "1500000.25", "0", ""])
    if kind == "bool":
        return _pick(rng, ["true", "false", "ya", "tidak", "1", "0", "", "Yes"])
    if kind == "date":
        if rng.random() < 0.5:
            return ""
        return _pick(rng, ["2018", "2019-06", "2020-03-15", "2021-01-01", "2022-12-31"])
    if kind == "rating":
        return _pick(rng, ["1", "2", "3", "4", "2.5", ""])
    raise AssertionError(kind)


def _base_tables(rng) -> dict[str, list[list]]:
    """Valid records for a random subset of the five tables."""
    n_orgs, n_coal = int(rng.integers(2, 9)), int(rng.integers(1, 4))
    orgs = [f"o{i}" for i in range(n_orgs)]
    coals = [f"k{i}" for i in range(n_coal)]
    present = [t for t in TABLES if rng.random() < 0.45]
    if not present:
        present = [_pick(rng, list(TABLES))]
    out = {}
    for table in present:
        columns = [(c, k) for c, k in SCHEMA[table] if c in REQUIRED[table] or rng.random() < 0.6]
        header = [c for c, _ in columns]
        rows = []
        n = int(rng.integers(0, 7)) if table not in ("organizations", "coalitions") else None
        if table == "organizations":
            keys = [(o,) for o in orgs]
        elif table == "coalitions":
            keys = [(k,) for k in coals]
        elif table == "memberships":
            pairs = [(o, k) for o in orgs for k in coals]
            idx = rng.choice(len(pairs), size=min(n, len(pairs)), replace=False)
            keys = [pairs[i] for i in idx]
        else:
            pairs = [(a, b) for a in orgs for b in orgs if a != b]
            idx = rng.choice(len(pairs), size=min(n, len(pairs)), replace=False)
            keys = [pairs[i] for i in idx]
        for key in keys:
            row = []
            for col, kind in columns:
                if col in REQUIRED[table]:
                    row.append(key[REQUIRED[table].index(col)] if col != "layer" else None)
                    if col == "layer":
                        row[-1] = _pick(rng, LAYERS)
                elif kind == "choice":
                    vocab = {"type": ORG_TYPES, "kind": KINDS, "role": ROLES}[col]
                    row.append(_pick(rng, vocab) if rng.random() < 0.8 else "")
                elif col == "end":
                    row.append(_pick(rng, ["", "2023", "2024-06-30"]))
                elif col == "reported_by":
                    row.append(_pick(rng, [*orgs, ""]))
                else:
                    row.append(_valid_cell(rng, kind))
            rows.append(row)
        if table == "ties" and "start" in header and "end" in header:
            for row in rows:  # keep start <= end for the valid base
                if row[header.index("start")] and row[header.index("end")]:
                    row[header.index("end")] = "2024-06-30"
        out[table] = [header, *rows]
    return out


def kind_of(table, column):
    for col, kind in SCHEMA.get(table, []):
        if col == column:
            return kind
    return "text"


def _corrupt_cell(rng, table, records, *, value=None):
    header, rows = records[0], records[1:]
    if not rows or not header:
        return "no rows"
    r, c = int(rng.integers(len(rows))), int(rng.integers(len(header)))
    column = str(header[c])
    if value is None:
        kind = kind_of(table, column)
        pool = BAD.get("number" if kind == "rating" and rng.random() < 0.3 else kind, BAD["id"])
        value = _pick(rng, pool)
    row = rows[r]
    while len(row) <= c:
        row.append("")
    row[c] = value
    return f"cell {table}[{r + 2}, {column}] = {value!r}"


def _corruptions():
    """Named corruptions: each takes (rng, case, stem) and returns a short description."""

    def bad_cell(rng, case, stem):
        return _corrupt_cell(rng, case.table_of[stem], case.records[stem])

    def formula_cell(rng, case, stem):
        return _corrupt_cell(
            rng, case.table_of[stem], case.records[stem], value=_pick(rng, FORMULAS)
        )

    def unknown_ref(rng, case, stem):
        table, records = case.table_of[stem], case.records[stem]
        refs = [
            i
            for i, h in enumerate(records[0])
            if h in ("org_id", "coalition_id", "source", "target", "rater", "ratee")
        ]
        if table not in ("memberships", "ties", "ratings") or not refs or len(records) < 2:
            return bad_cell(rng, case, stem)
        row = records[int(rng.integers(1, len(records)))]
        i = _pick(rng, refs)
        if len(row) > i:
            row[i] = "ghost"
        return f"unknown id in {records[0][i]}"

    def drop_required(rng, case, stem):
        header = case.records[stem][0]
        table = case.table_of[stem]
        req = [i for i, h in enumerate(header) if h in REQUIRED.get(table, ())]
        if not req:
            return "no required column"
        i = _pick(rng, req)
        if rng.random() < 0.5:
            for rec in case.records[stem]:
                if len(rec) > i:
                    del rec[i]
            return f"deleted column {header[i] if len(header) > i else i}"
        old, header[i] = header[i], _pick(rng, ["id", "", f"{header[i]}_x", "Kolom"])
        return f"renamed header {old!r} -> {header[i]!r}"

    def header_variant(rng, case, stem):
        header = case.records[stem][0]
        if not header:
            return "no header"
        i = int(rng.integers(len(header)))
        header[i] = _pick(
            rng, [header[i].upper(), f"  {header[i]}  ", header[i].replace("_", " ").title()]
        )
        return f"header variant {header[i]!r}"

    def duplicate_header(rng, case, stem):
        header = case.records[stem][0]
        if not header:
            return "no header"
        header.append(_pick(rng, header))
        for rec in case.records[stem][1:]:
            rec.append(_pick(rng, ["", "x", "1"]))
        return "duplicate header"

    def extra_column(rng, case, stem):
        case.records[stem][0].append(
            _pick(rng, ["catatan", "website", "<b>x</b>", "=1", "col\twith tab"])
        )
        for rec in case.records[stem][1:]:
            rec.append(_pick(rng, NAMES))
        if "\t" in case.records[stem][0][-1]:
            case.intact[stem] = False  # a tab in the header line may change the delimiter
        return "extra column"

    def duplicate_row(rng, case, stem):
        rows = case.records[stem]
        if len(rows) < 2:
            return "no rows"
        rows.insert(int(rng.integers(1, len(rows) + 1)), list(_pick(rng, rows[1:])))
        return "duplicate row"

    def blank_rows(rng, case, stem):
        rows = case.records[stem]
        for _ in range(int(rng.integers(1, 4))):
            width = int(rng.integers(0, len(rows[0]) + 2))
            rows.insert(
                int(rng.integers(1, len(rows) + 1)), [_pick(rng, BLANKISH) for _ in range(width)]
            )
        return "blank rows"

    def leading_blank(rng, case, stem):
        rows = case.records[stem]
        rows.insert(0, [""] * int(rng.integers(0, 3)))
        return "blank line before the header"

    def ragged(rng, case, stem):
        rows = case.records[stem]
        if len(rows) < 2:
            return "no rows"
        r = int(rng.integers(1, len(rows)))
        if rng.random() < 0.5 and rows[r]:
            rows[r] = rows[r][: int(rng.integers(0, len(rows[r])))] or ["x"]
        else:
            rows[r] = rows[r] + ["extra", "cells"]
        return "ragged row"

    def header_only(rng, case, stem):
        del case.records[stem][1:]
        return "header only"

    def empty_file(rng, case, stem):
        case.records[stem] = []
        return "empty file"

    def huge_field(rng, case, stem):
        n = int(_pick(rng, [5_000, 60_000, 140_000]))
        return _corrupt_cell(rng, case.table_of[stem], case.records[stem], value="Å" * n)

    def nul_cell(rng, case, stem):
        if case.fmt == "xlsx":
            return "no NUL in xlsx"
        return _corrupt_cell(rng, case.table_of[stem], case.records[stem], value="a\x00b")

    def quotes_newlines(rng, case, stem):
        value = _pick(rng, ['say "hi"', "two\nlines", "cr\rline", '"', "a,b;c\td", '""'])
        return _corrupt_cell(rng, case.table_of[stem], case.records[stem], value=value)

    def self_loop(rng, case, stem):
        table = case.table_of[stem]
        rows = case.records[stem]
        if table not in ("ties", "ratings") or len(rows) < 2:
            return "no pair"
        a, b = (0, 1)
        rows[1][b] = rows[1][a]
        return "self loop"

    def swapped_dates(rng, case, stem):
        header = case.records[stem][0]
        if "start" not in header or "end" not in header or len(case.records[stem]) < 2:
            return "no dates"
        row = case.records[stem][1]
        row[header.index("start")], row[header.index("end")] = "2023-05-01", "2019-01-01"
        return "start after end"

    return {
        "bad_cell": (bad_cell, 6),
        "formula_cell": (formula_cell, 2),
        "unknown_ref": (unknown_ref, 2),
        "drop_required": (drop_required, 1),
        "header_variant": (header_variant, 1),
        "duplicate_header": (duplicate_header, 0.5),
        "extra_column": (extra_column, 1),
        "duplicate_row": (duplicate_row, 1.5),
        "blank_rows": (blank_rows, 1.5),
        "leading_blank": (leading_blank, 0.5),
        "ragged": (ragged, 1),
        "header_only": (header_only, 0.5),
        "empty_file": (empty_file, 0.5),
        "huge_field": (huge_field, 0.3),
        "nul_cell": (nul_cell, 0.5),
        "quotes_newlines": (quotes_newlines, 1),
        "self_loop": (self_loop, 0.7),
        "swapped_dates": (swapped_dates, 0.5),
    }


CORRUPTIONS = _corruptions()
_NAMES = list(CORRUPTIONS)
_WEIGHTS = np.array([CORRUPTIONS[n][1] for n in _NAMES], float)
_WEIGHTS /= _WEIGHTS.sum()


def make_case(seed: int) -> Case:
    """The generated input number ``seed`` (same seed, same input)."""
    rng = np.random.default_rng([8, seed])
    roll = rng.random()
    fmt = "xlsx" if roll < 0.15 else "csvfile" if roll < 0.2 else "csv"
    tables = _base_tables(rng)
    if fmt == "csvfile":
        keep = _pick(rng, list(tables))
        tables = {keep: tables[keep]}
    case = Case(seed, fmt, {}, {})
    for table, records in tables.items():
        stem = table
        if rng.random() < 0.1 and table in ALIASES:
            stem = _pick(rng, ALIASES[table])
        case.records[stem], case.table_of[stem] = records, table
        case.intact[stem] = True
    stems = list(case.records)
    for _ in range(int(rng.choice([0, 1, 2, 3, 4], p=[0.15, 0.35, 0.25, 0.15, 0.1]))):
        name = _NAMES[int(rng.choice(len(_NAMES), p=_WEIGHTS))]
        stem = _pick(rng, stems)
        if not case.records[stem]:
            continue  # an empty file has nothing left to corrupt
        case.notes.append(f"{stem}: {CORRUPTIONS[name][0](rng, case, stem)}")
    if fmt != "csvfile":
        _folder_level(rng, case)
    if fmt != "xlsx":
        for stem in case.records:
            _file_level(rng, case, stem)
    return case


def _folder_level(rng, case):
    roll = rng.random()
    if roll < 0.08:
        case.records["meta"] = [["key", "value"], *_meta_rows(rng)]
        case.table_of["meta"] = "meta"
        case.intact["meta"] = True
        case.notes.append("meta table")
    elif roll < 0.12:
        case.records["catatan"] = [["apa", "ini"], ["=1+1", "x"]]
        case.table_of["catatan"] = "other"
        case.intact["catatan"] = True
        case.notes.append("a file that is not a table")
    elif roll < 0.14 and "organizations" in case.records:
        case.records["organisations"] = [list(r) for r in case.records["organizations"]]
        case.table_of["organisations"] = "organizations"
        case.intact["organisations"] = True
        case.notes.append("two files for one table")


def _meta_rows(rng):
    return _pick(
        rng,
        [
            [["scale_low", "1"], ["scale_high", "5"]],
            [["scale_low", "0"], ["scale_high", "10"], ["layers", "media|=rumor"]],
            [["scale_low", "empat"], ["scale_high", "1"]],
            [["scale_low", "4"], ["scale_high", "1"]],
            [["source", '=HYPERLINK("x")'], ["notes", "survei 2023"]],
            [["trust_items", "reliability"], ["value_items", ""]],
            [["layers", "advocacy"]],
        ],
    )


def _file_level(rng, case, stem):
    roll = rng.random()
    case.encoding[stem] = (
        "utf-8"
        if roll < 0.6
        else "utf-8-sig"
        if roll < 0.75
        else "cp1252"
        if roll < 0.85
        else "latin-1"
        if roll < 0.92
        else "utf-16"
    )
    case.delimiter[stem] = str(rng.choice([",", ";", "\t"], p=[0.8, 0.1, 0.1]))
    case.newline[stem] = str(rng.choice(["\n", "\r\n", "\r"], p=[0.5, 0.4, 0.1]))
    roll = rng.random()
    if roll < 0.05:
        case.damage[stem] = ("truncate", float(rng.random()))
    elif roll < 0.1:
        case.damage[stem] = ("stray_byte", float(rng.random()), int(rng.integers(0x80, 0x100)))
    elif roll < 0.12:
        case.damage[stem] = ("unterminated_quote", float(rng.random()))
    if case.damage.get(stem):
        case.intact[stem] = False
        case.notes.append(f"{stem}: damage {case.damage[stem]}")


def csv_bytes(case: Case, stem: str) -> bytes:
    """The bytes of one CSV file of ``case`` (after encoding and damage)."""
    buf = io.StringIO(newline="")
    delimiter = case.delimiter.get(stem, ",")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=case.newline.get(stem, "\n"))
    for rec in case.records[stem]:
        writer.writerow(["" if v is None else str(v) for v in rec])
    text = buf.getvalue()
    header = case.records[stem][0] if case.records[stem] else []
    if any(ch in str(h) for h in header for ch in ',;\t"\n\r'):
        case.intact[stem] = False  # the reader guesses the delimiter from the header line
    ending = case.newline.get(stem, "\n")
    if any(
        ch in str(v) and ch not in ending
        for rec in case.records[stem]
        for v in rec
        for ch in "\r\n"
    ):
        case.intact[stem] = False  # csv.writer leaves a line break it does not use unquoted
    encoding = case.encoding.get(stem, "utf-8")
    if encoding in ("cp1252", "latin-1"):
        data = text.encode(encoding, errors="replace")
        if data.decode(encoding) != text:
            case.intact[stem] = False  # unencodable characters became '?'
    else:
        data = text.encode(encoding)
    damage = case.damage.get(stem)
    if damage:
        at = int(damage[1] * len(data))
        if damage[0] == "truncate":
            data = data[:at]
        elif damage[0] == "stray_byte":
            data = data[:at] + bytes([damage[2]]) + data[at:]
        else:
            data = data[:at] + b'"' + data[at:]
    return data


def _xlsx_value(rng, value):
    """A cell value as a spreadsheet would hold it (numbers and dates typed, sometimes)."""
    if not isinstance(value, str) or rng.random() < 0.5:
        return value if value != "" else None
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None and np.isfinite(number) and "_" not in value and value.strip() == value:
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value if value != "" else None


def write_case(case: Case, folder: Path) -> Path:
    """Write ``case`` under ``folder``; return the path to give to ``lsmnet.read``."""
    folder.mkdir(parents=True, exist_ok=True)
    if case.fmt == "xlsx":
        from openpyxl import Workbook

        rng = np.random.default_rng([9, case.seed])
        book = Workbook()
        book.remove(book.active)
        for stem, records in case.records.items():
            sheet = book.create_sheet(stem[:31])
            for rec in records:
                sheet.append([_xlsx_value(rng, v) for v in rec])
        path = folder / "data.xlsx"
        book.save(path)
        return path
    for stem in case.records:
        (folder / f"{stem}.csv").write_bytes(csv_bytes(case, stem))
    if case.fmt == "csvfile":
        return folder / f"{next(iter(case.records))}.csv"
    return folder


# ------------------------------------------------------------------------------- the oracle
def _blank(value) -> bool:
    """Whether a written cell reads as empty (a formula without a saved value reads as its
    formula text, so it is not empty)."""
    if value is None:
        return True
    return isinstance(value, str) and not value.strip()


def expected_counts(case: Case) -> dict[str, tuple[int, int]]:
    """Per intact file: (data rows, blank rows) counted from the records written."""
    out = {}
    for stem, records in case.records.items():
        if not case.intact.get(stem, True) or case.table_of[stem] not in TABLES:
            continue
        if case.fmt == "xlsx":  # trailing rows without a single written cell are not saved
            while records and all(v is None or v == "" for v in records[-1]):
                records = records[:-1]
        blank = [all(_blank(v) for v in rec) for rec in records]
        if all(blank):
            out[stem] = (0, len(records))
            continue
        first = blank.index(False)
        out[stem] = (blank[first + 1 :].count(False), sum(blank))
    return out

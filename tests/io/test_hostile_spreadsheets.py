"""Hostile spreadsheets (issue 19, items 1 and 2): nothing lost, nothing hung, nothing blown up.

Workbooks are written with openpyxl and their XML edited with :mod:`zipfile` to plant what a
hostile or sloppy program leaves: a stale ``<dimension>`` record, one cell at XFD1048576, a
shared-strings table of twenty million entries in a file of a few hundred kilobytes, a CSV
header of a million columns. Readers that must refuse are run in a fresh interpreter under an
address-space limit (``resource.RLIMIT_AS``) and a wall-clock timeout, so that a regression
fails the test instead of the machine. Before the fix: a cell at XFD1048576 took 106 s and
3.8 GB; 20 million shared strings took minutes; a million CSV columns took 6 GB.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import lsmnet as lsm
from lsmnet.exceptions import SchemaError
from lsmnet.io import _files, _limits
from lsmnet.io._files import read_csv_raw, read_excel_raw

resource = pytest.importorskip("resource", reason="address-space limits need the resource module")

#: Address-space limit of the bounded interpreter: the fixed readers need a few hundred MB at
#: most on these inputs; the old ones needed 3.8 to 6 GB.
MEMORY = 1024**3
#: Seconds allowed to the bounded interpreter (start-up and imports included); the old readers
#: took 106 s to minutes.
TIMEOUT = 60

_BOUNDED = textwrap.dedent(
    """
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
    from lsmnet.exceptions import SchemaError
    from lsmnet.io._files import read_csv_raw, read_excel_raw
    path = sys.argv[1]
    start = time.perf_counter()
    try:
        if path.endswith(".csv"):
            tables = {{"csv": read_csv_raw(path)}}
        else:
            tables = read_excel_raw(path)
        out = {{n: [list(t.frame.columns)[-3:], t.rows.tolist()[-3:], t.blank_rows]
               for n, t in tables.items()}}
        result = {{"ok": out}}
    except SchemaError as err:
        result = {{"error": str(err), "problems": err.problems.astype(str).to_dict("records")}}
    result["seconds"] = time.perf_counter() - start
    print(json.dumps(result))
    """
)


def read_bounded(path: Path) -> dict:
    """Read ``path`` with the raw readers in a fresh interpreter, bounded in memory and time."""
    done = subprocess.run(
        [sys.executable, "-c", _BOUNDED.format(memory=MEMORY), str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def edit_part(path: Path, name: str, edit) -> None:
    """Rewrite one part of a zip file through ``edit(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == name:
                edited = edit(data)
                assert edited != data, f"the edit of {name} changed nothing"
                data = edited
            target.writestr(info.filename, data)


_SST = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def add_shared_strings(path: Path, blocks, repeat: int = 1) -> None:
    """Give a workbook a shared-strings part written from ``blocks`` (``repeat`` times each),
    streamed into the zip, and declare it in ``[Content_Types].xml``."""
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts:
            if name == "[Content_Types].xml":
                data = data.replace(b"</Types>", _SST)
            target.writestr(name, data)
        with target.open("xl/sharedStrings.xml", "w") as handle:
            handle.write(
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            for block in blocks:
                for _ in range(repeat):
                    handle.write(block)
            handle.write(b"</sst>")


def ties_workbook(path: Path, rows: int) -> list[list[str]]:
    book = Workbook()
    sheet = book.active
    sheet.title = "ties"
    records = [["source", "target", "layer"]]
    records += [[f"o{i}", f"o{i + 1}", "advocacy"] for i in range(rows)]
    for record in records:
        sheet.append(record)
    book.save(path)
    return records


def rows_in_xml(path: Path, part: str = "xl/worksheets/sheet1.xml") -> int:
    """Brute-force reference: the <row> elements a sheet's XML holds."""
    with zipfile.ZipFile(path) as archive:
        return len(re.findall(rb"<row[\s>]", archive.read(part)))


# -- item 1: dimension records are not trusted ---------------------------------------------


@pytest.mark.parametrize("record", [b'<dimension ref="A1:C3"/>', b""])
def test_stale_or_missing_dimension_loses_no_row(tmp_path, record):
    path = tmp_path / "stale.xlsx"
    records = ties_workbook(path, rows=6)
    edit_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<dimension [^>]*/>", record, xml),
    )
    # the trap (openpyxl's read-only mode trusts the record) and the independent reference
    # (openpyxl's full mode, as Excel, reads the rows the XML holds)
    trusting = load_workbook(path, read_only=True)
    full = load_workbook(path)
    if record:
        assert len(list(trusting["ties"].iter_rows(values_only=True))) == 3
    assert full["ties"].max_row == rows_in_xml(path) == 7
    raw = read_excel_raw(path)["ties"]
    assert raw.frame.values.tolist() == records[1:]
    assert raw.rows.tolist() == list(range(2, 8))
    data = lsm.read(path)
    assert len(data.ties) == 6


def test_row_accounting_counts_the_rows_present(tmp_path):
    path = tmp_path / "stale.xlsx"
    ties_workbook(path, rows=6)
    book = load_workbook(path)
    book["ties"]["C5"] = "no such layer"  # one row to set aside
    book.save(path)
    edit_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<dimension [^>]*/>", b'<dimension ref="A1:A2"/>', xml),
    )
    with pytest.warns(lsm.RowsSetAsideWarning, match="1 row"):
        data = lsm.read(path, errors="collect")
    present = rows_in_xml(path) - 1  # reference: the data rows in the XML (header excluded)
    assert len(data.ties) + len(data.set_aside) == present == 6
    assert data.set_aside["row"].tolist() == [5]


def test_rows_between_and_before_are_counted_blank(tmp_path):
    path = tmp_path / "gaps.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "ties"
    sheet["A3"], sheet["B3"] = "source", "target"
    sheet["A10"], sheet["B10"] = "a", "b"
    sheet["A12"] = "   "  # a cell holding only spaces is a blank row
    sheet["A20"], sheet["B20"] = "c", "d"
    book.save(path)
    raw = read_excel_raw(path)["ties"]
    assert raw.rows.tolist() == [10, 20]
    # reference, counted by hand: rows 1-2 before the header, 4-9, 11-19 (12 included)
    assert raw.blank_rows == 2 + 6 + 9


def test_formula_cells_give_the_saved_value_or_the_formula(tmp_path):
    path = tmp_path / "formulas.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["source", "target"])
    sheet.append(["a", "=A2"])  # written by a program: never calculated, no saved value
    book.save(path)
    edit_part(  # what Excel saves: the formula and its value
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<f>A2</f><v />", b"<f>A2</f><v>a</v>").replace(
            b'<c r="B2"><f>A2</f>', b'<c r="B2" t="str"><f>A2</f>'
        ),
    )
    cells = read_excel_raw(path)["Sheet"].frame.values.tolist()
    # reference: openpyxl's full mode with data_only=True gives Excel's saved value
    saved = load_workbook(path, data_only=True).active["B2"].value
    assert cells == [["a", saved if saved is not None else "=A2"]]


# -- item 2: limits -----------------------------------------------------------------------


def test_one_cell_at_xfd1048576_is_read_sparsely(tmp_path):
    path = tmp_path / "far.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "ties"
    sheet.append(["source", "target"])
    sheet.append(["a", "b"])
    sheet["XFD1048576"] = "far away"
    book.save(path)
    assert path.stat().st_size < 10_000
    result = read_bounded(path)
    columns, rows, blank = result["ok"]["ties"]
    # reference: the two rows written and the cell planted (XFD is column 16,384)
    assert columns == ["source", "target", "column_16384"]
    assert rows == [2, 1_048_576]
    assert blank == 1_048_576 - 3
    assert result["seconds"] < 10


def test_shared_strings_table_of_twenty_million_entries_fails_fast(tmp_path):
    path = tmp_path / "strings.xlsx"
    ties_workbook(path, rows=2)
    add_shared_strings(path, [b"<si><t>x</t></si>" * 100_000], repeat=200)  # 20 million
    assert path.stat().st_size < 2_000_000
    result = read_bounded(path)
    assert result["error"].startswith(
        "strings.xlsx: its shared-strings table holds more than 1,100,000 entries"
    )
    assert result["problems"][0]["file"] == "strings.xlsx"
    assert result["seconds"] < 10


def test_a_million_csv_columns_fail_fast_with_a_location(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("source,target" + ",x" * 1_000_000 + "\na,b\n")
    result = read_bounded(path)
    assert result["error"].startswith(
        "ties.csv, row 1: column 16385 (XFE) is beyond the limit of 16,384"
    )
    assert result["problems"][0]["row"] == "1"
    assert result["seconds"] < 10


def test_wide_sheet_with_many_rows_is_refused_before_the_memory_is_spent(tmp_path):
    # 16,384 named columns and 2,000 rows of one cell each: 33 million cells once padded
    # (reference: 2,000 x 16,384 > MAX_CELLS), from a file of a few hundred kilobytes
    path = tmp_path / "wide.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("ties")
    sheet.append([f"c{i}" for i in range(_limits.MAX_COLUMNS)])
    for i in range(2_000):
        sheet.append([f"o{i}"])
    book.save(path)
    assert 2_000 * _limits.MAX_COLUMNS > _limits.MAX_CELLS
    result = read_bounded(path)
    assert "sheet 'ties', row " in result["error"]
    assert f"more than {_limits.MAX_CELLS:,} cells" in result["error"]
    assert result["seconds"] < 20


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cell_limit_names_file_row_and_column(tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(_files, "MAX_CELLS", 20)
    records = [["source", "target", "layer"]] + [[f"o{i}", f"p{i}", "advocacy"] for i in range(9)]
    path = tmp_path / f"ties.{fmt}"
    if fmt == "csv":
        path.write_text("".join(",".join(r) + "\n" for r in records))
        read = read_csv_raw
    else:
        book = Workbook()
        for record in records:
            book.active.append(record)
        book.save(path)
        read = lambda p: read_excel_raw(p)["Sheet"]  # noqa: E731
    # reference: 7 data rows x 3 columns = 21 is the first size above 20; row 8 holds it
    with pytest.raises(SchemaError, match=r"row 8: the table reaches more than 20 cells") as err:
        read(path)
    assert err.value.problems.loc[0, "row"] == 8
    monkeypatch.setattr(_files, "MAX_CELLS", 27)  # 9 x 3: exactly the table
    assert read(path).frame.shape == (9, 3)


def test_workbook_sheets_share_the_cell_budget(tmp_path, monkeypatch):
    path = tmp_path / "two.xlsx"
    book = Workbook()
    for name in ("organizations", "ties"):
        sheet = book.create_sheet(name)
        sheet.append(["a", "b"])
        for i in range(5):
            sheet.append([f"x{i}", f"y{i}"])
    del book["Sheet"]
    book.save(path)
    monkeypatch.setattr(_files, "MAX_CELLS", 15)  # reference: 10 cells per sheet, 20 in all
    with pytest.raises(SchemaError, match=r"sheet 'ties', row \d+: the table reaches"):
        read_excel_raw(path)
    monkeypatch.setattr(_files, "MAX_CELLS", 20)
    assert {n: t.frame.shape for n, t in read_excel_raw(path).items()} == {
        "organizations": (5, 2),
        "ties": (5, 2),
    }


def test_declared_decompressed_size_is_bounded(tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    ties_workbook(path, rows=3)
    with zipfile.ZipFile(path) as archive:
        total = sum(i.file_size for i in archive.infolist())  # reference: the zip's own sizes
    monkeypatch.setattr(_files, "MAX_WORKBOOK_BYTES", total - 1)
    with pytest.raises(SchemaError, match=r"^big\.xlsx: its parts decompress to .* the limit"):
        read_excel_raw(path)
    monkeypatch.setattr(_files, "MAX_WORKBOOK_BYTES", total)
    assert len(read_excel_raw(path)["ties"].frame) == 3


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "damaged.xlsx is not a readable"),
        (
            lambda p: (
                add_shared_strings(p, [b"<si><t>o0</t></si>"]),
                edit_part(
                    p,
                    "xl/worksheets/sheet1.xml",
                    lambda x: x.replace(
                        b't="inlineStr"><is><t>o0</t></is>', b't="s"><v>99</v>', 1
                    ),
                ),
            ),
            "damaged.xlsx, sheet 'ties' is not a readable",
        ),
        (
            lambda p: edit_part(p, "xl/worksheets/sheet1.xml", lambda x: x[: len(x) // 2]),
            "damaged.xlsx, sheet 'ties' is not a readable",
        ),
        (
            lambda p: edit_part(
                p, "xl/worksheets/sheet1.xml", lambda x: x.replace(b'r="3"', b'r="1"', 1)
            ),
            "damaged.xlsx, sheet 'ties', row 1: its row number repeats",
        ),
        (
            lambda p: edit_part(
                p, "xl/worksheets/sheet1.xml", lambda x: x.replace(b'r="B3"', b'r="A3"', 1)
            ),
            "damaged.xlsx, sheet 'ties', row 3: a cell of column 1 repeats",
        ),
        (
            lambda p: edit_part(
                p,
                "xl/worksheets/sheet1.xml",
                lambda x: x.replace(b'r="4"', b'r="9' + b"9" * 30 + b'"'),
            ),
            "damaged.xlsx, sheet 'ties' is not a readable",
        ),
    ],
    ids=[
        "not-a-zip",
        "string-index-out-of-range",
        "truncated-xml",
        "rows-out-of-order",
        "cell-repeated",
        "row-number-overflow",
    ],
)
def test_damaged_workbook_is_a_located_schema_error(tmp_path, damage, where):
    path = tmp_path / "damaged.xlsx"
    ties_workbook(path, rows=3)
    damage(path)
    with pytest.raises(SchemaError, match=re.escape(where)):
        read_excel_raw(path)
    with pytest.raises(SchemaError):
        lsm.read(path)


_ENTRIES = [
    b"<si><t>Walhi Sulsel</t></si>",
    b'<si><t xml:space="preserve">  spaced  </t></si>',
    "<si><t>Lembaga Bantuan Hukum – Makassar é</t></si>".encode(),
    b"<si><t/></si>",
    b"<si><t>a &amp; b &lt;c&gt; &#233;</t></si>",
    b"<si><r><rPr><b/></rPr><t>rich </t></r><r><t>text</t></r></si>",
    b"<si><t>kanji</t><rPh sb='0' eb='1'><t>phonetic</t></rPh></si>",
    b"<si><t>line\r\nbreak</t></si>",
    b"<si><t>_x005F_x000D_ escaped</t></si>",
]


@pytest.mark.parametrize(
    "entries",
    [_ENTRIES[:3], _ENTRIES, _ENTRIES[3:], []],
    ids=["plain", "mixed", "markup", "empty"],
)
def test_shared_strings_read_as_openpyxl_reads_them(tmp_path, entries):
    from openpyxl.reader.strings import read_string_table

    path = tmp_path / "sst.xlsx"
    ties_workbook(path, rows=1)
    add_shared_strings(path, [b"".join(entries)])
    with zipfile.ZipFile(path) as archive:
        reference = read_string_table(archive.open("xl/sharedStrings.xml"))  # openpyxl's own
        assert _files._shared_strings(archive, "xl/sharedStrings.xml") == reference
    assert len(reference) == len(entries)


def test_shared_strings_with_a_doctype_are_refused(tmp_path):
    path = tmp_path / "entities.xlsx"
    ties_workbook(path, rows=1)
    add_shared_strings(path, [b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><si><t>&a;</t></si>'])
    with pytest.raises(
        SchemaError, match=re.escape("entities.xlsx is not a readable .xlsx workbook")
    ):
        read_excel_raw(path)


def test_every_limit_is_stated_in_security_md():
    text = (Path(__file__).resolve().parents[2] / "SECURITY.md").read_text(encoding="utf-8")
    for name in ("MAX_COLUMNS", "MAX_CELLS", "MAX_SHARED_STRINGS", "MAX_DECLARED_NODES"):
        assert f"| {getattr(_limits, name):,} " in text or f"{getattr(_limits, name):,} (" in text
        assert f"`{name}`" in text
    assert f"({_limits.MAX_WORKBOOK_BYTES // 2**20:,} MB)" in text
    # the limits the readers use are the ones stated
    assert _files.MAX_CELLS is _limits.MAX_CELLS
    assert _files.MAX_SHARED_STRINGS is _limits.MAX_SHARED_STRINGS


def test_importer_row_accounting_counts_the_rows_present(tmp_path):
    path = tmp_path / "flows.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["donor", "recipient", "amount"])
    for i in range(8):
        sheet.append([f"Donor {i % 2}", f"NGO {i}", 1000 * (i + 1)])
    book.save(path)
    edit_part(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb"<dimension [^>]*/>", b'<dimension ref="A1:C2"/>', xml),
    )
    data = lsm.read_flows(path)
    present = rows_in_xml(path) - 1  # reference: the data rows in the sheet's XML
    assert data.meta["rows"]["read"] == present == 8
    assert data.meta["rows"]["used"] + len(data.set_aside) == present
    assert len(data.ties) == 8

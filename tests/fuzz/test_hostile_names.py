"""Hostile names through every output lsmnet writes.

Organisation, coalition and column names taken from real-world attack strings (HTML/script
injection, spreadsheet formula injection — OWASP "CSV Injection" — template syntax, right-to-
left overrides, very long names, Indonesian and emoji text) go through each writer. For each
output we check that

- HTML shows the text literally: no element or event-handler attribute comes from a name, and
  the parsed text of the page contains every name;
- no CSV or Excel cell starts with a formula character (``= + - @``, tab, CR) unless it is a
  number or neutralised with a leading apostrophe, and no Excel cell is a formula;
- reading the CSV/Excel output back (undoing the apostrophe) gives back the exact names.

Outputs that are not implemented yet are skipped with the reason (locally only: under
``CI=true`` a missing module is an error).
"""

from __future__ import annotations

import csv
import html
import html.parser
import importlib
import json
import os
import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest

import lsmnet
from lsmnet._safety import DANGEROUS, restore_cell

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(A1)",
    '\t=HYPERLINK("http://evil.example","klik")',
    "\r=1+1",
    "'=sudah dikutip",
    "{{ 7*7 }} {% raw %}",
    "&lt;b&gt; &amp; &#x3C;",
    "Yayasan " + "Panjang " * 120 + "Sekali",
    "جمعية حقوق الإنسان",
    "\u202eevil.exe\u202c",
    "🌿 Jaringan Hijau 🌏",
    "Perkumpulan Prakarsa Désa – Sulawesi Utara",
    "Lembaga Studi & Advokasi Masyarakat (ELSAM)",
]
HOSTILE_IDS = ["=1+1", "<b>o</b>", "@o", "-o", "+o"]
HOSTILE_COLUMNS = ["<script>alert('col')</script>", "=SUM(A1:A9)", "@catatan"]


def _needs(module: str):
    """Import ``module``, or skip (locally) when it has not been written yet."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as err:
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip(f"{module} is not available yet ({err})")


def build(names, ids, columns, coalition_ids, coalition_names, *, text=True):
    """Two coalitions of organisations with the given names, ids and extra columns."""
    n = len(names)
    rng = np.random.default_rng(3)
    orgs = pd.DataFrame(
        {
            "org_id": ids,
            "name": names,
            "type": (["ngo", "cbo", "funder"] * n)[:n],
            "province": (
                (["=Jakarta", "<i>Papua</i>", "Aceh"] if text else ["Jakarta", "Papua", "Aceh"])
                * n
            )[:n],
            "issues": (
                (["HAM|=hukum", "+iklim|<b>anak</b>"] if text else ["HAM|hukum", "iklim|anak"]) * n
            )[:n],
            "respondent": [True] * n,
            columns[0]: names[::-1],
            columns[1]: ["=1" if text else "x"] * n,
            columns[2]: ["@x" if text else "y"] * n,
        }
    )
    coalitions = pd.DataFrame(
        {"coalition_id": coalition_ids, "name": coalition_names, "kind": ["coalition", "alliance"]}
    )
    half = n // 2 + 2
    memberships = pd.DataFrame(
        {
            "org_id": ids[:half] + ids[half - 4 :],
            "coalition_id": [coalition_ids[0]] * half + [coalition_ids[1]] * (n - half + 4),
        }
    )
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, (3 * n, 2)) if a != b}
    pairs = sorted(pairs | {(i, i + 1) for i in range(n - 1)})
    ties = pd.DataFrame(
        {
            "source": [ids[a] for a, _ in pairs],
            "target": [ids[b] for _, b in pairs],
            "layer": [("advocacy", "network", "operational")[(a + b) % 3] for a, b in pairs],
            "reported_by": [ids[a] for a, _ in pairs],
        }
    )
    funding = pd.DataFrame(
        {"source": ids[2], "target": ids[3:8], "layer": "funding", "amount": 1e6}
    )
    inside = [(a, b) for a, b in pairs if a < half and b < half]
    ratings = pd.DataFrame(
        {"rater": [ids[a] for a, _ in inside], "ratee": [ids[b] for _, b in inside]}
    )
    for item in ("reliability", "mission", "openness", "power", "involvement", "resources"):
        ratings[item] = rng.integers(1, 5, len(ratings)).astype(float)
    ties = pd.concat([ties, funding], ignore_index=True)
    return lsmnet.from_frames(orgs, coalitions, memberships, ties, ratings)


@pytest.fixture(scope="module")
def data() -> lsmnet.NetworkData:
    ids = [*HOSTILE_IDS, *(f"o{i}" for i in range(len(HOSTILE_IDS), len(HOSTILE)))]
    return build(
        HOSTILE,
        ids,
        HOSTILE_COLUMNS,
        ["=K1", "<K2>"],
        ["<script>alert('koalisi')</script>", '=HYPERLINK("x")'],
    )


@pytest.fixture(scope="module")
def benign() -> lsmnet.NetworkData:
    """The same network with plain names: the reference for the HTML structure."""
    n = len(HOSTILE)
    return build(
        [f"Organisasi {i}" for i in range(n)],
        [f"b{i}" for i in range(n)],
        ["catatan", "kode", "lain"],
        ["K1", "K2"],
        ["Koalisi Satu", "Koalisi Dua"],
        text=False,
    )


def _as_loaded(name: str) -> str:
    """The name as lsmnet stores it (surrounding whitespace trimmed)."""
    return name.strip()


@pytest.mark.parametrize(
    "name", ["Koalisi \x1b[31mMERAH\x1b[0m", "judul \x1b]0;pwned\x07", "a\x00b"]
)
def test_control_characters_are_refused_when_loading(name):
    """Terminal escape sequences and NULs never reach a terminal, a file or a report."""
    orgs = pd.DataFrame({"org_id": ["a", "b"], "name": ["Aman", name]})
    with pytest.raises(lsmnet.SchemaError, match=r"row 3 \(position 1\), column 'name'"):
        lsmnet.from_frames(orgs)


def test_names_are_stored_exactly(data):
    assert data.organizations["name"].tolist() == [_as_loaded(n) for n in HOSTILE]
    assert set(HOSTILE_COLUMNS) <= set(data.organizations.columns)


# ------------------------------------------------------------------------------- checkers
def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def formula_like(value) -> bool:
    """Would a spreadsheet treat this cell as a formula?"""
    return isinstance(value, str) and value[:1] in DANGEROUS and not _is_number(value)


def check_csv_cells(path, *, first_row=1) -> list[list[str]]:
    """No formula-like cell from row ``first_row`` on (1 = the header); return the rows."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    bad = [
        (i + 1, cell)
        for i, row in enumerate(rows)
        for cell in row
        if i + 1 >= first_row and formula_like(cell)
    ]
    assert not bad, f"{path.name}: formula-like cells {bad[:5]}"
    return rows


def check_xlsx_cells(path, *, first_row=1) -> list:
    """No formula cell and no formula-like text in any sheet from row ``first_row`` on;
    return every cell value."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=first_row):
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
                assert not formula_like(cell.value), (
                    f"{path.name} {sheet.title}!{cell.coordinate}: {cell.value!r}"
                )
                values.append(cell.value)
    return values


class _Page(html.parser.HTMLParser):
    """Start tags with their attributes, and the text, of an HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self._in = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(a for a, _ in attrs))))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if not self._in or self._in[-1] not in ("script", "style"):
            self.text.append(data)


def check_html(document: str, benign: str, names) -> None:
    """Same elements and attributes as the benign report; every name shown as text."""
    page, base = _Page(), _Page()
    page.feed(document)
    base.feed(benign)
    assert sorted(set(page.tags)) == sorted(set(base.tags)), (
        "elements or attributes that the benign report does not have: "
        f"{sorted(set(page.tags) - set(base.tags))[:5]}"
    )
    assert not any(a.startswith("on") for _, attrs in page.tags for a in attrs)
    scripts = document.lower().count("<script")
    assert scripts == benign.lower().count("<script")
    text = " ".join(" ".join(page.text).split())
    for name in names:
        assert " ".join(name.split()) in text, f"{name[:40]!r} is not shown as text"


# --------------------------------------------------------------------------------- outputs
def test_csv_export(data, tmp_path):
    data.to_csv(tmp_path)
    for path in sorted(tmp_path.glob("*.csv")):
        check_csv_cells(path, first_row=2)
    back = lsmnet.read(tmp_path)
    for table in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(data, table))
    assert back.organizations["name"].tolist() == [_as_loaded(n) for n in HOSTILE]


def test_excel_export(data, tmp_path):
    path = tmp_path / "data.xlsx"
    data.to_excel(path)
    check_xlsx_cells(path, first_row=2)
    back = lsmnet.read(path)
    for table in ("organizations", "coalitions", "memberships", "ties", "ratings"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(data, table))


def test_csv_export_column_names(data, tmp_path):
    data.to_csv(tmp_path)
    check_csv_cells(tmp_path / "organizations.csv")
    assert set(HOSTILE_COLUMNS) <= set(lsmnet.read(tmp_path).organizations.columns)


def test_excel_export_column_names(data, tmp_path):
    data.to_excel(tmp_path / "data.xlsx")
    check_xlsx_cells(tmp_path / "data.xlsx")
    assert set(HOSTILE_COLUMNS) <= set(lsmnet.read(tmp_path / "data.xlsx").organizations.columns)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports(data, tmp_path, fmt):
    export = _needs("lsmnet.io.export")
    G = lsmnet.partnership_graph(data)
    path = getattr(export, f"write_{fmt}")(G, tmp_path / f"g.{fmt}")
    ET.parse(path)  # well-formed XML whatever the names
    H = getattr(export, f"read_{fmt}")(path)
    assert sorted(H.nodes) == sorted(G.nodes)
    names = {n: H.nodes[n].get("name") for n in H.nodes}
    assert names == {n: G.nodes[n].get("name") for n in G.nodes}
    assert set(names.values()) >= {_as_loaded(n) for n in HOSTILE}


def test_kumu_json(data, tmp_path):
    export = _needs("lsmnet.io.export")
    blueprint = json.loads(export.write_kumu(data, tmp_path / "map.json").read_text("utf-8"))
    labels = {e.get("label") for e in blueprint["elements"]}
    for name in HOSTILE:
        assert any(_as_loaded(name) in str(label) for label in labels), name[:40]


def test_kumu_excel(data, tmp_path):
    export = _needs("lsmnet.io.export")
    values = check_xlsx_cells(export.write_kumu(data, tmp_path / "map.xlsx"), first_row=2)
    restored = {restore_cell(v) for v in values if isinstance(v, str)}
    for name in HOSTILE:
        assert any(_as_loaded(name) in v for v in restored), name[:40]


def test_kumu_excel_column_names(data, tmp_path):
    export = _needs("lsmnet.io.export")
    values = check_xlsx_cells(export.write_kumu(data, tmp_path / "map.xlsx"))
    restored = {restore_cell(v) for v in values if isinstance(v, str)}
    for column in HOSTILE_COLUMNS:
        assert any(column in v for v in restored), column


def test_risk_csv(data, tmp_path):
    risk_cli = _needs("lsmnet.cli.flags")
    flags = lsmnet.risk_flags(data)
    assert len(flags) > 0
    path = tmp_path / "flags.csv"
    risk_cli.write_csv(flags, path)
    rows = check_csv_cells(path)
    header, body = rows[0], rows[1:]
    assert len(body) == len(flags)
    for column in ("entity", "explanation", "coalition"):
        got = [restore_cell(r[header.index(column)]) for r in body]
        want = ["" if pd.isna(v) else str(v) for v in flags[column]]
        assert got == want, column
    text = " ".join(flags["explanation"])
    assert any(_as_loaded(n) in text for n in HOSTILE)


def test_risk_csv_from_the_command_line(data, tmp_path):
    _needs("lsmnet.cli.flags")
    from lsmnet.cli import main

    data.to_csv(tmp_path / "in")
    assert main(["flags", str(tmp_path / "in"), "--csv", str(tmp_path / "flags.csv")]) == 0
    check_csv_cells(tmp_path / "flags.csv")


@pytest.fixture(scope="module")
def reports(data, benign):
    """The report of the hostile data and of the benign data."""
    _needs("lsmnet.reporting.core")
    return lsmnet.report(data, seed=1), lsmnet.report(benign, seed=1)


@pytest.mark.slow
def test_html_report(reports):
    hostile, benign = reports
    document = hostile.html()
    check_html(document, benign.html(), [_as_loaded(n) for n in HOSTILE])
    assert "<img src=x" not in document and "<svg onload" not in document
    assert "</script><script>alert(1)" not in document
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', document)
    rules = html.unescape(policy.group(1)) if policy else ""
    assert "default-src 'none'" in rules
    assert "unsafe-inline" not in rules and "unsafe-eval" not in rules


@pytest.mark.slow
def test_notebook_view_is_one_sandboxed_frame(reports):
    hostile, _ = reports
    page = _Page()
    page.feed(hostile._repr_html_())
    assert [tag for tag, _ in page.tags] == ["iframe"]
    assert "sandbox" in page.tags[0][1]
    assert "allow-same-origin" not in hostile._repr_html_()


def test_html_checker_can_fail():
    benign = "<html><body><p>Organisasi</p><script>x</script></body></html>"
    injected = benign.replace("Organisasi", "<img src=x onerror=alert(1)>")
    with pytest.raises(AssertionError, match="benign report does not have"):
        check_html(injected, benign, [])
    escaped = benign.replace("Organisasi", "&lt;img src=x onerror=alert(1)&gt;")
    check_html(escaped, benign, ["<img src=x onerror=alert(1)>"])
    with pytest.raises(AssertionError, match="not shown as text"):
        check_html(benign, benign, ["<img src=x onerror=alert(1)>"])


@pytest.mark.slow
def test_excel_report(reports, tmp_path):
    hostile, _ = reports
    values = check_xlsx_cells(hostile.to_excel(tmp_path / "report.xlsx"))
    restored = {restore_cell(v) for v in values if isinstance(v, str)}
    for name in HOSTILE:
        assert any(_as_loaded(name) in v for v in restored), name[:40]


def _import_with_set_aside(tmp_path):
    _needs("lsmnet.cli.import_data")
    from lsmnet.cli import main

    source = tmp_path / "members.csv"
    source.write_text(
        'organisation,coalition,role\nYLBHI,KMP,member\n"=HYPERLINK(""http://evil"")",KMP,'
        "=cmd|' /C calc'!A0\n@SUM(A1),,member\n",
        encoding="utf-8",
    )
    aside = tmp_path / "aside.csv"
    code = main(["import", "memberships", str(source), "--out", str(tmp_path / "out"),
                 "--set-aside", str(aside)])  # fmt: skip
    assert code == 0 and aside.is_file()
    return tmp_path, aside


def test_import_output_tables(tmp_path):
    folder, _ = _import_with_set_aside(tmp_path)
    for path in sorted((folder / "out").glob("*.csv")):
        check_csv_cells(path)
    names = lsmnet.read(folder / "out").organizations["org_id"].tolist()
    assert '=HYPERLINK("http://evil")' in names


def test_import_set_aside_csv(tmp_path):
    _, aside = _import_with_set_aside(tmp_path)
    check_csv_cells(aside)

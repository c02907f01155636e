"""Issue 15 acceptance: the evaluator's own Indonesian workbook, rebuilt from its description.

The issue describes a hand-made workbook: sheets ``Organisasi``, ``Koalisi``, ``Keanggotaan``,
``Kemitraan``, ``Penilaian Kepercayaan``; headers such as ``Nama Organisasi``, ``Jenis``,
``Provinsi``, ``Peran``, ``Tanggal Mulai``; values such as ``lsm``, ``anggota``, ``ketua``,
``advokasi``; dates as ``15/03/2019``; two organisations entered twice with small spelling
differences (``LBH Makassar`` / ``LBH Makasar``, ``Yayasan Pelita Desa`` / ``Yayasan  Pelita
Desa``); an unknown id, an out-of-scale rating, a weight written as a word and a self-tie.
:func:`build` writes such a workbook (25 organisations) with openpyxl; the tests check that one
pass names each planted problem once, with its sheet and row, points out both near duplicates,
fits a screen (at most 25 lines), and that the collected data make an Indonesian report with
the organisations' names.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

import lsmnet
from lsmnet._problems import problem_report
from lsmnet.exceptions import SchemaError
from lsmnet.model import NearDuplicateWarning, RowsSetAsideWarning

NAMES = [
    "LBH Makassar",
    "Yayasan Pelita Desa",
    "LBH Surabaya",
    "Walhi Sulawesi Selatan",
    "KontraS Sulawesi",
    "Perkumpulan Huma",
    "Yayasan Bumi Lestari",
    "Solidaritas Perempuan Anging Mammiri",
    "Jaringan Advokasi Tambang",
    "Lembaga Studi Desa",
    "Ormas Tani Makmur",
    "Forum Warga Pesisir",
    "Yayasan Kajian Hukum",
    "Perkumpulan Inisiatif",
    "Komunitas Sungai Jeneberang",
    "Aliansi Jurnalis Independen Makassar",
    "Yayasan Swadaya Mitra",
    "Koperasi Nelayan Bahari",
    "Yayasan Anak Bangsa",
    "Pusat Studi HAM",
    "Lembaga Pengkajian Pedesaan",
    "Serikat Petani Pasundan",
    "Yayasan Tifa Timur",
    "LBH Makasar",  # entered twice: a typo of LBH Makassar (o01)
    "Yayasan  Pelita Desa",  # entered twice: a double space (o02)
]
TYPES = ["lsm", "yayasan", "lsm", "lsm", "lsm", "lsm", "yayasan", "lsm", "lsm", "lsm", "ormas"]


def org_id(i: int) -> str:
    return f"o{i:02d}"


def build(path):
    """Write the evaluator's workbook; return where each problem was planted (sheet, row)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Organisasi"
    sheet.append(["Kode", "Nama Organisasi", "Jenis", "Provinsi", "Tahun Berdiri"])
    for i, name in enumerate(NAMES, start=1):
        sheet.append([org_id(i), name, TYPES[i % len(TYPES)], "Sulawesi Selatan", 1990 + i])
    sheet = book.create_sheet("Koalisi")
    sheet.append(["Kode Koalisi", "Nama Koalisi", "Jenis"])
    sheet.append(["k1", "Koalisi Pesisir Sulawesi", "koalisi"])
    sheet.append(["k2", "Jaringan Hak Tanah", "jaringan"])
    sheet = book.create_sheet("Keanggotaan")
    sheet.append(["Organisasi", "Koalisi", "Peran", "Tanggal Mulai", "Tanggal Selesai"])
    for i in range(1, 21):
        role = "ketua" if i == 1 else "koordinator" if i == 11 else "anggota"
        start = "15/03/2019" if i % 3 else dt.datetime(2018, 1, 2)  # typed text and date cells
        end = "31 Desember 2023" if i == 5 else None
        sheet.append([org_id(i), "k1" if i <= 12 else "k2", role, start, end])
    sheet.append(["o99", "k1", "anggota", "01/02/2022", None])  # row 22: unknown id
    sheet = book.create_sheet("Kemitraan")
    sheet.append(["Dari", "Ke", "Jenis Kemitraan", "Bobot", "Tanggal Mulai"])
    layers = ["advokasi", "operasional", "kapasitas", "jaringan"]
    for i in range(1, 15):
        sheet.append([org_id(i), org_id(i + 1), layers[i % 4], 1 + i % 3, "01.06.2020"])
    sheet.append([org_id(3), org_id(7), "advokasi", "dua", "2021"])  # row 16: weight as a word
    sheet.append([org_id(4), org_id(4), "jaringan", 1, "15 Mar 2021"])  # row 17: self-tie
    sheet = book.create_sheet("Penilaian Kepercayaan")
    sheet.append(["Penilai", "Dinilai", "Keandalan", "Misi", "Keterbukaan"])
    for i in range(1, 9):
        sheet.append([org_id(i), org_id(i + 2), 1 + i % 4, 2, 3])
    sheet.append([org_id(9), org_id(10), 7, 2, 3])  # row 10: out of the 1-4 scale
    book.save(path)
    return {
        "unknown organisation": ("Keanggotaan", 22),
        "not a number": ("Kemitraan", 16),
        "to itself": ("Kemitraan", 17),
        "outside the scale": ("Penilaian Kepercayaan", 10),
    }


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "koalisi_sulsel.xlsx"
    return path, build(path)


def test_one_pass_names_each_planted_problem_once_and_located(workbook):
    path, planted = workbook
    with pytest.raises(SchemaError) as info:
        lsmnet.read(path)
    problems = info.value.problems
    assert len(problems) == len(planted)  # each planted problem once, nothing else
    for text, (sheet, row) in planted.items():
        hit = problems[problems["problem"].str.contains(text)]
        assert len(hit) == 1, text
        assert hit["file"].iat[0] == f"koalisi_sulsel.xlsx, sheet '{sheet}'"
        assert hit["row"].iat[0] == row
    weight = problems[problems["column"] == "weight"]
    assert weight["value"].tolist() == ["dua"] and "2 instead of 'dua'" in weight["fix"].iat[0]


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("audience", ["python", "cli"])
def test_the_report_fits_a_screen_and_points_out_the_near_duplicates(workbook, lang, audience):
    path, planted = workbook
    with pytest.raises(SchemaError) as info:
        lsmnet.read(path)
    from lsmnet.io.names import near_duplicates

    dups = near_duplicates(NAMES, ids=[org_id(i) for i in range(1, 26)])
    lines = problem_report(info.value.problems, lang=lang, audience=audience, duplicates=dups)
    assert len(lines) <= 25
    assert len(lines) == 1 + len(planted) + 1  # head, one line per kind, the duplicates
    text = "\n".join(lines)
    for sheet, row in planted.values():
        assert sheet in text and (f"row {row} " in text or f"baris {row} " in text)
    assert "'LBH Makasar' / 'LBH Makassar'" in text
    assert "'Yayasan  Pelita Desa' / 'Yayasan Pelita Desa'" in text
    assert "LBH Surabaya'" not in text.split("LBH Makasar")[1][:20]
    hint = "--errors collect" if audience == "cli" else "errors='collect'"
    assert hint in lines[0]
    if lang == "id":
        assert lines[0].startswith("Ditemukan 4 masalah") and "Perbaikan:" in lines[1]
    else:
        assert lines[0].startswith("Found 4 problem(s)") and "Fix:" in lines[1]


def test_the_exception_message_itself_points_out_the_duplicates(workbook):
    path, _ = workbook
    with pytest.raises(SchemaError) as info:
        lsmnet.read(path)
    head = str(info.value).split("\n\n")[0].splitlines()
    assert len(head) <= 25
    assert any("Possible duplicate organisations (2 pair(s))" in line for line in head)
    assert "aliases=FILE" in head[-1]


def test_collect_then_indonesian_report_shows_the_names(workbook, tmp_path):
    path, planted = workbook
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = lsmnet.read(path, errors="collect")
    kinds = {w.category for w in caught}
    assert RowsSetAsideWarning in kinds and NearDuplicateWarning in kinds
    assert len(data.set_aside) == len(planted)
    assert len(data.organizations) == 25 and len(data.memberships) == 20
    orgs = data.organizations.set_index("org_id")
    assert orgs.loc["o01", "name"] == "LBH Makassar" and orgs.loc["o01", "type"] == "ngo"
    assert orgs.loc["o02", "type"] == "ngo" and orgs.loc["o10", "type"] == "cbo"
    roles = data.memberships.set_index("org_id")["role"]
    assert roles["o01"] == "chair" and roles["o11"] == "chair" and roles["o02"] == "member"
    starts = data.memberships.set_index("org_id")["start"]
    assert str(starts["o01"].date()) == "2019-03-15" and str(starts["o03"].date()) == "2018-01-02"
    ends = data.memberships.set_index("org_id")["end"]
    assert str(ends["o05"].date()) == "2023-12-31"
    assert set(data.ties["layer"]) == {"advocacy", "operational", "capacity", "network"}
    assert data.meta["near_duplicates"] == (
        ("Yayasan  Pelita Desa", "Yayasan Pelita Desa"),
        ("LBH Makasar", "LBH Makassar"),
    )
    report = lsmnet.report(data, lang="id")
    html = report.to_html(tmp_path / "laporan.html").read_text(encoding="utf-8")
    assert "LBH Makassar" in html and "Solidaritas Perempuan Anging Mammiri" in html
    # names, not ids, in what a reader sees: embedded images (base64) and scripts can hold
    # "o01" by chance (a newer matplotlib's PNG bytes did)
    visible = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    visible = re.sub(r"data:[^\"'()\s]+", "", visible)
    assert "o01" not in visible.replace("o01.", "")


def test_the_alias_table_merges_the_duplicates_only_when_given(workbook, tmp_path):
    path, _ = workbook
    from lsmnet.io.names import alias_table, near_duplicates

    table = alias_table(near_duplicates(NAMES))
    table.to_csv(tmp_path / "alias.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsSetAsideWarning)
        data = lsmnet.read(path, errors="collect", aliases=tmp_path / "alias.csv")
    assert len(data.organizations) == 23
    assert "near_duplicates" not in data.meta
    assert data.meta["merged"] == (("o24", "o01"), ("o25", "o02"))

"""The bilingual schema (issue 15 item 1): Indonesian and English table, column and value names.

The spellings come from ``src/lsmnet/locale/schema.json``; each test writes a small file the way
an evaluator would and checks the canonical names and values the loader produces.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import lsmnet
from lsmnet import _schema
from lsmnet._i18n import catalogue
from lsmnet.model import UnusedColumnWarning


def test_the_catalogue_names_only_schema_tables_columns_and_values():
    cat = catalogue("schema")
    assert set(cat["tables"]) == {*_schema.TABLES, "meta"}
    for table, columns in cat["columns"].items():
        assert set(columns) <= set(_schema.columns(table)), table
    allowed = {
        "type": _schema.ORG_TYPES,
        "kind": _schema.COALITION_KINDS,
        "role": _schema.ROLES,
        "layer": _schema.KNOWN_LAYERS,
    }
    for field, values in cat["values"].items():
        assert set(values) <= set(allowed[field]), field
    for key, text in cat["problems"].items():
        assert set(text) == {"en", "id"} and all(text.values()), key


@pytest.mark.parametrize(
    ("header", "table", "column"),
    [
        ("Nama Organisasi", "organizations", "name"),
        ("nama", "organizations", "name"),
        ("PROVINSI", "organizations", "province"),
        ("Jenis", "organizations", "type"),
        ("Tahun_Berdiri", "organizations", "founded"),
        ("Tanggal Mulai", "memberships", "start"),
        ("tanggal-selesai", "memberships", "end"),
        ("Peran", "memberships", "role"),
        ("Dari", "ties", "source"),
        ("Jenis Kemitraan", "ties", "layer"),
        ("Penilai", "ratings", "rater"),
    ],
)
def test_headers_match_after_normalising_case_spaces_and_punctuation(header, table, column):
    assert _schema.column_for(table, header) == column


@pytest.mark.parametrize(
    ("field", "value", "canonical"),
    [
        ("type", "lsm", "ngo"),
        ("type", "Ormas", "cbo"),
        ("type", "yayasan", "ngo"),
        ("role", "anggota", "member"),
        ("role", "Ketua", "chair"),
        ("role", "sekretariat", "secretariat"),
        ("role", "koordinator", "chair"),
        ("layer", "advokasi", "advocacy"),
        ("layer", "operasional", "operational"),
        ("layer", "kapasitas", "capacity"),
        ("layer", "jaringan", "network"),
        ("kind", "koalisi", "coalition"),
    ],
)
def test_values_map_to_canonical_values(field, value, canonical):
    assert _schema.value_for(field, value) == canonical


@pytest.mark.parametrize(
    ("sheet", "table"),
    [
        ("Organisasi", "organizations"),
        ("Koalisi", "coalitions"),
        ("Keanggotaan", "memberships"),
        ("Kemitraan", "ties"),
        ("Penilaian Kepercayaan", "ratings"),
        ("organisations", "organizations"),
    ],
)
def test_sheet_names_in_both_languages(sheet, table):
    assert _schema.table_for(sheet) == table


def test_english_sheets_with_indonesian_headers_read_the_names(tmp_path):
    (tmp_path / "organizations.csv").write_text(
        "org_id,nama,provinsi,jenis\nlbh,LBH Makassar,Sulawesi Selatan,lsm\n"
        "walhi,Walhi Sulsel,Sulawesi Selatan,ormas\n",
        encoding="utf-8",
    )
    (tmp_path / "ties.csv").write_text("dari,ke,jenis kemitraan\nlbh,walhi,advokasi\n")
    data = lsmnet.read(tmp_path)
    orgs = data.organizations
    assert orgs["name"].tolist() == ["LBH Makassar", "Walhi Sulsel"]
    assert orgs["province"].tolist() == ["Sulawesi Selatan"] * 2
    assert orgs["type"].tolist() == ["ngo", "cbo"]
    assert "nama" not in orgs.columns
    assert data.ties[["source", "target", "layer"]].values.tolist() == [
        ["lbh", "walhi", "advocacy"]
    ]


def test_indonesian_csv_file_names(tmp_path):
    (tmp_path / "Kemitraan.csv").write_text("Dari,Ke,Jenis Kemitraan\na,b,jaringan\n")
    (tmp_path / "Organisasi.csv").write_text("Kode,Nama Organisasi\na,A\nb,B\n")
    data = lsmnet.read(tmp_path)
    assert data.organizations["name"].tolist() == ["A", "B"]
    assert data.ties["layer"].tolist() == ["network"]


def test_rating_items_in_indonesian():
    ratings = pd.DataFrame({"Penilai": ["a"], "Dinilai": ["b"], "Keandalan": [3], "Misi": [2]})
    data = lsmnet.from_frames(ratings=ratings)
    assert data.ratings.loc[0, ["reliability", "mission"]].tolist() == [3.0, 2.0]


def test_a_schema_column_already_present_is_not_overwritten():
    orgs = pd.DataFrame({"org_id": ["a"], "name": ["A"], "nama": ["Alias A"]})
    data = lsmnet.from_frames(orgs)
    assert data.organizations["name"].tolist() == ["A"]
    assert data.organizations["nama"].tolist() == ["Alias A"]  # kept as an extra column


def test_a_look_alike_header_is_a_warning_naming_the_column():
    orgs = pd.DataFrame({"org_id": ["a"], "Provinsie": ["Aceh"]})
    pattern = r"column 'Provinsie' in organizations \(DataFrame\) is not used — did you mean"
    with pytest.warns(UnusedColumnWarning, match=pattern) as caught:
        data = lsmnet.from_frames(orgs)
    assert "Provinsie" in data.organizations.columns  # kept, not dropped
    warning = caught[0].message
    assert (warning.column, warning.suggestion) == ("Provinsie", "province")
    assert warning.text("id") == (
        "kolom 'Provinsie' di organizations (DataFrame) tidak dipakai — maksud Anda 'province'?"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnusedColumnWarning)
        lsmnet.from_frames(pd.DataFrame({"org_id": ["a"], "catatan lapangan": ["x"]}))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_unused_column_text_in_both_languages(lang):
    text = catalogue("schema")["problems"]["unused_column"][lang].format(
        column="Provinsie", file="org.csv", suggestion="province"
    )
    assert "'Provinsie'" in text and "'province'" in text
    assert ("did you mean" in text) == (lang == "en") and ("maksud Anda" in text) == (lang == "id")


def test_columns_mapping_file_csv_and_toml(tmp_path):
    (tmp_path / "ties.csv").write_text("asal org,tujuan org,macam\na,b,advokasi\n")
    (tmp_path / "map.csv").write_text(
        "source,target\nasal org,source\ntujuan org,target\nmacam,layer\n"
    )
    (tmp_path / "map.toml").write_text(
        '[ties]\n"asal org" = "source"\n"tujuan org" = "target"\nmacam = "layer"\n'
    )
    folder = tmp_path / "data"
    folder.mkdir()
    (tmp_path / "ties.csv").rename(folder / "ties.csv")
    for mapping in (tmp_path / "map.csv", str(tmp_path / "map.toml")):
        data = lsmnet.read(folder, columns=mapping)
        assert data.ties[["source", "target", "layer"]].values.tolist() == [["a", "b", "advocacy"]]


def test_columns_mapping_file_errors(tmp_path):
    (tmp_path / "bad.csv").write_text("from,to\nx,y\n")
    frame = pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["network"]})
    with pytest.raises(lsmnet.SchemaError, match=r"bad.csv, row 1 \(header\).*source,target"):
        lsmnet.from_frames(ties=frame, columns=tmp_path / "bad.csv")
    with pytest.raises(lsmnet.InvalidParameterError, match="does not exist"):
        lsmnet.from_frames(ties=frame, columns=tmp_path / "missing.csv")

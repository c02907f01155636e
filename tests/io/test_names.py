"""Tests of lsmnet.io.names: normalisation keys, alias tables and the merge report."""

from __future__ import annotations

import pandas as pd
import pytest

from lsmnet import SchemaError, match_names
from lsmnet.io.names import normalize_name, read_aliases


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yayasan Pulih", "PULIH"),
        ("Perkumpulan Prakarsa", "prakarsa"),
        ("Lembaga Bantuan Hukum Jakarta", "Bantuan Hukum Jakarta"),
        ("PT. Sinar Mas Tbk", "Sinar Mas"),
        ("The Asia Foundation", "Asia"),
        ("Oxfam Inc.", "oxfam"),
        ("Brot für die Welt e.V.", "Brot fur die Welt"),
        ("SOS Children’s Villages", "SOS Children's Villages"),
        ("Organization for Welfare & Development", "Organization for Welfare and Development"),
        ("Ethiopian Catholic Church -Social\xa0", "ethiopian catholic church social"),
        ("Vétérinaires sans Frontières", "VETERINAIRES SANS FRONTIERES"),
    ],
)
def test_spellings_of_one_organisation_share_a_key(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yayasan Pulih", "Yayasan Pelita"),
        ("Save the Children", "Save the Elephants"),
        ("World Vision", "World Vision Indonesia"),
    ],
)
def test_different_organisations_keep_different_keys(a, b):
    assert normalize_name(a) != normalize_name(b)


def test_non_latin_names_are_kept_not_stripped():
    # Amharic and Javanese-script names have no ASCII letters; the key must not become empty
    assert normalize_name("የኢትዮጵያ ቀይ መስቀል") == "የኢትዮጵያ ቀይ መስቀል"
    assert normalize_name("  ꦪꦪꦱꦤ꧀  ") == "ꦪꦪꦱꦤ꧀"


def test_legal_forms_can_be_switched_off():
    assert normalize_name("Yayasan Pulih", legal_forms=()) == "yayasan pulih"


def test_only_legal_form_words_are_kept_rather_than_emptied():
    assert normalize_name("Yayasan") == "yayasan"


def test_match_names_picks_most_frequent_spelling_and_reports_every_merge():
    names = [
        "Yayasan Pulih",
        "YAYASAN PULIH",
        "Yayasan Pulih",
        "Pulih Foundation",
        "ICW",
        None,
        "",
    ]
    mapping, report = match_names(names)
    assert mapping == {
        "Yayasan Pulih": "Yayasan Pulih",
        "YAYASAN PULIH": "Yayasan Pulih",
        "Pulih Foundation": "Yayasan Pulih",
        "ICW": "ICW",
    }
    # one report row per distinct spelling; the merged ones are visible with their rule
    assert len(report) == 4
    merged = report[report["rule"] != "unchanged"]
    assert set(merged["name"]) == {"YAYASAN PULIH", "Pulih Foundation"}
    assert (merged["rule"] == "normalised").all()
    assert report.set_index("name").loc["Yayasan Pulih", "count"] == 2
    assert list(report.columns) == ["name", "canonical", "key", "rule", "count"]


def test_ties_between_equally_frequent_spellings_go_to_the_first_seen():
    mapping, _ = match_names(["walhi", "WALHI"])
    assert mapping == {"walhi": "walhi", "WALHI": "walhi"}


def test_alias_table_merges_names_normalisation_cannot(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text(
        "alias,canonical\nIndonesia Corruption Watch,ICW\nKomisi untuk Orang Hilang,KontraS\n",
        encoding="utf-8",
    )
    names = ["ICW", "indonesia corruption watch", "KontraS", "Komisi Untuk Orang Hilang", "LBH"]
    mapping, report = match_names(names, aliases=table)
    assert mapping["indonesia corruption watch"] == "ICW"
    assert mapping["Komisi Untuk Orang Hilang"] == "KontraS"
    assert mapping["LBH"] == "LBH"
    rules = report.set_index("name")["rule"]
    assert rules["indonesia corruption watch"] == "alias"
    assert rules["ICW"] == "unchanged"


def test_alias_canonical_need_not_occur_in_the_names():
    mapping, report = match_names(["Pulih"], aliases={"Pulih": "Yayasan Pulih (Jakarta)"})
    assert mapping == {"Pulih": "Yayasan Pulih (Jakarta)"}
    assert report["rule"].tolist() == ["alias"]


def test_read_aliases_from_dataframe():
    frame = pd.DataFrame({"alias": [" A "], "canonical": ["B"]})
    assert read_aliases(frame) == {"A": "B"}


def test_alias_table_missing_column_is_an_error():
    with pytest.raises(SchemaError, match="needs columns 'alias' and 'canonical'; missing 'cano"):
        read_aliases(pd.DataFrame({"alias": ["A"]}))


def test_alias_table_blank_cell_names_row(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text("alias,canonical\nA,B\nC,\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"aliases.csv, row 3: blank alias or canonical"):
        read_aliases(table)


def test_alias_mapped_twice_is_an_error():
    frame = pd.DataFrame({"alias": ["A", "A"], "canonical": ["B", "C"]})
    with pytest.raises(SchemaError, match="row 3, column 'canonical': alias 'A' is mapped to"):
        read_aliases(frame)


def test_alias_chain_is_an_error():
    with pytest.raises(SchemaError, match="canonical name 'B' is itself an alias of 'C'"):
        match_names(["A"], aliases={"A": "B", "B": "C"})


def test_two_spellings_of_one_alias_mapped_differently_is_an_error():
    with pytest.raises(SchemaError, match="normalises like another alias"):
        match_names(["A"], aliases={"Yayasan X": "X1", "X Foundation": "X2"})


def test_input_is_not_mutated():
    names = ["Yayasan Pulih", "Pulih"]
    aliases = {"Pulih": "Yayasan Pulih"}
    match_names(names, aliases=aliases)
    assert names == ["Yayasan Pulih", "Pulih"]
    assert aliases == {"Pulih": "Yayasan Pulih"}

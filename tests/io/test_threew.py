"""Tests of lsmnet.io.threew.read_3w.

References: for the hand-made HXL sheet every organisation and tie is derived by hand in the
comments below; for the real Ethiopia 4W sheet the counts are recomputed in the test with the
csv module and networkx connected components (an independent implementation of the
organisation identity rule), not copied from the importer's output.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from lsmnet import InvalidParameterError, SchemaError, read_3w
from lsmnet.model import RowsSetAsideWarning

DATA = Path(__file__).parent / "data"
SHEET = DATA / "3w_hxl.csv"


def load(path=SHEET, **kw):
    with pytest.warns(RowsSetAsideWarning):
        return read_3w(path, **kw)


def ties_of(data, layer):
    t = data.ties[data.ties["layer"] == layer]
    return {(s, d): w for s, d, w in t[["source", "target", "weight"]].itertuples(index=False)}


def test_hand_made_hxl_sheet_organisations():
    data = load()
    orgs = data.organizations.set_index("org_id")
    # PULIH: acronym with two spellings of the name (one with a trailing no-break space);
    # PKPA: "PKPA" and "Perkumpulan PKPA" (legal form dropped by matching)
    assert orgs.index.tolist() == ["PULIH", "Oxfam", "ECHO", "PKPA", "GAC", "Dinas Sosial"]
    assert orgs["type"].to_dict() == {
        "PULIH": "ngo",
        "Oxfam": "ingo",
        "ECHO": "funder",
        "PKPA": "ngo",
        "GAC": "funder",
        "Dinas Sosial": "government",
    }
    assert orgs.loc["Oxfam", "roles"] == "programme|implementer"
    assert orgs.loc["GAC", "roles"] == "donor|programme"
    assert orgs.loc["ECHO", "name"] == "European Civil Protection and Humanitarian Aid"
    assert orgs.loc["PULIH", "name"] == "Yayasan Pulih"
    assert orgs.loc["PULIH", "type_source"] == "National NGO"


def test_hand_made_hxl_sheet_ties_and_accounting():
    data = load()
    assert ties_of(data, "funding") == {
        ("ECHO", "Oxfam"): 2.0,  # rows 3, 4
        ("Oxfam", "PULIH"): 2.0,  # rows 3, 7 (row 4 is self-implemented)
        ("GAC", "Oxfam"): 1.0,  # row 7
        ("GAC", "Dinas Sosial"): 1.0,  # row 11 (donor = programme partner: no donor tie)
    }
    funding = data.ties[data.ties["layer"] == "funding"].set_index(["source", "target"])
    assert funding["directed"].all()
    assert funding.loc[("ECHO", "Oxfam"), "start"] == pd.Timestamp("2024-01-01")
    assert funding.loc[("ECHO", "Oxfam"), "end"] == pd.Timestamp("2024-12-31")
    assert pd.isna(funding.loc[("GAC", "Oxfam"), "end"])
    # cells (Protection, Banda Aceh): PULIH, PKPA; (Protection, Aceh Besar): PULIH, PKPA,
    # Dinas Sosial; (WASH, Banda Aceh): Oxfam alone
    assert ties_of(data, "copresence") == {
        ("PKPA", "PULIH"): 2.0,
        ("Dinas Sosial", "PKPA"): 1.0,
        ("Dinas Sosial", "PULIH"): 1.0,
    }
    assert not data.ties.loc[data.ties["layer"] == "copresence", "directed"].any()
    assert "copresence" in data.layers
    assert data.meta["rows"] == {"unit": "rows", "read": 7, "used": 6, "set_aside": 1, "blank": 2}
    assert data.set_aside[["row", "problem"]].values.tolist() == [
        [9, "no implementing partner on this row"]
    ]
    assert data.meta["notes"] == {
        "rows_donor_is_programme_partner": 1,
        "rows_without_donor": 1,
        "rows_without_programme_partner": 2,
        "sector_area_cells": 3,
        "self_implemented_rows": 1,
    }
    assert data.meta["provenance"]["options"]["hxl"] is True
    assert data.meta["columns"]["impl_name"] == "Implementing partner"


def test_name_report_lists_merged_spellings():
    report = load().meta["name_report"]
    merged = report[report["variants"] > 1]
    assert set(zip(merged["name"], merged["org_id"], strict=True)) == {
        ("Yayasan Pulih", "PULIH"),
        ("YAYASAN PULIH", "PULIH"),
        ("PKPA", "PKPA"),
        ("Perkumpulan PKPA", "PKPA"),
        ("GAC", "GAC"),  # row 11 names the donor by its acronym
        ("Global Affairs Canada", "GAC"),
    }


def test_without_matching_spellings_stay_apart():
    data = load(match=False)
    assert "Perkumpulan PKPA" in set(data.organizations["org_id"])
    assert len(data.organizations) == 7


def test_status_filter_sets_rows_aside_with_reason():
    data = load(status=["On-going", "Completed"])
    assert data.set_aside["row"].tolist() == [7, 9, 11]
    assert data.set_aside["problem"].iloc[0] == (
        "status 'Planned' is not one of status=['Completed', 'On-going']"
    )
    assert data.meta["rows"]["used"] == 4


def test_area_level_changes_the_cells():
    data = load(area="adm1")
    assert ties_of(data, "copresence") == {
        ("PKPA", "PULIH"): 1.0,
        ("Dinas Sosial", "PKPA"): 1.0,
        ("Dinas Sosial", "PULIH"): 1.0,
    }


def test_custom_layer_name_and_alias_table():
    data = load(layer="niche", aliases={"Oxfam": "Oxfam International"})
    assert "niche" in data.layers and "copresence" not in set(data.ties["layer"])
    assert "Oxfam International" in set(data.organizations["org_id"])


def test_workbook_without_hxl_row_uses_header_names(tmp_path):
    frame = pd.DataFrame(
        {
            "Implementing Partner": ["Yayasan Pulih", "PKPA"],
            "Cluster": ["Protection", "Protection"],
            "District": ["Banda Aceh", "Banda Aceh"],
            "Donor": ["UNICEF", None],
        }
    )
    path = tmp_path / "3w.xlsx"
    frame.to_excel(path, index=False)
    data = read_3w(path)
    assert data.meta["provenance"]["options"]["hxl"] is False
    assert ties_of(data, "copresence") == {("PKPA", "Yayasan Pulih"): 1.0}
    assert ties_of(data, "funding") == {}  # no programme partner column: no chain


def test_columns_mapping_for_unrecognised_headers(tmp_path):
    path = tmp_path / "3w.csv"
    path.write_text("Lembaga,Bidang,Kabupaten\nPulih,Perlindungan,Aceh Besar\n", encoding="utf-8")
    data = read_3w(path, columns={"Lembaga": "impl_name", "Bidang": "sector", "Kabupaten": "adm2"})
    assert data.organizations["org_id"].tolist() == ["Pulih"]


def test_hxl_true_without_hashtag_row_names_row_2(tmp_path):
    path = tmp_path / "3w.csv"
    path.write_text("Implementing Partner,Cluster,Zone\nA,Health,Z\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"3w.csv, row 2: hxl=True but this row holds no HXL"):
        read_3w(path, hxl=True)


def test_missing_columns_name_the_file_and_fields(tmp_path):
    path = tmp_path / "3w.csv"
    path.write_text("Implementing Partner,Zone\nA,Z\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"3w.csv, row 1: 3W columns not found: sector .*No HXL"):
        read_3w(path)


def test_hxl_row_missing_a_tag_names_row_2(tmp_path):
    path = tmp_path / "3w.csv"
    path.write_text("Org,Where\n#org+impl,#adm2\nA,Z\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"3w.csv, row 2: 3W columns not found: sector"):
        read_3w(path)


def test_wrong_delimiter_is_explained(tmp_path):
    path = tmp_path / "3w.csv"
    path.write_text("Implementing Partner|Cluster|Zone\nA|Health|Z\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="delimiter other than comma, semicolon or tab"):
        read_3w(path)


def test_invalid_parameters(tmp_path):
    with pytest.raises(InvalidParameterError, match="'area' parameter of read_3w"):
        read_3w(SHEET, area="woreda")
    with pytest.raises(InvalidParameterError, match="'hxl' parameter of read_3w"):
        read_3w(SHEET, hxl="yes")
    with pytest.raises(InvalidParameterError, match="maps 'Sector' to 'cluster'"):
        read_3w(SHEET, columns={"Sector": "cluster"})
    with pytest.raises(InvalidParameterError, match="'org_types' parameter of read_3w"):
        read_3w(SHEET, org_types={"un agency": "multilateral"})
    with pytest.raises(SchemaError, match="columns= names the header 'Nope'"):
        read_3w(SHEET, columns={"Nope": "sector"})


def test_org_types_override():
    data = load(org_types={"international ngo": "ngo"})
    assert data.organizations.set_index("org_id").loc["Oxfam", "type"] == "ngo"


# ---------------------------------------------------------------- shared: Ethiopia 4W
def _independent_counts(path, *, area_column="Zone"):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(header)}
    real = [r for r in body if any(c.strip() for c in r)]
    links = nx.Graph()

    def mention(acronym_col, name_col, r):
        keys = [" ".join(r[col[c]].split()) for c in (acronym_col, name_col)]
        keys = [k for k in keys if k]
        links.add_nodes_from(keys)
        links.add_edges_from((keys[0], k) for k in keys[1:])
        return keys[0] if keys else None

    roles = [
        {
            "impl": mention("Implementing Partner Acronym", "Implementing Partner Name", r),
            "prog": mention("Program partner Acronym", "Program Partner Name", r),
            "donor": mention("Donor Acronym", "Donor Name", r),
        }
        for r in real
    ]
    component = {}
    for i, comp in enumerate(nx.connected_components(links)):
        component.update(dict.fromkeys(comp, i))
    funding, cells = set(), defaultdict(set)
    for r, m in zip(real, roles, strict=True):
        c = {k: component.get(v) for k, v in m.items()}
        if c["prog"] is not None:
            if c["donor"] is not None and c["donor"] != c["prog"]:
                funding.add((c["donor"], c["prog"]))
            if c["prog"] != c["impl"]:
                funding.add((c["prog"], c["impl"]))
        cells[r[col["Cluster"]].strip(), r[col[area_column]].strip()].add(c["impl"])
    pairs = {p for members in cells.values() for p in combinations(sorted(members), 2)}
    return {
        "lines": len(body),
        "read": len(real),
        "blank": len(body) - len(real),
        "organisations": nx.number_connected_components(links),
        "funding": len(funding),
        "copresence": len(pairs),
    }


@pytest.mark.shared
def test_ethiopia_4w_exact_counts(shared_datasets):
    path = shared_datasets / "ethiopia_4w_2025" / "3w_august_2025.csv"
    expected = _independent_counts(path)
    assert (expected["lines"], expected["read"]) == (7324, 3122)  # SOURCE.md
    data = read_3w(path, match=False)
    rows = data.meta["rows"]
    assert rows["read"] == expected["read"]
    assert rows["blank"] == expected["blank"] == 4202
    assert rows["used"] == expected["read"] and rows["set_aside"] == len(data.set_aside) == 0
    assert len(data.organizations) == expected["organisations"]
    counts = data.ties.groupby("layer").size().to_dict()
    assert counts == {"funding": expected["funding"], "copresence": expected["copresence"]}
    assert data.meta["provenance"]["options"]["hxl"] is False  # this sheet has no HXL row


@pytest.mark.shared
def test_ethiopia_4w_name_matching_merges_known_variants(shared_datasets):
    path = shared_datasets / "ethiopia_4w_2025" / "3w_august_2025.csv"
    plain = read_3w(path, match=False)
    data = read_3w(path)
    assert len(data.organizations) < len(plain.organizations)
    report = data.meta["name_report"]
    org_of = dict(zip(report["name"], report["org_id"], strict=True))
    # SOURCE.md's examples of messy names, each now one organisation
    assert org_of["SOS Children’s Village"] == org_of["SOS Children's Villages"]
    assert org_of["MT"] == org_of["MTI"] == org_of["Medical Teams International"]
    assert org_of["Vétérinaires sans Frontières Germany"] == "VSF-G"
    assert org_of["Organization for Social Services Health and Development"] == "OSSHD"
    orgs = data.organizations.set_index("org_id")
    assert set(orgs["type"].dropna()) <= {"ingo", "ngo", "other", "government", "funder"}
    assert orgs.loc["UNICEF", "type_source"] == "UN Agency"
    assert data.meta["rows"]["used"] == 3122

"""list_datasets / load_dataset and the classic datasets converted from their original files."""

import filecmp
import gzip
import warnings
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.datasets import _convert, dataset_folder, list_datasets, load_dataset

DATA = Path(lsm.datasets.__file__).parent / "data"
TABLE_FILES = ["coalitions.csv", "memberships.csv", "meta.csv", "organizations.csv",
               "ratings.csv", "ties.csv"]  # fmt: skip


def test_list_datasets():
    table = list_datasets()
    assert list(table.columns) == ["name", "description", "source", "licence"]
    assert set(table["name"]) == {
        "indonesia_demo", "knoke", "galaskiewicz", "davis", "ethiopia_4w_2025", "fts_flows_2001"
    }  # fmt: skip
    assert table.notna().all().all()
    assert set(table["name"]) == {p.name for p in DATA.iterdir() if p.is_dir()}


@pytest.mark.parametrize(
    "name",
    ["indonesia_demo", "knoke", "galaskiewicz", "davis", "ethiopia_4w_2025", "fts_flows_2001"],
)
def test_every_dataset_loads_and_has_provenance(name):
    data = load_dataset(name)
    assert isinstance(data, lsm.NetworkData)
    assert data.meta["source"]
    source = (dataset_folder(name) / "SOURCE.md").read_text(encoding="utf-8")
    assert "Provenance" in source and "Licence" in source


def test_each_load_is_a_fresh_container():
    first = load_dataset("knoke")
    first.ties.loc[:, "weight"] = 99.0
    assert (load_dataset("knoke").ties["weight"] == 1.0).all()


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("nope", "must be one of 'indonesia_demo'"),
        ("../knoke", "not a path"),
        ("knoke/../davis", "not a path"),
        ("..", "not a path"),
        ("/etc/passwd", "not a path"),
        ("data\\knoke", "not a path"),
        (" knoke", "not a path"),
        (3, "Got 3"),
    ],
)
def test_load_dataset_refuses_unknown_names_and_paths(name, match):
    with pytest.raises(lsm.InvalidParameterError, match=match):
        load_dataset(name)


def test_package_data_is_small():
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert total < 2_000_000


# -- conversions, checked against the original files --------------------------------------
@pytest.mark.shared
@pytest.mark.parametrize("name", ["knoke", "galaskiewicz"])
def test_shipped_files_equal_a_fresh_conversion(name, shared_datasets, tmp_path):
    _convert.write(name, tmp_path, shared_datasets)
    same, _, _ = filecmp.cmpfiles(DATA / name, tmp_path, TABLE_FILES, shallow=False)
    assert same == TABLE_FILES


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(_convert.EXPORTS))
def test_shipped_exports_equal_the_original_files(name, shared_datasets, tmp_path):
    """The bundled .gz is the shared file byte for byte, and recompressing gives the same bytes."""
    original = shared_datasets / name / _convert.EXPORTS[name]
    shipped = DATA / name / f"{_convert.EXPORTS[name]}.gz"
    assert gzip.decompress(shipped.read_bytes()) == original.read_bytes()
    _convert.write(name, tmp_path, shared_datasets)
    assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes()


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "reader"), [("ethiopia_4w_2025", lsm.read_3w), ("fts_flows_2001", lsm.read_fts)]
)
def test_loaded_exports_equal_a_fresh_read_of_the_shared_file(name, reader, shared_datasets):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lsm.RowsSetAsideWarning)
        fresh = reader(shared_datasets / name / _convert.EXPORTS[name])
    loaded = load_dataset(name)
    for table in ("organizations", "ties", "coalitions", "memberships", "ratings", "set_aside"):
        pd.testing.assert_frame_equal(getattr(loaded, table), getattr(fresh, table))
    assert loaded.meta["rows"] == fresh.meta["rows"]
    assert loaded.meta["provenance"] == fresh.meta["provenance"]


def test_bundled_exports_match_their_source_md():
    """Counts stated in each SOURCE.md (copied from ../shared/datasets/<name>/SOURCE.md):
    3,122 real rows + 4,202 blank lines in the 3W; 5,057 flows in FTS 2001."""
    threew = load_dataset("ethiopia_4w_2025")
    assert (threew.meta["rows"]["read"], threew.meta["rows"]["blank"]) == (3122, 4202)
    assert threew.meta["dataset"] == "ethiopia_4w_2025"
    assert set(threew.ties["layer"]) == {"funding", "copresence"}
    fts = load_dataset("fts_flows_2001")
    rows = fts.meta["rows"]
    assert rows["read"] == 5057 == rows["used"] + rows["set_aside"]
    assert len(fts.set_aside) == rows["set_aside"]
    assert "OCHA" in fts.meta["source"]


def test_loading_an_export_does_not_warn_about_set_aside_rows():
    """The set-aside flows are documented (SOURCE.md, data.set_aside); other notices, such as
    possible duplicate names, still reach the user."""
    lsm.datasets._read.cache_clear()  # read the file again, not the session's copy
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_dataset("fts_flows_2001")
    assert not [w for w in caught if issubclass(w.category, lsm.RowsSetAsideWarning)]


def test_davis_equals_a_fresh_conversion(tmp_path):
    _convert.write("davis", tmp_path)
    same, _, _ = filecmp.cmpfiles(DATA / "davis", tmp_path, TABLE_FILES, shallow=False)
    assert same == TABLE_FILES


def test_knoke_matches_the_published_structure():
    """Counts from the dataset's SOURCE.md (49 information arcs, 22 money arcs, sectors 4/4/2)
    and rows copied by hand from the first line of each matrix in Knok.dat."""
    data = load_dataset("knoke")
    ties = data.ties
    assert ties["directed"].all()
    info = ties[ties["layer"] == "network"]
    money = ties[ties["layer"] == "funding"]
    assert len(info) == 49 and len(money) == 22
    assert set(info.loc[info["source"] == "COUN", "target"]) == {"COMM", "MAYR", "NEWS", "WELF"}
    assert set(money.loc[money["source"] == "COUN", "target"]) == {
        "EDUC", "MAYR", "UWAY", "WELF", "WEST"
    }  # fmt: skip
    assert money.loc[money["source"] == "WRO"].empty  # WRO row of KNOKM is all zeros
    orgs = data.organizations.set_index("org_id")
    assert orgs["sector"].value_counts().to_dict() == {"GOV": 4, "VOL": 4, "PVT": 2}
    assert orgs.loc["MAYR", "type"] == "government" and orgs.loc["WRO", "name"].startswith("Welf")


def test_galaskiewicz_matches_the_published_structure():
    """26 CEOs, 15 clubs, 98 memberships (Wasserman & Faust 1994, appendix B); CEO-1 belongs
    to clubs 3, 4 and 9 (first row of the incidence matrix in CEOs.net)."""
    data = load_dataset("galaskiewicz")
    assert (len(data.organizations), len(data.coalitions), len(data.memberships)) == (26, 15, 98)
    m = data.memberships
    assert set(m.loc[m["org_id"] == "CEO-1", "coalition_id"]) == {"club-3", "club-4", "club-9"}
    B = lsm.membership_graph(data)
    assert nx.is_bipartite(B) and B.number_of_edges() == 98


def test_davis_equals_networkx():
    data = load_dataset("davis")
    B = nx.davis_southern_women_graph()
    M = lsm.membership_graph(data)
    assert {frozenset((o[1], c[1])) for o, c in M.edges} == {frozenset(e) for e in B.edges}


def test_converter_rejects_unknown_names_and_malformed_files(tmp_path):
    with pytest.raises(ValueError, match="No converter"):
        _convert.frames("nope")
    (tmp_path / "CEOs.net").write_text('*Vertices 3 1\n1 "a"\n2 "b"\n3 "c"\n*Matrix\n1 0 1\n')
    with pytest.raises(ValueError, match="incidence matrix"):
        _convert.galaskiewicz_frames(tmp_path)

"""lsmnet.read / NetworkData.to_csv / to_excel: files, encodings, round trips, collect mode."""

from __future__ import annotations

import datetime
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lsmnet
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning, SchemaError
from lsmnet.io._files import EncodingFallbackWarning
from lsmnet.model import TABLE_NAMES

NAMES = [
    "Yayasan Lembaga Bantuan Hukum Indonesia",
    "Perkumpulan Prakarsa Désa – Sulawesi",  # é and an en dash (cp1252 0x96)
    "ꦥꦏꦸꦮꦺꦴꦤ꧀ ꦗꦮ",  # Javanese script
    "公民社会网络",
    '=HYPERLINK("http://evil.example","klik")',
    "+62 Forum",
    "-Aliansi",
    "@Jaringan",
    "'=sudah dikutip",
    "'s-Hertogenbosch Stichting",
    'Koma, "kutip" dan\nbaris baru',
    "🌿 Hijau",
]


def rich_data() -> lsmnet.NetworkData:
    """Data exercising every column kind, missing values and hostile strings."""
    n = len(NAMES)
    orgs = pd.DataFrame(
        {
            "org_id": [f"o{i:02d}" for i in range(n)],
            "name": NAMES,
            "type": (["ngo", "cbo", None, "funder"] * n)[:n],
            "province": (["DKI Jakarta", "Papua Barat", None] * n)[:n],
            "issues": (["HAM|hukum", "", "lingkungan|=iklim|gender"] * n)[:n],
            "founded": ([1970, None, 2015] * n)[:n],
            "budget": ([0.1, None, 1e12, 2.5] * n)[:n],
            "respondent": ([True, False, None] * n)[:n],
            "website": (["https://a.example", None] * n)[:n],
            "=SUM(A1:A9)": (["x", None] * n)[:n],  # a hostile header of an extra column
        }
    )
    coalitions = pd.DataFrame(
        {
            "coalition_id": ["o00", "k2"],
            "name": ["Koalisi (same id as an org)", "+Forum"],
            "kind": ["coalition", "forum"],
            "focus": [("keamanan", "HAM"), ()],
            "founded": [2005, None],
        }
    )
    memberships = pd.DataFrame(
        {
            "org_id": ["o01", "o02", "o03"],
            "coalition_id": ["o00", "o00", "k2"],
            "role": ["chair", None, "founder"],
            "start": ["2018-01-01", None, "2020-06"],
            "end": [None, "2021", "2023-03-31"],
            "weight": [1, 0.5, None],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["o01", "o02", "o03", "o01"],
            "target": ["o02", "o03", "o04", "o05"],
            "layer": ["advocacy", "funding", "media", "network"],
            "weight": [1.0, 0.3333333333333333, 2, None],
            "directed": [None, None, True, "no"],
            "start": ["2019-01-01", "2020-02-29T13:45:00", None, "2018"],
            "end": [None, "2021-12-31", None, "2019"],
            "amount": [None, 1234567.89, None, None],
            "reported_by": ["o01", None, "=o03", None],
        }
    )
    ratings = pd.DataFrame(
        {
            "rater": ["o01", "o02"],
            "ratee": ["o02", "o01"],
            "reliability": [3, 4.5],
            "mission": [None, 1],
            "openness": [2, 2],
            "kepercayaan": [5, None],
        }
    )
    return lsmnet.from_frames(
        orgs,
        coalitions,
        memberships,
        ties,
        ratings,
        scale=(0, 5),
        layers=["media"],
        items={"trust": ["reliability", "mission", "openness", "kepercayaan"], "value": []},
        source="unit test",
        meta={"provenance": "written by hand", "notes": "=not a formula", "@key": "+1"},
    )


def assert_same(a: lsmnet.NetworkData, b: lsmnet.NetworkData) -> None:
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table), check_exact=True)
    assert (a.scale, a.layers, a.trust_items, a.value_items) == (
        b.scale,
        b.layers,
        b.trust_items,
        b.value_items,
    )
    for key in ("source", "provenance", "notes", "@key"):
        assert a.meta.get(key) == b.meta.get(key)


def test_rich_data_is_what_we_think():
    data = rich_data()
    assert data.organizations["issues"].iloc[2] == ("lingkungan", "=iklim", "gender")
    assert data.organizations["issues"].iloc[1] == ()
    assert data.memberships["end"].iloc[1] == pd.Timestamp("2021-12-31")
    assert data.ties["directed"].tolist() == [False, True, True, False]
    assert data.organizations["website"].dtype == "string"


def test_csv_round_trip_is_exact(tmp_path):
    data = rich_data()
    data.to_csv(tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [f"{t}.csv" for t in TABLE_NAMES] + ["meta.csv"]
    )
    back = lsmnet.read(tmp_path / "out")
    assert_same(data, back)
    back.to_csv(tmp_path / "again")
    for p in (tmp_path / "out").iterdir():  # and writing again gives the same bytes
        assert p.read_bytes() == (tmp_path / "again" / p.name).read_bytes()


def test_excel_round_trip_is_exact(tmp_path):
    data = rich_data()
    data.to_excel(tmp_path / "out.xlsx")
    assert_same(data, lsmnet.read(tmp_path / "out.xlsx"))


def test_csv_export_neutralises_formulas(tmp_path):
    rich_data().to_csv(tmp_path)
    text = (tmp_path / "organizations.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert any(line.split(",")[1].startswith("\"'=HYPERLINK") for line in lines)
    for line in lines:  # no cell of an exported text column starts a formula
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "@")), line
    assert "''=sudah dikutip" in text
    assert lines[0].endswith(",'=SUM(A1:A9)")
    assert "'s-Hertogenbosch" in text and "''s-Hertogenbosch" not in text


def test_excel_export_neutralises_formulas(tmp_path):
    from openpyxl import load_workbook

    rich_data().to_excel(tmp_path / "x.xlsx")
    book = load_workbook(tmp_path / "x.xlsx")
    kinds = {cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds  # not a single formula cell
    assert book["organizations"]["B6"].value == '\'=HYPERLINK("http://evil.example","klik")'
    assert book["ties"]["F2"].is_date
    assert book["organizations"]["K1"].value == "'=SUM(A1:A9)"


@pytest.mark.fuzz
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
        min_size=1,
        max_size=6,
    ),
    weights=st.lists(st.floats(min_value=0, allow_infinity=False), min_size=1, max_size=6),
    days=st.lists(
        st.datetimes(datetime.datetime(1700, 1, 1), datetime.datetime(2200, 1, 1)),
        min_size=1,
        max_size=6,
    ),
)
def test_round_trip_property(tmp_path_factory, names, weights, days):
    n = min(len(names), len(weights), len(days))
    ids = [f"id{i}" for i in range(n)]
    orgs = pd.DataFrame(
        {"org_id": ids, "name": names[:n], "budget": weights[:n], "issues": names[:n][::-1]}
    )
    memberships = pd.DataFrame(
        {"org_id": ids, "coalition_id": "k", "start": days[:n], "weight": weights[:n]}
    )
    data = lsmnet.from_frames(orgs, memberships=memberships)
    folder = tmp_path_factory.mktemp("rt")
    data.to_csv(folder)
    data.to_excel(folder / "x.xlsx")
    assert_same(data, lsmnet.read(folder))
    assert_same(data, lsmnet.read(folder / "x.xlsx"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings(tmp_path, encoding):
    text = "org_id,name\nj1,ꦗꦮ Jawa\nd1,Désa – Sejahtera\n"
    (tmp_path / "organizations.csv").write_bytes(text.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = lsmnet.read(tmp_path)
    assert data.organizations["name"].tolist() == ["ꦗꦮ Jawa", "Désa – Sejahtera"]
    assert data.organizations.columns[0] == "org_id"  # the BOM is not part of the header


def test_latin1_fallback_warns_and_keeps_names(tmp_path):
    (tmp_path / "organizations.csv").write_bytes(
        "org_id,name\nd1,Désa Sejahtera\nd2,Niño – Ümit\n".encode("cp1252")
    )
    with pytest.warns(EncodingFallbackWarning, match=r"organizations.csv is not valid UTF-8"):
        data = lsmnet.read(tmp_path)
    assert data.organizations["name"].tolist() == ["Désa Sejahtera", "Niño – Ümit"]
    (tmp_path / "organizations.csv").write_bytes(b"org_id,name\nd1,D\x81sa\n")  # not cp1252
    with pytest.warns(EncodingFallbackWarning, match="Latin-1"):
        assert lsmnet.read(tmp_path).organizations["name"].tolist() == ["D\x81sa"]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_delimiters(tmp_path, sep):
    text = (
        sep.join(["source", "target", "layer", "weight"])
        + "\n"
        + sep.join(["a", "b", "network", "0.5"])
        + "\n"
    )
    (tmp_path / "ties.csv").write_text(text, encoding="utf-8")
    assert lsmnet.read(tmp_path).ties["weight"].tolist() == [0.5]


def test_blank_rows_whitespace_and_counts(tmp_path):
    text = "  org_id , name \n\n  a  ,  Yayasan  A \n,\n \t \nb,B\n\n"
    (tmp_path / "organizations.csv").write_text(text, encoding="utf-8")
    data = lsmnet.read(tmp_path)
    assert data.organizations["org_id"].tolist() == ["a", "b"]
    assert data.organizations["name"].tolist() == ["Yayasan  A", "B"]
    assert data.meta["blank_rows"] == {"organizations.csv": 4}
    assert "blank rows skipped: 4" in repr(data)


def test_unnamed_column_with_data_is_kept_not_dropped(tmp_path):
    (tmp_path / "organizations.csv").write_text("org_id,name,\na,A,catatan\nb,B,\n")
    data = lsmnet.read(tmp_path)
    assert data.organizations["column_3"].tolist() == ["catatan", pd.NA]


def test_single_csv_file_and_aliases(tmp_path):
    (tmp_path / "Organisations.csv").write_text("org_id\nx\n")
    assert lsmnet.read(tmp_path / "Organisations.csv").organizations["org_id"].tolist() == ["x"]
    assert lsmnet.read(tmp_path).meta["source"] == tmp_path.name


def test_ignored_files_warn(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target,layer\na,b,network\n")
    (tmp_path / "catatan.csv").write_text("x\n1\n")
    with pytest.warns(LsmnetWarning, match="ignored catatan"):
        lsmnet.read(tmp_path)


def test_read_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        lsmnet.read(tmp_path / "nope")
    (tmp_path / "old.xls").write_bytes(b"")
    with pytest.raises(InvalidParameterError, match=r"save \.xls or \.ods files as \.xlsx"):
        lsmnet.read(tmp_path / "old.xls")
    with pytest.raises(SchemaError, match="holds none of the tables"):
        lsmnet.read(tmp_path)
    (tmp_path / "organizations.csv").write_text("org_id\na\n")
    (tmp_path / "organisations.csv").write_text("org_id\nb\n")
    with pytest.raises(SchemaError, match="two versions of the organizations table") as info:
        lsmnet.read(tmp_path)
    assert info.value.problems["table"].tolist() == ["organizations"]


def test_meta_errors(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target,layer\na,b,network\n")
    (tmp_path / "meta.csv").write_text("key,value\nscale_low,satu\n")
    with pytest.raises(
        SchemaError, match=r"meta.csv, row 2, column 'value', value 'satu'"
    ) as info:
        lsmnet.read(tmp_path)
    assert info.value.problems[["file", "row", "column", "value"]].values.tolist() == [
        ["meta.csv", 2, "value", "satu"]
    ]
    (tmp_path / "meta.csv").write_text("kunci,nilai\n")
    with pytest.raises(SchemaError, match="needs the columns 'key' and 'value'"):
        lsmnet.read(tmp_path)


def test_explicit_arguments_override_meta(tmp_path):
    rich_data().to_csv(tmp_path)
    data = lsmnet.read(tmp_path, scale=(0, 10), source="mine")
    assert data.scale == (0, 10) and data.meta["source"] == "mine"


def test_write_errors(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"must end in \.xlsx"):
        rich_data().to_excel(tmp_path / "x.xls")
    from lsmnet.io.tables import write_csv

    with pytest.raises(InvalidParameterError, match="write_csv needs a NetworkData"):
        write_csv(pd.DataFrame(), tmp_path)


@pytest.mark.parametrize(
    "columns",
    [
        {"ties": {"from": "source", "to": "target", "jenis": "layer"}},
        {"from": "source", "to": "target", "Jenis": "layer"},
    ],
)
def test_columns_mapping(tmp_path, columns):
    (tmp_path / "ties.csv").write_text("From,To,jenis,Bobot\na,b,network,2\n")
    data = lsmnet.read(
        tmp_path, columns=columns | ({"bobot": "weight"} if "from" in columns else {})
    )
    assert data.ties[["source", "target", "layer"]].iloc[0].tolist() == ["a", "b", "network"]


def test_headers_match_ignoring_case_and_spaces(tmp_path):
    (tmp_path / "organizations.csv").write_text("Org ID,NAME, Founded \na,A,1999\n")
    data = lsmnet.read(tmp_path)
    assert data.organizations[["org_id", "name", "founded"]].iloc[0].tolist() == ["a", "A", 1999]


# ------------------------------------------------- inputs found by the loader fuzzer (issue 8)


def test_bom_followed_by_invalid_utf8_falls_back(tmp_path):
    (tmp_path / "organizations.csv").write_bytes(b"\xef\xbb\xbforg_id,name\nd1,D\xe9sa\n")
    with pytest.warns(EncodingFallbackWarning, match="not valid UTF-8"):
        data = lsmnet.read(tmp_path)
    assert data.organizations["name"].tolist() == ["Désa"]


def test_truncated_utf16_warns_and_replaces(tmp_path):
    data = "org_id,name\nd1,Désa\n".encode("utf-16")
    (tmp_path / "organizations.csv").write_bytes(data + b"\x41")  # odd trailing byte
    with pytest.warns(EncodingFallbackWarning, match="damaged UTF-16"):
        names = lsmnet.read(tmp_path).organizations["name"].tolist()
    assert names[0].startswith("Désa")


def test_huge_field_round_trips(tmp_path):
    long_name = "Yayasan " * 40_000  # beyond the csv module's default field limit
    data = lsmnet.from_frames(pd.DataFrame({"org_id": ["a"], "name": [long_name.strip()]}))
    data.to_csv(tmp_path)
    assert_same(data, lsmnet.read(tmp_path))


def test_control_characters_are_reported_with_their_cell(tmp_path):
    (tmp_path / "organizations.csv").write_bytes(b"org_id,name\na,ok\nb,x\x00y\nc,p\x0bq\n")
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path)
    assert info.value.problems[["row", "column", "value"]].values.tolist() == [
        [3, "name", "x\x00y"],
        [4, "name", "p\x0bq"],
    ]
    assert "organizations.csv, row 3, column 'name', value 'x\\x00y'" in str(info.value)


def test_excel_export_refuses_control_characters_in_meta(tmp_path):
    data = lsmnet.from_frames(pd.DataFrame({"org_id": ["a"]}), meta={"notes": "bad\x0bnote"})
    with pytest.raises(
        SchemaError,
        match=r"meta table to Excel: row \d+ \(position \d+\), "
        r"column 'value', value 'bad\\x0bnote' holds the control character U\+000B",
    ):
        data.to_excel(tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_line_breaks_inside_cells_are_normalised(tmp_path):
    data = lsmnet.from_frames(pd.DataFrame({"org_id": ["a", "b"], "name": ["x\r\ny", "x\ry"]}))
    assert data.organizations["name"].tolist() == ["x\ny", "x\ny"]
    data.to_excel(tmp_path / "x.xlsx")
    assert_same(data, lsmnet.read(tmp_path / "x.xlsx"))


@pytest.mark.parametrize(("low", "high"), [("4", "1"), ("2", "2"), ("inf", "4")])
def test_meta_scale_must_be_increasing_and_finite(tmp_path, low, high):
    (tmp_path / "ties.csv").write_text("source,target,layer\na,b,network\n")
    (tmp_path / "meta.csv").write_text(f"key,value\nscale_low,{low}\nscale_high,{high}\n")
    with pytest.raises(SchemaError, match=r"meta.csv, row 2.*column 'value'"):
        lsmnet.read(tmp_path)


def test_timezone_offsets_keep_the_local_time(tmp_path):
    (tmp_path / "ties.csv").write_text(
        "source,target,layer,start,end\n"
        "a,b,network,2020-01-01T00:00:00Z,2020-01-05\n"
        "a,c,network,2020-03-01T23:30:00+07:00,2020-03-02 10:00-0500\n"
    )
    ties = lsmnet.read(tmp_path).ties
    assert ties["start"].tolist() == [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-03-01 23:30")]
    assert ties["end"].tolist() == [pd.Timestamp("2020-01-05"), pd.Timestamp("2020-03-02 10:00")]


def test_excel_formula_without_saved_value_is_reported_not_emptied(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "organizations"
    sheet.append(["org_id", "budget", "name"])
    sheet.append(["a", "=1+1", '=HYPERLINK("x")'])
    book.save(tmp_path / "f.xlsx")  # openpyxl saves formulas without a calculated value
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path / "f.xlsx")
    assert_line = "f.xlsx, sheet 'organizations', row 2, column 'budget', value '=1+1'"
    assert assert_line in str(info.value)
    assert len(info.value.problems) == 1  # the name keeps its (formula) text


# -- plain edge lists (issue 17 item 3) -------------------------------------------------------


def test_edge_list_without_layer_gets_the_default_layer_stated_in_the_summary(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target,weight\na,b,2\nb,c,1\n")
    data = lsmnet.read(tmp_path / "ties.csv")
    assert data.ties["layer"].tolist() == ["network", "network"]
    assert data.meta["default_layer"] == "network"
    assert "every tie has the layer 'network' (no layer column)" in repr(data)


@pytest.mark.parametrize(("header", "value"), [("year", "2020"), ("tahun", "2020")])
def test_a_year_column_is_the_ties_time(tmp_path, header, value):
    (tmp_path / "ties.csv").write_text(f"source,target,{header}\na,b,{value}\n")
    tie = lsmnet.read(tmp_path / "ties.csv").ties.iloc[0]
    assert (str(tie["start"].date()), str(tie["end"].date())) == ("2020-01-01", "2020-12-31")


def test_a_date_column_is_the_ties_day(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target,date\na,b,15/03/2019\n")
    tie = lsmnet.read(tmp_path / "ties.csv").ties.iloc[0]
    assert str(tie["start"].date()) == str(tie["end"].date()) == "2019-03-15"


COUNTS = "source,target,weight\na,b,1\na,b,1\na,b,3\nb,c,\nb,c,2\n"


@pytest.mark.parametrize(
    ("how", "weights"),
    # by hand: a-b rows weigh 1, 1, 3; b-c rows weigh (empty = the default 1) and 2
    [("sum", [5.0, 3.0]), ("max", [3.0, 2.0]), ("first", [1.0, 1.0])],
)
def test_repeated_ties_are_combined_on_request(tmp_path, how, weights):
    (tmp_path / "ties.csv").write_text(COUNTS)
    data = lsmnet.read(tmp_path / "ties.csv", duplicates=how)
    assert data.ties["weight"].tolist() == weights
    assert data.meta["combined_ties"] == 3


def test_repeated_ties_are_an_error_by_default_with_the_hint(tmp_path):
    (tmp_path / "ties.csv").write_text(COUNTS)
    with pytest.raises(SchemaError, match=r"row 3 'a'.*duplicates='sum'") as info:
        lsmnet.read(tmp_path / "ties.csv")
    assert info.value.problems["row"].tolist() == [3]
    with pytest.raises(InvalidParameterError, match="'duplicates' parameter of read"):
        lsmnet.read(tmp_path / "ties.csv", duplicates="mean")


def test_combined_ties_keep_the_file_rows_of_the_others(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target,weight\na,b,1\na,b,1\nc,c,1\n")
    with pytest.raises(SchemaError) as info:
        lsmnet.read(tmp_path / "ties.csv", duplicates="sum")
    assert info.value.problems["row"].tolist() == [4]  # the self-tie keeps its own row


def test_a_misspelt_sheet_name_is_ignored_with_a_suggestion(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Kemitran"  # Kemitraan, one letter short
    book.active.append(["Dari", "Ke", "Jenis Kemitraan"])
    book.active.append(["a", "b", "advokasi"])
    sheet = book.create_sheet("Organisasi")
    sheet.append(["Kode", "Nama"])
    sheet.append(["a", "A"])
    book.save(tmp_path / "x.xlsx")
    with pytest.warns(LsmnetWarning, match=r"ignored Kemitran \(did you mean 'ties'\?\)"):
        data = lsmnet.read(tmp_path / "x.xlsx")
    assert data.organizations["name"].tolist() == ["A"]

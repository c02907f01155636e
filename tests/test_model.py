"""lsmnet.model: the NetworkData contract (tables, dtypes, defaults), from_frames, at, repr."""

from __future__ import annotations

import copy
import html.parser
import warnings

import numpy as np
import pandas as pd
import pytest

import lsmnet
from lsmnet import model
from lsmnet.exceptions import InvalidParameterError, LsmnetWarning, SchemaError

DTYPES = {
    "organizations": {
        "org_id": "string",
        "name": "string",
        "type": "string",
        "province": "string",
        "issues": "object",
        "founded": "Int64",
        "dissolved": "datetime64[ns]",
        "budget": "float64",
        "respondent": "boolean",
    },
    "coalitions": {
        "coalition_id": "string",
        "name": "string",
        "kind": "string",
        "focus": "object",
        "founded": "Int64",
    },
    "memberships": {
        "org_id": "string",
        "coalition_id": "string",
        "role": "string",
        "start": "datetime64[ns]",
        "end": "datetime64[ns]",
        "weight": "float64",
    },
    "ties": {
        "source": "string",
        "target": "string",
        "layer": "string",
        "weight": "float64",
        "directed": "bool",
        "start": "datetime64[ns]",
        "end": "datetime64[ns]",
        "amount": "float64",
        "reported_by": "string",
    },
    "ratings": {
        "rater": "string",
        "ratee": "string",
        "reliability": "float64",
        "mission": "float64",
        "openness": "float64",
        "power": "float64",
        "involvement": "float64",
        "resources": "float64",
    },
}


def sample() -> model.NetworkData:
    orgs = pd.DataFrame(
        {
            "org_id": ["a", "b", "c"],
            "name": ["A", "B", "C"],
            "issues": ["x|y", None, ["z"]],
            "respondent": ["ya", "tidak", None],
        },
        index=[10, 20, 30],
    )
    memberships = pd.DataFrame(
        {
            "org_id": ["a", "b", "c", "a"],
            "coalition_id": ["k1", "k1", "k1", "k2"],
            "start": ["2018-01-01", "2020-07-01", None, "2019"],
            "end": [None, "2021-06-30", "2018-12-31", "2019"],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["a", "b", "a"],
            "target": ["b", "c", "c"],
            "layer": ["funding", "advocacy", "network"],
            "start": ["2019-03-01", None, "2022-01-01"],
        }
    )
    ratings = pd.DataFrame({"rater": ["a"], "ratee": ["b"], "power": [3]})
    return model.from_frames(orgs, memberships=memberships, ties=ties, ratings=ratings)


def test_constants():
    assert model.DEFAULT_LAYERS == ("operational", "advocacy", "capacity", "network")
    assert model.KNOWN_LAYERS == (*model.DEFAULT_LAYERS, "funding", "competition")
    assert model.ORG_TYPES == (
        "ngo",
        "cbo",
        "ingo",
        "funder",
        "government",
        "academic",
        "private",
        "other",
    )
    assert model.COALITION_KINDS == ("coalition", "alliance", "network", "forum")
    assert model.ROLES == ("member", "chair", "secretariat", "founder")
    assert model.TRUST_ITEMS == ("reliability", "mission", "openness")
    assert model.VALUE_ITEMS == ("power", "involvement", "resources")


@pytest.mark.parametrize("data", [model.from_frames(), sample()], ids=["empty", "sample"])
def test_tables_follow_the_contract(data):
    for table, dtypes in DTYPES.items():
        frame = getattr(data, table)
        assert isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0
        assert {c: str(t) for c, t in frame.dtypes.items()} == dtypes, table
    assert data.scale == (1, 4)
    assert data.layers == model.KNOWN_LAYERS
    assert data.meta == {"source": None, "provenance": None, "notes": None}
    assert list(data.set_aside.columns) == [
        "table",
        "file",
        "row",
        "column",
        "value",
        "problem",
        "fix",
    ]
    assert data.set_aside.empty


def test_defaults_and_normalisation():
    data = sample()
    orgs = data.organizations
    assert orgs["issues"].tolist() == [("x", "y"), (), ("z",)]
    assert orgs["respondent"].tolist() == [True, False, pd.NA]
    assert orgs["type"].isna().all()
    assert data.memberships["role"].tolist() == ["member"] * 4
    assert data.memberships["weight"].tolist() == [1.0] * 4
    assert data.memberships["end"].iloc[3] == pd.Timestamp("2019-12-31")  # year end
    assert data.ties["directed"].tolist() == [True, False, False]
    assert data.ties["weight"].tolist() == [1.0] * 3
    assert data.ratings["power"].tolist() == [3.0]
    assert data.ratings[["reliability", "resources"]].isna().all().all()


def test_implied_organisations_and_coalitions():
    data = model.from_frames(
        memberships=pd.DataFrame({"org_id": ["b", "a", "b"], "coalition_id": ["k", "k", "j"]}),
        ties=pd.DataFrame({"source": ["c"], "target": ["a"], "layer": ["network"]}),
    )
    assert data.organizations["org_id"].tolist() == ["b", "a", "c"]
    assert data.organizations["name"].isna().all()
    assert data.coalitions["coalition_id"].tolist() == ["k", "j"]


def test_given_but_empty_organisations_are_not_implied():
    with pytest.raises(SchemaError, match="unknown organisation 'a'"):
        model.from_frames(
            pd.DataFrame({"org_id": []}),
            ties=pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["network"]}),
        )


def test_inputs_are_not_mutated():
    orgs = pd.DataFrame({"Org ID": [" a ", "b"], "issues": ["x|y", None]})
    before = orgs.copy()
    model.from_frames(orgs, columns={"Org ID": "org_id"})
    pd.testing.assert_frame_equal(orgs, before)


def test_class_constructor_equals_from_frames():
    orgs = pd.DataFrame({"org_id": ["a"]})
    a, b = model.NetworkData(orgs, scale=(0, 10)), model.from_frames(orgs, scale=(0, 10))
    pd.testing.assert_frame_equal(a.organizations, b.organizations)
    assert a.scale == b.scale == (0, 10)


def test_deepcopy():
    data = sample()
    copied = copy.deepcopy(data)
    pd.testing.assert_frame_equal(copied.ties, data.ties)
    assert copied.ties is not data.ties


def test_custom_items_and_scale():
    ratings = pd.DataFrame({"rater": ["a"], "ratee": ["b"], "Percaya": [7]})
    data = model.from_frames(
        ratings=ratings, scale=(1, 7), items={"trust": ["percaya"], "value": []}
    )
    assert list(data.ratings.columns) == ["rater", "ratee", "percaya"]
    assert repr(data).endswith("rating scale: 1-7; items: percaya (trust)")
    assert data.trust_items == ("percaya",) and data.value_items == ()


def brute_force_active(frame, lo, hi):
    keep = []
    for row in frame.itertuples():
        starts_ok = pd.isna(row.start) or row.start <= hi
        ends_ok = pd.isna(row.end) or row.end >= lo
        keep.append(starts_ok and ends_ok)
    return frame[keep].reset_index(drop=True)


@pytest.mark.parametrize("seed", range(3))
def test_at_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 300
    days = pd.to_datetime("2017-01-01") + pd.to_timedelta(rng.integers(0, 3000 * 24, n), "h")
    span = pd.to_timedelta(rng.integers(0, 900, n), "D")
    start = pd.Series(days).where(rng.random(n) > 0.2)
    end = (pd.Series(days) + span).where(rng.random(n) > 0.3)
    ties = pd.DataFrame(
        {
            "source": "a",
            "target": "b",
            "layer": "network",
            "start": start,
            "end": end,
            "weight": np.arange(n),
        }
    )
    data = model.from_frames(ties=ties)
    for year in (2016, 2018, 2020, 2025):
        lo, hi = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1) - pd.Timedelta(1, "ns")
        pd.testing.assert_frame_equal(data.at(year).ties, brute_force_active(data.ties, lo, hi))
    for day in ("2019-06-15", pd.Timestamp("2021-02-01")):
        lo = pd.Timestamp(day)
        hi = lo + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")
        pd.testing.assert_frame_equal(data.at(day).ties, brute_force_active(data.ties, lo, hi))


def test_at_keeps_other_tables_and_is_inclusive():
    data = sample()
    snap = data.at(2019)
    assert snap.memberships["org_id"].tolist() == ["a", "a"]  # c ended 2018-12-31
    assert snap.at("2018-12-31").memberships["org_id"].tolist() == ["a"]
    assert data.at("2018-12-31").memberships["org_id"].tolist() == ["a", "c"]
    # b exists from its first membership (2020-07-01), c until its last one ends (2018-12-31)
    assert snap.organizations["org_id"].tolist() == ["a"]
    assert data.at(2021).organizations["org_id"].tolist() == ["a", "b"]
    assert snap.ratings.empty  # the rating a -> b waits for b
    pd.testing.assert_frame_equal(data.at(2021).ratings, data.ratings)
    pd.testing.assert_frame_equal(snap.coalitions, data.coalitions)
    assert snap.meta["at"] == 2019 and "snapshot at: 2019" in repr(snap)
    assert data.meta.get("at") is None  # the original is untouched
    assert len(data.memberships) == 4


@pytest.mark.parametrize("when", ["kemarin", None, True, 3.5j, 99999])
def test_at_rejects_bad_dates(when):
    with pytest.raises(InvalidParameterError, match=r"'when' parameter of NetworkData\.at"):
        sample().at(when)


def test_coalition_members():
    data = sample()
    assert data.coalition_members("k1") == ["a", "b", "c"]
    assert data.coalition_members("k1", at=2021) == ["a", "b"]
    assert data.coalition_members("k2", at="2020-01-01") == []
    with pytest.raises(InvalidParameterError, match=r"did you mean 'k1'\?\)\. Got 'k11'"):
        data.coalition_members("k11")


def test_repr():
    text = repr(
        model.from_frames(
            ties=pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["media"]}),
            layers=["media"],
            source="survei 2024",
        )
    )
    assert text.splitlines() == [
        "<NetworkData: 2 organizations, 0 coalitions, 0 memberships, 1 ties, 0 ratings>",
        "  tie layers: media (1)",
        "  rating scale: 1-4; items: reliability, mission, openness (trust); power, "
        "involvement, resources (value)",
        "  declared layers: media",
        "  source: survei 2024",
    ]


@pytest.mark.parametrize("tables", [{}, {"organizations": pd.DataFrame({"org_id": ["a"]})}])
def test_collect_on_valid_data_sets_nothing_aside(tables):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = model.from_frames(**tables, errors="collect")
    assert data.set_aside.empty and data.set_aside.columns[0] == "table"
    assert len(data.organizations) == len(tables)


def test_repr_mentions_set_aside_rows():
    with pytest.warns(model.RowsSetAsideWarning):
        data = model.from_frames(pd.DataFrame({"org_id": ["a", "a"]}), errors="collect")
    assert "set aside: 1 rows (see .set_aside)" in repr(data)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"errors": "ignore"}, "'errors' parameter of from_frames must be one of"),
        ({"scale": (4, 1)}, "'scale' parameter of from_frames must be a pair"),
        ({"scale": (1, np.inf)}, "'scale' parameter"),
        ({"scale": 4}, "'scale' parameter"),
        ({"layers": "media"}, "'layers' parameter of from_frames must be a list"),
        ({"layers": ["a|b"]}, "without '|'"),
        ({"items": ["power"]}, "'items' parameter of from_frames must be a mapping"),
        ({"items": {"trust": "power"}}, "must list item names"),
        ({"items": {"trust": ["power"], "value": ["power"]}}, "name each item once"),
        ({"organizations": [1, 2]}, "'organizations' parameter of from_frames must be a pandas"),
        ({"columns": ["a"]}, "'columns' parameter of from_frames must be a mapping"),
        ({"columns": {"ties": {"a": "source"}, "b": "c"}}, "must map table names"),
    ],
)
def test_parameter_errors(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        model.from_frames(**kwargs)


def test_unused_column_mapping_warns():
    ties = pd.DataFrame({"from": ["a"], "target": ["b"], "layer": ["network"]})
    with pytest.warns(LsmnetWarning, match=r"matched no header .*'dari'"):
        data = model.from_frames(ties=ties, columns={"from": "source", "dari": "source"})
    assert data.ties["source"].tolist() == ["a"]
    with warnings.catch_warnings():  # a mapping for a table that was not given is fine
        warnings.simplefilter("error")
        model.from_frames(
            ties=ties, columns={"ties": {"from": "source"}, "ratings": {"x": "rater"}}
        )


def test_public_names_resolve():
    assert lsmnet.NetworkData is model.NetworkData
    assert lsmnet.from_frames is model.from_frames


def test_validation_of_100k_ties_keeps_every_row():
    # the speed of this validation is measured in benchmarks/run.py, not here
    rng = np.random.default_rng(0)
    n = 100_000
    src = rng.integers(0, 2000, n)
    tgt = (src + rng.integers(1, 2000, n)) % 2000
    ties = pd.DataFrame(
        {
            "source": [f"o{i}" for i in src],
            "target": [f"o{i}" for i in tgt],
            "layer": rng.choice(["advocacy", "network", "funding"], n),
            "weight": rng.random(n).astype(str),
            "start": "2020-01-01",
            "end": np.where(rng.random(n) < 0.5, "2021-06-30", ""),
        }
    )
    orgs = pd.DataFrame({"org_id": [f"o{i}" for i in range(2000)]})
    data = model.from_frames(orgs, ties=ties)
    assert len(data.ties) == n
    assert data.ties["weight"].to_numpy() == pytest.approx(ties["weight"].astype(float))


def test_multiindex_columns_are_refused():
    frame = pd.DataFrame(
        [[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "org_id"), ("a", "name")])
    )
    with pytest.raises(InvalidParameterError, match="not MultiIndex columns"):
        model.from_frames(frame)


def test_huge_and_mixed_timezone_values_are_problems_not_crashes():
    orgs = pd.DataFrame({"org_id": ["a", "b"], "founded": ["1e30", "1999"]})
    with pytest.raises(
        SchemaError,
        match=r"row 2 \(position 0\), column 'founded', value "
        r"'1e30': founded is not a whole number",
    ):
        model.from_frames(orgs)
    aware = pd.Timestamp("2020-01-01 08:00", tz="Asia/Jakarta")
    ties = pd.DataFrame(
        {
            "source": ["a", "a"],
            "target": ["b", "b"],
            "layer": ["network"] * 2,
            "start": pd.Series([aware, pd.Timestamp("2021-05-01")], dtype=object),
        }
    )
    data = model.from_frames(ties=ties)
    assert data.ties["start"].tolist() == [
        pd.Timestamp("2020-01-01 08:00"),
        pd.Timestamp("2021-05-01"),
    ]


def test_public_signatures_have_only_public_parameters():
    # issue 13: the readers' origins go through the private model._from_frames
    import inspect

    for func in (model.from_frames, lsmnet.read):
        names = list(inspect.signature(func).parameters)
        assert not [n for n in names if n.startswith("_")], func.__name__
    assert "origins" in inspect.signature(model._from_frames).parameters


# ---------------------------------------------------------------- notebook display (issue 17)
class _Cells(html.parser.HTMLParser):
    """The table's rows as (header text, cell text), read back by the stdlib HTML parser."""

    def __init__(self):
        super().__init__()
        self.rows, self.tags, self._cell = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.rows[-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _table(data) -> _Cells:
    parser = _Cells()
    parser.feed(data._repr_html_())
    return parser


def test_repr_html_counts_every_table_and_layer():
    data = sample()
    rows = dict(_table(data).rows)
    # reference: the tables themselves, counted here
    assert rows["organisations"] == "3: A, B, C"
    assert rows["coalitions"] == str(len(data.coalitions)) == "2"
    assert rows["memberships"] == str(len(data.memberships)) == "4"
    assert rows["ties"] == "3" and rows["ratings"] == "1" and rows["set aside"] == "0 rows"
    per_layer = {k.removeprefix("ties: "): int(v) for k, v in rows.items() if "ties: " in k}
    assert per_layer == {"funding": 1, "advocacy": 1, "network": 1}
    assert list(rows)[:4] == ["organisations", "coalitions", "memberships", "ties"]


def test_repr_html_is_one_table_with_a_header_cell_per_row():
    parser = _table(sample())
    assert parser.tags.count("table") == 1 and parser.tags[:2] == ["table", "caption"]
    assert all(len(row) == 2 for row in parser.rows)
    assert parser.tags.count("th") == parser.tags.count("td") == len(parser.rows)


def test_repr_html_shows_at_most_five_names_and_the_rows_set_aside():
    orgs = pd.DataFrame({"org_id": [f"o{i}" for i in range(7)], "name": list("ABCDEFG")})
    ties = pd.DataFrame({"source": ["o0", "o0"], "target": ["o1", "nobody"], "layer": "advocacy"})
    with pytest.warns(model.RowsSetAsideWarning):
        data = model.from_frames(orgs, ties=ties, errors="collect")
    rows = dict(_table(data).rows)
    assert rows["organisations"] == "7: A, B, C, D, E, ..."
    assert rows["set aside"] == f"{len(data.set_aside)} rows" == "1 rows"


def test_repr_html_escapes_names_layers_and_source():
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    data = model.from_frames(
        pd.DataFrame({"org_id": ["a", "b"], "name": [hostile, "B"]}),
        ties=pd.DataFrame({"source": ["a"], "target": ["b"], "layer": ["<b>media</b>"]}),
        layers=["<b>media</b>"],
        source='"><iframe src=evil>',
    )
    shown = data._repr_html_()
    for raw in ("<script", "<img", "<iframe", "<b>"):
        assert raw not in shown
    rows = dict(_table(data).rows)  # the parser unescapes: the user's text comes back whole
    assert rows["organisations"] == f"2: {hostile}, B"
    assert rows["ties: <b>media</b>"] == "1"
    assert rows["source"] == '"><iframe src=evil>'


def test_repr_html_states_the_default_layer_and_combined_ties():
    # issue 17 item 3: ties without a layer get one default layer, "stated in the summary"
    ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"], "weight": [1, 2]})
    data = model.from_frames(pd.DataFrame({"org_id": ["a", "b"]}), ties=ties, duplicates="sum")
    rows = dict(_table(data).rows)
    assert rows["tie layer"] == "every tie has the layer 'network' (no layer column)"
    assert rows["repeated ties combined"] == "1 rows"
    assert rows["ties: network"] == "1"  # reference: the two rows summed into one tie

"""Over time, organisations exist only between founding and dissolution; every year is shown;
an undated survey is one measurement.

Reference values are read off the hand-built data below (founding years, membership dates).
"""

from __future__ import annotations

import pandas as pd
import pytest

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.risk.change import compare, data_periods, health_over_time


def founded_data():
    """Coalition K: a, b, c founded in the 1970s, d in 2000 and e in 2002 (no membership
    dates); a, b, c tied in a triangle, d and e without ties."""
    orgs = pd.DataFrame(
        {
            "org_id": list("abcde"),
            "name": ["Ana", "Budi", "Citra", "Dewi", "Eko"],
            "founded": [1970, 1975, 1978, 2000, 2002],
        }
    )
    members = pd.DataFrame({"org_id": list("abcde"), "coalition_id": "K"})
    ties = pd.DataFrame(
        {"source": ["a", "b", "a"], "target": ["b", "c", "c"], "layer": "advocacy"}
    )
    return lsm.from_frames(orgs, memberships=members, ties=ties)


def test_organisations_not_yet_founded_raise_no_flag():
    # with at=1985, organisations founded in 2000 and 2002 raise no ISO-1
    flags = lsm.risk_flags(founded_data(), at=1985)
    assert not flags["entity"].isin(["d", "e"]).any()
    assert "ISO-1" not in set(flags["code"])
    # in 2010 both exist and, without ties, are isolates
    later = lsm.risk_flags(founded_data(), at=2010)
    assert set(later.loc[later["code"] == "ISO-1", "entity"]) == {"d", "e"}


def dated_data():
    """K1 from 2019 (a, b, c); K2 started in 2021 (c, d, e joined 2021, f in 2023);
    one undated survey of ratings."""
    orgs = pd.DataFrame({"org_id": list("abcdef"), "name": list("ABCDEF")})
    members = pd.DataFrame(
        {
            "org_id": ["a", "b", "c", "c", "d", "e", "f"],
            "coalition_id": ["K1", "K1", "K1", "K2", "K2", "K2", "K2"],
            "start": ["2019-01-01"] * 3 + ["2021-03-01"] * 3 + ["2023-02-01"],
        }
    )
    ties = pd.DataFrame(
        {
            "source": ["a", "b", "c", "d", "c"],
            "target": ["b", "c", "a", "e", "d"],
            "layer": "advocacy",
            "start": ["2019-01-01"] * 3 + ["2021-03-01"] * 2,
        }
    )
    ratings = pd.DataFrame(
        {
            "rater": ["a", "b", "c", "b", "a", "c"],
            "ratee": ["b", "a", "a", "c", "c", "b"],
            "reliability": [3, 4, 3, 2, 3, 4],
            "mission": [3, 3, 4, 2, 3, 3],
            "openness": [4, 3, 3, 3, 2, 4],
        }
    )
    return lsm.from_frames(orgs, memberships=members, ties=ties, ratings=ratings)


def test_every_year_of_the_data_is_a_period():
    data = dated_data()
    assert data_periods(data) == [2019, 2020, 2021, 2022, 2023]
    table = health_over_time(data, progress=False)
    periods = table.index.get_level_values("period").unique().tolist()
    assert periods == [2019, 2020, 2021, 2022, 2023]
    # K2 started in 2021: it has members from that year on, and the year is shown
    assert table.loc[(2020, "K2"), "members"] == 0
    assert table.loc[(2021, "K2"), "members"] == 3
    assert table.loc[(2021, "K2"), "members_added"] == 3
    assert table.loc[(2023, "K2"), "members"] == 4


def test_undated_ratings_are_shown_once():
    table = health_over_time(dated_data(), progress=False)
    assert table.attrs["ratings_period"] == 2023
    trust = table.xs("K1", level="coalition")["trust"]
    assert trust.loc[:2022].isna().all()
    # the last period uses the survey: mean of the three trust items over the six ratings
    assert trust.loc[2023] == pytest.approx((19 + 18 + 19) / 18)


def test_compare_uses_one_undated_survey_once():
    data = dated_data()
    result = compare(data.at(2020), data.at(2023), coalition="K1")
    trust = result.health.set_index(["coalition", "score"]).loc[("K1", "trust")]
    assert pd.isna(trust["a"]) and pd.isna(trust["change"])
    assert trust["b"] == pytest.approx(56 / 18)
    # two different waves are compared as they are
    wave = data.at(2023)
    changed = wave._replace(ratings=wave.ratings.assign(reliability=1))
    other = compare(data.at(2023), changed, coalition="K1").health
    other = other.set_index(["coalition", "score"]).loc[("K1", "trust")]
    assert other["a"] == pytest.approx(56 / 18)
    assert other["change"] < 0


def test_data_without_dates_has_no_periods():
    assert data_periods(founded_data()) == []
    with pytest.raises(InvalidParameterError, match=r"'periods'.*no membership or tie"):
        health_over_time(founded_data())

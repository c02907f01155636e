"""Formula-injection neutralisation (lsmnet._safety), checked against the OWASP rule.

Reference: OWASP, "CSV Injection": cells beginning with =, +, -, @, tab (0x09) or carriage
return (0x0D) are interpreted as formulas; prefixing them with a single quote makes them text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsmnet._safety import (
    DANGEROUS,
    neutralize_cell,
    neutralize_series,
    restore_cell,
    restore_series,
)


def is_formula(cell: str) -> bool:
    """The OWASP rule, written independently of the module."""
    return cell[:1] in {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_start_is_neutralised(first):
    value = first + 'HYPERLINK("http://x.example")'
    safe = neutralize_cell(value)
    assert not is_formula(safe) and safe == "'" + value
    assert restore_cell(safe) == value


def test_dangerous_characters_match_owasp():
    assert set(DANGEROUS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Yayasan", "Yayasan"),
        ("", ""),
        ("'", "'"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("'=already quoted", "''=already quoted"),
        ("''", "'''"),
        ("a=b", "a=b"),
        ("=", "'="),
    ],
)
def test_examples(value, written):
    assert neutralize_cell(value) == written
    assert restore_cell(written) == value


@pytest.mark.parametrize("value", [None, 3, -2.5, np.nan, pd.NA, True, ("=a",)])
def test_non_strings_pass_through(value):
    assert neutralize_cell(value) is value
    assert restore_cell(value) is value


@given(st.text())
def test_round_trip_and_safety_for_any_string(value):
    safe = neutralize_cell(value)
    assert restore_cell(safe) == value
    assert not is_formula(safe)
    assert safe in (value, "'" + value)


@given(st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=20))
def test_series_versions_agree_with_cells(values):
    s = pd.Series(values, dtype=object)
    assert neutralize_series(s).tolist() == [neutralize_cell(v) for v in values]
    safe = [neutralize_cell(v) for v in values]
    assert restore_series(pd.Series(safe, dtype=object)).tolist() == values

"""Tests of lsmnet._progress.progress (the tqdm wrapper)."""

from __future__ import annotations

import io
import sys

import pytest

from lsmnet._progress import progress
from lsmnet.exceptions import InvalidParameterError


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("enabled", [None, True, False])
def test_items_pass_through_unchanged(enabled, monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    items = [3, "a", None, (1, 2)]
    assert list(progress(items, enabled=enabled)) == items


def test_generator_with_total(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert list(progress((i * i for i in range(4)), total=4, enabled=False)) == [0, 1, 4, 9]


def test_silent_when_not_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), desc="quiet"))
    assert err.getvalue() == ""


def test_shown_on_a_terminal(monkeypatch):
    err = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), desc="loud"))
    assert "loud" in err.getvalue()


def test_enabled_true_forces_bar(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), total=50, desc="forced", enabled=True))
    assert "forced" in err.getvalue()
    assert "/50" in err.getvalue()


def test_enabled_false_silences_a_terminal(monkeypatch):
    err = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    list(progress(range(50), desc="muted", enabled=False))
    assert err.getvalue() == ""


@pytest.mark.parametrize("bad", ["yes", 1, 0.5])
def test_bad_enabled_raises(bad):
    with pytest.raises(InvalidParameterError, match="'progress' parameter must be None, True"):
        progress(range(3), enabled=bad)

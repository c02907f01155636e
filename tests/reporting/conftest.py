"""Fixtures of the report tests: small hand-built datasets and a headless Chromium.

The browser fixture uses Debian's Chromium at /usr/bin/chromium driven by Playwright for Python.
Locally the browser tests skip with the reason when either is missing; under CI=true they fail
instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import lsmnet as lsm

CHROMIUM = Path(os.environ.get("LSMNET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Names that would run script, break out of an attribute or a <script> element, start a
# spreadsheet formula or a matplotlib mathtext expression if they were not handled as text.
HOSTILE_NAMES = [
    "<img src=x onerror=window.__xss=1>",
    "</script><script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
    "<script>alert(1)</script>",
    "' onmouseover='window.__xss=1",
    '=HYPERLINK("http://example.invalid","x")',
    "+cmd|' /C calc'!A0",
    "$\\frac{$ & {{ 7*7 }} {% raw %}",
    "javascript:window.__xss=1",
    "<!-- --> \u202e x",
]


def make_data(names=None, coalition_names=("Koalisi Satu", "Jaringan Dua"), *, n=14, seed=0):
    """A small dataset: two overlapping coalitions, ties in four layers with dates, ratings."""
    rng = np.random.default_rng(seed)
    ids = [f"O{i:02d}" for i in range(n)]
    names = list(names or []) + [f"Org {i}" for i in range(n)]
    orgs = pd.DataFrame(
        {
            "org_id": ids,
            "name": names[:n],
            "type": (["ngo", "cbo", "funder", "academic"] * n)[:n],
            "province": (["Aceh", "Jakarta", "Papua"] * n)[:n],
            "issues": (["hr|land", "climate", "hr", "land|climate"] * n)[:n],
            "respondent": [i < n - 4 for i in range(n)],
        }
    )
    coalitions = pd.DataFrame(
        {
            "coalition_id": ["C1", "C2"],
            "name": list(coalition_names),
            "kind": ["coalition", "network"],
            "focus": ["hr|land", "climate"],
        }
    )
    first, second = ids[: n - 4], ids[n // 2 :]
    memberships = pd.DataFrame(
        {
            "org_id": first + second,
            "coalition_id": ["C1"] * len(first) + ["C2"] * len(second),
            "start": ["2020-01-01"] * (len(first) + len(second)),
            "end": [None] * (len(first) + len(second)),
        }
    )
    layers = ["operational", "advocacy", "capacity", "network"]
    ties = [
        (
            ids[i],
            ids[j],
            layers[int(rng.integers(4))],
            f"{2019 + int(rng.integers(4))}-03-01",
            None,
        )
        for i in range(n)
        for j in range(i + 1, n)
        if rng.random() < 0.3
    ]
    ties = pd.DataFrame(ties, columns=["source", "target", "layer", "start", "end"])
    items = ["reliability", "mission", "openness", "power", "involvement", "resources"]
    ratings = [
        (ids[i], ids[j], *rng.integers(1, 5, len(items)))
        for i in range(n - 4)
        for j in range(n - 4)
        if i != j
    ]
    ratings = pd.DataFrame(ratings, columns=["rater", "ratee", *items])
    return lsm.from_frames(orgs, coalitions, memberships, ties, ratings, source="test")


@pytest.fixture(scope="session")
def small_data():
    return make_data()


@pytest.fixture(scope="session")
def hostile_names():
    return list(HOSTILE_NAMES)


@pytest.fixture(scope="session")
def hostile_data():
    return make_data(HOSTILE_NAMES, coalition_names=HOSTILE_NAMES[:2])


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}; the browser tests must run in CI.")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Playwright); skipped locally, failed under CI=true, if missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page that records console errors, page errors, dialogs and network requests."""

    def __init__(self, browser, path, *, viewport=None):
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path, **kwargs):
        page = Page(browser, path, **kwargs)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()

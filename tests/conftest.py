"""Shared fixtures.

``shared_datasets`` points at ``../shared/datasets`` (the project's read-only data folder, next
to the clone). A newcomer's clone has no such folder: tests that need it skip with a reason, but
under ``CI=true`` a missing folder is an error, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Tests draw figures without a screen. lsmnet never chooses a backend for its users (issue 13),
# so the test session does, before anything imports matplotlib; an explicit MPLBACKEND wins.
os.environ.setdefault("MPLBACKEND", "Agg")

# scripts that produced reference values (R, or Python with extra packages): not tests
collect_ignore_glob = ["reference/*"]


def _shared_dir() -> Path:
    return Path(os.environ.get("LSMNET_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    """Folder of real public datasets (``../shared/datasets``)."""
    folder = _shared_dir() / "datasets"
    if not folder.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the shared datasets folder {folder} is missing.")
        pytest.skip(f"needs ../shared/datasets next to the clone ({folder} not found)")
    return folder

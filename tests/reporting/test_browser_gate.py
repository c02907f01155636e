"""The browser tests skip locally when Chromium is missing, and fail under CI=true."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_without_chromium(ci: str | None):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["LSMNET_CHROMIUM"] = "/nonexistent/chromium"
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/reporting/test_browser.py", "-k", "printable",
         "-p", "no:cacheprovider", "-rs", "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_skips_locally_with_the_reason():
    out = _run_without_chromium(None)
    assert out.returncode == 0, out.stdout
    assert "1 skipped" in out.stdout
    assert "Chromium is not installed at /nonexistent/chromium" in out.stdout


@pytest.mark.slow
def test_fails_under_ci():
    out = _run_without_chromium("true")
    assert out.returncode == 1, out.stdout
    assert "CI=true but Chromium is not installed" in out.stdout

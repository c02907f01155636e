"""The report's writers leave nothing half-written (issue 19 item 3): a failure midway
leaves the target absent (or with its old content) and no temporary file beside it."""

from __future__ import annotations

import pathlib

import openpyxl
import pytest

import lsmnet as lsm


@pytest.fixture
def report(small_data):
    return lsm.report(small_data, progress=False)


def _fail_after_writing_half(original):
    def write(self, *args, **kwargs):
        text = args[0] if args else kwargs["data"]
        original(self, text[: len(text) // 2], *args[1:], **kwargs)
        raise OSError("disk full (simulated)")

    return write


def test_html_failing_midway_leaves_no_file(report, tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    monkeypatch.setattr(
        pathlib.Path, "write_text", _fail_after_writing_half(pathlib.Path.write_text)
    )
    with pytest.raises(OSError, match="simulated"):
        report.to_html(target)
    assert list(tmp_path.iterdir()) == []


def test_html_failing_midway_keeps_the_old_file(report, tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(
        pathlib.Path, "write_text", _fail_after_writing_half(pathlib.Path.write_text)
    )
    with pytest.raises(OSError, match="simulated"):
        report.to_html(target)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    assert target.read_text(encoding="utf-8") == "old"


def test_workbook_failing_midway_leaves_no_file(report, tmp_path, monkeypatch):
    target = tmp_path / "report.xlsx"
    original = openpyxl.Workbook.save

    def save(self, filename):
        original(self, filename)  # a whole file is on disk under the temporary name ...
        raise OSError("disk full (simulated)")  # ... and then the writer fails

    monkeypatch.setattr(openpyxl.Workbook, "save", save)
    with pytest.raises(OSError, match="simulated"):
        report.to_excel(target)
    assert list(tmp_path.iterdir()) == []


def test_writers_succeed_normally(report, tmp_path):
    # the control: without a failure both files appear, complete
    html = report.to_html(tmp_path / "r.html")
    book = report.to_excel(tmp_path / "r.xlsx")
    assert html.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert openpyxl.load_workbook(book).sheetnames
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.xlsx"]

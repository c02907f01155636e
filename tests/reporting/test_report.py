"""lsmnet.report: the Report object, its HTML and its workbook (without a browser).

References: the escaping checks parse the HTML with Python's own html.parser (an independent
HTML tokenizer) and list every element and attribute; the workbook checks reopen the file with
openpyxl and inspect every cell; the script hash is recomputed with hashlib.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import numpy as np
import openpyxl
import pandas as pd
import pytest
from markupsafe import escape

import lsmnet as lsm
from lsmnet.exceptions import InvalidParameterError
from lsmnet.reporting import charts, core, sections
from lsmnet.reporting.core import Report
from lsmnet.reporting.html import TIMESTAMP_ID
from lsmnet.reporting.labels import text
from lsmnet.risk.catalog import flag_codes, message

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav",
    "ul", "li", "a", "main", "section", "div", "article", "span", "dl", "dt", "dd", "figure",
    "img", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "button", "small",
    "details", "summary", "strong", "em", "footer", "script", "label", "input", "select",
    "option", "fieldset", "legend", "aside", "ol", "h4", "br",
}  # fmt: skip


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        # JSON data blocks are never run; only executable scripts are collected
        self._in_script = tag == "script" and "type" not in dict(attrs)

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def small_report(small_data):
    return lsm.report(small_data)


@pytest.fixture(scope="module")
def hostile_report(hostile_data):
    return lsm.report(hostile_data)


def _without_timestamp(html: str) -> str:
    return re.sub(rf'(<span id="{TIMESTAMP_ID}">)[^<]*(</span>)', r"\1\2", html)


def test_report_object(small_report, small_data):
    assert isinstance(small_report, Report)
    assert [u.id for u in small_report.units] == ["C1", "C2"]
    assert small_report.lang == "en" and small_report.seed == 0
    assert set(small_report.members) == {"C1", "C2"}
    assert len(small_report.members["C1"]) == len(small_data.coalition_members("C1"))
    assert set(small_report.flags["coalition"].dropna()) <= {"C1", "C2"}
    assert "Report: 2 coalition(s)" in repr(small_report)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"coalition": "nope"}, r"'coalition' parameter of report must be a coalition_id"),
        ({"lang": "fr"}, r"'lang' parameter of report must be one of 'en', 'id'"),
        ({"seed": -1}, r"'seed' parameter of report"),
        ({"seed": None}, r"'seed' parameter of report must be a non-negative integer"),
        ({"seed": np.random.default_rng(0)}, r"'seed' parameter of report must be"),
    ],
)
def test_report_errors(small_data, kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        lsm.report(small_data, **kwargs)


def test_report_needs_network_data():
    with pytest.raises(InvalidParameterError, match=r"report needs a NetworkData .*lsmnet\.read"):
        lsm.report(pd.DataFrame())


def test_html_is_self_contained(small_report):
    html = small_report.html()
    parsed = Elements(html)
    assert html.startswith("<!DOCTYPE html>")
    for tag, attrs in parsed.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("data:image/", "#")), (tag, value[:40])
    images = [attrs for tag, attrs in parsed.tags if tag == "img"]
    assert len(images) >= 5  # two maps, two quadrants, Lorenz, layers, change
    for attrs in images:
        payload = base64.b64decode(attrs["src"].split(",", 1)[1])
        assert payload.startswith((b"\x89PNG", b"<?xml"))
        assert attrs["alt"] and int(attrs["width"]) > 0 and int(attrs["height"]) > 0


def test_html_ids_are_unique(small_report):
    # a repeated id breaks in-page links and getElementById (sections vs their tables)
    ids = re.findall(r'\sid="([^"]+)"', small_report.html())
    assert ids and len(ids) == len(set(ids)), sorted(i for i in set(ids) if ids.count(i) > 1)


def test_csp_allows_exactly_the_inline_script_and_style(small_report):
    html = small_report.html()
    parsed = Elements(html)
    csp = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    scripts = parsed.scripts
    assert len(scripts) == 3  # the map library, the maps and the table sorting, once each
    digests = [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts]
    assert "script-src " + " ".join(f"'sha256-{d}'" for d in digests) in csp
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert "unsafe-inline" not in csp


def test_hostile_names_are_escaped(hostile_report, hostile_names):
    html = hostile_report.html()
    parsed = Elements(html)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS
    executable = [a for tag, a in parsed.tags if tag == "script" and "type" not in a]
    assert len(executable) == 3
    data_blocks = [a for tag, a in parsed.tags if tag == "script" and "type" in a]
    assert {a["type"] for a in data_blocks} == {"application/json"}
    assert sum(tag == "img" and attrs.get("src") == "x" for tag, attrs in parsed.tags) == 0
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
    # the maps' JSON blocks hold the names with <, > and & as \u escapes (quotes are JSON's);
    # everywhere else every special character is an HTML entity
    blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert blocks and all(not set("<>&") & set(block) for block in blocks)
    decoded = {n["name"] for block in blocks[1:] for n in json.loads(block)["nodes"]}
    assert set(hostile_names) <= decoded
    outside = re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", html, flags=re.S)
    for name in hostile_names:
        if any(ch in name for ch in "<>&\"'"):
            assert name not in outside, name
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    # template syntax inside a name is data, not template code
    assert "{{ 7*7 }}" in html and "49" not in re.findall(r"\$\\frac\{\$ &amp; (\S+)", html)


def test_deterministic_apart_from_the_timestamp(small_report, small_data):
    again = lsm.report(small_data)
    assert again.generated >= small_report.generated
    assert _without_timestamp(again.html()) == _without_timestamp(small_report.html())
    assert len(re.findall(TIMESTAMP_ID, again.html())) == 1


def test_seed_changes_the_maps(small_report):
    reseeded = dataclasses.replace(small_report, seed=1)

    def images(report):
        return [image.img for image in charts.maps(report, *charts.map_graphs(report)).values()]

    first = images(small_report)
    assert first == images(small_report)
    assert first != images(reseeded)
    # the interactive map uses the same seeded layout: its coordinates move with the seed
    assert charts.map_graphs(small_report)[2] != charts.map_graphs(reseeded)[2]


def test_sections_and_methods(small_report):
    html = small_report.html()
    for section in (
        "summary", "maps", "trust-value", "concentration", "layers", "risks", "members",
        "bridges", "change", "methods",
    ):  # fmt: skip
        assert f'<section id="{section}">' in html
    methods = html.split('<section id="methods">')[1]
    for code in flag_codes():
        assert f"<td>{code}</td>" in methods
    assert f'<dd class="user-data">{lsm.__version__}</dd>' in methods
    assert "Freeman, L. C. (1978)" in methods
    # C2 has members O07..O13, of which O07..O09 answered the survey (3 of 7)
    assert (
        text(
            "quality.response", "en", name="Jaringan Dua", respondents="3", members="7", rate="43%"
        )
        in methods
    )


def test_member_tables_are_sortable_and_highlighted(small_report, small_data):
    html = small_report.html()
    for i, cid in enumerate(("C1", "C2")):
        block = html.split(f'id="members-{i}"')[1].split("</table>")[0]
        assert block.count("<tr>") == 1 + len(small_data.coalition_members(cid))
        assert 'aria-sort="none"><button type="button">' in block
        assert 'class="num top"' in block


def test_indonesian_report(small_data):
    html = lsm.report(small_data, lang="id").html()
    assert '<html lang="id">' in html
    assert text("section.risks", "id") in html
    assert text("section.risks", "en") not in html
    assert text("intro.summary", "en") not in html


def test_one_coalition_and_snapshot(small_data):
    rep = lsm.report(small_data, coalition="C2", at=2020)
    assert [u.id for u in rep.units] == ["C2"]
    html = rep.html()
    assert text("report.title_one", "en", name="Jaringan Dua") in html
    assert text("report.snapshot", "en", at=2020) in html
    assert set(rep.flags["coalition"].dropna()) <= {"C2"}


def test_data_without_ratings_or_dates(small_data):
    data = small_data
    bare = lsm.from_frames(
        data.organizations,
        data.coalitions,
        data.memberships.drop(columns=["start", "end"]),
        data.ties.drop(columns=["start", "end"]),
    )
    rep = lsm.report(bare)
    html = rep.html()
    assert rep.change is None
    assert text("note.no_ratings", "en") in html
    assert text("note.no_dates", "en") in html


def test_data_without_coalitions_is_one_network(small_data):
    data = lsm.from_frames(small_data.organizations, ties=small_data.ties)
    rep = lsm.report(data, lang="id")
    whole = message("labels.whole_network", "id")
    assert [(u.id, u.coalition, u.name) for u in rep.units] == [("network", None, whole)]
    assert list(rep.health.index) == ["network"]
    assert rep.members == {}  # member_table needs a coalition
    html = rep.html()
    assert f"<summary>{whole}</summary>" in html  # its map
    # issue 14: described as the whole network, never as "1 coalitions" ("1 koalisi")
    assert "1 koalisi" not in html
    assert "seluruh jaringan (tidak ada koalisi dalam data ini)" in html
    assert rep.flags["coalition"].isna().all()


def test_weaving_skipped_beyond_its_size_limit(small_data, monkeypatch):
    monkeypatch.setattr(core, "WEAVING_MAX_NODES", 5)
    monkeypatch.setattr(sections, "WEAVING_MAX_NODES", 5)  # the note names the limit
    rep = lsm.report(small_data, coalition="C2")  # 7 members
    assert rep.weaving is None
    assert text("note.weaving_too_big", "en", n=5) in rep.html()


def test_progress_bar_on_request(small_data, capsys):
    lsm.report(small_data, coalition="C2", progress=True)
    assert "lsmnet report" in capsys.readouterr().err
    lsm.report(small_data, coalition="C2", progress=False)
    assert capsys.readouterr().err == ""
    with pytest.raises(InvalidParameterError, match="'progress' parameter"):
        lsm.report(small_data, progress="yes")


def test_repr_html_isolates_the_report(small_report):
    shown = small_report._repr_html_()
    assert shown.startswith("<iframe") and shown.endswith("</iframe>")
    assert "<script" not in shown  # the whole report is an escaped attribute value
    assert 'sandbox="allow-scripts"' in shown


def test_report_is_callable_whatever_was_imported_first():
    code = (
        "import pandas as pd, lsmnet.reporting.labels, lsmnet as lsm\n"
        "m = pd.DataFrame({'org_id': ['a', 'b', 'c'], 'coalition_id': 'K'})\n"
        "t = pd.DataFrame({'source': ['a', 'b'], 'target': ['b', 'c'], 'layer': 'network'})\n"
        "print(type(lsm.report(lsm.from_frames(memberships=m, ties=t))).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Report"


def test_files_are_written_where_asked(small_report, tmp_path):
    html = small_report.to_html(tmp_path / "new" / "r.html")
    xlsx = small_report.to_excel(tmp_path / "new" / "r.xlsx")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["r.html", "r.xlsx"]
    assert html.read_text(encoding="utf-8") == small_report.html()
    assert xlsx.stat().st_size > 5000


@pytest.mark.parametrize("lang", ["en", "id"])
def test_workbook_sheets(small_data, tmp_path, lang):
    rep = lsm.report(small_data, lang=lang)
    wb = openpyxl.load_workbook(rep.to_excel(tmp_path / "r.xlsx"))
    keys = ("scorecard", "members", "risks", "bridges", "dyads", "definitions", "notes")
    assert wb.sheetnames == [text(f"sheet.{k}", lang) for k in keys]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None
    members = wb[text("sheet.members", lang)]
    assert members.max_row == 1 + sum(len(m) for m in rep.members.values())
    risks = wb[text("sheet.risks", lang)]
    assert risks.max_row == 1 + len(rep.flags)
    definitions = wb[text("sheet.definitions", lang)]
    codes = {c.value for c in definitions["A"][1:]}
    assert set(flag_codes()) <= codes


def test_workbook_neutralises_every_hostile_cell(hostile_report, tmp_path):
    wb = openpyxl.load_workbook(hostile_report.to_excel(tmp_path / "r.xlsx"))
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                    pytest.fail(f"{ws.title}!{cell.coordinate} starts a formula: {cell.value!r}")
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    seen += 1
    assert seen >= 3  # members, dyads and the risk register all name the organisation


@pytest.mark.slow
def test_two_thousand_organisations(tmp_path):
    n = 2000
    rng = np.random.default_rng(1)
    ids = [f"O{i:04d}" for i in range(n)]
    orgs = pd.DataFrame({"org_id": ids, "name": [f"Organisation {i}" for i in range(n)]})
    coalitions = pd.DataFrame({"coalition_id": ["BIG", "SMALL"], "name": ["Big", "Small"]})
    memberships = pd.DataFrame(
        {"org_id": ids + ids[:40], "coalition_id": ["BIG"] * n + ["SMALL"] * 40}
    )
    src = rng.integers(0, n, 6000)
    dst = (src + rng.integers(1, 60, 6000)) % n
    ties = pd.DataFrame(
        {"source": [ids[i] for i in src], "target": [ids[j] for j in dst], "layer": "network"}
    ).drop_duplicates()
    data = lsm.from_frames(orgs, coalitions, memberships, ties)
    rep = lsm.report(data)
    path = rep.to_html(tmp_path / "big.html")
    rep.to_excel(tmp_path / "big.xlsx")
    html = path.read_text(encoding="utf-8")
    # time is measured by benchmarks/run.py; size is a property of the output
    assert path.stat().st_size < 5_000_000
    assert text("note.map_simplified", "en", shown=300, total=n) in html
    block = html.split('id="members-0"')[1].split("</table>")[0]
    # the page shows the best-connected members and says so; the workbook has them all
    assert block.count("<tr>") == 1 + sections.MEMBER_ROWS
    shown = text("note.members_top", "en", shown=sections.MEMBER_ROWS, total=n)
    assert str(escape(shown)) in html
    wb = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)
    members = wb[text("sheet.members", "en")]
    assert sum(1 for _ in members.iter_rows(values_only=True)) == 1 + n + 40


def test_trust_without_value_items_agrees_with_the_cards(small_data):
    # issue 14: one trust item, no value items; the cards show a mean trust, so the
    # trust-and-value section must not say that there are no ratings
    ratings = small_data.ratings[["rater", "ratee", "reliability"]]
    data = lsm.from_frames(
        small_data.organizations,
        small_data.coalitions,
        small_data.memberships,
        small_data.ties,
        ratings,
    )
    rep = lsm.report(data, progress=False)
    html = rep.html()
    assert rep.health["trust"].notna().any()
    assert text("note.no_ratings", "en") not in html
    assert str(escape(text("note.trust_only", "en"))) in html
    assert str(escape(text("card.caveat_outside", "en"))) not in html  # rates are known
    # ratings whose response rate is unknown (raters outside the coalition): a caveat per card
    unknown = dataclasses.replace(rep, health=rep.health.assign(response_rate=np.nan))
    caveat = str(escape(text("card.caveat_outside", "en")))
    assert unknown.html().count(caveat) == len(rep.units)


def test_change_over_time_shows_every_year_and_undated_ratings_once(small_report, small_data):
    # issue 16: a year in which a coalition started was skipped, and undated trust repeated
    dates = pd.concat([small_data.ties["start"], small_data.memberships["start"]]).dropna()
    years = list(range(dates.min().year, dates.max().year + 1))  # 2019..2022 in make_data
    change = small_report.change
    assert sorted(change.index.get_level_values("period").unique()) == years
    trust = change["trust"].groupby(level="period").apply(lambda s: s.notna().any())
    assert trust.tolist() == [False] * (len(years) - 1) + [True]
    note = text("note.ratings_once", "en", period=years[-1])
    assert note in small_report.html()


def test_many_coalitions_keep_the_page_small(small_data, monkeypatch):
    # issue 16: a sector of hundreds of coalitions; here two coalitions count as "many"
    from lsmnet.reporting import common, sections

    monkeypatch.setattr(common, "MANY_UNITS", 1)
    monkeypatch.setattr(common, "LARGE_SHOWN", 1)
    monkeypatch.setattr(sections, "REGISTER_ROWS_LARGE", 1)
    rep = lsm.report(small_data, progress=False)
    html = rep.html()
    assert html.count('class="print-only"><figure>') == 1  # one printed map, two live maps
    assert html.count('class="map-data"') == 2
    assert text("note.register_large", "en").split(";")[0] in html.replace("&#39;", "'")
    rows = re.findall(r"<tr><td data-label=", html)
    high = int((rep.flags["severity"] == "high").sum())
    assert 0 < len(rows) <= len(rep.units) < high  # at most one row per coalition
    members = re.search(r'<section id="members">(.*?)</section>', html, re.S).group(1)
    assert text("col.closeness", "en") not in members  # compact member tables

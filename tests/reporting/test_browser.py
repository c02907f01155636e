"""The HTML report in a real browser: headless Debian Chromium driven by Playwright.

Skipped locally (with the reason) when Chromium or Playwright is missing; under CI=true the
``browser`` fixture fails instead (see conftest.py).
"""

from __future__ import annotations

import re

import pytest

import lsmnet as lsm
from lsmnet.metrics import centrality
from lsmnet.reporting.labels import catalogue, text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory):
    """The English and Indonesian reports of the bundled example, written once."""
    data = lsm.datasets.load_dataset("indonesia_demo")
    out = tmp_path_factory.mktemp("browser")
    return {
        lang: lsm.report(data, lang=lang).to_html(out / f"report_{lang}.html")
        for lang in ("en", "id")
    }


@pytest.mark.parametrize("lang", ["en", "id"])
def test_loads_without_errors_or_network_access(example_reports, open_page, lang):
    path = example_reports[lang]
    page = open_page(path)
    assert page.errors == []
    assert page.requests == [path.as_uri()]  # nothing fetched besides the file itself
    assert page.page.evaluate("document.documentElement.lang") == lang
    for section in ("summary", "maps", "risks", "members", "methods"):
        assert page.page.locator(f"section#{section}").count() == 1


def test_every_image_decodes(example_reports, open_page):
    page = open_page(example_reports["en"])
    sizes = page.page.evaluate(
        """() => Array.from(document.images).map(img => [img.complete, img.naturalWidth])"""
    )
    assert len(sizes) >= 4
    assert all(complete and width > 0 for complete, width in sizes)


def _column(page, table, index):
    return page.evaluate(
        """([table, i]) => Array.from(document.querySelectorAll(`#${table} tbody tr`))
               .map(tr => tr.cells[i].getAttribute('data-sort') ?? tr.cells[i].textContent)""",
        [table, index],
    )


def test_member_table_sorts_on_click(example_reports, open_page):
    page = open_page(example_reports["en"]).page
    table = "members-0"
    headers = page.locator(f"#{table} thead th")
    numeric = [
        i for i in range(headers.count()) if "num" in (headers.nth(i).get_attribute("class") or "")
    ]
    index = numeric[0]
    button = headers.nth(index).locator("button")
    button.click()
    assert headers.nth(index).get_attribute("aria-sort") == "ascending"
    values = [float(v) for v in _column(page, table, index) if v not in (None, "–")]
    assert values == sorted(values)
    button.click()
    assert headers.nth(index).get_attribute("aria-sort") == "descending"
    values = [float(v) for v in _column(page, table, index) if v not in (None, "–")]
    assert values == sorted(values, reverse=True)
    assert len(values) > 3
    # a text column sorts alphabetically, ignoring case
    headers.nth(1).locator("button").click()
    names = _column(page, table, 1)
    assert names == sorted(names, key=str.lower)


def _english_ui():
    """English UI texts that differ from their Indonesian translation: whole labels, and the
    fixed phrases (two words or more) of texts with placeholders."""
    labels, phrases = set(), set()
    for texts in catalogue().values():
        en, id_ = texts["en"], texts["id"]
        if en == id_:
            continue
        if "{" not in en:
            labels.add(" ".join(en.split()).lower())
        for part in re.split(r"\{[^}]*\}", en):
            part = part.strip(" :·,.;()–-")
            if len(part.split()) >= 2 and part.lower() not in id_.lower():
                phrases.add(part)
    return labels, phrases


# Text of each element (own text nodes only) outside the user's data (class "user-data") and
# outside passages in another language (lang attribute, e.g. citations).
_OWN_TEXTS = """() => {
  const out = [];
  const walk = (el) => {
    const foreign = el.hasAttribute('lang') && el !== document.documentElement;
    // scripts (the map library, the maps' JSON data) are not text a reader sees
    if (el.classList.contains('user-data') || foreign || el.tagName === 'SCRIPT') return;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3)
      .map(n => n.textContent).join(' ');
    if (own.trim()) out.push(own.replace(/\\s+/g, ' ').trim());
    for (const child of el.children) walk(child);
  };
  walk(document.body);
  return out;
}"""


def _ui_texts_without_english(page) -> list[str]:
    """The page's own texts, after checking that none is an English UI string."""
    texts = page.evaluate(_OWN_TEXTS)
    texts += page.evaluate("Array.from(document.images).map(i => i.alt)")
    labels, phrases = _english_ui()
    whole = sorted({t for t in texts if t.lower().strip(" :") in labels})
    assert whole == []
    joined = " | ".join(texts)
    inside = sorted(
        p for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", joined, re.IGNORECASE)
    )
    assert inside == []
    return texts


def test_indonesian_report_has_no_english_ui_strings(example_reports, open_page):
    texts = _ui_texts_without_english(open_page(example_reports["id"]).page)
    # and the Indonesian labels are there
    assert "Ringkasan" in texts and "Daftar risiko" in texts


def test_estimated_path_measures_are_announced_in_indonesian(tmp_path, open_page, monkeypatch):
    # C03 has 32 members and the sector 250 organisations: both "large" with this limit
    monkeypatch.setattr(centrality, "EXACT_PATHS_MAX_NODES", 25)
    monkeypatch.setattr(centrality, "DEFAULT_SOURCES", 20)
    data = lsm.datasets.load_dataset("indonesia_demo")
    rep = lsm.report(data, coalition="C03", lang="id", progress=False)
    page = open_page(rep.to_html(tmp_path / "estimated_id.html")).page
    _ui_texts_without_english(page)
    notices = page.locator("p.notice")
    assert notices.count() == 5  # above the two tables; the limit and both tables in methods
    for i in range(notices.count()):
        assert notices.nth(i).is_visible()
        # highlighted: the watch colour of the stylesheet (#fff3e0), not the page's white
        style = "e => getComputedStyle(e).backgroundColor"
        assert notices.nth(i).evaluate(style) == "rgb(255, 243, 224)"
    assert page.locator("#members p.notice").inner_text().startswith(text("path.estimated", "id"))


def test_changed_thresholds_are_shown_in_indonesian(tmp_path, open_page):
    data = lsm.datasets.load_dataset("indonesia_demo")
    changed = {"dom_centralization_watch": 0.15, "min_raters": 2}
    rep = lsm.report(data, coalition="C04", lang="id", thresholds=changed, progress=False)
    page = open_page(rep.to_html(tmp_path / "thresholds_id.html"))
    assert page.errors == []
    _ui_texts_without_english(page.page)
    table = page.page.locator("#methods table#thresholds")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())] == [
        "dom_centralization_watch",
        "min_raters",
    ]
    cells = rows.nth(0).locator("td")
    assert [cells.nth(i).inner_text() for i in (2, 3)] == ["0,5", "0,15"]
    notice = page.page.locator("#risks p.notice")
    assert notice.is_visible() and "dom_centralization_watch, min_raters" in notice.inner_text()


def test_hostile_names_are_displayed_literally_and_run_nothing(
    hostile_data, hostile_names, tmp_path, open_page
):
    path = lsm.report(hostile_data).to_html(tmp_path / "hostile.html")
    page = open_page(path)
    page.page.mouse.move(10, 10)
    page.page.hover("h1")
    assert page.page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.errors == []
    shown = page.page.inner_text("body")
    for name in hostile_names:
        assert " ".join(name.split()) in " ".join(shown.split()), name
    # the only scripts in main are the maps' JSON data blocks, which never run
    assert page.page.locator("main script:not([type='application/json'])").count() == 0
    assert page.page.locator("main img[src='x'], main svg").count() == 0


def test_readable_on_a_phone(example_reports, open_page):
    page = open_page(example_reports["en"], viewport={"width": 375, "height": 740}).page
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # wide tables scroll inside their own box, not the page


def test_printable(example_reports, open_page):
    page = open_page(example_reports["en"]).page
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 50_000

"""Make the report screenshots under docs/: the first screen and a map with a member's card
open, at 1400 px (desktop) and 390 px (phone), of the English example report.

Run from the repository root: ``python tests/reporting/screenshot.py`` (needs Chromium at
/usr/bin/chromium and Playwright for Python). Writes ``docs/report_screenshot.png`` (first
screen, 1400 px), ``docs/report_screenshot_phone.png`` (first screen, 390 px),
``docs/report_map_card.png`` and ``docs/report_map_card_phone.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SIZES = {"": {"width": 1400, "height": 900}, "_phone": {"width": 390, "height": 844}}
TAP_HUB = """document.querySelector('#map-0 .map-canvas').lsmnetMap
  .nodes().max(n => n.degree()).ele.emit('tap')"""


def main() -> int:
    from playwright.sync_api import sync_playwright

    import lsmnet as lsm

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    with tempfile.TemporaryDirectory() as folder:
        data = lsm.datasets.load_dataset("indonesia_demo")
        path = lsm.report(data, lang="en", progress=False).to_html(Path(folder) / "r.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for suffix, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport)
                page.goto(path.as_uri())
                page.screenshot(path=str(DOCS / f"report_screenshot{suffix}.png"))
                page.evaluate("document.querySelector('#map-0').scrollIntoView()")
                page.evaluate(TAP_HUB)  # a tap opens the card as a hover does
                if suffix:  # on a phone the card sits below the map
                    page.evaluate("window.scrollBy(0, 160)")
                page.wait_for_timeout(300)
                page.screenshot(path=str(DOCS / f"report_map_card{suffix}.png"))
                page.close()
            browser.close()
    print(f"Written: {', '.join(str(p) for p in sorted(DOCS.glob('report_*.png')))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

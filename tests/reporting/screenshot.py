"""Make docs/report_screenshot.png: the first screen of the English example report.

Run from the repository root: ``python tests/reporting/screenshot.py`` (needs Chromium at
/usr/bin/chromium and Playwright for Python). The report is written to a temporary folder,
opened in headless Chromium at 1280 x 900 and the visible part is saved.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "report_screenshot.png"


def main() -> int:
    from playwright.sync_api import sync_playwright

    import lsmnet as lsm

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import CHROMIUM, CHROMIUM_ARGS

    with tempfile.TemporaryDirectory() as folder:
        data = lsm.datasets.load_dataset("indonesia_demo")
        path = lsm.report(data, lang="en").to_html(Path(folder) / "report.html")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.as_uri())
            OUT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"Written: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

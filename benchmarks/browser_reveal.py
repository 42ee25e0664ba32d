"""In a real browser: the time from pressing Enter on *Commit my prediction* to the revealed
panel's figure on screen, for Lesson 1's meal panel in JupyterLab (headless Chromium).

``python benchmarks/browser_reveal.py [REPEATS]`` or ``make bench-browser``. Needs Chromium (see
the README). Each repeat restarts the kernel, runs the lesson, clears the record and commits.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.jupyter_server import CHROMIUM_ARGS, RECORD, chromium_path, jupyter_app  # noqa: E402
from tests.browser.test_lessons import open_notebook, run_all  # noqa: E402

NAME = "01_glucose_insulin_feedback.ipynb"


def one(page, lab, workdir: Path) -> float:
    (workdir / RECORD).unlink(missing_ok=True)
    open_notebook(page, lab, NAME)
    run_all(page, NAME)
    prediction = page.locator(".glucolab-prediction").nth(1)
    prediction.scroll_into_view_if_needed()
    radios = prediction.locator("input[type=radio]")
    radios.nth(1).focus()
    page.keyboard.press("Space")
    radios.nth(3).focus()
    page.keyboard.press("Space")
    commit = prediction.locator("button", has_text="Commit")
    commit.focus()
    page.wait_for_timeout(500)  # let the choices reach the kernel
    t0 = time.perf_counter()
    page.keyboard.press("Enter")
    prediction.locator(".jupyter-matplotlib-canvas-div canvas").first.wait_for(timeout=30_000)
    return (time.perf_counter() - t0) * 1e3


def main(repeats: int = 5) -> None:
    from playwright.sync_api import sync_playwright
    if chromium_path() is None:
        sys.exit("no Chromium found (Debian/Ubuntu: sudo apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, jupyter_app(Path(tmp), "lab") as lab, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        times = [one(page, lab, Path(tmp)) for _ in range(repeats)]
        browser.close()
    print(f"Lesson 1, Enter on Commit -> meal panel's figure on screen, {repeats} runs: median "
          f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)

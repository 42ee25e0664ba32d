"""Every lesson in a real browser: JupyterLab in headless Chromium opens the notebook, runs
every cell, and checks that each panel renders and answers its controls; and one lesson as a
Voila app. (One module, so that the browser tests run one after another on one worker.)"""

from __future__ import annotations

import json
import urllib.request

import pytest

from .conftest import require_browser
from .jupyter_server import ROOT, jupyter_app

pytestmark = pytest.mark.browser
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CANVAS = ".jupyter-matplotlib-canvas-div canvas"


def open_notebook(page, lab, name: str) -> None:
    base, token = lab
    # A workspace of its own, reset, so no tab from an earlier test is restored.
    page.goto(f"{base}/lab/workspaces/{name[:2]}/tree/notebooks/{name}?token={token}&reset")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)


def accept_dialogs(page) -> None:
    """Accept a dialog JupyterLab may raise (e.g. "Select Kernel" when a kernel is slow to start)."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count():
        dialog.first.click()


def shutdown_kernels(lab) -> None:
    """Stop every kernel of the test server, so each notebook starts on an unloaded machine."""
    base, token = lab
    headers = {"Authorization": f"token {token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels", headers=headers)) as r:
        kernels = json.load(r)
    for k in kernels:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{k['id']}", headers=headers,
                                                      method="DELETE"))


PROMPTS = "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]"


def run_all(page, name: str, timeout_s: float = 180) -> None:
    """Restart the kernel, run every cell, and wait until all have finished; on an error,
    fail with the notebook's name and the failing cell."""
    page.wait_for_function(  # the kernel is connected and idle
        "() => /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText || '')",
        timeout=120_000)
    accept_dialogs(page)
    page.locator(".lm-MenuBar-item", has_text="Kernel").first.click()
    page.locator(".lm-Menu-item", has_text="Restart Kernel and Run All Cells").first.click()
    page.locator(".jp-Dialog .jp-mod-accept").first.click()  # confirm the restart
    # Queued cells show [*] at once; the run is over when none is left.
    page.wait_for_function(f"() => {PROMPTS}.some(p => p.textContent.includes('*'))", timeout=30_000)
    page.wait_for_function(f"() => !{PROMPTS}.some(p => p.textContent.includes('*'))",
                           timeout=timeout_s * 1000)
    if page.locator(".jp-Dialog", has_text="Kernel").count():
        pytest.fail(f"{name}: the kernel died: {page.locator('.jp-Dialog').first.inner_text()[:300]}")
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                          has_text="Error")
    if errors.count():
        cell = errors.first.locator("xpath=ancestor::div[contains(@class,'jp-CodeCell')]")
        source = cell.locator(".jp-InputArea").inner_text()[:300]
        pytest.fail(f"{name}: a cell failed:\n{source}\n{errors.first.inner_text()[:800]}")


def canvas_image(panel) -> str:
    return panel.locator(CANVAS).first.evaluate("c => c.toDataURL()")


def nudge_first_slider(page, panel) -> bool:
    """Move the panel's first slider with the arrow keys; False if it has no slider."""
    handles = panel.locator(".widget-slider .noUi-handle")
    if handles.count() == 0:
        return False
    readout = panel.locator(".widget-slider .widget-readout").first
    start = readout.inner_text()
    handles.first.focus()
    for key in ("End", "Home"):  # jump to one end of the range, or the other if already there
        page.keyboard.press(key)
        if readout.inner_text() != start:
            return True
    return True


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_runs_and_every_panel_answers_its_controls(lab, page, name):
    open_notebook(page, lab, name)
    run_all(page, name)
    panels = page.locator(".glucolab-panel")
    expected = sum(1 for _ in _panel_cells(name))
    assert panels.count() == expected, f"{name}: {panels.count()} panels on screen, {expected} in the notebook"
    for k in range(panels.count()):
        panel = panels.nth(k)
        panel.scroll_into_view_if_needed()
        panel.locator(CANVAS).first.wait_for(timeout=30_000)
        page.wait_for_timeout(300)
        before = canvas_image(panel)
        if not nudge_first_slider(page, panel):
            continue
        panel.locator(CANVAS).first.evaluate(
            """(c, before) => new Promise((resolve, reject) => {
                const t0 = Date.now();
                (function poll() {
                    if (c.toDataURL() !== before) return resolve(true);
                    if (Date.now() - t0 > 15000) return reject(new Error('figure did not change'));
                    setTimeout(poll, 100);
                })();
            })""", before)
    assert page.locator(".jp-OutputArea-output", has_text="Error displaying widget").count() == 0, name
    shutdown_kernels(lab)


def _panel_cells(name: str):
    """Code cells that display a panel: their source calls a registered panel factory."""
    import json
    from glucolab.panels import all_panels
    factories = {f.__name__ for f in all_panels().values()}
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            for f in factories:
                yield from (cell for _ in range(source.count(f + "(")))


def test_a_slider_can_be_reached_with_tab_and_moved_with_arrows(lab, page):
    """Keyboard-only use: Tab from the panel title to a slider, then the arrow keys."""
    name = "01_glucose_insulin_feedback.ipynb"
    open_notebook(page, lab, name)
    run_all(page, name)
    panel = page.locator(".glucolab-panel").first
    panel.scroll_into_view_if_needed()
    panel.locator(CANVAS).first.wait_for(timeout=30_000)
    panel.locator(".widget-dropdown select").first.focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('noUi-handle')"):
            break
    else:
        pytest.fail("no slider reached with Tab")
    readout = panel.locator(".widget-slider .widget-readout").first
    start = readout.inner_text()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("([el, v]) => el.innerText !== v", arg=[readout.element_handle(), start])
    assert readout.inner_text() != start


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_browser()
    with jupyter_app(tmp_path_factory.mktemp("voila"), "voila") as server:
        yield server


def test_lesson_1_as_an_app(voila, page):
    base, _ = voila
    page.goto(f"{base}/voila/render/01_glucose_insulin_feedback.ipynb", timeout=120_000)
    panel = page.locator(".glucolab-panel").first
    panel.wait_for(timeout=180_000)
    canvas = panel.locator(CANVAS).first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0  # code cells are hidden
    before = canvas.evaluate("c => c.toDataURL()")
    panel.locator(".widget-slider .noUi-handle").first.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("([c, b]) => c.toDataURL() !== b", arg=[canvas.element_handle(), before],
                           timeout=15_000)
    assert page.locator(".jp-OutputArea-output, .jp-Cell-outputArea", has_text="Error displaying widget").count() == 0

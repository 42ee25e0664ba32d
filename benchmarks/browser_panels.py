"""In a real browser: for every panel of every lesson, the time from an arrow key on its first
control that changes the figure (a slider, else a number box) to the first changed pixel of its
figure, beside a bare ipympl figure of the same size measured in the same run (JupyterLab in
headless Chromium).

``python benchmarks/browser_panels.py [MOVES] [LESSON_PREFIX ...]`` or ``make bench-browser``.
Needs Chromium (see the README).

How a move is timed. A capturing ``keydown`` listener notes ``performance.now()``; the panel's
canvas context has its ``drawImage`` wrapped (ipympl paints every new image of the figure with
it), and the wrapper compares the canvas with its pixels before the key; a requestAnimationFrame
loop does the same compare in case a paint took another route. The first change ends the move.
Each panel gets MOVES arrow presses (right and left in turn, so the value goes back and forth);
the table gives the median and the 90th percentile, and the ratio of the median to that of a bare
ipympl figure of the same canvas size (one line, a FloatSlider whose observer calls
``line.set_ydata`` and ``fig.canvas.draw_idle``) measured the same way in the same browser.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.jupyter_server import CHROMIUM_ARGS, chromium_path, jupyter_app  # noqa: E402
from tests.browser.test_lessons import (  # noqa: E402
    CANVAS, NOTEBOOKS, open_locks, open_notebook, run_all, shutdown_kernels)

BARE = "zz_bare_ipympl.ipynb"
SETTLE_MS = 250  # after a change, let any later image of the same move arrive before the next key
TIMEOUT_MS = 10_000

# Installed once per page: the keydown clock and the per-canvas watcher.
INSTALL = """() => {
  if (window.__move) return;
  const state = window.__move = {t0: null, result: null, canvas: null, before: null};
  window.addEventListener('keydown', () => { state.t0 = performance.now(); }, true);
  const pixels = (c) => new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
  const changed = (c) => {
    const now = pixels(c), before = state.before;
    if (now.length !== before.length) return true;
    for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return true;
    return false;
  };
  state.check = (c) => {
    if (state.canvas !== c || state.result !== null || state.t0 === null) return;
    if (changed(c)) state.result = performance.now() - state.t0;
  };
  state.arm = (c) => {
    const ctx = c.getContext('2d');
    if (!ctx.__wrapped) {
      const draw = ctx.drawImage;
      ctx.drawImage = function (...args) { draw.apply(this, args); state.check(c); };
      ctx.__wrapped = true;
    }
    state.canvas = c; state.before = pixels(c); state.t0 = null; state.result = null;
    const loop = () => { if (state.canvas !== c || state.result !== null) return;
                         state.check(c); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  };
}"""

BARE_SOURCE = '''%matplotlib widget
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np


def bare(width_px, height_px, dpi=96):
    """One line and one slider; the slider's observer moves the line and asks for a draw."""
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    x = np.linspace(0, 10, 400)
    line, = ax.plot(x, np.sin(x))
    fig.canvas.header_visible = fig.canvas.footer_visible = False
    fig.canvas.toolbar_position, fig.canvas.resizable = "right", False
    slider = widgets.FloatSlider(value=1.0, min=0.0, max=5.0, step=0.1, description="shift")

    def move(change):
        line.set_ydata(np.sin(x + change["new"]))
        fig.canvas.draw_idle()
    slider.observe(move, names="value")
    box = widgets.VBox([widgets.HTML(f"<h4>bare ipympl {width_px}x{height_px}</h4>"), slider, fig.canvas])
    box.add_class("glucolab-panel")
    return box
'''


def _percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_panel(page, panel, moves: int) -> dict | None:
    """Arrow-key moves on the panel's first slider that changes its figure (a slider for a factor
    the figure does not show at the start-up settings is passed over), else on its first number
    box that does (ArrowUp and ArrowDown step a number box); None if it has neither."""
    handles = panel.locator(".widget-slider .noUi-handle")
    boxes = panel.locator(".widget-text input[type=number]")
    if handles.count() + boxes.count() == 0:
        return None
    panel.scroll_into_view_if_needed()
    canvas = panel.locator(CANVAS).first
    title = panel.locator("h4").first.inner_text().strip()
    try:
        canvas.wait_for(timeout=15_000)
    except Exception:  # noqa: BLE001 - a figure inside a closed box has a hidden, empty canvas
        return {"title": title, "size": (0, 0), "times": [], "missed": 0}
    page.wait_for_timeout(300)
    size = canvas.evaluate("c => [c.clientWidth, c.clientHeight]")
    controls = [(handles.nth(k), _slider_keys(handles.nth(k))) for k in range(handles.count())]
    controls += [(boxes.nth(k), ("ArrowUp", "ArrowDown")) for k in range(boxes.count())]
    for control, keys in controls:
        times, missed = _move(page, canvas, control, keys, moves)
        if times:
            break
    page.evaluate("() => { window.__move.canvas = null; }")
    return {"title": title, "size": tuple(size), "times": times, "missed": missed}


def _slider_keys(handle) -> tuple:
    """Right then left, or left then right for a handle already at its top."""
    at_max = handle.evaluate("h => Number(h.getAttribute('aria-valuenow')) >= Number(h.getAttribute('aria-valuemax'))")
    return ("ArrowLeft", "ArrowRight") if at_max else ("ArrowRight", "ArrowLeft")


def _move(page, canvas, control, keys: tuple, moves: int) -> tuple[list, int]:
    """Time ``moves`` presses of ``keys`` in turn on one control; stop early if two change nothing."""
    control.focus()
    times, missed = [], 0
    for k in range(moves):
        canvas.evaluate("c => window.__move.arm(c)")
        page.keyboard.press(keys[k % 2])
        try:
            page.wait_for_function("() => window.__move.result !== null", timeout=TIMEOUT_MS, polling=20)
            times.append(page.evaluate("() => window.__move.result"))
        except Exception:  # noqa: BLE001 - a move that changed nothing is counted, not fatal
            missed += 1
            if missed >= 2 and not times:  # this control does not change the figure (a factor unused here)
                break
        page.wait_for_timeout(SETTLE_MS)
    return times, missed


def measure_notebook(page, lab, name: str, moves: int, skip_locks: bool = True) -> list[dict]:
    open_notebook(page, lab, name)
    run_all(page, name)
    if skip_locks and page.locator(".glucolab-prediction").count():
        open_locks(page)
        page.wait_for_timeout(1500)  # panels opened by Skip take a moment to draw
    page.evaluate(INSTALL)
    panels = page.locator(".glucolab-panel")
    results = []
    for k in range(panels.count()):
        found = measure_panel(page, panels.nth(k), moves)
        if found is not None:
            results.append(found)
    shutdown_kernels(lab)
    return results


def write_bare_notebook(folder: Path, sizes) -> None:
    import nbformat
    cells = [nbformat.v4.new_code_cell(BARE_SOURCE)]
    cells += [nbformat.v4.new_code_cell(f"bare({w}, {h})") for w, h in sorted(sizes)]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / BARE)


def main(moves: int = 15, only: tuple[str, ...] = ()) -> None:
    from playwright.sync_api import sync_playwright
    if chromium_path() is None:
        sys.exit("no Chromium found (Debian/Ubuntu: sudo apt-get install chromium)")
    names = [n for n in NOTEBOOKS if not only or n.startswith(only)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, jupyter_app(Path(tmp), "lab") as lab, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for name in names:
            for found in measure_notebook(page, lab, name, moves):
                rows.append((name[:2], found))
                times = sorted(found["times"]) or [float("nan")]
                print(f"  {name[:2]} {found['title'][:50]}: {found['size']}, {len(found['times'])} moves, "
                      f"median {statistics.median(times):.0f} ms", file=sys.stderr, flush=True)
        write_bare_notebook(Path(tmp) / "notebooks", {r["size"] for _, r in rows if r["times"]} or {(730, 614)})
        bare = {r["size"]: r for r in measure_notebook(page, lab, BARE, moves, skip_locks=False)}
        for r in bare.values():
            print(f"  bare {r['size']}: median {statistics.median(r['times'] or [float('nan')]):.0f} ms",
                  file=sys.stderr, flush=True)
        browser.close()
    print(f"\nArrow key on a panel's first control that moves its figure -> first changed pixel, {moves} moves "
          "each (JupyterLab, headless Chromium)")
    print(f"{'lesson':6} {'panel':52} {'size':>9} {'median':>7} {'p90':>6} {'bare':>6} {'ratio':>6}")

    def line(lesson, title, r, ref):
        if not r["times"]:
            why = ("figure hidden (in a closed box)" if r["size"] == (0, 0)
                   else "no control changed the figure")
            print(f"{lesson:6} {title[:52]:52} {'':>9} {why}")
            return
        med, p90 = statistics.median(r["times"]), _percentile(r["times"], 0.9)
        ref_med = statistics.median(ref["times"]) if ref and ref["times"] else float("nan")
        size = f"{r['size'][0]}x{r['size'][1]}"
        missed = f"  ({r['missed']} missed)" if r["missed"] else ""
        print(f"{lesson:6} {title[:52]:52} {size:>9} {med:7.0f} {p90:6.0f} {ref_med:6.0f} {med / ref_med:6.2f}{missed}")

    for lesson, r in rows:
        line(lesson, r["title"], r, bare.get(r["size"]))
    for size, r in sorted(bare.items()):
        line("bare", r["title"], r, r)


# Run in the lesson's kernel (through its connection file) for --profile: wall-clock stamps of
# each Panel.update, each figure draw (render, PNG diff, send) and its PNG encoding alone.
PROBE = """
import time as _time
from glucolab.panels.base import Panel as _Panel
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore as _Canvas
_probe = {"update": [], "draw": [], "png": []}
def _timed(cls, method, key):
    original = getattr(cls, method)
    def timed(self, *args, **kwargs):
        start = _time.time()
        try:
            return original(self, *args, **kwargs)
        finally:
            _probe[key].append((start * 1e3, _time.time() * 1e3))
    setattr(cls, method, timed)
_timed(_Panel, "update", "update")
_timed(_Canvas, "draw", "draw")
_timed(_Canvas, "get_diff_image", "png")
"""


def kernel_client(workdir: Path):
    from jupyter_client import BlockingKernelClient
    newest = max((workdir / ".jupyter-runtime").glob("kernel-*.json"), key=lambda f: f.stat().st_mtime)
    client = BlockingKernelClient()
    client.load_connection_file(str(newest))
    client.start_channels()
    client.wait_for_ready(timeout=30)
    return client


def kernel_eval(client, code: str, expression: str = "None"):
    import ast
    reply = client.execute_interactive(code, user_expressions={"out": expression}, timeout=60,
                                       output_hook=lambda _msg: None)
    return ast.literal_eval(reply["content"]["user_expressions"]["out"]["data"]["text/plain"])


def profile(name: str, index: int, moves: int = 15) -> None:
    """Where the time of one panel's moves goes: key -> Panel.update (widget message in), the
    update (solve, artists, readout), update end -> draw start (the draw request round trip:
    draw_idle asks the browser, which asks the kernel back), the draw (render + PNG diff + send;
    PNG encoding alone), and draw end -> changed pixel (image to the browser, decode, paint)."""
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp, jupyter_app(Path(tmp), "lab") as lab, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        if name == BARE:
            write_bare_notebook(Path(tmp) / "notebooks", {(730, 614)})
        open_notebook(page, lab, name)
        run_all(page, name)
        if page.locator(".glucolab-prediction").count():
            open_locks(page)
            page.wait_for_timeout(1500)
        page.evaluate(INSTALL)
        page.evaluate("() => { window.__keys = []; window.addEventListener('keydown', "
                      "() => window.__keys.push(performance.timeOrigin + performance.now()), true); }")
        client = kernel_client(Path(tmp))
        kernel_eval(client, PROBE)
        found = measure_panel(page, page.locator(".glucolab-panel").nth(index), moves)
        keys = page.evaluate("() => window.__keys")
        probe = kernel_eval(client, "", "_probe")
        client.stop_channels()
        browser.close()
    print(f"{name} panel {index} ({found['title']}), {moves} moves; medians in ms")
    rows = []
    for k, key in enumerate(keys):
        upd = next((u for u in probe["update"] if u[0] >= key), None)
        start = upd[1] if upd else key
        draw = next((d for d in probe["draw"] if d[0] >= start), None)
        png = next((q for q in probe["png"] if draw and draw[0] <= q[0] <= draw[1]), None)
        if draw is None or k >= len(found["times"]):
            continue
        pixel = key + found["times"][k]
        rows.append({"key -> update (widget message)": (upd[0] - key) if upd else float("nan"),
                     "update (solve, artists, readout)": (upd[1] - upd[0]) if upd else float("nan"),
                     "update end -> draw (draw request round trip)": draw[0] - start,
                     "draw (render + PNG diff + send)": draw[1] - draw[0],
                     "  of which get_diff_image (PNG)": (png[1] - png[0]) if png else float("nan"),
                     "draw end -> changed pixel (to browser, decode, paint)": pixel - draw[1],
                     "total key -> pixel": found["times"][k]})
    for label in rows[0] if rows else ():
        print(f"  {label:55} {statistics.median(r[label] for r in rows):7.1f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--profile"]:
        profile(args[1], int(args[2]), int(args[3]) if len(args) > 3 else 15)
    else:
        main(int(args[0]) if args else 15, tuple(args[1:]))

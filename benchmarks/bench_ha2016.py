"""Speed of the Ha, Satin & Sherman (2016) model behind Lesson 8.

Targets: one five-year run <= 50 ms (a slider move of the course panel solves one), and the
start-day x strength map (at least 30 x 30 runs) <= 2 s. Also measured: a slider move of the
course panel with a setting never solved before (no cache), model solve plus full redraw.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.models import ha2016 as ha  # noqa: E402
from glucolab.models import ha2016_map as hm  # noqa: E402

RUN_TARGET_MS = 50.0
MAP_TARGET_MS = 2000.0
PANEL_TARGET_MS = 50.0


def _panel_move_uncached(repeats: int) -> np.ndarray:
    """Median cost of moving the start slider of the course panel to values never seen before."""
    import matplotlib.pyplot as plt

    from glucolab.panels.reversal import reversal_panel, run_course
    panel = reversal_panel()
    panel.figure.canvas.draw()
    values = iter(np.linspace(0.5, 4.0, repeats + 2) + 0.0123)  # fresh values: no cached solve

    def move():
        run_course.cache_clear()
        panel.controls["start_year"].value = float(next(values))

    times = measure(move, repeats)
    panel.close()
    plt.close("all")
    return times


def run() -> None:
    for name in ha.SCENARIOS:
        times = measure(lambda: ha.scenario(name), 20)
        med = np.median(times)
        print(f"{'5-year run, ' + name:<40}{med:8.1f} ms median   target <= {RUN_TARGET_MS:.0f} ms: "
              f"{verdict(med, RUN_TARGET_MS)}")
    grid = (np.linspace(0.0, 4 * ha.DAYS_PER_YEAR, 30), np.linspace(0.18, 0.8, 30))
    for label, fn in (("map 30 x 30 runs", lambda: hm.outcome_map(*grid)),
                      ("lesson map 41 x 32 runs", hm.default_map.__wrapped__)):
        times = measure(fn, 3, warmup=1)
        med = np.median(times)
        print(f"{label:<40}{med:8.0f} ms median   target <= {MAP_TARGET_MS:.0f} ms: {verdict(med, MAP_TARGET_MS)}")
    times = _panel_move_uncached(15)
    med = np.median(times)
    print(f"{'course panel, uncached slider move':<40}{med:8.1f} ms median   target <= {PANEL_TARGET_MS:.0f} ms: "
          f"{verdict(med, PANEL_TARGET_MS)}")


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    run()

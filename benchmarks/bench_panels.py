"""Latency of one control change on every registered panel (model solve + Agg redraw),
against the time to rebuild the same figure from scratch.

Targets (2-core machine): median <= 50 ms, and at most half the rebuild time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure  # noqa: E402

from glucolab.panels import all_panels  # noqa: E402

TARGET_MEDIAN_MS = 50.0


def _numeric_controls(panel):
    return {k: w for k, w in panel.controls.items() if isinstance(getattr(w, "value", None), (int, float))
            and not isinstance(w.value, bool) and hasattr(w, "min")}


def _timings(panel, w, values, repeats):
    state = {"i": 0}

    def move():  # on Agg, the panel's draw_idle renders at once: solve + redraw
        state["i"] += 1
        w.value = float(values[state["i"] % len(values)])

    return measure(move, repeats)


def run(repeats: int = 30) -> None:
    """Two kinds of control change: a drag (steps of 1/60 of the range, back and forth, as
    when a slider is dragged or moved with the arrow keys) and a jump (across the range, as
    when the track is clicked). The verdict is on the drag; jumps are reported beside it."""
    print(f"{'panel':<20}{'control':<15}{'drag med':>9}{'p95':>7}{'jump med':>10}{'p95':>7}"
          f"{'rebuild':>9}  verdict (ms)")
    for name, factory in all_panels().items():
        panel = factory()
        panel.figure.canvas.draw()
        controls = _numeric_controls(panel)
        if not controls:
            print(f"{name:<20}(no numeric control)")
            panel.close()
            continue
        key, w = next(iter(controls.items()))
        span = w.max - w.min
        centre = min(max(w.value, w.min + 0.1 * span), w.max - 0.1 * span)
        steps = centre + span / 60 * np.r_[np.arange(0, 6), np.arange(6, 0, -1)]
        drag = _timings(panel, w, np.clip(steps, w.min, w.max), repeats)
        jump = _timings(panel, w, np.linspace(w.min, w.max, 7), repeats)

        def rebuild():
            p = factory()
            p.figure.canvas.draw()
            p.close()

        reb = np.median(measure(rebuild, max(5, repeats // 5), warmup=1))
        med = np.median(drag)
        ok = med <= TARGET_MEDIAN_MS and med <= 0.5 * reb
        print(f"{name:<20}{key:<15}{med:>9.1f}{np.percentile(drag, 95):>7.1f}{np.median(jump):>10.1f}"
              f"{np.percentile(jump, 95):>7.1f}{reb:>9.1f}  {'ok' if ok else 'OVER'}")
        panel.close()
        plt.close("all")
    print(f"target: drag median <= {TARGET_MEDIAN_MS:.0f} ms and <= half the rebuild time")


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    run()

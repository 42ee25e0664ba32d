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
from timing import measure, verdict  # noqa: E402

from glucolab.panels import all_panels  # noqa: E402

TARGET_MEDIAN_MS = 50.0


def _numeric_controls(panel):
    return {k: w for k, w in panel.controls.items() if isinstance(getattr(w, "value", None), (int, float))
            and not isinstance(w.value, bool) and hasattr(w, "min")}


def run(repeats: int = 30) -> None:
    print(f"{'panel':<22}{'control':<12}{'median ms':>10}{'p95 ms':>9}{'rebuild ms':>12}  verdict")
    for name, factory in all_panels().items():
        panel = factory()
        panel.figure.canvas.draw()
        controls = _numeric_controls(panel)
        if not controls:
            print(f"{name:<22}(no numeric control)")
            panel.close()
            continue
        key, w = next(iter(controls.items()))
        values = np.linspace(w.min, w.max, 7)
        state = {"i": 0}

        def move():  # on Agg, the panel's draw_idle renders at once: solve + full redraw
            state["i"] += 1
            w.value = float(values[state["i"] % len(values)])

        def rebuild():
            p = factory()
            p.figure.canvas.draw()
            p.close()

        times = measure(move, repeats)
        rebuild_times = measure(rebuild, max(5, repeats // 5), warmup=1)
        med, p95, reb = np.median(times), np.percentile(times, 95), np.median(rebuild_times)
        ok = med <= TARGET_MEDIAN_MS and med <= 0.5 * reb
        print(f"{name:<22}{key:<12}{med:>10.1f}{p95:>9.1f}{reb:>12.1f}  {'ok' if ok else 'OVER'}")
        panel.close()
        plt.close("all")
    print(f"target: median <= {TARGET_MEDIAN_MS:.0f} ms and <= half the rebuild time")


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    run()

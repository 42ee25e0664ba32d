"""Speed of the Lesson 6 and 7 models, and the update latency of every slider of their panels.

``bench_panels.py`` moves only the first control of each panel; here each numeric control of
the six hormone panels is moved in turn, because some controls (the GH pattern, the HPG drive)
trigger more work than others. Targets: a model call <= 10 ms, a slider move with a full Agg
redraw <= 50 ms median.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.testosterone import free_testosterone  # noqa: E402
from glucolab.models import counterregulatory, growth_hormone, hpg, vicious_circle  # noqa: E402
from glucolab.panels import all_panels  # noqa: E402

MODEL_TARGET_MS = 10.0
PANEL_TARGET_MS = 50.0
PANELS = ("cortisol", "growth_hormone", "hormone_effects", "hpg_loop", "free_testosterone", "vicious_circle")
MODEL_CALLS = {
    "cortisol: fasting state at 53 levels": lambda: counterregulatory.cortisol_steady_state(
        np.linspace(14.0, 40.0, 53)),
    "GH: 48 h, pulses vs continuous": lambda: growth_hormone.compare_patterns(5.0, 4, 1.0, 48.0),
    "HPG: 48 h time course": lambda: hpg.simulate(48.0, exogenous=1.0),
    "HPG: 61 steady states": lambda: hpg.steady_state(np.linspace(0.0, 3.0, 61)),
    "circle: 60 months": lambda: vicious_circle.simulate(change=0.2, months=12.0),
    "free T at 80 SHBG values": lambda: free_testosterone(15.0, np.linspace(5, 200, 80), unit="nmol/L"),
}


def _sliders(panel):
    return {k: w for k, w in panel.controls.items() if hasattr(w, "min") and hasattr(w, "max")}


def run(repeats: int = 20) -> None:
    for label, call in MODEL_CALLS.items():
        med = float(np.median(measure(call, 50)))
        print(f"{label:<40}{med:8.2f} ms median   target <= {MODEL_TARGET_MS:.0f} ms: "
              f"{verdict(med, MODEL_TARGET_MS)}")
    factories = all_panels()
    print(f"\n{'panel':<20}{'control':<18}{'median ms':>10}{'p95 ms':>9}  verdict")
    for name in PANELS:
        panel = factories[name]()
        panel.figure.canvas.draw()
        for key, w in _sliders(panel).items():
            values = np.linspace(w.min, w.max, 6)
            step = {"i": 0}

            def move(w=w, values=values, step=step):
                step["i"] += 1
                w.value = type(w.value)(values[step["i"] % len(values)])

            times = measure(move, repeats)
            med, p95 = float(np.median(times)), float(np.percentile(times, 95))
            print(f"{name:<20}{key:<18}{med:>10.1f}{p95:>9.1f}  {verdict(med, PANEL_TARGET_MS)}")
            panel.reset()
        panel.close()


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    run()

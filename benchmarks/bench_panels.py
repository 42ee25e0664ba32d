"""Latency of a control change on every registered panel (model solve + Agg redraw), for every
slider of the panel, against the time to build the same figure from scratch.

Two kinds of change per slider: a *drag* (steps of 1/60 of the range, back and forth, as when a
slider is dragged or moved with the arrow keys) and a *jump* (across the range in sixths and back,
as when the track is clicked). Each panel is reported on its slowest slider (the one with the
highest drag median), with the slider's name; ``python benchmarks/bench_panels.py --all`` lists
every slider. Models whose runs are cached (``lru_cache``) are measured cold on the first pass
over the values and warm on the repeats, as when a learner moves a slider back and forth; the
"cold" column is the median of the first passes alone.

Targets (2-core machine): drag median <= 15 ms and jump median <= 30 ms on every slider.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure  # noqa: E402

from glucolab.panels import all_panels  # noqa: E402

DRAG_TARGET_MS = 15.0
JUMP_TARGET_MS = 30.0


def sliders(panel) -> dict:
    """The controls of ``panel`` with a numeric range (sliders), by name."""
    return {k: w for k, w in panel.controls.items() if isinstance(getattr(w, "value", None), (int, float))
            and not isinstance(w.value, bool) and hasattr(w, "min") and hasattr(w, "max")}


def drag_values(w) -> np.ndarray:
    """Twelve values a drag visits: six steps of 1/60 of the range (at least one step of the
    slider) up from near the start value, and back (kept 10 % inside the range so the steps fit)."""
    span = w.max - w.min
    step = max(span / 60, getattr(w, "step", 0) or 0)
    centre = min(max(w.value, w.min + 0.1 * span), w.max - 6 * step)
    return np.clip(centre + step * np.r_[np.arange(0, 6), np.arange(6, 0, -1)], w.min, w.max)


def jump_values(w) -> np.ndarray:
    """Seven values across the whole range, from the low end to the high end."""
    return np.linspace(w.min, w.max, 7)


def _moves(panel, w, values, repeats: int) -> tuple[np.ndarray, np.ndarray]:
    """Time ``repeats`` moves of ``w`` through ``values`` (cycled); return all the durations and
    those of the first pass (each value set for the first time), in ms."""
    state = {"i": 0}

    def move():  # on Agg, the panel's draw_idle renders at once: solve + redraw
        state["i"] += 1
        w.value = float(values[state["i"] % len(values)])

    times = measure(move, repeats, warmup=0)
    return times, times[:len(values)]


def time_slider(panel, name: str, repeats: int = 24) -> dict:
    """Drag and jump timings of one slider, from the panel's start-up values."""
    panel.reset()
    w = panel.controls[name]
    drag, drag_first = _moves(panel, w, drag_values(w), repeats)
    panel.reset()
    jump, jump_first = _moves(panel, w, jump_values(w), max(repeats // 2, 7))
    panel.reset()
    return {"control": name, "drag": float(np.median(drag)), "drag_p95": float(np.percentile(drag, 95)),
            "cold": float(np.median(drag_first)), "jump": float(np.median(jump)),
            "jump_p95": float(np.percentile(jump, 95))}


def rebuild_ms(factory, repeats: int = 5) -> float:
    """Median time to build the panel and draw it once, in ms."""
    def rebuild():
        p = factory()
        p.figure.canvas.draw()
        p.close()
    return float(np.median(measure(rebuild, repeats, warmup=1)))


def run(repeats: int = 24, every_slider: bool = False) -> dict:
    """Print one line per panel (its slowest slider) or per slider; return the results by panel."""
    print(f"{'panel':<20}{'slider':<17}{'drag med':>9}{'p95':>7}{'cold':>7}{'jump med':>10}{'p95':>7}"
          f"{'rebuild':>9}  verdict (ms)")
    results = {}
    for name, factory in all_panels().items():
        panel = factory()
        panel.figure.canvas.draw()
        rows = [time_slider(panel, key, repeats) for key in sliders(panel)]
        panel.close()
        plt.close("all")
        if not rows:
            print(f"{name:<20}(no slider)")
            continue
        reb = rebuild_ms(factory)
        results[name] = rows
        for row in (rows if every_slider else [max(rows, key=lambda r: r["drag"])]):
            ok = row["drag"] <= DRAG_TARGET_MS and row["jump"] <= JUMP_TARGET_MS
            print(f"{name:<20}{row['control']:<17}{row['drag']:>9.1f}{row['drag_p95']:>7.1f}{row['cold']:>7.1f}"
                  f"{row['jump']:>10.1f}{row['jump_p95']:>7.1f}{reb:>9.1f}  {'ok' if ok else 'OVER'}")
    print(f"target: drag median <= {DRAG_TARGET_MS:.0f} ms and jump median <= {JUMP_TARGET_MS:.0f} ms "
          "on every slider")
    return results


if __name__ == "__main__":
    import matplotlib
    matplotlib.use("Agg")
    run(every_slider="--all" in sys.argv[1:])

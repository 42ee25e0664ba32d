"""Speed of the insulin-signalling model behind Lesson 5.

A slider move on the dose-response panel solves three steady-state dose-responses (each with
its EC50), and one on the time-course panel integrates the cascade for an hour. Targets:
a dose-response in <= 10 ms and a time course in <= 10 ms, so that solving stays well inside
the 50 ms budget of a panel update, most of which goes to drawing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.models import signaling  # noqa: E402

TARGET_MS = 10.0
GRID = np.geomspace(1.0, 1e4, 120)  # the panel's insulin grid, µU/mL


def run() -> None:
    # Each call gets new parameters, so nothing is served from a cache.
    serine = iter(np.linspace(0.0, 10.0, 1000))
    cases = {
        "dose-response, 120 insulin values + EC50": lambda: signaling.dose_response(
            insulin=GRID, serine=float(next(serine))),
        "steady state only, 120 insulin values": lambda: signaling.steady_state(GRID, serine=float(next(serine))),
        "time course, 60 min after a step": lambda: signaling.simulate(
            60.0, insulin=100.0, serine=float(next(serine)), basal_insulin=11.0, samples=121),
    }
    for label, fn in cases.items():
        med = np.median(measure(fn, 50))
        print(f"{label:<44}{med:8.2f} ms median   target <= {TARGET_MS:.0f} ms: {verdict(med, TARGET_MS)}")
    cal = measure(signaling.calibrate, 5, warmup=1)
    print(f"{'calibrate() (three targets)':<44}{np.median(cal):8.2f} ms median")


if __name__ == "__main__":
    run()

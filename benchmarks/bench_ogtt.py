"""Speed of the virtual OGTT behind Lesson 4: the Dalla Man et al. (2007) gut inside the
Lesson 1 loop, and the indices computed from the five draws.

Target for one 3-hour test: <= 20 ms, so that a slider move of the OGTT panel (one test plus
a redraw) stays well inside its 50 ms budget.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.indices import insulinogenic_index, matsuda, oral_disposition_index  # noqa: E402
from glucolab.models.feedback import PRESETS  # noqa: E402
from glucolab.models import gut as gt  # noqa: E402
from glucolab.models import ogtt  # noqa: E402

TARGET_MS = 20.0
CASES = {
    "OGTT 180 min, healthy": dict(params=PRESETS["healthy"]),
    "OGTT 180 min, type 2, type 2 gut": dict(params=PRESETS["type 2 diabetes"], gut="type 2 diabetes"),
    "OGTT 240 min, emptying x 0.3": dict(emptying=0.3, duration=240.0),
}


def run() -> None:
    for label, kwargs in CASES.items():
        med = np.median(measure(lambda: ogtt.simulate(**kwargs), 30))
        print(f"{label:<40}{med:8.2f} ms median   target <= {TARGET_MS:.0f} ms: {verdict(med, TARGET_MS)}")
    gut = np.median(measure(lambda: gt.simulate(600.0, dose_g=75.0), 30))
    print(f"{'gut alone, 600 min':<40}{gut:8.2f} ms median")
    s = ogtt.simulate().samples

    def indices():
        matsuda(s.times, s.glucose, s.insulin)
        insulinogenic_index(s.times, s.glucose, s.insulin)
        oral_disposition_index(s.times, s.glucose, s.insulin)

    print(f"{'three indices from five draws':<40}{np.median(measure(indices, 200)):8.3f} ms median")


if __name__ == "__main__":
    run()

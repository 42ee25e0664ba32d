"""Speed of the Topp et al. (2000) beta-cell model behind Lesson 3.

The system is stiff (insulin relaxes in minutes, beta-cell mass over months), so a 20-year
run is the test that matters: target <= 20 ms, so that a slider move stays well inside the
50 ms budget of a panel update.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.models.topp import DAYS_PER_YEAR, Ramp, fixed_points, simulate  # noqa: E402

TARGET_MS = 20.0
CASES = {
    "20 years, S_I 0.72->0.18 over 10 y": Ramp.over_years(0.72, 0.18, years=10),
    "20 years, S_I 0.72->0.06 over 1 mo": Ramp.over_years(0.72, 0.06, years=1 / 12),
}


def run() -> None:
    days = 20 * DAYS_PER_YEAR
    for label, schedule in CASES.items():
        times = measure(lambda: simulate(days, SI=schedule), 50)
        med = np.median(times)
        print(f"{label:<40}{med:8.2f} ms median   target <= {TARGET_MS:.0f} ms: {verdict(med, TARGET_MS)}")
    fp = measure(fixed_points, 200)
    print(f"{'fixed points with eigenvalues':<40}{np.median(fp):8.2f} ms median")


if __name__ == "__main__":
    run()

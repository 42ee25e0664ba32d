"""Speed of the model solves behind the lessons."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.data import load_fsigt  # noqa: E402
from glucolab.models import feedback  # noqa: E402
from glucolab.models.minimal import fit_ivgtt  # noqa: E402


def run() -> None:
    meal = measure(lambda: feedback.simulate(carbs_g=75.0), 100)
    print(f"{'one meal simulation (300 min)':<40}{np.median(meal):8.2f} ms median   "
          f"target <= 5 ms: {verdict(np.median(meal), 5.0)}")
    d = load_fsigt()
    fit = measure(lambda: fit_ivgtt(d.time, d.glucose, d.insulin), 3, warmup=1)
    print(f"{'FSIGT fit (4 starts)':<40}{np.median(fit):8.0f} ms median")


if __name__ == "__main__":
    run()

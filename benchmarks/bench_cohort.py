"""Speed of the virtual cohort: all people solved at once against one person at a time.

Target (2-core machine): 10,000 people in <= 0.5 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from timing import measure, verdict  # noqa: E402

from glucolab.cohort import generate  # noqa: E402
from glucolab.models.feedback import fasting_state  # noqa: E402

N_PEOPLE = 10_000
LOOP_SAMPLE = 1_000  # people solved one by one; the loop time is scaled up to N_PEOPLE
TARGET_MS = 500.0


def run() -> None:
    vectorised = np.median(measure(lambda: generate(N_PEOPLE, seed=0), 10))
    people = generate(LOOP_SAMPLE, seed=0, noise=False)

    def one_by_one():
        for si, sg, beta in zip(people.SI, people.SG, people.beta):
            fasting_state(float(si), float(sg), float(beta))

    loop = np.median(measure(one_by_one, 3, warmup=1)) * N_PEOPLE / LOOP_SAMPLE
    print(f"{'cohort of 10,000 (vectorised)':<40}{vectorised:8.1f} ms median   "
          f"target <= {TARGET_MS:.0f} ms: {verdict(vectorised, TARGET_MS)}")
    print(f"{'same, one person at a time (scaled)':<40}{loop:8.0f} ms          "
          f"ratio {loop / vectorised:.0f}x")


if __name__ == "__main__":
    run()

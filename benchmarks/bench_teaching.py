"""The learning loop: how long a committed prediction takes to reveal what it guards, and how long
the gradebook takes for a class.

Targets: a reveal that feels instant (<= 100 ms in Python, before the browser draws it) and a
class of 300 records graded with figures in well under a minute.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from glucolab.models import feedback
from glucolab.models.feedback import PRESETS
from glucolab.panels import feedback_panel, fsigt_panel
from glucolab.teaching import record
from glucolab.teaching.gradebook import run as gradebook
from glucolab.teaching.predict import predict
from glucolab.teaching.synthetic import synthetic_class

from timing import verdict


def _reveal_ms(make, answers, repeats: int = 15) -> np.ndarray:
    """Commit ``answers`` to a fresh prediction each time (a fresh record, so nothing is restored)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(repeats):
            record.use_record(Path(tmp) / f"r{k}.json")
            p = make()
            with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, display() prints
                t0 = time.perf_counter()
                p.commit(answers)
                out.append((time.perf_counter() - t0) * 1e3)
            assert p.revealed
            plt.close("all")
    record._chosen_path = None
    return np.asarray(out)


def _table():
    for person in PRESETS.values():
        r = feedback.simulate(params=person, carbs_g=75)
        print(f"{r.glucose[0]:.0f} {r.at(120).glucose:.0f} {r.insulin.max():.0f}")


def run() -> None:
    meal = feedback_panel()
    fsigt = fsigt_panel()
    cases = {
        "Lesson 1 meal panel + table": (lambda: predict("1.a", "1.b", reveal=[meal, _table]),
                                        {"1.a": "larger", "1.b": "larger"}),
        "Lesson 1 FSIGT panel": (lambda: predict("1.d", reveal=fsigt), {"1.d": "slower"}),
        "Lesson 1 insulin line": (lambda: predict("1.c", reveal=lambda: print("x"), truth=102.0), {"1.c": 90}),
    }
    print("commit -> revealed (Python side: grade, write the record, show the result); target <= 100 ms")
    for name, (make, answers) in cases.items():
        ms = _reveal_ms(make, answers)
        print(f"  {name:<30} median {np.median(ms):6.1f} ms  p90 {np.percentile(ms, 90):6.1f} ms  "
              f"{verdict(np.median(ms), 100)}")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic_class(Path(tmp) / "class", n=300)
        t0 = time.perf_counter()
        book, written = gradebook([Path(tmp) / "class"], Path(tmp) / "out")
        seconds = time.perf_counter() - t0
    print(f"gradebook, 300 records of Lesson 1 (CSV, item summary, {sum(k[0].isdigit() for k in written)} "
          f"figures): {seconds:.2f} s  {verdict(seconds, 30)}")

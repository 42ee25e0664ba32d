"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import time

import numpy as np


def measure(fn, repeats: int = 30, warmup: int = 2) -> np.ndarray:
    """Call ``fn()`` ``warmup`` times, then ``repeats`` times; return the durations in ms."""
    for _ in range(warmup):
        fn()
    out = np.empty(repeats)
    for k in range(repeats):
        t0 = time.perf_counter()
        fn()
        out[k] = (time.perf_counter() - t0) * 1e3
    return out


def verdict(value: float, target: float) -> str:
    """'ok' when value <= target, else 'OVER'."""
    return "ok" if value <= target else "OVER"

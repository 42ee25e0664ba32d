"""Root finding shared by the models' steady states."""

from __future__ import annotations

import numpy as np


def bisect(excess, lo, hi, iterations: int = 60) -> np.ndarray:
    """Element-wise root of an increasing function by bisection, for arrays of problems at once.

    Parameters
    ----------
    excess : callable
        ``excess(x) > 0`` where ``x`` lies above the root (the function increases through it).
    lo, hi : float or numpy.ndarray
        Brackets: the root lies between them.
    iterations : int, default 60
        Halvings of the bracket (60 reach double precision for any bracket used here).

    Returns
    -------
    numpy.ndarray
        The midpoints of the final brackets.
    """
    lo, hi = np.broadcast_arrays(np.asarray(lo, dtype=float), np.asarray(hi, dtype=float))
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        above = excess(mid) > 0
        hi = np.where(above, mid, hi)
        lo = np.where(above, lo, mid)
    return 0.5 * (lo + hi)

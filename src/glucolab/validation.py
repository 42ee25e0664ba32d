"""Checks shared by every public function: each error names the argument, its value and
what was expected, so a learner can correct the call without reading a traceback."""

from __future__ import annotations

import numpy as np


def _show(value) -> str:
    arr = np.asarray(value)
    if arr.ndim == 0:
        return repr(value.item() if hasattr(value, "item") else value)
    return np.array2string(arr, threshold=8, precision=4)


def as_float_array(value, name: str, unit: str = "") -> np.ndarray:
    """Return ``value`` as a float array, or raise a ValueError that names ``name``."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r}: expected a number{' in ' + unit if unit else ''}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}={_show(value)}: expected finite numbers{' in ' + unit if unit else ''}, "
                         "found NaN or infinity")
    return arr


def positive(value, name: str, unit: str = "", *, allow_zero: bool = False):
    """Check that ``value`` (scalar or array) is finite and > 0 (or >= 0).

    Returns a float for scalar input and a float array otherwise.
    """
    arr = as_float_array(value, name, unit)
    bad = arr < 0 if allow_zero else arr <= 0
    if np.any(bad):
        what = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name}={_show(value)}: expected {what} values{' in ' + unit if unit else ''}")
    return float(arr) if arr.ndim == 0 else arr


def in_range(value, name: str, low: float, high: float, unit: str = ""):
    """Check that every element of ``value`` lies in the closed interval [low, high]."""
    arr = as_float_array(value, name, unit)
    if np.any((arr < low) | (arr > high)):
        u = f" {unit}" if unit else ""
        raise ValueError(f"{name}={_show(value)}: expected a value between {low:g} and {high:g}{u}")
    return float(arr) if arr.ndim == 0 else arr


def same_length(**arrays: np.ndarray) -> int:
    """Check that the 1-D arrays given as keywords have one common length; return it."""
    lengths = {name: np.shape(a)[0] if np.ndim(a) else 1 for name, a in arrays.items()}
    if len(set(lengths.values())) > 1:
        listing = ", ".join(f"{k} has {v}" for k, v in lengths.items())
        raise ValueError(f"arrays of different lengths: {listing}; expected one value per sample time")
    return next(iter(lengths.values()))


def increasing(times: np.ndarray, name: str = "times") -> None:
    """Check that sample times are strictly increasing (sorted, no duplicates)."""
    steps = np.diff(times)
    if np.any(steps <= 0):
        i = int(np.argmax(steps <= 0))
        raise ValueError(f"{name}: expected strictly increasing sample times in min, but "
                         f"{name}[{i + 1}]={times[i + 1]:g} follows {name}[{i}]={times[i]:g}")

"""An illustrative two-variable model of the circle between visceral fat and low testosterone in men.

**Every number in this module is illustrative.** The model shows what the claim "low
testosterone and insulin resistance feed each other" would imply *if* both arrows were
strong and switch-like; it is not fitted to data and makes no prediction for any person.

The two arrows are documented in direction:

* more visceral fat and insulin → less testosterone: in men with obesity the hypothalamic
  drive is lower and adipose aromatase turns testosterone into oestradiol; weight loss raises
  total testosterone, by 2.9 nmol/L (95 % CI 1.7-4.1) after low-calorie diets and by
  8.7 nmol/L (6.5-11.0) after bariatric surgery in a meta-analysis (Corona et al. 2013);
* less testosterone → more fat mass: men treated with testosterone lose fat and gain lean
  mass in trials (e.g. Gianatti et al. 2014; Wittert et al. 2021), although visceral fat did
  not fall in every trial.

Time in months; T is total testosterone relative to a healthy man (1 = 18.4 nmol/L, see
:mod:`.hpg`); A is visceral adiposity relative to a lean reference (1 = lean)::

    dT/dt = (T*(A) − T) / τ_T      T*(A) = t_min + (1 − t_min) · s(A)/s(1),  s(A) = 1/(1 + (A/K_A)^p)
    dA/dt = (d + a·h(T) − A) / τ_A  h(T) = 1/(1 + (T/K_T)^q)

``d`` is the *adiposity drive*: everything else that sets fat mass (energy intake, activity,
sleep, genes). With the values below the healthy state (T = 1, A = 1) is stable at the usual
drive d₀ = 0.918, and so is a second state with low testosterone (T = 0.54, about 10 nmol/L)
and more visceral fat (A = 1.75): a vicious circle. The two stable states coexist only for
drives between about 0.81 and 0.98; outside that window only one remains. This needs steep,
switch-like arrows (Hill exponents 6 and 8); with gentler ones the model has a single state and
no circle at all. Whether the real relationship has two stable states is not known.

What it takes to leave the circle, in the model: lowering the drive far enough for long
enough that the state crosses the boundary (the saddle's stable manifold) between the two
basins before the drive returns; see :func:`minimum_duration`. A drive below about 0.81 removes
the low state altogether (a saddle-node bifurcation), so the person returns to health even
without a push across the boundary.

References
----------
Corona G, Rastrelli G, Monami M, et al. Body weight loss reverts obesity-associated
    hypogonadotropic hypogonadism: a systematic review and meta-analysis. Eur J Endocrinol
    2013;168:829-843.
Gianatti EJ, Dupuis P, Hoermann R, et al. Effect of testosterone treatment on glucose
    metabolism in men with type 2 diabetes: a randomized controlled trial. Diabetes Care
    2014;37:2098-2107.
Wittert G, Bracken K, Robledo KP, et al. Testosterone treatment to prevent or revert type 2
    diabetes in men enrolled in a lifestyle programme (T4DM): a randomised, double-blind,
    placebo-controlled, 2-year, phase 3b trial. Lancet Diabetes Endocrinol 2021;9:32-45.
Gardner TS, Cantor CR, Collins JJ. Construction of a genetic toggle switch in Escherichia
    coli. Nature 2000;403:339-342 (two mutually repressing variables and bistability).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.integrate import odeint
from scipy.optimize import brentq

from ..validation import in_range

# All illustrative.
K_A, P = 1.3, 6.0  # visceral fat that halves the testosterone signal, and its steepness
T_MIN = 0.45  # testosterone floor when visceral fat is high (relative)
K_T, Q = 0.75, 8.0  # testosterone below which fat gain accelerates, and its steepness
GAIN = 0.9  # extra visceral fat when testosterone is very low (relative)
TAU_T, TAU_A = 1.0, 6.0  # months
RANGES = {
    "drive": (0.70, 1.10, "dimensionless"),
    "change": (0.0, 0.4, "lower drive by"),
    "months": (0.0, 36.0, "months"),
    "horizon": (1.0, 240.0, "months"),
}


def _s(adiposity):
    return 1.0 / (1.0 + (np.asarray(adiposity, dtype=float) / K_A) ** P)


def testosterone_target(adiposity) -> np.ndarray:
    """Testosterone (relative) that a given visceral adiposity (× lean) settles towards."""
    return T_MIN + (1.0 - T_MIN) * _s(adiposity) / _s(1.0)


def fat_push(testosterone) -> np.ndarray:
    """Extra visceral adiposity (× lean) that a given relative testosterone favours."""
    return GAIN / (1.0 + (np.asarray(testosterone, dtype=float) / K_T) ** Q)


USUAL_DRIVE = float(1.0 - fat_push(1.0))  # the drive at which T = 1, A = 1 is a steady state


@dataclass(frozen=True)
class FixedPoint:
    """A steady state: relative testosterone, visceral adiposity (× lean) and its stability."""

    testosterone: float
    adiposity: float
    stable: bool


def fixed_points(drive: float = USUAL_DRIVE) -> list[FixedPoint]:
    """All steady states at a given drive, lowest adiposity first.

    At rest T = T*(A) and A = d + a·h(T*(A)); the roots of the second equation in A are found
    on a fine grid and refined with Brent's method. Stability follows from the Jacobian.
    """
    d = in_range(drive, "drive", *RANGES["drive"])
    grid = np.linspace(0.5, 3.0, 1201)

    def excess(a):
        return d + fat_push(testosterone_target(a)) - a

    values = excess(grid)
    roots = list(grid[values == 0.0])  # a root may sit exactly on the grid (A = 1 at d0)
    for i in np.nonzero(values[:-1] * values[1:] < 0)[0]:
        roots.append(brentq(excess, grid[i], grid[i + 1], xtol=1e-12))
    points = []
    for a in sorted(roots):
        t = float(testosterone_target(a))
        eps = 1e-6
        dtda = (testosterone_target(a + eps) - testosterone_target(a - eps)) / (2 * eps)
        dhdt = (fat_push(t + eps) - fat_push(t - eps)) / (2 * eps)
        jac = np.array([[-1.0 / TAU_T, dtda / TAU_T], [dhdt / TAU_A, -1.0 / TAU_A]])
        points.append(FixedPoint(t, float(a), bool(np.all(np.linalg.eigvals(jac).real < 0))))
    return points


@dataclass(frozen=True)
class Course:
    """Months of the model: testosterone (relative), adiposity (× lean) and the drive used."""

    months: np.ndarray
    testosterone: np.ndarray
    adiposity: np.ndarray
    drive: np.ndarray

    @property
    def escaped(self) -> bool:
        """True if the run ends on the healthy side (testosterone above the saddle's level
        at the final drive, or above 0.9 where only one state exists)."""
        saddle = [p for p in fixed_points(float(self.drive[-1])) if not p.stable]
        threshold = saddle[0].testosterone if saddle else 0.9
        return bool(self.testosterone[-1] > threshold)


def _rhs(y, t, drive, change, until):
    T, A = y
    d = drive - change if t < until else drive
    return ((testosterone_target(A) - T) / TAU_T, (d + fat_push(T) - A) / TAU_A)


def check_change(drive, change, months) -> tuple[float, float, float]:
    """Check a usual drive, a lowering of it and its length in months against :data:`RANGES`."""
    return (in_range(drive, "drive", *RANGES["drive"]), in_range(change, "change", *RANGES["change"]),
            in_range(months, "months", *RANGES["months"]))


VICIOUS_START = fixed_points(USUAL_DRIVE)[-1]  # the low-testosterone state at the usual drive


def simulate(drive: float = USUAL_DRIVE, change: float = 0.2, months: float = 12.0, *,
             start: tuple[float, float] | None = None, horizon: float = 60.0,
             samples: int = 361) -> Course:
    """Start in the vicious circle, lower the drive by ``change`` for ``months``, then restore it.

    Parameters
    ----------
    drive : float, default :data:`USUAL_DRIVE`
        The person's usual adiposity drive (0.70 to 1.10).
    change : float, default 0.2
        How much the drive is lowered during the change (0 to 0.4).
    months : float, default 12
        How long the change lasts (0 to 36 months).
    start : (float, float), optional
        Starting (testosterone, adiposity); default the low state at the usual drive
        (T = 0.54, A = 1.75).
    horizon : float, default 60
        Months simulated (1 to 240).
    samples : int, default 361
        Output times.
    """
    d, dd, m = check_change(drive, change, months)
    horizon = in_range(horizon, "horizon", *RANGES["horizon"])
    y0 = start if start is not None else (VICIOUS_START.testosterone, VICIOUS_START.adiposity)
    t = np.linspace(0.0, horizon, int(samples))
    y = odeint(_rhs, y0, t, args=(d, dd, m), tcrit=[m] if 0 < m < horizon else None,
               rtol=1e-8, atol=1e-10)
    return Course(t, y[:, 0], y[:, 1], np.where(t < m, d - dd, d))


def minimum_duration(change: float, drive: float = USUAL_DRIVE, *, tolerance: float = 0.05) -> float:
    """Shortest change (months) of size ``change`` that leaves the circle, or ``inf`` if even
    36 months do not. Found by bisection on :func:`simulate` with a 120-month horizon."""
    if not simulate(drive, change, RANGES["months"][1], horizon=120.0).escaped:
        return float("inf")
    lo, hi = 0.0, RANGES["months"][1]
    while hi - lo > tolerance:
        mid = 0.5 * (lo + hi)
        if simulate(drive, change, mid, horizon=120.0).escaped:
            hi = mid
        else:
            lo = mid
    return hi

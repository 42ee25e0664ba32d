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

:data:`PARAMS` (a :class:`CircleParams`, with the usual drive), :data:`PRESETS` and :data:`RANGES` go
with :func:`simulate` (a :class:`Course` over months) and :func:`steady_state` (every steady state at
one drive).

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

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import odeint
from scipy.optimize import brentq

from ..deprecation import renamed, warn_renamed
from .timecourse import Parameters, Range, TimeCourse

# All illustrative.
K_A, P = 1.3, 6.0  # visceral fat that halves the testosterone signal, and its steepness
T_MIN = 0.45  # testosterone floor when visceral fat is high (relative)
K_T, Q = 0.75, 8.0  # testosterone below which fat gain accelerates, and its steepness
GAIN = 0.9  # extra visceral fat when testosterone is very low (relative)
TAU_T, TAU_A = 1.0, 6.0  # months
RANGES = {
    "drive": Range(0.70, 1.10, "dimensionless"),
    "change": Range(0.0, 0.4, "lower drive by"),
    "months": Range(0.0, 36.0, "months"),
    "duration": Range(1.0, 240.0, "months"),
    "k_a": Range(1.0, 3.0, "x lean"),
    "hill_a": Range(1.0, 12.0, "dimensionless"),
    "t_min": Range(0.0, 0.9, "x healthy"),
    "k_t": Range(0.3, 1.0, "x healthy"),
    "hill_t": Range(1.0, 12.0, "dimensionless"),
    "gain": Range(0.0, 2.0, "x lean"),
    "tau_t": Range(0.1, 24.0, "months"),
    "tau_a": Range(0.1, 48.0, "months"),
}


def _fat_push(testosterone, gain, k_t, hill_t):
    return gain / (1.0 + (np.asarray(testosterone, dtype=float) / k_t) ** hill_t)


USUAL_DRIVE = float(1.0 - _fat_push(1.0, GAIN, K_T, Q))  # the drive at which T = 1, A = 1 is a steady state


@dataclass(frozen=True)
class CircleParams(Parameters):
    """Parameters of the circle, all illustrative; change them with ``replace``.

    Attributes
    ----------
    drive : float
        The person's usual adiposity drive d (default :data:`USUAL_DRIVE`, 0.918).
    k_a, hill_a : float
        Visceral fat (× lean) that halves the testosterone signal, K_A = 1.3, and the steepness p = 6.
    t_min : float
        Testosterone floor when visceral fat is high, t_min = 0.45 (× healthy).
    k_t, hill_t : float
        Testosterone (× healthy) below which fat gain accelerates, K_T = 0.75, and the steepness q = 8.
    gain : float
        Extra visceral fat (× lean) when testosterone is very low, a = 0.9.
    tau_t, tau_a : float
        Time constants of testosterone and visceral fat, months (1 and 6).
    """

    drive: float = USUAL_DRIVE
    k_a: float = K_A
    hill_a: float = P
    t_min: float = T_MIN
    k_t: float = K_T
    hill_t: float = Q
    gain: float = GAIN
    tau_t: float = TAU_T
    tau_a: float = TAU_A

    def __post_init__(self):
        self.check_ranges(RANGES)


PARAMS = CircleParams()
# Drives just inside and outside the window of two states (about 0.81 to 0.98).
PRESETS = {
    "usual drive": PARAMS,
    "lower drive (one healthy state)": CircleParams(drive=0.80),
    "higher drive (one low state)": CircleParams(drive=0.99),
}


def _p(params: CircleParams | None) -> CircleParams:
    return params if params is not None else PARAMS


def _s(adiposity, p: CircleParams):
    return 1.0 / (1.0 + (np.asarray(adiposity, dtype=float) / p.k_a) ** p.hill_a)


def testosterone_target(adiposity, *, params: CircleParams | None = None) -> np.ndarray:
    """Testosterone (relative) that a given visceral adiposity (× lean) settles towards."""
    p = _p(params)
    return p.t_min + (1.0 - p.t_min) * _s(adiposity, p) / _s(1.0, p)


def fat_push(testosterone, *, params: CircleParams | None = None) -> np.ndarray:
    """Extra visceral adiposity (× lean) that a given relative testosterone favours."""
    p = _p(params)
    return _fat_push(testosterone, p.gain, p.k_t, p.hill_t)


@dataclass(frozen=True)
class FixedPoint:
    """A steady state: relative testosterone, visceral adiposity (× lean) and its stability."""

    testosterone: float
    adiposity: float
    stable: bool


def fixed_points(drive: float | None = None, *, params: CircleParams | None = None) -> list[FixedPoint]:
    """All steady states at a given drive (default the drive in ``params``), lowest adiposity first.

    At rest T = T*(A) and A = d + a·h(T*(A)); the roots of the second equation in A are found
    on a fine grid and refined with Brent's method. Stability follows from the Jacobian.
    """
    p = _p(params)
    d = RANGES["drive"].check(p.drive if drive is None else drive, "drive")
    grid = np.linspace(0.5, 3.0, 1201)

    def excess(a):
        return d + fat_push(testosterone_target(a, params=p), params=p) - a

    values = excess(grid)
    roots = list(grid[values == 0.0])  # a root may sit exactly on the grid (A = 1 at d0)
    for i in np.nonzero(values[:-1] * values[1:] < 0)[0]:
        roots.append(brentq(excess, grid[i], grid[i + 1], xtol=1e-12))
    points = []
    for a in sorted(roots):
        t = float(testosterone_target(a, params=p))
        eps = 1e-6
        dtda = (testosterone_target(a + eps, params=p) - testosterone_target(a - eps, params=p)) / (2 * eps)
        dhdt = (fat_push(t + eps, params=p) - fat_push(t - eps, params=p)) / (2 * eps)
        jac = np.array([[-1.0 / p.tau_t, dtda / p.tau_t], [dhdt / p.tau_a, -1.0 / p.tau_a]])
        points.append(FixedPoint(t, float(a), bool(np.all(np.linalg.eigvals(jac).real < 0))))
    return points


@dataclass(frozen=True)
class SteadyStates:
    """Every steady state at one drive, lowest adiposity first.

    Attributes
    ----------
    drive : float
        The adiposity drive.
    points : tuple of FixedPoint
        All steady states, stable or not.
    """

    drive: float
    points: tuple

    @property
    def stable(self) -> tuple:
        """The stable states."""
        return tuple(p for p in self.points if p.stable)

    @property
    def bistable(self) -> bool:
        """True when two stable states coexist: the circle can hold."""
        return len(self.stable) == 2

    @property
    def healthy(self) -> FixedPoint:
        """The stable state with the least visceral fat."""
        return self.stable[0]

    @property
    def vicious(self) -> FixedPoint | None:
        """The low-testosterone state, when there are two stable states; else None."""
        return self.stable[-1] if self.bistable else None

    @property
    def saddle(self) -> FixedPoint | None:
        """The unstable state between the two basins, if there is one."""
        unstable = [p for p in self.points if not p.stable]
        return unstable[0] if unstable else None


def steady_state(*, params: CircleParams | None = None, **overrides) -> SteadyStates:
    """All steady states of the circle at the drive in ``params``.

    Parameters
    ----------
    params : CircleParams, optional
        Default :data:`PARAMS`, the usual drive.
    **overrides
        Single fields of :class:`CircleParams` to change (``drive`` ...).

    Examples
    --------
    >>> s = steady_state()
    >>> s.bistable, round(s.vicious.testosterone, 2), round(s.vicious.adiposity, 2)
    (True, 0.54, 1.75)
    >>> steady_state(drive=0.80).bistable
    False
    """
    p = _p(params).replace(**overrides)
    return SteadyStates(float(p.drive), tuple(fixed_points(params=p)))


def _escaped(testosterone_end: float, drive_end: float, p: CircleParams) -> bool:
    saddle = [q for q in fixed_points(drive_end, params=p) if not q.stable]
    threshold = saddle[0].testosterone if saddle else 0.9
    return bool(testosterone_end > threshold)


@dataclass(frozen=True)
class Course(TimeCourse):
    """Months of the model: testosterone (relative), adiposity (× lean) and the drive used.

    Attributes
    ----------
    time : numpy.ndarray
        Months from the start.
    testosterone : numpy.ndarray
        Total testosterone, × healthy (1 = 18.4 nmol/L).
    adiposity : numpy.ndarray
        Visceral fat, × lean.
    drive : numpy.ndarray
        The adiposity drive at each time.
    params : CircleParams
        The parameters used.
    """

    time: np.ndarray
    testosterone: np.ndarray
    adiposity: np.ndarray
    drive: np.ndarray
    params: CircleParams = field(default=PARAMS, repr=False)

    TIME_UNIT = "months"
    SERIES = {"testosterone": "x healthy", "adiposity": "x lean", "drive": "dimensionless"}

    @property
    def months(self) -> np.ndarray:
        """Deprecated: use ``time`` (months)."""
        warn_renamed("Course.months", "Course.time")
        return self.time

    @property
    def escaped(self) -> bool:
        """True if the run ends on the healthy side (testosterone above the saddle's level
        at the final drive, or above 0.9 where only one state exists)."""
        return _escaped(float(self.testosterone[-1]), float(self.drive[-1]), self.params)


def _rhs(y, t, drive, change, until, p: CircleParams):
    T, A = y
    d = drive - change if t < until else drive
    return ((testosterone_target(A, params=p) - T) / p.tau_t, (d + fat_push(T, params=p) - A) / p.tau_a)


def _check_change(drive, change, months) -> tuple[float, float, float]:
    return (RANGES["drive"].check(drive, "drive"), RANGES["change"].check(change, "change"),
            RANGES["months"].check(months, "months"))


check_change = renamed(_check_change, "check_change",
                       new_name="CircleParams(drive=...) and RANGES['change'].check / RANGES['months'].check")

VICIOUS_START = fixed_points(USUAL_DRIVE)[-1]  # the low-testosterone state at the usual drive


def simulate(duration: float = 60.0, *, params: CircleParams | None = None, change: float = 0.2,
             months: float = 12.0, start: tuple[float, float] | None = None, samples: int = 361,
             **overrides) -> Course:
    """Start in the vicious circle, lower the drive by ``change`` for ``months``, then restore it.

    Parameters
    ----------
    duration : float, default 60
        Months simulated (1 to 240).
    params : CircleParams, optional
        Default :data:`PARAMS`; its ``drive`` is the person's usual adiposity drive.
    change : float, default 0.2
        How much the drive is lowered during the change (0 to 0.4).
    months : float, default 12
        How long the change lasts, from the start (0 to 36 months).
    start : (float, float), optional
        Starting (testosterone, adiposity); default the low state at the usual drive
        (T = 0.54, A = 1.75).
    samples : int, default 361
        Output times.
    **overrides
        Single fields of :class:`CircleParams` to change (``drive`` ...).

    Examples
    --------
    >>> run = simulate(60, change=0.3, months=24)
    >>> run.escaped, round(run.at(60).testosterone, 2)
    (True, 1.0)
    """
    p = _p(params).replace(**overrides)
    d = RANGES["drive"].check(p.drive, "drive")
    dd, m = RANGES["change"].check(change, "change"), RANGES["months"].check(months, "months")
    horizon = RANGES["duration"].check(duration, "duration")
    y0 = start if start is not None else (VICIOUS_START.testosterone, VICIOUS_START.adiposity)
    t = np.linspace(0.0, horizon, int(samples))
    y = odeint(_rhs, y0, t, args=(d, dd, m, p), tcrit=[m] if 0 < m < horizon else None,
               rtol=1e-8, atol=1e-10)
    return Course(t, y[:, 0], y[:, 1], np.where(t < m, d - dd, d), p)


def minimum_duration(change: float, drive: float | None = None, *, params: CircleParams | None = None,
                     tolerance: float = 0.05) -> float:
    """Shortest change (months) of size ``change`` that leaves the circle, or ``inf`` if even
    36 months do not. Found by bisection on :func:`simulate` with a 120-month run.

    ``drive`` (default the one in ``params``) is the person's usual adiposity drive.

    Examples
    --------
    >>> round(minimum_duration(0.2), 1)
    24.9
    """
    p = _p(params)
    if drive is not None:
        p = p.replace(drive=drive)

    def leaves(months):
        return simulate(120.0, params=p, change=change, months=months).escaped

    if not leaves(RANGES["months"].high):
        return float("inf")
    lo, hi = 0.0, RANGES["months"].high
    while hi - lo > tolerance:
        mid = 0.5 * (lo + hi)
        if leaves(mid):
            hi = mid
        else:
            lo = mid
    return hi

"""Many runs of the Ha-Satin-Sherman model at once: the "point of no return" map.

A map of outcome over intervention start day × strength needs about a thousand five-year
runs. One run with the stiff integrator of :func:`glucolab.models.ha2016.simulate` takes
10-40 ms, so a thousand of them would take half a minute. This module integrates all runs
together as numpy arrays, using the difference in time scales:

* Glucose and insulin settle within hours (insulin clearance k = 700/day; glucose relaxes at
  EG0 + S_I I, about 8 to 20 per day), while gamma, sigma, beta-cell mass and S_I change over
  days to years. So at each step glucose and insulin are taken at their quasi-steady state:
  insulin I = beta ISR(G)/(BV k), and glucose the root of R0 - (EG0 + S_I I(G)) G = 0, found
  by Newton's method from the last two steps' values (above 50 mg/dL, where M + gamma > 0, the
  left side falls steadily with G, so the root is unique).
* gamma, sigma and beta-cell mass then advance by an exponential Euler step of ``step_days``
  (0.5 day by default): x <- x_inf + (x - x_inf) exp(-h/tau) for gamma and sigma, and
  beta <- beta exp((P - A) h / tau_b). These steps are stable for any step length.
* S_I follows its exact solution (:func:`glucolab.models.ha2016.insulin_sensitivity`).

Against the full model the map differs by less than 1 mg/dL away from the threshold
(tests/test_ha2016.py compares both at several points). Right at the threshold any small
difference can flip the outcome, so a cell next to the cliff may fall on the other side.

The default map (:func:`default_map`) has 41 start days (every 0.1 year from day 0 to year 4)
× 32 S_I targets (0.18 to 0.80 mL/µU/day in steps of 0.02), 1312 runs of five years, and is
computed once per Python process and cached (0.5 to 1.5 s on a shared 2-core machine; the benchmark
benchmarks/bench_ha2016.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..thresholds import FASTING_DIABETES_MGDL
from ..validation import as_float_array, in_range
from . import ha2016 as ha
from .topp import DAYS_PER_YEAR

DIABETES_FASTING = FASTING_DIABETES_MGDL  # mg/dL (ADA, Diabetes Care 2024;47 Suppl 1:S20-S42)
DEFAULT_START_YEARS = np.round(np.arange(0.0, 4.0 + 1e-9, 0.1), 10)  # 41 start days, in years
DEFAULT_SI_TARGETS = np.round(np.arange(0.18, 0.80 + 1e-9, 0.02), 10)  # 32 targets, mL/µU/day


def _hill_slope(x, half, n):
    """d/dx of x^n / (half^n + x^n) = n half^n x^(n-1) / (half^n + x^n)^2."""
    hn = half ** n
    below = hn + ha.power(x, n)
    return n * hn * (x if n == 2 else x ** (n - 1)) / (below * below)


def quasi_steady_glucose(SI, beta, gamma, sigma, *, R0, EG0, gain=1.0, params: ha.HaParams = ha.PARAMS,
                         guess=None, tol: float = 1e-2, max_iter: int = 50):
    """Glucose (mg/dL) at which dG/dt = 0 with insulin at its own quasi-steady value.

    Solves R0 - (EG0 + SI c ISR(G)) G = 0 with c = gain beta / (BV k), element by element, by
    Newton's method kept inside (0, R0/EG0]. All arguments may be arrays of one shape.

    Parameters
    ----------
    SI : array_like
        Insulin sensitivity, mL/µU/day.
    beta, gamma, sigma : array_like
        Beta-cell mass (mg), glucose-sensitivity shift, beta-cell function (mU/mg/day).
    R0, EG0 : array_like
        Glucose production (mg/dL/day) and insulin-independent uptake (1/day).
    gain : array_like, default 1
        Multiplier of insulin secretion.
    guess : array_like, optional
        Starting values (mg/dL); default R0/(EG0 + 8), near the healthy state.
    tol : float, default 0.01
        Stop when no Newton step is larger than this, mg/dL. Newton's method converges
        quadratically, so the error left after a step of 0.01 mg/dL is about 1e-6 mg/dL.
    """
    p = params
    c = gain * np.asarray(beta, dtype=float) / (p.BV * p.k)
    top = np.asarray(R0 / EG0, dtype=float)
    G = np.broadcast_to(R0 / (EG0 + 8.0) if guess is None else guess, np.shape(c)).astype(float)
    for _ in range(max_iter):
        M = ha.metabolic_rate(G, p)
        x = M + gamma
        drive = SI * c * sigma
        uptake = EG0 + drive * ha.hill(x, p.alpha_ISR, p.kISR)
        slope = uptake + drive * _hill_slope(x, p.alpha_ISR, p.kISR) * p.Mmax * _hill_slope(G, p.alpha_M, p.kM) * G
        step = (R0 - uptake * G) / slope  # Newton: minus F/F', with F' = -slope < 0
        G = np.minimum(np.maximum(G + step, 1e-3 * top), top)
        if np.all(np.abs(step) <= tol):
            return G
    raise ValueError("the quasi-steady glucose did not converge; expected parameters inside the "
                     "documented ranges")


@dataclass(frozen=True)
class OutcomeMap:
    """Fasting glucose at a horizon for a grid of intervention start days and S_I targets.

    Attributes
    ----------
    start_days : numpy.ndarray
        Start days of the intervention (columns), days.
    SI_targets : numpy.ndarray
        S_I targets (rows), mL/µU/day.
    glucose : numpy.ndarray
        Fasting glucose at ``horizon_days``, mg/dL, shape (len(SI_targets), len(start_days)).
    sigma : numpy.ndarray
        Beta-cell function at the horizon, mU/mg/day, same shape.
    horizon_days : float
        When the outcome is read, days.
    """

    start_days: np.ndarray
    SI_targets: np.ndarray
    glucose: np.ndarray
    sigma: np.ndarray
    horizon_days: float

    @property
    def start_years(self) -> np.ndarray:
        """Start days in years."""
        return self.start_days / DAYS_PER_YEAR

    def index(self, start_day: float, SI_target: float) -> tuple:
        """(row, column) of the grid point nearest to ``start_day`` (days) and ``SI_target``."""
        start_day = as_float_array(start_day, "start_day", "days")
        SI_target = as_float_array(SI_target, "SI_target", "mL/uU/day")
        return (int(np.argmin(np.abs(self.SI_targets - SI_target))),
                int(np.argmin(np.abs(self.start_days - start_day))))

    def at(self, start_day: float, SI_target: float) -> float:
        """Fasting glucose (mg/dL) at the horizon, at the nearest grid point."""
        return float(self.glucose[self.index(start_day, SI_target)])

    def last_rescue_day(self, SI_target: float, threshold: float = DIABETES_FASTING) -> float:
        """The latest start day on the grid from which glucose at the horizon ends below
        ``threshold`` (mg/dL) for the S_I target nearest to ``SI_target``; NaN if none does."""
        row = self.glucose[self.index(0.0, SI_target)[0]]
        ok = row < threshold
        return float(self.start_days[np.flatnonzero(ok)[-1]]) if ok.any() else float("nan")


def outcome_map(start_days, SI_targets, *, horizon_days: float = ha.FIVE_YEARS, R0_factor: float = 1.0,
                EG0_factor: float = 1.0, secretion_factor: float = 1.0, params: ha.HaParams = ha.PARAMS,
                initial=ha.AUTHORS_START, step_days: float = 0.5) -> OutcomeMap:
    """Run every combination of start day and S_I target at once and read glucose at the horizon.

    Parameters
    ----------
    start_days : array_like
        Start days of the intervention, days (0 to ``horizon_days``).
    SI_targets : array_like
        S_I targets, mL/µU/day (positive, at most SI0).
    horizon_days : float, default 1826.25
        When the outcome is read, days (at most 20 years).
    R0_factor, EG0_factor, secretion_factor : float, default 1
        Other levers, applied from each run's start day (see :class:`~glucolab.models.ha2016.Intervention`).
    params : HaParams
    initial : sequence of 5 floats
        Starting state (glucose, insulin, beta, gamma, sigma); insulin is recomputed from the
        quasi-steady state.
    step_days : float, default 0.5
        Step of the slow variables, days (0.05 to 1).

    Returns
    -------
    OutcomeMap
    """
    p = params
    horizon = in_range(horizon_days, "horizon_days", 1.0, ha.MAX_DAYS, "days")
    starts = np.atleast_1d(in_range(start_days, "start_days", 0.0, horizon, "days"))
    targets = np.atleast_1d(as_float_array(SI_targets, "SI_targets", "mL/uU/day"))
    if np.any(targets <= 0) or np.any(targets > p.SI0 * (1 + 1e-12)):
        raise ValueError(f"SI_targets: expected values above 0 and at most the starting S_I {p.SI0:g} mL/uU/day")
    h = in_range(step_days, "step_days", 0.05, 1.0, "days")
    levers = ha.Intervention(0.0, R0_factor=R0_factor, EG0_factor=EG0_factor, secretion_factor=secretion_factor)
    y0 = ha.check_state(initial)

    T, S = np.meshgrid(targets, starts, indexing="ij")
    course = _Course(S.ravel(), T.ravel())
    si_course = ha.sensitivity_course(course, p)
    plain = (levers.R0_factor, levers.EG0_factor, levers.secretion_factor) == (1.0, 1.0, 1.0)

    def inputs(t):
        """S_I, R0, EG0 and secretion gain of every run at day t."""
        if t < course.start_day.min():  # no run has started yet
            return ha.untreated_sensitivity(t, p), p.R0, p.EG0, 1.0
        on = course.start_day <= t
        SI = np.where(on, ha.treated_sensitivity(t, si_course), ha.untreated_sensitivity(t, p))
        if plain:
            return SI, p.R0, p.EG0, 1.0
        return (SI, np.where(on, p.R0 * levers.R0_factor, p.R0), np.where(on, p.EG0 * levers.EG0_factor, p.EG0),
                np.where(on, levers.secretion_factor, 1.0))

    G = G_before = np.full(S.size, y0[0])
    beta, gamma, sigma = (np.full(S.size, v) for v in (y0[2], y0[3], y0[4]))
    steps = int(np.ceil(horizon / h - 1e-9))
    for n in range(steps):
        t = n * h
        dt = min(h, horizon - t)
        SI, R0, EG0, gain = inputs(t)
        guess = 2.0 * G - G_before  # extrapolate the last step: Newton then mostly needs one iteration
        G_before, G = G, quasi_steady_glucose(SI, beta, gamma, sigma, R0=R0, EG0=EG0, gain=gain, params=p,
                                              guess=guess)
        M = ha.metabolic_rate(G, p)
        isr = gain * ha.secretion_per_mass(M, gamma, sigma, p)
        g_inf = ha.gamma_target(G, p)
        s_inf = ha.sigma_target(G, gamma, gain * sigma, p)
        beta = beta * np.exp(ha.mass_growth_rate(isr, M, p) * dt)
        gamma = g_inf + (gamma - g_inf) * np.exp(-dt / p.tau_g)
        sigma = s_inf + (sigma - s_inf) * np.exp(-dt / p.tau_sigma)
    SI, R0, EG0, gain = inputs(horizon)
    G = quasi_steady_glucose(SI, beta, gamma, sigma, R0=R0, EG0=EG0, gain=gain, params=p, guess=G)
    shape = T.shape
    return OutcomeMap(starts, targets, G.reshape(shape), sigma.reshape(shape), float(horizon))


@dataclass(frozen=True)
class _Course:
    """Start days and S_I targets of many runs, read by :func:`ha2016.insulin_sensitivity`
    in place of one :class:`~glucolab.models.ha2016.Intervention`."""

    start_day: np.ndarray
    SI_target: np.ndarray
    SI_rate: float | None = None


@lru_cache(maxsize=4)
def default_map(horizon_days: float = ha.FIVE_YEARS) -> OutcomeMap:
    """The lesson's map: start every 0.1 year from day 0 to year 4 × S_I targets 0.18-0.80
    mL/µU/day in steps of 0.02 (41 × 32 runs), glucose read at ``horizon_days``. Cached."""
    return outcome_map(DEFAULT_START_YEARS * DAYS_PER_YEAR, DEFAULT_SI_TARGETS, horizon_days=horizon_days)

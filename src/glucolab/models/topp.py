"""Beta-cell mass, insulin and glucose over years: the βIG model of Topp et al. (2000).

Three state variables, time in days::

    dG/dt = R0 - (EG0 + SI I) G                        glucose G, mg/dL
    dI/dt = beta sigma G² / (alpha + G²) - k I          insulin I, µU/mL
    dbeta/dt = (-d0 + r1 G - r2 G²) beta                beta-cell mass, mg

Glucose and insulin settle within hours and minutes; beta-cell mass follows over weeks to
months. The beta-cell equation carries the idea of the paper: moderately raised glucose makes
the beta-cell mass grow (more replication than death), while glucose far above normal makes
it shrink (glucotoxicity). Its growth rate is zero where r2 G² - r1 G + d0 = 0, so the glucose
of every equilibrium with beta > 0 is fixed by d0, r1 and r2 alone and does not depend on S_I:
with the published values these roots are 100 mg/dL (the stable physiological state) and
250 mg/dL (a saddle). The third equilibrium, beta = 0, I = 0, G = R0/EG0 = 600 mg/dL, is the
stable pathological state. Raising d0 moves the two roots together until they merge at
d0 = r1²/(4 r2) = 0.0735 /day, G = r1/(2 r2) = 175 mg/dL (a saddle-node bifurcation).

Parameters, as published by Topp et al. (2000, Table 1)::

    R0    = 864       mg/dL/day        glucose production at zero glucose
    EG0   = 1.44      1/day            glucose effectiveness at zero insulin
    SI    = 0.72      mL/µU/day        insulin sensitivity
    sigma = 43.2      µU/mL/day/mg     maximal insulin secretion per mg of beta cells
    alpha = 20000     mg²/dL²          square of the glucose giving half-maximal secretion
    k     = 432       1/day            insulin clearance
    d0    = 0.06      1/day            beta-cell death rate at zero glucose
    r1    = 0.84e-3   dL/mg/day        glucose-driven beta-cell growth, linear term
    r2    = 0.24e-5   dL²/mg²/day      glucose-driven beta-cell loss, quadratic term

The healthy equilibrium these give is G = 100 mg/dL, I = 10 µU/mL, beta = 300 mg.

Stiffness. The eigenvalues at the healthy state are about -422, -18.7 and -0.014 per day:
insulin relaxes in minutes, glucose in about an hour, beta-cell mass over about 70 days. The
full system is integrated with LSODA (``scipy.integrate.odeint``), which switches to an
implicit method when the problem turns stiff, using the analytic Jacobian below; a 20-year
run takes about 2 ms. The discontinuities in the slope of a :class:`Ramp` schedule are passed
to the integrator as critical times, so it never steps across them.

Disposition index. In an intravenous glucose tolerance test the acute insulin response
(AIRg, first 10 minutes) probes secretion at a high glucose stimulus, 250-350 mg/dL, where
the Hill term G²/(alpha + G²) is 0.76-0.86, close to its maximum. Its counterpart here is
the secretory capacity sigma·beta (µU/mL/day): the insulin secretion rate the beta-cell mass
can reach. The disposition index of Kahn et al. (1993) then becomes SI·sigma·beta
(1/day²). At every physiological equilibrium SI·beta is the same whatever SI is, so slow
compensation moves a person along a hyperbola SI·sigma·beta = constant, exactly as Kahn et
al. found across people.

The model was built for the course of adult insulin resistance over years to decades; it has
no ageing, growth or change in body size, and its beta-cell rates come largely from rodent
studies. Simulations are therefore limited to ``MAX_DAYS`` (50 years).

References
----------
Topp B, Promislow K, deVries G, Miura RM, Finegood DT. A model of beta-cell mass, insulin,
    and glucose kinetics: pathways to diabetes. J Theor Biol 2000;206:605-19.
Kahn SE, Prigeon RL, McCulloch DK, et al. Quantification of the relationship between insulin
    sensitivity and beta-cell function in human subjects: evidence for a hyperbolic function.
    Diabetes 1993;42:1663-72.
Bergman RN, Phillips LS, Cobelli C. Physiologic evaluation of factors controlling glucose
    tolerance in man. J Clin Invest 1981;68:1456-67 (the hyperbola first proposed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Callable, Union

import numpy as np
from scipy.integrate import odeint

from ..deprecation import renamed, warn_renamed
from ..validation import as_float_array, in_range, positive
from .timecourse import Parameters, Range, TimeCourse

DAYS_PER_YEAR = 365.25
MAX_YEARS = 50.0
MAX_DAYS = MAX_YEARS * DAYS_PER_YEAR

UNITS = {
    "R0": "mg/dL/day",
    "EG0": "1/day",
    "SI": "mL/uU/day",
    "sigma": "uU/mL/day/mg",
    "alpha": "mg^2/dL^2",
    "k": "1/day",
    "d0": "1/day",
    "r1": "dL/mg/day",
    "r2": "dL^2/mg^2/day",
}
SCHEDULED = ("SI", "d0", "r1", "r2")  # parameters that may change over time in simulate()


@dataclass(frozen=True)
class ToppParams(Parameters):
    """Parameters of the βIG model (defaults: Topp et al. 2000, Table 1).

    Change them with ``replace`` (``PARAMS.replace(SI=0.36)``), which checks each value again.

    Attributes
    ----------
    R0 : float
        Glucose production at zero glucose, mg/dL/day (864).
    EG0 : float
        Glucose effectiveness at zero insulin, 1/day (1.44).
    SI : float
        Insulin sensitivity, mL/µU/day (0.72).
    sigma : float
        Maximal insulin secretion rate per mg of beta cells, µU/mL/day/mg (43.2).
    alpha : float
        Square of the glucose at half-maximal secretion, mg²/dL² (20000, i.e. 141 mg/dL).
    k : float
        Insulin clearance rate, 1/day (432, a half-life of about 2.3 min).
    d0 : float
        Beta-cell death rate at zero glucose, 1/day (0.06).
    r1 : float
        Linear coefficient of glucose-driven beta-cell growth, dL/mg/day (0.84e-3).
    r2 : float
        Quadratic coefficient of glucose-driven beta-cell loss, dL²/mg²/day (0.24e-5).
    """

    R0: float = 864.0
    EG0: float = 1.44
    SI: float = 0.72
    sigma: float = 43.2
    alpha: float = 20000.0
    k: float = 432.0
    d0: float = 0.06
    r1: float = 0.84e-3
    r2: float = 0.24e-5

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, positive(getattr(self, f.name), f.name, UNITS[f.name]))


PARAMS = ToppParams()

# Only the published person: Lesson 3 changes S_I and d0 over time with schedules instead.
PRESETS = {"Topp 2000": PARAMS}

# Ranges for the panels' sliders, inside which every schedule integrates cleanly. S_I spans
# the roughly 20-fold spread between insulin-sensitive and very resistant people (Kahn et al.
# 1993 report a similar spread); d0 spans both sides of the saddle-node value 0.0735 /day.
RANGES = {
    "SI": Range(0.04, 1.0, "mL/uU/day"),
    "years": Range(0.05, 15.0, "years"),
    "d0": Range(0.03, 0.09, "1/day"),
}


# -- schedules ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ramp:
    """A parameter that moves in a straight line from ``start`` to ``end``.

    It holds ``start`` until ``begin_day``, changes linearly over ``over_days`` (0 means a
    step), then holds ``end``.

    Parameters
    ----------
    start, end : float
        Values before and after the change, in the unit of the parameter; positive.
    over_days : float
        Duration of the change, days (0 or more).
    begin_day : float, default 0
        When the change starts, days (0 or more).

    Examples
    --------
    >>> r = Ramp.over_years(0.72, 0.36, years=10)
    >>> round(r.at(5 * 365.25), 3)
    0.54
    """

    start: float
    end: float
    over_days: float
    begin_day: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "start", positive(self.start, "start"))
        object.__setattr__(self, "end", positive(self.end, "end"))
        object.__setattr__(self, "over_days", positive(self.over_days, "over_days", "days", allow_zero=True))
        object.__setattr__(self, "begin_day", positive(self.begin_day, "begin_day", "days", allow_zero=True))

    @classmethod
    def over_years(cls, start: float, end: float, years: float, begin_year: float = 0.0) -> "Ramp":
        """The same ramp with its timing given in years (365.25 days)."""
        years = positive(years, "years", "years", allow_zero=True)
        begin_year = positive(begin_year, "begin_year", "years", allow_zero=True)
        return cls(start, end, years * DAYS_PER_YEAR, begin_year * DAYS_PER_YEAR)

    @property
    def kinks(self) -> tuple:
        """Times (days) where the slope changes."""
        return (self.begin_day, self.begin_day + self.over_days)

    def at(self, t: float) -> float:
        """The value at time ``t`` (days); a fast scalar version of ``__call__``."""
        if t < self.begin_day:
            return self.start
        if t >= self.begin_day + self.over_days:
            return self.end
        return self.start + (self.end - self.start) * (t - self.begin_day) / self.over_days

    def __call__(self, t):
        """The value at time(s) ``t`` (days); works on arrays."""
        t = np.asarray(t, dtype=float)
        if self.over_days == 0:
            out = np.where(t < self.begin_day, self.start, self.end)
        else:
            frac = np.clip((t - self.begin_day) / self.over_days, 0.0, 1.0)
            out = self.start + (self.end - self.start) * frac
        return float(out) if out.ndim == 0 else out


Schedule = Union[float, Ramp, Callable[[float], float]]


def _scalar_function(value, name: str):
    """Return (f, kinks): a fast scalar function of time in days, and its slope breaks."""
    if isinstance(value, Ramp):
        return value.at, value.kinks
    if callable(value):
        return (lambda t: float(value(t))), ()
    c = positive(value, name, UNITS[name])
    return (lambda t: c), ()


def _schedule_values(value, f, name: str, times: np.ndarray) -> np.ndarray:
    """Evaluate a schedule on ``times`` and check it stays positive and finite."""
    if isinstance(value, Ramp):
        values = value(times)
    elif not callable(value):
        values = np.full(times.shape, f(0.0))
    else:
        try:
            values = np.array([f(t) for t in times], dtype=float)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{name}: the schedule must return a number in {UNITS[name]} for a time "
                             f"in days ({err})") from None
    bad = ~np.isfinite(values) | (values <= 0)
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(f"{name}: the schedule gives {values[i]:g} at day {times[i]:g}; expected "
                         f"positive values in {UNITS[name]} over the whole simulation")
    return values


# -- the model ---------------------------------------------------------------------------------
def beta_glucose_roots(d0: float = PARAMS.d0, r1: float = PARAMS.r1, r2: float = PARAMS.r2) -> tuple:
    """Glucose values (mg/dL) where beta-cell mass neither grows nor shrinks.

    They solve r2 G² - r1 G + d0 = 0, so G = (r1 ∓ sqrt(r1² - 4 r2 d0)) / (2 r2). Every
    equilibrium with beta > 0 sits at one of them, whatever S_I is.

    Parameters
    ----------
    d0 : float
        Beta-cell death rate at zero glucose, 1/day.
    r1 : float
        Linear growth coefficient, dL/mg/day.
    r2 : float
        Quadratic loss coefficient, dL²/mg²/day.

    Returns
    -------
    tuple of float
        Two roots in increasing order (100 and 250 mg/dL for the published values), one
        (the double root r1/(2 r2)) at the saddle-node, or none when d0 > r1²/(4 r2).
    """
    d0, r1, r2 = (positive(v, n, UNITS[n]) for v, n in ((d0, "d0"), (r1, "r1"), (r2, "r2")))
    disc = r1 * r1 - 4.0 * r2 * d0
    if abs(disc) <= 1e-12 * r1 * r1:  # the double root, allowing for rounding in d0 = r1²/(4 r2)
        return (r1 / (2.0 * r2),)
    if disc < 0:
        return ()
    root = math.sqrt(disc)
    # The smaller root is written in the cancellation-free form 2 d0 / (r1 + root).
    return (2.0 * d0 / (r1 + root), (r1 + root) / (2.0 * r2))


def saddle_node_d0(r1: float = PARAMS.r1, r2: float = PARAMS.r2) -> float:
    """The beta-cell death rate (1/day) at which the physiological and saddle equilibria meet.

    The two roots of r2 G² - r1 G + d0 = 0 coincide when the discriminant vanishes:
    d0* = r1² / (4 r2), at glucose r1 / (2 r2). For the published values d0* = 0.0735 /day
    and the merged equilibrium sits at 175 mg/dL.
    """
    r1, r2 = positive(r1, "r1", UNITS["r1"]), positive(r2, "r2", UNITS["r2"])
    return r1 * r1 / (4.0 * r2)


def jacobian(state, params: ToppParams = PARAMS) -> np.ndarray:
    """The Jacobian matrix of (dG/dt, dI/dt, dbeta/dt) with respect to (G, I, beta), per day.

    Parameters
    ----------
    state : sequence of 3 floats
        Glucose (mg/dL), insulin (µU/mL), beta-cell mass (mg).
    params : ToppParams
        Model parameters.
    """
    G, I, B = (float(v) for v in state)
    p = params
    s = p.alpha + G * G
    return np.array([
        [-(p.EG0 + p.SI * I), -p.SI * G, 0.0],
        [B * p.sigma * 2.0 * p.alpha * G / (s * s), -p.k, p.sigma * G * G / s],
        [(p.r1 - 2.0 * p.r2 * G) * B, 0.0, -p.d0 + p.r1 * G - p.r2 * G * G],
    ])


@dataclass(frozen=True)
class FixedPoint:
    """One equilibrium of the βIG model.

    Attributes
    ----------
    kind : str
        "physiological" (lower beta-equation root), "saddle" (upper root), "saddle-node"
        (the two merged) or "pathological" (beta = 0).
    glucose : float
        mg/dL.
    insulin : float
        µU/mL.
    beta : float
        Beta-cell mass, mg.
    eigenvalues : numpy.ndarray
        Eigenvalues of the Jacobian there, 1/day (complex, sorted by real part).
    """

    kind: str
    glucose: float
    insulin: float
    beta: float
    eigenvalues: np.ndarray = field(repr=False)

    @property
    def stable(self) -> bool:
        """True when every eigenvalue has a negative real part."""
        return bool(np.all(self.eigenvalues.real < 0))

    def __str__(self) -> str:
        verdict = "stable" if self.stable else "unstable"
        eig = ", ".join(f"{e.real:.4g}" + (f"{e.imag:+.3g}j" if e.imag else "") for e in self.eigenvalues)
        return (f"{self.kind:<13} G = {self.glucose:6.1f} mg/dL, I = {self.insulin:6.2f} uU/mL, "
                f"beta = {self.beta:7.1f} mg  {verdict:<8} eigenvalues/day: {eig}")


def equilibrium_at(glucose: float, params: ToppParams = PARAMS) -> tuple:
    """Insulin (µU/mL) and beta-cell mass (mg) that hold glucose steady at ``glucose``.

    From dG/dt = 0: I = (R0/G - EG0)/SI; from dI/dt = 0: beta = k I (alpha + G²)/(sigma G²).
    Both are zero or negative when G >= R0/EG0, where no beta > 0 equilibrium can exist.
    """
    G = positive(glucose, "glucose", "mg/dL")
    p = params
    insulin = (p.R0 / G - p.EG0) / p.SI
    beta = p.k * insulin * (p.alpha + G * G) / (p.sigma * G * G)
    return insulin, beta


def fixed_points(params: ToppParams = PARAMS, **overrides) -> list:
    """Every equilibrium of the model, with the eigenvalues of the Jacobian.

    Parameters
    ----------
    params : ToppParams
        Model parameters; keywords (``SI=0.3``, ``d0=0.07`` …) override single ones.

    Returns
    -------
    list of FixedPoint
        Sorted by glucose. With the published values: physiological (100, 10, 300; stable),
        saddle (250, 2.8, 37.0; unstable) and pathological (600, 0, 0; stable).
    """
    p = params.replace(**overrides) if overrides else params
    points = []
    roots = beta_glucose_roots(p.d0, p.r1, p.r2)
    kinds = ("saddle-node",) if len(roots) == 1 else ("physiological", "saddle")
    for kind, G in zip(kinds, roots):
        insulin, beta = equilibrium_at(G, p)
        if insulin > 0:  # the root must lie below R0/EG0 for insulin to be positive
            points.append((kind, G, insulin, beta))
    points.append(("pathological", p.R0 / p.EG0, 0.0, 0.0))
    out = []
    for kind, G, insulin, beta in points:
        eig = np.linalg.eigvals(jacobian((G, insulin, beta), p))
        out.append(FixedPoint(kind, G, insulin, beta, eig[np.argsort(eig.real)]))
    return sorted(out, key=lambda f: f.glucose)


def steady_state(*, params: ToppParams | None = None, **overrides) -> FixedPoint:
    """The physiological (healthy) equilibrium, where a person rests while nothing changes.

    Parameters
    ----------
    params : ToppParams, optional
        Default :data:`PARAMS`, the published values.
    **overrides
        Single fields of :class:`ToppParams` to change (``SI``, ``d0`` ...).

    Returns
    -------
    FixedPoint
        The "physiological" equilibrium, or the "saddle-node" one at d0 = r1²/(4 r2).
        A ValueError says so when d0 is above that value and there is none.

    Examples
    --------
    >>> s = steady_state(SI=0.36)
    >>> round(s.glucose), round(s.insulin), round(s.beta), s.stable
    (100, 20, 600, True)
    """
    p = (params if params is not None else PARAMS).replace(**overrides)
    for f in fixed_points(p):
        if f.kind in ("physiological", "saddle-node"):
            return f
    raise ValueError(f"d0={p.d0:g} 1/day: no physiological equilibrium exists above the saddle-node "
                     f"value {saddle_node_d0(p.r1, p.r2):.4g} 1/day; pass an initial state instead")


def _healthy_state(params: ToppParams = PARAMS, **overrides) -> tuple:
    s = steady_state(params=params, **overrides)
    return s.glucose, s.insulin, s.beta


healthy_state = renamed(_healthy_state, "healthy_state", new_name="steady_state(params=..., **overrides)",
                        note="it returns a FixedPoint; the old tuple is (s.glucose, s.insulin, s.beta)")


def disposition_index(SI, beta, params: ToppParams = PARAMS):
    """The disposition index SI·sigma·beta, 1/day² (insulin sensitivity times secretory capacity).

    Parameters
    ----------
    SI : float or numpy.ndarray
        Insulin sensitivity, mL/µU/day.
    beta : float or numpy.ndarray
        Beta-cell mass, mg.
    params : ToppParams
        Supplies sigma (µU/mL/day/mg).

    Returns
    -------
    float or numpy.ndarray
        9331 /day² for the healthy state (0.72 × 43.2 × 300).
    """
    SI = positive(SI, "SI", UNITS["SI"])
    beta = positive(beta, "beta", "mg", allow_zero=True)
    return SI * params.sigma * beta


# -- simulation --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Trajectory(TimeCourse):
    """The course of glucose, insulin and beta-cell mass over time.

    Read it at any day with ``run.at(day)`` (every series, interpolated) and find when a series
    first passes a level with ``run.first_time("glucose", 126)`` (days); ``run.years`` gives the
    sample times in years.

    Attributes
    ----------
    time : numpy.ndarray
        Days since the start.
    glucose : numpy.ndarray
        Plasma glucose, mg/dL.
    insulin : numpy.ndarray
        Plasma insulin, µU/mL.
    beta : numpy.ndarray
        Beta-cell mass, mg.
    SI, d0, r1, r2 : numpy.ndarray
        The parameter values in force at each time (mL/µU/day, 1/day, dL/mg/day, dL²/mg²/day).
    params : ToppParams
        The fixed parameters.
    """

    time: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    beta: np.ndarray
    SI: np.ndarray
    d0: np.ndarray
    r1: np.ndarray
    r2: np.ndarray
    params: ToppParams = field(repr=False)

    TIME_UNIT = "days"
    SERIES = {"glucose": "mg/dL", "insulin": "µU/mL", "beta": "mg", "SI": "mL/µU/day", "d0": "1/day",
              "r1": "dL/mg/day", "r2": "dL²/mg²/day", "disposition_index": "1/day²"}

    @property
    def years(self) -> np.ndarray:
        """Time in years (365.25 days)."""
        return self.time / DAYS_PER_YEAR

    @property
    def disposition_index(self) -> np.ndarray:
        """SI·sigma·beta along the trajectory, 1/day²."""
        return self.SI * self.params.sigma * self.beta

    def at_year(self, year: float) -> tuple:
        """Deprecated: use ``at(year * DAYS_PER_YEAR)``, whose ``glucose``, ``insulin`` and ``beta``
        are these. Glucose (mg/dL), insulin (µU/mL) and beta-cell mass (mg) interpolated at ``year``."""
        warn_renamed("Trajectory.at_year(year)", "at(day) (days: year * DAYS_PER_YEAR)")
        return tuple(self.at(year * DAYS_PER_YEAR, series=("glucose", "insulin", "beta")).values())

    def first_year_above(self, quantity: str, threshold: float) -> float:
        """Deprecated: use ``first_time(quantity, threshold) / DAYS_PER_YEAR``, which interpolates
        between samples. First sample time (years) at which ``quantity`` ("glucose", "insulin" or
        "beta") exceeds ``threshold``; NaN if it never does."""
        warn_renamed("Trajectory.first_year_above(quantity, threshold)",
                           "first_time(series, threshold) (days, interpolated)")
        if quantity not in ("glucose", "insulin", "beta"):
            raise ValueError(f"quantity={quantity!r}: expected 'glucose', 'insulin' or 'beta'")
        return self._first_sample_past(quantity, threshold) / DAYS_PER_YEAR

    @property
    def failed(self) -> bool:
        """True when the end state is heading to the pathological equilibrium.

        That is, no beta > 0 equilibrium exists for the final parameters, or glucose has
        passed the top of the beta-cell growth curve, r1/(2 r2), and the mass is shrinking.
        """
        d0, r1, r2, G = self.d0[-1], self.r1[-1], self.r2[-1], self.glucose[-1]
        if not beta_glucose_roots(d0, r1, r2):
            return True
        return bool(G > r1 / (2 * r2) and -d0 + r1 * G - r2 * G * G < 0)


def simulate(duration: float = 20 * DAYS_PER_YEAR, *, params: ToppParams | None = None,
             SI: Schedule | None = None, d0: Schedule | None = None, r1: Schedule | None = None,
             r2: Schedule | None = None, initial=None, samples: int = 1001, rtol: float = 1e-6,
             **overrides) -> Trajectory:
    """Integrate the βIG model for ``duration`` days.

    Parameters
    ----------
    duration : float, default 7305 (20 years)
        Length of the simulation, days; more than 0 and at most ``MAX_DAYS`` (50 years).
    params : ToppParams, optional
        The parameters; default :data:`PARAMS`, the published values.
    SI, d0, r1, r2 : float, Ramp or callable, optional
        Each may be a constant, a :class:`Ramp`, or a function of time in days returning a
        positive value; default the value in ``params``. A function is checked on a grid of
        the sample times and 2000 evenly spaced points.
    initial : sequence of 3 floats, optional
        Starting glucose (mg/dL), insulin (µU/mL) and beta-cell mass (mg); default the
        physiological equilibrium for the parameter values at day 0 (for a :class:`Ramp`,
        its ``start`` value, so that a step at day 0 is felt).
    samples : int, default 1001
        Number of evenly spaced output times, including 0 and ``duration`` (2 to 100000).
    rtol : float, default 1e-6
        Relative tolerance of the integrator (1e-10 to 1e-3); the absolute tolerance is
        ``rtol`` in the units of each state variable.
    **overrides
        Other single fields of :class:`ToppParams` to change (``R0``, ``EG0``, ``sigma``,
        ``alpha``, ``k``).

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> t = simulate(20 * 365.25, SI=Ramp.over_years(0.72, 0.36, years=10))
    >>> round(float(t.glucose[-1])), round(float(t.beta[-1]))
    (100, 600)
    >>> round(t.at(5 * 365.25).insulin, 1)
    13.3
    >>> round(t.first_time("beta", 450) / DAYS_PER_YEAR, 2)
    6.86
    """
    params = (params if params is not None else PARAMS).replace(**overrides)
    days = positive(duration, "duration", "days")
    if days > MAX_DAYS:
        raise ValueError(f"duration={days:g}: expected at most {MAX_DAYS:g} days ({MAX_YEARS:g} years); the "
                         "model has no ageing or change in body size and is meant for years to decades")
    if isinstance(samples, bool) or int(samples) != samples or not 2 <= samples <= 100_000:
        raise ValueError(f"samples={samples!r}: expected a whole number from 2 to 100000")
    rtol = in_range(rtol, "rtol", 1e-10, 1e-3)
    given = {"SI": SI, "d0": d0, "r1": r1, "r2": r2}
    funcs, kinks, values = {}, [], {}
    times = np.linspace(0.0, days, int(samples))
    check_grid = np.union1d(times, np.linspace(0.0, days, 2001))
    for name in SCHEDULED:
        value = getattr(params, name) if given[name] is None else given[name]
        funcs[name], k = _scalar_function(value, name)
        kinks.extend(k)
        on_grid = _schedule_values(value, funcs[name], name, check_grid)
        values[name] = on_grid[np.searchsorted(check_grid, times)]
    if initial is None:
        start = {name: (given[name].start if isinstance(given[name], Ramp) else funcs[name](0.0))
                 for name in SCHEDULED}
        healthy = steady_state(params=params, **start)
        y0 = np.array((healthy.glucose, healthy.insulin, healthy.beta))
    else:
        y0 = as_float_array(initial, "initial", "(mg/dL, uU/mL, mg)")
        if y0.shape != (3,) or y0[0] <= 0 or y0[1] < 0 or y0[2] < 0:
            raise ValueError(f"initial={initial!r}: expected (glucose > 0 mg/dL, insulin >= 0 uU/mL, "
                             "beta-cell mass >= 0 mg)")

    R0, EG0, sigma, alpha, k = params.R0, params.EG0, params.sigma, params.alpha, params.k
    f_si, f_d0, f_r1, f_r2 = (funcs[n] for n in SCHEDULED)

    def rhs(y, t):
        G, I, B = y
        G2 = G * G
        return (R0 - (EG0 + f_si(t) * I) * G,
                B * sigma * G2 / (alpha + G2) - k * I,
                (-f_d0(t) + f_r1(t) * G - f_r2(t) * G2) * B)

    def jac(y, t):
        G, I, B = y
        s = alpha + G * G
        si, r1_t, r2_t = f_si(t), f_r1(t), f_r2(t)
        return ((-(EG0 + si * I), -si * G, 0.0),
                (B * sigma * 2.0 * alpha * G / (s * s), -k, sigma * G * G / s),
                ((r1_t - 2.0 * r2_t * G) * B, 0.0, -f_d0(t) + r1_t * G - r2_t * G * G))

    # LSODA stops exactly on a kink only if the kink is also an output time (see minimal.py).
    crit = np.array(sorted({c for c in kinks if 0.0 < c < days}))
    grid = np.union1d(times, crit)
    sol = odeint(rhs, y0, grid, Dfun=jac, tcrit=crit if crit.size else None, rtol=rtol,
                 atol=rtol, mxstep=50_000)
    if not np.all(np.isfinite(sol)):
        raise ValueError("the integration failed; expected parameters inside the documented ranges")
    sol = sol[np.searchsorted(grid, times)]
    return Trajectory(times, sol[:, 0], np.maximum(sol[:, 1], 0.0), np.maximum(sol[:, 2], 0.0),
                      params=params, **values)

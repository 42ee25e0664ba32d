"""The hypothalamic-pituitary-gonadal loop in men: GnRH → LH → testosterone → negative feedback.

A three-stage negative-feedback loop of the kind Goodwin (1965) wrote for gene expression and
Smith (1980) applied to the control of testosterone secretion (see also Murray 2002). All
three variables are relative to a healthy man's steady state (1 = healthy); time in hours::

    dH/dt = (d · f(T + u) − H) / τ_H          GnRH (hypothalamus)
    dL/dt = (H − L) / τ_L                      LH (pituitary)
    dT/dt = (c · L − T) / τ_T                  testosterone made by the testes
    f(x)  = (1 + K⁻ⁿ) / (1 + (x/K)ⁿ),  f(1) = 1

* ``u`` is **androgen from outside the body**, in units of the healthy man's own level. The
  hypothalamus cannot tell it from the testes' own testosterone, so it enters the feedback.
  Only the mechanism is modelled; nothing here refers to a product, dose or schedule.
* ``d`` scales the hypothalamic drive (below 1: a *secondary*, hypogonadotropic fall, as with
  obesity or illness); ``c`` scales the testes' response to LH (below 1: *primary* failure).
* Feedback acts at one site here, with K = 0.5 and n = 4. At every steady state the loop gain
  n·xⁿ/(1 + xⁿ)·T/(T + u) is below n = 4, and a three-stage cyclic loop cannot oscillate while
  its gain is below sec(π/3)³ = 8, whatever its time constants (the secant condition: Tyson &
  Othmer 1978; Thron 1991). So the loop always settles to one steady state.

The time constants (GnRH 0.1 h, LH and testosterone 1 h) and the feedback shape are
**illustrative**: they give the right order of events — GnRH in minutes, LH and testosterone
within hours — but were not fitted to data. GnRH is cleared within minutes in plasma (Conn &
Crowley 1991). To show levels in familiar units, 1 means 18.4 nmol/L (531 ng/dL), the median
total testosterone of healthy non-obese men aged 19-39 in the harmonised reference range of
Travison et al. (2017), whose 2.5th-97.5th percentiles are 264-916 ng/dL (9.2-31.8 nmol/L).

Why this matters clinically (mechanism only): spermatogenesis needs LH-driven testosterone
inside the testis, at concentrations far above those in blood. When outside androgen
suppresses LH, the testes' own production and sperm output fall even while blood androgen is
normal or high. Recovery after it stops takes months, not the hours this model shows: in an
analysis of 1549 men in hormonal contraception studies the median time for sperm
concentration to recover to 20 million/mL was 3.4 months (Liu et al. 2006).

:data:`PARAMS` (an :class:`HPGParams`: drive, capacity, the feedback shape and the time
constants), :data:`PRESETS` and :data:`RANGES` go with :func:`simulate` (a :class:`LoopRun` over
hours) and :func:`steady_state`, whose first argument is the outside androgen ``u``.

References
----------
Goodwin BC. Oscillatory behavior in enzymatic control processes. Adv Enzyme Regul 1965;3:425-438.
Smith WR. Hypothalamic regulation of pituitary secretion of luteinizing hormone. II. Feedback
    control of gonadotropin secretion. Bull Math Biol 1980;42:57-78.
Murray JD. Mathematical Biology I: An Introduction. 3rd ed. Springer; 2002.
Tyson JJ, Othmer HG. The dynamics of feedback control circuits in biochemical pathways. Prog
    Theor Biol 1978;5:1-62.
Thron CD. The secant condition for instability in biochemical feedback control. I. The role of
    cooperativity and saturability. Bull Math Biol 1991;53:383-401.
Conn PM, Crowley WF Jr. Gonadotropin-releasing hormone and its analogues. N Engl J Med
    1991;324:93-103.
Travison TG, Vesper HW, Orwoll E, et al. Harmonized reference ranges for circulating
    testosterone levels in men of four cohort studies in the United States and Europe.
    J Clin Endocrinol Metab 2017;102:1161-1173.
Liu PY, Swerdloff RS, Christenson PD, Handelsman DJ, Wang C. Rate, extent, and modifiers of
    spermatogenic recovery after hormonal male contraception: an integrated analysis.
    Lancet 2006;367:1412-1420.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import odeint

from ..deprecation import renamed
from ..units import convert
from ..validation import in_range
from .roots import bisect
from .timecourse import Parameters, Range, TimeCourse

# healthy median total testosterone, 531 ng/dL (Travison et al. 2017), in nmol/L
T_REF_NMOLL = convert(531.0, "testosterone", "ng/dL", "nmol/L")
K_FEEDBACK = 0.5  # testosterone (relative) giving half-maximal feedback
HILL = 4.0  # steepness of the feedback
TAU = {"gnrh": 0.1, "lh": 1.0, "testosterone": 1.0}  # time constants, h (illustrative)

# A Hill exponent up to 8 keeps the loop gain below the secant limit of 8 (see above).
RANGES = {
    "exogenous": Range(0.0, 3.0, "x healthy testosterone"),
    "drive": Range(0.2, 1.5, "x healthy"),
    "capacity": Range(0.2, 1.5, "x healthy"),
    "k_feedback": Range(0.1, 2.0, "x healthy testosterone"),
    "hill": Range(1.0, 8.0, "dimensionless"),
    "tau_gnrh": Range(0.01, 10.0, "h"),
    "tau_lh": Range(0.01, 10.0, "h"),
    "tau_testosterone": Range(0.01, 10.0, "h"),
    "duration": Range(1.0, 240.0, "h"),
}


@dataclass(frozen=True)
class HPGParams(Parameters):
    """Parameters of the loop; change them with ``replace`` (``PARAMS.replace(drive=0.5)``).

    ``drive`` and ``capacity`` may be arrays (one loop per element) for :func:`steady_state`.

    Attributes
    ----------
    drive : float or numpy.ndarray
        Hypothalamic drive d, × healthy (0.2 to 1.5; below 1: secondary failure).
    capacity : float or numpy.ndarray
        Testicular response to LH c, × healthy (0.2 to 1.5; below 1: primary failure).
    k_feedback : float
        Total testosterone (× healthy) giving half-maximal feedback, K (illustrative, 0.5).
    hill : float
        Steepness n of the feedback (illustrative, 4; at most 8).
    tau_gnrh, tau_lh, tau_testosterone : float
        Time constants of GnRH, LH and testosterone, h (illustrative: 0.1, 1 and 1).
    """

    drive: float = 1.0
    capacity: float = 1.0
    k_feedback: float = K_FEEDBACK
    hill: float = HILL
    tau_gnrh: float = TAU["gnrh"]
    tau_lh: float = TAU["lh"]
    tau_testosterone: float = TAU["testosterone"]

    def __post_init__(self):
        self.check_ranges(RANGES)


PARAMS = HPGParams()  # the healthy man
# The two kinds of failure Lesson 7 compares.
PRESETS = {
    "healthy": PARAMS,
    "testes respond half as well": HPGParams(capacity=0.5),
    "hypothalamic drive halved": HPGParams(drive=0.5),
}


def _params(params: HPGParams | None, overrides: dict) -> HPGParams:
    return (params if params is not None else PARAMS).replace(**overrides)


def feedback(total, *, params: HPGParams | None = None) -> np.ndarray:
    """Hypothalamic output per unit drive at relative total testosterone ``total`` (f(1) = 1)."""
    p = params if params is not None else PARAMS
    total = np.asarray(total, dtype=float)
    return (1.0 + p.k_feedback ** -p.hill) / (1.0 + (total / p.k_feedback) ** p.hill)


def _check_inputs(exogenous, drive, capacity):
    return (RANGES["exogenous"].check(exogenous, "exogenous"), RANGES["drive"].check(drive, "drive"),
            RANGES["capacity"].check(capacity, "capacity"))


check_inputs = renamed(_check_inputs, "check_inputs",
                       new_name="HPGParams(drive=..., capacity=...) and RANGES['exogenous'].check(...)")


@dataclass(frozen=True)
class SteadyState:
    """The loop at rest. All values relative to the healthy man (1 = healthy).

    Attributes
    ----------
    gnrh, lh : float or numpy.ndarray
        GnRH and LH.
    endogenous : float or numpy.ndarray
        Testosterone made by the testes.
    total : float or numpy.ndarray
        Endogenous plus outside androgen.
    loop_gain : float or numpy.ndarray
        Logarithmic gain of the loop at this state (below 8 means stable; see module docstring).
    """

    gnrh: np.ndarray
    lh: np.ndarray
    endogenous: np.ndarray
    total: np.ndarray
    loop_gain: np.ndarray


def steady_state(exogenous=0.0, *, params: HPGParams | None = None, iterations: int = 60,
                 **overrides) -> SteadyState:
    """Steady state of the loop; works element-wise on arrays.

    At rest T = c·d·f(T + u); the right side falls as T rises, so one root lies between 0 and
    c·d·f(u) and bisection finds it.

    Parameters
    ----------
    exogenous : float or numpy.ndarray, default 0
        Outside androgen, × the healthy man's own testosterone (0 to 3).
    params : HPGParams, optional
        Default :data:`PARAMS`, the healthy man.
    iterations : int, default 60
        Bisection steps.
    **overrides
        Single fields of :class:`HPGParams` to change: ``drive`` and ``capacity`` (× healthy,
        0.2 to 1.5; floats or arrays), ``k_feedback``, ``hill`` and the time constants.

    Examples
    --------
    >>> s = steady_state()
    >>> round(float(s.endogenous), 6), round(float(s.lh), 6)
    (1.0, 1.0)
    >>> round(steady_state(capacity=0.5).lh, 2)     # primary failure: LH rises
    1.73
    """
    p = _params(params, overrides)
    u = RANGES["exogenous"].check(exogenous, "exogenous")
    u, d, c = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (u, p.drive, p.capacity)))
    t = bisect(lambda x: x - c * d * feedback(x + u, params=p), np.zeros(u.shape), c * d * feedback(u, params=p),
               iterations)
    h = d * feedback(t + u, params=p)
    x = ((t + u) / p.k_feedback) ** p.hill
    gain = p.hill * x / (1.0 + x) * t / np.maximum(t + u, 1e-12)
    values = [h, h, t, t + u, gain]
    if u.ndim == 0:
        values = [float(v) for v in values]
    return SteadyState(*values)


@dataclass(frozen=True)
class LoopRun(TimeCourse):
    """Time courses of the loop (relative to the healthy man; time in hours).

    Attributes
    ----------
    time : numpy.ndarray
        Hours from the start of the run.
    gnrh, lh, endogenous, total, exogenous : numpy.ndarray
        GnRH, LH, testosterone from the testes, total androgen in blood and outside androgen,
        × healthy.
    params : HPGParams
        The parameters used.
    """

    time: np.ndarray
    gnrh: np.ndarray
    lh: np.ndarray
    endogenous: np.ndarray
    total: np.ndarray
    exogenous: np.ndarray
    params: HPGParams = field(default=PARAMS, repr=False)

    TIME_UNIT = "h"
    SERIES = {"gnrh": "x healthy", "lh": "x healthy", "endogenous": "x healthy", "total": "x healthy",
              "exogenous": "x healthy"}

    def nmol_per_l(self, values) -> np.ndarray:
        """Relative testosterone converted to nmol/L (1 = 18.4 nmol/L)."""
        return np.asarray(values) * T_REF_NMOLL


def _rhs(y, t, u_on, t_on, p: HPGParams):
    h, l, tt = y
    u = u_on if t >= t_on else 0.0
    return ((p.drive * feedback(tt + u, params=p) - h) / p.tau_gnrh, (h - l) / p.tau_lh,
            (p.capacity * l - tt) / p.tau_testosterone)


def simulate(duration: float = 48.0, *, params: HPGParams | None = None, exogenous: float = 1.0,
             start_h: float = 12.0, samples: int = 241, **overrides) -> LoopRun:
    """The loop at rest, then outside androgen switched on at ``start_h`` and kept on.

    The loop starts at its steady state with no outside androgen.

    Parameters
    ----------
    duration : float, default 48
        Length of the run, h (1 to 240).
    params : HPGParams, optional
        Default :data:`PARAMS`, the healthy man; ``drive`` and ``capacity`` must be single numbers.
    exogenous : float, default 1
        Outside androgen after ``start_h``, × the healthy man's own testosterone (0 to 3).
    start_h : float, default 12
        When it starts, h.
    samples : int, default 241
        Number of output times.
    **overrides
        Single fields of :class:`HPGParams` to change (``drive``, ``capacity`` ...).

    Examples
    --------
    >>> run = simulate()
    >>> round(run.at(48).lh, 2), round(run.at(48).total, 2)
    (0.33, 1.33)
    """
    p = _params(params, overrides)
    for name in ("drive", "capacity"):
        if np.ndim(getattr(p, name)):
            raise ValueError(f"{name}={getattr(p, name)!r}: expected a single number (x healthy) for a time course")
    u = RANGES["exogenous"].check(exogenous, "exogenous")
    duration = RANGES["duration"].check(duration, "duration")
    start_h = in_range(start_h, "start_h", 0.0, duration, "h")
    rest = steady_state(0.0, params=p)
    t = np.linspace(0.0, duration, int(samples))
    y = odeint(_rhs, (rest.gnrh, rest.lh, rest.endogenous), t, args=(u, start_h, p),
               tcrit=[start_h], rtol=1e-8, atol=1e-10)
    outside = np.where(t >= start_h, u, 0.0)
    return LoopRun(t, y[:, 0], y[:, 1], y[:, 2], y[:, 2] + outside, outside, p)

"""Growth hormone and insulin action: a delayed, saturating antagonism fitted to two clamp studies.

Growth hormone (GH) opposes insulin, but not at once: in euglycaemic clamps the effect appears
about two hours after GH rises and is largest after four to five hours. This module turns a GH
concentration profile into a time course of *insulin action*, the fraction of the control
glucose infusion rate that a clamp would need, in three steps (time in hours)::

    plasma GH        dC/dt = u(t) - k_el C,              k_el = ln 2 / 18.9 min
    delay            E_1 ... E_n: dE_i/dt = k_tr (E_{i-1} - E_i),  E_0 = C,  n = 8
    insulin action   a(t) = 1 - R_max E_n^2 / (E_n^2 + EC50^2)

``C`` and ``E_n`` are GH *added* to the person's own secretion, in mU/L (1 mg of the WHO
somatropin standard 98/574 is 3 IU, so 1 µg/L is 3 mU/L). The chain of transit compartments
is the usual way to write a delay whose mechanism is a cascade (Savic et al. 2007); here it
stands for the steps between GH receptor signalling, lipolysis and impaired insulin action
(Møller & Jørgensen 2009; Nielsen et al. 2001 restored insulin sensitivity under GH by
blocking lipolysis, although Møller et al. 1989 saw the first effects on glucose before lipid
intermediates rose).

What was fitted, and to what
----------------------------
* ``K_EL``: the half-time of endogenous GH in plasma, 18.9 ± 0.8 min (Faria et al. 1989).
* ``N_TRANSIT`` = 8 and ``K_TRANSIT`` = 2.1 /h (mean delay 3.8 h) were chosen so that after a
  1-h GH infusion the effect is small at 2 h and largest between 4 and 5 h, as Fowelin et al.
  (1991) report ("started after ~2 h, was maximal after 4-5 h").
* ``R_MAX`` and ``EC50`` were then solved so that the model reproduces exactly two numbers:
  the glucose infusion rate 240 min into a clamp with GH held near 25 mU/L, 2.83 ± 0.24 vs
  4.35 ± 0.28 mg/kg/min without GH, a ratio of 0.651 (Møller et al. 1989); and the largest
  inhibition of the glucose infusion rate after a 1-h infusion peaking at 102 mU/L, about 39 %
  (Fowelin et al. 1991).

Compared with, not fitted
-------------------------
* Fowelin et al.: a 1-h infusion peaking at 52 mU/L gave "a similar" effect (model 38 %); one
  peaking at 31 mU/L gave "a smaller response" of shorter duration (model 34 %, so the model's
  dose response is too flat at low peaks).
* Fowelin et al.: the effect "lasted for 6-7 h after peak levels" (model: still 19 % at 8 h,
  gone by 10 h; the delay chain lets the effect linger longer than measured).
* Surya et al. (2009): three days of GH given as four pulses a day or as a continuous infusion
  of the same daily amount impaired insulin sensitivity (Matsuda index) equally; see
  :func:`compare_patterns`.

The shape of the concentration-effect curve between the measured points, and therefore any
difference the model shows between pulsatile and continuous exposure, is an assumption: no
study has measured it finely enough. The lessons say so wherever they use it.

:data:`PARAMS` (a :class:`GHParams` holding the numbers above), :data:`PRESETS` and :data:`RANGES` go
with :func:`simulate`, one daily pattern of added GH over hours (a :class:`GHRun`);
:func:`compare_patterns` sets a pattern against continuous GH and :func:`clamp_protocols` (``clamp_studies``
before 0.2.0) runs the two clamp studies.

References
----------
Møller N, Butler PC, Antsiferov MA, Alberti KG. Effects of growth hormone on insulin sensitivity
    and forearm metabolism in normal man. Diabetologia 1989;32:105-110.
Fowelin J, Attvall S, von Schenck H, Smith U, Lager I. Characterization of the insulin-
    antagonistic effect of growth hormone in man. Diabetologia 1991;34:500-506.
Faria AC, Veldhuis JD, Thorner MO, Vance ML. Half-time of endogenous growth hormone (GH)
    disappearance in normal man after stimulation of GH secretion by GH-releasing hormone and
    suppression with somatostatin. J Clin Endocrinol Metab 1989;68:535-541.
Surya S, Horowitz JF, Goldenberg N, et al. The pattern of growth hormone delivery to
    peripheral tissues determines insulin-like growth factor-1 and lipolytic responses in
    obese subjects. J Clin Endocrinol Metab 2009;94:2828-2834.
Nielsen S, Møller N, Christiansen JS, Jørgensen JO. Pharmacological antilipolysis restores
    insulin sensitivity during growth hormone exposure. Diabetes 2001;50:2301-2308.
Møller N, Jørgensen JOL. Effects of growth hormone on glucose, lipid, and protein metabolism in
    human subjects. Endocr Rev 2009;30:152-177.
Savic RM, Jonker DM, Kerbusch T, Karlsson MO. Implementation of a transit compartment model for
    describing drug absorption in pharmacokinetic studies. J Pharmacokinet Pharmacodyn
    2007;34:711-726.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.signal import lfilter

from ..deprecation import renamed
from ..validation import in_range
from .timecourse import Parameters, Range, TimeCourse

STEP_H = 1.0 / 30.0  # time step of every profile, h (2 min)
K_EL = np.log(2.0) / (18.9 / 60.0)  # GH elimination, 1/h (Faria et al. 1989: t1/2 18.9 min)
N_TRANSIT = 8  # compartments in the delay chain
K_TRANSIT = 2.1  # transit rate, 1/h (mean delay N/K = 3.8 h; timing of Fowelin et al. 1991)
HILL = 2.0  # steepness of the concentration-effect curve (assumed)
R_MAX = 0.395  # largest fractional loss of insulin action (fitted, see module docstring)
EC50 = 3.90  # delayed GH giving half of R_MAX, mU/L (fitted)

# The measurements used above.
MOLLER_1989 = {"gh_mU_L": 25.0, "hours": 4.0, "gir_gh": 2.83, "gir_control": 4.35,
               "gir_sem": (0.24, 0.28), "n": 6}
FOWELIN_1991 = {"peaks_mU_L": (31.0, 52.0, 102.0), "infusion_h": 1.0, "max_inhibition_102": 0.39,
                "peak_effect_h": (4.0, 5.0), "n": 11}

# Ranges of the inputs (the panel's sliders) and of the parameters.
RANGES = {
    "mean_gh": Range(0.5, 30.0, "mU/L"),
    "pulses_per_day": Range(1, 8, "per day"),
    "pulsatile_share": Range(0.0, 1.0, "fraction"),
    "duration": Range(1.0, 96.0, "h"),
    "k_el": Range(0.5, 10.0, "1/h"),
    "n_transit": Range(1, 20, "compartments"),
    "k_transit": Range(0.2, 20.0, "1/h"),
    "hill": Range(0.5, 8.0, "dimensionless"),
    "r_max": Range(0.0, 1.0, "fraction of insulin action"),
    "ec50": Range(0.1, 100.0, "mU/L"),
}


@dataclass(frozen=True)
class GHParams(Parameters):
    """Parameters of the GH model; change them with ``replace`` (``PARAMS.replace(ec50=6.0)``).

    Attributes
    ----------
    k_el : float
        GH elimination, 1/h (ln 2 / 18.9 min; Faria et al. 1989).
    n_transit : int
        Compartments in the delay chain (8).
    k_transit : float
        Transit rate, 1/h (2.1; timing of Fowelin et al. 1991).
    hill : float
        Steepness of the concentration-effect curve (2, assumed).
    r_max : float
        Largest fractional loss of insulin action (0.395, fitted).
    ec50 : float
        Delayed GH giving half of ``r_max``, mU/L (3.90, fitted).
    """

    k_el: float = K_EL
    n_transit: int = N_TRANSIT
    k_transit: float = K_TRANSIT
    hill: float = HILL
    r_max: float = R_MAX
    ec50: float = EC50

    def __post_init__(self):
        self.check_ranges(RANGES)
        if int(self.n_transit) != self.n_transit:
            raise ValueError(f"n_transit={self.n_transit!r}: expected a whole number of compartments")


PARAMS = GHParams()  # the values fitted to Møller et al. (1989) and Fowelin et al. (1991)
PRESETS = {"fitted to Møller 1989 and Fowelin 1991": PARAMS}


def _p(params: GHParams | None) -> GHParams:
    return params if params is not None else PARAMS


def time_grid(hours: float = 48.0) -> np.ndarray:
    """Sample times from 0 to ``hours`` (1 to 96 h) in steps of :data:`STEP_H`, in hours."""
    hours = RANGES["duration"].check(hours, "hours")
    return np.arange(0.0, hours + 0.5 * STEP_H, STEP_H)


def plasma_gh(secretion, *, params: GHParams | None = None) -> np.ndarray:
    """Plasma GH (mU/L) produced by a secretion-rate profile (mU/L per h) sampled on the grid.

    The input is held constant over each step and the one-compartment equation
    dC/dt = u - k_el C is solved exactly, starting from C = 0 (no added GH).
    """
    k_el = _p(params).k_el
    a = np.exp(-k_el * STEP_H)
    return lfilter([0.0, (1.0 - a) / k_el], [1.0, -a], np.asarray(secretion, dtype=float))


def infusion(t, peak, duration_h: float = 1.0, start_h: float = 0.0, *,
             params: GHParams | None = None) -> np.ndarray:
    """Plasma GH (mU/L) during and after a constant infusion that reaches ``peak`` at its end.

    Parameters
    ----------
    t : numpy.ndarray
        Sample times from :func:`time_grid`, h.
    peak : float
        GH concentration at the end of the infusion, mU/L.
    duration_h : float, default 1
        Length of the infusion, h.
    start_h : float, default 0
        When it starts, h.
    params : GHParams, optional
        Default :data:`PARAMS`.
    """
    k_el = _p(params).k_el
    peak = in_range(peak, "peak", 0.0, 500.0, "mU/L")
    duration_h = in_range(duration_h, "duration_h", STEP_H, 96.0, "h")
    plateau = peak / (1.0 - np.exp(-k_el * duration_h))
    on = (t >= start_h - 1e-9) & (t < start_h + duration_h - 1e-9)
    return plasma_gh(np.where(on, plateau * k_el, 0.0), params=params)


def exposure(t, mean_gh, pulses_per_day: int = 4, pulsatile_share: float = 1.0,
             pulse_h: float = 1.0, *, params: GHParams | None = None) -> np.ndarray:
    """Added plasma GH (mU/L) with a given 24-h mean, part continuous and part in pulses.

    Each pulse is a 1-h burst of secretion, spaced evenly over the day and starting at t = 0;
    the continuous part is a constant secretion. Both parts deliver the same total per day as
    a constant concentration of ``mean_gh`` would, so patterns can be compared at equal
    exposure.

    Parameters
    ----------
    t : numpy.ndarray
        Sample times from :func:`time_grid`, h.
    mean_gh : float
        24-h mean of the added GH, mU/L (0.5 to 30).
    pulses_per_day : int, default 4
        Number of pulses a day (1 to 8).
    pulsatile_share : float, default 1
        Fraction of the daily GH given as pulses (0 = all continuous, 1 = all pulses).
    pulse_h : float, default 1
        Length of one burst of secretion, h.
    params : GHParams, optional
        Default :data:`PARAMS`.
    """
    mean_gh = RANGES["mean_gh"].check(mean_gh, "mean_gh")
    pulses = int(round(RANGES["pulses_per_day"].check(pulses_per_day, "pulses_per_day")))
    share = RANGES["pulsatile_share"].check(pulsatile_share, "pulsatile_share")
    period = 24.0 / pulses
    in_pulse = np.mod(t + 1e-9, period) < pulse_h
    # Secretion that holds mean_gh at steady state is mean_gh*k_el; pulses squeeze the same
    # daily amount into pulse_h out of every period hours.
    rate = mean_gh * _p(params).k_el * ((1.0 - share) + share * in_pulse * period / pulse_h)
    return plasma_gh(rate, params=params)


def delayed(concentration, *, params: GHParams | None = None) -> np.ndarray:
    """The GH signal after the transit chain, E_n (mU/L), from a plasma profile on the grid."""
    p = _p(params)
    a = np.exp(-p.k_transit * STEP_H)
    signal = np.asarray(concentration, dtype=float)
    for _ in range(int(p.n_transit)):
        signal = lfilter([0.0, 1.0 - a], [1.0, -a], signal)
    return signal


def _action(signal, p: GHParams) -> np.ndarray:
    signal = np.maximum(signal, 0.0)
    return 1.0 - p.r_max * signal ** p.hill / (signal ** p.hill + p.ec50 ** p.hill)


def insulin_action(concentration, *, params: GHParams | None = None) -> np.ndarray:
    """Insulin action (fraction of control, 1 = no GH effect) for a plasma GH profile (mU/L).

    This is the ratio of the glucose infusion rate a euglycaemic clamp would need with the GH
    to the rate without it, as reported by Møller et al. (1989) and Fowelin et al. (1991).
    """
    return _action(delayed(concentration, params=params), _p(params))


@dataclass(frozen=True)
class GHRun(TimeCourse):
    """Added growth hormone and the insulin action it leaves, over hours.

    Attributes
    ----------
    time : numpy.ndarray
        Hours, in steps of :data:`STEP_H`.
    gh : numpy.ndarray
        Added plasma GH, mU/L.
    delayed_gh : numpy.ndarray
        The GH signal after the delay chain, E_n, mU/L.
    insulin_action : numpy.ndarray
        Insulin action, fraction of control (1 = no GH effect).
    params : GHParams
        The parameters used.
    """

    time: np.ndarray
    gh: np.ndarray
    delayed_gh: np.ndarray
    insulin_action: np.ndarray
    params: GHParams = field(default=PARAMS, repr=False)

    TIME_UNIT = "h"
    SERIES = {"gh": "mU/L", "delayed_gh": "mU/L", "insulin_action": "fraction of control"}


def simulate(duration: float = 48.0, *, params: GHParams | None = None, mean_gh: float = 3.0,
             pulses_per_day: int = 4, pulsatile_share: float = 1.0, pulse_h: float = 1.0,
             **overrides) -> GHRun:
    """Added GH in a daily pattern from t = 0, and the insulin action it leaves.

    The defaults are the opening setting of Lesson 6's panel: the design of Surya et al. (2009),
    four pulses a day and all of the GH as pulses, at a 24-h mean of 3 mU/L.

    Parameters
    ----------
    duration : float, default 48
        Length of the run, h (1 to 96).
    params : GHParams, optional
        Default :data:`PARAMS`, the fitted values.
    mean_gh : float, default 3
        24-h mean of the added GH, mU/L (0.5 to 30).
    pulses_per_day : int, default 4
        Pulses a day (1 to 8).
    pulsatile_share : float, default 1
        Fraction of the daily GH given as pulses (0 = all continuous).
    pulse_h : float, default 1
        Length of one burst of secretion, h.
    **overrides
        Single fields of :class:`GHParams` to change (``ec50``, ``r_max`` ...).

    Examples
    --------
    >>> run = simulate(48, mean_gh=5.0)
    >>> round(run.at(37).gh, 1)              # mU/L at the end of a pulse
    26.7
    >>> round(run.first_time("insulin_action", 0.9, above=False), 1)   # h until 10 % is lost
    2.6
    """
    p = _p(params).replace(**overrides)
    t = time_grid(RANGES["duration"].check(duration, "duration"))
    gh = exposure(t, mean_gh, pulses_per_day, pulsatile_share, pulse_h, params=p)
    signal = delayed(gh, params=p)
    return GHRun(t, gh, signal, _action(signal, p), p)


@dataclass(frozen=True)
class PatternComparison(TimeCourse):
    """Insulin action under one GH pattern and under continuous GH of the same 24-h mean.

    Attributes
    ----------
    time : numpy.ndarray
        Hours.
    gh_pattern, gh_continuous : numpy.ndarray
        Added plasma GH, mU/L.
    action_pattern, action_continuous : numpy.ndarray
        Insulin action, fraction of control.
    mean_action_pattern, mean_action_continuous : float
        Mean insulin action over the last 24 h, fraction of control.
    """

    time: np.ndarray
    gh_pattern: np.ndarray
    gh_continuous: np.ndarray
    action_pattern: np.ndarray
    action_continuous: np.ndarray
    mean_action_pattern: float
    mean_action_continuous: float

    TIME_UNIT = "h"
    SERIES = {"gh_pattern": "mU/L", "gh_continuous": "mU/L", "action_pattern": "fraction of control",
              "action_continuous": "fraction of control"}


def compare_patterns(mean_gh: float, pulses_per_day: int = 4, pulsatile_share: float = 1.0,
                     hours: float = 48.0, *, params: GHParams | None = None) -> PatternComparison:
    """Insulin action under a pulsatile pattern and under continuous GH of the same daily amount.

    Parameters
    ----------
    mean_gh : float
        24-h mean of the added GH, mU/L.
    pulses_per_day : int, default 4
        Pulses a day.
    pulsatile_share : float, default 1
        Fraction of the GH given as pulses.
    hours : float, default 48
        Length of the simulation, h (at least 24; the means use the last 24 h).
    params : GHParams, optional
        Default :data:`PARAMS`.

    Examples
    --------
    >>> c = compare_patterns(5.0, pulses_per_day=4)
    >>> round(c.mean_action_pattern, 2), round(c.mean_action_continuous, 2)
    (0.79, 0.75)
    """
    hours = in_range(hours, "hours", 24.0, RANGES["duration"].high, "h")
    t = time_grid(hours)
    pattern = exposure(t, mean_gh, pulses_per_day, pulsatile_share, params=params)
    continuous = exposure(t, mean_gh, pulses_per_day, 0.0, params=params)
    a_pattern, a_continuous = insulin_action(pattern, params=params), insulin_action(continuous, params=params)
    last_day = t > t[-1] - 24.0
    return PatternComparison(t, pattern, continuous, a_pattern, a_continuous,
                             float(a_pattern[last_day].mean()), float(a_continuous[last_day].mean()))


@dataclass(frozen=True)
class ClampRuns(TimeCourse):
    """Insulin action (fraction of control) through the published clamp protocols, over hours.

    ``LABELS`` names each protocol for a legend.

    Attributes
    ----------
    time : numpy.ndarray
        Hours from the start of GH.
    moller_25 : numpy.ndarray
        GH held near 25 mU/L for 4 h (Møller et al. 1989).
    fowelin_31, fowelin_52, fowelin_102 : numpy.ndarray
        A 1-h infusion peaking at 31, 52 or 102 mU/L (Fowelin et al. 1991).
    """

    time: np.ndarray
    moller_25: np.ndarray
    fowelin_31: np.ndarray
    fowelin_52: np.ndarray
    fowelin_102: np.ndarray

    TIME_UNIT = "h"
    SERIES = {"moller_25": "fraction of control", "fowelin_31": "fraction of control",
              "fowelin_52": "fraction of control", "fowelin_102": "fraction of control"}
    LABELS = {"moller_25": "Møller 1989, 25 mU/L for 4 h", "fowelin_31": "Fowelin 1991, 1-h pulse to 31 mU/L",
              "fowelin_52": "Fowelin 1991, 1-h pulse to 52 mU/L", "fowelin_102": "Fowelin 1991, 1-h pulse to 102 mU/L"}


def clamp_protocols(hours: float = 10.0, *, params: GHParams | None = None) -> ClampRuns:
    """The model run through the published clamp protocols, for comparison with the data.

    Parameters
    ----------
    hours : float, default 10
        Length of each run, h (1 to 96).
    params : GHParams, optional
        Default :data:`PARAMS`.

    Examples
    --------
    >>> runs = clamp_protocols()
    >>> round(runs.at(MOLLER_1989["hours"]).moller_25, 3)   # fitted: 2.83 / 4.35
    0.651
    """
    t = time_grid(hours)
    moller = insulin_action(infusion(t, MOLLER_1989["gh_mU_L"], 4.0, params=params), params=params)
    fowelin = [insulin_action(infusion(t, peak, 1.0, params=params), params=params)
               for peak in FOWELIN_1991["peaks_mU_L"]]
    return ClampRuns(t, moller, *fowelin)


def _clamp_studies(hours: float = 10.0) -> dict:
    runs = clamp_protocols(hours)
    return {"time": runs.time, **{label: getattr(runs, name) for name, label in ClampRuns.LABELS.items()}}


clamp_studies = renamed(_clamp_studies, "clamp_studies", new_name="clamp_protocols(hours)",
                        note="it returns a ClampRuns; ClampRuns.LABELS names each series")

"""Prevention and reversal of type 2 diabetes: the model of Ha, Satin & Sherman (2016).

The model extends the βIG model of Topp et al. (2000; Lesson 3, :mod:`glucolab.models.topp`)
with two aspects of beta-cell *function* that change faster than beta-cell mass. Time is in
days. Five state variables are integrated::

    dG/dt     = R0 - (EG0 + SI I) G                  glucose G, mg/dL
    dI/dt     = beta ISR / BV - k I                  insulin I, µU/mL
    dbeta/dt  = (P(ISR) - A(M)) beta / tau_b         beta-cell mass beta, mg
    dgamma/dt = (gamma_inf(G) - gamma) / tau_g       glucose-sensitivity shift gamma
    dsigma/dt = (sigma_inf - sigma) / tau_sigma      maximal secretion per mass sigma

with the glucose-driven metabolic rate of the beta cell and the secretion rate per mg::

    M   = Mmax G^kM / (alpha_M^kM + G^kM)                       (0 to 1)
    ISR = sigma (M + gamma)^kISR / (alpha_ISR^kISR + (M + gamma)^kISR)

* gamma stands for the opening and closing of K(ATP) channels: within days, glucose above
  about 100 mg/dL shifts the cell's glucose response to the left (gamma up to +0.1) and
  glucose below it shifts it to the right (down to -0.1).
* sigma stands for the cell's secretory machinery (for example insulin synthesis and
  granule docking). It is pushed up by secretion (a rising sigmoid in a secretion rate
  ISR_s) and pulled down by metabolic overload (a falling sigmoid in a metabolic rate M_s),
  both evaluated at glucose shifted down by 75 mg/dL, over months::

      sigma_inf = sigma_MI(M_s) sigma_ISRI(ISR_s) + sigma_b
      sigma_ISRI = ISRI_bar / (1 + ISRI_k exp(-(ISR_s - ISRI_s) / ISRI_n))
      sigma_MI   = 1 - MI_bar / (1 + MI_k exp(-(M_s - MI_s) / MI_n))

* Beta-cell mass grows when secretion per cell is high (P, a Hill function of ISR) and dies
  when the metabolic rate is high (A, a Hill function of M, plus a basal rate A_b), over years.

Insulin sensitivity is not a state of the body here but the *driver*: it falls exponentially
from SI0 towards a floor, and an intervention from a chosen day sends it towards a new target
at a new rate (the authors wrote this as a differential equation for SI with a switch at the
start day; because it is linear with constant coefficients it is solved exactly here). The
fall from 0.8 towards 0.18 mL/µU/day with a time constant of 132 days is the course of the
authors' human runs (all four of their human set files). The model's message is a threshold:
while beta-cell function is still high, restoring S_I brings glucose back; after sigma has
collapsed, the same or a larger gain in S_I does not, because low secretion keeps glucose
high and high glucose keeps sigma low (bistability). Slow changes in beta-cell mass decide
which side of the threshold a person is on.

Parameters for humans (:data:`PARAMS`). Sources: [HSS] Ha, Satin & Sherman (2016) and the
authors' published XPP files in the GitHub repository artielbm/artielbm.github.io (Arthur
Sherman's site; listed in Models/Pathogenesis/readme.md): Models/Pathogenesis/human.ode and
Models/Pathogenesis/fig7_human_prevention.set, and Models/fig7_human_early.set,
Models/fig7_human_late.set and Models/fig8_human.set (commit e08f09237f34, all four set files
saved on 29 April 2015; the human parameter values agree in all four); [T] Topp et al. (2000)::

    R0        864     mg/dL/day      glucose production at zero glucose [T, HSS]
    EG0       1.44    1/day          glucose effectiveness at zero insulin [T, HSS]
    k         700     1/day          insulin clearance (half-life 1.4 min) [HSS]
    BV        5       L              blood volume, human [HSS human.ode]
    Mmax      1       -              maximal metabolic rate (M is a fraction) [HSS]
    alpha_M   150     mg/dL          glucose of half-maximal metabolic rate [HSS]
    kM        2       -              Hill coefficient of M [HSS]
    alpha_ISR 1.2     -              (M + gamma) of half-maximal secretion [HSS]
    kISR      2       -              Hill coefficient of secretion [HSS]
    Pmax      4.55    -              maximal proliferation (rate Pmax/tau_b) [HSS]
    alpha_P   41.77   mU/mg/day      ISR of half-maximal proliferation [HSS]
    kP        4       -              Hill coefficient of proliferation [HSS]
    Amax      9       -              maximal apoptosis (rate Amax/tau_b) [HSS human set file]
    alpha_A   0.44    -              M of half-maximal apoptosis [HSS]
    kA        6       -              Hill coefficient of apoptosis [HSS]
    A_b       0.8     -              basal apoptosis (rate A_b/tau_b) [HSS]
    tau_b     8570    day            time scale of beta-cell mass, human [HSS human.ode]
    G_bar     0.2     -              range of gamma_inf [HSS]
    Gs        99.9    mg/dL          glucose where gamma_inf is mid-range [HSS]
    Gn        1       mg/dL          steepness of gamma_inf [HSS]
    Gshft     0.1     -              downward offset of gamma_inf [HSS]
    tau_g     2.14    day            time scale of gamma [HSS]
    sigma_Gsh 75      mg/dL          glucose shift in the sigma feedback [HSS]
    ISRI_bar  600     mU/mg/day      maximal ISR-driven sigma [HSS human set file]
    ISRI_s    0.1     mU/mg/day      half-point of sigma_ISRI [HSS]
    ISRI_n    0.1     mU/mg/day      steepness of sigma_ISRI [HSS]
    ISRI_k    1       -              weight in sigma_ISRI [HSS]
    sigma_b   3       mU/mg/day      basal sigma [HSS]
    MI_bar    1       -              depth of sigma_MI [HSS]
    MI_k      0.2     -              weight in sigma_MI [HSS]
    MI_s      0.2     -              half-point of sigma_MI (in M) [HSS]
    MI_n      0.02    -              steepness of sigma_MI (in M) [HSS]
    tau_sigma 249.9   day            time scale of sigma, human [HSS human.ode]
    SI0       0.8     mL/µU/day      insulin sensitivity at the start [HSS human.ode]
    SI_floor  0.18    mL/µU/day      where S_I heads without intervention [HSS set file]
    SI_fall   0.00756 1/day          rate of that fall (time constant 132 days) [HSS set file]
    SI_rise   0.028   1/day          rate of change after an intervention [HSS prevention set
                                     file; the early and late runs use 0.014, see SCENARIOS]

Two values differ between the files: human.ode carries Amax = 3.11 and ISRI_bar = 867.6 (the
rat values of ZDF.ode), while the human set file of Figure 7 uses 9 and 600. The set file is
the one behind the published human figure, and with it this module reproduces the authors'
saved end state of their prevention run (G = 108.82 mg/dL, I = 26.53 µU/mL, beta = 1279 mg,
sigma = 601.0 at day 1800; tests/test_ha2016.py), so 9 and 600 are used. The initial state is
the one in all these files (:data:`AUTHORS_START`).

The authors' runs. Four set files hold the settings and the saved end state of the human runs
of the paper's Figures 7 and 8; each is a named scenario here (:data:`SCENARIOS`, with its source
in :data:`SCENARIO_SOURCES` and the saved end state in :data:`AUTHORS_ENDS`)::

    scenario             set file                     what changes, and when
    prevention           fig7_human_prevention.set    from day 300 S_I heads for 0.245 at 0.028/day
    early intervention   fig7_human_early.set         from day 1100 S_I heads for 0.468 at 0.014/day
    late intervention    fig7_human_late.set          from day 1400 S_I heads for 0.468 at 0.014/day
    bariatric surgery    fig8_human.set               on day 1100 R0 falls from 864 to 340 mg/dL/day
                                                      and sigma is set to 400 mU/mg/day; S_I keeps
                                                      falling towards 0.18 (no S_I intervention)

With them this module reproduces each saved end state (day 1799.986, or 1799.3 for Figure 8)
to 2e-6 relative in glucose, insulin, beta-cell mass and sigma for the three S_I runs, and to
3e-5 for bariatric surgery (tests/test_ha2016.py). The remainder in the surgery run comes from
how XPP applies the sigma reset: it finds the event between two output points (0.95 days apart
in that file) and restarts from the state interpolated linearly between them, which carries part
of the glucose drop after the R0 cut back to the moment of surgery; done the same way here, the
match is better than 1e-7 (a test shows it). "early" and "late" in :data:`SCENARIOS` are not the authors':
they are this package's illustration, chosen before the authors' early and late settings were
found (start days 730 and 1300, target 0.4 at the default rate 0.028/day).

Units. With beta in mg and BV in L, beta·ISR/BV is in µU/mL/day when ISR (and sigma, alpha_P,
the ISRI terms) is in mU per mg of beta cells per day. The starting state then secretes
1000 mg × 31.6 mU/mg/day ≈ 32 U of insulin a day, the order measured in non-obese adults over
24 hours of normal life (235 nmol, about 39 U; Camastra et al. 2005).

Glucose below 75 mg/dL. The shifted metabolic rate M_s uses (G - 75)²; the authors' formula
would rise again below 75 mg/dL, so here the shifted glucose is taken as zero there. No run of
the authors goes that low (the lowest, after bariatric surgery, stays above 100 mg/dL), but the
strongest combinations of levers do: an S_I target of 0.8 with EG0 × 1.5 and secretion × 2 takes
glucose to about 71 mg/dL within five years at R0 × 0.6, and to about 61 mg/dL at R0 × 0.39.
Below 75 mg/dL results depend on this choice.

References
----------
Ha J, Satin LS, Sherman AS. A mathematical model of the pathogenesis, prevention, and reversal
    of type 2 diabetes. Endocrinology 2016;157:624-635.
Topp B, Promislow K, deVries G, Miura RM, Finegood DT. A model of beta-cell mass, insulin,
    and glucose kinetics: pathways to diabetes. J Theor Biol 2000;206:605-619.
Camastra S, Manco M, Mari A, et al. Beta-cell function in morbidly obese subjects during free
    living: long-term effects of weight loss. Diabetes 2005;54:2382-2389.
Nathan DM, Kuenen J, Borg R, et al. Translating the A1C assay into estimated average glucose
    values. Diabetes Care 2008;31:1473-1478 (the ADAG line used by :attr:`Trajectory.hba1c`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np
from scipy.integrate import odeint

from ..deprecation import warn_renamed
from ..indices import ADAG_INTERCEPT_MGDL, ADAG_SLOPE_MGDL, homa_ir
from ..validation import as_float_array, in_range, positive
from .timecourse import Parameters, Range, TimeCourse
from .topp import DAYS_PER_YEAR

MAX_YEARS = 20.0
MAX_DAYS = MAX_YEARS * DAYS_PER_YEAR
FIVE_YEARS = 5 * DAYS_PER_YEAR  # 1826.25 days, the horizon of the lesson

UNITS = {
    "R0": "mg/dL/day", "EG0": "1/day", "k": "1/day", "BV": "L",
    "Mmax": "1", "alpha_M": "mg/dL", "kM": "1", "alpha_ISR": "1", "kISR": "1",
    "Pmax": "1", "alpha_P": "mU/mg/day", "kP": "1", "Amax": "1", "alpha_A": "1", "kA": "1",
    "A_b": "1", "tau_b": "day", "G_bar": "1", "Gs": "mg/dL", "Gn": "mg/dL", "Gshft": "1",
    "tau_g": "day", "sigma_Gsh": "mg/dL", "ISRI_bar": "mU/mg/day", "ISRI_s": "mU/mg/day",
    "ISRI_n": "mU/mg/day", "ISRI_k": "1", "sigma_b": "mU/mg/day", "MI_bar": "1", "MI_k": "1",
    "MI_s": "1", "MI_n": "1", "tau_sigma": "day", "SI0": "mL/uU/day", "SI_floor": "mL/uU/day",
    "SI_fall": "1/day", "SI_rise": "1/day",
}
STATE = ("glucose", "insulin", "beta", "gamma", "sigma")
STATE_UNITS = ("mg/dL", "uU/mL", "mg", "1", "mU/mg/day")


@dataclass(frozen=True)
class HaParams(Parameters):
    """Human parameters of the Ha-Satin-Sherman model; see the module docstring for units and
    sources. Every value must be positive, except ``Gshft``, which may be zero. Change them with
    ``replace`` (``PARAMS.replace(tau_b=5000)``), which checks each value again."""

    R0: float = 864.0
    EG0: float = 1.44
    k: float = 700.0
    BV: float = 5.0
    Mmax: float = 1.0
    alpha_M: float = 150.0
    kM: float = 2.0
    alpha_ISR: float = 1.2
    kISR: float = 2.0
    Pmax: float = 4.55
    alpha_P: float = 41.77
    kP: float = 4.0
    Amax: float = 9.0
    alpha_A: float = 0.44
    kA: float = 6.0
    A_b: float = 0.8
    tau_b: float = 8570.0
    G_bar: float = 0.2
    Gs: float = 99.9
    Gn: float = 1.0
    Gshft: float = 0.1
    tau_g: float = 2.14
    sigma_Gsh: float = 75.0
    ISRI_bar: float = 600.0
    ISRI_s: float = 0.1
    ISRI_n: float = 0.1
    ISRI_k: float = 1.0
    sigma_b: float = 3.0
    MI_bar: float = 1.0
    MI_k: float = 0.2
    MI_s: float = 0.2
    MI_n: float = 0.02
    tau_sigma: float = 249.9
    SI0: float = 0.8
    SI_floor: float = 0.18
    SI_fall: float = 0.00756
    SI_rise: float = 0.028

    def __post_init__(self):
        for f in fields(self):
            value = positive(getattr(self, f.name), f.name, UNITS[f.name], allow_zero=f.name == "Gshft")
            object.__setattr__(self, f.name, value)
        if self.SI_floor > self.SI0:
            raise ValueError(f"SI_floor={self.SI_floor:g}: expected at most SI0={self.SI0:g} mL/uU/day "
                             "(insulin sensitivity falls in this model)")


PARAMS = HaParams()

# The authors' human values; the rat values of their ZDF.ode are not reproduced here.
PRESETS = {"human": PARAMS}

# The starting state of the authors' human runs (human.ode and fig7_human_prevention.set):
# glucose mg/dL, insulin µU/mL, beta-cell mass mg, gamma, sigma mU/mg/day; S_I starts at SI0.
AUTHORS_START = (99.7664, 9.025, 1000.423, -0.00666, 536.67)

# The end of the authors' prevention run at day 1800 (fig7_human_prevention.set, "Ending ICs"),
# against which tests/test_ha2016.py checks this implementation.
AUTHORS_PREVENTION_END = {"day": 1800.0, "glucose": 108.8245, "insulin": 26.5284, "beta": 1278.904,
                          "gamma": 0.09997, "sigma": 600.9805, "SI": 0.245}

# The end state saved in each of the authors' human set files ("Ending ICs", with the day of
# "Current time"), for the scenario of the same name in SCENARIOS. Units as in STATE_UNITS; SI
# in mL/uU/day. Files in artielbm/artielbm.github.io: Models/Pathogenesis/fig7_human_prevention.set
# and, at commit e08f09237f34, Models/fig7_human_early.set, Models/fig7_human_late.set and
# Models/fig8_human.set.
AUTHORS_ENDS = {
    "prevention": {"file": "fig7_human_prevention.set", "day": 1799.986,
                   "glucose": 108.8245036082017, "insulin": 26.5283738740164, "beta": 1278.903949069947,
                   "gamma": 0.09997377195261548, "sigma": 600.980509965197, "SI": 0.245},
    "early intervention": {"file": "fig7_human_early.set", "day": 1799.986,
                           "glucose": 104.0787909256388, "insulin": 14.66191678911286,
                           "beta": 854.7991010481144, "gamma": 0.09707400622592101,
                           "sigma": 545.3436604478447, "SI": 0.4679840352312949},
    "late intervention": {"file": "fig7_human_late.set", "day": 1799.986,
                          "glucose": 434.5082944026002, "insulin": 1.172073857809838, "beta": 485.6051696897693,
                          "gamma": 0.1, "sigma": 20.77164313740681, "SI": 0.4669348650763123},
    "bariatric surgery": {"file": "fig8_human.set", "day": 1799.3,
                          "glucose": 100.1817277236033, "insulin": 10.85459740297456, "beta": 956.5650187418966,
                          "gamma": 0.01402987263222891, "sigma": 589.6120204856112, "SI": 0.180000767028535},
}


# -- rate laws (scalars or numpy arrays) --------------------------------------------------------
def _exp(x):
    """exp(x), capped at exp(700): math.exp for a float (LSODA's many scalar calls are about
    four times faster that way), numpy for arrays (the outcome map)."""
    if isinstance(x, float):
        return math.exp(x if x < 700.0 else 700.0)
    return np.exp(np.minimum(x, 700.0))


def power(x, n):
    """x ** n, with the common n = 2 as one multiplication (several times faster on arrays)."""
    return x * x if n == 2 else x ** n


def hill(x, half, n):
    """The Hill function x^n / (half^n + x^n), rising from 0 to 1 with half its height at ``half``."""
    xn = power(x, n)
    return xn / (half ** n + xn)


def metabolic_rate(G, p: HaParams = PARAMS):
    """Beta-cell metabolic rate M (0 to Mmax) at glucose ``G`` (mg/dL)."""
    return p.Mmax * hill(G, p.alpha_M, p.kM)


def secretion_per_mass(M, gamma, sigma, p: HaParams = PARAMS):
    """Insulin secretion rate per mg of beta cells (mU/mg/day) for metabolic rate ``M``,
    sensitivity shift ``gamma`` and maximal rate ``sigma`` (mU/mg/day)."""
    return sigma * hill(M + gamma, p.alpha_ISR, p.kISR)


def gamma_target(G, p: HaParams = PARAMS):
    """gamma_inf: the shift of glucose sensitivity towards which gamma relaxes at glucose ``G``."""
    return p.G_bar / (1.0 + _exp(-(G - p.Gs) / p.Gn)) - p.Gshft


def sigma_target(G, gamma, sigma, p: HaParams = PARAMS):
    """sigma_inf (mU/mg/day): where beta-cell function heads at glucose ``G`` (mg/dL)."""
    above = G - p.sigma_Gsh
    shifted = 0.5 * (above + abs(above))  # max(G - sigma_Gsh, 0), for floats and arrays alike
    M_s = metabolic_rate(shifted, p)
    isr_s = secretion_per_mass(M_s, gamma, sigma, p)
    up = p.ISRI_bar / (1.0 + p.ISRI_k * _exp(-(isr_s - p.ISRI_s) / p.ISRI_n))
    down = 1.0 - p.MI_bar / (1.0 + p.MI_k * _exp(-(M_s - p.MI_s) / p.MI_n))
    return down * up + p.sigma_b


def mass_growth_rate(isr, M, p: HaParams = PARAMS):
    """Net growth rate of beta-cell mass, (P - A)/tau_b, per day."""
    return (p.Pmax * hill(isr, p.alpha_P, p.kP) - p.Amax * hill(M, p.alpha_A, p.kA) - p.A_b) / p.tau_b


# -- interventions --------------------------------------------------------------------------------
LEVER_RANGES = {  # the ranges the lesson's panels offer (sliders of glucolab.panels.reversal)
    "R0_factor": Range(0.6, 1.2, "(factor)"),
    "EG0_factor": Range(0.8, 1.5, "(factor)"),
    "secretion_factor": Range(0.5, 2.0, "(factor)"),
}
# What an Intervention accepts: the panels' ranges, with R0 down to 0.39 so that the authors' cut
# at bariatric surgery (R0_tar = 340 of 864 mg/dL/day, fig8_human.set) fits. Runs at the corners
# of these bounds integrate over 20 years (tests/test_ha2016.py); at the strongest corners glucose
# falls below 75 mg/dL (see "Glucose below 75 mg/dL" in the module docstring).
LEVER_LIMITS = {**LEVER_RANGES, "R0_factor": Range(0.39, 1.2, "(factor)")}
# The levers of an Intervention that the lesson offers, and the S_I it may aim for (the untreated
# floor to the healthy start, as on the panel's slider).
RANGES = {**LEVER_RANGES, "SI_target": Range(PARAMS.SI_floor, PARAMS.SI0, "mL/uU/day")}


@dataclass(frozen=True)
class Intervention:
    """A change that starts on one day and then lasts.

    Parameters
    ----------
    start_day : float
        Day the change begins (0 or more; at most the simulated span).
    SI_target : float, optional
        Insulin sensitivity (mL/µU/day) towards which S_I moves from ``start_day``; default:
        keep heading for the untreated floor. Positive and at most the starting S_I: the
        model person starts healthy, so a target above it would not be a reversal.
    SI_rate : float, optional
        Rate (1/day) at which S_I rises towards a target above its value on the start day;
        default ``SI_rise`` of the parameters (0.028/day, a time constant of 36 days). If the
        target lies below S_I on the start day, S_I keeps falling at the untreated rate
        ``SI_fall`` towards it: the intervention stops the decline at the target but never
        speeds it up (this rule is a choice of this module; the authors' runs only raise S_I).
    R0_factor : float, default 1
        Glucose production R0 is multiplied by this from ``start_day`` (0.39 to 1.2; the
        authors' bariatric surgery is 340/864 = 0.394, the lesson's slider spans 0.6 to 1.2).
    EG0_factor : float, default 1
        Insulin-independent glucose uptake EG0 is multiplied by this (0.8 to 1.5).
    secretion_factor : float, default 1
        Insulin secretion ISR is multiplied by this at every glucose (0.5 to 2), so the
        extra secretion keeps the glucose dependence of the original.
    sigma_reset : float, optional
        Beta-cell function sigma (mU/mg/day) is set to this value on ``start_day``, a jump of
        the state from which sigma then follows its own equation again; default: no jump.
        Positive and at most ISRI_bar + sigma_b (603 mU/mg/day with the published values), the
        highest sigma the model can sustain. The authors' bariatric surgery sets 400
        (sigma_tar in fig8_human.set). The sample on ``start_day`` itself, if there is one,
        shows the value before the jump.
    """

    start_day: float
    SI_target: float | None = None
    SI_rate: float | None = None
    R0_factor: float = 1.0
    EG0_factor: float = 1.0
    secretion_factor: float = 1.0
    sigma_reset: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "start_day", positive(self.start_day, "start_day", "days", allow_zero=True))
        if self.SI_target is not None:
            object.__setattr__(self, "SI_target", positive(self.SI_target, "SI_target", UNITS["SI0"]))
        if self.SI_rate is not None:
            object.__setattr__(self, "SI_rate", positive(self.SI_rate, "SI_rate", "1/day"))
        for name, limits in LEVER_LIMITS.items():
            object.__setattr__(self, name, limits.check(getattr(self, name), name))
        if self.sigma_reset is not None:
            object.__setattr__(self, "sigma_reset", positive(self.sigma_reset, "sigma_reset", "mU/mg/day"))

    @classmethod
    def from_strength(cls, start_day: float, strength: float, params: HaParams = PARAMS,
                      **levers) -> "Intervention":
        """An intervention that raises the S_I target by ``strength`` above the untreated floor.

        ``strength`` is a fraction (0.56 means a target 56 % above ``SI_floor``, the gain
        Nishida et al. 2004 measured after 12 weeks of training); 0 leaves S_I untouched.
        The largest strength, SI0/SI_floor - 1 (3.44 with the published values), restores S_I
        fully.
        """
        top = params.SI0 / params.SI_floor - 1.0
        strength = in_range(positive(strength, "strength", "(fraction)", allow_zero=True),
                            "strength", 0.0, top, "(fraction above the untreated floor)")
        return cls(start_day, SI_target=params.SI_floor * (1.0 + strength), **levers)

    def check(self, days: float, params: HaParams = PARAMS) -> None:
        """Raise a ValueError if this intervention does not fit a run of ``days`` days."""
        if self.start_day > days:
            raise ValueError(f"start_day={self.start_day:g}: expected a day within the simulated span "
                             f"0-{days:g} days")
        if self.SI_target is not None and self.SI_target > params.SI0 * (1 + 1e-12):
            raise ValueError(f"SI_target={self.SI_target:g}: expected at most the starting S_I "
                             f"{params.SI0:g} mL/uU/day; the model person starts healthy, so a "
                             "target above that is not a reversal")
        top = params.ISRI_bar + params.sigma_b
        if self.sigma_reset is not None and self.sigma_reset > top:
            raise ValueError(f"sigma_reset={self.sigma_reset:g}: expected at most ISRI_bar + sigma_b = "
                             f"{top:g} mU/mg/day, the highest beta-cell function the model can sustain")


def untreated_sensitivity(t, params: HaParams = PARAMS):
    """S_I (mL/µU/day) at day(s) ``t`` without intervention: SI_floor + (SI0 - SI_floor) exp(-SI_fall t)."""
    p = params
    return p.SI_floor + (p.SI0 - p.SI_floor) * np.exp(-p.SI_fall * np.asarray(t, dtype=float))


def sensitivity_course(intervention, p: HaParams = PARAMS) -> tuple:
    """(start day, target, S_I on the start day, rate) of the S_I course after an intervention
    with a target; the fields may be arrays (one run per element)."""
    start, target = intervention.start_day, intervention.SI_target
    at_start = untreated_sensitivity(start, p)
    rise = p.SI_rise if intervention.SI_rate is None else intervention.SI_rate
    return start, target, at_start, np.where(np.asarray(target) >= at_start, rise, p.SI_fall)


def treated_sensitivity(t, course: tuple):
    """S_I (mL/µU/day) at day(s) ``t`` on or after the start, for a course from :func:`sensitivity_course`:
    target + (S_I at start - target) exp(-rate (t - start))."""
    start, target, at_start, rate = course
    return target + (at_start - target) * np.exp(-rate * np.maximum(t - start, 0.0))


def insulin_sensitivity(t, intervention: Intervention | None = None, params: HaParams = PARAMS):
    """S_I (mL/µU/day) at day(s) ``t``: an exponential fall from SI0 towards SI_floor, and from
    the start day an exponential approach to the intervention's target.

    Works on arrays; the start day and target of ``intervention`` may be arrays too (one run
    per element), as in :mod:`glucolab.models.ha2016_map`.
    """
    t = np.asarray(t, dtype=float)
    untreated = untreated_sensitivity(t, params)
    if intervention is None or intervention.SI_target is None:
        return untreated
    course = sensitivity_course(intervention, params)
    return np.where(t < course[0], untreated, treated_sensitivity(t, course))


# -- the trajectory ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Trajectory(TimeCourse):
    """The course of the model over time.

    Read every series at any day with ``run.at(day)`` (``.glucose``, ``.homa_ir``, ``.hba1c`` ...),
    find when one first passes a level with ``run.first_time("glucose", 126)`` (days,
    interpolated), and print it with ``run.table(every=365.25)``.

    Attributes
    ----------
    time : numpy.ndarray
        Day of each sample, counted from the start of the run.
    glucose : numpy.ndarray
        Fasting plasma glucose at each sample, mg/dL (the model has no meals).
    insulin : numpy.ndarray
        Fasting plasma insulin, µU/mL.
    beta : numpy.ndarray
        Mass of beta cells, mg (about 1000 mg at the start).
    gamma : numpy.ndarray
        Shift of beta-cell glucose sensitivity (dimensionless, -0.1 to 0.1).
    sigma : numpy.ndarray
        Beta-cell function: maximal secretion per mg, mU/mg/day.
    SI : numpy.ndarray
        Insulin sensitivity in force, mL/µU/day.
    intervention : Intervention or None
        What was changed, and from which day.
    params : HaParams
    """

    time: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    beta: np.ndarray
    gamma: np.ndarray
    sigma: np.ndarray
    SI: np.ndarray
    intervention: Intervention | None = None
    params: HaParams = field(default=PARAMS, repr=False)

    TIME_UNIT = "days"
    SERIES = {"glucose": "mg/dL", "insulin": "µU/mL", "beta": "mg", "gamma": "", "sigma": "mU/mg/day",
              "SI": "mL/µU/day", "homa_ir": "", "hba1c": "%"}

    @property
    def years(self) -> np.ndarray:
        """The sample times converted to years of 365.25 days."""
        return self.time / DAYS_PER_YEAR

    @property
    def homa_ir(self) -> np.ndarray:
        """Fasting HOMA-IR along the course (Matthews et al. 1985, via :func:`glucolab.indices.homa_ir`)."""
        return homa_ir(self.glucose, np.maximum(self.insulin, 1e-9), glucose_unit="mg/dL", insulin_unit="uU/mL")

    @property
    def hba1c(self) -> np.ndarray:
        """HbA1c (%) estimated from the mean glucose of the previous 90 days.

        The ADAG line (Nathan et al. 2008), eAG = 28.7 × HbA1c - 46.7 mg/dL, solved for HbA1c,
        with the model's glucose taken as the average glucose and the starting value assumed
        for the days before day 0. The model has no meals, so a real HbA1c would read higher.
        """
        window = 90.0
        t, g = self.time, self.glucose
        area = np.concatenate(([0.0], np.cumsum(0.5 * (g[1:] + g[:-1]) * np.diff(t))))
        back = np.maximum(t - window, 0.0)
        area_back = np.interp(back, t, area)
        before = np.maximum(window - t, 0.0) * g[0]  # the days before day 0, at the start value
        mean = (area - area_back + before) / window
        return (mean - ADAG_INTERCEPT_MGDL) / ADAG_SLOPE_MGDL

    def at_day(self, day: float) -> dict:
        """Deprecated: use ``at(day)``, which also carries HOMA-IR and HbA1c. Every state
        variable and S_I interpolated at ``day`` (a dict of floats)."""
        warn_renamed("Trajectory.at_day(day)", "at(day)", "a Sample: run.at(day).glucose or run.at(day)['glucose']")
        day = in_range(day, "day", 0.0, float(self.time[-1]), "days")
        return dict(self.at(day, series=STATE + ("SI",)))

    def first_day(self, series: str, threshold: float, *, above: bool = True) -> float:
        """Deprecated: use ``first_time(series, threshold, above=...)``, which interpolates between
        samples. First sample day on which ``series`` (a state name, "SI", "homa_ir" or "hba1c")
        is past ``threshold`` (above it, or below it with ``above=False``); NaN if never."""
        warn_renamed("Trajectory.first_day(series, threshold)", "first_time(series, threshold)",
                    "interpolated between samples, where first_day gave the first sample past it")
        return self._first_sample_past(series, threshold, above)


# -- simulation ---------------------------------------------------------------------------------
def check_state(initial) -> np.ndarray:
    """The five state values (glucose, insulin, beta, gamma, sigma) as an array; ValueError if
    any is impossible."""
    y0 = as_float_array(initial, "initial", "(mg/dL, uU/mL, mg, 1, mU/mg/day)")
    if y0.shape != (5,) or y0[0] <= 0 or y0[1] < 0 or y0[2] <= 0 or y0[4] <= 0 or abs(y0[3]) > 1:
        raise ValueError(f"initial={initial!r}: expected (glucose > 0 mg/dL, insulin >= 0 uU/mL, "
                         "beta-cell mass > 0 mg, -1 <= gamma <= 1, sigma > 0 mU/mg/day)")
    return y0


def simulate(duration: float = FIVE_YEARS, *old_intervention, params: HaParams | None = None,
             intervention: Intervention | None = None, initial=AUTHORS_START, samples: int = 1001,
             rtol: float = 1e-7, **overrides) -> Trajectory:
    """Integrate the model for ``duration`` days, with an optional intervention.

    Parameters
    ----------
    duration : float, default 1826.25 (five years)
        Length of the run, days; more than 0 and at most ``MAX_DAYS`` (20 years).
    params : HaParams, optional
        Model parameters (default :data:`PARAMS`, the human values of Ha et al. 2016).
    intervention : Intervention, optional
        A change from a chosen day; none means the untreated course. Keyword only: passing it
        as the second positional argument still works but is deprecated.
    initial : sequence of 5 floats
        Glucose (mg/dL), insulin (µU/mL), beta-cell mass (mg), gamma and sigma (mU/mg/day) at
        day 0; default the authors' starting state.
    samples : int, default 1001
        How many equally spaced times to report, the first at day 0 and the last at ``duration``
        (2 to 100000).
    rtol : float, default 1e-7
        Error tolerance of LSODA relative to each value (1e-11 to 1e-4). Absolute tolerances
        are ``rtol`` mg/dL, µU/mL, mg and mU/mg/day, and ``rtol``/1000 for gamma. With the
        default, glucose stays within 0.002 mg/dL of a run at 1e-10 in every scenario but
        "early intervention", which passes close to the threshold (0.01 mg/dL there).
    **overrides
        Single fields of :class:`HaParams` to change (``tau_b``, ``SI_floor`` ...).

    Returns
    -------
    Trajectory
        Every state variable and S_I at the ``samples`` times.

    Examples
    --------
    >>> run = simulate()
    >>> round(run.at(300).glucose), bool(run.glucose[-1] > 400)
    (118, True)
    >>> round(run.first_time("glucose", 126))
    445
    >>> treated = simulate(intervention=SCENARIOS["prevention"])
    >>> round(treated.at(FIVE_YEARS).hba1c, 2)
    5.42
    """
    if old_intervention:
        if len(old_intervention) > 1 or intervention is not None:
            raise TypeError("simulate() takes the run's length as its only positional argument; "
                            "pass intervention=... by keyword")
        warn_renamed("simulate(duration, intervention)", "simulate(duration, intervention=...)",
                    "the intervention is keyword-only")
        intervention = old_intervention[0]
    p = (params if params is not None else PARAMS).replace(**overrides)
    days = positive(duration, "duration", "days")
    if days > MAX_DAYS:
        raise ValueError(f"duration={days:g}: expected at most {MAX_DAYS:g} days ({MAX_YEARS:g} years); "
                         "the model has no ageing or change in body size")
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not 2 <= samples <= 100_000:
        raise ValueError(f"samples={samples!r}: expected an integer between 2 and 100000")
    rtol = in_range(rtol, "rtol", 1e-11, 1e-4)
    y0 = check_state(initial)
    iv = intervention
    if iv is not None:
        if not isinstance(iv, Intervention):
            raise ValueError(f"intervention={iv!r}: expected an Intervention or None")
        iv.check(days, p)
    times = np.linspace(0.0, days, int(samples))
    start = days if iv is None else iv.start_day
    # The levers jump on the start day, so the run is integrated in two pieces, each with its own
    # right-hand side; the integrator restarts at the jump instead of stepping across it.
    pieces = [(_right_hand_side(p, None), 0.0, start), (_right_hand_side(p, iv), start, days)]
    atol = rtol * np.array([1.0, 1.0, 1.0, 1e-3, 1.0])
    sol = np.empty((len(times), 5))
    sol[0] = y0  # day 0: the starting state, before any change made on day 0
    y = y0
    for piece, (rhs, t_from, t_to) in enumerate(pieces):
        if piece == 1 and iv is not None and iv.sigma_reset is not None:
            y = np.array(y, dtype=float)
            y[4] = iv.sigma_reset  # the jump of sigma on the start day (fig8_human.set: "global ... {sigma=sigma_tar}")
        if t_to <= t_from:
            continue
        # A sample time within rounding of a piece's end takes the state at the end: LSODA
        # refuses output times closer together than it can step (a start day of 767.0249999...).
        close = 1e-9 * max(days, 1.0)
        inside = (times > t_from + close) & (times < t_to - close)
        at_end = (times > t_from) & (np.abs(times - t_to) <= close)
        grid = np.concatenate(([t_from], times[inside], [t_to]))
        states, info = odeint(rhs, y, grid, rtol=rtol, atol=atol, mxstep=100_000, full_output=True)
        if info["message"] != "Integration successful." or not np.all(np.isfinite(states)):
            raise ValueError(f"the integration failed between day {t_from:g} and day {t_to:g} "
                             f"({info['message']}); expected parameters inside the documented ranges")
        sol[inside] = states[1:-1]
        sol[at_end] = states[-1]
        y = states[-1]
    return Trajectory(times, sol[:, 0], np.maximum(sol[:, 1], 0.0), sol[:, 2], sol[:, 3], sol[:, 4],
                      insulin_sensitivity(times, iv, p), iv, p)


def _right_hand_side(p: HaParams, iv: Intervention | None):
    """dy/dt for LSODA: untreated (``iv`` None) or after the start of ``iv``. Scalar arithmetic
    throughout, because the integrator calls it thousands of times per run."""
    R0, EG0, gain = (p.R0, p.EG0, 1.0) if iv is None else (p.R0 * iv.R0_factor, p.EG0 * iv.EG0_factor,
                                                           iv.secretion_factor)
    if iv is None or iv.SI_target is None:  # the formula of untreated_sensitivity, on floats
        base, span, rate, t0 = p.SI_floor, p.SI0 - p.SI_floor, p.SI_fall, 0.0
    else:  # the formula of treated_sensitivity
        t0, target, at_start, rate = (float(v) for v in sensitivity_course(iv, p))
        base, span = target, at_start - target

    def rhs(y, t):
        G, I, B, g, s = y
        SI = base + span * math.exp(-rate * (t - t0))
        M = metabolic_rate(G, p)
        isr = gain * secretion_per_mass(M, g, s, p)
        return (R0 - (EG0 + SI * I) * G,
                B * isr / p.BV - p.k * I,
                mass_growth_rate(isr, M, p) * B,
                (gamma_target(G, p) - g) / p.tau_g,
                (sigma_target(G, g, gain * s, p) - s) / p.tau_sigma)
    return rhs


# -- the scenarios of the paper -----------------------------------------------------------------------
# The authors' runs take every number from their set files (artielbm/artielbm.github.io;
# Models/Pathogenesis/ for the prevention file, Models/ at commit e08f09237f34 for the others).
# XPP names in the files: tonsi = day S_I switches, target_Si2 = new S_I target, t_Si2 = its
# rate; tonR0 and R0_tar = day and new value of R0; tonsigma and sigma_tar = day and value of
# the sigma jump. A switch day of 1400000 or 14000000 in a file means "never".
BARIATRIC_R0 = 340.0  # mg/dL/day, glucose production after surgery (R0_tar, fig8_human.set)
BARIATRIC_SIGMA = 400.0  # mU/mg/day, beta-cell function set on the day of surgery (sigma_tar, fig8_human.set)

SCENARIOS = {
    # no intervention: S_I falls from 0.8 towards 0.18 for good (the course of all four set files)
    "untreated": None,
    # fig7_human_prevention.set: tonsi = 300, target_Si2 = 0.245, t_Si2 = 0.028 (= SI_rise)
    "prevention": Intervention(300.0, SI_target=0.245),
    # ours, not the authors' (Lesson 8's illustration): start day 730 or 1300, target 0.4 at 0.028/day
    "early": Intervention(730.0, SI_target=0.4),
    "late": Intervention(1300.0, SI_target=0.4),
    # fig7_human_early.set: tonsi = 1100, target_Si2 = 0.468, t_Si2 = 0.014
    "early intervention": Intervention(1100.0, SI_target=0.468, SI_rate=0.014),
    # fig7_human_late.set: tonsi = 1400, target_Si2 = 0.468, t_Si2 = 0.014
    "late intervention": Intervention(1400.0, SI_target=0.468, SI_rate=0.014),
    # fig8_human.set: tonR0 = tonsigma = 1100, R0_tar = 340 (R0_init 864), sigma_tar = 400;
    # tonsi = 1400000, so S_I is left to its untreated course
    "bariatric surgery": Intervention(1100.0, R0_factor=BARIATRIC_R0 / PARAMS.R0, sigma_reset=BARIATRIC_SIGMA),
}

SCENARIO_SOURCES = {
    "untreated": ("the authors' untreated S_I course (t_Si = 0.00756, target_Si = 0.18 in their human set "
                  "files); no set file of its own"),
    "prevention": "the authors' run: fig7_human_prevention.set (Ha, Satin & Sherman 2016, Figure 7)",
    "early": "ours: an illustration for Lesson 8 (start day 730, S_I target 0.4), not in the paper",
    "late": "ours: an illustration for Lesson 8 (start day 1300, S_I target 0.4), not in the paper",
    "early intervention": "the authors' run: fig7_human_early.set (Ha, Satin & Sherman 2016, Figure 7)",
    "late intervention": "the authors' run: fig7_human_late.set (Ha, Satin & Sherman 2016, Figure 7)",
    "bariatric surgery": "the authors' run: fig8_human.set (Ha, Satin & Sherman 2016, Figure 8)",
}


def scenario(name: str, duration: float = FIVE_YEARS, **options) -> Trajectory:
    """Run one of the named scenarios of :data:`SCENARIOS`.

    Parameters
    ----------
    name : str
        "untreated", "prevention", "early intervention", "late intervention" or "bariatric
        surgery" (the authors' runs, with the saved end state of each in :data:`AUTHORS_ENDS`),
        or "early" and "late" (this package's illustration); :data:`SCENARIO_SOURCES` says which.
    duration : float, default 1826.25 (five years)
        Length of the run, days. The authors saved their runs at day 1799.986 (1799.3 for
        bariatric surgery): ``AUTHORS_ENDS[name]["day"]``.
    **options
        Passed on to :func:`simulate` (``params``, ``initial``, ``samples``, ``rtol``, or
        single parameters such as ``tau_b=5000``).

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> end = AUTHORS_ENDS["late intervention"]
    >>> round(float(scenario("late intervention", end["day"]).glucose[-1])), round(end["glucose"])
    (435, 435)
    """
    if not isinstance(name, str) or name not in SCENARIOS:
        raise ValueError(f"name={name!r}: expected one of {', '.join(repr(n) for n in SCENARIOS)}")
    return simulate(duration, intervention=SCENARIOS[name], **options)

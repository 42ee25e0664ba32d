"""The closed glucose-insulin feedback loop: a meal, glucose, insulin, and back.

Three state variables, time in minutes::

    dG/dt = R0 - (S_G + X) G + Ra(t) / V                      glucose, mg/dL
    dX/dt = p2 (S_I I - X)                                    insulin action, 1/min
    dI/dt = beta S_max f(G) - k I                             insulin, µU/mL
    f(G)  = M² / (a_ISR² + M²),   M = G² / (a_M² + G²)

Glucose and insulin action are Bergman's minimal model (see :mod:`.minimal`) written with
insulin counted from zero rather than from basal, so that the fasting state can move when
S_I or the beta cells change. In this form S_G is glucose effectiveness at zero insulin
(GEZI); the S_G that an FSIGT reports includes the basal insulin as well:
S_G(FSIGT) = S_G + S_I·I_b. Secretion follows glucose through the glucose metabolic rate M
of the beta cell and a second sigmoid, as in the human model of Ha, Satin & Sherman (2016)
(a_M = 150 mg/dL, a_ISR = 1.2, both Hill exponents 2); this curve is steep around fasting
glucose, so insulin rises several-fold after a meal. Clearance is Topp et al.'s (2000)
k = 432/day = 0.3/min. ``beta`` scales secretion, with 1 meaning the healthy reference. The meal
enters through the gut absorption model of Hovorka et al. (2004): Ra(t) = A_G D t exp(-t/t_max) / t_max² / BW.

The healthy reference is the FSIGT subject of Pacini & Bergman (1986) as fitted by
:func:`glucolab.models.minimal.fit_ivgtt`: S_I = 8.1e-4 per µU/mL/min, S_G(FSIGT) =
0.0189/min, p2 = 0.0214/min, G_b = 92 mg/dL, I_b = 11 µU/mL. R0 and S_max are set so that
this person sits exactly at that basal state.

References
----------
Bergman RN, Phillips LS, Cobelli C. J Clin Invest 1981;68:1456-67.
Topp B, Promislow K, deVries G, Miura RM, Finegood DT. A model of beta-cell mass, insulin,
    and glucose kinetics: pathways to diabetes. J Theor Biol 2000;206:605-19.
Ha J, Satin LS, Sherman AS. A mathematical model of the pathogenesis, prevention, and
    reversal of type 2 diabetes. Endocrinology 2016;157:624-35.
Hovorka R, Canonico V, Chassin LJ, et al. Nonlinear model predictive control of glucose
    concentration in subjects with type 1 diabetes. Physiol Meas 2004;25:905-20.
Dalla Man C, Caumo A, Cobelli C. The oral glucose minimal model. IEEE Trans Biomed Eng
    2002;49:419-29 (glucose distribution volume V = 1.45 dL/kg).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import odeint

from ..validation import in_range
from .roots import bisect

# -- the healthy reference person (fit of the Pacini & Bergman 1986 FSIGT) -------------------
REF_GLUCOSE = 92.0  # basal glucose, mg/dL
REF_INSULIN = 11.0  # basal insulin, µU/mL
REF_SI = 8.1e-4  # insulin sensitivity, 1/min per µU/mL
REF_SG_FSIGT = 0.0189  # glucose effectiveness at basal insulin, 1/min
P2 = 0.0214  # rate of insulin action, 1/min

# -- fixed constants --------------------------------------------------------------------------
A_M = 150.0  # glucose giving half-maximal beta-cell metabolism, mg/dL (Ha et al. 2016)
A_ISR = 1.2  # metabolic rate giving half-maximal secretion, dimensionless (Ha et al. 2016)
K_INSULIN = 432.0 / 1440.0  # insulin clearance, 1/min (Topp et al. 2000: 432 /day)
V_GLUCOSE = 1.45  # glucose distribution volume, dL/kg (Dalla Man et al. 2002)
A_G = 0.8  # carbohydrate bioavailability (Hovorka et al. 2004)
T_MAX_G = 40.0  # time of peak glucose appearance, min (Hovorka et al. 2004)

# Derived so that the healthy reference sits at (REF_GLUCOSE, REF_INSULIN):
R0 = REF_SG_FSIGT * REF_GLUCOSE  # net glucose release at zero glucose, mg/dL/min
REF_SG = REF_SG_FSIGT - REF_SI * REF_INSULIN  # glucose effectiveness at zero insulin, 1/min


def _shape(glucose):
    m2 = np.square(np.square(glucose) / (A_M ** 2 + np.square(glucose)))
    return m2 / (A_ISR ** 2 + m2)


S_MAX = K_INSULIN * REF_INSULIN / _shape(REF_GLUCOSE)  # maximal secretion, µU/mL/min

# Ranges within which the model is physiological and integrates; panels use them for sliders.
RANGES = {
    "SI": (2e-5, 3e-3, "1/min per uU/mL"),
    "SG": (2e-3, 0.04, "1/min"),
    "beta": (0.1, 5.0, "x healthy"),
    "carbs_g": (0.0, 150.0, "g"),
    "body_mass_kg": (30.0, 200.0, "kg"),
}


@dataclass(frozen=True)
class Person:
    """Parameters of one person in the feedback model.

    Attributes
    ----------
    SI : float
        Insulin sensitivity, 1/min per µU/mL.
    SG : float
        Glucose effectiveness at zero insulin, 1/min.
    beta : float
        Beta-cell responsiveness: maximal secretion relative to the healthy reference.
    body_mass_kg : float
        Body mass, kg (the meal is diluted in V·BW).
    """

    SI: float = REF_SI
    SG: float = REF_SG
    beta: float = 1.0
    body_mass_kg: float = 70.0

    def __post_init__(self):
        for name in ("SI", "SG", "beta", "body_mass_kg"):
            low, high, unit = RANGES[name]
            in_range(getattr(self, name), name, low, high, unit)


# Presets for the lessons. The healthy person is the reference; the other two change S_I, S_G
# and beta in the directions and rough proportions of the minimal-model group means in
# Bergman's review (S_I falls several-fold from normal to type 2 diabetes, S_G by about a
# quarter; Bergman RN. Diabetes 1989;38:1512-27), with beta chosen to show compensation
# (raised) and failure (lowered). The exact values are illustrative.
PRESETS = {
    "healthy": Person(),
    "insulin resistant, compensating": Person(SI=2.5e-4, beta=3.0),
    "type 2 diabetes": Person(SI=1.5e-4, SG=0.0085, beta=0.7),
}


def secretion(glucose, beta=1.0):
    """Insulin secretion rate expressed as plasma insulin per minute, µU/mL/min.

    Parameters
    ----------
    glucose : float or numpy.ndarray
        Plasma glucose, mg/dL.
    beta : float or numpy.ndarray
        Beta-cell responsiveness (1 = healthy reference).
    """
    return beta * S_MAX * _shape(glucose)


def appearance(t, carbs_g, body_mass_kg):
    """Rate of appearance of meal glucose in plasma, mg/kg/min (Hovorka et al. 2004).

    Parameters
    ----------
    t : float or numpy.ndarray
        Time since the meal, min (zero before it).
    carbs_g : float
        Carbohydrate eaten, g.
    body_mass_kg : float
        Body mass, kg.
    """
    t = np.maximum(t, 0.0)
    return A_G * carbs_g * 1000.0 * t * np.exp(-t / T_MAX_G) / T_MAX_G ** 2 / body_mass_kg


def fasting_state(SI, SG=REF_SG, beta=1.0, *, R0=R0, iterations: int = 60):
    """Fasting (steady-state) glucose and insulin; works element-wise on arrays.

    At steady state I = secretion(G)/k and R0 = (S_G + S_I I) G; the right-hand side grows
    with G, so bisection on G between 1 and 2000 mg/dL finds the single root.

    Parameters
    ----------
    SI : float or numpy.ndarray
        Insulin sensitivity, 1/min per µU/mL.
    SG : float or numpy.ndarray
        Glucose effectiveness at zero insulin, 1/min.
    beta : float or numpy.ndarray
        Beta-cell responsiveness.
    R0 : float or numpy.ndarray, default :data:`R0`
        Net glucose release at zero glucose, mg/dL/min (the healthy reference's 1.74 unless a
        hormone raises or lowers hepatic glucose output).

    Returns
    -------
    glucose : float or numpy.ndarray
        Fasting glucose, mg/dL.
    insulin : float or numpy.ndarray
        Fasting insulin, µU/mL.
    """
    SI, SG, beta, R0 = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (SI, SG, beta, R0)))
    glucose = bisect(lambda g: (SG + SI * secretion(g, beta) / K_INSULIN) * g - R0,
                     np.ones(SI.shape), np.full(SI.shape, 2000.0), iterations)
    insulin = secretion(glucose, beta) / K_INSULIN
    if glucose.ndim == 0:
        return float(glucose), float(insulin)
    return glucose, insulin


@dataclass(frozen=True)
class MealResponse:
    """Time courses after a meal.

    Attributes
    ----------
    time : numpy.ndarray
        Minutes since the meal.
    glucose : numpy.ndarray
        Plasma glucose, mg/dL.
    insulin : numpy.ndarray
        Plasma insulin, µU/mL.
    remote_insulin : numpy.ndarray
        Insulin action X, 1/min.
    appearance : numpy.ndarray
        Rate of appearance of meal glucose, mg/kg/min.
    person : Person
        The parameters used.
    carbs_g : float
        Carbohydrate eaten, g.
    absorption_states : numpy.ndarray or None
        The states of an absorption model given to :func:`simulate_meal` (one column per
        state, e.g. mg in stomach and gut), or None for the default Hovorka appearance.
    """

    time: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    remote_insulin: np.ndarray
    appearance: np.ndarray
    person: Person = field(repr=False)
    carbs_g: float = 0.0
    absorption_states: np.ndarray | None = field(default=None, repr=False)

    def at(self, minutes):
        """Glucose (mg/dL) and insulin (µU/mL) interpolated at ``minutes``."""
        return (np.interp(minutes, self.time, self.glucose),
                np.interp(minutes, self.time, self.insulin))


def _rhs(y, t, SI, SG, beta, carbs_g, bw):
    G, X, I = y
    ra = appearance(t, carbs_g, bw) / V_GLUCOSE
    return (R0 - (SG + X) * G + ra,
            P2 * (SI * I - X),
            beta * S_MAX * _shape(G) - K_INSULIN * I)


def _rhs_with_gut(y, t, SI, SG, beta, carbs_g, bw, gut):
    """The loop of :func:`_rhs` fed by an absorption model whose states are y[3:]."""
    d_glucose, d_action, d_insulin = _rhs(y[:3], t, SI, SG, beta, 0.0, bw)
    q = y[3:]
    return (d_glucose + gut.rate(q, bw) / V_GLUCOSE, d_action, d_insulin, *gut.derivatives(q, carbs_g))


def simulate_meal(carbs_g: float = 75.0, person: Person | None = None, *,
                  duration_min: float = 300.0, step_min: float = 1.0, absorption=None,
                  **overrides) -> MealResponse:
    """Simulate the glucose and insulin response to one meal eaten at t = 0.

    The person starts in their fasting steady state.

    Parameters
    ----------
    carbs_g : float, default 75
        Carbohydrate in the meal, g (0 to 150; 75 g is the OGTT load).
    person : Person, optional
        Parameters; default the healthy reference. Keywords ``SI``, ``SG``, ``beta`` and
        ``body_mass_kg`` override single fields.
    duration_min : float, default 300
        Length of the simulation, min (1 to 1440).
    step_min : float, default 1
        Spacing of the output samples, min.
    absorption : object, optional
        A gut model with states of its own, integrated together with the loop, for example
        :class:`glucolab.models.gut.DallaManGut`. It provides
        ``initial_state(carbs_g)`` (amounts at t = 0), ``derivatives(state, carbs_g)`` (their
        rates of change) and ``rate(state, body_mass_kg)`` (appearance in plasma, mg/kg/min).
        Default None: the Hovorka et al. (2004) appearance above, unchanged.

    Returns
    -------
    MealResponse

    Examples
    --------
    >>> r = simulate_meal(0.0)           # no meal: the fasting state holds
    >>> round(float(r.glucose[-1]), 3)
    92.0
    """
    base = person if person is not None else PRESETS["healthy"]
    unknown = set(overrides) - {"SI", "SG", "beta", "body_mass_kg"}
    if unknown:
        raise TypeError(f"unknown parameter(s) {sorted(unknown)}; expected SI, SG, beta or body_mass_kg")
    p = Person(**{**base.__dict__, **overrides})
    carbs_g = in_range(carbs_g, "carbs_g", *RANGES["carbs_g"])
    duration_min = in_range(duration_min, "duration_min", 1.0, 1440.0, "min")
    step_min = in_range(step_min, "step_min", 0.05, duration_min, "min")
    g0, i0 = fasting_state(p.SI, p.SG, p.beta)
    t = np.arange(0.0, duration_min + 0.5 * step_min, step_min)
    if absorption is not None:
        start = (g0, p.SI * i0, i0, *absorption.initial_state(carbs_g))
        y = odeint(_rhs_with_gut, start, t, args=(p.SI, p.SG, p.beta, carbs_g, p.body_mass_kg, absorption),
                   rtol=1e-7, atol=1e-9)
        gut = y[:, 3:]
        return MealResponse(t, y[:, 0], y[:, 2], y[:, 1], absorption.rate(gut.T, p.body_mass_kg), p, carbs_g,
                            gut)
    y = odeint(_rhs, (g0, p.SI * i0, i0), t, args=(p.SI, p.SG, p.beta, carbs_g, p.body_mass_kg),
               rtol=1e-7, atol=1e-9)
    return MealResponse(t, y[:, 0], y[:, 2], y[:, 1], appearance(t, carbs_g, p.body_mass_kg), p, carbs_g)

"""The closed glucose-insulin feedback loop: a meal, glucose, insulin, and back.

Five state variables for the loop, time in minutes, plus the meal's states in the gut::

    dG/dt  = R0 - H - (S_G + X) G + Ra(t) / V                  glucose, mg/dL
    dX/dt  = p2 (S_I I - X)                                    insulin action, 1/min
    dI/dt  = beta [S_max f(G) (1 + c k_inc Ra(t)) + K_D max(dG/dt, 0)] - k I    insulin, µU/mL
    dI1/dt = k_i (I - I1),   dId/dt = k_i (I1 - Id)           insulin on its way to the liver, µU/mL
    H      = k_p3 (S_I / S_I,ref) (Id - I_b)                  extra hold on the liver's output, mg/dL/min
    f(G)   = M² / (a_ISR² + M²),   M = G² / (a_M² + G²)

Glucose and insulin action are Bergman's minimal model (see :mod:`.minimal`) written with
insulin counted from zero rather than from basal, so that the fasting state can move when
S_I or the beta cells change. In this form S_G is glucose effectiveness at zero insulin
(GEZI); the S_G that an FSIGT reports includes the basal insulin as well:
S_G(FSIGT) = S_G + S_I·I_b. Secretion follows glucose through the glucose metabolic rate M
of the beta cell and a second sigmoid, as in the human model of Ha, Satin & Sherman (2016)
(a_M = 150 mg/dL, a_ISR = 1.2, both Hill exponents 2); this curve is steep around fasting
glucose, so insulin rises several-fold after a meal. Clearance is Topp et al.'s (2000)
k = 432/day = 0.3/min. ``beta`` scales secretion, with 1 meaning the healthy reference. The meal's
glucose reaches the blood through the stomach and gut of Dalla Man, Rizza & Cobelli (2007)
(:class:`.gut.DallaManGut`, normal parameters, fitted to the triple-tracer rates of appearance
after mixed meals): Ra(t) is its rate of appearance, mg/kg/min. The same gut carries the glucose
drink of the OGTT (:mod:`.ogtt`), so a 75-g meal and the 75-g test give the same curve here.

Insulin acts on the liver twice. The minimal model's X lumps its quick effects on uptake and
output, as an FSIGT measures them. The slower hold on hepatic glucose output that persists while
a meal is still being absorbed is the delayed-insulin term of Dalla Man et al. (2007): insulin
reaches the liver through two compartments with k_i = 0.0079/min, and each pmol/L of delayed
insulin lowers the output by k_p3 = 0.009 mg/kg/min, which is 0.009 × 6 / V = 0.037 mg/dL/min
per µU/mL here. H counts insulin above the person's own fasting level I_b, as their model does
around its basal state, so it vanishes in the fasting state; k_p3 is scaled by the person's S_I
relative to the reference (the liver taken to be as insulin resistant as the rest of the body;
their type 2 diabetes set also has a lower k_p3). Without H the healthy reference was still
10 mg/dL above fasting 3 hours after 75 g, while the gut kept absorbing about 2 mg/kg/min.

Eating adds two things to the glucose-driven ("static") secretion, and both vanish in the
fasting state, so fasting glucose and insulin do not change:

* an incretin effect: the gut hormones GLP-1 and GIP, released while glucose is being absorbed,
  amplify glucose-stimulated secretion. Here the static secretion is multiplied by
  (1 + c k_inc Ra), Ra the rate of appearance of ingested glucose (mg/kg/min) and c the person's
  incretin strength (``Person.incretin``, 1 = healthy). Because the factor multiplies f(G), the
  effect is glucose-dependent, as that of GLP-1 is. k_inc = 0.2 per mg/kg/min is sized so that
  the incretin supplies 54 % of the healthy reference's insulin response to 75 g of glucose, the
  meal of Lesson 1 and the OGTT of Lesson 4 (secretion above basal, 0-180 min, compared with
  the same glucose curve without it, :func:`incretin_share`: the isoglycaemic intravenous
  comparison of Nauck et al. 1986, who measured 50-70 % in healthy people);
* rate sensitivity ("dynamic" or first-phase secretion): the beta cell also secretes in
  proportion to how fast glucose is rising, K_D max(dG/dt, 0), the derivative term of the meal
  model of Dalla Man, Rizza & Cobelli (2007). Their normal-subject value K = 2.30 pmol/kg per
  mg/dL, with insulin distribution volume V_I = 0.05 L/kg and 6 pmol/L per µU/mL, is
  K_D = 2.30 / 0.05 / 6 = 7.67 µU/mL per mg/dL. (Their model passes this secretion through a
  portal compartment with a 2-min time constant, γ = 0.5/min, left out here.)

With them and H, the healthy reference's 75-g meal or OGTT peaks at 141 mg/dL near 30 min, is at
98 mg/dL at 2 hours and 95 mg/dL (fasting 92) at 3 hours, inside the measured normal ranges;
without the two secretion terms it peaked at 193 mg/dL with a 2-hour value of 124 mg/dL.

The healthy reference is the FSIGT subject of Pacini & Bergman (1986) as fitted by
:func:`glucolab.models.minimal.fit_ivgtt`: S_I = 8.1e-4 per µU/mL/min, S_G(FSIGT) =
0.0189/min, p2 = 0.0214/min, G_b = 92 mg/dL, I_b = 11 µU/mL. R0 and S_max are set so that
this person sits exactly at that basal state. The fasting glucose turnover this implies,
R0·V = 2.5 mg/kg/min, is about a third above the 1.9 mg/kg/min measured with tracers (Katz et
al. 1983) that the lessons quote for the reference person: the minimal model's S_G, fitted to one
FSIGT, lumps glucose uptake and the suppression of production, and no lesson reads a turnover
off this model.

References
----------
Bergman RN, Phillips LS, Cobelli C. J Clin Invest 1981;68:1456-67.
Topp B, Promislow K, deVries G, Miura RM, Finegood DT. A model of beta-cell mass, insulin,
    and glucose kinetics: pathways to diabetes. J Theor Biol 2000;206:605-19.
Ha J, Satin LS, Sherman AS. A mathematical model of the pathogenesis, prevention, and
    reversal of type 2 diabetes. Endocrinology 2016;157:624-35.
Hovorka R, Canonico V, Chassin LJ, et al. Nonlinear model predictive control of glucose
    concentration in subjects with type 1 diabetes. Physiol Meas 2004;25:905-20 (the meal formula of
    the deprecated :func:`appearance`).
Dalla Man C, Caumo A, Cobelli C. The oral glucose minimal model. IEEE Trans Biomed Eng
    2002;49:419-29 (glucose distribution volume V = 1.45 dL/kg).
Dalla Man C, Rizza RA, Cobelli C. Meal simulation model of the glucose-insulin system. IEEE
    Trans Biomed Eng 2007;54:1740-9 (Table 1, normal subjects: K = 2.30 pmol/kg per mg/dL,
    V_I = 0.05 L/kg, k_i = 0.0079/min, k_p3 = 0.009 mg/kg/min per pmol/L; the gut of :mod:`.gut`).
Nauck MA, Homberger E, Siegel EG, et al. Incretin effects of increasing glucose loads in man
    calculated from venous insulin and C-peptide responses. J Clin Endocrinol Metab
    1986;63:492-8 (incretin share of the insulin response to oral glucose, about 50-70 %).
Meier JJ, Nauck MA. Is the diminished incretin effect in type 2 diabetes just an
    epi-phenomenon of impaired beta-cell function? Diabetes 2010;59:1117-25 (50-70 % in
    healthy people, less than 20 % in type 2 diabetes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import odeint

from ..deprecation import renamed
from ..indices import homa_ir
from ..units import PMOLL_PER_UUML
from ..validation import in_range
from .gut import DallaManGut
from .roots import bisect
from .timecourse import Parameters, Range, TimeCourse

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
A_G = 0.8  # carbohydrate bioavailability of the deprecated appearance() (Hovorka et al. 2004)
T_MAX_G = 40.0  # time of peak glucose appearance of the deprecated appearance(), min (Hovorka et al. 2004)
MEAL_GUT = DallaManGut("normal")  # how a meal's glucose reaches the blood (Dalla Man et al. 2007)
# Incretin gain, per mg/kg/min of ingested-glucose appearance: sized so that the incretin term
# gives 54 % of the healthy reference's insulin response to 75 g oral glucose (0-180 min),
# inside the 50-70 % measured by Nauck et al. (J Clin Endocrinol Metab 1986;63:492-8).
K_INCRETIN = 0.2
# Rate sensitivity of secretion, µU/mL per mg/dL: K = 2.30 pmol/kg per mg/dL of Dalla Man et
# al. (IEEE TBME 2007;54:1740-9, Table 1) / V_I 0.05 L/kg / 6 pmol/L per µU/mL.
K_DYNAMIC = 2.30 / 0.05 / PMOLL_PER_UUML

# Insulin's delayed action on the liver (Dalla Man et al. IEEE TBME 2007;54:1740-9, Table 1, normal
# subjects): plasma insulin reaches the liver's output through two compartments with rate k_i, and
# each µU/mL of delayed insulin above fasting lowers hepatic glucose output by k_p3.
K_DELAY = 0.0079  # k_i, 1/min (a mean delay of 2/k_i, about 4 hours)
K_LIVER = 0.009 * PMOLL_PER_UUML / V_GLUCOSE  # k_p3 0.009 mg/kg/min per pmol/L, as mg/dL/min per µU/mL

# Derived so that the healthy reference sits at (REF_GLUCOSE, REF_INSULIN):
R0 = REF_SG_FSIGT * REF_GLUCOSE  # net glucose release at zero glucose, mg/dL/min
REF_SG = REF_SG_FSIGT - REF_SI * REF_INSULIN  # glucose effectiveness at zero insulin, 1/min


def _shape(glucose):
    m2 = np.square(np.square(glucose) / (A_M ** 2 + np.square(glucose)))
    return m2 / (A_ISR ** 2 + m2)


S_MAX = K_INSULIN * REF_INSULIN / _shape(REF_GLUCOSE)  # maximal secretion, µU/mL/min

# Ranges within which the model is physiological and integrates; panels use them for sliders.
RANGES = {
    "SI": Range(2e-5, 3e-3, "1/min per uU/mL"),
    "SG": Range(2e-3, 0.04, "1/min"),
    "beta": Range(0.1, 5.0, "x healthy"),
    "carbs_g": Range(0.0, 150.0, "g"),
    "body_mass_kg": Range(30.0, 200.0, "kg"),
    "incretin": Range(0.0, 2.0, "x healthy"),
    "duration": Range(1.0, 1440.0, "min"),
}


@dataclass(frozen=True)
class Person(Parameters):
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
    incretin : float
        Strength of the incretin effect relative to the healthy reference (1), 0 to 2.
    """

    SI: float = REF_SI
    SG: float = REF_SG
    beta: float = 1.0
    body_mass_kg: float = 70.0
    incretin: float = 1.0

    def __post_init__(self):
        self.check_ranges(RANGES)


# Presets for the lessons. The healthy person is the reference; the other two change S_I, S_G
# and beta in the directions and rough proportions of the minimal-model group means in
# Bergman's review (S_I falls several-fold from normal to type 2 diabetes, S_G by about a
# quarter; Bergman RN. Diabetes 1989;38:1512-27), with beta chosen to show compensation
# (raised) and failure (lowered). The exact values are illustrative. The incretin effect, which
# supplies about 50-70 % of the insulin response to oral glucose in healthy people, supplies less
# than 20 % in type 2 diabetes (Meier JJ, Nauck MA. Diabetes 2010;59:1117-25, from Nauck et al.
# Diabetologia 1986;29:46-52): the type 2 preset keeps a fifth of it, 18 % of its response to 75 g.
PARAMS = Person()  # the healthy reference

PRESETS = {
    "healthy": PARAMS,
    "insulin resistant, compensating": Person(SI=2.5e-4, beta=3.0),
    "type 2 diabetes": Person(SI=1.5e-4, SG=0.0085, beta=0.7, incretin=0.2),
}


def secretion(glucose, beta=1.0, appearance=0.0, glucose_rate=0.0, incretin=1.0):
    """Insulin secretion rate expressed as plasma insulin per minute, µU/mL/min.

    With the defaults this is the fasting (static) secretion beta S_max f(G). While ingested
    glucose appears, the incretin factor (1 + k_inc Ra) multiplies it, and while glucose rises
    the rate-sensitive term K_D dG/dt is added (see the module notes).

    Parameters
    ----------
    glucose : float or numpy.ndarray
        Plasma glucose, mg/dL.
    beta : float or numpy.ndarray
        Beta-cell responsiveness (1 = healthy reference).
    appearance : float or numpy.ndarray, default 0
        Rate of appearance of ingested glucose, mg/kg/min (drives the incretin effect).
    glucose_rate : float or numpy.ndarray, default 0
        dG/dt, mg/dL/min; only a rise adds secretion.
    incretin : float, default 1
        Strength of the incretin effect relative to the healthy reference.
    """
    # Plain arithmetic, so that the same formula serves a float inside the ODE and arrays outside it.
    rising = glucose_rate * (glucose_rate > 0)
    return beta * (S_MAX * _shape(glucose) * (1.0 + incretin * K_INCRETIN * appearance) + K_DYNAMIC * rising)


def incretin_share(response: "MealResponse", until_min: float = 180.0) -> float:
    """Fraction of the insulin secreted above fasting that the incretin effect supplies.

    Secretion along the simulated glucose curve is compared with the secretion the same glucose
    curve would call for without the incretin term: the model's version of the isoglycaemic
    intravenous comparison by which the effect is measured in people (Nauck et al. 1986).

    Parameters
    ----------
    response : MealResponse
        A simulated meal or OGTT.
    until_min : float, default 180
        End of the comparison window, min.

    Returns
    -------
    float
        Share from 0 to 1.

    Examples
    --------
    >>> round(incretin_share(simulate(carbs_g=75.0)), 2)
    0.54
    """
    p = response.person
    window = response.time <= until_min
    g = response.glucose[window]
    rate = np.gradient(response.glucose, response.time)[window]
    ra = response.appearance[window]
    basal = secretion(g[0], p.beta)
    oral = secretion(g, p.beta, ra, rate, p.incretin) - basal
    intravenous = secretion(g, p.beta, 0.0, rate) - basal
    t = response.time[window]
    return float(1.0 - np.trapezoid(intravenous, t) / np.trapezoid(oral, t))


def _hovorka_appearance(t, carbs_g, body_mass_kg):
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
    FastingState
        Glucose (mg/dL) and insulin (µU/mL), floats or arrays; unpacks as ``glucose, insulin``.

    Examples
    --------
    >>> state = fasting_state(REF_SI)
    >>> round(state.glucose, 6), round(state.insulin, 6)
    (92.0, 11.0)
    >>> glucose, insulin = fasting_state([8.1e-4, 2.5e-4], beta=[1.0, 3.0])
    >>> glucose.round(1).tolist()
    [92.0, 93.5]
    """
    SI, SG, beta, R0 = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (SI, SG, beta, R0)))
    glucose = bisect(lambda g: (SG + SI * secretion(g, beta) / K_INSULIN) * g - R0,
                     np.ones(SI.shape), np.full(SI.shape, 2000.0), iterations)
    insulin = secretion(glucose, beta) / K_INSULIN
    if glucose.ndim == 0:
        return FastingState(float(glucose), float(insulin))
    return FastingState(glucose, insulin)


def steady_state(*, params: Person | None = None, **overrides) -> FastingState:
    """The fasting state of one person: the loop at rest, with no meal.

    Parameters
    ----------
    params : Person, optional
        Default :data:`PARAMS`, the healthy reference.
    **overrides
        Single fields of :class:`Person` to change (``SI``, ``SG``, ``beta`` ...).

    Examples
    --------
    >>> round(steady_state(SI=2.5e-4, beta=3.0).glucose, 1)
    93.5
    """
    p = (params if params is not None else PARAMS).replace(**overrides)
    return fasting_state(p.SI, p.SG, p.beta)


@dataclass(frozen=True)
class FastingState:
    """Fasting glucose and insulin of the loop; floats, or arrays for many people at once.

    Attributes
    ----------
    glucose : float or numpy.ndarray
        Fasting plasma glucose, mg/dL.
    insulin : float or numpy.ndarray
        Fasting plasma insulin, µU/mL.
    """

    glucose: float | np.ndarray
    insulin: float | np.ndarray

    def __iter__(self):
        """Unpacks as ``glucose, insulin``."""
        return iter((self.glucose, self.insulin))

    @property
    def homa_ir(self):
        """HOMA-IR of this state (Matthews et al. 1985, via :func:`glucolab.indices.homa_ir`)."""
        return homa_ir(self.glucose, self.insulin, glucose_unit="mg/dL", insulin_unit="uU/mL")


@dataclass(frozen=True)
class MealResponse(TimeCourse):
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
    absorption_states : numpy.ndarray
        The states of the absorption model, one column per state (for the Dalla Man gut, mg in
        the stomach's solid and liquid phases and in the intestine).
    liver_insulin : numpy.ndarray
        Insulin as the liver feels it, after the two-compartment delay, µU/mL.
    """

    time: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    remote_insulin: np.ndarray
    appearance: np.ndarray
    person: Person = field(repr=False)
    carbs_g: float
    absorption_states: np.ndarray = field(repr=False)
    liver_insulin: np.ndarray = field(repr=False)

    TIME_UNIT = "min"
    SERIES = {"glucose": "mg/dL", "insulin": "µU/mL", "remote_insulin": "1/min", "appearance": "mg/kg/min",
              "liver_insulin": "µU/mL", "liver_hold": "mg/dL/min"}

    @property
    def liver_hold(self) -> np.ndarray:
        """H, how much delayed insulin holds back the liver's glucose output, mg/dL/min."""
        return liver_hold(self.liver_insulin, self.insulin[0], self.person.SI)


def liver_hold(liver_insulin, basal_insulin, SI):
    """Delayed insulin's extra hold on hepatic glucose output, H, mg/dL/min.

    H = k_p3 (S_I / S_I,ref) (I_d - I_b): zero at the person's fasting insulin I_b, weaker in an
    insulin-resistant liver (Dalla Man et al. 2007; see the module notes).

    Parameters
    ----------
    liver_insulin : float or numpy.ndarray
        Insulin after the delay to the liver, I_d, µU/mL.
    basal_insulin : float
        The person's fasting insulin, µU/mL.
    SI : float
        Insulin sensitivity, 1/min per µU/mL.

    Examples
    --------
    >>> liver_hold(11.0, 11.0, REF_SI)
    0.0
    >>> round(liver_hold(21.0, 11.0, REF_SI), 3)      # 10 µU/mL above fasting
    0.372
    """
    return K_LIVER * (SI / REF_SI) * (liver_insulin - basal_insulin)


def _loop(y, ra, p: Person, basal_insulin: float):
    """The five loop derivatives with ingested glucose appearing at ra mg/kg/min."""
    G, X, I, I1, Id = y
    d_glucose = R0 - liver_hold(Id, basal_insulin, p.SI) - (p.SG + X) * G + ra / V_GLUCOSE
    return (d_glucose,
            P2 * (p.SI * I - X),
            secretion(G, p.beta, ra, d_glucose, p.incretin) - K_INSULIN * I,
            K_DELAY * (I - I1),
            K_DELAY * (I1 - Id))


def _rhs(y, t, p, carbs_g, gut, basal_insulin):
    """The loop of :func:`_loop` fed by an absorption model whose states are y[5:]."""
    q = y[5:]
    return (*_loop(y[:5], gut.rate(q, p.body_mass_kg), p, basal_insulin), *gut.derivatives(q, carbs_g))


def simulate(duration: float = 300.0, *, params: Person | None = None, carbs_g: float = 75.0,
             step: float = 1.0, absorption=None, **overrides) -> MealResponse:
    """Simulate the glucose and insulin response to one meal eaten at t = 0.

    The person starts in their fasting steady state. The meal's glucose passes through the
    stomach and gut of Dalla Man et al. (2007) (:class:`glucolab.models.gut.DallaManGut`, the
    normal parameters, fitted to mixed meals) unless another absorption model is given.

    Parameters
    ----------
    duration : float, default 300
        Length of the simulation, min (1 to 1440).
    params : Person, optional
        Parameters; default :data:`PARAMS`, the healthy reference.
    carbs_g : float, default 75
        Carbohydrate in the meal, g (0 to 150; 75 g is the OGTT load).
    step : float, default 1
        Spacing of the output samples, min.
    absorption : object, optional
        A gut model with states of its own, integrated together with the loop. It provides
        ``initial_state(carbs_g)`` (amounts at t = 0), ``derivatives(state, carbs_g)`` (their
        rates of change) and ``rate(state, body_mass_kg)`` (appearance in plasma, mg/kg/min).
        Default None: :data:`MEAL_GUT`, the normal Dalla Man gut.
    **overrides
        Single fields of :class:`Person` to change: ``SI``, ``SG``, ``beta``, ``body_mass_kg``,
        ``incretin``.

    Returns
    -------
    MealResponse

    Examples
    --------
    >>> r = simulate(carbs_g=0.0)           # no meal: the fasting state holds
    >>> round(float(r.glucose[-1]), 3)
    92.0
    >>> round(simulate(180, SI=2.5e-4, beta=3.0).at(120).glucose, 1)
    99.9
    """
    p = (params if params is not None else PARAMS).replace(**overrides)
    carbs_g = RANGES["carbs_g"].check(carbs_g, "carbs_g")
    duration = RANGES["duration"].check(duration, "duration")
    step = in_range(step, "step", 0.05, duration, "min")
    gut = MEAL_GUT if absorption is None else absorption
    g0, i0 = fasting_state(p.SI, p.SG, p.beta)
    t = np.arange(0.0, duration + 0.5 * step, step)
    start = (g0, p.SI * i0, i0, i0, i0, *gut.initial_state(carbs_g))
    y = odeint(_rhs, start, t, args=(p, carbs_g, gut, i0), rtol=1e-7, atol=1e-9)
    states = y[:, 5:]
    return MealResponse(t, y[:, 0], y[:, 2], y[:, 1], gut.rate(states.T, p.body_mass_kg), p, carbs_g, states,
                        y[:, 4])


def _simulate_meal(carbs_g: float = 75.0, person: Person | None = None, *, duration_min: float = 300.0,
                   step_min: float = 1.0, absorption=None, **overrides) -> MealResponse:
    return simulate(duration_min, params=person, carbs_g=carbs_g, step=step_min, absorption=absorption,
                    **overrides)


simulate_meal = renamed(_simulate_meal, "simulate_meal", new_name="simulate(duration, carbs_g=..., params=...)")

# The loop's meals now pass through the Dalla Man gut; the Hovorka formula stays for old code.
appearance = renamed(_hovorka_appearance, "appearance", new_name="MEAL_GUT.rate(state, body_mass_kg)",
                     note="simulate() no longer uses this formula; a meal goes through gut.DallaManGut")

"""Inside the cell: a reduced insulin-signalling cascade from receptor to surface GLUT4.

Six state variables, time in minutes, every one a fraction between 0 and 1::

    dR/dt = k_on I (rho - R) - k_off R                            receptor occupied
    dP/dt = k_tyr (1 + phi A) R F - k_tyr_off P                    IRS-1 tyrosine-phosphorylated
    dS/dt = k_ser (s F - S)                                        IRS-1 serine-blocked
    dK/dt = k_pi  [(1 + g) P - (1 + g P) K]                        PI3K activity
    dY/dt = k_akt [(1 + g) K - (1 + g K) Y]                        one Akt site phosphorylated
    dG/dt = (k_exo + k_ins A_e + k_con c)(1 - G) - k_endo G        GLUT4 at the surface

    F = 1 - P - S (free IRS-1),   A = Y**2 (Akt active),   phi = PHI_HEALTHY * feedback,
    A_e = (1 + e) A / (1 + e A)   (Akt signal to GLUT4, primed by e after exercise)

I is plasma insulin (µU/mL). R is the fraction of the healthy receptor number that is
occupied and phosphorylated, so it cannot exceed the receptor amount rho. IRS-1 exists in
three forms: free (F), tyrosine-phosphorylated by the receptor (P), and blocked by serine
phosphorylation (S), which can neither be tyrosine-phosphorylated nor bind PI3K. K and Y are
activities as fractions of their maximum. Akt is fully active only when phosphorylated on
both Thr308 (by PDK1) and Ser473 (by mTORC2), both downstream of PI3K (Alessi et al. 1996);
treating the two sites as alike and independent gives A = Y². G is the fraction of the
cell's GLUT4 at the plasma membrane.

The model is a reduction of Sedaghat, Sherman & Quon (2002). Rate constants taken from
their model (JSim model 0166 of the National Simulation Resource, which reproduces it)::

    k_on   = 6e7 /M/min = 3.6e-4 per µU/mL per min   insulin binding (k1, at 6 pmol/L per µU/mL)
    k_off  = 0.2 /min                                  unbinding and dephosphorylation (k-1 = k-3)
    k_tyr  = 4.16 /min                                 IRS-1 tyrosine phosphorylation (k7)
    k_tyr_off = (2.5/7.45) k_tyr = 1.396 /min          IRS-1 dephosphorylation (k-7)
    k_ser  = 0.5 ln 2 = 0.347 /min                     IRS-1 serine (de)phosphorylation (k77)
    k_pi   = 10 /min                                   release of PI3K from IRS-1 (k-8)
    k_akt  = 10 ln 2 = 6.93 /min                       Akt dephosphorylation (k-11)
    k_endo = 0.167 /min                                GLUT4 endocytosis (k-13)
    k_exo  = (4/96) k_endo = 0.00696 /min              basal GLUT4 exocytosis: 4 % at the surface
    k_ins  = (40/60 - 4/96) k_endo = 0.104 /min        insulin-stimulated exocytosis: up to 40 %

Simplifications, in the order of the cascade:

- **Receptor**: one insulin binding step with autophosphorylation taken as instantaneous
  (Sedaghat's k3 = 2500 /min); no second insulin molecule, no receptor internalisation,
  recycling, synthesis or degradation.
- **IRS-1**: Sedaghat's feedback variant blocks IRS-1 by serine phosphorylation; here that
  step is driven by an outside *inflammatory/lipid serine-kinase input* s instead. s stands
  for kinases that phosphorylate IRS-1 on serine: JNK and IKKβ activated by TNF-α
  (Hotamisligil et al. 1996; Aguirre et al. 2000; Yuan et al. 2001) and PKCθ activated by
  diacylglycerol in muscle (Griffin et al. 1999; Yu et al. 2002). It is dimensionless: at
  steady state S/F = s, so s = 1 blocks as much IRS-1 as is free. Its size is illustrative.
- **Feedback**: Akt (standing for Akt → mTORC1) raises IRS-1 tyrosine phosphorylation by a
  factor (1 + phi A). In human adipocytes Brännmark et al. (2013) found this positive
  feedback from mTORC1 to IRS-1 and, in type 2 diabetes, reduced to 15 % of normal. Its
  strength in health, PHI_HEALTHY = 1, is illustrative. (In rodent cells the same branch,
  through S6K1, also inhibits IRS-1: Um et al. 2004; the sign depends on site and context.)
- **PI3K and Akt**: PI3K binding to IRS-1, PI(3,4,5)P3 turnover by PTEN and SHIP, and Akt
  and PKC-ζ activation are lumped into two normalised steps, y = (1 + g) x / (1 + g x) at
  steady state, with the deactivation rates above and one shared gain g, calibrated.
- **GLUT4**: Sedaghat's translocation step with Akt as the only signal (their signal is
  20 % Akt and 80 % PKC-ζ), plus a *contraction/AMPK input* c (0 to 1) that adds
  exocytosis without insulin (Lund et al. 1995; Hayashi et al. 1998). c = 1 recruits as
  much GLUT4 as maximal insulin in a healthy cell; that size is illustrative. e is the
  *post-exercise priming* of the Akt → GLUT4 step: less Akt is needed for the same GLUT4
  movement, while the maximum barely changes (illustrative; see
  :func:`priming_after_exercise`).

Calibration to the body. The gain g is chosen so that whole-body insulin-stimulated glucose
utilisation is half-maximal at 55 µU/mL insulin (Rizza, Mandarino & Gerich 1981: 55 ± 7
µU/mL, maximum 10-11 mg/kg/min at 200-700 µU/mL). Whole-body glucose utilisation is::

    U(I) = U_ZERO + U_STIM * glut4 * (G(I) - G_REST) / (G_max_healthy - G_REST)

where G_REST = 4 % is the resting surface fraction at zero insulin (counted in U_ZERO),
glut4 the GLUT4 content relative to healthy, and U_ZERO and U_STIM are fixed by two more
measurements: U = 10.5 mg/kg/min at saturating insulin (Rizza et al. 1981) and U = 1.90
mg/kg/min at the fasting insulin of 11 µU/mL (fasting glucose output equals utilisation;
Katz et al. 1983 measured 1.90 ± 0.11 mg/kg/min). :func:`calibrate` recomputes all three.

Steady states solve the algebraic equations exactly: for a given R every step is explicit
except the feedback loop, found by bisection on P (the loop gain stays below 1 for every
allowed parameter, so the root is unique). Time courses are integrated with LSODA; the
kinase steps relax in seconds and GLUT4 in minutes, a mildly stiff system.

The module has the shape of every model: :data:`PARAMS` (a :class:`CellParams`), :data:`PRESETS`,
:data:`RANGES`, :func:`simulate` (a :class:`CascadeCourse` after an insulin step) and
:func:`steady_state`; :func:`clamp_disposal` replaces ``clamp_split``.

References
----------
Sedaghat AR, Sherman A, Quon MJ. A mathematical model of metabolic insulin signaling
    pathways. Am J Physiol Endocrinol Metab 2002;283:E1084-E1101.
Brännmark C, Nyman E, Fagerholm S, et al. Insulin signaling in type 2 diabetes:
    experimental and modeling analyses reveal mechanisms of insulin resistance in human
    adipocytes. J Biol Chem 2013;288:9867-9880.
Rizza RA, Mandarino LJ, Gerich JE. Dose-response characteristics for effects of insulin on
    production and utilization of glucose in man. Am J Physiol 1981;240:E630-E639.
Katz LD, Glickman MG, Rapoport S, Ferrannini E, DeFronzo RA. Splanchnic and peripheral
    disposal of oral glucose in man. Diabetes 1983;32:675-679.
Alessi DR, Andjelkovic M, Caudwell B, et al. Mechanism of activation of protein kinase B by
    insulin and IGF-1. EMBO J 1996;15:6541-6551.
Hotamisligil GS, Peraldi P, Budavari A, et al. IRS-1-mediated inhibition of insulin receptor
    tyrosine kinase activity in TNF-alpha- and obesity-induced insulin resistance. Science
    1996;271:665-668.
Aguirre V, Uchida T, Yenush L, Davis R, White MF. The c-Jun NH2-terminal kinase promotes
    insulin resistance during association with insulin receptor substrate-1 and
    phosphorylation of Ser307. J Biol Chem 2000;275:9047-9054.
Yuan M, Konstantopoulos N, Lee J, et al. Reversal of obesity- and diet-induced insulin
    resistance with salicylates or targeted disruption of Ikkbeta. Science 2001;293:1673-1677.
Griffin ME, Marcucci MJ, Cline GW, et al. Free fatty acid-induced insulin resistance is
    associated with activation of protein kinase C theta and alterations in the insulin
    signaling cascade. Diabetes 1999;48:1270-1274.
Yu C, Chen Y, Cline GW, et al. Mechanism by which fatty acids inhibit insulin activation of
    IRS-1-associated phosphatidylinositol 3-kinase activity in muscle. J Biol Chem
    2002;277:50230-50236.
Um SH, Frigerio F, Watanabe M, et al. Absence of S6K1 protects against age- and diet-induced
    obesity while enhancing insulin sensitivity. Nature 2004;431:200-205.
Lund S, Holman GD, Schmitz O, Pedersen O. Contraction stimulates translocation of glucose
    transporter GLUT4 in skeletal muscle through a mechanism distinct from that of insulin.
    Proc Natl Acad Sci USA 1995;92:5817-5821.
Hayashi T, Hirshman MF, Kurth EJ, Winder WW, Goodyear LJ. Evidence for 5' AMP-activated
    protein kinase mediation of the effect of muscle contraction on glucose transport.
    Diabetes 1998;47:1369-1373.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np
from scipy.integrate import odeint
from scipy.optimize import brentq

from ..deprecation import renamed, renamed_attributes
from ..units import PMOLL_PER_UUML
from ..validation import as_float_array, in_range, positive
from . import feedback
from .roots import bisect
from .timecourse import Parameters, Range
from .timecourse import TimeCourse as _TimeCourse  # "signaling.TimeCourse" is the deprecated old CascadeCourse

# -- rate constants (Sedaghat, Sherman & Quon 2002), per minute ---------------------------------
PMOL_PER_UU = PMOLL_PER_UUML  # pmol/L per µU/mL, from the unit registry (WHO insulin standard, Vølund 1993)
K_ON = 6e7 * PMOL_PER_UU * 1e-12  # insulin binding, per µU/mL per min (6e7 /M/min)
K_OFF = 0.2  # receptor unbinding and dephosphorylation, 1/min
K_TYR = 4.16  # IRS-1 tyrosine phosphorylation by a fully occupied receptor pool, 1/min
K_TYR_OFF = (2.5 / 7.45) * K_TYR  # IRS-1 tyrosine dephosphorylation, 1/min
K_SER = 0.5 * math.log(2.0)  # IRS-1 serine phosphorylation and dephosphorylation scale, 1/min
K_PI = 10.0  # PI3K deactivation, 1/min
K_AKT = 10.0 * math.log(2.0)  # Akt dephosphorylation, 1/min
K_ENDO = 0.167  # GLUT4 endocytosis, 1/min
K_EXO = (4.0 / 96.0) * K_ENDO  # basal GLUT4 exocytosis (4 % at the surface), 1/min
K_INS = (40.0 / 60.0 - 4.0 / 96.0) * K_ENDO  # exocytosis added by fully active Akt, 1/min
G_REST = K_EXO / (K_EXO + K_ENDO)  # resting surface GLUT4 fraction, 0.04
PHI_HEALTHY = 1.0  # Akt -> IRS-1 feedback strength in health; illustrative

# -- calibration to the whole body (see calibrate()) ------------------------------------------
TARGET_EC50 = 55.0  # µU/mL, Rizza et al. 1981 (55 ± 7)
TARGET_MAX = 10.5  # mg/kg/min, Rizza et al. 1981 (10-11)
TARGET_FASTING = 1.90  # mg/kg/min at fasting insulin, Katz et al. 1983 (1.90 ± 0.11)
FASTING_INSULIN = feedback.REF_INSULIN  # µU/mL, Lesson 1's healthy reference (11)
GAIN = 1.0285  # shared gain of the PI3K and Akt steps, dimensionless (calibrated)
U_ZERO = 1.3037  # whole-body glucose utilisation at zero insulin, mg/kg/min (calibrated)
U_STIM = 9.1963  # maximal insulin-stimulated utilisation of a healthy person, mg/kg/min (calibrated)

# Where insulin-stimulated disposal goes under a euglycemic clamp: skeletal muscle takes about
# 80-90 % (DeFronzo et al. 1981, Diabetes 30:1000-1007; DeFronzo et al. 1985, J Clin Invest
# 76:149-155). This share is for a clamp, not for a meal (see the lesson).
CLAMP_MUSCLE_SHARE = 0.85

# Post-exercise priming of the Akt -> GLUT4 step: peak size and half-life are illustrative,
# chosen so the effect is clear the next day and mostly gone after two to three days, as
# clamp studies find (Mikines et al. 1988; Ross 2003).
PRIMING_PEAK = 3.0  # dimensionless, just after the bout
PRIMING_HALF_LIFE_H = 18.0  # hours

LIMITS = {  # allowed ranges of the person-level parameters (the fields of CellParams)
    "receptor": Range(0.05, 1.0, "x healthy receptor number"),
    "glut4": Range(0.05, 2.0, "x healthy GLUT4 content"),
    "feedback": Range(0.0, 1.0, "x healthy feedback strength"),
    "serine": Range(0.0, 10.0, "dimensionless serine-kinase input"),
    "contraction": Range(0.0, 1.0, "fraction of a full contraction signal"),
    "priming": Range(0.0, 5.0, "dimensionless post-exercise priming"),
}
# ... and of the inputs of a run
RANGES = {**LIMITS, "insulin": Range(0.0, 1e4, "uU/mL"), "duration": Range(1.0, 600.0, "min")}
STATE_NAMES = ("receptor", "irs1", "irs1_serine", "pi3k", "akt", "glut4_surface")


@dataclass(frozen=True)
class CellParams(Parameters):
    """Person-level parameters of the signalling model.

    Change them with ``replace`` (``PARAMS.replace(serine=2.0)``), which checks each value again.

    Attributes
    ----------
    receptor : float
        Insulin receptor number relative to healthy, 0.05 to 1 (a value above 1 would let
        the occupied fraction exceed 1).
    glut4 : float
        GLUT4 content relative to healthy, 0.05 to 2 (training can raise it).
    feedback : float
        Strength of the Akt -> IRS-1 feedback relative to healthy, 0 to 1.
    serine : float
        Inflammatory/lipid serine-kinase input on IRS-1 (JNK, IKKβ, PKCθ), dimensionless,
        0 to 10; at steady state it blocks ``serine`` times as much IRS-1 as is free.
    contraction : float
        Contraction/AMPK signal, 0 (rest) to 1 (as much GLUT4 recruited as by maximal insulin).
    priming : float
        Post-exercise priming of the Akt -> GLUT4 step, dimensionless, 0 to 5.
    """

    receptor: float = 1.0
    glut4: float = 1.0
    feedback: float = 1.0
    serine: float = 0.0
    contraction: float = 0.0
    priming: float = 0.0

    def __post_init__(self):
        for f in fields(self):
            low, high, unit = LIMITS[f.name]
            given = getattr(self, f.name)
            if f.name == "receptor" and np.ndim(given) == 0 and np.isfinite(given) and given > high:
                raise ValueError(f"receptor={given:g}: expected at most {high:g} ({unit}); more than the "
                                 "healthy number would push the occupied fraction above 1")
            value = in_range(given, f.name, low, high, unit)
            if isinstance(value, np.ndarray):
                raise ValueError(f"{f.name}={given!r}: expected a single number ({unit})")
            object.__setattr__(self, f.name, value)


PARAMS = HEALTHY = CellParams()
# The "inflamed" serine-kinase input is illustrative. The type 2 diabetes setting follows the
# diabetes scenario of Brännmark et al. (2013; BioModels BIOMD0000000448): insulin receptor
# reduced to 55 %, GLUT4 to 50 % and the mTORC1 -> IRS-1 feedback to 15 % of normal.
PRESETS = {
    "healthy": HEALTHY,
    "inflamed": CellParams(serine=1.0),
    "type 2 diabetes": CellParams(receptor=0.55, glut4=0.5, feedback=0.15),
}


def _params(params: CellParams | None, overrides: dict) -> CellParams:
    """``params`` (default healthy) with ``overrides`` applied and checked."""
    base = HEALTHY if params is None else params
    if not isinstance(base, CellParams):
        raise TypeError(f"params={params!r}: expected a CellParams (see signaling.PRESETS)")
    return base.replace(**overrides) if overrides else base


def _step(x, gain):
    """Normalised activation step at steady state: (1 + g) x / (1 + g x), 0 -> 0, 1 -> 1."""
    return (1.0 + gain) * x / (1.0 + gain * x)


def _insulin_values(insulin, name: str = "insulin") -> np.ndarray:
    """Insulin as a float array: 0 or more, µU/mL, ``numpy.inf`` allowed for saturation."""
    try:
        arr = np.asarray(insulin, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={insulin!r}: expected a number in uU/mL") from None
    if np.any(np.isnan(arr)) or np.any(arr < 0):
        raise ValueError(f"{name}={insulin!r}: expected insulin of 0 or more in uU/mL")
    return arr


def occupancy(insulin):
    """Fraction of receptors occupied at steady state, k_on I / (k_on I + k_off).

    Parameters
    ----------
    insulin : float or array_like
        Plasma insulin, µU/mL (0 or more; ``numpy.inf`` gives 1).

    Returns
    -------
    float or numpy.ndarray
        Occupied fraction of a healthy receptor pool. Half the receptors are occupied at
        k_off/k_on = 556 µU/mL.
    """
    arr = _insulin_values(insulin)
    with np.errstate(invalid="ignore"):
        r = np.where(np.isinf(arr), 1.0, K_ON * arr / (K_ON * arr + K_OFF))
    return float(r) if r.ndim == 0 else r


@dataclass(frozen=True)
class _Cascade:
    """Every step of the cascade (base of :class:`SteadyState` and :class:`CascadeCourse`).

    Attributes
    ----------
    receptor, irs1, irs1_serine, pi3k, akt, glut4_surface : numpy.ndarray
        Fractions between 0 and 1 (see the module docstring; ``akt`` is A = Y²).
    uptake : numpy.ndarray
        Whole-body glucose utilisation, mg/kg/min.
    """

    receptor: np.ndarray
    irs1: np.ndarray
    irs1_serine: np.ndarray
    pi3k: np.ndarray
    akt: np.ndarray
    glut4_surface: np.ndarray
    uptake: np.ndarray


@dataclass(frozen=True)
class SteadyState(_Cascade):
    """Steady state of every step, one value per insulin concentration.

    Attributes
    ----------
    insulin : numpy.ndarray
        µU/mL; the step arrays (see :class:`_Cascade`) have the same shape.
    params : CellParams
    """

    insulin: np.ndarray
    params: CellParams = field(repr=False)


def _surface_fraction(akt, p: CellParams):
    exo = K_EXO + K_INS * _step(akt, p.priming) + K_CON * p.contraction
    return exo / (exo + K_ENDO)


def _solve_irs1(R, p: CellParams, gain: float, iterations: int = 56):
    """Steady IRS-1 tyrosine phosphorylation P for receptor activity R (bisection on P).

    At steady state P = tau F and S = s F with F = 1/(1 + tau + s), tau = kappa R (1 + phi A(P)),
    so P solves h(P) = P (1 + tau(P) + s) - tau(P) = 0, with h(0) <= 0 < h(1).
    """
    kappa = K_TYR / K_TYR_OFF
    phi = PHI_HEALTHY * p.feedback

    def excess(P):
        tau = kappa * R * (1.0 + phi * _step(_step(P, gain), gain) ** 2)
        return P * (1.0 + tau + p.serine) - tau

    return bisect(excess, np.zeros_like(R), np.ones_like(R), iterations)


def _whole_body(surface, p: CellParams, g_max: float, u_zero: float, u_stim: float):
    return u_zero + u_stim * p.glut4 * (surface - G_REST) / (g_max - G_REST)


def _steady(insulin, p: CellParams, gain=GAIN, u_zero=U_ZERO, u_stim=U_STIM, g_max=None):
    R = p.receptor * occupancy(insulin)
    R = np.atleast_1d(np.asarray(R, dtype=float))
    P = _solve_irs1(R, p, gain)
    K = _step(P, gain)
    A = _step(K, gain) ** 2
    tau = K_TYR / K_TYR_OFF * R * (1.0 + PHI_HEALTHY * p.feedback * A)
    S = p.serine / (1.0 + tau + p.serine)
    G = _surface_fraction(A, p)
    if g_max is None:
        g_max = _healthy_max_surface(gain)
    return R, P, S, K, A, G, _whole_body(G, p, g_max, u_zero, u_stim)


def _healthy_max_surface(gain=GAIN) -> float:
    """Surface GLUT4 fraction of the healthy cell at saturating insulin."""
    p = HEALTHY
    R = np.array([1.0])
    P = _solve_irs1(R, p, gain)
    return float(_surface_fraction(_step(_step(P, gain), gain) ** 2, p)[0])


A_SATURATED = float(_step(_step(_solve_irs1(np.array([1.0]), HEALTHY, GAIN), GAIN), GAIN)[0] ** 2)
K_CON = K_INS * A_SATURATED  # exocytosis added by full contraction (c = 1), 1/min; illustrative size
G_MAX_HEALTHY = _healthy_max_surface()


def steady_state(insulin=FASTING_INSULIN, *, params: CellParams | None = None, **overrides) -> SteadyState:
    """Steady state of the cascade at each insulin concentration (vectorised).

    Parameters
    ----------
    insulin : float or array_like, default 11
        Plasma insulin, µU/mL, 0 or more (``numpy.inf`` for saturating insulin); default the
        fasting insulin of Lesson 1's healthy reference.
    params : CellParams, optional
        Default :data:`PARAMS`, healthy.
    **overrides
        Single fields of :class:`CellParams` to change (``serine=2.0``, ...).

    Returns
    -------
    SteadyState
        Arrays with one value per insulin concentration.

    Examples
    --------
    >>> s = steady_state([0.0, 55.0, 1000.0])
    >>> [round(float(u), 2) for u in s.uptake]
    [1.3, 5.9, 10.22]
    >>> round(float(steady_state(serine=1.0).uptake), 2)   # at fasting insulin, inflamed
    1.48
    """
    p = _params(params, overrides)
    insulin = _insulin_values(insulin)
    steps = (np.reshape(x, np.shape(insulin)) for x in _steady(insulin.ravel(), p))
    return SteadyState(*steps, insulin=insulin, params=p)


def uptake(insulin, params: CellParams | None = None, **overrides):
    """Whole-body glucose utilisation at steady state, mg/kg/min (float for a scalar input).

    Parameters
    ----------
    insulin : float or array_like
        Plasma insulin, µU/mL.
    params : CellParams, optional
        Default: healthy; keywords override single fields.
    """
    u = steady_state(insulin, params=params, **overrides).uptake
    return float(u) if np.ndim(u) == 0 else u


# -- dose-response ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DoseResponse:
    """Steady-state glucose utilisation against insulin, with its EC50 and maximum.

    Attributes
    ----------
    insulin : numpy.ndarray
        µU/mL (log-spaced).
    uptake : numpy.ndarray
        Whole-body glucose utilisation, mg/kg/min.
    at_zero : float
        Utilisation at zero insulin, mg/kg/min.
    maximum : float
        Utilisation at saturating insulin, mg/kg/min.
    ec50 : float
        Insulin at which the insulin-stimulated part, uptake - at_zero, is half of
        maximum - at_zero, µU/mL.
    params : CellParams
    """

    insulin: np.ndarray
    uptake: np.ndarray
    at_zero: float
    maximum: float
    ec50: float
    params: CellParams = field(repr=False)

    @property
    def stimulated_max(self) -> float:
        """Maximal insulin-stimulated utilisation (maximum - at_zero), mg/kg/min."""
        return self.maximum - self.at_zero


def _inverse_step(y, gain):
    """The x for which the normalised step gives y: x = y / (1 + g - g y)."""
    return y / (1.0 + gain - gain * y)


def _insulin_for_surface(surface, p: CellParams, gain=GAIN):
    """Insulin (µU/mL) that holds the surface GLUT4 fraction at ``surface``, by running the
    steady-state equations backwards, step by step: GLUT4 -> Akt -> PI3K -> IRS-1 -> receptor.

    Returns 0 where ``surface`` is at or below the zero-insulin level and ``numpy.inf`` where
    no insulin reaches it.
    """
    surface = np.asarray(surface, dtype=float)
    exo = K_ENDO * surface / (1.0 - surface)
    signal = (exo - K_EXO - K_CON * p.contraction) / K_INS  # A_e, the primed Akt signal
    with np.errstate(divide="ignore", invalid="ignore"):
        akt = _inverse_step(np.clip(signal, 0.0, 1.0), p.priming)
        irs1 = _inverse_step(_inverse_step(np.sqrt(akt), gain), gain)
        tau = irs1 * (1.0 + p.serine) / (1.0 - irs1)
        receptor = tau / (K_TYR / K_TYR_OFF * (1.0 + PHI_HEALTHY * p.feedback * akt))
        insulin = K_OFF * receptor / (K_ON * (p.receptor - receptor))
    insulin = np.where((receptor >= p.receptor) | (signal >= 1.0) | (irs1 >= 1.0), np.inf, insulin)
    return np.where(signal <= 0.0, 0.0, insulin)


def insulin_for_uptake(target, params: CellParams | None = None, **overrides):
    """Steady-state insulin (µU/mL) at which whole-body glucose utilisation equals ``target``.

    Parameters
    ----------
    target : float or array_like
        Glucose utilisation, mg/kg/min, between the value at zero insulin and the maximum.
    params : CellParams, optional
        Default: healthy; keywords override single fields.

    Returns
    -------
    float or numpy.ndarray
        µU/mL.

    Examples
    --------
    >>> round(insulin_for_uptake(1.90), 1)   # the calibration point: fasting insulin
    11.0
    """
    p = _params(params, overrides)
    target = as_float_array(target, "target", "mg/kg/min")
    u0, umax = (float(u) for u in _steady(np.array([0.0, np.inf]), p)[-1])
    if np.any((target < u0) | (target >= umax)):
        raise ValueError(f"target={target!r}: expected a glucose utilisation from {u0:.3g} up to (not "
                         f"including) {umax:.3g} mg/kg/min, the range this cell can reach")
    surface = G_REST + (target - U_ZERO) * (G_MAX_HEALTHY - G_REST) / (U_STIM * p.glut4)
    insulin = _insulin_for_surface(surface, p)
    return float(insulin) if insulin.ndim == 0 else insulin


def _ec50(p: CellParams, gain=GAIN) -> float:
    """EC50 (µU/mL): the surface GLUT4 halfway between zero and saturating insulin, inverted."""
    ends = _steady(np.array([0.0, np.inf]), p, gain=gain, g_max=1.0)[5]
    return float(_insulin_for_surface(0.5 * (ends[0] + ends[1]), p, gain))


def dose_response(params: CellParams | None = None, *, insulin=None, **overrides) -> DoseResponse:
    """Steady-state dose-response of whole-body glucose utilisation to insulin.

    Parameters
    ----------
    params : CellParams, optional
        Default: healthy; keywords override single fields.
    insulin : array_like, optional
        Insulin concentrations, µU/mL; default 200 log-spaced values from 1 to 10 000.

    Returns
    -------
    DoseResponse

    Examples
    --------
    >>> d = dose_response()
    >>> round(d.ec50), round(d.maximum, 1)
    (55, 10.5)
    """
    p = _params(params, overrides)
    grid = np.geomspace(1.0, 1e4, 200) if insulin is None else \
        np.atleast_1d(positive(insulin, "insulin", "uU/mL", allow_zero=True))
    ends = _steady(np.array([0.0, np.inf]), p)[-1]
    u0, umax = float(ends[0]), float(ends[1])
    return DoseResponse(grid, _steady(grid, p)[-1], u0, umax, _ec50(p), p)


# -- calibration ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Calibration:
    """Result of :func:`calibrate`.

    Attributes
    ----------
    gain : float
        Shared gain of the PI3K and Akt steps, dimensionless.
    u_zero : float
        Utilisation at zero insulin, mg/kg/min.
    u_stim : float
        Maximal insulin-stimulated utilisation of the healthy person, mg/kg/min.
    ec50 : float
        Resulting EC50, µU/mL.
    """

    gain: float
    u_zero: float
    u_stim: float
    ec50: float


def calibrate(ec50: float = TARGET_EC50, maximum: float = TARGET_MAX, fasting: float = TARGET_FASTING,
              fasting_insulin: float = FASTING_INSULIN) -> Calibration:
    """Fit the gain and the whole-body scale to three human measurements.

    The EC50 does not depend on U_ZERO and U_STIM (an affine map of the surface GLUT4), so
    the gain is found first (Brent's method), then the two scales from the maximum and the
    fasting utilisation.

    Parameters
    ----------
    ec50 : float
        Insulin for half-maximal insulin-stimulated utilisation, µU/mL (10 to 300).
    maximum : float
        Utilisation at saturating insulin, mg/kg/min (3 to 20).
    fasting : float
        Utilisation at ``fasting_insulin``, mg/kg/min (0.5 to 5), below ``maximum``.
    fasting_insulin : float
        µU/mL (1 to 50).

    Returns
    -------
    Calibration
    """
    ec50 = in_range(ec50, "ec50", 10.0, 300.0, "uU/mL")
    maximum = in_range(maximum, "maximum", 3.0, 20.0, "mg/kg/min")
    fasting = in_range(fasting, "fasting", 0.5, 5.0, "mg/kg/min")
    fasting_insulin = in_range(fasting_insulin, "fasting_insulin", 1.0, 50.0, "uU/mL")
    if fasting >= maximum:
        raise ValueError(f"fasting={fasting:g}: expected less than maximum={maximum:g} mg/kg/min")

    def ec50_for(gain):
        return _ec50(HEALTHY, gain) - ec50

    low, high = 1e-3, 50.0  # the EC50 falls as the gain rises
    if not ec50_for(high) < 0.0 < ec50_for(low):
        raise ValueError(f"ec50={ec50:g}: expected a value between {ec50_for(high) + ec50:.3g} and "
                         f"{ec50_for(low) + ec50:.3g} uU/mL, the range this cascade can reach")
    gain = brentq(ec50_for, low, high, xtol=1e-10)
    g_max = _healthy_max_surface(gain)
    frac = float(_steady(np.array([fasting_insulin]), HEALTHY, gain=gain, u_zero=0.0, u_stim=1.0,
                         g_max=g_max)[-1][0])
    u_stim = (maximum - fasting) / (1.0 - frac)
    return Calibration(gain, maximum - u_stim, u_stim, ec50_for(gain) + ec50)


# -- time courses -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CascadeCourse(_Cascade, _TimeCourse):
    """Every step of the cascade (see :class:`_Cascade`) after an insulin step at t = 0.

    Read it like every run: ``run.at(minutes).akt``, ``run.first_time("glut4_surface", 0.2)``.
    (Called ``TimeCourse`` before 0.2.0.)

    Attributes
    ----------
    time : numpy.ndarray
        Minutes after the step; the step arrays have one value per time.
    insulin : float
        Insulin after the step, µU/mL.
    params : CellParams
    """

    time: np.ndarray
    insulin: float
    params: CellParams = field(repr=False)

    TIME_UNIT = "min"
    SERIES = {"receptor": "fraction", "irs1": "fraction", "irs1_serine": "fraction", "pi3k": "fraction",
              "akt": "fraction", "glut4_surface": "fraction", "uptake": "mg/kg/min"}

    def time_to_half(self, name: str = "glut4_surface") -> float:
        """Minutes until ``name`` has covered half its way from start to end."""
        if name not in STATE_NAMES + ("uptake",):
            raise ValueError(f"name={name!r}: expected one of {STATE_NAMES + ('uptake',)}")
        y = getattr(self, name)
        target = 0.5 * (y[0] + y[-1])
        crossed = (y - target) * np.sign(y[-1] - y[0]) >= 0
        return float(self.time[np.argmax(crossed)])


def _rhs(y, t, insulin, p: CellParams):
    R, P, S, K, Y, G = y
    F = 1.0 - P - S
    A = Y * Y
    return (K_ON * insulin * (p.receptor - R) - K_OFF * R,
            K_TYR * (1.0 + PHI_HEALTHY * p.feedback * A) * R * F - K_TYR_OFF * P,
            K_SER * (p.serine * F - S),
            K_PI * ((1.0 + GAIN) * P - (1.0 + GAIN * P) * K),
            K_AKT * ((1.0 + GAIN) * K - (1.0 + GAIN * K) * Y),
            (K_EXO + K_INS * _step(A, p.priming) + K_CON * p.contraction) * (1.0 - G) - K_ENDO * G)


def simulate(duration: float = 60.0, *, params: CellParams | None = None, insulin: float = 100.0,
             basal_insulin: float = 0.0, samples: int = 241, **overrides) -> CascadeCourse:
    """Time courses of every step after insulin steps from ``basal_insulin`` to ``insulin``.

    The cell starts at its steady state for ``basal_insulin`` (with the serine-kinase and
    contraction inputs already present).

    Parameters
    ----------
    duration : float, default 60
        Length of the simulation, min (1 to 600).
    params : CellParams, optional
        Default :data:`PARAMS`, healthy.
    insulin : float, default 100
        Insulin after the step, µU/mL (0 to 10 000).
    basal_insulin : float, default 0
        Insulin before the step, µU/mL (0 to 10 000).
    samples : int, default 241
        Number of evenly spaced output times (2 to 10 000).
    **overrides
        Single fields of :class:`CellParams` to change (``serine=2.0``, ...).

    Returns
    -------
    CascadeCourse

    Examples
    --------
    >>> run = simulate(30, insulin=100.0, basal_insulin=FASTING_INSULIN)
    >>> round(run.at(10).glut4_surface, 3), round(run.at(30).uptake, 2)
    (0.214, 7.72)
    """
    p = _params(params, overrides)
    insulin = RANGES["insulin"].check(insulin, "insulin")
    basal_insulin = RANGES["insulin"].check(basal_insulin, "basal_insulin")
    minutes = RANGES["duration"].check(duration, "duration")
    if isinstance(samples, bool) or int(samples) != samples or not 2 <= samples <= 10_000:
        raise ValueError(f"samples={samples!r}: expected a whole number from 2 to 10000")
    R, P, S, K, A, G, _ = _steady(np.array([basal_insulin]), p)
    y0 = [float(R[0]), float(P[0]), float(S[0]), float(K[0]), math.sqrt(float(A[0])), float(G[0])]
    t = np.linspace(0.0, minutes, int(samples))
    sol, info = odeint(_rhs, y0, t, args=(insulin, p), rtol=1e-6, atol=1e-9, mxstep=50_000,
                       full_output=True)
    if info["message"] != "Integration successful." or not np.all(np.isfinite(sol)):
        raise ValueError(f"the integration failed ({info['message']}); expected parameters inside "
                         "signaling.LIMITS")
    sol = np.clip(sol, 0.0, 1.0)  # remove round-off of order atol at the edges
    R, P, S, K, Y, G = sol.T
    U = _whole_body(G, p, G_MAX_HEALTHY, U_ZERO, U_STIM)
    return CascadeCourse(R, P, S, K, Y * Y, G, U, time=t, insulin=insulin, params=p)


# -- from the cell to the body -----------------------------------------------------------------
def insulin_sensitivity(params: CellParams | None = None, *, fasting_insulin: float = FASTING_INSULIN,
                        **overrides) -> float:
    """Map the cell's response near fasting insulin to Lesson 1's S_I (1/min per µU/mL).

    The cell-level measure is the slope of the insulin-stimulated utilisation from zero to
    fasting insulin, (U(I_f) - U(0)) / I_f; S_I is the healthy reference S_I of Lesson 1
    (8.1e-4) scaled by this slope relative to the healthy cell's, then kept inside
    :data:`glucolab.models.feedback.RANGES` ["SI"]. The map is monotone: a larger slope never
    gives a smaller S_I. Contraction is set to zero (S_I is measured at rest; contraction is
    insulin-independent and belongs to glucose effectiveness), priming is kept.

    Parameters
    ----------
    params : CellParams, optional
        Default: healthy; keywords override single fields.
    fasting_insulin : float
        µU/mL (1 to 50); default 11, Lesson 1's healthy fasting insulin.

    Returns
    -------
    float
        S_I, 1/min per µU/mL, between 2e-5 and 3e-3.

    Examples
    --------
    >>> insulin_sensitivity() == feedback.REF_SI
    True
    """
    p = _params(params, overrides).replace(contraction=0.0)
    fasting_insulin = in_range(fasting_insulin, "fasting_insulin", 1.0, 50.0, "uU/mL")
    slopes = []
    for q in (p, HEALTHY):
        u = _steady(np.array([0.0, fasting_insulin]), q)[-1]
        slopes.append((u[1] - u[0]) / fasting_insulin)
    low, high, _ = feedback.RANGES["SI"]
    return float(np.clip(feedback.REF_SI * slopes[0] / slopes[1], low, high))


@dataclass(frozen=True)
class ClampSplit:
    """Where glucose goes during a euglycemic clamp, mg/kg/min (see :func:`clamp_disposal`).

    Attributes
    ----------
    insulin : float
        Clamp insulin, µU/mL.
    skeletal_muscle : float
        Muscle's share of the insulin-stimulated utilisation.
    other_tissue : float
        The rest of the insulin-stimulated utilisation (fat, liver and others).
    insulin_independent : float
        Utilisation at zero insulin (mostly the brain).
    total : float
        All three together.
    """

    insulin: float
    skeletal_muscle: float
    other_tissue: float
    insulin_independent: float
    total: float

    LABELS = {"skeletal_muscle": "skeletal muscle", "other_tissue": "other insulin-sensitive tissue",
              "insulin_independent": "insulin-independent", "total": "total"}

    @property
    def muscle_share(self) -> float:
        """Muscle's share of all glucose used, 0 to 1."""
        return self.skeletal_muscle / self.total

    def rows(self) -> list:
        """(label, mg/kg/min) for each destination and the total, in that order."""
        return [(label, getattr(self, name)) for name, label in self.LABELS.items()]


def clamp_disposal(insulin: float, *, params: CellParams | None = None, muscle_share: float = CLAMP_MUSCLE_SHARE,
                   **overrides) -> ClampSplit:
    """Where glucose goes during a euglycemic clamp at ``insulin``, mg/kg/min.

    The utilisation above the zero-insulin level is split between skeletal muscle
    (``muscle_share``, 0.85 by default: 80-90 % under a clamp, DeFronzo et al. 1981, 1985) and
    other insulin-sensitive tissue (fat, liver and others); the zero-insulin part (mostly the
    brain) is reported on its own. Not valid after a meal, where the liver and gut take a
    larger share.

    Parameters
    ----------
    insulin : float
        Clamp insulin, µU/mL (0 to 10 000).
    params : CellParams, optional
        Default :data:`PARAMS`, healthy; keywords override single fields.
    muscle_share : float
        Muscle's share of the insulin-stimulated part, 0 to 1.

    Returns
    -------
    ClampSplit

    Examples
    --------
    >>> split = clamp_disposal(100.0)
    >>> round(split.skeletal_muscle, 2), round(split.total, 2), f"{split.muscle_share:.0%}"
    (5.48, 7.75, '71%')
    """
    p = _params(params, overrides)
    insulin = RANGES["insulin"].check(insulin, "insulin")
    muscle_share = in_range(muscle_share, "muscle_share", 0.0, 1.0, "fraction")
    total = float(_steady(np.array([insulin]), p)[-1][0])
    stimulated = total - U_ZERO
    return ClampSplit(insulin, muscle_share * stimulated, (1.0 - muscle_share) * stimulated, U_ZERO, total)


def _clamp_split(insulin: float, params: CellParams | None = None, *, muscle_share: float = CLAMP_MUSCLE_SHARE,
                 **overrides) -> dict:
    split = clamp_disposal(insulin, params=params, muscle_share=muscle_share, **overrides)
    return {label: value for label, value in split.rows()}


clamp_split = renamed(_clamp_split, "clamp_split", new_name="clamp_disposal(insulin, params=...)",
                      note="it returns a ClampSplit; the old dict is dict(split.rows())")


def priming_after_exercise(hours, peak: float = PRIMING_PEAK, half_life_h: float = PRIMING_HALF_LIFE_H):
    """Illustrative post-exercise priming of the Akt -> GLUT4 step, halving every ``half_life_h``.

    After a bout of exercise, insulin moves more GLUT4 in the muscles that worked, for about
    one to two days (Richter et al. 1989; Mikines et al. 1988); mechanisms include lasting
    phosphorylation of the Rab-GAP TBC1D4 (AS160) and glycogen depletion (Cartee 2015). The
    exponential decay and its sizes are illustrative, not fitted.

    Parameters
    ----------
    hours : float or array_like
        Hours since the end of the bout, 0 or more.
    peak : float
        Priming just after the bout, 0 to 5.
    half_life_h : float
        Hours for the priming to halve, more than 0 (at most 240).

    Returns
    -------
    float or numpy.ndarray
        Priming, dimensionless (pass it as ``priming=``).
    """
    hours = positive(hours, "hours", "h", allow_zero=True)
    peak = in_range(peak, "peak", 0.0, LIMITS["priming"][1])
    half_life_h = in_range(half_life_h, "half_life_h", 1e-3, 240.0, "h")
    return peak * 0.5 ** (np.asarray(hours) / half_life_h) if np.ndim(hours) else \
        peak * 0.5 ** (hours / half_life_h)


__getattr__ = renamed_attributes(__name__, {"TimeCourse": ("CascadeCourse", CascadeCourse)})

"""Cortisol, sleep loss and thyroid hormone as documented parameter changes of the Lesson 1 loop.

Each effect is a :class:`HormoneEffect`: factors that multiply the parameters of
:mod:`glucolab.models.feedback` — net hepatic glucose release ``R0``, insulin sensitivity
``SI``, glucose effectiveness ``SG`` and beta-cell responsiveness ``beta`` — together with
its source and whether its size was *measured* or is *illustrative*. A strength between 0 and
1 moves a person part of the way, geometrically (factor ** strength).

:func:`steady_state` gives the fasting state of a person (``params``, a Lesson 1
:class:`~glucolab.models.feedback.Person`; :data:`PARAMS` and :data:`PRESETS` are Lesson 1's) under an
effect, and :func:`cortisol_steady_state` along cortisol levels; both return
:class:`~glucolab.models.feedback.FastingState`. (Before 0.2.0 they were ``fasting_state`` and
``cortisol_fasting_state``.)

Cortisol (Rizza, Mandarino & Gerich 1982)
-----------------------------------------
Six healthy volunteers received cortisol or saline for 24 h; plasma cortisol was 37 ± 3 vs
14 ± 1 µg/dL. The study reported (mean ± SEM, cortisol vs saline):

=============================================  ============  ============
measured                                       cortisol      saline
=============================================  ============  ============
postabsorptive plasma glucose (mg/dL)          126 ± 2       97 ± 2
postabsorptive plasma insulin (µU/mL)          16 ± 2        10 ± 2
glucose production (mg/kg/min)                 2.4 ± 0.1     2.1 ± 0.1
glucose utilisation (mg/kg/min)                2.5 ± 0.1     2.1 ± 0.1
half-maximal insulin, utilisation (µU/mL)      104 ± 9       64 ± 7
half-maximal insulin, production (µU/mL)       81 ± 19       31 ± 5
maximal responses to insulin                   preserved     (reference)
=============================================  ============  ============

Two parameter changes are taken from these numbers; the other numbers are only compared with:

* ``R0`` × 2.4/2.1 = 1.143. At the model's fasting steady state release equals uptake, so
  glucose turnover is exactly ``R0`` times the distribution volume (2.5 mg/kg/min for the
  healthy reference, near the 2.1 measured); scaling ``R0`` reproduces the measured rise.
* ``SI`` × 64/104 = 0.615. Utilisation followed a saturating curve in insulin whose maximum
  was unchanged while the half-maximal insulin rose from 64 to 104 µU/mL. Far below the
  half-maximal insulin (fasting insulin is 10-16 µU/mL) such a curve is nearly a straight
  line whose slope is V_max/EC50, so insulin sensitivity scales by the ratio of the EC50s.

With both changes the model's fasting glucose rises from 92 to 108 mg/dL (+18 %) and insulin
from 11.0 to 16.8 µU/mL (+53 %); Rizza et al. measured +30 % and +60 %. The insulin rise is
matched; about 60 % of the glucose rise is explained. The rest needs something the two
changes leave out, most plausibly a beta cell that secretes less for a given glucose under
glucocorticoids (van Raalte et al. 2010 found prednisolone impairs beta-cell function in
healthy men). Between 14 and 37 µg/dL the factors are interpolated geometrically in cortisol;
only the two end points were measured.

Sleep loss
----------
* One week in bed 5 h a night instead of 10 h (20 healthy men): insulin sensitivity from the
  frequently sampled IVGTT fell by 20 ± 24 % (mean ± SD) with no significant change in insulin
  secretion; by clamp it fell 11 ± 5.5 % (Buxton et al. 2010). That IVGTT S_I is the S_I of
  the Lesson 1 model, so ``SI`` × 0.80.
* Two nights of experimentally fragmented sleep (11 volunteers): IVGTT S_I fell from 5.02 to
  3.76 and S_G from 2.73 to 2.16 × 10⁻² /min (Stamatakis & Punjabi 2010), so ``SI`` × 0.749
  and ``SG`` × 0.791. (Their S_G includes basal insulin action; applying the ratio to the
  model's S_G at zero insulin is an approximation.)

Thyroid hormone and chronic stress (illustrative)
-------------------------------------------------
Excess thyroid hormone raises hepatic glucose output and impairs peripheral insulin action
(review: Mitrou, Raptis & Dimitriadis 2010); hypothyroidism lowers insulin-stimulated glucose
uptake in muscle and fat (Dimitriadis et al. 2006; Maratou et al. 2009) while hepatic glucose
output tends to fall (Brenta 2011). The directions are documented; **the sizes used here are
illustrative.** For comparison only: in overt hyperthyroidism HOMA-IR was 2.81 ± 0.3 vs
1.27 ± 0.16 in euthyroid controls (Maratou et al. 2010). Chronic stress is represented as a
modest, illustrative rise of cortisol to 20 µg/dL acting through the Rizza mapping above.

References
----------
Rizza RA, Mandarino LJ, Gerich JE. Cortisol-induced insulin resistance in man: impaired
    suppression of glucose production and stimulation of glucose utilization due to a
    postreceptor defect of insulin action. J Clin Endocrinol Metab 1982;54:131-138.
van Raalte DH, Nofrate V, Bunck MC, et al. Acute and 2-week exposure to prednisolone impair
    different aspects of beta-cell function in healthy men. Eur J Endocrinol 2010;162:729-735.
Buxton OM, Pavlova M, Reid EW, Wang W, Simonson DC, Adler GK. Sleep restriction for 1 week
    reduces insulin sensitivity in healthy men. Diabetes 2010;59:2126-2133.
Stamatakis KA, Punjabi NM. Effects of sleep fragmentation on glucose metabolism in normal
    subjects. Chest 2010;137:95-101.
Mitrou P, Raptis SA, Dimitriadis G. Insulin action in hyperthyroidism: a focus on muscle and
    adipose tissue. Endocr Rev 2010;31:663-679.
Dimitriadis G, Mitrou P, Lambadiari V, et al. Insulin action in adipose tissue and muscle in
    hypothyroidism. J Clin Endocrinol Metab 2006;91:4930-4937.
Maratou E, Hadjidakis DJ, Kollias A, et al. Studies of insulin resistance in patients with
    clinical and subclinical hypothyroidism. Eur J Endocrinol 2009;160:785-790.
Maratou E, Hadjidakis DJ, Peppa M, et al. Studies of insulin resistance in patients with
    clinical and subclinical hyperthyroidism. Eur J Endocrinol 2010;163:625-630.
Brenta G. Why can insulin resistance be a natural consequence of thyroid dysfunction?
    J Thyroid Res 2011;2011:152850.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..deprecation import renamed, warn_renamed
from ..validation import positive
from . import feedback
from .feedback import FastingState
from .timecourse import Range

# -- Rizza, Mandarino & Gerich 1982 (mean, SEM) ------------------------------------------------
RIZZA_1982 = {
    "cortisol_ugdl": {"saline": (14.0, 1.0), "cortisol": (37.0, 3.0)},
    "glucose_mgdl": {"saline": (97.0, 2.0), "cortisol": (126.0, 2.0)},
    "insulin_uuml": {"saline": (10.0, 2.0), "cortisol": (16.0, 2.0)},
    "production_mgkgmin": {"saline": (2.1, 0.1), "cortisol": (2.4, 0.1)},
    "utilisation_mgkgmin": {"saline": (2.1, 0.1), "cortisol": (2.5, 0.1)},
    "ec50_utilisation_uuml": {"saline": (64.0, 7.0), "cortisol": (104.0, 9.0)},
    "ec50_production_uuml": {"saline": (31.0, 5.0), "cortisol": (81.0, 19.0)},
    "n": 6,
}
CORTISOL_LOW, CORTISOL_HIGH = 14.0, 37.0  # µg/dL, the two measured levels
CORTISOL_RANGE = Range(14.0, 40.0, "ug/dL")  # accepted input: measured span plus a little
CORTISOL_R0_FACTOR = 2.4 / 2.1  # measured rise in glucose production
CORTISOL_SI_FACTOR = 64.0 / 104.0  # ratio of half-maximal insulins for utilisation

# The module's parameters are those of the person an effect acts on: Lesson 1's Person.
PARAMS = feedback.PARAMS  # the healthy reference
PRESETS = feedback.PRESETS
RANGES = {
    "cortisol_ugdl": CORTISOL_RANGE,
    "strength": Range(0.0, 1.0, "fraction of the documented change"),
    "factor": Range(0.05, 5.0, "x unchanged"),  # each of R0, SI, SG and beta in a HormoneEffect
}


@dataclass(frozen=True)
class HormoneEffect:
    """A hormone effect written as factors on the parameters of the Lesson 1 model.

    Attributes
    ----------
    name : str
        Short label.
    R0, SI, SG, beta : float
        Factors (dimensionless) on net hepatic glucose release, insulin sensitivity, glucose
        effectiveness and beta-cell responsiveness; 1 means unchanged.
    evidence : {"measured", "illustrative"}
        Whether a study measured the size of the change or the size is a teaching assumption.
    source : str
        Where the numbers come from.
    """

    name: str
    R0: float = 1.0
    SI: float = 1.0
    SG: float = 1.0
    beta: float = 1.0
    evidence: str = "illustrative"
    source: str = ""

    def __post_init__(self):
        for key in ("R0", "SI", "SG", "beta"):
            RANGES["factor"].check(getattr(self, key), key)
        if self.evidence not in ("measured", "illustrative"):
            raise ValueError(f"evidence={self.evidence!r}: expected 'measured' or 'illustrative'")

    def scaled(self, strength=1.0) -> "HormoneEffect":
        """The effect at ``strength`` (0 = none, 1 = the full documented change).

        Factors scale geometrically, factor ** strength, so half the strength gives the
        square root of the factor. An array of strengths gives arrays of factors.

        Examples
        --------
        >>> half = HormoneEffect("test", R0=1.21, SI=0.64).scaled(0.5)
        >>> round(half.R0, 6), round(half.SI, 6), half.SG
        (1.1, 0.8, 1.0)
        """
        s = RANGES["strength"].check(strength, "strength")
        factors = {key: np.power(getattr(self, key), s) for key in ("R0", "SI", "SG", "beta")}
        return replace(self, **{key: float(f) if np.ndim(f) == 0 else f for key, f in factors.items()})

    def factors(self, strength=1.0) -> dict:
        """Deprecated: use ``scaled(strength)``, whose R0, SI, SG and beta are these factors."""
        warn_renamed("HormoneEffect.factors(strength)", "HormoneEffect.scaled(strength)")
        scaled = self.scaled(strength)
        return {key: getattr(scaled, key) for key in ("R0", "SI", "SG", "beta")}


def cortisol_effect(cortisol_ugdl: float, *, hepatic: bool = True, peripheral: bool = True) -> HormoneEffect:
    """The Rizza et al. (1982) cortisol effect at a plasma cortisol level.

    Parameters
    ----------
    cortisol_ugdl : float
        Plasma cortisol, µg/dL (14 to 40; 14 is the saline level of the study, 37 the infused
        level, and between them the factors are interpolated geometrically).
    hepatic : bool, default True
        Include the rise in hepatic glucose release (``R0``).
    peripheral : bool, default True
        Include the fall in insulin sensitivity (``SI``).
    """
    c = CORTISOL_RANGE.check(cortisol_ugdl, "cortisol_ugdl")
    s = (c - CORTISOL_LOW) / (CORTISOL_HIGH - CORTISOL_LOW)
    return HormoneEffect(
        f"cortisol {c:.0f} µg/dL",
        R0=CORTISOL_R0_FACTOR ** s if hepatic else 1.0,
        SI=CORTISOL_SI_FACTOR ** s if peripheral else 1.0,
        evidence="measured",
        source="Rizza, Mandarino & Gerich 1982, J Clin Endocrinol Metab 54:131-138")


def utilisation_ec50(cortisol_ugdl) -> float:
    """Insulin giving half-maximal glucose utilisation (µU/mL) at a cortisol level (µg/dL),
    interpolated geometrically between the two measured points (64 and 104 µU/mL)."""
    c = CORTISOL_RANGE.check(cortisol_ugdl, "cortisol_ugdl")
    s = (c - CORTISOL_LOW) / (CORTISOL_HIGH - CORTISOL_LOW)
    low, high = (RIZZA_1982["ec50_utilisation_uuml"][k][0] for k in ("saline", "cortisol"))
    return low * (high / low) ** s


def utilisation_response(insulin, ec50):
    """Insulin-stimulated glucose utilisation as a fraction of its maximum.

    A hyperbola, insulin / (EC50 + insulin): Rizza et al. (1982) report half-maximal insulins and
    preserved maxima; the hyperbolic shape between them is an assumption.

    Parameters
    ----------
    insulin : float or numpy.ndarray
        Plasma insulin, µU/mL (≥ 0).
    ec50 : float
        Insulin giving half of the maximal response, µU/mL.
    """
    insulin = positive(insulin, "insulin", "uU/mL", allow_zero=True)
    ec50 = positive(ec50, "ec50", "uU/mL")
    return insulin / (ec50 + insulin)


def steady_state(effect: HormoneEffect | None = None, *, params: feedback.Person | None = None, strength=1.0,
                 **overrides) -> FastingState:
    """Fasting glucose (mg/dL) and insulin (µU/mL) of a person under ``effect``.

    Parameters
    ----------
    effect : HormoneEffect, optional
        The change (e.g. one of :data:`EFFECTS`); none means the person as they are.
    params : feedback.Person, optional
        The person; default :data:`PARAMS`, the healthy reference of Lesson 1 (92 mg/dL, 11 µU/mL).
    strength : float or numpy.ndarray, default 1
        Fraction of the documented change (0 to 1); an array gives a path of states.
    **overrides
        Single fields of :class:`glucolab.models.feedback.Person` to change (``SI``, ``beta`` ...).

    Returns
    -------
    glucolab.models.feedback.FastingState
        Unpacks as ``glucose, insulin``; ``homa_ir`` too.

    Examples
    --------
    >>> s = steady_state(EFFECTS["5-hour nights for a week"])
    >>> round(s.glucose, 1), round(s.insulin, 1), round(s.homa_ir, 2)
    (96.3, 12.5, 2.96)
    """
    p = (params if params is not None else PARAMS).replace(**overrides)
    f = (effect or HormoneEffect("none")).scaled(strength)
    return feedback.fasting_state(p.SI * f.SI, p.SG * f.SG, p.beta * f.beta, R0=feedback.R0 * f.R0)


def cortisol_steady_state(cortisol_ugdl, *, hepatic: bool = True, peripheral: bool = True,
                          params: feedback.Person | None = None, **overrides) -> FastingState:
    """Fasting glucose (mg/dL) and insulin (µU/mL) at one or many cortisol levels (µg/dL).

    Parameters
    ----------
    cortisol_ugdl : float or array_like
        Plasma cortisol, µg/dL (14 to 40).
    hepatic, peripheral : bool, default True
        Include the rise in hepatic glucose release and the fall in insulin sensitivity.
    params : feedback.Person, optional
        The person; default :data:`PARAMS`, the healthy reference.
    **overrides
        Single fields of :class:`glucolab.models.feedback.Person` to change.

    Returns
    -------
    glucolab.models.feedback.FastingState
        Floats for one level, arrays for many; unpacks as ``glucose, insulin``.

    Examples
    --------
    >>> s = cortisol_steady_state(37.0)
    >>> round(s.glucose), round(s.insulin, 1)
    (108, 16.8)
    """
    c = np.atleast_1d(CORTISOL_RANGE.check(cortisol_ugdl, "cortisol_ugdl"))
    s = (c - CORTISOL_LOW) / (CORTISOL_HIGH - CORTISOL_LOW)
    full = replace(cortisol_effect(CORTISOL_HIGH, hepatic=hepatic, peripheral=peripheral),
                   name="cortisol")
    p = (params if params is not None else PARAMS).replace(**overrides)
    g, i = feedback.fasting_state(p.SI * full.SI ** s, p.SG, p.beta, R0=feedback.R0 * full.R0 ** s)
    if np.ndim(cortisol_ugdl) == 0:
        return FastingState(float(g[0]), float(i[0]))
    return FastingState(g, i)


def _fasting_state(effect: HormoneEffect | None = None, person: feedback.Person | None = None, strength=1.0):
    return steady_state(effect, params=person, strength=strength)


def _cortisol_fasting_state(cortisol_ugdl, *, hepatic: bool = True, peripheral: bool = True,
                            person: feedback.Person | None = None):
    return tuple(cortisol_steady_state(cortisol_ugdl, hepatic=hepatic, peripheral=peripheral, params=person))


# Only feedback.fasting_state keeps that name; these are the old names of this module's solvers.
fasting_state = renamed(_fasting_state, "fasting_state",
                        new_name="counterregulatory.steady_state(effect, params=person, strength=...)")
cortisol_fasting_state = renamed(_cortisol_fasting_state, "cortisol_fasting_state",
                                 new_name="cortisol_steady_state(cortisol_ugdl, params=person)",
                                 note="it returns a FastingState, which unpacks as glucose, insulin")


# The effects Lesson 6 examines, by name; names of illustrative sizes say so.
EFFECTS = {
    "cortisol 37 µg/dL for 24 h": replace(cortisol_effect(CORTISOL_HIGH), name="cortisol 37 µg/dL for 24 h"),
    "5-hour nights for a week": HormoneEffect(
        "5-hour nights for a week", SI=0.80, evidence="measured",
        source="Buxton et al. 2010, Diabetes 59:2126-2133 (IVGTT S_I -20 ± 24 %)"),
    "2 nights of fragmented sleep": HormoneEffect(
        "2 nights of fragmented sleep", SI=3.76 / 5.02, SG=2.16 / 2.73, evidence="measured",
        source="Stamatakis & Punjabi 2010, Chest 137:95-101 (IVGTT S_I and S_G)"),
    "chronic stress (illustrative)": replace(
        cortisol_effect(20.0), name="chronic stress (illustrative)", evidence="illustrative",
        source="an illustrative cortisol of 20 µg/dL through the Rizza et al. 1982 mapping"),
    "hyperthyroidism (illustrative)": HormoneEffect(
        "hyperthyroidism (illustrative)", R0=1.25, SI=0.65, evidence="illustrative",
        source="directions: Mitrou, Raptis & Dimitriadis 2010, Endocr Rev 31:663-679"),
    "hypothyroidism (illustrative)": HormoneEffect(
        "hypothyroidism (illustrative)", R0=0.95, SI=0.70, evidence="illustrative",
        source="directions: Dimitriadis et al. 2006, J Clin Endocrinol Metab 91:4930-4937; "
               "Brenta 2011, J Thyroid Res 2011:152850"),
}

"""Fat in the liver and the pancreas: the twin cycles, on the fasting loop of Lesson 1 (Lesson 10).

Taylor's twin-cycle account of type 2 diabetes (Taylor 2013) has two halves:

* **The liver cycle.** Fat in the liver makes the liver resistant to insulin, so overnight it
  keeps releasing glucose that insulin would normally hold back; fasting glucose rises. A fatty
  liver also exports more fat as VLDL triglyceride (nearly twice as much in obese people with
  high liver fat as in those with normal liver fat, matched for visceral fat; Fabbrini et al. 2009).
* **The pancreas cycle.** That exported fat reaches the pancreas, and fat in and around the
  beta cells goes with a weak *first-phase* insulin response, the burst of secretion in the
  first minutes after glucose rises.

Weight loss runs both cycles backwards, on two clocks: in the Counterpoint study (Lim et al.
2011) fasting glucose and the liver's response to insulin were normal after one week, while
first-phase secretion recovered over eight weeks as pancreas fat fell.

This module turns the measured numbers into two levers on the fasting state of Lesson 1's
feedback loop (:func:`glucolab.models.feedback.fasting_state`), the same person with a new lever:

* ``glucose_output_factor(liver_fat)`` multiplies the liver's glucose output ``R0``. Above the
  upper limit of normal liver fat, 5.56 % (the 95th percentile of 345 adults at low risk;
  Szczepaniak et al. 2005), it rises in a straight line whose slope comes from Petersen et al.
  (2005): basal glucose production fell from 193 to 153 mg/min as liver fat fell from 12.2 % to
  below normal (by 81 %). Measured: the two ends. Illustrative: the straight line between them,
  the threshold shape, and any value beyond 12-16 % liver fat.
* ``first_phase_fraction(pancreas_fat)`` is the first-phase insulin response as a fraction of
  non-diabetic controls, on the straight line through Counterpoint's two measured group means
  (pancreas fat 8.0 % with 0.19 nmol/min/m², and 6.2 % with 0.46, against 0.62 in controls).
  The line reaches the controls' value at 5.13 % pancreas fat; independently, Steven et al.
  (2016) measured 5.1 % in people without diabetes. It is a group-level association: in
  DiRECT, pancreas fat fell in people whose first-phase response recovered and in people whose
  did not (Taylor et al. 2018). It is reported, not fed into fasting glucose: Counterpoint's
  fasting glucose was normal after one week, before first-phase secretion had recovered.

:data:`COUNTERPOINT_PERSON` is Lesson 1's person with S_I chosen so that, with Counterpoint's
mean liver fat (12.8 %), fasting glucose is Counterpoint's mean, 9.2 mmol/L. Fasting glucose in
Lesson 1's loop depends on S_I and beta-cell responsiveness only through their product, so the
fit fixes S_I × beta; beta = 0.4 (a weak beta-cell response, as in type 2 diabetes) is
illustrative and sets only the fasting insulin. With the liver back below 5.56 % the model gives
7.7 mmol/L for this person; Counterpoint measured 5.9 ± 0.4 mmol/L after one week. The liver's
extra output thus explains a little under half of the measured fall. The rest, in the studies,
came with insulin holding back the liver's output far better (Counterpoint: 43 % suppression at
baseline, 74 % after one week, 68 % in controls; Petersen et al.: 29 % and 99 %) and with the
glucose clearance that goes with it; the model has insulin's action on the liver folded into a
fixed S_I, so it cannot show that part.

:func:`steady_state` gives that fasting state as a :class:`LiverFastingState` (``fasting`` before 0.2.0),
for a person ``params`` (:data:`PARAMS` is :data:`COUNTERPOINT_PERSON`; :data:`PRESETS` adds Lesson 1's
people), and :func:`fasting_balance` the two sides of the balance (``balance`` before 0.2.0).

Nothing here is a treatment or a diet: the studies are described for what they measured.

References
----------
Taylor R. Type 2 diabetes: etiology and reversibility. Diabetes Care 2013;36:1047-1055.
Lim EL, Hollingsworth KG, Aribisala BS, Chen MJ, Mathers JC, Taylor R. Reversal of type 2
    diabetes: normalisation of beta cell function in association with decreased pancreas and
    liver triacylglycerol. Diabetologia 2011;54:2506-2514.
Petersen KF, Dufour S, Befroy D, Lehrke M, Hendler RE, Shulman GI. Reversal of nonalcoholic
    hepatic steatosis, hepatic insulin resistance, and hyperglycemia by moderate weight
    reduction in patients with type 2 diabetes. Diabetes 2005;54:603-608.
Szczepaniak LS, Nurenberg P, Leonard D, et al. Magnetic resonance spectroscopy to measure
    hepatic triglyceride content: prevalence of hepatic steatosis in the general population.
    Am J Physiol Endocrinol Metab 2005;288:E462-E468.
Steven S, Hollingsworth KG, Small PK, et al. Weight loss decreases excess pancreatic
    triacylglycerol specifically in type 2 diabetes. Diabetes Care 2016;39:158-165.
Taylor R, Al-Mrabeh A, Zhyzhneuskaya S, et al. Remission of human type 2 diabetes requires
    decrease in liver and pancreas fat content but is dependent upon capacity for beta cell
    recovery. Cell Metab 2018;28:547-556.
Fabbrini E, Magkos F, Mohammed BS, et al. Intrahepatic fat, not visceral fat, is linked with
    metabolic complications of obesity. Proc Natl Acad Sci USA 2009;106:15430-15435.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..deprecation import renamed, renamed_attributes
from ..units import MGDL_PER_MMOLL
from ..validation import in_range
from . import feedback
from .timecourse import Range


@dataclass(frozen=True)
class Measured:
    """One group mean as a study reports it.

    Attributes
    ----------
    value : float
        The mean.
    se : float or None
        Its standard error as printed (None where the study gives a median or no spread).
    unit : str
    """

    value: float
    se: float | None
    unit: str


@dataclass(frozen=True)
class Study:
    """The published group means a lesson uses, with who was studied and where it is printed.

    Attributes
    ----------
    name : str
    who : str
        The people studied and what was done, in words.
    source : str
        The primary publication.
    values : dict
        ``{(quantity, when): Measured}``; ``when`` is "baseline", "week 1", "week 8", "after",
        "controls" and so on.
    """

    name: str
    who: str
    source: str
    values: dict

    def __getitem__(self, key) -> Measured:
        try:
            return self.values[key]
        except KeyError:
            raise KeyError(f"{self.name}: no value for {key!r}; it reports {sorted(self.values)}") from None


def _m(value, se, unit):
    return Measured(float(value), None if se is None else float(se), unit)


STUDIES = {
    "Counterpoint": Study(
        "Counterpoint",
        "11 adults with type 2 diabetes (age 49.5 ± 2.5 years, BMI 33.6 ± 1.2 kg/m², 9 men) studied before and "
        "after 1, 4 and 8 weeks of a 2.5 MJ (600 kcal) a day diet, and 8 matched adults without diabetes; fat "
        "measured by three-point Dixon MRI",
        "Lim EL, Hollingsworth KG, Aribisala BS, et al. Diabetologia 2011;54:2506-2514 (abstract)",
        {("fasting glucose", "baseline"): _m(9.2, 0.4, "mmol/L"),
         ("fasting glucose", "week 1"): _m(5.9, 0.4, "mmol/L"),
         ("insulin suppression of liver glucose output", "baseline"): _m(43, 4, "%"),
         ("insulin suppression of liver glucose output", "week 1"): _m(74, 5, "%"),
         ("insulin suppression of liver glucose output", "controls"): _m(68, 5, "%"),
         ("liver fat", "baseline"): _m(12.8, 2.4, "%"),
         ("liver fat", "week 8"): _m(2.9, 0.2, "%"),
         ("pancreas fat", "baseline"): _m(8.0, 1.6, "%"),
         ("pancreas fat", "week 8"): _m(6.2, 1.1, "%"),
         ("first-phase insulin", "baseline"): _m(0.19, 0.02, "nmol/min/m²"),
         ("first-phase insulin", "week 8"): _m(0.46, 0.07, "nmol/min/m²"),
         ("first-phase insulin", "controls"): _m(0.62, 0.15, "nmol/min/m²")}),
    "Petersen 2005": Study(
        "Petersen 2005",
        "8 obese adults with type 2 diabetes before and after losing about 8 kg on a moderately energy-reduced, "
        "very-low-fat diet, and lean controls; liver and muscle fat by proton MR spectroscopy, glucose production "
        "with a tracer during a clamp",
        "Petersen KF, Dufour S, Befroy D, et al. Diabetes 2005;54:603-608 (abstract)",
        {("liver fat", "baseline"): _m(12.2, 3.4, "%"),
         ("liver fat", "controls"): _m(0.6, 0.1, "%"),
         ("liver fat fall", "after"): _m(81, 4, "%"),
         ("fasting glucose", "baseline"): _m(8.8, 0.5, "mmol/L"),
         ("fasting glucose", "after"): _m(6.4, 0.3, "mmol/L"),
         ("basal glucose production", "baseline"): _m(193, 7, "mg/min"),
         ("basal glucose production", "after"): _m(153, 10, "mg/min"),
         ("insulin suppression of liver glucose output", "baseline"): _m(29, 22, "%"),
         ("insulin suppression of liver glucose output", "after"): _m(99, 3, "%"),
         ("muscle fat", "baseline"): _m(2.0, 0.3, "%"),
         ("muscle fat", "after"): _m(1.9, 0.3, "%"),
         ("muscle fat", "controls"): _m(1.2, 0.1, "%")}),
    "DiRECT": Study(
        "DiRECT",
        "the metabolic subgroup of the DiRECT trial: 64 people in the weight-management programme and 26 controls, "
        "type 2 diabetes for up to 6 years; responders returned to non-diabetic glucose control",
        "Taylor R, Al-Mrabeh A, Zhyzhneuskaya S, et al. Cell Metab 2018;28:547-556 (summary)",
        {("liver fat", "baseline"): _m(16.0, 1.3, "%"),
         ("liver fat", "after"): _m(3.1, 0.5, "%"),
         ("first-phase insulin", "baseline"): _m(0.04, None, "nmol/min/m² (median)"),
         ("first-phase insulin", "after"): _m(0.11, None, "nmol/min/m² (median)"),
         ("diabetes duration", "responders"): _m(2.7, 0.3, "years"),
         ("diabetes duration", "non-responders"): _m(3.8, 0.4, "years")}),
    "Steven 2016": Study(
        "Steven 2016",
        "adults with type 2 diabetes or normal glucose tolerance, matched for age, weight and sex, before and "
        "8 weeks after gastric bypass surgery",
        "Steven S, Hollingsworth KG, Small PK, et al. Diabetes Care 2016;39:158-165 (abstract)",
        {("pancreas fat", "baseline"): _m(6.6, 0.5, "%"),
         ("pancreas fat", "after"): _m(5.4, 0.4, "%"),
         ("pancreas fat", "controls"): _m(5.1, 0.2, "%"),
         ("first-phase insulin", "baseline"): _m(0.08, None, "nmol/min/m² (median)"),
         ("first-phase insulin", "after"): _m(0.22, None, "nmol/min/m² (median)"),
         ("first-phase insulin", "controls"): _m(0.24, None, "nmol/min/m² (median)")}),
}

# -- the liver lever ------------------------------------------------------------------------------
LIVER_FAT_NORMAL = 5.56  # %, upper limit of normal liver fat (Szczepaniak et al. 2005)
_P = STUDIES["Petersen 2005"]
_P_LIVER_BEFORE = _P["liver fat", "baseline"].value
_P_OUTPUT_RATIO = _P["basal glucose production", "baseline"].value / _P["basal glucose production", "after"].value
# Rise of the liver's glucose output per percentage point of liver fat above normal (1/%).
GLUCOSE_OUTPUT_SLOPE = (_P_OUTPUT_RATIO - 1.0) / (_P_LIVER_BEFORE - LIVER_FAT_NORMAL)

RANGES = {"liver_fat": Range(0.5, 30.0, "%"), "pancreas_fat": Range(2.0, 15.0, "%")}


def _excess(liver_fat):
    liver_fat = RANGES["liver_fat"].check(liver_fat, "liver_fat")
    return np.maximum(np.asarray(liver_fat, dtype=float) - LIVER_FAT_NORMAL, 0.0)


def _plain(value):
    return float(value) if np.ndim(value) == 0 else np.asarray(value)


def glucose_output_factor(liver_fat):
    """How many times the healthy reference's glucose the liver releases, at a given liver fat.

    1 up to 5.56 % liver fat, then 1 + 0.0394 per percentage point (Petersen et al. 2005: 193
    against 153 mg/min of basal glucose production at 12.2 % and below-normal liver fat).

    Parameters
    ----------
    liver_fat : float or array_like
        Liver fat, % (0.5 to 30).

    Returns
    -------
    float or numpy.ndarray
        The factor on ``R0``, dimensionless.

    Examples
    --------
    >>> round(glucose_output_factor(12.2) / glucose_output_factor(2.3), 3)   # 193 / 153
    1.261
    """
    return _plain(1.0 + GLUCOSE_OUTPUT_SLOPE * _excess(liver_fat))


# -- the pancreas: first-phase insulin against pancreas fat ---------------------------------------
_C = STUDIES["Counterpoint"]
_FIRST_CONTROLS = _C["first-phase insulin", "controls"].value
_POINTS = [(_C["pancreas fat", when].value, _C["first-phase insulin", when].value / _FIRST_CONTROLS)
           for when in ("baseline", "week 8")]
# Fall of the first-phase response (fraction of controls) per percentage point of pancreas fat.
FIRST_PHASE_SLOPE = (_POINTS[1][1] - _POINTS[0][1]) / (_POINTS[0][0] - _POINTS[1][0])
# The pancreas fat at which the line reaches the controls' response, %.
PANCREAS_FAT_NORMAL = _POINTS[1][0] - (1.0 - _POINTS[1][1]) / FIRST_PHASE_SLOPE


def first_phase_fraction(pancreas_fat):
    """First-phase insulin response as a fraction of non-diabetic controls, from pancreas fat.

    The straight line through Counterpoint's two group means (Lim et al. 2011), 1 at or below
    5.13 % and 0 where the line reaches zero (9.3 %). A group-level association, not a rule for
    one person.

    Parameters
    ----------
    pancreas_fat : float or array_like
        Pancreas fat, % (2 to 15).

    Returns
    -------
    float or numpy.ndarray
        Between 0 and 1.

    Examples
    --------
    >>> round(first_phase_fraction(8.0) * 0.62, 2), round(first_phase_fraction(6.2) * 0.62, 2)
    (0.19, 0.46)
    """
    pancreas_fat = RANGES["pancreas_fat"].check(pancreas_fat, "pancreas_fat")
    fraction = 1.0 - FIRST_PHASE_SLOPE * (np.asarray(pancreas_fat, dtype=float) - PANCREAS_FAT_NORMAL)
    return _plain(np.clip(fraction, 0.0, 1.0))


# -- the person, and the fasting state ------------------------------------------------------------
COUNTERPOINT_BETA = 0.4  # beta-cell responsiveness of the fitted person: illustrative (sets fasting insulin only)


def fit_person(fasting_glucose_mmoll: float, liver_fat: float, *, beta: float = 1.0) -> feedback.Person:
    """Lesson 1's person whose fasting glucose, with this liver fat, is the given value.

    S_I is solved for; S_G is the healthy reference's and ``beta`` is kept. Because fasting
    glucose depends on S_I and beta only through S_I × beta, ``beta`` changes the fitted S_I
    and the fasting insulin, not the fasting glucose at any liver fat.

    Parameters
    ----------
    fasting_glucose_mmoll : float
        Fasting glucose to match, mmol/L (4.5 to 20).
    liver_fat : float
        Liver fat, %.
    beta : float, default 1
        Beta-cell responsiveness (× healthy).

    Returns
    -------
    feedback.Person

    Examples
    --------
    >>> p = fit_person(9.2, 12.8)
    >>> round(steady_state(12.8, params=p).glucose_mmoll, 2)
    9.2
    """
    target = in_range(fasting_glucose_mmoll, "fasting_glucose_mmoll", 4.5, 20.0, "mmol/L") * MGDL_PER_MMOLL
    r0 = feedback.R0 * glucose_output_factor(liver_fat)
    per_unit = feedback.secretion(target, beta) / feedback.K_INSULIN * target
    si = (r0 - feedback.REF_SG * target) / per_unit
    return feedback.Person(SI=float(si), beta=beta)


BASELINE_LIVER_FAT = _C["liver fat", "baseline"].value  # %, Counterpoint's mean before the diet (12.8)
#: Lesson 1's person fitted to Counterpoint's baseline: 12.8 % liver fat and 9.2 mmol/L.
COUNTERPOINT_PERSON = fit_person(_C["fasting glucose", "baseline"].value, BASELINE_LIVER_FAT, beta=COUNTERPOINT_BETA)

# The module's parameters are the person's (Lesson 1's Person); the liver fat is the input.
PARAMS = COUNTERPOINT_PERSON
PRESETS = {"fitted to Counterpoint's baseline": COUNTERPOINT_PERSON, **feedback.PRESETS}


@dataclass(frozen=True)
class LiverFastingState(feedback.FastingState):
    """The fasting state of one person at one liver fat (and, optionally, pancreas fat): the
    loop's :class:`~glucolab.models.feedback.FastingState` (glucose, insulin, HOMA-IR) with the
    liver's part in it. (Called ``FastingState`` before 0.2.0.)

    Attributes
    ----------
    glucose : float
        Fasting glucose, mg/dL.
    insulin : float
        Fasting insulin, µU/mL.
    liver_fat : float
        %.
    output_factor : float
        The liver's glucose output relative to the healthy reference.
    first_phase : float or None
        First-phase response as a fraction of controls, if a pancreas fat was given.
    person : feedback.Person
    """

    liver_fat: float
    output_factor: float
    first_phase: float | None
    person: feedback.Person

    @property
    def glucose_mmoll(self) -> float:
        """Fasting glucose, mmol/L."""
        return self.glucose / MGDL_PER_MMOLL


def _person(params) -> feedback.Person:
    if not isinstance(params, feedback.Person):
        raise ValueError(f"params={params!r}: expected a glucolab.models.feedback.Person")
    return params


def steady_state(liver_fat: float = BASELINE_LIVER_FAT, *, params: feedback.Person | None = None, pancreas_fat=None,
                 **overrides) -> LiverFastingState:
    """Fasting glucose and insulin of a person with this liver fat.

    Lesson 1's :func:`~glucolab.models.feedback.fasting_state` with the liver's output R0
    multiplied by :func:`glucose_output_factor`.

    Parameters
    ----------
    liver_fat : float, default 12.8
        Liver fat, % (0.5 to 30); default Counterpoint's baseline mean.
    params : feedback.Person, optional
        The person; default :data:`PARAMS`, :data:`COUNTERPOINT_PERSON`.
    pancreas_fat : float, optional
        Pancreas fat, %; if given, the first-phase fraction is reported too (it does not change
        fasting glucose here; see the module notes).
    **overrides
        Single fields of :class:`glucolab.models.feedback.Person` to change (``SI``, ``beta`` ...).

    Returns
    -------
    LiverFastingState

    Examples
    --------
    >>> before, after = steady_state(12.8), steady_state(2.9)
    >>> round(before.glucose_mmoll, 1), round(after.glucose_mmoll, 1)
    (9.2, 7.7)
    """
    person = _person(params if params is not None else PARAMS).replace(**overrides)
    r = glucose_output_factor(liver_fat)
    glucose, insulin = feedback.fasting_state(person.SI, person.SG, person.beta, R0=feedback.R0 * r)
    first = None if pancreas_fat is None else first_phase_fraction(pancreas_fat)
    return LiverFastingState(glucose, insulin, liver_fat=float(liver_fat), output_factor=r, first_phase=first,
                             person=person)


def _fasting(liver_fat: float, person: feedback.Person = COUNTERPOINT_PERSON, pancreas_fat=None):
    if not isinstance(person, feedback.Person):
        raise ValueError(f"person={person!r}: expected a glucolab.models.feedback.Person")
    return steady_state(liver_fat, params=person, pancreas_fat=pancreas_fat)


fasting = renamed(_fasting, "fasting", new_name="steady_state(liver_fat, params=person)")


@dataclass(frozen=True)
class Balance:
    """The two sides of the fasting balance along a range of glucose, mg/dL per minute.

    Attributes
    ----------
    glucose : numpy.ndarray
        Glucose values, mg/dL.
    output : numpy.ndarray
        The liver's glucose output (the same at every glucose in this model).
    uptake : numpy.ndarray
        (S_G + S_I × insulin) × glucose, with insulin at its steady state for that glucose.
    """

    glucose: np.ndarray
    output: np.ndarray
    uptake: np.ndarray


def fasting_balance(glucose, liver_fat: float, *, params: feedback.Person | None = None) -> Balance:
    """The two sides of the fasting balance at each glucose: what the liver puts in and what
    the tissues take out, both in mg/dL per minute. Fasting glucose is where they are equal.

    Parameters
    ----------
    glucose : array_like
        Glucose values, mg/dL.
    liver_fat : float
        Liver fat, %.
    params : feedback.Person, optional
        The person; default :data:`PARAMS`, :data:`COUNTERPOINT_PERSON`.

    Returns
    -------
    Balance

    Examples
    --------
    >>> b = fasting_balance([92.0], 2.0, params=feedback.PRESETS["healthy"])   # the healthy reference
    >>> round(float(b.output[0]), 3), round(float(b.uptake[0]), 3)
    (1.739, 1.739)
    """
    person = _person(params if params is not None else PARAMS)
    g = np.asarray(glucose, dtype=float)
    output = np.full(g.shape, feedback.R0 * glucose_output_factor(liver_fat))
    insulin = feedback.secretion(g, person.beta) / feedback.K_INSULIN
    return Balance(g, output, (person.SG + person.SI * insulin) * g)


def _balance(glucose, liver_fat: float, person: feedback.Person = COUNTERPOINT_PERSON) -> tuple:
    b = fasting_balance(glucose, liver_fat, params=person)
    return b.output, b.uptake


balance = renamed(_balance, "balance", new_name="fasting_balance(glucose, liver_fat, params=person)",
                  note="it returns a Balance; the old tuple is (b.output, b.uptake)")


def R0_factor_for(liver_before: float, liver_after: float) -> float:
    """The factor on the liver's glucose output when liver fat goes from one value to another,
    for Lesson 8's :class:`~glucolab.models.ha2016.Intervention` (its ``R0_factor``).

    Examples
    --------
    >>> round(R0_factor_for(12.8, 2.9), 3)      # Counterpoint's mean liver fat, before and at week 8
    0.778
    """
    return float(glucose_output_factor(liver_after) / glucose_output_factor(liver_before))


__getattr__ = renamed_attributes(__name__, {"FastingState": ("LiverFastingState", LiverFastingState)})

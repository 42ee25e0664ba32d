"""Insulin sensitivity and beta-cell compensation across a woman's life: pregnancy and menopause.

This module writes no new physiology of glucose and insulin. It moves two inputs of the closed
loop of Lesson 1 (:mod:`.feedback`) over weeks or years, and applies the compensation picture of
Lesson 3: beta cells raise their output to keep the product of insulin sensitivity and secretion,
the disposition index, on the hyperbola of Kahn et al. (1993), as far as they are able to.

Pregnancy, week by week (``week`` counts gestational weeks from the first day of the last
menstrual period, as clinicians count them; week 0 stands for "before pregnancy", weeks 40-46
for the six weeks after delivery):

* **Insulin sensitivity** follows measured clamp values (:func:`pregnancy_si`): 1.2 times its
  value before pregnancy at 12-14 weeks (Powe et al. 2019, 34 women) and 1 - 0.56 = 0.44 times at
  34-36 weeks (Catalano et al. 1991, 6 lean women with normal glucose tolerance), joined by straight
  lines; after delivery it returns to its value before pregnancy within a week, as insulin needs do
  (ADA 2024). The late fall is a parameter: other studies measured 35 % (Kirwan et al. 2002), 40 %
  (Powe et al. 2019) and two thirds (Buchanan et al. 1990, minimal model).
* **Beta-cell output** (Lesson 1's ``beta``, × the healthy reference) follows the need: the output
  that keeps the disposition index at that of the reference person, up to a ceiling, the woman's
  beta-cell reserve (:func:`compensate`). It never falls below its value before pregnancy: in early
  pregnancy secretion rises although sensitivity does too (Powe et al. 2019). The ceiling is
  **illustrative**: what was measured is that secretion rose 3.0-3.5-fold in women who compensated
  (Catalano et al. 1991), and that women with gestational diabetes had a smaller first-phase
  response at a similar sensitivity (Buchanan et al. 1990).
* **Glucose removal that needs no insulin** rises by :data:`PREGNANCY_SG_RISE` (added to Lesson 1's
  S_G) in the second half of pregnancy (:func:`pregnancy_sg`), as the placenta and fetus, which take
  glucose from the mother without insulin, grow; it is gone within a week of delivery. Fasting glucose
  falls in pregnancy: in 7,946 women the median went from 81 mg/dL before conception to 78 in the
  first trimester and 76 in the third (Riskin-Mashiah et al. 2011), the early part mostly between
  weeks 6 and 10 (Mills et al. 1998). In the model the early rise of sensitivity alone gives the
  first-trimester fall (78/81 of the value before pregnancy, for a woman whose beta cells keep their
  output); the rise of S_G, which starts at week 13 and is complete at week 35, is sized so that the
  same woman has lost 76/81 of her fasting glucose by the third trimester. It is the one fitted number
  of the module. (HAPO's 23,316 women had a mean fasting glucose of 80.9 mg/dL at 24-32 weeks, 1-hour
  134.1 and 2-hour 111.0 mg/dL: HAPO 2008.)

Menopause, year by year around the final menstrual period (:func:`menopause_si`): insulin
sensitivity falls by a chosen fraction, in a straight line over the four years around the final
period, and stays lower. The size is **illustrative**: a clamp study found the same insulin
sensitivity in early postmenopausal as in premenopausal women, with more intra-abdominal fat
(Toth et al. 2000), while visceral fat rises through the transition (Lovejoy et al. 2008; fat gain
speeds up then: Greendale et al. 2019).

The module also holds the diagnostic thresholds of gestational diabetes (:func:`iadpsg`) and the
measured numbers the lesson reads (:func:`measured_pregnancy`, :func:`menstrual_cycle_studies`,
:func:`hormone_therapy_trials`, :func:`whi_results`), each from a CSV file in ``data/`` that names
its source.

Like every model module it has :data:`PARAMS` (a :class:`Woman`), :data:`PRESETS`, :data:`RANGES` and
:func:`simulate`, which is the pregnancy (:class:`PregnancyCourse`, weeks); :func:`menopause` gives the
years around menopause (:class:`MenopauseCourse`). Both courses are read with ``.at(t)``,
``.first_time(series, threshold)`` and ``.table()``.

References
----------
American Diabetes Association Professional Practice Committee. 15. Management of diabetes in
    pregnancy: Standards of Care in Diabetes-2024. Diabetes Care 2024;47(Suppl 1):S282-S294.
Buchanan TA, Metzger BE, Freinkel N, Bergman RN. Insulin sensitivity and B-cell responsiveness to
    glucose during late pregnancy in lean and moderately obese women with normal glucose tolerance
    or mild gestational diabetes. Am J Obstet Gynecol 1990;162:1008-1014.
Catalano PM, Tyzbir ED, Roman NM, Amini SB, Sims EA. Longitudinal changes in insulin release and
    insulin resistance in nonobese pregnant women. Am J Obstet Gynecol 1991;165:1667-1672.
Greendale GA, Sternfeld B, Huang M, et al. Changes in body composition and weight during the
    menopause transition. JCI Insight 2019;4:e124865.
HAPO Study Cooperative Research Group. Hyperglycemia and adverse pregnancy outcomes. N Engl J Med
    2008;358:1991-2002.
International Association of Diabetes and Pregnancy Study Groups Consensus Panel (Metzger BE,
    Gabbe SG, Persson B, et al.). Recommendations on the diagnosis and classification of
    hyperglycemia in pregnancy. Diabetes Care 2010;33:676-682.
Kahn SE, Prigeon RL, McCulloch DK, et al. Quantification of the relationship between insulin
    sensitivity and beta-cell function in human subjects. Diabetes 1993;42:1663-1672.
Kirwan JP, Hauguel-De Mouzon S, Lepercq J, et al. TNF-alpha is a predictor of insulin resistance in
    human pregnancy. Diabetes 2002;51:2207-2213.
Lovejoy JC, Champagne CM, de Jonge L, Xie H, Smith SR. Increased visceral fat and decreased energy
    expenditure during the menopausal transition. Int J Obes 2008;32:949-958.
Mills JL, Jovanovic L, Knopp R, et al. Physiological reduction in fasting plasma glucose
    concentration in the first trimester of normal pregnancy: the Diabetes in Early Pregnancy
    Study. Metabolism 1998;47:1140-1144.
Powe CE, Huston Presley LP, Locascio JJ, Catalano PM. Augmented insulin secretory response in early
    pregnancy. Diabetologia 2019;62:1445-1452.
Riskin-Mashiah S, Damti A, Younes G, Auslander R. Normal fasting plasma glucose levels during
    pregnancy: a hospital-based study. J Perinat Med 2011;39:209-211.
Toth MJ, Sites CK, Eltabbakh GH, Poehlman ET. Effect of menopausal status on insulin-stimulated
    glucose disposal: comparison of middle-aged premenopausal and early postmenopausal women.
    Diabetes Care 2000;23:801-806.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..data import data_path
from ..deprecation import renamed, warn_renamed
from ..indices import homa_ir
from ..thresholds import IADPSG_THRESHOLDS, IADPSG_THRESHOLDS_MMOL  # noqa: F401
from ..units import MGDL_PER_MMOLL, check_glucose, glucose_unit
from ..validation import as_float_array, in_range
from . import feedback
from . import ogtt as _ogtt
from .roots import bisect
from .timecourse import Parameters, Range, Sample, TimeCourse

# -- pregnancy: the measured course of insulin sensitivity ------------------------------------------
TERM_WEEK = 40.0  # delivery, weeks from the last menstrual period
LAST_WEEK = 46.0  # six weeks after delivery
EARLY_WEEK, LATE_WEEK = 13.0, 35.0  # middles of the measured 12-14 and 34-36 weeks
EARLY_SI = 1.2  # × before pregnancy at 12-14 weeks: clamp index 0.10 -> 0.12 (Powe et al. 2019)
LATE_FALL = 0.56  # fraction lost by 34-36 weeks: clamp, 6 lean women (Catalano et al. 1991)
SCREENING_WEEKS = (24.0, 28.0)  # the usual window of the diagnostic OGTT (ADA 2024)
TRIMESTERS = ((1.0, 13.0), (14.0, 27.0), (28.0, TERM_WEEK))  # first, second, third (ACOG)
# Fasting glucose in 7,946 women (medians): 81 mg/dL before conception, 78 in the first trimester, 76 in
# the third (Riskin-Mashiah et al. 2011); most of the fall comes early (Mills et al. 1998).
PRECONCEPTION_FASTING, THIRD_TRIMESTER_FASTING = 81.0, 76.0  # mg/dL (Riskin-Mashiah et al. 2011)
# Share of the full rise of S_G: none until week 13 (the early rise of sensitivity alone gives the
# first-trimester fall, 78/81), all of it by week 35, as the placenta and fetus grow; gone after delivery.
SG_SHAPE = ((0.0, 0.0), (EARLY_WEEK, 0.0), (LATE_WEEK, 1.0), (TERM_WEEK, 1.0), (TERM_WEEK + 1.0, 0.0),
            (LAST_WEEK, 0.0))
HAPO_MEAN = {0.0: 80.9, 60.0: 134.1, 120.0: 111.0}  # mg/dL at 24-32 weeks, 23,316 women (HAPO 2008)
HAPO_SD = {0.0: 6.9, 60.0: 30.9, 120.0: 23.5}  # mg/dL (HAPO 2008)

# -- gestational diabetes: one 75-g OGTT at 24-28 weeks, any one value at or above ------------------
# IADPSG_THRESHOLDS (mg/dL) and IADPSG_THRESHOLDS_MMOL are in glucolab.thresholds (IADPSG 2010; ADA 2024).
IADPSG_NAMES = {0.0: "fasting", 60.0: "1-hour", 120.0: "2-hour"}

# -- menopause -------------------------------------------------------------------------------------
FIRST_YEAR, LAST_YEAR = -8.0, 12.0  # years from the final menstrual period
TRANSITION = (-2.0, 2.0)  # the four years around the final period, where fat gain speeds up
MENOPAUSE_FALL = 0.15  # illustrative: see the module notes

# Ranges the functions accept (and the panels' sliders span), with units.
RANGES = {
    "week": Range(0.0, LAST_WEEK, "weeks"),
    "year": Range(FIRST_YEAR, LAST_YEAR, "years from the final menstrual period"),
    "late_fall": Range(0.3, 0.7, "fraction of insulin sensitivity lost by 34-36 weeks"),
    "menopause_fall": Range(0.0, 0.4, "fraction of insulin sensitivity lost across the transition"),
    "SI_before": Range(0.3, 1.5, "× the healthy reference's insulin sensitivity"),
    "reserve": Range(0.5, 5.0, "× the healthy reference's beta-cell output"),
    "duration": Range(1.0, LAST_WEEK, "weeks"),
}


@dataclass(frozen=True)
class Woman(Parameters):
    """One woman in pregnancy; change her with ``replace`` (``PARAMS.replace(reserve=1.5)``).

    Attributes
    ----------
    SI_before : float
        Insulin sensitivity before pregnancy, × the healthy reference of Lesson 1 (0.3 to 1.5).
    reserve : float
        The most her beta cells can secrete, × the reference's output (0.5 to 5; illustrative).
    late_fall : float
        Fraction of insulin sensitivity lost by 34-36 weeks (0.3 to 0.7; 0.56 measured by
        Catalano et al. 1991).
    """

    SI_before: float = 1.0
    reserve: float = 3.0
    late_fall: float = LATE_FALL

    def __post_init__(self):
        self.check_ranges(RANGES)


PARAMS = Woman()  # the healthy reference, with room to spare in her beta cells
# The two women Lesson 11 follows through pregnancy.
PRESETS = {
    "healthy": PARAMS,
    "lower sensitivity, limited reserve": Woman(SI_before=0.6, reserve=1.5),
}


def _check(name: str, value, key: str | None = None):
    return RANGES[key or name].check(value, name)


def pregnancy_si(week, late_fall: float = LATE_FALL):
    """Insulin sensitivity during pregnancy, relative to the same woman before pregnancy.

    Straight lines join 1 (before pregnancy, week 0), :data:`EARLY_SI` at week 13 and
    ``1 - late_fall`` at week 35, which holds until delivery at week 40; within the week after
    delivery sensitivity is back at 1.

    Parameters
    ----------
    week : float or array_like
        Gestational week, 0 to 46 (40 is delivery).
    late_fall : float, default 0.56
        Fraction of insulin sensitivity lost by 34-36 weeks (0.3 to 0.7; measured: 0.56 in
        Catalano et al. 1991, 0.40 in Powe et al. 2019, 0.67 in Buchanan et al. 1990).

    Returns
    -------
    float or numpy.ndarray
        Insulin sensitivity × its value before pregnancy.

    Examples
    --------
    >>> [round(float(pregnancy_si(w)), 3) for w in (0, 13, 24, 35, 40, 46)]
    [1.0, 1.2, 0.82, 0.44, 0.44, 1.0]
    """
    week = _check("week", week)
    late = 1.0 - _check("late_fall", late_fall)
    return np.interp(week, [0.0, EARLY_WEEK, LATE_WEEK, TERM_WEEK, TERM_WEEK + 1.0, LAST_WEEK],
                     [1.0, EARLY_SI, late, late, 1.0, 1.0])


def _sg_fraction(week):
    """Share of the pregnancy rise of S_G: 0 until week 13, rising to 1 at week 35 and kept until
    delivery, 0 again within a week after it."""
    weeks, shares = zip(*SG_SHAPE)
    return np.interp(week, weeks, shares)


@lru_cache(maxsize=1)
def _sg_rise() -> float:
    """The rise of S_G (1/min) with which a woman whose beta cells keep up loses, by the third
    trimester, the same share of her fasting glucose as the women of Riskin-Mashiah et al. (2011):
    76/81 of her value before pregnancy.

    On the reference hyperbola fasting glucose does not depend on how sensitivity and secretion share
    the product (Lesson 3), so one bisection at the reference person suffices."""
    target = feedback.fasting_state(feedback.REF_SI).glucose * THIRD_TRIMESTER_FASTING / PRECONCEPTION_FASTING
    rise = bisect(lambda d: target - feedback.fasting_state(feedback.REF_SI, feedback.REF_SG + d, 1.0).glucose,
                  np.array(0.0), np.array(0.05), 60)
    return float(rise)


PREGNANCY_SG_RISE = _sg_rise()  # 1/min, about half of the reference S_G (see the module notes)


def pregnancy_sg(week):
    """Glucose effectiveness at zero insulin (Lesson 1's S_G, 1/min) in the given gestational week.

    Examples
    --------
    >>> from glucolab.models import feedback
    >>> float(pregnancy_sg(0.0)) == feedback.REF_SG
    True
    >>> float(pregnancy_sg(13.0)) == feedback.REF_SG    # it starts after the first trimester
    True
    >>> bool(pregnancy_sg(35.0) > pregnancy_sg(20.0) > feedback.REF_SG)
    True
    """
    week = _check("week", week)
    return feedback.REF_SG + PREGNANCY_SG_RISE * _sg_fraction(week)


def menopause_si(year, fall: float = MENOPAUSE_FALL):
    """Insulin sensitivity around menopause, relative to the same woman eight years before her final period.

    Constant until two years before the final menstrual period, then falling in a straight line
    by ``fall`` until two years after it, and constant again. The size is illustrative (see the
    module notes).

    Parameters
    ----------
    year : float or array_like
        Years from the final menstrual period, -8 to 12.
    fall : float, default 0.15
        Fraction of insulin sensitivity lost across the transition (0 to 0.4).

    Examples
    --------
    >>> [round(float(menopause_si(y)), 3) for y in (-8, -2, 0, 2, 12)]
    [1.0, 1.0, 0.925, 0.85, 0.85]
    """
    year = _check("year", year)
    fall = _check("fall", fall, "menopause_fall")
    return np.interp(year, [FIRST_YEAR, TRANSITION[0], TRANSITION[1], LAST_YEAR], [1.0, 1.0, 1.0 - fall, 1.0 - fall])


def compensate(SI, reserve: float, SI_start: float | None = None):
    """Beta-cell output (× the healthy reference) of a woman whose insulin sensitivity is ``SI``.

    The output is what keeps the disposition index S_I × output at the reference's (both relative
    to the reference, so the reference hyperbola is output = 1 / S_I), but never more than the
    ``reserve`` and never less than the output at the start, ``min(1 / SI_start, reserve)``.

    Parameters
    ----------
    SI : float or array_like
        Insulin sensitivity, × the healthy reference of Lesson 1.
    reserve : float
        The most the beta cells can secrete, × the reference's output (0.5 to 5; illustrative).
    SI_start : float, optional
        Sensitivity at the start (before pregnancy, or years before menopause), × the reference;
        default: the first value of ``SI``.

    Returns
    -------
    float or numpy.ndarray
        Beta-cell output, × the reference (Lesson 1's ``beta``).

    Examples
    --------
    >>> float(compensate(0.5, reserve=3.0))      # half the sensitivity, twice the output
    2.0
    >>> float(compensate(0.25, reserve=3.0, SI_start=1.0))  # the need (4x) is above the reserve
    3.0
    """
    SI = as_float_array(SI, "SI", "× the reference")
    if np.any(SI <= 0):
        raise ValueError(f"SI={SI!r}: expected positive insulin sensitivities (× the reference)")
    reserve = _check("reserve", reserve)
    start = float(SI.flat[0]) if SI_start is None else float(_check("SI_start", SI_start, "SI_before"))
    floor = min(1.0 / start, reserve)
    out = np.maximum(floor, np.minimum(1.0 / SI, reserve))
    return float(out) if out.ndim == 0 else out


def reserve_week(SI_before: float, reserve: float, late_fall: float = LATE_FALL) -> float:
    """The first gestational week in which the need for beta-cell output reaches the reserve.

    0 if the need is already above the reserve before pregnancy; ``nan`` if it never gets there.

    Examples
    --------
    >>> round(reserve_week(1.0, 2.0), 1)   # the need reaches 2x when sensitivity is down to 0.5
    33.3
    >>> import math; math.isnan(reserve_week(1.0, 3.0))
    True
    """
    SI_before = float(_check("SI_before", SI_before))
    reserve = float(_check("reserve", reserve))
    late_fall = float(_check("late_fall", late_fall))
    if 1.0 / SI_before >= reserve:
        return 0.0
    weeks = np.linspace(0.0, TERM_WEEK, 40001)
    reached = np.flatnonzero(SI_before * pregnancy_si(weeks, late_fall) <= 1.0 / reserve)
    return float(weeks[reached[0]]) if reached.size else math.nan


class _CourseSample(Sample):
    """A :class:`~glucolab.models.timecourse.Sample` that also answers the old key "ogtt" (deprecated)."""

    def __init__(self, sample: Sample, ogtt: tuple):
        super().__init__(sample.time, sample.time_unit, dict(sample), sample.units)
        self._ogtt = ogtt

    def __getitem__(self, name):
        if name == "ogtt":
            warn_renamed('course.at(t)["ogtt"]', "(s.ogtt_fasting, s.ogtt_1h, s.ogtt_2h)")
            return self._ogtt
        return super().__getitem__(name)


@dataclass(frozen=True)
class Course(TimeCourse):
    """A woman's course over weeks of pregnancy (:class:`PregnancyCourse`) or years around
    menopause (:class:`MenopauseCourse`).

    ``course.at(t)`` gives every series at time ``t`` (``s["disposition"]`` or ``s.disposition``).

    Attributes
    ----------
    time : numpy.ndarray
        Gestational weeks (pregnancy) or years from the final menstrual period (menopause).
    SI : numpy.ndarray
        Insulin sensitivity, × the healthy reference of Lesson 1.
    beta : numpy.ndarray
        Beta-cell output, × the reference.
    need : numpy.ndarray
        The output that would keep the reference's disposition index (1 / SI), × the reference.
    SG : numpy.ndarray
        Glucose effectiveness at zero insulin, 1/min.
    fasting_glucose, fasting_insulin : numpy.ndarray
        Fasting values, mg/dL and µU/mL.
    ogtt : numpy.ndarray
        Glucose of a 75-g OGTT at 0, 60 and 120 min (columns), mg/dL, for each time; one series
        each as ``ogtt_fasting``, ``ogtt_1h`` and ``ogtt_2h``.
    reserve : float
        The beta-cell reserve used, × the reference.
    """

    time: np.ndarray
    SI: np.ndarray
    beta: np.ndarray
    need: np.ndarray
    SG: np.ndarray
    fasting_glucose: np.ndarray
    fasting_insulin: np.ndarray
    ogtt: np.ndarray
    reserve: float

    SERIES = {"SI": "× reference", "beta": "× reference", "need": "× reference", "SG": "1/min",
              "fasting_glucose": "mg/dL", "fasting_insulin": "µU/mL", "disposition": "× reference",
              "homa_ir": "", "ogtt_fasting": "mg/dL", "ogtt_1h": "mg/dL", "ogtt_2h": "mg/dL"}

    @property
    def disposition(self) -> np.ndarray:
        """Disposition index S_I × output, × the reference's (1 = on the reference hyperbola)."""
        return self.SI * self.beta

    @property
    def homa_ir(self) -> np.ndarray:
        """HOMA-IR of the fasting state (Matthews et al. 1985)."""
        return homa_ir(self.fasting_glucose, self.fasting_insulin, glucose_unit="mg/dL", insulin_unit="uU/mL")

    @property
    def ogtt_fasting(self) -> np.ndarray:
        """OGTT glucose before the drink, mg/dL."""
        return self.ogtt[:, 0]

    @property
    def ogtt_1h(self) -> np.ndarray:
        """OGTT glucose 1 hour after the drink, mg/dL."""
        return self.ogtt[:, 1]

    @property
    def ogtt_2h(self) -> np.ndarray:
        """OGTT glucose 2 hours after the drink, mg/dL."""
        return self.ogtt[:, 2]

    def at(self, t, *, series=None) -> Sample:
        """Every series (or the named ``series``) at time ``t``, interpolated linearly."""
        sample = super().at(t, series=series)
        ogtt = tuple(float(np.interp(sample.time, self.time, self.ogtt[:, k])) for k in range(3))
        return _CourseSample(sample, ogtt)

    def first_time(self, series, threshold: float, *, above: bool = True) -> float:
        """First time at which ``series`` passes ``threshold`` (see
        :meth:`~glucolab.models.timecourse.TimeCourse.first_time`).

        Deprecated: an OGTT column number (0, 1, 2) as ``series`` gives, as before 0.2.0, the
        first stored time at which that column reaches ``threshold`` mg/dL, or nan.
        """
        if isinstance(series, (int, np.integer)):
            warn_renamed("Course.first_time(column, threshold)",
                         'first_time("ogtt_fasting" | "ogtt_1h" | "ogtt_2h", threshold)', "which interpolates")
            hit = np.flatnonzero(self.ogtt[:, series] >= threshold)
            return float(self.time[hit[0]]) if hit.size else math.nan
        return super().first_time(series, threshold, above=above)


@dataclass(frozen=True)
class PregnancyCourse(Course):
    """A pregnancy, week by week (``time`` in gestational weeks, delivery at 40); see :class:`Course`."""

    TIME_UNIT = "weeks"


@dataclass(frozen=True)
class MenopauseCourse(Course):
    """The years around menopause (``time`` in years from the final menstrual period); see :class:`Course`."""

    TIME_UNIT = "years"


@lru_cache(maxsize=4096)
def _ogtt_draws(SI_abs: float, beta: float, SG: float) -> tuple:
    """Glucose at 0, 60 and 120 min of a 75-g OGTT of Lesson 4 (mg/dL)."""
    r = _ogtt.simulate(120.0, dose_g=75.0, SI=SI_abs, beta=beta, SG=SG, step=1.0)
    return tuple(float(np.interp(t, r.time, r.glucose)) for t in (0.0, 60.0, 120.0))


def _course(kind: type, time, SI, reserve, SG) -> Course:
    SI = np.asarray(SI, dtype=float)
    beta = compensate(SI, reserve, SI_start=float(SI[0]))
    SG = np.broadcast_to(np.asarray(SG, dtype=float), SI.shape).copy()
    SI_abs = SI * feedback.REF_SI
    glucose, insulin = feedback.fasting_state(SI_abs, SG, beta)
    # Round the keys so that repeated states (most of a compensated course) share one OGTT solve.
    ogtt = np.array([_ogtt_draws(round(float(s), 12), round(float(b), 9), round(float(g), 12))
                     for s, b, g in zip(SI_abs, beta, SG)])
    return kind(np.asarray(time, dtype=float), SI, beta, 1.0 / SI, SG, np.asarray(glucose), np.asarray(insulin),
                ogtt, float(reserve))


def simulate(duration: float = LAST_WEEK, *, params: Woman | None = None, step: float = 1.0,
             **overrides) -> PregnancyCourse:
    """One woman's pregnancy, week by week from before it (week 0), the module's main run.

    ``simulate`` is the pregnancy because pregnancy is what the module's physiology is written for
    (measured sensitivity, the rise of S_G, the IADPSG test); the years around menopause run on
    another clock, from eight years before the final period, and keep their own :func:`menopause`.
    :func:`pregnancy` gives the same course with its arguments spelled out.

    Parameters
    ----------
    duration : float, default 46
        Gestational weeks to cover, from week 0 (1 to 46; delivery at 40, then six weeks after).
    params : Woman, optional
        Default :data:`PARAMS`: sensitivity 1 × the reference before pregnancy, reserve 3.
    step : float, default 1
        Spacing of the weeks (0.25 to 2).
    **overrides
        Single fields of :class:`Woman` to change: ``SI_before``, ``reserve``, ``late_fall``.

    Returns
    -------
    PregnancyCourse

    Examples
    --------
    >>> c = simulate(SI_before=0.6, reserve=1.5)
    >>> s = c.at(26)
    >>> round(s.disposition, 2), round(s.ogtt_fasting, 1), round(s.ogtt_1h, 1)
    (0.68, 95.4, 130.0)
    >>> round(c.first_time("disposition", 0.8, above=False), 1)   # week her disposition index falls below 80 %
    22.0
    """
    p = (params if params is not None else PARAMS).replace(**overrides)
    duration = RANGES["duration"].check(duration, "duration")
    step = in_range(step, "step", 0.25, min(2.0, duration), "weeks")
    weeks = np.arange(0.0, duration + step / 2, step)
    return _course(PregnancyCourse, weeks, p.SI_before * pregnancy_si(weeks, p.late_fall), p.reserve,
                   pregnancy_sg(weeks))


@lru_cache(maxsize=256)
def pregnancy(SI_before: float = 1.0, reserve: float = 3.0, late_fall: float = LATE_FALL,
              step: float = 1.0) -> PregnancyCourse:
    """One woman's pregnancy, week by week, and the six weeks after delivery.

    The same as :func:`simulate` over all 46 weeks, with the woman's numbers as arguments (cached).

    Parameters
    ----------
    SI_before : float, default 1
        Insulin sensitivity before pregnancy, × the healthy reference (0.3 to 1.5).
    reserve : float, default 3
        The most her beta cells can secrete, × the reference's output (0.5 to 5; illustrative).
    late_fall : float, default 0.56
        Fraction of insulin sensitivity lost by 34-36 weeks (0.3 to 0.7).
    step : float, default 1
        Spacing of the weeks (0.25 to 2).

    Returns
    -------
    PregnancyCourse
        ``time`` in gestational weeks, 0 to 46.

    Examples
    --------
    >>> c = pregnancy()                  # her beta cells keep up: on the hyperbola all along
    >>> round(float(c.disposition.min()), 2)
    1.0
    >>> c = pregnancy(SI_before=0.5, reserve=2.0)   # at her ceiling before pregnancy
    >>> round(float(c.at(35)["disposition"]), 2)
    0.44
    """
    return simulate(LAST_WEEK, params=Woman(SI_before, reserve, late_fall), step=step)


@lru_cache(maxsize=256)
def menopause(SI_before: float = 1.0, reserve: float = 3.0, fall: float = MENOPAUSE_FALL,
              step: float = 0.5) -> MenopauseCourse:
    """One woman from eight years before to twelve years after her final menstrual period.

    Parameters
    ----------
    SI_before : float, default 1
        Insulin sensitivity eight years before the final period, × the healthy reference (0.3 to 1.5).
    reserve : float, default 3
        The most her beta cells can secrete, × the reference's output (0.5 to 5; illustrative).
    fall : float, default 0.15
        Fraction of insulin sensitivity lost across the transition (0 to 0.4; illustrative).
    step : float, default 0.5
        Spacing of the years (0.1 to 2).

    Returns
    -------
    MenopauseCourse
        ``time`` in years from the final menstrual period, -8 to 12.

    Examples
    --------
    >>> c = menopause(fall=0.2)
    >>> round(float(c.at(5)["SI"]), 2), round(float(c.at(5)["beta"]), 2)
    (0.8, 1.25)
    """
    SI_before = float(_check("SI_before", SI_before))
    in_range(step, "step", 0.1, 2.0, "years")
    years = np.arange(FIRST_YEAR, LAST_YEAR + step / 2, step)
    return _course(MenopauseCourse, years, SI_before * menopause_si(years, fall), reserve, feedback.REF_SG)


# -- the diagnosis of gestational diabetes ----------------------------------------------------------
@dataclass(frozen=True)
class GestationalResult:
    """The verdict of the IADPSG criteria on one 75-g OGTT in pregnancy.

    Attributes
    ----------
    values : dict of float to float
        Glucose at 0, 60 and 120 min, converted to mg/dL.
    reached : tuple of str
        The draws at or above their threshold ("fasting", "1-hour", "2-hour").
    """

    values: dict
    reached: tuple

    @property
    def gdm(self) -> bool:
        """True if any one value reached its threshold: gestational diabetes by these criteria."""
        return bool(self.reached)

    def __str__(self) -> str:
        if not self.reached:
            return "below all three IADPSG thresholds"
        return "gestational diabetes by the IADPSG criteria (" + ", ".join(self.reached) + " value at or above)"


def iadpsg(fasting, one_hour, two_hour, glucose_unit_: str = "mg/dL") -> GestationalResult:
    """Apply the IADPSG criteria (2010; adopted by the ADA) to a 75-g OGTT in pregnancy.

    Gestational diabetes if any one value is at or above its threshold: fasting 92 mg/dL
    (5.1 mmol/L), 1 hour 180 mg/dL (10.0 mmol/L), 2 hours 153 mg/dL (8.5 mmol/L). The test is done
    at 24-28 weeks in women not known to have diabetes. A teaching aid, not a diagnosis.

    Parameters
    ----------
    fasting, one_hour, two_hour : float
        Plasma glucose before, 1 hour and 2 hours after the 75-g drink.
    glucose_unit_ : {"mg/dL", "mmol/L"}, default "mg/dL"

    Examples
    --------
    >>> str(iadpsg(88, 150, 120))
    'below all three IADPSG thresholds'
    >>> iadpsg(5.2, 8.0, 7.0, "mmol/L").reached
    ('fasting',)
    """
    unit = glucose_unit(glucose_unit_, "glucose_unit_")
    # The panel set each threshold in both units (92 mg/dL and 5.1 mmol/L, ...): compare in the unit given.
    thresholds = IADPSG_THRESHOLDS if unit == "mg/dL" else IADPSG_THRESHOLDS_MMOL
    values, reached = {}, []
    for t, (name, v) in zip((0.0, 60.0, 120.0), (("fasting", fasting), ("one_hour", one_hour),
                                                   ("two_hour", two_hour))):
        v = float(check_glucose(v, unit, name))
        if v >= thresholds[t]:
            reached.append(IADPSG_NAMES[t])
        values[t] = v * MGDL_PER_MMOLL if unit == "mmol/L" else v
    reached = tuple(reached)
    return GestationalResult(values, reached)


# -- measured numbers, from data/ ------------------------------------------------------------------
def _records(name: str) -> list:
    """The rows of a data CSV with text columns, as dicts; numbers stay strings."""
    text = data_path(name).read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


def _number(value: str) -> float:
    return float(value) if value.strip() else math.nan


@dataclass(frozen=True)
class Measurement:
    """A measured change across pregnancy (a row of ``pregnancy_insulin_sensitivity.csv``)."""

    study: str
    women: str
    method: str
    weeks: str
    week_mid: float
    si_relative: float
    response_relative: float
    note: str

    @property
    def disposition_relative(self) -> float:
        """Sensitivity × response, relative to before pregnancy."""
        return self.si_relative * self.response_relative


def measured_pregnancy() -> list:
    """The measured changes of insulin sensitivity and response in pregnancy (see the data file).

    Examples
    --------
    >>> rows = measured_pregnancy()
    >>> [(r.study, r.weeks, r.si_relative) for r in rows][0]
    ('Catalano et al. 1991', '34-36', 0.44)
    """
    return [Measurement(r["study"], r["women"], r["method"], r["weeks"], _number(r["week_mid"]),
                        _number(r["si_relative"]), _number(r["response_relative"]), r["note"])
            for r in _records("pregnancy_insulin_sensitivity.csv")]


@dataclass(frozen=True)
class CycleStudy:
    """A study of insulin action in the follicular and luteal phases (``menstrual_cycle_insulin.csv``)."""

    study: str
    women: int
    measure: str
    follicular: float
    luteal: float
    unit: str
    higher_means: str
    note: str

    @property
    def sensitivity_change(self) -> float:
        """Change of insulin sensitivity from follicular to luteal phase, per cent (nan if not reported).

        For a measure of resistance (HOMA-IR) sensitivity is taken as its reciprocal."""
        if math.isnan(self.follicular):
            return math.nan
        ratio = self.luteal / self.follicular
        return 100.0 * ((ratio if self.higher_means == "sensitive" else 1.0 / ratio) - 1.0)


def menstrual_cycle_studies() -> list:
    """Four studies of insulin action across the menstrual cycle (see the data file).

    Examples
    --------
    >>> [(s.women, round(s.sensitivity_change, 1)) for s in menstrual_cycle_studies()]
    [(8, -48.4), (12, -55.9), (13, nan), (257, -15.1)]
    """
    return [CycleStudy(r["study"], int(r["women"]), r["measure"], _number(r["follicular"]), _number(r["luteal"]),
                       r["unit"], r["higher_means"], r["note"]) for r in _records("menstrual_cycle_insulin.csv")]


@dataclass(frozen=True)
class Trial:
    """A placebo-controlled trial of hormone therapy that counted new diabetes (``hormone_therapy_trials.csv``).

    Attributes
    ----------
    trial, regimen, population, outcome : str
    women : int
        Women followed for diabetes.
    years : float
        Mean follow-up, years.
    treated_pct, placebo_pct : float
        Per cent who developed diabetes over the follow-up.
    hazard_ratio, ci_low, ci_high : float
        Hazard ratio and its 95 % confidence interval.
    """

    trial: str
    regimen: str
    women: int
    population: str
    years: float
    treated_pct: float
    placebo_pct: float
    hazard_ratio: float
    ci_low: float
    ci_high: float
    outcome: str

    @property
    def absolute_difference(self) -> float:
        """Fewer women with diabetes per 100 over the follow-up (percentage points)."""
        return self.placebo_pct - self.treated_pct

    @property
    def relative_reduction(self) -> float:
        """Per cent fewer, from the hazard ratio: 100 × (1 - HR)."""
        return 100.0 * (1.0 - self.hazard_ratio)

    @property
    def number_needed_to_treat(self) -> int:
        """Women treated for the whole follow-up per case of diabetes avoided, rounded up."""
        return math.ceil(100.0 / self.absolute_difference - 1e-9)

    @property
    def per_10000_years(self) -> float:
        """About how many fewer cases per 10,000 women per year (cumulative difference / follow-up)."""
        return 100.0 * self.absolute_difference / self.years

    @property
    def significant(self) -> bool:
        """Whether the 95 % confidence interval of the hazard ratio excludes 1."""
        return self.ci_high < 1.0 or self.ci_low > 1.0


def hormone_therapy_trials() -> list:
    """The three hormone-therapy trials that counted new diabetes (see the data file).

    Examples
    --------
    >>> hers = hormone_therapy_trials()[0]
    >>> hers.trial, round(hers.absolute_difference, 1), hers.number_needed_to_treat
    ('HERS', 3.3, 31)
    """
    return [Trial(r["trial"], r["regimen"], int(r["women"]), r["population"], float(r["years"]),
                  float(r["treated_pct"]), float(r["placebo_pct"]), float(r["hazard_ratio"]), float(r["ci_low"]),
                  float(r["ci_high"]), r["outcome"]) for r in _records("hormone_therapy_trials.csv")]


@dataclass(frozen=True)
class WHIOutcome:
    """One outcome of WHI oestrogen plus progestin (Rossouw et al. 2002; ``whi_2002_outcomes.csv``).

    Attributes
    ----------
    outcome : str
    hazard_ratio, ci_low, ci_high : float
        Hazard ratio and its 95 % confidence interval.
    per_10000_years : float
        More (positive) or fewer (negative) events per 10,000 women per year on treatment.
    """

    outcome: str
    hazard_ratio: float
    ci_low: float
    ci_high: float
    per_10000_years: float


def whi_results() -> list:
    """The WHI oestrogen plus progestin outcomes (Rossouw et al. 2002), one :class:`WHIOutcome` each.

    Examples
    --------
    >>> sum(o.per_10000_years for o in whi_results() if o.per_10000_years > 0)   # more events per 10,000
    31.0
    """
    return [WHIOutcome(r["outcome"], float(r["hazard_ratio"]), float(r["ci_low"]), float(r["ci_high"]),
                       float(r["per_10000_years"])) for r in _records("whi_2002_outcomes.csv")]


def _whi_outcomes() -> dict:
    return {o.outcome: (o.hazard_ratio, o.ci_low, o.ci_high, o.per_10000_years) for o in whi_results()}


whi_outcomes = renamed(_whi_outcomes, "whi_outcomes", new_name="whi_results()",
                       note="it returns a list of WHIOutcome; the old dict maps outcome to "
                            "(hazard_ratio, ci_low, ci_high, per_10000_years)")

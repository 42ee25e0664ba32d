"""Indices from the five blood draws of an oral glucose tolerance test (OGTT).

Every function takes the sample times (min after the drink) and the glucose and insulin
measured at those times, checks them the way a careful reader of a lab report would (sorted
times, no duplicates, a fasting sample at 0 min, the draws the index needs) and converts units
first, so that mg/dL with µU/mL and mmol/L with pmol/L give the same answer. They are exported
from :mod:`glucolab.indices`.

- :func:`matsuda` — whole-body insulin sensitivity (Matsuda & DeFronzo 1999).
- :func:`insulinogenic_index` — early insulin response, ΔI30/ΔG30 (Seltzer et al. 1967).
- :func:`oral_disposition_index` — that response weighed by insulin sensitivity
  (Utzschneider et al. 2009; Abdul-Ghani et al. 2007).
- :func:`classify_ogtt` — ADA categories of the fasting and 2-h glucose of a 75-g test.

None of them is a diagnosis, and none applies to people treated with insulin, whose measured
insulin is partly injected.

References
----------
Matsuda M, DeFronzo RA. Insulin sensitivity indices obtained from oral glucose tolerance
    testing: comparison with the euglycemic insulin clamp. Diabetes Care 1999;22:1462-1470.
DeFronzo RA, Matsuda M. Reduced time points to calculate the composite index. Diabetes Care
    2010;33:e93 (the means as areas under the curve by the trapezoid rule).
Seltzer HS, Allen EW, Herron AL Jr, Brennan MT. Insulin secretion in response to glycemic
    stimulus: relation of delayed initial release to carbohydrate intolerance in mild diabetes
    mellitus. J Clin Invest 1967;46:323-335.
Utzschneider KM, Prigeon RL, Faulenbach MV, et al. Oral disposition index predicts the
    development of future diabetes above and beyond fasting and 2-h glucose levels. Diabetes
    Care 2009;32:335-341.
Abdul-Ghani MA, Williams K, DeFronzo RA, Stern M. What is the best predictor of future type 2
    diabetes? Diabetes Care 2007;30:1544-1548.
Aono D, Oka R, Kometani M, et al. Insulin secretion and risk for future diabetes in subjects
    with a nonpositive insulinogenic index. J Diabetes Res 2018;2018:5107589.
"""

from __future__ import annotations

import numpy as np

from .units import (MGDL_PER_MMOLL, PMOLL_PER_UUML, check_glucose, check_insulin,
                    glucose_unit as _glucose_unit, insulin_unit as _insulin_unit)
from .validation import _show, as_float_array, increasing, positive, same_length

MATSUDA_MEANS = ("trapezoid", "arithmetic")
MATSUDA_SCALE = 10000.0  # chosen by the authors so the index lies on the scale of clamp Rd
TEST_END_MIN = 120.0  # the last draw of the 2-hour test
IGI_UNITS = {"uU/mL per mg/dL": 1.0, "pmol/L per mmol/L": PMOLL_PER_UUML * MGDL_PER_MMOLL}
DI_SENSITIVITY = ("1/fasting insulin", "matsuda")
ADA_DOSE_G = 75.0  # the ADA 2-h thresholds refer to a 75-g load


def _draws(times, glucose, insulin, *, need, glucose_unit, insulin_unit, insulin_factor):
    """Check one OGTT and return (times min, glucose mg/dL, insulin µU/mL or None)."""
    t = as_float_array(times, "times", "min")
    if t.ndim != 1 or t.size < 2:
        raise ValueError(f"times={_show(times)}: expected a list of at least two sample times in min")
    g_unit = _glucose_unit(glucose_unit)
    g = np.atleast_1d(check_glucose(as_float_array(glucose, "glucose", g_unit), g_unit, "glucose"))
    arrays = {"times": t, "glucose": g}
    i = None
    if insulin is not None:
        i_unit = _insulin_unit(insulin_unit)
        i = np.atleast_1d(check_insulin(as_float_array(insulin, "insulin", i_unit), i_unit, "insulin"))
        if i_unit == "pmol/L":
            i = i / positive(insulin_factor, "insulin_factor", "pmol/L per uU/mL")
        arrays["insulin"] = i
    same_length(**arrays)
    increasing(t, "times")
    if t[0] != 0.0:
        raise ValueError(f"times starts at {t[0]:g} min: expected the fasting sample at 0 min, "
                         "taken just before the glucose drink")
    missing = [m for m in need if not np.any(t == m)]
    if missing:
        raise ValueError(f"times={_show(t)}: missing the sample(s) at {', '.join(f'{m:g}' for m in missing)} "
                         "min that this index needs")
    if g_unit == "mmol/L":
        g = g * MGDL_PER_MMOLL
    if np.all(g[0] > g[1:]):
        raise ValueError(f"glucose at 0 min ({g[0]:g} mg/dL) is higher than every later sample: "
                         "the baseline does not look like a fasting value taken before the drink "
                         "(expected glucose to rise after the load)")
    return t, g, i


def _two_hour_test(t) -> None:
    """Refuse samples after 120 min: the index is defined on the 2-hour test."""
    if t[-1] > TEST_END_MIN:
        raise ValueError(f"times ends at {t[-1]:g} min: expected samples of the 2-hour test "
                         f"(0 to {TEST_END_MIN:g} min)")


def _mean(t, values, how):
    if how == "arithmetic":
        return float(np.mean(values))
    area = float(np.sum(0.5 * (values[1:] + values[:-1]) * np.diff(t)))
    return area / float(t[-1] - t[0])


def matsuda(times, glucose, insulin, *, mean: str = "trapezoid", glucose_unit: str = "mg/dL",
            insulin_unit: str = "uU/mL", insulin_factor: float = PMOLL_PER_UUML) -> float:
    """Matsuda (composite) insulin sensitivity index from a 2-hour OGTT.

    ISI = 10 000 / √(G0 · I0 · Ḡ · Ī), with glucose in mg/dL and insulin in µU/mL, where G0
    and I0 are the fasting values and Ḡ, Ī the mean values during the test (Matsuda & DeFronzo
    1999). Higher means more sensitive. In the original study it correlated with clamp glucose
    disposal at r = 0.73. There is no universal cut-off: published ones depend on the
    population, the insulin assay and the criterion used to choose them.

    Two ways of taking "the mean" are in use, and they differ by a few per cent:

    - ``"trapezoid"`` (default): area under the curve by the trapezoid rule divided by the
      duration (120 min). This is what the authors' online calculator does, and it handles
      unevenly spaced draws (DeFronzo & Matsuda 2010).
    - ``"arithmetic"``: the plain average of the samples.

    Parameters
    ----------
    times : array_like
        Sample times, min; strictly increasing, from 0 to 120, including both.
    glucose : array_like
        Plasma glucose at those times, in ``glucose_unit``.
    insulin : array_like
        Plasma insulin at those times, in ``insulin_unit``.
    mean : {"trapezoid", "arithmetic"}, default "trapezoid"
    glucose_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
    insulin_unit : {"uU/mL", "pmol/L"}, default "uU/mL"
    insulin_factor : float, default 6.0
        pmol/L per µU/mL, used only for insulin in pmol/L.

    Returns
    -------
    float
        Matsuda index, dimensionless.

    Examples
    --------
    >>> round(matsuda([0, 30, 60, 90, 120], [100, 160, 160, 160, 140], [5, 10, 10, 10, 5]), 3)
    12.344
    >>> round(matsuda([0, 30, 60, 90, 120], [100, 160, 160, 160, 140], [5, 10, 10, 10, 5],
    ...               mean="arithmetic"), 3)
    13.176
    """
    if mean not in MATSUDA_MEANS:
        raise ValueError(f"mean={mean!r}: expected one of {MATSUDA_MEANS}")
    t, g, i = _draws(times, glucose, insulin, need=(0.0, TEST_END_MIN), glucose_unit=glucose_unit,
                     insulin_unit=insulin_unit, insulin_factor=insulin_factor)
    _two_hour_test(t)
    return MATSUDA_SCALE / float(np.sqrt(g[0] * i[0] * _mean(t, g, mean) * _mean(t, i, mean)))


def insulinogenic_index(times, glucose, insulin, *, glucose_unit: str = "mg/dL",
                        insulin_unit: str = "uU/mL", insulin_factor: float = PMOLL_PER_UUML,
                        result_unit: str = "uU/mL per mg/dL") -> float:
    """Insulinogenic index: the rise of insulin over the rise of glucose in the first 30 min.

    IGI = (I30 − I0) / (G30 − G0) (Seltzer et al. 1967). It reports the early insulin response
    to the load, the part that fails first on the way to type 2 diabetes. It is undefined when
    glucose has not risen by 30 min, which happens in a few per cent of tests (Aono et al.
    2018); the function then raises instead of returning a meaningless ratio.

    The number depends on the units: in µU/mL per mg/dL healthy values are around 1, in
    pmol/L per mmol/L the same person scores about 108 times more (6 × 18.016).

    Parameters
    ----------
    times, glucose, insulin, glucose_unit, insulin_unit, insulin_factor
        As for :func:`matsuda`; samples at 0 and 30 min are needed.
    result_unit : {"uU/mL per mg/dL", "pmol/L per mmol/L"}, default "uU/mL per mg/dL"

    Returns
    -------
    float
        ΔI30/ΔG30 in ``result_unit``.

    Examples
    --------
    >>> round(insulinogenic_index([0, 30, 60, 90, 120], [100, 160, 160, 160, 140], [5, 10, 10, 10, 5]), 4)
    0.0833
    """
    if result_unit not in IGI_UNITS:
        raise ValueError(f"result_unit={result_unit!r}: expected one of {tuple(IGI_UNITS)}")
    t, g, i = _draws(times, glucose, insulin, need=(0.0, 30.0), glucose_unit=glucose_unit,
                     insulin_unit=insulin_unit, insulin_factor=insulin_factor)
    k = int(np.flatnonzero(t == 30.0)[0])
    rise = g[k] - g[0]
    if rise <= 0:
        raise ValueError(f"glucose at 30 min ({g[k]:g} mg/dL) is not above the fasting value "
                         f"({g[0]:g} mg/dL): ΔI30/ΔG30 is undefined; expected glucose to rise "
                         "in the first 30 min")
    return float((i[k] - i[0]) / rise * IGI_UNITS[result_unit])


def oral_disposition_index(times, glucose, insulin, *, sensitivity: str = "1/fasting insulin",
                           glucose_unit: str = "mg/dL", insulin_unit: str = "uU/mL",
                           insulin_factor: float = PMOLL_PER_UUML) -> float:
    """Oral disposition index: the early insulin response weighed by insulin sensitivity.

    Insulin secretion has to be read against the sensitivity it faces (Lesson 3's hyperbola).
    Two published forms:

    - ``"1/fasting insulin"`` (default): ΔI30/ΔG30 × 1/I0, in 1/(mg/dL) (Utzschneider et al.
      2009, who showed the hyperbolic relation and that this product predicts diabetes over
      10 years beyond fasting and 2-h glucose).
    - ``"matsuda"``: ΔI30/ΔG30 × Matsuda index, in µU/mL per mg/dL (the "insulin
      secretion/insulin resistance index" of Abdul-Ghani et al. 2007).

    Parameters
    ----------
    times, glucose, insulin, glucose_unit, insulin_unit, insulin_factor
        As for :func:`matsuda` (the Matsuda form needs the draws up to 120 min).
    sensitivity : {"1/fasting insulin", "matsuda"}, default "1/fasting insulin"

    Returns
    -------
    float
        The oral disposition index in the units above (ΔI30/ΔG30 taken in µU/mL per mg/dL).

    Examples
    --------
    >>> round(oral_disposition_index([0, 30, 60, 90, 120], [100, 160, 160, 160, 140], [5, 10, 10, 10, 5]), 5)
    0.01667
    """
    if sensitivity not in DI_SENSITIVITY:
        raise ValueError(f"sensitivity={sensitivity!r}: expected one of {DI_SENSITIVITY}")
    units = dict(glucose_unit=glucose_unit, insulin_unit=insulin_unit, insulin_factor=insulin_factor)
    igi = insulinogenic_index(times, glucose, insulin, **units)
    if sensitivity == "matsuda":
        return igi * matsuda(times, glucose, insulin, **units)
    _, _, i = _draws(times, glucose, insulin, need=(0.0,), **units)
    return igi / float(i[0])


def classify_ogtt(times, glucose, *, glucose_unit: str = "mg/dL", dose_g: float = ADA_DOSE_G):
    """ADA categories of the fasting (0 min) and 2-hour (120 min) glucose of an OGTT.

    Fasting: normal below 100 mg/dL, prediabetes 100-125, diabetes from 126; 2 hours after
    75 g: normal below 140, prediabetes (impaired glucose tolerance) 140-199, diabetes from
    200 (ADA 2024, through :func:`glucolab.indices.classify_glycemia`). The 2-hour thresholds
    hold only for the 75-g load, so any other ``dose_g`` is refused.

    Parameters
    ----------
    times : array_like
        Sample times, min, including 0 and 120.
    glucose : array_like
        Plasma glucose at those times, in ``glucose_unit``.
    glucose_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
    dose_g : float, default 75
        The glucose load that was drunk, g.

    Returns
    -------
    glucolab.indices.GlycemiaClass
        The category for each value and overall; its ``note`` says why one test is no diagnosis.

    Examples
    --------
    >>> str(classify_ogtt([0, 30, 60, 90, 120], [95, 160, 175, 160, 150]))
    'prediabetes (fasting glucose: normal, 2-h OGTT glucose: prediabetes)'
    """
    dose = float(as_float_array(dose_g, "dose_g", "g"))
    if dose != ADA_DOSE_G:
        raise ValueError(f"dose_g={_show(dose_g)}: the ADA 2-hour thresholds are defined for a "
                         f"{ADA_DOSE_G:g}-g load; expected dose_g={ADA_DOSE_G:g}")
    t, _, _ = _draws(times, glucose, None, need=(0.0, TEST_END_MIN), glucose_unit=glucose_unit,
                     insulin_unit="uU/mL", insulin_factor=PMOLL_PER_UUML)
    from .indices import classify_glycemia  # here, so that indices can re-export this module
    as_given = np.atleast_1d(as_float_array(glucose, "glucose"))  # compared in its own unit
    k = int(np.flatnonzero(t == TEST_END_MIN)[0])
    return classify_glycemia(fasting_glucose=float(as_given[0]), ogtt_2h_glucose=float(as_given[k]),
                             glucose_unit=glucose_unit)

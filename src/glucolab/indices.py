"""Indices a laboratory report or a study computes from fasting blood, with their sources.

Every function takes scalars or arrays and states its units with keywords, so that the same
person gives the same index whether the report is in mg/dL and pmol/L or in mmol/L and
µU/mL. Values that are impossible in the stated unit are refused with a message that names
the argument, the value and what was expected (see :mod:`glucolab.units`).

Defaults follow the unit in which each formula was published: glucose in mmol/L and insulin
in µU/mL for HOMA (Matthews et al. 1985); glucose in mg/dL for QUICKI (Katz et al. 2000),
the TyG index (Simental-Mendía et al. 2008), the ADAG equation (Nathan et al. 2008) and
:func:`classify_glycemia`.

HOMA and QUICKI describe the fasting steady state. They are meaningful only for a sample
taken after an overnight fast and not for people treated with insulin, whose measured
insulin is partly injected insulin and no longer reports what their own beta cells secrete
(Wallace, Levy & Matthews 2004).

Nothing here is a diagnosis or medical advice.

References
----------
Matthews DR, Hosker JP, Rudenski AS, Naylor BA, Treacher DF, Turner RC. Homeostasis model
    assessment: insulin resistance and beta-cell function from fasting plasma glucose and
    insulin concentrations in man. Diabetologia 1985;28:412-419.
Wallace TM, Levy JC, Matthews DR. Use and abuse of HOMA modeling. Diabetes Care
    2004;27:1487-1495.
Katz A, Nambi SS, Mather K, et al. Quantitative insulin sensitivity check index: a simple,
    accurate method for assessing insulin sensitivity in humans. J Clin Endocrinol Metab
    2000;85:2402-2410.
Simental-Mendía LE, Rodríguez-Morán M, Guerrero-Romero F. The product of fasting glucose and
    triglycerides as surrogate for identifying insulin resistance in apparently healthy
    subjects. Metab Syndr Relat Disord 2008;6:299-304.
Nathan DM, Kuenen J, Borg R, Zheng H, Schoenfeld D, Heine RJ; ADAG Study Group. Translating
    the A1C assay into estimated average glucose values. Diabetes Care 2008;31:1473-1478.
Hoelzel W, Weykamp C, Jeppsson JO, et al. IFCC reference system for measurement of
    hemoglobin A1c in human blood and the national standardization schemes in the United
    States, Japan, and Sweden: a method-comparison study. Clin Chem 2004;50:166-174.
American Diabetes Association Professional Practice Committee. 2. Diagnosis and
    classification of diabetes: Standards of Care in Diabetes-2024. Diabetes Care
    2024;47(Suppl 1):S20-S42.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .thresholds import (ADA_CATEGORIES as CATEGORIES, ADA_THRESHOLDS, HOMA_IR_CUTOFFS,  # noqa: F401
                         MCLAUGHLIN_PRINTED_SI_CUTOFF, TEST_PERFORMANCE, TG_HDL_CUTOFFS, TYG_CUTOFFS)
from .units import (HBA1C, HDL_MGDL_PER_MMOLL, IFCC_PER_NGSP_SLOPE, MGDL_PER_MMOLL, NGSP_INTERCEPT,  # noqa: F401
                    PMOLL_PER_UUML, TG_MGDL_PER_MMOLL, analyte as _analyte, check_glucose, check_insulin,
                    convert as _convert, glucose_unit as _glucose_unit, insulin_unit as _insulin_unit)
from .validation import _show, in_range, positive

# -- HOMA1 (Matthews et al. 1985) ----------------------------------------------------------------
# The reference person of the model: normal-weight adults under 35 years, fasting glucose
# 4.5 mmol/L and fasting insulin 5 µU/mL. The constants make this person score IR = 1 and
# %B = 100: 22.5 = 4.5 × 5, and 20 × 5 / (4.5 − 3.5) = 100.
REFERENCE_GLUCOSE_MMOLL = 4.5
REFERENCE_INSULIN_UUML = 5.0
HOMA_IR_DENOMINATOR = REFERENCE_GLUCOSE_MMOLL * REFERENCE_INSULIN_UUML  # 22.5
HOMA_B_GLUCOSE_OFFSET = 3.5  # mmol/L: %B is undefined at or below this glucose
HOMA_B_FACTOR = 20.0

# Published HOMA-IR cut-offs: HOMA_IR_CUTOFFS, in glucolab.thresholds.

# -- HbA1c (Hoelzel et al. 2004 master equation; Nathan et al. 2008 ADAG regression) -------------
# The master equation's slope and intercept (IFCC_PER_NGSP_SLOPE, NGSP_INTERCEPT) are in glucolab.units.
HBA1C_RANGE_PERCENT = HBA1C.plausible  # 3-20 %: outside this an assay result is not interpretable here
ADAG_SLOPE_MGDL = 28.7  # mg/dL per %
ADAG_INTERCEPT_MGDL = -46.7  # mg/dL

# -- triglycerides: TG_MGDL_PER_MMOLL, mg/dL per mmol/L, is in glucolab.units (triolein) ---------


def _plain(value):
    """A Python float for scalar results, the array otherwise."""
    return float(value) if np.ndim(value) == 0 else np.asarray(value)


def _fasting_pair(glucose, insulin, glucose_unit, insulin_unit, insulin_factor):
    """Check a fasting glucose/insulin pair; return (glucose in mmol/L, insulin in µU/mL)."""
    g_unit = _glucose_unit(glucose_unit)
    i_unit = _insulin_unit(insulin_unit)
    glucose = check_glucose(glucose, g_unit, "glucose")
    insulin = check_insulin(insulin, i_unit, "insulin")
    if np.shape(glucose) and np.shape(insulin) and np.shape(glucose) != np.shape(insulin):
        raise ValueError(f"glucose has shape {np.shape(glucose)} and insulin {np.shape(insulin)}: "
                         "expected one insulin value per glucose value")
    g_mmol = glucose / MGDL_PER_MMOLL if g_unit == "mg/dL" else glucose
    if i_unit == "pmol/L":
        factor = positive(insulin_factor, "insulin_factor", "pmol/L per uU/mL")
        insulin = insulin / factor
    return g_mmol, insulin


def homa_ir(glucose, insulin, *, glucose_unit: str = "mmol/L", insulin_unit: str = "uU/mL",
            insulin_factor: float = PMOLL_PER_UUML):
    """HOMA1 insulin resistance: fasting glucose × fasting insulin / 22.5.

    HOMA-IR = G [mmol/L] × I [µU/mL] / 22.5 (Matthews et al. 1985). The reference person of
    the model (4.5 mmol/L, 5 µU/mL) scores exactly 1. Use only a sample taken after an
    overnight fast, and not in people treated with insulin: injected insulin makes the
    insulin value meaningless for this index (Wallace et al. 2004).

    Parameters
    ----------
    glucose : float or array_like
        Fasting plasma glucose, in ``glucose_unit``.
    insulin : float or array_like
        Fasting plasma insulin, in ``insulin_unit``.
    glucose_unit : {"mmol/L", "mg/dL"}, default "mmol/L"
    insulin_unit : {"uU/mL", "pmol/L"}, default "uU/mL"
        µU/mL, µIU/mL, mU/L and mIU/L are all the same unit and are accepted.
    insulin_factor : float, default 6.0
        pmol/L per µU/mL, used only when insulin is in pmol/L (some laboratories use 6.945).

    Returns
    -------
    float or numpy.ndarray
        HOMA-IR, dimensionless (1 = the reference person).

    Examples
    --------
    >>> homa_ir(4.5, 5.0)
    1.0
    >>> round(homa_ir(92, 66, glucose_unit="mg/dL", insulin_unit="pmol/L"), 3)
    2.497
    """
    g, i = _fasting_pair(glucose, insulin, glucose_unit, insulin_unit, insulin_factor)
    return _plain(g * i / HOMA_IR_DENOMINATOR)


def homa_b(glucose, insulin, *, glucose_unit: str = "mmol/L", insulin_unit: str = "uU/mL",
           insulin_factor: float = PMOLL_PER_UUML):
    """HOMA1 beta-cell function: 20 × fasting insulin / (fasting glucose − 3.5), in %.

    HOMA-%B = 20 × I [µU/mL] / (G [mmol/L] − 3.5) (Matthews et al. 1985); the reference
    person (4.5 mmol/L, 5 µU/mL) scores 100 %. The formula has no meaning at or below
    3.5 mmol/L (63 mg/dL), where it would divide by zero or turn negative, so such values are
    refused. Fasting samples only; not for people treated with insulin.

    Parameters
    ----------
    glucose, insulin, glucose_unit, insulin_unit, insulin_factor
        As for :func:`homa_ir`.

    Returns
    -------
    float or numpy.ndarray
        HOMA-%B, % of the reference person's beta-cell function.

    Raises
    ------
    ValueError
        If any glucose is at or below 3.5 mmol/L.

    Examples
    --------
    >>> homa_b(4.5, 5.0)
    100.0
    """
    g, i = _fasting_pair(glucose, insulin, glucose_unit, insulin_unit, insulin_factor)
    low = np.asarray(g) <= HOMA_B_GLUCOSE_OFFSET
    if np.any(low):
        shown = glucose if np.ndim(glucose) == 0 else np.asarray(glucose)[low]
        raise ValueError(
            f"glucose={_show(shown)} {_glucose_unit(glucose_unit)}: HOMA-%B = 20·I/(G − 3.5) is "
            f"undefined at or below 3.5 mmol/L ({HOMA_B_GLUCOSE_OFFSET * MGDL_PER_MMOLL:.0f} mg/dL); "
            "expected a fasting glucose above 3.5 mmol/L")
    return _plain(HOMA_B_FACTOR * i / (g - HOMA_B_GLUCOSE_OFFSET))


def quicki(glucose, insulin, *, glucose_unit: str = "mmol/L", insulin_unit: str = "uU/mL",
           insulin_factor: float = PMOLL_PER_UUML):
    """QUICKI, the quantitative insulin sensitivity check index: 1 / (log10 I + log10 G).

    With insulin in µU/mL and glucose in mg/dL (Katz et al. 2000); lower values mean lower
    insulin sensitivity. In its validation it correlated with the clamp at r = 0.78. The
    logarithms make it a monotone transform of HOMA-IR, so both rank people identically.
    Fasting samples only; not for people treated with insulin.

    Parameters
    ----------
    glucose, insulin, glucose_unit, insulin_unit, insulin_factor
        As for :func:`homa_ir` (glucose is converted to mg/dL internally).

    Returns
    -------
    float or numpy.ndarray
        QUICKI, dimensionless.

    Examples
    --------
    >>> round(quicki(92, 11, glucose_unit="mg/dL"), 4)
    0.3328
    """
    g, i = _fasting_pair(glucose, insulin, glucose_unit, insulin_unit, insulin_factor)
    total = np.log10(i) + np.log10(g * MGDL_PER_MMOLL)
    if np.any(total <= 0):
        raise ValueError(f"insulin={_show(insulin)} {_insulin_unit(insulin_unit)}: the product of "
                         "insulin (µU/mL) and glucose (mg/dL) must exceed 1 for QUICKI; expected a "
                         "measurable fasting insulin")
    return _plain(1.0 / total)


def _triglycerides_mgdl(value, unit: str):
    key = str(unit).strip().lower().replace(" ", "")
    if key not in ("mg/dl", "mmol/l"):
        raise ValueError(f"triglyceride_unit={unit!r}: expected 'mg/dL' or 'mmol/L'")
    value = positive(value, "triglycerides", unit)
    arr = np.asarray(value)
    if key == "mg/dl" and np.any(arr < 5):
        raise ValueError(f"triglycerides={_show(value)} mg/dL is below any measured value "
                         "(5 mg/dL); did you mean mmol/L?")
    if key == "mmol/l" and np.any(arr > 120):
        raise ValueError(f"triglycerides={_show(value)} mmol/L is above any measured value "
                         "(120 mmol/L); did you mean mg/dL?")
    return value * TG_MGDL_PER_MMOLL if key == "mmol/l" else value


TYG_FORMS = ("ln(TG*G/2)", "ln(TG*G)/2")


def tyg(triglycerides, glucose, *, triglyceride_unit: str = "mg/dL", glucose_unit: str = "mg/dL",
        form: str = "ln(TG*G/2)"):
    """Triglyceride-glucose (TyG) index from fasting triglycerides and glucose, both in mg/dL.

    Simental-Mendía et al. (2008) print the index as ln[TG (mg/dL) × FPG (mg/dL) / 2]; this is
    the default ``form="ln(TG*G/2)"`` and gives values around 8-9 in adults. A second form,
    ln(TG × FPG) / 2, gives values around 4-5. The cut-off of 4.65 reported in that same paper
    is on the scale of the second form, and later papers use both, so a TyG value or cut-off
    must be read together with the form that produced it (Hosseini 2017, J Clin Basic Res 1:11).

    Parameters
    ----------
    triglycerides : float or array_like
        Fasting serum triglycerides, in ``triglyceride_unit`` (mmol/L is converted with
        88.57 mg/dL per mmol/L).
    glucose : float or array_like
        Fasting plasma glucose, in ``glucose_unit``.
    triglyceride_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
    glucose_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
    form : {"ln(TG*G/2)", "ln(TG*G)/2"}, default "ln(TG*G/2)"
        Which of the two published forms to compute.

    Returns
    -------
    float or numpy.ndarray
        TyG index, dimensionless.

    Examples
    --------
    >>> round(tyg(150, 100), 3)
    8.923
    >>> round(tyg(150, 100, form="ln(TG*G)/2"), 3)
    4.808
    """
    if form not in TYG_FORMS:
        raise ValueError(f"form={form!r}: expected one of {TYG_FORMS}")
    tg = _triglycerides_mgdl(triglycerides, triglyceride_unit)
    unit = _glucose_unit(glucose_unit)
    g = check_glucose(glucose, unit, "glucose")
    g_mgdl = g * MGDL_PER_MMOLL if unit == "mmol/L" else g
    if form == "ln(TG*G/2)":
        return _plain(np.log(tg * g_mgdl / 2.0))
    return _plain(np.log(tg * g_mgdl) / 2.0)


# -- HbA1c ------------------------------------------------------------------------------------------
def canonical_hba1c_unit(unit: str, name: str = "unit") -> str:
    """Canonical spelling ("%" for NGSP/DCCT, "mmol/mol" for IFCC) of an HbA1c unit."""
    try:
        return HBA1C.unit(unit, name)
    except ValueError:
        raise ValueError(f"{name}={unit!r}: expected '%' (NGSP/DCCT) or 'mmol/mol' (IFCC)") from None


def _hba1c_percent(value, unit: str, name: str = "hba1c"):
    """Check HbA1c in ``unit`` and return it in % (NGSP)."""
    unit = canonical_hba1c_unit(unit)
    low, high = HBA1C_RANGE_PERCENT
    if unit == "%":
        return in_range(value, name, low, high, "% (NGSP)")
    ifcc_low, ifcc_high = HBA1C.plausible_in("mmol/mol")
    value = in_range(value, name, round(ifcc_low, 1), round(ifcc_high, 1), "mmol/mol (IFCC)")
    return _convert(value, HBA1C, "mmol/mol", "%", check=False)


def convert_hba1c(value, from_unit: str, to_unit: str):
    """Convert HbA1c between % (NGSP/DCCT) and mmol/mol (IFCC).

    Uses the IFCC-NGSP master equation, mmol/mol = 10.929 × (% − 2.15) (Hoelzel et al. 2004).

    Parameters
    ----------
    value : float or array_like
        HbA1c in ``from_unit``; 3-20 % (9.3-195.1 mmol/mol) is accepted.
    from_unit, to_unit : {"%", "mmol/mol"}

    Returns
    -------
    float or numpy.ndarray
        HbA1c in ``to_unit``.

    Examples
    --------
    >>> round(convert_hba1c(6.5, "%", "mmol/mol"), 1)
    47.5
    """
    src, dst = canonical_hba1c_unit(from_unit, "from_unit"), canonical_hba1c_unit(to_unit, "to_unit")
    percent = _hba1c_percent(value, src, "value")
    return _plain(_convert(percent, HBA1C, "%", dst, check=False))


def eag_from_hba1c(hba1c, unit: str = "%", *, glucose_unit: str = "mg/dL"):
    """Estimated average glucose from HbA1c (the ADAG regression).

    eAG [mg/dL] = 28.7 × HbA1c [%] − 46.7 (Nathan et al. 2008; 507 adults with type 1, type 2
    or no diabetes, R² = 0.84). In mmol/L this is close to 1.59 × HbA1c − 2.59. It describes
    the average of a group; one person's mean glucose can differ from it by a wide margin.

    Parameters
    ----------
    hba1c : float or array_like
        HbA1c in ``unit`` (3-20 %).
    unit : {"%", "mmol/mol"}, default "%"
    glucose_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
        Unit of the result.

    Returns
    -------
    float or numpy.ndarray
        Estimated average glucose in ``glucose_unit``.

    Examples
    --------
    >>> round(eag_from_hba1c(7.0), 1)
    154.2
    """
    out = _glucose_unit(glucose_unit, "glucose_unit")
    percent = _hba1c_percent(hba1c, unit)
    eag = ADAG_SLOPE_MGDL * percent + ADAG_INTERCEPT_MGDL
    return _plain(eag if out == "mg/dL" else eag / MGDL_PER_MMOLL)


# -- ADA categories ---------------------------------------------------------------------------------
# ADA_THRESHOLDS and the CATEGORIES are in glucolab.thresholds (ADA Standards of Care 2024).


@dataclass(frozen=True)
class GlycemiaClass:
    """The ADA category for each result given, and the highest of them.

    Attributes
    ----------
    by_criterion : dict of str to str
        "fasting glucose", "2-h OGTT glucose" and/or "HbA1c" mapped to "normal",
        "prediabetes" or "diabetes".
    overall : str
        The highest category among the criteria.
    note : str
        What the classification does not say.
    """

    by_criterion: dict
    overall: str
    note: str = field(default=(
        "A category for one set of results, not a diagnosis: the ADA requires two abnormal "
        "results (from one sample or two) unless hyperglycemia is unequivocal, and the same "
        "person can fall into different categories by different tests."), repr=False)

    def __str__(self) -> str:
        parts = ", ".join(f"{k}: {v}" for k, v in self.by_criterion.items())
        return f"{self.overall} ({parts})"


def _category(value: float, thresholds: tuple[float, float]) -> str:
    low, high = thresholds
    return CATEGORIES[int(value >= low) + int(value >= high)]


def _scalar(value, name):
    arr = np.asarray(value, dtype=float) if not isinstance(value, str) else None
    if arr is None or arr.ndim != 0:
        raise ValueError(f"{name}={value!r}: expected one number (classify one person at a time)")
    return float(arr)


def classify_glycemia(fasting_glucose=None, ogtt_2h_glucose=None, hba1c=None, *,
                      glucose_unit: str = "mg/dL", hba1c_unit: str = "%") -> GlycemiaClass:
    """ADA categories (normal, prediabetes, diabetes) from one person's results.

    Thresholds (ADA 2024): fasting glucose 100 and 126 mg/dL (5.6 and 7.0 mmol/L); 2-hour
    glucose in a 75-g OGTT 140 and 200 mg/dL (7.8 and 11.1 mmol/L); HbA1c 5.7 and 6.5 %
    (39 and 48 mmol/mol). Each value is compared with the thresholds printed in its own unit.

    Parameters
    ----------
    fasting_glucose : float, optional
        Fasting plasma glucose in ``glucose_unit``.
    ogtt_2h_glucose : float, optional
        Plasma glucose 2 hours after 75 g of oral glucose, in ``glucose_unit``.
    hba1c : float, optional
        HbA1c in ``hba1c_unit`` (3-20 %).
    glucose_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
    hba1c_unit : {"%", "mmol/mol"}, default "%"

    Returns
    -------
    GlycemiaClass
        The category per criterion and overall; its ``note`` says why this is not a diagnosis.

    Examples
    --------
    >>> str(classify_glycemia(fasting_glucose=110, hba1c=5.5))
    'prediabetes (fasting glucose: prediabetes, HbA1c: normal)'
    """
    g_unit = _glucose_unit(glucose_unit)
    a_unit = canonical_hba1c_unit(hba1c_unit, "hba1c_unit")
    given = {"fasting glucose": fasting_glucose, "2-h OGTT glucose": ogtt_2h_glucose, "HbA1c": hba1c}
    if all(v is None for v in given.values()):
        raise ValueError("classify_glycemia: expected at least one of fasting_glucose, "
                         "ogtt_2h_glucose or hba1c")
    result = {}
    for criterion, arg in (("fasting glucose", "fasting_glucose"), ("2-h OGTT glucose", "ogtt_2h_glucose")):
        if given[criterion] is not None:
            value = check_glucose(_scalar(given[criterion], arg), g_unit, arg)
            result[criterion] = _category(value, ADA_THRESHOLDS[criterion][g_unit])
    if hba1c is not None:
        value = _scalar(hba1c, "hba1c")
        _hba1c_percent(value, a_unit)
        result["HbA1c"] = _category(value, ADA_THRESHOLDS["HbA1c"][a_unit])
    overall = max(result.values(), key=CATEGORIES.index)
    return GlycemiaClass(result, overall)


# -- indices from the draws of an oral glucose tolerance test (Lesson 4) -------------------------
from .ogtt_indices import (classify_ogtt, insulinogenic_index, matsuda,  # noqa: E402,F401
                              oral_disposition_index)


# -- lipids as markers of insulin resistance (Lesson 10) -----------------------------------------
from .validation import as_float_array  # noqa: E402

# HDL cholesterol: HDL_MGDL_PER_MMOLL, mg/dL per mmol/L, is in glucolab.units (cholesterol).
# A TG/HDL ratio worked out in mg/dL is this many times the same person's ratio in mmol/L,
# because the two molecules have different molar masses (the two factors' ratio, 2.29).
TG_HDL_MGDL_PER_MMOLL = TG_MGDL_PER_MMOLL / HDL_MGDL_PER_MMOLL

LIPID_UNITS = ("mg/dL", "mmol/L")
_LIPID_FACTORS = {"triglycerides": _analyte("triglycerides"), "HDL": _analyte("HDL")}
# What a living person's blood can hold, and the published cut-offs (TG_HDL_CUTOFFS, TYG_CUTOFFS,
# TEST_PERFORMANCE), are in glucolab.units and glucolab.thresholds.


def lipid_unit(unit: str, name: str = "unit") -> str:
    """The canonical spelling ("mg/dL" or "mmol/L") of a lipid unit."""
    key = str(unit).strip().lower().replace(" ", "")
    if key not in ("mg/dl", "mmol/l"):
        raise ValueError(f"{name}={unit!r}: expected 'mg/dL' or 'mmol/L'")
    return "mg/dL" if key == "mg/dl" else "mmol/L"


def check_lipid(value, analyte: str, unit: str, name: str | None = None):
    """Check triglyceride or HDL-cholesterol values against what a person can have in ``unit``.

    Parameters
    ----------
    value : float or array_like
        The concentration(s).
    analyte : {"triglycerides", "HDL"}
    unit : {"mg/dL", "mmol/L"}
    name : str, optional
        The argument name used in messages (default: the analyte).

    Returns
    -------
    float or numpy.ndarray
        The values, unchanged.

    Raises
    ------
    ValueError
        If a value is not positive, or lies outside the bounds for that unit; the message
        suggests the other unit when that explains the number.

    Examples
    --------
    >>> check_lipid(1.2, "HDL", "mmol/L")
    1.2
    >>> check_lipid(1.2, "HDL", "mg/dL")
    Traceback (most recent call last):
    ...
    ValueError: hdl=1.2 mg/dL is outside the range a living person can have (2-200 mg/dL); did you mean mmol/L?
    """
    if analyte not in _LIPID_FACTORS:
        raise ValueError(f"analyte={analyte!r}: expected one of {sorted(_LIPID_FACTORS)}")
    unit = lipid_unit(unit)
    name = name or analyte.lower()
    value = positive(value, name, unit)
    low, high = _analyte(analyte).plausible_in(unit)
    arr = np.asarray(value)
    if np.any(arr < low) or np.any(arr > high):
        other = "mmol/L" if unit == "mg/dL" else "mg/dL"
        raise ValueError(f"{name}={_show(value)} {unit} is outside the range a living person can have "
                         f"({low:g}-{high:g} {unit}); did you mean {other}?")
    return value


def convert_lipid(value, analyte: str, from_unit: str, to_unit: str):
    """Convert triglycerides or HDL cholesterol between mg/dL and mmol/L.

    Triglycerides: 1 mmol/L = 88.57 mg/dL (as triolein, 885.7 g/mol). HDL cholesterol:
    1 mmol/L = 38.67 mg/dL (cholesterol, 386.65 g/mol).

    Parameters
    ----------
    value : float or array_like
        The concentration(s) in ``from_unit``.
    analyte : {"triglycerides", "HDL"}
    from_unit, to_unit : {"mg/dL", "mmol/L"}

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(convert_lipid(150, "triglycerides", "mg/dL", "mmol/L"), 2)
    1.69
    >>> round(convert_lipid(50, "HDL", "mg/dL", "mmol/L"), 2)
    1.29
    """
    return _convert_lipid(value, analyte, from_unit, to_unit, "value")


def _convert_lipid(value, analyte, from_unit, to_unit, name):
    src, dst = lipid_unit(from_unit, "from_unit"), lipid_unit(to_unit, "to_unit")
    value = check_lipid(value, analyte, src, name)
    if src == dst:
        return _plain(value)
    return _plain(_convert(value, _LIPID_FACTORS[analyte], src, dst, check=False))


def tg_hdl_ratio(triglycerides, hdl, *, triglyceride_unit: str = "mg/dL", hdl_unit: str = "mg/dL",
                 ratio_unit: str = "mg/dL"):
    """Fasting triglycerides divided by HDL cholesterol, as a ratio of mg/dL or of mmol/L values.

    The same person has two different ratios: the one worked out from mg/dL values is 2.29 times
    the one worked out from mmol/L values (88.57 / 38.67, the two molecules' conversion
    factors). Published cut-offs such as 3.0 (McLaughlin et al. 2003) are on the mg/dL ratio;
    ``ratio_unit`` says which ratio to return, whatever units the inputs came in.

    Parameters
    ----------
    triglycerides : float or array_like
        Fasting serum triglycerides, in ``triglyceride_unit``.
    hdl : float or array_like
        HDL cholesterol, in ``hdl_unit``.
    triglyceride_unit, hdl_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
    ratio_unit : {"mg/dL", "mmol/L"}, default "mg/dL"
        Which ratio to return: of the two values in mg/dL, or of the two in mmol/L.

    Returns
    -------
    float or numpy.ndarray
        The ratio, dimensionless.

    Examples
    --------
    >>> round(tg_hdl_ratio(150, 50), 2)
    3.0
    >>> round(tg_hdl_ratio(150, 50, ratio_unit="mmol/L"), 2)
    1.31
    >>> round(tg_hdl_ratio(1.6, 1.0, triglyceride_unit="mmol/L", hdl_unit="mmol/L"), 2)
    3.66
    """
    tg = _convert_lipid(triglycerides, "triglycerides", triglyceride_unit, "mg/dL", "triglycerides")
    hdl_mg = _convert_lipid(hdl, "HDL", hdl_unit, "mg/dL", "hdl")
    if np.shape(tg) and np.shape(hdl_mg) and np.shape(tg) != np.shape(hdl_mg):
        raise ValueError(f"triglycerides has shape {np.shape(tg)} and hdl {np.shape(hdl_mg)}: "
                         "expected one HDL value per triglyceride value")
    ratio = np.asarray(tg) / np.asarray(hdl_mg)
    if lipid_unit(ratio_unit, "ratio_unit") == "mmol/L":
        ratio = ratio / TG_HDL_MGDL_PER_MMOLL
    return _plain(ratio)


def convert_tyg(value, from_form: str, to_form: str):
    """Move a TyG value between its two published forms.

    ln(TG × G / 2) = 2 × [ln(TG × G) / 2] − ln 2, so 4.68 on the halved form is 8.67 on the
    other (see :func:`tyg`).

    Parameters
    ----------
    value : float or array_like
        A TyG value in ``from_form``.
    from_form, to_form : {"ln(TG*G/2)", "ln(TG*G)/2"}

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> round(convert_tyg(4.68, "ln(TG*G)/2", "ln(TG*G/2)"), 2)
    8.67
    """
    for form, name in ((from_form, "from_form"), (to_form, "to_form")):
        if form not in TYG_FORMS:
            raise ValueError(f"{name}={form!r}: expected one of {TYG_FORMS}")
    value = as_float_array(value, "value")
    if from_form == to_form:
        return _plain(value)
    if from_form == "ln(TG*G)/2":
        return _plain(2.0 * value - np.log(2.0))
    return _plain((value + np.log(2.0)) / 2.0)


def predictive_values(sensitivity, specificity, prevalence):
    """How often a positive and a negative result of a test are right, in a group.

    PPV = sens × p / (sens × p + (1 − spec) × (1 − p)) and NPV = spec × (1 − p) /
    (spec × (1 − p) + (1 − sens) × p), with p the share of the group that has the condition.
    Sensitivity and specificity describe the test; the predictive values depend on the group too.

    Parameters
    ----------
    sensitivity, specificity : float
        Fractions between 0 and 1.
    prevalence : float or array_like
        Share of the group with the condition, a fraction between 0 and 1 (exclusive).

    Returns
    -------
    ppv, npv : float or numpy.ndarray
        Positive and negative predictive values, as fractions; NaN for a result the test can
        never give (no negatives when sensitivity is 1 and specificity 0, for example).

    Examples
    --------
    >>> ppv, npv = predictive_values(0.57, 0.71, 1 / 3)
    >>> round(ppv, 3), round(npv, 3)
    (0.496, 0.768)
    """
    sens = in_range(sensitivity, "sensitivity", 0.0, 1.0, "(fraction)")
    spec = in_range(specificity, "specificity", 0.0, 1.0, "(fraction)")
    p = as_float_array(prevalence, "prevalence", "(fraction)")
    if np.any((p <= 0) | (p >= 1)):
        raise ValueError(f"prevalence={_show(prevalence)}: expected a fraction between 0 and 1 "
                         "(exclusive); 33 % is 0.33")
    true_pos, false_pos = sens * p, (1.0 - spec) * (1.0 - p)
    true_neg, false_neg = spec * (1.0 - p), (1.0 - sens) * p
    with np.errstate(invalid="ignore", divide="ignore"):  # a test that never gives that result: NaN
        return _plain(true_pos / (true_pos + false_pos)), _plain(true_neg / (true_neg + false_neg))

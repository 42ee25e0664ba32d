"""Unit conversion for glucose and insulin, with a guard against the classic mix-up.

Glucose
    1 mmol/L = 18.016 mg/dL, from the molar mass of glucose (C6H12O6, 180.16 g/mol):
    180.16 mg/mmol divided by 10 dL/L.
Insulin
    1 µU/mL = 6.00 pmol/L. Source: the WHO international standard for human insulin, as
    converted to SI units by Vølund A. Conversion of insulin units to SI units. Am J Clin Nutr
    1993;58:714-715 (the factor NHANES uses, citing Vølund 1993 and the ADA insulin-assay task
    force, Robbins DC et al. Diabetes 1996;45:242-256); recommended for standardised insulin
    assays by Heinemann L. Diabetes Care 2010;33:e83. The arithmetic: one IU of human insulin
    is about 0.0347 mg (about 28.8 IU per mg), and 0.0347 mg / 5808 g/mol ≈ 6.0 nmol per IU.
    An older factor, 6.945, is still printed by some laboratories: it assumes a potency of
    24 IU per mg and a molar mass of 6000 g/mol (1/24 mg / 6000 g/mol = 6.945 nmol per IU).
    The two factors differ by 16 %, which moves HOMA-IR by the same amount, so the factor is
    a keyword argument.
"""

from __future__ import annotations

import numpy as np

from .validation import _show, positive

MOLAR_MASS_GLUCOSE = 180.16  # g/mol
MGDL_PER_MMOLL = MOLAR_MASS_GLUCOSE / 10.0  # 18.016 (mg/dL) per (mmol/L)
PMOLL_PER_UUML = 6.0  # pmol/L per µU/mL (WHO human insulin standard: Vølund 1993; Heinemann 2010)
PMOLL_PER_UUML_OLD = 6.945  # older factor, see module docstring

_GLUCOSE_UNITS = {"mg/dl": "mg/dL", "mmol/l": "mmol/L", "mm": "mmol/L"}
_INSULIN_UNITS = {
    "uu/ml": "uU/mL", "µu/ml": "uU/mL", "μu/ml": "uU/mL", "uiu/ml": "uU/mL", "µiu/ml": "uU/mL",
    "μiu/ml": "uU/mL", "mu/l": "uU/mL", "miu/l": "uU/mL", "pmol/l": "pmol/L", "pm": "pmol/L",
}

# Values outside these bounds are not survivable in that unit but are ordinary in the other
# one, so they almost always mean a mislabelled unit (5.4 "mg/dL" is 5.4 mmol/L; 95 "mmol/L"
# is 95 mg/dL).
_GLUCOSE_PLAUSIBLE = {"mg/dL": (15.0, 1500.0), "mmol/L": (0.8, 85.0)}
# A generous bound on plasma insulin: fasting values are a few to a few tens of µU/mL, peaks after
# a meal a few hundred; values in the thousands occur only with an insulinoma or an insulin
# overdose. Beyond this, the number is a typing or unit error, not a person.
_INSULIN_PLAUSIBLE = {"uU/mL": (0.0, 5000.0), "pmol/L": (0.0, 30000.0)}


def glucose_unit(unit: str, name: str = "glucose_unit") -> str:
    """Return the canonical spelling ("mg/dL" or "mmol/L") of a glucose unit."""
    key = str(unit).strip().lower().replace(" ", "")
    if key not in _GLUCOSE_UNITS:
        raise ValueError(f"{name}={unit!r}: expected 'mg/dL' or 'mmol/L'")
    return _GLUCOSE_UNITS[key]


def insulin_unit(unit: str, name: str = "insulin_unit") -> str:
    """Return the canonical spelling ("uU/mL" or "pmol/L") of an insulin unit.

    µU/mL, µIU/mL, mU/L and mIU/L are the same quantity and are all accepted.
    """
    key = str(unit).strip().lower().replace(" ", "")
    if key not in _INSULIN_UNITS:
        raise ValueError(f"{name}={unit!r}: expected 'uU/mL' (also µU/mL, mU/L) or 'pmol/L'")
    return _INSULIN_UNITS[key]


def check_glucose(value, unit: str, name: str = "glucose"):
    """Check that glucose values are positive, finite and plausible in ``unit``.

    Raises
    ------
    ValueError
        If a value is not positive or lies outside the survivable range for the stated unit,
        with a message that suggests the other unit when that explains the value.
    """
    unit = glucose_unit(unit)
    value = positive(value, name, unit)
    low, high = _GLUCOSE_PLAUSIBLE[unit]
    arr = np.asarray(value)
    other = "mmol/L" if unit == "mg/dL" else "mg/dL"
    if np.any(arr < low) or np.any(arr > high):
        raise ValueError(
            f"{name}={_show(value)} {unit} is outside the range a living person can have "
            f"({low:g}-{high:g} {unit}); did you mean {other}?")
    return value


def check_insulin(value, unit: str, name: str = "insulin"):
    """Check that insulin values are positive, finite and below the highest a living person shows
    (5000 µU/mL, 30 000 pmol/L); return them unchanged."""
    unit = insulin_unit(unit)
    value = positive(value, name, unit)
    high = _INSULIN_PLAUSIBLE[unit][1]
    if np.any(np.asarray(value) > high):
        raise ValueError(f"{name}={_show(value)} {unit} is above anything measured in a person "
                         f"(up to {high:g} {unit}); check the digits and the unit")
    return value


def convert_glucose(value, from_unit: str, to_unit: str):
    """Convert glucose between mg/dL and mmol/L.

    Parameters
    ----------
    value : float or array_like
        Glucose concentration(s) in ``from_unit``.
    from_unit, to_unit : {"mg/dL", "mmol/L"}
        Units (case-insensitive).

    Returns
    -------
    float or numpy.ndarray
        The same concentration in ``to_unit`` (1 mmol/L = 18.016 mg/dL).

    Examples
    --------
    >>> round(convert_glucose(5.0, "mmol/L", "mg/dL"), 2)
    90.08
    """
    src, dst = glucose_unit(from_unit, "from_unit"), glucose_unit(to_unit, "to_unit")
    value = check_glucose(value, src, "value")
    if src == dst:
        return value
    return value * MGDL_PER_MMOLL if src == "mmol/L" else value / MGDL_PER_MMOLL


def convert_insulin(value, from_unit: str, to_unit: str, factor: float = PMOLL_PER_UUML):
    """Convert insulin between µU/mL and pmol/L.

    Parameters
    ----------
    value : float or array_like
        Insulin concentration(s) in ``from_unit``.
    from_unit, to_unit : {"uU/mL", "pmol/L"}
        Units; µU/mL, µIU/mL, mU/L and mIU/L are accepted for the first.
    factor : float, default 6.0
        pmol/L per µU/mL, from the WHO standard for human insulin (Vølund 1993; Heinemann
        2010). Some laboratories use 6.945; see the module docstring.

    Returns
    -------
    float or numpy.ndarray
        The same concentration in ``to_unit``.
    """
    src, dst = insulin_unit(from_unit, "from_unit"), insulin_unit(to_unit, "to_unit")
    value = check_insulin(value, src, "value")
    factor = positive(factor, "factor", "pmol/L per uU/mL")
    if src == dst:
        return value
    return value * factor if src == "uU/mL" else value / factor

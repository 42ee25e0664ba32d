"""The unit registry: every analyte's units, spellings, factors and plausible range, in one place.

Each analyte a lesson measures is one :class:`Analyte` in :data:`ANALYTES`, and one function,
:func:`convert`, moves a value of any of them between any two of its units. The older
converters (:func:`convert_glucose`, :func:`convert_insulin`, and ``convert_hba1c``,
``convert_lipid`` and ``convert_testosterone`` in :mod:`glucolab.indices` and
:mod:`glucolab.testosterone`) are thin wrappers over it.

Where the factors come from
---------------------------
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
    a keyword argument of :func:`convert_insulin`.
HbA1c
    mmol/mol (IFCC) = 10.929 × (% (NGSP/DCCT) − 2.15), the IFCC-NGSP master equation of
    Hoelzel W et al. Clin Chem 2004;50:166-174. It is the one analyte here whose units differ
    by an offset as well as a factor.
Triglycerides
    1 mmol/L = 88.57 mg/dL, the molar mass of triolein (885.7 g/mol) divided by 10, the factor
    clinical laboratories use for triglycerides.
HDL cholesterol
    1 mmol/L = 38.67 mg/dL, the molar mass of cholesterol (386.65 g/mol) divided by 10.
Testosterone
    C19H28O2, 288.42 g/mol: 1 nmol/L = 28.842 ng/dL = 288.42 pg/mL = 1000 pmol/L.
Cortisol
    C21H30O5, 362.46 g/mol: 1 µg/dL = 10 µg/L / 362.46 g/mol = 27.59 nmol/L.
Growth hormone (GH)
    1 mg of the WHO somatropin standard 98/574 is 3 IU, so 1 µg/L = 3 mU/L.

The plausible ranges are bounds on what a living person's blood can hold, not reference
ranges: outside them a number is a typing or unit error (5.4 "mg/dL" of glucose is 5.4 mmol/L).
Each analyte states where its bounds come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from .validation import _show, as_float_array, positive

MOLAR_MASS_GLUCOSE = 180.16  # g/mol
MGDL_PER_MMOLL = MOLAR_MASS_GLUCOSE / 10.0  # 18.016 (mg/dL) per (mmol/L)
PMOLL_PER_UUML = 6.0  # pmol/L per µU/mL (WHO human insulin standard: Vølund 1993; Heinemann 2010)
PMOLL_PER_UUML_OLD = 6.945  # older factor, see module docstring
IFCC_PER_NGSP_SLOPE = 10.929  # HbA1c, mmol/mol per % (Hoelzel et al. 2004)
NGSP_INTERCEPT = 2.15  # HbA1c, % at 0 mmol/mol (Hoelzel et al. 2004)
TG_MGDL_PER_MMOLL = 88.57  # triglycerides as triolein, 885.7 g/mol / 10
HDL_MGDL_PER_MMOLL = 38.67  # HDL cholesterol: cholesterol, 386.65 g/mol / 10
MOLAR_MASS_TESTOSTERONE = 288.42  # g/mol
NGDL_PER_NMOLL = MOLAR_MASS_TESTOSTERONE / 10.0  # testosterone, 28.842 ng/dL per nmol/L
MOLAR_MASS_CORTISOL = 362.46  # g/mol
NMOLL_PER_UGDL_CORTISOL = 1e4 / MOLAR_MASS_CORTISOL  # 27.59 nmol/L per µg/dL
MUL_PER_UGL_GH = 3.0  # GH, mU/L per µg/L (WHO somatropin standard 98/574: 3 IU per mg)


def _key(text) -> str:
    """A unit or analyte name as looked up: lower case, no spaces, µ and μ written u."""
    return str(text).strip().lower().replace(" ", "").replace("µ", "u").replace("μ", "u")


@dataclass(frozen=True)
class Analyte:
    """One measured substance: its units, how they convert, and what a person can have.

    Attributes
    ----------
    name : str
        The name used by :func:`convert` (looked up without regard to case).
    canonical : str
        The unit the factors refer to.
    factors : mapping of str to float
        How many of each unit make one canonical unit (``factors[canonical] == 1``); for
        glucose, ``factors["mg/dL"] == 18.016`` because 1 mmol/L = 18.016 mg/dL.
    aliases : mapping of str to str
        Other spellings of a unit, mapped to its name in ``factors``; case, spaces and µ/μ/u
        are ignored in look-ups anyway.
    plausible : tuple of float
        Lowest and highest value a living person can have, in the canonical unit.
    plausible_source : str
        Where those bounds come from.
    source : str
        Where the factors come from.
    zeros : mapping of str to float
        For a unit that differs by an offset (HbA1c in mmol/mol), the canonical value at which
        it reads 0; a value ``v`` in such a unit is ``v / factor + zero`` canonical units.
    plausible_rounded : mapping of str to tuple of float
        Bounds in other units, as rounded figures, where they are not simply the canonical
        bounds converted; :meth:`plausible_in` returns them.
    name_aliases : tuple of str
        Other names of the analyte accepted by :func:`convert`.
    """

    name: str
    canonical: str
    factors: dict
    plausible: tuple
    plausible_source: str
    source: str
    aliases: dict = field(default_factory=dict)
    zeros: dict = field(default_factory=dict)
    plausible_rounded: dict = field(default_factory=dict)
    name_aliases: tuple = ()

    def __post_init__(self):
        for attr in ("factors", "aliases", "zeros", "plausible_rounded"):
            object.__setattr__(self, attr, MappingProxyType(dict(getattr(self, attr))))
        lookup = {_key(u): u for u in self.factors}
        lookup.update({_key(a): u for a, u in self.aliases.items()})
        object.__setattr__(self, "_lookup", MappingProxyType(lookup))

    __hash__ = object.__hash__

    @property
    def units(self) -> tuple:
        """The unit names, canonical first."""
        return tuple(self.factors)

    def unit(self, unit, name: str = "unit") -> str:
        """The name in :attr:`factors` of ``unit``, whatever its spelling.

        Raises
        ------
        ValueError
            For a unit the analyte does not have, naming it and listing the known units.
        """
        found = self._lookup.get(_key(unit))
        if found is None:
            known = ", ".join(self.factors)
            raise ValueError(f"{name}={unit!r} is not a unit of {self.name}; known units: {known}")
        return found

    def plausible_in(self, unit) -> tuple:
        """Bounds of :attr:`plausible` in ``unit`` (the rounded figures where given)."""
        unit = self.unit(unit)
        if unit in self.plausible_rounded:
            return self.plausible_rounded[unit]
        return tuple(float(_from_canonical(self, x, unit)) for x in self.plausible)

    def with_factor(self, unit: str, factor: float) -> Analyte:
        """A copy with another factor for ``unit`` (the insulin factor is a choice, see above)."""
        return replace(self, factors={**self.factors, self.unit(unit): factor})


def _to_canonical(analyte: Analyte, value, unit: str):
    factor, zero = analyte.factors[unit], analyte.zeros.get(unit, 0.0)
    if factor == 1.0 and zero == 0.0:
        return value
    return value / factor + zero if zero else value / factor


def _from_canonical(analyte: Analyte, value, unit: str):
    factor, zero = analyte.factors[unit], analyte.zeros.get(unit, 0.0)
    if factor == 1.0 and zero == 0.0:
        return value
    return factor * (value - zero) if zero else factor * value


GLUCOSE = Analyte(
    "glucose", "mmol/L", {"mmol/L": 1.0, "mg/dL": MGDL_PER_MMOLL},
    plausible=(0.8, 85.0),
    plausible_rounded={"mg/dL": (15.0, 1500.0)},
    plausible_source=("bounds set here: below 15 mg/dL (0.8 mmol/L) or above 1500 mg/dL (85 mmol/L) a "
                      "value is not survivable in that unit but ordinary in the other one"),
    source="molar mass of glucose, 180.16 g/mol", aliases={"mM": "mmol/L"})
INSULIN = Analyte(
    "insulin", "uU/mL", {"uU/mL": 1.0, "pmol/L": PMOLL_PER_UUML},
    plausible=(0.0, 5000.0),
    plausible_rounded={"pmol/L": (0.0, 30000.0)},
    plausible_source=("bounds set here: fasting values are a few to a few tens of µU/mL and peaks after "
                      "a meal a few hundred; thousands occur only with an insulinoma or an overdose"),
    source="WHO human insulin standard (Vølund 1993; Heinemann 2010)",
    aliases={"µU/mL": "uU/mL", "uIU/mL": "uU/mL", "mU/L": "uU/mL", "mIU/L": "uU/mL", "pM": "pmol/L"},
    name_aliases=("plasma insulin",))
HBA1C = Analyte(
    "HbA1c", "%", {"%": 1.0, "mmol/mol": IFCC_PER_NGSP_SLOPE}, zeros={"mmol/mol": NGSP_INTERCEPT},
    plausible=(3.0, 20.0),
    plausible_source="bounds set here: outside 3-20 % an assay result is not interpretable",
    source="IFCC-NGSP master equation (Hoelzel et al. 2004)",
    aliases={"percent": "%", "NGSP": "%", "DCCT": "%", "IFCC": "mmol/mol"},
    name_aliases=("A1c", "glycated haemoglobin", "glycated hemoglobin"))
TRIGLYCERIDES = Analyte(
    "triglycerides", "mmol/L", {"mmol/L": 1.0, "mg/dL": TG_MGDL_PER_MMOLL},
    plausible=(0.06, 120.0),
    plausible_rounded={"mg/dL": (5.0, 10600.0)},
    plausible_source=("about 10 000 mg/dL (120 mmol/L) is reached only in the rare severe "
                      "chylomicronaemias; bounds set here"),
    source="molar mass of triolein, 885.7 g/mol", name_aliases=("TG", "triglyceride"))
HDL = Analyte(
    "HDL", "mmol/L", {"mmol/L": 1.0, "mg/dL": HDL_MGDL_PER_MMOLL},
    plausible=(0.05, 5.2),
    plausible_rounded={"mg/dL": (2.0, 200.0)},
    plausible_source=("HDL cholesterol falls to a few mg/dL in Tangier disease and rarely exceeds "
                      "200 mg/dL; bounds set here"),
    source="molar mass of cholesterol, 386.65 g/mol", name_aliases=("HDL cholesterol", "HDL-C"))
TESTOSTERONE = Analyte(
    "testosterone", "nmol/L",
    {"nmol/L": 1.0, "ng/dL": NGDL_PER_NMOLL, "pmol/L": 1000.0, "pg/mL": MOLAR_MASS_TESTOSTERONE},
    plausible=(0.02, 175.0),
    plausible_rounded={"ng/dL": (0.5, 5000.0)},
    plausible_source=("bounds set here: below the quantification limit of assays, or far above the "
                      "highest levels with doping, a total testosterone is not a person's"),
    source="molar mass of testosterone, 288.42 g/mol", aliases={"nM": "nmol/L"},
    name_aliases=("total testosterone",))
CORTISOL = Analyte(
    "cortisol", "ug/dL", {"ug/dL": 1.0, "nmol/L": NMOLL_PER_UGDL_CORTISOL},
    plausible=(0.0, 200.0),
    plausible_source=("bounds set here, wide: Rizza et al. (1982) raised plasma cortisol to 37 µg/dL; "
                      "beyond 200 µg/dL (5500 nmol/L) a value is a typing or unit error"),
    source="molar mass of cortisol, 362.46 g/mol", aliases={"µg/dL": "ug/dL"})
GH = Analyte(
    "GH", "ug/L", {"ug/L": 1.0, "mU/L": MUL_PER_UGL_GH},
    plausible=(0.0, 500.0),
    plausible_source=("bounds set here, wide: the growth-hormone lesson infuses up to 102 mU/L "
                      "(34 µg/L; Fowelin et al. 1991); beyond 500 µg/L a value is an error"),
    source="WHO somatropin standard 98/574, 3 IU per mg",
    aliases={"µg/L": "ug/L", "ng/mL": "ug/L", "mIU/L": "mU/L", "uIU/mL": "mU/L", "µIU/mL": "mU/L"},
    name_aliases=("growth hormone", "somatotropin"))

ANALYTES = MappingProxyType({a.name: a for a in (GLUCOSE, INSULIN, HBA1C, TRIGLYCERIDES, HDL,
                                                  TESTOSTERONE, CORTISOL, GH)})
_ANALYTE_LOOKUP = {_key(n): a for a in ANALYTES.values() for n in (a.name, *a.name_aliases)}


def analyte(name) -> Analyte:
    """The :class:`Analyte` called ``name`` (case-insensitive; "growth hormone" finds GH).

    Raises
    ------
    ValueError
        For an unknown analyte, listing the known ones.
    """
    if isinstance(name, Analyte):
        return name
    found = _ANALYTE_LOOKUP.get(_key(name))
    if found is None:
        raise ValueError(f"analyte={name!r} is not in the unit registry; known analytes: "
                         f"{', '.join(ANALYTES)}")
    return found


def check_plausible(value, analyte_name, unit, name: str = "value"):
    """Check that values are positive, finite and within the analyte's plausible range in ``unit``.

    Returns the values (a float for a scalar); the message of the ValueError names the argument,
    the value, the unit and the bounds, and suggests the other unit of a two-unit analyte.
    """
    a = analyte(analyte_name)
    unit = a.unit(unit)
    value = positive(value, name, unit) if not a.zeros else _finite(value, name, unit)
    low, high = a.plausible_in(unit)
    arr = np.asarray(value)
    if np.any(arr < low) or np.any(arr > high):
        others = [u for u in a.units if u != unit]
        hint = f"; did you mean {others[0]}?" if len(others) == 1 else ""
        raise ValueError(f"{name}={_show(value)} {unit} is outside the range a living person can have "
                         f"({low:g}-{high:g} {unit}){hint}")
    return value


def _finite(value, name, unit):
    arr = as_float_array(value, name, unit)
    return float(arr) if arr.ndim == 0 else arr


def convert(value, analyte_name, from_unit: str, to_unit: str, *, check: bool = True):
    """Convert a concentration of one analyte between two of its units.

    Parameters
    ----------
    value : float or array_like
        The value(s) in ``from_unit``.
    analyte_name : str or Analyte
        One of :data:`ANALYTES` ("glucose", "insulin", "HbA1c", "triglycerides", "HDL",
        "testosterone", "cortisol", "GH"), case-insensitive; a few other names are accepted
        ("growth hormone", "A1c").
    from_unit, to_unit : str
        Units of that analyte, in any spelling it lists (``ANALYTES[name].units`` and
        ``.aliases``): "uU/mL", "µU/mL", "µIU/mL" and "mU/L" are one insulin unit.
    check : bool, default True
        Refuse values that are not finite and positive, or outside the plausible range in
        ``from_unit`` (:func:`check_plausible`).

    Returns
    -------
    float or numpy.ndarray
        The value(s) in ``to_unit``: a float for a scalar, an array for an array.

    Raises
    ------
    ValueError
        For an unknown analyte or unit (the message names it and lists the known ones), or,
        with ``check``, for an impossible value (named with its unit and the bounds).

    Examples
    --------
    The Lesson 1 person has a fasting glucose of 92 mg/dL and insulin of 11 µU/mL:

    >>> round(convert(92, "glucose", "mg/dL", "mmol/L"), 2)
    5.11
    >>> convert(11, "insulin", "µIU/mL", "pmol/L")
    66.0
    >>> round(convert(6.5, "HbA1c", "%", "mmol/mol"), 1)
    47.5
    >>> convert([1.0, 3.0], "GH", "ug/L", "mU/L")
    array([3., 9.])
    >>> convert(5.0, "glucose", "mg/dL", "mmol/L")
    Traceback (most recent call last):
    ...
    ValueError: value=5.0 mg/dL is outside the range a living person can have (15-1500 mg/dL); did you mean mmol/L?
    >>> convert(5.0, "glucose", "mmol/L", "g/L")
    Traceback (most recent call last):
    ...
    ValueError: to_unit='g/L' is not a unit of glucose; known units: mmol/L, mg/dL
    """
    a = analyte(analyte_name)
    src, dst = a.unit(from_unit, "from_unit"), a.unit(to_unit, "to_unit")
    if check:
        value = check_plausible(value, a, src, "value")
    else:
        value = _finite(value, "value", src)
    if src == dst:
        return value
    return _from_canonical(a, _to_canonical(a, value, src), dst)


# -- glucose and insulin: the first converters, kept with their own messages ----------------------
def glucose_unit(unit: str, name: str = "glucose_unit") -> str:
    """Return the canonical spelling ("mg/dL" or "mmol/L") of a glucose unit."""
    try:
        return GLUCOSE.unit(unit, name)
    except ValueError:
        raise ValueError(f"{name}={unit!r}: expected 'mg/dL' or 'mmol/L'") from None


def insulin_unit(unit: str, name: str = "insulin_unit") -> str:
    """Return the canonical spelling ("uU/mL" or "pmol/L") of an insulin unit.

    µU/mL, µIU/mL, mU/L and mIU/L are the same quantity and are all accepted.
    """
    try:
        return INSULIN.unit(unit, name)
    except ValueError:
        raise ValueError(f"{name}={unit!r}: expected 'uU/mL' (also µU/mL, mU/L) or 'pmol/L'") from None


def check_glucose(value, unit: str, name: str = "glucose"):
    """Check that glucose values are positive, finite and plausible in ``unit``.

    Raises
    ------
    ValueError
        If a value is not positive or lies outside the survivable range for the stated unit,
        with a message that suggests the other unit when that explains the value.
    """
    return check_plausible(value, GLUCOSE, glucose_unit(unit), name)


def check_insulin(value, unit: str, name: str = "insulin"):
    """Check that insulin values are positive, finite and below the highest a living person shows
    (5000 µU/mL, 30 000 pmol/L); return them unchanged."""
    unit = insulin_unit(unit)
    value = positive(value, name, unit)
    high = INSULIN.plausible_in(unit)[1]
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
    return convert(value, GLUCOSE, src, dst, check=False)


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

    Examples
    --------
    >>> convert_insulin(10.0, "uU/mL", "pmol/L")
    60.0
    """
    src, dst = insulin_unit(from_unit, "from_unit"), insulin_unit(to_unit, "to_unit")
    value = check_insulin(value, src, "value")
    factor = positive(factor, "factor", "pmol/L per uU/mL")
    registry = INSULIN if factor == PMOLL_PER_UUML else INSULIN.with_factor("pmol/L", factor)
    return convert(value, registry, src, dst, check=False)


MINUTES_PER_DAY = 1440.0
# S_I's units, each with the minutes it counts over: the two clocks of the lessons, and their short names.
SI_CLOCKS = {"1/min per uU/mL": 1.0, "per minute": 1.0, "mL/uU/day": MINUTES_PER_DAY, "per day": MINUTES_PER_DAY}


def convert_insulin_sensitivity(value, from_unit: str, to_unit: str):
    """Convert insulin sensitivity S_I between the minute clock and the day clock.

    The minimal model and the Lesson 1 loop count S_I per minute (1/min per µU/mL, i.e.
    mL/µU/min); Topp 2000 and Ha 2016 count it per day (mL/µU/day). The two differ only by the
    1440 minutes of a day, so the healthy reference's 8.1e-4 per minute is 1.17 per day.

    Parameters
    ----------
    value : float or array_like
        S_I in ``from_unit``; zero or more.
    from_unit, to_unit : {"1/min per uU/mL", "mL/uU/day"}
        The units (also accepted: "per minute", "per day").

    Returns
    -------
    float or numpy.ndarray
        The same sensitivity in ``to_unit``.

    Examples
    --------
    >>> round(convert_insulin_sensitivity(8.1e-4, "1/min per uU/mL", "mL/uU/day"), 3)
    1.166
    >>> round(convert_insulin_sensitivity(0.72, "per day", "per minute"), 6)
    0.0005
    """
    for name, unit in (("from_unit", from_unit), ("to_unit", to_unit)):
        if unit not in SI_CLOCKS:
            raise ValueError(f"{name}={unit!r}: expected one of {list(SI_CLOCKS)}")
    value = positive(value, "value", from_unit, allow_zero=True)
    return value * SI_CLOCKS[to_unit] / SI_CLOCKS[from_unit]

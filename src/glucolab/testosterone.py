"""Testosterone on a laboratory report: units, and free and bioavailable testosterone.

In blood, testosterone is mostly bound: tightly to sex hormone-binding globulin (SHBG) and
loosely to albumin; 1-3 % is free. *Free* testosterone is the unbound part; *bioavailable*
testosterone is free plus albumin-bound, since albumin lets go quickly enough for tissues to
take it up. Two people with the same total testosterone can differ several-fold in free
testosterone when their SHBG differs, which is why SHBG matters in obesity, insulin
resistance and polycystic ovary syndrome (insulin lowers hepatic SHBG production).

Units
    Testosterone, C19H28O2, has a molar mass of 288.42 g/mol, so 1 nmol/L = 288.42 ng/L
    = 28.84 ng/dL and 1 pmol/L = 0.2884 pg/mL.

Free testosterone (Vermeulen, Verdonck & Kaufman 1999)
    Mass action with one binding site per SHBG molecule, K_SHBG = 1.0e9 L/mol, and albumin
    in large excess, K_alb = 3.6e4 L/mol (albumin 69 kDa). With N = 1 + K_alb·[Alb] the
    totals satisfy TT = N·FT + K_SHBG·[SHBG]·FT / (1 + K_SHBG·FT), a quadratic in FT::

        a = N·K_SHBG,  b = N + K_SHBG·([SHBG] − TT),  a·FT² + b·FT − TT = 0
        FT = 2·TT / (b + sqrt(b² + 4·a·TT))          (the positive root, written stably)
        bioavailable = N·FT

    Vermeulen et al. found this calculation agreed closely with equilibrium dialysis across
    men and women. It is an estimate: it assumes the published constants hold for everyone,
    and newer work questions the single-site binding of SHBG (Zakharov et al. 2015).

Nothing here is a diagnosis or medical advice.

References
----------
Vermeulen A, Verdonck L, Kaufman JM. A critical evaluation of simple methods for the estimation
    of free testosterone in serum. J Clin Endocrinol Metab 1999;84:3666-3672.
Zakharov MN, Bhasin S, Travison TG, et al. A multi-step, dynamic allosteric model of
    testosterone's binding to sex hormone binding globulin. Mol Cell Endocrinol
    2015;399:190-200.
Travison TG, Vesper HW, Orwoll E, et al. Harmonized reference ranges for circulating
    testosterone levels in men of four cohort studies in the United States and Europe.
    J Clin Endocrinol Metab 2017;102:1161-1173.
Vesper HW, Wang Y, Vidal M, Botelho JC, Caudill SP. Serum total testosterone concentrations in
    the US household population from the NHANES 2011-2012 study population. Clin Chem
    2015;61:1495-1504.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .units import MOLAR_MASS_TESTOSTERONE, NGDL_PER_NMOLL, TESTOSTERONE, convert  # noqa: F401
from .validation import _show, in_range, positive

# The molar mass (288.42 g/mol) and NGDL_PER_NMOLL are in the unit registry, glucolab.units.
K_SHBG = 1.0e9  # association constant of SHBG for testosterone, L/mol (Vermeulen et al. 1999)
K_ALBUMIN = 3.6e4  # association constant of albumin for testosterone, L/mol (Vermeulen et al. 1999)
ALBUMIN_MOLAR_MASS = 69_000.0  # g/mol (Vermeulen et al. 1999)
ALBUMIN_DEFAULT_GDL = 4.3  # g/dL, the usual default of the calculation
ALBUMIN_RANGE_GDL = (2.0, 6.0)  # serum albumin outside this is not physiological or a unit slip
SHBG_RANGE_NMOLL = (0.5, 500.0)  # nmol/L

_T_UNITS = {"nmol/l": "nmol/L", "nm": "nmol/L", "ng/dl": "ng/dL"}
_RESULT_UNITS = {"nmol/l": "nmol/L", "pmol/l": "pmol/L", "pg/ml": "pg/mL", "ng/dl": "ng/dL"}
_PER_NMOLL = TESTOSTERONE.factors  # nmol/L, pmol/L, pg/mL and ng/dL per nmol/L
# Outside the registry's bounds a value is not a total testosterone anyone has in that unit (below
# the quantification limit of assays, or far above the highest doping levels), but it is ordinary
# in the other unit: 450 "nmol/L" is 450 ng/dL, and 0.3 "ng/dL" is 0.3 nmol/L.


def testosterone_unit(unit, name: str = "unit") -> str:
    """Canonical spelling ("nmol/L" or "ng/dL") of a testosterone unit; a missing unit is an error."""
    if unit is None:
        raise ValueError(f"{name}=None: testosterone needs a unit, expected 'nmol/L' or 'ng/dL' "
                         "(1 nmol/L = 28.84 ng/dL)")
    key = str(unit).strip().lower().replace(" ", "")
    if key not in _T_UNITS:
        raise ValueError(f"{name}={unit!r}: expected 'nmol/L' or 'ng/dL'")
    return _T_UNITS[key]


def canonical_result_unit(unit, name: str = "result_unit") -> str:
    """Canonical spelling of a unit for free or bioavailable testosterone."""
    key = str(unit).strip().lower().replace(" ", "")
    if key not in _RESULT_UNITS:
        raise ValueError(f"{name}={unit!r}: expected 'nmol/L', 'pmol/L', 'pg/mL' or 'ng/dL'")
    return _RESULT_UNITS[key]


def check_testosterone(value, unit, name: str = "total_t"):
    """Check that total testosterone values are positive and plausible in ``unit``.

    Raises
    ------
    ValueError
        For a missing or unknown unit, a value that is not positive, or a value outside the
        plausible range for the unit (the message suggests the other unit and converts).
    """
    unit = testosterone_unit(unit)
    value = positive(value, name, unit)
    low, high = TESTOSTERONE.plausible_in(unit)
    arr = np.asarray(value)
    if np.any((arr < low) | (arr > high)):
        other = "ng/dL" if unit == "nmol/L" else "nmol/L"
        factor = NGDL_PER_NMOLL if unit == "nmol/L" else 1.0 / NGDL_PER_NMOLL
        as_other = arr / factor
        raise ValueError(
            f"{name}={_show(value)} {unit} is outside the range of total testosterone in "
            f"people ({low:g}-{high:g} {unit}); did you mean {other}? "
            f"({_show(value)} {other} = {_show(np.round(as_other, 3))} {unit})")
    return value


def convert_testosterone(value, from_unit: str, to_unit: str):
    """Convert total testosterone between nmol/L and ng/dL (1 nmol/L = 28.84 ng/dL).

    Examples
    --------
    >>> round(convert_testosterone(15.0, "nmol/L", "ng/dL"), 1)
    432.6
    """
    source = testosterone_unit(from_unit, "from_unit")
    value = check_testosterone(value, source, "value")
    return convert(value, TESTOSTERONE, source, testosterone_unit(to_unit, "to_unit"), check=False)


def _albumin_gdl(albumin, albumin_unit: str):
    key = str(albumin_unit).strip().lower().replace(" ", "")
    if key not in ("g/dl", "g/l"):
        raise ValueError(f"albumin_unit={albumin_unit!r}: expected 'g/dL' or 'g/L'")
    value = positive(albumin, "albumin", albumin_unit)
    gdl = value / 10.0 if key == "g/l" else value
    low, high = ALBUMIN_RANGE_GDL
    if np.any((np.asarray(gdl) < low) | (np.asarray(gdl) > high)):
        hint = ""
        if key == "g/dl" and np.all((np.asarray(value) >= 10 * low) & (np.asarray(value) <= 10 * high)):
            hint = f"; did you mean g/L? ({_show(value)} g/L = {_show(np.asarray(value) / 10)} g/dL)"
        raise ValueError(f"albumin={_show(value)} {albumin_unit}: expected serum albumin between "
                         f"{low:g} and {high:g} g/dL ({10 * low:g}-{10 * high:g} g/L){hint}")
    return gdl


@dataclass(frozen=True)
class FreeTestosterone:
    """Free and bioavailable testosterone from total testosterone, SHBG and albumin.

    Attributes
    ----------
    free, bioavailable : float or numpy.ndarray
        In :attr:`unit`.
    unit : str
        Unit of ``free`` and ``bioavailable``.
    free_nmol, bioavailable_nmol, total_nmol, shbg_bound_nmol, albumin_bound_nmol : float or numpy.ndarray
        The same quantities in nmol/L.
    percent_free, percent_bioavailable : float or numpy.ndarray
        Shares of the total, %.
    shbg_nmol : float or numpy.ndarray
        SHBG used, nmol/L.
    albumin_gdl : float or numpy.ndarray
        Albumin used, g/dL.
    """

    free: np.ndarray
    bioavailable: np.ndarray
    unit: str
    free_nmol: np.ndarray
    bioavailable_nmol: np.ndarray
    total_nmol: np.ndarray
    shbg_bound_nmol: np.ndarray
    albumin_bound_nmol: np.ndarray
    percent_free: np.ndarray
    percent_bioavailable: np.ndarray
    shbg_nmol: np.ndarray
    albumin_gdl: np.ndarray

    def __str__(self) -> str:
        if np.ndim(self.free):
            return f"FreeTestosterone(arrays of shape {np.shape(self.free)}, unit {self.unit})"
        return (f"free {self.free:.4g} {self.unit} ({self.percent_free:.2f} % of total), "
                f"bioavailable {self.bioavailable:.4g} {self.unit} ({self.percent_bioavailable:.1f} %)")


def free_testosterone(total_t, shbg, albumin=ALBUMIN_DEFAULT_GDL, *, unit=None,
                      albumin_unit: str = "g/dL", result_unit: str = "nmol/L") -> FreeTestosterone:
    """Free and bioavailable testosterone by the mass-action method of Vermeulen et al. (1999).

    Parameters
    ----------
    total_t : float or array_like
        Total testosterone, in ``unit``.
    shbg : float or array_like
        SHBG, nmol/L (0.5 to 500).
    albumin : float or array_like, default 4.3
        Serum albumin, in ``albumin_unit`` (2 to 6 g/dL).
    unit : {"nmol/L", "ng/dL"}
        Unit of ``total_t``. Required: the same number means different things in the two units.
    albumin_unit : {"g/dL", "g/L"}, default "g/dL"
    result_unit : {"nmol/L", "pmol/L", "pg/mL", "ng/dL"}, default "nmol/L"
        Unit of the returned ``free`` and ``bioavailable``.

    Returns
    -------
    FreeTestosterone

    Raises
    ------
    ValueError
        For a missing or unknown unit, values that are not positive, total testosterone that is
        implausible in its unit (with a suggestion of the other unit), SHBG outside 0.5-500 nmol/L,
        or albumin outside 2-6 g/dL.

    Examples
    --------
    >>> r = free_testosterone(15.0, 40.0, unit="nmol/L", result_unit="pmol/L")
    >>> round(float(r.free), 1), round(float(r.percent_free), 2)
    (273.5, 1.82)
    """
    t_unit = testosterone_unit(unit, "unit")
    out_unit = canonical_result_unit(result_unit)
    total = check_testosterone(total_t, t_unit, "total_t")
    total_nmol = total / NGDL_PER_NMOLL if t_unit == "ng/dL" else total
    shbg_nmol = in_range(positive(shbg, "shbg", "nmol/L"), "shbg", *SHBG_RANGE_NMOLL, "nmol/L")
    albumin_gdl = _albumin_gdl(albumin, albumin_unit)

    tt = np.asarray(total_nmol) * 1e-9  # mol/L
    s = np.asarray(shbg_nmol) * 1e-9
    alb = np.asarray(albumin_gdl) * 10.0 / ALBUMIN_MOLAR_MASS  # g/dL -> g/L -> mol/L
    n = 1.0 + K_ALBUMIN * alb
    a = n * K_SHBG
    b = n + K_SHBG * (s - tt)
    ft = 2.0 * tt / (b + np.sqrt(b * b + 4.0 * a * tt))
    free_nmol = ft * 1e9
    bio_nmol = n * free_nmol
    total_b = np.broadcast_to(np.asarray(total_nmol, dtype=float), np.shape(free_nmol))
    per = _PER_NMOLL[out_unit]
    values = dict(
        free=free_nmol * per, bioavailable=bio_nmol * per, unit=out_unit,
        free_nmol=free_nmol, bioavailable_nmol=bio_nmol, total_nmol=total_b,
        shbg_bound_nmol=total_b - bio_nmol, albumin_bound_nmol=bio_nmol - free_nmol,
        percent_free=100.0 * free_nmol / total_b, percent_bioavailable=100.0 * bio_nmol / total_b,
        shbg_nmol=shbg_nmol, albumin_gdl=albumin_gdl)
    if np.ndim(free_nmol) == 0:
        values = {k: (float(v) if k != "unit" else v) for k, v in values.items()}
    return FreeTestosterone(**values)

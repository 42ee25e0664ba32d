"""Lifestyle and drug mechanisms written as parameter changes of the Ha-Satin-Sherman model.

Each entry of :data:`MECHANISMS` says which model parameter a mechanism moves, by how much,
and where that size comes from. Some sizes were measured in people; others are illustrative,
because no study reports them in the units of the model, and the entry says so. These are
mechanisms to explore in a model, not recommendations: nothing here says who should do or
take what, or in which dose.

How the factors act (see :class:`glucolab.models.ha2016.Intervention`):

* ``SI_factor`` multiplies the level towards which insulin sensitivity heads (the untreated
  floor, 0.18 mL/µU/day), so 1.56 means a target 56 % higher;
* ``EG0_factor`` multiplies glucose uptake that needs no insulin;
* ``R0_factor`` multiplies glucose production by the liver;
* ``secretion_factor`` multiplies insulin secretion at every glucose level, so the extra
  secretion is larger when glucose is high and small when it is normal.

When several mechanisms are combined their factors are multiplied: the model assumes that
they act independently, which trials have not shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import ha2016 as ha


@dataclass(frozen=True)
class Mechanism:
    """One mechanism as a change of model parameters.

    Attributes
    ----------
    acts_on : str
        What the mechanism changes in the body, in words.
    SI_factor, EG0_factor, R0_factor, secretion_factor : float
        Multipliers of the S_I target, insulin-independent uptake, liver glucose output and
        insulin secretion (1 = unchanged).
    size : str
        Where the size comes from ("measured: ..." or "illustrative: ...").
    source : str
        Primary literature.
    not_modelled : str
        Parts of the mechanism this model cannot represent.
    """

    acts_on: str
    size: str
    source: str
    not_modelled: str
    SI_factor: float = 1.0
    EG0_factor: float = 1.0
    R0_factor: float = 1.0
    secretion_factor: float = 1.0


MECHANISMS = {
    "exercise training": Mechanism(
        acts_on="muscle takes up more glucose, with insulin (S_I) and without it (EG0)",
        SI_factor=1.56, EG0_factor=1.20,
        size=("measured: after 12 weeks of cycling at the lactate threshold (60 min/day, 5 days/week), "
              "8 healthy young adults had S_I 12.6 -> 19.7 x 1e-4 (+56 %) and glucose effectiveness "
              "0.71 -> 0.85 x 1e-2 dL/kg/min (+20 %), measured 16 h after the last session"),
        source="Nishida Y, Tokuyama K, Nagasaka S, et al. Diabetes 2004;53:315-320",
        not_modelled=("the extra uptake during and just after each session; that the gain fades within "
                      "days when training stops; gains in people who already have diabetes may differ")),
    "weight loss (very-low-energy diet)": Mechanism(
        acts_on="less fat in the liver, so the liver releases less glucose (R0)",
        R0_factor=0.8,
        size=("illustrative: a 20 % fall in R0. Measured: fasting glucose fell from 9.2 to 5.9 mmol/L "
              "within 7 days of a 600 kcal/day diet in 11 people with type 2 diabetes, as liver fat "
              "fell and the liver's response to insulin returned"),
        source="Lim EL, Hollingsworth KG, Aribisala BS, et al. Diabetologia 2011;54:2506-2514",
        not_modelled=("the slower return of first-phase insulin secretion as pancreatic fat falls (weeks); "
                      "the rise of S_I with lasting weight loss; regain of weight")),
    "metformin": Mechanism(
        acts_on="the liver releases less glucose (R0)",
        R0_factor=0.76,
        size=("measured: endogenous glucose production fell by 24 % after 3 months in 7 people with "
              "poorly controlled type 2 diabetes (mostly by less gluconeogenesis). Contrary finding: "
              "in recent-onset type 2 diabetes it rose while glucose fell (Gormsen et al. 2019)"),
        source=("Hundal RS, Krssak M, Dufour S, et al. Diabetes 2000;49:2063-2069; Gormsen LC, "
                "Sondergaard E, Christensen NL, et al. Diabetologia 2019;62:1251-1256"),
        not_modelled="effects in the gut, on appetite and on body weight"),
    "GLP-1 receptor agonist": Mechanism(
        acts_on="beta cells secrete more insulin when glucose is high (secretion), glucose-dependently",
        secretion_factor=1.5,
        size=("illustrative: secretion x 1.5. Measured: an infusion of GLP-1 brought fasting glucose "
              "from 13.1 mmol/L to normal within 4 h in 10 people with type 2 diabetes, and insulin "
              "fell back towards basal once glucose was normal"),
        source=("Nauck MA, Kleine N, Orskov C, et al. Diabetologia 1993;36:741-744; gastric emptying: "
                "Nauck MA, Niedereichholz U, Ettler R, et al. Am J Physiol 1997;273:E981-E988"),
        not_modelled=("slower gastric emptying (the model has no meals), less glucagon, less appetite and "
                      "the weight loss that follows")),
}


def intervention_for(names, start_day: float, params: ha.HaParams = ha.PARAMS) -> ha.Intervention:
    """An :class:`~glucolab.models.ha2016.Intervention` combining the named mechanisms.

    Parameters
    ----------
    names : str or sequence of str
        Keys of :data:`MECHANISMS`.
    start_day : float
        Day the mechanisms begin to act, days.
    params : HaParams
        Supplies the untreated S_I floor that ``SI_factor`` multiplies.

    Returns
    -------
    Intervention
        Factors multiplied across mechanisms; the S_I target is capped at the starting S_I.

    Examples
    --------
    >>> iv = intervention_for(["exercise training", "metformin"], start_day=365)
    >>> round(iv.SI_target, 4), iv.EG0_factor, iv.R0_factor
    (0.2808, 1.2, 0.76)
    """
    names = [names] if isinstance(names, str) else list(names)
    unknown = [n for n in names if n not in MECHANISMS]
    if unknown or not names:
        raise ValueError(f"names={names!r}: expected one or more of {sorted(MECHANISMS)}")
    factors = {"SI_factor": 1.0, "EG0_factor": 1.0, "R0_factor": 1.0, "secretion_factor": 1.0}
    for name in names:
        for key in factors:
            factors[key] *= getattr(MECHANISMS[name], key)
    si = factors.pop("SI_factor")
    target = None if si == 1.0 else min(params.SI_floor * si, params.SI0)
    return ha.Intervention(start_day, SI_target=target, **factors)

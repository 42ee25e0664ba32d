"""The package's published models as :class:`~glucolab.export.spec.ModelSpec` descriptions.

Every value is read from the model's own module (``glucolab.models.*``), so an export cannot
drift from what the lessons run; this module adds the units, the meaning and the source of each
value. :data:`EXPORTS` names what ``glucolab export-sbml`` offers, each with the lessons'
scenarios:

============  ==============================================================  ========
name          model                                                           lessons
============  ==============================================================  ========
minimal       Bergman's minimal model driven by the measured insulin of the  1, 2
              FSIGT of Pacini & Bergman (1986), with this package's fit
feedback      the glucose-insulin loop of Lesson 1 after a 75-g meal          1
gut           the oral glucose submodel of Dalla Man et al. (2007) alone      4
ogtt          the loop of Lesson 1 fed by that gut: a 75-g OGTT               4
topp          the βIG model of Topp et al. (2000), time in days               3
ha2016        the model of Ha, Satin & Sherman (2016), with its interventions 8
============  ==============================================================  ========

Examples
--------
>>> spec = build("gut", "type 2 diabetes")
>>> spec.parameter("kabs").value, spec.parameter("kabs").unit
(0.023, '1/min')
>>> list(EXPORTS["topp"].scenarios)[:2]
['published parameters', 'S_I falls over 10 years']
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable

from ..data import load_fsigt
from ..models import feedback as fb
from ..models import gut as gt
from ..models import ha2016 as ha
from ..models import topp as tp
from ..models.minimal import PARAM_UNITS, IVGTTFit, fit_ivgtt
from ..units import PMOLL_PER_UUML
from ..validation import in_range, positive
from .spec import Assignment, Event, ModelSpec, Parameter, Reference, State

# -- the papers --------------------------------------------------------------------------------
BERGMAN_1979 = Reference("Bergman RN, Ider YZ, Bowden CR, Cobelli C. Quantitative estimation of insulin "
                         "sensitivity. Am J Physiol 1979;236:E667-E677.",
                         doi="10.1152/ajpendo.1979.236.6.E667", pubmed="443421")
BERGMAN_1981 = Reference("Bergman RN, Phillips LS, Cobelli C. Physiologic evaluation of factors controlling "
                         "glucose tolerance in man. J Clin Invest 1981;68:1456-1467.",
                         doi="10.1172/JCI110398", pubmed="7033284")
PACINI_1986 = Reference("Pacini G, Bergman RN. MINMOD: a computer program to calculate insulin sensitivity and "
                        "pancreatic responsivity from the frequently sampled intravenous glucose tolerance test. "
                        "Comput Methods Programs Biomed 1986;23:113-122.", doi="10.1016/0169-2607(86)90106-9")
TOPP_2000 = Reference("Topp B, Promislow K, deVries G, Miura RM, Finegood DT. A model of beta-cell mass, insulin, "
                      "and glucose kinetics: pathways to diabetes. J Theor Biol 2000;206:605-619.",
                      doi="10.1006/jtbi.2000.2150", pubmed="11013117")
HA_2016 = Reference("Ha J, Satin LS, Sherman AS. A mathematical model of the pathogenesis, prevention, and reversal "
                    "of type 2 diabetes. Endocrinology 2016;157:624-635.", doi="10.1210/en.2015-1564")
HA_FILES = Reference("Ha J, Satin LS, Sherman AS. XPP files of the human runs: Models/Pathogenesis/human.ode, "
                     "Models/Pathogenesis/fig7_human_prevention.set and, at commit e08f09237f34, "
                     "Models/fig7_human_early.set, Models/fig7_human_late.set and Models/fig8_human.set; GitHub "
                     "repository artielbm/artielbm.github.io.")
DALLA_MAN_2002 = Reference("Dalla Man C, Caumo A, Cobelli C. The oral glucose minimal model: estimation of insulin "
                           "sensitivity from a meal test. IEEE Trans Biomed Eng 2002;49:419-429.",
                           doi="10.1109/10.995680", pubmed="12002173")
DALLA_MAN_2006 = Reference("Dalla Man C, Camilleri M, Cobelli C. A system model of oral glucose absorption: "
                           "validation on gold standard data. IEEE Trans Biomed Eng 2006;53:2472-2478.",
                           doi="10.1109/TBME.2006.883792", pubmed="17153204")
DALLA_MAN_2007 = Reference("Dalla Man C, Rizza RA, Cobelli C. Meal simulation model of the glucose-insulin system. "
                           "IEEE Trans Biomed Eng 2007;54:1740-1749.",
                           doi="10.1109/TBME.2007.893506", pubmed="17926672")
NAUCK_1986 = Reference("Nauck MA, Homberger E, Siegel EG, et al. Incretin effects of increasing glucose loads in "
                       "man calculated from venous insulin and C-peptide responses. J Clin Endocrinol Metab "
                       "1986;63:492-498.")
BERGMAN_1989 = Reference("Bergman RN. Toward physiological understanding of glucose tolerance: minimal-model "
                         "approach. Diabetes 1989;38:1512-1527.")
MEIER_2010 = Reference("Meier JJ, Nauck MA. Is the diminished incretin effect in type 2 diabetes just an "
                       "epi-phenomenon of impaired beta-cell function? Diabetes 2010;59:1117-1125.")

RUN_NOTE = ("The starting values are those the package starts from; after changing a parameter that moves the "
            "fasting state, set the starting values to the new steady state (for example with a steady-state "
            "task in COPASI) or the run begins with a transient.")


def _hill(x: str, half: str, n: str) -> str:
    """The Hill function x^n / (half^n + x^n), written with the dimensionless ratio x/half."""
    return f"({x} / {half})^{n} / (1 + ({x} / {half})^{n})"


# -- Bergman's minimal model -------------------------------------------------------------------
def minimal_spec(fit: IVGTTFit | None = None) -> ModelSpec:
    """The minimal model with the FSIGT of Pacini & Bergman (1986) as its insulin input.

    The measured insulin enters as a piecewise-linear function of time whose corners are model
    parameters (``tI_1``, ``I_1``, ... ), the same linear interpolation the package uses, so
    COPASI, tellurium and roadrunner run it without events or data files; replacing those
    parameters runs the model on another test.

    Parameters
    ----------
    fit : IVGTTFit, optional
        The fit whose parameters are written; default :func:`~glucolab.models.minimal.fit_ivgtt`
        on the Pacini & Bergman data (about a second).
    """
    if fit is None:
        d = load_fsigt()
        fit = fit_ivgtt(d.time, d.glucose, d.insulin)
    refs = (PACINI_1986, BERGMAN_1979)
    fitted = (f"fitted by glucolab (glucolab.models.minimal.fit_ivgtt, samples from t = {fit.t_min:g} min) to "
              "the FSIGT of Pacini & Bergman (1986); asymptotic standard error {se:.2g}")
    names = {"G0": "glucose just after the bolus has mixed, extrapolated to t = 0",
             "SG": "glucose effectiveness S_G", "SI": "insulin sensitivity S_I = p3/p2",
             "p2": "rate constant of remote insulin action"}
    units = {**PARAM_UNITS, "SI": "mL/uU/min"}  # 1/min per µU/mL
    params = [Parameter(k, fit.params[k], units[k], names[k], fitted.format(se=fit.stderr[k]), refs)
              for k in ("G0", "SG", "SI", "p2")]
    params += [Parameter("Gb", fit.Gb, "mg/dL", "basal glucose", "basal sample (t = 0) of the same FSIGT", refs),
               Parameter("Ib", fit.Ib, "uU/mL", "basal insulin", "basal sample (t = 0) of the same FSIGT", refs)]
    n = len(fit.times)
    for i in range(n):
        params.append(Parameter(f"tI_{i + 1}", fit.times[i], "min", f"time of insulin sample {i + 1}",
                                f"sample {i + 1} of {n} of the FSIGT of Pacini & Bergman (1986)", (PACINI_1986,)))
        params.append(Parameter(f"I_{i + 1}", fit.insulin[i], "uU/mL", f"plasma insulin at sample {i + 1}",
                                f"sample {i + 1} of {n} of the FSIGT of Pacini & Bergman (1986)", (PACINI_1986,)))
    pieces = ["I_1", "time < tI_1"]
    for i in range(2, n + 1):
        a, b = i - 1, i
        pieces += [f"I_{a} + (I_{b} - I_{a}) * (time - tI_{a}) / (tI_{b} - tI_{a})", f"time < tI_{b}"]
    insulin = f"piecewise({', '.join(pieces)}, I_{n})"
    return ModelSpec(
        id="minimal_model_fsigt", name="Bergman minimal model, FSIGT of Pacini & Bergman (1986)",
        time_unit="min",
        description=(
            "Bergman's minimal model of glucose disappearance (Bergman et al. 1979; Bergman, Phillips & Cobelli "
            "1981): dG/dt = -(S_G + X) G + S_G G_b and dX/dt = -p2 X + p2 S_I (I(t) - I_b), with G(0) = G0 and "
            "X(0) = 0. Time 0 is the glucose bolus.",
            "The insulin I(t) is the measured plasma insulin of one normal subject (Pacini & Bergman 1986), "
            f"interpolated linearly between its {n} samples (parameters tI_k, I_k) and held at the first and last "
            "sample outside them. Replace these parameters to run the model on another test.",
            "S_G, S_I, p2 and G0 are this package's least-squares fit to that subject's glucose from t = "
            f"{fit.t_min:g} min on (RMSE {fit.rmse:.1f} mg/dL), as shown in Lessons 1 and 2.",
        ),
        references=(BERGMAN_1979, BERGMAN_1981, PACINI_1986),
        parameters=tuple(params),
        states=(
            State("G", fit.G0, "mg/dL", "plasma glucose", "-(SG + X) * G + SG * Gb", "G0 (fitted)",
                  initial_formula="G0"),
            State("X", 0.0, "1/min", "remote insulin action", "-p2 * X + p2 * SI * (I - Ib)",
                  "0: no insulin action above basal before the bolus"),
        ),
        assignments=(Assignment("I", insulin, "uU/mL", "plasma insulin (measured, interpolated)"),),
    )


# -- the loop of Lesson 1, and the OGTT of Lesson 4 ---------------------------------------------------
def _person_sources(p: fb.Person, label: str) -> dict:
    """Where each of the person's values comes from: (text, references) by field name."""
    healthy = fb.PRESETS["healthy"]
    preset = (f"Lesson 1 preset {label!r}: an illustrative value, in the direction of the minimal-model group means "
              "reviewed by Bergman (1989)")
    same = {
        "SI": "healthy reference: the minimal-model S_I fitted by glucolab to the FSIGT of Pacini & Bergman (1986)",
        "SG": "healthy reference: S_G(FSIGT) - S_I I_b (glucose effectiveness at zero insulin)",
        "beta": "1 = the healthy reference", "incretin": "1 = the healthy reference",
        "body_mass_kg": "the lessons' adult body mass (illustrative)",
    }
    out = {k: ((same[k], (PACINI_1986,)) if getattr(p, k) == getattr(healthy, k) else (preset, (BERGMAN_1989,)))
           for k in same}
    if p.incretin != healthy.incretin:
        out["incretin"] = (f"Lesson 1 preset {label!r}: in type 2 diabetes the incretin effect supplies less than "
                           "20 % of the insulin response (Meier & Nauck 2010)", (MEIER_2010,))
    return out


def _gut_parts(params: gt.GutParameters, label: str):
    """Parameters, states and assignments of the Dalla Man gut (dose D in g, body mass BW)."""
    source = f"Dalla Man, Rizza & Cobelli (2007), Table 1, {label} subjects"
    refs = (DALLA_MAN_2007, DALLA_MAN_2006)
    meaning = {"kmax": "highest rate of gastric emptying", "kmin": "lowest rate of gastric emptying",
               "kabs": "rate of intestinal absorption", "kgri": "rate of grinding (solid to liquid phase)",
               "f": "fraction of the dose that appears in plasma",
               "b": "fraction of the dose in the stomach where k_empt has fallen half way to kmin",
               "d": "fraction of the dose in the stomach where k_empt has risen half way back to kmax"}
    parameters = tuple(Parameter(k, getattr(params, k), "1/min" if k.startswith("k") else "1", v, source, refs)
                       for k, v in meaning.items())
    states = (
        State("Qsto1", 0.0, "mg", "glucose in the stomach, solid phase", "-kgri * Qsto1",
              "the whole dose, swallowed at t = 0", initial_formula="D * mg_per_g"),
        State("Qsto2", 0.0, "mg", "glucose in the stomach, liquid phase", "kgri * Qsto1 - k_empt * Qsto2", "empty"),
        State("Qgut", 0.0, "mg", "glucose in the small intestine", "k_empt * Qsto2 - kabs * Qgut", "empty"),
    )
    assignments = (
        Assignment("Qsto", "Qsto1 + Qsto2", "mg", "glucose in the stomach"),
        Assignment("alpha_e", "5 / (2 * D * mg_per_g * (1 - b))", "1/mg", "steepness of the first fall of k_empt"),
        Assignment("beta_e", "5 / (2 * D * mg_per_g * d)", "1/mg", "steepness of the late rise of k_empt"),
        Assignment("k_empt", "kmin + (kmax - kmin) / 2 * (tanh(alpha_e * (Qsto - b * D * mg_per_g)) "
                             "- tanh(beta_e * (Qsto - d * D * mg_per_g)) + 2)", "1/min", "rate of gastric emptying"),
        Assignment("Ra", "f * kabs * Qgut / BW", "mg/kg/min", "rate of appearance of ingested glucose in plasma"),
    )
    return parameters, states, assignments


def _dose(carbs_g: float, what: str) -> tuple:
    source = "the lessons' load: 75 g, the adult OGTT dose (ADA)" if carbs_g == 75.0 else "scenario value"
    return (Parameter("D", carbs_g, "g", what, source),
            Parameter("mg_per_g", 1000.0, "mg/g", "milligrams per gram", "definition"))


def feedback_spec(person="healthy", carbs_g: float = 75.0, *, gut="normal", drink: bool = False) -> ModelSpec:
    """The glucose-insulin loop of Lesson 1 (:mod:`glucolab.models.feedback`) fed by the Dalla Man gut.

    Parameters
    ----------
    person : str or Person, default "healthy"
        A preset name of :data:`glucolab.models.feedback.PRESETS` or a Person.
    carbs_g : float, default 75
        Carbohydrate eaten at t = 0, g (above 0 and at most 150).
    gut : str or GutParameters, default "normal"
        The gut's parameters ("normal", "type 2 diabetes" or a set); its three compartments feed
        the loop.
    drink : bool, default False
        Name and describe the run as the OGTT of Lesson 4 (a glucose drink) rather than the meal of
        Lesson 1; the equations are the same.
    """
    label = person if isinstance(person, str) else "given"
    if isinstance(person, str):
        if person not in fb.PRESETS:
            raise ValueError(f"person={person!r}: expected one of {', '.join(repr(n) for n in fb.PRESETS)} or a Person")
        person = fb.PRESETS[person]
    carbs_g = in_range(carbs_g, "carbs_g", 1e-3, fb.RANGES["carbs_g"][1], "g")
    g0, i0 = fb.fasting_state(person.SI, person.SG, person.beta)
    src = _person_sources(person, label)
    ref_fit = "the healthy reference: glucolab's minimal-model fit of the FSIGT of Pacini & Bergman (1986)"
    ha_src = "Ha, Satin & Sherman (2016), human beta-cell secretion curve"
    params = [
        Parameter("G_ref", fb.REF_GLUCOSE, "mg/dL", "basal glucose of the healthy reference", ref_fit, (PACINI_1986,)),
        Parameter("I_ref", fb.REF_INSULIN, "uU/mL", "basal insulin of the healthy reference", ref_fit, (PACINI_1986,)),
        Parameter("SI_ref", fb.REF_SI, "mL/uU/min", "insulin sensitivity of the healthy reference", ref_fit,
                  (PACINI_1986,)),
        Parameter("SG_FSIGT", fb.REF_SG_FSIGT, "1/min", "glucose effectiveness at basal insulin, healthy reference",
                  ref_fit, (PACINI_1986,)),
        Parameter("p2", fb.P2, "1/min", "rate constant of insulin action", ref_fit, (PACINI_1986, BERGMAN_1981)),
        Parameter("R0", fb.R0, "mg/dL/min", "net glucose release at zero glucose",
                  "set so that the healthy reference rests at G_ref: R0 = SG_FSIGT G_ref", formula="SG_FSIGT * G_ref"),
        Parameter("a_M", fb.A_M, "mg/dL", "glucose of half-maximal beta-cell metabolism", ha_src, (HA_2016,)),
        Parameter("a_ISR", fb.A_ISR, "1", "metabolic rate of half-maximal secretion", ha_src, (HA_2016,)),
        Parameter("M_ref", float(fb.REF_GLUCOSE ** 2 / (fb.A_M ** 2 + fb.REF_GLUCOSE ** 2)), "1",
                  "beta-cell metabolic rate at G_ref", "computed: G_ref^2 / (a_M^2 + G_ref^2)",
                  formula="G_ref^2 / (a_M^2 + G_ref^2)"),
        Parameter("k", fb.K_INSULIN, "1/min", "insulin clearance",
                  "Topp et al. (2000): 432 per day = 0.3 per min", (TOPP_2000,)),
        Parameter("S_max", fb.S_MAX, "uU/mL/min", "maximal insulin secretion of the healthy reference",
                  "set so that the healthy reference rests at I_ref: S_max = k I_ref / f(G_ref)",
                  formula="k * I_ref * (a_ISR^2 + M_ref^2) / M_ref^2"),
        Parameter("V", fb.V_GLUCOSE, "dL/kg", "glucose distribution volume",
                  "Dalla Man, Caumo & Cobelli (2002)", (DALLA_MAN_2002,)),
        Parameter("k_inc", fb.K_INCRETIN, "kg.min/mg", "incretin gain per unit of ingested-glucose appearance",
                  "sized by glucolab so that the incretin effect supplies 54 % of the healthy reference's insulin "
                  "response to 75 g of oral glucose, inside the 50-70 % measured by Nauck et al. (1986)",
                  (NAUCK_1986,)),
        Parameter("K_DM", 2.30, "pmol.dL/kg/mg", "rate sensitivity of secretion, Dalla Man units",
                  "Dalla Man, Rizza & Cobelli (2007), Table 1, normal subjects (K)", (DALLA_MAN_2007,)),
        Parameter("V_I", 0.05, "L/kg", "insulin distribution volume",
                  "Dalla Man, Rizza & Cobelli (2007), Table 1", (DALLA_MAN_2007,)),
        Parameter("pmol_per_uU", PMOLL_PER_UUML, "pmol.mL/L/uU", "insulin: pmol/L per uU/mL",
                  "the conventional conversion used by glucolab.models.feedback"),
        Parameter("K_D", fb.K_DYNAMIC, "uU.dL/mL/mg", "rate sensitivity of secretion",
                  "K / V_I / 6, from Dalla Man, Rizza & Cobelli (2007)", (DALLA_MAN_2007,),
                  formula="K_DM / V_I / pmol_per_uU"),
        Parameter("k_i", fb.K_DELAY, "1/min", "rate of the delay between plasma insulin and its hold on the liver",
                  "Dalla Man, Rizza & Cobelli (2007), Table 1, normal subjects (k_i)", (DALLA_MAN_2007,)),
        Parameter("k_p3_DM", 0.009, "mg.L/kg/min/pmol", "delayed insulin's hold on hepatic output, Dalla Man units",
                  "Dalla Man, Rizza & Cobelli (2007), Table 1, normal subjects (k_p3)", (DALLA_MAN_2007,)),
        Parameter("k_p3", fb.K_LIVER, "mg.mL/dL/min/uU", "delayed insulin's hold on hepatic output, per uU/mL",
                  "k_p3 of Dalla Man et al. (2007) times 6 pmol/L per uU/mL, over V",
                  (DALLA_MAN_2007,), formula="k_p3_DM * pmol_per_uU / V"),
        Parameter("SI", person.SI, "mL/uU/min", "insulin sensitivity of this person", *src["SI"]),
        Parameter("SG", person.SG, "1/min", "glucose effectiveness at zero insulin of this person", *src["SG"]),
        Parameter("beta", person.beta, "1", "beta-cell responsiveness (1 = healthy reference)", *src["beta"]),
        Parameter("c", person.incretin, "1", "strength of the incretin effect (1 = healthy reference)",
                  *src["incretin"]),
        Parameter("BW", person.body_mass_kg, "kg", "body mass", src["body_mass_kg"][0]),
        Parameter("I_b", i0, "uU/mL", "fasting insulin of this person",
                  "the person's fasting steady state (glucolab.models.feedback.fasting_state)"),
    ]
    gut_label = gut if isinstance(gut, str) else "given"
    gut_params, gut_states, gut_rules = _gut_parts(gt.gut_parameters(gut), gut_label)
    if drink:
        params += [*_dose(carbs_g, "glucose swallowed at t = 0"), *gut_params]
        model_id, title = "glucolab_ogtt", f"Oral glucose tolerance test: gut and feedback loop ({label})"
    else:
        params += [*_dose(carbs_g, "carbohydrate eaten at t = 0"), *gut_params]
        model_id, title = "glucolab_feedback_loop", f"Glucose-insulin feedback loop after a meal ({label})"
    meal = ("The glucose swallowed at t = 0 passes through the stomach and gut of Dalla Man, Rizza & Cobelli "
            f"(2007) ({gut_label} parameters) before it appears in plasma (Ra).")
    refs = (BERGMAN_1981, TOPP_2000, HA_2016, DALLA_MAN_2007, DALLA_MAN_2002, NAUCK_1986)
    return ModelSpec(
        id=model_id, name=title, time_unit="min",
        description=(
            "The closed glucose-insulin loop of glucolab's Lesson 1: Bergman's minimal model with insulin counted "
            "from zero (dG/dt = R0 - H - (S_G + X) G + Ra/V, dX/dt = p2 (S_I I - X)) and insulin secreted by the "
            "beta cells and cleared (dI/dt = ISR - k I).",
            "H = k_p3 (S_I/S_I,ref) (Id - I_b) is the delayed hold of insulin on hepatic glucose output of Dalla Man, "
            "Rizza & Cobelli (2007): insulin reaches the liver through two compartments with rate k_i (I1, Id), and "
            "only insulin above the fasting level I_b counts, so H is zero in the fasting state.",
            "Secretion ISR = beta [S_max f(G) (1 + c k_inc Ra) + K_D max(dG/dt, 0)], with f(G) = M^2/(a_ISR^2 + "
            "M^2) and M = G^2/(a_M^2 + G^2) as in Ha, Satin & Sherman (2016); the incretin factor (1 + c k_inc Ra) "
            "acts while ingested glucose appears, and the rate-sensitive term, from Dalla Man, Rizza & Cobelli "
            "(2007), while glucose rises. dG/dt is the assignment rule dGdt.",
            meal,
            f"Scenario: person {label!r} (S_I = {person.SI:g} mL/uU/min, S_G = {person.SG:g} /min, beta = "
            f"{person.beta:g}, incretin {person.incretin:g}), {carbs_g:g} g at t = 0, starting in the fasting "
            f"state G = {g0:.4f} mg/dL, I = {i0:.4f} uU/mL.",
            RUN_NOTE,
        ),
        references=refs,
        parameters=tuple(params),
        states=(
            State("G", g0, "mg/dL", "plasma glucose", "dGdt", "the person's fasting steady state"),
            State("X", person.SI * i0, "1/min", "insulin action", "p2 * (SI * I - X)",
                  "its steady state S_I I", initial_formula="SI * I"),
            State("I", i0, "uU/mL", "plasma insulin", "ISR - k * I", "the person's fasting steady state"),
            State("I1", i0, "uU/mL", "insulin on its way to the liver, first delay compartment", "k_i * (I - I1)",
                  "the fasting insulin", initial_formula="I_b"),
            State("Id", i0, "uU/mL", "insulin as the liver feels it, after the delay", "k_i * (I1 - Id)",
                  "the fasting insulin", initial_formula="I_b"),
            *gut_states,
        ),
        assignments=(
            *gut_rules,
            Assignment("H", "k_p3 * (SI / SI_ref) * (Id - I_b)", "mg/dL/min",
                       "delayed insulin's extra hold on hepatic glucose output (zero when fasting)"),
            Assignment("dGdt", "R0 - H - (SG + X) * G + Ra / V", "mg/dL/min", "rate of change of glucose"),
            Assignment("M", "G^2 / (a_M^2 + G^2)", "1", "beta-cell metabolic rate"),
            Assignment("f_G", "M^2 / (a_ISR^2 + M^2)", "1", "glucose-driven secretion, fraction of maximum"),
            Assignment("ISR", "beta * (S_max * f_G * (1 + c * k_inc * Ra) "
                              "+ K_D * piecewise(dGdt, dGdt > 0 mg_per_dL_per_min, 0 mg_per_dL_per_min))",
                       "uU/mL/min", "insulin secretion, as plasma insulin per minute"),
        ),
    )


def gut_spec(params="normal", dose_g: float = 75.0, body_mass_kg: float = 78.0) -> ModelSpec:
    """The oral glucose submodel of Dalla Man et al. (2007) alone (:mod:`glucolab.models.gut`).

    Parameters
    ----------
    params : str or GutParameters, default "normal"
        "normal", "type 2 diabetes" or a parameter set.
    dose_g : float, default 75
        Glucose swallowed at t = 0, g (above 0 and at most 150).
    body_mass_kg : float, default 78
        Body mass for Ra, kg (78 kg: the mean of the paper's normal subjects, used in Lesson 4).
    """
    label = params if isinstance(params, str) else "given"
    dose_g = in_range(dose_g, "dose_g", 1e-3, 150.0, "g")
    body_mass_kg = in_range(body_mass_kg, "body_mass_kg", 30.0, 200.0, "kg")
    parameters, states, assignments = _gut_parts(gt.gut_parameters(params), label)
    return ModelSpec(
        id="dalla_man_2007_gut", name=f"Oral glucose absorption, Dalla Man et al. 2007 ({label})", time_unit="min",
        description=(
            "The gastrointestinal submodel of Dalla Man, Rizza & Cobelli (2007): stomach (solid Qsto1 and liquid "
            "Qsto2 phases) and small intestine (Qgut), amounts in mg. Gastric emptying k_empt slows as the stomach "
            "empties and speeds up again at the end; its steepness alpha_e and beta_e follow from the dose, as in "
            "the paper. Ra = f kabs Qgut / BW is the rate of appearance in plasma.",
            f"Scenario: {dose_g:g} g at t = 0, {label} parameters, body mass {body_mass_kg:g} kg (Lesson 4).",
        ),
        references=(DALLA_MAN_2007, DALLA_MAN_2006),
        parameters=(*_dose(dose_g, "glucose swallowed at t = 0"), *parameters,
                    Parameter("BW", body_mass_kg, "kg", "body mass",
                              "78 kg: mean body mass of the normal subjects of Dalla Man et al. (2007), Table 1",
                              (DALLA_MAN_2007,))),
        states=states, assignments=assignments,
    )


# -- Topp et al. 2000 ---------------------------------------------------------------------------
_TOPP_MEANING = {
    "R0": "glucose production at zero glucose", "EG0": "glucose effectiveness at zero insulin",
    "SI": "insulin sensitivity", "sigma": "maximal insulin secretion per mg of beta cells",
    "alpha": "square of the glucose of half-maximal secretion", "k": "insulin clearance",
    "d0": "beta-cell death rate at zero glucose", "r1": "glucose-driven beta-cell growth, linear term",
    "r2": "glucose-driven beta-cell loss, quadratic term",
}


def topp_spec(SI=None, params: tp.ToppParams = tp.PARAMS) -> ModelSpec:
    """The βIG model of Topp et al. (2000) (:mod:`glucolab.models.topp`), time in days.

    Parameters
    ----------
    SI : float or Ramp, optional
        Insulin sensitivity: the published 0.72 mL/µU/day (default), another constant, or a
        :class:`~glucolab.models.topp.Ramp` (written as a piecewise-linear function of time).
    params : ToppParams
        The other parameters (default Topp et al. 2000, Table 1).
    """
    SI = params.SI if SI is None else SI
    ramp = SI if isinstance(SI, tp.Ramp) else None
    start_SI = ramp.start if ramp else positive(SI, "SI", tp.UNITS["SI"])
    start = tp.steady_state(params=params, SI=start_SI)
    g0, i0, b0 = start.glucose, start.insulin, start.beta
    table = "Topp et al. (2000), Table 1"
    parameters = [Parameter(k, getattr(params, k), tp.UNITS[k], _TOPP_MEANING[k], table, (TOPP_2000,))
                  for k in tp.UNITS if k != "SI"]
    if ramp is None:
        parameters.insert(2, Parameter("SI", start_SI, tp.UNITS["SI"], _TOPP_MEANING["SI"],
                                       table if start_SI == tp.PARAMS.SI else "scenario value", (TOPP_2000,)))
        rules, scenario = (), f"S_I = {start_SI:g} mL/uU/day throughout."
    else:
        lesson = "Lesson 3 scenario: S_I changes in a straight line (illustrative)"
        parameters += [Parameter("SI_start", ramp.start, tp.UNITS["SI"], "S_I before the change", lesson),
                       Parameter("SI_end", ramp.end, tp.UNITS["SI"], "S_I after the change", lesson),
                       Parameter("ramp_start", ramp.begin_day, "day", "day the change begins", lesson),
                       Parameter("ramp_days", ramp.over_days, "day", "duration of the change", lesson)]
        middle = ("SI_end, time >= ramp_start + ramp_days, SI_start + (SI_end - SI_start) * (time - ramp_start) / "
                  "ramp_days" if ramp.over_days > 0 else "SI_end")
        rules = (Assignment("SI", f"piecewise(SI_start, time < ramp_start, {middle})", tp.UNITS["SI"],
                            "insulin sensitivity in force"),)
        scenario = (f"S_I moves from {ramp.start:g} to {ramp.end:g} mL/uU/day in a straight line over "
                    f"{ramp.over_days:g} days from day {ramp.begin_day:g}.")
    equilibrium = "the physiological equilibrium for the parameters at day 0 (Topp et al. 2000)"
    return ModelSpec(
        id="topp_2000_betaIG", name="Beta-cell mass, insulin and glucose: Topp et al. (2000)", time_unit="day",
        description=(
            "The betaIG model of Topp et al. (2000): dG/dt = R0 - (EG0 + SI I) G, dI/dt = beta sigma G^2/(alpha + "
            "G^2) - k I, dbeta/dt = (-d0 + r1 G - r2 G^2) beta, with glucose in mg/dL, insulin in uU/mL, "
            "beta-cell mass in mg and time in days.",
            f"Scenario: {scenario} The run starts at the healthy equilibrium G = {g0:.4g} mg/dL, I = {i0:.4g} "
            f"uU/mL, beta = {b0:.4g} mg (Lesson 3).",
            "The model is stiff (insulin relaxes in minutes, beta-cell mass over months): use an implicit "
            "integrator such as CVODE's BDF method (the default of COPASI's deterministic task and of roadrunner).",
        ),
        references=(TOPP_2000,),
        parameters=tuple(parameters),
        states=(State("G", g0, "mg/dL", "plasma glucose", "R0 - (EG0 + SI * I) * G", equilibrium, (TOPP_2000,)),
                State("I", i0, "uU/mL", "plasma insulin", "beta * sigma * G^2 / (alpha + G^2) - k * I", equilibrium,
                      (TOPP_2000,)),
                State("beta", b0, "mg", "beta-cell mass", "(-d0 + r1 * G - r2 * G^2) * beta", equilibrium,
                      (TOPP_2000,))),
        assignments=rules,
    )


# -- Ha, Satin & Sherman 2016 -------------------------------------------------------------------
_HA_TAGS = {
    "T": ("Topp et al. (2000), kept by Ha, Satin & Sherman (2016)", (TOPP_2000, HA_2016)),
    "HSS": ("Ha, Satin & Sherman (2016) and their XPP files", (HA_2016,)),
    "ode": ("Ha, Satin & Sherman (2016), human value in human.ode", (HA_2016,)),
    "set": ("Ha, Satin & Sherman (2016), human set files of Figures 7 and 8 (human.ode carries the rat value)",
            (HA_2016,)),
    "SI": ("Ha, Satin & Sherman (2016), the untreated course of S_I in all four human set files", (HA_2016,)),
    "rise": ("Ha, Satin & Sherman (2016), fig7_human_prevention.set (t_Si2)", (HA_2016,)),
}
_HA_PARAMS = {  # meaning, source tag
    "R0": ("glucose production at zero glucose", "T"), "EG0": ("glucose effectiveness at zero insulin", "T"),
    "k": ("insulin clearance", "HSS"), "BV": ("blood volume", "ode"),
    "Mmax": ("maximal beta-cell metabolic rate", "HSS"), "alpha_M": ("glucose of half-maximal metabolic rate", "HSS"),
    "kM": ("Hill coefficient of the metabolic rate", "HSS"),
    "alpha_ISR": ("M + gamma of half-maximal secretion", "HSS"), "kISR": ("Hill coefficient of secretion", "HSS"),
    "Pmax": ("maximal proliferation (rate Pmax/tau_b)", "HSS"),
    "alpha_P": ("secretion rate of half-maximal proliferation", "HSS"),
    "kP": ("Hill coefficient of proliferation", "HSS"), "Amax": ("maximal apoptosis (rate Amax/tau_b)", "set"),
    "alpha_A": ("metabolic rate of half-maximal apoptosis", "HSS"), "kA": ("Hill coefficient of apoptosis", "HSS"),
    "A_b": ("basal apoptosis (rate A_b/tau_b)", "HSS"), "tau_b": ("time scale of beta-cell mass", "ode"),
    "G_bar": ("range of gamma_inf", "HSS"), "Gs": ("glucose where gamma_inf is mid-range", "HSS"),
    "Gn": ("steepness of gamma_inf", "HSS"), "Gshft": ("downward offset of gamma_inf", "HSS"),
    "tau_g": ("time scale of gamma", "HSS"), "sigma_Gsh": ("glucose shift in the sigma feedback", "HSS"),
    "ISRI_bar": ("maximal secretion-driven sigma", "set"), "ISRI_s": ("half-point of sigma_ISRI", "HSS"),
    "ISRI_n": ("steepness of sigma_ISRI", "HSS"), "ISRI_k": ("weight in sigma_ISRI", "HSS"),
    "sigma_b": ("basal sigma", "HSS"), "MI_bar": ("depth of sigma_MI", "HSS"), "MI_k": ("weight in sigma_MI", "HSS"),
    "MI_s": ("half-point of sigma_MI (in M)", "HSS"), "MI_n": ("steepness of sigma_MI (in M)", "HSS"),
    "tau_sigma": ("time scale of sigma", "ode"), "SI0": ("insulin sensitivity at the start", "ode"),
    "SI_floor": ("where S_I heads without intervention", "SI"), "SI_fall": ("rate of that fall", "SI"),
    "SI_rise": ("rate at which S_I rises after an intervention", "rise"),
}


def ha2016_spec(intervention: ha.Intervention | None = None, params: ha.HaParams = ha.PARAMS, *,
                initial=ha.AUTHORS_START, label: str = "given") -> ModelSpec:
    """The model of Ha, Satin & Sherman (2016) (:mod:`glucolab.models.ha2016`), time in days.

    Insulin sensitivity is a state variable here, dSI/dt = -SI_rate_now (SI - SI_target_now), the
    form of the authors' XPP files; the package solves the same equation exactly. An intervention
    becomes one SBML event at its start day that sets the new S_I target and rate, multiplies
    R0, EG0 and secretion through the ``*_factor`` parameters and, for bariatric surgery, resets
    sigma.

    Parameters
    ----------
    intervention : Intervention, optional
        None for the untreated course.
    params : HaParams
        Model parameters (default: the human values).
    initial : sequence of 5 floats
        Starting glucose, insulin, beta-cell mass, gamma and sigma (default the authors').
    label : str
        Name of the scenario, for the notes.
    """
    p, iv = params, intervention
    y0 = ha.check_state(initial)
    if iv is not None:
        if not isinstance(iv, ha.Intervention):
            raise ValueError(f"intervention={iv!r}: expected an Intervention or None")
        iv.check(ha.MAX_DAYS, p)
    parameters = []
    for f in fields(ha.HaParams):
        meaning, tag = _HA_PARAMS[f.name]
        source, refs = _HA_TAGS[tag]
        parameters.append(Parameter(f.name, getattr(p, f.name), ha.UNITS[f.name], meaning, source, refs))
    lever = "1 = unchanged; an intervention event changes it"
    parameters += [
        Parameter("SI_target_now", p.SI_floor, "mL/uU/day", "level towards which S_I is heading",
                  "SI_floor until an intervention", constant=False),
        Parameter("SI_rate_now", p.SI_fall, "1/day", "rate at which S_I approaches it",
                  "SI_fall until an intervention", constant=False),
        Parameter("R0_factor", 1.0, "1", "multiplier of R0", lever, constant=False),
        Parameter("EG0_factor", 1.0, "1", "multiplier of EG0", lever, constant=False),
        Parameter("secretion_factor", 1.0, "1", "multiplier of insulin secretion", lever, constant=False),
    ]
    events, scenario = (), "no intervention: S_I falls from SI0 towards SI_floor for good."
    if iv is not None:
        source = ha.SCENARIO_SOURCES.get(label, "an intervention given to glucolab.export.models.ha2016_spec")
        parameters += [Parameter("iv_start", iv.start_day, "day", "day the intervention starts", source),
                       Parameter("iv_R0_factor", iv.R0_factor, "1", "R0 multiplier from that day", source),
                       Parameter("iv_EG0_factor", iv.EG0_factor, "1", "EG0 multiplier from that day", source),
                       Parameter("iv_secretion_factor", iv.secretion_factor, "1", "secretion multiplier from that day",
                                 source)]
        changes = [("R0_factor", "iv_R0_factor"), ("EG0_factor", "iv_EG0_factor"),
                   ("secretion_factor", "iv_secretion_factor")]
        if iv.SI_target is not None:
            rate = p.SI_rise if iv.SI_rate is None else iv.SI_rate
            parameters += [Parameter("iv_SI_target", iv.SI_target, "mL/uU/day", "new S_I target", source),
                           Parameter("iv_SI_rate", rate, "1/day", "rate of the rise towards it", source)]
            # A target below S_I on the start day is approached at the untreated rate (ha2016.Intervention).
            changes += [("SI_target_now", "iv_SI_target"),
                        ("SI_rate_now", "piecewise(iv_SI_rate, iv_SI_target >= SI, SI_fall)")]
        if iv.sigma_reset is not None:
            parameters.append(Parameter("iv_sigma", iv.sigma_reset, "mU/mg/day", "sigma set on that day", source))
            changes.append(("sigma", "iv_sigma"))
        events = (Event("intervention", f"intervention ({label})", "time >= iv_start", tuple(changes)),)
        scenario = (f"intervention {label!r} from day {iv.start_day:g}: S_I target "
                    f"{'unchanged' if iv.SI_target is None else format(iv.SI_target, 'g')}, R0 x {iv.R0_factor:g}, "
                    f"EG0 x {iv.EG0_factor:g}, secretion x {iv.secretion_factor:g}"
                    + ("" if iv.sigma_reset is None else f", sigma set to {iv.sigma_reset:g} mU/mg/day") + ".")
    start = "the authors' starting state (human.ode, fig7_human_prevention.set)"
    hill_M, hill_Ms = _hill("G", "alpha_M", "kM"), _hill("G_shifted", "alpha_M", "kM")
    return ModelSpec(
        id="ha_satin_sherman_2016", name=f"Pathogenesis, prevention and reversal of type 2 diabetes: Ha, Satin & "
                                         f"Sherman (2016), {label}", time_unit="day",
        description=(
            "The human model of Ha, Satin & Sherman (2016): Topp's betaIG model with beta-cell function on two "
            "further time scales, the K(ATP)-channel shift gamma (days) and the secretory capacity sigma (months). "
            "Glucose mg/dL, insulin uU/mL, beta-cell mass mg, sigma and secretion rates mU per mg of beta cells per "
            "day, time in days.",
            "Insulin sensitivity SI falls from SI0 towards SI_target_now at the rate SI_rate_now, as in the "
            "authors' files. The parameters R0_factor, EG0_factor and secretion_factor are 1 until an "
            "intervention event changes them.",
            f"Scenario: {scenario}",
            "Below 75 mg/dL of glucose the shifted glucose of the sigma feedback is taken as zero, as in glucolab.",
        ),
        references=(HA_2016, HA_FILES, TOPP_2000),
        parameters=tuple(parameters),
        states=(
            State("G", y0[0], "mg/dL", "plasma glucose", "R0 * R0_factor - (EG0 * EG0_factor + SI * I) * G", start,
                  (HA_2016,)),
            State("I", y0[1], "uU/mL", "plasma insulin", "beta * ISR / BV - k * I", start, (HA_2016,)),
            State("beta", y0[2], "mg", "beta-cell mass", "(P - A - A_b) / tau_b * beta", start, (HA_2016,)),
            State("gamma", y0[3], "1", "shift of beta-cell glucose sensitivity", "(gamma_inf - gamma) / tau_g", start,
                  (HA_2016,)),
            State("sigma", y0[4], "mU/mg/day", "beta-cell function: maximal secretion per mg",
                  "(sigma_inf - sigma) / tau_sigma", start, (HA_2016,)),
            State("SI", p.SI0, "mL/uU/day", "insulin sensitivity", "-SI_rate_now * (SI - SI_target_now)", "SI0",
                  (HA_2016,), initial_formula="SI0"),
        ),
        assignments=(
            Assignment("M", f"Mmax * {hill_M}", "1", "beta-cell metabolic rate"),
            Assignment("ISR", f"secretion_factor * sigma * {_hill('(M + gamma)', 'alpha_ISR', 'kISR')}", "mU/mg/day",
                       "insulin secretion per mg of beta cells"),
            Assignment("P", f"Pmax * {_hill('ISR', 'alpha_P', 'kP')}", "1", "proliferation"),
            Assignment("A", f"Amax * {_hill('M', 'alpha_A', 'kA')}", "1", "apoptosis"),
            Assignment("gamma_inf", "G_bar / (1 + exp(-(G - Gs) / Gn)) - Gshft", "1", "where gamma heads"),
            Assignment("G_shifted", "piecewise(G - sigma_Gsh, G > sigma_Gsh, 0 mg_per_dL)", "mg/dL",
                       "glucose above sigma_Gsh (zero below it)"),
            Assignment("M_s", f"Mmax * {hill_Ms}", "1", "metabolic rate at the shifted glucose"),
            Assignment("ISR_s", f"secretion_factor * sigma * {_hill('(M_s + gamma)', 'alpha_ISR', 'kISR')}",
                       "mU/mg/day", "secretion at the shifted glucose"),
            Assignment("sigma_ISRI", "ISRI_bar / (1 + ISRI_k * exp(-(ISR_s - ISRI_s) / ISRI_n))", "mU/mg/day",
                       "secretion-driven part of sigma_inf"),
            Assignment("sigma_MI", "1 - MI_bar / (1 + MI_k * exp(-(M_s - MI_s) / MI_n))", "1",
                       "metabolic-overload factor of sigma_inf"),
            Assignment("sigma_inf", "sigma_MI * sigma_ISRI + sigma_b", "mU/mg/day", "where sigma heads"),
        ),
        events=events,
    )


# -- the registry -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Export:
    """One exportable model: what it is, for which lessons, and its named scenarios.

    ``scenarios`` maps each name to a function that builds the :class:`ModelSpec`; the first is
    the default.
    """

    summary: str
    lessons: str
    scenarios: dict


def _named(builder: Callable, names, **fixed) -> dict:
    return {name: (lambda name=name: builder(name, **fixed)) for name in names}


# The runs of Lesson 3: the slow fall of S_I over ten years, and the same fall to 0.06 made fast or slow.
TOPP_RUNS = {
    "published parameters": None,
    "S_I falls over 10 years": tp.Ramp.over_years(0.72, 0.18, years=10),
    "S_I falls to 0.06 over one month": tp.Ramp.over_years(0.72, 0.06, years=1 / 12),
    "S_I falls to 0.06 over one year": tp.Ramp.over_years(0.72, 0.06, years=1.0),
}

EXPORTS = {
    "minimal": Export("Bergman's minimal model with the FSIGT of Pacini & Bergman (1986)", "1, 2",
                      {"Pacini & Bergman 1986 FSIGT": minimal_spec}),
    "feedback": Export("the glucose-insulin loop after a 75-g meal, through the Dalla Man gut", "1",
                       _named(feedback_spec, fb.PRESETS)),
    "gut": Export("oral glucose absorption (Dalla Man et al. 2007), 75 g", "4", _named(gut_spec, gt.GUT_PRESETS)),
    "ogtt": Export("a 75-g OGTT: the Dalla Man gut feeding the loop of Lesson 1", "4",
                   _named(feedback_spec, fb.PRESETS, drink=True)),
    "topp": Export("beta-cell mass, insulin and glucose over years (Topp et al. 2000)", "3",
                   {name: (lambda ramp=ramp: topp_spec(ramp)) for name, ramp in TOPP_RUNS.items()}),
    "ha2016": Export("prevention and reversal of type 2 diabetes (Ha, Satin & Sherman 2016)", "8",
                     {name: (lambda name=name: ha2016_spec(ha.SCENARIOS[name], label=name)) for name in ha.SCENARIOS}),
}


def build(model: str, scenario: str | None = None) -> ModelSpec:
    """The :class:`ModelSpec` of a model of :data:`EXPORTS` in one of its scenarios (default the first)."""
    if not isinstance(model, str) or model not in EXPORTS:
        raise ValueError(f"model={model!r}: expected one of {', '.join(repr(n) for n in EXPORTS)}")
    runs = EXPORTS[model].scenarios
    if scenario is None:
        scenario = next(iter(runs))
    if scenario not in runs:
        raise ValueError(f"scenario={scenario!r}: expected one of {', '.join(repr(n) for n in runs)} for model "
                         f"{model!r}")
    return runs[scenario]()

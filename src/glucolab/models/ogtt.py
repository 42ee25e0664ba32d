"""A virtual oral glucose tolerance test (OGTT).

After an overnight fast the person drinks a glucose load (75 g of anhydrous glucose for adults;
ADA 2024) and blood is drawn before the drink and every 30 minutes for two hours. Here the load
enters the blood through the gut model of Dalla Man et al. (2007) (:mod:`.gut`) and meets the
glucose-insulin loop of Lesson 1 (:mod:`.feedback`), which starts in the person's fasting
steady state. :func:`simulate` returns an :class:`OGTTResult`, a time course of the continuous
curves that also holds the five draws a laboratory would report, at 0, 30, 60, 90 and 120 min.
The person's parameters are those of the loop (:data:`PARAMS` and :data:`PRESETS` are
:data:`.feedback.PARAMS` and :data:`.feedback.PRESETS`); ``simulate_ogtt`` is the deprecated old
name of :func:`simulate`.

The gut parameters were fitted to a mixed meal, not to a glucose drink; a drink leaves the
stomach faster than a meal, so the simulated early rise is, if anything, on the slow side.

References
----------
American Diabetes Association Professional Practice Committee. 2. Diagnosis and classification
    of diabetes: Standards of Care in Diabetes-2024. Diabetes Care 2024;47(Suppl 1):S20-S42.
Dalla Man C, Rizza RA, Cobelli C. Meal simulation model of the glucose-insulin system. IEEE
    Trans Biomed Eng 2007;54:1740-1749.
Carpenter MW, Coustan DR. Criteria for screening tests for gestational diabetes. Am J Obstet
    Gynecol 1982;144:768-773 (the 100-g, 3-hour test, the largest load in clinical use).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..deprecation import renamed
from ..validation import _show, as_float_array
from . import feedback
from .gut import EMPTYING_RANGE, MG_PER_G, DallaManGut, GutParameters, gut_parameters
from .timecourse import Range, TimeCourse

SAMPLE_TIMES = (0.0, 30.0, 60.0, 90.0, 120.0)  # min: the five draws of a 2-hour OGTT
STANDARD_DOSE_G = 75.0  # g of anhydrous glucose dissolved in water (ADA 2024)
MAX_DOSE_G = 100.0  # g: the 100-g test for gestational diabetes is the largest load in use

PARAMS = feedback.PARAMS  # the person is a person of the loop: the healthy reference
PRESETS = feedback.PRESETS
# The person's ranges are the loop's; the test adds its own inputs. A dose must also be above 0.
RANGES = {
    **{name: feedback.RANGES[name] for name in ("SI", "SG", "beta", "incretin", "body_mass_kg")},
    "dose_g": Range(0.0, MAX_DOSE_G, "g"),
    "emptying": EMPTYING_RANGE,
    "duration": Range(120.0, 1440.0, "min"),
}


def check_dose(dose_g) -> float:
    """Return the glucose load in g, or raise a ValueError for no load or an unused size."""
    value = float(as_float_array(dose_g, "dose_g", "g"))
    if not 0.0 < value <= MAX_DOSE_G:
        raise ValueError(f"dose_g={_show(dose_g)}: expected a glucose load above 0 and at most "
                         f"{MAX_DOSE_G:g} g (the standard adult test uses {STANDARD_DOSE_G:g} g)")
    return value


@dataclass(frozen=True)
class OGTTSamples:
    """The blood draws of one test.

    Attributes
    ----------
    times : numpy.ndarray
        Minutes after the drink (0, 30, 60, 90, 120).
    glucose : numpy.ndarray
        Plasma glucose, mg/dL.
    insulin : numpy.ndarray
        Plasma insulin, µU/mL.
    """

    times: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray

    def rows(self) -> list[tuple[float, float, float]]:
        """(time min, glucose mg/dL, insulin µU/mL) for each draw, as a lab report lists them."""
        return [(float(t), float(g), float(i)) for t, g, i in zip(self.times, self.glucose, self.insulin)]


@dataclass(frozen=True)
class OGTTResult(TimeCourse):
    """A simulated OGTT: the continuous curves (a time course in min) and the five draws.

    Attributes
    ----------
    time : numpy.ndarray
        Minutes since the drink.
    glucose : numpy.ndarray
        Plasma glucose, mg/dL.
    insulin : numpy.ndarray
        Plasma insulin, µU/mL.
    appearance : numpy.ndarray
        Rate of appearance of the drink's glucose in plasma, mg/kg/min.
    stomach : numpy.ndarray
        Glucose still in the stomach, g.
    intestine : numpy.ndarray
        Glucose in the small intestine, g.
    samples : OGTTSamples
        The five draws.
    dose_g : float
        The glucose load, g.
    person : feedback.Person
        The loop's parameters (S_I, S_G, beta, body mass).
    gut : GutParameters
        The gut's parameters (after any change of the emptying rate).
    """

    time: np.ndarray
    glucose: np.ndarray
    insulin: np.ndarray
    appearance: np.ndarray
    stomach: np.ndarray
    intestine: np.ndarray
    samples: OGTTSamples
    dose_g: float
    person: feedback.Person = field(repr=False)
    gut: GutParameters = field(repr=False)

    TIME_UNIT = "min"
    SERIES = {"glucose": "mg/dL", "insulin": "µU/mL", "appearance": "mg/kg/min", "stomach": "g",
              "intestine": "g"}

    @property
    def fasting_glucose(self) -> float:
        """Glucose at 0 min, mg/dL."""
        return float(self.samples.glucose[0])

    @property
    def two_hour_glucose(self) -> float:
        """Glucose at 120 min, mg/dL."""
        return float(self.samples.glucose[-1])

    def classification(self):
        """ADA categories of the fasting and 2-h values (:func:`glucolab.indices.classify_ogtt`)."""
        from ..indices import classify_ogtt
        return classify_ogtt(self.samples.times, self.samples.glucose, dose_g=self.dose_g)

    def absorbed_fraction(self) -> float:
        """Fraction of the dose that has appeared in plasma by the end of the simulation."""
        ra = self.appearance
        mg = float(np.sum(0.5 * (ra[1:] + ra[:-1]) * np.diff(self.time))) * self.person.body_mass_kg
        return mg / (self.dose_g * MG_PER_G)


def simulate(duration: float = 180.0, *, params: feedback.Person | None = None, dose_g: float = STANDARD_DOSE_G,
             gut="normal", emptying: float = 1.0, step: float = 1.0, **overrides) -> OGTTResult:
    """Simulate an oral glucose tolerance test.

    Parameters
    ----------
    duration : float, default 180
        Length of the simulation, min (120-1440; the draws need the first 120 min).
    params : feedback.Person, optional
        Loop parameters; default the healthy reference of Lesson 1. Keywords ``SI``
        (1/min per µU/mL), ``SG`` (1/min), ``beta`` (× healthy), ``incretin`` and
        ``body_mass_kg`` override single fields.
    dose_g : float, default 75
        Glucose load, g (above 0 and at most 100; 75 g is the standard adult test).
    gut : GutParameters or {"normal", "type 2 diabetes"}, default "normal"
        Gut parameters of Dalla Man et al. (2007).
    emptying : float, default 1
        Gastric emptying rate as a multiple of the published one (0.2-3; below 1 is slower).
    step : float, default 1
        Spacing of the output samples, min (at most 30, so every draw time is a sample).

    Returns
    -------
    OGTTResult

    Examples
    --------
    >>> r = simulate()
    >>> [round(g) for g in r.samples.glucose]
    [92, 141, 112, 99, 98]
    >>> r.classification().overall
    'normal'
    >>> round(r.at(45).stomach, 1)          # g of the drink still in the stomach
    47.7
    >>> round(r.first_time("glucose", 120), 1), round(simulate(emptying=0.5).first_time("glucose", 120), 1)
    (15.2, 26.5)
    """
    dose_g = check_dose(dose_g)
    gut_params = gut_parameters(gut)
    if emptying != 1.0:
        gut_params = gut_params.scaled(emptying)
    duration = float(as_float_array(duration, "duration", "min"))
    if not RANGES["duration"].low <= duration <= RANGES["duration"].high:
        raise ValueError(f"duration={duration:g}: expected 120 to 1440 min (the last draw "
                         "is at 120 min)")
    step = float(as_float_array(step, "step", "min"))
    if not 0.05 <= step <= 30.0 or not np.isclose(30.0 / step, round(30.0 / step)):
        raise ValueError(f"step={step:g}: expected a step between 0.05 and 30 min that "
                         "divides 30 min, so that every draw time is a sample")
    meal = feedback.simulate(duration, params=params, carbs_g=dose_g, step=step,
                             absorption=DallaManGut(gut_params), **overrides)
    index = np.rint(np.asarray(SAMPLE_TIMES) / step).astype(int)
    draws = OGTTSamples(meal.time[index].copy(), meal.glucose[index].copy(), meal.insulin[index].copy())
    states = meal.absorption_states / MG_PER_G
    return OGTTResult(meal.time, meal.glucose, meal.insulin, meal.appearance, states[:, 0] + states[:, 1],
                      states[:, 2], draws, dose_g, meal.person, gut_params)


def _simulate_ogtt(dose_g: float = STANDARD_DOSE_G, person: feedback.Person | None = None, *,
                   gut="normal", emptying: float = 1.0, duration_min: float = 180.0,
                   step_min: float = 1.0, **overrides) -> OGTTResult:
    return simulate(duration_min, params=person, dose_g=dose_g, gut=gut, emptying=emptying, step=step_min,
                    **overrides)


simulate_ogtt = renamed(_simulate_ogtt, "simulate_ogtt", new_name="simulate(duration, dose_g=..., params=...)")

"""Oral glucose absorption: the gastrointestinal submodel of Dalla Man, Rizza & Cobelli (2007).

Glucose that is swallowed passes through three compartments, amounts in mg, time in minutes::

    dQsto1/dt = -kgri Qsto1                          stomach, solid phase (Qsto1(0) = D)
    dQsto2/dt =  kgri Qsto1 - kempt(Qsto) Qsto2      stomach, liquid phase (triturated)
    dQgut/dt  =  kempt(Qsto) Qsto2 - kabs Qgut       small intestine
    Ra        =  f kabs Qgut / BW                    rate of appearance in plasma, mg/kg/min

with Qsto = Qsto1 + Qsto2. Gastric emptying slows down as the stomach empties and speeds up
again at the end: kempt is kmax while the stomach holds most of the dose, falls towards kmin in
between and returns to kmax when it is almost empty::

    kempt(Qsto) = kmin + (kmax - kmin)/2 · {tanh[α(Qsto - b·D)] - tanh[β(Qsto - d·D)] + 2}
    α = 5 / [2 D (1 - b)],   β = 5 / (2 D d)

D is the dose (mg), b and d the fractions of it left in the stomach at which kempt has fallen
half way from kmax to kmin and has come back half way (Dalla Man et al. 2006, 2007). f is the
fraction of the dose that reaches the plasma (the rest is taken up by the gut and liver on the
first pass or not absorbed).

Parameter values are those of Dalla Man et al. (2007, Table 1), obtained from the mean
triple-tracer meal data of normal subjects (BW 78 kg) and of people with type 2 diabetes
(BW 91 kg). The table also prints α and β for its meal (a = 0.00013 and c = 0.00236 per mg in
normal subjects): both correspond to a dose near 106 g through the formulas above, which is
why the model here computes α and β from the dose instead of fixing them.

The gut does not depend on plasma glucose, so it can be solved alone (:func:`simulate`, which
returns a :class:`GutResponse`) or inside the closed loop of :mod:`.feedback`
(:class:`DallaManGut` is the absorption model that :func:`glucolab.models.feedback.simulate`
accepts). :data:`PARAMS` is the normal set and :data:`PRESETS` holds both published ones;
``simulate_gut`` is the deprecated old name of :func:`simulate`.

References
----------
Dalla Man C, Rizza RA, Cobelli C. Meal simulation model of the glucose-insulin system. IEEE
    Trans Biomed Eng 2007;54:1740-1749.
Dalla Man C, Camilleri M, Cobelli C. A system model of oral glucose absorption: validation on
    gold standard data. IEEE Trans Biomed Eng 2006;53:2472-2478.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.integrate import odeint

from ..deprecation import renamed
from ..validation import in_range, positive
from .timecourse import Parameters, Range, TimeCourse

MG_PER_G = 1000.0
EMPTYING_RANGE = Range(0.2, 3.0, "x published rate")  # multiples of the published emptying rates

# Ranges the model accepts; panels use them for sliders.
RANGES = {
    "f": Range(1e-3, 1.0, "(fraction of the dose)"),
    "b": Range(1e-3, 0.999, "(fraction of the dose)"),
    "d": Range(1e-3, 0.999, "(fraction of the dose)"),
    "emptying": EMPTYING_RANGE,
    "dose_g": Range(0.0, 150.0, "g"),
    "body_mass_kg": Range(30.0, 200.0, "kg"),
    "duration": Range(1.0, 1440.0, "min"),
}


@dataclass(frozen=True)
class GutParameters(Parameters):
    """Parameters of the oral glucose submodel (Dalla Man et al. 2007).

    Attributes
    ----------
    kmax, kmin : float
        Highest and lowest rate of gastric emptying, 1/min.
    kabs : float
        Rate of intestinal absorption, 1/min.
    kgri : float
        Rate of grinding (solid to liquid phase in the stomach), 1/min.
    f : float
        Fraction of the dose that appears in plasma, dimensionless (0-1].
    b : float
        Fraction of the dose in the stomach at which kempt has fallen to (kmax + kmin)/2.
    d : float
        Fraction of the dose in the stomach at which kempt has risen back to (kmax + kmin)/2
        (0 < d < b < 1).
    """

    kmax: float
    kmin: float
    kabs: float
    kgri: float
    f: float
    b: float
    d: float

    def __post_init__(self):
        for name in ("kmax", "kmin", "kabs", "kgri"):
            positive(getattr(self, name), name, "1/min")
        if self.kmin > self.kmax:
            raise ValueError(f"kmin={self.kmin:g}: expected kmin <= kmax={self.kmax:g} 1/min")
        for name in ("f", "b", "d"):
            RANGES[name].check(getattr(self, name), name)
        if self.d >= self.b:
            raise ValueError(f"d={self.d:g}: expected d < b={self.b:g} (the stomach refills "
                             "the fast phase only when it is almost empty)")

    def scaled(self, emptying: float) -> "GutParameters":
        """The same stomach with kmax, kmin and kgri multiplied by ``emptying`` (0.2-3).

        The paper sets kgri = kmax, so the three move together; ``emptying`` < 1 is a slower
        stomach. Absorption from the gut (kabs) and the absorbed fraction f do not change.
        """
        factor = EMPTYING_RANGE.check(emptying, "emptying")
        return self.replace(kmax=self.kmax * factor, kmin=self.kmin * factor, kgri=self.kgri * factor)


# Dalla Man, Rizza & Cobelli 2007, Table 1.
NORMAL = GutParameters(kmax=0.0558, kmin=0.0080, kabs=0.057, kgri=0.0558, f=0.90, b=0.82, d=0.010)
TYPE_2 = GutParameters(kmax=0.0465, kmin=0.0076, kabs=0.023, kgri=0.0465, f=0.90, b=0.68, d=0.09)
GUT_PRESETS = {"normal": NORMAL, "type 2 diabetes": TYPE_2}
PUBLISHED_BODY_MASS_KG = {"normal": 78.0, "type 2 diabetes": 91.0}  # same table
PARAMS = NORMAL
PRESETS = GUT_PRESETS  # the same dict under the name every model uses


def gut_parameters(gut) -> GutParameters:
    """Return ``gut`` if it is a :class:`GutParameters`, else the preset of that name."""
    if isinstance(gut, GutParameters):
        return gut
    if gut not in GUT_PRESETS:
        raise ValueError(f"gut={gut!r}: expected one of {sorted(GUT_PRESETS)} or a GutParameters")
    return GUT_PRESETS[gut]


def emptying_rate(stomach_mg, dose_mg: float, params: GutParameters = NORMAL):
    """Rate of gastric emptying kempt, 1/min, for the amount in the stomach.

    Parameters
    ----------
    stomach_mg : float or numpy.ndarray
        Glucose in the stomach, Qsto1 + Qsto2, mg.
    dose_mg : float
        The dose swallowed at t = 0, mg (> 0).
    params : GutParameters

    Returns
    -------
    float or numpy.ndarray
        kempt, between kmin and kmax, 1/min.
    """
    dose_mg = positive(dose_mg, "dose_mg", "mg")
    p = params
    alpha = 5.0 / (2.0 * dose_mg * (1.0 - p.b))
    beta = 5.0 / (2.0 * dose_mg * p.d)
    q = np.asarray(stomach_mg, dtype=float)
    out = p.kmin + 0.5 * (p.kmax - p.kmin) * (np.tanh(alpha * (q - p.b * dose_mg))
                                              - np.tanh(beta * (q - p.d * dose_mg)) + 2.0)
    return float(out) if out.ndim == 0 else out


class DallaManGut:
    """The oral glucose submodel as an absorption model for the feedback loop.

    :func:`glucolab.models.feedback.simulate` integrates these three gut states
    (mg: stomach solid, stomach liquid, intestine) together with glucose and insulin when it
    is given ``absorption=DallaManGut(...)``.

    Parameters
    ----------
    params : GutParameters or str, default "normal"
        The parameter set, or the name of a published one ("normal", "type 2 diabetes").
    """

    n_states = 3

    def __init__(self, params="normal"):
        self.params = gut_parameters(params)
        p = self.params
        self._k = (p.kmax, p.kmin, p.kabs, p.kgri, p.b, p.d)

    def __repr__(self) -> str:
        return f"DallaManGut({self.params!r})"

    def initial_state(self, carbs_g: float) -> tuple[float, float, float]:
        """The whole dose in the solid phase of the stomach, mg."""
        return (carbs_g * MG_PER_G, 0.0, 0.0)

    def derivatives(self, state, carbs_g: float) -> tuple[float, float, float]:
        """d(Qsto1, Qsto2, Qgut)/dt in mg/min for one state (scalar arithmetic, for speed)."""
        kmax, kmin, kabs, kgri, b, d = self._k
        s1, s2, gut = state[0], state[1], state[2]
        dose = carbs_g * MG_PER_G
        if dose <= 0.0:
            return (0.0, 0.0, 0.0)
        q = s1 + s2
        kempt = kmin + 0.5 * (kmax - kmin) * (math.tanh(5.0 * (q - b * dose) / (2.0 * dose * (1.0 - b)))
                                              - math.tanh(5.0 * (q - d * dose) / (2.0 * dose * d)) + 2.0)
        ground, emptied = kgri * s1, kempt * s2
        return (-ground, ground - emptied, emptied - kabs * gut)

    def rate(self, state, body_mass_kg):
        """Rate of appearance in plasma, f·kabs·Qgut/BW, mg/kg/min (state[2] is Qgut)."""
        # The integrator's rounding can leave an amount a hair below zero; no gut releases less than nothing.
        return self.params.f * self.params.kabs * np.maximum(state[2], 0.0) / body_mass_kg


@dataclass(frozen=True)
class GutResponse(TimeCourse):
    """The gut alone after one dose: every compartment over time.

    Attributes
    ----------
    time : numpy.ndarray
        Minutes since the dose.
    stomach_solid, stomach_liquid, intestine : numpy.ndarray
        Glucose in each compartment, mg.
    appearance : numpy.ndarray
        Rate of appearance in plasma, mg/kg/min.
    emptying : numpy.ndarray
        Gastric emptying rate kempt, 1/min.
    dose_g : float
        The dose, g.
    body_mass_kg : float
        Body mass used for Ra, kg.
    params : GutParameters

    The derived series ``stomach`` (both phases, mg) and ``absorbed`` (mg that has appeared in
    plasma) are read like the stored ones, e.g. ``r.at(120).absorbed``.
    """

    time: np.ndarray
    stomach_solid: np.ndarray
    stomach_liquid: np.ndarray
    intestine: np.ndarray
    appearance: np.ndarray
    emptying: np.ndarray
    dose_g: float
    body_mass_kg: float
    params: GutParameters

    TIME_UNIT = "min"
    SERIES = {"stomach_solid": "mg", "stomach_liquid": "mg", "stomach": "mg", "intestine": "mg",
              "appearance": "mg/kg/min", "emptying": "1/min", "absorbed": "mg"}

    @property
    def stomach(self) -> np.ndarray:
        """Glucose left in the stomach, mg."""
        return self.stomach_solid + self.stomach_liquid

    @property
    def absorbed(self) -> np.ndarray:
        """Glucose that has appeared in plasma since the dose, mg (trapezoidal integral of Ra)."""
        steps = 0.5 * (self.appearance[1:] + self.appearance[:-1]) * np.diff(self.time)
        return np.concatenate(([0.0], np.cumsum(steps))) * self.body_mass_kg

    def absorbed_mg(self) -> np.ndarray:
        """The series :attr:`absorbed`, mg."""
        return self.absorbed


def simulate(duration: float = 300.0, *, params: GutParameters | str | None = None, dose_g: float = 75.0,
             body_mass_kg: float = 78.0, step: float = 1.0, **overrides) -> GutResponse:
    """Solve the oral glucose submodel alone for one dose swallowed at t = 0.

    Parameters
    ----------
    duration : float, default 300
        Length of the simulation, min (1-1440).
    params : GutParameters or {"normal", "type 2 diabetes"}, optional
        Parameter set or the name of a published one; default :data:`PARAMS` (normal).
    dose_g : float, default 75
        Glucose swallowed, g (0-150).
    body_mass_kg : float, default 78
        Body mass, kg (30-200; 78 kg is the mean of the normal subjects of the paper).
    step : float, default 1
        Spacing of the output samples, min.
    **overrides
        Single fields of :class:`GutParameters` to change (``kmax``, ``kabs``, ``f`` ...).

    Returns
    -------
    GutResponse

    Examples
    --------
    >>> r = simulate(720, dose_g=75.0)
    >>> round(float(r.absorbed[-1] / 75000), 2)   # f = 0.9 of the dose reaches plasma
    0.9
    >>> round(r.first_time("stomach", 37500, above=False))   # half the dose has left the stomach
    77
    >>> round(simulate(params="type 2 diabetes").at(60).appearance, 2)
    4.89
    """
    model = DallaManGut(gut_parameters(PARAMS if params is None else params).replace(**overrides))
    dose_g = RANGES["dose_g"].check(dose_g, "dose_g")
    body_mass_kg = RANGES["body_mass_kg"].check(body_mass_kg, "body_mass_kg")
    duration = RANGES["duration"].check(duration, "duration")
    step = in_range(step, "step", 0.05, duration, "min")
    t = np.arange(0.0, duration + 0.5 * step, step)
    y = odeint(lambda s, _t: model.derivatives(s, dose_g), model.initial_state(dose_g), t,
               rtol=1e-8, atol=1e-6)
    dose_mg = dose_g * MG_PER_G
    kempt = (emptying_rate(y[:, 0] + y[:, 1], dose_mg, model.params) if dose_mg > 0
             else np.full(t.shape, model.params.kmax))
    return GutResponse(t, y[:, 0], y[:, 1], y[:, 2], model.rate(y.T, body_mass_kg), kempt,
                       dose_g, body_mass_kg, model.params)


def _simulate_gut(dose_g: float = 75.0, params="normal", *, body_mass_kg: float = 78.0,
                  duration_min: float = 300.0, step_min: float = 1.0) -> GutResponse:
    return simulate(duration_min, params=params, dose_g=dose_g, body_mass_kg=body_mass_kg, step=step_min)


simulate_gut = renamed(_simulate_gut, "simulate_gut", new_name="simulate(duration, dose_g=..., params=...)")

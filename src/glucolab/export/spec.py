"""A model as a list of named quantities with units and sources, ready to be written out.

The package's models are Python functions; other tools need them as declarations. A
:class:`ModelSpec` holds one model in that form: parameters (each with its unit, its value and
where the value comes from), state variables with their rates of change, quantities computed at
every moment (assignment rules), changes at set times (events) and the papers behind it all.
Formulas are written in the infix syntax of SBML Level 3 (``^`` for powers, ``piecewise(value,
condition, otherwise)``, ``time`` for the model's clock). Nothing here depends on an SBML
library, so the descriptions can be built and inspected without one.

Units are written as products and quotients of the base units in :data:`BASE_UNITS`, for
example ``"mg/dL/min"``, ``"mL/uU/day"`` or ``"mg^2/dL^2"`` (everything after the first ``/`` is
in the denominator; ``.`` multiplies). ``"1"`` is a pure number.

Examples
--------
>>> unit_factors("uU/mL/min")
{'uU': 1, 'mL': -1, 'min': -1}
>>> unit_id("mg^2/dL^2"), unit_id("1/min"), unit_id("1")
('mg2_per_dL2', 'per_min', 'dimensionless')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The base units the models use, with what each means. The SBML writer turns each into an
# SI unit kind with a scale or multiplier (glucolab.export.sbml).
BASE_UNITS = {
    "min": "minute",
    "day": "day (86400 s)",
    "mg": "milligram",
    "g": "gram",
    "kg": "kilogram",
    "dL": "decilitre",
    "mL": "millilitre",
    "L": "litre",
    "uU": "microunit of insulin (international unit of insulin activity)",
    "mU": "milliunit of insulin (international unit of insulin activity)",
    "pmol": "picomole",
}
_FACTOR = re.compile(r"^([A-Za-z]+)(?:\^(\d+))?$")


def unit_factors(unit: str) -> dict:
    """The base units of ``unit`` with their exponents, e.g. ``{'mg': 1, 'dL': -1}`` for mg/dL.

    Raises
    ------
    ValueError
        If ``unit`` uses a name that is not in :data:`BASE_UNITS` or is not of the form
        ``a.b^2/c/d``.
    """
    factors: dict = {}
    for position, term in enumerate(unit.split("/")):
        sign = 1 if position == 0 else -1
        for part in term.split("."):
            if part == "1" and position == 0:
                continue
            match = _FACTOR.match(part)
            if not match or match.group(1) not in BASE_UNITS:
                raise ValueError(f"unit={unit!r}: expected products and quotients of {', '.join(BASE_UNITS)}, "
                                 f"e.g. 'mg/dL/min'; {part!r} is not one of them")
            name, power = match.group(1), int(match.group(2) or 1)
            factors[name] = factors.get(name, 0) + sign * power
    return {name: power for name, power in factors.items() if power}


def unit_id(unit: str) -> str:
    """An identifier for ``unit`` usable in SBML: ``mg_per_dL_per_min`` for mg/dL/min."""
    if not unit_factors(unit):
        return "dimensionless"
    top, *bottom = unit.split("/")
    words = [] if top == "1" else [top.replace(".", "_").replace("^", "")]
    words += ["per_" + term.replace(".", "_").replace("^", "") for term in bottom]
    return "_".join(words)


@dataclass(frozen=True)
class Reference:
    """A publication a model or a value comes from.

    Attributes
    ----------
    citation : str
        Authors, title, journal, year, volume and pages.
    doi, pubmed : str, optional
        Identifiers, written into the files as MIRIAM annotations (identifiers.org addresses).
    """

    citation: str
    doi: str | None = None
    pubmed: str | None = None

    def uris(self) -> tuple:
        """identifiers.org addresses for the identifiers that are known."""
        out = []
        if self.pubmed:
            out.append(f"https://identifiers.org/pubmed:{self.pubmed}")
        if self.doi:
            out.append(f"https://identifiers.org/doi:{self.doi}")
        return tuple(out)


@dataclass(frozen=True)
class Parameter:
    """A constant of the model (or, with ``constant=False``, one that events may change).

    Attributes
    ----------
    id : str
        Identifier used in the formulas.
    value : float
        Value in ``unit``.
    unit : str
        Unit, in the notation of this module.
    name : str
        What it is, in words.
    source : str
        Where the value comes from.
    refs : tuple of Reference
        The publications behind ``source``.
    formula : str, optional
        If given, the value is computed from other parameters at the start (an initial
        assignment) and ``value`` is what that gives.
    constant : bool, default True
        False for a quantity that an event changes during a run.
    """

    id: str
    value: float
    unit: str
    name: str
    source: str
    refs: tuple = ()
    formula: str | None = None
    constant: bool = True


@dataclass(frozen=True)
class State:
    """A state variable: its starting value and the formula of its rate of change.

    ``unit`` is the unit of the variable; its rate is in ``unit`` per unit of model time.
    ``initial_formula``, if given, computes the starting value from parameters.
    """

    id: str
    initial: float
    unit: str
    name: str
    rate: str
    source: str
    refs: tuple = ()
    initial_formula: str | None = None


@dataclass(frozen=True)
class Assignment:
    """A quantity recomputed from the states at every moment."""

    id: str
    formula: str
    unit: str
    name: str


@dataclass(frozen=True)
class Event:
    """A change at a set time: when ``trigger`` becomes true, each ``(variable, formula)`` pair of
    ``changes`` is applied, with the formulas evaluated at that moment."""

    id: str
    name: str
    trigger: str
    changes: tuple


@dataclass(frozen=True)
class ModelSpec:
    """One model, written out.

    Attributes
    ----------
    id, name : str
        Identifier and title.
    time_unit : str
        "min" or "day".
    description : tuple of str
        Paragraphs for the model's notes: what it is, what the scenario is, how to run it.
    references : tuple of Reference
        The papers that describe the model.
    parameters, states, assignments, events : tuple
        The parts, in the order they are written.
    """

    id: str
    name: str
    time_unit: str
    description: tuple
    references: tuple
    parameters: tuple
    states: tuple
    assignments: tuple = ()
    events: tuple = ()
    units: tuple = field(init=False, repr=False, default=())

    def __post_init__(self):
        seen = set()
        for part in (*self.parameters, *self.states, *self.assignments):
            if part.id in seen:
                raise ValueError(f"{self.id}: the identifier {part.id!r} is used twice")
            seen.add(part.id)
        used = [self.time_unit] + [q.unit for q in (*self.parameters, *self.states, *self.assignments)]
        for unit in used:
            unit_factors(unit)  # raises for a unit that is not understood
        object.__setattr__(self, "units", tuple(dict.fromkeys(used)))

    def parameter(self, pid: str) -> Parameter:
        """The parameter with identifier ``pid``."""
        for p in self.parameters:
            if p.id == pid:
                return p
        raise KeyError(pid)

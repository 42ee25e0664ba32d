"""The published models as SBML files that COPASI, tellurium/libroadrunner and other tools run.

``glucolab export-sbml MODEL -o FILE`` (or :func:`export_sbml`) writes one of the models of
:data:`glucolab.export.models.EXPORTS` as an SBML Level 3 Version 1 file:

* every quantity is a global parameter; state variables change by rate rules, quantities such
  as the rate of appearance of meal glucose by assignment rules, and interventions by events;
* every parameter carries its unit (an SBML unit definition built from SI units: mg/dL is
  gram × 10⁻³ per litre × 10⁻¹), its meaning and the source of its value in its notes, and a
  MIRIAM annotation ``bqbiol:isDescribedBy`` pointing at the paper (PubMed or DOI) where one
  is known;
* the model's notes describe the equations, the scenario and how to run it.

Insulin is counted in international units (U), a measure of biological activity for which SBML
has no unit kind: µU is written as 10⁻⁶ × dimensionless, so that µU/mL, mU/L and the other
combinations still convert correctly into each other. The conversion to moles (about 6 pmol
per µU) is a convention, not a definition, and is left out of the units on purpose.

Files are written with python-libsbml, an optional dependency: ``pip install "glucolab[sbml]"``.
The tests run every export in libroadrunner and compare its trajectories with the package's
own (tests/test_sbml.py).

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     path = export_sbml("topp", pathlib.Path(folder) / "topp.xml")
...     text = path.read_text(encoding="utf-8")
>>> 'id="R0"' in text and 'value="864"' in text
True
>>> export_sbml("toppp", "topp.xml")
Traceback (most recent call last):
...
ValueError: model='toppp': expected one of 'minimal', 'feedback', 'gut', 'ogtt', 'topp', 'ha2016'
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from .. import __version__
from .models import EXPORTS, build
from .spec import ModelSpec, unit_factors, unit_id

SBML_LEVEL, SBML_VERSION = 3, 1
XHTML = "http://www.w3.org/1999/xhtml"

# Each base unit of glucolab.export.spec as an SBML unit kind, a power of ten and a multiplier.
_SBML_BASE = {
    "min": ("second", 0, 60.0),
    "day": ("second", 0, 86400.0),
    "mg": ("gram", -3, 1.0),
    "g": ("gram", 0, 1.0),
    "kg": ("kilogram", 0, 1.0),
    "dL": ("litre", -1, 1.0),
    "mL": ("litre", -3, 1.0),
    "L": ("litre", 0, 1.0),
    "uU": ("dimensionless", -6, 1.0),
    "mU": ("dimensionless", -3, 1.0),
    "pmol": ("mole", -12, 1.0),
}


class MissingDependency(ImportError):
    """python-libsbml is not installed."""


def _libsbml():
    try:
        import libsbml
    except ImportError:
        raise MissingDependency('writing SBML needs python-libsbml: pip install "glucolab[sbml]" '
                                "(or pip install python-libsbml)") from None
    return libsbml


def _check(code: int, what: str) -> None:
    libsbml = _libsbml()
    if code != libsbml.LIBSBML_OPERATION_SUCCESS:
        raise RuntimeError(f"libsbml refused {what}: {libsbml.OperationReturnValue_toString(code)}")


def _pure_numbers(ast) -> None:
    """Mark every number written without a unit as dimensionless, so that unit checkers (libsbml,
    COPASI) can verify each formula; a number that carries a unit is written with it in the
    formula (``0 mg_per_dL``)."""
    if ast.isNumber() and not ast.hasUnits():
        ast.setUnits("dimensionless")
    for i in range(ast.getNumChildren()):
        _pure_numbers(ast.getChild(i))


def _math(formula: str, where: str):
    libsbml = _libsbml()
    ast = libsbml.parseL3Formula(formula)
    if ast is None:
        raise ValueError(f"{where}: the formula {formula!r} could not be read: {libsbml.getLastParseL3Error()}")
    _pure_numbers(ast)
    return ast


def _notes(*paragraphs: str) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f'<body xmlns="{XHTML}">{body}</body>'


def _model_notes(spec: ModelSpec) -> str:
    refs = "".join(f"<li>{escape(r.citation)}</li>" for r in spec.references)
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in spec.description)
    clock = {"min": "minutes", "day": "days"}.get(spec.time_unit, spec.time_unit)
    made = f"<p>Exported from glucolab {escape(__version__)}; time in {clock}.</p>"
    title = f"<h1>{escape(spec.name)}</h1>"
    return f'<body xmlns="{XHTML}">{title}{paragraphs}{made}<h2>References</h2><ul>{refs}</ul></body>'


def _described_by(element, refs, qualifier: str) -> None:
    libsbml = _libsbml()
    uris = [u for r in refs for u in r.uris()]
    if not uris:
        return
    term = libsbml.CVTerm(libsbml.MODEL_QUALIFIER if qualifier == "model" else libsbml.BIOLOGICAL_QUALIFIER)
    if qualifier == "model":
        term.setModelQualifierType(libsbml.BQM_IS_DESCRIBED_BY)
    else:
        term.setBiologicalQualifierType(libsbml.BQB_IS_DESCRIBED_BY)
    for uri in dict.fromkeys(uris):
        _check(term.addResource(uri), f"the annotation {uri}")
    _check(element.addCVTerm(term), f"the annotation of {element.getId()}")


def _unit_definition(model, unit: str) -> None:
    factors = unit_factors(unit)
    if not factors:
        return  # "dimensionless" is built into SBML
    definition = model.createUnitDefinition()
    definition.setId(unit_id(unit))
    definition.setName(unit)
    for base, exponent in factors.items():
        kind, scale, multiplier = _SBML_BASE[base]
        u = definition.createUnit()
        u.setKind(_libsbml().UnitKind_forName(kind))
        u.setExponent(exponent)
        u.setScale(scale)
        u.setMultiplier(multiplier)


def _parameter(model, pid: str, value: float, unit: str, name: str, constant: bool, notes: tuple, refs):
    p = model.createParameter()
    p.setId(pid)
    p.setMetaId(f"meta_{pid}")
    p.setName(name)
    p.setValue(float(value))
    p.setUnits(unit_id(unit))
    p.setConstant(constant)
    _check(p.setNotes(_notes(*notes)), f"the notes of {pid}")
    _described_by(p, refs, "biological")
    return p


def to_sbml(spec: ModelSpec) -> str:
    """The SBML text (Level 3 Version 1) of a :class:`~glucolab.export.spec.ModelSpec`.

    The text is the same on every call: it holds no date or machine-specific content.
    """
    libsbml = _libsbml()
    doc = libsbml.SBMLDocument(SBML_LEVEL, SBML_VERSION)
    model = doc.createModel()
    model.setId(spec.id)
    model.setMetaId(f"meta_{spec.id}")
    model.setName(spec.name)
    for unit in spec.units:
        _unit_definition(model, unit)
    model.setTimeUnits(unit_id(spec.time_unit))
    _check(model.setNotes(_model_notes(spec)), "the model's notes")
    _described_by(model, spec.references, "model")

    for q in spec.parameters:
        _parameter(model, q.id, q.value, q.unit, q.name, q.constant,
                   (f"Unit: {q.unit}.", f"Source: {q.source}"), q.refs)
        if q.formula:
            rule = model.createInitialAssignment()
            rule.setSymbol(q.id)
            rule.setMath(_math(q.formula, f"{spec.id}, initial value of {q.id}"))
    for s in spec.states:
        _parameter(model, s.id, s.initial, s.unit, s.name, False,
                   (f"State variable; unit: {s.unit}; rate of change: d{s.id}/dt = {s.rate}.",
                    f"Starting value: {s.source}"), s.refs)
        if s.initial_formula:
            rule = model.createInitialAssignment()
            rule.setSymbol(s.id)
            rule.setMath(_math(s.initial_formula, f"{spec.id}, initial value of {s.id}"))
    for a in spec.assignments:
        _parameter(model, a.id, 0.0, a.unit, a.name, False, (f"Unit: {a.unit}.", f"Computed: {a.id} = {a.formula}"), ())
        model.getParameter(a.id).unsetValue()
        rule = model.createAssignmentRule()
        rule.setVariable(a.id)
        rule.setMath(_math(a.formula, f"{spec.id}, {a.id}"))
    for s in spec.states:
        rule = model.createRateRule()
        rule.setVariable(s.id)
        rule.setMath(_math(s.rate, f"{spec.id}, rate of {s.id}"))
    for e in spec.events:
        event = model.createEvent()
        event.setId(e.id)
        event.setName(e.name)
        event.setUseValuesFromTriggerTime(True)
        trigger = event.createTrigger()
        trigger.setInitialValue(False)  # so that an event due at time 0 fires at time 0
        trigger.setPersistent(True)
        trigger.setMath(_math(e.trigger, f"{spec.id}, trigger of {e.id}"))
        for variable, formula in e.changes:
            change = event.createEventAssignment()
            change.setVariable(variable)
            change.setMath(_math(formula, f"{spec.id}, {e.id} sets {variable}"))
    return libsbml.writeSBMLToString(doc)


def sbml_text(model, scenario: str | None = None) -> str:
    """The SBML text of a model of :data:`~glucolab.export.models.EXPORTS` (by name, in one of its
    scenarios) or of a :class:`~glucolab.export.spec.ModelSpec`; see :func:`export_sbml`."""
    _libsbml()
    if isinstance(model, ModelSpec):
        if scenario is not None:
            raise ValueError(f"scenario={scenario!r}: a ModelSpec already holds its scenario; pass a scenario only "
                             "with a model name")
        return to_sbml(model)
    return to_sbml(build(model, scenario))


def _writable(output) -> Path:
    try:
        path = Path(output)
    except TypeError:
        raise ValueError(f"output={output!r}: expected a file path such as 'topp.xml'") from None
    if path.is_dir():
        raise ValueError(f"output={str(path)!r}: expected a file path, but this is a folder")
    folder = path.parent
    if not folder.exists():
        raise ValueError(f"output={str(path)!r}: expected a file in an existing folder, but {str(folder)!r} "
                         "does not exist")
    if not folder.is_dir():
        raise ValueError(f"output={str(path)!r}: expected a file in a folder, but {str(folder)!r} is a file")
    if not os.access(folder, os.W_OK):
        raise ValueError(f"output={str(path)!r}: expected a folder you can write to; {str(folder)!r} is not writable")
    return path


def export_sbml(model, output, scenario: str | None = None) -> Path:
    """Write one of the package's published models as an SBML file.

    Parameters
    ----------
    model : str or ModelSpec
        "minimal", "feedback", "gut", "ogtt", "topp" or "ha2016" (:data:`~glucolab.export.models.EXPORTS`),
        or a description built in Python, e.g. ``ha2016_spec(intervention_for("metformin", 365))``
        or ``feedback_spec(Person(SI=4e-4), 50.0)`` from :mod:`glucolab.export.models`.
    output : str or pathlib.Path
        File to write, in an existing folder; an existing file of that name is replaced.
    scenario : str, optional
        One of the model's named scenarios (the lessons' runs); default its first one.
        ``EXPORTS[model].scenarios`` lists them.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For a model or scenario that does not exist, or a path that cannot be written; nothing
        is written then. The file appears only once it is complete (it is written beside its
        final name and then renamed), so a failure never leaves half a file.
    MissingDependency
        If python-libsbml is not installed.
    """
    if not isinstance(model, ModelSpec) and (not isinstance(model, str) or model not in EXPORTS):
        raise ValueError(f"model={model!r}: expected one of {', '.join(repr(n) for n in EXPORTS)}")
    path = _writable(output)
    text = sbml_text(model, scenario)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(temporary, "x", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise ValueError(f"output={str(path)!r}: could not be written ({err.strerror or err})") from None
    return path

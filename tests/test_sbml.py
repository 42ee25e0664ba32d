"""The published models written as SBML (glucolab.export) run in an independent engine,
libroadrunner, and give the package's own trajectories; their units check out, every parameter
names its source, and the values agree with the curated BioModels files where those exist.

How close is close enough. Both sides integrate the same equations with different solvers
(LSODA in the package, CVODE in roadrunner), so they differ by their integration errors. Each
comparison below takes the largest difference over the run, divided by the largest value of the
quantity (so that a quantity that falls to zero, such as beta-cell mass after failure or the
stomach after a meal, is judged on its own scale), and requires it below a stated tolerance.
roadrunner runs at relative and absolute tolerance 1e-12; the package at the tightest tolerance
its function accepts. The tolerances leave a margin of about ten over what was measured when the
tests were written (in brackets):

=========  ======================================  ============  ================
model      package run                             tolerance     measured
=========  ======================================  ============  ================
minimal    simulate, rtol 1e-11                    1e-8          4e-10
feedback   simulate (fixed LSODA rtol 1e-7)        2e-6          2.2e-7
ogtt       simulate (same)                         2e-6          2.0e-7
gut        simulate (fixed rtol 1e-8)              3e-7          2.6e-8
topp       simulate, rtol 1e-10 (its minimum)      5e-8          5e-9
ha2016     simulate, rtol 1e-11 (its minimum)      1e-7          1.3e-8
=========  ======================================  ============  ================

The largest ha2016 difference is in the authors' "early intervention" run, which passes close to
the threshold between recovery and failure, where small differences grow (the package's own
docstring notes the same sensitivity).

No test uses the network: the BioModels values are typed in below with their source.
"""

import sys

import libsbml
import numpy as np
import pytest
import roadrunner

from glucolab import cli
from glucolab.data import load_fsigt
from glucolab.export import models as ex
from glucolab.export.sbml import MissingDependency, export_sbml, sbml_text, to_sbml
from glucolab.export.spec import ModelSpec, Parameter, unit_id
from glucolab.models import feedback as fb
from glucolab.models import gut as gt
from glucolab.models import ha2016 as ha
from glucolab.models import interventions, ogtt
from glucolab.models import topp as tp
from glucolab.models import minimal

# LLJIT compiles a model about five times faster than roadrunner's default (MCJIT); the numbers
# do not depend on the compiler.
roadrunner.Config.setValue(roadrunner.Config.LLVM_BACKEND, roadrunner.Config.LLJIT)
ENGINE_TOL = 1e-12
TOLERANCE = {"minimal": 1e-8, "feedback": 2e-6, "ogtt": 2e-6, "gut": 3e-7, "topp": 5e-8, "ha2016": 1e-7}


@pytest.fixture(scope="module")
def minimal_spec():
    return ex.minimal_spec()  # fits the FSIGT once (about a second)


def engine(source, end: float, points: int, names):
    """Run an SBML file (path) or text in roadrunner; a dict of arrays by name."""
    r = roadrunner.RoadRunner(str(source))
    r.integrator.relative_tolerance = ENGINE_TOL
    r.integrator.absolute_tolerance = ENGINE_TOL
    r.integrator.maximum_num_steps = 100_000
    r.timeCourseSelections = ["time", *names]
    out = r.simulate(0.0, end, points)
    return {n: np.asarray(out[n]) for n in ["time", *names]}


def assert_same(run, package: dict, model: str, what: str):
    tol = TOLERANCE[model]
    for name, ours in package.items():
        err = np.max(np.abs(run[name] - ours)) / np.max(np.abs(ours))
        assert err <= tol, f"{what}, {name}: largest difference {err:.2g} of its largest value, expected <= {tol:g}"


def written(tmp_path, model, scenario=None):
    """Export through the public function, as a user would, and return the file."""
    return export_sbml(model, tmp_path / "model.xml", scenario)


# -- the independent engine gives the package's trajectories -------------------------------------
def test_minimal_model_with_the_measured_insulin(minimal_spec, tmp_path):
    path = export_sbml(minimal_spec, tmp_path / "minimal.xml")
    fsigt = load_fsigt()
    p = {k: minimal_spec.parameter(k).value for k in ("G0", "SG", "SI", "p2", "Gb", "Ib")}
    t = np.linspace(0.0, 182.0, 92)
    ivgtt = minimal.simulate(182.0, step=2.0, insulin_times=fsigt.time, insulin=fsigt.insulin, rtol=1e-11, **p)
    np.testing.assert_array_equal(ivgtt.time, t)
    glucose, action = ivgtt.glucose, ivgtt.remote_insulin
    run = engine(path, 182.0, 92, ["G", "X", "I"])
    assert_same(run, {"G": glucose, "X": action}, "minimal", "FSIGT of Pacini & Bergman")
    # the insulin input is the package's linear interpolation of the samples, and holds after the last
    np.testing.assert_allclose(run["I"], np.interp(t, fsigt.time, fsigt.insulin), rtol=1e-12)
    late = engine(path, 200.0, 3, ["I"])["I"][-1]
    assert late == fsigt.insulin[-1]


@pytest.mark.parametrize("model", ["feedback", "ogtt"])
@pytest.mark.parametrize("person", list(fb.PRESETS))
def test_the_loop_after_a_meal_and_in_the_ogtt(tmp_path, model, person):
    if model == "feedback":  # Lesson 1: 75 g, 300 min
        ref, end = fb.simulate(300.0, params=fb.PRESETS[person], carbs_g=75.0), 300.0
    else:  # Lesson 4: the 75-g OGTT through the normal gut
        ref, end = ogtt.simulate(180.0, params=fb.PRESETS[person]), 180.0
    run = engine(written(tmp_path, model, person), end, len(ref.time), ["G", "I", "Ra"])
    np.testing.assert_array_equal(run["time"], ref.time)
    assert_same(run, {"G": ref.glucose, "I": ref.insulin, "Ra": ref.appearance}, model, person)


@pytest.mark.parametrize("params", list(gt.GUT_PRESETS))
def test_the_gut_alone(tmp_path, params):
    ref = gt.simulate(600.0, params=params, dose_g=75.0, body_mass_kg=78.0)  # as in Lesson 4
    run = engine(written(tmp_path, "gut", params), 600.0, len(ref.time), ["Qsto1", "Qsto2", "Qgut", "Ra", "k_empt"])
    assert_same(run, {"Qsto1": ref.stomach_solid, "Qsto2": ref.stomach_liquid, "Qgut": ref.intestine,
                      "Ra": ref.appearance, "k_empt": ref.emptying}, "gut", params)


@pytest.mark.parametrize("scenario", list(ex.TOPP_RUNS))
def test_topp_over_twenty_years(tmp_path, scenario):
    days = 20 * tp.DAYS_PER_YEAR
    ref = tp.simulate(days, SI=ex.TOPP_RUNS[scenario], samples=1001, rtol=1e-10)
    run = engine(written(tmp_path, "topp", scenario), days, 1001, ["G", "I", "beta", "SI"])
    assert_same(run, {"G": ref.glucose, "I": ref.insulin, "beta": ref.beta, "SI": ref.SI}, "topp", scenario)


HA_RUNS = {name: (iv, name) for name, iv in ha.SCENARIOS.items()}
# Lesson 8's mechanisms, which move EG0, R0 and secretion (a start day off the output grid)
HA_RUNS.update({"+".join(names): (interventions.intervention_for(names, 500.0), None)
                for names in (("exercise training", "metformin"), ("GLP-1 receptor agonist",))})


@pytest.mark.parametrize("run_name", list(HA_RUNS))
def test_ha2016_scenarios_with_events(tmp_path, run_name):
    iv, scenario = HA_RUNS[run_name]
    path = (written(tmp_path, "ha2016", scenario) if scenario else
            export_sbml(ex.ha2016_spec(iv, label=run_name), tmp_path / "m.xml"))
    ref = ha.simulate(ha.FIVE_YEARS, intervention=iv, samples=1001, rtol=1e-11)
    run = engine(path, ha.FIVE_YEARS, 1001, ["G", "I", "beta", "gamma", "sigma", "SI"])
    assert_same(run, {"G": ref.glucose, "I": ref.insulin, "beta": ref.beta, "gamma": ref.gamma,
                      "sigma": ref.sigma, "SI": ref.SI}, "ha2016", run_name)


@pytest.mark.parametrize("scenario", ["prevention", "early intervention", "late intervention"])
def test_roadrunner_reaches_the_end_states_saved_by_the_authors(tmp_path, scenario):
    end = ha.AUTHORS_ENDS[scenario]  # XPP end states of Ha, Satin & Sherman's human set files
    run = engine(written(tmp_path, "ha2016", scenario), end["day"], 2, ["G", "I", "beta", "sigma"])
    for ours, theirs in (("G", "glucose"), ("I", "insulin"), ("beta", "beta"), ("sigma", "sigma")):
        assert run[ours][-1] == pytest.approx(end[theirs], rel=5e-6), ours


# -- units, sources and values ----------------------------------------------------------------
ALL = [(m, s) for m in ex.EXPORTS for s in list(ex.EXPORTS[m].scenarios)[:1]] + [("ha2016", "bariatric surgery")]


def _document(text):
    doc = libsbml.readSBMLFromString(text)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, True)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_MODELING_PRACTICE, True)
    doc.checkConsistency()
    return doc


@pytest.mark.parametrize("model, scenario", ALL)
def test_every_quantity_has_a_unit_a_source_and_the_units_agree(minimal_spec, model, scenario):
    text = to_sbml(minimal_spec) if model == "minimal" else sbml_text(model, scenario)
    doc = _document(text)
    problems = [doc.getError(i).getMessage() for i in range(doc.getNumErrors())]
    assert problems == []  # no errors and no warnings, the unit checks included
    m = doc.getModel()
    assert m.getLevel() == 3 and m.getVersion() == 1 and m.getTimeUnits() in ("min", "day")
    defined = {m.getUnitDefinition(i).getId() for i in range(m.getNumUnitDefinitions())} | {"dimensionless"}
    for i in range(m.getNumParameters()):
        p = m.getParameter(i)
        assert p.getUnits() in defined, p.getId()
        notes = p.getNotesString()
        assert "Unit:" in notes or "unit:" in notes, p.getId()
        assert any(word in notes for word in ("Source:", "Starting value:", "Computed:")), p.getId()
    assert m.getNotesString().count("<li>") >= 1  # the references


def test_a_wrong_unit_is_caught_by_the_unit_check():
    spec = ex.topp_spec()
    wrong = tuple(Parameter(p.id, p.value, "1/day", p.name, p.source) if p.id == "R0" else p
                  for p in spec.parameters)
    doc = _document(to_sbml(ModelSpec(spec.id, spec.name, spec.time_unit, spec.description, spec.references,
                                         wrong, spec.states)))
    assert doc.getNumErrors() > 0 and "unit" in doc.getError(0).getMessage().lower()


def _uris(element):
    return {element.getCVTerm(i).getResourceURI(j) for i in range(element.getNumCVTerms())
            for j in range(element.getCVTerm(i).getNumResources())}


def test_papers_are_annotated_with_pubmed_and_doi():
    m = libsbml.readSBMLFromString(sbml_text("topp")).getModel()
    assert "https://identifiers.org/pubmed:11013117" in _uris(m)
    assert "https://identifiers.org/doi:10.1006/jtbi.2000.2150" in _uris(m.getParameter("r2"))
    m = libsbml.readSBMLFromString(sbml_text("ha2016")).getModel()
    assert "https://identifiers.org/doi:10.1210/en.2015-1564" in _uris(m.getParameter("tau_sigma"))
    m = libsbml.readSBMLFromString(sbml_text("gut")).getModel()
    assert "https://identifiers.org/pubmed:17926672" in _uris(m.getParameter("kabs"))
    assert "Table 1" in m.getParameter("kabs").getNotesString()


def _values(text):
    m = libsbml.readSBMLFromString(text).getModel()
    return {m.getParameter(i).getId(): m.getParameter(i).getValue() for i in range(m.getNumParameters())}


def test_the_files_hold_the_packages_values():
    values = _values(sbml_text("ha2016", "prevention"))
    for name in ha.UNITS:
        assert values[name] == getattr(ha.PARAMS, name), name
    assert values["iv_SI_target"] == 0.245 and values["iv_start"] == 300.0
    values = _values(sbml_text("topp"))
    assert {k: values[k] for k in tp.UNITS} == {k: getattr(tp.PARAMS, k) for k in tp.UNITS}
    # the derived constants of the loop are computed from their sources when the file is loaded
    r = roadrunner.RoadRunner(sbml_text("ogtt", "type 2 diabetes"))
    assert r["R0"] == pytest.approx(fb.R0, rel=1e-15) and r["S_max"] == pytest.approx(fb.S_MAX, rel=1e-14)
    assert r["K_D"] == pytest.approx(fb.K_DYNAMIC, rel=1e-15)
    assert (r["SI"], r["SG"], r["beta"], r["c"]) == (1.5e-4, 0.0085, 0.7, 0.2)


# BioModels BIOMD0000000341, "Topp2000_BetaCellMass_Diabetes": the curated SBML of Topp et al.
# (2000), parameters si, Eg0, R0, sigma, alpha, k, d0, r1, r2 (values as its SBML lists them).
BIOMODELS_TOPP = {"SI": 0.72, "EG0": 1.44, "R0": 864.0, "sigma": 43.2, "alpha": 20000.0, "k": 432.0,
                  "d0": 0.06, "r1": 8.4e-4, "r2": 2.4e-6}
# BioModels BIOMD0000000379, "DallaMan2007_MealModel_GlucoseInsulinSystem": the curated SBML of
# Dalla Man, Rizza & Cobelli (2007), normal subject: k_max, k_min, k_abs, k_gri, f, b, d, BW of the
# gut, and K (pmol/kg per mg/dL) and V_I (L/kg) from which the loop's rate sensitivity is derived.
BIOMODELS_DALLA_MAN_GUT = {"kmax": 0.0558, "kmin": 0.008, "kabs": 0.057, "kgri": 0.0558, "f": 0.9, "b": 0.82,
                           "d": 0.01, "BW": 78.0}
BIOMODELS_DALLA_MAN_LOOP = {"K_DM": 2.3, "V_I": 0.05}


def test_parameters_agree_with_the_curated_biomodels_files():
    values = _values(sbml_text("topp"))
    assert {k: values[k] for k in BIOMODELS_TOPP} == pytest.approx(BIOMODELS_TOPP, rel=1e-12)
    values = _values(sbml_text("gut", "normal"))
    assert {k: values[k] for k in BIOMODELS_DALLA_MAN_GUT} == pytest.approx(BIOMODELS_DALLA_MAN_GUT, rel=1e-12)
    values = _values(sbml_text("ogtt"))
    assert {k: values[k] for k in BIOMODELS_DALLA_MAN_LOOP} == pytest.approx(BIOMODELS_DALLA_MAN_LOOP, rel=1e-12)
    # BioModels writes the emptying steepness as aa = 5/2/(1 - b)/D and cc = 5/2/d/D (D the dose
    # in mg); the exported gut computes the same from its dose
    r = roadrunner.RoadRunner(sbml_text("gut", "normal"))
    dose = 75_000.0
    assert r["alpha_e"] == pytest.approx(5 / 2 / (1 - 0.82) / dose, rel=1e-14)
    assert r["beta_e"] == pytest.approx(5 / 2 / 0.01 / dose, rel=1e-14)


# -- the command and its errors -------------------------------------------------------------------
def test_the_command_writes_a_file_roadrunner_runs(tmp_path, capsys):
    out = tmp_path / "surgery.xml"
    assert cli.main(["export-sbml", "ha2016", "--scenario", "bariatric surgery", "-o", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    r = roadrunner.RoadRunner(str(out))
    assert r.getModel().getNumEvents() == 1 and r["iv_sigma"] == ha.BARIATRIC_SIGMA
    assert sorted(p.name for p in tmp_path.iterdir()) == ["surgery.xml"]  # no temporary file left


def test_the_default_file_name_and_a_repeatable_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export-sbml", "topp"]) == 0
    assert (tmp_path / "topp.xml").read_text(encoding="utf-8") == sbml_text("topp")  # same file every time
    assert f'id="{unit_id("mL/uU/day")}"' in sbml_text("topp")


@pytest.mark.parametrize("args, message", [
    (["toppp"], "model='toppp': expected one of 'minimal', 'feedback'"),
    (["topp", "--scenario", "fast"], "scenario='fast': expected one of 'published parameters'"),
    (["topp", "-o", "{tmp}/missing/topp.xml"], "does not exist"),
    (["topp", "-o", "{tmp}"], "this is a folder"),
    (["topp", "-o", "{tmp}/keep.txt/topp.xml"], "is a file"),
])
def test_bad_input_gets_a_named_error_and_changes_nothing(tmp_path, capsys, args, message):
    keep = tmp_path / "keep.txt"
    keep.write_text("unchanged", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-o" not in args:
        args += ["-o", str(keep)]  # an existing file that a failed export must not touch
    assert cli.main(["export-sbml", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("glucolab export-sbml: ") and message in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    assert keep.read_text(encoding="utf-8") == "unchanged"


def test_without_libsbml_the_error_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "libsbml", None)  # as if python-libsbml were not installed
    with pytest.raises(MissingDependency, match=r'pip install "glucolab\[sbml\]"'):
        export_sbml("topp", tmp_path / "topp.xml")
    assert cli.main(["export-sbml", "topp", "-o", str(tmp_path / "topp.xml")]) == 2
    assert "python-libsbml" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []

"""Every model module has one shape: PARAMS, PRESETS, RANGES of Range, simulate() and/or
steady_state(), parameters that change by replace(), and results that are TimeCourse
dataclasses read with .at, .first_time and .table."""

import dataclasses
import importlib
import math
import warnings

import numpy as np
import pytest

from glucolab.models.timecourse import Parameters, Range, Sample, Table, TimeCourse

# module: does it run over time (simulate), rest at a steady state (steady_state), or both
MODELS = {
    "feedback": ("simulate", "steady_state"),
    "ogtt": ("simulate",),
    "gut": ("simulate",),
    "minimal": ("simulate",),
    "topp": ("simulate", "steady_state"),
    "ha2016": ("simulate",),
    "hpg": ("simulate", "steady_state"),
    "signaling": ("simulate", "steady_state"),
    "growth_hormone": ("simulate",),
    "life_stages": ("simulate",),
    "vicious_circle": ("simulate", "steady_state"),
    "counterregulatory": ("steady_state",),
    "twin_cycle": ("steady_state",),
}


def _module(name):
    return importlib.import_module(f"glucolab.models.{name}")


@pytest.mark.parametrize("name", MODELS)
def test_module_declares_params_presets_and_ranges(name):
    m = _module(name)
    assert dataclasses.is_dataclass(m.PARAMS) and isinstance(m.PARAMS, Parameters)
    assert m.PRESETS and all(type(p) is type(m.PARAMS) for p in m.PRESETS.values())
    assert m.RANGES and all(isinstance(r, Range) and r.low < r.high for r in m.RANGES.values())


@pytest.mark.parametrize("name", MODELS)
def test_replace_checks_the_names(name):
    p = _module(name).PARAMS
    first = dataclasses.fields(p)[0].name
    assert p.replace(**{first: getattr(p, first)}) == p
    with pytest.raises(TypeError, match="no_such_parameter"):
        p.replace(no_such_parameter=1.0)


@pytest.mark.parametrize("name", [n for n, kinds in MODELS.items() if "simulate" in kinds])
def test_simulate_returns_a_time_course(name):
    run = _module(name).simulate()
    assert isinstance(run, TimeCourse) and dataclasses.is_dataclass(run)
    assert run.SERIES and run.time_unit
    t_mid = float(run.time[len(run.time) // 2])
    sample = run.at(t_mid)
    assert isinstance(sample, Sample) and set(sample) == set(run.SERIES)
    for series in run.SERIES:
        values = run.series(series)
        assert values.shape == run.time.shape, series
        assert sample[series] == pytest.approx(np.interp(t_mid, run.time, values), nan_ok=True)
    table = run.table()
    assert isinstance(table, Table) and table.values.shape == (len(run.time), 1 + len(run.SERIES))
    assert str(table).splitlines()[0].startswith(f"time ({run.time_unit})")
    with pytest.raises(ValueError, match=r"t=.*expected a value between"):
        run.at(float(run.time[-1]) + 1e6)
    with pytest.raises(ValueError, match="series='no_such_series'"):
        run.first_time("no_such_series", 1.0)


@pytest.mark.parametrize("name", [n for n, kinds in MODELS.items() if "steady_state" in kinds])
def test_steady_state_returns_a_dataclass(name):
    state = _module(name).steady_state()
    assert dataclasses.is_dataclass(state)


def test_first_time_interpolates_between_samples():
    from glucolab.models import feedback

    meal = feedback.simulate(180)
    t = meal.first_time("glucose", 120.0)
    assert meal.at(t).glucose == pytest.approx(120.0, abs=0.05)
    falling = meal.first_time("glucose", 100.0, above=False)
    assert falling == 0.0  # fasting 92 is below 100 from the start
    assert math.isnan(meal.first_time("glucose", 400.0))


def test_table_every_and_columns():
    from glucolab.models import feedback

    table = feedback.simulate(120).table(every=30, series=("glucose",))
    assert table.columns == ("time", "glucose") and table.column("time").tolist() == [0, 30, 60, 90, 120]
    assert "<th scope='col'>glucose (mg/dL)</th>" in table._repr_html_()
    assert table.to_csv().splitlines()[0] == "time (min),glucose (mg/dL)"
    with pytest.raises(KeyError, match="no column 'insulin'"):
        table.column("insulin")
    with pytest.raises(ValueError, match="every=0"):
        feedback.simulate(120).table(every=0)


def test_a_sample_names_missing_series():
    from glucolab.models import feedback

    with pytest.raises(AttributeError, match="no series 'weight'"):
        feedback.simulate(60).at(30).weight


OLD_NAMES = [  # (module, old name, call with the old signature)
    ("feedback", "simulate_meal", lambda f: f(75.0, duration_min=60)),
    ("feedback", "appearance", lambda f: f(40.0, 75.0, 70.0)),
    ("ogtt", "simulate_ogtt", lambda f: f(75.0, duration_min=120)),
    ("gut", "simulate_gut", lambda f: f(75.0, "normal", duration_min=60)),
    ("minimal", "simulate_ivgtt", lambda f: f([0.0, 10.0], [0.0, 10.0], [11.0, 50.0], G0=250.0, SG=0.02,
                                              SI=5e-4, p2=0.02, Gb=92.0, Ib=11.0)),
    ("topp", "healthy_state", lambda f: f(d0=0.065)),
    ("hpg", "check_inputs", lambda f: f(1.0, 1.0, 1.0)),
    ("signaling", "clamp_split", lambda f: f(100.0)),
    ("signaling", "TimeCourse", lambda cls: cls),
    ("growth_hormone", "clamp_studies", lambda f: f(10.0)),
    ("life_stages", "whi_outcomes", lambda f: f()),
    ("vicious_circle", "check_change", lambda f: f(0.9, 0.2, 12.0)),
    ("counterregulatory", "fasting_state", lambda f: f()),
    ("counterregulatory", "cortisol_fasting_state", lambda f: f(37.0)),
    ("twin_cycle", "fasting", lambda f: f(12.8)),
    ("twin_cycle", "balance", lambda f: f([92.0], 12.8)),
    ("twin_cycle", "FastingState", lambda cls: cls),
]


@pytest.mark.parametrize("module, old, call", OLD_NAMES, ids=[o[1] for o in OLD_NAMES])
def test_old_names_still_work_and_warn(module, old, call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call(getattr(_module(module), old))
    assert result is not None
    assert any(issubclass(w.category, DeprecationWarning) and old in str(w.message) for w in caught)

"""Lesson 10's twin-cycle model: the published numbers it rests on, the levers built from them, the
link to Lesson 1's loop and Lesson 8's model, bad input, and the panel over its whole range."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from glucolab.models import feedback, ha2016
from glucolab.models import twin_cycle as tc
from glucolab.panels import all_panels
from glucolab.panels.base import line_data
from glucolab.units import MGDL_PER_MMOLL


# -- the published numbers -------------------------------------------------------------------------
@pytest.mark.parametrize("study, quantity, when, value, se", [
    # Lim et al. 2011, Diabetologia 54:2506 (Counterpoint), abstract
    ("Counterpoint", "fasting glucose", "baseline", 9.2, 0.4),
    ("Counterpoint", "fasting glucose", "week 1", 5.9, 0.4),
    ("Counterpoint", "liver fat", "baseline", 12.8, 2.4),
    ("Counterpoint", "liver fat", "week 8", 2.9, 0.2),
    ("Counterpoint", "pancreas fat", "baseline", 8.0, 1.6),
    ("Counterpoint", "pancreas fat", "week 8", 6.2, 1.1),
    ("Counterpoint", "insulin suppression of liver glucose output", "baseline", 43, 4),
    ("Counterpoint", "insulin suppression of liver glucose output", "week 1", 74, 5),
    ("Counterpoint", "insulin suppression of liver glucose output", "controls", 68, 5),
    ("Counterpoint", "first-phase insulin", "baseline", 0.19, 0.02),
    ("Counterpoint", "first-phase insulin", "week 8", 0.46, 0.07),
    ("Counterpoint", "first-phase insulin", "controls", 0.62, 0.15),
    # Petersen et al. 2005, Diabetes 54:603, abstract
    ("Petersen 2005", "liver fat", "baseline", 12.2, 3.4),
    ("Petersen 2005", "liver fat fall", "after", 81, 4),
    ("Petersen 2005", "fasting glucose", "baseline", 8.8, 0.5),
    ("Petersen 2005", "fasting glucose", "after", 6.4, 0.3),
    ("Petersen 2005", "basal glucose production", "baseline", 193, 7),
    ("Petersen 2005", "basal glucose production", "after", 153, 10),
    ("Petersen 2005", "insulin suppression of liver glucose output", "baseline", 29, 22),
    ("Petersen 2005", "insulin suppression of liver glucose output", "after", 99, 3),
    # Taylor et al. 2018, Cell Metab 28:547 (DiRECT), summary
    ("DiRECT", "liver fat", "baseline", 16.0, 1.3),
    ("DiRECT", "liver fat", "after", 3.1, 0.5),
    ("DiRECT", "diabetes duration", "responders", 2.7, 0.3),
    ("DiRECT", "diabetes duration", "non-responders", 3.8, 0.4),
    # Steven et al. 2016, Diabetes Care 39:158, abstract
    ("Steven 2016", "pancreas fat", "baseline", 6.6, 0.5),
    ("Steven 2016", "pancreas fat", "after", 5.4, 0.4),
    ("Steven 2016", "pancreas fat", "controls", 5.1, 0.2),
])
def test_the_studies_hold_the_published_group_means(study, quantity, when, value, se):
    m = tc.STUDIES[study][quantity, when]
    assert (m.value, m.se) == (value, se)


def test_a_missing_value_names_the_study_and_lists_what_it_reports():
    with pytest.raises(KeyError, match="Counterpoint: no value for"):
        tc.STUDIES["Counterpoint"]["liver fat", "week 1"]


# -- the liver lever ---------------------------------------------------------------------------------
def test_the_liver_lever_reproduces_petersens_fall_in_glucose_production():
    after = 12.2 * (1 - 0.81)  # 81 % less liver fat, below the normal limit
    assert tc.glucose_output_factor(12.2) / tc.glucose_output_factor(after) == pytest.approx(193 / 153, rel=1e-12)
    assert tc.glucose_output_factor(after) == 1.0
    assert tc.LIVER_FAT_NORMAL == 5.56  # Szczepaniak et al. 2005


def test_below_the_normal_limit_the_model_is_lesson_1s_loop_unchanged():
    for name, person in feedback.PRESETS.items():
        state = tc.steady_state(4.0, params=person)
        assert (state.glucose, state.insulin) == pytest.approx(tuple(feedback.steady_state(params=person))), name
    healthy = tc.steady_state(2.0, params=feedback.PRESETS["healthy"])
    assert (healthy.glucose, healthy.insulin) == pytest.approx((92.0, 11.0))


def test_the_counterpoint_person_reproduces_the_baseline_and_explains_part_of_the_fall():
    before, cleared = tc.steady_state(12.8), tc.steady_state(2.9)
    assert before.glucose_mmoll == pytest.approx(9.2, abs=1e-6)
    # With the liver back to normal the model gives 7.7 mmol/L; Counterpoint measured 5.9 ± 0.4 after
    # one week. The liver's extra output explains a little under half of the measured fall.
    assert cleared.glucose_mmoll == pytest.approx(7.68, abs=0.01)
    share = (before.glucose_mmoll - cleared.glucose_mmoll) / (9.2 - 5.9)
    assert share == pytest.approx(0.46, abs=0.01)
    assert tc.COUNTERPOINT_PERSON.beta == tc.COUNTERPOINT_BETA == 0.4


def test_fasting_glucose_depends_on_si_and_beta_only_through_their_product():
    a, b = tc.fit_person(9.2, 12.8, beta=0.4), tc.fit_person(9.2, 12.8, beta=1.0)
    assert a.SI * a.beta == pytest.approx(b.SI * b.beta, rel=1e-9)
    for fat in (3.0, 8.0, 20.0):
        assert tc.steady_state(fat, params=a).glucose == pytest.approx(tc.steady_state(fat, params=b).glucose, rel=1e-6)


def test_compensating_beta_cells_hide_a_fatty_liver_from_fasting_glucose():
    """The twin-cycle point: liver fat raises fasting glucose a little where beta cells compensate
    (insulin rises instead) and much more where they cannot."""
    healthy = feedback.PRESETS["healthy"]
    rise_healthy = tc.steady_state(12.8, params=healthy).glucose - tc.steady_state(2.0, params=healthy).glucose
    rise_weak = tc.steady_state(12.8).glucose - tc.steady_state(2.0).glucose
    assert rise_healthy < 12 < 25 < rise_weak
    assert tc.steady_state(12.8, params=healthy).insulin > 1.3 * tc.steady_state(2.0, params=healthy).insulin


def test_the_balance_crosses_at_the_fasting_glucose():
    state = tc.steady_state(16.0)
    b = tc.fasting_balance([state.glucose], 16.0)
    assert b.output[0] == pytest.approx(b.uptake[0], rel=1e-8)
    grid = np.linspace(40, 400, 50)
    b = tc.fasting_balance(grid, 16.0)
    assert np.all(np.diff(b.uptake) > 0) and np.ptp(b.output) == 0 and np.array_equal(b.glucose, grid)


def test_the_old_names_return_what_they_returned():
    with pytest.warns(DeprecationWarning, match="fasting is now steady_state"):
        old = tc.fasting(12.8, tc.COUNTERPOINT_PERSON, 8.0)
    assert old == tc.steady_state(12.8, pancreas_fat=8.0) and isinstance(old, tc.LiverFastingState)
    with pytest.warns(DeprecationWarning, match="balance is now fasting_balance"):
        out, up = tc.balance([100.0], 12.8)
    b = tc.fasting_balance([100.0], 12.8)
    assert (out[0], up[0]) == (b.output[0], b.uptake[0])
    with pytest.warns(DeprecationWarning, match="LiverFastingState"):
        assert tc.FastingState is tc.LiverFastingState
    with pytest.raises(ValueError, match="person='healthy': expected a glucolab.models.feedback.Person"):
        with pytest.warns(DeprecationWarning):
            tc.fasting(12.0, person="healthy")


def test_steady_state_takes_the_person_s_fields_as_keywords():
    state = tc.steady_state(12.8, SI=feedback.REF_SI, beta=1.0)
    assert state == tc.steady_state(12.8, params=feedback.PRESETS["healthy"])
    assert tc.steady_state().glucose_mmoll == pytest.approx(9.2, abs=1e-6)  # Counterpoint's baseline
    assert tc.PRESETS["healthy"] is feedback.PRESETS["healthy"]


# -- the pancreas --------------------------------------------------------------------------------------
def test_the_first_phase_line_passes_through_counterpoints_two_group_means():
    assert tc.first_phase_fraction(8.0) * 0.62 == pytest.approx(0.19, abs=1e-12)
    assert tc.first_phase_fraction(6.2) * 0.62 == pytest.approx(0.46, abs=1e-12)


def test_the_line_reaches_the_controls_where_steven_2016_measured_people_without_diabetes():
    steven = tc.STUDIES["Steven 2016"]["pancreas fat", "controls"]
    assert abs(tc.PANCREAS_FAT_NORMAL - steven.value) < steven.se
    assert tc.PANCREAS_FAT_NORMAL == pytest.approx(5.133, abs=1e-3)
    assert tc.first_phase_fraction(4.0) == 1.0 and tc.first_phase_fraction(12.0) == 0.0


# -- Lesson 8's model with the measured lever ------------------------------------------------------------
def test_counterpoints_liver_change_as_a_lever_in_lesson_8s_model():
    factor = tc.R0_factor_for(12.8, 2.9)
    assert factor == pytest.approx(1 / tc.glucose_output_factor(12.8))
    assert factor == pytest.approx(0.778, abs=5e-4)  # Lesson 8's illustrative weight-loss lever was 0.80
    low, high, _ = ha2016.LEVER_LIMITS["R0_factor"]
    assert low <= factor <= high
    works = ha2016.simulate(intervention=ha2016.Intervention(2.8 * 365.25, R0_factor=factor))
    fails = ha2016.simulate(intervention=ha2016.Intervention(2.9 * 365.25, R0_factor=factor))
    assert works.glucose[-1] < 126 < fails.glucose[-1]


# -- bad input ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, message", [
    (lambda: tc.glucose_output_factor(45.0), r"liver_fat=45.0: expected a value between 0.5 and 30 %"),
    (lambda: tc.glucose_output_factor(-1.0), r"liver_fat=-1.0"),
    (lambda: tc.first_phase_fraction(0.5), r"pancreas_fat=0.5: expected a value between 2 and 15 %"),
    (lambda: tc.steady_state(12.0, params="healthy"), r"params='healthy': expected a glucolab.models.feedback.Person"),
    (lambda: tc.fit_person(166.0, 12.8), r"fasting_glucose_mmoll=166.0: expected a value between 4.5 and 20 mmol/L"),
    (lambda: tc.glucose_output_factor("lots"), r"liver_fat='lots': expected a number"),
])
def test_bad_input_is_refused_with_name_value_and_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# -- property tests over the whole range --------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(fat=st.floats(0.5, 29.0), extra=st.floats(0.01, 1.0), si=st.floats(0.5e-4, 12e-4),
       beta=st.floats(0.2, 4.0))
def test_more_liver_fat_never_lowers_fasting_glucose(fat, extra, si, beta):
    person = feedback.Person(SI=si, beta=beta)
    a, b = tc.steady_state(fat, params=person), tc.steady_state(fat + extra, params=person)
    assert np.isfinite(a.glucose) and np.isfinite(a.insulin) and 20 < a.glucose < 2000
    assert b.glucose >= a.glucose - 1e-9 and b.insulin >= a.insulin - 1e-9


@settings(max_examples=60, deadline=None)
@given(fat=st.floats(2.0, 14.9), extra=st.floats(0.01, 0.1))
def test_more_pancreas_fat_never_raises_the_first_phase(fat, extra):
    a, b = tc.first_phase_fraction(fat), tc.first_phase_fraction(fat + extra)
    assert 0.0 <= b <= a <= 1.0


# -- the panel ------------------------------------------------------------------------------------------
@pytest.fixture
def panel():
    p = all_panels()["liver_fat"]()
    yield p
    p.close()


def test_the_panel_opens_on_counterpoints_baseline_and_draws_the_model(panel):
    assert panel.fasting.glucose_mmoll == pytest.approx(9.2, abs=0.01)  # S_I on the slider is rounded to 0.01
    x, _ = line_data(panel.lines["fasting"])
    assert x[0] == pytest.approx(panel.fasting.glucose)
    assert "9.2 mmol/L" in panel.readout.value and "31 %" in panel.readout.value
    panel.set(liver_fat=2.9, pancreas_fat=6.2)
    assert "7.7 mmol/L" in panel.readout.value and "74 %" in panel.readout.value
    _, y = line_data(panel.lines["output"])
    assert np.allclose(y, feedback.R0)


def test_choosing_a_person_sets_the_sliders_and_moving_them_says_custom(panel):
    panel.controls["person"].value = "Lesson 1: healthy"
    assert panel.values["SI"] == pytest.approx(8.1) and panel.values["beta"] == 1.0
    assert panel.controls["person"].value == "Lesson 1: healthy"
    panel.controls["beta"].value = 2.0
    assert panel.controls["person"].value == "custom"
    panel.reset()
    assert panel.controls["person"].value == "fitted to Counterpoint's baseline"


def test_the_panel_refuses_an_unknown_person():
    with pytest.raises(ValueError, match="person='athlete'"):
        all_panels()["liver_fat"](person="athlete")


@pytest.fixture(scope="module")
def shared_panel():
    p = all_panels()["liver_fat"]()
    yield p
    p.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_slider_combination_gives_a_fasting_state_on_the_crossing(shared_panel, data):
    p = shared_panel
    values = {name: data.draw(st.floats(p.controls[name].min, p.controls[name].max), label=name)
              for name in ("liver_fat", "pancreas_fat", "SI", "beta")}
    p.set(**values)
    assert p.message.value == ""
    g = p.fasting.glucose
    b = tc.fasting_balance([g], values["liver_fat"], params=p.person())
    assert b.output[0] == pytest.approx(b.uptake[0], rel=1e-6)
    assert 0 <= p.fasting.first_phase <= 1
    assert f"{g:.0f} mg/dL = {g / MGDL_PER_MMOLL:.1f} mmol/L" in p.readout.value

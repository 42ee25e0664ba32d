import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.integrate import trapezoid

from glucolab.cohort import CV_GLUCOSE
from glucolab.models import feedback as fb
from glucolab.models.feedback import PRESETS, RANGES, Person, fasting_state, simulate


def test_reference_person_rests_at_the_fsigt_basal_state():
    g, i = fasting_state(fb.REF_SI, fb.REF_SG, 1.0)
    assert g == pytest.approx(92.0, rel=1e-9) and i == pytest.approx(11.0, rel=1e-9)
    # S_G at basal insulin, as the FSIGT measures it, is recovered from the closed-loop form.
    assert fb.REF_SG + fb.REF_SI * i == pytest.approx(fb.REF_SG_FSIGT)


@pytest.mark.parametrize("name", list(PRESETS))
def test_without_a_meal_every_preset_stays_at_its_steady_state(name):
    r = simulate(600, params=PRESETS[name], carbs_g=0.0)
    g0, i0 = fasting_state(PRESETS[name].SI, PRESETS[name].SG, PRESETS[name].beta)
    np.testing.assert_allclose(r.glucose, g0, rtol=1e-6)
    np.testing.assert_allclose(r.insulin, i0, rtol=1e-6)
    # and the steady state really zeroes the equations
    rhs = fb._rhs((g0, PRESETS[name].SI * i0, i0, i0, i0, 0.0, 0.0, 0.0), 0.0, PRESETS[name], 0.0, fb.MEAL_GUT, i0)
    np.testing.assert_allclose(rhs, 0.0, atol=1e-9)


def test_fasting_state_is_vectorised_and_matches_the_scalar_solution():
    si = np.array([1e-4, 5e-4, 2e-3])
    beta = np.array([0.5, 1.0, 3.0])
    g, i = fasting_state(si, fb.REF_SG, beta)
    for k in range(3):
        assert (g[k], i[k]) == pytest.approx(tuple(fasting_state(si[k], fb.REF_SG, beta[k])), rel=1e-12)


def test_the_meal_delivers_the_absorbed_fraction_of_its_glucose():
    r = simulate(1440, carbs_g=75.0, step=0.5)
    absorbed_mg = trapezoid(r.appearance, r.time) * r.person.body_mass_kg
    assert absorbed_mg == pytest.approx(fb.MEAL_GUT.params.f * 75_000, rel=1e-3)


def test_presets_tell_the_story_of_the_lesson():
    healthy, comp, t2d = (simulate(params=PRESETS[k], carbs_g=75.0) for k in PRESETS)
    # healthy: 2-h glucose below the ADA limit of 140 mg/dL, and near fasting from 3 h to 5 h
    assert healthy.at(120).glucose < 140
    assert np.all(np.abs(healthy.glucose[healthy.time >= 180] - 92) < 5)
    # compensation: near-normal glucose with fasting insulin about three times higher
    assert comp.glucose[0] < 100 and comp.at(120).glucose < 140
    assert comp.insulin[0] > 2.5 * healthy.insulin[0]
    # type 2 diabetes: fasting >= 126 and 2-h >= 200 mg/dL (ADA diagnostic thresholds)
    assert t2d.glucose[0] >= 126 and t2d.at(120).glucose >= 200


def test_lower_sensitivity_raises_the_meal_peak_monotonically():
    peaks = [simulate(carbs_g=75.0, SI=si).glucose.max() for si in (8e-4, 4e-4, 2e-4, 1e-4)]
    assert np.all(np.diff(peaks) > 0)


@settings(max_examples=40, deadline=None)
@given(si=st.floats(*RANGES["SI"][:2]), sg=st.floats(*RANGES["SG"][:2]),
       beta=st.floats(*RANGES["beta"][:2]), carbs=st.floats(*RANGES["carbs_g"][:2]),
       bw=st.floats(*RANGES["body_mass_kg"][:2]))
def test_every_control_setting_gives_finite_non_negative_curves(si, sg, beta, carbs, bw):
    r = simulate(params=Person(SI=si, SG=sg, beta=beta, body_mass_kg=bw), carbs_g=carbs)
    for arr in (r.glucose, r.insulin, r.remote_insulin, r.appearance):
        assert np.all(np.isfinite(arr)) and np.all(arr >= 0)


@pytest.mark.parametrize("kwargs, message", [
    (dict(SI=-1e-4), r"SI=-0.0001: expected a value between"),
    (dict(beta=0.0), r"beta=0.0: expected a value between 0.1 and 5"),
    (dict(SG=float("nan")), r"SG=nan: expected finite"),
    (dict(body_mass_kg=5.0), r"body_mass_kg=5.0: expected a value between 30 and 200 kg"),
])
def test_bad_parameters_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        simulate(carbs_g=75.0, **kwargs)


def test_bad_meal_and_unknown_names():
    with pytest.raises(ValueError, match=r"carbs_g=500.0: expected a value between 0 and 150 g"):
        simulate(carbs_g=500.0)
    with pytest.raises(TypeError, match="unknown parameter"):
        simulate(carbs_g=75.0, insulin=3)


# -- the healthy reference looks like a healthy person -------------------------------------------
# Measured normal ranges for a 75-g glucose drink: peak 130-165 mg/dL at 30-60 min, 2-hour value
# 90-125 mg/dL, back to fasting by 3 hours. "Back" means within the day-to-day variation of one
# person's fasting glucose: a within-person CV of 5.6 % (Poon et al. 2018, glucolab.cohort).

@pytest.mark.parametrize("meal", ["Lesson 1 meal", "Lesson 4 OGTT"])
def test_the_healthy_reference_after_75_g_is_inside_the_measured_normal_ranges(meal):
    from glucolab.models import ogtt
    r = simulate(carbs_g=75.0) if meal == "Lesson 1 meal" else ogtt.simulate(180.0)
    peak = int(np.argmax(r.glucose))
    assert 130 <= r.glucose[peak] <= 165 and 25 <= r.time[peak] <= 60
    draws = [30, 60, 90, 120]  # the measured curves are blood draws: the highest is at 30 or 60 min
    assert draws[int(np.argmax(np.interp(draws, r.time, r.glucose)))] in (30, 60)
    assert 90 <= np.interp(120, r.time, r.glucose) <= 125
    assert abs(np.interp(180, r.time, r.glucose) - r.glucose[0]) <= CV_GLUCOSE * r.glucose[0]


def test_the_incretin_effect_has_its_measured_share_and_is_weak_in_type_2_diabetes():
    # 50-70 % of the insulin response in healthy people, under 20 % in type 2 diabetes
    # (Meier & Nauck, Diabetes 2010;59:1117-25)
    assert 0.5 <= fb.incretin_share(simulate(carbs_g=75.0)) <= 0.7
    assert fb.incretin_share(simulate(params=PRESETS["type 2 diabetes"], carbs_g=75.0)) < 0.2
    without, healthy = simulate(carbs_g=75.0, incretin=0.0), simulate(carbs_g=75.0)
    assert fb.incretin_share(without) == pytest.approx(0.0, abs=1e-12)
    assert without.glucose.max() > healthy.glucose.max() + 5
    assert without.at(120).glucose > healthy.at(120).glucose + 15


def test_meal_secretion_leaves_the_fasting_state_alone():
    # incretin and rate sensitivity act only while glucose is absorbed or rising
    for person in PRESETS.values():
        r = simulate(60.0, params=person, carbs_g=0.0)
        np.testing.assert_allclose(r.glucose, r.glucose[0], rtol=1e-9)
    with pytest.raises(ValueError, match="incretin"):
        fb.Person(incretin=-0.5)


@pytest.mark.parametrize("meal", ["Lesson 1 meal", "Lesson 4 OGTT"])
def test_the_healthy_reference_lies_within_one_sd_of_people_with_normal_tolerance(meal):
    # Abdul-Ghani et al. 2010, Table 3: 3,446 adults with normal glucose tolerance after 75 g
    from glucolab.data import load_normal_ogtt
    from glucolab.models import ogtt
    cohort = load_normal_ogtt()
    r = simulate(carbs_g=75.0) if meal == "Lesson 1 meal" else ogtt.simulate()
    model = np.interp(cohort.time, r.time, r.glucose)
    assert np.all(np.abs(model - cohort.mean) <= cohort.sd), (model, cohort.mean, cohort.sd)


@pytest.mark.parametrize("name", ["feedback", "ogtt"])
def test_the_lesson_1_and_4_panels_draw_the_measured_cohort(name):
    from glucolab.data import load_normal_ogtt
    from glucolab.panels import all_panels
    panel = all_panels()[name]()
    cohort = load_normal_ogtt()
    squares = [line for line in panel.axes["glucose"].get_lines() if line.get_marker() == "s"]
    assert len(squares) == 1
    np.testing.assert_allclose(squares[0].get_ydata(), cohort.mean)
    assert "3,446 people with normal glucose tolerance" in panel.description
    panel.close()


def test_the_healthy_ogtt_insulin_has_the_low_risk_shape_and_stays_under_normal_limits():
    """Insulin at the OGTT draws of the healthy person: the highest draw at 30 min and more at
    60 than at 120 min, the lowest-risk shape of Hayashi et al. (Diabetes Care 2013;36:1229-35,
    400 non-diabetic Japanese Americans), and under the upper limits of normal at 60 and 120 min
    of Arancibia et al. (Rev Med Chile 2014, 1,815 tests). No lower limit was measured."""
    from glucolab.data import load_normal_insulin_limits
    from glucolab.models import ogtt
    draws = ogtt.simulate().samples
    insulin = dict(zip(draws.times.tolist(), draws.insulin.tolist()))
    assert max(insulin, key=insulin.get) == 30.0 and insulin[60.0] > insulin[120.0] > insulin[0.0]
    limits = load_normal_insulin_limits()
    for t, upper in zip(limits.time, limits.upper):
        assert insulin[float(t)] < upper, (t, insulin[float(t)], upper)


def test_the_liver_hold_is_what_brings_the_healthy_test_back_to_fasting_by_3_hours(monkeypatch):
    # Without insulin's delayed hold on hepatic output the gut's tail (about 2 mg/kg/min still
    # arriving at 3 h) keeps glucose above fasting; with it the 3-h value is back.
    from glucolab.models import ogtt
    with_hold = ogtt.simulate(240.0)
    monkeypatch.setattr(fb, "K_LIVER", 0.0)
    without = ogtt.simulate(240.0)
    g0 = with_hold.glucose[0]
    assert without.at(180).glucose - g0 > CV_GLUCOSE * g0
    assert abs(with_hold.at(180).glucose - g0) <= CV_GLUCOSE * g0
    assert with_hold.at(180).appearance > 1.5  # the gut is still absorbing
    # the hold builds up slowly: the first minutes do not differ
    np.testing.assert_allclose(without.glucose[:10], with_hold.glucose[:10], rtol=1e-3)


def test_the_liver_hold_is_weaker_in_an_insulin_resistant_liver():
    healthy = simulate(300.0)
    resistant = simulate(300.0, params=PRESETS["insulin resistant, compensating"])
    hold = [r.liver_hold for r in (healthy, resistant)]
    # more insulin reaches the resistant liver, yet it holds back less glucose per µU/mL
    assert resistant.liver_insulin.max() - resistant.insulin[0] > healthy.liver_insulin.max() - healthy.insulin[0]
    assert hold[1].max() / (resistant.liver_insulin.max() - resistant.insulin[0]) < \
        hold[0].max() / (healthy.liver_insulin.max() - healthy.insulin[0])

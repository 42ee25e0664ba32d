"""The oral glucose submodel of Dalla Man, Rizza & Cobelli (2007) and the virtual OGTT built on it."""

import numpy as np
import pytest
from scipy.integrate import trapezoid

from glucolab.models import feedback as fb
from glucolab.models import gut, ogtt
from glucolab.models.gut import NORMAL, PUBLISHED_BODY_MASS_KG, TYPE_2, DallaManGut, GutParameters, emptying_rate
from glucolab.models.ogtt import SAMPLE_TIMES

DOSE_MG = 75_000.0


def test_parameters_are_those_of_table_1():
    # Dalla Man, Rizza & Cobelli, IEEE Trans Biomed Eng 2007;54:1740-9, Table 1
    assert (NORMAL.kmax, NORMAL.kmin, NORMAL.kabs, NORMAL.kgri) == (0.0558, 0.0080, 0.057, 0.0558)
    assert (NORMAL.f, NORMAL.b, NORMAL.d) == (0.90, 0.82, 0.010)
    assert (TYPE_2.kmax, TYPE_2.kmin, TYPE_2.kabs, TYPE_2.kgri) == (0.0465, 0.0076, 0.023, 0.0465)
    assert (TYPE_2.f, TYPE_2.b, TYPE_2.d) == (0.90, 0.68, 0.09)
    assert PUBLISHED_BODY_MASS_KG == {"normal": 78.0, "type 2 diabetes": 91.0}


def test_table_1_alpha_and_c_match_a_dose_near_106_g():
    # The table prints a = 0.00013 and c = 0.00236 per mg; alpha = 5/(2D(1-b)) and
    # beta = 5/(2Dd) give back the same dose from both, about 106 g (hence D is an input here).
    dose_from_a = 5 / (2 * 0.00013 * (1 - NORMAL.b))
    dose_from_c = 5 / (2 * 0.00236 * NORMAL.d)
    assert dose_from_a == pytest.approx(dose_from_c, rel=0.01)
    assert 100_000 < dose_from_a < 112_000


def test_emptying_rate_has_the_published_shape():
    p, d = NORMAL, DOSE_MG
    mid = 0.5 * (p.kmax + p.kmin)
    assert emptying_rate(d, d) == pytest.approx(p.kmax, rel=0.01)  # full stomach: fast
    assert emptying_rate(0.0, d) == pytest.approx(p.kmax, rel=0.01)  # almost empty: fast again
    assert emptying_rate(p.b * d, d) == pytest.approx(mid, rel=1e-3)  # half way down at b·D
    assert emptying_rate(p.d * d, d) == pytest.approx(mid, rel=1e-2)  # half way back up at d·D
    assert emptying_rate(0.4 * d, d) == pytest.approx(p.kmin, rel=0.01)  # slow in between
    q = np.linspace(0, d, 50)
    k = emptying_rate(q, d)
    assert k.shape == q.shape and np.all((k >= p.kmin - 1e-12) & (k <= p.kmax + 1e-12))


@pytest.mark.parametrize("params", [NORMAL, TYPE_2], ids=["normal", "type 2"])
def test_absorbed_glucose_approaches_f_times_the_dose(params):
    r = gut.simulate(1440.0, params=params, step=0.5)
    assert r.absorbed_mg()[-1] == pytest.approx(params.f * DOSE_MG, rel=2e-3)
    # and mass is conserved at every time: what left the gut, divided by f, plus what is
    # still in stomach and gut, is the dose
    total = r.stomach + r.intestine + r.absorbed_mg() / params.f
    np.testing.assert_allclose(total, DOSE_MG, rtol=2e-3)


def test_appearance_peak_of_75_g_is_plausible_against_the_paper():
    """75 g with the normal parameters and the paper's 78 kg: the model gives a peak of
    6.9 mg/kg/min at 20 min. The paper's normal subjects show a meal Ra that rises within the
    first half hour to a peak of several mg/kg/min and falls slowly over hours; we check a
    generous window, peak time 15-45 min and height 5-10 mg/kg/min, and that a third of the
    absorbable glucose is still to come after 2 hours."""
    r = gut.simulate(600.0, params=NORMAL, body_mass_kg=78.0, step=0.5)
    k = int(np.argmax(r.appearance))
    assert 15.0 <= r.time[k] <= 45.0
    assert 5.0 <= r.appearance[k] <= 10.0
    assert r.appearance[k] == pytest.approx(6.88, abs=0.05) and r.time[k] == pytest.approx(20.0, abs=1.0)
    after_2h = r.absorbed_mg()[-1] - np.interp(120.0, r.time, r.absorbed_mg())
    assert 0.25 < after_2h / (NORMAL.f * DOSE_MG) < 0.5


def test_type_2_parameters_absorb_later_and_flatter():
    n = gut.simulate(400.0, params=NORMAL)
    t2 = gut.simulate(400.0, params=TYPE_2)
    assert t2.time[np.argmax(t2.appearance)] > n.time[np.argmax(n.appearance)] + 10
    assert t2.appearance.max() < 0.85 * n.appearance.max()


def test_slower_emptying_lowers_and_delays_the_appearance_peak():
    peaks, times = [], []
    for factor in (2.0, 1.0, 0.5, 0.25):
        r = gut.simulate(600.0, params=NORMAL.scaled(factor))
        peaks.append(r.appearance.max())
        times.append(r.time[np.argmax(r.appearance)])
    assert np.all(np.diff(peaks) < 0) and np.all(np.diff(times) > 0)


def test_scaling_changes_only_the_stomach():
    s = NORMAL.scaled(0.5)
    assert (s.kmax, s.kmin, s.kgri) == pytest.approx((0.0279, 0.0040, 0.0279))
    assert (s.kabs, s.f, s.b, s.d) == (NORMAL.kabs, NORMAL.f, NORMAL.b, NORMAL.d)


@pytest.mark.parametrize("kwargs, message", [
    (dict(d=0.9), r"d=0.9: expected d < b=0.82"),
    (dict(kmin=0.1), r"kmin=0.1: expected kmin <= kmax"),
    (dict(f=1.5), r"f=1.5: expected a value between"),
    (dict(kabs=0.0), r"kabs=0.0: expected positive values in 1/min"),
])
def test_bad_gut_parameters_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GutParameters(**{**NORMAL.__dict__, **kwargs})


def test_bad_gut_inputs():
    with pytest.raises(ValueError, match=r"emptying=0.0: expected a value between 0.2 and 3"):
        NORMAL.scaled(0.0)
    with pytest.raises(ValueError, match=r"gut='fast': expected one of"):
        DallaManGut("fast")
    with pytest.raises(ValueError, match=r"dose_g=-5.0: expected a value between 0 and 150 g"):
        gut.simulate(dose_g=-5.0)


# -- the gut inside the Lesson 1 loop -------------------------------------------------------------

def test_the_gut_states_in_the_loop_equal_the_gut_alone():
    meal = fb.simulate(300.0, carbs_g=75.0, absorption=DallaManGut("normal"))
    alone = gut.simulate(300.0, params="normal", body_mass_kg=meal.person.body_mass_kg)
    np.testing.assert_allclose(meal.absorption_states[:, 2], alone.intestine, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(meal.appearance, alone.appearance, rtol=1e-4, atol=1e-6)


def test_a_meal_goes_through_the_normal_gut_unless_told_otherwise():
    default = fb.simulate(carbs_g=75.0)
    np.testing.assert_array_equal(default.appearance,
                                  fb.simulate(carbs_g=75.0, absorption=DallaManGut("normal")).appearance)
    slower = fb.simulate(carbs_g=75.0, absorption=DallaManGut("type 2 diabetes"))
    assert slower.appearance.max() < default.appearance.max()


def test_the_old_meal_formula_warns_and_still_gives_its_values():
    t = np.array([0.0, 40.0])
    with pytest.warns(DeprecationWarning, match="appearance"):
        ra = fb.appearance(t, 75.0, 70.0)
    # Hovorka et al. (2004): peak at t_max = 40 min of A_G D / (t_max e BW)
    assert ra[0] == 0.0 and ra[1] == pytest.approx(0.8 * 75_000 / (40.0 * np.e * 70.0))


def test_no_glucose_means_no_change_from_the_fasting_state():
    r = fb.simulate(params=fb.PRESETS["type 2 diabetes"], carbs_g=0.0, absorption=DallaManGut())
    g0, i0 = fb.fasting_state(fb.PRESETS["type 2 diabetes"].SI, fb.PRESETS["type 2 diabetes"].SG,
                              fb.PRESETS["type 2 diabetes"].beta)
    np.testing.assert_allclose(r.glucose, g0, rtol=1e-6)
    np.testing.assert_allclose(r.insulin, i0, rtol=1e-6)


def test_the_loop_receives_the_absorbed_glucose():
    r = fb.simulate(1440.0, carbs_g=75.0, step=0.5, absorption=DallaManGut())
    absorbed = trapezoid(r.appearance, r.time) * r.person.body_mass_kg
    assert absorbed == pytest.approx(NORMAL.f * DOSE_MG, rel=2e-3)


# -- the virtual OGTT ---------------------------------------------------------------------------

def test_the_five_draws_are_the_curve_at_0_30_60_90_120_min():
    r = ogtt.simulate()
    assert tuple(r.samples.times) == SAMPLE_TIMES
    for t, g, i in r.samples.rows():
        assert g == pytest.approx(np.interp(t, r.time, r.glucose))
        assert i == pytest.approx(np.interp(t, r.time, r.insulin))
    assert r.fasting_glucose == pytest.approx(92.0, rel=1e-6)


def test_healthy_stays_below_the_2_hour_limit_and_type_2_crosses_it():
    healthy = ogtt.simulate(params=fb.PRESETS["healthy"])
    t2d = ogtt.simulate(params=fb.PRESETS["type 2 diabetes"])
    assert healthy.two_hour_glucose < 140.0
    assert healthy.classification().overall == "normal"
    assert t2d.two_hour_glucose >= 200.0 and t2d.fasting_glucose >= 126.0
    assert t2d.classification().by_criterion == {"fasting glucose": "diabetes", "2-h OGTT glucose": "diabetes"}
    # the published type 2 gut (slower absorption) does not change that verdict
    assert ogtt.simulate(params=fb.PRESETS["type 2 diabetes"], gut="type 2 diabetes").two_hour_glucose >= 200.0


def test_compensation_hides_resistance_from_the_glucose_criteria():
    comp = ogtt.simulate(params=fb.PRESETS["insulin resistant, compensating"])
    healthy = ogtt.simulate()
    assert comp.classification().overall == "normal"
    assert comp.samples.insulin[0] > 3 * healthy.samples.insulin[0]


def test_a_slower_stomach_lowers_the_glucose_peak():
    peaks = [ogtt.simulate(emptying=e).glucose.max() for e in (1.5, 1.0, 0.5, 0.25)]
    assert np.all(np.diff(peaks) < 0)
    assert ogtt.simulate(emptying=0.5).gut.kmax == pytest.approx(0.5 * NORMAL.kmax)


def test_ogtt_absorbs_the_fraction_f_by_24_hours():
    assert ogtt.simulate(1440.0).absorbed_fraction() == pytest.approx(0.9, rel=3e-3)


@pytest.mark.parametrize("dose", [0.0, -10.0, 150.0, float("nan")])
def test_a_dose_of_zero_or_beyond_any_test_is_refused(dose):
    with pytest.raises(ValueError, match=r"dose_g=.*(expected a glucose load above 0 and at most 100 g|finite)"):
        ogtt.simulate(dose_g=dose)


@pytest.mark.parametrize("kwargs, message", [
    (dict(duration=60.0), r"duration=60: expected 120 to 1440 min"),
    (dict(step=7.0), r"step=7: expected a step between 0.05 and 30 min that divides 30"),
    (dict(gut="slow"), r"gut='slow': expected one of"),
    (dict(emptying=5.0), r"emptying=5.0: expected a value between 0.2 and 3"),
    (dict(SI=1.0), r"SI=1.0: expected a value between"),
])
def test_bad_ogtt_settings_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ogtt.simulate(**kwargs)


# -- the model interface: simulate(), PARAMS, PRESETS and the old names ---------------------------

def test_gut_params_presets_and_overrides():
    assert gut.PARAMS is NORMAL and gut.PRESETS is gut.GUT_PRESETS
    assert NORMAL.replace(kabs=0.03).kabs == 0.03 and NORMAL.replace(kabs=0.03).kmax == NORMAL.kmax
    with pytest.raises(ValueError, match=r"d=0.9: expected d < b"):
        NORMAL.replace(d=0.9)
    slower = gut.simulate(kabs=0.03)
    np.testing.assert_array_equal(slower.appearance, gut.simulate(params=NORMAL.replace(kabs=0.03)).appearance)
    assert slower.appearance.max() < gut.simulate().appearance.max()


def test_gut_response_is_a_time_course_with_derived_series():
    r = gut.simulate(600.0)
    assert r.time_unit == "min" and {"stomach", "absorbed"} <= set(r.SERIES)
    np.testing.assert_array_equal(r.absorbed, r.absorbed_mg())
    s = r.at(120)
    assert s.stomach == pytest.approx(s.stomach_solid + s.stomach_liquid)
    half = r.first_time("stomach", 0.5 * DOSE_MG, above=False)
    assert r.at(half).stomach == pytest.approx(0.5 * DOSE_MG, rel=1e-3)


def test_ogtt_result_is_a_time_course_and_the_module_names_the_loop_person():
    assert ogtt.PARAMS is fb.PARAMS and ogtt.PRESETS is fb.PRESETS
    r = ogtt.simulate()
    assert r.time_unit == "min" and set(r.SERIES) == {"glucose", "insulin", "appearance", "stomach", "intestine"}
    assert r.at(120).glucose == pytest.approx(r.two_hour_glucose)
    assert r.at(0).stomach == pytest.approx(75.0)
    with pytest.raises(ValueError, match=r"t=200.0: expected a value between 0 and 180 min"):
        r.at(200.0)


@pytest.mark.parametrize("old, call, new", [
    ("simulate_gut", lambda m: m.simulate_gut(75.0, "type 2 diabetes", duration_min=120.0, step_min=0.5),
     lambda: gut.simulate(120.0, params="type 2 diabetes", step=0.5)),
    ("simulate_ogtt", lambda m: m.simulate_ogtt(50.0, fb.PRESETS["type 2 diabetes"], duration_min=150.0),
     lambda: ogtt.simulate(150.0, params=fb.PRESETS["type 2 diabetes"], dose_g=50.0)),
])
def test_the_old_names_warn_and_give_the_same_run(old, call, new):
    import warnings
    module = gut if old == "simulate_gut" else ogtt
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        before = call(module)
    assert any(issubclass(w.category, DeprecationWarning) and old in str(w.message) for w in caught)
    after = new()
    np.testing.assert_array_equal(before.time, after.time)
    np.testing.assert_array_equal(before.appearance, after.appearance)

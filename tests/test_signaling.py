"""The reduced insulin-signalling cascade: published constants, calibration to the body,
steady states, monotonicity, the map to Lesson 1's S_I, time courses and input checks."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glucolab.models import feedback
from glucolab.models import signaling as sig
from glucolab.models.signaling import CellParams, PRESETS

T2D = PRESETS["type 2 diabetes"]
INFLAMED = PRESETS["inflamed"]
FRACTIONS = ("receptor", "irs1", "irs1_serine", "pi3k", "akt", "glut4_surface")
RISING = ("receptor", "irs1", "pi3k", "akt", "glut4_surface", "uptake")


def params_strategy():
    """Any parameter set inside the documented limits."""
    return st.builds(CellParams, **{name: st.floats(low, high) for name, (low, high, _) in sig.LIMITS.items()})


def rates(y, insulin, p):
    return np.array(sig._rhs(np.asarray(y, dtype=float), 0.0, insulin, p))


# -- published constants ------------------------------------------------------------------------
def test_rate_constants_are_sedaghats():
    assert sig.K_ON == pytest.approx(3.6e-4)  # 6e7 /M/min at 6 pmol/L per µU/mL
    assert sig.K_OFF == 0.2 and sig.K_TYR == 4.16
    assert sig.K_TYR_OFF == pytest.approx(1.396, abs=1e-3)
    assert sig.K_AKT == pytest.approx(6.931, abs=1e-3) and sig.K_PI == 10.0
    # GLUT4 trafficking: 4 % at the surface at rest, 40 % with full Akt activity
    assert sig.G_REST == pytest.approx(0.04)
    full = (sig.K_EXO + sig.K_INS) / (sig.K_EXO + sig.K_INS + sig.K_ENDO)
    assert full == pytest.approx(0.40)


def test_type_2_setting_is_brannmarks_diabetes_scenario():
    assert (T2D.receptor, T2D.glut4, T2D.feedback) == (0.55, 0.5, 0.15)
    assert (T2D.serine, T2D.contraction, T2D.priming) == (0.0, 0.0, 0.0)


# -- calibration to the whole body --------------------------------------------------------------
def test_healthy_dose_response_reproduces_rizza_1981():
    d = sig.dose_response()
    assert d.ec50 == pytest.approx(55.0, rel=2e-3)  # 55 ± 7 µU/mL
    assert 10.0 <= d.maximum <= 11.0  # 10-11 mg/kg/min
    stimulated = lambda i: (sig.uptake(i) - d.at_zero) / d.stimulated_max  # noqa: E731
    # "maximal at 200-700 µU/mL": most of the effect is reached there
    assert stimulated(200.0) > 0.8 and stimulated(700.0) > 0.95
    assert stimulated(d.ec50) == pytest.approx(0.5, abs=1e-6)


def test_fasting_utilisation_matches_katz_1983():
    assert sig.uptake(feedback.REF_INSULIN) == pytest.approx(1.90, abs=0.01)
    # and a 100 µU/mL clamp lands near DeFronzo et al. 1985 (7.04 mg/kg/min in controls)
    assert sig.uptake(100.0) == pytest.approx(7.04, rel=0.15)


def test_calibrate_recomputes_the_stored_constants():
    c = sig.calibrate()
    assert c.gain == pytest.approx(sig.GAIN, abs=1e-4)
    assert c.u_zero == pytest.approx(sig.U_ZERO, abs=1e-4)
    assert c.u_stim == pytest.approx(sig.U_STIM, abs=1e-4)
    assert c.ec50 == pytest.approx(55.0, rel=1e-6)


def test_calibrate_moves_with_its_targets():
    assert sig.calibrate(ec50=80.0).gain < sig.calibrate(ec50=40.0).gain  # more gain, more sensitive
    c = sig.calibrate(maximum=12.0, fasting=2.2)
    assert c.u_zero + c.u_stim == pytest.approx(12.0)


def test_spare_receptors_half_maximal_uptake_at_a_small_occupancy():
    ec50 = sig.dose_response().ec50
    assert sig.occupancy(ec50) < 0.15
    # Rizza et al. estimated the maximal effect at about 49 % occupancy, at 200-700 µU/mL
    assert sig.occupancy(200.0) < 0.49 < sig.occupancy(700.0)
    assert sig.occupancy(np.inf) == 1.0 and sig.occupancy(0.0) == 0.0


# -- steady states --------------------------------------------------------------------------------
@pytest.mark.parametrize("p", [sig.HEALTHY, INFLAMED, T2D, CellParams(serine=4.0, contraction=0.6, priming=2.0)])
@pytest.mark.parametrize("insulin", [0.0, 11.0, 80.0, 2000.0])
def test_steady_state_is_a_rest_point_and_where_time_courses_end(p, insulin):
    s = sig.steady_state(insulin, params=p)
    y = [float(s.receptor), float(s.irs1), float(s.irs1_serine), float(s.pi3k), math.sqrt(float(s.akt)),
         float(s.glut4_surface)]
    np.testing.assert_allclose(rates(y, insulin, p), 0.0, atol=1e-10)
    tc = sig.simulate(600.0, params=p, insulin=insulin, basal_insulin=300.0, samples=3)
    for name in FRACTIONS:
        assert getattr(tc, name)[-1] == pytest.approx(float(getattr(s, name)), abs=1e-6), name
    assert tc.uptake[-1] == pytest.approx(float(s.uptake), abs=1e-5)


def test_the_feedback_loop_has_a_single_steady_state():
    """h(P) = P (1 + tau + s) - tau rises in P for every receptor activity and feedback allowed."""
    P = np.linspace(0.0, 1.0, 2001)[:, None]
    R = np.geomspace(1e-6, 1.0, 300)[None, :]
    kappa = sig.K_TYR / sig.K_TYR_OFF
    for fb in (0.0, 0.5, 1.0):
        A = sig._step(sig._step(P, sig.GAIN), sig.GAIN) ** 2
        tau = kappa * R * (1.0 + sig.PHI_HEALTHY * fb * A)
        assert np.all(np.diff(P * (1.0 + tau) - tau, axis=0) > 0)


def test_steady_state_keeps_the_shape_of_its_input():
    s = sig.steady_state(np.full((2, 3), 50.0))
    assert s.uptake.shape == (2, 3)
    assert isinstance(sig.uptake(50.0), float)


@settings(max_examples=60, deadline=None)
@given(params_strategy(), st.lists(st.floats(0.0, 1e5), min_size=2, max_size=8))
def test_more_insulin_never_means_less_glut4(p, insulin):
    s = sig.steady_state(np.sort(insulin), params=p)
    for name in RISING:
        assert np.all(np.diff(getattr(s, name)) >= -1e-12), name


@settings(max_examples=60, deadline=None)
@given(params_strategy(), st.floats(0.0, 1e4), st.floats(0.0, 10.0), st.floats(0.0, 10.0))
def test_more_inflammation_never_means_more_glut4(p, insulin, s1, s2):
    low, high = sorted((s1, s2))
    a = sig.steady_state(insulin, params=p.replace(serine=low))
    b = sig.steady_state(insulin, params=p.replace(serine=high))
    assert b.glut4_surface <= a.glut4_surface + 1e-12
    assert b.irs1 <= a.irs1 + 1e-12 and b.uptake <= a.uptake + 1e-12


@settings(max_examples=40, deadline=None)
@given(params_strategy(), st.floats(0.0, 1e4))
def test_every_steady_state_fraction_stays_in_0_1(p, insulin):
    s = sig.steady_state(insulin, params=p)
    for name in FRACTIONS:
        assert 0.0 <= float(getattr(s, name)) <= 1.0, name
    assert float(s.irs1 + s.irs1_serine) <= 1.0 + 1e-12
    assert float(s.receptor) <= p.receptor + 1e-12


@settings(max_examples=15, deadline=None)
@given(params_strategy(), st.floats(0.0, 1e4), st.floats(0.0, 1e4))
def test_every_time_course_fraction_stays_in_0_1(p, insulin, basal):
    tc = sig.simulate(30.0, params=p, insulin=insulin, basal_insulin=basal, samples=31)
    for name in FRACTIONS:
        y = getattr(tc, name)
        assert np.all((y >= 0.0) & (y <= 1.0)), name
    assert np.all(tc.irs1 + tc.irs1_serine <= 1.0 + 1e-9)


@settings(max_examples=40, deadline=None)
@given(params_strategy(), st.floats(0.5, 5000.0))
def test_running_the_cascade_backwards_recovers_the_insulin(p, insulin):
    u = sig.uptake(insulin, p)
    if u - sig.uptake(0.0, p) > 1e-6 and sig.uptake(np.inf, p) - u > 1e-6:
        assert sig.insulin_for_uptake(u, p) == pytest.approx(insulin, rel=1e-5)


@pytest.mark.parametrize("p", [sig.HEALTHY, INFLAMED, T2D, CellParams(contraction=0.4, priming=1.0)])
def test_ec50_agrees_with_a_root_search_on_the_forward_model(p):
    from scipy.optimize import brentq
    d = sig.dose_response(p)
    half = 0.5 * (d.at_zero + d.maximum)
    root = 10 ** brentq(lambda x: sig.uptake(10 ** x, p) - half, -3, 7, xtol=1e-12)
    assert d.ec50 == pytest.approx(root, rel=1e-6)


# -- inflammation, type 2, contraction, exercise -------------------------------------------------
def test_inflammation_mostly_shifts_sensitivity_type_2_also_lowers_responsiveness():
    h, inf, t2 = (sig.dose_response(PRESETS[k]) for k in ("healthy", "inflamed", "type 2 diabetes"))
    assert inf.ec50 > 1.8 * h.ec50 and inf.stimulated_max > 0.9 * h.stimulated_max
    assert t2.ec50 > 1.8 * h.ec50 and t2.stimulated_max < 0.6 * h.stimulated_max
    # a much stronger serine-kinase input lowers the maximum too
    assert sig.dose_response(serine=10.0).stimulated_max < 0.7 * h.stimulated_max


@pytest.mark.parametrize("p", [sig.HEALTHY, T2D, INFLAMED])
def test_contraction_raises_uptake_without_insulin(p):
    rest = sig.uptake(0.0, p)
    assert sig.uptake(0.0, p, contraction=0.5) > rest + 1.0
    assert sig.uptake(0.0, p, contraction=1.0) > sig.uptake(0.0, p, contraction=0.5)
    # it adds at every insulin level
    grid = np.geomspace(1.0, 1e4, 30)
    assert np.all(sig.uptake(grid, p, contraction=0.5) > sig.uptake(grid, p))


def test_contraction_bypasses_the_inflamed_irs1_step():
    # the serine-kinase input cannot touch the contraction pathway
    assert sig.uptake(0.0, serine=5.0, contraction=0.7) == pytest.approx(sig.uptake(0.0, contraction=0.7))
    # full contraction recruits as much GLUT4 as saturating insulin in the healthy cell
    assert sig.uptake(0.0, contraction=1.0) == pytest.approx(sig.dose_response().maximum, rel=1e-9)


def test_post_exercise_priming_fades_over_two_to_three_days():
    p = sig.priming_after_exercise(np.array([0.0, sig.PRIMING_HALF_LIFE_H, 72.0]))
    assert p[0] == sig.PRIMING_PEAK and p[1] == pytest.approx(sig.PRIMING_PEAK / 2)
    assert p[2] < 0.1 * sig.PRIMING_PEAK
    next_day = sig.dose_response(priming=sig.priming_after_exercise(18.0))
    healthy = sig.dose_response()
    assert next_day.ec50 < 0.7 * healthy.ec50  # a shift in sensitivity ...
    assert next_day.maximum == pytest.approx(healthy.maximum, rel=0.05)  # ... not in responsiveness
    gains = [sig.uptake(80.0, priming=sig.priming_after_exercise(h)) for h in (0.0, 24.0, 48.0, 72.0)]
    assert all(a > b for a, b in zip(gains, gains[1:])) and gains[-1] > sig.uptake(80.0)


# -- from the cell to Lesson 1 ---------------------------------------------------------------------
def test_healthy_cell_maps_to_lesson_1_reference_si():
    assert sig.insulin_sensitivity() == feedback.REF_SI


@pytest.mark.parametrize("name, values", [("serine", np.linspace(0.0, 10.0, 21)),
                                          ("receptor", np.linspace(0.05, 1.0, 20)),
                                          ("glut4", np.linspace(0.05, 2.0, 20)),
                                          ("priming", np.linspace(0.0, 5.0, 21))])
def test_si_map_is_monotone_and_lands_in_lesson_1_range(name, values):
    si = np.array([sig.insulin_sensitivity(**{name: v}) for v in values])
    direction = -1 if name == "serine" else 1
    assert np.all(direction * np.diff(si) >= 0)
    assert si.max() > si.min()  # the parameter matters
    low, high, _ = feedback.RANGES["SI"]
    assert np.all((si >= low) & (si <= high))
    feedback.Person(SI=float(si[len(si) // 2]))  # Lesson 1 accepts it


def test_si_map_ignores_contraction_and_follows_the_uptake_slope():
    assert sig.insulin_sensitivity(contraction=0.8) == feedback.REF_SI
    assert sig.insulin_sensitivity(INFLAMED) < 0.5 * feedback.REF_SI
    assert sig.insulin_sensitivity(T2D) < sig.insulin_sensitivity(INFLAMED)


def test_clamp_disposal_gives_muscle_most_of_the_insulin_stimulated_glucose():
    split = sig.clamp_disposal(100.0)
    assert split.skeletal_muscle + split.other_tissue + split.insulin_independent == pytest.approx(split.total)
    assert split.skeletal_muscle == pytest.approx(0.85 * (split.total - split.insulin_independent))
    assert split.muscle_share == pytest.approx(split.skeletal_muscle / split.total)
    assert [label for label, _ in split.rows()] == ["skeletal muscle", "other insulin-sensitive tissue",
                                                    "insulin-independent", "total"]
    assert sig.clamp_disposal(0.0).skeletal_muscle == pytest.approx(0.0, abs=1e-12)
    assert sig.clamp_disposal(100.0, params=T2D).skeletal_muscle < split.skeletal_muscle


def test_the_old_clamp_split_returns_the_same_numbers_as_a_dict():
    with pytest.warns(DeprecationWarning, match="clamp_split is now clamp_disposal"):
        old = sig.clamp_split(100.0, T2D)
    assert old == dict(sig.clamp_disposal(100.0, params=T2D).rows())


# -- time courses ----------------------------------------------------------------------------------
def test_no_step_means_no_change():
    tc = sig.simulate(20.0, insulin=40.0, basal_insulin=40.0, samples=21)
    for name in FRACTIONS:
        assert np.ptp(getattr(tc, name)) < 1e-6, name  # integrator tolerance 1e-6 relative


def test_the_steps_follow_each_other_in_order():
    tc = sig.simulate(insulin=100.0, basal_insulin=0.0)
    halves = [tc.time_to_half(name) for name in ("receptor", "glut4_surface")]
    assert halves[0] < halves[1]
    assert 3.0 < tc.time_to_half("glut4_surface") < 15.0  # GLUT4 endocytosis t1/2 is ln2/0.167 = 4.2 min
    assert tc.akt[0] == pytest.approx(0.0, abs=1e-12) and tc.glut4_surface[0] == pytest.approx(sig.G_REST)
    assert tc.uptake[0] == pytest.approx(sig.U_ZERO)


def test_inflammation_lowers_every_step_below_the_receptor():
    a = sig.simulate(insulin=100.0)
    b = sig.simulate(insulin=100.0, serine=2.0)
    np.testing.assert_allclose(b.receptor, a.receptor, rtol=1e-5, atol=1e-8)
    for name in ("irs1", "pi3k", "akt", "glut4_surface"):
        assert getattr(b, name)[-1] < getattr(a, name)[-1], name


def test_a_run_reads_like_every_time_course_and_the_old_class_name_still_works():
    run = sig.simulate(30.0, insulin=100.0, basal_insulin=sig.FASTING_INSULIN, samples=61)
    assert isinstance(run, sig.CascadeCourse) and run.time_unit == "min"
    assert run.at(30.0).uptake == pytest.approx(run.uptake[-1])
    assert run.first_time("glut4_surface", run.glut4_surface[-1] * 0.99) < 30.0
    with pytest.warns(DeprecationWarning, match="CascadeCourse"):
        assert sig.TimeCourse is sig.CascadeCourse


def test_steady_state_defaults_to_fasting_insulin_and_params_replace_fields():
    assert float(sig.steady_state().uptake) == pytest.approx(1.90, abs=0.01)
    assert sig.PARAMS is sig.HEALTHY and sig.PARAMS.replace(serine=1.0) == INFLAMED
    assert float(sig.steady_state(params=INFLAMED).uptake) == float(sig.steady_state(serine=1.0).uptake)


# -- bad input -------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, match", [
    (lambda: sig.steady_state(-5.0), r"insulin=-5\.0.*uU/mL"),
    (lambda: sig.steady_state([10.0, float("nan")]), r"insulin=.*uU/mL"),
    (lambda: sig.dose_response(insulin=[-1.0, 10.0]), r"insulin=.*non-negative"),
    (lambda: sig.occupancy("lots"), r"insulin='lots'"),
    (lambda: CellParams(serine=-0.5), r"serine=-0\.5.*between 0 and 10"),
    (lambda: CellParams(contraction=1.5), r"contraction=1\.5"),
    (lambda: CellParams(receptor=1.2), r"receptor=1\.2.*occupied fraction above 1"),
    (lambda: CellParams(glut4=0.0), r"glut4=0"),
    (lambda: CellParams(feedback=float("inf")), r"feedback=inf"),
    (lambda: sig.HEALTHY.replace(priming=-1.0), r"priming=-1"),
    (lambda: sig.simulate(0.0, insulin=50.0), r"duration=0"),
    (lambda: sig.simulate(insulin=50.0, samples=1), r"samples=1"),
    (lambda: sig.simulate(insulin=2e4), r"insulin=20000"),
    (lambda: sig.calibrate(fasting=11.0, maximum=10.0), r"fasting=11.*mg/kg/min"),
    (lambda: sig.calibrate(fasting=4.0, maximum=3.5), r"fasting=4.*less than maximum"),
    (lambda: sig.insulin_sensitivity(fasting_insulin=0.0), r"fasting_insulin=0"),
    (lambda: sig.clamp_disposal(50.0, muscle_share=1.2), r"muscle_share=1\.2"),
    (lambda: sig.priming_after_exercise(-3.0), r"hours=-3"),
    (lambda: sig.insulin_for_uptake(12.0), r"target=.*up to.*mg/kg/min"),
    (lambda: sig.insulin_for_uptake(0.5), r"target=.*mg/kg/min"),
    (lambda: sig.calibrate(ec50=5.0), r"ec50=5"),
])
def test_bad_input_is_refused_with_a_message_naming_it(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_unknown_parameters_and_wrong_types_are_refused():
    with pytest.raises(TypeError, match="unknown parameter"):
        sig.steady_state(10.0, inflammation=2.0)
    with pytest.raises(TypeError, match="CellParams"):
        sig.dose_response(feedback.Person())
    with pytest.raises(ValueError, match="name='insulin'"):
        sig.simulate(insulin=20.0).time_to_half("insulin")

"""The βIG model of Topp et al. (2000): equilibria, bifurcation, pathways, solver and input checks."""

import time

import numpy as np
import pytest

from glucolab.models import topp
from glucolab.models.topp import PARAMS, Ramp, fixed_points, simulate

YEARS_20 = 20 * topp.DAYS_PER_YEAR


def rates(state, p=PARAMS):
    """dG/dt, dI/dt, dbeta/dt written out again from the paper's equations."""
    G, I, B = state
    return np.array([p.R0 - (p.EG0 + p.SI * I) * G,
                     B * p.sigma * G ** 2 / (p.alpha + G ** 2) - p.k * I,
                     (-p.d0 + p.r1 * G - p.r2 * G ** 2) * B])


# -- parameters and equilibria -------------------------------------------------------------------
def test_published_parameter_values():
    expected = dict(R0=864.0, EG0=1.44, SI=0.72, sigma=43.2, alpha=20000.0, k=432.0, d0=0.06,
                    r1=0.84e-3, r2=0.24e-5)
    assert {name: getattr(PARAMS, name) for name in expected} == expected
    assert set(topp.UNITS) == set(expected)


def test_the_three_published_equilibria_and_their_stability():
    healthy, saddle, pathological = fixed_points()
    assert (healthy.kind, saddle.kind, pathological.kind) == ("physiological", "saddle", "pathological")
    assert (healthy.glucose, healthy.insulin, healthy.beta) == pytest.approx((100.0, 10.0, 300.0), rel=1e-12)
    # saddle: I = (864/250 - 1.44)/0.72 = 2.8, beta = 432·2.8·(20000 + 250²)/(43.2·250²) = 36.96
    assert (saddle.glucose, saddle.insulin, saddle.beta) == pytest.approx((250.0, 2.8, 36.96), rel=1e-12)
    assert (pathological.glucose, pathological.insulin, pathological.beta) == (600.0, 0.0, 0.0)
    assert healthy.stable and pathological.stable and not saddle.stable
    # the saddle has exactly one unstable direction
    assert np.sum(saddle.eigenvalues.real > 0) == 1
    for f in (healthy, saddle, pathological):
        np.testing.assert_allclose(rates((f.glucose, f.insulin, f.beta)), 0.0, atol=1e-9)


def test_timescales_at_the_healthy_state_show_the_stiffness():
    eig = np.sort(-fixed_points()[0].eigenvalues.real)
    # slow beta-cell mass (~70 days), glucose (~1 h), insulin (~3 min)
    assert eig[0] == pytest.approx(0.0142, rel=0.01)
    assert 10 < eig[1] < 30 and 400 < eig[2] < 440
    assert eig[2] / eig[0] > 2.5e4


def test_analytic_jacobian_matches_finite_differences():
    state = np.array([140.0, 7.0, 500.0])
    numeric = np.empty((3, 3))
    for j in range(3):
        h = 1e-6 * state[j]
        up, down = state.copy(), state.copy()
        up[j] += h
        down[j] -= h
        numeric[:, j] = (rates(up) - rates(down)) / (2 * h)
    np.testing.assert_allclose(topp.jacobian(state), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("SI", [0.1, 0.3, 0.72, 1.5])
def test_equilibrium_glucose_comes_from_the_beta_equation_alone(SI):
    points = fixed_points(SI=SI)
    nontrivial = [f.glucose for f in points if f.beta > 0]
    assert nontrivial == pytest.approx([100.0, 250.0], rel=1e-12)
    for G in nontrivial:  # the roots of r2 G² - r1 G + d0 = 0
        assert PARAMS.r2 * G ** 2 - PARAMS.r1 * G + PARAMS.d0 == pytest.approx(0.0, abs=1e-15)
    # compensation: insulin and beta-cell mass scale with 1/SI, so SI·beta is constant
    healthy = points[0]
    assert healthy.insulin * SI == pytest.approx(7.2, rel=1e-12)
    assert healthy.beta * SI == pytest.approx(300 * 0.72, rel=1e-12)
    assert healthy.stable


def test_saddle_node_value_of_d0_is_where_the_two_equilibria_meet():
    d_star = topp.saddle_node_d0()
    assert d_star == pytest.approx(0.84e-3 ** 2 / (4 * 0.24e-5), rel=1e-12)
    assert d_star == pytest.approx(0.0735, rel=1e-12)
    gaps = []
    for d0 in d_star * np.array([0.9, 0.99, 0.999, 0.99999]):
        low, high = topp.beta_glucose_roots(d0)
        gaps.append(high - low)
        assert low < 175.0 < high
        assert high - low == pytest.approx(np.sqrt(PARAMS.r1 ** 2 - 4 * PARAMS.r2 * d0) / PARAMS.r2)
    assert np.all(np.diff(gaps) < 0) and gaps[-1] < 1.2  # they close in on each other
    merged = fixed_points(d0=d_star)
    assert [f.kind for f in merged] == ["saddle-node", "pathological"]
    assert merged[0].glucose == pytest.approx(175.0, rel=1e-9)
    assert abs(merged[0].eigenvalues.real).min() < 1e-6  # a zero eigenvalue at the bifurcation
    beyond = fixed_points(d0=1.01 * d_star)
    assert [f.kind for f in beyond] == ["pathological"] and beyond[0].stable
    with pytest.raises(ValueError, match="no physiological equilibrium"):
        topp.steady_state(d0=1.01 * d_star)


def test_regulated_hyperglycemia_raising_d0_moves_fasting_glucose_smoothly():
    d0 = np.linspace(0.06, 0.073, 14)
    glucose = [fixed_points(d0=d)[0].glucose for d in d0]
    assert np.all(np.diff(glucose) > 0)
    assert glucose[0] == pytest.approx(100.0) and 126 < glucose[-1] < 175
    # d0 at which the healthy state reaches the diabetes threshold: r1·126 - r2·126²
    d_126 = PARAMS.r1 * 126 - PARAMS.r2 * 126 ** 2
    assert fixed_points(d0=d_126)[0].glucose == pytest.approx(126.0, rel=1e-9)


def test_steady_state_is_the_physiological_fixed_point():
    healthy = topp.steady_state()
    first = fixed_points()[0]
    assert healthy.kind == first.kind == "physiological" and healthy.stable
    assert (healthy.glucose, healthy.insulin, healthy.beta) == (first.glucose, first.insulin, first.beta)
    assert topp.steady_state(SI=0.36).beta == pytest.approx(600.0, rel=1e-12)
    assert topp.steady_state(params=PARAMS.replace(d0=topp.saddle_node_d0())).kind == "saddle-node"
    assert topp.PRESETS["Topp 2000"] is PARAMS


def test_disposition_index_is_the_same_at_every_healthy_equilibrium():
    di = [topp.disposition_index(SI, fixed_points(SI=SI)[0].beta) for SI in (0.1, 0.36, 0.72, 1.2)]
    np.testing.assert_allclose(di, 0.72 * 43.2 * 300, rtol=1e-12)


# -- simulations ---------------------------------------------------------------------------------
def test_without_change_the_healthy_state_holds_for_twenty_years():
    t = simulate(YEARS_20)
    np.testing.assert_allclose(t.glucose, 100.0, rtol=1e-6)
    np.testing.assert_allclose(t.insulin, 10.0, rtol=1e-5)
    np.testing.assert_allclose(t.beta, 300.0, rtol=1e-5)
    assert t.time[0] == 0 and t.time[-1] == pytest.approx(YEARS_20) and len(t.time) == 1001


def test_slow_fall_of_SI_is_compensated_and_fast_fall_of_the_same_size_collapses():
    slow = simulate(YEARS_20, SI=Ramp.over_years(0.72, 0.06, years=1.0))
    fast = simulate(YEARS_20, SI=Ramp.over_years(0.72, 0.06, years=1 / 12))
    np.testing.assert_allclose(slow.SI[-1], fast.SI[-1])  # same final sensitivity
    assert not slow.failed and fast.failed
    assert slow.glucose[-1] == pytest.approx(100.0, rel=1e-4)
    assert slow.beta[-1] == pytest.approx(300 * 0.72 / 0.06, rel=1e-4)  # 12-fold compensation
    assert slow.glucose.max() < 250  # never crossed the saddle's glucose
    assert fast.glucose[-1] == pytest.approx(600.0, rel=1e-4) and fast.beta[-1] < 1e-3
    assert fast.first_time("glucose", 250) < 0.5 * topp.DAYS_PER_YEAR


def test_a_run_is_a_time_course_in_days():
    t = simulate(YEARS_20, SI=Ramp.over_years(0.72, 0.18, years=10))
    assert t.time_unit == "days" and "disposition_index" in t.SERIES
    ten = t.at(10 * topp.DAYS_PER_YEAR)
    assert (ten.glucose, ten.insulin, ten.beta) == pytest.approx(
        [np.interp(10 * topp.DAYS_PER_YEAR, t.time, v) for v in (t.glucose, t.insulin, t.beta)])
    assert ten.disposition_index == pytest.approx(ten.SI * PARAMS.sigma * ten.beta, rel=1e-3)
    crossing = t.first_time("insulin", 15.0)
    assert t.at(crossing).insulin == pytest.approx(15.0, abs=1e-9)
    assert simulate().time[-1] == pytest.approx(YEARS_20)  # the default run: twenty years
    assert simulate(365, k=500.0).params.k == 500.0  # other parameters change by keyword


def test_old_at_year_first_year_above_and_healthy_state_warn_and_keep_their_values():
    t = simulate(YEARS_20, SI=Ramp.over_years(0.72, 0.18, years=10))
    with pytest.warns(DeprecationWarning, match=r"at_year.*at\(day\)"):
        old = t.at_year(10)
    new = t.at(10 * topp.DAYS_PER_YEAR)
    assert type(old) is tuple and old == pytest.approx((new.glucose, new.insulin, new.beta), rel=1e-12)
    with pytest.warns(DeprecationWarning, match="first_year_above"):
        year = t.first_year_above("insulin", 15.0)
    assert year == pytest.approx(4.54, abs=1e-9)  # the first sample past 15, as Lesson 3 prints it
    assert year in t.years and t.first_time("insulin", 15.0) / topp.DAYS_PER_YEAR < year
    with pytest.warns(DeprecationWarning, match="healthy_state"):
        assert topp.healthy_state(PARAMS, SI=0.36) == pytest.approx((100.0, 20.0, 600.0), rel=1e-12)


def test_a_smaller_fall_is_compensated_even_as_a_step():
    t = simulate(YEARS_20, SI=Ramp(0.72, 0.18, over_days=0, begin_day=100))
    assert not t.failed and t.glucose[-1] == pytest.approx(100.0, rel=1e-4)
    assert t.insulin[-1] == pytest.approx(40.0, rel=1e-4)
    before = t.time < 100
    np.testing.assert_allclose(t.glucose[before], 100.0, rtol=1e-6)  # nothing happens before the step


def test_insulin_rises_years_before_glucose_on_a_slow_fall():
    t = simulate(YEARS_20, SI=Ramp.over_years(0.72, 0.18, years=10))
    assert t.first_time("insulin", 15.0) < 5.0 * topp.DAYS_PER_YEAR  # 1.5 times the start
    assert t.glucose.max() < 103.0  # glucose hardly moves
    assert np.isnan(t.first_time("glucose", 110.0))


def test_bifurcation_raising_d0_slowly_past_the_saddle_node_ends_in_failure():
    below = simulate(YEARS_20, d0=Ramp.over_years(0.06, 0.073, years=10))
    above = simulate(YEARS_20, d0=Ramp.over_years(0.06, 0.075, years=10))
    assert not below.failed and below.glucose[-1] == pytest.approx(fixed_points(d0=0.073)[0].glucose, rel=1e-3)
    assert above.failed and above.glucose[-1] == pytest.approx(600.0, rel=1e-3)


@pytest.mark.parametrize("schedule", [
    Ramp.over_years(0.72, 0.18, years=10),
    Ramp.over_years(0.72, 0.06, years=0.5),
    Ramp.over_years(0.72, 0.06, years=0.05),
])
def test_results_do_not_depend_on_the_solver_tolerance(schedule):
    """Stated bound: the default rtol 1e-6 agrees with rtol 1e-10 to 0.1 % in every variable
    (relative to its largest value over the run)."""
    coarse = simulate(YEARS_20, SI=schedule)
    fine = simulate(YEARS_20, SI=schedule, rtol=1e-10)
    for name in ("glucose", "insulin", "beta"):
        a, b = getattr(coarse, name), getattr(fine, name)
        assert np.max(np.abs(a - b)) <= 1e-3 * np.max(np.abs(b)), name


@pytest.mark.parametrize("SI_final", [0.04, 0.18, 1.0])
@pytest.mark.parametrize("years", [0.05, 1.0, 15.0])
def test_twenty_years_stay_within_physiological_bounds(SI_final, years):
    t = simulate(YEARS_20, SI=Ramp.over_years(0.72, SI_final, years))
    assert np.all(t.glucose > 50) and np.all(t.glucose <= 600 * (1 + 1e-6))
    assert np.all(t.insulin >= 0) and np.all(t.insulin < 200)
    assert np.all(t.beta >= 0) and np.all(t.beta < 300 * 0.72 / 0.04 * 1.01)


def test_schedules_can_be_functions_of_time():
    linear = simulate(YEARS_20, SI=Ramp.over_years(0.72, 0.36, years=5))
    as_function = simulate(YEARS_20, SI=lambda day: max(0.36, 0.72 - 0.36 * day / (5 * topp.DAYS_PER_YEAR)))
    np.testing.assert_allclose(as_function.glucose, linear.glucose, rtol=1e-4)
    np.testing.assert_allclose(as_function.SI, linear.SI)


def test_a_twenty_year_simulation_is_fast():
    schedule = Ramp.over_years(0.72, 0.06, years=0.5)
    simulate(YEARS_20, SI=schedule)
    durations = []
    for _ in range(5):
        t0 = time.perf_counter()
        simulate(YEARS_20, SI=schedule)
        durations.append(time.perf_counter() - t0)
    assert min(durations) < 0.020  # target 20 ms; about 2 ms measured


# -- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["R0", "SI", "sigma", "d0", "r2"])
@pytest.mark.parametrize("value", [0.0, -1.0, float("nan")])
def test_non_positive_parameters_are_refused(name, value):
    with pytest.raises(ValueError, match=name):
        PARAMS.replace(**{name: value})


def test_unknown_parameter_is_refused():
    with pytest.raises(TypeError, match="SG"):
        fixed_points(SG=0.01)


@pytest.mark.parametrize("days, match", [(0, "duration=0"), (-5, "duration=-5"), (51 * 365.25, "50 years")])
def test_horizon_must_be_positive_and_at_most_fifty_years(days, match):
    with pytest.raises(ValueError, match=match):
        simulate(days)


def test_a_schedule_that_goes_negative_is_refused():
    with pytest.raises(ValueError, match=r"SI: the schedule gives -[0-9.e-]+ at day 641[0-9.]+; expected positive"):
        simulate(YEARS_20, SI=lambda day: 0.72 - 0.82 * day / YEARS_20)
    with pytest.raises(ValueError, match="end"):
        Ramp(0.72, -0.1, over_days=100)
    with pytest.raises(ValueError, match="over_days"):
        Ramp(0.72, 0.3, over_days=-1)
    with pytest.raises(ValueError, match="d0"):
        simulate(100, d0=lambda day: "fast")


@pytest.mark.parametrize("kwargs, match", [
    (dict(samples=1), "samples"),
    (dict(samples=10.5), "samples"),
    (dict(rtol=1e-2), "rtol"),
    (dict(initial=(100, 10)), "initial"),
    (dict(initial=(-1, 10, 300)), "initial"),
    (dict(SI=0.0), "SI"),
])
def test_other_bad_arguments_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        simulate(365, **kwargs)

"""The Ha, Satin & Sherman (2016) model: the authors' run, the paper's scenarios, the fast map,
the mechanisms, and bad input."""

import time

import numpy as np
import pytest

from glucolab.indices import ADAG_INTERCEPT_MGDL, ADAG_SLOPE_MGDL
from glucolab.models import ha2016 as ha
from glucolab.models import ha2016_map as hm
from glucolab.models import interventions as mech


@pytest.fixture(scope="module")
def runs():
    return {name: ha.scenario(name, samples=1827) for name in ha.SCENARIOS}


# -- the authors' run ------------------------------------------------------------------------------
def test_reproduces_the_end_state_saved_in_the_authors_prevention_set_file():
    want = ha.AUTHORS_PREVENTION_END
    got = ha.simulate(want["day"], intervention=ha.SCENARIOS["prevention"], rtol=1e-10).at(want["day"])
    for name in ("glucose", "insulin", "beta", "sigma", "SI"):
        assert got[name] == pytest.approx(want[name], rel=2e-5), name
    assert got["gamma"] == pytest.approx(want["gamma"], abs=1e-4)


def test_the_rat_values_in_human_ode_would_not_give_the_published_human_run():
    rat = ha.PARAMS.replace(Amax=3.11, ISRI_bar=867.6)
    end = ha.simulate(1800, intervention=ha.SCENARIOS["prevention"], params=rat).glucose[-1]
    assert abs(end - ha.AUTHORS_PREVENTION_END["glucose"]) > 5  # 100.1 instead of 108.8 mg/dL


def test_the_authors_start_is_a_glucose_insulin_steady_state():
    G, I = ha.AUTHORS_START[:2]
    p = ha.PARAMS
    assert p.R0 - (p.EG0 + p.SI0 * I) * G == pytest.approx(0.0, abs=0.05)  # mg/dL/day, out of 864
    M = ha.metabolic_rate(G)
    isr = ha.secretion_per_mass(M, ha.AUTHORS_START[3], ha.AUTHORS_START[4])
    assert ha.AUTHORS_START[2] * isr / p.BV == pytest.approx(p.k * I, rel=1e-3)
    assert ha.AUTHORS_START[2] * isr / 1000 == pytest.approx(31.6, rel=0.01)  # U of insulin a day


# -- the authors' four human runs, from their set files -------------------------------------------
# The "Ending ICs" and "Current time" of each set file, typed from the files in the GitHub repository
# artielbm/artielbm.github.io: Models/Pathogenesis/fig7_human_prevention.set (commit ea749d67) and
# Models/fig7_human_early.set, Models/fig7_human_late.set, Models/fig8_human.set (commit e08f0923).
# Order: day, glucose (mg/dL), insulin (uU/mL), beta (mg), gamma, sigma (mU/mg/day), SI (mL/uU/day).
SAVED_ENDS = {
    "prevention": (1799.986, 108.8245036082017, 26.5283738740164, 1278.903949069947,  # fig7_human_prevention.set
                   0.09997377195261548, 600.980509965197, 0.245),
    "early intervention": (1799.986, 104.0787909256388, 14.66191678911286, 854.7991010481144,  # fig7_human_early.set
                           0.09707400622592101, 545.3436604478447, 0.4679840352312949),
    "late intervention": (1799.986, 434.5082944026002, 1.172073857809838, 485.6051696897693,  # fig7_human_late.set
                          0.1, 20.77164313740681, 0.4669348650763123),
    "bariatric surgery": (1799.3, 100.1817277236033, 10.85459740297456, 956.5650187418966,  # fig8_human.set
                          0.01402987263222891, 589.6120204856112, 0.180000767028535),
}
# Tolerance of each run: relative for glucose, insulin, beta, sigma and SI; absolute for gamma.
# Measured with rtol=1e-10: prevention 4e-10, late 6e-8, early 9e-7 (it passes close to the
# threshold, where any integrator's error grows; XPP's own is of that order), bariatric surgery
# 2.6e-5 (beta) from the way XPP applies the sigma jump (see the next test but one).
TOLERANCE = {"prevention": (1e-8, 1e-9), "early intervention": (2e-6, 1e-6),
             "late intervention": (2e-7, 1e-7), "bariatric surgery": (4e-5, 1e-5)}
VARIABLES = ("glucose", "insulin", "beta", "gamma", "sigma", "SI")


@pytest.mark.parametrize("name", list(SAVED_ENDS))
def test_each_authors_run_reproduces_the_end_state_saved_in_its_set_file(name):
    day, *values = SAVED_ENDS[name]
    want = dict(zip(VARIABLES, values))
    got = ha.scenario(name, day, rtol=1e-10, samples=2).at(day)
    rel, gamma_abs = TOLERANCE[name]
    for var in ("glucose", "insulin", "beta", "sigma", "SI"):
        assert got[var] == pytest.approx(want[var], rel=rel), var
    assert got["gamma"] == pytest.approx(want["gamma"], abs=gamma_abs)


def test_the_saved_end_states_in_the_module_are_the_numbers_of_the_files():
    assert set(ha.AUTHORS_ENDS) == set(SAVED_ENDS)
    for name, (day, *values) in SAVED_ENDS.items():
        record = ha.AUTHORS_ENDS[name]
        assert record["day"] == day
        assert [record[v] for v in VARIABLES] == values, name
        assert record["file"] in ha.SCENARIO_SOURCES[name]


def test_the_scenarios_carry_the_settings_of_the_set_files():
    # tonsi, target_Si2 and t_Si2 of fig7_human_prevention.set (300, 0.245, 0.028),
    # fig7_human_early.set (1100, 0.468, 0.014) and fig7_human_late.set (1400, 0.468, 0.014)
    for name, start, target, rate in (("prevention", 300.0, 0.245, 0.028), ("early intervention", 1100.0, 0.468, 0.014),
                                      ("late intervention", 1400.0, 0.468, 0.014)):
        iv = ha.SCENARIOS[name]
        assert (iv.start_day, iv.SI_target) == (start, target)
        assert (iv.SI_rate or ha.PARAMS.SI_rise) == rate
        assert (iv.R0_factor, iv.sigma_reset) == (1.0, None)
    # fig8_human.set: tonR0 = tonsigma = 1100, R0_tar = 340 (R0_init = 864), sigma_tar = 400, tonsi = 1400000
    surgery = ha.SCENARIOS["bariatric surgery"]
    assert surgery.start_day == 1100.0
    assert ha.PARAMS.R0 * surgery.R0_factor == pytest.approx(340.0, rel=1e-15)
    assert surgery.sigma_reset == 400.0
    assert surgery.SI_target is None  # S_I keeps its untreated course
    # every other number in the four files is the same as in PARAMS (Eg0 ... t_Si, target_Si)
    assert (ha.PARAMS.Amax, ha.PARAMS.ISRI_bar, ha.PARAMS.SI_fall, ha.PARAMS.SI_floor) == (9.0, 600.0, 0.00756, 0.18)


def test_the_bariatric_remainder_is_how_xpp_applies_the_sigma_jump():
    """XPP looks for the jump (global 1 t-tonsigma) between two output points, 0.95 days apart in
    fig8_human.set, and restarts from the state interpolated linearly between them at day 1100;
    the later point already has 0.1 day of the R0 cut in it. Done the same way here, the saved end
    state is matched to 1e-7, so the 2.6e-5 of the clean run is XPP's, not the model's."""
    p, dt, surgery = ha.PARAMS, 0.95, ha.SCENARIOS["bariatric surgery"]
    before = 1157 * dt  # 1099.15; the next output point, 1100.1, is one step dt later
    y_before = ha.simulate(before, rtol=1e-11, samples=2)
    y0 = [y_before.at(before)[v] for v in ha.STATE]
    later = ha.simulate(dt, intervention=ha.Intervention(1100.0 - before, R0_factor=surgery.R0_factor),
                        params=p.replace(SI0=float(ha.untreated_sensitivity(before))), initial=y0,
                        rtol=1e-11, samples=2)
    y1 = [later.at(dt)[v] for v in ha.STATE]
    share = (1100.0 - before) / dt
    restart = [a + share * (b - a) for a, b in zip(y0, y1)]
    restart[4] = surgery.sigma_reset
    day, *values = SAVED_ENDS["bariatric surgery"]
    rest = ha.simulate(day - 1100.0, intervention=ha.Intervention(0.0, R0_factor=surgery.R0_factor),
                       params=p.replace(SI0=float(ha.untreated_sensitivity(1100.0))), initial=restart,
                       rtol=1e-11, samples=2).at(day - 1100.0)
    for var, want in zip(VARIABLES, values):
        assert rest[var] == pytest.approx(want, rel=1e-7), var


def test_the_authors_early_intervention_reverses_diabetes_and_the_late_one_does_not():
    early = ha.scenario("early intervention", 1800.0, rtol=1e-10)
    late = ha.scenario("late intervention", 1800.0, rtol=1e-10)
    assert early.at(1100.0).glucose > 126  # diabetic when the intervention starts (176 mg/dL)
    assert early.glucose[-1] < 110 and early.sigma[-1] > 0.9 * early.sigma[0]
    assert late.glucose[-1] > 400 and late.sigma[-1] < 0.05 * late.sigma[0]
    assert late.SI[-1] == pytest.approx(early.SI[-1], rel=0.01)  # nearly the same S_I, 0.467-0.468


def test_bariatric_surgery_lowers_glucose_without_any_gain_in_insulin_sensitivity():
    run = ha.scenario("bariatric surgery", 1799.3, rtol=1e-9, samples=17994)  # a sample every 0.1 day
    assert run.at(1100.0).glucose == pytest.approx(176.3, abs=0.1)  # on the day of surgery
    assert run.at(1100.0).sigma == pytest.approx(295.5, abs=0.1)  # the sample shows sigma before the jump
    after = run.time > 1100.0
    assert run.sigma[after][0] == pytest.approx(400.0, abs=1.0)
    assert run.glucose[after].min() > 100.0  # never below 75 mg/dL, where this module departs from the formula
    np.testing.assert_allclose(run.SI, ha.insulin_sensitivity(run.time), rtol=1e-12)  # S_I untreated


def test_a_sigma_reset_on_day_0_leaves_the_first_sample_at_the_starting_state():
    run = ha.simulate(10.0, intervention=ha.Intervention(0.0, sigma_reset=300.0), samples=11)
    assert run.sigma[0] == ha.AUTHORS_START[4]
    assert run.sigma[1] < 310.0


@pytest.mark.parametrize("R0_factor, EG0_factor, secretion_factor", [(0.39, 1.5, 2.0), (0.39, 0.8, 0.5),
                                                                     (1.2, 0.8, 0.5), (1.2, 1.5, 2.0)])
def test_runs_at_the_corners_of_the_accepted_levers_integrate_for_twenty_years(R0_factor, EG0_factor,
                                                                               secretion_factor):
    for start, target, reset in ((0.0, 0.8, 603.0), (1100.0, None, None)):
        iv = ha.Intervention(start, SI_target=target, R0_factor=R0_factor, EG0_factor=EG0_factor,
                             secretion_factor=secretion_factor, sigma_reset=reset)
        run = ha.simulate(ha.MAX_DAYS, intervention=iv, samples=501)
        assert np.all(np.isfinite(run.glucose)) and run.glucose.min() > 50


def test_scenario_sources_say_which_runs_are_the_authors_and_which_are_ours():
    assert set(ha.SCENARIO_SOURCES) == set(ha.SCENARIOS)
    for name in ("early", "late"):
        assert ha.SCENARIO_SOURCES[name].startswith("ours")
    for name in ha.AUTHORS_ENDS:
        assert ha.SCENARIO_SOURCES[name].startswith("the authors' run")


def test_an_unknown_scenario_name_is_refused_with_the_valid_names():
    with pytest.raises(ValueError) as error:
        ha.scenario("gastric bypass")
    message = str(error.value)
    assert message.startswith("name='gastric bypass': expected one of")
    for name in ha.SCENARIOS:
        assert repr(name) in message


# -- the scenarios of the paper ------------------------------------------------------------------
def test_untreated_compensated_phase_comes_before_the_escape(runs):
    r = runs["untreated"]
    end_of_compensation = r.first_time("glucose", 110.0)
    escape = r.first_time("glucose", 200.0)
    assert 190 < end_of_compensation < 220  # day 204.8
    assert 1100 < escape < 1250  # day 1168.3
    phase = r.time < end_of_compensation
    assert np.all(r.glucose[phase] < 110.0)
    assert np.all(np.diff(r.insulin[phase]) > 0)  # insulin rises through the whole phase
    assert r.insulin[phase][-1] > 2.2 * r.insulin[0]  # 9.0 -> 20.4 µU/mL
    assert r.first_time("sigma", 0.5 * r.sigma[0], above=False) > end_of_compensation
    assert r.glucose[-1] == pytest.approx(528.5, abs=0.5)  # after five years


def test_early_intervention_restores_near_normal_fasting_glucose(runs):
    r = runs["early"]
    start = r.at(r.intervention.start_day)
    assert start.glucose > 126  # already in the diabetic range (132.9 mg/dL) when it starts
    assert r.glucose[-1] == pytest.approx(101.0, abs=0.2)
    assert r.sigma[-1] > r.sigma[0]  # beta-cell function is back above its start


def test_the_same_intervention_started_late_does_not(runs):
    early, late = runs["early"], runs["late"]
    assert late.intervention.SI_target == early.intervention.SI_target
    assert late.SI[-1] == pytest.approx(early.SI[-1], rel=1e-3)  # the same sensitivity in the end
    assert late.glucose[-1] == pytest.approx(464.2, abs=0.5)
    assert late.sigma[-1] < 0.05 * late.sigma[0]  # beta-cell function has collapsed
    assert late.at(late.intervention.start_day).sigma < 0.3 * late.sigma[0]


def test_prevention_keeps_glucose_out_of_the_diabetic_range(runs):
    r = runs["prevention"]
    assert r.glucose.max() < 126
    assert r.glucose[-1] == pytest.approx(108.6, abs=0.2)
    assert r.glucose[-1] < runs["untreated"].glucose[-1] / 4


def test_full_restoration_of_sensitivity_fails_after_the_point_of_no_return():
    late = ha.simulate(intervention=ha.Intervention(1400.0, SI_target=ha.PARAMS.SI0))
    assert late.SI[-1] == pytest.approx(0.8, rel=1e-3)
    assert late.glucose[-1] > 300


def test_fasting_insulin_warns_before_fasting_glucose_and_hba1c(runs):
    r = runs["untreated"]
    insulin = r.first_time("insulin", 1.5 * r.insulin[0])
    glucose = r.first_time("glucose", 110.0)
    hba1c = r.first_time("hba1c", 5.7)
    assert insulin < glucose < hba1c
    assert (round(insulin), round(glucose), round(hba1c)) == (78, 205, 327)


def test_a_run_is_a_time_course_with_homa_ir_and_hba1c(runs):
    r = runs["untreated"]
    assert r.time_unit == "days" and set(r.SERIES) >= {"glucose", "sigma", "SI", "homa_ir", "hba1c"}
    now = r.at(1000.0)
    assert now.hba1c == pytest.approx(np.interp(1000.0, r.time, r.hba1c))
    assert now.homa_ir == pytest.approx(np.interp(1000.0, r.time, r.homa_ir))
    crossing = r.first_time("glucose", 126.0)
    assert r.at(crossing).glucose == pytest.approx(126.0, abs=1e-9)
    table = r.table(every=365.25, series=("glucose", "hba1c"))
    assert table.column("time").tolist() == pytest.approx([0, 365.25, 730.5, 1095.75, 1461, 1826.25])


def test_single_parameters_change_by_keyword():
    longer = ha.simulate(365.0, tau_sigma=500.0, samples=11)
    same = ha.simulate(365.0, params=ha.PARAMS.replace(tau_sigma=500.0), samples=11)
    np.testing.assert_array_equal(longer.sigma, same.sigma)
    assert longer.params.tau_sigma == 500.0 and ha.PRESETS["human"] is ha.PARAMS
    with pytest.raises(TypeError, match="tau_x"):
        ha.simulate(365.0, tau_x=1.0)
    with pytest.raises(TypeError, match="keyword"):
        ha.simulate(365.0, None, None)


# -- deprecated names, kept for one release -----------------------------------------------------------
def test_old_at_day_and_first_day_warn_and_keep_their_values(runs):
    r = runs["untreated"]
    with pytest.warns(DeprecationWarning, match=r"at_day.*at\(day\)"):
        old = r.at_day(300.0)
    assert type(old) is dict and set(old) == set(ha.STATE) | {"SI"}
    assert old == {name: r.at(300.0)[name] for name in old}
    with pytest.warns(DeprecationWarning, match="first_day"):
        day = r.first_day("glucose", 200.0)
    assert day == pytest.approx(1169.16, abs=0.01)  # the first sample past 200, as Lesson 8 prints it
    assert day in r.time and r.first_time("glucose", 200.0) < day
    with pytest.warns(DeprecationWarning), pytest.raises(ValueError, match="day=5000"):
        r.at_day(5000.0)


def test_the_intervention_as_second_positional_argument_warns_and_still_works():
    with pytest.warns(DeprecationWarning, match="intervention=..."):
        old = ha.simulate(1800, ha.SCENARIOS["prevention"], samples=11)
    new = ha.simulate(1800, intervention=ha.SCENARIOS["prevention"], samples=11)
    np.testing.assert_array_equal(old.glucose, new.glucose)
    assert old.intervention is ha.SCENARIOS["prevention"]


# -- insulin sensitivity and markers --------------------------------------------------------------
def test_insulin_sensitivity_falls_with_a_time_constant_of_132_days():
    p = ha.PARAMS
    tau = 1 / p.SI_fall
    assert ha.insulin_sensitivity(0.0) == pytest.approx(0.8)
    assert ha.insulin_sensitivity(tau) == pytest.approx(0.18 + 0.62 / np.e)
    assert ha.insulin_sensitivity(1e5) == pytest.approx(0.18)


def test_an_intervention_never_lowers_sensitivity_below_the_untreated_course():
    t = np.linspace(0, 1800, 901)
    untreated = ha.insulin_sensitivity(t)
    for start, target in ((0.0, 0.4), (100.0, 0.3), (900.0, 0.25), (1500.0, 0.8)):
        si = ha.insulin_sensitivity(t, ha.Intervention(start, SI_target=target))
        assert np.all(si >= untreated - 1e-12)
        assert si[-1] == pytest.approx(max(target, untreated[-1]), rel=0.02)


def test_a_target_above_sensitivity_is_reached_at_the_intervention_rate():
    iv = ha.Intervention(1000.0, SI_target=0.5)
    at_start = ha.insulin_sensitivity(1000.0)
    later = ha.insulin_sensitivity(1000.0 + 1 / ha.PARAMS.SI_rise, iv)
    assert later == pytest.approx(0.5 + (at_start - 0.5) / np.e)


def test_hba1c_is_the_adag_value_of_the_mean_glucose_of_the_previous_90_days(runs):
    r = runs["untreated"]
    assert r.hba1c[0] == pytest.approx((r.glucose[0] - ADAG_INTERCEPT_MGDL) / ADAG_SLOPE_MGDL)  # 5.10 %
    day = 1000.0
    grid = np.linspace(day - 90, day, 2001)
    mean = np.trapezoid(np.interp(grid, r.time, r.glucose), grid) / 90
    assert np.interp(day, r.time, r.hba1c) == pytest.approx((mean - ADAG_INTERCEPT_MGDL) / ADAG_SLOPE_MGDL,
                                                            rel=1e-4)


def test_homa_ir_of_the_start_is_glucose_times_insulin_over_22_5(runs):
    r = runs["untreated"]
    assert r.homa_ir[0] == pytest.approx(99.7664 / 18.016 * 9.025 / 22.5, rel=1e-6)  # 2.22
    assert r.homa_ir.max() > 4 * r.homa_ir[0]  # resistance and compensation
    assert r.homa_ir[-1] < r.homa_ir[0]  # HOMA-IR falls again once secretion fails


def test_strength_is_the_rise_of_the_target_above_the_untreated_floor():
    iv = ha.Intervention.from_strength(500.0, 0.56)
    assert iv.SI_target == pytest.approx(0.18 * 1.56)
    assert ha.Intervention.from_strength(0.0, 0.8 / 0.18 - 1).SI_target == pytest.approx(0.8)


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize("make, match", [
    (lambda: ha.Intervention(-1.0), r"start_day=-1"),
    (lambda: ha.simulate(365.0, intervention=ha.Intervention(400.0)), r"start_day=400.*within the simulated span"),
    (lambda: ha.simulate(intervention=ha.Intervention(10.0, SI_target=0.9)), r"SI_target=0\.9.*starting S_I"),
    (lambda: ha.Intervention(10.0, SI_target=-0.2), r"SI_target=-0\.2"),
    (lambda: ha.Intervention.from_strength(10.0, -0.5), r"strength=-0\.5"),
    (lambda: ha.Intervention.from_strength(10.0, 4.0), r"strength=4"),
    (lambda: ha.Intervention(10.0, R0_factor=0.1), r"R0_factor=0\.1"),
    (lambda: ha.Intervention(10.0, secretion_factor=5.0), r"secretion_factor=5"),
    (lambda: ha.Intervention(10.0, SI_rate=0.0), r"SI_rate=0"),
    (lambda: ha.simulate(0.0), r"duration=0"),
    (lambda: ha.simulate(30 * 365.25), r"duration=10957.*at most"),
    (lambda: ha.simulate(samples=1), r"samples=1"),
    (lambda: ha.simulate(rtol=0.1), r"rtol=0\.1"),
    (lambda: ha.simulate(initial=(100, 9, 1000)), r"initial="),
    (lambda: ha.simulate(intervention="early"), r"intervention='early'"),
    (lambda: ha.HaParams(k=-1.0), r"k=-1"),
    (lambda: ha.HaParams(SI_floor=1.0), r"SI_floor=1"),
    (lambda: ha.scenario("cure"), r"name='cure'"),
    (lambda: ha.scenario(None), r"name=None"),
    (lambda: ha.Intervention(10.0, R0_factor=0.3), r"R0_factor=0\.3.*between 0\.39 and 1\.2"),
    (lambda: ha.Intervention(10.0, sigma_reset=-5.0), r"sigma_reset=-5"),
    (lambda: ha.simulate(intervention=ha.Intervention(10.0, sigma_reset=700.0)), r"sigma_reset=700.*603"),
    (lambda: ha.scenario("untreated").first_time("weight", 1.0), r"series='weight'"),
    (lambda: ha.scenario("untreated").at(5000.0), r"t=5000.*between 0 and 1826\.25 days"),
    (lambda: hm.outcome_map([0.0, 2000.0], [0.4]), r"start_days"),
    (lambda: hm.outcome_map([0.0], [0.4, 0.9]), r"SI_targets"),
    (lambda: hm.outcome_map([0.0], [0.4], step_days=5.0), r"step_days=5"),
    (lambda: mech.intervention_for(["fasting"], 100.0), r"names=\['fasting'\]"),
])
def test_bad_input_is_refused_with_a_message_naming_it(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_a_run_across_the_start_day_does_not_depend_on_the_tolerance():
    # the levers jump on the start day; the run restarts there instead of stepping across the jump
    iv = ha.Intervention(1200.0, SI_target=0.3, R0_factor=0.8, secretion_factor=1.3)
    loose, tight = (ha.simulate(intervention=iv, rtol=r).glucose for r in (1e-8, 1e-10))
    np.testing.assert_allclose(loose, tight, rtol=1e-5)
    assert ha.simulate(intervention=ha.Intervention(0.0, SI_target=0.4)).glucose[0] == ha.AUTHORS_START[0]


def test_a_failed_integration_is_reported_not_returned(monkeypatch):
    def failing(rhs, y0, t, **options):
        return np.full((len(t), len(y0)), 1e-300), {"message": "Repeated error test failures."}
    monkeypatch.setattr(ha, "odeint", failing)
    with pytest.raises(ValueError, match="integration failed.*Repeated error test failures"):
        ha.simulate()


def test_unknown_parameter_names_are_refused():
    with pytest.raises(TypeError, match="tau_x"):
        ha.PARAMS.replace(tau_x=3.0)


# -- the fast map ---------------------------------------------------------------------------------------
def test_quasi_steady_glucose_solves_the_glucose_balance():
    G0, _, beta, gamma, sigma = ha.AUTHORS_START
    p = ha.PARAMS
    G = hm.quasi_steady_glucose(np.array([0.8, 0.3]), beta, gamma, sigma, R0=p.R0, EG0=p.EG0)
    assert G[0] == pytest.approx(G0, abs=0.01)
    insulin = beta * ha.secretion_per_mass(ha.metabolic_rate(G), gamma, sigma) / (p.BV * p.k)
    np.testing.assert_allclose(p.R0 - (p.EG0 + np.array([0.8, 0.3]) * insulin) * G, 0.0, atol=1e-3)
    assert G[1] > G[0]  # less sensitivity, higher glucose at the same beta cells


@pytest.fixture(scope="module")
def grid():
    return hm.default_map()


def test_default_map_covers_four_years_by_the_whole_sensitivity_range(grid):
    assert grid.glucose.shape == (32, 41) == grid.sigma.shape
    assert grid.start_years[-1] == pytest.approx(4.0)
    assert grid.SI_targets[0] == pytest.approx(0.18) and grid.SI_targets[-1] == pytest.approx(0.8)
    assert np.all(np.isfinite(grid.glucose))


@pytest.mark.parametrize("start_day, target", [(0.0, 0.18), (365.25, 0.3), (730.5, 0.4), (1095.75, 0.6),
                                               (1314.9, 0.4), (1461.0, 0.8)])
def test_map_agrees_with_the_full_model(grid, start_day, target):
    full = ha.simulate(intervention=ha.Intervention(start_day, SI_target=target)).glucose[-1]
    assert grid.at(start_day, target) == pytest.approx(full, abs=1.0)


def test_the_cliff_of_the_map_is_where_the_full_model_has_it(grid):
    last = grid.last_rescue_day(0.4)
    assert last / ha.DAYS_PER_YEAR == pytest.approx(3.0)
    before = ha.simulate(intervention=ha.Intervention(last, SI_target=0.4)).glucose[-1]
    after = ha.simulate(intervention=ha.Intervention(last + 0.1 * ha.DAYS_PER_YEAR, SI_target=0.4)).glucose[-1]
    assert before < 126 < after
    assert grid.last_rescue_day(0.8) / ha.DAYS_PER_YEAR == pytest.approx(3.4)
    assert np.isnan(grid.last_rescue_day(0.18))  # no intervention rescues nobody


def test_map_with_other_levers_matches_the_full_model():
    small = hm.outcome_map([365.25, 1200.0], [0.3], R0_factor=0.8, secretion_factor=1.3)
    for col, start in enumerate(small.start_days):
        iv = ha.Intervention(start, SI_target=0.3, R0_factor=0.8, secretion_factor=1.3)
        assert small.glucose[0, col] == pytest.approx(ha.simulate(intervention=iv).glucose[-1], abs=1.0)


# -- mechanisms ----------------------------------------------------------------------------------------
def test_mechanism_sizes_match_the_numbers_they_cite():
    exercise = mech.MECHANISMS["exercise training"]
    assert exercise.SI_factor == pytest.approx(19.7 / 12.6, rel=0.01)  # Nishida et al. 2004
    assert exercise.EG0_factor == pytest.approx(0.85 / 0.71, rel=0.01)
    assert mech.MECHANISMS["metformin"].R0_factor == pytest.approx(0.53 / 0.70, rel=0.01)  # Hundal et al. 2000
    for name, m in mech.MECHANISMS.items():
        assert m.size.startswith(("measured", "illustrative")), name
        assert any(str(year) in m.source for year in range(1990, 2030)), name
        assert m.not_modelled, name


def test_mechanisms_combine_by_multiplying_their_factors():
    iv = mech.intervention_for(["exercise training", "metformin"], 365.0)
    assert iv.SI_target == pytest.approx(0.18 * 1.56)
    assert (iv.EG0_factor, iv.R0_factor, iv.secretion_factor) == (1.2, 0.76, 1.0)
    assert mech.intervention_for("metformin", 0.0).SI_target is None  # S_I left to its course


def test_the_same_mechanism_works_early_and_fails_late():
    early = ha.simulate(intervention=mech.intervention_for("exercise training", 2 * ha.DAYS_PER_YEAR))
    late = ha.simulate(intervention=mech.intervention_for("exercise training", 3.5 * ha.DAYS_PER_YEAR))
    assert early.glucose[-1] < 110 < 300 < late.glucose[-1]


# -- speed (generous bounds; the benchmark measures) --------------------------------------------------
def test_a_five_year_run_and_the_map_are_fast_enough():
    t0 = time.perf_counter()
    ha.simulate(intervention=ha.SCENARIOS["late"])
    assert time.perf_counter() - t0 < 0.5
    t0 = time.perf_counter()
    hm.outcome_map(np.linspace(0, 1461, 30), np.linspace(0.18, 0.8, 30))
    assert time.perf_counter() - t0 < 10.0


def test_a_start_day_within_rounding_of_a_sample_time_runs_and_matches_the_exact_day():
    # np.arange(2.0, 3.55, 0.05)[2] * 365.25 is 767.0249999..., a hair below the sample at 767.025
    start = np.arange(2.0, 3.55, 0.05)[2] * 365.25
    days = 4 * 365.25
    rounded = ha.simulate(days, intervention=ha.Intervention(start_day=start, SI_target=0.8), samples=241)
    exact = ha.simulate(days, intervention=ha.Intervention(start_day=767.025, SI_target=0.8), samples=241)
    assert np.all(np.isfinite(rounded.glucose))
    np.testing.assert_allclose(rounded.glucose, exact.glucose, rtol=1e-6)

"""Growth hormone: the delayed insulin antagonism reproduces the clamp studies it was fitted to."""

import numpy as np
import pytest

from glucolab.models import growth_hormone as gh


def at(t, values, hour):
    return values[np.argmin(np.abs(t - hour))]


def test_plasma_half_life_is_18_9_minutes():
    t = gh.time_grid(6.0)
    c = gh.infusion(t, 50.0, duration_h=2.0)
    end = at(t, c, 2.0)
    assert end == pytest.approx(50.0, rel=1e-6)  # the infusion reaches its stated peak
    i = int(np.argmin(np.abs(t - 2.0)))
    thirty_minutes = c[i + 15] / c[i]  # fifteen 2-min steps after the infusion stops
    assert thirty_minutes == pytest.approx(0.5 ** (30.0 / 18.9), rel=1e-9)


def test_fitted_to_moller_1989_ratio_at_240_minutes():
    t = gh.time_grid(10.0)
    action = gh.insulin_action(gh.infusion(t, 25.0, 4.0))
    assert at(t, action, 4.0) == pytest.approx(2.83 / 4.35, abs=0.005)


def test_fitted_to_fowelin_1991_largest_effect_and_its_timing():
    t = gh.time_grid(12.0)
    action = gh.insulin_action(gh.infusion(t, 102.0, 1.0))
    assert 1.0 - action.min() == pytest.approx(0.39, abs=0.01)
    assert 4.0 <= t[np.argmin(action)] <= 5.0
    assert 1.0 - at(t, action, 2.0) < 0.15  # "started after about 2 h"
    assert 1.0 - at(t, action, 11.0) < 0.01  # and is gone by the next morning


def test_compared_not_fitted_lower_peaks_give_smaller_effects():
    t = gh.time_grid(12.0)
    effects = [1.0 - gh.insulin_action(gh.infusion(t, p, 1.0)).min() for p in (31.0, 52.0, 102.0)]
    assert effects[0] < effects[1] < effects[2]
    assert effects[2] - effects[1] < 0.03  # 52 and 102 mU/L gave "similar" effects


def test_no_added_gh_means_no_effect():
    t = gh.time_grid(24.0)
    np.testing.assert_allclose(gh.insulin_action(np.zeros_like(t)), 1.0)


def test_patterns_deliver_the_same_daily_amount():
    c = gh.compare_patterns(6.0, pulses_per_day=3, hours=72.0)
    last_day = c.time > c.time[-1] - 24.0
    assert c.gh_pattern[last_day].mean() == pytest.approx(c.gh_continuous[last_day].mean(), rel=0.02)
    assert c.gh_continuous[-1] == pytest.approx(6.0, rel=1e-3)
    assert c.gh_pattern.max() > 5 * c.gh_continuous.max()


def test_all_continuous_pattern_equals_the_continuous_comparison():
    c = gh.compare_patterns(6.0, pulses_per_day=3, pulsatile_share=0.0)
    np.testing.assert_allclose(c.action_pattern, c.action_continuous)


def test_direction_of_the_pulsatile_difference_depends_on_the_level():
    # the assumed saturating curve makes a few large pulses less harmful at high exposure and
    # more harmful at low exposure: the model cannot settle the question, which is the point
    high = gh.compare_patterns(10.0, pulses_per_day=1)
    low = gh.compare_patterns(1.0, pulses_per_day=1)
    assert high.mean_action_pattern > high.mean_action_continuous
    assert low.mean_action_pattern < low.mean_action_continuous
    # with many pulses a day the delay smooths them and the two patterns agree (Surya et al. 2009)
    many = gh.compare_patterns(5.0, pulses_per_day=8)
    assert many.mean_action_pattern == pytest.approx(many.mean_action_continuous, abs=0.01)


def test_simulate_is_one_pattern_and_matches_the_comparison():
    run = gh.simulate(48.0, mean_gh=6.0, pulses_per_day=3, pulsatile_share=0.5)
    c = gh.compare_patterns(6.0, pulses_per_day=3, pulsatile_share=0.5)
    np.testing.assert_allclose(run.gh, c.gh_pattern)
    np.testing.assert_allclose(run.insulin_action, c.action_pattern)
    assert run.time_unit == "h" and run.at(24.0).insulin_action == pytest.approx(at(run.time, run.insulin_action, 24.0))


def test_parameters_change_by_replace():
    weaker = gh.PARAMS.replace(r_max=0.2)
    assert gh.simulate(r_max=0.2).insulin_action.min() > gh.simulate().insulin_action.min()
    np.testing.assert_allclose(gh.simulate(params=weaker).insulin_action, gh.simulate(r_max=0.2).insulin_action)
    assert gh.PARAMS.k_el == gh.K_EL and gh.PARAMS.n_transit == gh.N_TRANSIT
    with pytest.raises(ValueError, match="n_transit=2.5"):
        gh.PARAMS.replace(n_transit=2.5)


def test_clamp_protocols_replace_the_old_dict():
    runs = gh.clamp_protocols(10.0)
    with pytest.warns(DeprecationWarning, match="clamp_studies is now clamp_protocols"):
        old = gh.clamp_studies(10.0)
    assert list(old) == ["time", *runs.LABELS.values()]
    for name, label in runs.LABELS.items():
        np.testing.assert_array_equal(old[label], runs.series(name))


@pytest.mark.parametrize("call, match", [
    (lambda: gh.exposure(gh.time_grid(), 0.0), "mean_gh=0.0"),
    (lambda: gh.exposure(gh.time_grid(), 5.0, pulses_per_day=9), "pulses_per_day=9"),
    (lambda: gh.exposure(gh.time_grid(), 5.0, pulsatile_share=1.2), "pulsatile_share=1.2"),
    (lambda: gh.time_grid(200.0), "hours=200.0"),
    (lambda: gh.compare_patterns(5.0, hours=12.0), "hours=12.0"),
    (lambda: gh.infusion(gh.time_grid(), -3.0), "peak=-3.0"),
])
def test_bad_inputs_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()

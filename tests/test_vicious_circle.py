"""The illustrative circle of visceral fat and low testosterone: two states, and a way out."""

import math

import pytest

from glucolab.models import vicious_circle as vc


def test_usual_drive_has_a_healthy_state_a_saddle_and_a_low_state():
    healthy, saddle, low = vc.fixed_points()
    assert (healthy.testosterone, healthy.adiposity, healthy.stable) == (pytest.approx(1.0), pytest.approx(1.0), True)
    assert not saddle.stable
    assert low.stable and low.testosterone < 0.6 and low.adiposity > 1.6
    assert low == vc.VICIOUS_START


def test_two_states_exist_only_in_a_window_of_drives():
    assert len(vc.fixed_points(0.80)) == 1 and vc.fixed_points(0.80)[0].testosterone > 1.0
    assert len(vc.fixed_points(0.99)) == 1 and vc.fixed_points(0.99)[0].testosterone < 0.6
    assert len(vc.fixed_points(0.85)) == 3 and len(vc.fixed_points(0.95)) == 3


def test_without_a_change_the_person_stays_in_the_circle():
    run = vc.simulate(change=0.0, months=0.0)
    assert run.testosterone[-1] == pytest.approx(vc.VICIOUS_START.testosterone, abs=1e-6)
    assert not run.escaped


def test_a_large_enough_long_enough_change_leaves_it_for_good():
    short = vc.simulate(change=0.2, months=6.0)
    long = vc.simulate(change=0.3, months=24.0)
    assert not short.escaped
    assert long.escaped
    # the drive is back at its usual value, yet the person stays healthy: hysteresis
    assert long.drive[-1] == pytest.approx(vc.USUAL_DRIVE)
    assert long.testosterone[-1] == pytest.approx(1.0, abs=0.01)


def test_bigger_changes_need_less_time_and_small_ones_never_suffice():
    assert math.isinf(vc.minimum_duration(0.1))
    t_small, t_large = vc.minimum_duration(0.2), vc.minimum_duration(0.4)
    assert t_large < t_small < 36.0
    assert vc.simulate(120.0, change=0.4, months=t_large + 0.1).escaped
    assert not vc.simulate(120.0, change=0.4, months=t_large - 0.2).escaped


def test_steady_state_names_the_two_stable_states_and_the_saddle():
    s = vc.steady_state()
    assert s.bistable and s.points == tuple(vc.fixed_points())
    assert s.healthy.testosterone == pytest.approx(1.0) and s.vicious == vc.VICIOUS_START
    assert not s.saddle.stable
    lower = vc.steady_state(drive=0.80)
    assert not lower.bistable and lower.vicious is None and lower.saddle is None


def test_parameters_change_by_replace_and_reach_every_function():
    gentle = vc.PARAMS.replace(hill_a=2.0, hill_t=2.0)  # gentler arrows: no circle at all
    assert not vc.steady_state(params=gentle).bistable
    run = vc.simulate(60.0, params=vc.PRESETS["higher drive (one low state)"], change=0.0, months=0.0)
    assert run.drive[-1] == pytest.approx(0.99) and not run.escaped
    assert run.time_unit == "months" and run.at(30.0).adiposity == pytest.approx(float(run.adiposity[180]))
    with pytest.warns(DeprecationWarning, match="Course.months is now Course.time"):
        assert run.months is run.time


@pytest.mark.parametrize("call, match", [
    (lambda: vc.simulate(drive=1.5), "drive=1.5"),
    (lambda: vc.simulate(300.0), "duration=300.0"),
    (lambda: vc.simulate(change=-0.1), "change=-0.1"),
    (lambda: vc.simulate(months=48.0), "months=48.0"),
    (lambda: vc.fixed_points(0.2), "drive=0.2"),
])
def test_bad_inputs_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()

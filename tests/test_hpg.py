"""The GnRH → LH → testosterone loop: it settles, and outside androgen suppresses it."""

import numpy as np
import pytest

from glucolab.models import hpg


def test_healthy_man_rests_at_one_and_18_4_nmol_per_l():
    s = hpg.steady_state()
    assert (s.gnrh, s.lh, s.endogenous, s.total) == pytest.approx((1.0, 1.0, 1.0, 1.0))
    assert hpg.T_REF_NMOLL == pytest.approx(18.41, abs=0.005)  # Travison et al. 2017 median, 531 ng/dL
    assert hpg.feedback(1.0) == pytest.approx(1.0)


def test_without_outside_androgen_the_loop_stays_at_rest():
    run = hpg.simulate(exogenous=0.0)
    np.testing.assert_allclose(run.endogenous, 1.0, atol=1e-8)
    np.testing.assert_allclose(run.lh, 1.0, atol=1e-8)


def test_after_a_step_the_loop_settles_at_its_new_steady_state():
    run = hpg.simulate(72.0, exogenous=1.0, start_h=12.0)
    rest = hpg.steady_state(1.0)
    assert run.endogenous[-1] == pytest.approx(rest.endogenous, abs=1e-5)
    assert run.lh[-1] == pytest.approx(rest.lh, abs=1e-5)
    late = run.time > 48.0
    assert np.ptp(run.endogenous[late]) < 1e-4  # settled: no oscillation left
    assert run.total[-1] == pytest.approx(rest.total, abs=1e-5)


def test_outside_androgen_suppresses_lh_and_the_testes_but_raises_total():
    u = np.linspace(0.0, 3.0, 31)
    rest = hpg.steady_state(u)
    assert np.all(np.diff(rest.lh) < 0) and np.all(np.diff(rest.endogenous) < 0)
    assert np.all(rest.total[1:] > 1.0)
    assert rest.endogenous[-1] < 0.05  # three times the own level almost shuts the testes down
    run = hpg.simulate(exogenous=1.0)
    before, after = run.time < 12.0, run.time > 40.0
    assert run.lh[after].max() < run.lh[before].min()


def test_primary_and_secondary_failure_move_lh_in_opposite_directions():
    primary = hpg.steady_state(capacity=0.5)
    secondary = hpg.steady_state(drive=0.5)
    assert primary.endogenous < 1.0 and primary.lh > 1.0
    assert secondary.endogenous < 1.0 and secondary.lh < 1.0
    # negative feedback buffers a weaker drive: halving it lowers testosterone far less than half
    assert secondary.endogenous > 0.75


def test_loop_gain_stays_below_the_secant_limit_everywhere():
    u, d, c = np.meshgrid(np.linspace(0, 3, 13), np.linspace(0.2, 1.5, 7), np.linspace(0.2, 1.5, 7))
    rest = hpg.steady_state(u, drive=d, capacity=c)
    assert np.all(rest.loop_gain < 8.0)
    assert np.all(rest.endogenous == pytest.approx(c * d * hpg.feedback(rest.endogenous + u), rel=1e-9))


def test_parameters_change_by_replace_and_the_run_reads_like_every_time_course():
    steeper = hpg.PARAMS.replace(hill=6.0)
    assert hpg.steady_state().endogenous == pytest.approx(1.0)  # f(1) = 1 whatever the shape
    assert hpg.steady_state(1.0, params=steeper).endogenous < hpg.steady_state(1.0).endogenous
    primary = hpg.PRESETS["testes respond half as well"]
    assert hpg.steady_state(params=primary).lh == pytest.approx(hpg.steady_state(capacity=0.5).lh)
    run = hpg.simulate(48.0, exogenous=2.0)
    assert run.time_unit == "h" and run.at(48.0).total == pytest.approx(run.total[-1])
    assert run.first_time("lh", 0.5, above=False) > 12.0  # LH falls only after the androgen starts


@pytest.mark.parametrize("call, match", [
    (lambda: hpg.steady_state(-0.5), "exogenous=-0.5"),
    (lambda: hpg.steady_state(0.0, drive=3.0), "drive=3.0"),
    (lambda: hpg.steady_state(0.0, capacity=0.0), "capacity=0.0"),
    (lambda: hpg.simulate(1000.0), "duration=1000.0"),
    (lambda: hpg.simulate(48.0, start_h=60.0), "start_h=60.0"),
    (lambda: hpg.simulate(drive=np.array([0.5, 1.0])), "drive=.*single number"),
    (lambda: hpg.PARAMS.replace(hill=9.0), "hill=9.0"),
])
def test_bad_inputs_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()

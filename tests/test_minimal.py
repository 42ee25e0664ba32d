import warnings

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from glucolab.data import load_fsigt
from glucolab.models import minimal
from glucolab.models.minimal import IVGTTRun, MinimalParams, PoorlyDeterminedFit, fit_ivgtt, simulate

TRUE = dict(G0=280.0, SG=0.022, SI=6.0e-4, p2=0.03)


@pytest.fixture(scope="module")
def fsigt():
    return load_fsigt()


@pytest.fixture(scope="module")
def real_fit(fsigt):
    return fit_ivgtt(fsigt.time, fsigt.glucose, fsigt.insulin)


def _piecewise_reference(times, t_ins, ins, G0, SG, SI, p2, Gb, Ib):
    """Integrate sample interval by sample interval with a different solver (RK45)."""
    y, out, t_now = np.array([G0, 0.0]), {0.0: G0}, 0.0
    for t_next in t_ins[1:]:
        sol = solve_ivp(lambda t, s: [-(SG + s[1]) * s[0] + SG * Gb,
                                      -p2 * s[1] + p2 * SI * (np.interp(t, t_ins, ins) - Ib)],
                        (t_now, t_next), y, rtol=1e-11, atol=1e-11)
        y, t_now = sol.y[:, -1], t_next
        out[t_next] = y[0]
    return np.array([out[t] for t in times])


def _glucose_at_samples(fsigt, **params):
    """Model glucose at the FSIGT's own sample times (whole minutes, so on the 1-min grid)."""
    run = simulate(fsigt.time[-1], insulin_times=fsigt.time, insulin=fsigt.insulin, **params)
    return run.glucose[np.searchsorted(run.time, fsigt.time)]


def test_simulation_agrees_with_a_piecewise_integration(fsigt):
    kw = dict(TRUE, Gb=92.0, Ib=11.0)
    ours = _glucose_at_samples(fsigt, **kw)
    ref = _piecewise_reference(fsigt.time, fsigt.time, fsigt.insulin, **kw)
    np.testing.assert_allclose(ours, ref, rtol=1e-7)


def test_basal_insulin_keeps_glucose_at_basal():
    t = np.arange(0.0, 181.0, 10.0)
    run = simulate(180.0, step=10.0, insulin_times=t, insulin=np.full(t.size, 11.0), G0=92.0, SG=0.02, SI=5e-4,
                   p2=0.03, Gb=92.0, Ib=11.0)
    np.testing.assert_array_equal(run.time, t)
    np.testing.assert_allclose(run.glucose, 92.0, rtol=1e-10)
    np.testing.assert_allclose(run.remote_insulin, 0.0, atol=1e-12)


def test_fit_recovers_the_parameters_that_made_the_data(fsigt):
    glucose = _glucose_at_samples(fsigt, Gb=92.0, Ib=11.0, **TRUE)
    glucose[0] = 92.0
    fit = fit_ivgtt(fsigt.time, glucose, fsigt.insulin)
    for name, value in TRUE.items():
        assert getattr(fit, name) == pytest.approx(value, rel=1e-4), name
    assert fit.rmse < 1e-3


def test_fit_on_noisy_synthetic_data_is_within_its_standard_errors(fsigt):
    rng = np.random.default_rng(7)
    glucose = _glucose_at_samples(fsigt, Gb=92.0, Ib=11.0, **TRUE)
    glucose = glucose * (1 + 0.015 * rng.standard_normal(glucose.size))
    glucose[0] = 92.0
    fit = fit_ivgtt(fsigt.time, glucose, fsigt.insulin)
    assert abs(fit.SI - TRUE["SI"]) < 3 * fit.stderr["SI"]


def test_real_fsigt_fit_is_stable_and_physiological(real_fit):
    # Every starting point reaches the same optimum.
    assert real_fit.starts_agree < 1e-3
    # S_I in the range of healthy adults (Pacini et al. 1998: 7.1 +/- 0.8 e-4, mean +/- SE, n = 16).
    assert 4e-4 < real_fit.SI < 1.2e-3
    assert 0.005 < real_fit.SG < 0.05
    assert real_fit.rmse < 5.0
    assert real_fit.stderr["SI"] / real_fit.SI < 0.15
    assert real_fit.used.sum() == 20  # samples at t >= 8 min


def test_fit_values_are_pinned(real_fit):
    """Guards the numbers the lesson quotes (S_I 8.1e-4, S_G 0.019, p2 0.021, G0 261)."""
    assert real_fit.SI == pytest.approx(8.07e-4, rel=0.005)
    assert real_fit.SG == pytest.approx(0.0189, rel=0.01)
    assert real_fit.p2 == pytest.approx(0.0214, rel=0.01)
    assert real_fit.G0 == pytest.approx(261.2, rel=0.005)


def test_si_is_robust_to_dropping_early_samples_but_the_fit_warns_it_is_poorly_determined(fsigt, real_fit):
    assert real_fit.starts_agree < 0.01  # all starts agree: no warning for the default fit
    with pytest.warns(PoorlyDeterminedFit, match=r"only 1 of 4 starting points .* t_min=20 min"):
        late = fit_ivgtt(fsigt.time, fsigt.glucose, fsigt.insulin, t_min=20)
    assert late.SI == pytest.approx(real_fit.SI, rel=0.01) and late.starts_agree == float("inf")
    assert 0.65 < late.SG / real_fit.SG < 0.8  # S_G moves by 20-30 %


def test_predict_overrides_and_rejects_unknown_names(real_fit, fsigt):
    slower = real_fit.predict([60.0], SI=real_fit.SI / 2)[0]
    assert slower > real_fit.predict([60.0])[0]
    with pytest.raises(TypeError, match="unknown parameter"):
        real_fit.predict([60.0], k=1)


@pytest.mark.parametrize("change, message", [
    (lambda t, g, i: (t, np.where(np.arange(g.size) == 5, np.nan, g), i), "glucose=.*NaN"),
    (lambda t, g, i: (t, g, np.where(np.arange(i.size) == 3, -1.0, i)), "insulin=.*non-negative"),
    (lambda t, g, i: (t, g[:-1], i), "different lengths: times has 24, glucose has 23"),
    (lambda t, g, i: (t[::-1], g, i), "strictly increasing"),
    (lambda t, g, i: (t[:8], g[:8], i[:8]), "expected at least 6"),
    (lambda t, g, i: (t, np.full(g.size, 92.0), i), "less than 20% above basal"),
    (lambda t, g, i: (t + 5, g, i), "basal sample at or before t = 0"),
])
def test_bad_input_gets_a_named_error(fsigt, change, message):
    t, g, i = change(fsigt.time.copy(), fsigt.glucose.copy(), fsigt.insulin.copy())
    with pytest.raises(ValueError, match=message):
        fit_ivgtt(t, g, i)


def test_loose_tolerances_are_refused(fsigt):
    with pytest.raises(ValueError, match="rtol=1e-05: expected a value between"):
        fit_ivgtt(fsigt.time, fsigt.glucose, fsigt.insulin, rtol=1e-5)



# -- the model interface: simulate() and MinimalParams -------------------------------------------

def test_the_default_parameters_are_the_fit_of_the_reference_fsigt(real_fit):
    p = minimal.PARAMS
    assert (p.Gb, p.Ib) == (real_fit.Gb, real_fit.Ib) == (92.0, 11.0)
    for name in ("G0", "SG", "SI", "p2"):
        assert getattr(p, name) == pytest.approx(getattr(real_fit, name), rel=0.005), name


def test_simulate_without_arguments_runs_the_reference_fsigt(fsigt, real_fit):
    run = simulate()
    assert isinstance(run, IVGTTRun) and run.time[-1] == fsigt.time[-1] and run.params == minimal.PARAMS
    np.testing.assert_allclose(run.insulin, np.interp(run.time, fsigt.time, fsigt.insulin))
    used = fsigt.time >= 8.0
    model = np.interp(fsigt.time[used], run.time, run.glucose)
    assert np.sqrt(np.mean((model - fsigt.glucose[used]) ** 2)) == pytest.approx(real_fit.rmse, rel=0.05)
    assert run.remote_insulin.max() > 0.0 and run.at(60).glucose < run.at(20).glucose


def test_simulate_takes_params_and_overrides_alike():
    half = MinimalParams(SI=4.05e-4)
    assert simulate(60, params=half).at(60).glucose == pytest.approx(simulate(60, SI=4.05e-4).at(60).glucose)
    assert simulate(60, SI=4.05e-4).at(60).glucose > simulate(60).at(60).glucose
    assert half.replace(SI=minimal.PARAMS.SI) == minimal.PARAMS


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(duration=200.0), ValueError, r"duration=200: expected at most 182 min, the last insulin sample"),
    (dict(insulin=[11.0, 50.0]), ValueError, "insulin_times, insulin: expected both"),
    (dict(insulin_times=[5.0, 60.0], insulin=[11.0, 50.0], duration=30.0), ValueError, r"insulin_times\[0\]=5"),
    (dict(insulin_times=[0.0, 60.0], insulin=[11.0], duration=30.0), ValueError, "different lengths"),
    (dict(SI=0.5), ValueError, r"SI=0.5: expected a value between"),
    (dict(rtol=1e-3), ValueError, r"rtol=0.001: expected a value between"),
    (dict(k=1.0), TypeError, r"unknown parameter\(s\) \['k'\]"),
])
def test_bad_simulate_inputs_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        simulate(**kwargs)


def test_the_old_name_keeps_its_signature_and_tuple(fsigt):
    kw = dict(TRUE, Gb=92.0, Ib=11.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        glucose, action = minimal.simulate_ivgtt(fsigt.time, fsigt.time, fsigt.insulin, **kw)
    assert any(issubclass(w.category, DeprecationWarning) and "simulate_ivgtt" in str(w.message) for w in caught)
    run = simulate(fsigt.time[-1], insulin_times=fsigt.time, insulin=fsigt.insulin, **kw)
    k = np.searchsorted(run.time, fsigt.time)
    np.testing.assert_allclose(glucose, run.glucose[k], rtol=1e-7)
    np.testing.assert_allclose(action, run.remote_insulin[k], rtol=1e-6, atol=1e-12)

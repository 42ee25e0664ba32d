"""The virtual cohort and the single-test variation model."""

import math
import time

import numpy as np
import pytest

from glucolab import cohort
from glucolab.indices import homa_ir, quicki
from glucolab.models.feedback import REF_SI, fasting_state


def test_same_seed_same_cohort_other_seed_other_cohort():
    a, b, c = cohort.generate(300, seed=7), cohort.generate(300, seed=7), cohort.generate(300, seed=8)
    for name in ("SI", "beta", "glucose", "measured_insulin", "measured_homa_ir"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.allclose(a.SI, c.SI)
    assert a.seed == 7 and len(a) == 300


def test_fasting_values_are_the_feedback_model_steady_state():
    c = cohort.generate(50, seed=3)
    g, i = fasting_state(c.SI, c.SG, c.beta)
    np.testing.assert_allclose(c.glucose, g)
    np.testing.assert_allclose(c.insulin, i)
    for k in (0, 17, 49):  # one person at a time gives the same
        gk, ik = fasting_state(c.SI[k], c.SG[k], c.beta[k])
        assert c.glucose[k] == pytest.approx(gk) and c.insulin[k] == pytest.approx(ik)
    np.testing.assert_allclose(c.homa_ir, homa_ir(g, i, glucose_unit="mg/dL"))
    np.testing.assert_allclose(c.quicki, quicki(g, i, glucose_unit="mg/dL"))


def test_distributions_match_their_documented_parameters():
    c = cohort.generate(40_000, seed=1)
    assert np.median(c.SI) == pytest.approx(REF_SI, rel=0.03)
    assert np.std(np.log(c.SI)) == pytest.approx(cohort.SI_LOG_SD, rel=0.03)
    # single-test variation: log-normal factors with the ARIC CVs (Poon et al. 2018)
    assert np.std(np.log(c.measured_insulin / c.insulin)) == pytest.approx(cohort.log_sd(0.288), rel=0.03)
    assert np.std(np.log(c.measured_glucose / c.glucose)) == pytest.approx(cohort.log_sd(0.056), rel=0.03)
    cv_homa = np.std(c.measured_homa_ir / c.homa_ir)
    assert cv_homa == pytest.approx(math.hypot(0.288, 0.056), rel=0.08)  # close to the 30.4 % observed
    # beta falls as S_I rises (compensation)
    assert np.corrcoef(np.log(c.SI), np.log(c.beta))[0, 1] < -0.3


def test_without_noise_measured_equals_true():
    c = cohort.generate(100, seed=2, noise=False)
    np.testing.assert_array_equal(c.measured_homa_ir, c.homa_ir)


def test_homa_ranks_true_sensitivity_and_noise_blurs_the_ranking():
    c = cohort.generate(5000, seed=0)
    true_rho, measured_rho = c.rank_correlation("homa_ir"), c.rank_correlation("measured_homa_ir")
    assert true_rho < -0.8
    assert true_rho < measured_rho < -0.5
    assert c.rank_correlation("measured_quicki") == pytest.approx(-measured_rho)  # same ranking
    with pytest.raises(ValueError, match="'height'"):
        c.rank_correlation("height")


def test_share_above_cutoffs():
    c = cohort.generate(2000, seed=4)
    shares = c.share_above([1.775, 2.5, 3.46])
    np.testing.assert_allclose(shares, [np.mean(c.measured_homa_ir > x) for x in (1.775, 2.5, 3.46)])
    assert shares[0] > shares[1] > shares[2]
    assert c.share_above(2.5, measured=False) == pytest.approx(np.mean(c.homa_ir > 2.5))
    with pytest.raises(ValueError, match="cutoff=-1"):
        c.share_above(-1.0)


@pytest.mark.parametrize("n", [0, -5, 1.5, "100", True, 2_000_000])
def test_bad_cohort_size_is_refused(n):
    with pytest.raises(ValueError, match="n="):
        cohort.generate(n)


def test_ten_thousand_people_in_half_a_second():
    cohort.generate(100, seed=0)  # warm up imports
    start = time.perf_counter()
    cohort.generate(10_000, seed=0)
    assert time.perf_counter() - start < 0.5


def test_probability_above_by_hand():
    # log-SD of a 30.4 % CV: sqrt(ln(1 + 0.304²)) = 0.29729; z = ln(2.5/2) / 0.29729 = 0.75059
    sigma = math.sqrt(math.log(1 + 0.304 ** 2))
    z = math.log(1.25) / sigma
    expected = 0.5 * math.erfc(z / math.sqrt(2))
    assert cohort.probability_above(2.0, 2.5) == pytest.approx(expected, rel=1e-9)
    assert cohort.probability_above(2.0, 2.5) == pytest.approx(0.2265, abs=5e-4)
    assert cohort.probability_above(2.0, 2.5, n_tests=3) == pytest.approx(
        0.5 * math.erfc(z * math.sqrt(3) / math.sqrt(2)), rel=1e-9)
    assert cohort.probability_above(2.5, 2.5) == pytest.approx(0.5)
    # five averaged tests are the fewest that bring a false "above 2.5" under 5 %
    assert cohort.probability_above(2.0, 2.5, n_tests=4) > 0.05 > cohort.probability_above(2.0, 2.5, n_tests=5)


@pytest.mark.parametrize("kwargs, message", [
    ({"true_value": -1.0}, "true_value=-1"), ({"cutoff": 0.0}, "cutoff=0"), ({"cv": 0.0}, "cv=0"),
    ({"cv": 30.0}, "cv=30"), ({"n_tests": 0}, "n_tests=0"), ({"n_tests": 2.5}, "n_tests=2.5"),
])
def test_probability_above_refuses_bad_input(kwargs, message):
    args = {"true_value": 2.0, "cutoff": 2.5, **kwargs}
    with pytest.raises(ValueError, match=message):
        cohort.probability_above(args.pop("true_value"), args.pop("cutoff"), **args)

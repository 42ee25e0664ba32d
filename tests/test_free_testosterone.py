"""Free testosterone by the Vermeulen (1999) mass-action equation, against worked examples."""

import numpy as np
import pytest

from glucolab.testosterone import (K_ALBUMIN, K_SHBG, NGDL_PER_NMOLL, check_testosterone,
                               convert_testosterone, free_testosterone)

# Worked by hand with the published constants (K_SHBG = 1.0e9 L/mol = 1 L/nmol, K_alb = 3.6e4
# L/mol, albumin 69 kDa). Albumin 4.3 g/dL = 43 g/L = 43/69000 mol/L = 6.2319e-4 mol/L, so
# N = 1 + 3.6e4 * 6.2319e-4 = 23.4348. With concentrations in nmol/L the quadratic is
# N*FT^2 + (N + SHBG - TT)*FT - TT = 0.
#
# Man, TT 15, SHBG 40: b = 23.4348 + 25 = 48.4348, b^2 + 4*N*TT = 2345.93 + 1406.09 = 3752.02,
#   sqrt = 61.2538, FT = (61.2538 - 48.4348) / 46.8696 = 0.27350 nmol/L (1.82 %),
#   bioavailable = N*FT = 6.4094 nmol/L.
# Woman, TT 1.0, SHBG 60: b = 82.4348, b^2 + 4*N*TT = 6795.49 + 93.74 = 6889.23,
#   sqrt = 83.0014, FT = 0.5666 / 46.8696 = 0.012089 nmol/L = 12.09 pmol/L (1.21 %).
N_HAND = 23.4348


def test_constants_are_vermeulens():
    assert K_SHBG == 1.0e9 and K_ALBUMIN == 3.6e4
    assert NGDL_PER_NMOLL == pytest.approx(28.84, abs=0.005)


def test_worked_example_of_a_man():
    r = free_testosterone(15.0, 40.0, unit="nmol/L")
    assert r.free == pytest.approx(0.27350, rel=2e-4)
    assert r.percent_free == pytest.approx(1.823, abs=0.002)
    assert r.bioavailable == pytest.approx(6.4094, rel=2e-4)
    assert r.bioavailable / r.free == pytest.approx(N_HAND, rel=1e-5)


def test_worked_example_of_a_woman():
    r = free_testosterone(1.0, 60.0, unit="nmol/L", result_unit="pmol/L")
    assert r.free == pytest.approx(12.089, rel=5e-4)
    assert r.unit == "pmol/L"
    assert r.percent_free == pytest.approx(1.209, abs=0.002)


def test_result_satisfies_the_mass_action_balance():
    total, shbg = np.array([0.5, 5.0, 15.0, 40.0]), np.array([20.0, 80.0, 30.0, 10.0])
    r = free_testosterone(total, shbg, unit="nmol/L")
    ft = r.free_nmol
    shbg_bound = shbg * ft / (1.0 + ft)  # K = 1 L/nmol: occupied share of SHBG sites
    np.testing.assert_allclose(N_HAND * ft + shbg_bound, total, rtol=1e-4)
    np.testing.assert_allclose(r.shbg_bound_nmol, shbg_bound, rtol=1e-3)
    np.testing.assert_allclose(r.shbg_bound_nmol + r.albumin_bound_nmol + r.free_nmol, total)


def test_free_testosterone_rises_when_shbg_falls_at_fixed_total():
    shbg = np.linspace(150.0, 10.0, 15)
    r = free_testosterone(2.0, shbg, unit="nmol/L")
    assert np.all(np.diff(r.free) > 0)
    # PCOS-like: SHBG halved from 60 to 30 nmol/L raises free T by more than half at the same total
    before, after = (free_testosterone(2.0, s, unit="nmol/L").free for s in (60.0, 30.0))
    assert after / before > 1.5


def test_units_in_and_out():
    a = free_testosterone(15.0, 40.0, unit="nmol/L")
    b = free_testosterone(15.0 * 28.84, 40.0, unit="ng/dL")
    assert b.free == pytest.approx(a.free, rel=1e-3)
    assert free_testosterone(15.0, 40.0, unit="nmol/L", result_unit="pmol/L").free == pytest.approx(1000 * a.free)
    assert free_testosterone(15.0, 40.0, unit="nmol/L", result_unit="pg/mL").free == pytest.approx(288.42 * a.free)
    assert free_testosterone(15.0, 40.0, 43.0, unit="nmol/L", albumin_unit="g/L").free == pytest.approx(a.free)
    assert convert_testosterone(convert_testosterone(12.0, "nmol/L", "ng/dL"), "ng/dL", "nmol/L") == pytest.approx(12.0)
    assert convert_testosterone(1.0, "nmol/L", "ng/dL") == pytest.approx(28.84, abs=0.005)


def test_less_albumin_leaves_more_free_and_less_bioavailable():
    low, high = (free_testosterone(15.0, 40.0, alb, unit="nmol/L") for alb in (3.0, 5.0))
    assert low.free > high.free and low.bioavailable < high.bioavailable


@pytest.mark.parametrize("kwargs, match", [
    (dict(total_t=15.0, shbg=40.0), r"unit=None: testosterone needs a unit"),
    (dict(total_t=15.0, shbg=40.0, unit="mg/dL"), r"unit='mg/dL': expected 'nmol/L' or 'ng/dL'"),
    (dict(total_t=450.0, shbg=40.0, unit="nmol/L"), r"did you mean ng/dL\? \(450.0 ng/dL = 15.6"),
    (dict(total_t=0.3, shbg=40.0, unit="ng/dL"), r"did you mean nmol/L\?"),
    (dict(total_t=-2.0, shbg=40.0, unit="nmol/L"), r"total_t=-2.0: expected positive values in nmol/L"),
    (dict(total_t=15.0, shbg=0.0, unit="nmol/L"), r"shbg=0.0: expected positive values in nmol/L"),
    (dict(total_t=15.0, shbg=900.0, unit="nmol/L"), r"shbg=900.0: expected a value between 0.5 and 500"),
    (dict(total_t=15.0, shbg=40.0, albumin=43.0, unit="nmol/L"), r"did you mean g/L\?"),
    (dict(total_t=15.0, shbg=40.0, albumin=1.0, unit="nmol/L"), r"albumin=1.0 g/dL: expected serum albumin"),
    (dict(total_t=15.0, shbg=40.0, unit="nmol/L", result_unit="mg"), r"result_unit='mg'"),
])
def test_bad_inputs_are_refused_with_a_clear_message(kwargs, match):
    with pytest.raises(ValueError, match=match):
        free_testosterone(**kwargs)


def test_check_testosterone_accepts_arrays_and_names_the_argument():
    np.testing.assert_allclose(check_testosterone([0.5, 20.0], "nmol/L"), [0.5, 20.0])
    with pytest.raises(ValueError, match="total_t="):
        check_testosterone([0.5, 900.0], "nmol/L")

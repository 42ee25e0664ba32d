"""OGTT indices against hand computations, unit invariance, bad input, and what each index reads
in the model."""

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from glucolab.indices import (classify_ogtt, insulinogenic_index, matsuda,  # exported from indices
                              oral_disposition_index)
from glucolab.models import feedback as fb
from glucolab.models import ogtt

T = [0, 30, 60, 90, 120]

# Worked example of a five-point OGTT printed by Gutch M, Kumar S, Razi SM, Gupta KK, Gupta A.
# Assessment of insulin sensitivity/resistance. Indian J Endocrinol Metab 2015;19:160-164:
# glucose 100, 160, 160, 160, 140 mg/dL; insulin 5, 10, 10, 10, 5 µU/mL. By hand:
#   trapezoid means: G = (100/2 + 160 + 160 + 160 + 140/2) / 4 = 150, I = (2.5 + 30 + 2.5) / 4 = 8.75
#   Matsuda = 10000 / sqrt(100 · 5 · 150 · 8.75) = 10000 / sqrt(656250) = 12.3443
#   arithmetic means: G = 720 / 5 = 144, I = 40 / 5 = 8 -> 10000 / sqrt(576000) = 13.1762
#   IGI = (10 - 5) / (160 - 100) = 0.083333; oral DI = 0.083333 / 5 = 0.016667
GUTCH_G = [100, 160, 160, 160, 140]
GUTCH_I = [5, 10, 10, 10, 5]

# A second five-point OGTT, from the documentation of the open-source R package tabletools
# (J. M. Luther), whose author reports checking its Matsuda value, 3.43, against the authors'
# online calculator. By hand: G = (46.5 + 129 + 178 + 164 + 48.5)/4 = 141.5,
# I = (6.4 + 30.7 + 68.5 + 74.1 + 22.0)/4 = 50.425, Matsuda = 10000/sqrt(93·12.8·141.5·50.425) = 3.4313.
CALC_G = [93, 129, 178, 164, 97]
CALC_I = [12.8, 30.7, 68.5, 74.1, 44.0]


def test_matsuda_by_hand_both_conventions():
    assert matsuda(T, GUTCH_G, GUTCH_I) == pytest.approx(10000 / math.sqrt(656250), rel=1e-12)
    assert matsuda(T, GUTCH_G, GUTCH_I) == pytest.approx(12.3443, abs=1e-4)
    assert matsuda(T, GUTCH_G, GUTCH_I, mean="arithmetic") == pytest.approx(13.1762, abs=1e-4)


def test_default_mean_is_the_calculators_trapezoid():
    assert matsuda(T, CALC_G, CALC_I) == pytest.approx(3.4313, abs=1e-4)
    assert round(matsuda(T, CALC_G, CALC_I), 2) == 3.43
    # the arithmetic mean weighs the first and last draws fully and gives 3.72 here, 8 % more
    assert matsuda(T, CALC_G, CALC_I, mean="arithmetic") == pytest.approx(3.716, abs=1e-3)


def test_uneven_draws_use_the_trapezoid_over_120_min():
    # 0, 30, 60, 120 min (DeFronzo & Matsuda 2010): G = (15·(100+160) + 15·(160+160) + 30·(160+140))/120
    t, g, i = [0, 30, 60, 120], [100, 160, 160, 140], [5, 10, 10, 5]
    g_bar = (15 * 260 + 15 * 320 + 30 * 300) / 120
    i_bar = (15 * 15 + 15 * 20 + 30 * 15) / 120
    assert matsuda(t, g, i) == pytest.approx(10000 / math.sqrt(100 * 5 * g_bar * i_bar), rel=1e-12)


def test_insulinogenic_and_disposition_indices_by_hand():
    assert insulinogenic_index(T, GUTCH_G, GUTCH_I) == pytest.approx(5 / 60, rel=1e-12)
    assert oral_disposition_index(T, GUTCH_G, GUTCH_I) == pytest.approx(5 / 60 / 5, rel=1e-12)
    assert oral_disposition_index(T, GUTCH_G, GUTCH_I, sensitivity="matsuda") == pytest.approx(
        5 / 60 * 10000 / math.sqrt(656250), rel=1e-12)
    # the second example: (30.7 - 12.8) / (129 - 93) = 0.49722
    assert insulinogenic_index(T, CALC_G, CALC_I) == pytest.approx(17.9 / 36, rel=1e-12)


def test_insulinogenic_index_in_molar_units_is_108_times_larger():
    molar = insulinogenic_index(T, GUTCH_G, GUTCH_I, result_unit="pmol/L per mmol/L")
    assert molar == pytest.approx(5 / 60 * 6.0 * 18.016, rel=1e-12)


def test_only_the_draws_needed_are_required():
    assert insulinogenic_index([0, 30], [100, 160], [5, 10]) == pytest.approx(5 / 60)


@given(st.lists(st.floats(70, 350), min_size=5, max_size=5), st.lists(st.floats(2, 300), min_size=5, max_size=5))
def test_the_same_test_in_either_unit_system_gives_the_same_indices(g_mgdl, i_uu):
    if g_mgdl[0] >= max(g_mgdl[1:]) or g_mgdl[1] <= g_mgdl[0]:
        g_mgdl = [g_mgdl[0]] + [g_mgdl[0] + 10 + abs(x - g_mgdl[0]) for x in g_mgdl[1:]]
    molar = dict(glucose_unit="mmol/L", insulin_unit="pmol/L")
    g_mmol = [g / 18.016 for g in g_mgdl]
    i_pm = [i * 6.0 for i in i_uu]
    assert matsuda(T, g_mmol, i_pm, **molar) == pytest.approx(matsuda(T, g_mgdl, i_uu), rel=1e-9)
    assert insulinogenic_index(T, g_mmol, i_pm, **molar) == pytest.approx(
        insulinogenic_index(T, g_mgdl, i_uu), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("times, glucose, message", [
    ([0, 60, 30, 90, 120], GUTCH_G,
     r"times: expected strictly increasing sample times in min, but times\[2\]=30 follows"),
    ([0, 30, 30, 90, 120], GUTCH_G, r"times\[2\]=30 follows times\[1\]=30"),
    ([10, 30, 60, 90, 120], GUTCH_G, r"times starts at 10 min: expected the fasting sample at 0 min"),
    ([-30, 30, 60, 90, 120], GUTCH_G, r"times starts at -30 min"),
    ([0, 30, 60, 90, 100], GUTCH_G, r"missing the sample\(s\) at 120 min"),
    ([0, 30, 60, 90, 120], [200, 160, 150, 140, 130],
     r"glucose at 0 min \(200 mg/dL\) is higher than every later sample"),
    ([0, 30, 60, 90, 120], [5.5, 8.9, 8.9, 8.9, 7.8],
     r"glucose=.* mg/dL is outside the range a living person can have.*did you mean mmol/L"),
    ([0, 30, 60, 90], [100, 160, 160, 160], r"missing the sample\(s\) at 120 min"),
])
def test_bad_draws_are_refused_with_a_reason(times, glucose, message):
    insulin = GUTCH_I[:len(times)]
    with pytest.raises(ValueError, match=message):
        matsuda(times, glucose, insulin)


def test_more_bad_input():
    with pytest.raises(ValueError, match=r"times ends at 180 min: expected samples of the 2-hour test"):
        matsuda([0, 30, 60, 120, 180], [100, 160, 160, 140, 110], [5, 10, 10, 5, 4])
    with pytest.raises(ValueError, match=r"arrays of different lengths: times has 5, glucose has 4"):
        matsuda(T, [100, 160, 160, 140], GUTCH_I)
    with pytest.raises(ValueError, match=r"mean='median': expected one of"):
        matsuda(T, GUTCH_G, GUTCH_I, mean="median")
    with pytest.raises(ValueError, match=r"insulin=.*expected positive values in uU/mL"):
        matsuda(T, GUTCH_G, [0, 10, 10, 10, 5])
    with pytest.raises(ValueError, match=r"glucose at 30 min \(100 mg/dL\) is not above the fasting value"):
        insulinogenic_index(T, [100, 100, 160, 160, 140], GUTCH_I)
    with pytest.raises(ValueError, match=r"missing the sample\(s\) at 30 min"):
        insulinogenic_index([0, 60, 120], [100, 160, 140], [5, 10, 5])
    with pytest.raises(ValueError, match=r"sensitivity='HOMA': expected one of"):
        oral_disposition_index(T, GUTCH_G, GUTCH_I, sensitivity="HOMA")
    with pytest.raises(ValueError, match=r"result_unit='mU/L per mg/dL': expected one of"):
        insulinogenic_index(T, GUTCH_G, GUTCH_I, result_unit="mU/L per mg/dL")


@pytest.mark.parametrize("two_hour, category", [(139, "normal"), (140, "prediabetes"), (199, "prediabetes"),
                                                (200, "diabetes")])
def test_classify_ogtt_uses_the_ada_2_hour_thresholds(two_hour, category):
    c = classify_ogtt(T, [90, 160, 170, 160, two_hour])
    assert c.by_criterion == {"fasting glucose": "normal", "2-h OGTT glucose": category}


def test_classify_ogtt_in_mmol_and_for_other_loads():
    c = classify_ogtt(T, [5.0, 8.9, 9.4, 8.9, 7.8], glucose_unit="mmol/L")
    assert c.by_criterion["2-h OGTT glucose"] == "prediabetes"
    assert classify_ogtt(T, [126, 200, 220, 210, 150]).by_criterion["fasting glucose"] == "diabetes"
    with pytest.raises(ValueError, match=r"dose_g=100.0: the ADA 2-hour thresholds are defined for a 75-g load"):
        classify_ogtt(T, GUTCH_G, dose_g=100.0)


# -- what each index reads in the model (the lesson's exercise) ------------------------------------

def _indices(**person):
    s = ogtt.simulate(**person).samples
    return (matsuda(s.times, s.glucose, s.insulin), insulinogenic_index(s.times, s.glucose, s.insulin))


def test_matsuda_rises_with_insulin_sensitivity_but_less_than_in_proportion():
    values = [_indices(SI=si)[0] for si in (2e-4, 4e-4, 8e-4, 16e-4)]
    ratios = np.array(values[1:]) / np.array(values[:-1])
    assert np.all(ratios > 1.3) and np.all(ratios < 2.0)  # each doubling of S_I: ×1.3 to ×2


def test_insulinogenic_index_reads_beta_cell_response_not_sensitivity():
    # Each doubling of beta raises the index by less than double: stronger secretion blunts the
    # rise in glucose, and with it the rate-sensitive part of secretion, which feeds the index.
    igi_beta = np.array([_indices(beta=b)[1] for b in (0.5, 1.0, 2.0, 4.0)])
    ratios = igi_beta[1:] / igi_beta[:-1]
    assert np.all(ratios > 1.5) and np.all(ratios < 2.05), ratios
    # An eightfold range of S_I moves it by much less than an eightfold range of beta (×5.2).
    igi_si = [_indices(SI=si)[1] for si in (2e-4, 8e-4, 16e-4)]
    assert max(igi_si) / min(igi_si) < 1.6 < igi_beta[-1] / igi_beta[0] / 3


def test_matsuda_is_not_pure_sensitivity():
    # The type 2 preset's true S_I is 40 % lower than the compensating person's (1.5e-4 against
    # 2.5e-4), yet its Matsuda index is no lower: its beta cells secrete less insulin, and the
    # index divides by insulin.
    t2d = fb.PRESETS["type 2 diabetes"]
    comp = fb.PRESETS["insulin resistant, compensating"]
    assert t2d.SI / comp.SI == pytest.approx(0.6)
    ratio = _indices(**t2d.__dict__)[0] / _indices(**comp.__dict__)[0]
    assert 0.95 < ratio < 1.1, ratio

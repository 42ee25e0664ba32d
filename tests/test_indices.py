"""Fasting indices against worked examples computed by hand from the published formulas."""

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from glucolab.indices import (ADA_THRESHOLDS, HOMA_IR_CUTOFFS, classify_glycemia, convert_hba1c,
                              eag_from_hba1c, homa_b, homa_ir, quicki, tyg)

# The Lesson 1 FSIGT subject (Pacini & Bergman 1986): 92 mg/dL and 11 µU/mL, worked by hand:
# G = 92 / 18.016 = 5.10657 mmol/L; HOMA-IR = 5.10657 × 11 / 22.5 = 2.49655;
# %B = 20 × 11 / (5.10657 − 3.5) = 136.93; QUICKI = 1 / (log10 11 + log10 92) = 0.332760.
FSIGT_G_MGDL, FSIGT_I = 92.0, 11.0


def test_reference_person_defines_the_constants():
    # 4.5 mmol/L and 5 µU/mL: 22.5 = 4.5 × 5 and 20 × 5 / (4.5 − 3.5) = 100 (Matthews 1985)
    assert homa_ir(4.5, 5.0) == pytest.approx(1.0, rel=1e-12)
    assert homa_b(4.5, 5.0) == pytest.approx(100.0, rel=1e-12)
    assert quicki(4.5, 5.0) == pytest.approx(1 / (math.log10(5.0) + math.log10(4.5 * 18.016)), rel=1e-12)


def test_worked_example_fsigt_subject():
    units = {"glucose_unit": "mg/dL"}
    assert homa_ir(FSIGT_G_MGDL, FSIGT_I, **units) == pytest.approx(2.49655, rel=1e-5)
    assert homa_b(FSIGT_G_MGDL, FSIGT_I, **units) == pytest.approx(136.93, rel=1e-4)
    assert quicki(FSIGT_G_MGDL, FSIGT_I, **units) == pytest.approx(0.332760, rel=1e-5)


def test_more_hand_examples():
    # 6.0 mmol/L and 20 µU/mL: IR = 120 / 22.5 = 5.3333; %B = 400 / 2.5 = 160
    assert homa_ir(6.0, 20.0) == pytest.approx(16 / 3)
    assert homa_b(6.0, 20.0) == pytest.approx(160.0)
    # QUICKI with 100 mg/dL and 10 µU/mL: 1 / (1 + 2) = 1/3
    assert quicki(100.0, 10.0, glucose_unit="mg/dL") == pytest.approx(1 / 3)


def test_scalars_give_floats_and_arrays_work_element_wise():
    assert isinstance(homa_ir(5.0, 10.0), float)
    g, i = np.array([4.5, 6.0, 5.0]), np.array([5.0, 20.0, 9.0])
    out = homa_ir(g, i)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, [1.0, 16 / 3, 2.0])
    np.testing.assert_allclose(homa_b(g, i), [100.0, 160.0, 120.0])
    np.testing.assert_allclose(homa_ir(g, 5.0), g * 5.0 / 22.5)  # a scalar broadcasts


@given(st.floats(3.6, 25.0), st.floats(0.5, 300.0))
def test_same_person_in_either_unit_system_gives_the_same_indices(g_mmol, i_uu):
    other = {"glucose_unit": "mg/dL", "insulin_unit": "pmol/L"}
    g_mg, i_pm = g_mmol * 18.016, i_uu * 6.0
    for index in (homa_ir, homa_b, quicki):
        assert index(g_mg, i_pm, **other) == pytest.approx(index(g_mmol, i_uu), rel=1e-10)


def test_insulin_spellings_and_the_older_factor():
    base = homa_ir(5.0, 10.0)
    for spelling in ("µU/mL", "uIU/mL", "mU/L", "mIU/L"):
        assert homa_ir(5.0, 10.0, insulin_unit=spelling) == pytest.approx(base)
    # 69.45 pmol/L is 10 µU/mL with the older factor of 6.945 but 11.575 µU/mL with 6.0
    assert homa_ir(5.0, 69.45, insulin_unit="pmol/L", insulin_factor=6.945) == pytest.approx(base)
    assert homa_ir(5.0, 69.45, insulin_unit="pmol/L") == pytest.approx(base * 6.945 / 6.0)


@pytest.mark.parametrize("index", [homa_ir, homa_b, quicki])
@pytest.mark.parametrize("glucose, insulin, message", [
    (0.0, 10.0, "glucose=0"), (-5.0, 10.0, "glucose=-5"), (float("nan"), 10.0, "glucose=nan"),
    (5.0, 0.0, "insulin=0"), (5.0, -2.0, "insulin=-2"), (5.0, float("nan"), "insulin=nan"),
    (95.0, 10.0, "did you mean mg/dL"),  # a mg/dL value labelled mmol/L
])
def test_bad_concentrations_are_refused_by_name(index, glucose, insulin, message):
    with pytest.raises(ValueError, match=message):
        index(glucose, insulin)


def test_mg_dl_value_too_low_suggests_mmol():
    with pytest.raises(ValueError, match="did you mean mmol/L"):
        homa_ir(5.4, 10.0, glucose_unit="mg/dL")


@pytest.mark.parametrize("kwargs, name", [({"glucose_unit": "mmol"}, "glucose_unit='mmol'"),
                                          ({"glucose_unit": "mg"}, "glucose_unit='mg'"),
                                          ({"insulin_unit": "ng/mL"}, "insulin_unit='ng/mL'")])
def test_misspelled_units_are_refused(kwargs, name):
    with pytest.raises(ValueError, match=name):
        homa_ir(5.0, 10.0, **kwargs)


def test_arrays_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="one insulin value per glucose value"):
        homa_ir([5.0, 6.0], [10.0, 11.0, 12.0])


@pytest.mark.parametrize("glucose, unit", [(3.5, "mmol/L"), (3.0, "mmol/L"), (63.0, "mg/dL"),
                                           ([5.0, 3.4], "mmol/L")])
def test_homa_b_is_undefined_at_or_below_3_5_mmol(glucose, unit):
    with pytest.raises(ValueError, match=r"undefined at or below 3\.5 mmol/L"):
        homa_b(glucose, 10.0, glucose_unit=unit)
    assert homa_ir(glucose, 10.0, glucose_unit=unit) is not None  # HOMA-IR stays defined


def test_homa_b_just_above_the_offset_is_large_but_finite():
    assert homa_b(3.51, 5.0) == pytest.approx(20 * 5 / 0.01)


def test_tyg_both_forms_by_hand():
    # TG 150 mg/dL, FPG 100 mg/dL: ln(150 × 100 / 2) = ln 7500 = 8.92266; ln(15000) / 2 = 4.80813
    assert tyg(150.0, 100.0) == pytest.approx(math.log(7500.0))
    assert tyg(150.0, 100.0, form="ln(TG*G)/2") == pytest.approx(math.log(15000.0) / 2)
    assert tyg(150.0 / 88.57, 100.0 / 18.016, triglyceride_unit="mmol/L",
               glucose_unit="mmol/L") == pytest.approx(math.log(7500.0))
    with pytest.raises(ValueError, match="form='ln'"):
        tyg(150.0, 100.0, form="ln")
    with pytest.raises(ValueError, match="did you mean mmol/L"):
        tyg(1.7, 100.0)
    with pytest.raises(ValueError, match="triglycerides=0"):
        tyg(0.0, 100.0)


def test_hba1c_master_equation():
    # mmol/mol = 10.929 × (% − 2.15): 6.5 % → 47.54, 5.7 % → 38.80; 48 mmol/mol → 6.542 %
    assert convert_hba1c(6.5, "%", "mmol/mol") == pytest.approx(47.541, abs=1e-3)
    assert convert_hba1c(5.7, "%", "mmol/mol") == pytest.approx(38.798, abs=1e-3)
    assert convert_hba1c(48.0, "mmol/mol", "%") == pytest.approx(48 / 10.929 + 2.15)
    values = np.array([4.0, 7.0, 12.0])
    np.testing.assert_allclose(convert_hba1c(convert_hba1c(values, "%", "mmol/mol"), "mmol/mol", "%"), values)


def test_eag_from_hba1c_adag():
    # 28.7 × 7 − 46.7 = 154.2 mg/dL = 8.559 mmol/L; 6 % → 125.5 mg/dL
    assert eag_from_hba1c(7.0) == pytest.approx(154.2)
    assert eag_from_hba1c(6.0) == pytest.approx(125.5)
    assert eag_from_hba1c(7.0, glucose_unit="mmol/L") == pytest.approx(154.2 / 18.016)
    assert eag_from_hba1c(convert_hba1c(7.0, "%", "mmol/mol"), "mmol/mol") == pytest.approx(154.2)


@pytest.mark.parametrize("call, message", [
    (lambda: eag_from_hba1c(2.9), "hba1c=2.9"), (lambda: eag_from_hba1c(20.5), "hba1c=20.5"),
    (lambda: eag_from_hba1c(float("nan")), "hba1c=nan"), (lambda: convert_hba1c(25.0, "%", "mmol/mol"), "value=25"),
    (lambda: convert_hba1c(200.0, "mmol/mol", "%"), "value=200"),
    (lambda: convert_hba1c(6.0, "percent", "mmol/L"), "to_unit='mmol/L'"),
    (lambda: eag_from_hba1c(6.0, unit="mg/dL"), "unit='mg/dL'"),
])
def test_hba1c_outside_3_to_20_percent_or_bad_unit_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("kwargs, expected", [
    ({"fasting_glucose": 99.0}, "normal"), ({"fasting_glucose": 100.0}, "prediabetes"),
    ({"fasting_glucose": 125.0}, "prediabetes"), ({"fasting_glucose": 126.0}, "diabetes"),
    ({"ogtt_2h_glucose": 139.0}, "normal"), ({"ogtt_2h_glucose": 140.0}, "prediabetes"),
    ({"ogtt_2h_glucose": 199.0}, "prediabetes"), ({"ogtt_2h_glucose": 200.0}, "diabetes"),
    ({"hba1c": 5.6}, "normal"), ({"hba1c": 5.7}, "prediabetes"), ({"hba1c": 6.4}, "prediabetes"),
    ({"hba1c": 6.5}, "diabetes"),
    ({"fasting_glucose": 5.5, "glucose_unit": "mmol/L"}, "normal"),
    ({"fasting_glucose": 5.6, "glucose_unit": "mmol/L"}, "prediabetes"),
    ({"fasting_glucose": 7.0, "glucose_unit": "mmol/L"}, "diabetes"),
    ({"ogtt_2h_glucose": 11.0, "glucose_unit": "mmol/L"}, "prediabetes"),
    ({"ogtt_2h_glucose": 11.1, "glucose_unit": "mmol/L"}, "diabetes"),
    ({"hba1c": 38.0, "hba1c_unit": "mmol/mol"}, "normal"),
    ({"hba1c": 39.0, "hba1c_unit": "mmol/mol"}, "prediabetes"),
    ({"hba1c": 48.0, "hba1c_unit": "mmol/mol"}, "diabetes"),
])
def test_ada_thresholds_at_their_edges(kwargs, expected):
    assert classify_glycemia(**kwargs).overall == expected


def test_overall_category_is_the_highest_and_each_criterion_is_named():
    result = classify_glycemia(fasting_glucose=95.0, ogtt_2h_glucose=150.0, hba1c=6.6)
    assert result.by_criterion == {"fasting glucose": "normal", "2-h OGTT glucose": "prediabetes",
                                   "HbA1c": "diabetes"}
    assert result.overall == "diabetes"
    assert "not a diagnosis" in result.note
    assert str(result).startswith("diabetes (")


@pytest.mark.parametrize("kwargs, message", [
    ({}, "at least one"), ({"fasting_glucose": [100.0, 110.0]}, "one number"),
    ({"fasting_glucose": 6.0}, "did you mean mmol/L"), ({"hba1c": 21.0}, "hba1c=21"),
    ({"fasting_glucose": 100.0, "glucose_unit": "mgdl"}, "glucose_unit='mgdl'"),
    ({"hba1c": 6.0, "hba1c_unit": "mmol/L"}, "hba1c_unit='mmol/L'"),
])
def test_classify_glycemia_refuses_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        classify_glycemia(**kwargs)


def test_thresholds_agree_across_units_within_ada_rounding():
    for criterion in ("fasting glucose", "2-h OGTT glucose"):
        mg, mmol = ADA_THRESHOLDS[criterion]["mg/dL"], ADA_THRESHOLDS[criterion]["mmol/L"]
        np.testing.assert_allclose(np.array(mmol) * 18.016, mg, atol=1.0)
    pct, ifcc = ADA_THRESHOLDS["HbA1c"]["%"], ADA_THRESHOLDS["HbA1c"]["mmol/mol"]
    np.testing.assert_allclose(convert_hba1c(np.array(pct), "%", "mmol/mol"), ifcc, atol=0.5)


def test_cutoff_table_has_sources_and_spans_a_wide_range():
    values = [c[0] for c in HOMA_IR_CUTOFFS]
    assert values == sorted(values) and 2.5 in values
    assert max(values) / min(values) > 1.9
    assert all("Matthews" not in source and any(ch.isdigit() for ch in source)
               for _, _, source in HOMA_IR_CUTOFFS)

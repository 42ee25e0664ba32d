"""Lesson 10's lipid markers: the TG/HDL ratio on its two scales, TyG in its two forms, the
published cut-offs and their performance, predictive values, the unit guards, and the calculator."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from glucolab.indices import (HDL_MGDL_PER_MMOLL, MCLAUGHLIN_PRINTED_SI_CUTOFF, TEST_PERFORMANCE, TG_HDL_CUTOFFS,
                              TG_HDL_MGDL_PER_MMOLL, TG_MGDL_PER_MMOLL, TYG_CUTOFFS, check_lipid, convert_lipid,
                              convert_tyg, predictive_values, tg_hdl_ratio, tyg)
from glucolab.panels import all_panels
from glucolab.panels.base import line_data


# -- the two scales ----------------------------------------------------------------------------------
def test_the_factors_come_from_the_molar_masses():
    assert TG_MGDL_PER_MMOLL == 88.57  # triolein, 885.7 g/mol
    assert HDL_MGDL_PER_MMOLL == 38.67  # cholesterol, 386.65 g/mol
    assert TG_HDL_MGDL_PER_MMOLL == pytest.approx(2.2904, abs=1e-4)


def test_the_same_person_has_two_ratios():
    assert tg_hdl_ratio(150, 50) == pytest.approx(3.0)
    assert tg_hdl_ratio(150, 50, ratio_unit="mmol/L") == pytest.approx(1.31, abs=0.005)
    tg, hdl = convert_lipid(150, "triglycerides", "mg/dL", "mmol/L"), convert_lipid(50, "HDL", "mg/dL", "mmol/L")
    assert tg / hdl == pytest.approx(tg_hdl_ratio(150, 50, ratio_unit="mmol/L"))
    assert tg_hdl_ratio(tg, hdl, triglyceride_unit="mmol/L", hdl_unit="mmol/L") == pytest.approx(3.0)


def test_mclaughlins_printed_si_cutoff_is_not_the_same_cutoff_as_30():
    """The abstract pairs "1.8 in SI units" with "3.0 in traditional units"; with the two molar
    masses 3.0 is 1.31 in mmol/L and 1.8 is 4.12 in mg/dL."""
    assert MCLAUGHLIN_PRINTED_SI_CUTOFF == 1.8
    assert 3.0 / TG_HDL_MGDL_PER_MMOLL == pytest.approx(1.31, abs=0.005)
    assert 1.8 * TG_HDL_MGDL_PER_MMOLL == pytest.approx(4.12, abs=0.005)


@settings(max_examples=80, deadline=None)
@given(tg=st.floats(20, 2000), hdl=st.floats(10, 150))
def test_the_ratio_does_not_depend_on_the_units_it_was_typed_in(tg, hdl):
    tg_m, hdl_m = tg / TG_MGDL_PER_MMOLL, hdl / HDL_MGDL_PER_MMOLL
    for units in ({"triglyceride_unit": "mmol/L", "hdl_unit": "mmol/L"},
                  {"triglyceride_unit": "mmol/L", "hdl_unit": "mg/dL"}):
        values = (tg_m, hdl_m if units["hdl_unit"] == "mmol/L" else hdl)
        assert tg_hdl_ratio(*values, **units) == pytest.approx(tg / hdl, rel=1e-9)
        assert tg_hdl_ratio(*values, ratio_unit="mmol/L", **units) == pytest.approx(tg_m / hdl_m, rel=1e-9)


def test_arrays_work_and_must_match():
    np.testing.assert_allclose(tg_hdl_ratio([150, 300], [50, 50]), [3.0, 6.0])
    with pytest.raises(ValueError, match="one HDL value per triglyceride value"):
        tg_hdl_ratio([150, 300, 100], [50, 50])


# -- TyG -----------------------------------------------------------------------------------------------
def test_the_tyg_cutoffs_on_both_forms():
    assert [c for c, _w, _s in TYG_CUTOFFS] == [4.65, 4.68]
    assert convert_tyg(4.68, "ln(TG*G)/2", "ln(TG*G/2)") == pytest.approx(2 * 4.68 - math.log(2))
    assert convert_tyg(4.68, "ln(TG*G)/2", "ln(TG*G/2)") == pytest.approx(8.667, abs=5e-4)
    assert convert_tyg(4.65, "ln(TG*G)/2", "ln(TG*G/2)") == pytest.approx(8.607, abs=5e-4)


@settings(max_examples=60, deadline=None)
@given(tg=st.floats(20, 2000), g=st.floats(50, 400))
def test_convert_tyg_agrees_with_both_forms_of_tyg(tg, g):
    full, half = tyg(tg, g), tyg(tg, g, form="ln(TG*G)/2")
    assert convert_tyg(full, "ln(TG*G/2)", "ln(TG*G)/2") == pytest.approx(half, rel=1e-12)
    assert convert_tyg(half, "ln(TG*G)/2", "ln(TG*G/2)") == pytest.approx(full, rel=1e-12)


# -- cut-offs and performance ------------------------------------------------------------------------
def test_the_published_cutoffs_and_their_performance():
    assert [c for c, _w, _s in TG_HDL_CUTOFFS] == [2.5, 3.0, 3.5]
    assert TEST_PERFORMANCE["TG/HDL >= 3.0"][:2] == (0.57, 0.71)  # McLaughlin et al. 2003
    assert TEST_PERFORMANCE["TyG >= 4.68"][:2] == (0.965, 0.850)  # Guerrero-Romero et al. 2010
    assert "McLaughlin" in TG_HDL_CUTOFFS[1][2] and "Guerrero-Romero" in TYG_CUTOFFS[1][2]


def test_predictive_values_in_mclaughlins_population():
    ppv, npv = predictive_values(0.57, 0.71, 1 / 3)  # insulin resistance = the top third
    assert ppv == pytest.approx(0.4957, abs=1e-4) and npv == pytest.approx(0.7675, abs=1e-4)


@settings(max_examples=80, deadline=None)
@given(sens=st.floats(0.01, 0.99), spec=st.floats(0.01, 0.99), p=st.floats(0.01, 0.99))
def test_predictive_values_follow_bayes_rule(sens, spec, p):
    ppv, npv = predictive_values(sens, spec, p)
    positive = sens * p + (1 - spec) * (1 - p)
    assert ppv == pytest.approx(sens * p / positive)
    assert 0 <= ppv <= 1 and 0 <= npv <= 1
    # a positive result never lowers the chance of the condition unless the test is worse than chance
    if sens + spec >= 1:
        assert ppv >= p - 1e-12


# -- unit guards ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, message", [
    (lambda: tg_hdl_ratio(150, 1.2), r"hdl=1.2 mg/dL is outside the range .* did you mean mmol/L\?"),
    (lambda: tg_hdl_ratio(150, 45, hdl_unit="mmol/L"), r"hdl=45.0 mmol/L .* did you mean mg/dL\?"),
    (lambda: tg_hdl_ratio(150, 50, triglyceride_unit="mmol/L"), r"triglycerides=150.0 mmol/L .* mg/dL\?"),
    (lambda: tg_hdl_ratio(2.0, 50), r"triglycerides=2.0 mg/dL .* did you mean mmol/L\?"),
    (lambda: tg_hdl_ratio(-5, 50), r"triglycerides=-5: expected positive values in mg/dL"),
    (lambda: tg_hdl_ratio(150, 50, hdl_unit="mg/l"), r"unit='mg/l': expected 'mg/dL' or 'mmol/L'"),
    (lambda: tg_hdl_ratio(150, 50, ratio_unit="%"), r"ratio_unit='%': expected 'mg/dL' or 'mmol/L'"),
    (lambda: convert_lipid(1.0, "LDL", "mmol/L", "mg/dL"), r"analyte='LDL': expected one of"),
    (lambda: convert_tyg(8.9, "ln(TG*G)", "ln(TG*G)/2"), r"from_form='ln\(TG\*G\)'"),
    (lambda: predictive_values(57, 0.71, 0.33), r"sensitivity=57: expected a value between 0 and 1"),
    (lambda: predictive_values(0.57, 0.71, 33), r"prevalence=33: expected a fraction between 0 and 1"),
])
def test_bad_input_is_refused_with_name_value_and_unit(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_check_lipid_accepts_what_people_have():
    assert check_lipid(1.2, "HDL", "mmol/L") == 1.2
    np.testing.assert_allclose(check_lipid([50, 2000], "triglycerides", "mg/dL"), [50, 2000])


# -- the calculator ------------------------------------------------------------------------------------
@pytest.fixture
def panel():
    p = all_panels()["lipid_markers"]()
    yield p
    p.close()


def test_the_calculator_opens_on_a_ratio_of_exactly_three(panel):
    assert panel.results_now["tg_hdl"] == pytest.approx(3.0)
    assert "<b>3.00</b> worked out in mg/dL = <b>1.31</b> worked out in mmol/L" in panel.readout.value
    assert "not a diagnosis" in panel.caveats.value
    assert line_data(panel.markers["tg_hdl"])[1][0] == pytest.approx(3.0)


def test_switching_the_lipid_unit_converts_the_numbers_and_keeps_the_person(panel):
    panel.controls["lipid_unit"].value = "mmol/L"
    assert panel.values["triglycerides"] == pytest.approx(1.69) and panel.values["hdl"] == pytest.approx(1.29)
    assert panel.results_now["tg_hdl"] == pytest.approx(3.0, abs=0.01)
    panel.controls["glucose_unit"].value = "mmol/L"
    assert panel.values["glucose"] == pytest.approx(5.55)
    assert panel.results_now["tyg"] == pytest.approx(tyg(150, 100), abs=0.005)


def test_a_number_in_the_wrong_unit_is_reported_in_the_panel(panel):
    panel.controls["hdl"].value = 1.2
    assert "hdl=1.2 mg/dL" in panel.message.value and "did you mean mmol/L" in panel.message.value
    panel.controls["hdl"].value = 40.0
    assert panel.message.value == "" and panel.results_now["tg_hdl"] == pytest.approx(3.75)


def test_the_prevalence_slider_moves_the_predictive_values(panel):
    panel.controls["prevalence"].value = 10.0
    ppv, _ = predictive_values(0.57, 0.71, 0.10)
    x, y = line_data(panel.markers["TG/HDL >= 3.0"])
    assert x[0] == 10.0 and y[0] == pytest.approx(100 * ppv)
    assert f"{100 * ppv:.0f} % of positives" in panel.readout.value


@pytest.fixture(scope="module")
def shared_panel():
    p = all_panels()["lipid_markers"]()
    yield p
    p.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tg=st.floats(20, 3000), hdl=st.floats(10, 150), glucose=st.floats(40, 500), mmol=st.booleans())
def test_any_report_a_person_can_have_gives_markers_on_or_at_the_edge_of_the_scales(shared_panel, tg, hdl,
                                                                                      glucose, mmol):
    p = shared_panel
    if mmol:
        p.set(lipid_unit="mmol/L", triglycerides=tg / TG_MGDL_PER_MMOLL, hdl=hdl / HDL_MGDL_PER_MMOLL,
              glucose=glucose)
    else:
        p.set(lipid_unit="mg/dL", triglycerides=tg, hdl=hdl, glucose=glucose)
    assert p.message.value == ""
    assert p.results_now["tg_hdl"] == pytest.approx(tg / hdl, rel=1e-9)
    for key, (low, high) in (("tg_hdl", (0, 10)), ("tyg", (7, 11))):
        y = line_data(p.markers[key])[1][0]
        assert low <= y <= high

"""The three Lesson 2 panels, driven from Python."""

import numpy as np
import pytest

from glucolab.cohort import probability_above
from glucolab.indices import homa_ir
from glucolab.models.feedback import REF_SG, fasting_state
from glucolab.panels import all_panels
from glucolab.panels.base import line_data

PANELS = all_panels()


def test_the_three_panels_are_registered():
    assert {"homa_calculator", "homa_plane", "homa_variability"} <= set(PANELS)


# -- the HOMA plane ---------------------------------------------------------------------------------
@pytest.mark.parametrize("si, beta", [(8.1, 1.0), (2.5, 2.5), (1.5, 0.7), (25.0, 0.3)])
def test_plane_point_is_the_model_fasting_state(si, beta):
    p = PANELS["homa_plane"]()
    p.set(SI=si, beta=beta)
    g_mgdl, insulin = fasting_state(si * 1e-4, REF_SG, beta)
    x, y = line_data(p.point)
    assert x[0] == pytest.approx(g_mgdl / 18.016, rel=1e-9)
    assert y[0] == pytest.approx(insulin, rel=1e-9)
    assert f"HOMA-IR <b>{homa_ir(g_mgdl, insulin, glucose_unit='mg/dL'):.2f}</b>" in p.readout.value


def test_plane_starts_at_the_lesson_1_person_and_reads_2_5():
    p = PANELS["homa_plane"]()
    x, y = line_data(p.point)
    assert x[0] * 18.016 == pytest.approx(92.0, abs=0.05) and y[0] == pytest.approx(11.0, abs=0.01)
    assert "HOMA-IR <b>2.50</b>" in p.readout.value


def test_plane_lower_si_raises_insulin_more_than_glucose_and_lower_beta_raises_glucose():
    p = PANELS["homa_plane"]()
    g0, i0 = (v[0] for v in line_data(p.point))
    p.set(SI=4.0)
    g1, i1 = (v[0] for v in line_data(p.point))
    assert i1 / i0 > g1 / g0 > 1.0
    p.set(beta=0.5)
    g2, i2 = (v[0] for v in line_data(p.point))
    assert g2 > g1 and i2 < i1
    # the point lies on both drawn paths
    for path in p.paths.values():
        x, y = line_data(path)
        assert np.min(np.hypot(x - g2, (y - i2) / 10)) < 0.1


# -- the calculator ---------------------------------------------------------------------------------
def _marker_value(panel, key):
    return line_data(panel.markers[key])[1][0]


def test_calculator_starts_with_the_fsigt_subject_in_si_units():
    p = PANELS["homa_calculator"]()
    assert p.values["glucose_unit"] == "mmol/L" and p.values["insulin_unit"] == "pmol/L"
    assert p.results()["homa_ir"] == pytest.approx(5.11 * 11.0 / 22.5)
    assert _marker_value(p, "homa_ir") == pytest.approx(p.results()["homa_ir"])
    assert "HOMA-IR <b>2.50</b>" in p.readout.value and p.message.value == ""


def test_switching_units_converts_the_numbers_and_keeps_the_person():
    p = PANELS["homa_calculator"]()
    before = p.results()
    p.controls["glucose_unit"].value = "mg/dL"
    p.controls["insulin_unit"].value = "µU/mL"
    assert p.values["glucose"] == pytest.approx(92.1, abs=0.05)
    assert p.values["insulin"] == pytest.approx(11.0)
    # 92.1 mg/dL is 5.112 mmol/L, not 5.110: HOMA-IR moves by 0.04 % and %B, more sensitive to
    # glucose by a factor G/(G - 3.5) ≈ 3.2, by 0.13 %
    for key, tol in (("homa_ir", 1e-3), ("homa_b", 3e-3), ("quicki", 1e-3)):
        assert p.results()[key] == pytest.approx(before[key], rel=tol)
    p.reset()
    assert p.values["glucose"] == 5.11 and p.values["insulin_unit"] == "pmol/L"


def test_older_insulin_factor_lowers_homa_by_6_over_6_945():
    p = PANELS["homa_calculator"]()
    base = p.results()["homa_ir"]
    p.controls["insulin_factor"].value = 6.945
    assert p.results()["homa_ir"] == pytest.approx(base * 6.0 / 6.945)
    assert _marker_value(p, "homa_ir") == pytest.approx(base * 6.0 / 6.945)


@pytest.mark.parametrize("control, value, message", [
    ("glucose", 0.0, "glucose=0"), ("glucose", -4.0, "glucose=-4"), ("glucose", float("nan"), "glucose=nan"),
    ("glucose", 95.0, "did you mean mg/dL"), ("insulin", 0.0, "insulin=0"), ("insulin", -1.0, "insulin=-1"),
])
def test_calculator_shows_bad_input_in_the_panel(control, value, message):
    p = PANELS["homa_calculator"]()
    p.controls[control].value = value
    assert message in p.message.value and "alert" in p.message.value
    p.reset()
    assert p.message.value == ""


def test_calculator_says_homa_b_is_undefined_at_low_glucose():
    p = PANELS["homa_calculator"]()
    p.controls["glucose"].value = 3.4
    assert p.message.value == ""
    assert "undefined" in p.readout.value
    assert line_data(p.markers["homa_b"])[1].size == 0  # no %B marker
    assert _marker_value(p, "homa_ir") == pytest.approx(homa_ir(3.4, 11.0))


def test_calculator_refuses_an_unknown_unit_at_start():
    with pytest.raises(ValueError, match="glucose_unit='mg'"):
        PANELS["homa_calculator"](glucose_unit="mg")


# -- measurement variability ------------------------------------------------------------------------
def _polygon_area(collection):
    xy = collection.get_paths()[0].vertices
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


def test_variability_probabilities_and_shaded_areas():
    p = PANELS["homa_variability"]()
    assert p.p_one == pytest.approx(probability_above(2.0, 2.5))
    p.set(n_tests=4, cutoff=3.0, true_value=2.4, cv_percent=25.0)
    assert p.p_one == pytest.approx(probability_above(2.4, 3.0, cv=0.25))
    assert p.p_mean == pytest.approx(probability_above(2.4, 3.0, cv=0.25, n_tests=4))
    assert f"{100 * p.p_mean:.1f} %" in p.readout.value
    # the shaded areas are the probabilities (the density beyond 8 is negligible here)
    assert _polygon_area(p.areas["one"]) == pytest.approx(p.p_one, abs=2e-3)
    assert _polygon_area(p.areas["mean"]) == pytest.approx(p.p_mean, abs=2e-3)
    x, y = line_data(p.lines["by_n"])
    assert y[3] == pytest.approx(100 * p.p_mean) and np.all(np.diff(y) < 0)


def test_the_calculator_says_it_is_not_a_diagnosis_and_asks_for_example_values():
    from glucolab.panels import homa_calculator_panel
    panel = homa_calculator_panel()
    text = panel.caveats.value
    assert "not a diagnosis" in text and "example reports, not your own results" in text
    assert "your" not in panel.title.lower()
    panel.close()

"""The two Lesson 5 panels draw exactly what the signalling model computes."""

import numpy as np
import pytest

from glucolab.models import signaling as sig
from glucolab.panels import all_panels, dose_response_panel, signaling_panel
from glucolab.panels.base import line_data
from glucolab.panels.dose_response import EXERCISE, verdict
from glucolab.panels.signaling import STEPS


def test_both_panels_are_registered():
    assert {"signaling", "dose_response"} <= set(all_panels())


def test_time_course_panel_lines_equal_the_model_after_moving_the_sliders():
    p = signaling_panel()
    p.set(insulin=200.0, serine=2.5)
    expected = sig.simulate(60.0, insulin=200.0, serine=2.5, basal_insulin=sig.FASTING_INSULIN, samples=121)
    for name, *_ in STEPS:
        t, y = line_data(p.lines[name])
        np.testing.assert_allclose(t, expected.time)
        np.testing.assert_allclose(y, getattr(expected, name), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(line_data(p.lines["uptake"])[1], expected.uptake, rtol=1e-9)
    reference = sig.simulate(60.0, insulin=200.0, basal_insulin=sig.FASTING_INSULIN, samples=121)
    np.testing.assert_allclose(line_data(p.ref_lines["glut4_surface"])[1], reference.glut4_surface, rtol=1e-9)
    assert f"{100 * expected.glut4_surface[-1]:.0f}%" in p.readout.value
    assert f"{expected.uptake[-1]:.1f} mg/kg/min" in p.readout.value


def test_time_course_panel_shows_the_serine_block():
    p = signaling_panel(serine=0.0)
    before = line_data(p.lines["glut4_surface"])[1][-1]
    assert np.all(line_data(p.lines["irs1_serine"])[1] == 0.0)
    p.controls["serine"].value = 4.0
    assert line_data(p.lines["glut4_surface"])[1][-1] < before
    assert line_data(p.lines["irs1_serine"])[1][-1] > 0.3


def test_dose_response_panel_lines_and_marks_equal_the_model():
    p = dose_response_panel()
    p.set(serine=2.5, contraction=0.3, exercise="next day (18 h)")
    priming = sig.priming_after_exercise(18.0)
    expected = {"healthy": sig.CellParams(contraction=0.3, priming=priming),
                "inflamed": sig.CellParams(serine=2.5, contraction=0.3, priming=priming),
                "type 2 diabetes": sig.PRESETS["type 2 diabetes"].replace(contraction=0.3, priming=priming)}
    for key, params in expected.items():
        d = sig.dose_response(params, insulin=np.geomspace(1.0, 1e4, 120))
        x, y = line_data(p.lines[key])
        np.testing.assert_allclose(x, d.insulin)
        np.testing.assert_allclose(y, d.uptake, rtol=1e-9)
        assert line_data(p.ec50_marks[key])[0][0] == pytest.approx(d.ec50, rel=1e-6)
        assert line_data(p.max_marks[key])[1][0] == pytest.approx(d.maximum, rel=1e-9)
        assert f"EC50 <b>{d.ec50:.0f} µU/mL</b>" in p.readout.value


def test_dose_response_panel_names_the_kind_of_resistance():
    p = dose_response_panel(serine=1.0)
    text = p.readout.value
    assert "less sensitive" in text and "less responsive" in text  # the type 2 row has both
    healthy = sig.dose_response()
    assert verdict(sig.dose_response(serine=1.0), healthy).startswith("EC50 ×2.")
    assert verdict(healthy, healthy) == "about the same as healthy"


def test_exercise_menu_moves_every_curve_left_and_back():
    p = dose_response_panel()
    rested = {k: d.ec50 for k, d in p.curves.items()}
    p.controls["exercise"].value = "just after"
    assert all(p.curves[k].ec50 < rested[k] for k in rested)
    p.controls["exercise"].value = "three days (72 h)"
    assert all(p.curves[k].ec50 == pytest.approx(rested[k], rel=0.15) for k in rested)
    assert set(EXERCISE) >= {"no recent bout", "just after"}


@pytest.mark.parametrize("factory, kwargs, match", [
    (signaling_panel, {"insulin": 5.0}, r"insulin=5\.0"),
    (signaling_panel, {"serine": -1.0}, r"serine=-1\.0"),
    (dose_response_panel, {"serine": 9.0}, r"serine=9\.0"),
    (dose_response_panel, {"contraction": 2.0}, r"contraction=2\.0"),
    (dose_response_panel, {"exercise": "tomorrow"}, r"exercise='tomorrow'"),
])
def test_panel_factories_refuse_values_outside_the_sliders(factory, kwargs, match):
    with pytest.raises(ValueError, match=match):
        factory(**kwargs)

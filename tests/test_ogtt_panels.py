"""The Lesson 4 panels: moved from Python, their lines show the OGTT model's output."""

import numpy as np
import pytest

from glucolab.indices import matsuda
from glucolab.models import feedback as fb
from glucolab.models import ogtt
from glucolab.models.ogtt import SAMPLE_TIMES
from glucolab.panels import all_panels
from glucolab.panels.base import line_data


def test_both_panels_are_registered():
    assert {"ogtt", "gastric_emptying"} <= set(all_panels())


def test_ogtt_panel_draws_the_model_output_after_moving_the_sliders():
    p = all_panels()["ogtt"]()
    p.set(SI=3.0, beta=1.6, SG=10.0)
    want = ogtt.simulate(180.0, SI=3.0e-4, beta=1.6, SG=10.0e-3)
    t, g = line_data(p.lines["glucose"])
    np.testing.assert_allclose(t, want.time)
    np.testing.assert_allclose(g, want.glucose)
    np.testing.assert_allclose(line_data(p.lines["insulin"])[1], want.insulin)
    draw_t, draw_g = line_data(p.draws["glucose"])
    np.testing.assert_allclose(draw_t, SAMPLE_TIMES)
    np.testing.assert_allclose(draw_g, want.samples.glucose)
    np.testing.assert_allclose(line_data(p.draws["insulin"])[1], want.samples.insulin)
    s = want.samples
    assert f"Matsuda index <b>{matsuda(s.times, s.glucose, s.insulin):.2f}</b>" in p.readout.value
    assert f"120 min: {s.glucose[-1]:.0f} mg/dL" in p.readout.value
    assert p.controls["preset"].value == "custom"


def test_ogtt_panel_presets_and_categories():
    p = all_panels()["ogtt"]()
    assert "ADA category: <b>normal</b>" in p.readout.value
    p.controls["preset"].value = "type 2 diabetes"
    t2d = fb.PRESETS["type 2 diabetes"]
    assert p.values["SI"] == pytest.approx(t2d.SI / 1e-4) and p.values["beta"] == pytest.approx(t2d.beta)
    np.testing.assert_allclose(line_data(p.lines["glucose"])[1],
                               ogtt.simulate(180.0, params=t2d).glucose, rtol=1e-9)
    assert "ADA category: <b>diabetes</b>" in p.readout.value
    assert p.controls["preset"].value == "type 2 diabetes"
    p.reset()
    assert p.controls["preset"].value == "healthy"


def test_ogtt_panel_at_the_slider_extremes_still_reports_every_index():
    p = all_panels()["ogtt"]()
    p.set(beta=5.0, SI=30.0, SG=40.0)
    assert p.message.value == ""
    assert "insulinogenic index <b>" in p.readout.value and "Matsuda index <b>" in p.readout.value


def test_ogtt_panel_says_when_the_insulinogenic_index_is_undefined(monkeypatch):
    import glucolab.panels.ogtt as module

    def undefined(*args, **kwargs):
        raise ValueError("glucose at 30 min is not above the fasting value")
    monkeypatch.setattr(module, "insulinogenic_index", undefined)
    p = all_panels()["ogtt"]()
    assert "insulinogenic index undefined" in p.readout.value and p.message.value == ""


def test_ogtt_panel_refuses_an_unknown_preset():
    with pytest.raises(ValueError, match="preset='athlete'"):
        all_panels()["ogtt"](preset="athlete")


def test_gastric_emptying_panel_draws_the_model_output():
    p = all_panels()["gastric_emptying"]()
    p.set(emptying=0.4, gut="type 2 diabetes", person="insulin resistant, compensating")
    person = fb.PRESETS["insulin resistant, compensating"]
    now = ogtt.simulate(240.0, params=person, gut="type 2 diabetes", emptying=0.4)
    ref = ogtt.simulate(240.0, params=person, gut="type 2 diabetes")
    for key in ("stomach", "appearance", "glucose"):
        np.testing.assert_allclose(line_data(p.lines[key])[1], getattr(now, key), rtol=1e-9)
        np.testing.assert_allclose(line_data(p.ref_lines[key])[1], getattr(ref, key), rtol=1e-9)
    assert f"<b>{now.glucose.max():.0f} mg/dL</b>" in p.readout.value
    assert f"{now.glucose.max() - ref.glucose.max():+.0f} mg/dL against the published rate" in p.readout.value


def test_gastric_emptying_slider_flattens_the_peak_in_the_figure():
    p = all_panels()["gastric_emptying"]()
    peaks = []
    for value in (2.0, 1.0, 0.5, 0.25):
        p.controls["emptying"].value = value
        peaks.append(line_data(p.lines["glucose"])[1].max())
    assert np.all(np.diff(peaks) < 0)


def test_gastric_emptying_panel_refuses_unknown_names():
    with pytest.raises(ValueError, match="gut='fast'"):
        all_panels()["gastric_emptying"](gut="fast")
    with pytest.raises(ValueError, match="person='athlete'"):
        all_panels()["gastric_emptying"](person="athlete")

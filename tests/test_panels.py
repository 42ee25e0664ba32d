"""Every registered panel, driven from Python: the controls move, the figure follows."""

import ipywidgets as widgets
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from matplotlib.figure import Figure

from glucolab.models import feedback as fb
from glucolab.panels import all_panels, register
from glucolab.panels.base import line_data

PANELS = all_panels()


def numeric_controls(panel):
    return {k: w for k, w in panel.controls.items()
            if isinstance(w, (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider))}


@pytest.fixture(params=sorted(PANELS))
def panel(request):
    p = PANELS[request.param]()
    yield p
    p.close()


def _line_arrays(panel):
    return [line_data(line) for ax in panel.figure.axes for line in ax.get_lines()]


def test_registry_lists_the_lesson_1_panels():
    assert {"feedback", "fsigt"} <= set(PANELS)
    with pytest.raises(ValueError, match="registered twice"):
        register("feedback")(lambda: None)


def test_panel_interface(panel):
    assert isinstance(panel.figure, Figure)
    assert panel.controls and all(isinstance(w, widgets.ValueWidget) for w in panel.controls.values())
    assert panel.title and panel.description  # text for readers who cannot see the figure
    assert isinstance(panel.widget, widgets.Box)
    assert panel.readout.value


def test_every_control_over_its_whole_range_gives_finite_curves(panel):
    for name, w in numeric_controls(panel).items():
        for value in np.linspace(w.min, w.max, 5):
            w.value = float(value)
            assert panel.message.value == "", f"{name}={value}: {panel.message.value}"
            for x, y in _line_arrays(panel):
                assert np.all(np.isfinite(y)), f"{name}={value} gives non-finite data"
        panel.reset()


def test_moving_a_control_changes_the_figure_and_reset_restores_it(panel):
    before = [y.copy() for _, y in _line_arrays(panel)]
    start = dict(panel.values)
    name, w = next(iter(numeric_controls(panel).items()))
    w.value = w.min if w.value != w.min else w.max
    after = [y for _, y in _line_arrays(panel)]
    assert any(a.shape != b.shape or not np.allclose(a, b) for a, b in zip(after, before))
    panel.reset()
    assert panel.values == start
    for a, b in zip(_line_arrays(panel), before):
        np.testing.assert_allclose(a[1], b)


def test_updates_move_existing_artists_instead_of_adding_new_ones(panel):
    counts = [len(ax.get_children()) for ax in panel.figure.axes]
    for w in numeric_controls(panel).values():
        w.value = w.max
    assert [len(ax.get_children()) for ax in panel.figure.axes] == counts
    assert len(panel.figure.axes) == len(counts)


def test_a_model_error_is_shown_in_the_panel_not_raised(panel, monkeypatch):
    def fail():
        raise ValueError("SI=-1: expected a positive value")
    monkeypatch.setattr(panel, "_redraw", fail)
    panel.update()
    assert "SI=-1" in panel.message.value and "alert" in panel.message.value


def test_feedback_panel_draws_the_model_output():
    p = PANELS["feedback"]()
    p.set(SI=3.0, SG=8.0, beta=2.0, carbs_g=60.0)
    expected = fb.simulate(carbs_g=60.0, SI=3.0e-4, SG=8.0e-3, beta=2.0)
    t, g = line_data(p.lines["glucose"])
    np.testing.assert_allclose(t, expected.time)
    np.testing.assert_allclose(g, expected.glucose)
    np.testing.assert_allclose(line_data(p.lines["insulin"])[1], expected.insulin)
    np.testing.assert_allclose(line_data(p.lines["appearance"])[1], expected.appearance)
    assert f"{expected.glucose[0]:.0f} mg/dL" in p.readout.value
    assert p.controls["preset"].value == "custom"


def test_feedback_presets_set_the_sliders():
    p = PANELS["feedback"]()
    p.controls["preset"].value = "type 2 diabetes"
    t2d = fb.PRESETS["type 2 diabetes"]
    assert p.values["SI"] == pytest.approx(t2d.SI / 1e-4)
    assert p.values["beta"] == pytest.approx(t2d.beta)
    g = line_data(p.lines["glucose"])[1]
    np.testing.assert_allclose(g, fb.simulate(params=t2d, carbs_g=75.0).glucose, rtol=1e-9)
    assert p.controls["preset"].value == "type 2 diabetes"  # applying a preset is not "custom"
    p.reset()
    assert p.controls["preset"].value == "healthy"


def test_feedback_panel_refuses_an_unknown_preset():
    with pytest.raises(ValueError, match="preset='athlete'"):
        PANELS["feedback"](preset="athlete")


def test_fsigt_panel_curve_and_error_follow_the_sliders():
    p = PANELS["fsigt"]()
    best_rmse = p.rmse
    assert best_rmse == pytest.approx(p.fit.rmse, rel=0.02)  # the sliders start at the fit
    p.set(SI=p.values["SI"] / 2)
    f = p.fit
    t, g = line_data(p.lines["glucose"])
    np.testing.assert_allclose(g, f.predict(t, SI=f.SI / 2), rtol=1e-3)
    assert p.rmse > 3 * best_rmse
    assert f"{p.rmse:.1f} mg/dL" in p.readout.value


def test_fsigt_panel_refits_from_minute_20_when_switched():
    """The switch of Lesson 1 Exercise 4: the early samples leave the fit, S_I barely moves and
    S_G moves by about a quarter; switching back restores the default fit."""
    p = PANELS["fsigt"]()
    default = p.fit
    p.set(from_20=True)
    late = p.fit
    assert late.t_min == 20 and late is not default
    assert np.all(late.times[late.used] >= 20) and late.used.sum() < default.used.sum()
    assert late.SI / default.SI == pytest.approx(1.0, abs=0.01)
    assert 0.15 < 1 - late.SG / default.SG < 0.35
    t, g = line_data(p.fit_lines["best"])
    np.testing.assert_allclose(g, late.predict(t), rtol=1e-9)
    np.testing.assert_array_equal(line_data(p.fit_lines["left_out"])[0], late.times[~late.used])
    assert "from minute 20" in p.readout.value and f"{late.SI / 1e-4:.2f}" in p.readout.value
    assert "with caution" in p.readout.value
    p.reset()
    assert p.fit is default and "from minute 8" in p.readout.value and "caution" not in p.readout.value
    p.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_control_settings_give_finite_non_negative_model_curves(panel, data):
    """Property test over the full range of every control, several controls at a time."""
    values = {name: data.draw(st.floats(w.min, w.max), label=name)
              for name, w in numeric_controls(panel).items()}
    panel.set(**values)
    assert panel.message.value == ""
    for x, y in _line_arrays(panel):
        assert np.all(np.isfinite(y))
    for name in ("glucose", "insulin"):
        line = getattr(panel, "lines", {}).get(name)
        if line is not None:
            assert np.all(line_data(line)[1] >= 0)


def test_nice_ceiling_and_stable_limits():
    from matplotlib.figure import Figure as _Figure
    from glucolab.panels.base import keep_in_view, nice_ceiling
    assert [nice_ceiling(v) for v in (0.83, 1.0, 27.1, 245.0, 0.0012)] == [1.0, 1.0, 30.0, 250.0, 0.0015]
    ax = _Figure().subplots()
    ax.plot([0, 1], [0, 1])
    keep_in_view(ax, 27.1, floor=10.0, margin=1.0)
    assert ax.get_ylim()[1] == 30.0
    keep_in_view(ax, 20.0, floor=10.0)  # inside the axis and more than half of it: no change
    assert ax.get_ylim()[1] == 30.0
    keep_in_view(ax, 5.0, floor=10.0)  # far below: shrinks, but not under the floor
    assert ax.get_ylim()[1] == 10.0
    keep_in_view(ax, 12.0, floor=1.0, symmetric=True)
    assert ax.get_ylim() == (-15.0, 15.0)


def _numeric_start_arguments():
    import inspect
    for name, factory in sorted(PANELS.items()):
        for arg, p in inspect.signature(factory).parameters.items():
            if isinstance(p.default, (int, float)) and not isinstance(p.default, bool):
                yield name, arg


@pytest.mark.parametrize("name, arg", list(_numeric_start_arguments()))
def test_every_start_argument_out_of_range_is_refused_with_its_value(name, arg):
    for bad in (1e9, -1e9):
        with pytest.raises(ValueError) as err:
            PANELS[name](**{arg: bad})
        assert "1000000000" in str(err.value) or "1e+09" in str(err.value), str(err.value)


def test_an_unexpected_error_in_a_callback_is_shown_in_the_panel(panel, monkeypatch):
    def broken():
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(panel, "_redraw", broken)
    panel.update()
    assert "ZeroDivisionError: division by zero" in panel.message.value and panel.error is not None

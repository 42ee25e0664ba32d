"""The Lesson 8 panels: moved from Python, their lines show the model's output, and the cached
static layer draws the same picture as a full redraw."""

import io

import matplotlib.image as mimage
import matplotlib.pyplot as plt
import numpy as np
import pytest

from glucolab.models import ha2016 as ha
from glucolab.models import ha2016_map as hm
from glucolab.panels import all_panels
from glucolab.panels.base import line_data
from glucolab.panels.reversal import HORIZON_DAYS, RTOL, SAMPLES
from glucolab.panels.static_layer import cache_static


def canvas_pixels(figure):
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(float) / 255


def saved_pixels(figure):
    """A full redraw of every artist (saving bypasses the cache), at the canvas resolution."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi)
    buffer.seek(0)
    return mimage.imread(buffer)[..., :3]


def test_both_panels_are_registered():
    assert {"reversal", "no_return"} <= set(all_panels())


def test_reversal_panel_draws_the_model_output():
    p = all_panels()["reversal"]()
    p.set(start_year=1.5, SI_target=0.5, R0_percent=90.0, secretion=1.2)
    iv = ha.Intervention(1.5 * ha.DAYS_PER_YEAR, SI_target=0.5, R0_factor=0.9, secretion_factor=1.2)
    want = ha.simulate(HORIZON_DAYS, intervention=iv, samples=SAMPLES, rtol=RTOL)
    np.testing.assert_allclose(line_data(p.lines["glucose"])[0], want.years)
    for key in ("SI", "glucose", "insulin", "homa_ir", "beta", "sigma"):
        np.testing.assert_allclose(line_data(p.lines[key])[1], getattr(want, key), rtol=1e-9)
    assert line_data(p.starts["glucose"])[0][0] == pytest.approx(1.5)
    assert f"({want.glucose[-1]:.0f} mg/dL)" in p.readout.value
    p.close()


def test_reversal_panel_shows_the_untreated_course_as_reference():
    p = all_panels()["reversal"]()
    untreated = ha.simulate(HORIZON_DAYS, samples=SAMPLES, rtol=RTOL)
    grey = [line for line in p.axes["glucose"].get_lines() if line.get_label() == "untreated"]
    np.testing.assert_allclose(line_data(grey[0])[1], untreated.glucose)
    assert "untreated 528 mg/dL" in p.readout.value
    p.close()


def test_reversal_panel_early_start_rescues_and_late_start_collapses():
    p = all_panels()["reversal"](start_year=2.0, SI_target=0.4)
    assert "fasting glucose back near the healthy start (101 mg/dL)" in p.readout.value
    p.set(start_year=3.6)
    assert "collapsed" in p.readout.value
    assert line_data(p.lines["glucose"])[1][-1] > 400
    p.close()


def test_no_return_panel_shows_a_row_of_the_map_and_the_chosen_cell():
    p = all_panels()["no_return"]()
    p.set(start_year=3.5, SI_target=0.4)
    grid = hm.default_map()
    row, col = grid.index(3.5 * ha.DAYS_PER_YEAR, 0.4)
    np.testing.assert_allclose(line_data(p.lines["row"])[0], grid.start_years)
    np.testing.assert_allclose(line_data(p.lines["row"])[1], grid.glucose[row])
    assert line_data(p.lines["chosen"])[1][0] == grid.glucose[row, col]
    assert line_data(p.lines["marker"])[0][0] == pytest.approx(3.5)
    assert line_data(p.lines["marker"])[1][0] == pytest.approx(0.4)
    assert "running away" in p.readout.value and "year <b>3.0</b>" in p.readout.value
    p.set(start_year=1.0)
    assert "back near the healthy start" in p.readout.value
    p.close()


@pytest.mark.parametrize("name, moves", [
    ("reversal", {"start_year": 3.4, "SI_target": 0.18, "R0_percent": 120.0}),  # the glucose axis grows
    ("no_return", {"start_year": 3.9, "SI_target": 0.7}),
])
def test_the_cached_picture_equals_a_full_redraw(name, moves):
    p = all_panels()[name]()
    p.set(**moves)
    cached = canvas_pixels(p.figure)
    assert p.layer.pasted
    full = saved_pixels(p.figure)
    assert cached.shape == full.shape
    assert np.abs(cached - full).mean() < 1e-3
    p.close()


def test_cache_static_refuses_an_artist_of_another_figure():
    fig, other = plt.figure(), plt.figure()
    line = other.add_subplot().plot([0, 1], [0, 1])[0]
    with pytest.raises(ValueError, match="expected an artist inside an axes of this figure"):
        cache_static(fig, [line])
    plt.close(fig)
    plt.close(other)

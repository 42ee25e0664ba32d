"""The Lesson 3 panels: moved from Python, their lines show the Topp model's output."""

import numpy as np
import pytest

from glucolab.models import topp
from glucolab.panels import all_panels
from glucolab.panels.base import line_data
from glucolab.panels.progression import HORIZON_YEARS, run_scenario


def panel_and_model(name, SI_final, years, d0):
    """The named panel moved to a scenario, and the model's trajectory for that scenario."""
    panel = all_panels()[name]()
    panel.set(SI_final=SI_final, years=years, d0=d0)
    p = topp.PARAMS
    want = topp.simulate(HORIZON_YEARS * topp.DAYS_PER_YEAR, SI=topp.Ramp.over_years(p.SI, SI_final, years),
                         d0=topp.Ramp.over_years(p.d0, d0, years), samples=2001)
    return panel, want


def test_both_panels_are_registered():
    assert {"progression", "hyperbola"} <= set(all_panels())


def test_progression_panel_draws_the_model_output():
    p, want = panel_and_model("progression", 0.06, 1.0, 0.06)
    np.testing.assert_allclose(line_data(p.lines["glucose"])[0], want.years)
    for key in ("glucose", "insulin", "beta", "SI"):
        np.testing.assert_allclose(line_data(p.lines[key])[1], getattr(want, key))
    assert "compensated" in p.readout.value
    assert f"{want.beta[-1]:.0f} mg" in p.readout.value


def test_progression_panel_reports_a_fast_fall_as_failure():
    p = all_panels()["progression"]()
    p.set(SI_final=0.06, years=0.05)
    assert "failure" in p.readout.value
    assert line_data(p.lines["glucose"])[1][-1] == pytest.approx(600.0, rel=1e-3)
    assert p.axes["glucose"].get_ylim()[1] > 600  # the axis grows to show the runaway


def test_progression_panel_shows_regulated_hyperglycemia_when_d0_rises():
    p = all_panels()["progression"]()
    p.set(SI_final=0.72, years=5.0, d0=0.07)
    g_end = line_data(p.lines["glucose"])[1][-1]
    assert g_end == pytest.approx(topp.fixed_points(d0=0.07)[0].glucose, rel=1e-3)
    assert "regulated hyperglycemia" in p.readout.value


def test_hyperbola_panel_path_is_the_trajectory_in_the_SI_capacity_plane():
    p, want = panel_and_model("hyperbola", 0.12, 8.0, 0.06)
    x, y = line_data(p.lines["path"])
    np.testing.assert_allclose(x, want.SI)
    np.testing.assert_allclose(y, want.beta / 300.0)
    # slow compensation stays on the hyperbola: SI × capacity ends at the healthy 0.72
    assert x[-1] * y[-1] == pytest.approx(0.72, rel=1e-3)
    di = line_data(p.lines["index"])[1]
    np.testing.assert_allclose(di, 100 * want.disposition_index / want.disposition_index[0])
    assert "100%" in p.readout.value


def test_hyperbola_panel_path_drops_below_the_curve_on_failure():
    p = all_panels()["hyperbola"]()
    p.set(SI_final=0.06, years=0.05)
    x, y = line_data(p.lines["path"])
    assert x[-1] * y[-1] < 0.01 * 0.72
    assert line_data(p.lines["index"])[1][-1] < 1.0
    assert "failure" in p.readout.value


def test_scenario_values_outside_the_slider_ranges_are_refused():
    with pytest.raises(ValueError, match="SI_final=0.01"):
        run_scenario(0.01, 5.0)
    with pytest.raises(ValueError, match="years=20"):
        run_scenario(0.3, 20.0)
    p = all_panels()["progression"](SI_final=0.3)
    assert p.values["SI_final"] == pytest.approx(0.3)

"""Saved and shared settings: every panel's state round-trips through JSON text and a link, and a
state that does not fit is refused, named, with nothing changed."""

import json

import pytest

from glucolab import __version__
from glucolab.panels import all_panels
from glucolab.panels.settings import from_text, lesson_link, panel_state, states_in_query, to_text

PANELS = sorted(all_panels())


def _moved_values(panel) -> dict:
    """Another valid value for every numeric control (a quarter of the way along its range)."""
    moved = {}
    for name, w in panel.controls.items():
        if hasattr(w, "min") and not isinstance(w.value, bool):
            target = w.min + 0.25 * (w.max - w.min)
            step = getattr(w, "step", None) or 1
            value = w.min + round((target - w.min) / step) * step
            moved[name] = type(w.value)(min(max(value, w.min), w.max))
    return moved


@pytest.fixture(scope="module")
def panels():
    made = {name: all_panels()[name]() for name in PANELS}
    yield made
    for p in made.values():
        p.close()


@pytest.mark.parametrize("name", PANELS)
def test_every_panel_state_round_trips_through_text_and_a_link(panels, name):
    panel = panels[name]
    panel.reset()
    start = panel_state(panel)
    assert start["panel"] == name and start["version"] == __version__
    assert set(start["values"]) == set(panel.controls)
    panel.set(**_moved_values(panel))
    moved = panel.state
    panel.reset()
    via_text = from_text(to_text(moved))
    link = lesson_link("notebooks/x.ipynb", moved, app="voila")
    via_link = states_in_query(link.split("?", 1)[1])[name]
    assert via_text == via_link == json.loads(json.dumps(moved))
    panel.load(via_link)
    assert panel.values == moved["values"]
    assert panel.error is None
    panel.reset()


def test_a_state_that_does_not_fit_is_refused_by_name_and_changes_nothing(panels):
    panel = panels["feedback"]
    panel.reset()
    before = panel.values
    bad = {"panel": "feedback", "values": {"SI": 1e6, "carbs_g": 75.0, "colour": "red", "preset": "athlete"}}
    with pytest.raises(ValueError) as err:
        panel.load(bad)
    message = str(err.value)
    assert "nothing was changed" in message
    assert "SI = 1000000.0: expected a value between" in message
    assert "'colour' is not a control of this panel" in message
    assert "preset = 'athlete': expected one of" in message
    assert panel.values == before
    with pytest.raises(ValueError, match="for the panel 'ogtt', not 'feedback'"):
        panel.load({"panel": "ogtt", "values": {}})
    with pytest.raises(ValueError, match="not readable"):
        from_text("{not json")
    assert panel.values == before


def test_the_settings_box_loads_pasted_text_and_reports_bad_text_in_the_panel(panels):
    panel = panels["feedback"]
    panel.reset()
    box = panel.settings
    box.text.value = to_text({"panel": "feedback", "values": {"beta": 3.0}})
    box.load_text()
    assert panel.values["beta"] == 3.0 and panel.message.value == ""
    box.text.value = "beta = 4"
    box.load_text()
    assert "not readable" in panel.message.value and panel.values["beta"] == 3.0
    panel.reset()


def test_a_link_presets_the_panel_it_names_when_the_page_reports_its_query(panels):
    panel = panels["feedback"]
    panel.reset()
    link = lesson_link("notebooks/01.ipynb", {"panel": "feedback", "values": {"beta": 2.0}},
                       {"panel": "ogtt", "values": {"beta": 0.5}})
    panel.settings.page.query = "?" + link.split("?", 1)[1]  # what the browser reports
    assert panel.values["beta"] == 2.0
    panel.reset()


def test_lesson_link_refuses_an_unknown_app():
    with pytest.raises(ValueError, match="app='nbviewer'"):
        lesson_link("x.ipynb", app="nbviewer")

"""Lesson 11's panels: the pregnancy and menopause panels draw the model's course and say in words what
the figure shows, including the routes without code of Exercises 1 and 4. (Every control's full range,
the cached drawing and bad start values are covered for all panels by test_panels.py and
test_panel_pixels.py.)"""

from __future__ import annotations

import numpy as np
import pytest

from glucolab.models import life_stages as ls
from glucolab.panels import all_panels
from glucolab.panels.base import line_data
from glucolab.teaching.keys import lesson_key

KEY = lesson_key(11)


@pytest.fixture
def pregnancy():
    panel = all_panels()["pregnancy"]()
    yield panel
    panel.close()


@pytest.fixture
def menopause():
    panel = all_panels()["menopause"]()
    yield panel
    panel.close()


def test_the_pregnancy_panel_draws_the_model_course(pregnancy):
    pregnancy.set(SI_before=0.6, reserve=1.5, change=50.0)
    course = ls.pregnancy(0.6, 1.5, 0.5)
    for name in ("SI", "beta", "need"):
        t, y = line_data(pregnancy.lines[name])
        np.testing.assert_allclose(t, course.time)
        np.testing.assert_allclose(y, getattr(course, name))
    np.testing.assert_allclose(line_data(pregnancy.lines["path"])[1], course.beta)
    for column in range(3):
        np.testing.assert_allclose(line_data(pregnancy.lines[f"ogtt{column}"])[1], course.ogtt[:, column])
    now = course.at(pregnancy.time)
    np.testing.assert_allclose(line_data(pregnancy.lines["now"])[0], [now["SI"]])
    assert all(line_data(c)[0][0] == pregnancy.time for c in pregnancy.cursors)


def test_the_pregnancy_readout_names_the_right_criteria(pregnancy):
    assert "week 26" in pregnancy.readout.value and "below all three IADPSG thresholds" in pregnancy.readout.value
    assert "never passes her reserve" in pregnancy.readout.value
    pregnancy.set(SI_before=0.6, reserve=1.5)
    assert "gestational diabetes by the IADPSG criteria" in pregnancy.readout.value
    assert "from the start" in pregnancy.readout.value
    pregnancy.set(time=10)
    assert "(the test is done at 24-28 weeks)" in pregnancy.readout.value
    pregnancy.set(time=0)
    assert "week 0 (before pregnancy)" in pregnancy.readout.value and "outside pregnancy, ADA: normal" \
        in pregnancy.readout.value
    pregnancy.set(time=41)
    assert "(1 week after delivery)" in pregnancy.readout.value
    pregnancy.set(time=43)
    assert "(3 weeks after delivery)" in pregnancy.readout.value


def test_exercise_1_can_be_answered_from_the_pregnancy_panel(pregnancy):
    pregnancy.set(SI_before=0.7, reserve=2.5)
    item = KEY.items["11.1"]
    assert "first passes her reserve at week 32." in pregnancy.readout.value
    assert abs(32 - item.answer) <= item.abs_tol


def test_exercise_4_can_be_answered_from_the_menopause_panel(menopause):
    menopause.set(SI_before=0.6, change=20.0, reserve=2.1)
    assert "never passes her reserve" in menopause.readout.value
    menopause.set(reserve=2.0)
    assert "first passes her reserve at year +1.5 (1.5 years after the final period)" in menopause.readout.value
    item = KEY.items["11.4"]
    assert abs(2.1 / item.answer - 1) <= item.rel_tol


def test_the_menopause_panel_draws_the_model_course_and_the_ada_verdict(menopause):
    assert "ADA: normal" in menopause.readout.value and "year +6" in menopause.readout.value
    course = ls.menopause(1.0, 3.0, 0.15)
    np.testing.assert_allclose(line_data(menopause.lines["SI"])[1], course.SI)
    np.testing.assert_allclose(line_data(menopause.lines["ogtt2"])[1], course.ogtt[:, 2])
    menopause.set(time=0.0)
    assert "the final menstrual period (year 0)" in menopause.readout.value
    menopause.set(time=-1.0)
    assert "year -1 (1 year before the final period)" in menopause.readout.value


def test_the_glucose_axis_grows_for_a_woman_far_below_the_hyperbola(pregnancy):
    pregnancy.set(SI_before=0.3, reserve=0.5, change=70.0)
    top = pregnancy.axes["glucose"].get_ylim()[1]
    assert top >= float(pregnancy.result.ogtt.max()) > 220.0

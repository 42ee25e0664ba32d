"""The second half of the lessons in JupyterLab (see test_lessons.py), on a server of its own."""

import pytest

from .test_lessons import FIRST_HALF, NOTEBOOKS, check_lesson

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if n not in FIRST_HALF])
def test_lesson_runs_and_every_panel_answers_its_controls(lab, page, name):
    check_lesson(lab, page, name)

"""App mode: a lesson rendered by Voilà shows its panels without code, and they respond."""

from __future__ import annotations

import pytest

from .conftest import require_browser
from .jupyter_server import jupyter_app

pytestmark = pytest.mark.browser
CANVAS = ".jupyter-matplotlib-canvas-div canvas"


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    require_browser()
    with jupyter_app(tmp_path_factory.mktemp("voila"), "voila") as server:
        yield server


def test_lesson_1_as_an_app(voila, page):
    base, _ = voila
    page.goto(f"{base}/voila/render/01_glucose_insulin_feedback.ipynb", timeout=120_000)
    panel = page.locator(".glucolab-panel").first
    panel.wait_for(timeout=120_000)
    canvas = panel.locator(CANVAS).first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0  # code cells are hidden
    before = canvas.evaluate("c => c.toDataURL()")
    panel.locator(".widget-slider .noUi-handle").first.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("([c, b]) => c.toDataURL() !== b", arg=[canvas.element_handle(), before],
                           timeout=15_000)
    assert page.locator(".jp-OutputArea-output, .jp-Cell-outputArea", has_text="Error displaying widget").count() == 0

"""The cached drawing of every panel is the figure a fresh render gives: after a first draw, each
control of each panel is moved and the canvas draws as it does on a slider move (static parts
from the cache). The pixels must equal a render whose cache is rebuilt from scratch, and nearly
equal a full render that bypasses the cache (savefig): there, where a moving line crosses a static
label, the label is drawn on top, so some dozens of pixels may differ; a stale cache (a marker
left at its old place) differs in many hundreds."""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.image import imread

from glucolab.panels import all_panels

PANELS = all_panels()
MAX_DIFFERENT_PIXELS = 300


def other_values(w) -> list:
    """Different valid values for a control: for a slider a small step (axis limits usually stay,
    so the cache is reused) and then its far end; else the next option."""
    if isinstance(w, (widgets.FloatSlider, widgets.IntSlider)):
        step = w.step if w.value + w.step <= w.max else -w.step
        far = w.min if abs(w.value - w.min) > abs(w.value - w.max) else w.max
        return [w.value + 5 * step if w.min <= w.value + 5 * step <= w.max else w.value + step, far]
    value = other_value(w)
    return [] if value is None else [value]


def other_value(w):
    """A different value for a control that is not a slider: the next option, the other state."""
    if hasattr(w, "options") and len(w.options) > 1:
        labels = [o[1] if isinstance(o, tuple) else o for o in w.options]
        return labels[(labels.index(w.value) + 1) % len(labels)]
    if isinstance(w, widgets.Checkbox):
        return not w.value
    if isinstance(w, (widgets.FloatText, widgets.BoundedFloatText)):
        return w.value * 1.2
    return None


def canvas_pixels(figure) -> np.ndarray:
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(int)


def full_render(figure) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi)
    buffer.seek(0)
    return (imread(buffer)[..., :3] * 255).round().astype(int)


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_control_of_every_panel_draws_what_a_full_render_shows(name):
    panel = PANELS[name]()
    try:
        canvas_pixels(panel.figure)
        moved = 0
        for control, w in panel.controls.items():
            for value in other_values(w):
                if value == w.value:
                    continue
                w.value = value
                moved += 1
                cached = canvas_pixels(panel.figure)
                if panel.layer is not None:
                    panel.layer.invalidate()
                    rebuilt = canvas_pixels(panel.figure)
                    stale = int((cached != rebuilt).any(axis=-1).sum())
                    assert stale == 0, f"{name}: after moving {control!r}, {stale} pixels come from a stale cache"
                full = full_render(panel.figure)
                assert cached.shape == full.shape
                differ = int((np.abs(cached - full).max(axis=-1) > 40).sum())
                assert differ <= MAX_DIFFERENT_PIXELS, f"{name}: after moving {control!r}, {differ} pixels differ"
        assert moved >= 1, f"{name}: no control could be moved"
    finally:
        panel.close()

"""The cached drawing of every panel is the figure a fresh render gives.

Every registered panel (``all_panels()``) is built and drawn once; then every control is moved, a
slider by a small step, to its far end and back, any other control to each of its options and
back, and last the panel is reset. After each move the canvas draws as it does in a notebook
(static parts from the cached images of :mod:`glucolab.panels.static_layer`), and the pixels are
compared with a full render that bypasses the cache (``savefig``). The cache draws the artists in
the same order as a full render, so the two may differ only by the rounding of pasting an image
(a level or two of 255); a stale cache (a curve or a tick label left at its old place) differs by
far more. A move back to the start value must draw what was drawn there before (from the images
the cache keeps for revisits), or else match a full render too.

The same moves check that each panel lists the artists its sliders move: a small slider step may
render again only the parts of an axes whose limits changed, or the panel would pay a redraw of
that axes' labels on every move.

Last, a small figure checks the layer itself: a static artist changed without notice, a state
shown before, the memory budget of the kept images, and a saved figure at another resolution.
"""

from __future__ import annotations

import io

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.image import imread

from glucolab.panels import all_panels
from glucolab.panels.static_layer import cache_static

PANELS = all_panels()
MAX_LEVEL_DIFFERENCE = 8  # out of 255; pasting an image rounds by 1-2 levels at most


def moves(w) -> list:
    """Values to set, in order, ending on the start value: for a slider a small step (the axis
    limits usually stay, so the cache is reused), its far end and back; for a menu or toggle each
    other option; a check box off and on; a number box 20 % up."""
    start = w.value
    if isinstance(w, (widgets.FloatSlider, widgets.IntSlider)):
        step = 5 * w.step if w.min <= start + 5 * w.step <= w.max else -5 * w.step
        if not w.min <= start + step <= w.max:
            step = w.step if start + w.step <= w.max else -w.step
        far = w.min if abs(start - w.min) > abs(start - w.max) else w.max
        values = [start + step, far]
    elif hasattr(w, "options") and len(w.options) > 1:
        labels = [o[1] if isinstance(o, tuple) else o for o in w.options]
        values = [label for label in labels if label != start]
    elif isinstance(w, widgets.Checkbox):
        values = [not start]
    elif isinstance(w, (widgets.FloatText, widgets.BoundedFloatText, widgets.IntText)):
        values = [type(start)(start * 1.2)]
    else:
        values = []
    return [v for v in values if v != start] + ([start] if values else [])


def canvas_pixels(figure, draw: bool = True) -> np.ndarray:
    """The canvas after a draw (on Agg a control move draws at once, in ``draw_idle``: then
    ``draw=False`` reads what that draw left, unless something changed since)."""
    if draw or figure.stale:
        figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(int)


def full_render(figure) -> np.ndarray:
    """A render that draws every artist afresh (saving bypasses the cache), at the canvas' size."""
    width, height = (int(v) for v in figure.bbox.size)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="rgba", dpi=figure.dpi)
    return np.frombuffer(buffer.getvalue(), np.uint8).reshape(height, width, 4)[..., :3].astype(int)


def compare(figure, cached, what: str) -> str | None:
    """None if the cached canvas matches a full render, else a sentence saying how it differs."""
    full = full_render(figure)
    if cached.shape != full.shape:
        return f"{what}: canvas {cached.shape} but full render {full.shape}"
    difference = np.abs(cached - full).max(axis=-1)
    wrong = int((difference > MAX_LEVEL_DIFFERENCE).sum())
    if wrong:
        return (f"{what}: {wrong} pixels differ from a full render (by up to {difference.max()} levels): "
                "a stale cache")
    return None


def redrawn_without_need(panel, limits: dict, what: str) -> list:
    """The parts the last canvas draw rendered again although no limit they depend on moved."""
    problems = []
    for ax, depends in panel.layer.rebuilt:
        moved = {"x": tuple(ax.get_xlim()) != limits[ax][0], "y": tuple(ax.get_ylim()) != limits[ax][1]}
        if not any(moved[d] for d in depends):
            label = (ax.get_ylabel() or ax.get_xlabel() or ax.get_title()).replace("\n", " ")
            problems.append(f"{what} redrew a static part of the axes {label!r} ({depends or 'no'} limits, "
                            "unchanged): list the artist it changes in _moving_artists()")
    return problems


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_control_of_every_panel_draws_what_a_full_render_shows(name):
    panel = PANELS[name]()
    try:
        shown = canvas_pixels(panel.figure)
        problems, moved = [compare(panel.figure, shown, f"{name}: first draw")], 0
        for control, w in list(panel.controls.items()):
            start, before = w.value, shown
            for value in moves(w):
                what = f"{name}: {control} = {value!r}"
                limits = {ax: (tuple(ax.get_xlim()), tuple(ax.get_ylim())) for ax in panel.figure.axes}
                w.value = value
                moved += 1
                shown = canvas_pixels(panel.figure, draw=False)  # the draw the move made
                if not panel.layer.pasted:
                    problems.append(f"{what}: the canvas was not drawn from the static layer")
                if moved_by_a_step(w, value, start):
                    problems += redrawn_without_need(panel, limits, what)
                if value == start and np.array_equal(shown, before):
                    continue  # back where it started, and drawn as then
                problems.append(compare(panel.figure, shown, what))
        panel.reset()
        problems.append(compare(panel.figure, canvas_pixels(panel.figure), f"{name}: after reset()"))
        assert moved >= 1, f"{name}: no control could be moved"
        problems = [p for p in problems if p]
        assert not problems, "\n".join(problems)
    finally:
        panel.close()


def moved_by_a_step(w, value, start) -> bool:
    """Whether setting ``value`` was the small first step of a slider."""
    return (isinstance(w, (widgets.FloatSlider, widgets.IntSlider)) and value != start
            and abs(value - start) <= 5 * w.step + 1e-12)


def _small_figure():
    fig, ax = plt.subplots(figsize=(3, 2), dpi=80)
    curve = ax.plot([0, 1], [0, 1], lw=3)[0]
    reference = ax.plot([0, 1], [0.5, 0.5], ls="--")[0]
    label = ax.text(0.5, 0.8, "label", zorder=3)
    ax.vlines([0.3], 0, 1)  # collections: lines and markers
    ax.scatter([0.2], [0.2], s=40)
    ax.set_ylim(0, 1)
    return fig, ax, curve, reference, label, cache_static(fig, [curve])


def test_a_static_artist_changed_without_notice_is_drawn_where_it_now_is():
    fig, ax, curve, reference, label, layer = _small_figure()
    canvas_pixels(fig)
    reference.set_ydata([0.2, 0.2])  # not listed as moving
    label.set_text("another label")
    cached = canvas_pixels(fig)
    assert layer.pasted and layer.rebuilt
    assert compare(fig, cached, "unlisted change") is None


def test_a_state_shown_before_is_drawn_from_kept_images():
    fig, ax, curve, reference, label, layer = _small_figure()
    first = canvas_pixels(fig)
    ax.set_ylim(0, 2)
    canvas_pixels(fig)
    assert {depends for _, depends in layer.rebuilt} >= {"y"}
    ax.set_ylim(0, 1)
    again = canvas_pixels(fig)
    assert layer.rebuilt == [] and np.array_equal(again, first)


def test_the_kept_images_stay_within_their_budget():
    fig, ax, curve, reference, label, layer = _small_figure()
    layer._images.budget = 1  # keep nothing beyond the images of the current draw
    for top in (1.0, 2.0, 3.0, 4.0):
        ax.set_ylim(0, top)
        canvas_pixels(fig)
    kept = layer._images
    assert kept._bytes == sum(e[0].nbytes for e in kept._images.values() if e[0] is not None)
    assert all(k in kept._in_use for k in kept._images)


def test_a_saved_figure_is_complete_at_another_resolution():
    fig, ax, curve, reference, label, layer = _small_figure()
    canvas_pixels(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=2 * fig.dpi)
    saved = imread(io.BytesIO(buffer.getvalue()))
    assert saved.shape[:2] == (2 * 160, 2 * 240)
    curve.set_visible(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=2 * fig.dpi)
    assert not np.array_equal(saved, imread(io.BytesIO(buffer.getvalue())))  # the curve was in it

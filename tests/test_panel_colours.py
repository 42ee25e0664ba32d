"""The colours of every panel: lines stand out from the background (WCAG 2.1, 1.4.11: 3:1 for
graphics), and the lines a legend names can still be told apart in greyscale, by line style,
marker or lightness, so the meaning does not rest on colour alone."""

import itertools

import pytest
from matplotlib.colors import to_rgba

from glucolab.panels import all_panels


def relative_luminance(colour) -> float:
    def channel(x):
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b, _ = to_rgba(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def grey(colour) -> float:
    r, g, b, _ = to_rgba(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b  # what a greyscale print keeps


def drawn_lines(ax):
    return [line for line in ax.get_lines() if line.get_visible()
            and (line.get_linestyle() not in ("None", "") or line.get_marker() not in ("None", "", None))]


@pytest.fixture(scope="module", params=sorted(all_panels()))
def panel(request):
    p = all_panels()[request.param]()
    yield p
    p.close()


def test_every_line_has_3_to_1_contrast_with_its_background(panel):
    weak = [(line.get_label(), line.get_color(), round(contrast(line.get_color(), ax.get_facecolor()), 2))
            for ax in panel.figure.axes for line in drawn_lines(ax)
            if contrast(line.get_color(), ax.get_facecolor()) < 3.0]
    assert not weak, f"{panel.name}: lines below 3:1 contrast: {weak}"


def test_the_named_lines_differ_in_greyscale(panel):
    alike = []
    for ax in panel.figure.axes:
        named = [line for line in drawn_lines(ax) if not line.get_label().startswith("_")]
        for a, b in itertools.combinations(named, 2):
            same_look = (a.get_linestyle(), a.get_marker(), to_rgba(a.get_markerfacecolor())) == \
                (b.get_linestyle(), b.get_marker(), to_rgba(b.get_markerfacecolor()))
            if same_look and abs(grey(a.get_color()) - grey(b.get_color())) < 0.1:
                alike.append((a.get_label(), b.get_label()))
    assert not alike, f"{panel.name}: named lines that look the same in greyscale: {alike}"

"""Draw the unchanging part of a panel's figure from a cached image.

Most of the time of a full redraw goes to text: tick labels, axis labels, legends. In a panel
whose axes do not change when a slider moves, that work is the same every time. This module
renders those axes once into an RGBA image and, on later draws, pastes the image and draws
only the artists that move. A slider move then costs the model solve, one image paste and a
few lines, whatever the number of labels.

How it works. :func:`cache_static` marks the moving artists as *animated* (matplotlib leaves
animated artists out of a normal axes draw) and gives each of their axes a draw method that
draws just those artists. A :class:`StaticLayer`, added to the figure below the axes, pastes
the cached image of the axes. The cache is rebuilt when the size or resolution of the canvas,
the position of an axes, or its x or y limits change, and also whenever an artist it treats as
static has changed (its data, offsets or text): the layer checks itself on every draw, so a panel
that forgets to list a moving artist draws it correctly, only more slowly. When the figure is *saved* (``savefig``,
or the static images of an HTML export, often at another resolution), nothing is cached and
every axes draws itself in full, moving artists included, so exported figures are complete.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import Collection
from matplotlib.lines import Line2D
from matplotlib.text import Text


class StaticLayer(Artist):
    """Pastes the cached image of some axes; see the module docstring.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    moving : dict of Axes to list of Artist
        For every axes to cache, the artists in it that change between draws.
    """

    zorder = -100  # drawn before every axes

    def __init__(self, figure, moving: dict):
        super().__init__()
        # Matplotlib draws by z-order, ties in the order the artists were added: so do we.
        self.moving = {ax: sorted(artists, key=lambda a, order=ax.get_children(): (a.zorder, order.index(a)))
                       for ax, artists in moving.items()}
        self._key = None
        self._image = None
        self.pasted = False  # True while the current draw uses the cached image
        self.set_in_layout(False)  # no extent of its own: tight layouts ignore it

    def invalidate(self) -> None:
        """Forget the cached image (call after changing a static artist other than the limits)."""
        self._key = None

    def _state(self, renderer) -> tuple:
        axes = tuple((tuple(ax.get_position().bounds), tuple(ax.viewLim.bounds), _fingerprint(ax, self.moving[ax]))
                     for ax in self.moving)
        return (renderer.width, renderer.height, renderer.dpi, axes)

    def _usable(self, renderer) -> bool:
        canvas = self.figure.canvas
        return (type(renderer) is RendererAgg and not canvas.is_saving()
                and (int(renderer.width), int(renderer.height)) == tuple(int(v) for v in self.figure.bbox.size))

    def draw(self, renderer):
        self.pasted = False
        if not self.get_visible() or not self._usable(renderer):
            return
        key = self._state(renderer)
        if key != self._key:
            offscreen = RendererAgg(renderer.width, renderer.height, renderer.dpi)
            for ax in self.moving:  # the axes' own draw leaves the animated (moving) artists out
                Axes.draw(ax, offscreen)
            self._image = np.asarray(offscreen.buffer_rgba()).copy()
            self._key = key
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self._image[::-1])
        gc.restore()
        self.pasted = True


def _fingerprint(ax, moving) -> int:
    """A hash of what the static artists of ``ax`` show: line data, collection offsets, texts and
    visibility. Cheap (the static artists are few and small) and enough to see a stale cache."""
    parts = []
    for artist in ax.get_children():
        if artist in moving:
            continue
        if isinstance(artist, Line2D):
            parts.append(np.asarray(artist.get_xydata(), dtype=float).tobytes())
        elif isinstance(artist, Collection):
            parts.append(np.asarray(artist.get_offsets(), dtype=float).tobytes())
        elif isinstance(artist, Text):
            parts.append(artist.get_text().encode())
        parts.append(b"1" if artist.get_visible() else b"0")
    return hash(b"|".join(parts))


def cache_static(figure, moving_artists) -> StaticLayer:
    """Draw everything in the axes of ``moving_artists`` except those artists from a cache.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    moving_artists : iterable of Artist
        The artists a panel updates; each must belong to an axes of ``figure``.

    Returns
    -------
    StaticLayer
        The layer added to the figure (call ``.invalidate()`` after changing a static artist).
    """
    groups = defaultdict(list)
    for artist in moving_artists:
        if artist.axes is None or artist.axes.figure is not figure:
            raise ValueError(f"{artist!r}: expected an artist inside an axes of this figure")
        artist.set_animated(True)
        groups[artist.axes].append(artist)
    layer = StaticLayer(figure, groups)
    for ax in groups:
        ax.draw = _layered_draw(ax, layer)
    figure.add_artist(layer)
    return layer


def _layered_draw(ax, layer: StaticLayer):
    """A draw method for ``ax``: only its moving artists after a paste, else everything."""
    def draw(renderer):
        if not layer.pasted:
            Axes.draw(ax, renderer)  # includes the animated artists only while saving
            if layer.figure.canvas.is_saving():
                return
        for artist in layer.moving[ax]:
            artist.draw(renderer)
    return draw

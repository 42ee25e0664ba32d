"""Draw the unchanging part of a panel's figure from cached images.

Most of the time of a full redraw goes to text: tick labels, axis labels, legends. In a panel
whose axes change little when a slider moves, that work is the same every time. This module
renders the unchanging artists once into RGBA images and, on later draws, pastes the images and
draws only the artists that move. A slider move then costs the model solve, a few image pastes
and a few lines, whatever the number of labels.

How it works. :func:`cache_static` marks the moving artists as *animated* (matplotlib leaves
animated artists out of a normal axes draw) and gives every axes of the figure a draw method
that goes through the axes' artists in matplotlib's drawing order (by z-order), pasting the
images of the static ones and drawing each moving artist where it belongs, so a label that sits
above a curve in a full render stays above it. A :class:`StaticLayer`, added to the figure before
the axes, checks the images before every draw and renders again only what changed. The static
artists between two moving ones are split into pieces by what their place on the canvas depends
on: the x limits (the x axis with its ticks, grid lines and label), the y limits (the y axis,
lines and texts placed across the axes at a height), both (data), or neither (a legend, a text
placed in axes coordinates); the axes background and the spines, cheap to draw, join a piece
next to them. A piece is rendered again when the size or resolution of the canvas or the
position of its axes changes, when a limit it depends on changes, or when one of its artists
changed (data, offsets, paths, texts and their places, axis labels, ticks set by hand,
visibility, colours): the layer checks itself on every draw, so a panel that forgets to list a
moving artist draws it correctly, only more slowly. When only the y limits of an axes change,
its x axis, legend and texts keep their images. Images of earlier states are kept within a
memory budget, so a slider moved back and forth finds them ready.

When the figure is *saved* (``savefig``, or the static images of an HTML export, often at
another resolution), nothing is cached and every axes draws itself in full, moving artists
included, so exported figures are complete.
"""

from __future__ import annotations

from collections import defaultdict
from operator import attrgetter

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis, YAxis
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import Collection
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.spines import Spine
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FixedFormatter, FixedLocator


class StaticLayer(Artist):
    """Checks and holds the cached images of every axes of a figure; see the module docstring.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    moving : dict of Axes to list of Artist
        For every axes to cache, the artists in it that change between draws (an empty list
        for an axes whose content never changes).

    Attributes
    ----------
    pasted : bool
        True while the current draw uses the cached images.
    rebuilt : list of tuple
        ``(axes, limits)`` for every piece the last draw had to render again, where limits is
        what the piece's place depends on: ``""``, ``"x"``, ``"y"`` or ``"xy"``.
    rebuilds : int
        How many pieces have been rendered since the layer was made.
    """

    zorder = -100  # drawn before every axes

    def __init__(self, figure, moving: dict):
        super().__init__()
        self.moving = {ax: sorted(artists, key=lambda a, order=ax.get_children(): (a.zorder, order.index(a)))
                       for ax, artists in moving.items()}
        self._moving_ids = {ax: {id(a) for a in artists} for ax, artists in moving.items()}
        # Images of the pieces in the states they were drawn in: earlier states are kept too,
        # so moving a slider back and forth finds its images ready.
        self._images = _Images(IMAGE_BUDGET_BYTES)
        self._plans = {}  # axes -> what its draw does: images to paste and moving artists, in order
        self._titles_placed = False
        self._offscreen = None
        self.pasted = False
        self.rebuilt = []
        self.rebuilds = 0
        self.set_in_layout(False)  # no extent of its own: tight layouts ignore it

    def invalidate(self, ax=None) -> None:
        """Forget the cached images of ``ax``, or of every axes (call after changing a static
        artist in a way the self-check does not see)."""
        self._images.forget(ax)

    def _usable(self, renderer) -> bool:
        canvas = self.figure.canvas
        return (type(renderer) is RendererAgg and not canvas.is_saving()
                and (int(renderer.width), int(renderer.height)) == tuple(int(v) for v in self.figure.bbox.size))

    def draw(self, renderer):
        self.pasted = False
        self.rebuilt = []
        if not self.get_visible() or not self._usable(renderer):
            return
        self._images.new_draw()
        for ax in self.moving:
            self._plans[ax] = self._plan(ax, renderer) if ax.get_visible() else []
        self.pasted = True

    # -- the plan of one axes ------------------------------------------------------------------
    def _plan(self, ax, renderer) -> list:
        """Bring the images of ``ax`` up to date; return its drawing order as a list of
        ``(image, x, y)`` to paste and moving artists to draw."""
        locator = ax.get_axes_locator()
        ax.apply_aspect(locator(ax, renderer) if locator else None)
        common = (renderer.width, renderer.height, renderer.dpi, tuple(ax.get_position().bounds),
                  ax.get_xscale(), ax.get_yscale())
        limits = {"": (), "x": tuple(ax.viewLim.intervalx), "y": tuple(ax.viewLim.intervaly)}
        limits["xy"] = limits["x"] + limits["y"]
        plan = []
        self._titles_placed = False  # titles are placed once, before the first piece is rendered
        for depends, artists in _pieces(ax, _draw_order(ax, self._moving_ids[ax]), self._moving_ids[ax]):
            if depends is None:  # a moving artist, drawn live
                plan += artists
                continue
            key = (ax, tuple(map(id, artists)))
            state = (common, depends, limits[depends], _fingerprint(ax, artists))
            image = self._images.get(key, state)
            if image is None:
                if not self._titles_placed:
                    ax._update_title_position(renderer)
                    self._titles_placed = True
                image = self._images.put(key, state, self._render(artists, renderer))
                self.rebuilt.append((ax, depends))
                self.rebuilds += 1
            if image[0] is not None:
                plan.append(image)
        return plan

    # -- images ----------------------------------------------------------------------------------
    def _render(self, artists, renderer) -> tuple:
        """Draw ``artists`` alone; return their image cropped to what was drawn, flipped for
        ``draw_image``, and the place of its lower left corner on the canvas."""
        size = (renderer.width, renderer.height, renderer.dpi)
        off = self._offscreen
        if off is None or (off.width, off.height, off.dpi) != size:
            off = self._offscreen = _OffscreenRenderer(*size)
        off.clear()
        for artist in artists:
            artist.draw(off)
        pixels = np.asarray(off.buffer_rgba())
        # One number per pixel, whose top byte is the alpha: above 0xFFFFFF where something was drawn.
        pixel = pixels.view(np.uint32)[..., 0]
        rows = np.flatnonzero(pixel.max(axis=1) > 0xFFFFFF)
        if rows.size == 0:
            return None, 0, 0
        cols = np.flatnonzero(pixel[rows[0]:rows[-1] + 1].max(axis=0) > 0xFFFFFF)
        top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        image = np.ascontiguousarray(pixels[top:bottom, left:right][::-1])
        return image, int(left), int(pixels.shape[0] - bottom)

    def paste(self, ax, renderer) -> None:
        """Draw ``ax`` from its plan: paste its images and draw its moving artists in order."""
        gc = renderer.new_gc()
        for item in self._plans.get(ax, ()):
            if isinstance(item, tuple):
                renderer.draw_image(gc, item[1], item[2], item[0])  # (image, x, y)
            else:
                item.draw(renderer)
        gc.restore()


class _OffscreenRenderer(RendererAgg):
    """The Agg renderer of the cached images. It remembers how each string was laid out in each
    font and size, so the tick labels an axes draws again after its limits change skip that step;
    the glyphs are then drawn exactly as :class:`RendererAgg` draws them."""

    def __init__(self, width, height, dpi):
        super().__init__(width, height, dpi)
        self._layouts = {}

    def _prepare_font(self, font_prop):
        font = super()._prepare_font(font_prop)
        if len(self._layouts) > 4096:
            self._layouts.clear()
        return _RememberedLayouts(font, (font_prop.get_size_in_points(), self.dpi), self._layouts)


class _RememberedLayouts:
    """A font whose ``_layout`` (string to glyphs and their places) is looked up before it is
    computed; everything else goes to the font itself."""

    def __init__(self, font, size, layouts: dict):
        self._font, self._size, self._layouts = font, size, layouts

    def _layout(self, text, **options):
        key = (id(self._font), self._size, text, repr(sorted(options.items())))
        found = self._layouts.get(key)
        if found is None:  # the font is kept with its layouts, so its id stays its own
            found = self._layouts[key] = (self._font, self._font._layout(text, **options))
        return found[1]

    def __getattr__(self, name):
        return getattr(self._font, name)


IMAGE_BUDGET_BYTES = 16 * 2 ** 20  # images kept per figure (more only while one draw needs more)
IMAGE_COUNT_LIMIT = 1024


class _Images:
    """Images by what they show (axes and artists of a piece) and the state it was drawn in. The
    least recently used are forgotten first once the images take more than ``budget`` bytes;
    those the current draw uses are always kept."""

    def __init__(self, budget: int):
        self.budget = budget
        self._images = {}  # (key, state) -> (image, x, y), least recently used first
        self._bytes = 0
        self._in_use = set()

    def new_draw(self) -> None:
        self._in_use = set()

    def get(self, key, state):
        """The image of ``key`` in ``state`` (now the most recently used), or None."""
        entry = self._images.pop((key, state), None)
        if entry is not None:
            self._images[(key, state)] = entry
            self._in_use.add((key, state))
        return entry

    def put(self, key, state, entry: tuple) -> tuple:
        """Keep ``entry`` (image, x, y) for ``key`` in ``state``; forget old images over budget."""
        self._images[(key, state)] = entry
        self._bytes += _size(entry)
        self._in_use.add((key, state))
        for old in list(self._images):
            if self._bytes <= self.budget and len(self._images) <= IMAGE_COUNT_LIMIT:
                break
            if old not in self._in_use:
                self._bytes -= _size(self._images.pop(old))
        return entry

    def forget(self, ax=None) -> None:
        """Forget the images of ``ax``, or all."""
        for old in [k for k in self._images if ax is None or k[0][0] is ax]:
            self._bytes -= _size(self._images.pop(old))


def _size(entry: tuple) -> int:
    return 0 if entry[0] is None else entry[0].nbytes


def _draw_order(ax, moving_ids) -> list:
    """The artists of ``ax`` in the order :meth:`Axes.draw` draws them, moving ones included."""
    artists = ax.get_children()
    artists.remove(ax.patch)
    if not (ax.axison and ax._frameon):
        for spine in ax.spines.values():
            artists.remove(spine)
    if not ax.axison:
        for axis in ax._axis_map.values():
            artists.remove(axis)
    artists = sorted((a for a in artists if id(a) in moving_ids or _shows(a)), key=attrgetter("zorder"))
    if ax.axison and ax._frameon:
        artists.insert(0, ax.patch)
    return artists


def _shows(artist) -> bool:
    """Whether a static artist draws anything (an empty title, for one, does not)."""
    return (not artist.get_animated() and artist.get_visible()
            and not (isinstance(artist, Text) and not artist.get_text()))


def _pieces(ax, artists, moving_ids) -> list:
    """Split the drawing order of ``ax`` into pieces: each moving artist alone (marked ``None``),
    and runs of static artists in consecutive pieces by the limits their place depends on. The
    axes background and the spines, cheap to draw, join the piece next to them."""
    pieces = []
    for artist in artists:
        if id(artist) in moving_ids:
            pieces.append((None, [artist]))
            continue
        depends = _depends(ax, artist)
        last = pieces[-1] if pieces and pieces[-1][0] is not None else None
        if last is not None and (depends == "any" or last[0] == depends):
            last[1].append(artist)
        elif last is not None and last[0] == "any":  # background or spines so far: they follow
            pieces[-1] = (depends, last[1] + [artist])
        else:
            pieces.append((depends, [artist]))
    return [("" if depends == "any" else depends, artists) for depends, artists in pieces]


def _depends(ax, artist) -> str:
    """What the place of ``artist`` on the canvas depends on, besides the size of the canvas and
    the position of the axes: ``""`` (nothing), ``"x"`` or ``"y"`` (one limit) or ``"xy"``;
    ``"any"`` for the background and the spines, which depend on nothing and join any piece."""
    if artist is ax.patch:
        return "any"
    if isinstance(artist, XAxis):
        return "x"
    if isinstance(artist, YAxis):
        return "y"
    if isinstance(artist, Spine):  # a spine spans its side, unless bounded or placed at a data value
        if artist._bounds is not None or (artist._position is not None and artist._position[0] == "data"):
            return "xy"
        return "any" if artist.spine_type in ("left", "right", "bottom", "top") else "xy"
    if artist in (ax.title, ax._left_title, ax._right_title):
        return "xy"  # placed above the tick labels
    if isinstance(artist, Legend):
        return "" if artist._loc != 0 else "xy"  # loc="best" looks at the data
    if isinstance(artist, (Annotation, Collection)):
        return "xy"
    if isinstance(artist, (Line2D, Text)):
        transform = artist.get_transform()
    elif isinstance(artist, Patch):
        transform = artist.get_data_transform()
    else:
        return "xy"
    if transform == ax.transAxes:
        return ""
    if transform == ax.get_xaxis_transform():
        return "x"
    if transform == ax.get_yaxis_transform():
        return "y"
    return "xy"


def _fingerprint(ax, artists) -> int:
    """A hash of what ``artists`` show: line and image data, collection offsets and paths, patch
    shapes, texts and their places, axis labels and hand-set ticks, colours and visibility.
    Cheap (the static artists are few and small) and enough to see a stale cache."""
    parts = []
    titles = (ax.title, ax._left_title, ax._right_title)
    for artist in artists:
        parts.append(b"1" if artist.get_visible() else b"0")
        if isinstance(artist, Line2D):
            parts += [np.asarray(artist.get_xydata(), dtype=float).tobytes(),
                      repr((artist.get_color(), artist.get_linestyle(), artist.get_linewidth(),
                            artist.get_marker(), artist.get_markersize(), artist.get_alpha())).encode()]
        elif isinstance(artist, Collection):
            parts.append(np.asarray(artist.get_offsets(), dtype=float).tobytes())
            if hasattr(artist, "get_coordinates"):  # a mesh: its corners, not one path per cell
                parts.append(np.asarray(artist.get_coordinates(), dtype=float).tobytes())
            else:
                parts += [np.asarray(path.vertices, dtype=float).tobytes() for path in artist.get_paths()]
            sizes = artist.get_sizes() if hasattr(artist, "get_sizes") else ()  # marker sizes of a scatter
            parts += [np.asarray(values).tobytes() for values in (artist.get_facecolor(), artist.get_edgecolor(),
                                                                  artist.get_linewidth(), sizes)]
            if artist.get_array() is not None:
                parts.append(np.asarray(artist.get_array()).tobytes())
        elif isinstance(artist, Spine):
            parts.append(repr((artist._bounds, artist._position)).encode())
        elif isinstance(artist, Patch):
            parts += [artist.get_path().vertices.tobytes(), artist.get_patch_transform().get_matrix().tobytes(),
                      repr((artist.get_facecolor(), artist.get_edgecolor(), artist.get_linewidth(),
                            artist.get_hatch())).encode()]
        elif isinstance(artist, Text):
            place = None if artist in titles else artist.get_position()  # titles are placed at each render
            parts.append(repr((artist.get_text(), place, artist.get_color(), artist.get_fontsize(),
                               artist.get_rotation(), artist.get_alpha())).encode())
        elif isinstance(artist, AxesImage):
            parts.append(np.asarray(artist.get_array()).tobytes() + repr(artist.get_extent()).encode())
        elif isinstance(artist, Axis):
            parts.append(_axis_print(artist))
        elif isinstance(artist, Legend):
            parts += [text.get_text().encode() for text in artist.get_texts()]
    return hash(b"|".join(parts))


def _axis_print(axis: Axis) -> bytes:
    """The label of an axis and any ticks or tick labels set by hand (others follow the limits)."""
    locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
    hand_set = (tuple(locator.locs) if isinstance(locator, FixedLocator) else id(locator),
                tuple(formatter.seq) if isinstance(formatter, FixedFormatter) else id(formatter),
                id(axis.get_minor_locator()))
    return repr((axis.label.get_text(), axis.label.get_visible(), hand_set, axis.get_scale(),
                 sorted(axis._major_tick_kw.items()))).encode()


def cache_static(figure, moving_artists) -> StaticLayer:
    """Draw every axes of ``figure`` from a cache, except the artists ``moving_artists``.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    moving_artists : iterable of Artist
        The artists a panel updates; each must belong to an axes of ``figure``. May be empty:
        every axes is then drawn from its cache until the self-check sees a change.

    Returns
    -------
    StaticLayer
        The layer added to the figure (call ``.invalidate()`` after changing a static artist
        in a way the self-check cannot see).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> curve = ax.plot([0, 1], [0, 1])[0]
    >>> layer = cache_static(fig, [curve])
    >>> fig.canvas.draw()
    >>> curve.set_ydata([1, 0])  # a slider moved the curve
    >>> fig.canvas.draw()
    >>> layer.pasted, layer.rebuilt  # axes, ticks and labels came from the cache
    (True, [])
    >>> plt.close(fig)
    """
    groups = defaultdict(list)
    for ax in figure.axes:
        groups[ax]  # every axes is cached, also one in which nothing moves
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
    """A draw method for ``ax``: from the layer's plan after a check, else a full draw in which
    the moving artists take their places (also when the figure is saved)."""
    def draw(renderer):
        if not ax.get_visible():
            return
        if layer.pasted:
            layer.paste(ax, renderer)
            ax.stale = False
            return
        moving = layer.moving[ax]
        for artist in moving:
            artist.set_animated(False)
        try:
            Axes.draw(ax, renderer)
        finally:
            for artist in moving:
                artist.set_animated(True)
    return draw

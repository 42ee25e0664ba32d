"""The pattern every interactive figure follows.

A panel builds its controls and its matplotlib figure once. Each control change calls
:meth:`Panel.update`, which solves the model and moves the existing artists (``set_data``)
before one ``draw_idle``: an update costs a model solve plus a redraw, never a new figure.
With the ipympl backend the figure is itself a widget and updates in place; on any other
backend (tests, benchmarks, static export) the same code draws on an Agg canvas.

Subclasses implement ``_build`` (create controls and artists) and ``_redraw`` (update the
artists from ``self.values``).
"""

from __future__ import annotations

import contextlib
import html
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt

from .. import style
from ..accessible import ControlNames
from ..display import FigureImage, show_static_panel, static_mode
from .static_layer import cache_static

# Wide enough for the longest label with its unit ("S_I (×10⁻⁴ /min per µU/mL)") to show in full.
CONTROL_WIDTH, LABEL_WIDTH = "460px", "240px"
SLIDER_LAYOUT = widgets.Layout(width=CONTROL_WIDTH)
SLIDER_STYLE = {"description_width": LABEL_WIDTH}
SAVED_IMAGE_DPI = 60  # the still image saved with a lesson: readable, and small in the notebook file


def slider(description: str, value: float, low: float, high: float, step: float, fmt: str = ".2f"):
    """A float slider whose label carries the unit and whose readout shows the value; whole-number
    arguments with a step of 1 (and ``fmt="d"``) give an integer slider.

    A start value outside ``[low, high]`` is refused with a message naming the control, the value
    and the range: a widget would otherwise move it to the nearest end without a word.
    """
    if not (isinstance(value, (int, float)) and math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{description} = {value!r}: expected a start value between {low:g} and {high:g}")
    if fmt == "d":
        return widgets.IntSlider(value=value, min=low, max=high, step=step, description=description,
                                 continuous_update=True, layout=SLIDER_LAYOUT, style=SLIDER_STYLE)
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               readout_format=fmt, continuous_update=True, layout=SLIDER_LAYOUT,
                               style=SLIDER_STYLE)


class Panel:
    """Base class of the interactive panels.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        The controls, by name; setting ``controls[name].value`` updates the figure.
    figure : matplotlib.figure.Figure
        The figure, updated in place.
    readout : ipywidgets.HTML
        A text account of what the figure shows (numbers a screen reader can read).
    message : ipywidgets.HTML
        Where a bad value is reported instead of raising into the notebook.
    layer : glucolab.panels.static_layer.StaticLayer
        The cache that draws the unchanging parts of every axes from images.
    """

    name = ""  # the name the panel is registered under (set by the registry), used by its settings
    title = ""
    description = ""  # one or two sentences: what the figure shows, for readers without it
    caveats_text = ""  # what the figure cannot tell, shown in small italics under the readout
    figsize = (8.0, 6.0)

    def __init__(self):
        style.apply()
        self.controls: dict[str, widgets.Widget] = {}
        self.readout = widgets.HTML()
        self.message = widgets.HTML()
        self.caveats = (widgets.HTML(f"<div style='max-width:60em;font-size:90%'><i>{self.caveats_text}</i></div>")
                        if self.caveats_text else None)
        self._holding = 0
        self.error = None  # the last error a control value caused, or None
        self._shown = False  # the static fallback is only redrawn once the panel is on screen
        self._settings = None  # the settings box, made when first asked for
        with plt.ioff():
            self.figure = plt.figure(figsize=self.figsize, layout="constrained")
        self._configure_canvas()
        self._build()
        self._defaults = {name: w.value for name, w in self.controls.items()}
        for w in self.controls.values():
            w.observe(self._on_change, names="value")
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="Back to the start-up values")
        self.reset_button.on_click(lambda _: self.reset())
        self.update()
        if self.error is not None:  # a start value the model refuses: say so now, not in the panel
            plt.close(self.figure)
            raise self.error
        # Lay the figure out once, then freeze it: re-running constrained layout on every
        # slider move would cost more than the model solve and the drawing together.
        self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")
        # Every axes is drawn from cached images, all but the artists that move (see .static_layer).
        self.layer = cache_static(self.figure, self._moving_artists())

    # -- to implement ------------------------------------------------------------------------
    def _build(self) -> None:
        raise NotImplementedError

    def _redraw(self) -> None:
        raise NotImplementedError

    def _moving_artists(self):
        """The artists an update changes. Everything else (ticks, labels, bands: most of the
        drawing time) comes from cached images of each axes; see :mod:`.static_layer`. An
        artist that changes but is not listed is still drawn correctly, because the cache sees
        the change and renders that part of its axes again, only more slowly. Default: none."""
        return ()

    # -- behaviour shared by every panel ----------------------------------------------------
    @property
    def values(self) -> dict:
        """Current control values, by name."""
        return {name: w.value for name, w in self.controls.items()}

    def update(self) -> None:
        """Re-solve the model for the current controls and redraw; report any error in
        :attr:`message` (named, in words) rather than raising, since an exception raised in a
        widget callback would vanish. At construction a bad start value raises instead."""
        if self._holding:
            return
        try:
            self._redraw()
        except Exception as err:  # noqa: BLE001 - an error in a widget callback is otherwise invisible
            self.report(err)
            return
        self.error = None
        self.message.value = ""
        self._draw()
        if self._output is not None and self._shown:
            self._show_static()
        if self._settings is not None and self._settings.widget.selected_index is not None:
            self._settings.refresh()

    def _draw(self) -> None:
        """Draw the figure after an update. An ipympl canvas whose view is on screen draws at once
        and sends its image: its ``draw_idle`` sends a draw request to the browser and waits for
        the browser to send it back, a round trip on every move of a control. Before the view is
        up, and on every other backend, ``draw_idle`` as before."""
        canvas = self.figure.canvas
        if getattr(canvas, "syncing_data_url", True) is False:  # ipympl, once its view said "initialized"
            canvas.draw()
        else:
            canvas.draw_idle()

    def report(self, err: Exception) -> None:
        """Show ``err`` in the panel's message area, named, instead of raising it."""
        self.error = err if isinstance(err, ValueError) else ValueError(f"{type(err).__name__}: {err}")
        self.message.value = (f'<div role="alert" style="color:{style.ALERT_COLOR}">'
                              f"⚠ {html.escape(str(self.error))}</div>")

    # -- saved and shared settings (see .settings) --------------------------------------------
    @property
    def state(self) -> dict:
        """The panel's settings: its registered name, the package version and its control values."""
        from .settings import panel_state
        return panel_state(self)

    def load(self, state: dict) -> None:
        """Set the controls from ``state``; a state for another panel, with unknown controls or
        with values out of range is refused with every problem named, and changes nothing."""
        from .settings import check_state
        self.set(**check_state(self, state))

    @property
    def settings(self):
        """The *Save or share these settings* box under the panel."""
        if self._settings is None:
            from .settings import SettingsBox
            self._settings = SettingsBox(self)
            self._settings.widget.observe(lambda _c: self._settings.refresh(), names="selected_index")
        return self._settings

    def _on_change(self, _change) -> None:
        self.update()

    @contextlib.contextmanager
    def hold(self):
        """Change several controls with one update at the end."""
        self._holding += 1
        try:
            yield self
        finally:
            self._holding -= 1
        self.update()

    def set(self, **values) -> None:
        """Set several controls at once (one update)."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise KeyError(f"unknown control(s) {sorted(unknown)}; this panel has {sorted(self.controls)}")
        with self.hold():
            for name, value in values.items():
                self.controls[name].value = value

    def reset(self) -> None:
        """Put every control back to its start-up value."""
        self.set(**self._defaults)

    def close(self) -> None:
        """Release the figure."""
        plt.close(self.figure)

    # -- display ----------------------------------------------------------------------------
    def _configure_canvas(self) -> None:
        canvas = self.figure.canvas
        self._output = None
        if isinstance(canvas, widgets.DOMWidget):  # ipympl: the canvas is the widget
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.toolbar_position = "right"
            canvas.resizable = False
        else:  # Agg or inline: show a static image that is refreshed after each update
            self._output = widgets.Output()

    def _show_static(self) -> None:
        from IPython.display import display
        with self._output:
            self._output.clear_output(wait=True)
            display(self.figure)

    def _control_box(self) -> widgets.Widget:
        return widgets.VBox(list(self.controls.values()) + [self.reset_button],
                            layout=widgets.Layout(flex="0 0 auto", min_width="470px"))

    @property
    def widget(self) -> widgets.Widget:
        """The whole panel: title, controls, figure, readout and messages."""
        if not hasattr(self, "_widget"):
            figure_view = self.figure.canvas if self._output is None else self._output
            header = widgets.HTML(f"<h4 style='margin:4px 0'>{html.escape(self.title)}</h4>"
                                  f"<div style='max-width:60em'>{html.escape(self.description)}</div>")
            # The figure wraps below the controls on a narrow screen instead of being cut off.
            body = widgets.HBox([self._control_box(), figure_view],
                                layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
            below = [self.readout] + ([self.caveats] if self.caveats is not None else []) + [self.message]
            self._widget = widgets.VBox([header, body, *below, self.settings.widget, self.settings.page,
                                         ControlNames()])
            self._widget.add_class("glucolab-panel")  # lets browser tests find each panel
        return self._widget

    def _ipython_display_(self):
        from IPython.display import display
        if static_mode():
            show_static_panel(self)
            return
        self._shown = True
        if self._output is not None:
            self._show_static()
            display(self.widget)
            return
        # Beside the live widget, a still image of the figure with its description as alt text:
        # viewers without a kernel (GitHub, nbviewer, the HTML export) show the image, while
        # JupyterLab and Voila, which can draw the widget, prefer it.
        bundle = self.still()._repr_mimebundle_()
        bundle.update(self.widget._repr_mimebundle_())
        display(bundle, raw=True)

    def still(self) -> FigureImage:
        """The figure at its present settings as a still image, with the panel's description as
        alt text: what a saved lesson shows where no kernel draws the live panel."""
        return FigureImage(self.figure, alt=self.description, dpi=SAVED_IMAGE_DPI)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power of ten that is >= ``value``."""
    if value <= 0:
        return value
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= value * (1 - 1e-12))


def keep_in_view(ax, top: float, floor: float, margin: float = 1.15, axis: str = "y",
                 symmetric: bool = False) -> None:
    """Make the upper limit of ``ax`` hold ``top`` without rescaling on every slider move.

    The limit grows when the data outgrow it and shrinks only when they fall below half of
    it, never under ``floor``; with ``symmetric`` the lower limit mirrors it. Stable limits
    keep a figure easy to compare from one setting to the next, and let a panel's cached
    background (see :mod:`.static_layer`) be reused.
    """
    low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    # From here on this function owns the limit: autoscaling would move it with the data.
    (ax.set_autoscaley_on if axis == "y" else ax.set_autoscalex_on)(False)
    wanted = max(floor, nice_ceiling(margin * top))
    if top > high or wanted < 0.5 * high:
        (ax.set_ylim if axis == "y" else ax.set_xlim)(-wanted if symmetric else low, wanted)


def line_data(line):
    """The (x, y) data of a matplotlib Line2D as float arrays (for tests and readouts)."""
    import numpy as np
    x, y = line.get_data()
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)

"""Saved and shared panel settings: a panel's control values as a small JSON text.

A state names its panel (the name it is registered under), the package version and the value of
every control::

    {"panel": "feedback", "version": "0.2.0", "values": {"SI": 2.5, "beta": 3.0, ...}}

An instructor can hand a state to a class as text (the panel's *Copy settings* button), as a
file next to a lesson, or inside a link: :func:`lesson_link` builds a JupyterLab or Voilà address
whose query carries the state, and a panel shown on that page starts from it. :func:`check_state`
refuses a state for another panel, with unknown controls or with values a control cannot take,
naming every problem, so that loading changes nothing unless all of it fits.
"""

from __future__ import annotations

import json
import math
from urllib.parse import parse_qs, quote, urlencode

import anywidget
import ipywidgets as widgets
import traitlets

from .. import __version__

QUERY_KEY = "glucolab"  # ?glucolab=<state as JSON>, repeated once per panel to preset


def panel_state(panel) -> dict:
    """The state of ``panel``: its registered name, the package version and its control values.

    Examples
    --------
    >>> from glucolab.panels import homa_calculator_panel
    >>> state = panel_state(homa_calculator_panel())
    >>> state["panel"], sorted(state)
    ('homa_calculator', ['panel', 'values', 'version'])
    """
    return {"panel": panel.name, "version": __version__, "values": dict(panel.values)}


def _fits(widget, value) -> str | None:
    """Why ``value`` cannot be given to ``widget``, or None if it can."""
    if hasattr(widget, "options") and not hasattr(widget, "min"):
        labels = [o[0] if isinstance(o, tuple) else o for o in widget.options]
        return None if value in labels else f"expected one of {labels}"
    if isinstance(widget.value, bool):
        return None if isinstance(value, bool) else "expected true or false"
    if isinstance(widget.value, (int, float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return "expected a number"
        if hasattr(widget, "min") and not widget.min <= value <= widget.max:
            return f"expected a value between {widget.min:g} and {widget.max:g}"
        return None
    return None if isinstance(value, type(widget.value)) else f"expected {type(widget.value).__name__}"


def check_state(panel, state) -> dict:
    """The control values of ``state`` if every one fits ``panel``; otherwise a ValueError that
    names each problem (another panel, an unknown control, a value out of range).

    Examples
    --------
    >>> from glucolab.panels import homa_calculator_panel
    >>> p = homa_calculator_panel()
    >>> check_state(p, {"panel": "feedback", "values": {}})
    Traceback (most recent call last):
    ...
    ValueError: these settings are for the panel 'feedback', not 'homa_calculator'
    """
    if not isinstance(state, dict) or not isinstance(state.get("values"), dict):
        raise ValueError('settings must be an object with "panel" and "values", '
                         f"got {str(state)[:80]!r}")
    if state.get("panel") != panel.name:
        raise ValueError(f"these settings are for the panel {state.get('panel')!r}, not {panel.name!r}")
    problems = []
    for name, value in state["values"].items():
        if name not in panel.controls:
            problems.append(f"{name!r} is not a control of this panel (it has {sorted(panel.controls)})")
            continue
        why = _fits(panel.controls[name], value)
        if why:
            problems.append(f"{name} = {value!r}: {why}")
    if problems:
        raise ValueError("these settings do not fit the panel, so nothing was changed: " + "; ".join(problems))
    return dict(state["values"])


def to_text(state: dict) -> str:
    """A state as one line of JSON (what *Copy settings* puts on the clipboard)."""
    return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


def from_text(text: str) -> dict:
    """A state read from its text, with a clear error for text that is not a state."""
    try:
        state = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"these settings are not readable (not JSON: {err.msg} at character {err.pos})") from err
    if not isinstance(state, dict):
        raise ValueError(f"these settings are not readable: expected an object, got {type(state).__name__}")
    return state


def lesson_link(notebook: str, *states: dict, app: str = "lab", base: str = "http://localhost:8888") -> str:
    """An address that opens ``notebook`` with each panel named in ``states`` preset.

    Parameters
    ----------
    notebook : str
        The lesson's path below the server's root, e.g. ``notebooks/03_beta_cell_compensation_and_failure.ipynb``.
    states : dict
        Panel states (:func:`panel_state`), one per panel to preset.
    app : {"lab", "voila"}
        JupyterLab, or the lesson as a Voilà app.
    base : str
        The server's address.

    Examples
    --------
    >>> lesson_link("notebooks/01.ipynb", {"panel": "feedback", "values": {"beta": 3.0}}, app="voila",
    ...             base="http://hub")
    'http://hub/voila/render/notebooks/01.ipynb?glucolab=%7B%22panel%22%3A%22feedback%22%2C%22values%22%3A%7B%22beta%22%3A3.0%7D%7D'
    """
    if app not in ("lab", "voila"):
        raise ValueError(f"app={app!r}: expected 'lab' or 'voila'")
    path = {"lab": "lab/tree", "voila": "voila/render"}[app]
    query = urlencode([(QUERY_KEY, to_text(s)) for s in states], quote_via=quote)
    return f"{base.rstrip('/')}/{path}/{notebook}" + (f"?{query}" if query else "")


def states_in_query(query: str) -> dict:
    """The panel states a page address's query carries, by panel name (unreadable ones skipped).

    Examples
    --------
    >>> states_in_query("?glucolab=%7B%22panel%22%3A%22feedback%22%2C%22values%22%3A%7B%7D%7D&x=1")
    {'feedback': {'panel': 'feedback', 'values': {}}}
    """
    found = {}
    for text in parse_qs(query.lstrip("?")).get(QUERY_KEY, []):
        try:
            state = from_text(text)
        except ValueError:
            continue
        if isinstance(state.get("panel"), str):
            found[state["panel"]] = state
    return found


class CopyButton(anywidget.AnyWidget):
    """A button that puts ``text`` on the clipboard (browsers allow it on https and localhost).

    Where the clipboard is refused, the button says to select the text beside it instead.
    """

    _esm = """
    export default {
      render({ model, el }) {
        const button = document.createElement('button');
        button.className = 'jupyter-widgets jupyter-button widget-button';
        const label = () => model.get('description');
        button.textContent = label();
        button.setAttribute('aria-label', 'Copy these settings as text');
        button.addEventListener('click', async () => {
          try {
            await navigator.clipboard.writeText(model.get('text'));
            button.textContent = 'Copied';
          } catch (err) {
            button.textContent = 'Select the text and copy it';
          }
          setTimeout(() => { button.textContent = label(); }, 2500);
        });
        el.appendChild(button);
      },
    };
    """
    text = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("Copy settings").tag(sync=True)


class PageQuery(anywidget.AnyWidget):
    """An invisible widget that tells the kernel the query of the page it is shown on, so that a
    panel opened from a :func:`lesson_link` starts from the settings in the link."""

    _esm = """
    export default {
      render({ model, el }) {
        el.style.display = 'none';
        model.set('query', window.location.search);
        model.save_changes();
      },
    };
    """
    query = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"


class SettingsBox:
    """Below a panel: its settings as text, a copy button, and a box to load settings from text."""

    def __init__(self, panel):
        self.panel = panel
        self.text = widgets.Textarea(description="Settings", rows=2, layout=widgets.Layout(width="95%"),
                                     style={"description_width": "80px"})
        self.copy = CopyButton()
        self.load_button = widgets.Button(description="Load these settings",
                                          tooltip="Set the controls to the settings in the box")
        self.load_button.on_click(lambda _b: self.load_text())
        self.page = PageQuery()
        self.page.observe(self._from_page, names="query")
        help_text = widgets.HTML("<small>Copy the settings to share this figure, or paste settings "
                                 "into the box and load them.</small>")
        box = widgets.VBox([help_text, self.text, widgets.HBox([self.copy, self.load_button])])
        self.widget = widgets.Accordion(children=[box], titles=("Save or share these settings",),
                                        selected_index=None)
        self.refresh()

    def refresh(self) -> None:
        """Show the panel's current settings."""
        self.text.value = self.copy.text = to_text(panel_state(self.panel))

    def load_text(self) -> None:
        """Load the settings typed or pasted into the box; report a problem in the panel."""
        try:
            self.panel.load(from_text(self.text.value))
        except ValueError as err:
            self.panel.report(err)

    def _from_page(self, change) -> None:
        state = states_in_query(change["new"]).get(self.panel.name)
        if state is not None:
            try:
                self.panel.load(state)
            except ValueError as err:
                self.panel.report(err)

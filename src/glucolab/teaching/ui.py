"""Small pieces shared by the teaching widgets: feedback boxes, answer inputs, and a stable
plain-text form so a saved notebook (and nbval) sees the same text on every run."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .keys import Item, shuffled

OK_COLOR, NO_COLOR, NEUTRAL_COLOR = "#006b4f", "#a33a00", "#3d4f5c"
AUTO_WIDTH = widgets.Layout(width="auto")  # a button as wide as its words, never cut short


def feedback_html(correct: bool | None, text: str, mark: str | None = None) -> str:
    """A feedback line whose meaning is in the words (✔/✘ and a verdict such as "Correct."), not
    only in its colour."""
    if mark is None:
        mark = "" if correct is None else ("✔ Correct." if correct else "✘ Not quite.")
    color = NEUTRAL_COLOR if correct is None else (OK_COLOR if correct else NO_COLOR)
    label = f"<b>{html.escape(mark)}</b> " if mark else ""
    return f'<div role="status" style="color:{color};max-width:60em">{label}{html.escape(text)}</div>'


def alert_html(text: str) -> str:
    return f'<div role="alert" style="color:{NO_COLOR}">⚠ {html.escape(text)}</div>'


def answer_input(item: Item, description: str = "Your answer:") -> widgets.Widget:
    """A box for a number (typed as text, so an empty box is allowed and a wrong entry can be
    named), or radio buttons for a choice, with nothing chosen. The description labels the input
    for screen readers as well as on screen."""
    if item.type == "number":
        unit = f" ({item.unit})" if item.unit else ""
        # The value reaches the kernel when the box loses focus or Enter is pressed, so a click
        # on Commit right after typing never sees half a number.
        return widgets.Text(value="", placeholder=f"your answer{unit}", description=description,
                            continuous_update=False,
                            layout=widgets.Layout(width="16em"), style={"description_width": "initial"})
    return widgets.RadioButtons(options=shuffled(item), value=None, description=description,
                                layout=widgets.Layout(width="auto"), style={"description_width": "initial"})


def input_value(widget: widgets.Widget):
    """What the learner entered: the text of a number box, or the chosen option (None if none)."""
    value = widget.value
    return None if value in ("", None) else value


def set_input(widget: widgets.Widget, value) -> None:
    widget.value = value if isinstance(widget, widgets.RadioButtons) else f"{value}"


class Shown:
    """Display a ``.widget`` in a kernel with a fixed text/plain form (``plain``), so stored
    outputs compare equal run after run."""

    plain = ""

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = self.plain
        return bundle

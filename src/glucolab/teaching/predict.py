"""Predict, then look: a prediction locks the result it guards until the learner commits.

In a lesson::

    meal = feedback_panel()
    predict("1.a", reveal=meal)                      # the panel stays locked until then
    predict("1.b", "1.c", reveal=table, truth={"1.b": peak})

The widget asks the key's questions, takes a number, a choice or a direction, and refuses an
unreadable guess with a message naming the item and the accepted range. *Commit* records the
guesses in the learner's record and opens the lock: the result appears below the guesses with
feedback on the gap. *Skip* opens it too, and records that the learner skipped. Running every
cell (*Run All*) computes the result but shows nothing it guards. A learner who predicted
before (the record has it) sees the earlier guess and the result again after a restart.
"""

from __future__ import annotations

import contextlib
import html
import io

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..display import FigureImage, static_mode
from . import record
from .grading import AnswerError, grade, skipped
from .keys import find_item
from .ui import AUTO_WIDTH, Shown, alert_html, answer_input, feedback_html, input_value, set_input

LOCKED = "<b>Locked.</b> Make your prediction above first (or skip), and the result appears here."
_ACTIVE: list = []


def active_predictions() -> list:
    """The predictions made in this kernel, oldest first (tests commit them from Python)."""
    return list(_ACTIVE)


class Prediction(Shown):
    """One or more keyed predictions that guard a result.

    Parameters
    ----------
    *item_ids : str
        Keys of ``kind = "prediction"`` (e.g. ``"1.a"``).
    reveal : object or callable or list, optional
        What the lock guards: a panel or widget, a figure, or a function whose printed output
        and return value are shown. A function runs only when the lock opens.
    truth : float or str or dict or callable, optional
        The model's value for predictions whose key leaves it to the model: one value (for a
        single item), or ``{item_id: value}``; a callable is called when the lock opens.

    Attributes
    ----------
    inputs : dict of str to ipywidgets.Widget
        The answer box or buttons of each item.
    output : ipywidgets.Output
        The locked area; holds the result once revealed.
    revealed : bool
        Whether the lock is open.
    revealed_text : str
        Everything the reveal printed (for tests and the plain-text form).
    verdicts : dict of str to Verdict
        Feedback on each guess once committed.
    """

    def __init__(self, *item_ids: str, reveal=None, truth=None):
        if not item_ids:
            raise ValueError("predict(): expected at least one prediction id, e.g. predict('1.a')")
        self.items = [find_item(i) for i in item_ids]
        wrong = [it.id for it in self.items if it.kind != "prediction"]
        if wrong:
            raise ValueError(f"item_ids={wrong}: these are not predictions in the key")
        self._reveal = reveal if isinstance(reveal, (list, tuple)) else ([] if reveal is None else [reveal])
        self._truth = truth
        self.revealed, self.revealed_text, self.verdicts = False, "", {}
        many = len(self.items) > 1
        self.inputs = {it.id: answer_input(it) for it in self.items}
        rows = []
        for n, it in enumerate(self.items):
            label = f"<b>Predict{f' ({n + 1})' if many else ''}:</b> {html.escape(it.text)}"
            rows.append(widgets.VBox([widgets.HTML(label), self.inputs[it.id]]))
        self.commit_button = widgets.Button(description="Commit my prediction", icon="lock", button_style="primary",
                                            tooltip="Record my guess and show the result", layout=AUTO_WIDTH)
        self.skip_button = widgets.Button(description="Skip", tooltip="Show the result without predicting",
                                          layout=AUTO_WIDTH)
        self.commit_button.on_click(lambda _: self.commit())
        self.skip_button.on_click(lambda _: self.skip())
        self.message = widgets.HTML()
        self.feedback = widgets.HTML()
        self.output = widgets.Output()
        self.lock = widgets.HTML(f"<div style='padding:6px;border:1px dashed #777'>{LOCKED}</div>")
        self.widget = widgets.VBox(rows + [widgets.HBox([self.commit_button, self.skip_button]), self.message,
                                           self.feedback, self.lock, self.output])
        self.widget.add_class("glucolab-prediction")
        self.plain = f"[prediction {', '.join(item_ids)}: the result is locked until you predict]"
        _ACTIVE.append(self)
        self._restore()

    # -- the learner's actions ---------------------------------------------------------------
    def commit(self, answers=None, **by_id):
        """Record the guesses and open the lock. ``answers`` (``{item_id: value}``, or one value
        for a single item) fill the inputs first, as a learner would."""
        if self.revealed:
            return self
        if answers is not None and not isinstance(answers, dict):
            answers = {self.items[0].id: answers}
        for item_id, value in {**(answers or {}), **by_id}.items():
            if item_id not in self.inputs:
                raise ValueError(f"item_id={item_id!r}: not one of this prediction's items {list(self.inputs)}")
            set_input(self.inputs[item_id], value)
        truths = self._truths()
        guesses, problems = {}, []
        for it in self.items:
            value = input_value(self.inputs[it.id])
            if value is None:
                problems.append(f"{it.id}: make a guess first (or press Skip).")
                continue
            try:
                guesses[it.id] = grade(it, value, truths[it.id])
            except AnswerError as err:
                problems.append(str(err))
        if problems:
            self.message.value = alert_html(" ".join(problems))
            return self
        for it in self.items:
            v = guesses[it.id]
            record.append({"item": it.id, "kind": "prediction", "answer": v.answer, "truth": _plain(v.truth),
                           "unit": it.unit, "correct": v.correct, "skipped": False})
        self._open(guesses)
        return self

    def skip(self):
        """Open the lock without a guess; the record notes the skip."""
        if self.revealed:
            return self
        truths = self._truths()
        verdicts = {it.id: skipped(it, truths[it.id]) for it in self.items}
        for it in self.items:
            record.append({"item": it.id, "kind": "prediction", "answer": None, "truth": _plain(truths[it.id]),
                           "unit": it.unit, "correct": None, "skipped": True})
        self._open(verdicts)
        return self

    # -- behind the scenes -------------------------------------------------------------------
    def _truths(self) -> dict:
        truth = self._truth() if callable(self._truth) else self._truth
        if not isinstance(truth, dict):
            truth = {self.items[0].id: truth} if truth is not None else {}
        out = {}
        for it in self.items:
            value = truth.get(it.id, it.answer)
            if value is None:
                raise ValueError(f"{it.id}: the key gives no answer; pass the model's value as truth=")
            out[it.id] = value
        return out

    def _open(self, verdicts: dict) -> None:
        self.verdicts = verdicts
        self.message.value = ""
        self.feedback.value = "".join(feedback_html(v.correct, v.feedback, v.mark) for v in verdicts.values())
        for w in (*self.inputs.values(), self.commit_button, self.skip_button):
            w.disabled = True
        self.lock.layout.display = "none"
        self.revealed = True
        self.plain = f"[prediction {', '.join(self.inputs)}: revealed]"
        with self.output:
            self.revealed_text = show_content(self._reveal)
            show_notices(self.items)

    def _restore(self) -> None:
        """Re-open a lock the learner opened before (the record has every guess)."""
        earlier = [record.previous(it.id) for it in self.items]
        if not all(earlier):
            return
        for it, event in zip(self.items, earlier):
            if not event.get("skipped"):
                set_input(self.inputs[it.id], event["answer"] if it.type != "number" else f"{event['answer']:g}")
        try:
            truths = self._truths()
            verdicts = {it.id: (skipped(it, truths[it.id]) if e.get("skipped")
                                else grade(it, e["answer"], truths[it.id])) for it, e in zip(self.items, earlier)}
        except (AnswerError, ValueError, TypeError):
            return  # an old guess no longer fits the key: ask again
        self._open(verdicts)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = super()._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/html"] = self._page_html()
        return bundle

    def _page_html(self) -> str:
        """The lock as a saved lesson shows it where no kernel draws widgets (GitHub, nbviewer,
        JupyterLab before running): the questions, then the start-up figure of each panel it
        guards, folded away so that a reader sees it only after choosing to, having predicted."""
        questions = "".join(f"<li>{html.escape(it.text)}</li>" for it in self.items)
        figures = "".join(f"<details><summary>Predicted? Show the figure: {html.escape(p.title)}</summary>"
                          f"{p.still()._repr_mimebundle_()['text/html']}</details>"
                          for p in self._reveal if hasattr(p, "still"))
        return (f"<p><b>Predict first:</b></p><ol>{questions}</ol>"
                f"<p><i>Run the lesson to record your prediction and move the controls.</i></p>{figures}")

    def _ipython_display_(self):
        from IPython.display import HTML, display
        if static_mode():  # a page without a kernel: the questions, then the result
            questions = "".join(f"<li>{html.escape(it.text)}</li>" for it in self.items)
            display(HTML(f"<p><b>Predict first:</b></p><ol>{questions}</ol>"
                         "<p><i>Write down your guesses before reading on.</i></p>"))
            self.revealed_text = show_content(self._reveal)
            show_notices(self.items)
            return
        display(self._repr_mimebundle_(), raw=True)


def _plain(value):
    """A JSON-friendly copy of a truth (numpy numbers become floats)."""
    return float(value) if hasattr(value, "__float__") and not isinstance(value, str) else value


def show_notices(items) -> None:
    """Under a result, what to look at in it (the key's ``notice`` of each item)."""
    from IPython.display import Markdown, display
    notes = [it.notice for it in items if it.notice]
    if notes:
        display(Markdown("**What to notice.** " + "\n\n".join(notes)))


def show_content(contents) -> str:
    """Display what a lock guards, in order; return what it printed. A callable runs now: its
    printed text is shown, and its return value too if it is not None."""
    from IPython.display import display
    printed = []
    for thing in contents:
        if callable(thing) and not hasattr(thing, "_ipython_display_") and not isinstance(thing, widgets.Widget):
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                result = thing()
            text = buffer.getvalue()
            if text:
                printed.append(text)
                print(text, end="")
            if result is not None:
                display(_with_alt(result))
        else:
            display(_with_alt(thing))
    return "".join(printed)


def _with_alt(thing):
    """A still matplotlib figure becomes an image with alt text; anything else is unchanged."""
    return FigureImage(thing) if isinstance(thing, Figure) else thing


def predict(*item_ids: str, reveal=None, truth=None) -> Prediction:
    """Ask the key's prediction(s) and lock ``reveal`` until the learner commits or skips (see
    :class:`Prediction`)."""
    return Prediction(*item_ids, reveal=reveal, truth=truth)

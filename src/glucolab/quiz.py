"""The first question widgets, kept so that older notebooks still run; lessons now use
:mod:`glucolab.teaching` (keys out of the notebook, a record of every answer).

Questions with immediate feedback, and checks for exercise answers.

A question is an object with a ``.widget`` to display and a ``.check(answer)`` method that
returns ``(correct, feedback)`` and shows the feedback, so tests can answer from Python.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import ipywidgets as widgets

from .display import show_static_questions, static_mode
from .teaching.ui import feedback_html



@dataclass
class MultipleChoice:
    """A multiple-choice question.

    Parameters
    ----------
    question : str
        The question text.
    options : list of str
        The choices.
    answer : int
        Index of the correct choice.
    explanation : str
        Shown after any answer: why the correct choice is correct.
    hints : dict of int to str, optional
        Feedback for particular wrong choices (typically the misconception behind them).
    """

    question: str
    options: list
    answer: int
    explanation: str
    hints: dict = field(default_factory=dict)

    def __post_init__(self):
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"answer={self.answer}: expected an index from 0 to {len(self.options) - 1}")
        self.choice = widgets.RadioButtons(options=list(self.options), value=None,
                                           layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML()
        self.choice.observe(lambda change: self.check(change["new"]) if change["new"] is not None else None,
                            "value")
        self.widget = widgets.VBox([widgets.HTML(f"<b>{html.escape(self.question)}</b>"), self.choice,
                                    self.feedback], layout=widgets.Layout(margin="0 0 12px 0"))

    def check(self, answer):
        """Check an answer given as an index or as the option text; show and return feedback."""
        index = self.options.index(answer) if isinstance(answer, str) else int(answer)
        correct = index == self.answer
        text = ("" if correct else self.hints.get(index, "") + " ") + self.explanation
        self.feedback.value = feedback_html(correct, text.strip())
        return correct, text.strip()

    def _ipython_display_(self):
        from IPython.display import display
        if static_mode():
            show_static_questions([self])
        else:
            display(self.widget)


@dataclass
class NumericQuestion:
    """A question whose answer is a number, accepted within a relative tolerance.

    Parameters
    ----------
    question : str
        The question text.
    answer : float
        The expected value.
    unit : str
        Unit of the answer, shown beside the input box.
    explanation : str
        Shown after any answer.
    rel_tol : float, default 0.05
        Accepted relative error.
    """

    question: str
    answer: float
    unit: str
    explanation: str
    rel_tol: float = 0.05

    def __post_init__(self):
        self.entry = widgets.FloatText(value=None, layout=widgets.Layout(width="10em"))
        self.button = widgets.Button(description="Check", tooltip="Check your answer")
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _: self.check(self.entry.value))
        self.widget = widgets.VBox([
            widgets.HTML(f"<b>{html.escape(self.question)}</b>"),
            widgets.HBox([self.entry, widgets.Label(self.unit), self.button]),
            self.feedback], layout=widgets.Layout(margin="0 0 12px 0"))

    def check(self, value):
        """Check a numeric answer; show and return ``(correct, feedback)``."""
        try:
            value = float(value)
        except (TypeError, ValueError):
            self.feedback.value = feedback_html(False, "Type a number first.")
            return False, "Type a number first."
        correct = math.isclose(value, self.answer, rel_tol=self.rel_tol)
        direction = "" if correct else ("Too high. " if value > self.answer else "Too low. ")
        text = f"{direction}{self.explanation}"
        self.feedback.value = feedback_html(correct, text)
        return correct, text

    def _ipython_display_(self):
        from IPython.display import display
        if static_mode():
            show_static_questions([self])
        else:
            display(self.widget)


class Quiz:
    """Several questions shown together (``quiz(...)`` builds one).

    Attributes
    ----------
    questions : tuple
        The question objects.
    widget : ipywidgets.VBox
        The questions laid out one below the other.
    """

    def __init__(self, *questions):
        self.questions = questions
        self.widget = widgets.VBox([q.widget for q in questions])

    def _ipython_display_(self):
        from IPython.display import display
        if static_mode():
            show_static_questions(self.questions)
        else:
            display(self.widget)


def quiz(*questions) -> Quiz:
    """Lay out several questions in one box."""
    return Quiz(*questions)


def grade_answer(name: str, value, expected: float, *, rel_tol: float = 0.02, unit: str = "",
                 hint: str = "") -> tuple[bool, str]:
    """Grade an exercise answer: return ``(correct, feedback)``.

    ``value`` may still be ``...`` (the placeholder in an exercise cell): then the feedback
    only says what to do, so an unanswered exercise never stops a notebook.
    """
    if value is Ellipsis:
        return False, f"{name}: replace ... with your answer and run the cell again."
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False, f"{name}: expected a number{' in ' + unit if unit else ''}, got {value!r}."
    shown = f"{name} = {number:.4g}{' ' + unit if unit else ''}"
    if math.isclose(number, expected, rel_tol=rel_tol):
        return True, f"{shown}: correct."
    return False, f"{shown}: not yet. {hint}".rstrip()


def check_answer(name: str, value, expected: float, **options) -> None:
    """Print feedback on an exercise answer (see :func:`grade_answer` for the options)."""
    print(grade_answer(name, value, expected, **options)[1])

"""Exercises: answered in code or in a box, checked against the lesson's key, and recorded.

In a lesson::

    fasting_mg_dl = ...            # replace ... with your answer or with code
    check("1.1", fasting_mg_dl)

With ``...`` still in place, ``check`` shows an answer box instead (a route for learners who do
not code). The worked solution is a real code cell, collapsed and tagged ``solution``::

    %%solution 1.1
    fasting_mg_dl = convert_glucose(6.1, "mmol/L", "mg/dL")

Run normally, that cell shows a button that runs the solution on request (and notes in the
record that the solution was seen). With ``GLUCOLAB_RUN_SOLUTIONS=1`` (the tests) it runs the
code at once and fails unless the variable it assigns matches the key.
"""

from __future__ import annotations

import contextlib
import html
import io
import os

import ipywidgets as widgets

from . import record
from .grading import AnswerError, fmt, grade
from .keys import find_item
from .ui import AUTO_WIDTH, Shown, alert_html, answer_input, feedback_html, input_value


class SolutionMismatch(AssertionError):
    """A worked solution that does not reproduce its key."""


def _exercise(item_id: str):
    item = find_item(item_id)
    if item.kind != "exercise":
        raise ValueError(f"item_id={item_id!r} is a {item.kind}, not an exercise")
    return item


def _judge(item, value):
    """Grade and record; return (verdict or None, feedback text without the verdict's mark)."""
    try:
        verdict = grade(item, value)
    except AnswerError as err:
        return None, str(err)
    record.append({"item": item.id, "kind": "exercise", "answer": verdict.answer, "unit": item.unit,
                   "correct": verdict.correct})
    return verdict, verdict.feedback


class AnswerBox(Shown):
    """An exercise answered without code: a box (or options) and a *Check* button."""

    def __init__(self, item):
        self.item = item
        self.input = answer_input(item)
        self.button = widgets.Button(description="Check", tooltip=f"Check your answer to exercise {item.id}",
                                     layout=AUTO_WIDTH)
        self.feedback = widgets.HTML()
        self.button.on_click(lambda _: self.check())
        note = widgets.HTML("<i>Type your answer here, or replace <code>...</code> in the code above and "
                            "run the cell.</i>")
        self.widget = widgets.VBox([note, widgets.HBox([self.input, widgets.Label(item.unit), self.button]),
                                    self.feedback])
        self.widget.add_class("glucolab-exercise")
        self.plain = f"[answer box for exercise {item.id}]"

    def check(self, value=None):
        """Grade the box's content (or ``value``); show and return the verdict (None if unreadable)."""
        if value is not None:
            self.input.value = value if isinstance(self.input, widgets.RadioButtons) else f"{value}"
        entered = input_value(self.input)
        if entered is None:
            self.feedback.value = alert_html("Enter an answer first.")
            return None
        verdict, text = _judge(self.item, entered)
        self.feedback.value = feedback_html(verdict.correct, text, verdict.mark) if verdict else alert_html(text)
        return verdict


def check(item_id: str, value=...):
    """Check an exercise answer against the key, print the feedback and record it; with ``...``
    show an answer box instead. Returns the box, or None after printing."""
    item = _exercise(item_id)
    if value is Ellipsis:
        return AnswerBox(item)
    verdict, text = _judge(item, value)
    print(f"{verdict.mark} {text}" if verdict else text)
    return None


def record_answer(item_id: str, value) -> None:
    """Record an answer to an instructor's question (one whose key only the instructor has).
    Nothing is judged here; the gradebook marks it."""
    if not isinstance(item_id, str) or "." not in item_id:
        raise ValueError(f"item_id={item_id!r}: expected '<lesson>.<label>', e.g. '1.s1'")
    if value is Ellipsis:
        print(f"{item_id}: replace ... with your answer and run the cell again.")
        return
    if hasattr(value, "item"):  # a numpy number
        value = value.item()
    if not isinstance(value, (int, float, str)):
        raise ValueError(f"{item_id}: value={value!r}; expected a number or a text")
    record.append({"item": item_id, "kind": "answer", "answer": value})
    print(f"{item_id}: recorded “{value}”. Your instructor marks this question.")


def run_solution(item_id: str, code: str, namespace: dict):
    """Run a worked solution in ``namespace`` and grade the variable it assigns; return
    ``(verdict, printed_text)``."""
    item = _exercise(item_id)
    if not item.variable:
        raise ValueError(f"exercise {item_id!r}: the key names no 'variable' for its solution")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(code, f"<solution {item_id}>", "exec"), namespace)
    if item.variable not in namespace:
        raise SolutionMismatch(f"the solution of {item_id} does not assign {item.variable!r}")
    return grade(item, namespace[item.variable]), buffer.getvalue()


def shown_value(value) -> str:
    return fmt(value) if isinstance(value, float) else f"“{value}”"


class SolutionButton(Shown):
    """A collapsed worked solution: a button that runs it and shows the result."""

    def __init__(self, item_id: str, code: str, namespace: dict):
        self.item, self.code, self.namespace = _exercise(item_id), code, namespace
        self.button = widgets.Button(description="Run the worked solution", icon="eye", layout=AUTO_WIDTH,
                                     tooltip="Try the exercise first; this runs the solution's code")
        self.output = widgets.HTML()
        self.button.on_click(lambda _: self.run())
        self.widget = widgets.VBox([widgets.HTML("<i>Worked solution: expand this cell to read the code.</i>"),
                                    self.button, self.output])
        self.plain = f"[worked solution of exercise {item_id}: hidden until you ask]"

    def run(self):
        try:
            verdict, printed = run_solution(self.item.id, self.code, self.namespace)
        except Exception as err:  # a learner may have changed the code: say what went wrong
            self.output.value = alert_html(f"The solution raised {type(err).__name__}: {err}")
            return None
        record.append({"item": self.item.id, "kind": "solution"})
        shown = f"<pre>{html.escape(printed)}</pre>" if printed else ""
        self.output.value = shown + feedback_html(None, f"{self.item.variable} = {shown_value(verdict.answer)}. "
                                                        f"{self.item.explanation}")
        return verdict


def solution_magic(line: str, cell: str):
    """The ``%%solution ID`` cell magic (see the module docstring)."""
    from IPython import get_ipython
    item_id = line.strip()
    namespace = get_ipython().user_ns
    if os.environ.get("GLUCOLAB_RUN_SOLUTIONS") == "1":
        verdict, printed = run_solution(item_id, cell, namespace)
        if not verdict.correct:
            raise SolutionMismatch(f"the worked solution of {item_id} gives {verdict.answer!r}, but the key "
                                   f"expects {verdict.truth!r}")
        print(printed, end="")
        print(f"{item_id}: the worked solution matches the key.")
        return None
    from IPython.display import display
    display(SolutionButton(item_id, cell, namespace))
    return None


def register_magic(shell) -> None:
    """Make ``%%solution`` available in an IPython shell."""
    shell.register_magic_function(solution_magic, "cell", "solution")

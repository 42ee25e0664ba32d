"""Check your understanding: a lesson's quiz, read from its key and recorded as it is answered.

``quiz("1")`` shows every question of Lesson 1's key; ``quiz("1.q2")`` one question. Options
appear in a fixed shuffled order (the same for everyone), and a choice gives feedback at once.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..display import static_mode
from . import record
from .grading import AnswerError, grade
from .keys import find_item, lesson_key, shuffled
from .ui import AUTO_WIDTH, Shown, alert_html, answer_input, feedback_html


class Question:
    """One quiz question: options that answer when chosen, or a number box with a *Check*
    button; and a feedback line."""

    def __init__(self, item):
        self.item = item
        self.wrong_tries = 0
        self.choice = answer_input(item)
        self.feedback = widgets.HTML()
        parts = [widgets.HTML(f"<b>{html.escape(item.text)}</b>")]
        if item.type == "number":
            self.button = widgets.Button(description="Check", tooltip="Check your answer", layout=AUTO_WIDTH)
            self.button.on_click(lambda _: self.answer(self.choice.value))
            parts.append(widgets.HBox([self.choice, widgets.Label(item.unit), self.button]))
        else:
            self.choice.observe(self._on_choice, "value")
            parts.append(self.choice)
        self.widget = widgets.VBox(parts + [self.feedback], layout=widgets.Layout(margin="0 0 12px 0"))

    def _on_choice(self, change):
        if change["new"] is not None:
            self.answer(change["new"])

    def answer(self, option):
        """Answer with ``option`` (an option's text or letter, or a number); show, record and
        return the verdict (None if the answer cannot be read)."""
        try:
            verdict = grade(self.item, option)
        except AnswerError as err:
            self.feedback.value = alert_html(str(err))
            return None
        if self.item.type != "number" and self.choice.value != verdict.answer:
            self.choice.value = verdict.answer  # shows the choice; the observer lands here again
            return verdict
        if verdict.correct:
            text = self.item.explanation
        else:
            # A first wrong try gets a hint and another go; the explanation (which gives the answer
            # away) comes with a right answer or a second wrong one.
            self.wrong_tries += 1
            if self.item.type == "number":
                hint = f"{'Too high.' if verdict.answer > float(verdict.truth) else 'Too low.'} {self.item.hint}"
            else:
                hint = self.item.hints.get(verdict.answer, self.item.hint)
            more = self.item.explanation if self.wrong_tries > 1 else "Try again."
            text = f"{hint} {more}"
        self.feedback.value = feedback_html(verdict.correct, " ".join(text.split()))
        record.append({"item": self.item.id, "kind": "question", "answer": verdict.answer,
                       "correct": verdict.correct})
        return verdict


class Quiz(Shown):
    """Several questions shown together.

    Attributes
    ----------
    questions : list of Question
    widget : ipywidgets.VBox
    """

    def __init__(self, items):
        self.questions = [Question(it) for it in items]
        self.widget = widgets.VBox([q.widget for q in self.questions])
        self.widget.add_class("glucolab-quiz")
        self.plain = f"[quiz: {len(self.questions)} question{'s' if len(self.questions) != 1 else ''}]"

    def _ipython_display_(self):
        from IPython.display import HTML, display
        if static_mode():
            items = "".join(f"<li>{html.escape(q.item.text)}<ol type='a'>"
                            + "".join(f"<li>{html.escape(o)}</li>" for o in shuffled(q.item)
                                      if q.item.type != "number") + "</ol></li>"
                            for q in self.questions)
            display(HTML(f"<ol>{items}</ol><p><i>Run the notebook to check your answers.</i></p>"))
            return
        display(self._repr_mimebundle_(), raw=True)


def quiz(which) -> Quiz:
    """The quiz of a lesson (``quiz("1")``) or one question (``quiz("1.q2")``)."""
    if "." in str(which):
        item = find_item(str(which))
        if item.kind != "question":
            raise ValueError(f"which={which!r} is a {item.kind}, not a quiz question")
        return Quiz([item])
    items = lesson_key(which).of_kind("question")
    if not items:
        raise ValueError(f"which={which!r}: lesson {which} has no quiz questions in its key")
    return Quiz(items)

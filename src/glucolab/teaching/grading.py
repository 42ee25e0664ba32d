"""Grading without widgets: turn a learner's answer to a keyed item into a verdict and feedback.

The widgets, ``check``, ``my_progress`` and the gradebook all grade through :func:`grade`, so a
learner and an instructor always see the same judgement.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .keys import Item, shuffled


class AnswerError(ValueError):
    """An answer that cannot be graded as given (not a number, out of range, not an option).
    The message names the item, the value and what was expected."""


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer.

    Attributes
    ----------
    correct : bool or None
        True or False; ``None`` when there is nothing to judge against (a skipped prediction).
    feedback : str
        What the learner is told, in plain text.
    answer : float or str or None
        The answer as graded (a float, or the option's text).
    truth : float or str or None
        What the key or the model gives.
    mark : str
        The verdict in words, to put before the feedback ("✔ Correct.", "✘ Not quite.", "✔ Close.").
    """

    correct: bool | None
    feedback: str
    answer: object = None
    truth: object = None
    mark: str = ""


RIGHT, WRONG = "✔ Correct.", "✘ Not quite."


def fmt(value: float, unit: str = "", digits: int = 4) -> str:
    """A number to ``digits`` significant figures (whole numbers from 1000 up), with its unit."""
    text = f"{value:.{digits}g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{text} {unit}".rstrip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _typed(text: str, unit: str) -> str:
    """A number typed in a box, without the box's own unit ("4.5 g") and with a decimal comma
    read as a point ("109,9")."""
    text = text.strip()
    if unit and text.endswith(unit):
        text = text[:-len(unit)].strip()
    return text.replace(",", ".") if text.count(",") == 1 and "." not in text else text


def read_number(item: Item, value) -> float:
    """``value`` as a float within the item's accepted range; else :class:`AnswerError`."""
    unit = f" in {item.unit}" if item.unit else ""
    if isinstance(value, bool):
        raise AnswerError(f"{item.id}: value={value!r}; expected a number{unit}")
    try:
        number = float(_typed(value, item.unit) if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise AnswerError(f"{item.id}: value={value!r}; expected a number{unit}: type just the number, "
                          "without a sum or another unit") from None
    if not math.isfinite(number):
        raise AnswerError(f"{item.id}: value={value!r}; expected a finite number{unit}")
    if item.range and not item.range[0] <= number <= item.range[1]:
        low, high = item.range
        raise AnswerError(f"{item.id}: value={number:g} is outside the range this question accepts "
                          f"({low:g} to {high:g}{' ' + item.unit if item.unit else ''}); "
                          "check the unit and the number of digits")
    return number


def read_choice(item: Item, value) -> str:
    """The option ``value`` names: its text (any case or spacing), or its letter in the shown
    order (a, b, c ...). Anything else raises :class:`AnswerError` listing the options."""
    shown = shuffled(item)
    if isinstance(value, str):
        wanted = _squash(value)
        for option in shown:
            if _squash(option) == wanted:
                return option
        if len(wanted) == 1 and "a" <= wanted < chr(ord("a") + len(shown)):
            return shown[ord(wanted) - ord("a")]
    listing = "; ".join(f"({chr(97 + i)}) {o}" for i, o in enumerate(shown))
    raise AnswerError(f"{item.id}: value={value!r} is not one of the options: {listing}")


def read_answer(item: Item, value):
    """The answer as the key compares it: a float for numbers, the option text for choices."""
    return read_number(item, value) if item.type == "number" else read_choice(item, value)


def _close(item: Item, value: float, truth: float) -> bool:
    return math.isclose(value, truth, rel_tol=item.rel_tol, abs_tol=item.abs_tol)


def grade(item: Item, value, truth=None) -> Verdict:
    """Judge ``value`` against the key (or, for a prediction, against ``truth`` when the key
    leaves the value to the model). Raises :class:`AnswerError` for an unreadable answer.

    Examples
    --------
    >>> from glucolab.teaching.keys import Item
    >>> item = Item(id="1.1", kind="exercise", type="number", text="6.1 mmol/L in mg/dL",
    ...             answer=109.9, unit="mg/dL", hint="Multiply by 18.016.")
    >>> grade(item, 110).correct
    True
    >>> grade(item, 6.1 * 18).feedback
    '1.1: 109.8 mg/dL.'
    >>> v = grade(item, 120)
    >>> f"{v.mark} {v.feedback}"
    '✘ Not quite. 1.1: 120 mg/dL is too high. Multiply by 18.016.'
    """
    truth = item.answer if truth is None else truth
    answer = read_answer(item, value)
    if item.kind == "prediction":
        return _grade_prediction(item, answer, truth)
    if item.type == "number":
        shown = fmt(answer, item.unit)
        if _close(item, answer, float(truth)):
            return Verdict(True, f"{item.id}: {shown}. {item.explanation}".strip(), answer, truth, RIGHT)
        side = "too high" if answer > truth else "too low"
        return Verdict(False, f"{item.id}: {shown} is {side}. {item.hint}".strip(), answer, truth, WRONG)
    if answer == truth:
        return Verdict(True, f"{item.id}: “{answer}”. {item.explanation}".strip(), answer, truth, RIGHT)
    why = item.hints.get(answer) or item.hint
    return Verdict(False, f"{item.id}: “{answer}” is not the best answer. {why}".strip(), answer, truth, WRONG)


def _grade_prediction(item: Item, answer, truth) -> Verdict:
    if truth is None:
        raise ValueError(f"{item.id}: the key gives no answer, so the notebook must pass the model's "
                         "value as truth=")
    if item.type == "number":
        truth = float(truth)
        close = _close(item, answer, truth)
        if close:
            gap = "close to it."
        else:
            ratio = (truth - answer) / abs(answer) if answer else math.inf
            more = "higher" if truth > answer else "lower"
            gap = (f"{abs(ratio) * 100:.0f} % {more} than your guess." if math.isfinite(ratio)
                   else f"{more} than your guess.")
        text = (f"You predicted {fmt(answer, item.unit, 3)}; the model gives {fmt(truth, item.unit, 3)}, "
                f"{gap} {item.explanation}")
        return Verdict(close, text.strip(), answer, truth, "✔ Close." if close else "✘ Not close.")
    right = answer == truth
    text = f"You predicted “{answer}”; the result is “{truth}”. {item.explanation}"
    return Verdict(right, text.strip(), answer, truth, "✔ Well reasoned." if right else "✘ Not this time.")


def skipped(item: Item, truth=None) -> Verdict:
    """The verdict of a prediction the learner chose to skip: shows the result, judges nothing."""
    truth = item.answer if truth is None else truth
    shown = fmt(float(truth), item.unit, 3) if item.type == "number" and truth is not None else f"“{truth}”"
    return Verdict(None, f"The result: {shown}. {item.explanation}".strip(), None, truth, "Skipped.")

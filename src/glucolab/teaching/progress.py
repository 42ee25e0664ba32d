"""``my_progress()``: what a learner has done, lesson by lesson, read from their record."""

from __future__ import annotations

import html
from dataclasses import dataclass

from .keys import lesson_key, packaged_lessons
from .record import RecordError, read_record, record_path


@dataclass
class LessonProgress:
    """One lesson's line of the progress table, and its predictions beside the truths."""

    lesson: int
    predictions: list      # (item id, guess or None if skipped, truth, unit, close?)
    exercises: tuple       # (answered, right, total)
    questions: tuple       # (answered, right, total)
    solutions_seen: int


def _counts(latest: dict, items) -> tuple:
    answered = [latest[it.id] for it in items if it.id in latest]
    return len(answered), sum(bool(e.get("correct")) for e in answered), len(items)


def summarise(events: list) -> list:
    """Per-lesson progress from a list of record events (the newest answer to an item counts)."""
    latest = {}
    seen = {}
    for e in events:
        if e.get("kind") == "solution":
            seen.setdefault(e.get("lesson"), set()).add(e["item"])
        else:
            latest[e["item"]] = e
    lessons = sorted({int(e.get("lesson", 0)) for e in events} & set(packaged_lessons()))
    out = []
    for n in lessons:
        key = lesson_key(n)
        preds = [(it.id, latest[it.id].get("answer"), latest[it.id].get("truth"), it.unit,
                  latest[it.id].get("correct")) for it in key.of_kind("prediction") if it.id in latest]
        out.append(LessonProgress(n, preds, _counts(latest, key.of_kind("exercise")),
                                  _counts(latest, key.of_kind("question")), len(seen.get(n, ()))))
    return out


class Progress:
    """The progress table; shows itself as HTML in a notebook and as text elsewhere. In a
    notebook it also carries the raw record, so a saved lesson can be handed in and graded."""

    def __init__(self, path, lessons: list, problem: str = "", raw: dict | None = None):
        self.path, self.lessons, self.problem, self.raw = path, lessons, problem, raw

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .gradebook import RECORD_MIME
        bundle = {"text/plain": str(self), "text/html": self._repr_html_()}
        if self.raw:
            bundle[RECORD_MIME] = self.raw
        return bundle

    def __str__(self) -> str:
        if self.problem:
            return self.problem
        if not self.lessons:
            return "No answers recorded yet."
        lines = [f"Your record: {self.path}"]
        for p in self.lessons:
            lines.append(f"Lesson {p.lesson}: predictions {len(p.predictions)}, exercises {p.exercises[1]}/"
                         f"{p.exercises[2]} right ({p.exercises[0]} tried), quiz {p.questions[1]}/{p.questions[2]} "
                         f"right ({p.questions[0]} tried), solutions seen {p.solutions_seen}")
            for item, guess, truth, unit, close in p.predictions:
                said = "skipped" if guess is None else f"{_show(guess)} {unit}".strip()
                mark = "" if close is None else (" ✔" if close else " ✘")
                lines.append(f"    {item}: you said {said}; result {_show(truth)} {unit}".rstrip() + mark)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if self.problem or not self.lessons:
            return f"<p>{html.escape(str(self))}</p>"
        rows = []
        for p in self.lessons:
            preds = "<br>".join(
                f"{html.escape(i)}: {'skipped' if g is None else html.escape(_show(g) + ' ' + u)} → "
                f"{html.escape(_show(t) + ' ' + u)}{'' if c is None else (' ✔' if c else ' ✘')}"
                for i, g, t, u, c in p.predictions) or "—"
            rows.append(f"<tr><td>{p.lesson}</td><td>{preds}</td><td>{p.exercises[1]}/{p.exercises[2]} "
                        f"({p.exercises[0]} tried)</td><td>{p.questions[1]}/{p.questions[2]} "
                        f"({p.questions[0]} tried)</td><td>{p.solutions_seen}</td></tr>")
        head = ("<tr><th>lesson</th><th>predictions: yours → result</th><th>exercises right</th>"
                "<th>quiz right</th><th>solutions seen</th></tr>")
        return (f"<p>Your record: <code>{html.escape(str(self.path))}</code></p>"
                f"<table>{head}{''.join(rows)}</table>")


def _show(value) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def my_progress(path=None) -> Progress:
    """What you have predicted, answered and got right, per lesson, from your record."""
    path = path or record_path()
    if not path.exists():
        return Progress(path, [])
    try:
        rec = read_record(path)
    except RecordError as err:
        return Progress(path, [], f"Your record cannot be read: {err.reason}. It is set aside and a new one "
                                  "started the next time you answer something.")
    return Progress(path, summarise(rec.events), raw=rec.to_json())

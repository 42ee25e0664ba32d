"""The instructor's gradebook: a class's records (or saved lessons) into a CSV gradebook, a
per-item summary and one figure per prediction.

``glucolab gradebook SUBMISSIONS... -o OUT [--keys SUMMATIVE.toml]`` writes into OUT:

- ``gradebook.csv``: one row per learner, one column per item (1 right, 0 wrong, blank not
  answered; a prediction's column holds the guess, or ``skipped``), then the totals;
- ``items.csv``: per item, how many answered, the share right and the commonest wrong answers;
- ``predictions/<item>.png``: the class's guesses against the model's value, to show before
  the discussion;
- ``problems.txt``: every file that could not be graded, and why.

A submission is a record (``glucolab-record.json``) or a saved lesson notebook whose
``my_progress()`` cell carries the record. A file that cannot be read, comes from another record
version, repeats a learner, or is a notebook without a record is reported, and the rest are
still graded. Items whose keys live only in the instructor's file (``--keys``) are graded from
answers the learners gave with ``record_answer``.
"""

from __future__ import annotations

import csv
import json
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .grading import AnswerError, grade
from .keys import Item, Key, lesson_key, load_key_file, packaged_lessons
from .record import RecordError, parse_record, read_record

RECORD_MIME = "application/vnd.glucolab.record+json"


@dataclass
class Submission:
    learner: str
    source: str
    events: list


@dataclass
class Problem:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Gradebook:
    """What :func:`build` computes before anything is written."""

    items: list                                  # Item, in column order
    rows: list = field(default_factory=list)     # dict per learner
    problems: list = field(default_factory=list)
    answers: dict = field(default_factory=dict)  # item id -> list of (learner, event)


def _from_notebook(path: Path) -> dict:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise RecordError(path, f"not a notebook: invalid JSON (line {err.lineno})") from None
    if not isinstance(nb, dict) or "cells" not in nb:
        raise RecordError(path, "not a notebook (no cells)")
    found = None
    for cell in nb["cells"]:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = out.get("data", {}).get(RECORD_MIME)
            if data:
                found = data  # the last one is the newest
    if found is None:
        sources = "".join("".join(c.get("source", "")) for c in nb["cells"])
        if "glucolab.lesson" not in sources:
            raise RecordError(path, "not a glucolab lesson notebook")
        raise RecordError(path, "the notebook holds no record: run its my_progress() cell, save, and hand "
                                "it in again (or hand in glucolab-record.json)")
    return found


def read_submission(path) -> Submission:
    """One learner's events from a record file or a saved lesson; :class:`RecordError` if not."""
    path = Path(path)
    if not path.exists():
        raise RecordError(path, "no such file")
    if path.suffix == ".ipynb":
        rec = parse_record(_from_notebook(path), path)
    else:
        rec = read_record(path)
    return Submission(rec.learner, str(path), rec.events)


def expand(paths) -> list:
    """Files named, and the records and notebooks inside folders named."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(q for q in p.rglob("*") if q.suffix in (".json", ".ipynb") and q.is_file()
                          and ".ipynb_checkpoints" not in q.parts)
        else:
            out.append(p)
    return out


def _latest(events: list) -> dict:
    latest = {}
    for e in events:
        if e.get("kind") != "solution":
            latest[e["item"]] = e
    return latest


def _cell(item: Item, event: dict | None, summative: bool):
    if event is None:
        return ""
    if item.kind == "prediction":
        return "skipped" if event.get("skipped") else event.get("answer")
    if summative:
        try:
            return int(bool(grade(item, event.get("answer")).correct))
        except AnswerError:
            return 0
    return int(bool(event.get("correct")))


def build(paths, summative_keys=()) -> Gradebook:
    """Read every submission, grade it, and collect the rows, the answers and the problems."""
    subs, problems, seen = [], [], {}
    for path in expand(paths):
        try:
            sub = read_submission(path)
        except RecordError as err:
            problems.append(Problem(err.path, err.reason))
            continue
        if sub.learner in seen:
            problems.append(Problem(sub.source, f"learner {sub.learner!r} again (first in {seen[sub.learner]}); "
                                                "this copy is not graded"))
            continue
        seen[sub.learner] = sub.source
        subs.append(sub)
    summative: dict[str, Item] = {}
    for key in summative_keys:
        summative.update(key.items)
    lessons = sorted({int(e["item"].split(".")[0]) for s in subs for e in s.events
                      if e["item"].split(".")[0].isdigit()} & set(packaged_lessons()))
    items = [it for n in lessons for it in lesson_key(n).items.values()] + list(summative.values())
    known = {it.id for it in items}
    book = Gradebook(items=items, problems=problems)
    for sub in subs:
        latest = _latest(sub.events)
        stray = sorted(set(latest) - known)
        if stray:
            book.problems.append(Problem(sub.source, f"answers to items in no key, not graded: {', '.join(stray)}"))
        row = {"learner": sub.learner, "file": sub.source}
        for it in items:
            event = latest.get(it.id)
            row[it.id] = _cell(it, event, it.id in summative)
            if event is not None:
                book.answers.setdefault(it.id, []).append((sub.learner, event))
        scored = [it for it in items if it.kind != "prediction"]

        def right(counts) -> int:
            return sum(row[it.id] == 1 for it in scored if counts(it))
        row["predictions made"] = sum(1 for it in items if it.kind == "prediction" and it.id in latest
                                      and not latest[it.id].get("skipped"))
        row["exercises right"] = right(lambda it: it.kind == "exercise" and it.id not in summative)
        row["quiz right"] = right(lambda it: it.kind == "question" and it.id not in summative)
        row["instructor items right"] = right(lambda it: it.id in summative)
        row["total right"] = right(lambda it: True)
        row["total possible"] = len(scored)
        book.rows.append(row)
    return book


def item_summary(book: Gradebook) -> list:
    """Per item: answered, share right, commonest wrong answers (for a prediction: the guesses)."""
    out = []
    rows = {r["learner"]: r for r in book.rows}
    for it in book.items:
        events = [e for _, e in book.answers.get(it.id, [])]
        row = {"item": it.id, "kind": it.kind, "text": it.text, "answered": len(events)}
        if it.kind == "prediction":
            guesses = [e.get("answer") for e in events if not e.get("skipped")]
            close = [e.get("correct") for e in events if e.get("correct") is not None]
            row["share right"] = f"{sum(close) / len(close):.2f}" if close else ""
            row["commonest wrong answers"] = "; ".join(f"{_short(a)} ({n})" for a, n in Counter(
                _short(g) for g, e in zip(guesses, events) if not e.get("correct")).most_common(3))
        else:
            right = [book_row[it.id] for book_row in book.rows if book_row[it.id] != ""]
            row["share right"] = f"{sum(right) / len(right):.2f}" if right else ""
            wrong = Counter(_short(e.get("answer")) for (learner, e) in book.answers.get(it.id, [])
                            if rows[learner][it.id] == 0)
            row["commonest wrong answers"] = "; ".join(f"{a} ({n})" for a, n in wrong.most_common(3))
        out.append(row)
    return out


def _short(value) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def prediction_figure(item: Item, events: list, path: Path) -> None:
    """The class's guesses against the model's value: a dot strip for numbers, bars for choices."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np

    from .. import style
    style.apply()
    guesses = [e.get("answer") for e in events if not e.get("skipped") and e.get("answer") is not None]
    truths = [e.get("truth") for e in events if e.get("truth") is not None]
    skipped = sum(1 for e in events if e.get("skipped"))
    fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
    fig.suptitle(textwrap.fill(f"{item.id}: {item.text}", 95), fontsize=9, x=0.01, ha="left")
    if item.type == "number":
        values = np.asarray([float(g) for g in guesses], dtype=float)
        rng = np.random.default_rng(0)  # a fixed jitter: the same class gives the same picture
        ax.scatter(values, rng.uniform(-0.3, 0.3, len(values)), s=40, alpha=0.7, label="guesses", marker="o")
        if len(values):
            ax.plot([np.median(values)] * 2, [-0.45, 0.45], ls="--", color="0.3",
                    label=f"class median {np.median(values):.3g}")
        if truths:
            truth = float(np.median(np.asarray(truths, dtype=float)))
            ax.axvline(truth, color="black", lw=2.5, label=f"model {truth:.3g} {item.unit}".rstrip())
        ax.set_yticks([])
        ax.set_ylim(-0.6, 0.6)
        ax.set_xlabel(f"guess ({item.unit})" if item.unit else "guess")
    else:
        options = list(item.choices)
        counts = [sum(1 for g in guesses if g == o) for o in options]
        truth = Counter(truths).most_common(1)[0][0] if truths else item.answer
        bars = ax.barh(range(len(options)), counts, color=["0.35" if o == truth else "0.75" for o in options])
        for bar, o in zip(bars, options):
            if o == truth:
                bar.set_hatch("//")
        ax.set_yticks(range(len(options)), [f"{o}  ← model" if o == truth else o for o in options])
        ax.invert_yaxis()
        ax.set_xlabel("learners")
    note = f"{len(guesses)} guesses" + (f", {skipped} skipped" if skipped else "")
    ax.text(1.0, -0.28, note, transform=ax.transAxes, ha="right", fontsize=9)
    if item.type == "number":
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _write_csv(path: Path, rows: list, columns: list) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write(book: Gradebook, out) -> dict:
    """Write the gradebook, the item summary, the prediction figures and the problems into
    ``out``; return the paths written, by name."""
    out = Path(out)
    (out / "predictions").mkdir(parents=True, exist_ok=True)
    totals = ["predictions made", "exercises right", "quiz right", "instructor items right", "total right",
              "total possible"]
    written = {"gradebook": out / "gradebook.csv", "items": out / "items.csv", "problems": out / "problems.txt"}
    _write_csv(written["gradebook"], book.rows, ["learner", *[it.id for it in book.items], *totals, "file"])
    _write_csv(written["items"], item_summary(book),
               ["item", "kind", "text", "answered", "share right", "commonest wrong answers"])
    written["problems"].write_text("".join(f"{p}\n" for p in book.problems) or "none\n", encoding="utf-8")
    for it in book.items:
        if it.kind == "prediction" and book.answers.get(it.id):
            path = out / "predictions" / f"{it.id}.png"
            prediction_figure(it, [e for _, e in book.answers[it.id]], path)
            written[it.id] = path
    return written


def run(paths, out, key_files=()) -> tuple[Gradebook, dict]:
    """Grade ``paths`` (with the instructor's ``key_files``) and write the results into ``out``."""
    keys: list[Key] = [load_key_file(k) for k in key_files]
    book = build(paths, keys)
    return book, write(book, out)

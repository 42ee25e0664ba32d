"""A made-up class: records of learners who answered Lesson 1, for trying the gradebook and for
its tests and benchmark (``synthetic_class(folder, n)``). The guesses scatter around the model's
values the way a real class's do; the numbers mean nothing about real learners."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..models import feedback
from .grading import grade
from .keys import lesson_key, shuffled
from .record import Record


def synthetic_class(folder, n: int = 30, seed: int = 1) -> list:
    """Write ``n`` learners' records for Lesson 1 into ``folder``; return their paths. Each has
    guesses spread around the model's values, some exercises right and some wrong, some quiz
    choices, and an answer to an instructor's question ``1.s1``."""
    folder = Path(folder)
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    key = lesson_key(1)
    peak_insulin = round(float(feedback.simulate(carbs_g=75.0).insulin.max()), 1)  # the truth of 1.c, µU/mL
    paths = []
    for k in range(n):
        events = []
        for it in key.of_kind("prediction"):
            if rng.random() < 0.1:
                events.append({"item": it.id, "kind": "prediction", "lesson": 1, "answer": None, "truth": peak_insulin
                               if it.type == "number" else it.answer, "unit": it.unit, "correct": None,
                               "skipped": True})
                continue
            if it.type == "number":
                truth, guess = peak_insulin, float(np.round(rng.lognormal(np.log(70), 0.5), 1))
            else:
                truth, guess = it.answer, str(rng.choice(list(it.choices)))
            v = grade(it, guess, truth)
            events.append({"item": it.id, "kind": "prediction", "lesson": 1, "answer": v.answer, "truth": truth,
                           "unit": it.unit, "correct": v.correct, "skipped": False})
        for it in key.of_kind("exercise") + key.of_kind("question"):
            if rng.random() < 0.15:
                continue  # not attempted
            if it.type == "number":
                value = it.answer * (1 if rng.random() < 0.6 else 1.3)
            else:
                value = it.answer if rng.random() < 0.6 else shuffled(it)[0]
            v = grade(it, value)
            events.append({"item": it.id, "kind": it.kind, "lesson": 1, "answer": v.answer, "correct": v.correct})
        events.append({"item": "1.s1", "kind": "answer", "lesson": 1, "answer": "muscle" if k % 3 else "liver"})
        path = folder / f"learner{k:02d}.json"
        path.write_text(json.dumps(Record(path, f"learner{k:02d}", events).to_json()))
        paths.append(path)
    return paths

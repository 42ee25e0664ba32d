"""Every lesson against its key: each worked solution runs and matches the key, each prediction
opens its lock and shows what it guards (compared with tests/reveals/NN.json), and no answer
sits in a notebook code cell.

Set GLUCOLAB_UPDATE_REVEALS=1 to rewrite the stored reveal texts after a deliberate change.
"""

from __future__ import annotations

import json
import os
import re

import nbformat
import pytest

from glucolab.teaching.gradebook import build
from glucolab.teaching.keys import lesson_key, packaged_lessons

from lesson_runner import ROOT, run_lesson

NOTEBOOKS = {int(p.name[:2]): p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             if int(p.name[:2]) in packaged_lessons()}
REVEALS = ROOT / "tests" / "reveals"


def code_cells(nb: dict, solutions: bool = False) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
            and ("solution" in c.get("metadata", {}).get("tags", [])) == solutions]


def _lesson_scope(number: int):
    """One test class per lesson, so pytest-xdist (--dist loadscope) runs lessons in parallel."""

    class LessonAgainstKey:
        @pytest.fixture(scope="class")
        @classmethod
        def run(cls, tmp_path_factory):
            record = tmp_path_factory.mktemp(f"lesson{number}") / "record.json"
            return run_lesson(NOTEBOOKS[number], record)

        def test_every_solution_runs_and_matches_its_key(self, run):
            nb, _ = run
            key = lesson_key(number)
            exercises = {it.id for it in key.of_kind("exercise")}
            matched = set(re.findall(r"^(\d+\.\w+): the worked solution matches the key\.$",
                                     "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                                             for o in c.get("outputs", [])), re.M))
            assert matched == exercises, f"solutions missing or not run for {sorted(exercises - matched)}"

        def test_every_prediction_opens_and_reveals_what_is_stored(self, run):
            _, reveals = run
            assert sum(len(r["items"]) for r in reveals) >= (3 if number else 1)  # 00 has one to try
            for r in reveals:
                assert r["revealed"] and not r["message"], r
                assert all(r["correct"].values()), f"committing the truth was not judged correct: {r}"
            got = {",".join(r["items"]): r["text"] for r in reveals}
            path = REVEALS / f"{number:02d}.json"
            if os.environ.get("GLUCOLAB_UPDATE_REVEALS") == "1":
                path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            assert got == json.loads(path.read_text(encoding="utf-8"))

        def test_the_saved_lesson_hands_in_its_record_to_the_gradebook(self, run, tmp_path):
            nb, reveals = run
            path = tmp_path / NOTEBOOKS[number].name
            nbformat.write(nb, path)
            book = build([path])
            assert not book.problems and len(book.rows) == 1
            row = book.rows[0]
            assert row["predictions made"] == sum(len(r["items"]) for r in reveals)
            assert row["exercises right"] == len(lesson_key(number).of_kind("exercise"))  # the solutions ran

    LessonAgainstKey.__name__ = LessonAgainstKey.__qualname__ = f"TestLesson{number:02d}"
    return LessonAgainstKey


for _n in NOTEBOOKS:
    globals()[f"TestLesson{_n:02d}"] = _lesson_scope(_n)


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_notebook_uses_every_key_item_and_holds_no_answer(number):
    nb = json.loads(NOTEBOOKS[number].read_text(encoding="utf-8"))
    key = lesson_key(number)
    plain = "\n".join(code_cells(nb))
    solutions = "\n".join(code_cells(nb, solutions=True))
    used = set(re.findall(r"""(?:predict\(|check\(|,)\s*["'](\d+\.\w+)["']""", plain))
    for item in key.items.values():
        if item.kind == "question":
            assert re.search(rf"""quiz\(\s*["']{number}["']\s*\)""", plain), f"quiz({number!r}) not called"
            continue
        assert item.id in used, f"{item.id} is in the key but not used in the notebook"
        if item.kind == "exercise":
            assert f"%%solution {item.id}\n" in solutions + "\n", f"no worked solution for {item.id}"
        answer = item.answer
        if isinstance(answer, (int, float)) and not isinstance(answer, bool):
            # The expected number, as typed in the key, must not appear in the code a learner runs.
            assert not re.search(rf"""(?<![\w."']){re.escape(repr(answer))}(?![\w"'])""", plain), \
                f"{item.id}: the expected value {answer!r} is typed in a notebook code cell"
        elif isinstance(answer, str) and item.type == "choice":
            assert f'"{answer}"' not in plain and f"'{answer}'" not in plain, \
                f"{item.id}: the correct option is typed in a notebook code cell"
    assert not re.search(r"MultipleChoice\(|NumericQuestion\(|check_answer\(", plain)

"""Build class copies of the lessons: ``python tools/handouts.py [OUT]`` (or ``make handouts``).

OUT/student/     the lessons without the worked solutions (the code cells tagged ``solution``
                 and any collapsed <details> block)
OUT/instructor/  the lessons as they are, solutions included, with a note on top

Both keep the saved outputs, so a student copy still runs and still passes nbval. Neither holds
an answer key: keys live in the package (``glucolab/teaching/keys``), not in the notebooks.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTE = ("> **Instructor copy.** This version contains the worked solutions (the collapsed cells that "
        "start with `%%solution`). Students get the copy in `student/`, built by `make handouts`, in "
        "which each solution is removed.")


# A collapsed solution block; optional "Deeper" boxes are <details> too, and stay.
DETAILS = re.compile(r"<details>\s*<summary>(?:(?!</summary>).)*Solution.*?</details>\s*", re.S)


def is_solution(cell: dict) -> bool:
    """A worked-solution code cell, or a markdown cell holding a collapsed <details> block."""
    if cell["cell_type"] == "code":
        return "solution" in cell.get("metadata", {}).get("tags", [])
    return cell["cell_type"] == "markdown" and bool(DETAILS.search("".join(cell["source"])))


def without_solutions(cell: dict) -> dict | None:
    """The cell with every solution cut out; None if nothing else was in it."""
    if not is_solution(cell):
        return cell
    if cell["cell_type"] == "code":
        return None
    rest = DETAILS.sub("", "".join(cell["source"])).strip()
    return {**cell, "source": [rest]} if rest else None


def student_copy(nb: dict) -> dict:
    """The notebook without its solutions; text that shares a cell with one is kept."""
    cells = [without_solutions(c) for c in nb["cells"]]
    return {**nb, "cells": [c for c in cells if c is not None]}


def instructor_copy(nb: dict) -> dict:
    """The notebook with a note on top that it contains the solutions."""
    note = {"cell_type": "markdown", "metadata": {}, "source": [NOTE]}
    return {**nb, "cells": [note] + nb["cells"]}


def build(out: Path, notebooks: Path = ROOT / "notebooks") -> list[Path]:
    """Write the student and instructor copies of every notebook; return the student files."""
    written = []
    for kind, transform in (("student", student_copy), ("instructor", instructor_copy)):
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            target = folder / path.name
            target.write_text(json.dumps(transform(nb), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            if kind == "student":
                written.append(target)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "handouts"
    files = build(out)
    print(f"{len(files)} student copies in {out / 'student'}, instructor copies in {out / 'instructor'}")

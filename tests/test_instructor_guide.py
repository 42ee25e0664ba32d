"""The instructor guide (docs/instructor-guide.md) keeps up with the lessons.

For every lesson notebook 01-09 the guide must have a section ("## Lesson NN ...") whose timing
table adds up to 90 minutes, which copies the notebook's learning objectives, names every exercise
of the notebook ("### Exercise N — title") in its mapping table, and has enough misconceptions,
discussion prompts and assessment questions. Every relative link and in-page anchor must resolve.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "instructor-guide.md"
NOTEBOOKS = ROOT / "notebooks"

EXERCISE = re.compile(r"^### (Exercise \d+ — .+?)\s*$", re.M)
SECTION = re.compile(r"^## Lesson (\d\d)\b.*$", re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
EXTERNAL = ("http://", "https://", "mailto:")


def lesson_notebooks() -> dict[str, Path]:
    """Lesson number ("01"...) -> notebook, for every numbered lesson after Start here (00)."""
    found = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        number = path.name[:2]
        if int(number) >= 1:
            found[number] = path
    return found


LESSONS = lesson_notebooks()


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    """Lesson number -> the guide's text from its "## Lesson NN" heading to the next "## " heading."""
    text = guide_text()
    heads = [m for m in re.finditer(r"^## .*$", text, re.M)]
    out = {}
    for i, head in enumerate(heads):
        m = SECTION.match(head.group(0))
        if m:
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            out[m.group(1)] = text[head.start():end]
    return out


def subsection(section: str, title_start: str) -> str:
    """The text under the "### <title_start>..." heading of a lesson section, up to the next "###"."""
    m = re.search(rf"^### {re.escape(title_start)}.*$", section, re.M)
    assert m, f"no '### {title_start}...' subsection"
    rest = section[m.end():]
    nxt = re.search(r"^### ", rest, re.M)
    return rest[: nxt.start()] if nxt else rest


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the first markdown table in ``text``, as lists of stripped cells."""
    lines = [line.strip() for line in text.splitlines()]
    table = []
    for line in lines:
        if line.startswith("|"):
            table.append(line)
        elif table:
            break
    assert len(table) >= 3, "no table with a header, a separator and at least one row"
    assert re.match(r"^\|\s*:?-", table[1]), "the table's second line is not a separator"
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in table[2:]]


def notebook_cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def exercise_titles(path: Path) -> list[str]:
    return [m.group(1) for cell in notebook_cells(path) if cell["cell_type"] == "markdown"
            for m in EXERCISE.finditer(source(cell))]


def objectives(path: Path) -> list[str]:
    """The numbered learning objectives of a lesson, each as one whitespace-normalised line."""
    first = next(source(c) for c in notebook_cells(path) if c["cell_type"] == "markdown")
    assert "By the end you will be able to:" in first, f"{path.name}: no objectives list"
    part = first.split("By the end you will be able to:", 1)[1].strip()
    items = re.split(r"\n(?=\d+\. )", part)
    return [" ".join(item.split()) for item in items if re.match(r"\d+\. ", item)]


def squash(text: str) -> str:
    return " ".join(text.split())


def github_slugs(text: str) -> set[str]:
    """The anchors GitHub gives the guide's headings (lower case, punctuation dropped, repeats numbered)."""
    seen: dict[str, int] = {}
    slugs = set()
    for m in re.finditer(r"^#{1,6} (.+?)\s*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        slugs.add(slug if n == 0 else f"{slug}-{n}")
    return slugs


def test_the_lessons_are_found():
    assert GUIDE.is_file(), "docs/instructor-guide.md is missing"
    assert LESSONS, "no lesson notebooks in notebooks/"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_every_lesson_has_a_section(number):
    assert number in sections(), f"the guide has no '## Lesson {number}' section for {LESSONS[number].name}"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_section_links_its_notebook(number):
    assert f"../notebooks/{LESSONS[number].name}" in sections()[number]


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_timing_table_adds_up_to_90_minutes(number):
    rows = table_rows(subsection(sections()[number], "Timing"))
    minutes = []
    for row in rows:
        assert re.fullmatch(r"\d+", row[0]), f"Lesson {number}: timing row without whole minutes: {row}"
        minutes.append(int(row[0]))
    assert all(m > 0 for m in minutes), f"Lesson {number}: a segment of 0 minutes"
    assert sum(minutes) == 90, f"Lesson {number}: the timing table adds up to {sum(minutes)} minutes, not 90"
    assert all(len(row) >= 4 and row[2] and row[3] for row in rows), \
        f"Lesson {number}: every segment needs what the instructor and the students do"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_objectives_are_copied_from_the_notebook(number):
    text = squash(subsection(sections()[number], "Learning objectives"))
    wanted = objectives(LESSONS[number])
    assert wanted, f"{LESSONS[number].name}: no numbered objectives"
    for objective in wanted:
        assert objective in text, f"Lesson {number}: objective not copied faithfully: {objective}"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_every_exercise_is_in_the_mapping_table(number):
    rows = table_rows(subsection(sections()[number], "Exercises and quizzes mapped"))
    items = [row[0] for row in rows]
    titles = exercise_titles(LESSONS[number])
    assert titles, f"{LESSONS[number].name}: no '### Exercise N — title' headings"
    for title in titles:
        assert title in items, f"Lesson {number}: '{title}' is missing from the mapping table"
    stale = [item for item in items if item.startswith("Exercise") and item not in titles]
    assert not stale, f"Lesson {number}: mapping rows name exercises the notebook does not have: {stale}"
    for row in rows:
        assert len(row) >= 2 and row[-1], f"Lesson {number}: mapping row without objectives: {row}"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_quiz_is_in_the_mapping_table(number):
    has_quiz = any(c["cell_type"] == "code" and "quiz(" in source(c) for c in notebook_cells(LESSONS[number]))
    if not has_quiz:
        pytest.skip(f"{LESSONS[number].name} has no quiz")
    rows = table_rows(subsection(sections()[number], "Exercises and quizzes mapped"))
    assert any(row[0].startswith("Quiz") for row in rows), f"Lesson {number}: no quiz row in the mapping table"


@pytest.mark.parametrize("number", sorted(LESSONS))
def test_misconceptions_prompts_and_assessment(number):
    section = sections()[number]
    misconceptions = re.findall(r"^- ", subsection(section, "Misconceptions"), re.M)
    assert len(misconceptions) >= 4, f"Lesson {number}: fewer than four misconceptions"
    prompts = subsection(section, "Discussion prompts")
    assert len(re.findall(r"^\d+\. ", prompts, re.M)) >= 3, f"Lesson {number}: fewer than three prompts"
    assert prompts.count("*Model answer:*") >= 3, f"Lesson {number}: prompts without model answers"
    questions = subsection(section, "Assessment questions")
    assert len(re.findall(r"^\d+\. ", questions, re.M)) >= 4, f"Lesson {number}: fewer than four questions"
    assert questions.count("**Answer:**") >= 4, f"Lesson {number}: assessment questions without answers"


def test_relative_links_point_to_existing_files():
    text = guide_text()
    slugs = github_slugs(text)
    broken = []
    for target in LINK.findall(text):
        if target.startswith(EXTERNAL):
            continue
        if target.startswith("#"):
            if target[1:] not in slugs:
                broken.append(target)
            continue
        path = target.split("#", 1)[0]
        if not (GUIDE.parent / path).exists():
            broken.append(target)
    assert not broken, f"links in docs/instructor-guide.md that lead nowhere: {broken}"

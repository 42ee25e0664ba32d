"""The instructor commands: handouts without solutions, and a static HTML export."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from glucolab.teaching.keys import lesson_key, packaged_lessons

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import export_html  # noqa: E402
import handouts  # noqa: E402

LESSON = ROOT / "notebooks" / "01_glucose_insulin_feedback.ipynb"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    return out, handouts.build(out)


def test_student_copies_hold_no_solution_and_no_key_text(built):
    out, students = built
    assert len(students) == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    for student in students:
        original = json.loads((ROOT / "notebooks" / student.name).read_text(encoding="utf-8"))
        copy = json.loads(student.read_text(encoding="utf-8"))
        text = student.read_text(encoding="utf-8")
        assert not handouts.DETAILS.search(text) and "%%solution" not in text, student.name
        assert not any(handouts.is_solution(c) for c in copy["cells"])
        number = int(student.name[:2])
        if number in packaged_lessons():
            assert any(handouts.is_solution(c) for c in original["cells"]) or number == 0
            for item in lesson_key(number).items.values():  # no key text anywhere in the copy
                for words in (item.explanation, item.hint, *item.hints.values()):
                    assert not words or json.dumps(words)[1:-1] not in text, (student.name, item.id)
        # every heading and every code cell but the solutions is still there
        headings = [ln for c in original["cells"] if c["cell_type"] == "markdown"
                    for ln in handouts.DETAILS.sub("", "".join(c["source"])).splitlines() if ln.startswith("#")]
        kept = [ln for c in copy["cells"] if c["cell_type"] == "markdown"
                for ln in "".join(c["source"]).splitlines() if ln.startswith("#")]
        assert kept == headings, student.name
        assert [c for c in copy["cells"] if c["cell_type"] == "code"] == \
               [c for c in original["cells"] if c["cell_type"] == "code" and not handouts.is_solution(c)]


def test_instructor_copies_keep_every_cell_and_say_so(built):
    out, _ = built
    for path in (out / "instructor").glob("*.ipynb"):
        copy = json.loads(path.read_text(encoding="utf-8"))
        original = json.loads((ROOT / "notebooks" / path.name).read_text(encoding="utf-8"))
        assert copy["cells"][1:] == original["cells"]
        assert "Instructor copy" in "".join(copy["cells"][0]["source"])


def test_a_student_copy_still_runs_under_nbval(built):
    out, _ = built
    student = out / "student" / LESSON.name
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval",
         "--nbval-current-env", "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
         str(student)], cwd=out, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_static_html_export_includes_the_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("GLUCOLAB_STATIC", "")  # export sets it; this puts it back afterwards
    export_html.main(tmp_path, [LESSON])
    page = (tmp_path / LESSON.with_suffix(".html").name).read_text(encoding="utf-8")
    assert page.count("data:image/png;base64") >= 2  # both panels' figures
    assert "Start-up settings" in page and "Traceback" not in page
    assert "Lesson 1" in (tmp_path / "index.html").read_text(encoding="utf-8")

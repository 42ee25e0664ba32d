"""A class on a real JupyterHub, in a real browser: the local hub of ``hub/jupyterhub_config.py``
(the one ``make hub`` starts), three students who follow the README's nbgitpuller link to a
local clone of this repository, run Lesson 1 and answer by keyboard; the instructor grades
their records; a killed kernel loses no answer; a second pull merges an upstream change and
keeps each student's edits.

The tests run in order and share one hub and one Chromium; each later test needs the
students of the first.
"""

from __future__ import annotations

import csv
import json
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, IN_CI, require_browser
from .jupyter_server import LAB_SETTINGS, ROOT
from .test_lessons import predict_by_keyboard, run_all, tab_until

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from hub.local_hub import PROXY, running_hub  # noqa: E402

pytestmark = pytest.mark.browser
LESSON = "01_glucose_insulin_feedback.ipynb"
# Each student's guess for prediction 1.c (µU/mL) and answer to exercise 1.1 (mg/dL), typed in
# the exercise's code cell: 6.1 mmol/L is 109.9 mg/dL, so carol's 6.1 (no conversion) is wrong.
STUDENTS = {"alice": ("40", "109.9"), "bob": ("150", "110"), "carol": ("60", "6.1")}
UPSTREAM_NOTE = "A note from your instructor: this section was updated after the first pull."


def readme_link() -> str:
    """The nbgitpuller link of the README's class-hub section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"https://<your-hub>(/hub/user-redirect/git-pull\?[^`\s]+)", text)
    assert found, "the README has no nbgitpuller link of the form https://<your-hub>/hub/user-redirect/git-pull?..."
    return found.group(1)


def class_link(base: str, repo: str) -> str:
    """The README's link, pointed at this hub and at ``repo`` instead of the public repository."""
    path, _, query = readme_link().partition("?")
    params = dict(urllib.parse.parse_qsl(query))
    assert params.get("urlpath", "").endswith(f"/notebooks/{LESSON}"), params
    params["repo"] = repo
    return f"{base}{path}?{urllib.parse.urlencode(params)}"


def git(*args, cwd: Path) -> str:
    author = ["-c", "user.name=Instructor", "-c", "user.email=instructor@example.org"]
    return subprocess.run(["git", *author, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def wait_for(condition, what: str, timeout_s: float = 30):
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


class Classroom:
    """The hub, the upstream repository and what each student has done so far."""

    def __init__(self, base: str, state: Path, upstream: Path, password: str, browser):
        self.base, self.state, self.upstream, self.password, self.browser = base, state, upstream, password, browser
        self.link = class_link(base, upstream.as_uri())
        self.pages, self.done = {}, set()

    def home(self, name: str) -> Path:
        return self.state / "homes" / name

    def record(self, name: str) -> Path:
        return self.home(name) / "glucolab-record.json"

    def lesson_file(self, name: str) -> Path:
        return self.home(name) / "glucolab" / "notebooks" / LESSON

    def events(self, name: str) -> list:
        from glucolab.teaching.record import read_record
        return read_record(self.record(name)).events

    def follow_link(self, name: str, login: bool):
        """Open the class link in the student's own browser context (logging in the first time)
        and wait until the lesson is on screen."""
        if name in self.pages:
            self.pages[name].close()  # no autosave of the old copy after the pull
            page = self.pages[name].context.new_page()
        else:
            page = self.browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        self.pages[name] = page
        page.goto(self.link)
        if login:
            page.locator("#username_input").wait_for(timeout=30_000)
            page.locator("#username_input").focus()
            page.keyboard.type(name)
            page.keyboard.press("Tab")
            page.keyboard.type(self.password)
            page.keyboard.press("Enter")
        page.wait_for_url(f"**/user/{name}/lab/tree/glucolab/notebooks/{LESSON}", timeout=180_000)
        page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
        return page

    def kernel_of(self, name: str):
        """The student's kernel process (found by the hub user its server runs for)."""
        import psutil
        for proc in psutil.process_iter(["cmdline"]):
            try:
                if "ipykernel_launcher" in " ".join(proc.info["cmdline"] or ()) and \
                        proc.environ().get("JUPYTERHUB_USER") == name:
                    return proc
            except psutil.Error:
                continue
        return None


@pytest.fixture(scope="module")
def classroom(tmp_path_factory, browser):
    require_browser()
    if not PROXY.exists():
        problem = f"{PROXY} is missing: `make test` and `make hub` install it with npm"
        pytest.fail(problem) if IN_CI else pytest.skip(problem)
    tmp = tmp_path_factory.mktemp("hub")
    # The upstream: a clone of this repository's committed HEAD, on a branch named as in the README.
    upstream = tmp / "upstream" / "glucolab"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(upstream)], check=True)
    git("checkout", "-q", "-B", "main", cwd=upstream)
    state = tmp / "state"
    for name in STUDENTS:  # the test's JupyterLab settings (as in the other browser tests)
        for plugin, values in LAB_SETTINGS.items():
            path = state / "homes" / name / ".jupyter" / "lab" / "user-settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
    password = secrets.token_urlsafe(12)
    with running_hub(state, password) as base:
        room = Classroom(base, state, upstream, password, browser)
        yield room
        ARTIFACTS.mkdir(exist_ok=True)
        for name, page in room.pages.items():
            page.screenshot(path=str(ARTIFACTS / f"hub-{name}.png"))
            page.context.close()


def need(room: Classroom, step: str) -> None:
    if step not in room.done:
        pytest.skip(f"needs the earlier step: {step}")


def answer_exercise_in_code(page, value: str, name: str) -> None:
    """Type the answer to exercise 1.1 over the ``...`` of its code cell, run it and save."""
    cell = page.locator(".jp-CodeCell", has_text="fasting_mg_dl = ...").first
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").focus()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type(f"fasting_mg_dl = {value}  # {name}'s answer")
    page.keyboard.press("Shift+Enter")


def test_three_students_pull_the_lesson_and_answer_into_their_own_records(classroom):
    room = classroom
    assert urllib.parse.urlsplit(room.base).hostname == "127.0.0.1"
    assert "127.0.0.1 only" in (room.state / "hub.log").read_text(encoding="utf-8")
    for name, (guess, answer) in STUDENTS.items():
        page = room.follow_link(name, login=True)
        # The lesson is the student's own copy, pulled into the student's home folder.
        assert (room.home(name) / "glucolab" / ".git").is_dir()
        assert room.lesson_file(name).is_file()
        run_all(page, LESSON)
        first = page.locator(".glucolab-prediction").nth(0)
        first.scroll_into_view_if_needed()
        predict_by_keyboard(page, first, choices=[], number=guess)
        first.get_by_text(f"You predicted {guess} µU/mL").wait_for(timeout=30_000)
        answer_exercise_in_code(page, answer, name)
        wait_for(lambda: room.record(name).exists() and any(e["item"] == "1.1" for e in room.events(name)),
                 f"{name}'s answer to 1.1 in the record")
        page.keyboard.press("Control+s")
        wait_for(lambda: f"{name}'s answer" in room.lesson_file(name).read_text(encoding="utf-8"),
                 f"{name}'s edited lesson saved")
        record = json.loads(room.record(name).read_text(encoding="utf-8"))
        assert record["learner"] == name  # the hub user names the learner
        assert [(e["item"], e["answer"]) for e in record["events"]] == [("1.c", float(guess)),
                                                                        ("1.1", float(answer))]
    # Three records, one in each student's home, and none anywhere else.
    records = sorted(p.relative_to(room.state).as_posix() for p in room.state.rglob("glucolab-record*.json"))
    assert records == [f"homes/{name}/glucolab-record.json" for name in sorted(STUDENTS)]
    room.done.add("answered")


def test_the_instructor_grades_the_three_records(classroom, tmp_path):
    room = classroom
    need(room, "answered")
    collected = tmp_path / "collected"
    collected.mkdir()
    for name in STUDENTS:  # what an instructor copies from the students' homes
        (collected / f"{name}.json").write_bytes(room.record(name).read_bytes())
    out = tmp_path / "grades"
    done = subprocess.run([str(Path(sys.executable).parent / "glucolab"), "gradebook", str(collected), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 learners graded")
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        rows = {row["learner"]: row for row in csv.DictReader(f)}
    assert set(rows) == set(STUDENTS)
    for name, (guess, _) in STUDENTS.items():
        assert float(rows[name]["1.c"]) == float(guess)
    assert (rows["alice"]["1.1"], rows["bob"]["1.1"], rows["carol"]["1.1"]) == ("1", "1", "0")
    assert (out / "predictions" / "1.c.png").exists()


def test_a_killed_kernel_loses_no_recorded_answer(classroom):
    """Carol's kernel dies mid-lesson (SIGKILL): her record keeps every answer, the lesson
    shows her prediction again after the restart, and her next answer joins the others."""
    room = classroom
    need(room, "answered")
    name, page = "carol", room.pages["carol"]
    before = room.events(name)
    kernel = room.kernel_of(name)
    assert kernel is not None, "carol's kernel was not found"
    kernel.send_signal(signal.SIGKILL)
    kernel.wait(timeout=10)
    assert room.events(name) == before  # the file is whole and unchanged
    # The server restarts a dead kernel by itself. Asking for "Restart and Run All" while that
    # restart is under way can leave the cells queued for the dead kernel, so wait for the new
    # process, and give the page a moment to hear of it, before running the lesson again.
    wait_for(lambda: (new := room.kernel_of(name)) is not None and new.pid != kernel.pid,
             "the server to start carol a new kernel", timeout_s=60)
    time.sleep(2)
    run_all(page, LESSON)
    first = page.locator(".glucolab-prediction").nth(0)
    first.get_by_text(f"You predicted {STUDENTS[name][0]} µU/mL").wait_for(timeout=30_000)
    box = page.locator(".glucolab-exercise").first  # exercise 1.2, answered without code
    box.scroll_into_view_if_needed()
    box.locator("input[type=text]").focus()
    page.keyboard.type("200")
    tab_until(page, "/Check/.test(el.innerText || '')", "the Check button")
    page.keyboard.press("Enter")
    wait_for(lambda: room.events(name)[-1]["item"] == "1.2", "carol's next answer in the record")
    after = room.events(name)
    # Everything written before the kill is still there, first; the re-run cell 1.1 answered again.
    assert after[:len(before)] == before
    assert [(e["item"], e["answer"]) for e in after[len(before):]] == [("1.1", 6.1), ("1.2", 200.0)]
    room.done.add("killed")


def test_a_second_pull_merges_the_upstream_change_and_keeps_each_students_edits(classroom):
    room = classroom
    need(room, "answered")
    import nbformat
    # The instructor changes the lesson upstream, in a cell no student touched.
    path = room.upstream / "notebooks" / LESSON
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Check your understanding"))
    cell.source += f"\n\n{UPSTREAM_NOTE}"
    nbformat.write(nb, path)
    git("commit", "-q", "-am", "Lesson 1: a note before the quiz", cwd=room.upstream)
    records = {name: room.record(name).read_bytes() for name in STUDENTS}
    for name, (_, answer) in STUDENTS.items():
        page = room.follow_link(name, login=False)  # the same link, clicked again
        page.locator(".jp-RenderedMarkdown", has_text=UPSTREAM_NOTE).wait_for(timeout=30_000)
        merged = nbformat.read(room.lesson_file(name), as_version=4)
        nbformat.validate(merged)
        sources = [c.source for c in merged.cells]
        assert any(s.startswith(f"fasting_mg_dl = {answer}  # {name}'s answer") for s in sources), name
        assert any(UPSTREAM_NOTE in s for s in sources), name
        log = git("log", "--format=%s", cwd=room.home(name) / "glucolab")
        assert "Lesson 1: a note before the quiz" in log
        assert room.record(name).read_bytes() == records[name]  # the pull leaves the record alone
        assert page.locator(".jp-CodeCell", has_text=f"{name}'s answer").count() == 1

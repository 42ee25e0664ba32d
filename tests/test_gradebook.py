"""The instructor's side: a class of synthetic records graded into the CSV gradebook, the item
summary and the prediction figures; every bad submission reported while the rest are graded;
summative keys; QTI export; and the installed ``glucolab`` command."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from glucolab.teaching import qti
from glucolab.teaching.gradebook import RECORD_MIME, build, run
from glucolab.teaching.keys import lesson_key, packaged_lessons, shuffled
from glucolab.teaching.record import Record
from glucolab.teaching.synthetic import synthetic_class

ROOT = Path(__file__).resolve().parents[1]
SUMMATIVE = '''
[exercise."1.s1"]
prompt = "Which tissue takes up most glucose under a clamp?"
type = "choice"
options = ["muscle", "liver", "brain"]
answer = "muscle"
variable = "tissue"
explanation = "Skeletal muscle."
'''


@pytest.fixture
def summative(tmp_path):
    path = tmp_path / "instructor-key.toml"
    path.write_text(SUMMATIVE)
    return path


def test_a_class_of_30_grades_into_the_gradebook_the_summary_and_the_figures(tmp_path, summative):
    records = synthetic_class(tmp_path / "class")
    book, written = run([tmp_path / "class"], tmp_path / "out", [summative])
    assert not book.problems and len(book.rows) == 30
    with open(written["gradebook"], encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [it.id for it in lesson_key(1).items.values()] + ["1.s1"]
    assert [r["learner"] for r in rows] == [f"learner{k:02d}" for k in range(30)]
    assert list(rows[0])[1:1 + len(ids)] == ids and "total right" in rows[0]
    # every cell agrees with the record it came from
    for path, row in zip(records, rows):
        events = {e["item"]: e for e in json.loads(path.read_text())["events"]}
        for it in lesson_key(1).of_kind("exercise"):
            expected = "" if it.id not in events else str(int(events[it.id]["correct"]))
            assert row[it.id] == expected
        assert row["1.s1"] == ("1" if events["1.s1"]["answer"] == "muscle" else "0")
        scored = [row[i] for i in ids if not lesson_key(1).items.get(i) or lesson_key(1)[i].kind != "prediction"]
        assert int(row["total right"]) == scored.count("1")
    with open(written["items"], encoding="utf-8") as f:
        items = {r["item"]: r for r in csv.DictReader(f)}
    share = np.mean([int(r["1.1"]) for r in rows if r["1.1"] != ""])
    assert float(items["1.1"]["share right"]) == pytest.approx(share, abs=0.005)
    assert items["1.1"]["commonest wrong answers"].startswith("142.9 (")  # 1.3 x 109.9
    assert int(items["1.c"]["answered"]) == 30
    for pid in ("1.a", "1.b", "1.c", "1.d"):
        image = imread(written[pid])
        assert image.shape[0] > 200 and image[..., :3].std() > 0.05  # a drawn figure, not a blank page


def test_bad_submissions_are_reported_one_by_one_and_the_rest_graded(tmp_path):
    good = synthetic_class(tmp_path, n=3)
    other_version = tmp_path / "old.json"
    data = json.loads(good[0].read_text())
    other_version.write_text(json.dumps({**data, "version": 0}))
    duplicate = tmp_path / "copy.json"
    shutil.copy(good[1], duplicate)
    not_lesson = tmp_path / "notes.ipynb"
    not_lesson.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "print(1)", "outputs": []}]}))
    no_record = tmp_path / "01_without_record.ipynb"
    no_record.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "from glucolab.lesson import *",
                                                "outputs": []}]}))
    handed_in = tmp_path / "01_handed_in.ipynb"
    carried = {**json.loads(good[2].read_text())}
    carried = json.loads(json.dumps(Record(handed_in, "nb-learner", carried["events"]).to_json()))
    handed_in.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "my_progress()", "outputs": [
        {"output_type": "execute_result", "data": {"text/plain": "...", RECORD_MIME: carried}}]}]}))
    missing = tmp_path / "gone.json"
    book = build([*good, other_version, duplicate, not_lesson, no_record, handed_in, missing])
    reasons = {Path(p.source).name: p.reason for p in book.problems}
    assert "record format version 0" in reasons["old.json"]
    assert "learner 'learner01' again" in reasons["copy.json"]
    assert reasons["notes.ipynb"] == "not a glucolab lesson notebook"
    assert "run its my_progress() cell" in reasons["01_without_record.ipynb"]
    assert reasons["gone.json"] == "no such file"
    assert [r["learner"] for r in book.rows] == ["learner00", "learner01", "learner02", "nb-learner"]
    assert "1.s1" in " ".join(str(p) for p in book.problems)  # an answer to a key nobody passed


def test_the_quiz_exports_to_qti_and_reads_back_for_every_lesson(tmp_path):
    for n in [n for n in packaged_lessons() if lesson_key(n).of_kind("question")]:
        path = qti.export_quiz(n, tmp_path / f"l{n}.zip")
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            manifest = ET.fromstring(z.read("imsmanifest.xml"))
            href = manifest.find(f".//{{{qti.CP_NS}}}resource").get("href")
            assert href in names and manifest.find(f".//{{{qti.CP_NS}}}file").get("href") == href
            doc = ET.fromstring(z.read(href))
        assert doc.tag == f"{{{qti.QTI_NS}}}questestinterop"
        items = list(doc.iter(f"{{{qti.QTI_NS}}}item"))
        idents = [i.get("ident") for i in items]
        assert len(set(idents)) == len(idents)
        for item in items:
            for part in ("itemmetadata", "presentation", "resprocessing"):
                assert item.find(f"{{{qti.QTI_NS}}}{part}") is not None, (n, item.get("ident"), part)
        key = {it.id: it for it in lesson_key(n).of_kind("question")}
        back = qti.read_package(path)
        assert [q["id"] for q in back] == list(key)
        for q in back:
            it = key[q["id"]]
            assert q["text"].startswith(it.text) and q["feedback"] == (it.explanation or None)
            if it.type == "choice":
                assert q["options"] == shuffled(it) and q["answer"] == it.answer
            else:
                assert qti.accepts(q, it.answer) and not qti.accepts(q, it.answer * 1.5)


def _command() -> list[str]:
    exe = Path(sys.executable).with_name("glucolab")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "glucolab.cli"]


def test_the_installed_command_grades_and_exports(tmp_path, summative):
    synthetic_class(tmp_path / "class", n=5)
    (tmp_path / "class" / "broken.json").write_text("{")
    done = subprocess.run(_command() + ["gradebook", str(tmp_path / "class"), "-o", str(tmp_path / "out"),
                                        "--keys", str(summative)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "5 learners graded" in done.stdout and "broken.json: not valid JSON" in done.stderr
    assert (tmp_path / "out" / "gradebook.csv").exists() and (tmp_path / "out" / "predictions" / "1.c.png").exists()
    bad_key = tmp_path / "bad.toml"
    bad_key.write_text('[exercise."1.s1"]\nprompt = "?"\ntype = "choice"\n')
    done = subprocess.run(_command() + ["gradebook", str(tmp_path / "class"), "-o", str(tmp_path / "o2"),
                                        "--keys", str(bad_key)], capture_output=True, text=True)
    assert done.returncode == 2 and "bad.toml, line 1" in done.stderr
    done = subprocess.run(_command() + ["export-quiz", "1", "--format", "qti", "-o", str(tmp_path / "q.zip")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and zipfile.is_zipfile(tmp_path / "q.zip")
    done = subprocess.run(_command() + ["export-quiz", "77"], capture_output=True, text=True)
    assert done.returncode == 2 and "lesson='77'" in done.stderr or "lesson=77" in done.stderr

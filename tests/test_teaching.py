"""The teaching machinery from Python: keys, grading, the record, predictions, exercises,
solutions, quizzes and progress."""

from __future__ import annotations

import html
import json

import pytest

from glucolab.teaching import exercises, record
from glucolab.teaching.predict import active_predictions
from glucolab.teaching.exercises import AnswerBox, SolutionMismatch, check, record_answer, run_solution
from glucolab.teaching.grading import AnswerError, grade
from glucolab.teaching.keys import KeyFileError, lesson_key, packaged_lessons, parse_key, shuffled
from glucolab.teaching.predict import LOCKED, predict
from glucolab.teaching.progress import my_progress
from glucolab.teaching.quiz import quiz

GOOD = '''
lesson = 1
[exercise."1.1"]
prompt = "6.1 mmol/L in mg/dL"
type = "number"
answer = 109.9
unit = "mg/dL"
range = [1, 2000]
variable = "x"
hint = "Multiply."
'''


@pytest.fixture
def rec(tmp_path):
    path = record.use_record(tmp_path / "record.json")
    yield path
    record._chosen_path = None


# -- keys -------------------------------------------------------------------------------------
@pytest.mark.parametrize("lesson", [n for n in packaged_lessons() if n >= 1])  # 00 has one practice item
def test_every_packaged_key_loads_with_predictions_exercises_and_a_quiz(lesson):
    key = lesson_key(lesson)
    assert len(key.of_kind("prediction")) >= 3
    assert len(key.of_kind("exercise")) >= 3 and all(it.variable for it in key.of_kind("exercise"))
    assert key.of_kind("question")
    assert all(it.id.startswith(f"{lesson}.") for it in key.items.values())
    for it in key.items.values():
        assert it.explanation, f"{it.id} has no explanation"


@pytest.mark.parametrize("bad, line, words", [
    (GOOD.replace('type = "number"', 'type = "numbr"'), 3, "type='numbr'"),
    (GOOD.replace('hint =', 'hnit ='), 3, "unknown field(s) ['hnit']"),
    (GOOD.replace("answer = 109.9", 'answer = "lots"'), 3, "expected a number"),
    (GOOD.replace("range = [1, 2000]", "range = [5, 1]"), 3, "low < high"),
    (GOOD.replace('[exercise."1.1"]', '[exercise."one"]'), 3, "expected '<lesson number>.<label>'"),
    (GOOD + '[question."1.q1"]\nquestion = "?"\noptions = ["a", "b"]\nanswer = "c"\n', 11, "not one of the options"),
    (GOOD + '[question."1.q1"]\nquestion = "?"\noptions = ["a"]\nanswer = "a"\n', 11, "at least two"),
    (GOOD + "[exercise.\"1.2\"\n", 11, "not valid TOML"),
    (GOOD + '[prediction."1.1"]\nquestion = "?"\ntype = "direction"\n', 3, "used twice"),
])
def test_a_malformed_key_names_its_line_and_problem(bad, line, words):
    with pytest.raises(KeyFileError) as err:
        parse_key(bad, "k.toml")
    assert err.value.line == line and words in str(err.value) and "k.toml, line" in str(err.value)


def test_choices_are_shown_in_a_fixed_order_independent_of_the_key_order():
    a = parse_key('[question."1.q"]\nquestion="?"\noptions=["x","y","z"]\nanswer="y"\nexplanation="e"\n')
    b = parse_key('[question."1.q"]\nquestion="?"\noptions=["z","y","x"]\nanswer="y"\nexplanation="e"\n')
    assert shuffled(a["1.q"]) == shuffled(b["1.q"])
    assert {id(x) for x in [shuffled(a["1.q"])]} and sorted(shuffled(a["1.q"])) == ["x", "y", "z"]


# -- grading ----------------------------------------------------------------------------------
def test_grading_numbers_choices_and_bad_answers():
    item = parse_key(GOOD)["1.1"]
    assert grade(item, 110).correct and not grade(item, 120).correct
    assert "too high" in grade(item, 120).feedback and "Multiply." in grade(item, 120).feedback
    with pytest.raises(AnswerError, match=r"1.1: value=5000 is outside .*1 to 2000 mg/dL"):
        grade(item, 5000)
    with pytest.raises(AnswerError, match=r"1.1: value='abc'; expected a number in mg/dL"):
        grade(item, "abc")
    q = lesson_key(1)["1.q1"]
    assert grade(q, "MMOL/L ").correct
    letter = "abc"[shuffled(q).index("mmol/L")]
    assert grade(q, letter).correct
    assert "fatal" not in grade(q, "mg/dL").feedback or True
    assert "0.3 mmol/L" in grade(q, "mg/dL").feedback  # the hint of that wrong option
    with pytest.raises(AnswerError, match="not one of the options"):
        grade(q, "litres")


# -- the record ---------------------------------------------------------------------------------
def test_the_record_keeps_every_answer_and_refuses_edits_without_losing_them(rec, capsys):
    record.append({"item": "1.1", "kind": "exercise", "answer": 110.0, "correct": True})
    record.append({"item": "1.a", "kind": "prediction", "answer": "up", "truth": "about the same",
                   "correct": False, "skipped": False})
    saved = record.read_record(rec)
    assert [e["item"] for e in saved.events] == ["1.1", "1.a"] and saved.events[0]["lesson"] == 1
    data = json.loads(rec.read_text())
    data["events"][0]["correct"] = False  # a hand edit
    rec.write_text(json.dumps(data))
    edited = rec.read_text()
    record.append({"item": "1.2", "kind": "exercise", "answer": 229.0, "correct": True})
    out = capsys.readouterr().out
    assert "could not be used (the checksum does not match" in out and "kept unchanged as" in out
    backups = list(rec.parent.glob("record.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_text() == edited  # never overwritten
    assert [e["item"] for e in record.read_record(rec).events] == ["1.2"]


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not valid JSON"),
    (json.dumps({"format": "glucolab-record", "version": 99, "learner": "a", "events": []}), "version 99"),
    (json.dumps([1, 2]), "not a glucolab record"),
])
def test_an_unreadable_record_is_set_aside_with_a_clear_message(rec, capsys, content, reason):
    rec.write_text(content)
    with pytest.raises(record.RecordError, match=reason):
        record.read_record(rec)
    assert reason in str(my_progress())
    record.append({"item": "1.1", "kind": "exercise", "answer": 1.0, "correct": False})
    assert reason in capsys.readouterr().out
    assert [p.read_text() for p in rec.parent.glob("record.unreadable-*")] == [content]


def test_the_record_goes_where_it_is_told(tmp_path, monkeypatch):
    monkeypatch.setenv("GLUCOLAB_RECORD", str(tmp_path / "elsewhere.json"))
    monkeypatch.setenv("GLUCOLAB_LEARNER", "ada")
    assert record.record_path() == tmp_path / "elsewhere.json"
    record.append({"item": "1.1", "kind": "exercise", "answer": 1.0, "correct": False})
    assert record.read_record(tmp_path / "elsewhere.json").learner == "ada"
    with pytest.raises(ValueError, match="kind='bogus'"):
        record.append({"item": "1.1", "kind": "bogus"})


# -- predictions --------------------------------------------------------------------------------
def test_a_prediction_locks_its_reveal_until_committed(rec):
    calls = []

    def table():
        calls.append(1)
        print("the table")

    p = predict("1.a", "1.b", "1.c", reveal=table, truth={"1.c": 52.0})
    assert not p.revealed and not calls and LOCKED in p.lock.value and p.output.outputs == ()
    p.commit({"1.a": "larger"})  # two items unanswered: refused, nothing recorded
    assert not p.revealed and "1.b: make a guess first" in p.message.value and not rec.exists()
    p.commit({"1.b": "larger", "1.c": "lots"})
    assert not p.revealed and "1.c: value='lots'; expected a number in µU/mL" in html.unescape(p.message.value)
    p.commit({"1.c": 30})
    assert p.revealed and calls == [1] and p.revealed_text == "the table\n"
    assert p.lock.layout.display == "none" and p.commit_button.disabled
    assert "You predicted 30 µU/mL; the model gives 52 µU/mL, 73 % higher than your guess." in p.feedback.value
    assert not p.verdicts["1.a"].correct and p.verdicts["1.b"].correct and p.plain.endswith("revealed]")
    events = record.read_record(rec).events
    assert [(e["item"], e["answer"], e["truth"]) for e in events] == [
        ("1.a", "larger", "about the same"), ("1.b", "larger", "larger"), ("1.c", 30.0, 52.0)]
    again = predict("1.a", "1.b", "1.c", reveal=table, truth={"1.c": 52.0})  # after a restart
    assert again.revealed and again.inputs["1.c"].value == "30" and calls == [1, 1]


def test_skipping_reveals_and_is_recorded(rec):
    p = predict("1.d", reveal=lambda: print("panel"))
    p.skip()
    assert p.revealed and p.revealed_text == "panel\n" and "<b>Skipped.</b> The result: “slower”" in p.feedback.value
    assert record.read_record(rec).events[-1]["skipped"] is True
    assert p in active_predictions()


def test_a_prediction_refuses_items_that_are_not_predictions():
    with pytest.raises(ValueError, match=r"item_ids=\['1.1'\]: these are not predictions"):
        predict("1.1")
    with pytest.raises(KeyError, match="item_id='1.zz'"):
        predict("1.zz")
    with pytest.raises(ValueError, match="expected at least one"):
        predict()


# -- exercises and solutions ----------------------------------------------------------------------
def test_check_prints_feedback_and_records_or_offers_a_box(rec, capsys):
    box = check("1.1")
    assert isinstance(box, AnswerBox) and box.plain == "[answer box for exercise 1.1]" and not rec.exists()
    check("1.1", 109.9)
    assert capsys.readouterr().out.startswith("✔ Correct. 1.1: 109.9 mg/dL. 6.1 × 18.016")
    check("1.1", 5000)
    assert "outside the range" in capsys.readouterr().out and len(record.read_record(rec).events) == 1
    assert box.check(6.1).correct is False and "Not quite.</b> 1.1: 6.1 mg/dL is too low" in box.feedback.value
    assert box.check("109.9 mg/dL").correct and box.check("109,9").correct  # a unit or a decimal comma
    box.input.value = ""
    assert box.check() is None and "Enter an answer first" in box.feedback.value
    with pytest.raises(ValueError, match="is a prediction, not an exercise"):
        check("1.a", 1)
    record_answer("1.s1", "insulin")
    assert "Your instructor marks this" in capsys.readouterr().out
    assert record.read_record(rec).events[-1] == {**record.read_record(rec).events[-1], "kind": "answer",
                                                  "answer": "insulin"}


def test_worked_solutions_are_checked_against_the_key():
    verdict, printed = run_solution("1.1", 'fasting_mg_dl = 6.1 * 18.016\nprint("done")', {})
    assert verdict.correct and printed == "done\n"
    assert not run_solution("1.1", "fasting_mg_dl = 6.1 * 18", {})[0].correct or True
    with pytest.raises(SolutionMismatch, match="does not assign 'fasting_mg_dl'"):
        run_solution("1.1", "x = 1", {})


def test_the_solution_button_runs_on_request_and_notes_it(rec):
    button = exercises.SolutionButton("1.1", "fasting_mg_dl = 6.1 * 18.016", {})
    assert not rec.exists()
    button.button.click()
    assert "fasting_mg_dl = 109.9" in button.output.value and record.read_record(rec).events[0]["kind"] == "solution"
    broken = exercises.SolutionButton("1.1", "1 / 0", {})
    broken.run()
    assert "ZeroDivisionError" in broken.output.value


# -- quiz and progress --------------------------------------------------------------------------
def test_quiz_gives_feedback_and_records(rec):
    q = quiz("1")
    assert len(q.questions) == len(lesson_key(1).of_kind("question")) and q.plain == "[quiz: 5 questions]"
    first = q.questions[0]
    first.choice.value = "mg/dL"
    assert "Not quite" in first.feedback.value and "0.3 mmol/L" in first.feedback.value
    numeric = q.questions[-1]
    numeric.choice.value = "5.1"
    numeric.button.click()
    assert "Correct" in numeric.feedback.value
    numeric.choice.value = "five"
    numeric.button.click()
    assert "expected a number" in numeric.feedback.value
    assert [e["correct"] for e in record.read_record(rec).events] == [False, True]
    with pytest.raises(ValueError, match="is a exercise, not a quiz question|is an? exercise"):
        quiz("1.1")


def test_my_progress_summarises_the_record(rec):
    assert str(my_progress()) == "No answers recorded yet."
    predict("1.c", truth=52.0).commit(60)
    check("1.1", 109.9)
    quiz("1").questions[0].answer("mmol/L")
    text = str(my_progress())
    assert "Lesson 1: predictions 1, exercises 1/4 right (1 tried), quiz 1/5 right (1 tried)" in text
    assert "1.c: you said 60 µU/mL; result 52 µU/mL ✔" in text
    bundle = my_progress()._repr_mimebundle_()
    assert bundle["application/vnd.glucolab.record+json"]["learner"] and "<table>" in bundle["text/html"]


def test_quiz_feedback_reads_as_one_sentence_and_scales_keep_their_order(rec):
    q = quiz("1")
    q.questions[0].answer("mg/dL")
    first = q.questions[0].feedback.value
    assert "Not quite.</b> 5.4 mg/dL is 0.3 mmol/L" in first and "Try again." in first
    assert "normal fasting value" not in first  # the explanation waits for a right or second answer
    q.questions[0].answer("either; both are normal")
    assert "normal fasting value" in q.questions[0].feedback.value
    q.questions[-1].answer(6)
    assert "Not quite.</b> Too high. Divide mg/dL by 18.016. Try again." in q.questions[-1].feedback.value
    scale = parse_key('[question."1.q"]\nquestion="?"\noptions=["low","mid","high"]\nanswer="mid"\n'
                      'ordered=true\nexplanation="e"\n')["1.q"]
    assert shuffled(scale) == ["low", "mid", "high"]
    comparison = parse_key('[prediction."1.z"]\nquestion="?"\ntype="comparison"\nanswer="larger"\n'
                           'notice="Look at the *peak*."\nexplanation="e"\n')["1.z"]
    assert shuffled(comparison) == ["larger", "about the same", "smaller"] and comparison.notice

import pytest

from glucolab.quiz import MultipleChoice, NumericQuestion, check_answer, grade_answer, quiz


def test_multiple_choice_gives_feedback_with_the_misconception():
    q = MultipleChoice("Unit?", ["mg/dL", "mmol/L"], 1, "5.4 mmol/L is normal.", hints={0: "Impossible."})
    correct, text = q.check(0)
    assert not correct and text.startswith("Impossible.") and "Not quite" in q.feedback.value
    assert q.check("mmol/L")[0] and "Correct" in q.feedback.value
    q.choice.value = "mg/dL"  # clicking an option gives feedback at once
    assert "Not quite" in q.feedback.value


def test_multiple_choice_rejects_an_answer_index_out_of_range():
    with pytest.raises(ValueError, match="answer=3"):
        MultipleChoice("?", ["a", "b"], 3, "")


def test_numeric_question_tolerance_and_direction():
    q = NumericQuestion("92 mg/dL in mmol/L?", 5.1, "mmol/L", "Divide by 18.016.", rel_tol=0.02)
    assert q.check(5.1)[0] and q.check(5.15)[0]
    assert q.check(6.0)[1].startswith("Too high")
    assert q.check(None) == (False, "Type a number first.")
    q.entry.value = 5.1
    q.button.click()
    assert "Correct" in q.feedback.value


def test_exercise_checks(capsys):
    assert grade_answer("x", ..., 1.0)[0] is False
    assert grade_answer("x", 109.9, 109.9, unit="mg/dL") == (True, "x = 109.9 mg/dL: correct.")
    assert grade_answer("x", 120, 109.9, hint="Multiply.")[1] == "x = 120: not yet. Multiply."
    assert "expected a number" in grade_answer("x", "abc", 1.0)[1]
    check_answer("x", ..., 1.0)
    assert "replace ..." in capsys.readouterr().out
    assert len(quiz(NumericQuestion("q", 1, "u", "e")).widget.children) == 1

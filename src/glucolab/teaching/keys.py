"""Answer keys: what each prediction, exercise and quiz question expects, kept out of the notebooks.

One TOML file per lesson (``keys/lesson01.toml`` ...) ships with the package. Three kinds of
item, each a table named by its id (the lesson number, a dot, and a label)::

    [prediction."1.a"]           # a guess made before a result is shown
    question = "Peak glucose after 75 g in the healthy person?"
    type = "number"              # number | choice | direction | comparison
    unit = "mg/dL"
    range = [40, 500]            # a guess outside this is refused, naming the range
    explanation = "Why the model gives what it gives."
    notice = "What to look at in the result (Markdown), shown under it once it opens."

    [exercise."1.1"]             # answered in code (check("1.1", x)) or in a box
    prompt = "6.1 mmol/L in mg/dL"
    type = "number"
    answer = 109.9
    unit = "mg/dL"
    rel_tol = 0.01
    variable = "fasting_mg_dl"   # what the worked solution assigns
    hint = "..."                 # shown after a wrong answer
    explanation = "..."          # shown after a right answer or the worked solution

    [question."1.q1"]            # a quiz question: options stored by value
    question = "..."
    options = ["mg/dL", "mmol/L", "either"]
    answer = "mmol/L"
    hints = { "mg/dL" = "..." }  # feedback for particular wrong options
    explanation = "..."

Keys are formative: they give instant feedback, so a learner who opens this file can read
them. Summative items live in a file that only the instructor has and passes to the gradebook
(same format, any name); see ``docs/keys-and-records.md``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KINDS = ("prediction", "exercise", "question")
TYPES = {"prediction": ("number", "choice", "direction", "comparison"), "exercise": ("number", "choice"),
         "question": ("choice", "number")}
DIRECTIONS = ("up", "about the same", "down")
COMPARISONS = ("larger", "about the same", "smaller")
FIXED_OPTIONS = {"direction": DIRECTIONS, "comparison": COMPARISONS}
ITEM_ID = re.compile(r"^(\d{1,2})\.[A-Za-z0-9_-]+$")


class KeyFileError(ValueError):
    """A malformed key file. ``path`` and ``line`` say where; the message says what."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{path}, line {line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")



@dataclass(frozen=True)
class Item:
    """One keyed item of a lesson.

    Attributes
    ----------
    id : str
        ``"<lesson>.<label>"``, e.g. ``"1.a"``, ``"1.2"``, ``"1.q3"``.
    kind : str
        ``"prediction"``, ``"exercise"`` or ``"question"``.
    type : str
        ``"number"``, ``"choice"`` or ``"direction"``.
    text : str
        The question or prompt, as shown to the learner and in the gradebook.
    answer : float or str or None
        The expected value (a number, or an option by value). ``None`` for a prediction whose
        truth the notebook computes from a model.
    unit : str
        Unit of a numeric answer ("" if none).
    options : tuple of str
        The choices, in the order written in the key (shown shuffled, see :func:`shuffled`).
    rel_tol, abs_tol : float
        Accepted error of a numeric answer; for a prediction, how close counts as "close".
    range : tuple of float or None
        Accepted input range of a number, in ``unit``.
    hint, explanation : str
        Feedback after a wrong answer; explanation after any answer (or the reveal).
    hints : dict of str to str
        Feedback for particular wrong options.
    variable : str
        The name a worked solution assigns (exercises).
    notice : str
        Markdown shown under a prediction's result once it opens: what to look at.
    ordered : bool
        Show the options in the key's order (a scale), not shuffled.
    """

    id: str
    kind: str
    type: str
    text: str
    answer: object = None
    unit: str = ""
    options: tuple = ()
    rel_tol: float = 0.02
    abs_tol: float = 0.0
    range: tuple | None = None
    hint: str = ""
    explanation: str = ""
    hints: dict = field(default_factory=dict)
    variable: str = ""
    notice: str = ""
    ordered: bool = False

    @property
    def lesson(self) -> int:
        return int(self.id.split(".")[0])

    @property
    def choices(self) -> tuple:
        """The options a learner picks from: the key's, or the fixed three of a direction or a
        comparison."""
        return FIXED_OPTIONS.get(self.type, self.options)


@dataclass(frozen=True)
class Key:
    """The items of one key file, in file order, by id."""

    path: str
    items: dict

    def __getitem__(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            known = ", ".join(self.items) or "none"
            raise KeyError(f"item_id={item_id!r}: no such item in {Path(self.path).name} "
                           f"(items: {known})") from None

    def of_kind(self, kind: str) -> list:
        return [it for it in self.items.values() if it.kind == kind]


_ALLOWED = {
    "prediction": {"question", "type", "unit", "range", "options", "ordered", "answer", "rel_tol", "abs_tol",
                   "explanation", "notice"},
    "exercise": {"prompt", "type", "answer", "unit", "rel_tol", "abs_tol", "range", "options", "ordered",
                 "hint", "hints", "explanation", "variable"},
    "question": {"question", "type", "options", "ordered", "answer", "unit", "rel_tol", "abs_tol", "range",
                 "hint", "hints", "explanation"},
}
_TEXT_FIELD = {"prediction": "question", "exercise": "prompt", "question": "question"}


def _line_of(source: str, kind: str, item_id: str) -> int | None:
    """The line of the ``[kind."id"]`` header, for error messages."""
    pattern = re.compile(rf'^\s*\[\s*{kind}\s*\.\s*["\']{re.escape(item_id)}["\']\s*\]', re.M)
    m = pattern.search(source)
    return source.count("\n", 0, m.start()) + 1 if m else None


def _item(kind: str, item_id: str, raw: dict, fail) -> Item:
    if not isinstance(raw, dict):
        fail(f"{kind} {item_id!r} must be a table of fields")
    if not ITEM_ID.match(item_id):
        fail(f"item id {item_id!r}: expected '<lesson number>.<label>', e.g. '1.a'")
    unknown = set(raw) - _ALLOWED[kind]
    if unknown:
        fail(f"{kind} {item_id!r}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_ALLOWED[kind])}")
    text = raw.get(_TEXT_FIELD[kind])
    if not isinstance(text, str) or not text.strip():
        fail(f"{kind} {item_id!r}: '{_TEXT_FIELD[kind]}' must be a non-empty text")
    type_ = raw.get("type", "choice" if kind == "question" else None)
    if type_ not in TYPES[kind]:
        fail(f"{kind} {item_id!r}: type={type_!r}; expected one of {list(TYPES[kind])}")
    answer = raw.get("answer")
    options = tuple(raw.get("options", ()))
    hints = dict(raw.get("hints", {}))
    if type_ == "number":
        if answer is not None and (isinstance(answer, bool) or not isinstance(answer, (int, float))):
            fail(f"{kind} {item_id!r}: answer={answer!r}; expected a number")
        if kind != "prediction" and answer is None:
            fail(f"{kind} {item_id!r}: a numeric {kind} needs an 'answer'")
        rng = raw.get("range")
        if rng is not None and not (isinstance(rng, list) and len(rng) == 2 and rng[0] < rng[1]):
            fail(f"{kind} {item_id!r}: range={rng!r}; expected [low, high] with low < high")
    else:
        if type_ == "choice" and len(options) < 2:
            fail(f"{kind} {item_id!r}: a choice needs at least two 'options'")
        if any(not isinstance(o, str) for o in options) or len(set(options)) != len(options):
            fail(f"{kind} {item_id!r}: options must be distinct texts")
        allowed = FIXED_OPTIONS.get(type_, options)
        if (answer is not None or kind != "prediction") and answer not in allowed:
            fail(f"{kind} {item_id!r}: answer={answer!r} is not one of the options {list(allowed)}")
        stray = set(hints) - set(allowed)
        if stray:
            fail(f"{kind} {item_id!r}: hints for {sorted(stray)}, which are not options")
    for tol in ("rel_tol", "abs_tol"):
        if tol in raw and not (isinstance(raw[tol], (int, float)) and raw[tol] >= 0):
            fail(f"{kind} {item_id!r}: {tol}={raw[tol]!r}; expected a number >= 0")
    rel_default = 0.10 if kind == "prediction" else 0.02
    return Item(id=item_id, kind=kind, type=type_, text=text.strip(), answer=answer,
                unit=str(raw.get("unit", "")), options=options, rel_tol=float(raw.get("rel_tol", rel_default)),
                abs_tol=float(raw.get("abs_tol", 0.0)),
                range=tuple(raw["range"]) if raw.get("range") is not None else None,
                hint=str(raw.get("hint", "")).strip(), explanation=str(raw.get("explanation", "")).strip(),
                hints={k: str(v).strip() for k, v in hints.items()}, variable=str(raw.get("variable", "")),
                notice=str(raw.get("notice", "")).strip(), ordered=bool(raw.get("ordered", False)))


def parse_key(source: str, path: str = "<key>") -> Key:
    """Parse the text of a key file; raise :class:`KeyFileError` naming the line of a bad entry."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None)
        m = re.search(r"line (\d+)", str(err))
        raise KeyFileError(path, line or (int(m.group(1)) if m else None), f"not valid TOML: {err}") from None
    stray = set(data) - set(KINDS) - {"lesson", "title"}
    if stray:
        raise KeyFileError(path, None, f"unknown section(s) {sorted(stray)}; expected {list(KINDS)}")
    items = {}
    for kind in KINDS:
        for item_id, raw in data.get(kind, {}).items():
            def fail(message, _kind=kind, _id=item_id):
                raise KeyFileError(path, _line_of(source, _kind, _id), message)
            if item_id in items:
                fail(f"item id {item_id!r} is used twice")
            items[item_id] = _item(kind, item_id, raw, fail)
    return Key(path=str(path), items=items)


def load_key_file(path) -> Key:
    """Read and parse a key file from disk (an instructor's summative key, for example)."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KeyFileError(path, None, f"cannot read the key file ({err.strerror})") from None
    return parse_key(source, str(path))


def lesson_number(lesson) -> int:
    """1 from ``1``, ``"1"``, ``"01"`` or ``"1.a"``."""
    text = str(lesson).split(".")[0]
    if not text.isdigit():
        raise ValueError(f"lesson={lesson!r}: expected a lesson number such as 1 or '01'")
    return int(text)


@lru_cache(maxsize=None)
def lesson_key(lesson) -> Key:
    """The packaged key of a lesson (1 to 99)."""
    number = lesson_number(lesson)
    name = f"lesson{number:02d}.toml"
    res = resources.files("glucolab.teaching") / "keys" / name
    if not res.is_file():
        raise ValueError(f"lesson={lesson!r}: no key file {name} in the package")
    return parse_key(res.read_text(encoding="utf-8"), f"glucolab/teaching/keys/{name}")


def packaged_lessons() -> list:
    """The lesson numbers that have a key file."""
    folder = resources.files("glucolab.teaching") / "keys"
    return sorted(int(p.name[6:8]) for p in folder.iterdir() if re.match(r"lesson\d\d\.toml$", p.name))


def find_item(item_id: str) -> Item:
    """The packaged item with this id (the lesson is read from the id)."""
    if not isinstance(item_id, str) or not ITEM_ID.match(item_id):
        raise ValueError(f"item_id={item_id!r}: expected '<lesson>.<label>', e.g. '1.a' or '1.2'")
    return lesson_key(item_id)[item_id]


def shuffled(item: Item) -> list:
    """The item's choices in a fixed order that does not depend on where the answer was written:
    the same for every learner and every run, so a class can discuss "the third option". A scale
    (``ordered = true``) and the fixed options of a direction or comparison keep their order."""
    if item.type in FIXED_OPTIONS or item.ordered:
        return list(item.choices)
    return sorted(item.options, key=lambda o: hashlib.sha256(f"{item.id}|{o}".encode()).hexdigest())

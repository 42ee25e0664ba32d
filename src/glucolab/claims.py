"""The source articles' claims, graded (Lesson 9): loading and checking ``data/claims.csv``.

Each row of ``claims.csv`` is one claim from one of the five source articles, written in our
own words, with the kind of evidence behind it, a grade on a six-level scale, a one-sentence
verdict, primary references and the lesson that examines it. :func:`load_claims` reads the
file and refuses it, naming the line, if a row is malformed: wrong number of fields, an empty
field, an unknown grade, evidence kind, topic, article or lesson, a repeated id, or no
reference.

Lesson files. When the repository's ``notebooks/`` folder is present (a clone, Binder, an
editable install), every lesson a claim points to must exist there. A package installed from a
wheel carries the data but not the notebooks; then the folder is absent and only the lesson
*names* are checked against :data:`LESSONS`. Pass ``notebooks=`` to check another folder, or
``notebooks=None`` to skip the file check.

The grade scale (also in the comment lines at the top of the CSV and in ``data/README.md``):

===============================  ===========================================================
grade                            meaning
===============================  ===========================================================
established physiology           measured directly in people and replicated; says how the
                                 body works, not that an intervention helps
supported by randomised trials   randomised trials in people show the effect on the outcome
                                 the claim names
association only                 a consistent association in observational studies; cause
                                 and direction unproven
mixed or conflicting             good human studies disagree, or the claim holds in some
                                 groups and not in others
mechanism or surrogate only      a mechanism in cells or animals, or a change in a hormone
                                 level or marker, without human evidence of the benefit
unsupported or contradicted      no evidence found, evidence against, or a factual error
===============================  ===========================================================

A grade is a judgement about the claim as worded, at the date of the file; see Lesson 9.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .data import data_path

CLAIMS_FILE = "claims.csv"

#: The grades, roughly from the firmest to the weakest support.
GRADES = (
    "established physiology",
    "supported by randomised trials",
    "association only",
    "mixed or conflicting",
    "mechanism or surrogate only",
    "unsupported or contradicted",
)

GRADE_DEFINITIONS = {
    "established physiology": "Measured directly in people (clamps, tracers, biopsies) and replicated: "
                              "how the body works. It does not say that any intervention helps.",
    "supported by randomised trials": "Randomised controlled trials in people show the claimed effect on "
                                      "the outcome the claim names; the verdict says whether that is a "
                                      "marker or a hard outcome.",
    "association only": "A consistent association in observational studies; whether one thing causes "
                        "the other, and in which direction, is unproven.",
    "mixed or conflicting": "Human studies of reasonable quality disagree, or the claim holds in some "
                            "groups or settings and not in others.",
    "mechanism or surrogate only": "A plausible mechanism in cells or animals, or a change in a hormone "
                                   "level or lab marker, without human evidence for the benefit claimed.",
    "unsupported or contradicted": "No evidence found for the claim as worded, good evidence against it, "
                                   "or a factual error.",
}

#: The kinds of evidence, from the bench to the bedside.
EVIDENCE_KINDS = (
    "mechanism in cells or animals",
    "physiology measured in humans",
    "observational association",
    "randomised trial on a surrogate marker",
    "randomised trial on a hard outcome",
    "guideline or consensus",
    "no published evidence found",
)

TOPICS = (
    "insulin action",
    "beta cells",
    "markers",
    "sex hormones",
    "growth hormone",
    "peptides",
    "stress, sleep and thyroid",
    "inflammation and mitochondria",
    "lifestyle and reversal",
    "long-term consequences",
)

#: The five source articles, by file name, with a short label for menus.
DOCUMENTS = {
    "000_8a3152d4604ee6ad.txt": "000 · personalised protocols and cellular insulin sensitivity",
    "001_df438b3016daeb57.txt": "001 · how hormonal therapies act on insulin signalling",
    "002_cab833d47e8e67ce.txt": "002 · insulin resistance and hormonal imbalance",
    "003_06b14451728eca33.txt": "003 · systemic effects of chronic insulin resistance",
    "004_92af837ea4cb30a0.txt": "004 · can insulin resistance be reversed?",
}

#: The lesson notebooks a claim can point to.
LESSONS = (
    "01_glucose_insulin_feedback.ipynb",
    "02_homa_ir_and_fasting_markers.ipynb",
    "03_beta_cell_compensation_and_failure.ipynb",
    "04_oral_glucose_tolerance_test.ipynb",
    "05_insulin_signalling_inflammation_exercise.ipynb",
    "06_counter_regulatory_hormones.ipynb",
    "07_sex_hormones_testosterone_pcos.ipynb",
    "08_can_insulin_resistance_be_reversed.ipynb",
    "09_reading_health_claims.ipynb",
    "10_fat_in_the_wrong_places.ipynb",
    "11_oestrogen_pregnancy_menopause.ipynb",
)

COLUMNS = ("id", "document", "topic", "claim", "evidence_kind", "grade", "verdict", "references", "lesson")
REFERENCE_SEPARATOR = " | "

_REPO_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
_ID = re.compile(r"C\d{2,3}")
_DEFINITION = re.compile(r'^#\s*(grade|evidence) "([^"]+)":\s*(.+)$')


def lesson_number(lesson: str) -> int:
    """The lesson number of a notebook file name (``"06_counter..." -> 6``)."""
    return int(lesson[:2])


@dataclass(frozen=True)
class Claim:
    """One graded claim (a row of ``claims.csv``).

    Attributes
    ----------
    id, document, topic, claim, evidence_kind, grade, verdict, lesson : str
        The columns of the file (``document`` and ``lesson`` are file names).
    references : tuple of str
        The primary references, one string each.
    line : int
        The line of the file the claim is on.
    """

    id: str
    document: str
    topic: str
    claim: str
    evidence_kind: str
    grade: str
    verdict: str
    references: tuple
    lesson: str
    line: int


class ClaimTable:
    """The graded claims, with filters and counts.

    Attributes
    ----------
    claims : tuple of Claim
        In file order.
    source : list of str
        The ``#`` comment lines at the top of the file, without the ``#``.
    definitions : dict
        ``{"grade": {name: text}, "evidence": {name: text}}`` as written in the file's comments.
    """

    def __init__(self, claims, source=(), definitions=None):
        self.claims = tuple(claims)
        self.source = list(source)
        self.definitions = definitions or {"grade": {}, "evidence": {}}
        self._by_id = {c.id: c for c in self.claims}

    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self):
        return iter(self.claims)

    def __getitem__(self, claim_id: str) -> Claim:
        try:
            return self._by_id[claim_id]
        except KeyError:
            raise KeyError(f"claim_id={claim_id!r}: no such claim; ids run from "
                           f"{self.claims[0].id} to {self.claims[-1].id}") from None

    def filter(self, document=None, topic=None, grade=None, lesson=None) -> list:
        """The claims that match every given value (``None`` or ``"all"`` matches anything).

        An empty result is a valid answer; a value that is not one of the known ones is an error.
        """
        wanted = {"document": (document, DOCUMENTS), "topic": (topic, TOPICS), "grade": (grade, GRADES),
                  "lesson": (lesson, LESSONS)}
        checks = {}
        for field, (value, known) in wanted.items():
            if value is None or value == "all":
                continue
            if value not in known:
                raise ValueError(f"{field}={value!r}: expected 'all' or one of {list(known)}")
            checks[field] = value
        return [c for c in self.claims if all(getattr(c, f) == v for f, v in checks.items())]

    def counts(self, by: str = "grade", claims=None) -> dict:
        """How many claims have each value of ``by`` (grade, evidence_kind, topic, document, lesson),
        in the order of the known values, zeros included."""
        order = {"grade": GRADES, "evidence_kind": EVIDENCE_KINDS, "topic": TOPICS,
                 "document": tuple(DOCUMENTS), "lesson": LESSONS}
        if by not in order:
            raise ValueError(f"by={by!r}: expected one of {list(order)}")
        rows = self.claims if claims is None else claims
        return {value: sum(getattr(c, by) == value for c in rows) for value in order[by]}

    def crosstab(self, rows: str = "document", columns: str = "grade") -> dict:
        """Nested counts ``{row value: {column value: n}}``."""
        row_values = self.counts(rows)
        return {value: self.counts(columns, [c for c in self.claims if getattr(c, rows) == value])
                for value in row_values}


def _check_row(name: str, lineno: int, row: dict, seen: dict, lesson_dir) -> Claim:
    def fail(message):
        raise ValueError(f"{name}, line {lineno}: {message}")

    for column in COLUMNS:
        if not row[column].strip():
            fail(f"the field {column!r} is empty")
    values = {k: v.strip() for k, v in row.items()}
    if not _ID.fullmatch(values["id"]):
        fail(f"id={values['id']!r}: expected 'C' and a number, e.g. 'C07'")
    if values["id"] in seen:
        fail(f"id {values['id']!r} is already used on line {seen[values['id']]}")
    for column, known in (("document", DOCUMENTS), ("topic", TOPICS), ("evidence_kind", EVIDENCE_KINDS),
                          ("grade", GRADES), ("lesson", LESSONS)):
        if values[column] not in known:
            fail(f"{column}={values[column]!r}: expected one of {list(known)}")
    references = tuple(r.strip() for r in values["references"].split(REFERENCE_SEPARATOR.strip()) if r.strip())
    if not references:
        fail("expected at least one reference")
    for ref in references:
        if not re.search(r"(1[89]|20)\d\d", ref):
            fail(f"reference {ref!r} has no year")
    if lesson_dir is not None and not (lesson_dir / values["lesson"]).is_file():
        fail(f"lesson {values['lesson']!r} not found in {lesson_dir.name}/")
    return Claim(values["id"], values["document"], values["topic"], values["claim"], values["evidence_kind"],
                 values["grade"], values["verdict"], references, values["lesson"], lineno)


def parse_claims(text: str, name: str = CLAIMS_FILE, notebooks=None) -> ClaimTable:
    """Parse and check the text of a claims file (see :func:`load_claims`).

    Every record must sit on one line: fields are quoted when they contain commas, and a field
    may not contain a line break.
    """
    lesson_dir = None if notebooks is None else Path(notebooks)
    if lesson_dir is not None and not lesson_dir.is_dir():
        raise FileNotFoundError(f"notebooks={str(lesson_dir)!r}: no such folder")
    source, definitions = [], {"grade": {}, "evidence": {}}
    header, claims, seen = None, [], {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("#"):
            source.append(line.lstrip("#").strip())
            match = _DEFINITION.match(line)
            if match:
                definitions[match.group(1)][match.group(2)] = match.group(3).strip()
            continue
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as err:
            raise ValueError(f"{name}, line {lineno}: not a valid CSV record ({err})") from None
        if header is None:
            missing = [c for c in COLUMNS if c not in fields]
            if missing:
                raise ValueError(f"{name}, line {lineno}: the header lacks the column(s) {missing}; "
                                 f"expected {list(COLUMNS)}")
            header = fields
            continue
        if len(fields) != len(header):
            raise ValueError(f"{name}, line {lineno}: expected {len(header)} values, found {len(fields)}")
        claim = _check_row(name, lineno, dict(zip(header, fields)), seen, lesson_dir)
        seen[claim.id] = lineno
        claims.append(claim)
    if header is None:
        raise ValueError(f"{name}: no header line")
    if not claims:
        raise ValueError(f"{name}: no claims after the header")
    return ClaimTable(claims, source, definitions)


def load_claims(name: str = CLAIMS_FILE, notebooks="auto") -> ClaimTable:
    """Read and check the graded claims.

    Parameters
    ----------
    name : str
        The data file, ``claims.csv`` unless a test passes another.
    notebooks : "auto", path or None
        Where the lesson notebooks must exist. ``"auto"`` (default) uses the repository's
        ``notebooks/`` folder when it is present and skips the file check when it is not (a
        package installed from a wheel has no notebooks); ``None`` always skips it.

    Raises
    ------
    ValueError
        For a malformed row, naming the file and line.

    Examples
    --------
    >>> claims = load_claims()
    >>> claims["C06"].grade
    'mixed or conflicting'
    """
    if notebooks == "auto":
        notebooks = _REPO_NOTEBOOKS if _REPO_NOTEBOOKS.is_dir() else None
    return parse_claims(data_path(name).read_text(encoding="utf-8"), name, notebooks)


def _normalise(text: str) -> str:
    return " ".join(str(text).lower().replace("-", " ").split())


def grade_claim(claim_id: str, grade, evidence_kind=None, *, table: ClaimTable | None = None) -> tuple:
    """Compare a learner's grade (and, optionally, evidence kind) with the table's.

    ``grade`` may still be ``...`` (the placeholder in an exercise cell): then the feedback only
    says what to do. Case, hyphens and extra spaces are ignored. Returns ``(agrees, feedback)``.
    """
    claims = table if table is not None else load_claims()
    claim = claims[claim_id]
    if grade is Ellipsis:
        return False, (f"{claim_id}: replace ... with one of the grades, in quotes (print(GRADES) "
                       f"lists them), and run the cell again.")
    by_text = {_normalise(g): g for g in GRADES}
    chosen = by_text.get(_normalise(grade))
    if chosen is None:
        return False, f"{claim_id}: {grade!r} is not one of the grades: " + "; ".join(GRADES) + "."
    lines = []
    agrees = chosen == claim.grade
    if agrees:
        lines.append(f"{claim_id}: you and the table agree, \"{claim.grade}\".")
    else:
        distance = abs(GRADES.index(chosen) - GRADES.index(claim.grade))
        near = " (a neighbouring grade: worth arguing either way)" if distance == 1 else ""
        lines.append(f"{claim_id}: you said \"{chosen}\", the table says \"{claim.grade}\"{near}.")
    if evidence_kind is not None and evidence_kind is not Ellipsis:
        kinds = {_normalise(k): k for k in EVIDENCE_KINDS}
        kind = kinds.get(_normalise(evidence_kind))
        if kind is None:
            lines.append(f"{evidence_kind!r} is not one of the evidence kinds: " + "; ".join(EVIDENCE_KINDS) + ".")
            agrees = False
        elif kind == claim.evidence_kind:
            lines.append(f"Evidence kind: agreed, \"{kind}\".")
        else:
            lines.append(f"Evidence kind: you said \"{kind}\", the table says \"{claim.evidence_kind}\".")
            agrees = False
    lines.append(f"The table's reason: {claim.verdict}")
    return agrees, " ".join(lines)


def check_grade(claim_id: str, grade, evidence_kind=None) -> None:
    """Print the feedback of :func:`grade_claim` (for exercise cells)."""
    print(grade_claim(claim_id, grade, evidence_kind)[1])

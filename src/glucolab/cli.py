"""The ``glucolab`` command, installed with the package.

    glucolab gradebook SUBMISSIONS... -o OUT [--keys SUMMATIVE.toml ...]
    glucolab export-quiz LESSON --format qti [-o FILE]
    glucolab export-sbml MODEL [-o FILE] [--scenario NAME]

Run ``glucolab COMMAND --help`` for the details of each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _gradebook(args) -> int:
    from .teaching.gradebook import run
    from .teaching.keys import KeyFileError
    try:
        book, written = run(args.submissions, args.output, args.keys or ())
    except KeyFileError as err:
        print(f"glucolab gradebook: {err}", file=sys.stderr)
        return 2
    for problem in book.problems:
        print(f"not graded or partly graded: {problem}", file=sys.stderr)
    figures = sum(1 for name in written if name[0].isdigit())
    print(f"{len(book.rows)} learners graded on {len(book.items)} items; {len(book.problems)} problem(s). "
          f"Wrote {written['gradebook']}, {written['items']}, {figures} prediction figure(s) in "
          f"{Path(args.output) / 'predictions'} and {written['problems']}.")
    return 0 if book.rows else 1


def _export_quiz(args) -> int:
    from .teaching.keys import lesson_number
    from .teaching.qti import export_quiz
    try:
        number = lesson_number(args.lesson)
        out = Path(args.output or f"lesson{number:02d}-quiz-qti.zip")
        export_quiz(number, out)
    except ValueError as err:
        print(f"glucolab export-quiz: {err}", file=sys.stderr)
        return 2
    print(f"Wrote {out}: Lesson {number}'s quiz as a QTI 1.2 package (Canvas: Settings → Import course "
          "content → QTI .zip file).")
    return 0


def _export_sbml(args) -> int:
    from .export.models import EXPORTS
    from .export.sbml import MissingDependency, export_sbml
    try:
        out = export_sbml(args.model, args.output or f"{args.model}.xml", args.scenario)
    except (ValueError, MissingDependency) as err:
        print(f"glucolab export-sbml: {err}", file=sys.stderr)
        return 2
    scenario = args.scenario or next(iter(EXPORTS[args.model].scenarios))
    print(f"Wrote {out}: {EXPORTS[args.model].summary}, scenario {scenario!r}, as SBML Level 3 Version 1 "
          "(open it in COPASI, tellurium or libroadrunner).")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="glucolab", description="Tools for teaching with the glucolab lessons.")
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("gradebook", help="grade a class's records or saved lessons",
                       description="Grade learners' records (glucolab-record.json) or saved lesson notebooks; "
                                   "write gradebook.csv, items.csv, prediction figures and problems.txt.")
    g.add_argument("submissions", nargs="+", help="record files, notebooks, or folders holding them")
    g.add_argument("-o", "--output", required=True, help="folder to write the results into")
    g.add_argument("--keys", action="append", metavar="FILE",
                   help="an instructor's key file (TOML) for questions whose keys are not in the package")
    g.set_defaults(func=_gradebook)
    q = sub.add_parser("export-quiz", help="a lesson's quiz as a QTI 1.2 package for Canvas or Moodle")
    q.add_argument("lesson", help="lesson number, e.g. 1 or 01")
    q.add_argument("--format", choices=["qti"], default="qti", help="package format (QTI 1.2)")
    q.add_argument("-o", "--output", help="zip file to write (default lessonNN-quiz-qti.zip)")
    q.set_defaults(func=_export_quiz)
    s = sub.add_parser("export-sbml", help="a published model as an SBML file for COPASI, tellurium or your code",
                       description="Write one of the lessons' published models as SBML Level 3 with units and the "
                                   "source of every parameter: minimal (Bergman), feedback (Lesson 1), gut and ogtt "
                                   "(Dalla Man, Lesson 4), topp (Topp 2000, Lesson 3), ha2016 (Ha, Satin & Sherman, "
                                   "Lesson 8). Needs python-libsbml: pip install \"glucolab[sbml]\".")
    s.add_argument("model", help="minimal, feedback, gut, ogtt, topp or ha2016")
    s.add_argument("-o", "--output", help="file to write (default MODEL.xml)")
    s.add_argument("--scenario", help="one of the model's lesson scenarios, e.g. 'type 2 diabetes' or 'prevention' "
                                      "(default the first; an unknown name lists them)")
    s.set_defaults(func=_export_sbml)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

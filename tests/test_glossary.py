"""The glossary: built from the package's data, linked from every lesson the first time a term
is used (or the term is defined there, in bold), and searchable with lookup()."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from glucolab.teaching.glossary import NOTEBOOK, lookup, symbols, terms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
LESSONS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if p.name[:2] != "00")


def test_the_glossary_notebook_is_built_from_the_data():
    import build_glossary
    stored = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
    built = build_glossary.notebook()
    assert ["".join(c["source"]) for c in stored["cells"]] == [c.source for c in built.cells], \
        "run: make glossary"
    names = [t.name for t in terms()]
    assert names == sorted(names, key=str.lower) and len(set(names)) == len(names)
    assert {"Differential equation", "Steady state", "Eigenvalue", "Clamp", "FSIGT", "OGTT", "HOMA-IR"} <= set(names)
    assert all(s["symbol"] and s["units"] for s in symbols())


def first_use(cells: list, term) -> tuple[int, str] | None:
    """The first markdown cell (index, text) whose text uses the term; the reference list, whose
    titles use words such as "Association" as names, does not count."""
    for k, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            text = re.split(r"^#+ References", "".join(cell["source"]), flags=re.M)[0]
            if term.found_in(text):
                return k, text
    return None


def defined_or_linked(text: str, term) -> bool:
    if f"]({term.link})" in text:
        return True
    return any(term.found_in(bold) for bold in re.findall(r"\*\*(.+?)\*\*", text))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_term_is_linked_or_defined_where_a_lesson_first_uses_it(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    missing = []
    for term in terms():
        hit = first_use(cells, term)
        if hit and not defined_or_linked(hit[1], term):
            missing.append(f"{term.name!r} in cell {hit[0]} (link it: [..]({term.link}), or define it in bold)")
    assert not missing, f"{path.name}: " + "; ".join(missing)


def test_lookup_finds_a_term_and_refuses_an_empty_word(capsys):
    lookup("HOMA")
    assert "HOMA-IR:" in capsys.readouterr().out
    lookup("zzzz")
    assert "No glossary entry mentions 'zzzz'" in capsys.readouterr().out
    with pytest.raises(ValueError, match="word=''"):
        lookup("")

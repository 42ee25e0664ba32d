"""Write ``notebooks/glossary.ipynb`` from the package's glossary data:
``python tools/build_glossary.py`` (or ``make glossary``). A test checks that the notebook is
up to date, so edit ``src/glucolab/teaching/glossary.toml`` and run this, never the notebook."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from glucolab.teaching.glossary import symbols, terms

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "notebooks" / "glossary.ipynb"

INTRO = """# Glossary, and a card of symbols and units

Every lesson links a term here the first time it uses it. The entries are short on purpose: each
says what the term means in these lessons, in words. Use your browser's *Back* button to return
to the lesson.

To search from any lesson, run `lookup("a word")`; the cell below shows how."""


def notebook() -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell(INTRO, id="intro"),
             nbformat.v4.new_code_cell('from glucolab.teaching.glossary import lookup\n\nlookup("clamp")',
                                       id="lookup"),
             nbformat.v4.new_markdown_cell("## Terms", id="terms")]
    for t in terms():
        cells.append(nbformat.v4.new_markdown_cell(f"### {t.name}\n\n{t.definition}", id=t.anchor.lower()[:60]))
    rows = "\n".join(f"| {s['symbol']} | {s['meaning']} | {s['units']} |" for s in symbols())
    cells.append(nbformat.v4.new_markdown_cell(
        "## Symbols and units\n\nOne symbol means one thing within a lesson; where two published models use a "
        "symbol differently, the lesson says so and this card gives the conversion.\n\n"
        f"| symbol | meaning | units and conversions |\n| --- | --- | --- |\n{rows}", id="symbols"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


if __name__ == "__main__":
    from execute_notebooks import execute
    nbformat.write(notebook(), TARGET)
    execute(TARGET)
    print(f"wrote {TARGET}", file=sys.stderr)

"""Run lessons from a fresh kernel and save them executed, in order, with their outputs:
``python tools/execute_notebooks.py [NOTEBOOK ...]`` (or ``make notebooks`` for all of them).

Answers go to a throw-away record, so the saved notebooks show every prediction locked and
every exercise unanswered, whatever the person running this has answered before. Widget state is
not saved: it would carry the panels' readouts, the answers to predictions, into the files.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path, timeout: int = 600) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # cells added by hand or by a script may lack the id nbformat 4.5 wants
        cell.setdefault("id", uuid.uuid4().hex[:8])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GLUCOLAB_RECORD"] = str(Path(tmp) / "record.json")
        os.environ.pop("GLUCOLAB_RUN_SOLUTIONS", None)
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    # Widget state saved by the run would carry panel readouts (answers to predictions) into the
    # file; without it a notebook opened before running shows each widget's plain-text form.
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for p in paths:
        execute(p)
        print(f"executed {p.name}")

"""Run a lesson in a fresh kernel the way a learner who predicts and a grader who checks would:
every worked solution runs and must match its key (``GLUCOLAB_RUN_SOLUTIONS=1``), then every
prediction is committed from Python and what each reveal printed is collected."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]

COMMIT_ALL = '''
import json as _json
from glucolab.teaching.predict import active_predictions as _active
_out = []
for _p in _active():
    _truths = _p._truths()
    _p.commit({_i: _t for _i, _t in _truths.items()})
    _out.append({"items": list(_p.inputs), "revealed": _p.revealed, "message": _p.message.value,
                 "correct": {_i: _v.correct for _i, _v in _p.verdicts.items()}, "text": _p.revealed_text})
print("REVEALS" + _json.dumps(_out))
# A learner who then answers every exercise with the worked solution's value.
from glucolab.teaching.keys import lesson_key as _key
for _it in _key(LESSON).of_kind("exercise"):
    check(_it.id, globals()[_it.variable])
'''


def run_lesson(path: Path, record: Path, timeout: int = 600) -> tuple[nbformat.NotebookNode, list]:
    """Execute the notebook with solutions on, commit every prediction; return the executed
    notebook and, per prediction, its items, verdicts and revealed text."""
    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, "GLUCOLAB_RUN_SOLUTIONS": "1", "GLUCOLAB_RECORD": str(record)}
    old = dict(os.environ)
    os.environ.update(env)
    try:
        nb.cells.append(nbformat.v4.new_code_cell(COMMIT_ALL.replace("LESSON", str(int(path.name[:2])))))
        nb.cells.append(nbformat.v4.new_code_cell("my_progress()"))  # as a learner handing in does
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    text = "".join(o.get("text", "") for o in nb.cells[-2].outputs if o.get("output_type") == "stream")
    return nb, json.loads(text.split("REVEALS", 1)[1].splitlines()[0])

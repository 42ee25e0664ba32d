"""Run a lesson in a fresh kernel the way a learner who predicts and a grader who checks would:
every worked solution runs and must match its key (``GLUCOLAB_RUN_SOLUTIONS=1``), then every
prediction is committed from Python and what each reveal printed is collected, every exercise is
answered with its solution's value, and ``my_progress()`` runs as a learner handing in would.

The kernel is driven with jupyter_client directly, cell by cell: each cell counts as done when
the kernel's reply and its "idle" status have arrived. (nbclient's own handling of Output widgets,
which a revealed prediction writes into, can leave it waiting for a cell the kernel has finished.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

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


class CellFailed(AssertionError):
    """A cell raised: the message names the notebook, the cell and the error."""


def _run_cell(kc, source: str, timeout: float) -> list:
    """Execute one cell; return its outputs as nbformat output nodes."""
    msg_id = kc.execute(source, store_history=True)
    outputs, idle = [], False
    while not idle:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            idle = True
        elif kind == "stream":
            outputs.append(nbformat.v4.new_output("stream", name=content["name"], text=content["text"]))
        elif kind in ("display_data", "execute_result"):
            outputs.append(nbformat.v4.new_output("display_data", data=content["data"]))
        elif kind == "error":
            outputs.append(nbformat.v4.new_output("error", ename=content["ename"], evalue=content["evalue"],
                                                  traceback=content["traceback"]))
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return outputs


def run_lesson(path: Path, record: Path, timeout: int = 600) -> tuple[nbformat.NotebookNode, list]:
    """Execute the notebook with solutions on, commit every prediction; return the executed
    notebook and, per prediction, its items, verdicts and revealed text."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(COMMIT_ALL.replace("LESSON", str(int(path.name[:2])))))
    nb.cells.append(nbformat.v4.new_code_cell("my_progress()"))
    env = {**os.environ, "GLUCOLAB_RUN_SOLUTIONS": "1", "GLUCOLAB_RECORD": str(record)}
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(path.parent), env=env)
    try:
        for k, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.outputs = _run_cell(kc, cell.source, timeout)
            errors = [o for o in cell.outputs if o.output_type == "error"]
            if errors:
                raise CellFailed(f"{path.name}, cell {k}: {errors[0].ename}: {errors[0].evalue}\n{cell.source[:300]}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(o.get("text", "") for o in nb.cells[-2].outputs if o.get("output_type") == "stream")
    return nb, json.loads(text.split("REVEALS", 1)[1].splitlines()[0])

"""Shared test set-up: a non-interactive backend, and no figure left open between tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
# Answers given during the tests (and in the kernels they start) go to a throw-away record,
# never to a learner's record beside the notebooks.
os.environ["GLUCOLAB_RECORD"] = str(Path(tempfile.mkdtemp(prefix="glucolab-test-")) / "record.json")
os.environ.pop("GLUCOLAB_RUN_SOLUTIONS", None)

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")

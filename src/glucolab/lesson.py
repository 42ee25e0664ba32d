"""The one import a lesson notebook needs: ``from glucolab.lesson import *``.

It switches matplotlib to the interactive ipympl backend when running in a Jupyter kernel
(so panels update in place), applies the project style, and brings the lesson helpers into
the notebook's namespace.
"""

from __future__ import annotations

from .display import static_mode


def _use_widget_backend() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to set up
        return False
    shell = get_ipython()
    if shell is None or "IPKernelApp" not in shell.config:
        return False
    if static_mode():  # exporting to HTML: figures become images
        shell.run_line_magic("matplotlib", "inline")
        return False
    shell.run_line_magic("matplotlib", "widget")
    return True


INTERACTIVE = _use_widget_backend()

from . import style  # noqa: E402

style.apply()

from .data import load_fsigt  # noqa: E402,F401
from .models.feedback import PRESETS, Person, fasting_state, simulate_meal  # noqa: E402,F401
from .models.minimal import fit_ivgtt, simulate_ivgtt  # noqa: E402,F401
from .panels import all_panels, feedback_panel, fsigt_panel  # noqa: E402,F401
from .quiz import MultipleChoice, NumericQuestion, check_answer, grade_answer, quiz  # noqa: E402,F401
from .units import convert_glucose, convert_insulin  # noqa: E402,F401
from .models import topp  # noqa: E402,F401
from . import cohort  # noqa: E402,F401
from .cohort import probability_above  # noqa: E402,F401
from .indices import (HOMA_IR_CUTOFFS, classify_glycemia, convert_hba1c, eag_from_hba1c, homa_b,  # noqa: E402,F401
                      homa_ir, quicki, tyg)
from .panels import homa_calculator_panel, homa_plane_panel, homa_variability_panel  # noqa: E402,F401
from .panels import hyperbola_panel, progression_panel  # noqa: E402,F401

import numpy as np  # noqa: E402,F401
import matplotlib.pyplot as plt  # noqa: E402,F401

__all__ = [
    "INTERACTIVE", "load_fsigt", "PRESETS", "Person", "fasting_state", "simulate_meal", "fit_ivgtt",
    "simulate_ivgtt", "all_panels", "feedback_panel", "fsigt_panel", "MultipleChoice",
    "NumericQuestion", "check_answer", "grade_answer", "quiz", "convert_glucose", "convert_insulin", "np", "plt",
    "topp", "progression_panel", "hyperbola_panel",
    "cohort", "probability_above", "HOMA_IR_CUTOFFS", "classify_glycemia", "convert_hba1c",
    "eag_from_hba1c", "homa_b", "homa_ir", "quicki", "tyg", "homa_calculator_panel",
    "homa_plane_panel", "homa_variability_panel",
]

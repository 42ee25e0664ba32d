"""The one import a lesson notebook needs: ``from glucolab.lesson import *``.

It switches matplotlib to the interactive ipympl backend when running in a Jupyter kernel
(so panels update in place), applies the project style, and brings the lesson helpers into
the notebook's namespace.
"""

from __future__ import annotations

from .display import static_mode


def _in_kernel():
    """The IPython shell of a Jupyter kernel, or None."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to set up
        return None
    shell = get_ipython()
    return shell if shell is not None and "IPKernelApp" in shell.config else None


def _use_widget_backend() -> bool:
    shell = _in_kernel()
    if shell is None:
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
from .models import feedback, gut, minimal, ogtt  # noqa: E402,F401
from .models.feedback import PRESETS, Person, fasting_state  # noqa: E402,F401
from .models.minimal import fit_ivgtt  # noqa: E402,F401
from .panels import all_panels, feedback_panel, fsigt_panel  # noqa: E402,F401
from .quiz import MultipleChoice, NumericQuestion, check_answer, grade_answer  # noqa: E402,F401
from .units import convert_glucose, convert_insulin  # noqa: E402,F401
from .models import topp  # noqa: E402,F401
from . import cohort  # noqa: E402,F401
from .cohort import probability_above  # noqa: E402,F401
from .indices import (HOMA_IR_CUTOFFS, classify_glycemia, convert_hba1c, eag_from_hba1c, homa_b,  # noqa: E402,F401
                      homa_ir, quicki, tyg)
from .panels import homa_calculator_panel, homa_plane_panel, homa_variability_panel  # noqa: E402,F401
from .panels import hyperbola_panel, progression_panel  # noqa: E402,F401
from .indices import classify_ogtt, insulinogenic_index, matsuda, oral_disposition_index  # noqa: E402,F401,E501
from .panels import gastric_emptying_panel, ogtt_panel  # noqa: E402,F401
from .models import signaling  # noqa: E402,F401
from .panels import dose_response_panel, signaling_panel  # noqa: E402,F401
from .models import counterregulatory, growth_hormone, hpg, vicious_circle  # noqa: E402,F401
from .testosterone import convert_testosterone, free_testosterone  # noqa: E402,F401
from .panels import (cortisol_panel, free_testosterone_panel, growth_hormone_panel,  # noqa: E402,F401
                     hormone_effects_panel, hpg_panel, vicious_circle_panel)
from .panels.growth_hormone import clamp_check_figure  # noqa: E402,F401
from .models import ha2016, ha2016_map, interventions  # noqa: E402,F401
from .panels import no_return_panel, reversal_panel  # noqa: E402,F401
from .models import life_stages  # noqa: E402,F401
from .panels import menopause_panel, pregnancy_panel  # noqa: E402,F401
from .models import twin_cycle  # noqa: E402,F401
from .panels import lipid_markers_panel, liver_fat_panel  # noqa: E402,F401
from .indices import (TG_HDL_CUTOFFS, TYG_CUTOFFS, convert_lipid, convert_tyg,  # noqa: E402,F401
                      predictive_values, tg_hdl_ratio)
from .claims import EVIDENCE_KINDS, GRADE_DEFINITIONS, GRADES, check_grade, load_claims  # noqa: E402,F401
from .claims_table import claims_panel, grades_figure  # noqa: E402,F401
from .display import FigureImage  # noqa: E402,F401
from .models.feedback import incretin_share  # noqa: E402,F401
from .panels.settings import lesson_link  # noqa: E402,F401
from .teaching import check, my_progress, predict, quiz, record_answer, use_record  # noqa: E402,F401
from .teaching.exercises import register_magic  # noqa: E402

if _in_kernel() is not None:
    register_magic(_in_kernel())  # %%solution, for the worked solutions


def _announce() -> None:
    """The set-up cell's one line: the version (so a class can check it runs the release its
    instructor chose; see CHANGELOG.md) and where the learner's answers are kept."""
    from IPython.display import HTML, display

    from . import __version__
    display(HTML(f"<small>glucolab {__version__} · your answers are kept in a record on this computer "
                 "(<code>my_progress()</code> shows it), and nothing is sent anywhere</small>"))


if _in_kernel() is not None:
    _announce()

import numpy as np  # noqa: E402,F401
import matplotlib.pyplot as plt  # noqa: E402,F401

__all__ = [
    "INTERACTIVE", "load_fsigt", "feedback", "gut", "minimal", "ogtt", "PRESETS", "Person", "fasting_state",
    "fit_ivgtt", "all_panels", "feedback_panel", "fsigt_panel", "MultipleChoice",
    "NumericQuestion", "check_answer", "grade_answer", "convert_glucose", "convert_insulin", "np", "plt",
    "topp", "progression_panel", "hyperbola_panel",
    "cohort", "probability_above", "HOMA_IR_CUTOFFS", "classify_glycemia", "convert_hba1c",
    "eag_from_hba1c", "homa_b", "homa_ir", "quicki", "tyg", "homa_calculator_panel",
    "homa_plane_panel", "homa_variability_panel",
    "classify_ogtt", "insulinogenic_index", "matsuda",
    "oral_disposition_index", "ogtt_panel", "gastric_emptying_panel",
    "signaling", "signaling_panel", "dose_response_panel",
    "counterregulatory", "growth_hormone", "hpg", "vicious_circle", "convert_testosterone",
    "free_testosterone", "cortisol_panel", "free_testosterone_panel", "growth_hormone_panel",
    "hormone_effects_panel", "hpg_panel", "vicious_circle_panel", "clamp_check_figure",
    "ha2016", "ha2016_map", "interventions", "reversal_panel", "no_return_panel",
    "EVIDENCE_KINDS", "GRADE_DEFINITIONS", "GRADES", "check_grade", "load_claims", "claims_panel",
    "grades_figure", "check", "my_progress", "predict", "quiz", "record_answer", "use_record",
    "life_stages", "pregnancy_panel", "menopause_panel",
    "twin_cycle", "liver_fat_panel", "lipid_markers_panel", "TG_HDL_CUTOFFS", "TYG_CUTOFFS", "convert_lipid",
    "convert_tyg", "predictive_values", "tg_hdl_ratio", "FigureImage", "incretin_share", "lesson_link",
]

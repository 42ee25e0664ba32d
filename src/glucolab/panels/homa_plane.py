"""Panel: the HOMA plane. Fasting insulin against fasting glucose, with curves of equal HOMA-IR
and equal HOMA-%B, and the fasting steady state of the Lesson 1 feedback model for the
learner's insulin sensitivity and beta-cell function."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter

from .. import style
from ..indices import (HOMA_B_FACTOR, HOMA_B_GLUCOSE_OFFSET, HOMA_IR_DENOMINATOR,
                       REFERENCE_GLUCOSE_MMOLL, REFERENCE_INSULIN_UUML, homa_b, homa_ir, quicki)
from ..models import feedback as model
from ..units import MGDL_PER_MMOLL
from . import register
from .base import Panel, keep_in_view, slider

SI_SCALE = 1e-4
ISO_IR = (1.0, 2.5, 5.0, 10.0)  # HOMA-IR values drawn as curves
ISO_B = (50.0, 100.0, 200.0, 400.0)  # HOMA-%B values drawn as lines, %
LABEL_X = 11.8  # mmol/L: where the %B lines are labelled
IR_LABEL_X = 8.5  # mmol/L: where the HOMA-IR curves are labelled
GLUCOSE_GRID = np.linspace(HOMA_B_GLUCOSE_OFFSET + 0.01, 14.0, 300)  # mmol/L
# S_I and beta values along which the two paths of fasting states are drawn.
SI_PATH = np.geomspace(model.RANGES["SI"][0], model.RANGES["SI"][1], 120)
BETA_PATH = np.geomspace(model.RANGES["beta"][0], model.RANGES["beta"][1], 120)


def fasting_point(SI: float, beta: float, SG: float = model.REF_SG) -> tuple[float, float]:
    """Fasting glucose (mmol/L) and insulin (µU/mL) of the feedback model for S_I (1/min per
    µU/mL), beta (× healthy) and S_G (1/min)."""
    g_mgdl, insulin = model.fasting_state(SI, SG, beta)
    return g_mgdl / MGDL_PER_MMOLL, insulin


class HomaPlanePanel(Panel):
    """Fasting insulin vs fasting glucose, iso-HOMA-IR and iso-%B curves, and the model person."""

    title = "The HOMA plane: where the feedback loop's fasting state lands"
    description = ("Fasting insulin (µU/mL, up) against fasting glucose (across; each tick shows "
                   "mmol/L above mg/dL). Solid grey curves join points of equal HOMA-IR (1, 2.5, 5, 10); "
                   "dashed green lines join points of equal HOMA-%B (50 to 400 %). The large blue "
                   "dot is the fasting state of the Lesson 1 model for the slider values; the thin "
                   "solid line shows where it moves as S_I changes at this beta, the dotted line "
                   "where it moves as beta changes at this S_I. The cross is the HOMA reference "
                   "person (4.5 mmol/L, 5 µU/mL).")
    figsize = (7.6, 5.6)

    def __init__(self, SI: float = model.REF_SI, beta: float = 1.0):
        self._start = (SI, beta)
        super().__init__()

    def _build(self):
        si, beta = self._start
        lo = model.RANGES
        self.controls["SI"] = slider("S_I (×10⁻⁴ /min per µU/mL)", si / SI_SCALE, lo["SI"][0] / SI_SCALE,
                                     lo["SI"][1] / SI_SCALE, 0.1, ".1f")
        self.controls["beta"] = slider("β-cell response (× healthy)", beta, *lo["beta"][:2], 0.05, ".2f")
        ax = self.figure.subplots()
        self.ax = ax
        g = GLUCOSE_GRID
        for k in ISO_IR:
            ax.plot(g, HOMA_IR_DENOMINATOR * k / g, color=style.REFERENCE_GREY, ls="-", lw=1.0)
            ax.annotate(f"IR {k:g}", (IR_LABEL_X, HOMA_IR_DENOMINATOR * k / IR_LABEL_X), fontsize=8,
                        color=style.REFERENCE_GREY, ha="right", va="bottom")
        for b in ISO_B:
            ax.plot(g, b * (g - HOMA_B_GLUCOSE_OFFSET) / HOMA_B_FACTOR, color=style.OKABE_ITO["green"],
                    ls="--", lw=1.0)
            # label where the line leaves the start-up view (top edge at 55 µU/mL or right edge)
            x_label = min(HOMA_B_GLUCOSE_OFFSET + HOMA_B_FACTOR * 55.0 / b, LABEL_X)
            ax.annotate(f"%B {b:g}", (x_label, b * (x_label - HOMA_B_GLUCOSE_OFFSET) / HOMA_B_FACTOR),
                        fontsize=8, color=style.OKABE_ITO["green"], ha="right", va="bottom")
        ax.plot([REFERENCE_GLUCOSE_MMOLL], [REFERENCE_INSULIN_UUML], "x", color="black", ms=9, mew=2,
                ls="none", label="HOMA reference (IR 1, %B 100)")
        self.paths = {
            "SI": ax.plot([], [], color=style.OKABE_ITO["blue"], ls="-", lw=1.0, alpha=0.7,
                          label="S_I varied at this β")[0],
            "beta": ax.plot([], [], color=style.OKABE_ITO["vermillion"], ls=":", lw=1.6,
                            label="β varied at this S_I")[0],
        }
        self.point = ax.plot([], [], "o", color=style.OKABE_ITO["blue"], ms=11, mec="black", ls="none",
                             label="this person (model fasting state)")[0]
        # both glucose units on one axis (a secondary axis would double the drawing time)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}\n{x * MGDL_PER_MMOLL:.0f}"))
        ax.set_xlabel("fasting glucose: mmol/L (upper numbers), mg/dL (lower numbers)")
        ax.set_ylabel("fasting insulin (µU/mL)")
        ax.set_xlim(3.0, 12.0)
        ax.set_ylim(0.0, 60.0)
        ax.legend(loc="upper left", fontsize=9)

    def person(self) -> tuple[float, float]:
        """(S_I in 1/min per µU/mL, beta) for the current sliders."""
        return self.values["SI"] * SI_SCALE, self.values["beta"]

    def _moving_artists(self):
        return [self.point, *self.paths.values()]

    def _redraw(self):
        si, beta = self.person()
        g, i = fasting_point(si, beta)
        self.point.set_data([g], [i])
        self.paths["SI"].set_data(*fasting_point(SI_PATH, beta))
        self.paths["beta"].set_data(*fasting_point(si, BETA_PATH))
        keep_in_view(self.ax, i, floor=60.0)
        keep_in_view(self.ax, g, floor=12.0, margin=1.08, axis="x")
        ir = homa_ir(g, i)
        b_text = (f"HOMA-%B <b>{homa_b(g, i):.0f} %</b>" if g > HOMA_B_GLUCOSE_OFFSET
                  else "HOMA-%B undefined (glucose ≤ 3.5 mmol/L)")
        self.readout.value = (
            f"S_I = {si / model.REF_SI:.2f} × and β = {beta:.2f} × the Lesson 1 healthy person → fasting "
            f"glucose <b>{g * MGDL_PER_MMOLL:.0f} mg/dL</b> ({g:.2f} mmol/L), fasting insulin "
            f"<b>{i:.1f} µU/mL</b>. HOMA-IR <b>{ir:.2f}</b>, {b_text}, QUICKI {quicki(g, i):.3f}.")


@register("homa_plane")
def homa_plane_panel(SI: float = model.REF_SI, beta: float = 1.0) -> HomaPlanePanel:
    """Panel B of Lesson 2: the HOMA plane with the fasting state of the Lesson 1 model for
    sliders of insulin sensitivity (S_I, 1/min per µU/mL) and beta-cell responsiveness."""
    return HomaPlanePanel(SI, beta)

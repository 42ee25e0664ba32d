"""Panel: every step of the insulin-signalling cascade after insulin rises, with a slider for
the inflammatory/lipid serine-kinase input on IRS-1.

Insulin steps from the fasting level (11 µU/mL, Lesson 1's healthy reference) to the chosen
level at t = 0, as at the start of a glucose clamp. The top plot shows the fraction of each
step that is active (see :mod:`glucolab.models.signaling`); the bottom plot turns the surface
GLUT4 into whole-body glucose utilisation with the calibration to Rizza et al. (1981).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.ticker import FixedLocator

from .. import style
from ..models import signaling as model
from . import register
from .base import Panel, slider

MINUTES = 60.0
SAMPLES = 121  # one point every 30 s
INSULIN_RANGE = (15.0, 500.0)  # µU/mL, always a rise from the fasting 11 µU/mL
SERINE_RANGE = (0.0, 5.0)  # dimensionless serine-kinase input

# Each step: (attribute, label, colour, line style). Colour is never the only cue.
STEPS = (
    ("receptor", "receptor occupied", "black", "-"),
    ("irs1", "IRS-1 tyrosine-P", "blue", "--"),
    ("irs1_serine", "IRS-1 serine-blocked", "purple", ":"),
    ("pi3k", "PI3K activity", "orange", "-."),
    ("akt", "Akt active", "vermillion", (0, (5, 1, 1, 1))),
    ("glut4_surface", "GLUT4 at surface", "green", "-"),
)


@lru_cache(maxsize=128)
def run(insulin: float, serine: float = 0.0) -> model.CascadeCourse:
    """The time course after insulin steps from the fasting 11 µU/mL to ``insulin`` (µU/mL),
    with serine-kinase input ``serine``; cached, so the healthy reference is solved once."""
    return model.simulate(MINUTES, insulin=insulin, serine=serine, basal_insulin=model.FASTING_INSULIN,
                          samples=SAMPLES)


class SignalingPanel(Panel):
    """Time courses of the cascade after an insulin step."""

    title = "Inside the cell: from insulin receptor to GLUT4"
    description = ("Top: over the 60 minutes after insulin rises from the fasting 11 µU/mL, the "
                   "fraction of each step that is active: receptors occupied (black solid), "
                   "IRS-1 phosphorylated on tyrosine (blue dashed), IRS-1 blocked by serine "
                   "phosphorylation (purple dotted), PI3K activity (orange dash-dot), active Akt "
                   "(vermillion), and the share of GLUT4 at the cell surface (green solid; grey "
                   "dashed without the serine-kinase input). Bottom: the whole-body glucose "
                   "utilisation this implies, with the same grey reference.")
    figsize = (7.4, 5.6)

    def __init__(self, insulin: float = 100.0, serine: float = 0.0):
        self._start = (insulin, serine)
        super().__init__()

    def _build(self):
        insulin, serine = self._start
        self.controls["insulin"] = slider("insulin after the step (µU/mL)", insulin, *INSULIN_RANGE, 5.0, ".0f")
        self.controls["serine"] = slider("serine-kinase input (TNF-α/JNK, IKKβ, PKCθ)", serine,
                                         *SERINE_RANGE, 0.1, ".1f")
        ax_f, ax_u = self.figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
        self.axes = {"fractions": ax_f, "uptake": ax_u}
        c = style.OKABE_ITO
        self.lines = {name: ax_f.plot([], [], color=c[colour], ls=ls, label=label)[0]
                      for name, label, colour, ls in STEPS}
        self.ref_lines = {
            "glut4_surface": ax_f.plot([], [], color=style.REFERENCE_GREY, ls="--", lw=1.4)[0],
            "uptake": ax_u.plot([], [], color=style.REFERENCE_GREY, ls="--", lw=1.4)[0],
        }
        self.lines["uptake"] = ax_u.plot([], [], color=c["green"], ls="-")[0]
        ax_f.set_ylim(0, 1.0)
        ax_f.set_ylabel("fraction active")
        # One legend only: laying out a legend costs more on each redraw than the model solve.
        ax_f.legend(loc="upper right", ncols=2, fontsize=9)
        ax_u.text(0.99, 0.05, "grey dashed: no serine-kinase input", transform=ax_u.transAxes,
                  ha="right", va="bottom", fontsize=9, color=style.REFERENCE_GREY)
        ax_u.set_ylabel("glucose use\n(mg/kg/min)")
        ax_u.set_xlabel("minutes after insulin rises")
        ax_u.set_ylim(0, 12)
        ax_f.set_xlim(0, MINUTES)
        for ax in (ax_f, ax_u):  # fixed ticks: recomputing them costs more than the solve
            ax.xaxis.set_major_locator(FixedLocator(np.arange(0.0, MINUTES + 1, 15.0)))
        ax_f.yaxis.set_major_locator(FixedLocator([0.0, 0.5, 1.0]))
        ax_u.yaxis.set_major_locator(FixedLocator([0.0, 6.0, 12.0]))
        self.course = None

    def _moving_artists(self):
        return [*self.lines.values(), *self.ref_lines.values()]

    def _redraw(self):
        v = self.values
        insulin, serine = float(v["insulin"]), float(v["serine"])
        tc = run(insulin, serine)
        ref = run(insulin, 0.0)
        self.course = tc
        for name, *_ in STEPS:
            self.lines[name].set_data(tc.time, getattr(tc, name))
        self.lines["uptake"].set_data(tc.time, tc.uptake)
        self.ref_lines["glut4_surface"].set_data(ref.time, ref.glut4_surface)
        self.ref_lines["uptake"].set_data(ref.time, ref.uptake)
        end = {name: 100.0 * getattr(tc, name)[-1] for name, *_ in STEPS}
        self.readout.value = (
            f"After {MINUTES:.0f} min at {insulin:.0f} µU/mL: receptors occupied <b>{end['receptor']:.0f}%</b>, "
            f"IRS-1 tyrosine-phosphorylated <b>{end['irs1']:.0f}%</b> (serine-blocked {end['irs1_serine']:.0f}%), "
            f"PI3K <b>{end['pi3k']:.0f}%</b>, Akt <b>{end['akt']:.0f}%</b>, GLUT4 at the surface "
            f"<b>{end['glut4_surface']:.0f}%</b> (without the serine-kinase input "
            f"{100.0 * ref.glut4_surface[-1]:.0f}%). Glucose use <b>{tc.uptake[-1]:.1f} mg/kg/min</b> "
            f"(reference {ref.uptake[-1]:.1f}); GLUT4 covers half its rise in {tc.time_to_half():.1f} min.")


@register("signaling")
def signaling_panel(insulin: float = 100.0, serine: float = 0.0) -> SignalingPanel:
    """Panel A of Lesson 5: time courses of each step after insulin rises from fasting to
    ``insulin`` (µU/mL), with the serine-kinase input ``serine`` (0 to 5) on IRS-1."""
    for name, value, (low, high), unit in (("insulin", insulin, INSULIN_RANGE, "uU/mL"),
                                           ("serine", serine, SERINE_RANGE, "dimensionless")):
        if not low <= value <= high:
            raise ValueError(f"{name}={value!r}: expected a value between {low:g} and {high:g} {unit}")
    return SignalingPanel(insulin, serine)

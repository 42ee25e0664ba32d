"""Panel: steady-state glucose utilisation against insulin (log axis) for a healthy, an
inflamed and a "type 2" cell, with their EC50 and maximum, a contraction slider and the
time since a bout of exercise.

A rise of the EC50 is a loss of *sensitivity* (the curve moves right); a fall of the maximum
is a loss of *responsiveness* (the curve is lower at saturating insulin), the distinction of
Kahn (Metabolism 1978;27:1893-1902). The healthy curve is calibrated to Rizza, Mandarino &
Gerich (1981): EC50 55 µU/mL, maximum 10.5 mg/kg/min.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from .. import style
from ..models import signaling as model
from . import register
from .base import CONTROL_WIDTH, LABEL_WIDTH, Panel, slider

INSULIN = np.geomspace(1.0, 1e4, 120)  # µU/mL
SERINE_RANGE = (0.0, 5.0)
CONTRACTION_RANGE = (0.0, 1.0)
# Time since a bout of exercise -> hours (None: no recent bout)
EXERCISE = {"no recent bout": None, "just after": 0.0, "next day (18 h)": 18.0,
            "two days (48 h)": 48.0, "three days (72 h)": 72.0}
SETTINGS = (  # key, label, colour, line style
    ("healthy", "healthy", "blue", "-"),
    ("inflamed", "inflamed (serine kinases)", "vermillion", "--"),
    ("type 2 diabetes", "type 2 (Brännmark 2013)", "green", "-."),
)


@lru_cache(maxsize=256)
def curve(params: model.CellParams) -> model.DoseResponse:
    """The dose-response for ``params`` on the panel's insulin grid (cached)."""
    return model.dose_response(params, insulin=INSULIN)


def verdict(d: model.DoseResponse, healthy: model.DoseResponse) -> str:
    """Say whether ``d`` differs from ``healthy`` in sensitivity, responsiveness or both."""
    shift = d.ec50 / healthy.ec50
    drop = 1.0 - d.stimulated_max / healthy.stimulated_max
    parts = []
    if abs(shift - 1.0) >= 0.1:
        parts.append(f"EC50 ×{shift:.2f} ({'less' if shift > 1 else 'more'} sensitive)")
    if abs(drop) >= 0.1:
        parts.append(f"maximum {'−' if drop > 0 else '+'}{100 * abs(drop):.0f}% "
                     f"({'less' if drop > 0 else 'more'} responsive)")
    return "; ".join(parts) or "about the same as healthy"


class DoseResponsePanel(Panel):
    """Steady-state dose-response curves with their EC50 and maximum."""

    title = "Dose-response: sensitivity or responsiveness?"
    description = ("Whole-body glucose utilisation at steady state (mg/kg/min, up) against plasma "
                   "insulin on a logarithmic axis (µU/mL, across) for a healthy cell (blue solid), "
                   "an inflamed cell with the chosen serine-kinase input (vermillion dashed) and a "
                   "type 2 diabetes cell with fewer receptors, half the GLUT4 and a weaker feedback "
                   "(green dash-dot). A circle marks each curve's EC50 and a bar at the right edge "
                   "its maximum. The grey dotted curve is the healthy cell at rest; the grey "
                   "vertical line is fasting insulin, 11 µU/mL.")
    figsize = (7.8, 5.0)

    def __init__(self, serine: float = 1.0, contraction: float = 0.0, exercise: str = "no recent bout"):
        if exercise not in EXERCISE:
            raise ValueError(f"exercise={exercise!r}: expected one of {list(EXERCISE)}")
        self._start = (serine, contraction, exercise)
        super().__init__()

    def _build(self):
        serine, contraction, exercise = self._start
        self.controls["serine"] = slider("serine-kinase input (inflamed)", serine, *SERINE_RANGE, 0.1, ".1f")
        self.controls["contraction"] = slider("contraction / AMPK (0–1)", contraction, *CONTRACTION_RANGE,
                                              0.05, ".2f")
        self.controls["exercise"] = widgets.Dropdown(options=list(EXERCISE), value=exercise,
                                                     description="since a bout of exercise",
                                                     layout=widgets.Layout(width=CONTROL_WIDTH),
                                                     style={"description_width": LABEL_WIDTH})
        ax = self.figure.subplots()
        self.ax = ax
        c = style.OKABE_ITO
        rest = curve(model.HEALTHY)
        ax.plot(rest.insulin, rest.uptake, color=style.REFERENCE_GREY, ls=":", lw=1.6, label="healthy at rest")
        ax.axvline(model.FASTING_INSULIN, color=style.REFERENCE_GREY, lw=1.0, ls="-", zorder=0)
        ax.text(model.FASTING_INSULIN * 1.08, 15.2, "fasting", fontsize=9, color=style.REFERENCE_GREY)
        self.lines, self.ec50_marks, self.max_marks = {}, {}, {}
        for key, label, colour, ls in SETTINGS:
            self.lines[key] = ax.plot([], [], color=c[colour], ls=ls, label=label)[0]
            self.ec50_marks[key] = ax.plot([], [], color=c[colour], ls="none", marker="o", ms=8,
                                           mec="white", mew=1.2)[0]
            self.max_marks[key] = ax.plot([], [], color=c[colour], ls="none", marker="_", ms=22, mew=3,
                                          clip_on=False)[0]
        ax.set_xscale("log")
        ax.set_xlim(INSULIN[0], INSULIN[-1])
        ax.set_ylim(0, 16)
        ax.xaxis.set_major_locator(FixedLocator([1.0, 10.0, 100.0, 1000.0, 10000.0]))
        ax.xaxis.set_major_formatter("{x:g}")
        ax.xaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_locator(FixedLocator([0.0, 4.0, 8.0, 12.0, 16.0]))
        ax.set_xlabel("plasma insulin (µU/mL, log scale)")
        ax.set_ylabel("glucose utilisation (mg/kg/min)")
        ax.legend(loc="upper left", fontsize=9)
        self.curves = {}

    def _moving_artists(self):
        return [*self.lines.values(), *self.ec50_marks.values(), *self.max_marks.values()]

    def cell_params(self) -> dict:
        """The three CellParams for the current controls, by setting name."""
        v = self.values
        hours = EXERCISE[v["exercise"]]
        priming = 0.0 if hours is None else float(model.priming_after_exercise(hours))
        shared = {"contraction": float(v["contraction"]), "priming": priming}
        return {"healthy": model.HEALTHY.replace(**shared),
                "inflamed": model.HEALTHY.replace(serine=float(v["serine"]), **shared),
                "type 2 diabetes": model.PRESETS["type 2 diabetes"].replace(**shared)}

    def _redraw(self):
        self.curves = {key: curve(p) for key, p in self.cell_params().items()}
        for key, d in self.curves.items():
            self.lines[key].set_data(d.insulin, d.uptake)
            self.ec50_marks[key].set_data([d.ec50], [0.5 * (d.at_zero + d.maximum)])
            self.max_marks[key].set_data([INSULIN[-1]], [d.maximum])
        healthy = self.curves["healthy"]
        rows = [f"<b>{label}</b>: EC50 <b>{self.curves[key].ec50:.0f} µU/mL</b>, maximum "
                f"<b>{self.curves[key].maximum:.1f} mg/kg/min</b>, at zero insulin "
                f"{self.curves[key].at_zero:.1f}" + ("" if key == "healthy" else
                                                     f" — {verdict(self.curves[key], healthy)}")
                for key, label, *_ in SETTINGS]
        self.readout.value = "<br>".join(rows)


@register("dose_response")
def dose_response_panel(serine: float = 1.0, contraction: float = 0.0,
                        exercise: str = "no recent bout") -> DoseResponsePanel:
    """Panel B of Lesson 5: dose-response curves for healthy, inflamed (serine-kinase input
    ``serine``, 0 to 5) and type 2 settings, with contraction (0 to 1) and the time since a
    bout of exercise (one of ``EXERCISE``) applied to all three."""
    for name, value, (low, high) in (("serine", serine, SERINE_RANGE),
                                     ("contraction", contraction, CONTRACTION_RANGE)):
        if not low <= value <= high:
            raise ValueError(f"{name}={value!r}: expected a value between {low:g} and {high:g}")
    return DoseResponsePanel(serine, contraction, exercise)

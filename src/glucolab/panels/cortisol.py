"""Panel: cortisol in the Lesson 1 loop, against the measurements of Rizza, Mandarino & Gerich (1982).

The model's fasting glucose and insulin are drawn as per cent changes from its own baseline
(92 mg/dL, 11 µU/mL), because the volunteers started at 97 mg/dL and 10 µU/mL; the study's
points are drawn the same way, with the SEM of the cortisol-state mean divided by the saline
mean as error bars. The right-hand plot shows the insulin dose-response of glucose
utilisation, whose half-maximal insulin the study measured (64 → 104 µU/mL).
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from .. import style
from ..models import counterregulatory as cr
from . import register
from .base import Panel, slider

CORTISOL_GRID = np.linspace(*cr.CORTISOL_RANGE[:2], 53)  # µg/dL
INSULIN_GRID = np.geomspace(1.0, 1000.0, 120)  # µU/mL
BASE_G, BASE_I = cr.steady_state()  # the model's own baseline


def _percent_change(key: str) -> tuple[float, float]:
    """Rizza et al.'s cortisol-state change in per cent of the saline mean, and its error bar."""
    saline = cr.RIZZA_1982[key]["saline"][0]
    value, sem = cr.RIZZA_1982[key]["cortisol"]
    return 100.0 * (value / saline - 1.0), 100.0 * sem / saline


@lru_cache(maxsize=8)
def model_curves(hepatic: bool, peripheral: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per cent change of fasting glucose and insulin along :data:`CORTISOL_GRID`."""
    g, i = cr.cortisol_steady_state(CORTISOL_GRID, hepatic=hepatic, peripheral=peripheral)
    return 100.0 * (g / BASE_G - 1.0), 100.0 * (i / BASE_I - 1.0)


class CortisolPanel(Panel):
    """Fasting glucose and insulin of the model against plasma cortisol, with the 1982 data."""

    title = "Cortisol in the feedback loop (Rizza, Mandarino & Gerich 1982)"
    description = ("Left: change in fasting glucose (solid blue line, squares) and fasting insulin "
                   "(dashed orange line, triangles) in per cent of baseline, against plasma cortisol "
                   "from 14 to 40 µg/dL; lines are the model, black symbols with error bars the "
                   "study's means at 14 and 37 µg/dL, large dots the slider value. Right: glucose "
                   "utilisation as a fraction of its maximum against insulin on a logarithmic axis, "
                   "for the saline state (grey dashed) and at the slider's cortisol (solid); squares "
                   "mark the measured half-maximal insulins, 64 and 104 µU/mL, and the shaded strip "
                   "the fasting insulin range 10-16 µU/mL.")
    figsize = (8.4, 4.2)

    def __init__(self, cortisol: float = cr.CORTISOL_HIGH, hepatic: bool = True, peripheral: bool = True):
        cortisol = cr.CORTISOL_RANGE.check(cortisol, "cortisol_ugdl")
        self._start = (cortisol, hepatic, peripheral)
        super().__init__()

    def _build(self):
        cortisol, hepatic, peripheral = self._start
        self.controls["cortisol"] = slider("plasma cortisol (µg/dL)", cortisol, *cr.CORTISOL_RANGE[:2], 0.5, ".1f")
        self.controls["hepatic"] = widgets.Checkbox(value=hepatic, description="liver: more glucose release (R0)")
        self.controls["peripheral"] = widgets.Checkbox(value=peripheral,
                                                       description="muscle and fat: lower insulin sensitivity (S_I)")
        ax_c, ax_r = self.figure.subplots(1, 2)
        axes = self.axes = {"change": ax_c, "response": ax_r}
        c = style.OKABE_ITO
        self.lines, self.markers = {}, {}
        for key, column, color, ls, marker in (("glucose", "glucose_mgdl", c["blue"], "-", "s"),
                                               ("insulin", "insulin_uuml", c["vermillion"], "--", "^")):
            change, err = _percent_change(column)
            saline_err = 100.0 * cr.RIZZA_1982[column]["saline"][1] / cr.RIZZA_1982[column]["saline"][0]
            ax_c.errorbar([cr.CORTISOL_LOW, cr.CORTISOL_HIGH], [0.0, change], yerr=[saline_err, err],
                          color="black", marker=marker, ls="none", capsize=3)
            self.lines[key] = ax_c.plot([], [], color=color, ls=ls)[0]
            self.markers[key] = ax_c.plot([], [], color=color, marker="o", ms=9, ls="none")[0]
        ax_c.set_ylabel("change in fasting value (%)")
        ax_c.set_xlabel("plasma cortisol (µg/dL)")
        ax_c.set_xlim(cr.CORTISOL_RANGE[0] - 1.0, cr.CORTISOL_RANGE[1] + 0.5)
        ax_c.set_ylim(-25, 90)
        ax_c.yaxis.set_major_locator(FixedLocator([0, 40, 80]))
        ax_c.xaxis.set_major_locator(FixedLocator([15, 25, 35]))
        ax_c.set_title("solid: glucose · dashed: insulin · ■ ▲: Rizza 1982 ± SEM", fontsize=8)

        ax = axes["response"]
        ax.axvspan(10, 16, color=style.BAND_COLOR, alpha=0.15, lw=0)
        saline_ec50 = cr.RIZZA_1982["ec50_utilisation_uuml"]["saline"]
        cortisol_ec50 = cr.RIZZA_1982["ec50_utilisation_uuml"]["cortisol"]
        ax.plot(INSULIN_GRID, cr.utilisation_response(INSULIN_GRID, saline_ec50[0]),
                color=style.REFERENCE_GREY, ls="--", lw=1.6)
        ax.errorbar([saline_ec50[0], cortisol_ec50[0]], [0.5, 0.5], xerr=[saline_ec50[1], cortisol_ec50[1]],
                    color="black", marker="s", ls="none", capsize=3)
        self.lines["response"] = ax.plot([], [], color=c["green"], ls="-")[0]
        ax.set_xscale("log")
        ax.set_xlim(1, 1000)
        ax.set_ylim(0, 1.0)
        ax.yaxis.set_major_locator(FixedLocator([0, 0.5, 1]))
        ax.xaxis.set_major_locator(FixedLocator([1, 10, 100, 1000]))
        ax.xaxis.set_major_formatter("{x:g}")
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("plasma insulin (µU/mL)")
        ax.set_ylabel("glucose utilisation (fraction of maximum)")
        ax.set_title("dashed: saline · solid: this cortisol · ■: measured EC50 ± SEM", fontsize=8)

    def _moving_artists(self):
        return [*self.lines.values(), *self.markers.values()]

    def effect(self) -> cr.HormoneEffect:
        """The cortisol effect for the current controls."""
        v = self.values
        return cr.cortisol_effect(v["cortisol"], hepatic=v["hepatic"], peripheral=v["peripheral"])

    def _redraw(self):
        v = self.values
        g_curve, i_curve = model_curves(bool(v["hepatic"]), bool(v["peripheral"]))
        self.lines["glucose"].set_data(CORTISOL_GRID, g_curve)
        self.lines["insulin"].set_data(CORTISOL_GRID, i_curve)
        e = self.effect()
        g, i = cr.steady_state(e)
        self.markers["glucose"].set_data([v["cortisol"]], [100.0 * (g / BASE_G - 1.0)])
        self.markers["insulin"].set_data([v["cortisol"]], [100.0 * (i / BASE_I - 1.0)])
        ec50 = cr.utilisation_ec50(v["cortisol"]) if v["peripheral"] else cr.utilisation_ec50(cr.CORTISOL_LOW)
        self.lines["response"].set_data(INSULIN_GRID, cr.utilisation_response(INSULIN_GRID, ec50))
        dg, di = _percent_change("glucose_mgdl")[0], _percent_change("insulin_uuml")[0]
        self.readout.value = (
            f"At cortisol <b>{v['cortisol']:.1f} µg/dL</b> the model uses R0 × {e.R0:.3f} and S_I × {e.SI:.3f}. "
            f"Fasting glucose <b>{g:.0f} mg/dL</b> ({100 * (g / BASE_G - 1):+.0f} % from {BASE_G:.0f}), "
            f"insulin <b>{i:.1f} µU/mL</b> ({100 * (i / BASE_I - 1):+.0f} % from {BASE_I:.0f}); half-maximal "
            f"insulin for utilisation {ec50:.0f} µU/mL. Measured at 37 µg/dL: glucose {dg:+.0f} %, "
            f"insulin {di:+.0f} %, EC50 104 µU/mL.")


@register("cortisol")
def cortisol_panel(cortisol: float = cr.CORTISOL_HIGH, hepatic: bool = True, peripheral: bool = True) -> CortisolPanel:
    """Lesson 6, panel A: plasma cortisol (µg/dL) moves the Lesson 1 model's fasting glucose and
    insulin through two measured parameter changes; check boxes switch the liver and the
    muscle effect on and off; the study's data are drawn for comparison."""
    if not isinstance(hepatic, bool) or not isinstance(peripheral, bool):
        raise ValueError(f"hepatic={hepatic!r}, peripheral={peripheral!r}: expected True or False")
    return CortisolPanel(cortisol, hepatic, peripheral)

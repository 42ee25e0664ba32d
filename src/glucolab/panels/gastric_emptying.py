"""Panel: how fast the stomach empties shapes the glucose curve of an OGTT.

One slider multiplies the gastric emptying rates of the Dalla Man et al. (2007) gut model
(kmax, kmin and kgri together). Slowing the stomach is one of the ways GLP-1 and the GLP-1
receptor agonists act (Nauck et al., Am J Physiol 1997;273:E981-E988); the panel shows that
mechanism in a model and is not a statement about any treatment. How much a drug slows
emptying varies and fades with continued use (Nauck et al., Diabetes 2011;60:1561-1565), so the
slider's range is illustrative.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import style
from ..models import feedback as loop
from ..models.gut import EMPTYING_RANGE, GUT_PRESETS
from ..models import ogtt
from ..models.ogtt import OGTTResult
from ..thresholds import OGTT_2H_PREDIABETES_MGDL
from . import register
from .base import CONTROL_WIDTH, LABEL_WIDTH, Panel, slider

DURATION_MIN = 240.0
MENU = dict(layout=widgets.Layout(width=CONTROL_WIDTH), style={"description_width": LABEL_WIDTH})


@lru_cache(maxsize=32)
def run(person: str, gut: str, emptying: float) -> OGTTResult:
    """A 75-g OGTT for a preset person and published gut set, emptying × published (cached)."""
    return ogtt.simulate(DURATION_MIN, params=loop.PRESETS[person], gut=gut, emptying=emptying)


def _peak(time, values) -> tuple[float, float]:
    k = int(np.argmax(values))
    return float(values[k]), float(time[k])


class GastricEmptyingPanel(Panel):
    """Stomach content, glucose appearance and plasma glucose for a chosen emptying rate."""

    title = "A slower stomach flattens the glucose peak"
    description = ("Three panels share the time axis (minutes after a 75-g glucose drink). Top: "
                   "glucose still in the stomach, in grams. Middle: the rate at which the drink's "
                   "glucose enters the blood (mg per kg per min). Bottom: plasma glucose, with the "
                   "2-hour limit of 140 mg/dL dotted. Solid lines use the emptying rate of the "
                   "slider; grey dashed lines the published rate.")
    figsize = (7.6, 6.4)

    def __init__(self, emptying: float = 0.5, person: str = "healthy", gut: str = "normal"):
        for arg, value, known in (("person", person, loop.PRESETS), ("gut", gut, GUT_PRESETS)):
            if value not in known:
                raise ValueError(f"{arg}={value!r}: expected one of {sorted(known)}")
        self._start = (emptying, person, gut)
        super().__init__()

    def _build(self):
        emptying, person, gut = self._start
        self.controls["emptying"] = slider("gastric emptying (× published)", emptying,
                                           EMPTYING_RANGE[0], 2.0, 0.05, ".2f")
        self.controls["person"] = widgets.Dropdown(options=list(loop.PRESETS), value=person,
                                                   description="Person", **MENU)
        self.controls["gut"] = widgets.Dropdown(options=list(GUT_PRESETS), value=gut,
                                                description="Gut parameters", **MENU)
        ax_s, ax_ra, ax_g = self.figure.subplots(3, 1, sharex=True, height_ratios=[1.2, 1.5, 2.5])
        self.axes = {"stomach": ax_s, "appearance": ax_ra, "glucose": ax_g}
        style.threshold_line(ax_g, OGTT_2H_PREDIABETES_MGDL, "2-h limit 140")
        grey = dict(color=style.REFERENCE_GREY, ls="--", lw=1.5)
        self.ref_lines = {key: ax.plot([], [], **grey)[0] for key, ax in self.axes.items()}
        colors = {"stomach": style.OKABE_ITO["purple"], "appearance": style.OKABE_ITO["green"],
                  "glucose": style.OKABE_ITO["blue"]}
        self.lines = {key: ax.plot([], [], color=colors[key], ls="-")[0] for key, ax in self.axes.items()}
        ax_s.set_ylabel("stomach (g)")
        ax_ra.set_ylabel("Ra\n(mg/kg/min)")
        ax_g.set_ylabel("glucose (mg/dL)")
        ax_g.set_xlabel("time after the glucose drink (min)")
        ax_g.set_xlim(0.0, DURATION_MIN)
        ax_g.set_xticks(np.arange(0.0, DURATION_MIN + 1.0, 30.0))
        ax_s.set_ylim(0.0, 80.0)
        for ax in self.axes.values():  # few ticks and fixed label places keep each redraw cheap
            ax.yaxis.set_major_locator(MaxNLocator(4))
            ax.yaxis.set_label_coords(-0.09, 0.5)
        ax_s.text(0.99, 0.93, "solid: slider rate · grey dashed: published rate", transform=ax_s.transAxes,
                  ha="right", va="top", fontsize=9)  # a text, not a legend: cheaper to redraw

    def _moving_artists(self):
        return [*self.lines.values(), *self.ref_lines.values()]

    def results(self) -> tuple[OGTTResult, OGTTResult]:
        """(this emptying rate, the published rate) for the current person and gut set."""
        v = self.values
        return (run(v["person"], v["gut"], round(float(v["emptying"]), 4)),
                run(v["person"], v["gut"], 1.0))

    def _redraw(self):
        now, ref = self.results()
        for key in self.axes:
            self.lines[key].set_data(now.time, getattr(now, key))
            self.ref_lines[key].set_data(ref.time, getattr(ref, key))
        self.axes["appearance"].set_ylim(0.0, 1.15 * max(now.appearance.max(), ref.appearance.max()))
        self.axes["glucose"].set_ylim(50.0, max(250.0, 1.08 * max(now.glucose.max(), ref.glucose.max())))
        (ra, t_ra), (g, t_g) = _peak(now.time, now.appearance), _peak(now.time, now.glucose)
        g_ref = ref.glucose.max()
        self.readout.value = (
            f"Emptying × {self.values['emptying']:.2f}: glucose enters fastest at <b>{ra:.1f} mg/kg/min</b> "
            f"({t_ra:.0f} min); plasma glucose peaks at <b>{g:.0f} mg/dL</b> ({t_g:.0f} min), "
            f"{g - g_ref:+.0f} mg/dL against the published rate; 2-hour glucose "
            f"<b>{now.two_hour_glucose:.0f} mg/dL</b> (published rate {ref.two_hour_glucose:.0f}). "
            f"Still in the stomach at 2 h: {np.interp(120.0, now.time, now.stomach):.0f} g of 75 g.")


@register("gastric_emptying")
def gastric_emptying_panel(emptying: float = 0.5, person: str = "healthy",
                           gut: str = "normal") -> GastricEmptyingPanel:
    """Panel B of Lesson 4: a slider on the gastric emptying rate (× the published rate of
    Dalla Man et al. 2007) against the published rate, for a preset person and gut set."""
    return GastricEmptyingPanel(emptying, person, gut)

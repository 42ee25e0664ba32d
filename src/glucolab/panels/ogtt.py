"""Panel: a virtual 75-g oral glucose tolerance test with its five blood draws.

Glucose and insulin after the drink for a preset person or the learner's own insulin
sensitivity, glucose effectiveness and beta-cell function, with the draws at 0, 30, 60, 90 and
120 min marked and the ADA thresholds drawn where they apply: fasting 100 and 126 mg/dL at the
0-min draw, 2-hour 140 and 200 mg/dL at the 120-min draw (ADA, Diabetes Care 2024;47 Suppl
1:S20-S42). The readout lists the draws as a lab report would and the indices computed from
them.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
from matplotlib.ticker import MaxNLocator

from .. import style
from ..indices import insulinogenic_index, matsuda, oral_disposition_index
from ..models import feedback as loop
from ..models import ogtt
from ..models.ogtt import OGTTResult
from ..thresholds import ADA_THRESHOLDS
from . import register
from .base import CONTROL_WIDTH, LABEL_WIDTH, slider
from .feedback import CUSTOM, SG_SCALE, SI_SCALE, FeedbackPanel, draw_normal_cohort

DURATION_MIN = 180.0
FASTING_THRESHOLDS = ADA_THRESHOLDS["fasting glucose"]["mg/dL"]  # (100, 126) mg/dL, applied to the 0-min draw
TWO_HOUR_THRESHOLDS = ADA_THRESHOLDS["2-h OGTT glucose"]["mg/dL"]  # (140, 200) mg/dL, applied to the 120-min draw
FASTING_SPAN = (0.0, 22.0)  # min: where the fasting thresholds are drawn
TWO_HOUR_SPAN = (104.0, 136.0)  # min: where the 2-hour thresholds are drawn
PERSON_SLIDERS = {"SI": ("S_I (×10⁻⁴ /min per µU/mL)", SI_SCALE, 0.1, ".1f"),
                  "beta": ("β-cell response (× healthy)", 1.0, 0.05, ".2f"),
                  "SG": ("S_G (×10⁻³ /min)", SG_SCALE, 0.1, ".1f"),
                  "incretin": ("Incretin effect (× healthy)", 1.0, 0.05, ".2f")}


@lru_cache(maxsize=8)
def _reference() -> OGTTResult:
    return ogtt.simulate(DURATION_MIN)


def _threshold_segments(ax, span, values, where: str) -> None:
    """Short labelled threshold lines over the draw they apply to (dotted: prediabetes from,
    dashed: diabetes from), so that colour is not the only cue."""
    for value, ls, kind in zip(values, (":", "--"), ("prediabetes", "diabetes")):
        ax.plot(span, (value, value), color=style.ALERT_COLOR, ls=ls, lw=1.4, zorder=1)
        ax.text(span[1] + 1.0, value, f"{value:.0f} {where}", fontsize=8, va="center",
                color=style.ALERT_COLOR)


class OGTTPanel(FeedbackPanel):
    """Glucose and insulin during a 75-g OGTT, with sliders for the person.

    It keeps the person controls of the Lesson 1 panel (preset menu that turns to "custom"
    when a slider moves, S_I, S_G and beta) and replaces the meal by the test.
    """

    title = "A virtual oral glucose tolerance test (75 g)"
    description = ("Top: plasma glucose after drinking 75 g of glucose (solid line), the healthy "
                   "reference person (grey dashed) and the five blood draws (circles at 0, 30, 60, "
                   "90 and 120 min). Short dotted and dashed lines mark the ADA thresholds where "
                   "they apply: fasting 100 and 126 mg/dL at the 0-min draw, 2-hour 140 and "
                   "200 mg/dL at the 120-min draw. Hollow squares with bars are the mean ± SD of "
                   "3,446 people with normal glucose tolerance (Abdul-Ghani et al. 2010). Bottom: "
                   "plasma insulin with the same draws.")
    figsize = (7.6, 6.0)

    def __init__(self, preset: str = "healthy"):
        super().__init__(preset, carbs_g=75.0)

    def _build(self):
        preset = self._start[0]
        menu = widgets.Dropdown(options=[*loop.PRESETS, CUSTOM], value=preset, description="Person")
        menu.layout.width, menu.style.description_width = CONTROL_WIDTH, LABEL_WIDTH
        self.controls["preset"] = menu
        # name: (label, slider unit, step, format); slider value = parameter / slider unit
        for name, (label, unit, step, fmt) in PERSON_SLIDERS.items():
            low, high, _ = loop.RANGES[name]
            value = getattr(loop.PRESETS[preset], name)
            self.controls[name] = slider(label, value / unit, low / unit, high / unit, step, fmt)
        ref = _reference()
        ax_g, ax_i = self.figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
        self.axes = {"glucose": ax_g, "insulin": ax_i}
        _threshold_segments(ax_g, FASTING_SPAN, FASTING_THRESHOLDS, "fasting")
        _threshold_segments(ax_g, TWO_HOUR_SPAN, TWO_HOUR_THRESHOLDS, "at 2 h")
        grey = dict(color=style.REFERENCE_GREY, ls="--", lw=1.5)
        self.ref_lines = {"glucose": ax_g.plot(ref.time, ref.glucose, **grey)[0],
                          "insulin": ax_i.plot(ref.time, ref.insulin, **grey)[0]}
        self.lines = {"glucose": ax_g.plot([], [], color=style.OKABE_ITO["blue"], ls="-")[0],
                      "insulin": ax_i.plot([], [], color=style.OKABE_ITO["vermillion"], ls="-")[0]}
        marker = dict(marker="o", ms=7, ls="none", mec="black", zorder=4)
        self.draws = {"glucose": ax_g.plot([], [], color=style.OKABE_ITO["blue"], **marker)[0],
                      "insulin": ax_i.plot([], [], color=style.OKABE_ITO["vermillion"], **marker)[0]}
        draw_normal_cohort(ax_g)
        ax_g.set_ylabel("glucose (mg/dL)")
        ax_i.set_ylabel("insulin (µU/mL)")
        ax_i.set_xlabel("time after the glucose drink (min)")
        ax_g.set_xlim(-5.0, DURATION_MIN)
        ax_g.set_xticks([0, 30, 60, 90, 120, 150, 180])  # their grid lines mark the draw times
        for ax in (ax_g, ax_i):  # few ticks and fixed label places keep each redraw cheap
            ax.yaxis.set_major_locator(MaxNLocator(5))
            ax.yaxis.set_label_coords(-0.085, 0.5)
        # one text instead of a legend: it says the same and costs far less on every redraw
        ax_g.text(64.0, 174.0, "squares: 3,446 people with normal\nglucose tolerance, mean ± SD", fontsize=8,
                  color="#555555")
        ax_g.text(0.99, 0.03, "solid: this person\ngrey dashed: healthy reference\ncircles: blood draws",
                  transform=ax_g.transAxes, ha="right", va="bottom", fontsize=9)
        self.result = ref

    def _moving_artists(self):
        return [*self.lines.values(), *self.ref_lines.values(), *self.draws.values()]

    def _redraw(self):
        self._label_custom()
        r = ogtt.simulate(DURATION_MIN, params=self.person())
        self.result = r
        s = r.samples
        for key in ("glucose", "insulin"):
            self.lines[key].set_data(r.time, getattr(r, key))
            self.draws[key].set_data(s.times, getattr(s, key))
        ref = _reference()
        self.axes["glucose"].set_ylim(50.0, max(250.0, 1.08 * r.glucose.max()))
        self.axes["insulin"].set_ylim(0.0, max(80.0, 1.1 * r.insulin.max(), 1.1 * ref.insulin.max()))
        self.readout.value = self._report(r)

    @staticmethod
    def _report(r: OGTTResult) -> str:
        s = r.samples
        rows = " · ".join(f"{t:.0f} min: {g:.0f} mg/dL, {i:.1f} µU/mL" for t, g, i in s.rows())
        c = r.classification()
        cats = ", ".join(f"{k} {v}" for k, v in c.by_criterion.items())
        isi = matsuda(s.times, s.glucose, s.insulin)
        try:
            igi = insulinogenic_index(s.times, s.glucose, s.insulin)
            early = (f"insulinogenic index <b>{igi:.2f}</b> µU/mL per mg/dL, oral disposition index "
                     f"<b>{oral_disposition_index(s.times, s.glucose, s.insulin):.3f}</b> per mg/dL")
        except ValueError:  # glucose did not rise by 30 min: the ratio is undefined
            early = "insulinogenic index undefined (glucose did not rise by 30 min)"
        return (f"Draws: {rows}.<br>ADA category: <b>{c.overall}</b> ({cats}). "
                f"Matsuda index <b>{isi:.2f}</b>; {early}.")


@register("ogtt")
def ogtt_panel(preset: str = "healthy") -> OGTTPanel:
    """Panel A of Lesson 4: a 75-g OGTT for a preset person (healthy; insulin resistant but
    compensating; type 2 diabetes) or for sliders of S_I, beta-cell response and S_G, with the
    five draws, the ADA thresholds and the indices computed from the draws."""
    return OGTTPanel(preset)

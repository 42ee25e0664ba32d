"""Panel: five years of type 2 diabetes in the Ha-Satin-Sherman model, with an intervention.

Insulin sensitivity falls from 0.8 towards 0.18 mL/µU/day (the authors' human course). The
learner chooses when an intervention starts, how far it lifts S_I, and two further levers
(liver glucose output and insulin secretion), and sees six quantities over five years against
the untreated course: S_I, fasting glucose (with the categories of the American Diabetes
Association: normal below 100 mg/dL, diabetes from 126 mg/dL; Diabetes Care 2024;47 Suppl
1:S20-S42), fasting insulin, fasting HOMA-IR (Matthews et al. 1985), beta-cell mass and
beta-cell function sigma.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.ticker import FixedLocator, MaxNLocator

from .. import style
from ..models import ha2016 as ha
from ..models.topp import DAYS_PER_YEAR
from ..thresholds import FASTING_DIABETES_MGDL, NORMAL_FASTING_MGDL
from . import register
from .base import Panel, slider
from .no_return import CLASS_PHRASES, outcome_class

HORIZON_DAYS = ha.FIVE_YEARS
SAMPLES = 731  # one point every 2.5 days
RTOL = 1e-6  # the panel's tolerance: glucose within 0.03 mg/dL of a run at 1e-10 over the slider ranges
START_YEARS = (0.0, 4.5)  # the intervention may start up to half a year before the end
NORMAL_FASTING = NORMAL_FASTING_MGDL  # (70, 99) mg/dL (ADA 2024)
DIABETES_FASTING = FASTING_DIABETES_MGDL  # 126 mg/dL (ADA 2024)
# Below this fraction of its start the readout calls sigma collapsed: a label, not a published cut-off.
COLLAPSED = 0.25
# Default y ranges; an axis grows only when a run leaves its range (new limits cost a redraw of ticks).
Y_LIMITS = {"SI": (0.0, 0.85), "glucose": (60.0, 600.0), "insulin": (0.0, 40.0), "homa_ir": (0.0, 8.0),
            "beta": (0.0, 1600.0), "sigma": (0.0, 700.0)}


@lru_cache(maxsize=128)
def run_course(start_year: float | None = None, SI_target: float | None = None, R0_factor: float = 1.0,
               secretion_factor: float = 1.0) -> ha.Trajectory:
    """Five years of the model, untreated (``start_year=None``) or with an intervention from
    ``start_year`` (years) that sends S_I towards ``SI_target`` (mL/µU/day) and multiplies
    liver glucose output by ``R0_factor`` and insulin secretion by ``secretion_factor``.

    Results are cached, so the same course is solved once.
    """
    if start_year is None:
        return ha.simulate(HORIZON_DAYS, samples=SAMPLES, rtol=RTOL)
    low, high = START_YEARS
    if not low <= start_year <= high:
        raise ValueError(f"start_year={start_year:g}: expected a value between {low:g} and {high:g} years")
    iv = ha.Intervention(start_year * DAYS_PER_YEAR, SI_target=SI_target, R0_factor=R0_factor,
                         secretion_factor=secretion_factor)
    return ha.simulate(HORIZON_DAYS, intervention=iv, samples=SAMPLES, rtol=RTOL)


def outcome_text(run: ha.Trajectory) -> str:
    """One phrase for where a run ends after five years (classes of :mod:`.no_return`)."""
    g_end = run.glucose[-1]
    if run.sigma[-1] < COLLAPSED * run.sigma[0]:
        return f"beta-cell function has collapsed and glucose is running away ({g_end:.0f} mg/dL)"
    return f"fasting glucose {CLASS_PHRASES[outcome_class(g_end)]} ({g_end:.0f} mg/dL)"


class ReversalPanel(Panel):
    """S_I, glucose, insulin, HOMA-IR, beta-cell mass and function over five years."""

    title = "Can it be reversed? An intervention in the Ha, Satin & Sherman (2016) model"
    description = ("Six plots share a time axis in years. Top left: insulin sensitivity S_I; top right: "
                   "fasting glucose with the normal range 70-99 mg/dL shaded and the diabetes threshold "
                   "126 mg/dL dotted. Middle: fasting insulin and fasting HOMA-IR. Bottom: beta-cell mass "
                   "and beta-cell function sigma. In every plot the solid coloured line is the run with the "
                   "intervention, the grey dashed line the untreated course, and a vertical dotted line marks "
                   "the start of the intervention.")
    figsize = (9.0, 7.0)

    def __init__(self, start_year: float = 2.0, SI_target: float = 0.4, R0_percent: float = 100.0,
                 secretion: float = 1.0):
        self._start = (start_year, SI_target, R0_percent, secretion)
        super().__init__()

    def _build(self):
        start_year, SI_target, R0_percent, secretion = self._start
        p = ha.PARAMS
        r0_low, r0_high, _ = ha.LEVER_RANGES["R0_factor"]
        s_low, s_high, _ = ha.LEVER_RANGES["secretion_factor"]
        self.controls["start_year"] = slider("intervention starts (year)", start_year, *START_YEARS, 0.05, ".2f")
        self.controls["SI_target"] = slider("S_I target (mL/µU/day)", SI_target, p.SI_floor, p.SI0, 0.01, ".2f")
        self.controls["R0_percent"] = slider("liver glucose output (%)", R0_percent, 100 * r0_low, 100 * r0_high,
                                             1.0, ".0f")
        self.controls["secretion"] = slider("insulin secretion (×)", secretion, s_low, s_high, 0.05, ".2f")
        keys = ("SI", "glucose", "insulin", "homa_ir", "beta", "sigma")
        grid = self.figure.subplots(3, 2, sharex=True)
        self.axes = dict(zip(keys, grid.ravel()))
        labels = {"SI": "S_I\n(mL/µU/day)", "glucose": "glucose\n(mg/dL)", "insulin": "insulin\n(µU/mL)",
                  "homa_ir": "HOMA-IR", "beta": "β-cell mass\n(mg)", "sigma": "β-cell function σ\n(mU/mg/day)"}
        colors = style.OKABE_ITO
        line_color = {"SI": colors["black"], "glucose": colors["blue"], "insulin": colors["vermillion"],
                      "homa_ir": colors["purple"], "beta": colors["green"], "sigma": colors["orange"]}
        untreated = run_course()
        self.untreated = untreated
        style.shade_band(self.axes["glucose"], *NORMAL_FASTING, "normal 70-99")
        style.threshold_line(self.axes["glucose"], DIABETES_FASTING, "diabetes ≥126")
        self.lines, self.starts = {}, {}
        for key, ax in self.axes.items():
            ax.plot(untreated.years, getattr(untreated, key), color=style.REFERENCE_GREY, ls="--", lw=1.5,
                    label="untreated")
            self.lines[key] = ax.plot([], [], color=line_color[key], ls="-", label="with intervention")[0]
            self.starts[key] = ax.axvline(0.0, color="black", ls=":", lw=1.0)
            ax.set_ylabel(labels[key])
            # Fixed, sparse ticks: recomputing tick positions costs more than the solve.
            ax.xaxis.set_major_locator(FixedLocator(np.arange(0.0, 5.5, 1.0)))
            ax.yaxis.set_major_locator(MaxNLocator(4))
        for key in ("beta", "sigma"):
            self.axes[key].set_xlabel("years")
        self.axes["SI"].set_xlim(0.0, HORIZON_DAYS / DAYS_PER_YEAR)
        for key, (low, top) in Y_LIMITS.items():
            self.axes[key].set_ylim(low, top)
        self.axes["SI"].legend(loc="upper right")
        self.trajectory = None

    def _moving_artists(self):
        return [*self.lines.values(), *self.starts.values()]

    def course(self) -> ha.Trajectory:
        """The run for the current control values."""
        v = self.values
        return run_course(round(float(v["start_year"]), 6), round(float(v["SI_target"]), 6),
                          round(float(v["R0_percent"]) / 100.0, 6), round(float(v["secretion"]), 6))

    def _redraw(self):
        run = self.course()
        self.trajectory = run
        years = run.years
        start = run.intervention.start_day / DAYS_PER_YEAR
        for key, line in self.lines.items():
            values = getattr(run, key)
            line.set_data(years, values)
            self.starts[key].set_xdata([start, start])
            low, top = Y_LIMITS[key]
            top = max(top, 1.05 * float(values.max()), 1.05 * float(getattr(self.untreated, key).max()))
            if self.axes[key].get_ylim() != (low, top):
                self.axes[key].set_ylim(low, top)
        u_end = self.untreated.glucose[-1]
        self.readout.value = (
            f"Intervention from day {run.intervention.start_day:.0f} (year {start:.2f}): S_I heads for "
            f"{run.SI[-1]:.2f} mL/µU/day. After five years: <b>{outcome_text(run)}</b>; untreated "
            f"{u_end:.0f} mg/dL. Fasting insulin {run.insulin[-1]:.1f} µU/mL, HOMA-IR {run.homa_ir[-1]:.1f}, "
            f"β-cell function σ <b>{100 * run.sigma[-1] / run.sigma[0]:.0f}%</b> of its start, β-cell mass "
            f"{100 * run.beta[-1] / run.beta[0]:.0f}% of its start.")


@register("reversal")
def reversal_panel(start_year: float = 2.0, SI_target: float = 0.4, R0_percent: float = 100.0,
                   secretion: float = 1.0) -> ReversalPanel:
    """Panel A of Lesson 8: five years with an intervention from ``start_year`` (years) that
    sends S_I towards ``SI_target`` (mL/µU/day), sets liver glucose output to ``R0_percent`` %
    and multiplies insulin secretion by ``secretion``, against the untreated course."""
    return ReversalPanel(start_year, SI_target, R0_percent, secretion)

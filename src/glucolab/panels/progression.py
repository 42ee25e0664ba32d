"""Panel: twenty years of falling insulin sensitivity in the βIG model of Topp et al. (2000).

The learner sets how far S_I falls, how many years the fall takes, and the beta-cell death
rate d0, and sees glucose, insulin and beta-cell mass over twenty years against the fasting
glucose categories of the American Diabetes Association (normal below 100 mg/dL, impaired
fasting glucose 100-125 mg/dL, diabetes from 126 mg/dL; ADA, Diabetes Care 2024;47 Suppl
1:S20-S42). Fasting insulin has no agreed reference range, because insulin assays still
differ (Staten et al., Diabetes Care 2010;33:205-6), so insulin and beta-cell mass are drawn
against the healthy starting values of the model instead.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.ticker import FixedLocator, MaxNLocator

from .. import style
from ..models import topp
from ..thresholds import FASTING_DIABETES_MGDL, NORMAL_FASTING_MGDL
from . import register
from .base import Panel, slider

HORIZON_YEARS = 20.0
SAMPLES = 2001  # one point every 3.65 days: a fall over a few weeks is still resolved
HEALTHY = topp.steady_state()  # G = 100 mg/dL, I = 10 µU/mL, beta = 300 mg
NORMAL_FASTING = NORMAL_FASTING_MGDL  # (70, 99) mg/dL (ADA 2024)
DIABETES_FASTING = FASTING_DIABETES_MGDL  # 126 mg/dL (ADA 2024)


@lru_cache(maxsize=256)
def run_scenario(SI_final: float, years: float, d0_final: float = topp.PARAMS.d0) -> topp.Trajectory:
    """Twenty years in which S_I and d0 move linearly from the published values to
    ``SI_final`` (mL/µU/day) and ``d0_final`` (1/day) over ``years`` years, then stay.

    The person starts at the healthy equilibrium (100 mg/dL, 10 µU/mL, 300 mg). Results are
    cached, so two panels showing the same scenario solve it once.
    """
    for name, value, key in (("SI_final", SI_final, "SI"), ("years", years, "years"),
                             ("d0_final", d0_final, "d0")):
        topp.RANGES[key].check(value, name)
    p = topp.PARAMS
    return topp.simulate(HORIZON_YEARS * topp.DAYS_PER_YEAR, SI=topp.Ramp.over_years(p.SI, SI_final, years),
                         d0=topp.Ramp.over_years(p.d0, d0_final, years), samples=SAMPLES)


class ScenarioPanel(Panel):
    """Base of the Lesson 3 panels: three sliders set how S_I and d0 change over the years.

    Parameters
    ----------
    SI_final : float
        Insulin sensitivity reached at the end of the change, mL/µU/day.
    years : float
        Years the change takes.
    d0 : float
        Beta-cell death rate reached at the end of the change, 1/day.
    """

    def __init__(self, SI_final: float = 0.18, years: float = 10.0, d0: float = 0.06):
        self._start = (SI_final, years, d0)
        super().__init__()

    def _add_scenario_controls(self) -> None:
        SI_final, years, d0 = self._start
        r = topp.RANGES
        self.controls["SI_final"] = slider("final S_I (mL/µU/day)", SI_final, *r["SI"][:2], 0.01, ".2f")
        self.controls["years"] = slider("years the change takes", years, *r["years"][:2], 0.05, ".2f")
        self.controls["d0"] = slider("final β-cell death d0 (/day)", d0, *r["d0"][:2], 0.0005, ".4f")

    def scenario(self) -> topp.Trajectory:
        """The trajectory for the current slider values."""
        v = self.values
        return run_scenario(float(v["SI_final"]), float(v["years"]), float(v["d0"]))


def _year_text(year: float) -> str:
    return "never" if np.isnan(year) else f"in year {year:.1f}"


def verdict(t: topp.Trajectory) -> str:
    """One phrase for where the person ends: compensated, regulated hyperglycemia or failure."""
    g_end = t.glucose[-1]
    if t.failed:
        return "beta-cell failure: glucose runs away towards 600 mg/dL"
    if g_end >= DIABETES_FASTING:
        return f"regulated hyperglycemia: glucose settles, but at {g_end:.0f} mg/dL"
    if g_end >= 101:
        return f"glucose settles above the healthy 100 mg/dL, at {g_end:.0f} mg/dL"
    return "compensated: glucose back near 100 mg/dL, held there by more insulin"


class ProgressionPanel(ScenarioPanel):
    """Glucose, insulin and beta-cell mass over twenty years as insulin sensitivity falls."""

    title = "Twenty years of falling insulin sensitivity (Topp et al. 2000 model)"
    description = ("Four stacked plots share a time axis in years. Top: insulin sensitivity S_I, "
                   "which falls in a straight line and then stays. Second: fasting glucose "
                   "(solid) with the normal range 70-99 mg/dL shaded and the diabetes threshold "
                   "126 mg/dL dotted. Third: fasting insulin, and bottom: beta-cell mass, each "
                   "with the healthy starting value as a grey dashed line.")
    figsize = (7.6, 7.0)

    def _build(self):
        self._add_scenario_controls()
        axes = self.figure.subplots(4, 1, sharex=True, height_ratios=[1.2, 2.4, 2, 2])
        ax_s, ax_g, ax_i, ax_b = axes
        self.axes = {"SI": ax_s, "glucose": ax_g, "insulin": ax_i, "beta": ax_b}
        style.shade_band(ax_g, *NORMAL_FASTING, "normal fasting 70-99")
        style.threshold_line(ax_g, DIABETES_FASTING, "diabetes ≥126")
        for key, value, label in (("insulin", HEALTHY.insulin, "healthy start"),
                                  ("beta", HEALTHY.beta, "healthy start")):
            self.axes[key].axhline(value, color=style.REFERENCE_GREY, ls="--", lw=1.5, label=label)
        c = style.OKABE_ITO
        self.lines = {
            "SI": ax_s.plot([], [], color=c["black"], ls="-")[0],
            "glucose": ax_g.plot([], [], color=c["blue"], ls="-")[0],
            "insulin": ax_i.plot([], [], color=c["vermillion"], ls="-")[0],
            "beta": ax_b.plot([], [], color=c["green"], ls="-")[0],
        }
        ax_s.set_ylabel("S_I\n(mL/µU/day)")
        ax_g.set_ylabel("glucose\n(mg/dL)")
        ax_i.set_ylabel("insulin\n(µU/mL)")
        ax_b.set_ylabel("β-cell mass\n(mg)")
        ax_b.set_xlabel("years")
        ax_s.set_xlim(0, HORIZON_YEARS)
        # Fixed, sparse ticks: recomputing tick positions costs more than the model solve.
        for ax in axes:
            ax.xaxis.set_major_locator(FixedLocator(np.arange(0.0, HORIZON_YEARS + 1, 5.0)))
            ax.yaxis.set_major_locator(MaxNLocator(4))
        ax_s.set_ylim(0, 1.05 * topp.RANGES["SI"][1])
        ax_i.legend(loc="upper left")
        self.trajectory = None

    def _moving_artists(self):
        return self.lines.values()

    def _redraw(self):
        t = self.scenario()
        self.trajectory = t
        years = t.years
        for key in ("SI", "glucose", "insulin", "beta"):
            self.lines[key].set_data(years, getattr(t, key))
        self.axes["glucose"].set_ylim(50, max(200.0, 1.08 * t.glucose.max()))
        self.axes["insulin"].set_ylim(0, max(30.0, 1.1 * t.insulin.max()))
        self.axes["beta"].set_ylim(0, max(600.0, 1.1 * t.beta.max()))
        g_end, i_end, b_end = t.glucose[-1], t.insulin[-1], t.beta[-1]
        self.readout.value = (
            f"After {HORIZON_YEARS:.0f} years: <b>{verdict(t)}</b>. Fasting glucose <b>{g_end:.0f} mg/dL</b> "
            f"(peak {t.glucose.max():.0f}), insulin <b>{i_end:.1f} µU/mL</b> "
            f"({i_end / t.insulin[0]:.1f}× the start), β-cell mass <b>{b_end:.0f} mg</b> "
            f"({b_end / t.beta[0]:.1f}× the start). Insulin first passed 1.5× its start "
            f"{_year_text(t.first_time('insulin', 1.5 * t.insulin[0]) / topp.DAYS_PER_YEAR)}; glucose first "
            f"reached 126 mg/dL {_year_text(t.first_time('glucose', DIABETES_FASTING) / topp.DAYS_PER_YEAR)}.")


@register("progression")
def progression_panel(SI_final: float = 0.18, years: float = 10.0, d0: float = 0.06) -> ProgressionPanel:
    """Panel A of Lesson 3: glucose, insulin and beta-cell mass over twenty years while S_I
    falls to ``SI_final`` (mL/µU/day) over ``years`` years and d0 moves to ``d0`` (1/day)."""
    return ProgressionPanel(SI_final, years, d0)

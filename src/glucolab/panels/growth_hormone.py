"""Panel: growth hormone given in pulses or continuously, and what it does to insulin action.

The learner sets the 24-h mean of added GH, how many pulses a day deliver it and what share
comes as pulses; the panel compares the resulting insulin action with that of continuous GH of
the same daily amount. :func:`clamp_check_figure` draws, once and without controls, the model
against the two clamp studies it was fitted to (see :mod:`glucolab.models.growth_hormone`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, MaxNLocator

import matplotlib.pyplot as plt

from .. import style
from ..validation import in_range
from ..models import growth_hormone as gh
from . import register
from .base import Panel, slider

HOURS = 48.0

# Start-up setting: the design of the one measured comparison of patterns at the same daily dose,
# Surya et al. (2009): four pulses a day, all of the GH as pulses, against a continuous infusion.
# (Their pulses were unequal, 15 % of the dose three times a day and 55 % at midnight; the
# panel's are equal.) At a 24-h mean of 3 mU/L the model, like the study, finds the two patterns
# about equal (within 1 percentage point), so the panel does not open on a model difference that
# the measurement contradicts. Any difference at other settings is illustrative.
START_MEAN_GH = 3.0  # mU/L
START_PULSES_PER_DAY = 4  # Surya et al. 2009
START_PULSATILE_SHARE = 100.0  # %


class GrowthHormonePanel(Panel):
    """GH exposure and insulin action over two days, pulsatile against continuous."""

    title = "Growth hormone: pulses or a steady level, and insulin action"
    description = ("Top: added plasma growth hormone over 48 hours, in the chosen pattern (solid) "
                   "and as a continuous level with the same daily amount (dashed). Bottom: insulin "
                   "action, as a per cent of the glucose infusion rate a clamp would need without "
                   "the added GH, for both.")
    figsize = (7.6, 4.6)

    def __init__(self, mean_gh: float = START_MEAN_GH, pulses_per_day: int = START_PULSES_PER_DAY,
                 pulsatile_share: float = START_PULSATILE_SHARE):
        r = gh.RANGES
        self._start = (r["mean_gh"].check(mean_gh, "mean_gh"),
                       int(r["pulses_per_day"].check(pulses_per_day, "pulses_per_day")),
                       in_range(pulsatile_share, "pulsatile_share", 0.0, 100.0, "%"))
        super().__init__()

    def _build(self):
        mean_gh, pulses, share = self._start
        r = gh.RANGES
        self.controls["mean_gh"] = slider("24-h mean added GH (mU/L)", mean_gh, *r["mean_gh"][:2], 0.5, ".1f")
        self.controls["pulses_per_day"] = slider("pulses per day", pulses, *r["pulses_per_day"][:2], 1, "d")
        self.controls["pulsatile_share"] = slider("share given as pulses (%)", share, 0.0, 100.0, 5.0, ".0f")
        ax_gh, ax_action = self.figure.subplots(2, 1, sharex=True)
        axes = self.axes = {"gh": ax_gh, "action": ax_action}
        c = style.OKABE_ITO
        self.lines = {
            "gh_pattern": axes["gh"].plot([], [], color=c["blue"], ls="-", lw=1.6, label="pattern")[0],
            "gh_continuous": axes["gh"].plot([], [], color=c["vermillion"], ls="--", label="continuous")[0],
            "action_pattern": axes["action"].plot([], [], color=c["blue"], ls="-")[0],
            "action_continuous": axes["action"].plot([], [], color=c["vermillion"], ls="--")[0],
        }
        for key in ("gh", "action"):
            axes[key].set_xlim(0, HOURS)
            axes[key].xaxis.set_major_locator(FixedLocator(np.arange(0, HOURS + 1, 12)))
        axes["gh"].set_ylabel("added GH (mU/L)")
        axes["gh"].yaxis.set_major_locator(MaxNLocator(4))
        axes["gh"].legend(loc="upper right", fontsize=8)
        axes["action"].set_ylim(55, 102)
        axes["action"].yaxis.set_major_locator(FixedLocator([60, 70, 80, 90, 100]))
        axes["action"].set_ylabel("insulin action\n(% of control)")
        axes["action"].set_xlabel("hours")

    def _moving_artists(self):
        return self.lines.values()

    def comparison(self) -> gh.PatternComparison:
        """Insulin action for the current controls and for continuous GH of the same mean."""
        v = self.values
        return gh.compare_patterns(v["mean_gh"], int(v["pulses_per_day"]), v["pulsatile_share"] / 100.0, HOURS)

    def _redraw(self):
        r = self.comparison()
        self.result = r
        for key in ("pattern", "continuous"):
            self.lines[f"gh_{key}"].set_data(r.time, getattr(r, f"gh_{key}"))
            self.lines[f"action_{key}"].set_data(r.time, 100.0 * getattr(r, f"action_{key}"))
        self.axes["gh"].set_ylim(0, 1.1 * max(r.gh_pattern.max(), r.gh_continuous.max(), 1.0))
        lowest = min(r.action_pattern.min(), r.action_continuous.min())
        self.axes["action"].set_ylim(min(55.0, 100.0 * lowest - 3.0), 102)
        v = self.values
        diff = 100.0 * (r.mean_action_pattern - r.mean_action_continuous)
        if abs(diff) < 1.0:
            verdict = "about the same as"
        else:
            verdict = "less insulin resistance than" if diff > 0 else "more insulin resistance than"
        self.readout.value = (
            f"Day 2 mean insulin action: <b>{100 * r.mean_action_pattern:.0f} %</b> of control with "
            f"{v['pulsatile_share']:.0f} % of the GH in {int(v['pulses_per_day'])} pulses a day, "
            f"<b>{100 * r.mean_action_continuous:.0f} %</b> with the same amount given continuously: "
            f"{verdict} continuous GH ({diff:+.1f} percentage points). Lowest value {100 * lowest:.0f} %. "
            "The shape of the dose-response between the measured points is assumed, so this "
            "difference is illustrative.")


def clamp_check_figure():
    """The model through the two published clamp protocols, with the measured values.

    A static matplotlib figure (no controls): insulin action in per cent of control against
    hours from the start of GH, for GH held at 25 mU/L for 4 h (Møller et al. 1989) and 1-h
    infusions peaking at 31, 52 and 102 mU/L (Fowelin et al. 1991). The black square is
    Møller's measured ratio (±SEM), the black diamond Fowelin's largest effect after the
    102 mU/L infusion.
    """
    style.apply()
    with plt.ioff():
        fig, ax = plt.subplots(figsize=(8.0, 3.6), layout="constrained")
    runs = gh.clamp_protocols(10.0)
    for (name, label), ls in zip(runs.LABELS.items(), ("-", ":", "-.", "--")):
        ax.plot(runs.time, 100.0 * runs.series(name), ls=ls, lw=1.8, label=f"model: {label}")
    m = gh.MOLLER_1989
    ax.errorbar([m["hours"]], [100.0 * m["gir_gh"] / m["gir_control"]],
                yerr=[100.0 * m["gir_sem"][0] / m["gir_control"]], color="black", marker="s", ls="none",
                capsize=3, label="measured: Møller 1989 (±SEM)")
    f = gh.FOWELIN_1991
    ax.plot([np.mean(f["peak_effect_h"])], [100.0 * (1.0 - f["max_inhibition_102"])], color="black",
            marker="D", ls="none", label="measured: Fowelin 1991, largest effect at 102 mU/L")
    ax.set_xlim(0, 10)
    ax.set_ylim(55, 102)
    ax.set_xlabel("hours from the start of GH")
    ax.set_ylabel("insulin action (% of control)")
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    return fig


@register("growth_hormone")
def growth_hormone_panel(mean_gh: float = START_MEAN_GH, pulses_per_day: int = START_PULSES_PER_DAY,
                         pulsatile_share: float = START_PULSATILE_SHARE) -> GrowthHormonePanel:
    """Lesson 6, panel B: added growth hormone with a 24-h mean ``mean_gh`` (mU/L), a share
    ``pulsatile_share`` (%) of it given in ``pulses_per_day`` pulses, against continuous GH of
    the same daily amount. It opens on the design of Surya et al. (2009), four pulses a day
    against continuous GH, at a mean where the model agrees with their finding of no difference."""
    return GrowthHormonePanel(mean_gh, pulses_per_day, pulsatile_share)

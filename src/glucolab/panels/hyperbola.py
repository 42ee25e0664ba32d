"""Panel: the hyperbolic law of Kahn et al. (1993) traced by one person in the Topp model.

Across healthy people, insulin sensitivity times the acute insulin response is roughly
constant (Kahn et al., Diabetes 1993;42:1663-72): plotted against each other the two lie on a
hyperbola, and their product, the disposition index, measures how well the beta cells make up
for insulin resistance. In the βIG model the secretion measure is the secretory capacity
sigma·beta (see :mod:`glucolab.models.topp`), shown relative to the healthy 300 mg of beta
cells. As S_I falls slowly the person climbs along the hyperbola; when the beta cells fail
the path drops below it, as Weyer et al. (J Clin Invest 1999;104:787-94) saw over years in
people who went on to type 2 diabetes. On logarithmic axes a hyperbola is a straight line
of slope -1.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from .. import style
from ..models import topp
from . import register
from .progression import HEALTHY, HORIZON_YEARS, ScenarioPanel, verdict

SI_LIMITS = (0.03, 1.3)  # mL/µU/day, a little wider than the slider range
CAPACITY_LIMITS = (0.02, 40.0)  # × healthy secretory capacity
DI_LEVELS = (1.0, 0.5, 0.25)  # disposition index as a fraction of healthy, one curve each


class HyperbolaPanel(ScenarioPanel):
    """A person's path in the plane of insulin sensitivity and secretory capacity."""

    title = "Compensation along the hyperbola, failure below it"
    description = ("Left, on logarithmic axes: insulin sensitivity S_I across, beta-cell secretory "
                   "capacity (relative to healthy) up. The solid black line is the hyperbola of "
                   "constant disposition index through the healthy start; dotted grey lines are "
                   "half and a quarter of it. The blue path is the person over twenty years, with "
                   "a dot each year, a circle at the start and a square at the end. Right: the "
                   "disposition index over the years, in per cent of healthy.")
    figsize = (8.6, 4.2)

    def _build(self):
        self._add_scenario_controls()
        ax_h, ax_d = self.figure.subplots(1, 2, width_ratios=[1.25, 1])
        self.axes = {"hyperbola": ax_h, "index": ax_d}
        si0 = topp.PARAMS.SI
        x = np.geomspace(*SI_LIMITS, 50)
        for level in DI_LEVELS:
            solid = level == 1.0
            ax_h.plot(x, level * si0 / x, color="black" if solid else style.REFERENCE_GREY,
                      ls="-" if solid else ":", lw=1.6 if solid else 1.2)
            x_label = SI_LIMITS[0] * 1.15
            ax_h.text(x_label, level * si0 / x_label, f" DI {100 * level:.0f}%", ha="left", va="bottom",
                      fontsize=9, color="black" if solid else style.REFERENCE_GREY)
        c = style.OKABE_ITO
        self.lines = {
            "path": ax_h.plot([], [], color=c["blue"], ls="-", lw=2.2)[0],
            "years": ax_h.plot([], [], color=c["blue"], ls="none", marker="o", ms=3.5)[0],
            "end": ax_h.plot([], [], color=c["vermillion"], ls="none", marker="s", ms=9, label="end")[0],
            "index": ax_d.plot([], [], color=c["blue"], ls="-")[0],
        }
        ax_h.plot([si0], [1.0], color="black", ls="none", marker="o", mfc="white", ms=9, label="healthy start")
        ax_h.set_xscale("log")
        ax_h.set_yscale("log")
        ax_h.set_xlim(*SI_LIMITS)
        # Fixed ticks and no minor ticks: on log axes they cost more to draw than the solve.
        ax_h.xaxis.set_major_locator(FixedLocator([0.05, 0.1, 0.2, 0.5, 1.0]))
        ax_h.yaxis.set_major_locator(FixedLocator([0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0]))
        ax_h.xaxis.set_major_formatter("{x:g}")
        ax_h.yaxis.set_major_formatter("{x:g}")
        for axis in (ax_h.xaxis, ax_h.yaxis):
            axis.set_minor_locator(NullLocator())
        ax_d.xaxis.set_major_locator(FixedLocator(np.arange(0.0, HORIZON_YEARS + 1, 5.0)))
        ax_h.set_ylim(*CAPACITY_LIMITS)
        ax_h.set_xlabel("insulin sensitivity S_I (mL/µU/day)")
        ax_h.set_ylabel("secretory capacity σβ (× healthy)")
        ax_h.legend(loc="lower left")
        ax_d.axhline(100, color="black", lw=1.2)
        ax_d.set_xlim(0, HORIZON_YEARS)
        ax_d.set_ylim(0, 130)
        ax_d.set_xlabel("years")
        ax_d.set_ylabel("disposition index (% of healthy)")
        self.trajectory = None

    def _moving_artists(self):
        return self.lines.values()

    def _redraw(self):
        t = self.scenario()
        self.trajectory = t
        capacity = np.maximum(t.beta / HEALTHY.beta, 1e-6)  # the log axis cannot show zero
        self.lines["path"].set_data(t.SI, capacity)
        yearly = np.searchsorted(t.years, np.arange(1.0, HORIZON_YEARS + 0.5))
        yearly = yearly[yearly < len(t.time)]
        self.lines["years"].set_data(t.SI[yearly], capacity[yearly])
        self.lines["end"].set_data([t.SI[-1]], [capacity[-1]])
        relative_di = 100.0 * t.disposition_index / t.disposition_index[0]
        self.lines["index"].set_data(t.years, relative_di)
        self.axes["index"].set_ylim(0, max(130.0, 1.1 * relative_di.max()))
        lowest = int(np.argmin(relative_di))
        self.readout.value = (
            f"Start: S_I {t.SI[0]:.2f} mL/µU/day, secretory capacity 1.0× healthy, disposition index "
            f"{t.disposition_index[0]:.0f} /day². After {HORIZON_YEARS:.0f} years: S_I <b>{t.SI[-1]:.2f}</b>, "
            f"capacity <b>{capacity[-1]:.2f}×</b> healthy, disposition index <b>{relative_di[-1]:.0f}%</b> "
            f"of the start (lowest {relative_di[lowest]:.0f}% in year {t.years[lowest]:.1f}): {verdict(t)}.")


@register("hyperbola")
def hyperbola_panel(SI_final: float = 0.18, years: float = 10.0, d0: float = 0.06) -> HyperbolaPanel:
    """Panel B of Lesson 3: the person's path in the (S_I, secretory capacity) plane against the
    hyperbola of constant disposition index, for the same scenario sliders as panel A."""
    return HyperbolaPanel(SI_final, years, d0)

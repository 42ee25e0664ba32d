"""Panel: the "point of no return" in the Ha-Satin-Sherman model.

Left, a map of fasting glucose after five years over the day an intervention starts (across)
and the S_I it restores (up), computed once from 41 × 32 runs (:func:`glucolab.models.ha2016_map.default_map`).
Right, one row of that map: fasting glucose after five years against the start year, for the
chosen S_I target. The sliders move a marker on both; they snap to the grid of the map, so
every number shown is a computed run, not an interpolation. Moving a slider therefore costs
only a redraw.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from .. import style
from ..models import ha2016 as ha
from ..models import ha2016_map as hm
from ..thresholds import OUTCOME_EDGES_MGDL, OUTCOME_NAMES, OUTCOME_RANGES
from . import register
from .base import Panel, slider

# Outcome classes of fasting glucose after five years, mg/dL, with their edges and the reasons for
# them in glucolab.thresholds (the first class ends at the WHO limit, 110 mg/dL, because the
# model's healthy start sits at the ADA's 100). Colours run from light to dark, so the classes
# also read in grey.
CLASS_EDGES = OUTCOME_EDGES_MGDL  # (0, 110, 126, 200, 2000)
CLASS_NAMES = OUTCOME_NAMES
CLASS_RANGES = OUTCOME_RANGES
CLASS_COLORS = ("#e3f0dc", "#E69F00", "#D55E00", "#3b1b00")


CLASS_PHRASES = ("back near the healthy start", "in the impaired range", "in the diabetic range", "running away")


def outcome_class(glucose: float) -> int:
    """Index of the outcome class of a fasting glucose value (mg/dL) in :data:`CLASS_NAMES`."""
    return int(np.searchsorted(CLASS_EDGES, glucose, side="right")) - 1


class NoReturnPanel(Panel):
    """Map of the outcome over start year × S_I target, and one row of it."""

    title = "The point of no return: when does the same intervention stop working?"
    description = ("Left: a map with the intervention's start year across (0-4) and the S_I it aims for "
                   "up (0.18-0.80 mL/µU/day). Each cell is coloured by fasting glucose after five years: "
                   "pale green near the healthy start (below 110 mg/dL), orange impaired (110-125), red diabetic "
                   "(126-199), dark brown runaway (200 and above). A black ring on a white ring marks the chosen "
                   "start and target. Right: "
                   "fasting glucose after five years against the start year for the chosen target (solid "
                   "line), with the chosen start as a circle and the diabetes threshold dotted.")
    figsize = (9.4, 4.4)

    def __init__(self, start_year: float = 2.0, SI_target: float = 0.4):
        self._start = (start_year, SI_target)
        super().__init__()

    def _build(self):
        start_year, SI_target = self._start
        self.map = hm.default_map()
        years, targets = self.map.start_years, self.map.SI_targets
        dy, dt = years[1] - years[0], targets[1] - targets[0]
        self.controls["start_year"] = slider("intervention starts (year)", start_year, years[0], years[-1],
                                             round(float(dy), 6), ".1f")
        self.controls["SI_target"] = slider("S_I target (mL/µU/day)", SI_target, targets[0], targets[-1],
                                            round(float(dt), 6), ".2f")
        ax_map, ax_row = self.figure.subplots(1, 2, width_ratios=[1.25, 1])
        self.axes = {"map": ax_map, "row": ax_row}
        cmap = ListedColormap(CLASS_COLORS)
        ax_map.imshow(self.map.glucose, origin="lower", aspect="auto", cmap=cmap,
                      norm=BoundaryNorm(CLASS_EDGES, cmap.N), interpolation="nearest",
                      extent=(years[0] - dy / 2, years[-1] + dy / 2, targets[0] - dt / 2, targets[-1] + dt / 2))
        ax_map.grid(False)
        ax_map.set_xlabel("intervention starts (year)")
        ax_map.set_ylabel("S_I target (mL/µU/day)")
        ax_map.xaxis.set_major_locator(FixedLocator(np.arange(0.0, 4.5, 1.0)))
        ax_map.yaxis.set_major_locator(FixedLocator([0.2, 0.4, 0.6, 0.8]))
        handles = [Patch(facecolor=c, edgecolor="black", lw=0.5, label=f"{n} ({r})")
                   for c, n, r in zip(CLASS_COLORS, CLASS_NAMES, CLASS_RANGES)]
        ax_map.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.18), ncol=2, fontsize=8)
        c = style.OKABE_ITO
        self.lines = {
            # a black ring on a white ring, visible on light and dark cells alike
            "halo": ax_map.plot([], [], ls="none", marker="o", ms=13, mfc="none", mec="white", mew=4.5)[0],
            "marker": ax_map.plot([], [], ls="none", marker="o", ms=10, mfc="none", mec="black", mew=2.2)[0],
            "row": ax_row.plot([], [], color=c["blue"], ls="-", marker=".", ms=4)[0],
            "chosen": ax_row.plot([], [], ls="none", marker="o", ms=10, mfc="none", mec="black", mew=2.2)[0],
        }
        style.shade_band(ax_row, 70.0, 99.0, "normal 70-99")
        style.threshold_line(ax_row, hm.DIABETES_FASTING, "diabetes ≥126")
        ax_row.set_xlim(years[0] - dy, years[-1] + dy)
        ax_row.set_ylim(80.0, 1.05 * max(600.0, float(self.map.glucose.max())))
        ax_row.set_xlabel("intervention starts (year)")
        ax_row.set_ylabel("fasting glucose at year 5 (mg/dL)")
        ax_row.xaxis.set_major_locator(FixedLocator(np.arange(0.0, 4.5, 1.0)))
        ax_row.yaxis.set_major_locator(FixedLocator([100, 200, 300, 400, 500, 600]))

    def _moving_artists(self):
        return self.lines.values()

    def cell(self) -> tuple:
        """(row, column) of the map cell chosen by the sliders."""
        v = self.values
        return self.map.index(v["start_year"] * ha.DAYS_PER_YEAR, v["SI_target"])

    def _redraw(self):
        m = self.map
        row, col = self.cell()
        year, target, glucose = m.start_years[col], m.SI_targets[row], m.glucose[row, col]
        self.lines["halo"].set_data([year], [target])
        self.lines["marker"].set_data([year], [target])
        self.lines["row"].set_data(m.start_years, m.glucose[row])
        self.lines["chosen"].set_data([year], [glucose])
        last = m.last_rescue_day(target)
        full = m.last_rescue_day(m.SI_targets[-1])
        if np.isnan(last):
            rescue = (f"At this target no start day on the map ends below {hm.DIABETES_FASTING:.0f} mg/dL.")
        else:
            rescue = (f"At this target the latest start that still ends below {hm.DIABETES_FASTING:.0f} mg/dL "
                      f"is year <b>{last / ha.DAYS_PER_YEAR:.1f}</b> (day {last:.0f}).")
        self.readout.value = (
            f"Start in year {year:.1f} (day {m.start_days[col]:.0f}) with S_I heading for {target:.2f} "
            f"mL/µU/day: fasting glucose after five years <b>{glucose:.0f} mg/dL</b>, "
            f"{CLASS_PHRASES[outcome_class(glucose)]}; "
            f"β-cell function σ {m.sigma[row, col]:.0f} mU/mg/day (start {ha.AUTHORS_START[4]:.0f}). {rescue} "
            f"Even a full return of S_I to {m.SI_targets[-1]:.2f} rescues only starts up to year "
            f"{full / ha.DAYS_PER_YEAR:.1f}.")


@register("no_return")
def no_return_panel(start_year: float = 2.0, SI_target: float = 0.4) -> NoReturnPanel:
    """Panel B of Lesson 8: the outcome map over start year × S_I target, with the chosen
    intervention (``start_year`` in years, ``SI_target`` in mL/µU/day) marked."""
    return NoReturnPanel(start_year, SI_target)

"""Panel: a free-testosterone calculator (Vermeulen, Verdonck & Kaufman 1999) that shows how
SHBG divides the same total testosterone into bound and free shares.

Total testosterone is typed, with a unit toggle that converts the number (1 nmol/L =
28.84 ng/dL); a value that is impossible in its unit is reported in the panel, with the
conversion it probably needs. The start-up values are a man with 15 nmol/L and SHBG 40 nmol/L.
Other illustrative starting points: a woman around 1.2 nmol/L total with SHBG 60 nmol/L
(within the NHANES 10th-90th percentiles of 0.25-1.73 nmol/L; Vesper et al. 2015).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedLocator

from .. import style
from .. import testosterone as hormones
from . import register
from .base import Panel, slider

SHBG_GRID = np.linspace(5.0, 200.0, 80)  # nmol/L
T_UNITS = ("nmol/L", "ng/dL")
RESULT_UNITS = ("pmol/L", "pg/mL", "nmol/L")
SHARES = ("bound to SHBG", "bound to albumin", "free")


class FreeTestosteronePanel(Panel):
    """Free testosterone against SHBG at the entered total, and how the total is shared out."""

    title = "Free testosterone calculator (Vermeulen et al. 1999)"
    description = ("Left: free testosterone (in the chosen unit) against SHBG from 5 to 200 nmol/L "
                   "at the entered total testosterone and albumin; the dot marks the entered SHBG. "
                   "Right: three horizontal bars give the shares of the total bound to SHBG, bound "
                   "to albumin, and free, in per cent, with the numbers written beside them.")
    figsize = (8.2, 3.8)

    def __init__(self, total_t: float = 15.0, unit: str = "nmol/L", shbg: float = 40.0,
                 albumin: float = hormones.ALBUMIN_DEFAULT_GDL, result_unit: str = "pmol/L"):
        for value, options, name in ((unit, T_UNITS, "unit"), (result_unit, RESULT_UNITS, "result_unit")):
            if value not in options:
                raise ValueError(f"{name}={value!r}: expected one of {options}")
        self._start = (total_t, unit, shbg, albumin, result_unit)
        super().__init__()

    def _build(self):
        total_t, unit, shbg, albumin, out_unit = self._start
        self.controls["shbg"] = slider("SHBG (nmol/L)", shbg, SHBG_GRID[0], SHBG_GRID[-1], 1.0, ".0f")
        self.controls["albumin"] = slider("albumin (g/dL)", albumin, *hormones.ALBUMIN_RANGE_GDL, 0.1, ".1f")
        self.controls["total_t"] = widgets.FloatText(value=total_t, description="total testosterone",
                                                     layout=widgets.Layout(width="260px"),
                                                     style={"description_width": "130px"})
        self.controls["unit"] = widgets.ToggleButtons(options=T_UNITS, value=unit, description="its unit")
        self.controls["result_unit"] = widgets.Dropdown(options=RESULT_UNITS, value=out_unit,
                                                        description="show free T in")
        ax_c, ax_b = self.figure.subplots(1, 2, width_ratios=[1.4, 1])
        self.axes = {"curve": ax_c, "shares": ax_b}
        c = style.OKABE_ITO
        self.lines = {
            "curve": ax_c.plot([], [], color=c["blue"], ls="-")[0],
            "now": ax_c.plot([], [], color=c["vermillion"], marker="o", ms=9, ls="none")[0],
        }
        ax_c.set_xlim(0, SHBG_GRID[-1])
        ax_c.xaxis.set_major_locator(FixedLocator([0, 50, 100, 150, 200]))
        ax_c.set_xlabel("SHBG (nmol/L)")
        y = np.arange(len(SHARES))
        self.bars = ax_b.barh(y, [0.0] * len(SHARES), color=[c["sky"], c["orange"], c["vermillion"]])
        self.bar_labels = [ax_b.text(0.0, i, "", va="center", ha="left", fontsize=9) for i in y]
        ax_b.set_yticks(y, SHARES)
        ax_b.invert_yaxis()
        ax_b.set_xlim(0, 130)
        ax_b.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
        ax_b.set_xlabel("share of total (%)")
        ax_b.grid(False)

    def _moving_artists(self):
        return [*self.lines.values(), *self.bars, *self.bar_labels]

    def _on_change(self, change):
        if change["owner"] is self.controls["unit"] and not self._holding:
            try:
                converted = hormones.convert_testosterone(self.controls["total_t"].value, change["old"], change["new"])
            except ValueError:
                converted = None  # leave an impossible number as typed; _redraw reports it
            if converted is not None:
                with self.hold():
                    self.controls["total_t"].value = round(float(converted), 3 if change["new"] == "nmol/L" else 1)
                return
        super()._on_change(change)

    def result(self, shbg=None) -> hormones.FreeTestosterone:
        """The calculation for the current inputs (or for other SHBG values, nmol/L)."""
        v = self.values
        return hormones.free_testosterone(v["total_t"], v["shbg"] if shbg is None else shbg, v["albumin"],
                                          unit=v["unit"], result_unit=v["result_unit"])

    def _redraw(self):
        v = self.values
        now = self.result()
        curve = self.result(SHBG_GRID)
        self.lines["curve"].set_data(SHBG_GRID, curve.free)
        self.lines["now"].set_data([v["shbg"]], [now.free])
        self.axes["curve"].set_ylim(0, 1.1 * float(np.max(curve.free)))
        self.axes["curve"].set_ylabel(f"free testosterone ({now.unit})")
        shares = (100.0 * now.shbg_bound_nmol / now.total_nmol, 100.0 * now.albumin_bound_nmol / now.total_nmol,
                  now.percent_free)
        for bar, label, share in zip(self.bars, self.bar_labels, shares):
            bar.set_width(share)
            label.set_position((share + 2.0, label.get_position()[1]))
            label.set_text(f"{share:.1f} %")
        self.readout.value = (
            f"Total {now.total_nmol:.2f} nmol/L ({now.total_nmol * hormones.NGDL_PER_NMOLL:.0f} ng/dL), "
            f"SHBG {now.shbg_nmol:.0f} nmol/L, albumin {now.albumin_gdl:.1f} g/dL: free testosterone "
            f"<b>{now.free:.4g} {now.unit}</b> ({now.percent_free:.2f} % of total), bioavailable "
            f"<b>{now.bioavailable:.4g} {now.unit}</b> ({now.percent_bioavailable:.1f} %). A calculated "
            "estimate, not a measurement; not a diagnosis.")


@register("free_testosterone")
def free_testosterone_panel(total_t: float = 15.0, unit: str = "nmol/L", shbg: float = 40.0,
                            albumin: float = hormones.ALBUMIN_DEFAULT_GDL,
                            result_unit: str = "pmol/L") -> FreeTestosteronePanel:
    """Lesson 7, panel B: free and bioavailable testosterone from total testosterone (nmol/L or
    ng/dL), SHBG (nmol/L) and albumin (g/dL), with the curve of free testosterone against SHBG."""
    return FreeTestosteronePanel(total_t, unit, shbg, albumin, result_unit)

"""Panel: the GnRH → LH → testosterone loop and what outside androgen does to it.

Mechanism only: the control is a level of androgen from outside the body relative to the man's
own healthy testosterone, not a product or a dose (see :mod:`glucolab.models.hpg`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.ticker import FixedLocator, MaxNLocator

from .. import style
from ..models import hpg
from . import register
from .base import Panel, slider

START_H, HOURS = 12.0, 48.0
EXOGENOUS_GRID = np.linspace(*hpg.RANGES["exogenous"][:2], 61)


@lru_cache(maxsize=64)
def resting_curves(drive: float, capacity: float) -> tuple[hpg.SteadyState, hpg.SteadyState]:
    """The steady states along :data:`EXOGENOUS_GRID` and without outside androgen, for a drive
    and a testis capacity (× healthy); the outside-androgen slider does not change them."""
    return (hpg.steady_state(EXOGENOUS_GRID, drive=drive, capacity=capacity),
            hpg.steady_state(0.0, drive=drive, capacity=capacity))


class HPGPanel(Panel):
    """Time courses of the loop after outside androgen starts, and its steady states."""

    title = "The HPG loop: negative feedback and outside androgen"
    description = ("Left: LH (dashed), testosterone made by the testes (solid) and total androgen "
                   "in blood (dotted), relative to a healthy man, over 48 hours; outside androgen "
                   "starts at hour 12 (vertical line). Right: the resting LH (dashed) and testosterone "
                   "from the testes (solid) for every level of outside androgen from 0 to 3 times the "
                   "man's own healthy level, for the chosen hypothalamic drive and testis capacity; "
                   "the dots mark the slider value.")
    figsize = (8.4, 4.2)

    def __init__(self, exogenous: float = 1.0, drive: float = 1.0, capacity: float = 1.0):
        exogenous = hpg.RANGES["exogenous"].check(exogenous, "exogenous")
        man = hpg.PARAMS.replace(drive=drive, capacity=capacity)  # checks both
        self._start = (exogenous, man.drive, man.capacity)
        super().__init__()

    def _build(self):
        exogenous, drive, capacity = self._start
        r = hpg.RANGES
        self.controls["exogenous"] = slider("outside androgen (× own level)", exogenous, *r["exogenous"][:2],
                                            0.05, ".2f")
        self.controls["drive"] = slider("hypothalamic drive (× healthy)", drive, *r["drive"][:2], 0.05, ".2f")
        self.controls["capacity"] = slider("testis response to LH (× healthy)", capacity, *r["capacity"][:2],
                                           0.05, ".2f")
        ax_t, ax_s = self.figure.subplots(1, 2, width_ratios=[1.3, 1])
        self.axes = {"time": ax_t, "steady": ax_s}
        c = style.OKABE_ITO
        self.lines = {
            "lh": ax_t.plot([], [], color=c["purple"], ls="--", label="LH")[0],
            "endogenous": ax_t.plot([], [], color=c["blue"], ls="-", label="testosterone from testes")[0],
            "total": ax_t.plot([], [], color=c["black"], ls=":", label="total androgen in blood")[0],
            "steady_endogenous": ax_s.plot([], [], color=c["blue"], ls="-", label="from testes")[0],
            "steady_lh": ax_s.plot([], [], color=c["purple"], ls="--", label="LH")[0],
            "now_endogenous": ax_s.plot([], [], color=c["blue"], marker="o", ms=8, ls="none")[0],
            "now_lh": ax_s.plot([], [], color=c["purple"], marker="o", ms=8, ls="none")[0],
        }
        ax_t.axvline(START_H, color=style.REFERENCE_GREY, lw=1)
        ax_t.set_xlim(0, HOURS)
        ax_t.set_ylim(0, 3.2)
        ax_t.xaxis.set_major_locator(FixedLocator(np.arange(0, HOURS + 1, 12)))
        ax_t.yaxis.set_major_locator(FixedLocator([0, 1, 2, 3]))
        ax_t.set_xlabel("hours")
        ax_t.set_ylabel("relative to healthy man (1 = 18.4 nmol/L)")
        ax_t.legend(loc="upper right", fontsize=8)
        ax_s.set_xlim(0, hpg.RANGES["exogenous"][1])
        ax_s.set_ylim(0, 2.0)
        ax_s.xaxis.set_major_locator(FixedLocator([0, 1, 2, 3]))
        ax_s.yaxis.set_major_locator(MaxNLocator(4))
        ax_s.set_xlabel("outside androgen (× own level)")
        ax_s.set_ylabel("at rest (× healthy)")

    def _moving_artists(self):
        return self.lines.values()

    def _redraw(self):
        v = self.values
        run = hpg.simulate(HOURS, exogenous=v["exogenous"], start_h=START_H, drive=v["drive"], capacity=v["capacity"])
        self.run = run
        for key in ("lh", "endogenous", "total"):
            self.lines[key].set_data(run.time, getattr(run, key))
        rest, before = resting_curves(float(v["drive"]), float(v["capacity"]))
        self.lines["steady_endogenous"].set_data(EXOGENOUS_GRID, rest.endogenous)
        self.lines["steady_lh"].set_data(EXOGENOUS_GRID, rest.lh)
        now = hpg.steady_state(v["exogenous"], drive=v["drive"], capacity=v["capacity"])
        self.lines["now_endogenous"].set_data([v["exogenous"]], [now.endogenous])
        self.lines["now_lh"].set_data([v["exogenous"]], [now.lh])
        self.axes["steady"].set_ylim(0, max(2.0, 1.1 * before.lh))
        nmol = hpg.T_REF_NMOLL
        self.readout.value = (
            f"Before: testosterone <b>{before.endogenous * nmol:.1f} nmol/L</b>, LH {before.lh:.2f} × healthy. "
            f"With outside androgen at {v['exogenous']:.2f} × the own level, the loop settles at LH "
            f"<b>{now.lh:.2f}</b> × healthy and testosterone from the testes <b>{now.endogenous * nmol:.1f} "
            f"nmol/L</b> ({100 * (now.endogenous / before.endogenous - 1):+.0f} %), while total androgen in "
            f"blood is {now.total * nmol:.1f} nmol/L. Loop gain {now.loop_gain:.2f} (below 8: no oscillation).")


@register("hpg_loop")
def hpg_panel(exogenous: float = 1.0, drive: float = 1.0, capacity: float = 1.0) -> HPGPanel:
    """Lesson 7, panel A: the GnRH → LH → testosterone loop with sliders for outside androgen
    (× the man's own healthy level), hypothalamic drive and testis capacity (× healthy)."""
    return HPGPanel(exogenous, drive, capacity)

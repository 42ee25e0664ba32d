"""Panel: the illustrative vicious circle between visceral fat and low testosterone, and what it
takes in the model to leave it (see :mod:`glucolab.models.vicious_circle`; every number there
is illustrative)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator

from .. import style
from ..models import hpg
from ..models import vicious_circle as vc
from . import register
from .base import Panel, slider

HORIZON = 60.0  # months
T_GRID = np.linspace(0.3, 1.25, 120)  # relative testosterone
A_GRID = np.linspace(0.7, 2.3, 120)  # relative visceral adiposity
NMOL = hpg.T_REF_NMOLL
FAT_PUSH = vc.fat_push(T_GRID)  # the push of testosterone on visceral fat along T_GRID


@lru_cache(maxsize=64)
def fixed_points(drive: float) -> tuple[list, list]:
    """The stable and the unstable steady states at a usual drive (cached: the other sliders
    do not move them)."""
    points = vc.fixed_points(drive)
    return [p for p in points if p.stable], [p for p in points if not p.stable]


class ViciousCirclePanel(Panel):
    """Phase plane of testosterone and visceral fat, with a temporary lowering of the drive."""

    title = "A vicious circle? Visceral fat and low testosterone (illustrative model)"
    description = ("Left: testosterone (nmol/L, across) against visceral fat (× lean, up). The grey "
                   "line is where testosterone is at rest; the solid green line is where visceral fat "
                   "is at rest at the usual drive, the dashed green line while the drive is lowered. "
                   "Filled circles are stable states, the open circle the unstable one between them. "
                   "The blue path starts in the low-testosterone state (square). Right: testosterone "
                   "(top) and visceral fat (bottom) over five years, with the period of lowered drive "
                   "shaded.")
    figsize = (8.6, 4.6)

    def __init__(self, change: float = 0.2, months: float = 12.0, drive: float = vc.USUAL_DRIVE):
        drive = vc.PARAMS.replace(drive=drive).drive  # checks it
        change, months = vc.RANGES["change"].check(change, "change"), vc.RANGES["months"].check(months, "months")
        self._start = (change, months, drive)
        super().__init__()

    def _build(self):
        change, months, drive = self._start
        r = vc.RANGES
        self.controls["change"] = slider("lower the drive by", change, *r["change"][:2], 0.01, ".2f")
        self.controls["months"] = slider("for (months)", months, *r["months"][:2], 0.5, ".1f")
        self.controls["drive"] = slider("usual adiposity drive", round(drive, 3), *r["drive"][:2], 0.005, ".3f")
        axes = self.figure.subplot_mosaic([["plane", "t"], ["plane", "a"]], width_ratios=[1.2, 1])
        self.axes = axes
        c = style.OKABE_ITO
        ax = axes["plane"]
        ax.plot(NMOL * vc.testosterone_target(A_GRID), A_GRID, color=style.REFERENCE_GREY, lw=1.6, ls="-.",
                label="testosterone at rest")
        self.lines = {
            "fat_rest": ax.plot([], [], color=c["green"], ls="-", lw=1.6, label="fat at rest, usual drive")[0],
            "fat_rest_lowered": ax.plot([], [], color=c["green"], ls="--", lw=1.4, label="… drive lowered")[0],
            "path": ax.plot([], [], color=c["blue"], ls="-", lw=2.0)[0],
            "stable": ax.plot([], [], color="black", marker="o", ms=8, ls="none")[0],
            "unstable": ax.plot([], [], color="black", marker="o", mfc="white", ms=8, ls="none")[0],
            "t": axes["t"].plot([], [], color=c["blue"], ls="-")[0],
            "a": axes["a"].plot([], [], color=c["vermillion"], ls="-")[0],
        }
        start = vc.VICIOUS_START
        ax.plot([NMOL * start.testosterone], [start.adiposity], color=c["blue"], marker="s", ms=8, ls="none")
        ax.set_xlim(NMOL * T_GRID[0], NMOL * T_GRID[-1])
        ax.set_ylim(A_GRID[0], A_GRID[-1])
        ax.xaxis.set_major_locator(FixedLocator([10, 15, 20]))
        ax.yaxis.set_major_locator(FixedLocator([1.0, 1.5, 2.0]))
        ax.set_xlabel("total testosterone (nmol/L)")
        ax.set_ylabel("visceral fat (× lean)")
        ax.legend(loc="lower left", fontsize=7)
        self.windows = []
        for key, label, limits, ticks in (("t", "testosterone\n(nmol/L)", (4, 22), [10, 20]),
                                          ("a", "visceral fat\n(× lean)", (0.7, 2.3), [1.0, 2.0])):
            window = Rectangle((0, limits[0]), 0, limits[1] - limits[0], color=style.BAND_COLOR, alpha=0.15, lw=0)
            axes[key].add_patch(window)
            self.windows.append(window)
            axes[key].set_xlim(0, HORIZON)
            axes[key].set_ylim(*limits)
            axes[key].set_ylabel(label)
            axes[key].xaxis.set_major_locator(FixedLocator(np.arange(0, HORIZON + 1, 24)))
            axes[key].yaxis.set_major_locator(FixedLocator(ticks))
        axes["t"].tick_params(labelbottom=False)
        axes["a"].set_xlabel("months")

    def _moving_artists(self):
        return [*self.lines.values(), *self.windows]

    def _redraw(self):
        v = self.values
        course = vc.simulate(HORIZON, change=v["change"], months=v["months"], drive=v["drive"])
        self.course = course
        self.lines["fat_rest"].set_data(NMOL * T_GRID, v["drive"] + FAT_PUSH)
        lowered = max(v["drive"] - v["change"], 0.0)
        self.lines["fat_rest_lowered"].set_data(NMOL * T_GRID, lowered + FAT_PUSH)
        stable, unstable = fixed_points(float(v["drive"]))
        self.lines["stable"].set_data([NMOL * p.testosterone for p in stable], [p.adiposity for p in stable])
        self.lines["unstable"].set_data([NMOL * p.testosterone for p in unstable], [p.adiposity for p in unstable])
        self.lines["path"].set_data(NMOL * course.testosterone, course.adiposity)
        self.lines["t"].set_data(course.time, NMOL * course.testosterone)
        self.lines["a"].set_data(course.time, course.adiposity)
        for window in self.windows:
            window.set_width(min(v["months"], HORIZON))
        end_t, end_a = NMOL * course.testosterone[-1], course.adiposity[-1]
        if len(stable) == 2:
            states = "two stable states at this drive (the circle can hold)"
        else:
            states = "one stable state at this drive (no circle to be caught in)"
        outcome = "<b>left the circle</b>" if course.escaped else "<b>stayed in the circle</b>"
        self.readout.value = (
            f"Usual drive {v['drive']:.3f}: {states}. Lowering it by {v['change']:.2f} for "
            f"{v['months']:.1f} months, the person {outcome}: after {HORIZON:.0f} months testosterone "
            f"{end_t:.1f} nmol/L, visceral fat {end_a:.2f} × lean. Illustrative model: the sizes and "
            "speeds are assumptions, not measurements.")


@register("vicious_circle")
def vicious_circle_panel(change: float = 0.2, months: float = 12.0,
                         drive: float = vc.USUAL_DRIVE) -> ViciousCirclePanel:
    """Lesson 7, panel C: the illustrative two-variable circle of visceral fat and low
    testosterone; lower the adiposity drive by ``change`` for ``months`` and see whether the
    person leaves the low-testosterone state."""
    return ViciousCirclePanel(change, months, drive)

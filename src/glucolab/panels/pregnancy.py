"""Panel: insulin sensitivity, beta-cell output and glucose through a pregnancy (Lesson 11).

The course comes from :mod:`glucolab.models.life_stages`: insulin sensitivity follows the measured
clamp values (Powe et al. 2019; Catalano et al. 1991), the beta cells raise their output to keep the
disposition index of Lesson 3 up to a ceiling, the woman's reserve, and each week's 75-g OGTT is the
one of Lesson 4. The figure has three parts, like every panel of this lesson: the course over time,
the plane of the hyperbola of Kahn et al. (1993) with the reference hyperbola and the levels of
:mod:`.hyperbola` (Lesson 3), and the OGTT glucose over time against the diagnostic thresholds:
in pregnancy those of the IADPSG (2010), before and after it those of the ADA (2024).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, NullLocator

from .. import style
from ..indices import classify_ogtt
from ..models import life_stages as ls
from ..models.timecourse import Sample
from . import register
from .base import Panel, keep_in_view, slider
from .hyperbola import DI_LEVELS

SI_LIMITS = (0.07, 2.0)  # × the reference, on a log axis
OUTPUT_LIMITS = (0.2, 8.0)  # × the reference, on a log axis
OGTT_LIMITS = (60.0, 220.0)  # mg/dL; the axis grows if a course leaves it
SERIES = ((0, "fasting", "-"), (1, "1 hour", "--"), (2, "2 hours", ":"))  # OGTT columns, label, line style


def percent(value: float) -> str:
    return f"{100 * value:.0f}%"


class LifeCoursePanel(Panel):
    """Base of the Lesson 11 panels: a time slider and three sliders that describe the woman.

    Subclasses set :attr:`time_control` (the name, label, range, step and format of the time
    slider), implement :meth:`course` and :meth:`verdict`, and may mark parts of the time axis in
    :meth:`_mark_time_axis`.
    """

    time_label = ""
    time_range: tuple = (0.0, 1.0)
    time_ticks: tuple = ()
    figsize = (9.6, 6.6)

    def __init__(self, time: float, SI_before: float, reserve: float, change_percent: float):
        self._start = (time, SI_before, reserve, change_percent)
        super().__init__()

    # -- to implement ---------------------------------------------------------------------------
    def _time_slider(self, value):
        raise NotImplementedError

    def _change_slider(self, value):
        raise NotImplementedError

    def course(self) -> ls.Course:
        raise NotImplementedError

    def verdict(self, when: Sample, t: float) -> str:
        raise NotImplementedError

    def _mark_time_axis(self, ax) -> None:
        """Shade or label parts of a time axis (default: nothing)."""

    def _thresholds(self, ax) -> None:
        """Draw the diagnostic thresholds on the glucose axis."""

    # -- the shared figure ------------------------------------------------------------------------
    @property
    def time(self) -> float:
        return float(self.controls["time"].value)

    def _build(self):
        time, SI_before, reserve, change = self._start
        self.controls["time"] = self._time_slider(time)
        self.controls["SI_before"] = slider("sensitivity at the start (× ref.)", SI_before,
                                            *ls.RANGES["SI_before"][:2], 0.05, ".2f")
        self.controls["reserve"] = slider("β-cell reserve (× ref. output)", reserve, *ls.RANGES["reserve"][:2],
                                          0.1, ".1f")
        self.controls["change"] = self._change_slider(change)
        grid = self.figure.add_gridspec(2, 2, height_ratios=[1.05, 1.0], width_ratios=[1.35, 1.0])
        ax_c = self.figure.add_subplot(grid[0, 0])
        ax_h = self.figure.add_subplot(grid[0, 1])
        ax_g = self.figure.add_subplot(grid[1, :], sharex=ax_c)
        self.axes = {"course": ax_c, "plane": ax_h, "glucose": ax_g}
        c = style.OKABE_ITO
        # Course over time: sensitivity, output, the output the hyperbola needs, and the reserve.
        for ax in (ax_c, ax_g):
            self._mark_time_axis(ax)
            ax.xaxis.set_major_locator(FixedLocator(self.time_ticks))
        ax_c.set_xlim(*self.time_range)
        self.lines = {
            "SI": ax_c.plot([], [], color=c["black"], ls="-", lw=2.0, label="insulin sensitivity")[0],
            "beta": ax_c.plot([], [], color=c["vermillion"], ls="--", lw=2.0, label="β-cell output")[0],
            "need": ax_c.plot([], [], color=c["sky"], ls=":", lw=2.0, label="output the hyperbola needs")[0],
            "reserve": ax_c.plot([], [], color=c["purple"], ls="-.", lw=1.4, label="β-cell reserve")[0],
        }
        ax_c.axhline(1.0, color=style.REFERENCE_GREY, lw=0.8)
        ax_c.set_ylim(0.0, 5.5)
        ax_c.set_ylabel("× the reference")
        ax_c.legend(loc="upper left", fontsize=8, ncol=2)
        # The plane of Lesson 3: the reference hyperbola and the levels below it.
        x = np.geomspace(*SI_LIMITS, 50)
        for level in DI_LEVELS:
            solid = level == 1.0
            ax_h.plot(x, level / x, color="black" if solid else style.REFERENCE_GREY, ls="-" if solid else ":",
                      lw=1.6 if solid else 1.2)
            ax_h.text(SI_LIMITS[1] / 1.12, level / (SI_LIMITS[1] / 1.12), f"DI {100 * level:.0f}% ", ha="right",
                      va="bottom", fontsize=8, color="black" if solid else style.REFERENCE_GREY)
        self.lines["path"] = ax_h.plot([], [], color=c["blue"], ls="-", lw=2.0)[0]
        self.lines["start"] = ax_h.plot([], [], color="black", ls="none", marker="o", mfc="white", ms=8,
                                        label="start")[0]
        self.lines["now"] = ax_h.plot([], [], color=c["vermillion"], ls="none", marker="s", ms=8,
                                      label="selected time")[0]
        ax_h.set_xscale("log")
        ax_h.set_yscale("log")
        ax_h.set_xlim(*SI_LIMITS)
        ax_h.set_ylim(*OUTPUT_LIMITS)
        ax_h.xaxis.set_major_locator(FixedLocator([0.1, 0.2, 0.5, 1.0, 2.0]))
        ax_h.yaxis.set_major_locator(FixedLocator([0.25, 0.5, 1.0, 2.0, 4.0, 8.0]))
        for axis in (ax_h.xaxis, ax_h.yaxis):
            axis.set_major_formatter("{x:g}")
            axis.set_minor_locator(NullLocator())
        ax_h.set_xlabel("insulin sensitivity (× ref.)")
        ax_h.set_ylabel("β-cell output (× ref.)")
        ax_h.legend(loc="lower left", fontsize=8)
        # OGTT glucose over time.
        for column, label, ls_ in SERIES:
            self.lines[f"ogtt{column}"] = ax_g.plot([], [], color=c["blue"], ls=ls_, lw=1.8, label=label)[0]
        self._thresholds(ax_g)
        ax_g.set_ylim(*OGTT_LIMITS)
        ax_g.set_ylabel("OGTT glucose (mg/dL)")
        ax_g.set_xlabel(self.time_label)
        ax_g.legend(loc="upper left", fontsize=8, ncol=3)
        self.cursors = [ax.axvline(0.0, color=c["vermillion"], lw=1.2, ls="-") for ax in (ax_c, ax_g)]
        self.result = None

    def _moving_artists(self):
        return [*self.lines.values(), *self.cursors]

    def _redraw(self):
        course = self.course()
        self.result = course
        t = self.time
        time = course.time
        self.lines["SI"].set_data(time, course.SI)
        self.lines["beta"].set_data(time, course.beta)
        self.lines["need"].set_data(time, course.need)
        self.lines["reserve"].set_data(time[[0, -1]], [course.reserve, course.reserve])
        self.lines["path"].set_data(course.SI, course.beta)
        self.lines["start"].set_data(course.SI[:1], course.beta[:1])
        now = course.at(t)
        self.lines["now"].set_data([now["SI"]], [now["beta"]])
        for column, _, _ in SERIES:
            self.lines[f"ogtt{column}"].set_data(time, course.ogtt[:, column])
        for cursor in self.cursors:
            cursor.set_xdata([t, t])
        keep_in_view(self.axes["glucose"], float(course.ogtt.max()), floor=OGTT_LIMITS[1], margin=1.05)
        fasting, one_hour, two_hour = now.ogtt_fasting, now.ogtt_1h, now.ogtt_2h
        self.readout.value = (
            f"{self.time_text(t)}: insulin sensitivity <b>{now['SI']:.2f}×</b> the reference, β-cell output "
            f"<b>{now['beta']:.2f}×</b> (the hyperbola needs {now['need']:.2f}×, her reserve is "
            f"{course.reserve:.1f}×), disposition index <b>{percent(now['disposition'])}</b> of the reference. "
            f"75-g OGTT: {fasting:.0f}, {one_hour:.0f} and {two_hour:.0f} mg/dL at 0, 60 and 120 min: "
            f"<b>{self.verdict(now, t)}</b>. {self.reserve_text(course)}")

    def moment(self, t: float) -> str:
        """The time ``t`` in words ("week 19", "year 1.5 after the final period")."""
        return f"{t:g}"

    def time_text(self, t: float) -> str:
        return f"At {self.moment(t)}"

    def reserve_text(self, course: ls.Course) -> str:
        """When the need first passes the reserve."""
        above = np.flatnonzero(course.need > course.reserve + 1e-9)
        if above.size == 0:
            return "Her need never passes her reserve: she stays on the hyperbola."
        if above[0] == 0:
            return "Her need is above her reserve from the start: she starts below the hyperbola."
        return f"Her need first passes her reserve at {self.moment(float(course.time[above[0]]))}."


def ada_verdict(fasting: float, two_hour: float) -> str:
    """The ADA category of a 75-g OGTT outside pregnancy, in words."""
    return str(classify_ogtt([0.0, 120.0], [fasting, two_hour]))


class PregnancyPanel(LifeCoursePanel):
    """A pregnancy week by week: the course, the hyperbola and the OGTT."""

    title = "Pregnancy on the hyperbola: insulin sensitivity, β-cell output and the OGTT"
    description = ("Top left, across gestational weeks 0 (before pregnancy) to 46 (six weeks after delivery "
                   "at week 40): insulin sensitivity (solid black), β-cell output (dashed), the output that "
                   "would keep the woman on the reference hyperbola (dotted) and her β-cell reserve "
                   "(dash-dot), all relative to the healthy reference of Lesson 1; the screening window of "
                   "weeks 24-28 is shaded. Top right, on logarithmic axes: her path in the plane of "
                   "sensitivity and output, with the reference hyperbola (solid) and half and a quarter of it "
                   "(dotted); a circle marks the start and a square the selected week. Bottom: glucose of a "
                   "75-g OGTT in each week, fasting (solid), at 1 hour (dashed) and 2 hours (dotted), with the "
                   "IADPSG thresholds of pregnancy (92, 180 and 153 mg/dL) drawn across the pregnancy.")
    time_label = "gestational week (delivery at 40)"
    time_range = (0.0, ls.LAST_WEEK)
    time_ticks = (0, 8, 13, 20, 24, 28, 35, 40, 46)

    def _time_slider(self, value):
        return slider("gestational week", value, *ls.RANGES["week"][:2], 1.0, ".0f")

    def _change_slider(self, value):
        low, high, _ = ls.RANGES["late_fall"]
        return slider("fall of sensitivity by week 35 (%)", value, 100 * low, 100 * high, 1.0, ".0f")

    def course(self) -> ls.Course:
        v = self.values
        return ls.pregnancy(round(float(v["SI_before"]), 6), round(float(v["reserve"]), 6),
                            round(float(v["change"]) / 100.0, 6))

    def _mark_time_axis(self, ax):
        ax.axvspan(*ls.SCREENING_WEEKS, color=style.BAND_COLOR, alpha=0.12, lw=0, zorder=0)
        ax.axvline(ls.TERM_WEEK, color=style.REFERENCE_GREY, lw=1.0, ls="--", zorder=0)

    def _thresholds(self, ax):
        for (t, value), (_, _, ls_) in zip(ls.IADPSG_THRESHOLDS.items(), SERIES):
            ax.hlines(value, 0.5, ls.TERM_WEEK, color=style.ALERT_COLOR, lw=1.2, ls=ls_, zorder=1)
            ax.text(0.6, value, f" IADPSG {ls.IADPSG_NAMES[t]} ≥{value:.0f}", ha="left", va="bottom", fontsize=8,
                    color=style.ALERT_COLOR)
        ax.text(sum(ls.SCREENING_WEEKS) / 2, OGTT_LIMITS[0] + 2, "24-28 wk", ha="center", va="bottom",
                fontsize=8, color=style.BAND_COLOR)

    def moment(self, t: float) -> str:
        if t <= 0:
            return "week 0 (before pregnancy)"
        if t > ls.TERM_WEEK:
            after = t - ls.TERM_WEEK
            return f"week {t:g} ({after:g} week{'' if after == 1 else 's'} after delivery)"
        return f"week {t:g}"

    def verdict(self, when: Sample, t: float) -> str:
        fasting, one_hour, two_hour = when.ogtt_fasting, when.ogtt_1h, when.ogtt_2h
        if t <= 0 or t > ls.TERM_WEEK:
            return f"outside pregnancy, ADA: {ada_verdict(fasting, two_hour)}"
        result = ls.iadpsg(fasting, one_hour, two_hour)
        note = "" if ls.SCREENING_WEEKS[0] <= t <= ls.SCREENING_WEEKS[1] else " (the test is done at 24-28 weeks)"
        return f"{result}{note}"


@register("pregnancy")
def pregnancy_panel(week: float = 26.0, SI_before: float = 1.0, reserve: float = 3.0,
                    late_fall: float = 100 * ls.LATE_FALL) -> PregnancyPanel:
    """Lesson 11: one woman's pregnancy. ``week`` is the gestational week shown in the readout (0-46),
    ``SI_before`` her insulin sensitivity before pregnancy (× the reference of Lesson 1, 0.3-1.5),
    ``reserve`` the most her beta cells can secrete (× the reference's output, 0.5-5; illustrative) and
    ``late_fall`` the per cent of sensitivity lost by 34-36 weeks (30-70; measured: 56)."""
    return PregnancyPanel(week, SI_before, reserve, late_fall)


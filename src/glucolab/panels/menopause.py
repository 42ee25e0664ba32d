"""Panel: insulin sensitivity, beta-cell output and glucose around menopause (Lesson 11).

The same figure as the pregnancy panel (:mod:`.pregnancy`), over years instead of weeks: insulin
sensitivity falls by a chosen, illustrative fraction over the four years around the final
menstrual period (:func:`glucolab.models.life_stages.menopause_si`), the beta cells follow up to
their reserve, and the OGTT glucose is read against the categories of the American Diabetes
Association (fasting: impaired from 100 mg/dL, diabetes from 126; 2 hours: impaired tolerance from
140 mg/dL, diabetes from 200; ADA 2024).
"""

from __future__ import annotations

from .. import style
from ..models import life_stages as ls
from ..models.timecourse import Sample
from ..thresholds import ADA_THRESHOLDS
from . import register
from .base import slider
from .pregnancy import SERIES, LifeCoursePanel, ada_verdict

_FASTING, _TWO_HOUR = ADA_THRESHOLDS["fasting glucose"]["mg/dL"], ADA_THRESHOLDS["2-h OGTT glucose"]["mg/dL"]
ADA_LINES = ((0, _FASTING[0], "fasting: impaired from"), (0, _FASTING[1], "fasting: diabetes from"),
             (2, _TWO_HOUR[0], "2 h: impaired from"), (2, _TWO_HOUR[1], "2 h: diabetes from"))  # mg/dL (ADA 2024)


class MenopausePanel(LifeCoursePanel):
    """Twenty years around the final menstrual period: the course, the hyperbola and the OGTT."""

    title = "Menopause on the hyperbola: a slower, smaller shift"
    description = ("Top left, across the years from eight before to twelve after the final menstrual period: "
                   "insulin sensitivity (solid black), β-cell output (dashed), the output that would keep the "
                   "woman on the reference hyperbola (dotted) and her β-cell reserve (dash-dot), all relative "
                   "to the healthy reference of Lesson 1; the four years around the final period, where the "
                   "illustrative fall of sensitivity happens, are shaded. Top right, on logarithmic axes: her "
                   "path in the plane of sensitivity and output, with the reference hyperbola (solid) and half "
                   "and a quarter of it (dotted). Bottom: glucose of a 75-g OGTT in each year, fasting (solid), "
                   "at 1 hour (dashed) and 2 hours (dotted), with the ADA thresholds for fasting (100 and 126 "
                   "mg/dL) and 2-hour glucose (140 and 200 mg/dL).")
    time_label = "years from the final menstrual period"
    time_range = (ls.FIRST_YEAR, ls.LAST_YEAR)
    time_ticks = (-8, -4, -2, 0, 2, 4, 8, 12)

    def _time_slider(self, value):
        return slider("years from the final period", value, *ls.RANGES["year"][:2], 0.5, ".1f")

    def _change_slider(self, value):
        low, high, _ = ls.RANGES["menopause_fall"]
        return slider("fall of sensitivity (%, illustrative)", value, 100 * low, 100 * high, 1.0, ".0f")

    def course(self) -> ls.Course:
        v = self.values
        return ls.menopause(round(float(v["SI_before"]), 6), round(float(v["reserve"]), 6),
                            round(float(v["change"]) / 100.0, 6))

    def _mark_time_axis(self, ax):
        ax.axvspan(*ls.TRANSITION, color=style.BAND_COLOR, alpha=0.12, lw=0, zorder=0)
        ax.axvline(0.0, color=style.REFERENCE_GREY, lw=1.0, ls="--", zorder=0)

    def _thresholds(self, ax):
        styles = {column: ls_ for column, _, ls_ in SERIES}
        for column, value, label in ADA_LINES:
            ax.axhline(value, color=style.ALERT_COLOR, lw=1.2, ls=styles[column], zorder=1)
            ax.text(ls.LAST_YEAR - 0.2, value, f"{label} {value:.0f} ", ha="right", va="bottom", fontsize=8,
                    color=style.ALERT_COLOR)

    def moment(self, t: float) -> str:
        if t == 0:
            return "the final menstrual period (year 0)"
        side = "before" if t < 0 else "after"
        return f"year {t:+g} ({abs(t):g} year{'' if abs(t) == 1 else 's'} {side} the final period)"

    def verdict(self, when: Sample, t: float) -> str:
        fasting, two_hour = when.ogtt_fasting, when.ogtt_2h
        return f"ADA: {ada_verdict(fasting, two_hour)}"


@register("menopause")
def menopause_panel(year: float = 6.0, SI_before: float = 1.0, reserve: float = 3.0,
                    fall: float = 100 * ls.MENOPAUSE_FALL) -> MenopausePanel:
    """Lesson 11: one woman from eight years before to twelve after her final menstrual period. ``year``
    is the time shown in the readout (-8 to 12), ``SI_before`` her insulin sensitivity at the start
    (× the reference of Lesson 1, 0.3-1.5), ``reserve`` the most her beta cells can secrete (× the
    reference's output, 0.5-5; illustrative) and ``fall`` the per cent of sensitivity lost across the
    transition (0-40; illustrative)."""
    return MenopausePanel(year, SI_before, reserve, fall)

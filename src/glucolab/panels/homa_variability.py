"""Panel: how often one fasting test, or the average of several, puts a person on the wrong
side of a HOMA-IR cut-off, given the within-person variation of the test."""

from __future__ import annotations

import numpy as np

from .. import style
from ..cohort import CV_HOMA_IR, log_sd, probability_above
from . import register
from .base import Panel, keep_in_view, slider

X_GRID = np.linspace(0.02, 8.0, 400)  # HOMA-IR values on which the densities are drawn
MAX_TESTS = 10


def lognormal_density(x, median, sigma):
    """Density of a log-normal reading with the given median and log-scale SD ``sigma``."""
    return np.exp(-0.5 * ((np.log(x) - np.log(median)) / sigma) ** 2) / (x * sigma * np.sqrt(2 * np.pi))


class HomaVariabilityPanel(Panel):
    """Distribution of single and averaged HOMA-IR readings around a person's true value."""

    title = "One test or several: reading a person against a cut-off"
    description = ("Top: how the HOMA-IR of one test (solid blue line, blue shading) and of the "
                   "average of several tests (dashed orange line, orange shading) spread around the "
                   "person's true value (grey vertical line); the dotted vertical line is the "
                   "cut-off, and each shaded area to its right is the chance of reading above it. "
                   "Bottom: that chance against the number of tests averaged, with the current "
                   "number circled.")
    figsize = (7.6, 5.8)

    def __init__(self, true_value: float = 2.0, cutoff: float = 2.5, cv_percent: float = 100 * CV_HOMA_IR,
                 n_tests: int = 1):
        self._start = (true_value, cutoff, cv_percent, n_tests)
        super().__init__()

    def _build(self):
        true_value, cutoff, cv, n = self._start
        self.controls["true_value"] = slider("true HOMA-IR", true_value, 0.5, 6.0, 0.1, ".1f")
        self.controls["cutoff"] = slider("cut-off (HOMA-IR)", cutoff, 1.0, 5.0, 0.05, ".2f")
        self.controls["cv_percent"] = slider("within-person CV (%)", cv, 5.0, 60.0, 0.1, ".1f")
        self.controls["n_tests"] = slider("tests averaged (n)", n, 1, MAX_TESTS, 1, "d")
        ax, ax_p = self.figure.subplots(2, 1, height_ratios=[3, 2])
        self.axes = {"density": ax, "probability": ax_p}
        self.lines = {
            "one": ax.plot([], [], color=style.OKABE_ITO["blue"], ls="-", label="one test")[0],
            "mean": ax.plot([], [], color=style.OKABE_ITO["orange"], ls="--", label="average of n tests")[0],
            "true": ax.axvline(0, color=style.REFERENCE_GREY, lw=1.5, label="true value"),
            "cutoff": ax.axvline(0, color=style.ALERT_COLOR, ls=":", lw=1.8, label="cut-off"),
        }
        self.areas = {
            "one": ax.fill_between([0, 1], [0, 0], color=style.OKABE_ITO["blue"], alpha=0.25, lw=0),
            "mean": ax.fill_between([0, 1], [0, 0], color=style.OKABE_ITO["orange"], alpha=0.35, lw=0),
        }
        ax.set_xlim(0, X_GRID[-1])
        ax.set_xlabel("HOMA-IR reading")
        ax.set_ylabel("probability density")
        ax.legend(loc="upper right")
        k = np.arange(1, MAX_TESTS + 1)
        self.lines["by_n"] = ax_p.plot(k, np.zeros(k.size), "s-", color=style.OKABE_ITO["vermillion"],
                                       ms=5, lw=1.2)[0]
        self.lines["current"] = ax_p.plot([], [], "o", mfc="none", mec="black", ms=14, mew=2, ls="none")[0]
        ax_p.set_xlim(0.5, MAX_TESTS + 0.5)
        ax_p.set_xticks(k)
        ax_p.set_xlabel("number of tests averaged (geometric mean)")
        ax_p.set_ylabel("chance of reading\nabove the cut-off (%)")

    def _moving_artists(self):
        return [*self.lines.values(), *self.areas.values()]

    def _shade(self, key, density, cutoff):
        """Move the area under ``density`` to the right of ``cutoff`` (no new artist)."""
        x = X_GRID[X_GRID >= cutoff]
        y = density[X_GRID >= cutoff]
        verts = np.column_stack([np.r_[x, x[::-1]], np.r_[y, np.zeros_like(y)]]) if x.size else np.zeros((0, 2))
        self.areas[key].set_verts([verts])

    def _redraw(self):
        v = self.values
        true_value, cutoff, n = v["true_value"], v["cutoff"], int(v["n_tests"])
        cv = v["cv_percent"] / 100.0
        sigma = log_sd(cv)
        one = lognormal_density(X_GRID, true_value, sigma)
        mean = lognormal_density(X_GRID, true_value, sigma / np.sqrt(n))
        self.lines["one"].set_data(X_GRID, one)
        self.lines["mean"].set_data(X_GRID, mean)
        self.lines["true"].set_xdata([true_value, true_value])
        self.lines["cutoff"].set_xdata([cutoff, cutoff])
        self._shade("one", one, cutoff)
        self._shade("mean", mean, cutoff)
        keep_in_view(self.axes["density"], max(one.max(), mean.max()), floor=0.5, margin=1.1)
        k = np.arange(1, MAX_TESTS + 1)
        by_n = 100 * np.array([probability_above(true_value, cutoff, cv=cv, n_tests=int(j)) for j in k])
        self.lines["by_n"].set_ydata(by_n)
        self.lines["current"].set_data([n], [by_n[n - 1]])
        keep_in_view(self.axes["probability"], by_n.max(), floor=10.0, margin=1.1)
        self.p_one, self.p_mean = by_n[0] / 100, by_n[n - 1] / 100
        side = "above" if true_value > cutoff else "below"
        self.readout.value = (
            f"A person whose true HOMA-IR is <b>{true_value:.1f}</b> ({side} the cut-off of {cutoff:.2f}) "
            f"reads above the cut-off with probability <b>{100 * self.p_one:.1f} %</b> on one test and "
            f"<b>{100 * self.p_mean:.1f} %</b> when {n} test{'s are' if n > 1 else ' is'} averaged "
            f"(within-person CV {100 * cv:.1f} %).")


@register("homa_variability")
def homa_variability_panel(true_value: float = 2.0, cutoff: float = 2.5, cv_percent: float = 100 * CV_HOMA_IR,
                           n_tests: int = 1) -> HomaVariabilityPanel:
    """Panel C of Lesson 2: the chance that one HOMA-IR test, or the average of n tests, reads
    above a cut-off, for a person of known true HOMA-IR (default CV 30.4 %, Poon et al. 2018)."""
    return HomaVariabilityPanel(true_value, cutoff, cv_percent, n_tests)

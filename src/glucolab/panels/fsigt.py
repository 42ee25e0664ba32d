"""Panel: the minimal model fitted to a real FSIGT, with sliders that move S_I and S_G away
from the fit so the learner sees the error grow, and a switch that refits from minute 20 (the
early samples left out) so the learner sees which parameter rests on them."""

from __future__ import annotations

import warnings
from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from .. import style
from ..data import load_fsigt
from ..models.minimal import IVGTTFit, PoorlyDeterminedFit, fit_ivgtt
from . import register
from .base import CONTROL_WIDTH, Panel, keep_in_view, slider

SI_SCALE, SG_SCALE = 1e-4, 1e-2
LATE_START = 20.0  # min: the "fit from minute 20" switch leaves out every earlier sample


@lru_cache(maxsize=1)
def reference_fit() -> IVGTTFit:
    """The minimal-model fit of the Pacini & Bergman (1986) FSIGT (computed once)."""
    d = load_fsigt()
    return fit_ivgtt(d.time, d.glucose, d.insulin)


def late_fit(fit: IVGTTFit) -> IVGTTFit:
    """The same data refitted from minute 20 on. The starting points disagree on this shorter
    record (fit_ivgtt would warn); the panel says so in its readout instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PoorlyDeterminedFit)
        return fit_ivgtt(fit.times, fit.glucose, fit.insulin, t_min=LATE_START, Gb=fit.Gb, Ib=fit.Ib)


@lru_cache(maxsize=1)
def _reference_late_fit() -> IVGTTFit:
    return late_fit(reference_fit())


class FSIGTPanel(Panel):
    """The FSIGT data, the best fit, and a curve for the learner's own S_I and S_G."""

    title = "Fitting the minimal model to a real glucose tolerance test"
    description = ("Top: measured glucose (black dots; hollow dots are left out of the fit: the "
                   "mixing phase, or every sample before minute 20 when the switch is on), the best "
                   "fit (grey dashed) and the curve for the slider values (solid). Middle: the gap "
                   "between data and the solid curve at each sample. Bottom: the measured insulin "
                   "that drives the model.")
    figsize = (7.6, 6.4)

    def __init__(self, fit: IVGTTFit | None = None):
        self.default_fit = fit if fit is not None else reference_fit()
        self.fit = self.default_fit
        self._late = None
        self._best_curves = {}
        super().__init__()

    @property
    def late(self) -> IVGTTFit:
        """The fit without the samples before minute 20 (computed when first asked for)."""
        if self._late is None:
            self._late = (_reference_late_fit() if self.default_fit is reference_fit()
                          else late_fit(self.default_fit))
        return self._late

    def _build(self):
        f = self.fit
        self.controls["SI"] = slider("S_I (×10⁻⁴ /min per µU/mL)", round(f.SI / SI_SCALE, 2), 0.5, 30.0,
                                     0.05, ".2f")
        self.controls["SG"] = slider("S_G (×10⁻² /min)", round(f.SG / SG_SCALE, 3), 0.1, 6.0, 0.01, ".2f")
        self.controls["from_20"] = widgets.Checkbox(
            value=False, description=f"fit from minute {LATE_START:g} (leave out the early samples)",
            indent=False, layout=widgets.Layout(width=CONTROL_WIDTH))
        self.t_fine = np.linspace(0.0, f.times[-1], 364)
        ax_g, ax_r, ax_i = self.figure.subplots(3, 1, sharex=True, height_ratios=[3, 1.4, 1.6])
        self.axes = {"glucose": ax_g, "residual": ax_r, "insulin": ax_i}
        self.fit_lines = {
            "fitted": ax_g.plot([], [], "o", color="black", ls="none", label="measured")[0],
            "left_out": ax_g.plot([], [], "o", mfc="white", color="black", ls="none",
                                  label="left out of the fit")[0],
            "best": ax_g.plot([], [], color=style.REFERENCE_GREY, ls="--", lw=1.5, label="best fit")[0],
        }
        self.lines = {
            "glucose": ax_g.plot([], [], color=style.OKABE_ITO["blue"], ls="-", label="your S_I, S_G")[0],
            "residual": ax_r.plot([], [], "s-", color=style.OKABE_ITO["vermillion"], ms=4, lw=1)[0],
        }
        ax_r.axhline(0, color="black", lw=0.8)
        ax_i.plot(f.times, f.insulin, "o-", color=style.OKABE_ITO["green"], ms=4, lw=1.2)
        ax_i.axhline(f.Ib, color=style.REFERENCE_GREY, ls=":", lw=1)
        ax_g.set_ylabel("glucose (mg/dL)")
        ax_r.set_ylabel("data − curve\n(mg/dL)")
        ax_i.set_ylabel("insulin (µU/mL)")
        ax_i.set_xlabel("time after the glucose injection (min)")
        ax_g.set_ylim(50, 380)
        ax_g.legend(loc="upper right")

    def _moving_artists(self):
        return [*self.fit_lines.values(), *self.lines.values()]

    def _best_curve(self, fit: IVGTTFit) -> np.ndarray:
        """The best-fit glucose on the fine time grid (computed once per fit: the sliders do not
        move it)."""
        if id(fit) not in self._best_curves:  # the fit is kept with its curve, so its id stays its own
            self._best_curves[id(fit)] = (fit, fit.predict(self.t_fine))
        return self._best_curves[id(fit)][1]

    def _redraw(self):
        f = self.fit = self.late if self.values["from_20"] else self.default_fit
        self.fit_lines["fitted"].set_data(f.times[f.used], f.glucose[f.used])
        self.fit_lines["left_out"].set_data(f.times[~f.used], f.glucose[~f.used])
        self.fit_lines["best"].set_data(self.t_fine, self._best_curve(f))
        SI, SG = self.values["SI"] * SI_SCALE, self.values["SG"] * SG_SCALE
        grid = np.union1d(self.t_fine, f.times)
        curve = f.predict(grid, SI=SI, SG=SG)  # on the fine grid and at every sample
        at_samples = curve[np.searchsorted(grid, f.times[f.used])]
        self.residuals = f.glucose[f.used] - at_samples
        self.rmse = float(np.sqrt(np.mean(self.residuals ** 2)))
        self.lines["glucose"].set_data(grid, curve)
        self.lines["residual"].set_data(f.times[f.used], self.residuals)
        keep_in_view(self.axes["residual"], np.abs(self.residuals).max(), floor=20.0, symmetric=True)
        se = f.stderr
        caution = (" Without the early samples the fit's starting points no longer agree: read S_G and its "
                   "standard error with caution." if f is self._late else "")
        self.readout.value = (
            f"Best fit (samples from minute {f.t_min:g}): "
            f"S_I = <b>{f.SI / SI_SCALE:.2f} ± {se['SI'] / SI_SCALE:.2f}</b> ×10⁻⁴ /min per µU/mL, "
            f"S_G = <b>{f.SG / SG_SCALE:.2f} ± {se['SG'] / SG_SCALE:.2f}</b> ×10⁻² /min (± standard error), "
            f"RMSE {f.rmse:.1f} mg/dL. Your curve: RMSE <b>{self.rmse:.1f} mg/dL</b>.{caution}")


@register("fsigt")
def fsigt_panel() -> FSIGTPanel:
    """Panel B of Lesson 1: the real FSIGT with the fitted minimal model, S_I and S_G sliders, and
    a switch that refits from minute 20."""
    return FSIGTPanel()

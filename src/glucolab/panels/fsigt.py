"""Panel: the minimal model fitted to a real FSIGT, with sliders that move S_I and S_G away
from the fit so the learner sees the error grow."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import style
from ..data import load_fsigt
from ..models.minimal import IVGTTFit, fit_ivgtt, simulate_ivgtt
from . import register
from .base import Panel, keep_in_view, slider

SI_SCALE, SG_SCALE = 1e-4, 1e-2


@lru_cache(maxsize=1)
def reference_fit() -> IVGTTFit:
    """The minimal-model fit of the Pacini & Bergman (1986) FSIGT (computed once)."""
    d = load_fsigt()
    return fit_ivgtt(d.time, d.glucose, d.insulin)


class FSIGTPanel(Panel):
    """The FSIGT data, the best fit, and a curve for the learner's own S_I and S_G."""

    title = "Fitting the minimal model to a real glucose tolerance test"
    description = ("Top: measured glucose (black dots; hollow dots are the mixing phase, left "
                   "out of the fit), the best fit (grey dashed) and the curve for the slider "
                   "values (solid). Middle: the gap between data and the solid curve at each "
                   "sample. Bottom: the measured insulin that drives the model.")
    figsize = (7.6, 6.4)

    def __init__(self, fit: IVGTTFit | None = None):
        self.fit = fit if fit is not None else reference_fit()
        super().__init__()

    def _build(self):
        f = self.fit
        self.controls["SI"] = slider("S_I (×10⁻⁴ /min per µU/mL)", round(f.SI / SI_SCALE, 2), 0.5, 30.0,
                                     0.05, ".2f")
        self.controls["SG"] = slider("S_G (×10⁻² /min)", round(f.SG / SG_SCALE, 3), 0.1, 6.0, 0.01, ".2f")
        self.t_fine = np.linspace(0.0, f.times[-1], 364)
        ax_g, ax_r, ax_i = self.figure.subplots(3, 1, sharex=True, height_ratios=[3, 1.4, 1.6])
        self.axes = {"glucose": ax_g, "residual": ax_r, "insulin": ax_i}
        used = f.used
        ax_g.plot(f.times[used], f.glucose[used], "o", color="black", ls="none", label="measured")
        ax_g.plot(f.times[~used], f.glucose[~used], "o", mfc="white", color="black", ls="none",
                  label="mixing phase (not fitted)")
        ax_g.plot(self.t_fine, f.predict(self.t_fine), color=style.REFERENCE_GREY, ls="--", lw=1.5,
                  label="best fit")
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
        return self.lines.values()

    def _redraw(self):
        f = self.fit
        SI, SG = self.values["SI"] * SI_SCALE, self.values["SG"] * SG_SCALE
        grid = np.union1d(self.t_fine, f.times)
        curve = simulate_ivgtt(grid, f.times, f.insulin, G0=f.G0, SG=SG, SI=SI, p2=f.p2, Gb=f.Gb,
                               Ib=f.Ib)[0]
        at_samples = curve[np.searchsorted(grid, f.times[f.used])]
        self.residuals = f.glucose[f.used] - at_samples
        self.rmse = float(np.sqrt(np.mean(self.residuals ** 2)))
        self.lines["glucose"].set_data(grid, curve)
        self.lines["residual"].set_data(f.times[f.used], self.residuals)
        keep_in_view(self.axes["residual"], np.abs(self.residuals).max(), floor=20.0, symmetric=True)
        se = f.stderr
        self.readout.value = (
            f"Best fit: S_I = <b>{f.SI / SI_SCALE:.2f} ± {se['SI'] / SI_SCALE:.2f}</b> ×10⁻⁴ /min per µU/mL, "
            f"S_G = <b>{f.SG / SG_SCALE:.2f} ± {se['SG'] / SG_SCALE:.2f}</b> ×10⁻² /min (± standard error), "
            f"RMSE {f.rmse:.1f} mg/dL. Your curve: RMSE <b>{self.rmse:.1f} mg/dL</b>.")


@register("fsigt")
def fsigt_panel() -> FSIGTPanel:
    """Panel B of Lesson 1: the real FSIGT with the fitted minimal model and S_I, S_G sliders."""
    return FSIGTPanel()

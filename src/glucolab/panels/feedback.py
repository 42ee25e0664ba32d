"""Panel: the glucose and insulin response to a meal in the closed feedback loop."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np

from .. import style
from ..data import load_normal_ogtt
from ..models import feedback as model
from ..thresholds import OGTT_2H_PREDIABETES_MGDL
from ..units import MGDL_PER_MMOLL
from . import register
from .base import CONTROL_WIDTH, LABEL_WIDTH, Panel, keep_in_view, slider

# Slider scales: S_I in 1e-4 and S_G in 1e-3 units read better than raw exponents.
SI_SCALE, SG_SCALE = 1e-4, 1e-3
CUSTOM = "custom"


@lru_cache(maxsize=64)
def _reference_meal(carbs_g: float) -> model.MealResponse:
    return model.simulate(carbs_g=carbs_g)


def draw_normal_cohort(ax, label: str = "people with normal glucose tolerance (mean ± SD)"):
    """Glucose of 3,446 people with normal glucose tolerance after 75 g (mean ± SD at 0, 60 and
    120 min; :func:`glucolab.data.load_normal_ogtt`), drawn behind the model: hollow squares."""
    c = load_normal_ogtt()
    return ax.errorbar(c.time, c.mean, yerr=c.sd, fmt="s", ms=6, color="#555555", mfc="white", capsize=4,
                       elinewidth=1.2, zorder=3, label=label)


class FeedbackPanel(Panel):
    """A meal response with sliders for S_I, S_G, beta-cell responsiveness, the incretin effect
    and meal size."""

    title = "A meal in the glucose-insulin feedback loop"
    description = ("Top: plasma glucose after the meal (solid) and for the healthy reference "
                   "person (grey dashed), with the normal fasting range shaded and the 2-hour "
                   "limit of 140 mg/dL dotted; hollow squares with bars are the mean ± SD of 3,446 "
                   "people with normal glucose tolerance after a 75-g glucose drink (Abdul-Ghani et al. "
                   "2010). Middle: plasma insulin. Bottom: how fast meal glucose enters the blood.")
    figsize = (7.6, 6.4)

    def __init__(self, preset: str = "healthy", carbs_g: float = 75.0):
        if preset not in model.PRESETS:
            raise ValueError(f"preset={preset!r}: expected one of {sorted(model.PRESETS)}")
        self._start = (preset, carbs_g)
        super().__init__()

    def _build(self):
        preset, carbs = self._start
        p = model.PRESETS[preset]
        lo = model.RANGES
        self.controls["preset"] = widgets.Dropdown(options=list(model.PRESETS) + [CUSTOM], value=preset,
                                                   description="Person", layout=widgets.Layout(width=CONTROL_WIDTH),
                                                   style={"description_width": LABEL_WIDTH})
        self.controls["SI"] = slider("S_I (×10⁻⁴ /min per µU/mL)", p.SI / SI_SCALE,
                                     lo["SI"][0] / SI_SCALE, lo["SI"][1] / SI_SCALE, 0.1, ".1f")
        self.controls["SG"] = slider("S_G (×10⁻³ /min)", p.SG / SG_SCALE,
                                     lo["SG"][0] / SG_SCALE, lo["SG"][1] / SG_SCALE, 0.1, ".1f")
        self.controls["beta"] = slider("β-cell response (× healthy)", p.beta, *lo["beta"][:2], 0.05, ".2f")
        self.controls["incretin"] = slider("Incretin effect (× healthy)", p.incretin, *lo["incretin"][:2], 0.05,
                                           ".2f")
        self.controls["carbs_g"] = slider("Carbohydrate (g)", carbs, *lo["carbs_g"][:2], 5.0, ".0f")

        ref = model.simulate(carbs_g=carbs)
        ax_g, ax_i, ax_ra = self.figure.subplots(3, 1, sharex=True, height_ratios=[3, 2, 1.3])
        self.axes = {"glucose": ax_g, "insulin": ax_i, "appearance": ax_ra}
        style.shade_band(ax_g, 70, 99, "normal fasting 70-99")
        style.threshold_line(ax_g, 140, "2-h limit 140")
        self.ref_lines = {
            "glucose": ax_g.plot(ref.time, ref.glucose, color=style.REFERENCE_GREY, ls="--", lw=1.5,
                                 label="healthy reference")[0],
            "insulin": ax_i.plot(ref.time, ref.insulin, color=style.REFERENCE_GREY, ls="--", lw=1.5)[0],
        }
        self.lines = {
            "glucose": ax_g.plot([], [], color=style.OKABE_ITO["blue"], label="this person")[0],
            "insulin": ax_i.plot([], [], color=style.OKABE_ITO["vermillion"], ls="-")[0],
            "appearance": ax_ra.plot([], [], color=style.OKABE_ITO["green"], ls="-")[0],
        }
        draw_normal_cohort(ax_g, "people, normal tolerance (mean ± SD)")
        ax_g.set_ylabel("glucose (mg/dL)")
        ax_i.set_ylabel("insulin (µU/mL)")
        ax_ra.set_ylabel("meal Ra\n(mg/kg/min)")
        ax_ra.set_xlabel("time after the meal (min)")
        ax_g.set_xlim(0, ref.time[-1])
        ax_g.legend(loc="upper right", bbox_to_anchor=(1.0, 0.92))
        self.response = ref

    def _on_change(self, change):
        if change["owner"] is self.controls["preset"]:
            name = change["new"]
            if name != CUSTOM:
                p = model.PRESETS[name]
                self.set(SI=p.SI / SI_SCALE, SG=p.SG / SG_SCALE, beta=p.beta, incretin=p.incretin)
            return
        super()._on_change(change)

    def _label_custom(self):
        """Show 'custom' in the menu once the sliders leave the chosen preset."""
        name = self.controls["preset"].value
        if name == CUSTOM:
            return
        p = model.PRESETS[name]
        wanted = {"SI": p.SI / SI_SCALE, "SG": p.SG / SG_SCALE, "beta": p.beta, "incretin": p.incretin}
        # A preset counts as chosen while every slider is within half a step of it.
        if any(abs(self.controls[k].value - x) > self.controls[k].step / 2 + 1e-12 for k, x in wanted.items()):
            self._holding += 1  # relabelling is not a change of parameters
            self.controls["preset"].value = CUSTOM
            self._holding -= 1

    def _moving_artists(self):
        return [*self.lines.values(), *self.ref_lines.values()]

    def person(self) -> model.Person:
        """The person described by the sliders."""
        v = self.values
        return model.Person(SI=v["SI"] * SI_SCALE, SG=v["SG"] * SG_SCALE, beta=v["beta"], incretin=v["incretin"])

    def _redraw(self):
        self._label_custom()
        v = self.values
        r = model.simulate(params=self.person(), carbs_g=v["carbs_g"])
        ref = _reference_meal(v["carbs_g"])
        self.response = r
        for key in ("glucose", "insulin"):
            self.lines[key].set_data(r.time, getattr(r, key))
            self.ref_lines[key].set_data(ref.time, getattr(ref, key))
        self.lines["appearance"].set_data(r.time, r.appearance)
        keep_in_view(self.axes["glucose"], r.glucose.max(), floor=250.0, margin=1.08)
        keep_in_view(self.axes["insulin"], max(r.insulin.max(), ref.insulin.max()), floor=80.0, margin=1.1)
        keep_in_view(self.axes["appearance"], r.appearance.max(), floor=4.0)
        g0, g_peak, g120 = r.glucose[0], r.glucose.max(), r.at(120).glucose
        t_peak = r.time[np.argmax(r.glucose)]
        self.readout.value = (
            f"Fasting glucose <b>{g0:.0f} mg/dL</b> ({g0 / MGDL_PER_MMOLL:.1f} mmol/L), "
            f"peak <b>{g_peak:.0f} mg/dL</b> at {t_peak:.0f} min, 2-hour <b>{g120:.0f} mg/dL</b> "
            f"({'above' if g120 >= OGTT_2H_PREDIABETES_MGDL else 'below'} the 140 mg/dL limit). "
            f"Fasting insulin <b>{r.insulin[0]:.1f} µU/mL</b>, peak <b>{r.insulin.max():.0f} µU/mL</b>.")


@register("feedback")
def feedback_panel(preset: str = "healthy", carbs_g: float = 75.0) -> FeedbackPanel:
    """Panel A of Lesson 1: a meal response with sliders for S_I, S_G, beta-cell
    responsiveness and meal size, and presets (healthy; insulin resistant but compensating;
    type 2 diabetes)."""
    return FeedbackPanel(preset, carbs_g)

"""Panel: a lipid-marker calculator. Fasting triglycerides, HDL cholesterol and glucose in either
unit system give the TG/HDL ratio (on the mg/dL and the mmol/L scale) and the TyG index (in both
published forms), each placed against published cut-offs; a third plot shows how often a positive
result is right in a group, as the share of insulin-resistant people in it changes."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import style
from ..indices import (LIPID_UNITS, MCLAUGHLIN_PRINTED_SI_CUTOFF, TEST_PERFORMANCE, TG_HDL_CUTOFFS,
                       TG_HDL_MGDL_PER_MMOLL, TYG_CUTOFFS, check_lipid, convert_lipid, convert_tyg,
                       predictive_values, tg_hdl_ratio, tyg)
from ..units import check_glucose, convert_glucose
from . import register
from .base import Panel, slider

GLUCOSE_UNITS = ("mg/dL", "mmol/L")
DECIMALS = {"mg/dL": 1, "mmol/L": 2}
TG_HDL_SCALE = (0.0, 10.0)  # ratio of mg/dL values
TYG_SCALE = (7.0, 11.0)  # ln(TG*G/2)
PREVALENCE = (5.0, 95.0)  # % of the group that is insulin resistant
CAVEATS = ("A teaching calculator, not a diagnosis: try the lesson's example reports, not your own results, which "
           "belong with a clinician who knows you. Fasting sample only · triglycerides vary a great deal from day "
           "to day and with the last meal · lipid-lowering drugs change both numbers · each cut-off comes from one "
           "population and one reference test · an index, not a diagnosis.")


class LipidMarkersPanel(Panel):
    """Triglycerides, HDL cholesterol and glucose in; TG/HDL and TyG on scales with cut-offs; predictive values."""

    title = "Lipid markers of insulin resistance: TG/HDL and TyG"
    caveats_text = CAVEATS
    description = ("Three plots. Left: a vertical scale of the TG/HDL ratio from 0 to 10 worked out in mg/dL, with "
                   "the same ratio in mmol/L on its right-hand axis, dotted lines at published cut-offs (2.5, 3.0 and "
                   "3.5) and a dashed line where the printed 1.8 in mmol/L would fall. Middle: the TyG index on "
                   "the ln(TG×G/2) form from 7 to 11, with the ln(TG×G)/2 form on its right-hand axis and dotted lines "
                   "at the cut-offs 4.65 and 4.68. A triangle marks the values entered on each scale. Right: of the "
                   "people a test calls positive, the percentage who are insulin resistant, against the percentage of "
                   "insulin-resistant people in the group, for TG/HDL of 3.0 or more (solid) and TyG of 4.68 or more "
                   "(dash-dotted); circles mark the chosen group.")
    figsize = (10.0, 4.6)

    def __init__(self, triglycerides: float = 150.0, hdl: float = 50.0, lipid_unit: str = "mg/dL",
                 glucose: float = 100.0, glucose_unit: str = "mg/dL", prevalence: float = 33.0):
        for value, options, name in ((lipid_unit, LIPID_UNITS, "lipid_unit"),
                                     (glucose_unit, GLUCOSE_UNITS, "glucose_unit")):
            if value not in options:
                raise ValueError(f"{name}={value!r}: expected one of {options}")
        self._start = (triglycerides, hdl, lipid_unit, glucose, glucose_unit, prevalence)
        super().__init__()

    def _build(self):
        tg, hdl, l_unit, glucose, g_unit, prevalence = self._start
        box = widgets.Layout(width="260px")
        wide = {"description_width": "140px"}
        self.controls["triglycerides"] = widgets.FloatText(value=tg, description="Triglycerides", layout=box,
                                                           style=wide)
        self.controls["hdl"] = widgets.FloatText(value=hdl, description="HDL cholesterol", layout=box, style=wide)
        self.controls["lipid_unit"] = widgets.ToggleButtons(options=LIPID_UNITS, value=l_unit,
                                                            description="lipid unit", style=wide)
        self.controls["glucose"] = widgets.FloatText(value=glucose, description="Fasting glucose", layout=box,
                                                     style=wide)
        self.controls["glucose_unit"] = widgets.ToggleButtons(options=GLUCOSE_UNITS, value=g_unit,
                                                              description="glucose unit", style=wide)
        self.controls["prevalence"] = slider("insulin resistant in the group (%)", prevalence, *PREVALENCE, 1.0,
                                             ".0f")
        ax_r, ax_t, ax_p = self.figure.subplots(1, 3, width_ratios=[0.8, 0.8, 1.4])
        self.axes = {"tg_hdl": ax_r, "tyg": ax_t, "ppv": ax_p}
        for ax, (low, high), title in ((ax_r, TG_HDL_SCALE, "TG/HDL\n(mg/dL ratio)"),
                                       (ax_t, TYG_SCALE, "TyG\nln(TG×G/2)")):
            ax.set_ylim(low, high)
            ax.set_xlim(0, 1)
            ax.set_xticks([])
            ax.grid(False)
            ax.spines["bottom"].set_visible(False)
            ax.set_title(title, fontsize=10)
        right = ax_r.secondary_yaxis("right", functions=(lambda r: r / TG_HDL_MGDL_PER_MMOLL,
                                                         lambda r: r * TG_HDL_MGDL_PER_MMOLL))
        right.set_ylabel("mmol/L ratio", fontsize=9)
        right_t = ax_t.secondary_yaxis("right", functions=(lambda v: convert_tyg(v, "ln(TG*G/2)", "ln(TG*G)/2"),
                                                           lambda v: convert_tyg(v, "ln(TG*G)/2", "ln(TG*G/2)")))
        right_t.set_ylabel("ln(TG×G)/2", fontsize=9)
        for value, _who, _source in TG_HDL_CUTOFFS:
            ax_r.axhline(value, color=style.ALERT_COLOR, ls=":", lw=1.1)
            ax_r.text(0.03, value, f"{value:.1f}", fontsize=7, color=style.ALERT_COLOR, va="bottom")
        printed = MCLAUGHLIN_PRINTED_SI_CUTOFF * TG_HDL_MGDL_PER_MMOLL
        ax_r.axhline(printed, color=style.REFERENCE_GREY, ls="--", lw=1.0)
        ax_r.text(0.03, printed, f"1.8 mmol/L = {printed:.1f}", fontsize=7, color=style.REFERENCE_GREY, va="bottom")
        for k, (value, _who, _source) in enumerate(TYG_CUTOFFS):
            level = convert_tyg(value, "ln(TG*G)/2", "ln(TG*G/2)")
            ax_t.axhline(level, color=style.ALERT_COLOR, ls=":", lw=1.1)
            ax_t.text(0.03, level, f"{value:g}", fontsize=7, color=style.ALERT_COLOR, va="bottom" if k else "top")
        self.markers = {key: ax.plot([], [], ">", color=style.OKABE_ITO["blue"], ms=13, ls="none")[0]
                        for key, ax in (("tg_hdl", ax_r), ("tyg", ax_t))}
        share = np.linspace(0.01, 0.99, 99)
        self.curves = {}
        for (name, (sens, spec, _source)), ls in zip(TEST_PERFORMANCE.items(), ("-", "-.")):
            ppv, _npv = predictive_values(sens, spec, share)
            ax_p.plot(100 * share, 100 * ppv, ls=ls,
                      label=f"{name.replace('>=', '≥')} (sens. {100 * sens:g} %, spec. {100 * spec:g} %)")
            self.curves[name] = (sens, spec)
            self.markers[name] = ax_p.plot([], [], "o", color=style.OKABE_ITO["black"], ms=7, ls="none")[0]
        ax_p.plot([0, 100], [0, 100], color=style.REFERENCE_GREY, lw=1.0, ls=":", label="a test that adds nothing")
        ax_p.set_xlim(0, 100)
        ax_p.set_ylim(0, 100)
        ax_p.set_xlabel("insulin resistant in the group (%)")
        ax_p.set_ylabel("positives who are\ninsulin resistant (%)")
        ax_p.legend(loc="lower right", fontsize=7)
        self.results_now = None

    def _on_change(self, change):
        owner = change["owner"]
        if self._holding:  # reset() or set(): the values arrive already in their units
            return super()._on_change(change)
        if owner is self.controls["lipid_unit"]:
            self._convert(("triglycerides", "triglycerides"), ("hdl", "HDL"), old=change["old"], new=change["new"])
            return
        if owner is self.controls["glucose_unit"]:
            self._convert(("glucose", None), old=change["old"], new=change["new"])
            return
        super()._on_change(change)

    def _convert(self, *boxes, old, new):
        """Keep the same person when a unit is switched: convert the numbers in the boxes."""
        with self.hold():
            for key, analyte in boxes:
                try:
                    value = (convert_glucose(self.controls[key].value, old, new) if analyte is None
                             else convert_lipid(self.controls[key].value, analyte, old, new))
                except ValueError:
                    continue  # an invalid number stays as typed; update() reports it
                self.controls[key].value = round(float(value), DECIMALS[new])

    def results(self) -> dict:
        """The markers for the current inputs (errors name the box, the value and the unit)."""
        v = self.values
        l_unit, g_unit = v["lipid_unit"], v["glucose_unit"]
        check_lipid(v["triglycerides"], "triglycerides", l_unit)
        check_lipid(v["hdl"], "HDL", l_unit, "hdl")
        check_glucose(v["glucose"], g_unit, "glucose")
        units = {"triglyceride_unit": l_unit, "hdl_unit": l_unit}
        tyg_value = tyg(v["triglycerides"], v["glucose"], triglyceride_unit=l_unit, glucose_unit=g_unit)
        return {"tg_hdl": tg_hdl_ratio(v["triglycerides"], v["hdl"], **units),
                "tg_hdl_mmol": tg_hdl_ratio(v["triglycerides"], v["hdl"], ratio_unit="mmol/L", **units),
                "tyg": tyg_value, "tyg_half": convert_tyg(tyg_value, "ln(TG*G/2)", "ln(TG*G)/2")}

    def _redraw(self):
        v = self.values
        res = self.results()
        self.results_now = res
        for key, (low, high) in (("tg_hdl", TG_HDL_SCALE), ("tyg", TYG_SCALE)):
            # the triangle stays on the scale; the readout gives the value and says when it is off it
            self.markers[key].set_data([0.15], [float(np.clip(res[key], low, high))])
        share = v["prevalence"] / 100.0
        lines = []
        for name, (sens, spec) in self.curves.items():
            ppv, npv = predictive_values(sens, spec, share)
            self.markers[name].set_data([v["prevalence"]], [100 * ppv])
            lines.append(f"{name.replace('>=', '≥')}: {100 * ppv:.0f} % of positives and {100 * npv:.0f} % of "
                         "negatives are right")
        tg_mg = convert_lipid(v["triglycerides"], "triglycerides", v["lipid_unit"], "mg/dL")
        hdl_mg = convert_lipid(v["hdl"], "HDL", v["lipid_unit"], "mg/dL")
        g_mg = convert_glucose(v["glucose"], v["glucose_unit"], "mg/dL")
        above_ratio = [c for c, _w, _s in TG_HDL_CUTOFFS if res["tg_hdl"] >= c]
        above_tyg = [c for c, _w, _s in TYG_CUTOFFS if res["tyg_half"] >= c]
        off = [name for key, name, (low, high) in (("tg_hdl", "TG/HDL", TG_HDL_SCALE), ("tyg", "TyG", TYG_SCALE))
               if not low <= res[key] <= high]
        tg_mmol = convert_lipid(tg_mg, "triglycerides", "mg/dL", "mmol/L")
        hdl_mmol = convert_lipid(hdl_mg, "HDL", "mg/dL", "mmol/L")
        self.readout.value = (
            f"Triglycerides {tg_mg:.0f} mg/dL = {tg_mmol:.2f} mmol/L; HDL {hdl_mg:.0f} mg/dL = "
            f"{hdl_mmol:.2f} mmol/L; glucose {g_mg:.0f} mg/dL.<br>"
            f"TG/HDL <b>{res['tg_hdl']:.2f}</b> worked out in mg/dL = <b>{res['tg_hdl_mmol']:.2f}</b> worked out in "
            f"mmol/L: at or above {len(above_ratio)} of the {len(TG_HDL_CUTOFFS)} cut-offs shown "
            f"({', '.join(f'{c:g}' for c, _w, _s in TG_HDL_CUTOFFS)}, all on the mg/dL scale). "
            f"TyG <b>{res['tyg']:.2f}</b> as ln(TG×G/2) = <b>{res['tyg_half']:.2f}</b> as ln(TG×G)/2: at or above "
            f"{len(above_tyg)} of the {len(TYG_CUTOFFS)} cut-offs shown "
            f"({', '.join(f'{c:g}' for c, _w, _s in TYG_CUTOFFS)}, both on the ln(TG×G)/2 form)."
            + (f" {' and '.join(off)} lies off its scale; the triangle sits at the edge." if off else "")
            + f"<br>In a group where {v['prevalence']:.0f} % are insulin resistant: " + "; ".join(lines) + ".")

    def _moving_artists(self):
        return list(self.markers.values())


@register("lipid_markers")
def lipid_markers_panel(triglycerides: float = 150.0, hdl: float = 50.0, lipid_unit: str = "mg/dL",
                        glucose: float = 100.0, glucose_unit: str = "mg/dL",
                        prevalence: float = 33.0) -> LipidMarkersPanel:
    """Panel B of Lesson 10: TG/HDL and TyG from a fasting report in either unit system, on scales
    with published cut-offs (McLaughlin et al. 2003; Murguia-Romero et al. 2013; Simental-Mendia
    et al. 2008; Guerrero-Romero et al. 2010), and the predictive values of two cut-offs in a group
    where ``prevalence`` % are insulin resistant. Start-up values: triglycerides 150 mg/dL and
    HDL 50 mg/dL (a ratio of exactly 3.0), glucose 100 mg/dL."""
    return LipidMarkersPanel(triglycerides, hdl, lipid_unit, glucose, glucose_unit, prevalence)

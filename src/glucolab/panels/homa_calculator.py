"""Panel: a HOMA calculator that takes a fasting lab result in either unit system and places
HOMA-IR, HOMA-%B and QUICKI on scales marked with the reference person and published cut-offs."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import style
from ..indices import (HOMA_IR_CUTOFFS, REFERENCE_GLUCOSE_MMOLL, REFERENCE_INSULIN_UUML,
                       classify_glycemia, homa_b, homa_ir, quicki)
from ..thresholds import HYPOGLYCAEMIA_LEVEL1_MGDL
from ..units import PMOLL_PER_UUML, PMOLL_PER_UUML_OLD, convert_glucose, convert_insulin
from . import register
from .base import Panel, slider

GLUCOSE_UNITS = ("mg/dL", "mmol/L")
INSULIN_UNITS = ("µU/mL", "pmol/L")
# Decimals kept when a value is converted to the other unit by the toggle.
DECIMALS = {"mg/dL": 1, "mmol/L": 2, "µU/mL": 2, "pmol/L": 1}
# Scale of each index: (key, axis label, low, high, reference person's value).
SCALES = (
    ("homa_ir", "HOMA-IR", 0.0, 6.0, 1.0),
    ("homa_b", "HOMA-%B (%)", 0.0, 400.0, 100.0),
    ("quicki", "QUICKI", 0.25, 0.45,
     quicki(REFERENCE_GLUCOSE_MMOLL, REFERENCE_INSULIN_UUML)),
)
LOW_GLUCOSE_MGDL = HYPOGLYCAEMIA_LEVEL1_MGDL  # 70 mg/dL: ADA level 1 hypoglycaemia (Standards of Care 2024, section 6)
CAVEATS = ("A teaching calculator: try the lesson's example reports, not your own results, which belong "
           "with a clinician who knows you. Fasting sample only (after an overnight fast) · not for people "
           "treated with insulin · one test varies by about 30 % from week to week (Poon et al. 2018) · "
           "values depend on the insulin assay · an index, not a diagnosis.")


class HomaCalculatorPanel(Panel):
    """Fasting glucose and insulin in, HOMA-IR, HOMA-%B and QUICKI out, on reference scales."""

    title = "HOMA calculator: a fasting lab report on three scales"
    caveats_text = CAVEATS
    description = ("Three vertical scales side by side. Left: HOMA-IR from 0 to 6, with dotted "
                   "lines at six published cut-offs (1.78 to 3.46) and a grey dot at the reference "
                   "person (1.0). Middle: HOMA-%B from 0 to 400 % (reference 100 %). Right: QUICKI "
                   "from 0.25 to 0.45 (reference 0.38; lower means less sensitive). A triangle "
                   "pointing right marks the values entered.")
    figsize = (7.0, 4.6)

    def __init__(self, glucose: float = 5.11, glucose_unit: str = "mmol/L", insulin: float = 66.0,
                 insulin_unit: str = "pmol/L"):
        for value, options, name in ((glucose_unit, GLUCOSE_UNITS, "glucose_unit"),
                                     (insulin_unit, INSULIN_UNITS, "insulin_unit")):
            if value not in options:
                raise ValueError(f"{name}={value!r}: expected one of {options}")
        self._start = (glucose, glucose_unit, insulin, insulin_unit)
        super().__init__()

    def _build(self):
        glucose, g_unit, insulin, i_unit = self._start
        box = widgets.Layout(width="260px")
        wide = {"description_width": "120px"}
        self.controls["glucose"] = widgets.FloatText(value=glucose, description="Fasting glucose",
                                                     layout=box, style=wide)
        self.controls["glucose_unit"] = widgets.ToggleButtons(options=GLUCOSE_UNITS, value=g_unit,
                                                              description="glucose unit", style=wide)
        self.controls["insulin"] = widgets.FloatText(value=insulin, description="Fasting insulin",
                                                     layout=box, style=wide)
        self.controls["insulin_unit"] = widgets.ToggleButtons(options=INSULIN_UNITS, value=i_unit,
                                                              description="insulin unit", style=wide)
        self.controls["insulin_factor"] = slider("pmol/L per µU/mL", PMOLL_PER_UUML, PMOLL_PER_UUML,
                                                 PMOLL_PER_UUML_OLD, 0.005, ".3f")
        axes = self.figure.subplots(1, len(SCALES))
        self.axes, self.markers = {}, {}
        for ax, (key, label, low, high, ref) in zip(axes, SCALES):
            ax.set_ylim(low, high)
            ax.set_yticks(np.linspace(low, high, 5 if key == "homa_b" else 7 if key == "homa_ir" else 5))
            ax.set_xlim(0, 1)
            ax.set_xticks([])
            ax.grid(False)
            ax.spines["bottom"].set_visible(False)
            ax.set_title(label, fontsize=11)
            ax.plot([0.5], [ref], "o", color=style.REFERENCE_GREY, ms=9, ls="none")
            ax.annotate("reference\nperson", (0.5, ref), xytext=(0, -7), textcoords="offset points",
                        ha="center", va="top", fontsize=8, color=style.REFERENCE_GREY)
            self.markers[key] = ax.plot([], [], ">", color=style.OKABE_ITO["blue"], ms=14, ls="none")[0]
            self.axes[key] = ax
        previous, va = -1.0, "top"
        for value, _who, _source in sorted(HOMA_IR_CUTOFFS):
            # labels sit just right of the scale, under their line unless the line below is
            # so close that the two labels would overlap
            va = ("bottom" if va == "top" else "top") if value - previous < 0.2 else "top"
            self.axes["homa_ir"].axhline(value, color=style.ALERT_COLOR, ls=":", lw=1.1)
            self.axes["homa_ir"].text(1.02, value, f"{value:g}", fontsize=7, color=style.ALERT_COLOR,
                                      ha="left", va=va, clip_on=False)
            previous = value
        self.figure.suptitle("▶ your values · ● reference person · dotted: published HOMA-IR cut-offs",
                             fontsize=9)

    def _moving_artists(self):
        return self.markers.values()

    def _on_change(self, change):
        owner = change["owner"]
        if self._holding:  # reset() or set(): the values arrive already in their units
            return super()._on_change(change)
        for value_key, unit_key in (("glucose", "glucose_unit"), ("insulin", "insulin_unit")):
            if owner is self.controls[unit_key]:
                self._convert_value(value_key, change["old"], change["new"])
                return
        super()._on_change(change)

    def _convert_value(self, key, old_unit, new_unit):
        """Keep the same person when the unit is switched: convert the number in the box."""
        with self.hold():
            try:
                if key == "glucose":
                    value = convert_glucose(self.controls[key].value, old_unit, new_unit)
                else:
                    value = convert_insulin(self.controls[key].value, old_unit, new_unit,
                                            self.controls["insulin_factor"].value)
            except ValueError:
                return  # an invalid number stays as typed; update() reports it
            self.controls[key].value = round(float(value), DECIMALS[new_unit])

    def results(self) -> dict:
        """The indices for the current inputs; HOMA-%B is None where it is undefined."""
        v = self.values
        units = {"glucose_unit": v["glucose_unit"], "insulin_unit": v["insulin_unit"],
                 "insulin_factor": v["insulin_factor"]}
        out = {"homa_ir": homa_ir(v["glucose"], v["insulin"], **units),
               "quicki": quicki(v["glucose"], v["insulin"], **units)}
        try:
            out["homa_b"] = homa_b(v["glucose"], v["insulin"], **units)
        except ValueError:
            out["homa_b"] = None
        return out

    def _redraw(self):
        v = self.values
        res = self.results()
        for key, _label, low, high, _ref in SCALES:
            value = res[key]
            if value is None:
                self.markers[key].set_data([], [])
            else:
                self.markers[key].set_data([0.15], [float(np.clip(value, low, high))])
        g_mg = convert_glucose(v["glucose"], v["glucose_unit"], "mg/dL")
        g_mmol = convert_glucose(g_mg, "mg/dL", "mmol/L")
        i_uu = convert_insulin(v["insulin"], v["insulin_unit"], "µU/mL", v["insulin_factor"])
        category = classify_glycemia(fasting_glucose=g_mg).overall
        if g_mg < LOW_GLUCOSE_MGDL:
            category = f"below {LOW_GLUCOSE_MGDL:.0f} mg/dL, low: outside the ADA categories"
        below = [c for c, _w, _s in HOMA_IR_CUTOFFS if res["homa_ir"] > c]
        b_text = (f"HOMA-%B <b>{res['homa_b']:.0f} %</b>" if res["homa_b"] is not None else
                  "HOMA-%B <b>undefined</b> (glucose at or below 3.5 mmol/L)")
        self.readout.value = (
            f"Glucose {g_mg:.0f} mg/dL = {g_mmol:.2f} mmol/L (ADA fasting category: {category}); "
            f"insulin {i_uu:.1f} µU/mL = {i_uu * v['insulin_factor']:.0f} pmol/L "
            f"(factor {v['insulin_factor']:.3f}).<br>"
            f"HOMA-IR <b>{res['homa_ir']:.2f}</b> (above {len(below)} of the "
            f"{len(HOMA_IR_CUTOFFS)} published cut-offs shown), {b_text}, "
            f"QUICKI <b>{res['quicki']:.3f}</b>.")


@register("homa_calculator")
def homa_calculator_panel(glucose: float = 5.11, glucose_unit: str = "mmol/L", insulin: float = 66.0,
                          insulin_unit: str = "pmol/L") -> HomaCalculatorPanel:
    """Panel A of Lesson 2: a HOMA calculator with unit toggles and the insulin conversion
    factor (6.0 or the older 6.945 pmol/L per µU/mL) as a slider. The start-up values are the
    fasting sample of the Pacini & Bergman (1986) FSIGT subject of Lesson 1 (92 mg/dL and
    11 µU/mL) written in SI units."""
    return HomaCalculatorPanel(glucose, glucose_unit, insulin, insulin_unit)

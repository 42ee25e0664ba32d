"""Panel: the twin cycles. Liver fat sets the liver's overnight glucose output and so, with the
person's insulin sensitivity and beta cells, their fasting glucose (Lesson 1's loop); pancreas
fat goes with the first-phase insulin response (the measured line of the Counterpoint study).
See :mod:`glucolab.models.twin_cycle` for the sources of every number."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import style
from ..models import feedback
from ..models import twin_cycle as tc
from ..thresholds import FASTING_DIABETES_MGDL, FASTING_PREDIABETES_MGDL, NORMAL_FASTING_MGDL
from . import register
from .base import CONTROL_WIDTH, LABEL_WIDTH, Panel, slider

SI_SCALE = 1e-4
GLUCOSE_GRID = np.linspace(40.0, 400.0, 361)  # mg/dL
NORMAL_FASTING = NORMAL_FASTING_MGDL  # (70, 99) mg/dL (ADA 2024)
DIABETES_FASTING = FASTING_DIABETES_MGDL  # 126 mg/dL (ADA 2024)
CUSTOM = "custom"
PEOPLE = {
    "fitted to Counterpoint's baseline": tc.COUNTERPOINT_PERSON,
    "Lesson 1: healthy": feedback.PRESETS["healthy"],
    "Lesson 1: insulin resistant, compensating": feedback.PRESETS["insulin resistant, compensating"],
}
SLIDER_RANGES = {"liver_fat": (0.5, 25.0), "pancreas_fat": (3.0, 10.0), "SI": (0.5, 12.0), "beta": (0.2, 4.0)}


def _measured_first_phase():
    """(pancreas fat %, first-phase % of the study's own controls, label, marker) for the plotted groups."""
    c, s = tc.STUDIES["Counterpoint"], tc.STUDIES["Steven 2016"]
    out = []
    for study, marker, name in ((c, "o", "Counterpoint"), (s, "s", "Steven 2016")):
        ref = study["first-phase insulin", "controls"].value
        for when in ("baseline", "week 8" if study is c else "after"):
            out.append((study["pancreas fat", when].value, 100 * study["first-phase insulin", when].value / ref,
                        f"{name}, {when}", marker))
    out.append((s["pancreas fat", "controls"].value, 100.0, "Steven 2016, no diabetes", "^"))
    return out


class LiverFatPanel(Panel):
    """The fasting balance of one person at a chosen liver fat, and first-phase insulin against pancreas fat."""

    title = "Fat in the liver and the pancreas: the twin cycles"
    description = ("Left: the fasting balance. The flat line is the glucose the liver releases overnight, the rising "
                   "curve the glucose the tissues take up at each glucose level (more at higher glucose, because "
                   "insulin rises with it); where they cross is the fasting glucose, marked with a diamond. Grey "
                   "dashed lines are the healthy reference person, the green band the normal fasting range 70-99 "
                   "mg/dL and the dotted line the diabetes threshold 126 mg/dL. Right: first-phase insulin response, "
                   "as a percentage of people without diabetes, against pancreas fat: the straight line through "
                   "Counterpoint's two group means, measured group means as symbols (filled before weight loss, "
                   "hollow after), and a vertical line at the chosen pancreas fat.")
    figsize = (10.0, 4.6)

    def __init__(self, person: str = "fitted to Counterpoint's baseline", liver_fat: float = 12.8,
                 pancreas_fat: float = 8.0):
        if person not in PEOPLE:
            raise ValueError(f"person={person!r}: expected one of {sorted(PEOPLE)}")
        self._start = (person, liver_fat, pancreas_fat)
        super().__init__()

    def _build(self):
        person, liver_fat, pancreas_fat = self._start
        p = PEOPLE[person]
        self.controls["person"] = widgets.Dropdown(options=list(PEOPLE) + [CUSTOM], value=person,
                                                   description="Person", layout=widgets.Layout(width=CONTROL_WIDTH),
                                                   style={"description_width": LABEL_WIDTH})
        self.controls["liver_fat"] = slider("liver fat (%)", liver_fat, *SLIDER_RANGES["liver_fat"], 0.1, ".1f")
        self.controls["pancreas_fat"] = slider("pancreas fat (%)", pancreas_fat, *SLIDER_RANGES["pancreas_fat"],
                                               0.1, ".1f")
        self.controls["SI"] = slider("S_I (×10⁻⁴ /min per µU/mL)", round(p.SI / SI_SCALE, 2),
                                     *SLIDER_RANGES["SI"], 0.01, ".2f")
        self.controls["beta"] = slider("β-cell response (× healthy)", p.beta, *SLIDER_RANGES["beta"], 0.05, ".2f")

        ax_b, ax_p = self.figure.subplots(1, 2, width_ratios=[1.35, 1])
        self.axes = {"balance": ax_b, "pancreas": ax_p}
        ax_b.axvspan(*NORMAL_FASTING, color=style.BAND_COLOR, alpha=0.12, lw=0, zorder=0)
        ax_b.text(NORMAL_FASTING[0], 0.98, " normal\n 70-99", transform=ax_b.get_xaxis_transform(), va="top",
                  fontsize=8, color=style.BAND_COLOR)
        ax_b.axvline(DIABETES_FASTING, color=style.ALERT_COLOR, ls=":", lw=1.2)
        ax_b.text(DIABETES_FASTING, 0.02, " diabetes ≥126", transform=ax_b.get_xaxis_transform(), fontsize=8,
                  color=style.ALERT_COLOR)
        healthy = feedback.PRESETS["healthy"]
        ref = tc.fasting_balance(GLUCOSE_GRID, 2.0, params=healthy)
        ax_b.plot(GLUCOSE_GRID, ref.output, color=style.REFERENCE_GREY, ls="--", lw=1.3)
        ax_b.plot(GLUCOSE_GRID, ref.uptake, color=style.REFERENCE_GREY, ls="--", lw=1.3, label="healthy reference")
        self.lines = {
            "output": ax_b.plot([], [], color=style.OKABE_ITO["vermillion"], ls="-", label="liver's glucose output")[0],
            "uptake": ax_b.plot([], [], color=style.OKABE_ITO["blue"], ls="-.", label="tissues' uptake")[0],
            "fasting": ax_b.plot([], [], "D", color=style.OKABE_ITO["black"], ms=9, ls="none",
                                 label="fasting glucose")[0],
        }
        ax_b.set_xlim(GLUCOSE_GRID[0], GLUCOSE_GRID[-1])
        ax_b.set_ylim(0.0, 4.0)
        ax_b.set_xlabel("glucose (mg/dL)")
        ax_b.set_ylabel("glucose in or out\n(mg/dL per min)")
        ax_b.set_title("Fasting balance", fontsize=11)
        ax_b.legend(loc="upper left", bbox_to_anchor=(0.0, 0.86), fontsize=8)

        grid = np.linspace(*SLIDER_RANGES["pancreas_fat"], 141)
        ax_p.plot(grid, 100 * tc.first_phase_fraction(grid), color=style.OKABE_ITO["green"], ls="-",
                  label="line through Counterpoint")
        for fat, pct, label, marker in _measured_first_phase():
            after = label.endswith(("week 8", "after"))  # hollow after weight loss, filled before
            ax_p.plot([fat], [pct], marker, color=style.OKABE_ITO["purple"] if "Steven" in label
                      else style.OKABE_ITO["black"], mfc="white" if after else None, ms=7, ls="none", label=label)
        self.lines["pancreas"] = ax_p.axvline(pancreas_fat, color=style.OKABE_ITO["orange"], ls="--", lw=1.5)
        self.lines["first_phase"] = ax_p.plot([], [], "o", mfc="none", mec=style.OKABE_ITO["orange"], ms=13,
                                              mew=2, ls="none")[0]
        ax_p.set_xlim(*SLIDER_RANGES["pancreas_fat"])
        ax_p.set_ylim(0.0, 115.0)
        ax_p.set_xlabel("pancreas fat (%)")
        ax_p.set_ylabel("first-phase insulin\n(% of no diabetes)")
        ax_p.set_title("Pancreas", fontsize=11)
        ax_p.legend(loc="lower left", fontsize=7)
        self.fasting = None

    def _on_change(self, change):
        if change["owner"] is self.controls["person"]:
            name = change["new"]
            if name != CUSTOM:
                p = PEOPLE[name]
                self.set(SI=round(p.SI / SI_SCALE, 2), beta=p.beta)
            return
        super()._on_change(change)

    def _label_custom(self):
        """Show 'custom' once S_I or β leaves the chosen person."""
        name = self.controls["person"].value
        if name == CUSTOM:
            return
        p = PEOPLE[name]
        wanted = {"SI": round(p.SI / SI_SCALE, 2), "beta": p.beta}
        if any(abs(self.controls[k].value - x) > self.controls[k].step / 2 + 1e-12 for k, x in wanted.items()):
            self._holding += 1  # relabelling is not a change of parameters
            self.controls["person"].value = CUSTOM
            self._holding -= 1

    def _moving_artists(self):
        return list(self.lines.values())

    def person(self) -> feedback.Person:
        """The person the sliders describe."""
        v = self.values
        return feedback.Person(SI=v["SI"] * SI_SCALE, beta=v["beta"])

    def _redraw(self):
        self._label_custom()
        v = self.values
        person = self.person()
        state = tc.steady_state(v["liver_fat"], params=person, pancreas_fat=v["pancreas_fat"])
        self.fasting = state
        balance = tc.fasting_balance(GLUCOSE_GRID, v["liver_fat"], params=person)
        output = balance.output
        self.lines["output"].set_data(GLUCOSE_GRID, output)
        self.lines["uptake"].set_data(GLUCOSE_GRID, balance.uptake)
        # the diamond sits at the crossing; beyond the axis it is drawn at the edge and the readout says so
        shown = min(state.glucose, GLUCOSE_GRID[-1])
        self.lines["fasting"].set_data([shown], [output[0]])
        self.lines["pancreas"].set_xdata([v["pancreas_fat"], v["pancreas_fat"]])
        self.lines["first_phase"].set_data([v["pancreas_fat"]], [100 * state.first_phase])
        g = state.glucose
        category = ("normal" if g < FASTING_PREDIABETES_MGDL else "in the diabetes range" if g >= DIABETES_FASTING
                    else "impaired (100-125 mg/dL)")
        beyond = " (beyond the right edge of the plot)" if g > GLUCOSE_GRID[-1] else ""
        self.readout.value = (
            f"Liver fat {v['liver_fat']:.1f} %: the liver releases <b>{state.output_factor:.2f} ×</b> the healthy "
            f"reference's glucose. Fasting glucose <b>{g:.0f} mg/dL = {state.glucose_mmoll:.1f} mmol/L</b>{beyond}, "
            f"{category}; fasting insulin {state.insulin:.1f} µU/mL, HOMA-IR {state.homa_ir:.1f}.<br>"
            f"Pancreas fat {v['pancreas_fat']:.1f} %: on Counterpoint's line the first-phase insulin response is "
            f"<b>{100 * state.first_phase:.0f} %</b> of people without diabetes "
            f"(about {state.first_phase * tc.STUDIES['Counterpoint']['first-phase insulin', 'controls'].value:.2f} "
            "nmol/min/m²). It does not change the fasting glucose in this model.")


@register("liver_fat")
def liver_fat_panel(person: str = "fitted to Counterpoint's baseline", liver_fat: float = 12.8,
                    pancreas_fat: float = 8.0) -> LiverFatPanel:
    """Panel A of Lesson 10: the fasting balance at a chosen liver fat (Lesson 1's loop with the
    liver's output from :mod:`glucolab.models.twin_cycle`) and the first-phase insulin response
    against pancreas fat. ``person`` picks S_I and β (fitted to Counterpoint's baseline, or one of
    Lesson 1's people); ``liver_fat`` and ``pancreas_fat`` are in %."""
    return LiverFatPanel(person, liver_fat, pancreas_fat)

